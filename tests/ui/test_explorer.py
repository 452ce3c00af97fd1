"""Pilot tests of the explorer against a real sandbox on a free loopback port."""

from __future__ import annotations

import gc
import socket
from collections.abc import Callable

from piloting import settle
from textual.widgets import Tree

from kexplore.app import KexploreApp
from kexplore.sandbox.server import SandboxConfig, start_sandbox
from kexplore.screens.confirm import ConfirmScreen
from kexplore.screens.main import MainScreen
from kexplore.widgets.json_view import JsonView
from kexplore.widgets.request_builder import RequestBuilder
from kexplore.widgets.response_view import ResponseView

SIZE = (140, 50)


def main_screen(app: KexploreApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def body_text(app: KexploreApp) -> str:
    view = app.screen.query_one(JsonView)
    document = view.document
    assert document is not None
    return "\n".join(document.line(i) for i in range(min(document.line_count, 400)))


def status_text(app: KexploreApp) -> str:
    return str(app.screen.query_one("#status-line").render())


def link_line(view: JsonView, pointer_suffix: str) -> int:
    document = view.document
    assert document is not None
    for line in range(document.line_count):
        link = document.link_at(line)
        if link is not None and link.pointer.endswith(pointer_suffix):
            return line
    raise AssertionError(f"no link line ending {pointer_suffix}")


class TestBrowseAndFollow:
    async def test_tree_record_relationship_body_link_back_forward(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one(Tree)
            tree.focus()
            sandbox.clear_log()
            await pilot.press("space")  # expand "Customers"
            await pilot.press("down", "space")  # expand "GET /v1/customers": loads page 1
            await settle(app, pilot)
            assert sandbox.requests == [("GET", "/v1/customers")]
            await pilot.press("down", "enter")  # choose the first customer: GET it
            await settle(app, pilot)
            customer_path = sandbox.requests[-1][1]
            assert customer_path.startswith("/v1/customers/")
            assert '"type": "customer"' in body_text(app)
            await pilot.press("space", "down", "enter")  # its first relationship
            await settle(app, pilot)
            assert len(sandbox.requests) == 3
            view = app.screen.query_one(JsonView)
            view.focus()
            view.move_cursor(link_line(view, "/links/self"))
            await pilot.press("enter")  # follow the link on the cursor line
            await settle(app, pilot)
            assert len(sandbox.requests) == 4
            screen = main_screen(app)
            assert len(screen.trail) == 3
            await pilot.press("left_square_bracket")  # back, from cache
            await pilot.press("alt+left")
            await settle(app, pilot)
            assert screen.trail.current.request.url.endswith(customer_path)
            assert app.screen.query_one("#path").value == customer_path
            await pilot.press("alt+right", "right_square_bracket")  # forward twice
            await settle(app, pilot)
            assert len(sandbox.requests) == 4, "back and forward must send nothing"
            assert "from cache" in status_text(app)

    async def test_next_and_previous_page(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+l", *"/v1/conversations?pageSize=5", "enter")
            await settle(app, pilot)
            sandbox.clear_log()
            app.screen.query_one(JsonView).focus()
            await pilot.press("greater_than_sign")
            await settle(app, pilot)
            await pilot.press("greater_than_sign")
            await settle(app, pilot)
            await pilot.press("less_than_sign")
            await settle(app, pilot)
            pages = [path for _method, path in sandbox.requests]
            assert pages == [
                "/v1/conversations?page=2&pageSize=5",
                "/v1/conversations?page=3&pageSize=5",
                "/v1/conversations?page=2&pageSize=5",
            ]
            crumbs = str(app.screen.query_one("#breadcrumb").render())
            assert "conversations · page 3" in crumbs


class TestBadInput:
    async def test_bad_json_body_shows_line_and_column_and_sends_nothing(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            builder = app.screen.query_one(RequestBuilder)
            builder.query_one("#method").value = "POST"
            builder.query_one("#body").load_text('{\n  "name": "Jane",\n  "email": }')
            sandbox.clear_log()
            await pilot.press("ctrl+l", *"/v1/customers", "ctrl+j")
            await settle(app, pilot)
            error = str(builder.query_one("#request-error").render())
            assert "line 3, column 12" in error
            assert builder.has_class("-error")
            assert sandbox.requests == []

    async def test_connection_refused_shows_an_error_panel(
        self, make_app: Callable[..., KexploreApp]
    ) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        app = make_app(f"http://127.0.0.1:{port}")
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+l", *"/v1/customers", "enter")
            await settle(app, pilot)
            view = app.screen.query_one(ResponseView)
            assert view.has_class("-failed")
            panel = str(view.query_one("#error-panel").render())
            assert f"Connection refused by 127.0.0.1:{port}" in panel
            await pilot.press("ctrl+l")  # still answering keys
            assert app.screen.focused is app.screen.query_one("#path")


class TestLiteralText:
    async def test_markup_and_escapes_in_data_are_shown_as_characters(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            builder = app.screen.query_one(RequestBuilder)
            builder.query_one("#method").value = "POST"
            builder.query_one("#body").load_text('{"name": "[bold red]x[/] \\u001b[31mred"}')
            await pilot.press("ctrl+l", *"/v1/customers", "ctrl+j")
            await settle(app, pilot)
            assert "201" in status_text(app)
            view = app.screen.query_one(JsonView)
            rendered = "\n".join(
                view.render_line(y).text for y in range(view.scrollable_content_region.height)
            )
            assert "[bold red]x[/]" in rendered
            assert "\\u001b[31mred" in rendered or "\\x1b[31mred" in rendered
            assert "\x1b" not in rendered


class TestWrites:
    async def test_a_write_on_a_production_profile_asks_first(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(fresh_sandbox.base_url, sandbox=False, confirm_writes=True)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            builder = app.screen.query_one(RequestBuilder)
            builder.query_one("#method").value = "POST"
            builder.query_one("#body").load_text('{"name": "Jane Roe"}')
            fresh_sandbox.clear_log()
            await pilot.press("ctrl+l", *"/v1/customers", "ctrl+j")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await settle(app, pilot)
            assert fresh_sandbox.requests == []
            await pilot.press("ctrl+j")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(app, pilot)
            assert fresh_sandbox.requests == [("POST", "/v1/customers")]
            assert "201" in status_text(app)

    async def test_the_sandbox_profile_sends_writes_without_asking(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(fresh_sandbox.base_url, sandbox=True, confirm_writes=True)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            builder = app.screen.query_one(RequestBuilder)
            builder.query_one("#method").value = "POST"
            builder.query_one("#body").load_text('{"name": "Jane Roe"}')
            await pilot.press("ctrl+l", *"/v1/customers", "ctrl+j")
            await settle(app, pilot)
            assert "201" in status_text(app)


class TestBodyInTheApp:
    async def test_fold_search_and_copy_path_on_a_real_record(
        self, sandbox, make_app: Callable[..., KexploreApp], monkeypatch
    ) -> None:
        app = make_app(sandbox.base_url)
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+l", *"/v1/customers/email=jane@example.com", "enter")
            await settle(app, pilot)
            view = app.screen.query_one(JsonView)
            await pilot.press("ctrl+b", "F")  # fold all: a handful of rows remain
            assert view.reader.row_count < 15 < view.document.line_count
            await pilot.press("U", "slash", *"customer", "enter")
            await settle(app, pilot)
            line = view.document.line(view.cursor_line)
            assert "customer" in line.lower()
            view.move_cursor(link_line(view, "/relationships/org/links/self"))
            await pilot.press("y")  # a path that pastes into jq
            await settle(app, pilot)
            assert copied[-1] == ".data.relationships.org.links.self"
            await pilot.press("p")  # the plain form, as before
            await settle(app, pilot)
            assert copied[-1] == "data.relationships.org.links.self"


class TestTreePaging:
    async def test_more_loads_the_next_page_under_the_same_node(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one(Tree)
            tree.focus()
            await pilot.press("space", "down", "space")
            await settle(app, pilot)
            endpoint = tree.cursor_node
            assert len(endpoint.children) == 101  # 100 customers and "more…"
            sandbox.clear_log()
            tree.select_node(endpoint.children[-1])
            await settle(app, pilot)
            assert sandbox.requests == [("GET", "/v1/customers?page=2&pageSize=100")]
            assert len(endpoint.children) == 201


class TestRateLimit:
    async def test_429_shows_a_countdown_and_the_error(
        self, make_app: Callable[..., KexploreApp]
    ) -> None:
        from kexplore.sandbox.server import SandboxConfig, start_sandbox

        limited = start_sandbox(SandboxConfig(port=0, rate_limit=2))
        try:
            app = make_app(limited.base_url)
            async with app.run_test(size=SIZE) as pilot:
                await settle(app, pilot)
                for _ in range(3):
                    await pilot.press("ctrl+l", "ctrl+u", *"/v1/tags", "enter")
                    await settle(app, pilot)
                status = status_text(app)
                assert status.startswith("429")
                assert "0/2" in status and "resets in" in status
                assert app.screen.query_one(ResponseView).has_class("-failed")
        finally:
            limited.stop()


class TestSearchPaging:
    async def test_next_page_of_a_search_posts_the_same_criteria_again(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        criteria = '{"and": [{"customer_name": {"contains": "a"}}]}'
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            builder = app.screen.query_one(RequestBuilder)
            builder.query_one("#method").value = "POST"
            builder.query_one("#body").load_text(criteria)
            await pilot.press("ctrl+l", *"/v1/customers/search?pageSize=2", "ctrl+j")
            await settle(app, pilot)
            sandbox.clear_log()
            await pilot.press("ctrl+b", "greater_than_sign")
            await settle(app, pilot)
            assert sandbox.requests == [("POST", "/v1/customers/search?page=2&pageSize=2")]
            assert status_text(app).startswith("200")
            assert main_screen(app).trail.current.request.body == criteria


class TestCommandPalette:
    async def test_main_actions_are_offered_by_name(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            titles = {command.title for command in app.get_system_commands(app.screen)}
            wanted = {
                "Send the request in the builder",
                "Back through the trail",
                "Forward through the trail",
                "Re-send the current visit",
                "Next page (links.next)",
                "Open the history",
                "Open the saved requests",
                "Save the builder's request to the collection",
                "Copy the builder's request as curl",
                "Help: every key",
                "Method: POST",
                "Choose the method (GET, POST…)",
            }
            assert wanted <= titles
            # Every binding with a tooltip is there by name: fold and copy find all theirs.
            assert {t for t in titles if "fold" in t.lower()} >= {
                "Fold or unfold here",
                "Fold all",
                "Unfold all",
            }
            copies = {t for t in titles if "copy" in t.lower()}
            assert len(copies) >= 4  # jq path, plain path, value, curl
            history = next(
                c for c in app.get_system_commands(app.screen) if c.title == "Open the history"
            )
            history.callback()
            await settle(app, pilot)
            assert type(app.screen).__name__ == "HistoryScreen"


class TestPreparedBodies:
    async def test_going_back_shows_the_prepared_body_without_formatting_again(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+l", *"/v1/customers", "enter")  # ~300 KB: a worker formats
            await settle(app, pilot)
            screen = main_screen(app)
            first = screen.trail.current
            assert first.prepared is not None
            assert first.cached_bytes > first.response.size
            await pilot.press("ctrl+l", "ctrl+u", *"/v1/tags", "enter")
            await settle(app, pilot)
            view = app.screen.query_one(JsonView)
            await pilot.press("alt+left")  # no pause for workers: it must be there at once
            assert view.document is first.prepared.pretty
            assert view.index_state == "ready"
            assert len(screen.response_view.query_one("#link-list").rows) > 100

    async def test_a_big_body_is_kept_once_as_its_formatted_text(
        self, make_app: Callable[..., KexploreApp]
    ) -> None:
        config = SandboxConfig(port=0, customers=3, faults="GET /big=huge-string:2")
        with start_sandbox(config) as running:
            app = make_app(running.base_url)
            received_bodies = _note_received_bodies(app)
            async with app.run_test(size=SIZE) as pilot:
                await settle(app, pilot)
                await pilot.press("ctrl+l", *"/big", "enter")
                await settle(app, pilot)
                assert not _still_held(received_bodies[-1]), "the bytes received outlive it"
                screen = main_screen(app)
                big = screen.trail.current
                assert big.prepared is not None
                assert big.response.body is big.prepared.pretty.blob  # not the bytes received
                received = int(big.response.header("content-length"))
                assert big.response.size == received > 2 * 2**20  # still what came on the wire
                assert len(big.response.body) > received
                await pilot.press("ctrl+l", "ctrl+u", *"/v1/tags", "enter")
                await settle(app, pilot)
                await pilot.press("alt+left")
                await settle(app, pilot)
                assert "2 MB" in str(screen.response_view.status_line.render())
                assert app.screen.query_one(JsonView).document is big.prepared.pretty


def _note_received_bodies(app: KexploreApp) -> list[tuple[int, int]]:
    """(id, length) of each response body the client returns, holding no reference to it."""
    client = app.services.client
    send = client.send
    noted: list[tuple[int, int]] = []

    async def noting_send(*args: object, **kwargs: object) -> object:
        response = await send(*args, **kwargs)  # type: ignore[arg-type]
        noted.append((id(response.body), len(response.body)))
        return response

    client.send = noting_send  # type: ignore[method-assign]
    return noted


def _still_held(body: tuple[int, int]) -> bool:
    """Whether the bytes object `body` (id, length) is referenced from any live container
    (tuples of only untracked objects are not tracked themselves, so look one level in)."""
    gc.collect()
    referents = gc.get_referents(*gc.get_objects())
    referents += gc.get_referents(*(o for o in referents if isinstance(o, tuple)))
    return any(isinstance(o, bytes) and (id(o), len(o)) == body for o in referents)


class TestSlowResponses:
    async def test_progress_is_shown_and_a_second_request_cancels_the_first(
        self, make_app: Callable[..., KexploreApp]
    ) -> None:
        config = SandboxConfig(port=0, customers=30, faults="GET /v1/customers=drip:30:100")
        with start_sandbox(config) as running:
            app = make_app(running.base_url)
            async with app.run_test(size=SIZE) as pilot:
                await settle(app, pilot)
                screen = main_screen(app)
                status = screen.response_view.status_line
                await pilot.press("ctrl+l", *"/v1/customers", "enter")  # ~3 s, dripped
                for _ in range(100):
                    await pilot.pause(0.05)
                    if "Receiving" in str(status.render()):
                        break
                shown = str(status.render())
                assert "Receiving" in shown and "/s" in shown  # bytes so far and the rate
                await pilot.press("ctrl+l", "ctrl+u", *"/v1/tags", "enter")
                await settle(app, pilot)
                await pilot.pause(3.5)  # past the time the dripped body would have taken
                sent = [v.request.url for v in screen.trail.visits]
                assert sent == [running.base_url + "/v1/tags"]
                assert "200 OK" in str(status.render())
                assert not app._notifications  # cancelled quietly: no error, no warning
                assert app.screen.query_one("#error-panel").display is False
