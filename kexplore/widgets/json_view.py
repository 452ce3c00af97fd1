"""JsonView: a virtualised, foldable, searchable line view of a response body, fast at any size."""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from rich.style import Style
from textual import events, on, work
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from kexplore.core.body.prepared import PreparedBody
from kexplore.core.body.pretty import PrettyJson, gc_paused
from kexplore.core.body.reader import Reader
from kexplore.core.browse.links import Link
from kexplore.widgets.json_lines import COMPONENTS, GUTTER, LineRenderer
from kexplore.widgets.search_bar import SearchBar

__all__ = ["JsonView", "ReadingPlace"]

IndexState = Literal["empty", "loading", "indexing", "ready", "plain"]
CopyWhat = Literal["jq path", "path", "value"]

_OVERLAYS = frozenset({"json-view--cursor", "json-view--match"})
"""Component classes whose background is laid over a line (blended, not partial)."""

SMALL_BODY = 64 * 1024
"""Bodies up to this size are pretty-printed on the UI thread (well under a millisecond), so
the first frame shows them: no "Formatting…" frame, no thread hop, no second frame (~30 ms)."""


@dataclass(frozen=True)
class ReadingPlace:
    """Where the reader was in a body: restored when the trail comes back to it."""

    cursor: int
    """The cursor line."""
    scroll_y: int
    """The first row on screen."""
    folded: tuple[int, ...]
    """Every folded opening line, ascending."""


class _Parcel:
    """A body handed to a worker, which takes it out: Textual keeps the last finished worker
    (and so its arguments) reachable, and that must not keep a 20 MB body alive."""

    def __init__(self, body: bytes, document: Any = None) -> None:
        self._contents: tuple[bytes, Any] = (body, document)

    def take(self) -> tuple[bytes, Any]:
        """The body and its parsed document, if any; the parcel is empty afterwards."""
        contents, self._contents = self._contents, (b"", None)
        return contents


