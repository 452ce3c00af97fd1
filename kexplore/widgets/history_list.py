"""HistoryList: past or saved requests, newest first, filtered by what the user types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from kexplore.core.body.inert import one_line
from kexplore.core.history.entry import HistoryEntry
from kexplore.core.history.resend import recorded_identity
from kexplore.core.http.identity import Identity, describe_credential

__all__ = ["HistoryList", "matches", "where_shown"]


def matches(entry: HistoryEntry, needle: str) -> bool:
    """Whether every word of `needle` occurs in the entry's name, method, URL, status, target
    or credential."""
    status = str(entry.response.status) if entry.response else (entry.error or "")
    who = recorded_identity(entry)
    words = (entry.name or "", entry.method, entry.url, status, who.target, _as(who))
    return all(word in " ".join(words).lower() for word in needle.lower().split())


def _as(identity: Identity) -> str:
    """`read key`, `$ACME_KEY`, or `key of the target` for an older entry."""
    return describe_credential(identity.credential) if identity.credential else "target's key"


def where_shown(entry: HistoryEntry, identity: Identity, home_target: str) -> str:
    """The entry's path, with its host in front when it went somewhere else than home."""
    if identity.target == home_target:
        return entry.path
    host = "sandbox" if identity.is_sandbox else identity.target.split("://", 1)[-1]
    return f"{host} {entry.path}"


def _status_class(entry: HistoryEntry) -> str:
    if entry.response is None:
        return "history-list--failed" if entry.error else "history-list--none"
    status = entry.response.status
    if status < 300:
        return "history-list--ok"
    return "history-list--redirect" if status < 400 else "history-list--failed"


class HistoryList(DataTable[Text]):
    """A table of entries: time (or name), method, path, status, elapsed."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "history-list--ok",
        "history-list--redirect",
        "history-list--failed",
        "history-list--none",
    }

    DEFAULT_CSS = """
    HistoryList {
        height: 1fr;
        & > .history-list--ok { color: $text-success; }
        & > .history-list--redirect { color: $text-warning; }
        & > .history-list--failed { color: $text-error; }
        & > .history-list--none { color: $text-muted; }
    }
    """

    @dataclass
    class Chosen(Message):
        """The user pressed enter on an entry."""

        entry: HistoryEntry

    def __init__(
        self, *, named: bool = False, home_target: str = "", id: str | None = None
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._named = named
        self._home_target = home_target
        self._shown: list[HistoryEntry] = []

    def on_mount(self) -> None:
        first = "name" if self._named else "time"
        self.add_columns(first, "method", "status", "ms", "path", "as")

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
        who = recorded_identity(entry)
        if entry.response is not None:
            status = str(entry.response.status)
        else:
            status = "error" if entry.error else "—"
        return (
            Text(first),
            Text(entry.method, "bold"),
            Text(status, self.get_component_rich_style(_status_class(entry))),
            Text(elapsed, justify="right"),
            Text(one_line(where_shown(entry, who, self._home_target), 120)),
            Text(one_line(_as(who), 30), "dim"),
        )

    @on(DataTable.RowSelected)
    def _choose(self, event: DataTable.RowSelected) -> None:
        event.stop()
        entry = self.highlighted
        if entry is not None:
            self.post_message(self.Chosen(entry))
