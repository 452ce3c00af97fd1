"""Quantities for people: byte sizes and durations, written the same way everywhere."""

from __future__ import annotations

import math

__all__ = ["format_duration", "format_size"]

_UNITS = (("GB", 2**30), ("MB", 2**20), ("KB", 2**10))


def format_size(size: int) -> str:
    """A byte count for people, in binary units: `512 B`, `1,023 B`, `1.5 KB`, `100 MB`.

    Args:
        size: A number of bytes (never negative).

    Returns:
        Whole bytes under 1 KB, else one decimal in the largest unit that fits, a `.0` left out.
    """
    if size < 1024:
        return f"{size:,} B"
    for unit, scale in _UNITS:
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def format_duration(seconds: float) -> str:
    """`42s`, `3m 05s` or `2h 04m`, rounded up to the second.

    Args:
        seconds: A duration; a negative one counts as 0.

    Returns:
        Seconds under a minute, minutes and seconds under an hour, else hours and minutes.
    """
    whole = max(0, math.ceil(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"
