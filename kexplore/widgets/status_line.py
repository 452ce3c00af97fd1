"""StatusLine: status, time, size, type and the rate-limit budget of the response shown."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from kexplore.core.body.inert import one_line
from kexplore.core.http.ratelimit import RateLimit
from kexplore.core.http.response import ApiResponse

__all__ = ["StatusLine", "human_size"]


def human_size(size: int) -> str:
    """`size` bytes as a short human figure (`4.3 KB`)."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024 or unit == "MB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} MB"


def _status_style(status: int) -> str:
    if status < 300:
        return "bold green"
    if status < 400:
        return "bold yellow"
    return "bold red"


class StatusLine(Static):
    """One line: `200 OK · 12 ms · 4.3 KB · application/json · rate 998/1000`."""

    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $boost; }
    StatusLine.-warning { background: $warning-muted; }
    StatusLine.-error { background: $error-muted; }
    """

    note: reactive[str] = reactive("")
    """Where the response came from, when not fresh (`from cache`, `from history`)."""
    stage: reactive[str] = reactive("")
    """How far the body's preparation is (`formatting…`, `indexing…`), empty when done."""

    def __init__(self, *, clock: Callable[[], float] = time.time, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._figures = Text("Pick an endpoint on the left, or type a path.")
        self._rate: RateLimit | None = None
        self._countdown: Timer | None = None
        self._kind = ""

    def show_response(self, response: ApiResponse, rate: RateLimit | None) -> None:
        """Show the figures of `response` and its rate-limit budget."""
        ms = response.elapsed * 1000
        kind = response.content_type or response.kind
        self._figures = Text.assemble(
            (f"{response.status} {one_line(response.reason, 40)}", _status_style(response.status)),
            f" · {ms:.0f} ms · {human_size(response.size)}",
        )
        self._rate = rate
        self._kind = one_line(kind, 60)
        self.set_class(False, "-error")
        self._start_countdown(response.status == 429 and rate is not None)
        self._refresh_text()

    def show_message(self, message: str, *, error: bool = False) -> None:
        """Show a plain message (sending, progress, a failure)."""
        self._stop_countdown()
        self._figures = Text(one_line(message, 300), "bold red" if error else "")
        self._rate = None
        self._kind = ""
        self.set_class(error, "-error")
        self.set_class(False, "-warning")
        self._refresh_text()

    def watch_note(self) -> None:
        self._refresh_text()

    def watch_stage(self) -> None:
        self._refresh_text()

    def _refresh_text(self) -> None:
        text = self._figures.copy()
        if self._rate is not None:
            text.append(f" · rate {self._rate.describe(self._clock())}")
            self.set_class(self._rate.is_low, "-warning")
        if self._kind:
            text.append(f" · {self._kind}", "dim")
        for extra in (self.note, self.stage):
            if extra:
                text.append(f" · {extra}", "italic")
        self.update(text, layout=False)  # always one line: no re-layout of the screen

    def _start_countdown(self, active: bool) -> None:
        self._stop_countdown()
        if active:
            self._countdown = self.set_interval(1.0, self._refresh_text)

    def _stop_countdown(self) -> None:
        if self._countdown is not None:
            self._countdown.stop()
            self._countdown = None
