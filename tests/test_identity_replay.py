"""Identity, headless: entries replay where they went, as whom they went, or are refused.

Each test is one of the cases of the identity issue, run through `kexplore replay` against a
sandbox on a free port and, for "production", a second loopback server that records what it
received.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from recorder import Recorder

from kexplore.cli import build_parser
from kexplore.core.history.collection import Collection
from kexplore.core.history.store import HistoryStore
from kexplore.core.http.identity import CUSTOM_HEADER, SANDBOX, Identity
from kexplore.core.http.request import ApiRequest
from kexplore.core.settings.config_file import Profile
from kexplore.core.settings.settings import Settings
from kexplore.replay.command import ReplayTarget, run_replay
from kexplore.sandbox.server import RunningSandbox

ADMIN_KEY = "sandbox-admin-key"
PROD_KEY = "prod-key-0123456789"


class Borrowed:
    """A sandbox replay 'starts' that is the test's own: started before, stopped after."""

    def __init__(self, running: RunningSandbox) -> None:
        self.running = running
        self.started = 0

    @property
    def base_url(self) -> str:
        return self.running.base_url

    def stop(self) -> None:
        """Left running for the test to inspect."""

    def __call__(self) -> Borrowed:
        self.started += 1
        return self


@pytest.fixture
def production() -> Iterator[Recorder]:
    """A stand-in for a real Kustomer org: records what reaches it."""
    server = Recorder(b'{"data": []}')
    yield server
    server.close()


def prod_settings(tmp_path: Path, base_url: str, key: str | None = PROD_KEY) -> Settings:
    profile = Profile("acme", base_url, key_env="ACME_KEY")
    return Settings(
        profile,
        key,
        tmp_path / "config.toml",
        tmp_path / "history.toml",
        tmp_path / "collection.toml",
        profiles=(profile,),
        keys={"ACME_KEY": key} if key else {},
    )