class JsonView(ScrollView, can_focus=True):
    """A response body as lines: JSON pretty-printed and highlighted, folds, links, search.

    Only the visible lines are ever highlighted; folding hides line ranges through a
    `FoldMap` (O(log n) per row), so every key costs the same on a 20 MB body as on 2 KB.

    | Key | Action |
    | --- | --- |
    | up / k, down / j | move the cursor line |
    | pageup, pagedown / space | move a page |
    | home / g, end / G | first / last line |
    | enter | follow the link on the line (or fold/unfold an object or array) |
    | f | fold or unfold the object or array under the cursor |
    | F / U | fold all (below the top two levels) / unfold all |
    | / | search; n / N next / previous match |
    | y / Y | copy the JSON path / the value of the cursor line |
    | [ / ] | back / forward in the trail |
    | < / > | previous / next page of a list |
    | A | walk every page of the list (progress, export) |
    | e / d | edit / delete the record shown (or the list item under the cursor) |
    | n | new record in the list shown (while no search is active; else next match) |
    | \\| | filter the body with jq; escape returns to the full body |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "cursor up", show=False, id="json_view.up"),
        Binding("down,j", "cursor(1)", "cursor down", show=False, id="json_view.down"),
        Binding("pageup", "page(-1)", "page up", show=False, id="json_view.page_up"),
        Binding("pagedown,space", "page(1)", "page down", show=False, id="json_view.page_down"),
        Binding("home,g", "edge(0)", "first line", show=False, id="json_view.top"),
        Binding("end,G", "edge(1)", "last line", show=False, id="json_view.bottom"),
        Binding(
            "enter",
            "follow",
            "Follow",
            tooltip="follow the link on the line (on a { or [ line: fold it)",
            id="json_view.follow",
        ),
        Binding("f", "toggle_fold", "Fold", tooltip="fold or unfold here", id="json_view.fold"),
        Binding(
            "F", "fold_all", "Fold all", tooltip="fold all", show=False, id="json_view.fold_all"
        ),
        Binding(
            "U",
            "unfold_all",
            "Unfold all",
            tooltip="unfold all",
            show=False,
            id="json_view.unfold_all",
        ),
        Binding("slash", "open_search", "Search", tooltip="search the body", id="json_view.search"),
        Binding(
            "n",
            "act('create')",
            "New record",
            tooltip="new record in the list shown (the catalogue's example)",
            show=False,
            id="json_view.create",
        ),
        Binding(
            "n",
            "next_match(False)",
            "Next",
            tooltip="next search match",
            show=False,
            id="json_view.next_match",
        ),
        Binding(
            "N",
            "next_match(True)",
            "Prev",
            tooltip="previous search match",
            show=False,
            id="json_view.prev_match",
        ),
        Binding(
            "y",
            "copy('jq path')",
            "Copy path",
            tooltip="copy the jq path of the line (.data[0].id)",
            id="json_view.copy_path",
        ),
        Binding(
            "Y",
            "copy('value')",
            "Copy value",
            tooltip="copy the value of the line",
            show=False,
            id="json_view.copy_value",
        ),
        Binding(
            "p",
            "copy('path')",
            "Copy plain path",
            tooltip="copy the plain path of the line (data[0].id)",
            show=False,
            id="json_view.copy_plain_path",
        ),
        Binding(
            "escape",
            "close_search",
            "close the search bar",
            show=False,
            id="json_view.close_search",
        ),
        Binding(
            "left_square_bracket",
            "trail('back')",
            "back (as alt+left)",
            show=False,
            id="json_view.back",
        ),
        Binding(
            "right_square_bracket",
            "trail('forward')",
            "forward (as alt+right)",
            show=False,
            id="json_view.fwd",
        ),
        Binding(
            "less_than_sign",
            "page_request('prev')",
            "Prev page",
            tooltip="previous page (links.prev)",
            show=False,
            id="json_view.prev_page",
        ),
        Binding(
            "greater_than_sign",
            "page_request('next')",
            "Next page",
            tooltip="next page (links.next)",
            id="json_view.next_page",
        ),
        Binding(
            "A",
            "walk_all",
            "All pages",
            tooltip="walk every page of the list",
            show=False,
            id="json_view.walk_all",
        ),
        Binding(
            "e",
            "act('edit')",
            "Edit",
            tooltip="edit the record shown (or under the cursor): a sparse PATCH",
            show=False,
            id="json_view.edit",
        ),
        Binding(
            "d",
            "act('delete')",
            "Delete",
            tooltip="delete the record shown (or under the cursor), after asking",
            show=False,
            id="json_view.delete",
        ),
        Binding(
            "vertical_line",
            "filter",
            "jq",
            tooltip="filter the body with jq",
            show=False,
            id="json_view.filter",
        ),
        Binding(
            "escape",
            "full_body",
            "Full body",
            tooltip="back from a jq result to the full body",
            show=False,
            id="json_view.full_body",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = set(COMPONENTS)

    DEFAULT_CSS = """
    JsonView {
        background: $surface;
        color: $foreground;
        & > .json-view--key { color: $text-primary; }
        & > .json-view--string { color: $text-success; }
        & > .json-view--number { color: $text-warning; }
        & > .json-view--literal { color: $text-accent; }
        & > .json-view--punctuation { color: $text-muted; }
        & > .json-view--error { color: $text-error; }
        & > .json-view--link { text-style: underline; }
        & > .json-view--fold { color: $text-muted; text-style: italic; }
        & > .json-view--gutter { color: $text-accent; }
        & > .json-view--notice { color: $text-muted; }
        & > .json-view--match { background: $warning 30%; }
        & > .json-view--cursor { background: $foreground 10%; }
        &:focus > .json-view--cursor { background: $primary 35%; }
    }
    """

    @dataclass
    class LinkFollowed(Message):
        """Enter was pressed on a line holding a link."""

        link: Link
        """The link to follow."""

    @dataclass
    class LinksFound(Message):
        """The body's links are known (after indexing; none for text or a notice)."""

        links: Sequence[Link]
        """Every link in the body, in line order; packed (each Link is made when read), so
        copying it into a list costs ~45 MB for a 20 MB body's 80,000 links."""

    @dataclass
    class TrailRequested(Message):
        """The user asked to go back or forward in the trail."""

        direction: Literal["back", "forward"]
        """Which way."""

    @dataclass
    class PageRequested(Message):
        """The user asked for the next or previous page of a list."""

        direction: Literal["next", "prev"]
        """Which page."""

    @dataclass
    class WalkRequested(Message):
        """The user asked to walk every page of the list shown (`A`)."""

    @dataclass
    class CopyRequested(Message):
        """The user asked to copy the cursor line's JSON path or value."""

        what: CopyWhat
        """What is being copied."""
        text: str
        """The text for the clipboard (a string value is given unquoted)."""

    @dataclass
    class IndexStatus(Message):
        """How far the body's preparation has got."""

        state: IndexState
        """`loading` (pretty-printing), `indexing` (shown; folds, links and paths pending),
        `ready`, `plain` (text or notice: nothing to index) or `empty`."""
        detail: str = ""
        """A note, e.g. why a JSON body is shown as raw text."""
        formatted: bytes | None = None
        """At `indexing` of a JSON body: its pretty-printed text (the same JSON), which a
        visit may keep instead of the bytes received."""
        prepared: PreparedBody | None = None
        """At `ready` of a JSON body: the body formatted and indexed, to show it again at once."""

    @dataclass
    class CursorMoved(Message):
        """The cursor line changed (or the body did)."""

        line: int
        """The cursor's line, from 1 (0: no body)."""
        lines: int
        """How many lines the body has (0: no body)."""

    @dataclass
    class SearchCompleted(Message):
        """A search finished."""

        needle: str
        """What was searched for."""
        matches: int
        """How many lines hold it."""

    @dataclass
    class ActRequested(Message):
        """The user asked to edit or delete the record shown, or create one in the list."""

        what: Literal["edit", "delete", "create"]
        """Which write."""
        path: tuple[str | int, ...]
        """The keys and indexes leading to the cursor line (which list item it is in)."""

    @dataclass
    class FilterRequested(Message):
        """The user asked to filter the body with jq (`|`)."""

    @dataclass
    class FullBodyRequested(Message):
        """The user asked to leave a derived (filtered) view for the full body."""

    index_state: var[IndexState] = var("empty")
    """Where the body's preparation is (see `IndexStatus`)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.reader: Reader | None = None
        """The document shown with its cursor, folds and matches (None for a notice)."""
        self._notice: list[str] = []
        self._renderer = LineRenderer(self._component_style)
        self._styles: dict[str, Style] = {}
        self._generation = 0
        self._fold_all: Any = None
        self._search_bar: SearchBar | None = None
        self._regex = False
        self._pending_place: ReadingPlace | None = None
        self._reported: tuple[int, int] = (0, 0)
        self.derived = False
        """Whether the body shown is derived from another (a jq result): escape leaves it."""
        self.infers_kustomer_paths = True
        """Whether links may be inferred from a relationship's linkage alone (Kustomer's
        convention); set False for any other server, where nothing is invented."""

    @property
    def document(self) -> PrettyJson | None:
        """The body shown, as lines (None while loading or for a notice)."""
        return self.reader.document if self.reader else None

    @property
    def cursor_line(self) -> int:
        """The document line under the cursor."""
        return self.reader.cursor if self.reader else 0

    # Showing things.

    def show_json(self, body: bytes, base_url: str = "", document: Any = None) -> None:
        """Show a JSON body: pretty-printed in a thread, first screen painted, then indexed.

        Args:
            body: The raw body.
            base_url: What relative links resolve against.
            document: The body already parsed by orjson, if the caller has it.
        """
        if len(body) <= SMALL_BODY:
            self._reset([], "loading")
            pretty = PrettyJson.from_json(body, document)
            self._set_document(pretty, "indexing" if pretty.mode == "json" else "plain")
            self._prepare(_Parcel(body), base_url, self._generation, pretty)
            return
        self._reset(["Formatting…"], "loading")
        self._prepare(_Parcel(body, document), base_url, self._generation)

    @property
    def prepared(self) -> PreparedBody | None:
        """The JSON body shown, once formatted and indexed (None before, or for text)."""
        reader = self.reader
        if self.index_state != "ready" or reader is None or self._fold_all is None:
            return None
        return PreparedBody(reader.document, self._fold_all)

    def show_prepared(self, prepared: PreparedBody) -> None:
        """Show a body prepared earlier: no formatting, no indexing, at any size."""
        self._reset([], "loading")
        self._set_document(prepared.pretty, "indexing")
        self._indexed(self._generation, prepared.fold_all)

    def show_text(self, text: str) -> None:
        """Show plain text with the same line machinery (no highlighting or folds)."""
        self._reset([], "plain")
        self._set_document(PrettyJson.from_text(text), "plain")

    def show_notice(self, text: str) -> None:
        """Show a short message instead of a body (errors, loading, binary, no content)."""
        self._reset(text.splitlines() or [""], "plain")

    def show_body(self, body: bytes, kind: str, content_type: str = "", base_url: str = "") -> None:
        """Show a body as its kind calls for: `json`, `text`, `binary` (a notice) or `empty`."""
        if kind == "json":
            self.show_json(body, base_url)
        elif kind == "text":
            self.show_text(body.decode("utf-8", errors="replace"))
        elif kind == "binary":
            self.show_notice(
                f"Binary body: {len(body):,} bytes of {content_type or 'unknown type'}"
            )
        else:
            self.show_notice("No content")

    def clear(self) -> None:
        """Show nothing."""
        self._reset([], "empty")

    def _reset(self, notice: list[str], state: IndexState) -> None:
        self._generation += 1
        self._drop_search_bar()  # its count was about the body that is going
        self.derived = False
        self._fold_all = None
        self.reader, self._notice = None, notice
        self._renderer.clear()
        self._set_state(state)
        self.virtual_size = Size(max(map(len, notice), default=0), len(notice))
        self.scroll_to(0, 0, animate=False)
        self._pending_place = None
        self._report_cursor()
        self.refresh()

    def _set_state(self, state: IndexState, detail: str = "") -> None:
        """Say how far preparation has got, handing up what it made (see IndexStatus)."""
        self.index_state = state
        document = self.document
        json_body = document is not None and document.mode == "json"
        formatted = document.blob if json_body and state == "indexing" else None
        prepared = self.prepared if state == "ready" else None
        self.post_message(self.IndexStatus(state, detail, formatted, prepared))

    @work(thread=True, exclusive=True, group="pretty")
    def _prepare(
        self, parcel: _Parcel, base_url: str, generation: int, shown: PrettyJson | None = None
    ) -> None:
        """Pretty-print (before the first paint), then index once that frame is out.

        `shown`: the body already pretty-printed and shown (a small body); only index it.
        """
        with gc_paused():  # from parse to the tree's end: see gc_paused
            if shown is None:
                pretty = PrettyJson.from_json(*parcel.take())
                painted = threading.Event()
                if get_current_worker().is_cancelled:
                    return
                state: IndexState = "indexing" if pretty.mode == "json" else "plain"
                self.app.call_from_thread(self._shown, pretty, generation, state, painted)
                painted.wait(2.0)
            else:
                pretty = shown
            if pretty.mode != "json" or generation != self._generation:
                return  # nothing to index, or a newer body is on its way
            try:
                pretty.build_index(base_url, kustomer=self.infers_kustomer_paths)
                fold_all = Reader.fold_all_lines(pretty)
            except Exception as exc:  # a bug must not take the body (or the app) down with it
                self.app.call_from_thread(self._set_state, "plain", f"indexing failed: {exc!r}")
                return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._indexed, generation, fold_all)

    def _shown(
        self, pretty: PrettyJson, generation: int, state: IndexState, painted: threading.Event
    ) -> None:
        if generation == self._generation:
            self._set_document(pretty, state)
        self.call_after_refresh(painted.set)

    def _indexed(self, generation: int, fold_all: Any) -> None:
        if generation == self._generation and self.reader is not None:
            self._fold_all = fold_all
            self.reader.indexed(fold_all)
            self._renderer.clear()  # the link marks are known now
            index = self.reader.document.index
            self.post_message(self.LinksFound(index.links if index else []))
            self._set_state("ready")
            self._resize()  # the widest line is known now
            self._apply_place()

    def _set_document(self, pretty: PrettyJson, state: IndexState) -> None:
        self.reader, self._notice = Reader(pretty), []
        self._report_cursor()
        if state == "plain":
            self.post_message(self.LinksFound([]))
        self._set_state(state, pretty.fallback or "")
        self._resize()

    def _report_cursor(self) -> None:
        document = self.document
        where = (self.cursor_line + 1, document.line_count) if document else (0, 0)
        if where != self._reported:
            self._reported = where
            self.post_message(self.CursorMoved(*where))

    @property
    def place(self) -> ReadingPlace | None:
        """Where the reader is in the body shown (None for a notice)."""
        if self.reader is None:
            return None
        folded = tuple(self.reader.folds.folded)
        return ReadingPlace(self.reader.cursor, round(self.scroll_y), folded)

    def restore_place(self, place: ReadingPlace | None) -> None:
        """Go back to `place` in the body being shown, once its folds are known."""
        self._pending_place = place
        if self.index_state == "ready":
            self._apply_place()

    def _apply_place(self) -> None:
        place, self._pending_place = self._pending_place, None
        reader = self.reader
        if place is None or reader is None:
            return
        for line in place.folded:
            if line < reader.document.line_count and reader.document.fold_range(line):
                reader.folds.fold(line)
        reader.move_to(min(place.cursor, reader.document.line_count - 1))
        self._resize()
        self.scroll_to(y=place.scroll_y, animate=False, immediate=True)
        self._follow_cursor()

    def _resize(self) -> None:
        width = (self.document.widest if self.document else 0) + GUTTER + 24  # + a fold note
        self.virtual_size = Size(width, self.reader.row_count if self.reader else 0)
        self.refresh()

    # Rendering.

    def notify_style_update(self) -> None:
        """Styles or theme changed: re-read the component styles and re-render."""
        super().notify_style_update()
        self._styles.clear()
        self._renderer.clear()

    def _component_style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            # Backgrounds with alpha (`$primary 35%`) only blend in a full style.
            partial = name not in _OVERLAYS
            style = (
                self.get_component_rich_style(name, partial=partial) if name else self.rich_style
            )
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        """The strip for screen row `y` (only visible rows are ever rendered)."""
        scroll_x, scroll_y = self.scroll_offset
        row, width = scroll_y + y, self.size.width
        if self.reader is None or row >= self.reader.row_count:
            text = self._notice[row] if self.reader is None and row < len(self._notice) else ""
            return self._renderer.notice(text, width).apply_offsets(scroll_x, row)
        line = self.reader.folds.line_at(row)
        return self._renderer.row(self.reader, line, scroll_x, width).apply_offsets(scroll_x, row)

    # The cursor and scrolling.

    def move_cursor(self, line: int) -> None:
        """Put the cursor on `line` (or the fold hiding it) and scroll it into view."""
        if self.reader is not None:
            self.reader.move_to(line)
            self._follow_cursor()

    def _follow_cursor(self) -> None:
        """Resize for the folds, and scroll so the cursor row is visible."""
        self._resize()
        self._report_cursor()
        row = self.reader.cursor_row if self.reader else 0
        height = self.scrollable_content_region.height or 1
        if row < self.scroll_y:
            self.scroll_to(y=row, animate=False)
        elif row >= self.scroll_y + height:
            self.scroll_to(y=row - height + 1, animate=False)

    def action_cursor(self, rows: int) -> None:
        """Move the cursor `rows` lines (negative: up)."""
        if self.reader is not None:
            self.reader.move_rows(rows)
            self._follow_cursor()

    def action_page(self, pages: int) -> None:
        """Move the cursor and the view a page up or down."""
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + pages * height, animate=False)
        self.action_cursor(pages * height)

    def action_edge(self, end: int) -> None:
        """Go to the first line (0) or the last (1)."""
        self.move_cursor(self.document.line_count - 1 if end and self.document else 0)

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the clicked line."""
        if self.reader is not None and event.y + self.scroll_y < self.reader.row_count:
            self.move_cursor(self.reader.folds.line_at(int(event.y + self.scroll_y)))

    # Folding.

    def action_toggle_fold(self) -> None:
        """Fold or unfold the object or array under the cursor (or around it)."""
        if not self._still_indexing():
            self._change(Reader.toggle_fold)

    def action_fold_all(self) -> None:
        """Fold every object and array below the top two levels."""
        if not self._still_indexing():
            self._change(Reader.fold_all)

    def _still_indexing(self) -> bool:
        """Whether folds and links are still being found (saying so if they are): a key that
        needs them must not look as if it did nothing on a big body."""
        if self.index_state != "indexing":
            return False
        self.notify("Not ready: the body is still being indexed.", severity="warning")
        return True

    def action_unfold_all(self) -> None:
        """Unfold everything."""
        self._change(Reader.unfold_all)

    def _change(self, change: Any) -> None:
        if self.reader is not None:
            change(self.reader)
            self._follow_cursor()

    # Search.

    def action_open_search(self) -> None:
        """Open the search bar (docked at the bottom of this view's container), or focus it."""
        if self._search_bar is not None:
            self._search_bar.focus_input()
        elif self.reader is not None and self.parent is not None:
            self._search_bar = SearchBar(self, self.reader.needle, regex=self._regex)
            self.parent.mount(self._search_bar, after=self)

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        self._regex = event.regex
        self.focus()  # the bar stays, with its count, while n / N move
        self.search(event.needle, regex=event.regex)

    @on(SearchBar.Closed)
    def _close_search(self) -> None:
        self._drop_search_bar()
        self.focus()

    def action_close_search(self) -> None:
        """Close the search bar (escape then means the next binding: leave a jq result)."""
        if self._search_bar is None:
            raise SkipAction()
        self._close_search()

    def _drop_search_bar(self) -> None:
        if self._search_bar is not None:
            self._search_bar.remove()
            self._search_bar = None

    def search(self, needle: str, *, regex: bool = False) -> None:
        """Find every line holding `needle` in a worker, then go to the first after the cursor.

        Args:
            needle: The text (case-insensitive) or regular expression.
            regex: Whether `needle` is a regular expression.
        """
        if self.reader is None:
            return
        pattern = None
        if regex:
            try:
                pattern = re.compile(needle.encode("utf-8"), re.IGNORECASE | re.MULTILINE)
            except re.error as error:
                if self._search_bar is not None:
                    self._search_bar.show_problem(f"Not a regular expression: {error}")
                return
        self._find(self.reader, needle, pattern)

    @work(thread=True, exclusive=True, group="search")
    def _find(self, reader: Reader, needle: str, pattern: re.Pattern[bytes] | None) -> None:
        document = reader.document
        matches = document.find_pattern(pattern) if pattern else document.find_all(needle)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found, reader, needle, matches)

    def _found(self, reader: Reader, needle: str, matches: Any) -> None:
        if reader is self.reader:
            reader.set_matches(needle, matches)
            self.post_message(self.SearchCompleted(needle, len(matches)))
            self._follow_cursor()
            self._show_match_count()

    def action_next_match(self, backwards: bool = False) -> None:
        """Go to the next (or previous) line holding the search text, wrapping around."""
        self._change(lambda reader: reader.next_match(backwards))
        self._show_match_count()

    def _show_match_count(self) -> None:
        """`3 of 41` in the search bar, while it is open."""
        reader, bar = self.reader, self._search_bar
        if reader is None or bar is None:
            return
        matches = reader.matches
        here = bisect_left(matches, reader.cursor) + 1 if reader.is_match(reader.cursor) else 0
        bar.show_count(reader.needle, here, len(matches))

    # Intents for the screen.

    def action_follow(self) -> None:
        """Follow the link on the cursor line, or fold/unfold an object or array there."""
        link = self.reader.link() if self.reader else None
        if link is not None:
            self.post_message(self.LinkFollowed(link))
        elif self._still_indexing():
            return
        elif self.document is not None and self.document.fold_range(self.cursor_line):
            self.action_toggle_fold()

    def action_copy(self, what: CopyWhat) -> None:
        """Ask the screen to copy the cursor line's JSON path or value."""
        if self.reader is None:
            return
        text = self.reader.copy_text(what)  # type: ignore[arg-type]
        if text is not None:
            self.post_message(self.CopyRequested(what, text))
        elif not self._still_indexing():
            self.notify("Plain text has no JSON path; Y copies the line.", timeout=3)

    def action_trail(self, direction: Literal["back", "forward"]) -> None:
        """Ask to go back or forward."""
        self.post_message(self.TrailRequested(direction))

    def action_page_request(self, direction: Literal["next", "prev"]) -> None:
        """Ask for the next or previous page."""
        self.post_message(self.PageRequested(direction))

    def action_walk_all(self) -> None:
        """Ask to walk every page of the list."""
        self.post_message(self.WalkRequested())

    def action_act(self, what: Literal["edit", "delete", "create"]) -> None:
        """Ask for a write on the record or list shown (`n` is next match during a search)."""
        if what == "create" and self.reader is not None and self.reader.needle:
            raise SkipAction()
        index = self.document.index if self.document is not None else None
        path = tuple(index.segments_at(self.cursor_line)) if index is not None else ()
        self.post_message(self.ActRequested(what, path))

    def action_filter(self) -> None:
        """Ask to filter the body with jq."""
        self.post_message(self.FilterRequested())

    def action_full_body(self) -> None:
        """Ask to go back from a derived view to the full body."""
        if not self.derived:
            raise SkipAction()
        self.post_message(self.FullBodyRequested())
