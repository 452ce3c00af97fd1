"""HistoryScreen: browse past (or saved) requests; load, replay or view one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from kexplore.core.body.inert import one_line
from kexplore.core.history.entry import HistoryEntry
from kexplore.widgets.history_list import HistoryList

__all__ = ["HistoryChoice", "HistoryScreen"]


@dataclass(frozen=True)
class HistoryChoice:
    """What the user chose to do with an entry."""

    action: Literal["load", "replay", "view"]
    """Load it into the builder, send it now, or view its kept body."""
    entry: HistoryEntry
    """The entry chosen."""


class HistoryScreen(ModalScreen[HistoryChoice | None]):
    """A filterable list of entries from a history or collection file.

    | Key | Action |
    |---|---|
    | type | filter |
    | enter | load into the builder |
    | ctrl+r | replay now |
    | ctrl+b | view the kept response body |
    | escape | close |
    """

    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Vertical {
        width: 95%; height: 90%; background: $surface; border: thick $primary; padding: 0 1;
    }
    HistoryScreen #history-filter { margin: 1 0 0 0; }
    HistoryScreen #history-problem { color: $text-warning; height: auto; }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", tooltip="close the list", id="history.close"),
        Binding(
            "ctrl+r",
            "choose('replay')",
            "Replay",
            tooltip="replay the request now",
            priority=True,
            id="history.replay",
        ),
        Binding(
            "ctrl+b",
            "choose('view')",
            "View body",
            tooltip="view the kept response body",
            priority=True,
            id="history.view",
        ),
        Binding("down", "move(1)", "move down", show=False, priority=True, id="history.down"),
        Binding("up", "move(-1)", "move up", show=False, priority=True, id="history.up"),
    ]

    def __init__(
        self,
        title: str,
        loader: Callable[[], Sequence[HistoryEntry]],
        *,
        named: bool = False,
        home_target: str = "",
    ) -> None:
        super().__init__()
        self._title = title
        self._loader = loader
        self._named = named
        self._home_target = home_target
        self._entries: Sequence[HistoryEntry] = ()

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            yield Input(placeholder="filter: method, path, status, name…", id="history-filter")
            yield Static("", id="history-problem")
            yield HistoryList(named=self._named, home_target=self._home_target, id="history-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#history-filter", Input).focus()
        self._load()

    @work(thread=True, exclusive=True, group="history-load")
    def _load(self) -> None:
        try:
            entries = list(self._loader())
        except Exception as error:  # a broken file: say so, lose nothing
            self.app.call_from_thread(self._show_problem, str(error))
            return
        self.app.call_from_thread(self._show, entries)

    def _show(self, entries: Sequence[HistoryEntry]) -> None:
        self._entries = entries
        if not entries:
            self._show_problem("Nothing here yet.")
        self._refilter()

    def _show_problem(self, message: str) -> None:
        self.query_one("#history-problem", Static).update(Text(one_line(message, 400)))

    @on(Input.Changed, "#history-filter")
    def _refilter(self) -> None:
        needle = self.query_one("#history-filter", Input).value
        self.query_one(HistoryList).show_entries(self._entries, needle)

    @on(Input.Submitted, "#history-filter")
    def _submit_filter(self) -> None:
        self.action_choose("load")

    @on(HistoryList.Chosen)
    def _chosen(self, message: HistoryList.Chosen) -> None:
        self.dismiss(HistoryChoice("load", message.entry))

    def action_move(self, delta: int) -> None:
        """Move the list's cursor while the filter keeps focus."""
        table = self.query_one(HistoryList)
        table.move_cursor(row=max(0, table.cursor_row + delta))

    def action_choose(self, action: Literal["load", "replay", "view"]) -> None:
        """Close with `action` on the highlighted entry."""
        entry = self.query_one(HistoryList).highlighted
        if entry is None:
            self.notify("No entry selected.", timeout=2)
            return
        self.dismiss(HistoryChoice(action, entry))
