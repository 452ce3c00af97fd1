"""Pacing: how long to wait before the next page, from the rate-limit budget and failures."""

from __future__ import annotations

import math
from typing import Any

import orjson

from kexplore.core.http.api_error import ErrorKind
from kexplore.core.http.ratelimit import RateLimit
from kexplore.core.http.response import ApiResponse

__all__ = [
    "DEFAULT_WINDOW",
    "RETRIED_ERRORS",
    "backoff_delay",
    "budget_wait",
    "reserve_of",
    "response_problem",
    "retry_after_wait",
]

DEFAULT_WINDOW = 60.0
"""Kustomer's rate-limit window, waited when a spent budget does not say when it resets."""
MAX_WAIT = 300.0
"""No single wait is longer than this (a reset header far in the future is not believed)."""
RETRIED_ERRORS: frozenset[ErrorKind] = frozenset({"reset", "timeout", "refused", "protocol"})
"""Failures worth another try: the connection dropped, timed out or was refused."""


def reserve_of(rate: RateLimit, reserve_percent: float) -> int:
    """The requests of the budget a walk leaves to others: `reserve_percent` of the limit.

    Args:
        rate: The budget a response announced.
        reserve_percent: The share of the limit to leave, 0 to 100.

    Returns:
        That many requests, rounded up; 0 when the limit is unknown.
    """
    if rate.limit is None:
        return 0
    return math.ceil(rate.limit * reserve_percent / 100)


def budget_wait(rate: RateLimit | None, reserve_percent: float, now: float) -> float:
    """Seconds to wait before the next request so the budget never goes below the reserve.

    The walk spends freely while more than the reserve is left, then waits for the window to
    reset: the reserve stays for the org's other clients, and no request meets a 429.

    Args:
        rate: The budget the last response announced, if any.
        reserve_percent: The share of the limit to leave, 0 to 100.
        now: The current time in epoch seconds.

    Returns:
        0 while more than the reserve is left, or nothing is known; else the seconds until
        the window resets (`DEFAULT_WINDOW` when the response did not say), at most
        `MAX_WAIT`.
    """
    if rate is None or rate.remaining is None:
        return 0.0
    if rate.remaining > reserve_of(rate, reserve_percent):
        return 0.0
    wait = rate.wait_seconds(now)
    return min(MAX_WAIT, DEFAULT_WINDOW if wait is None else wait)


def retry_after_wait(rate: RateLimit | None, now: float, attempt: int, backoff: float) -> float:
    """Seconds to wait after a 429: its Retry-After, else the reset, else a backoff.

    Args:
        rate: The budget the 429 (or an earlier response) announced, if any.
        now: The current time in epoch seconds.
        attempt: Which 429 in a row this is, from 1 (for the backoff).
        backoff: Seconds of the first backoff wait.

    Returns:
        The wait in seconds, at most `MAX_WAIT`.
    """
    wait = rate.wait_seconds(now) if rate is not None else None
    return min(MAX_WAIT, backoff_delay(attempt, backoff) if wait is None else wait)


def backoff_delay(attempt: int, backoff: float) -> float:
    """The wait before retry `attempt` (1-based): `backoff`, doubled each time.

    Args:
        attempt: The retry's number, from 1.
        backoff: Seconds before the first retry.

    Returns:
        `backoff * 2 ** (attempt - 1)` seconds, at most `MAX_WAIT`.
    """
    return min(MAX_WAIT, backoff * 2 ** (attempt - 1))


def response_problem(response: ApiResponse) -> str:
    """`404 Not Found: <the API's own words>` for a response that stops a walk.

    Args:
        response: A response the walk does not go past (a 4xx, or a 5xx or 429 retried).

    Returns:
        The status and reason, then the first error's detail, title or message when the body
        is a Kustomer error document (whitespace folded, at most 300 characters).
    """
    detail = ""
    try:
        detail = _error_detail(orjson.loads(response.body)) if response.body else ""
    except orjson.JSONDecodeError:
        detail = ""
    head = f"{response.status} {response.reason}".strip()
    return f"{head}: {detail}" if detail else head


def _error_detail(document: Any) -> str:
    """The first error's detail/title/message in a Kustomer error body."""
    errors = document.get("errors") if isinstance(document, dict) else None
    first = errors[0] if isinstance(errors, list) and errors else None
    if not isinstance(first, dict):
        return ""
    for name in ("detail", "title", "message"):
        if isinstance(first.get(name), str):
            return " ".join(first[name].split())[:300]
    return ""
