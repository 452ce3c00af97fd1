"""The API key never lands in a file, a clipboard, a screenshot or another origin's request."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from piloting import link_line, settle
from recorder import Recorder

from kexplore.app import KexploreApp
from kexplore.core.http.client import ApiClient, ApiError
from kexplore.core.http.curl import CurlError, parse_curl
from kexplore.sandbox.server import RunningSandbox
from kexplore.screens.confirm import ConfirmScreen
from kexplore.widgets.json_view import JsonView

SIZE = (160, 50)
KEY = "sandbox-admin-key"
"""The sandbox only takes its fixed keys, so this is the secret searched for."""
NEEDLES = [
    KEY.encode(),
    base64.b64encode(KEY.encode()),
    base64.b64encode(f"x:{KEY}".encode()),
    KEY.encode().hex().encode(),
]


async def send(app: KexploreApp, pilot: object, path: str) -> None:
    await pilot.press("ctrl+l")  # type: ignore[attr-defined]
    app.screen.query_one("#path").value = path  # type: ignore[attr-defined]
    await pilot.press("ctrl+j")  # type: ignore[attr-defined]
    await settle(app, pilot)


def hits(data: bytes) -> list[bytes]:
    return [needle for needle in NEEDLES if needle in data]


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    yield server
    server.close()


class TestASessionLeavesNoKey:
    async def test_everything_written_or_copied_is_free_of_the_key(
        self,
        fresh_sandbox: RunningSandbox,
        make_app: Callable[..., KexploreApp],
        tmp_path: Path,
        recorder: Recorder,
    ) -> None:
        app = make_app(fresh_sandbox.base_url)
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        screens = tmp_path / "screens"
        screens.mkdir()
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(app, pilot)
            builder = app.screen.query_one("#builder")
            await send(app, pilot, "/v1/customers?pageSize=2")
            view = app.screen.query_one(JsonView)
            view.focus()
            await pilot.press("greater_than_sign")  # follow links.next
            await settle(app, pilot)
            (screens / "list.svg").write_text(app.export_screenshot())
            builder.query_one("#method").value = "POST"
            builder.query_one("#body").load_text('{"name": "Secret Tester"}')
            await send(app, pilot, "/v1/customers")
            assert "201" in str(app.screen.query_one("#status-line").render())
            builder.query_one("#method").value = "GET"
            builder.query_one("#body").load_text("")
            await send(app, pilot, "/v1/customers/0000000000000000000000ff")  # a 404
            # The key typed by hand into headers and query: history must not keep it.
            builder.query_one("#headers").load_text(
                f"Authorization: Bearer {KEY}\nX-Api-Key: {KEY}"
            )
            builder.query_one("#params").load_text(f"pageSize=1\napi_key={KEY}")
            await send(app, pilot, "/v1/customers")
            await pilot.press("f4")  # copy as curl, while the builder holds the typed key
            await pilot.press("ctrl+s")
            await pilot.pause()
            app.screen.query_one("#prompt-input").value = "with typed key"
            await pilot.press("enter")
            await settle(app, pilot)
            # The same typed key to another origin: dropped, not sent.
            await send(app, pilot, recorder.base_url + "/elsewhere")
            builder.query_one("#headers").load_text("")
            builder.query_one("#params").load_text("")
            await send(app, pilot, "http://127.0.0.1:1/v1/refused")  # a connection error
            (screens / "error.svg").write_text(app.export_screenshot())
            await pilot.press("f2")
            await settle(app, pilot)
            (screens / "history.svg").write_text(app.export_screenshot())
            await pilot.press("escape")
            await settle(app, pilot)
        assert copied and copied[0].startswith("curl")
        assert "$KUSTOMER_API_KEY" in copied[0]
        assert len(recorder.requests) == 1
        assert hits(recorder.requests[0]) == []

        data = tmp_path / "data"
        assert (data / "history.toml").exists() and (data / "collection.toml").exists()
        outputs = [
            # The typed Authorization header was never kept: those entries need a stand-in.
            _replay(
                fresh_sandbox.base_url,
                data / "history.toml",
                tmp_path,
                "--all",
                "--yes",
                "--credential",
                "none",
            ),
            _replay(
                fresh_sandbox.base_url,
                data / "collection.toml",
                tmp_path,
                "--all",
                "--credential",
                "none",
            ),
        ]
        assert (tmp_path / "report.json").exists()
        files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
        assert len(files) >= 6, files
        found = {str(p): hits(p.read_bytes()) for p in files}
        found |= {f"replay output {i}": hits(out) for i, out in enumerate(outputs)}
        found |= {"clipboard": hits("".join(copied).encode())}
        assert {where: h for where, h in found.items() if h} == {}


def _replay(base_url: str, file: Path, tmp_path: Path, *args: str) -> bytes:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / "config"),
        "XDG_DATA_HOME": str(tmp_path / "home" / "data"),
        "XDG_STATE_HOME": str(tmp_path / "home" / "state"),
        "KUSTOMER_API_KEY": KEY,
    }
    command = [sys.executable, "-m", "kexplore", "replay", str(file), "--base-url", base_url]
    command += [
        *args,
        "--no-progress",
        "--format",
        "json",
        "--output",
        str(tmp_path / "report.json"),
    ]
    done = subprocess.run(command, env=env, capture_output=True, timeout=60, check=False)
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout + done.stderr


@pytest.fixture
def two_origins() -> Iterator[tuple[Recorder, Recorder]]:
    """`home` (the base URL) answers with links to `elsewhere`, another origin."""
    elsewhere = Recorder()
    links = {
        "self": "/v1/home",
        "next": elsewhere.base_url + "/v1/customers?page=2",
        "related": elsewhere.base_url + "/v1/related",
    }
    home = Recorder(json.dumps({"links": links}).encode())
    yield home, elsewhere
    home.close()
    elsewhere.close()


def _sent_without_key(home: Recorder, elsewhere: Recorder) -> None:
    assert len(home.requests) == 1 and f"Bearer {KEY}".encode() in home.requests[0]
    assert len(elsewhere.requests) == 1
    assert b"authorization" not in elsewhere.requests[0].lower()
    assert hits(elsewhere.requests[0]) == []


class TestOtherOrigins:
    async def test_a_link_to_another_origin_asks_then_goes_without_the_key(
        self, two_origins: tuple[Recorder, Recorder], make_app: Callable[..., KexploreApp]
    ) -> None:
        home, elsewhere = two_origins
        app = make_app(home.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/v1/home")
            view = app.screen.query_one(JsonView)
            view.focus()
            view.move_cursor(link_line(view, "/links/related"))
            await pilot.press("enter")  # follow the link on the cursor line
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmScreen)
            assert "WITHOUT your API key" in str(app.screen.query_one("#question").render())
            assert elsewhere.requests == []
            await pilot.press("y")
            await settle(app, pilot)
        _sent_without_key(home, elsewhere)

    async def test_next_page_on_another_origin_goes_without_the_key(
        self, two_origins: tuple[Recorder, Recorder], make_app: Callable[..., KexploreApp]
    ) -> None:
        home, elsewhere = two_origins
        app = make_app(home.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/v1/home")
            app.screen.query_one(JsonView).focus()
            await pilot.press("greater_than_sign")  # links.next: another origin
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmScreen)  # asked first
            assert elsewhere.requests == []
            await pilot.press("y")
            await settle(app, pilot)
        _sent_without_key(home, elsewhere)

    async def test_next_page_on_another_origin_asks_first(
        self, two_origins: tuple[Recorder, Recorder], make_app: Callable[..., KexploreApp]
    ) -> None:
        home, _elsewhere = two_origins
        app = make_app(home.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/v1/home")
            app.screen.query_one(JsonView).focus()
            await pilot.press("greater_than_sign")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmScreen)

    async def test_the_client_never_sends_the_key_elsewhere_even_when_typed(
        self, recorder: Recorder
    ) -> None:
        from kexplore.core.http.request import ApiRequest

        async with ApiClient("http://127.0.0.1:9", KEY) as client:
            headers = (("Authorization", f"Bearer {KEY}"), ("X-Token", f"k={KEY};"))
            await client.send(ApiRequest("GET", recorder.base_url + "/x", headers=headers))
        assert hits(recorder.requests[0]) == []

    async def test_query_params_holding_the_key_are_dropped_for_another_origin(
        self, recorder: Recorder
    ) -> None:
        from kexplore.core.http.request import ApiRequest

        params = (("page", "2"), ("api_key", KEY))
        async with ApiClient("http://127.0.0.1:9", KEY) as client:
            await client.send(ApiRequest("GET", recorder.base_url + "/x", params=params))
            with pytest.raises(ApiError, match="holds your API key") as caught:
                await client.send(ApiRequest("GET", f"{recorder.base_url}/x?k={KEY}"))
        assert KEY not in caught.value.url
        assert recorder.requests[0].startswith(b"GET /x?page=2 HTTP/1.1")
        assert len(recorder.requests) == 1

    async def test_same_origin_params_are_left_alone(self, recorder: Recorder) -> None:
        from kexplore.core.http.request import ApiRequest

        async with ApiClient(recorder.base_url, KEY) as client:
            await client.send(ApiRequest("GET", "/x", params=(("q", KEY),)))
        assert recorder.requests[0].startswith(f"GET /x?q={KEY} ".encode())


def test_curl_export_drops_query_params_that_carry_credentials() -> None:
    from kexplore.core.http.curl import to_curl
    from kexplore.core.http.request import ApiRequest

    request = ApiRequest("GET", "/v1/x?token=abc&page=1", params=(("api_key", KEY), ("q", "a")))
    command = to_curl(request, "http://127.0.0.1:8787")
    assert "token=" not in command and "api_key" not in command and KEY not in command
    assert "page=1&q=a" in command
    with_key = to_curl(ApiRequest("GET", "/v1/x", params=(("q", KEY),)), "http://h", api_key=KEY)
    assert KEY not in with_key


CURLS = [
    "curl -H 'Authorization: Bearer {key}' {url}/v1/customers",
    "curl -H 'authorization:   bearer {key}' {url}/v1/customers",
    "curl --header 'X-Api-Key: {key}' {url}/v1/customers",
    "curl -u 'me:{key}' {url}/v1/customers",
    "curl --user '{key}:' {url}/v1/customers",
    "curl --oauth2-bearer {key} {url}/v1/customers",
    "curl -b 'session={key}' {url}/v1/customers",
    "curl --cookie 'session={key}' {url}/v1/customers",
    "curl '{url}/v1/customers?api_key={key}&page=1'",
    "curl '{url}/v1/customers?token={key}'",
    "curl 'http://me:{key}@{host}/v1/customers'",
    "curl -X POST {url}/v1/customers -H 'Content-Type: application/json' "
    "-H 'Authorization: Bearer {key}' -d '{{\"name\": \"x\"}}'",
    "curl -H 'Proxy-Authorization: Basic {key}' {url}/v1/customers",
    "curl -H 'Cookie: a={key}' {url}/v1/customers",
]


@pytest.mark.parametrize("template", CURLS)
async def test_a_key_pasted_in_curl_is_never_sent(template: str, recorder: Recorder) -> None:
    """from_curl drops credentials; whatever it returns, sending it carries no key."""
    url = recorder.base_url
    text = template.format(key="pasted-secret-123", url=url, host=url.removeprefix("http://"))
    try:
        imported = parse_curl(text, base_url=url)
    except CurlError:
        return  # refused outright: nothing can be sent
    async with ApiClient(url, None) as client:
        try:
            await client.send(imported.request)
        except ApiError:
            return
    assert recorder.requests, "nothing was sent"
    assert b"pasted-secret-123" not in recorder.requests[-1], recorder.requests[-1]
