"""StatusLine: status, time, size, type and the rate-limit budget of the response shown."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from kexplore.core.body.inert import one_line
from kexplore.core.http.ratelimit import RateLimit
from kexplore.core.http.response import ApiResponse
from kexplore.core.quantities import format_size

__all__ = ["StatusLine"]


def _status_component(status: int) -> str:
    if status < 300:
        return "status-line--ok"
    if status < 400:
        return "status-line--redirect"
    return "status-line--failed"


_SEPARATOR = " · "


@dataclass(frozen=True)
class _Part:
    """A piece of the line, dropped whole (never cut) when the line is too narrow."""

    text: Text
    rank: int
    """Lower is more useful: the status first, then rate, position, size, time, notes, type."""


class StatusLine(Static):
    """One line: `200 OK · 12 ms · 4.3 KB · rate 998/1000 · Ln 3/40 · application/json`.

    When the line is too narrow, the least useful parts go first (the content type, notes,
    the time…), whole: a figure is never cut.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status-line--ok",
        "status-line--redirect",
        "status-line--failed",
        "status-line--muted",
    }

    DEFAULT_CSS = """
    StatusLine {
        height: 1; padding: 0 1; background: $boost;
        & > .status-line--ok { color: $text-success; text-style: bold; }
        & > .status-line--redirect { color: $text-warning; text-style: bold; }
        & > .status-line--failed { color: $text-error; text-style: bold; }
        & > .status-line--muted { color: $text-muted; }
    }
    StatusLine.-warning { background: $warning-muted; }
    StatusLine.-error { background: $error-muted; }
    """

    note: reactive[str] = reactive("")
    """Where the response came from, when not fresh (`from cache`, `from history`)."""
    stage: reactive[str] = reactive("")
    """How far the body's preparation is (`formatting…`, `indexing…`), empty when done."""
    position: reactive[str] = reactive("")
    """Where the body's cursor is (`Ln 37/212`), empty when no body is shown."""

    def __init__(self, *, clock: Callable[[], float] = time.time, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._head = Text("Pick an endpoint on the left, or type a path.")
        self._figures: list[_Part] = []
        self._rate: RateLimit | None = None
        self._countdown: Timer | None = None
        self._kind = ""

    def show_response(self, response: ApiResponse, rate: RateLimit | None) -> None:
        """Show the figures of `response` and its rate-limit budget."""
        status = f"{response.status} {one_line(response.reason, 40)}"
        self._head = Text(status, self.get_component_rich_style(_status_component(response.status)))
        self._figures = [
            _Part(Text(f"{response.elapsed * 1000:.0f} ms"), 4),
            _Part(Text(format_size(response.size)), 3),
        ]
        self._rate = rate
        self._kind = one_line(response.content_type or response.kind, 60)
        self.set_class(False, "-error")
        self._start_countdown(response.status == 429 and rate is not None)
        self._refresh_text()

    def show_message(self, message: str, *, error: bool = False) -> None:
        """Show a plain message (sending, progress, a failure)."""
        self._stop_countdown()
        style = self.get_component_rich_style("status-line--failed") if error else ""
        self._head = Text(one_line(message, 300), style)
        self._figures = []
        self._rate = None
        self._kind = ""
        self.set_class(error, "-error")
        self.set_class(False, "-warning")
        self._refresh_text()

    def watch_note(self) -> None:
        self._refresh_text()

    def watch_stage(self) -> None:
        self._refresh_text()

    def watch_position(self) -> None:
        self._refresh_text()

    def on_resize(self) -> None:
        self._refresh_text()

    def _parts(self) -> list[_Part]:
        parts = [_Part(self._head, 0), *self._figures]
        if self._rate is not None:
            parts.append(_Part(Text(f"rate {self._rate.describe(self._clock())}"), 1))
            self.set_class(self._rate.is_low, "-warning")
        if self.position:
            parts.append(_Part(Text(self.position), 2))
        for extra in (self.note, self.stage):
            if extra:
                parts.append(_Part(Text(extra, "italic"), 5))
        if self._kind:
            muted = self.get_component_rich_style("status-line--muted")
            parts.append(_Part(Text(self._kind, muted), 6))
        return parts

    def _refresh_text(self) -> None:
        parts = _fit(self._parts(), self.content_region.width or 10_000)
        text = Text(_SEPARATOR).join(part.text for part in parts)
        self.update(text, layout=False)  # always one line: no re-layout of the screen

    def _start_countdown(self, active: bool) -> None:
        self._stop_countdown()
        if active:
            self._countdown = self.set_interval(1.0, self._refresh_text)

    def _stop_countdown(self) -> None:
        if self._countdown is not None:
            self._countdown.stop()
            self._countdown = None


def _fit(parts: list[_Part], width: int) -> list[_Part]:
    """`parts` without the least useful ones, until they fit in `width` cells."""
    kept = list(parts)
    while len(kept) > 1 and _width(kept) > width:
        kept.remove(max(kept, key=lambda part: part.rank))
    return kept


def _width(parts: list[_Part]) -> int:
    return sum(part.text.cell_len for part in parts) + len(_SEPARATOR) * (len(parts) - 1)
