"""SearchBar: the one-line find input a JsonView docks at the bottom of its container."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.message_pump import MessagePump
from textual.reactive import reactive
from textual.widgets import Input, Label

from kexplore.core.body.inert import one_line

__all__ = ["SearchBar"]


class SearchBar(Horizontal):
    """A `/`-prompted input; Enter searches, Escape closes; says how many lines match.

    Its messages go to its `owner` (the view that opened it), not up the DOM, as the bar sits
    beside that view rather than inside it. After a search it stays, showing `3 of 41` (or
    `No match for …`) while the owner moves with n / N, until Escape.

    | Key | Action |
    | --- | --- |
    | enter | search for the text |
    | ctrl+r | regular expression on / off |
    | escape | close the bar |

    Args:
        owner: Who receives `Submitted` and `Closed`.
        value: The text to start with (the last search).
        regex: Whether the text is a regular expression.
    """

    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="close the search bar", id="search_bar.close"),
        Binding(
            "ctrl+r",
            "toggle_regex",
            "Regex",
            tooltip="search by regular expression, or plain text",
            id="search_bar.regex",
        ),
    ]

    DEFAULT_CSS = """
    SearchBar {
        dock: bottom;
        height: 1;
        background: $panel;
        & > Label { width: auto; padding: 0 1; color: $text-accent; }
        & > #search-count { color: $text-muted; }
        &.-no-match > #search-count { color: $text-warning; }
        & > Input { height: 1; border: none; padding: 0; width: 1fr; background: $panel; }
        & > Input:focus { border: none; }
    }
    """

    regex: reactive[bool] = reactive(False)
    """Whether the text is a regular expression (else plain, case-insensitive text)."""

    @dataclass
    class Submitted(Message):
        """The user asked to search for `needle`."""

        needle: str
        """The text to find (case-insensitive)."""
        regex: bool = False
        """Whether `needle` is a regular expression."""

    @dataclass
    class Closed(Message):
        """The bar was closed."""

    def __init__(self, owner: MessagePump, value: str = "", *, regex: bool = False) -> None:
        super().__init__()
        self._owner = owner
        self._value = value
        self.set_reactive(SearchBar.regex, regex)

    def compose(self) -> ComposeResult:
        """A prompt, the input and the count."""
        yield Label(self._prompt(), id="search-prompt")
        yield Input(self._value, placeholder="search (enter: find, n/N: next/previous)")
        yield Label("ctrl+r: regex", id="search-count")

    def _prompt(self) -> str:
        return "regex /" if self.regex else "/"

    def on_mount(self) -> None:
        """Focus the input at once."""
        self.focus_input()

    def focus_input(self) -> None:
        """Put the focus in the input, its text selected (typing replaces it)."""
        field = self.query_one(Input)
        field.focus()
        field.select_all()

    def watch_regex(self) -> None:
        if self.is_mounted:
            self.query_one("#search-prompt", Label).update(self._prompt())

    def show_count(self, needle: str, position: int, total: int) -> None:
        """Say where the cursor is among the matches: `3 of 41`, or that there is none."""
        if total:
            text = f"{position} of {total}" if position else f"{total} matches"
        else:
            text = f"No match for {one_line(needle, 40)}"
        self.set_class(not total, "-no-match")
        self.query_one("#search-count", Label).update(Text(text))

    def show_problem(self, message: str) -> None:
        """Say why the search could not run (a bad regular expression)."""
        self.set_class(True, "-no-match")
        self.query_one("#search-count", Label).update(Text(one_line(message, 60)))

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value:
            self._owner.post_message(self.Submitted(event.value, self.regex))
        else:
            self._owner.post_message(self.Closed())

    def action_toggle_regex(self) -> None:
        """Switch between plain text and regular expression."""
        self.regex = not self.regex

    def action_close(self) -> None:
        """Close the bar."""
        self._owner.post_message(self.Closed())
