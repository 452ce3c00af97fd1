"""`kexplore get PATH [--jq PROGRAM]` against the real sandbox: stdout, exit codes, history."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import orjson

from kexplore.cli import build_parser
from kexplore.core.history.store import HistoryStore
from kexplore.core.settings.settings import Profile, Settings
from kexplore.get_command import run_get
from kexplore.sandbox.server import RunningSandbox

KEY = "sandbox-admin-key"
ROOT = Path(__file__).resolve().parent.parent


def settings_for(base_url: str, tmp_path: Path) -> Settings:
    profile = Profile("sandbox", base_url, sandbox=True)
    return Settings(profile, KEY, tmp_path / "c.toml", tmp_path / "h.toml", tmp_path / "s.toml")


def get(base_url: str, tmp_path: Path, *argv: str) -> tuple[int, bytes, str]:
    """Run `kexplore get ARGV` in-process: (exit code, stdout bytes, stderr text)."""
    args = build_parser().parse_args(["get", *argv])
    out, err = io.BytesIO(), io.StringIO()
    code = run_get(args, settings_for(base_url, tmp_path), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_body_as_received_and_one_history_entry_with_its_identity(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    code, out, err = get(sandbox.base_url, tmp_path, "/v1/customers?pageSize=2")
    assert code == 0, err
    assert len(orjson.loads(out)["data"]) == 2
    (entry,) = HistoryStore(tmp_path / "h.toml").load()
    assert (entry.method, entry.target, entry.credential) == ("GET", "sandbox", "role:admin")
    assert KEY not in (tmp_path / "h.toml").read_text()


def test_jq_prints_each_value_on_a_line_and_raw_strings(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    code, out, _ = get(sandbox.base_url, tmp_path, "/v1/customers?pageSize=3", "--jq", ".meta")
    assert code == 0 and orjson.loads(out)["pageSize"] == 3
    code, out, _ = get(
        sandbox.base_url, tmp_path, "/v1/customers?pageSize=3", "--jq", ".data[].id", "-r"
    )
    ids = out.decode().splitlines()
    assert code == 0 and len(ids) == 3 and all(len(i) == 24 for i in ids)


def test_a_jq_syntax_error_exits_2_with_its_position_and_sends_nothing(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    sandbox.clear_log()
    code, out, err = get(sandbox.base_url, tmp_path, "/v1/customers", "--jq", ".data[")
    assert (code, out) == (2, b"")
    assert "line 1, column 6: syntax error" in err
    assert sandbox.requests == []


def test_a_404_exits_1_and_still_prints_the_error_body(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    code, out, err = get(sandbox.base_url, tmp_path, "/v1/customers/000000000000000000000000")
    assert code == 1 and "404" in err
    assert orjson.loads(out)["errors"]


def test_the_command_line_with_its_own_sandbox(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    argv = ["get", "--sandbox", "/v1/customers?pageSize=1", "--jq", "[.data[] | .type]"]
    done = subprocess.run(
        [sys.executable, "-m", "kexplore", *argv],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert orjson.loads(done.stdout) == ["customer"]
