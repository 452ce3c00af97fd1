"""Hostile text (Rich markup, ANSI/OSC escapes, bidi, zero-width) is shown inert everywhere."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from piloting import link_line
from rich.text import Text
from textual.widgets import DataTable, Static, Tree

from kexplore.app import KexploreApp
from kexplore.sandbox.server import SandboxConfig, start_sandbox
from kexplore.widgets.json_view import JsonView

SIZE = (250, 50)
"""Wide, so the escapes past the markup are on screen too."""
MARKUP = "[bold]B[/bold] [link=https://x]L[/link] [@click=app.quit]Q[/]"
ESCAPES = (
    "\x1b[31mRED\x1b[0m \x1b[2J\x1b[10;10H \x1b]8;;https://evil\x1b\\click\x1b]8;;\x1b\\ "
    "\x1b]52;c;ZXZpbA==\x07 \x1b]0;TITLE\x07 \x9b31m"
)
INVISIBLE = "\u202eevil\u202c zero\u200bwidth\u2066iso\u2069"
EVIL = f"{MARKUP} {INVISIBLE} {ESCAPES}"
"""Every kind of hostile text at once."""
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u200b", "\u2066", "\u2069")
"""Characters that must never reach the terminal."""


def assert_inert(text: str, *, esc: bool = True) -> None:
    """No raw control/bidi/invisible character, markup kept as literal text, escapes visible.

    `esc=False` where the text is cut (labels) before the ESC sequences would show.
    """
    leaked = [hex(ord(c)) for c in RAW if c in text]
    assert leaked == [], f"raw characters reached the screen: {leaked} in {text[:300]!r}"
    assert "[@click=app.quit]" in text, f"markup was interpreted: {text[:300]!r}"
    assert "\\u202e" in text, text[:300]
    if esc:
        assert "\\x1b" in text or "\\u001b" in text, text[:300]


def assert_shown_inert(text: str) -> None:
    """What reaches the terminal (cut to the widget's width): no raw character, markup literal."""
    leaked = [hex(ord(c)) for c in RAW if c in text]
    assert leaked == [], f"raw characters reached the screen: {leaked} in {text[:300]!r}"
    assert "[bold]B[/bold]" in text, f"markup was interpreted: {text[:300]!r}"


def no_actions(widget: object) -> None:
    """No segment the widget renders carries an `@click` action (markup would add one)."""
    lines = widget.render_lines(widget.region.reset_offset)  # type: ignore[attr-defined]
    metas = [s.style.meta for strip in lines for s in strip if s.style and s.style.meta]
    assert not [m for m in metas if "@click" in m], metas[:5]


def plain(renderable: object) -> str:
    """The plain text of a Static's render() / a Text / a label."""
    return renderable.plain if isinstance(renderable, Text) else str(renderable)


def strips_text(widget: object) -> str:
    """The text of every segment the widget renders in its region (what reaches the terminal)."""
    lines = widget.render_lines(widget.region.reset_offset)  # type: ignore[attr-defined]
    return "\n".join("".join(segment.text for segment in strip) for strip in lines)


def screen_text(app: KexploreApp) -> str:
    """The whole screen as the SVG a screenshot would hold."""
    return app.export_screenshot()


def assert_no_raw(text: str) -> None:
    leaked = [hex(ord(c)) for c in RAW if c in text]
    assert leaked == [], f"raw characters reached the screen: {leaked}"


# --- a server that sends hostile text where an HTTP server can put it ----------------------


def _http(status: str, headers: list[tuple[bytes, bytes]], body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\n".encode()
    for name, value in [*headers, (b"content-length", str(len(body)).encode())]:
        head += name + b": " + value + b"\r\n"
    return head + b"connection: close\r\n\r\n" + body


def _responses() -> dict[str, bytes]:
    evil_json = json.dumps(EVIL)
    links_doc = {
        "links": {"self": "/v1/evil/" + EVIL, "next": "/v1/evil?page=2&x=" + EVIL},
        "data": {
            "type": "customer",
            "id": "c1",
            "attributes": {"name": EVIL},
            "relationships": {EVIL: {"links": {"related": "/v1/rel/" + EVIL}}},
        },
    }
    # h11 refuses raw control characters in header values, so headers carry the rest.
    header_value = (MARKUP + " \u202eRTL\u200b ").encode()
    json_type = (b"content-type", b"application/json")
    return {
        "/evil/headers": _http("200 OK", [json_type, (b"x-evil", header_value)], b"{}"),
        # Not UTF-8: httpx decodes every header as Latin-1, so 0x9b is the 8-bit CSI.
        "/evil/headers-c1": _http(
            "200 OK", [json_type, (b"x-evil", MARKUP.encode() + b" \x9b31mC1")], b"{}"
        ),
        "/evil/json": _http("200 OK", [json_type], json.dumps(links_doc).encode()),
        "/evil/text": _http("200 OK", [(b"content-type", b"text/plain")], EVIL.encode()),
        "/evil/error": _http(
            "400 Bad Request",
            [json_type],
            f'{{"errors": [{{"status": "400", "title": {evil_json}, '
            f'"detail": {evil_json}}}]}}'.encode(),
        ),
    }


@pytest.fixture(scope="module")
def evil_server() -> Iterator[str]:
    responses = _responses()
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    request += chunk
                parts = request.split(b" ", 2)
                path = parts[1].decode("latin-1").split("?")[0] if len(parts) > 2 else "/"
                fallback = _http("200 OK", [(b"content-type", b"application/json")], b"{}")
                conn.sendall(responses.get(path, fallback))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()


async def settle(app: KexploreApp, pilot: object) -> None:
    for _ in range(3):
        busy = [w for w in app.workers if w.group != "confirm"]
        if busy:
            await app.workers.wait_for_complete(busy)
        await pilot.pause()  # type: ignore[attr-defined]


async def send(app: KexploreApp, pilot: object, path: str) -> None:
    await pilot.press("ctrl+l")  # type: ignore[attr-defined]
    app.screen.query_one("#path").value = path  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)


async def still_running(app: KexploreApp, pilot: object) -> None:
    """A click on the first row of each region would have run an `@click` action; it did not."""
    await pilot.click("#status-line")  # type: ignore[attr-defined]
    await pilot.click("#error-panel")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.is_running and app.return_code is None


# --- one test per place ---------------------------------------------------------------------


class TestInertEverywhere:
    async def test_body_json(self, evil_server: str, make_app: Callable[..., KexploreApp]) -> None:
        app = make_app(evil_server)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/evil/json")
            view = app.screen.query_one(JsonView)
            view.focus()
            text = strips_text(view)
            assert '"name"' in text
            assert_inert(text)
            assert_no_raw(screen_text(app))
            await still_running(app, pilot)

    async def test_body_plain_text_with_raw_escapes(
        self, evil_server: str, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(evil_server)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/evil/text")
            text = strips_text(app.screen.query_one(JsonView))
            assert "RED" in text
            assert_inert(text)
            assert_no_raw(screen_text(app))

    async def test_response_headers_table(
        self, evil_server: str, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(evil_server)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/evil/headers")
            table = app.screen.query_one("#response-headers", DataTable)
            cells = [
                plain(table.get_cell_at((row, col)))
                for row in range(table.row_count)
                for col in (0, 1)
            ]
            text = "\n".join(cells)
            assert "x-evil" in text
            assert "[@click=app.quit]" in text and "\\u202e" in text and "\\u200b" in text
            assert not any(c in text for c in RAW)
            app.screen.query_one("#response-tabs").active = "tab-response-headers"
            await pilot.pause()
            assert_shown_inert(strips_text(table))

    async def test_response_headers_table_latin1_c1(
        self, evil_server: str, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(evil_server)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/evil/headers-c1")
            table = app.screen.query_one("#response-headers", DataTable)
            cells = [plain(table.get_cell_at((row, 1))) for row in range(table.row_count)]
            text = "\n".join(cells)
            assert "\\x9b31mC1" in text and "\x9b" not in text
            assert "[@click=app.quit]" in text

    async def test_links_list(self, evil_server: str, make_app: Callable[..., KexploreApp]) -> None:
        app = make_app(evil_server)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/evil/json")
            table = app.screen.query_one("#link-list", DataTable)
            assert table.row_count >= 3
            cells = [
                plain(table.get_cell_at((row, col)))
                for row in range(table.row_count)
                for col in (0, 1)
            ]
            assert_inert("\n".join(cells))
            app.screen.query_one("#response-tabs").active = "tab-response-links"
            await pilot.pause()
            assert_shown_inert(strips_text(table))

    async def test_error_panel(
        self, evil_server: str, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(evil_server)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/evil/error")
            panel = app.screen.query_one("#error-panel", Static)
            assert app.screen.query_one("#response").has_class("-failed")
            assert_inert(plain(panel.render()))
            assert_shown_inert(strips_text(panel))
            no_actions(panel)
            await still_running(app, pilot)

    async def test_breadcrumb(self, evil_server: str, make_app: Callable[..., KexploreApp]) -> None:
        app = make_app(evil_server)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/evil/json")
            crumb = plain(app.screen.query_one("#breadcrumb", Static).render())
            assert "[bold]B" in crumb  # the record's name, cut at 40 characters
            assert not any(c in crumb for c in RAW)
            assert_no_raw(screen_text(app))

    async def test_history_list(
        self, evil_server: str, make_app: Callable[..., KexploreApp]
    ) -> None:
        """A followed link with a hostile URL lands in history; the history list shows it inert."""
        app = make_app(evil_server)
        async with app.run_test(size=SIZE) as pilot:
            await send(app, pilot, "/evil/json")
            view = app.screen.query_one(JsonView)
            view.focus()
            view.move_cursor(link_line(view, "/links/self"))
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.press("f2")
            await settle(app, pilot)
            table = app.screen.query_one("#history-list", DataTable)
            assert table.row_count == 2
            columns = range(len(table.columns))  # time, method, status, ms, path, as
            cells = [plain(table.get_cell_at((row, col))) for row in range(2) for col in columns]
            assert_inert("\n".join(cells), esc=False)  # the path is cut at 120 characters
            assert_shown_inert(strips_text(table))
            assert_no_raw(screen_text(app))
            await pilot.press("escape")

    async def test_notification(
        self, evil_server: str, make_app: Callable[..., KexploreApp]
    ) -> None:
        """A request saved under a hostile name: the toast shows the name as typed, inert."""
        app = make_app(evil_server)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+l")
            app.screen.query_one("#path").value = "/v1/customers"
            await pilot.press("ctrl+s")
            await pilot.pause()
            app.screen.query_one("#prompt-input").value = EVIL
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.pause(0.2)
            toasts = list(app.screen.query("Toast"))
            assert toasts, "no notification"
            text = "\n".join(strips_text(toast) for toast in toasts)
            assert_no_raw(text)
            for toast in toasts:
                no_actions(toast)
            assert "[@click=app.quit]" in text, text

    async def test_history_off_notification_with_markup_in_the_path(
        self, evil_server: str, make_app: Callable[..., KexploreApp], tmp_path: Path
    ) -> None:
        odd = tmp_path / "[link=https:x]odd[@click=app.quit]"
        odd.mkdir()
        history = odd / "history.toml"
        history.write_bytes(b"[[entry]\n")
        app = make_app(evil_server)
        app.services.history_store.path = history
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(app, pilot)
            await pilot.pause(0.2)
            text = "\n".join(strips_text(toast) for toast in app.screen.query("Toast"))
            assert "[@click=app.quit]" in text, text
            for toast in app.screen.query("Toast"):
                no_actions(toast)

    async def test_notification_text_without_markup_is_escaped(
        self, evil_server: str, make_app: Callable[..., KexploreApp]
    ) -> None:
        """The same toast, for the part that works today: control and bidi characters."""
        app = make_app(evil_server)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+l")
            app.screen.query_one("#path").value = "/v1/customers"
            await pilot.press("ctrl+s")
            await pilot.pause()
            app.screen.query_one("#prompt-input").value = f"{INVISIBLE} {ESCAPES}"
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.pause(0.2)
            text = "\n".join(strips_text(toast) for toast in app.screen.query("Toast"))
            assert "Saved as" in text
            assert_no_raw(text)
            assert "\\u202e" in text and "\\x1b" in text

    async def test_tree_labels_and_breadcrumb_from_a_real_sandbox(
        self, make_app: Callable[..., KexploreApp]
    ) -> None:
        with start_sandbox(SandboxConfig(port=0, customers=0)) as running:
            created = httpx.post(
                f"{running.base_url}/v1/customers",
                json={"name": EVIL},
                headers={"Authorization": "Bearer sandbox-admin-key"},
            )
            assert created.status_code == 201, created.text
            app = make_app(running.base_url)
            async with app.run_test(size=SIZE) as pilot:
                await settle(app, pilot)
                tree = app.screen.query_one(Tree)
                tree.focus()
                await pilot.press("space", "down", "space")  # expand Customers, list page 1
                await settle(app, pilot)
                labels = [
                    plain(node.label) for node in _walk(tree.root) if "click" in plain(node.label)
                ]
                assert labels, "the created customer is not in the tree"
                assert_shown_inert(labels[0])  # names are cut at 60 characters
                assert "[@click=app.quit]" in labels[0]
                assert_shown_inert(strips_text(tree))
                no_actions(tree)
                await pilot.press("down", "enter")  # open it: its name becomes the breadcrumb
                await settle(app, pilot)
                crumb = plain(app.screen.query_one("#breadcrumb", Static).render())
                assert "[bold]B" in crumb and not any(c in crumb for c in RAW)
                assert_no_raw(screen_text(app))
                await still_running(app, pilot)


def _walk(node: object) -> Iterator[object]:
    yield node
    for child in node.children:  # type: ignore[attr-defined]
        yield from _walk(child)


def test_the_sandbox_stores_hostile_names_verbatim() -> None:
    """The tree test is only meaningful if the hostile name survives the round trip."""
    with start_sandbox(SandboxConfig(port=0, customers=0)) as running:
        auth = {"Authorization": "Bearer sandbox-admin-key"}
        created = httpx.post(f"{running.base_url}/v1/customers", json={"name": EVIL}, headers=auth)
        assert created.json()["data"]["attributes"]["name"] == EVIL
