"""ObjectIds and millisecond ISO-8601 timestamps in Kustomer's formats."""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime

__all__ = ["OBJECT_ID", "iso_ms", "new_object_id", "now_ms", "object_id", "parse_iso_ms"]

OBJECT_ID = re.compile(r"\A[0-9a-f]{24}\Z")
"""A 24-hex MongoDB ObjectId, lower case."""


def object_id(epoch_ms: int, bits: int) -> str:
    """Build an ObjectId from a time and 64 random bits.

    Args:
        epoch_ms: Creation time in epoch milliseconds; its seconds become the id's prefix.
        bits: 64 bits of (seeded) randomness for the rest of the id.

    Returns:
        A 24-character lower-case hex id.
    """
    return f"{epoch_ms // 1000:08x}{bits & 0xFFFFFFFFFFFFFFFF:016x}"


def new_object_id() -> str:
    """Return a fresh ObjectId for a resource created at run time."""
    return object_id(now_ms(), int.from_bytes(os.urandom(8), "big"))


def now_ms() -> int:
    """Return the current time in epoch milliseconds."""
    return time.time_ns() // 1_000_000


def iso_ms(epoch_ms: int) -> str:
    """Format epoch milliseconds as Kustomer does: `2026-02-12T22:56:20.546Z`.

    Args:
        epoch_ms: Time in epoch milliseconds.

    Returns:
        The UTC ISO-8601 string with milliseconds and a `Z`.
    """
    secs, ms = divmod(epoch_ms, 1000)
    day, rest = divmod(secs, 86_400)
    date = _DATES.get(day)
    if date is None:
        date = _DATES[day] = time.strftime("%Y-%m-%d", time.gmtime(day * 86_400))
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{date}T{hours:02d}:{minutes:02d}:{seconds:02d}.{ms:03d}Z"


_DATES: dict[int, str] = {}
"""Day number -> `YYYY-MM-DD`: formatting a million seed timestamps is hot."""


def parse_iso_ms(text: str) -> int:
    """Parse an ISO-8601 timestamp (with or without zone; naive means UTC) to epoch ms.

    Args:
        text: The timestamp, e.g. `2026-02-12T22:56:20.546Z` or `2026-02-12`.

    Returns:
        Epoch milliseconds.

    Raises:
        ValueError: The text is not an ISO-8601 date or date-time.
    """
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)
