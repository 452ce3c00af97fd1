"""Identity in the app: writes confirmed per target, links per document, credentials kept.

Pilot tests against a sandbox on a free port and a second loopback server that records what
it received (method, path, whether an Authorization header came).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from piloting import link_line, settle
from recorder import Recorder

from kexplore.app import KexploreApp
from kexplore.core.history.collection import Collection
from kexplore.core.http.identity import CUSTOM_HEADER, SANDBOX, Identity
from kexplore.core.http.request import ApiRequest
from kexplore.sandbox.server import SandboxConfig, start_sandbox
from kexplore.screens.confirm import ConfirmScreen
from kexplore.screens.history import HistoryScreen
from kexplore.screens.prompt import PromptScreen
from kexplore.widgets.history_list import HistoryList
from kexplore.widgets.json_view import JsonView

SIZE = (140, 45)


@pytest.fixture
def other() -> Iterator[Recorder]:
    """Another origin whose document links relatively: `self` is /v1/x/1."""
    server = Recorder(json.dumps({"data": {"id": "1", "links": {"self": "/v1/x/1"}}}).encode())
    yield server
    server.close()


async def type_request(
    app: KexploreApp, pilot: object, method: str, path: str, body: str = ""
) -> None:
    builder = app.screen.query_one("#builder")
    builder.query_one("#method").value = method
    builder.query_one("#body").load_text(body)
    await pilot.press("ctrl+l")  # type: ignore[attr-defined]
    app.screen.query_one("#path").value = path
    await pilot.press("ctrl+j")  # type: ignore[attr-defined]
    await settle(app, pilot)


class TestCase1InAppReplayAsksForTheCredential:
    async def test_a_saved_custom_header_delete_asks_and_escape_sends_nothing(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp], tmp_path
    ) -> None:
        app = make_app(fresh_sandbox.base_url)
        collection = Collection(app.services.settings.collection_path)
        url = f"{fresh_sandbox.base_url}/v1/customers/0000000000000000000000aa"
        request = ApiRequest("DELETE", url, headers=(("Authorization", "Bearer sandbox-read-key"),))
        who = Identity("sandbox", SANDBOX, CUSTOM_HEADER)
        collection.save("read delete", request, url=url, profile="sandbox", identity=who)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            fresh_sandbox.clear_log()
            await pilot.press("f3")
            await settle(app, pilot)
            assert isinstance(app.screen, HistoryScreen)
            await pilot.press("ctrl+r")  # replay now
            await settle(app, pilot)
            assert isinstance(app.screen, PromptScreen)
            text = str(app.screen.query_one("Static").render())
            assert "own Authorization header" in text
            await pilot.press("escape")
            await settle(app, pilot)
        assert fresh_sandbox.requests == []


class TestCase4HistoryShowsWhereEachWent:
    async def test_host_and_identity_are_listed_and_filterable(
        self, sandbox, other: Recorder, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await type_request(app, pilot, "GET", "/v1/tags")
            await type_request(app, pilot, "GET", other.base_url + "/v1/x")
            await pilot.press("f2")
            await settle(app, pilot)
            table = app.screen.query_one(HistoryList)
            rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
            host = other.base_url.split("://")[1]
            assert rows[0][4] == f"{host} /v1/x" and rows[0][5] == "no key"
            assert rows[1][4] == "/v1/tags" and rows[1][5] == "admin key"
            await pilot.press(*"no key")  # the filter matches the identity
            await settle(app, pilot)
            assert table.row_count == 1


class TestCase5LinksResolveAgainstTheirDocument:
    async def test_a_relative_link_from_another_origin_stays_there_without_a_key(
        self, sandbox, other: Recorder, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await type_request(app, pilot, "GET", other.base_url + "/v1/x")
            sandbox.clear_log()
            view = app.screen.query_one(JsonView)
            view.focus()
            view.move_cursor(link_line(view, "/data/links/self"))
            await pilot.press("enter")
            await settle(app, pilot)
            assert not isinstance(app.screen, ConfirmScreen)  # same site as its document
        assert other.paths() == ["GET /v1/x", "GET /v1/x/1"]
        assert not other.had_authorization(1)
        assert sandbox.requests == []


class TestCase6WriteGuardPerTarget:
    async def test_a_delete_to_another_origin_asks_even_in_sandbox_mode(
        self, sandbox, other: Recorder, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await type_request(app, pilot, "DELETE", other.base_url + "/v1/x/1", body='{"a": 1}')
            assert isinstance(app.screen, ConfirmScreen)
            question = str(app.screen.query_one("#question").render())
            assert f"DELETE {other.base_url}/v1/x/1" in question
            assert "As: " in question and "no key" in question and '{"a": 1}' in question
            assert "\\x0a" not in question  # a blank line, not its escape
            await pilot.press("n")
            await settle(app, pilot)
        assert other.requests == []

    async def test_a_write_to_the_sandbox_does_not_ask(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await type_request(app, pilot, "POST", "/v1/customers", body='{"name": "A"}')
            assert not isinstance(app.screen, ConfirmScreen)
        assert ("POST", "/v1/customers") in fresh_sandbox.requests


class TestCase7BodyOnEveryMethod:
    async def test_the_builder_says_when_a_body_is_or_is_not_sent(
        self, sandbox, other: Recorder, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            note = app.screen.query_one("#body-note")
            await type_request(app, pilot, "GET", other.base_url + "/v1/x", body='{"a": 1}')
            assert "Body not sent with GET (kept here)" in str(note.render())
            assert app.screen.query_one("#body").text == '{"a": 1}'  # kept, not lost
            builder = app.screen.query_one("#builder")
            builder.query_one("#method").value = "DELETE"
            await pilot.pause()
            assert "Body sent with DELETE" in str(note.render())
        assert other.paths() == ["GET /v1/x"]
        assert other.requests[0].endswith(b"\r\n\r\n")  # no body went with the GET


class TestCase10TypingIsNeverOverwritten:
    async def test_a_slow_response_leaves_the_half_typed_path_alone(
        self, make_app: Callable[..., KexploreApp]
    ) -> None:
        config = SandboxConfig(port=0, customers=30, faults="GET /v1/customers=drip:20:100")
        with start_sandbox(config) as running:
            app = make_app(running.base_url)
            async with app.run_test(size=SIZE) as pilot:
                await settle(app, pilot)
                await pilot.press("ctrl+l", *"/v1/customers", "enter")
                await pilot.press("ctrl+u", *"/v1/conv")  # typing while it arrives
                await app.workers.wait_for_complete()
                await settle(app, pilot)
                assert app.screen.query_one("#path").value == "/v1/conv"
                assert app.screen.trail.current is not None  # the response did land


class TestCase11Texts:
    async def test_ctrl_c_says_how_to_quit_in_plain_words(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(app, pilot)
            app.action_help_quit()
            await pilot.pause()
            [toast] = list(app._notifications)
            assert toast.message == "Press ctrl+q to quit kexplore."

    async def test_the_header_shows_who_requests_go_as(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            bar = str(app.screen.query_one("#target-bar").render())
            assert "SANDBOX" in bar and "admin key" in bar
            assert "sandbox-admin-key" not in bar


class TestNoKey:
    async def test_with_no_key_nothing_is_sent_as_authorization_and_the_header_says_so(
        self, other: Recorder, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(other.base_url, sandbox=False, api_key=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            bar = str(app.screen.query_one("#target-bar").render())
            assert "no key" in bar
            await type_request(app, pilot, "GET", "/v1/x")
        assert other.paths() == ["GET /v1/x"] and not other.had_authorization(0)


class TestLinksToAnotherProfile:
    async def test_a_link_to_a_site_with_a_key_of_yours_still_asks_first(
        self, tmp_path, sandbox
    ) -> None:
        """A document must not send you, with your key, to another site unasked."""
        import dataclasses

        from conftest import make_settings

        from kexplore.app import build_app
        from kexplore.core.settings.config_file import Profile

        acme = Recorder(b"{}")
        linker = Recorder(json.dumps({"links": {"related": acme.base_url + "/v1/me"}}).encode())
        try:
            acme_profile = Profile("acme", acme.base_url, key_env="ACME_KEY")
            settings = dataclasses.replace(
                make_settings(tmp_path, linker.base_url, sandbox=False, api_key=None),
                profiles=(acme_profile,),
                keys={"ACME_KEY": "acme-secret-key"},
            )
            app = build_app(settings)
            async with app.run_test(size=SIZE) as pilot:
                await settle(app, pilot)
                await type_request(app, pilot, "GET", "/v1/page")
                view = app.screen.query_one(JsonView)
                view.focus()
                view.move_cursor(link_line(view, "/links/related"))
                await pilot.press("enter")
                await settle(app, pilot)
                assert isinstance(app.screen, ConfirmScreen)
                question = str(app.screen.query_one("#question").render())
                assert "acme · $ACME_KEY" in question and "acme-secret-key" not in question
                await pilot.press("n")
                await settle(app, pilot)
            assert acme.requests == []
        finally:
            acme.close()
            linker.close()
