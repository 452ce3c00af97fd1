"""DerivedView: jq over the body MainScreen shows, the result as a body of its own, and back."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kexplore.core.act.endpoints import endpoint_key
from kexplore.core.act.jq_filter import JqError, as_program, check_program
from kexplore.core.act.jq_process import JqChild
from kexplore.core.act.recent_filters import RecentFilters
from kexplore.core.browse.trail import Visit
from kexplore.widgets.filter_bar import FilterBar

if TYPE_CHECKING:
    from kexplore.screens.main import MainScreen

__all__ = ["DerivedView"]


@dataclass(frozen=True)
class _Source:
    """The full body a derived view came from, and where its cursor was."""

    visit: Visit
    cursor: int


class DerivedView:
    """The `|` filter of a MainScreen: bar, jq in a child process, derived body, back.

    Args:
        screen: The screen whose body is filtered.
    """

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._source: _Source | None = None
        self._child = JqChild()
        """Started when the input opens, so its start-up is hidden while the user types."""
        history = screen.services.settings.history_path
        self.recent = RecentFilters(history.parent / "filters.toml")
        """Recent filters per endpoint, beside the history file."""

    @property
    def bar(self) -> FilterBar | None:
        """The open filter bar, if any."""
        found = self.screen.query(FilterBar)
        return found.first() if found else None

    def open_bar(self) -> None:
        """Open the filter input under the body (the endpoint's recent filters on up/down)."""
        visit = self._filterable()
        if visit is None:
            return
        if self.bar is not None:
            self.bar.input.focus()
            return
        recent = self.recent.recent(endpoint_key(visit.request.url))
        self.screen.response_view.mount(FilterBar(recent))
        self.screen.run_worker(self._child.start(), group="jq-start")

    def _filterable(self) -> Visit | None:
        """The visit whose JSON body is shown (the source one, in a derived view)."""
        visit = self._source.visit if self.is_active else self.screen._shown_visit
        response = visit.response if visit is not None else None
        if response is None or response.kind != "json":
            self.screen.notify("| filters a JSON body: there is none here.", timeout=3)
            return None
        return visit

    def close_bar(self) -> None:
        """Close the filter input and give the body the focus back."""
        if self.bar is not None:
            self.bar.remove()
            self.screen.run_worker(self._child.close(), group="jq-start")
        self.screen.response_view.focus_body()

    @property
    def is_active(self) -> bool:
        """Whether a derived view is shown."""
        return self._source is not None and self.screen.response_view.shows_derived

    async def run(self, typed: str) -> None:
        """Run the program over the full body in a child process; show the result."""
        visit, bar = self._filterable(), self.bar
        if visit is None or visit.response is None or bar is None:
            return
        program = as_program(typed)
        try:
            check_program(program)  # a syntax error is placed at once, no process started
            bar.clear_error()
            self.screen.response_view.show_message(f"jq: {program} · running…")
            result = await self._child.run(program, visit.response.body)
        except JqError as error:
            bar.show_error(f"jq: {error.describe()}")
            self.screen.run_worker(self._child.start(), group="jq-start")  # the next try
            self.screen.response_view.show_message(f"jq: {error.describe()}", error=True)
            return
        self._show(visit, program, result.body, result.count)
        self.close_bar()
        key = endpoint_key(visit.request.url)
        try:
            await asyncio.to_thread(self.recent.remember, key, program)
        except (ValueError, OSError) as error:
            self.screen.notify(f"Recent filters not kept: {error}", severity="warning")

    def _show(self, visit: Visit, program: str, body: bytes, count: int) -> None:
        view = self.screen.response_view
        if not self.is_active:
            self._source = _Source(visit, view.body_cursor)
        self.screen._shown_visit = None  # the trail's visit keeps its own prepared body
        base = visit.response.url if visit.response and visit.response.url else ""
        noun = "result" if count == 1 else "results"
        note = f"jq: {program} · {count:,} {noun} · escape: full body"
        view.show_derived(body, base or self.screen.client.base_url, note)

    def leave(self) -> bool:
        """Back to the full body, its cursor where it was; False when no derived view is shown."""
        source, self._source = self._source, None
        view = self.screen.response_view
        if source is None or not view.shows_derived:
            return False
        view.leave_derived()
        self.screen._show_visit(source.visit, "full body", load_builder=False)
        view.move_body_cursor(source.cursor)
        view.focus_body()
        return True
