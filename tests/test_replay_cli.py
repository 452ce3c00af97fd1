"""`kexplore replay` against the real sandbox over a socket: selection, --check, --diff, reports."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import orjson
import pytest

from kexplore.cli import build_parser
from kexplore.core.history.collection import Collection
from kexplore.core.history.store import HistoryStore
from kexplore.core.http.client import ApiClient
from kexplore.core.http.identity import Identity
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.urls import origin_text
from kexplore.core.settings.settings import Profile, Settings
from kexplore.replay.command import ReplayTarget, run_replay

ADMIN_KEY = "sandbox-admin-key"


class Tty(io.StringIO):
    """A stdout that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def settings_for(
    base_url: str, tmp_path: Path, key: str | None = ADMIN_KEY, *, sandbox: bool = True
) -> Settings:
    profile = Profile("sandbox" if sandbox else "prod", base_url, sandbox=sandbox)
    return Settings(
        profile, key, tmp_path / "config.toml", tmp_path / "h.toml", tmp_path / "c.toml"
    )


async def _send(base_url: str, requests: list[ApiRequest], store: HistoryStore | None) -> list:
    async with ApiClient(base_url, ADMIN_KEY) as client:
        responses = []
        for request in requests:
            response = await client.send(request)
            if store is not None:
                url = client.resolve(request.url)
                store.append(request, response, url=url, profile="sandbox")
            responses.append(response)
        return responses


def send(base_url: str, *requests: ApiRequest, store: HistoryStore | None = None) -> list:
    """Send `requests` to the sandbox (recording them in `store`, if given)."""
    return asyncio.run(_send(base_url, list(requests), store))


def customer_ids(base_url: str, count: int = 2) -> list[str]:
    [page] = send(base_url, ApiRequest("GET", "/v1/customers", params=(("pageSize", "5"),)))
    return [item["id"] for item in page.json()["data"][:count]]


def record_history(base_url: str, path: Path, extra: int = 0) -> tuple[HistoryStore, list[str]]:
    """A history of 3 (+extra) successful GETs: a list page and two customers, kept bodies."""
    store = HistoryStore(path, secrets=(ADMIN_KEY,))
    ids = customer_ids(base_url)
    requests = [ApiRequest("GET", "/v1/customers", params=(("pageSize", "2"),))]
    requests += [ApiRequest("GET", f"/v1/customers/{i}") for i in ids]
    requests += [ApiRequest("GET", f"/v1/customers/{ids[0]}") for _ in range(extra)]
    send(base_url, *requests, store=store)
    return store, ids


