"""WalkScreen: walks every page of a list with progress and budget; cancel, export or view."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, ProgressBar, Static

from kexplore.core.history.redaction import Redactor
from kexplore.core.http.client import ApiClient
from kexplore.core.http.ratelimit import RateLimit
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse
from kexplore.core.pages.cursor import Cursor, start_cursor
from kexplore.core.pages.export import jsonl_lines, list_document, write_export
from kexplore.core.pages.progress import WalkProgress
from kexplore.core.pages.walk import PageWalker, Pause, WalkOptions, WalkStopped

__all__ = ["WalkResult", "WalkScreen"]


@dataclass(frozen=True)
class WalkResult:
    """What a walk gathered, to show as one list in the body view."""

    request: ApiRequest
    """The request of the first page walked."""
    url: str
    """Its absolute URL."""
    chunks: tuple[bytes, ...]
    """The items as JSONL, a chunk a page."""
    cursor: Cursor
    """Where the walk ended."""

    @property
    def label(self) -> str:
        """The breadcrumb's name for it."""
        return f"all {self.cursor.items:,} items"

    def response(self) -> ApiResponse:
        """The items as one JSON list document, shown like any response body."""
        meta = {"items": self.cursor.items, "pages": self.cursor.pages}
        meta |= {"total": self.cursor.total, "complete": self.cursor.done}
        body = list_document(self.chunks, meta)
        headers = (("content-type", "application/json"),)
        return ApiResponse(200, "OK", headers, body, url=self.url, method=self.request.method)


class _WalkCommands(Provider):
    """The walk screen's bindings in the command palette."""

    def _commands(self) -> list[tuple[str, str]]:
        screen = self.screen
        bindings = [b for b in screen.BINDINGS if isinstance(b, Binding)]
        return [(f"Walk: {b.description}", b.action) for b in bindings]

    async def discover(self) -> Hits:
        for name, action in self._commands():
            yield DiscoveryHit(name, self._runner(action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._runner(action))

    def _runner(self, action: str) -> Callable[[], Any]:
        screen = self.screen
        return lambda: screen.call_later(screen.run_action, action)


class WalkScreen(ModalScreen[WalkResult | None]):
    """Walks `links.next` from a list page to the end, paced by the org's budget.

    | Key | Action |
    | --- | --- |
    | escape | cancel the walk; once it has ended, go back without showing it |
    | v | show every item walked as one list in the body view |
    | e | export the items walked to a JSONL or CSV file |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel / close", id="walk.cancel"),
        Binding("v", "view", "View as one list", id="walk.view"),
        Binding("e", "export", "Export JSONL/CSV", id="walk.export"),
    ]
    COMMANDS: ClassVar[set[type[Provider]]] = {_WalkCommands}

    DEFAULT_CSS = """
    WalkScreen { align: center middle; }
    WalkScreen > Vertical {
        width: 90; max-width: 95%; height: auto; padding: 1 2;
        background: $surface; border: thick $primary;
    }
    WalkScreen #walk-stats, WalkScreen #walk-status { height: auto; margin-top: 1; }
    WalkScreen #walk-status.-error { color: $text-error; }
    """

    def __init__(
        self,
        client: ApiClient,
        request: ApiRequest,
        *,
        secrets: tuple[str, ...] = (),
        options: WalkOptions | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.client = client
        self.request = request
        self.options = options or WalkOptions()
        self.clock = clock
        self.cursor = start_cursor(request)
        """Where the walk stands."""
        self.walking = False
        """Whether pages are still being fetched."""
        self._redactor = Redactor.of(secrets)
        self._chunks: list[bytes] = []
        self._started = time.monotonic()

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            url = self.request.url.removeprefix(self.client.base_url) or "/"
            box.border_title = f"All pages of {self.request.method} {url}"
            yield ProgressBar(id="walk-bar", show_eta=False)
            yield Static("starting…", id="walk-stats")
            yield Static("", id="walk-status")
        yield Footer()

    def on_mount(self) -> None:
        self.walk()

    @work(exclusive=True, group="walk")
    async def walk(self) -> None:
        """Fetch every page, keeping the items as JSONL a page at a time."""
        self.walking = True
        walker = PageWalker(self.client, self.options, clock=self.clock, on_pause=self._paused)
        try:
            async for page in walker.walk(self.cursor):
                self._chunks.append(jsonl_lines(page.items, self._redactor))
                self.cursor = page.cursor
                self._show_progress(walker.rate)
        except WalkStopped as stop:
            self.cursor = stop.cursor
            self._ended(f"Stopped: {stop.reason}", error=True)
        except asyncio.CancelledError:
            self._ended(f"Cancelled after page {self.cursor.pages:,}.")
            raise
        else:
            self._ended("Done: every page walked.")

    def _show_progress(self, rate: RateLimit | None) -> None:
        cursor = self.cursor
        progress = WalkProgress(
            cursor.pages, cursor.items, cursor.total, time.monotonic() - self._started,
            cursor.items,
        )  # fmt: skip
        text = progress.describe()
        if rate is not None and rate.remaining is not None:
            text += f" · budget {rate.describe(self.clock())}"
        self.query_one("#walk-stats", Static).update(text)
        self.query_one("#walk-status", Static).update("")
        bar = self.query_one(ProgressBar)
        bar.update(total=cursor.total, progress=cursor.items)

    def _paused(self, pause: Pause) -> None:
        self.query_one("#walk-status", Static).update(
            f"Waiting {pause.seconds:.0f}s: {pause.reason}"
        )

    def _ended(self, message: str, *, error: bool = False) -> None:
        self.walking = False
        status = self.query_one("#walk-status", Static)
        status.update(f"{message}  v: view as one list · e: export · escape: close")
        status.set_class(error, "-error")
        bar = self.query_one(ProgressBar)
        bar.update(total=bar.total or self.cursor.items or 1, progress=self.cursor.items)

    def action_cancel(self) -> None:
        """Cancel a running walk; after it, go back without showing the items."""
        if self.walking:
            self.workers.cancel_group(self, "walk")
        else:
            self.dismiss(None)

    def action_view(self) -> None:
        """Stop walking and show the items so far as one list in the body view."""
        if self.walking:
            self.workers.cancel_group(self, "walk")
        url = self.client.resolve(self.request.url)
        self.dismiss(WalkResult(self.request, url, tuple(self._chunks), self.cursor))

    def action_export(self) -> None:
        """Ask for a file and export the items walked so far to it."""
        self._export()

    @work(group="confirm")  # it waits for the user, as dialogs do
    async def _export(self) -> None:
        from kexplore.screens.prompt import PromptScreen

        question = "Export to which file? (.csv for CSV, anything else JSONL)"
        answer = await self.app.push_screen_wait(PromptScreen("Export", question, "walk.jsonl"))
        if not answer:
            return
        path = Path(answer).expanduser()
        fmt = "csv" if path.suffix.lower() == ".csv" else "jsonl"
        chunks = tuple(self._chunks)
        try:
            count = await asyncio.to_thread(write_export, path, fmt, lambda: chunks, self._redactor)
        except OSError as error:
            self.notify(f"Not exported: {error}", severity="error", timeout=10)
            return
        self.notify(f"Exported {count:,} items to {path} ({fmt.upper()})", timeout=6)
