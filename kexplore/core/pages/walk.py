"""PageWalker: follows `links.next` to the end of a list, paced by the rate-limit budget."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import orjson

from kexplore.core.http.api_error import ApiError
from kexplore.core.http.client import ApiClient
from kexplore.core.http.ratelimit import RateLimit, parse_rate_limit
from kexplore.core.http.response import ApiResponse
from kexplore.core.pages.cursor import (
    SEARCH_PAGE_LIMIT,
    Cursor,
    NarrowingError,
    is_search,
    narrowed_request,
    next_request,
    page_number,
)
from kexplore.core.pages.pacing import (
    RETRIED_ERRORS,
    backoff_delay,
    budget_wait,
    response_problem,
    retry_after_wait,
)

__all__ = ["PageWalker", "Pause", "WalkOptions", "WalkStopped", "WalkedPage"]

MAX_RATE_LIMITED = 10
"""429s in a row on one page before the walk gives up (another client is spending it all)."""
_PARSE_IN_THREAD = 1 << 20
"""Page bodies this big are parsed in a thread, so a UI's loop keeps answering keys."""


@dataclass(frozen=True)
class WalkOptions:
    """How a walk paces itself, retries and when it stops early."""

    max_pages: int | None = None
    """Stop after this many pages (None: no cap)."""
    max_items: int | None = None
    """Stop after this many items (None: no cap)."""
    reserve_percent: float = 10.0
    """The share of the rate limit left to the org's other clients."""
    retries: int = 4
    """Tries after the first for a page that fails with a 5xx or a dropped connection."""
    backoff: float = 1.0
    """Seconds before the first retry; doubled for each further one."""


@dataclass(frozen=True)
class WalkedPage:
    """One page walked: its new items and where the walk stands after it."""

    items: tuple[Any, ...]
    """The page's resources in order, without those already walked (same id)."""
    cursor: Cursor
    """The position after this page (its request is the next page's)."""
    rate: RateLimit | None
    """The rate-limit budget the page's response announced."""
    skipped: int = 0
    """Resources dropped because an earlier page had them."""


@dataclass(frozen=True)
class Pause:
    """A wait the walk is about to make, for a progress display."""

    seconds: float
    """How long."""
    reason: str
    """Why, in a few words: `rate-limit reserve reached`, `429 Too Many Requests`, …"""


class WalkStopped(Exception):
    """The walk stopped before the end of the list.

    Args:
        reason: Why, in words a person can act on.
        cursor: Where it stopped: resuming from it continues with no duplicates.
    """

    def __init__(self, reason: str, cursor: Cursor) -> None:
        super().__init__(reason)
        self.reason = reason
        """Why the walk stopped."""
        self.cursor = cursor
        """Where it stopped."""


@dataclass(frozen=True)
class _Retry:
    """A response or failure worth another try after `seconds`."""

    seconds: float
    reason: str
    rate_limited: bool = False


