"""Replay: re-send saved entries through a client and compare statuses and bodies with theirs."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from kexplore.core.history.entry import HistoryEntry
from kexplore.core.history.jsondiff import DEFAULT_IGNORE, Comparison, compare_bodies
from kexplore.core.history.redaction import Redactor
from kexplore.core.history.resend import Resend
from kexplore.core.http.client import ApiError
from kexplore.core.http.identity import Identity
from kexplore.core.http.ratelimit import parse_rate_limit
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse

__all__ = [
    "DEFAULT_IGNORE",
    "Outcome",
    "ReplayOptions",
    "ReplayResult",
    "Replayer",
    "Sender",
]

Outcome = Literal["ok", "diff", "error"]
"""How one replayed entry went: as saved, different, or not answered at all."""


class Sender(Protocol):
    """What replay needs of a client (ApiClient is one)."""

    async def send(self, request: ApiRequest) -> ApiResponse:
        """Send `request` and read the whole response.

        Args:
            request: What to send, its URL absolute.

        Returns:
            The response, whatever its status.

        Raises:
            ApiError: when no complete response arrives.
        """
        ...


@dataclass(frozen=True)
class ReplayOptions:
    """How to replay."""

    diff: bool = False
    """Compare each new body with the kept one."""
    ignore: frozenset[str] = DEFAULT_IGNORE
    """Names (anywhere) and paths (`data[].attributes.updatedAt`) left out of comparisons."""
    reported_ignores: tuple[str, ...] = ()
    """The user's own ignore patterns: each one that matches nothing is reported."""
    delay: float = 0.0
    """Seconds to pause between requests."""
    max_retries: int = 3
    """How many times to retry a 429 response."""
    max_wait: float = 60.0
    """The longest single wait for a rate-limit window, in seconds."""


@dataclass(frozen=True)
class ReplayResult:
    """What happened when one entry was sent again."""

    entry: HistoryEntry
    """The entry replayed."""
    new_status: int | None
    """The status received, or None when the request failed."""
    error: str | None = None
    """Why no response arrived, if none did."""
    elapsed_ms: float = 0.0
    """How long the (last) attempt took."""
    retries: int = 0
    """How many 429 responses were retried."""
    diff: tuple[str, ...] = ()
    """Body differences, one line each (only with `diff`)."""
    compared: bool = False
    """Whether the body was compared (with `diff`, when a body had been kept)."""
    identity: Identity | None = None
    """Who it was sent as and where, this time."""
    retargeted: bool = False
    """Whether it was sent somewhere other than where it was recorded (`--retarget`)."""
    unmatched_ignores: tuple[str, ...] = ()
    """`--ignore` paths that matched nothing in either body."""

    @property
    def method(self) -> str:
        """The entry's method."""
        return self.entry.method

    @property
    def path(self) -> str:
        """The entry's path and query."""
        return self.entry.path

    @property
    def old_status(self) -> int | None:
        """The status that was expected: `expect_status`, else the saved one."""
        return self.entry.expected_status

    @property
    def expects_success(self) -> bool:
        """Whether any 2xx will do: no status, error or `expect_status` was saved to expect."""
        entry = self.entry
        return entry.expected_status is None and entry.response is None and entry.error is None

    @property
    def status_differs(self) -> bool:
        """Whether the new status is not the expected one (or there is none)."""
        if self.expects_success:
            return self.new_status is None or not 200 <= self.new_status < 300
        return self.new_status != self.old_status

    @property
    def differs(self) -> bool:
        """Whether the status or the body differs."""
        return self.status_differs or bool(self.diff)

    @property
    def outcome(self) -> Outcome:
        """`error` when nothing arrived, `diff` when something differs, else `ok`."""
        if self.error is not None:
            return "error"
        return "diff" if self.differs else "ok"


class Replayer:
    """Re-sends entries in order, retrying rate-limited ones, and compares what comes back.

    Args:
        client: what sends (an ApiClient); entries go to its base URL, by path.
        options: how to replay.
        body_for: the kept body of an entry, if any (HistoryStore.body_for).
        secrets: values redacted from new bodies before they are compared, as kept ones were.
        sleep: awaited to wait (for tests).
        clock: the time in epoch seconds (for tests).
    """

    def __init__(
        self,
        client: Sender,
        options: ReplayOptions = ReplayOptions(),
        *,
        body_for: Callable[[HistoryEntry], bytes | None] | None = None,
        secrets: Sequence[str | None] = (),
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.client = client
        self.options = options
        self._body_for = body_for
        self._redactor = Redactor.of(secrets)
        self._sleep = sleep
        self._clock = clock

    async def run(
        self, planned: Iterable[tuple[HistoryEntry, Resend]]
    ) -> AsyncIterator[ReplayResult]:
        """Replay each entry as planned, in order, yielding each result as it is known.

        Args:
            planned: Each entry with how to send it again (`plan_resend`), in sending order.

        Yields:
            One result per entry, `options.delay` seconds apart; a failed request is a
            result with `error` set, never an exception.
        """
        for number, (entry, resend) in enumerate(planned):
            if number and self.options.delay > 0:
                await self._sleep(self.options.delay)
            yield await self.replay(entry, resend)

    async def replay(self, entry: HistoryEntry, resend: Resend) -> ReplayResult:
        """Send `entry` again as `resend` plans it, and compare with what was saved.

        Args:
            entry: The kept entry (its expected status and kept body are compared with).
            resend: Where it goes and as whom (`plan_resend`).

        Returns:
            The result: the new status (None, with `error` set, when no response came), the
            429s retried, and with `options.diff` the body differences.
        """
        who = {"identity": resend.identity, "retargeted": resend.retargeted}
        try:
            response, retries = await self._send(resend.request)
        except ApiError as error:
            return ReplayResult(entry, None, error=self._redactor.text(error.message), **who)
        comparison = self._compare(entry, response)
        return ReplayResult(
            entry,
            response.status,
            elapsed_ms=response.elapsed * 1000,
            retries=retries,
            diff=comparison.lines if comparison else (),
            compared=comparison is not None,
            unmatched_ignores=comparison.unmatched if comparison else (),
            **who,
        )

    def _compare(self, entry: HistoryEntry, response: ApiResponse) -> Comparison | None:
        """The kept body against the new one, with `diff`, when a body was kept."""
        old_body = self._body_for(entry) if self.options.diff and self._body_for else None
        if old_body is None:
            return None
        new_body = self._redactor.bytes(response.body)
        return compare_bodies(
            old_body, new_body, self.options.ignore, report=self.options.reported_ignores
        )

    async def _send(self, request: ApiRequest) -> tuple[ApiResponse, int]:
        """The response, after waiting out and retrying up to `max_retries` 429s."""
        attempt = 0
        while True:
            response = await self.client.send(request)
            if response.status != 429 or attempt >= self.options.max_retries:
                return response, attempt
            await self._sleep(self._wait(response, attempt))
            attempt += 1

    def _wait(self, response: ApiResponse, attempt: int) -> float:
        """Seconds to wait after a 429: Retry-After, else the reset, else 1, 2, 4 s."""
        now = self._clock()
        limit = parse_rate_limit(response.headers, now)
        wait = limit.wait_seconds(now) if limit is not None else None
        return min(self.options.max_wait, 2.0**attempt if wait is None else wait)
