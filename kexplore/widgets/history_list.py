"""HistoryList: past or saved requests, newest first, filtered by what the user types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from kexplore.core.body.inert import one_line
from kexplore.core.history.entry import HistoryEntry

__all__ = ["HistoryList", "matches"]


def matches(entry: HistoryEntry, needle: str) -> bool:
    """Whether every word of `needle` occurs in the entry's name, method, URL or status."""
    status = str(entry.response.status) if entry.response else (entry.error or "")
    haystack = " ".join((entry.name or "", entry.method, entry.url, status)).lower()
    return all(word in haystack for word in needle.lower().split())


def _status_cell(entry: HistoryEntry) -> Text:
    if entry.response is None:
        return Text("error" if entry.error else "—", "red" if entry.error else "dim")
    status = entry.response.status
    return Text(str(status), "green" if status < 300 else "yellow" if status < 400 else "red")


class HistoryList(DataTable[Text]):
    """A table of entries: time (or name), method, path, status, elapsed."""

    DEFAULT_CSS = """
    HistoryList { height: 1fr; }
    """

    @dataclass
    class Chosen(Message):
        """The user pressed enter on an entry."""

        entry: HistoryEntry

    def __init__(self, *, named: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._named = named
        self._shown: list[HistoryEntry] = []

    def on_mount(self) -> None:
        self.add_columns("name" if self._named else "time", "method", "path", "status", "ms")

    @property
    def highlighted(self) -> HistoryEntry | None:
        """The entry under the cursor."""
        row = self.cursor_row
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def show_entries(self, entries: Sequence[HistoryEntry], needle: str = "") -> None:
        """Show the entries matching `needle`, newest first."""
        self.clear()
        self._shown = [e for e in reversed(entries) if matches(e, needle)]
        for entry in self._shown:
            self.add_row(*self._cells(entry))

    def _cells(self, entry: HistoryEntry) -> tuple[Text, ...]:
        when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if entry.at else "—"
        first = one_line(entry.name, 30) if self._named and entry.name else when
        elapsed = f"{entry.response.elapsed_ms:.0f}" if entry.response else ""
        return (
            Text(first),
            Text(entry.method, "bold"),
            Text(one_line(entry.path, 120)),
            _status_cell(entry),
            Text(elapsed, justify="right"),
        )

    @on(DataTable.RowSelected)
    def _choose(self, event: DataTable.RowSelected) -> None:
        event.stop()
        entry = self.highlighted
        if entry is not None:
            self.post_message(self.Chosen(entry))
