"""Sandbox figures that used to be timed assertions in tests/sandbox/test_seed.py.

    .venv/bin/python benchmarks/bench_sandbox.py [--write]

Seeding 100,000 customers, a deep page and a search over them, and re-opening a seeded store
(which must skip seeding). `--write` puts them in the "Sandbox" section of docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from probe import LoadWatch  # noqa: E402

DOC = ROOT / "docs" / "PERFORMANCE.md"


def measure() -> dict[str, float]:
    """Seconds for each step, in this process."""
    import httpx

    from kexplore.sandbox.seed.seed import seed_store
    from kexplore.sandbox.server import SandboxConfig, start_sandbox
    from kexplore.sandbox.store import Store

    figures: dict[str, float] = {}
    started = time.perf_counter()
    running = start_sandbox(SandboxConfig(port=0, customers=100_000, rate_limit=100_000))
    figures["start and seed 100,000 customers"] = time.perf_counter() - started
    headers = {"Authorization": "Bearer sandbox-admin-key"}
    try:
        with httpx.Client(base_url=running.base_url, headers=headers) as client:
            client.get("/v1/customers?pageSize=1")  # connection made
            started = time.perf_counter()
            client.get("/v1/customers?page=500&pageSize=100").raise_for_status()
            figures["GET page 500 of 100"] = time.perf_counter() - started
            body = {"and": [{"customer_name": {"contains": "cooper"}}]}
            started = time.perf_counter()
            client.post("/v1/customers/search", json=body).raise_for_status()
            figures["POST /v1/customers/search (name contains)"] = time.perf_counter() - started
    finally:
        running.stop()
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "s.db")
        first = Store(path)
        seed_store(first, 42, 10)
        first.close()
        again = Store(path)
        started = time.perf_counter()
        seed_store(again, 1, 5000)
        figures["re-open a seeded store (seeding skipped)"] = time.perf_counter() - started
    return figures


def section(figures: dict[str, float], load: str) -> str:
    rows = "\n".join(f"| {step} | {seconds * 1000:,.0f} |" for step, seconds in figures.items())
    return (
        "## Sandbox\n\n"
        "`benchmarks/bench_sandbox.py` (these were timed assertions in the test suite; the tests\n"
        "now check only what the sandbox returns). "
        f"One run, {time.strftime('%Y-%m-%d')}; {load}.\n\n"
        f"| step | ms |\n| --- | --- |\n{rows}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    watch = LoadWatch().start()
    figures = measure()
    text = section(figures, watch.stop().text())
    print(text)
    if args.write:
        doc = DOC.read_text()
        doc = re.sub(r"^## Sandbox\n.*?(?=^## |\Z)", "", doc, flags=re.S | re.M).rstrip()
        DOC.write_text(f"{doc}\n\n{text}")


if __name__ == "__main__":
    main()