def replay(settings: Settings, *argv: str, stdout: io.StringIO | None = None) -> tuple:
    """Run `kexplore replay ARGV` in-process: (exit code, stdout text, stderr text)."""
    args = build_parser().parse_args(["replay", *argv])
    out, err = stdout or io.StringIO(), io.StringIO()
    code = run_replay(args, ReplayTarget(settings), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def recorded(fresh_sandbox: Any, tmp_path: Path) -> tuple[Any, Settings, Path, list[str]]:
    """A fresh sandbox, settings for it, and a history file of three requests to it."""
    store, ids = record_history(fresh_sandbox.base_url, tmp_path / "history.toml")
    fresh_sandbox.clear_log()
    return fresh_sandbox, settings_for(fresh_sandbox.base_url, tmp_path), store.path, ids


class TestReplay:
    def test_every_entry_is_resent_and_reported(self, recorded: Any) -> None:
        sandbox, settings, path, ids = recorded
        code, out, err = replay(settings, str(path))
        lines = out.splitlines()
        assert code == 0 and err == ""
        assert lines[0].startswith("GET /v1/customers?pageSize=2  200 -> 200  ")
        assert lines[1].startswith(f"GET /v1/customers/{ids[0]}  200 -> 200  ")
        assert all(line.endswith(" ms  [sandbox · admin key]  OK") for line in lines[:3])
        assert lines[3].startswith("3 replayed in ") and lines[3].endswith("3 OK, 0 DIFF, 0 ERROR")
        assert [p for _m, p in sandbox.requests] == [
            "/v1/customers?pageSize=2",
            f"/v1/customers/{ids[0]}",
            f"/v1/customers/{ids[1]}",
        ]

    def test_check_passes_when_nothing_changed(self, recorded: Any) -> None:
        _sandbox, settings, path, _ids = recorded
        assert replay(settings, str(path), "--check", "--diff")[0] == 0

    def test_check_fails_when_a_record_is_gone(self, recorded: Any) -> None:
        sandbox, settings, path, ids = recorded
        send(sandbox.base_url, ApiRequest("DELETE", f"/v1/customers/{ids[1]}"))
        code, out, _err = replay(settings, str(path), "--check")
        assert code == 1
        assert f"GET /v1/customers/{ids[1]}  200 -> 404  " in out
        assert out.splitlines()[2].endswith("DIFF")
        assert replay(settings, str(path))[0] == 0  # without --check, a difference is no failure

    def test_diff_shows_what_changed_and_ignores_volatile_fields(self, recorded: Any) -> None:
        sandbox, settings, path, ids = recorded
        [before] = send(sandbox.base_url, ApiRequest("GET", f"/v1/customers/{ids[0]}"))
        old_name = before.json()["data"]["attributes"]["name"]
        body = orjson.dumps({"name": "Janet Replayed", "company": None}).decode()
        send(sandbox.base_url, ApiRequest("PATCH", f"/v1/customers/{ids[0]}", body=body))
        code, out, _err = replay(settings, str(path), "--diff", "--check")
        change = (
            f'    ~ data.attributes.name: {orjson.dumps(old_name).decode()} -> "Janet Replayed"'
        )
        assert code == 1 and change in out.splitlines()
        assert "updatedAt" not in out and "modifiedAt" not in out and ".rev" not in out
        assert replay(settings, str(path), "--diff", "--check", "--ignore", "name")[0] == 0

    def test_key_comes_from_settings_only(self, recorded: Any, tmp_path: Path) -> None:
        _sandbox, _settings, path, _ids = recorded
        assert b"Bearer" not in path.read_bytes() and ADMIN_KEY.encode() not in path.read_bytes()
        base = recorded[0].base_url
        wrong = settings_for(base, tmp_path, key="not-a-key", sandbox=False)
        code, out, _err = replay(wrong, str(path), "--check", "--retarget", "--base-url", base)
        assert code == 1 and out.count("200 -> 401") == 3
        assert out.count("[prod · $KUSTOMER_API_KEY]  RETARGETED  DIFF") == 3


class TestSelection:
    def test_by_id_prefix_and_last(self, recorded: Any) -> None:
        sandbox, settings, path, ids = recorded
        entries = HistoryStore(path).load()
        code, out, _err = replay(settings, str(path), entries[2].id, entries[0].id[:-2])
        assert code == 0 and out.splitlines()[0].startswith(f"GET /v1/customers/{ids[1]} ")
        assert len(sandbox.requests) == 2
        code, out, _err = replay(settings, str(path), "--last", "1")
        assert out.startswith(f"GET /v1/customers/{ids[1]} ") and out.count(" -> ") == 1

    def test_collection_by_name_with_expected_status(self, fresh_sandbox: Any, tmp_path: Path):
        saved = Collection(tmp_path / "collection.toml")
        base = fresh_sandbox.base_url
        for name, path, expect in (("list", "/v1/customers", None), ("gone", "/v1/nope", 404)):
            request = ApiRequest("GET", path)
            saved.save(name, request, url=base + path, profile="s", expect_status=expect)
        settings = settings_for(base, tmp_path)
        code, out, _err = replay(settings, str(saved.path), "gone", "--check")
        assert code == 0 and out.startswith("gone: GET /v1/nope  404 -> 404  ")
        code, out, _err = replay(settings, str(saved.path), "list", "--check")
        assert code == 0 and out.startswith("list: GET /v1/customers  2xx -> 200  ")


class TestReports:
    def test_junit_is_readable_xml(self, recorded: Any, tmp_path: Path) -> None:
        sandbox, settings, path, ids = recorded
        send(sandbox.base_url, ApiRequest("DELETE", f"/v1/customers/{ids[0]}"))
        report = tmp_path / "out" / "junit.xml"
        report.parent.mkdir()
        code, out, _err = replay(settings, str(path), "--format", "junit", "--output", str(report))
        assert code == 0 and "1 DIFF" in out
        root = ET.parse(report).getroot()
        suite = root.find("testsuite")
        assert suite is not None and suite.get("tests") == "3" and suite.get("failures") == "1"
        cases = suite.findall("testcase")
        assert [c.find("failure") is not None for c in cases] == [False, True, False]
        failure = cases[1].find("failure")
        assert failure is not None and failure.get("message") == "status 200 -> 404"

    def test_text_report_to_a_file(self, recorded: Any, tmp_path: Path) -> None:
        _sandbox, settings, path, _ids = recorded
        report = tmp_path / "replay.txt"
        code, out, _err = replay(settings, str(path), "--output", str(report))
        assert code == 0 and report.read_text() == "".join(out.splitlines(True)[:3])

    def test_junit_to_stdout_is_only_xml(self, recorded: Any) -> None:
        _sandbox, settings, path, _ids = recorded
        code, out, err = replay(settings, str(path), "--format", "junit")
        assert code == 0 and ET.fromstring(out).tag == "testsuites"
        assert err.startswith("3 replayed")

    def test_json_report(self, recorded: Any) -> None:
        _sandbox, settings, path, ids = recorded
        code, out, _err = replay(settings, str(path), "--format", "json", "--diff")
        report = orjson.loads(out)
        assert code == 0
        assert report["summary"] | {"seconds": 0} == {
            "total": 3,
            "ok": 3,
            "diff": 0,
            "error": 0,
            "seconds": 0,
        }
        first = report["results"][1]
        assert (first["path"], first["expected_status"], first["new_status"]) == (
            f"/v1/customers/{ids[0]}",
            200,
            200,
        )
        assert first["compared"] is True and first["diff"] == []

    def test_progress_bar_only_on_a_terminal_for_many(self, fresh_sandbox: Any, tmp_path: Path):
        store, _ids = record_history(fresh_sandbox.base_url, tmp_path / "h.toml", extra=3)
        settings = settings_for(fresh_sandbox.base_url, tmp_path)
        _code, _out, err = replay(settings, str(store.path), stdout=Tty())
        assert "\r[" in err and "] 6/6" in err
        assert "\r[" not in replay(settings, str(store.path))[2]
        assert "\r[" not in replay(settings, str(store.path), "--no-progress", stdout=Tty())[2]
        assert "\r[" not in replay(settings, str(store.path), "--last", "5", stdout=Tty())[2]


class TestRefusals:
    """Every exit-2 case: one clear line on stderr, nothing sent."""

    def refused(self, settings: Settings, sandbox: Any, *argv: str) -> str:
        """One line saying why (then, for refused entries, one indented line each)."""
        code, out, err = replay(settings, *argv)
        assert (code, out, len(sandbox.requests)) == (2, "", 0)
        first, *entries = err.splitlines()
        assert first.startswith("kexplore replay: ") and err.endswith("\n")
        assert all(line.startswith("  ") and ": " in line for line in entries)
        return err

    def test_missing_file(self, recorded: Any, tmp_path: Path) -> None:
        sandbox, settings, _path, _ids = recorded
        err = self.refused(settings, sandbox, str(tmp_path / "nope.toml"))
        assert "nope.toml: no such file" in err

    def test_file_that_does_not_parse(self, recorded: Any, tmp_path: Path) -> None:
        sandbox, settings, path, _ids = recorded
        broken = tmp_path / "broken.toml"
        broken.write_bytes(path.read_bytes() + b"\n[[entry]]\nid = oops\n")
        before = broken.read_bytes()
        err = self.refused(settings, sandbox, str(broken))
        lines = before.count(b"\n")
        assert f"broken.toml: line {lines}, column 6: " in err
        assert broken.read_bytes() == before

    def test_selector_not_in_file(self, recorded: Any) -> None:
        sandbox, settings, path, _ids = recorded
        err = self.refused(settings, sandbox, str(path), "no-such-entry")
        assert "'no-such-entry' is not an entry name or id in" in err

    def test_ambiguous_prefix_and_bad_last(self, recorded: Any) -> None:
        sandbox, settings, path, _ids = recorded
        assert "matches 3 entries" in self.refused(settings, sandbox, str(path), "2")
        assert "--last needs a positive" in self.refused(
            settings, sandbox, str(path), "--last", "0"
        )
        assert "not both" in self.refused(settings, sandbox, str(path), "x", "--all")

    def test_writes_against_a_profile_that_asks(self, recorded: Any, tmp_path: Path) -> None:
        sandbox, _settings, path, _ids = recorded
        store = HistoryStore(path)
        body = orjson.dumps({"name": "New"}).decode()
        send(sandbox.base_url, ApiRequest("POST", "/v1/customers", body=body), store=store)
        sandbox.clear_log()
        careful = settings_for(sandbox.base_url, tmp_path, sandbox=False)
        elsewhere = ("--retarget", "--base-url", sandbox.base_url)
        err = self.refused(careful, sandbox, str(path), *elsewhere)
        assert "has writes (POST)" in err and "asks before writes" in err
        assert err.count("\n") == 2 and "POST http" in err.splitlines()[1]  # the one write
        first_read = store.load()[0].id
        assert replay(careful, str(path), first_read, *elsewhere)[0] == 0  # reads only: fine
        sandbox.clear_log()
        assert replay(careful, str(path), "--yes", *elsewhere)[0] in (0, 1)  # --yes: writes go
        assert ("POST", "/v1/customers") in sandbox.requests

    def test_output_in_a_missing_directory(self, recorded: Any, tmp_path: Path) -> None:
        sandbox, settings, path, _ids = recorded
        report = str(tmp_path / "missing" / "junit.xml")
        err = self.refused(settings, sandbox, str(path), "--format", "junit", "--output", report)
        assert "its directory does not exist" in err

    def test_no_key(self, recorded: Any, tmp_path: Path) -> None:
        """An entry recorded with $KUSTOMER_API_KEY is not sent keyless when it is unset."""
        sandbox, _settings, _path, _ids = recorded
        keyless = settings_for(sandbox.base_url, tmp_path, key=None, sandbox=False)
        store = HistoryStore(tmp_path / "prod.toml")
        who = Identity("prod", origin_text(sandbox.base_url) or "", "env:KUSTOMER_API_KEY")
        url = sandbox.base_url + "/v1/customers"
        store.append(ApiRequest("GET", url), None, url=url, profile="prod", identity=who)
        err = self.refused(keyless, sandbox, str(store.path))
        assert "cannot send as recorded" in err and "$KUSTOMER_API_KEY is not set" in err


@pytest.mark.slow
def test_python_m_kexplore_replay_with_sandbox(fresh_sandbox: Any, tmp_path: Path) -> None:
    """The whole path: argv -> cli.py -> its own sandbox (same seed, same ids) -> exit code."""
    store, _ids = record_history(fresh_sandbox.base_url, tmp_path / "h.toml")
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("KUSTOMER_API_KEY", None)
    command = [sys.executable, "-m", "kexplore", "replay", str(store.path), "--sandbox", "--check"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "3 replayed" in done.stdout and "3 OK" in done.stdout
    # Pointed elsewhere with no --sandbox, entries recorded against the sandbox still go to
    # a sandbox replay starts, never to the base URL in the environment.
    fresh_sandbox.clear_log()
    env_elsewhere = {**env, "KUSTOMER_BASE_URL": fresh_sandbox.base_url}
    again = subprocess.run(command[:-2], capture_output=True, text=True, env=env_elsewhere)
    assert again.returncode == 0 and "3 OK" in again.stdout, again.stderr
    assert fresh_sandbox.requests == []
