"""JsonView in a tiny host app: showing, moving, folding, searching, links and literal text."""

from __future__ import annotations

import sys
import threading
from operator import attrgetter
from pathlib import Path

import orjson
import pytest
from textual import on
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.message import Message

from kexplore.core.body import pretty
from kexplore.core.body.pretty import PrettyJson
from kexplore.core.browse.links import extract_links
from kexplore.widgets.json_view import JsonView

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from make_documents import customer_list, list_document_bytes

BASE = "http://127.0.0.1:8787"
CONVERSATION = {
    "data": {
        "type": "conversation",
        "id": "c1",
        "attributes": {"name": "Where is my order?", "status": "open", "tags": []},
        "relationships": {
            "customer": {
                "links": {"self": "/v1/customers/5a82"},
                "data": {"type": "customer", "id": "5a82"},
            },
            "messages": {"links": {"self": "/v1/conversations/c1/messages"}},
        },
        "links": {"self": "/v1/conversations/c1"},
    }
}


class Host(App[None]):
    """A screen holding one JsonView, recording what it posts."""

    def __init__(self) -> None:
        super().__init__()
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield JsonView()

    @on(JsonView.LinkFollowed)
    @on(JsonView.LinksFound)
    @on(JsonView.CopyRequested)
    @on(JsonView.TrailRequested)
    @on(JsonView.PageRequested)
    @on(JsonView.IndexStatus)
    @on(JsonView.SearchCompleted)
    def record(self, message: Message) -> None:
        self.posted.append(message)

    def last(self, kind: type[Message]) -> Message:
        return [m for m in self.posted if isinstance(m, kind)][-1]


def rows(view: JsonView) -> list[str]:
    """The text of every visible row, as rendered."""
    height = view.scrollable_content_region.height
    return ["".join(s.text for s in view.render_line(y)) for y in range(height)]


async def shown(pilot, view: JsonView, body: bytes) -> None:
    view.show_json(body, BASE)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def line_of(view: JsonView, text: str) -> int:
    document = view.document
    return next(i for i in range(document.line_count) if text in document.line(i))


class TestShowing:
    async def test_a_customer_document_is_shown_and_indexed(self) -> None:
        app = Host()
        async with app.run_test(size=(90, 30)) as pilot:
            view = app.query_one(JsonView)
            await shown(pilot, view, orjson.dumps(customer_list(1)))
            states = [m.state for m in app.posted if isinstance(m, JsonView.IndexStatus)]
            assert states[-3:] == ["loading", "indexing", "ready"]
            text = rows(view)
            assert text[0].strip() == "{"
            assert any('"pageSize": 1' in row for row in text)
            assert any(row.startswith(" →") and '"self"' in row for row in text)
            found = app.last(JsonView.LinksFound).links
            assert list(found) == extract_links(customer_list(1), BASE)

    async def test_notices_for_binary_empty_and_text(self) -> None:
        app = Host()
        async with app.run_test(size=(60, 10)) as pilot:
            view = app.query_one(JsonView)
            view.show_body(b"\x89PNG\x00", "binary", "image/png")
            await pilot.pause()
            assert "Binary body: 5 bytes of image/png" in rows(view)[0]
            view.show_body(b"", "empty")
            await pilot.pause()
            assert "No content" in rows(view)[0]
            view.show_body(b"<html>\n<b>hi</b>", "text", "text/html")
            await pilot.pause()
            assert rows(view)[1].strip() == "<b>hi</b>"
            assert view.index_state == "plain"


