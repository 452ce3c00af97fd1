"""FilterBar: the `|` input where a jq program is typed, with its errors and recent filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from kexplore.core.body.inert import one_line

__all__ = ["FilterBar"]


class FilterBar(Vertical):
    """A `|`-prompted input for a jq program; enter runs it, escape closes.

    | Key | Action |
    | --- | --- |
    | enter | run the program over the body |
    | up / down | the endpoint's recent filters |
    | escape | close the bar |

    Args:
        recent: This endpoint's recent filters, newest first.
        value: The text to start with.
    """

    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="close the filter", id="filter_bar.close"),
        Binding(
            "up",
            "recall(1)",
            "Older filter",
            tooltip="an older filter for this endpoint",
            show=False,
            id="filter_bar.older",
        ),
        Binding(
            "down",
            "recall(-1)",
            "Newer filter",
            tooltip="a newer filter for this endpoint",
            show=False,
            id="filter_bar.newer",
        ),
    ]

    DEFAULT_CSS = """
    FilterBar {
        dock: bottom;
        height: auto;
        background: $panel;
        & > #filter-error { display: none; height: auto; padding: 0 1; color: $text-error; }
        &.-error > #filter-error { display: block; }
        & Horizontal { height: 1; }
        & Label { width: auto; padding: 0 1; color: $text-accent; }
        & Input { height: 1; border: none; padding: 0; width: 1fr; background: $panel; }
        & Input:focus { border: none; }
    }
    """

    @dataclass
    class Submitted(Message):
        """The user asked to run `program`."""

        program: str
        """The jq program as typed."""

    @dataclass
    class Closed(Message):
        """The bar was closed without running anything."""

    def __init__(self, recent: Sequence[str] = (), value: str = "") -> None:
        super().__init__(id="filter-bar")
        self._recent = list(recent)
        self._value = value
        self._recalled = -1

    def compose(self) -> ComposeResult:
        """The error line (when there is one), the prompt and the input."""
        yield Static("", id="filter-error")
        with Horizontal():
            yield Label("jq |")
            yield Input(
                self._value,
                placeholder="a jq program, e.g. [.data[] | .attributes.email] (up: recent)",
                suggester=SuggestFromList(self._recent) if self._recent else None,
                id="filter-input",
            )

    def on_mount(self) -> None:
        """Focus the input at once."""
        self.input.focus()

    @property
    def input(self) -> Input:
        """The program input."""
        return self.query_one(Input)

    def show_error(self, text: str) -> None:
        """Show jq's error (with the line and column it gives) under the input.

        The cursor stays where it was: libjq's column is where parsing gave up, often short
        of the end for a missing bracket, and typing there would mend the wrong place.
        """
        self.query_one("#filter-error", Static).update(Text(one_line(text, 300)))
        self.set_class(True, "-error")
        self.input.focus()

    def clear_error(self) -> None:
        """Hide the error line."""
        self.set_class(False, "-error")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.Submitted(event.value.strip()))
        else:
            self.post_message(self.Closed())

    def action_close(self) -> None:
        """Close without running anything."""
        self.post_message(self.Closed())

    def action_recall(self, step: int) -> None:
        """Show an older (1) or newer (-1) recent filter."""
        if not self._recent:
            return
        self._recalled = max(-1, min(len(self._recent) - 1, self._recalled + step))
        self.input.value = self._recent[self._recalled] if self._recalled >= 0 else ""
        self.input.cursor_position = len(self.input.value)
