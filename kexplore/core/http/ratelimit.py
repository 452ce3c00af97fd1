"""RateLimit: the request budget read from x-ratelimit-* and Retry-After response headers."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from kexplore.core.quantities import format_duration

__all__ = ["RateLimit", "parse_rate_limit"]

_DELTA_BELOW = 1e9
"""x-ratelimit-reset values below this are seconds from now, not epoch seconds."""
_MILLIS_ABOVE = 1e11
"""x-ratelimit-reset values above this are epoch milliseconds (year 5138 in seconds)."""


@dataclass(frozen=True)
class RateLimit:
    """The rate-limit budget a response announced; any part may be unknown."""

    limit: int | None = None
    """Requests allowed per window (`x-ratelimit-limit`)."""
    remaining: int | None = None
    """Requests left in this window (`x-ratelimit-remaining`)."""
    reset_at: float | None = None
    """When the window resets, in epoch seconds (`x-ratelimit-reset`)."""
    retry_after: float | None = None
    """Seconds to wait, counted from `observed_at` (`Retry-After`)."""
    observed_at: float | None = None
    """When the headers were read, in epoch seconds; None counts `retry_after` from any `now`."""

    @property
    def is_low(self) -> bool:
        """Whether the budget is nearly spent: at most 10% of the limit, or at most 5, left."""
        if self.remaining is None:
            return False
        if self.remaining <= 5:
            return True
        return self.limit is not None and self.remaining <= 0.1 * self.limit

    @property
    def is_exhausted(self) -> bool:
        """Whether nothing is left: remaining is 0, or the server said to retry later."""
        return self.retry_after is not None or self.remaining == 0

    def wait_seconds(self, now: float) -> float | None:
        """Seconds to wait before the next request is allowed.

        Args:
            now: The current time in epoch seconds.

        Returns:
            Retry-After if given, else the time until the reset, never negative; None if unknown.
        """
        if self.retry_after is not None:
            since = 0.0 if self.observed_at is None else now - self.observed_at
            return max(0.0, self.retry_after - since)
        if self.reset_at is not None:
            return max(0.0, self.reset_at - now)
        return None

    def describe(self, now: float) -> str:
        """A short text for a status bar: `412/1000`, or `0/1000 · resets in 23s` when spent.

        Args:
            now: The current time in epoch seconds.

        Returns:
            The budget (`412/1000`, or `412 left` without a limit), followed once it is spent
            by when it resets; "" when the response announced nothing to show.
        """
        if self.remaining is None:
            budget = ""
        elif self.limit is None:
            budget = f"{self.remaining} left"
        else:
            budget = f"{self.remaining}/{self.limit}"
        wait = self.wait_seconds(now)
        if not self.is_exhausted or wait is None:
            return budget
        when = "resets now" if wait <= 0 else f"resets in {format_duration(wait)}"
        return f"{budget} · {when}" if budget else when


def parse_rate_limit(headers: Iterable[tuple[str, str]], now: float) -> RateLimit | None:
    """Read the rate-limit headers of a response; malformed values are ignored.

    Args:
        headers: Response headers as (name, value) pairs, names in any case.
        now: The current time in epoch seconds (reset deltas and HTTP dates count from it).

    Returns:
        The budget, or None when no usable rate-limit header is present.
    """
    found = {name.lower(): value.strip() for name, value in reversed(list(headers))}
    rate = RateLimit(
        limit=_count(found.get("x-ratelimit-limit")),
        remaining=_count(found.get("x-ratelimit-remaining")),
        reset_at=_reset_at(found.get("x-ratelimit-reset"), now),
        retry_after=_retry_after(found.get("retry-after"), now),
        observed_at=now,
    )
    known = (rate.limit, rate.remaining, rate.reset_at, rate.retry_after)
    return None if all(value is None for value in known) else rate


def _count(value: str | None) -> int | None:
    if value is None or not value.isdigit() or not value.isascii():
        return None
    return int(value)


def _number(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else math.nan
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _reset_at(value: str | None, now: float) -> float | None:
    number = _number(value)
    if number is None:
        return None
    if number < _DELTA_BELOW:
        return now + number
    return number / 1000 if number > _MILLIS_ABOVE else number


def _retry_after(value: str | None, now: float) -> float | None:
    seconds = _number(value)
    if seconds is not None or not value:
        return seconds
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # a date without a zone is malformed; HTTP dates are GMT
        return None
    return max(0.0, when.timestamp() - now)