class TestWhileIndexing:
    async def test_keys_that_need_the_index_say_it_is_not_ready(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Folds and links wait for the index (seconds on 20 MB): their keys say so, and
        work once it is ready."""
        release = threading.Event()
        build_index = PrettyJson.build_index

        def held_index(pretty: PrettyJson, base_url: str = "", **options: bool) -> None:
            release.wait(10)
            build_index(pretty, base_url, **options)

        monkeypatch.setattr(PrettyJson, "build_index", held_index)
        app = Host()
        async with app.run_test(size=(90, 30)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            view.show_json(orjson.dumps(customer_list(40)), BASE)  # > 64 KB: a worker
            while view.index_state != "indexing":
                await pilot.pause(0.01)
            for key in ("f", "F", "enter", "y"):
                await pilot.press(key)
                await pilot.pause()
                assert [n.message for n in app._notifications][-1].startswith("Not ready")
                app.clear_notifications()
            assert view.reader.row_count == view.document.line_count  # nothing was folded
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("F")
            assert view.reader.row_count < view.document.line_count
            assert not list(app._notifications)

    async def test_copy_path_on_plain_text_says_why_not(self) -> None:
        app = Host()
        async with app.run_test(size=(60, 10)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            view.show_text("just words")
            await pilot.press("y")
            await pilot.pause()
            assert [n.message for n in app._notifications] == [
                "Plain text has no JSON path; Y copies the line."
            ]
            await pilot.press("Y")
            assert app.last(JsonView.CopyRequested).text == "just words"


class TestTheme:
    async def test_highlighting_follows_the_theme(self) -> None:
        app = Host()
        async with app.run_test(size=(60, 10)) as pilot:
            view = app.query_one(JsonView)
            await shown(pilot, view, orjson.dumps(CONVERSATION))
            app.theme = "textual-dark"
            await pilot.pause()
            dark = [segment.style for segment in view.render_line(2)]
            app.theme = "textual-light"
            await pilot.pause()
            light = [segment.style for segment in view.render_line(2)]
            assert dark != light
            assert "".join(s.text for s in view.render_line(2)).strip() == '"type": "conversation",'


class TestMoving:
    async def test_cursor_keys(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 20)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps(customer_list(3)))
            await pilot.press("j", "j", "down", "k")  # three down, one up
            assert view.cursor_line == 2
            await pilot.press("G")  # last line, scrolled into view
            assert view.cursor_line == view.document.line_count - 1
            assert rows(view)[-1].strip() == "}"
            await pilot.press("g")
            assert view.cursor_line == 0
            await pilot.press("pagedown")
            assert view.cursor_line > 10


class TestFolding:
    async def test_fold_and_unfold_under_the_cursor(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 30)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps(CONVERSATION))
            view.move_cursor(line_of(view, '"attributes"'))
            before = view.reader.row_count
            await pilot.press("f")  # fold the attributes object
            assert view.reader.row_count == before - 4
            assert any('"attributes": {…},  5 lines' in row for row in rows(view))
            await pilot.press("f")  # and unfold it
            assert view.reader.row_count == before

    async def test_fold_inside_a_container_folds_that_container(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 30)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps(CONVERSATION))
            view.move_cursor(line_of(view, '"status"'))
            await pilot.press("f")
            assert view.cursor_line == line_of(view, '"attributes"')

    async def test_fold_all_and_unfold_all(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 30)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps(customer_list(4)))
            total = view.document.line_count
            await pilot.press("F")  # each customer folded to one row
            shown_rows = [row.strip() for row in rows(view) if row.strip()]
            assert view.reader.row_count < 30
            assert sum("{…}" in row for row in shown_rows) == 4
            await pilot.press("U")
            assert view.reader.row_count == total


class TestSearch:
    async def test_search_next_and_previous(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 20)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps(customer_list(5)))
            await pilot.press("slash", *"EXAMPLE.COM", "enter")  # case-insensitive
            await app.workers.wait_for_complete()
            await pilot.pause()
            matches = list(view.reader.matches)
            assert app.last(JsonView.SearchCompleted).matches == len(matches) > 5
            assert view.cursor_line == matches[0]
            await pilot.press("n", "n")
            assert view.cursor_line == matches[2]
            await pilot.press("N")
            assert view.cursor_line == matches[1]
            await pilot.press("N", "N")  # wraps around to the last
            assert view.cursor_line == matches[-1]

    async def test_a_match_inside_a_fold_is_revealed(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 20)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps(customer_list(3)))
            await pilot.press("F")
            view.search("lastConversation")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "lastConversation" in view.document.line(view.cursor_line)
            assert any("lastConversation" in row for row in rows(view))


class TestIntents:
    async def test_copy_path_and_value_on_a_link_line(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 30)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps(CONVERSATION))
            view.move_cursor(line_of(view, '"/v1/customers/5a82"'))
            await pilot.press("y")
            copied = app.last(JsonView.CopyRequested)
            assert (copied.what, copied.text) == (
                "jq path",
                ".data.relationships.customer.links.self",
            )
            await pilot.press("p")
            copied = app.last(JsonView.CopyRequested)
            assert (copied.what, copied.text) == ("path", "data.relationships.customer.links.self")
            await pilot.press("Y")
            assert app.last(JsonView.CopyRequested).text == "/v1/customers/5a82"

    async def test_copy_value_of_an_object_is_its_pretty_json(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 30)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps(CONVERSATION))
            view.move_cursor(line_of(view, '"customer": {'))
            await pilot.press("Y")
            assert (
                orjson.loads(app.last(JsonView.CopyRequested).text)
                == (CONVERSATION["data"]["relationships"]["customer"])
            )

    async def test_enter_on_a_link_line_follows_it(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 30)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps(CONVERSATION))
            view.move_cursor(line_of(view, '"/v1/customers/5a82"'))
            await pilot.press("enter")
            link = app.last(JsonView.LinkFollowed).link
            expected = next(
                x
                for x in extract_links(CONVERSATION, BASE)
                if x.rel == "customer" and not x.inferred
            )
            assert link == expected
            assert link.url == f"{BASE}/v1/customers/5a82"

    async def test_trail_and_page_keys_post_requests(self) -> None:
        app = Host()
        async with app.run_test(size=(60, 10)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps(CONVERSATION))
            await pilot.press("left_square_bracket", "right_square_bracket")
            await pilot.press("less_than_sign", "greater_than_sign")
            trail = [m.direction for m in app.posted if isinstance(m, JsonView.TrailRequested)]
            pages = [m.direction for m in app.posted if isinstance(m, JsonView.PageRequested)]
            assert (trail, pages) == (["back", "forward"], ["prev", "next"])


HOSTILE = {
    "markup": "[bold red]x[/] [@click=app.quit]quit[/]",
    "ansi": "\x1b[31mred\x1b]8;;http://evil.example\x07link\x1b]52;c;ZXZpbA==\x07",
    "bidi": "abc\u202edcb\u2066x\u2069",
    "zero": "zero\u200bwidth\ufeff",
    "c1": "\x85\x9b\x7f",
}


class TestLiteralText:
    def _assert_inert(self, view: JsonView) -> list[str]:
        text = rows(view)
        for y in range(view.size.height):
            for segment in view.render_line(y):
                assert not any(
                    ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\u202e\u2066\u2069\u200b\ufeff"
                    for c in segment.text
                ), repr(segment.text)
        return text

    async def test_json_strings_are_shown_literally(self) -> None:
        app = Host()
        async with app.run_test(size=(120, 12)) as pilot:
            view = app.query_one(JsonView)
            await shown(pilot, view, orjson.dumps(HOSTILE))
            text = "\n".join(self._assert_inert(view))
            assert "[bold red]x[/] [@click=app.quit]quit[/]" in text
            assert "\\u001b[31mred" in text  # JSON's own escape, shown as text
            assert "abc\\u202edcb\\u2066x\\u2069" in text
            assert "zero\\u200bwidth\\ufeff" in text
            assert "\\x85\\x9b\\x7f" in text

    async def test_plain_text_escapes_are_made_visible(self) -> None:
        app = Host()
        async with app.run_test(size=(120, 12)) as pilot:
            view = app.query_one(JsonView)
            view.show_text("\n".join(HOSTILE.values()))
            await pilot.pause()
            text = "\n".join(self._assert_inert(view))
            assert "\\x1b[31mred\\x1b]8;;http://evil.example\\x07link" in text
            assert "[bold red]x[/]" in text
            view.show_notice("[bold]not markup[/] \x1b[2J")
            await pilot.pause()
            assert "[bold]not markup[/] \\x1b[2J" in self._assert_inert(view)[0]


def nested_arrays(size: int) -> bytes:
    """One huge array nested in objects, its rows arrays themselves."""
    row = [0, "Ada Lovelace", {"tags": ["vip", "hopper"], "n": [1.5, None, True]}, []]
    count = size // len(orjson.dumps(row))
    rows = [[n, *row[1:]] for n in range(count)]
    return orjson.dumps({"meta": {"count": count}, "report": {"rows": rows}})


def scalars(size: int) -> bytes:
    """An array of strings and numbers."""
    return orjson.dumps([f"hopper-{n:08d}" if n % 3 else n * 1.25 for n in range(size // 16)])


def giant_object(size: int) -> bytes:
    """One object with a member per record, and the envelope's links beside them."""
    records = {
        f"id-{n:07d}": {"name": f"Grace {n}", "seen": [n, n + 1], "hopper": n % 7 == 0}
        for n in range(size // 70)
    }
    return orjson.dumps({"links": {"self": "/v1/customers"}, **records})


SHAPES = {
    "customer list, 20 MB": lambda: list_document_bytes(20 * 2**20),
    "one huge nested array, 20 MB": lambda: nested_arrays(20 * 2**20),
    "an array of scalars, 20 MB": lambda: scalars(20 * 2**20),
    "one giant object, 20 MB": lambda: giant_object(20 * 2**20),
    "customer list, 100 MB": lambda: list_document_bytes(100 * 2**20),
}


@pytest.mark.slow
class TestBigBodies:
    @pytest.mark.parametrize("shape", SHAPES)
    async def test_displays_scrolls_folds_searches_and_finds_the_links(
        self, shape: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every shape is formatted a slice at a time (never its whole tree), yet shows the
        same text, folds and links as a whole parse, and answers G, F, search, n, U."""
        sliced = []
        original = pretty.pretty_in_slices
        monkeypatch.setattr(
            pretty, "pretty_in_slices", lambda body: sliced.append(original(body)) or sliced[-1]
        )
        body = SHAPES[shape]()
        app = Host()
        async with app.run_test(size=(100, 30)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, body)
            assert view.index_state == "ready"
            assert sliced and sliced[-1] is not None
            self._same_as_a_whole_parse(app, view, body)
            await pilot.press("G")
            assert rows(view)[-1].strip() in ("}", "]")
            assert view.cursor_line == view.document.line_count - 1
            await pilot.press("g", "f")  # the whole document folded on its first line
            assert view.reader.row_count == 1
            await pilot.press("f", "F")  # unfolded; then everything below the top two levels
            deep = any(depth >= 2 for depth in view.document.index.depths)
            assert view.reader.row_count < view.document.line_count or not deep
            await pilot.press("g")
            view.search("hopper")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "hopper" in view.document.line(view.cursor_line).lower()
            await pilot.press("n", "U", "G")
            assert view.cursor_line == view.document.line_count - 1
            assert view.reader.row_count == view.document.line_count

    @staticmethod
    def _same_as_a_whole_parse(app: Host, view: JsonView, body: bytes) -> None:
        document = orjson.loads(body)
        assert view.document.blob == orjson.dumps(document, option=orjson.OPT_INDENT_2)
        found = app.last(JsonView.LinksFound).links
        expected = extract_links(document, BASE)
        del document
        by_pointer = attrgetter("pointer")
        assert sorted(found, key=by_pointer) == sorted(expected, key=by_pointer)
        whole = PrettyJson(view.document.blob, "json", orjson.loads(body))
        whole.build_index(BASE)
        assert whole.index is not None and view.document.index is not None
        assert whole.index.closes == view.document.index.closes
        assert whole.index.links.lines == view.document.index.links.lines

    async def test_deep_nesting_shows_as_text_without_crashing(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 10)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, b"[" * 100_000 + b"]" * 100_000)
            assert view.index_state == "plain"
            assert app.last(JsonView.IndexStatus).detail
            assert rows(view)[0].startswith("  [[[[")
            await pilot.press("G", "f", "y", "Y")
            assert view.cursor_line == view.document.line_count - 1

    async def test_a_huge_single_line_string_is_cut_on_screen_but_copied_whole(self) -> None:
        app = Host()
        async with app.run_test(size=(80, 10)) as pilot:
            view = app.query_one(JsonView)
            view.focus()
            await shown(pilot, view, orjson.dumps({"blob": "x" * 5_000_000}))
            view.move_cursor(1)
            await pilot.press("Y")
            assert len(app.last(JsonView.CopyRequested).text) == 5_000_000
            strip = view._renderer.content(view.document, 1, False)
            assert strip.cell_length < 25_000
            assert "more bytes" in "".join(s.text for s in strip)
