"""SearchBar: the one-line find input a JsonView docks at the bottom of its container."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widgets import Input, Label

__all__ = ["SearchBar"]


class SearchBar(Horizontal):
    """A `/`-prompted input; Enter searches, Escape closes.

    Its messages go to its `owner` (the view that opened it), not up the DOM, as the bar sits
    beside that view rather than inside it.

    | Key | Action |
    | --- | --- |
    | enter | search for the text |
    | escape | close the bar |

    Args:
        owner: Who receives `Submitted` and `Closed`.
        value: The text to start with (the last search).
    """

    BINDINGS = [Binding("escape", "close", "Close", id="search_bar.close")]

    DEFAULT_CSS = """
    SearchBar {
        dock: bottom;
        height: 1;
        background: $panel;
        & > Label { width: auto; padding: 0 1; color: $text-accent; }
        & > Input { height: 1; border: none; padding: 0; width: 1fr; background: $panel; }
        & > Input:focus { border: none; }
    }
    """

    @dataclass
    class Submitted(Message):
        """The user asked to search for `needle`."""

        needle: str
        """The text to find (case-insensitive)."""

    @dataclass
    class Closed(Message):
        """The bar was closed without searching."""

    def __init__(self, owner: MessagePump, value: str = "") -> None:
        super().__init__()
        self._owner = owner
        self._value = value

    def compose(self) -> ComposeResult:
        """A prompt and the input."""
        yield Label("/")
        yield Input(self._value, placeholder="search (enter: find, n/N: next/previous)")

    def on_mount(self) -> None:
        """Focus the input at once."""
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value:
            self._owner.post_message(self.Submitted(event.value))
        else:
            self._owner.post_message(self.Closed())

    def action_close(self) -> None:
        """Close without searching."""
        self._owner.post_message(self.Closed())
