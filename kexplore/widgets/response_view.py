"""ResponseView: status line, breadcrumb, error panel and the body/headers/links tabs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from kexplore.core.body.inert import one_line
from kexplore.core.body.prepared import PreparedBody
from kexplore.core.browse.documents import error_messages
from kexplore.core.browse.links import Link
from kexplore.core.http.ratelimit import RateLimit
from kexplore.core.http.response import ApiResponse
from kexplore.core.quantities import format_size
from kexplore.widgets.json_view import JsonView, ReadingPlace
from kexplore.widgets.link_list import LinkList
from kexplore.widgets.status_line import StatusLine

__all__ = ["ResponseView"]

_MAX_LINK_ROWS = 2000
"""The Links tab lists this many; a 20 MB page can hold 80,000 links."""


class ResponseView(Vertical):
    """Everything about the response shown: data in by method, intent out by messages."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"response-view--current"}

    DEFAULT_CSS = """
    ResponseView { height: 1fr; }
    ResponseView > .response-view--current { color: $text-accent; text-style: bold; }
    ResponseView > #breadcrumb { height: 1; padding: 0 1; color: $text-muted; }
    ResponseView > #error-panel {
        display: none; height: auto; max-height: 8; padding: 0 1;
        background: $error-muted; color: $text; border-left: thick $error;
    }
    ResponseView.-failed > #error-panel { display: block; }
    ResponseView TabbedContent { height: 1fr; }
    ResponseView TabPane { padding: 0; height: 1fr; }
    ResponseView #response-headers { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status-line")
        yield Static("", id="breadcrumb")
        yield Static("", id="error-panel")
        with TabbedContent(id="response-tabs"):
            with TabPane("Body", id="tab-response-body"):
                yield JsonView(id="json-view")
            with TabPane("Headers", id="tab-response-headers"):
                yield DataTable(id="response-headers", cursor_type="row", zebra_stripes=True)
            with TabPane("Links", id="tab-response-links"):
                yield LinkList(id="link-list")

    def on_mount(self) -> None:
        self.query_one("#response-headers", DataTable).add_columns("header", "value")

    @property
    def status_line(self) -> StatusLine:
        """The status line, for progress and notes."""
        return self.query_one(StatusLine)

    @property
    def json_view(self) -> JsonView:
        """The body view."""
        return self.query_one(JsonView)

    def infer_kustomer_paths(self, infer: bool) -> None:
        """Whether links may be inferred from linkage alone (only on Kustomer and its sandbox)."""
        self.json_view.infers_kustomer_paths = infer

    def show_stage(self, stage: str) -> None:
        """Say in the status line how far the body's preparation has got ("" when done)."""
        self.status_line.stage = stage

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Say `text` in the status line (e.g. a jq filter's progress), as an error if so."""
        self.status_line.show_message(text, error=error)

    def show_derived(self, body: bytes, base_url: str, note: str) -> None:
        """Show a body derived from the one shown (a jq result), saying what it is."""
        view = self.json_view
        view.show_json(body, base_url)
        view.derived = True
        self.status_line.show_message(note)

    @property
    def shows_derived(self) -> bool:
        """Whether the body shown is derived from another (a jq result)."""
        return self.json_view.derived

    def leave_derived(self) -> None:
        """Mark the derived body as gone (the full body is being shown again)."""
        self.json_view.derived = False

    @property
    def body_cursor(self) -> int:
        """The body's cursor line."""
        return self.json_view.cursor_line

    def move_body_cursor(self, line: int) -> None:
        """Put the body's cursor on `line`."""
        self.json_view.move_cursor(line)

    def reading_place(self) -> ReadingPlace | None:
        """Where the reader is in the body shown (cursor, scroll, folds), None for a notice."""
        return self.json_view.place

    def restore_place(self, place: ReadingPlace | None) -> None:
        """Go back to `place` in the body being shown, once it is ready."""
        self.json_view.restore_place(place)

    def focus_body(self) -> None:
        """Put the focus in the body."""
        self.json_view.focus()

    def show_sending(self, method: str, url: str) -> None:
        """Say a request is on its way (the previous response stays until the new one lands)."""
        self.status_line.show_message(f"Sending {method} {url} …")

    def show_progress(self, received: int, total: int | None, seconds: float) -> None:
        """Show download progress for a slow or large body."""
        rate = format_size(int(received / seconds)) + "/s" if seconds > 0 else ""
        of = f" of {format_size(total)}" if total else ""
        self.status_line.show_message(f"Receiving {format_size(received)}{of} · {rate}")

    def show_trail(self, labels: Sequence[str], current: int) -> None:
        """Show the trail as the breadcrumb: `3/7`, then the visits around the current one
        (marked), as many as the line holds."""
        crumb = self.query_one("#breadcrumb", Static)
        marked = self.get_component_rich_style("response-view--current")
        text = trail_text(labels, current, max(20, crumb.size.width - 2 or 200), marked)
        crumb.update(text, layout=False)

    @on(JsonView.CursorMoved)
    def _show_position(self, message: JsonView.CursorMoved) -> None:
        self.status_line.position = f"Ln {message.line}/{message.lines}" if message.lines else ""

    def _open_body_tab(self) -> None:
        """A new response opens on Body (an error's panel shows above it), never on an empty tab."""
        self.query_one("#response-tabs", TabbedContent).active = "tab-response-body"

    def show_response(
        self,
        response: ApiResponse,
        rate: RateLimit | None,
        base_url: str,
        note: str = "",
        prepared: PreparedBody | None = None,
    ) -> None:
        """Show a response: figures, headers, an error panel for 4xx/5xx, and the body.

        `prepared` is the body as the view prepared it before (from the trail): shown at once.
        """
        self._open_body_tab()
        self.status_line.show_response(response, rate)
        self.status_line.note = ", ".join(filter(None, (note, _body_warning(response))))
        self._show_headers(response.headers)
        self._show_error_panel(response)
        if prepared is not None:
            self.json_view.show_prepared(prepared)
        else:
            self._show_body(response, base_url)

    def show_links(self, links: Sequence[Link]) -> None:
        """Show the links found in the body (computed off the UI thread), the first 2,000."""
        shown = [links[i] for i in range(min(len(links), _MAX_LINK_ROWS))]
        self.query_one(LinkList).show_links(shown, total=len(links))
        tab = self.query_one("#response-tabs", TabbedContent).get_tab("tab-response-links")
        tab.label = f"Links ({len(links):,})"

    def show_failure(self, title: str, message: str) -> None:
        """Show a request that got no response (refused, timeout, too large…)."""
        self._open_body_tab()
        self.status_line.show_message(f"{title}: {message}", error=True)
        self._set_error_panel([f"{title}", message])
        self.json_view.show_notice(f"No response — {message}")
        self._show_headers(())
        self.show_links([])

    def _show_body(self, response: ApiResponse, base_url: str) -> None:
        view = self.json_view
        if response.kind == "json":
            # A small body's tree (parsed to sniff its kind) is reused; a big one is parsed
            # once, in the view's worker.
            view.show_json(response.body, base_url, response.small_document())
        elif response.kind == "text":
            view.show_text(response.text())
        elif response.kind == "empty":
            view.show_notice(f"No content ({response.status} {response.reason}).")
        else:
            kind = response.content_type or "unknown type"
            view.show_notice(f"Binary body: {format_size(response.size)} of {kind}.")

    def _show_headers(self, headers: tuple[tuple[str, str], ...]) -> None:
        table = self.query_one("#response-headers", DataTable)
        table.clear()
        for name, value in headers:
            table.add_row(Text(one_line(name, 80), "bold"), Text(one_line(value, 500)))

    def _show_error_panel(self, response: ApiResponse) -> None:
        if response.status < 400:
            self.set_class(False, "-failed")
            return
        messages = error_messages(response.small_document())
        if not messages:
            messages = [_no_message_reason(response)]
        self._set_error_panel([f"{response.status} {response.reason}", *messages])

    def _set_error_panel(self, lines: list[str]) -> None:
        text = Text(one_line(lines[0], 200), "bold")
        for line in lines[1:]:
            text.append("\n• " + one_line(line, 400))
        self.query_one("#error-panel", Static).update(text)
        self.set_class(True, "-failed")


def trail_text(
    labels: Sequence[str], current: int, width: int, marked: Style | str = "bold"
) -> Text:
    """`3/7  … > customers > Jane Cooper > org`: the visits around `current` that fit `width`.

    Args:
        labels: Every visit's label, oldest first.
        current: The index of the visit shown.
        width: The cells available.
        marked: The style of the current visit's label.
    """
    if not labels:
        return Text("")
    names = [one_line(label, 40) for label in labels]
    first, last = _window(names, current, width - len(f"{current + 1}/{len(names)}  "))
    text = Text(f"{current + 1}/{len(names)}  ")
    parts = (["…"] if first > 0 else []) + list(range(first, last + 1))
    parts += ["…"] if last < len(names) - 1 else []
    for n, part in enumerate(parts):
        if n:
            text.append(" > ")
        if isinstance(part, str):
            text.append(part)
        else:
            text.append(names[part], marked if part == current else "")
    return text


def _window(names: list[str], current: int, width: int) -> tuple[int, int]:
    """The first and last index around `current` whose names fit `width` with separators."""
    first = last = current
    used = len(names[current]) + 8  # room for the `… > ` marks at both ends
    grown = True
    while grown:
        grown = False
        for side in (first - 1, last + 1):
            if 0 <= side < len(names) and used + 3 + len(names[side]) <= width:
                used += 3 + len(names[side])
                first, last, grown = min(first, side), max(last, side), True
    return first, last


def _body_warning(response: ApiResponse) -> str:
    """What is odd about a body that a person should know before trusting the view."""
    if response.kind == "text" and "json" in response.content_type:
        return "not valid JSON: shown as text"
    duplicate = response.duplicate_key()
    if duplicate is not None:
        return f"duplicate key {one_line(duplicate, 40)!r}: only its last value is shown"
    return ""


def _no_message_reason(response: ApiResponse) -> str:
    if response.kind == "empty":
        return "The server sent no body to explain the error."
    kind = response.content_type or "unknown type"
    return f"The server sent a {kind} body, not a Kustomer error: see Body."