def replay(where: ReplayTarget, *argv: str) -> tuple[int, str, str]:
    args = build_parser().parse_args(["replay", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = run_replay(args, where, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def first_customer(sandbox: RunningSandbox) -> str:
    import httpx

    page = httpx.get(
        f"{sandbox.base_url}/v1/customers?pageSize=1",
        headers={"Authorization": f"Bearer {ADMIN_KEY}"},
    ).json()
    return page["data"][0]["id"]


def customer_exists(sandbox: RunningSandbox, ident: str) -> bool:
    import httpx

    answer = httpx.get(
        f"{sandbox.base_url}/v1/customers/{ident}",
        headers={"Authorization": f"Bearer {ADMIN_KEY}"},
    )
    return answer.status_code == 200


def sandbox_entry(path: Path, method: str, url: str, credential: str, **kw: Any) -> None:
    """An entry as `kexplore --sandbox` records one: target sandbox, a path, no port."""
    store = HistoryStore(path)
    who = Identity("sandbox", SANDBOX, credential)
    absolute = "http://127.0.0.1:1" + url
    store.append(
        ApiRequest(method, absolute, **kw), None, url=absolute, profile="sandbox", identity=who
    )


class TestCase1ReadKeyDeleteIsNeverSentAsAdmin:
    def test_saved_custom_header_is_refused_and_the_customer_survives(
        self, fresh_sandbox: RunningSandbox, production: Recorder, tmp_path: Path
    ) -> None:
        ident = first_customer(fresh_sandbox)
        collection = Collection(tmp_path / "saved.toml", secrets=[ADMIN_KEY])
        request = ApiRequest(
            "DELETE",
            f"{fresh_sandbox.base_url}/v1/customers/{ident}",
            headers=(("Authorization", "Bearer sandbox-read-key"),),
        )
        who = Identity("sandbox", SANDBOX, CUSTOM_HEADER)
        collection.save("delete one", request, url=request.url, profile="sandbox", identity=who)
        text = collection.path.read_text()
        assert 'credential = "custom-header"' in text and "sandbox-read-key" not in text
        fresh_sandbox.clear_log()
        where = ReplayTarget(
            prod_settings(tmp_path, production.base_url), start_sandbox=Borrowed(fresh_sandbox)
        )
        code, out, err = replay(where, str(collection.path), "--yes")
        assert code == 2 and out == ""
        assert "delete one: it was sent with its own Authorization header" in err
        assert fresh_sandbox.requests == [] and production.requests == []
        assert customer_exists(fresh_sandbox, ident)

    def test_read_key_entry_replays_with_the_read_key(
        self, fresh_sandbox: RunningSandbox, production: Recorder, tmp_path: Path
    ) -> None:
        ident = first_customer(fresh_sandbox)
        history = tmp_path / "h.toml"
        sandbox_entry(history, "DELETE", f"/v1/customers/{ident}", "role:read")
        sandbox_entry(history, "PATCH", f"/v1/customers/{ident}", "role:read", body='{"name": "x"}')
        where = ReplayTarget(
            prod_settings(tmp_path, production.base_url), start_sandbox=Borrowed(fresh_sandbox)
        )
        code, out, _err = replay(where, str(history), "--yes")
        assert code == 0
        assert out.count("[sandbox · read key]") == 2 and out.count("-> 403") == 2
        assert customer_exists(fresh_sandbox, ident)


class TestCase2SandboxHistoryNeverGoesToProduction:
    def test_no_target_flag_replays_against_a_sandbox_it_starts(
        self, fresh_sandbox: RunningSandbox, production: Recorder, tmp_path: Path
    ) -> None:
        history = tmp_path / "h.toml"
        ident = first_customer(fresh_sandbox)
        sandbox_entry(history, "GET", "/v1/customers?pageSize=1", "role:admin")
        sandbox_entry(history, "DELETE", f"/v1/customers/{ident}", "role:admin")
        fresh_sandbox.clear_log()
        borrowed = Borrowed(fresh_sandbox)
        settings = prod_settings(tmp_path, production.base_url)
        code, out, _err = replay(
            ReplayTarget(settings, start_sandbox=borrowed), str(history), "--yes"
        )
        assert code == 0 and borrowed.started == 1
        assert production.requests == []
        assert [m for m, _p in fresh_sandbox.requests] == ["GET", "DELETE"]
        assert "RETARGETED" not in out

    def test_retarget_is_explicit_and_marked(
        self, fresh_sandbox: RunningSandbox, production: Recorder, tmp_path: Path
    ) -> None:
        history = tmp_path / "h.toml"
        sandbox_entry(history, "GET", "/v1/customers?pageSize=1", "role:admin")
        settings = prod_settings(tmp_path, production.base_url)
        where = ReplayTarget(settings, start_sandbox=Borrowed(fresh_sandbox))
        code, _out, err = replay(where, str(history), "--retarget")
        assert code == 2 and "--retarget needs the new target" in err
        code, out, _err = replay(
            where, str(history), "--retarget", "--base-url", production.base_url
        )
        assert code == 0 and "[acme · $ACME_KEY]  RETARGETED  OK" in out
        assert production.paths() == ["GET /v1/customers?pageSize=1"]
        assert f"Bearer {PROD_KEY}".encode() in production.requests[0]

    def test_writes_to_production_need_yes(self, production: Recorder, tmp_path: Path) -> None:
        history = tmp_path / "h.toml"
        store = HistoryStore(history)
        who = Identity("acme", production.base_url, "env:ACME_KEY")
        url = production.base_url + "/v1/customers/1"
        store.append(ApiRequest("DELETE", url), None, url=url, profile="acme", identity=who)
        where = ReplayTarget(prod_settings(tmp_path, production.base_url))
        code, _out, err = replay(where, str(history))
        assert code == 2 and "pass --yes" in err and production.requests == []
        assert replay(where, str(history), "--yes")[0] == 0
        assert production.paths() == ["DELETE /v1/customers/1"]


class TestCase3SandboxEntriesKeepNoPort:
    def test_a_saved_sandbox_entry_works_in_the_next_session(
        self, fresh_sandbox: RunningSandbox, sandbox: RunningSandbox, tmp_path: Path
    ) -> None:
        """Saved against one sandbox (one port), replayed against another (another port)."""
        collection = Collection(tmp_path / "saved.toml")
        url = f"{sandbox.base_url}/v1/customers?pageSize=1"
        who = Identity("sandbox", SANDBOX, "role:admin")
        collection.save("list", ApiRequest("GET", url), url=url, profile="sandbox", identity=who)
        text = collection.path.read_text()
        assert 'url = "/v1/customers?pageSize=1"' in text and 'target = "sandbox"' in text
        assert "127.0.0.1" not in text
        fresh_sandbox.clear_log()
        where = ReplayTarget(
            prod_settings(tmp_path, "https://api.kustomerapp.com"),
            start_sandbox=Borrowed(fresh_sandbox),
        )
        code, out, _err = replay(where, str(collection.path), "--check")
        assert (code == 0 and "200 -> 200" not in out) or "OK" in out
        assert fresh_sandbox.requests == [("GET", "/v1/customers?pageSize=1")]


class TestCase4OtherOriginsStayThere:
    def test_an_entry_for_another_origin_goes_there_keyless(
        self, production: Recorder, fresh_sandbox: RunningSandbox, tmp_path: Path
    ) -> None:
        other = Recorder(b"{}")
        try:
            history = tmp_path / "h.toml"
            store = HistoryStore(history)
            url = other.base_url + "/v1/x"
            who = Identity("", other.base_url, "none")
            store.append(ApiRequest("GET", url), None, url=url, profile="sandbox", identity=who)
            where = ReplayTarget(
                prod_settings(tmp_path, production.base_url), start_sandbox=Borrowed(fresh_sandbox)
            )
            code, out, _err = replay(where, str(history))
            assert code == 0 and "no key" in out
            assert other.paths() == ["GET /v1/x"] and not other.had_authorization(0)
            assert production.requests == []
        finally:
            other.close()

    def test_a_key_is_never_sent_to_an_origin_no_profile_pairs_it_with(
        self, production: Recorder, tmp_path: Path
    ) -> None:
        """A shared file asking for $ACME_KEY at a stranger's origin is refused."""
        stranger = Recorder(b"{}")
        try:
            history = tmp_path / "h.toml"
            store = HistoryStore(history)
            url = stranger.base_url + "/v1/x"
            who = Identity("acme", stranger.base_url, "env:ACME_KEY")
            store.append(ApiRequest("GET", url), None, url=url, profile="acme", identity=who)
            where = ReplayTarget(prod_settings(tmp_path, production.base_url))
            code, _out, err = replay(where, str(history))
            assert code == 2 and "no profile here pairs" in err
            assert stranger.requests == []
        finally:
            stranger.close()


class TestCase8IgnorePaths:
    def test_paths_as_y_copies_them_and_a_warning_for_no_match(
        self, fresh_sandbox: RunningSandbox, tmp_path: Path
    ) -> None:
        import httpx

        history = tmp_path / "h.toml"
        store = HistoryStore(history, secrets=[ADMIN_KEY])
        ident = first_customer(fresh_sandbox)
        url = f"{fresh_sandbox.base_url}/v1/customers/{ident}"
        answer = httpx.get(url, headers={"Authorization": f"Bearer {ADMIN_KEY}"})
        from kexplore.core.http.response import ApiResponse

        response = ApiResponse(
            200, "OK", (("content-type", "application/json"),), answer.content, 0.01, url, "GET"
        )
        who = Identity("sandbox", SANDBOX, "role:admin")
        store.append(ApiRequest("GET", url), response, url=url, profile="sandbox", identity=who)
        patch = orjson.dumps({"name": "Renamed"}).decode()
        httpx.patch(
            url,
            content=patch,
            headers={"Authorization": f"Bearer {ADMIN_KEY}", "Content-Type": "application/json"},
        )
        where = ReplayTarget(
            prod_settings(tmp_path, "https://api.kustomerapp.com"),
            start_sandbox=Borrowed(fresh_sandbox),
        )
        code, out, _err = replay(where, str(history), "--diff", "--check")
        assert code == 1 and "data.attributes.name" in out
        code, out, _err = replay(
            where,
            str(history),
            "--diff",
            "--check",
            "--ignore",
            "data.attributes.name",
            "--ignore",
            ".data.attributes.displayName",
            "--ignore",
            "data[].nothing",
        )
        assert "warning: --ignore data[].nothing matched nothing in either body" in out
        assert "--ignore data.attributes.name matched" not in out  # it matched
        assert code == 0, out  # the name was the only change left
