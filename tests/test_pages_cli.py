"""`kexplore pages` against the real sandbox: exit codes, files, stdout, --resume after a kill."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from kexplore.cli import build_parser, main
from kexplore.core.settings.settings import Profile, Settings
from kexplore.pages_command import run_pages
from kexplore.sandbox.server import RunningSandbox, SandboxConfig, start_sandbox

KEY = "sandbox-admin-key"
ROOT = Path(__file__).resolve().parent.parent


def settings_for(base_url: str, tmp_path: Path) -> Settings:
    profile = Profile("sandbox", base_url, sandbox=True)
    return Settings(profile, KEY, tmp_path / "c.toml", tmp_path / "h.toml", tmp_path / "s.toml")


def pages(base_url: str, tmp_path: Path, *argv: str) -> tuple[int, bytes, str]:
    """Run `kexplore pages ARGV` in-process: (exit code, stdout bytes, stderr text)."""
    args = build_parser().parse_args(["pages", *argv])
    out, err = io.BytesIO(), io.StringIO()
    code = run_pages(args, settings_for(base_url, tmp_path), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def listed_ids(base_url: str) -> list[str]:
    ids: list[str] = []
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {KEY}"}) as client:
        for page in range(1, 4):
            document = client.get("/v1/customers", params={"page": page, "pageSize": 100}).json()
            ids += [item["id"] for item in document["data"]]
    return ids


def jsonl_ids(path: Path) -> list[str]:
    return [orjson.loads(line)["id"] for line in path.read_bytes().splitlines()]


@pytest.fixture
def slow_sandbox() -> Iterator[RunningSandbox]:
    """Every request takes 40 ms more, so a walk can be killed half way."""
    with start_sandbox(SandboxConfig(port=0, faults="*=latency:40")) as running:
        yield running


def test_a_list_to_a_jsonl_file(sandbox: RunningSandbox, tmp_path: Path) -> None:
    out = tmp_path / "customers.jsonl"
    code, stdout, stderr = pages(
        sandbox.base_url, tmp_path, "/v1/customers?pageSize=40", "--output", str(out)
    )
    assert code == 0, stderr
    assert stdout == b""
    assert jsonl_ids(out) == listed_ids(sandbox.base_url)
    assert "250 items in 7 pages" in stderr
    assert sorted(os.listdir(tmp_path)) == ["customers.jsonl"]


def test_csv_on_stdout_has_a_header_and_a_row_per_item(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    code, stdout, _ = pages(sandbox.base_url, tmp_path, "/v1/customers", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(stdout.decode(), newline="")))
    assert [row["id"] for row in rows] == listed_ids(sandbox.base_url)
    assert rows[0]["type"] == "customer" and "name" in rows[0]


def test_a_stop_exits_1_says_where_and_resume_finishes_it(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    out = tmp_path / "c.csv"
    argv = ["/v1/customers?pageSize=30", "--format", "csv", "--output", str(out)]
    code, _, stderr = pages(sandbox.base_url, tmp_path, *argv, "--max-pages", "2")
    assert code == 1
    assert "stopped after page 2 (60 items): stopped at the cap of 2 pages" in stderr
    assert "next page: GET" in stderr and "page=3" in stderr and "--resume" in stderr
    assert not out.exists()
    code, _, stderr = pages(sandbox.base_url, tmp_path, *argv, "--resume")
    assert code == 0, stderr
    assert "resuming after page 2 (60 items)" in stderr
    rows = list(csv.DictReader(out.open(newline="", encoding="utf-8")))
    assert [row["id"] for row in rows] == listed_ids(sandbox.base_url)
    assert sorted(os.listdir(tmp_path)) == ["c.csv"]


def test_resume_after_killing_a_real_process_continues_without_duplicates(
    slow_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    out = tmp_path / "all.jsonl"
    state = tmp_path / "all.jsonl.part.state"
    argv = ["pages", "/v1/customers?pageSize=5", "--output", str(out)]
    env = {
        "KUSTOMER_API_KEY": KEY,
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    command = [sys.executable, "-m", "kexplore", *argv, "--base-url", slow_sandbox.base_url]
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not (state.exists() and orjson.loads(state.read_bytes())["pages"] >= 6):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)  # polling for a condition, not a fixed pause
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL and not out.exists()
    with open(tmp_path / "all.jsonl.part", "ab") as spool:
        spool.write(b'{"type":"customer","id":"torn-wri')  # as if killed mid-write
    middleware: Any = slow_sandbox._built.app
    middleware.rules = ()
    code, _, stderr = pages(slow_sandbox.base_url, tmp_path, *argv[1:], "--resume")
    assert code == 0, stderr
    ids = jsonl_ids(out)
    assert ids == listed_ids(slow_sandbox.base_url) and len(set(ids)) == 250


def test_the_key_is_in_no_file_written(fresh_sandbox: RunningSandbox, tmp_path: Path) -> None:
    with httpx.Client(base_url=fresh_sandbox.base_url) as client:
        made = client.post(
            "/v1/customers",
            json={"name": f"echo {KEY}"},
            headers={"Authorization": f"Bearer {KEY}"},
        )
        assert made.status_code == 201
    path = f"/v1/customers?pageSize=100&note={KEY}"  # the server echoes it in every link
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"x.{fmt}"
        code, _, err = pages(
            fresh_sandbox.base_url,
            tmp_path,
            path,
            "--format",
            fmt,
            "--output",
            str(out),
            "--max-pages",
            "1",
        )
        assert code == 1 and KEY not in err
        code, _, err = pages(
            fresh_sandbox.base_url,
            tmp_path,
            path,
            "--format",
            fmt,
            "--output",
            str(out),
            "--resume",
        )
        assert code == 0, err
        assert b"echo <redacted>" in out.read_bytes()
    for name in os.listdir(tmp_path):
        assert KEY.encode() not in (tmp_path / name).read_bytes(), name


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--max-pages", "0"], "--max-pages needs a positive number"),
        (["--max-items", "-3"], "--max-items needs a positive number"),
        (["--reserve", "100"], "--reserve is a percentage"),
        (["--resume"], "--resume needs --output"),
        (["--output", "/no/such/dir/x.csv"], "its directory does not exist"),
        (["--body", "{not json"], "body"),
    ],
)
def test_bad_arguments_exit_2(
    sandbox: RunningSandbox, tmp_path: Path, argv: list[str], words: str
) -> None:
    code, stdout, stderr = pages(sandbox.base_url, tmp_path, "/v1/customers", *argv)
    assert (code, stdout) == (2, b"")
    assert words in stderr


def test_no_key_and_bad_options_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    assert main(["pages", "/v1/customers"], environ=env) == 2
    assert "No API key" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["pages", "/v1/customers", "--format", "xml"], environ=env)
    assert exited.value.code == 2


def test_a_4xx_exits_1_with_the_apis_words(sandbox: RunningSandbox, tmp_path: Path) -> None:
    code, _, stderr = pages(sandbox.base_url, tmp_path, "/v1/nothing-here")
    assert code == 1
    assert "stopped after page 0 (0 items): 404" in stderr
