"""PromptScreen: ask for one line of text (a name for a saved request)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kexplore.core.body.inert import inert_lines

__all__ = ["PromptScreen"]


class PromptScreen(ModalScreen[str | None]):
    """One input; enter answers with its text (never empty), escape with None."""

    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 70; max-width: 95%; height: auto; padding: 1 2;
        background: $surface; border: thick $primary;
    }
    PromptScreen #prompt-error { color: $text-error; height: auto; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="prompt.cancel")]

    def __init__(
        self, title: str, question: str, value: str = "", *, password: bool = False
    ) -> None:
        super().__init__()
        self._title = title
        self._question = question
        self._value = value
        self._password = password

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            yield Static(Text(inert_lines(self._question)))
            yield Input(self._value, id="prompt-input", password=self._password)
            yield Static("", id="prompt-error")

    @on(Input.Submitted)
    def _answer(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#prompt-error", Static).update("Nothing typed (escape cancels).")
            return
        self.dismiss(text)
