"""ConflictScreen: an edit met a newer record (409): yours, the server's, where you started."""

from __future__ import annotations

import json
from typing import Any, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from kexplore.core.act.merge import ThreeWay
from kexplore.core.body.inert import one_line

__all__ = ["ConflictScreen"]

Choice = Literal["reapply"]


def _cell(value: Any, changed: bool) -> Text:
    text = one_line(json.dumps(value, ensure_ascii=False), 60)
    return Text(text, "bold" if changed else "dim")


class ConflictScreen(Screen[Choice | None]):
    """The three versions of every attribute that differs; re-apply yours or discard it.

    | Key | Action |
    | --- | --- |
    | r | re-apply your change on top of the server's record (at its revision) |
    | x / escape | discard your change |

    Args:
        three: The three versions.
        url: The record's URL, for the title.
    """

    BINDINGS = [
        Binding(
            "r",
            "choose('reapply')",
            "Re-apply mine",
            tooltip="re-apply your change on top of the current record",
            id="conflict.reapply",
        ),
        Binding(
            "x,escape",
            "choose(None)",
            "Discard mine",
            tooltip="discard your change",
            id="conflict.discard",
        ),
    ]

    DEFAULT_CSS = """
    ConflictScreen { background: $background; }
    ConflictScreen > #conflict-title {
        height: auto; padding: 0 1; background: $warning-muted; text-style: bold;
    }
    ConflictScreen > #conflict-note { height: auto; padding: 0 1; color: $text-muted; }
    ConflictScreen > DataTable { height: 1fr; }
    """

    def __init__(self, three: ThreeWay, url: str) -> None:
        super().__init__()
        self.three = three
        """The versions shown."""
        self._url = url

    def compose(self) -> ComposeResult:
        title = f"409 Conflict: {one_line(self._url, 120)} changed since you opened it"
        yield Static(Text(title), id="conflict-title")
        conflicts = self.three.conflicts()
        note = (
            f"Both changed: {', '.join(conflicts)} (re-applying keeps yours). "
            if conflicts
            else "No attribute was changed by both. "
        )
        yield Static(Text(note + "r re-applies your change on the current record; x discards."))
        yield DataTable(id="conflict-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("attribute", "yours", "server now", "you started from")
        for name, base, mine, theirs in self.three.rows():
            table.add_row(
                Text(one_line(name, 40), "bold"),
                _cell(mine, mine != base),
                _cell(theirs, theirs != base),
                _cell(base, False),
            )
        table.focus()

    def action_choose(self, choice: Choice | None) -> None:
        """Close with the choice: `reapply`, or None to discard."""
        self.dismiss(choice)