class PageWalker:
    """Walks a list page by page, leaving a reserve of the budget and retrying what is worth it.

    Args:
        client: The client pages are requested with.
        options: Caps, reserve and retries.
        seen: Ids already walked (a resumed walk's), which are never yielded again.
        clock: Epoch seconds now (rate-limit resets are epoch times).
        sleep: Waits a number of seconds.
        on_pause: Told of every wait before it starts.
    """

    def __init__(
        self,
        client: ApiClient,
        options: WalkOptions | None = None,
        *,
        seen: Iterable[str] = (),
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        on_pause: Callable[[Pause], None] | None = None,
    ) -> None:
        self.client = client
        self.options = options or WalkOptions()
        self.rate: RateLimit | None = None
        """The budget the latest response announced."""
        self._seen: set[str] = set(seen)
        self._clock = clock
        self._sleep = sleep
        self.on_pause = on_pause
        """Told of every wait before it starts."""

    async def walk(self, cursor: Cursor) -> AsyncIterator[WalkedPage]:
        """Yield every page from `cursor` to the end of the list.

        Args:
            cursor: Where to start: `start_cursor(request)` for a new walk, or
                `WalkState.cursor` to resume one.

        Yields:
            Each page's new items and the cursor after it, as soon as the page is parsed.

        Raises:
            WalkStopped: on a 4xx, a failure that retries did not cure, a cap, or a body that
                is not a list; its cursor says where to resume.
        """
        while cursor.request is not None:
            self._check_caps(cursor)
            response = await self._fetch(cursor)
            document = await self._document(response, cursor)
            page, stop = self._advance(cursor, document)
            cursor = page.cursor
            yield page
            if stop is not None:
                raise WalkStopped(stop, cursor)

    def _check_caps(self, cursor: Cursor) -> None:
        options = self.options
        if options.max_pages is not None and cursor.pages >= options.max_pages:
            raise WalkStopped(f"stopped at the cap of {options.max_pages:,} pages", cursor)
        if options.max_items is not None and cursor.items >= options.max_items:
            raise WalkStopped(f"stopped at the cap of {options.max_items:,} items", cursor)

    async def _fetch(self, cursor: Cursor) -> ApiResponse:
        """The page's response, after waits for the budget and retries of what is curable."""
        failures = limited = 0
        while True:
            await self._pause(
                budget_wait(self.rate, self.options.reserve_percent, self._clock()),
                "rate-limit reserve reached; waiting for the window to reset",
            )
            outcome = await self._attempt(cursor, failures + 1, limited + 1)
            if isinstance(outcome, ApiResponse):
                return outcome
            limited = limited + 1 if outcome.rate_limited else 0
            failures = failures if outcome.rate_limited else failures + 1
            if failures > self.options.retries or limited > MAX_RATE_LIMITED:
                tries = limited if outcome.rate_limited else failures
                raise WalkStopped(f"{outcome.reason} (after {tries} tries)", cursor)
            await self._pause(outcome.seconds, outcome.reason)

    async def _attempt(self, cursor: Cursor, failure: int, limited: int) -> ApiResponse | _Retry:
        """Send the page's request once: its good response, or how long to wait and why.

        Raises:
            WalkStopped: for a failure or a status that another try will not change.
        """
        assert cursor.request is not None
        try:
            response = await self.client.send(cursor.request)
        except ApiError as error:
            if error.kind not in RETRIED_ERRORS:
                raise WalkStopped(error.message, cursor) from error
            return _Retry(backoff_delay(failure, self.options.backoff), error.message)
        now = self._clock()
        self.rate = parse_rate_limit(response.headers, now) or self.rate
        if response.status == 429:
            wait = retry_after_wait(self.rate, now, limited, self.options.backoff)
            return _Retry(wait, response_problem(response), rate_limited=True)
        if response.status >= 500:
            wait = backoff_delay(failure, self.options.backoff)
            return _Retry(wait, response_problem(response))
        if not response.ok:
            raise WalkStopped(response_problem(response), cursor)
        return response

    async def _pause(self, seconds: float, reason: str) -> None:
        if seconds <= 0:
            return
        if self.on_pause is not None:
            self.on_pause(Pause(seconds, reason))
        await self._sleep(seconds)

    async def _document(self, response: ApiResponse, cursor: Cursor) -> dict[str, Any]:
        """The page parsed; a body that is not a list document stops the walk."""
        try:
            if len(response.body) > _PARSE_IN_THREAD:
                document = await asyncio.to_thread(orjson.loads, response.body)
            else:
                document = orjson.loads(response.body)
        except orjson.JSONDecodeError:
            raise WalkStopped(f"page {cursor.pages + 1} is not JSON", cursor) from None
        if not isinstance(document, dict) or not isinstance(document.get("data"), list):
            raise WalkStopped(f"page {cursor.pages + 1} is not a list (no data array)", cursor)
        return document

    def _advance(self, cursor: Cursor, document: dict[str, Any]) -> tuple[WalkedPage, str | None]:
        """The page's new items, the cursor after it, and why the walk must stop, if it must."""
        data: list[Any] = document["data"]
        items = self._new_items(data)
        skipped = len(data) - len(items)
        room = None if self.options.max_items is None else self.options.max_items - cursor.items
        total = cursor.total if cursor.pages else _meta_total(document)
        moved = replace(cursor, pages=cursor.pages + 1, total=total)
        if room is not None and len(items) > room:
            # Cut mid-page: resuming re-walks this page, and the ids seen drop what was taken.
            self._seen.difference_update(_ids(items[room:]))
            items = items[:room]
            cut = replace(moved, items=moved.items + room)
            return WalkedPage(tuple(items), cut, self.rate, skipped), None
        moved = replace(moved, items=cursor.items + len(items))
        moved, stop = self._next(moved, document, data)
        return WalkedPage(tuple(items), moved, self.rate, skipped), stop

    def _new_items(self, data: list[Any]) -> list[Any]:
        """The items of `data` not walked before, remembered as walked now."""
        fresh = []
        for item in data:
            key = item.get("id") if isinstance(item, dict) else None
            if isinstance(key, str):
                if key in self._seen:
                    continue
                self._seen.add(key)
            fresh.append(item)
        return fresh

    def _next(
        self, cursor: Cursor, document: dict[str, Any], data: list[Any]
    ) -> tuple[Cursor, str | None]:
        """The cursor pointing at the next page (none at the end), and a reason to stop."""
        assert cursor.request is not None
        links = document.get("links")
        href = links.get("next") if isinstance(links, dict) else None
        if not isinstance(href, str) or not href:
            return replace(cursor, request=None), None
        following = next_request(cursor.request, self.client.resolve(href))
        if self.client.resolve(cursor.request.url) == following.url:
            return cursor, "links.next points back to the same page"
        if not is_search(cursor.request) or (page_number(href) or 0) <= SEARCH_PAGE_LIMIT:
            return replace(cursor, request=following), None
        try:
            narrowed, floor = narrowed_request(
                cursor.request, data[-1] if data else None, cursor.floor
            )
        except NarrowingError as error:
            return replace(cursor, request=following), str(error)
        return replace(cursor, request=narrowed, floor=floor), None


def _meta_total(document: dict[str, Any]) -> int | None:
    meta = document.get("meta")
    total = meta.get("total") if isinstance(meta, dict) else None
    return total if isinstance(total, int) and not isinstance(total, bool) else None


def _ids(items: Iterable[Any]) -> list[str]:
    return [i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)]
