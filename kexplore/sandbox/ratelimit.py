"""The org-wide request budget: a fixed window shared by every key, as Kustomer counts it."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Budget", "RateLimiter"]


@dataclass(frozen=True)
class Budget:
    """The state of the window after a request."""

    allowed: bool
    """Whether the request fits in the budget."""
    limit: int
    """Requests allowed per window."""
    remaining: int
    """Requests left in this window."""
    reset_at: float
    """When the window ends, in epoch seconds."""

    def headers(self) -> dict[str, str]:
        """Return the `x-ratelimit-*` headers (reset as whole epoch seconds)."""
        return {
            "x-ratelimit-limit": str(self.limit),
            "x-ratelimit-remaining": str(self.remaining),
            "x-ratelimit-reset": str(math.ceil(self.reset_at)),
        }

    def retry_after(self, now: float) -> int:
        """Whole seconds until the window resets (at least 1)."""
        return max(1, math.ceil(self.reset_at - now))


class RateLimiter:
    """A fixed window of `limit` requests per `window` seconds, safe across threads.

    Args:
        limit: Requests allowed per window.
        window: The window length in seconds (Kustomer: 60).
        clock: Returns the current epoch time (injectable for tests).
    """

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.time):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._lock = threading.Lock()
        self._start = clock()
        self._used = 0

    def _roll(self, now: float) -> None:
        if now >= self._start + self.window:
            self._start, self._used = now, 0

    def hit(self) -> Budget:
        """Spend one request if the budget allows it; return the resulting state."""
        with self._lock:
            now = self.clock()
            self._roll(now)
            allowed = self._used < self.limit
            self._used += allowed
            return Budget(allowed, self.limit, self.limit - self._used, self._start + self.window)

    def peek(self) -> Budget:
        """Return the current state without spending (for unauthenticated requests)."""
        with self._lock:
            now = self.clock()
            self._roll(now)
            reset = self._start + self.window
            return Budget(True, self.limit, self.limit - self._used, reset)
