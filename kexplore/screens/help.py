"""HelpScreen: every key kexplore answers to, grouped by where it works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["KEYS", "HelpScreen"]

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Anywhere",
        (
            ("ctrl+j / alt+enter", "send the request in the builder"),
            ("alt+left / alt+right", "back / forward through the trail (cached, no request)"),
            ("ctrl+r", "reload: re-send the current visit"),
            ("ctrl+l", "focus the path input"),
            ("ctrl+t", "focus the resource tree"),
            ("ctrl+b", "focus the response body"),
            ("ctrl+s", "save the builder's request to the collection"),
            ("f2", "open the history"),
            ("f3", "open the saved requests (collection)"),
            ("f4", "copy the builder's request as curl (key as $KUSTOMER_API_KEY)"),
            ("ctrl+p", "command palette: every action by name"),
            ("f1", "this help"),
            ("ctrl+q", "quit"),
        ),
    ),
    (
        "Response body",
        (
            ("enter", "follow the link on the cursor line (on a { or [ line: fold it)"),
            ("[ / ]", "back / forward"),
            ("> / <", "next / previous page (links.next / links.prev)"),
            ("up/down, j/k, pgup/pgdn, home/end", "move the cursor"),
            ("f / F / U", "fold or unfold here / fold all / unfold all"),
            ("/ , n , N", "search, next match, previous match"),
            ("y / Y", "copy the JSON path / the value of the cursor line"),
            ("e", "edit the record shown (or the list item under the cursor): sparse PATCH"),
            ("d", "delete the record shown (or under the cursor), after asking"),
            ("n", "new record in the list shown (while no search is active)"),
            ("|", "filter the body with jq; escape or alt+left: back to the full body"),
        ),
    ),
    (
        "Resource tree",
        (
            ("enter", "fill the builder (endpoint) or open (record, list)"),
            ("space / right", "expand: load records, relationships, more…"),
            ("n", "new record in the highlighted collection (the catalogue's example)"),
        ),
    ),
    (
        "Editor (e, n) and conflict (409)",
        (
            ("ctrl+j", "send: only the attributes you changed (the whole body for a create)"),
            ("ctrl+e", "edit the text in $VISUAL / $EDITOR instead"),
            ("escape", "cancel: nothing is sent"),
            ("r / x", "409: re-apply your change on the current record / discard it"),
        ),
    ),
    (
        "History and saved requests",
        (
            ("type", "filter"),
            ("enter", "load the request into the builder"),
            ("ctrl+r", "replay it now"),
            ("ctrl+b", "view the kept response body (from history)"),
            ("escape", "close"),
        ),
    ),
)
"""The key table; README.md carries the same one."""


def _table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style="bold", ratio=2)
    table.add_column(ratio=3)
    for section, rows in KEYS:
        table.add_row(Text(section, "bold underline"), "")
        for key, action in rows:
            table.add_row(Text(key, "bold"), Text(action))
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

    BINDINGS = [Binding("escape,q,f1", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "kexplore keys"
            yield Static(_table())
