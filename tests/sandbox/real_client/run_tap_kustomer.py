"""Run singer-io's tap-kustomer (PyPI `tap-kustomer`), written against production, against a
sandbox: discover, select every stream, sync, and count the records per stream.

Not a test (the tap is no dependency of kexplore); run it by hand, in a venv of its own:

    python3 -m venv /tmp/tap && /tmp/tap/bin/pip install tap-kustomer
    kexplore sandbox --port 8797 &
    /tmp/tap/bin/python tests/sandbox/real_client/run_tap_kustomer.py http://127.0.0.1:8797

The tap's base URL is fixed to production; this script points it at the sandbox and changes
nothing else.
"""

from __future__ import annotations

import collections
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

import tap_kustomer
import tap_kustomer.client as client_module


def _pointed_at(base: str) -> None:
    original = client_module.KustomerClient.__init__

    def init(self: client_module.KustomerClient, token: str, user_agent: str | None = None) -> None:
        original(self, token, user_agent)
        self.base_url = f"{base}/v1"

    client_module.KustomerClient.__init__ = init


def _run(args: list[str]) -> str:
    out = io.StringIO()
    sys.argv = ["tap-kustomer", *args]
    with contextlib.redirect_stdout(out):
        tap_kustomer.main()
    return out.getvalue()


def main() -> int:
    """Discover, select all, sync; print the record count of each stream."""
    _pointed_at(sys.argv[1].rstrip("/"))
    work = Path(tempfile.mkdtemp())
    config = {"api_token": "sandbox-admin-key", "start_date": "2025-01-01T00:00:00Z"}
    config["user_agent"] = "kexplore-sandbox-check"
    (work / "config.json").write_text(json.dumps(config))
    catalog = json.loads(_run(["--config", str(work / "config.json"), "--discover"]))
    for stream in catalog["streams"]:
        for entry in stream["metadata"]:
            if entry["breadcrumb"] == []:
                entry["metadata"]["selected"] = True
    (work / "catalog.json").write_text(json.dumps(catalog))
    lines = _run(["--config", str(work / "config.json"), "--catalog", str(work / "catalog.json")])
    counts = collections.Counter(
        message["stream"]
        for message in map(json.loads, lines.splitlines())
        if message["type"] == "RECORD"
    )
    print(json.dumps(counts))
    return 0 if len(counts) == len(catalog["streams"]) else 1


if __name__ == "__main__":
    sys.exit(main())
