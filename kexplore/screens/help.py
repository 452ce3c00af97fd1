"""HelpScreen: every key kexplore answers to, grouped by where it works, from the bindings."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["HelpScreen"]


def _table(keymap: Mapping[str, str]) -> Table:
    """Every key, section by section, from the bindings (with the user's `[keys]` applied)."""
    from kexplore.keys import key_sections, keys_text

    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style="bold", ratio=2)
    table.add_column(ratio=3)
    for section in key_sections():
        table.add_row(Text(section.title, "bold underline"), "")
        for _owner, binding in section.bindings:
            action = binding.tooltip or binding.description
            table.add_row(Text(keys_text(binding, keymap), "bold"), Text(action))
        for keys, action in section.extras:
            table.add_row(Text(keys, "bold"), Text(action))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """The key table; escape, q or f1 closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 98%; height: 90%; padding: 0 1;
        background: $surface; border: thick $primary;
    }
    """

    BINDINGS = [Binding("escape,q,f1", "dismiss", "close the help", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "kexplore keys"
            scroll.border_subtitle = "ctrl+p: every action by name"
            yield Static(_table(getattr(self.app, "user_keymap", {})))
