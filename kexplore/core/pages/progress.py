"""WalkProgress: pages, items, speed and time left of a walk, as numbers and as words."""

from __future__ import annotations

from dataclasses import dataclass

from kexplore.core.quantities import format_duration

__all__ = ["WalkProgress"]


@dataclass(frozen=True)
class WalkProgress:
    """How far a walk has come."""

    pages: int = 0
    """Pages walked."""
    items: int = 0
    """Items walked (this run and, resumed, earlier ones)."""
    total: int | None = None
    """`meta.total`, when the list reports it."""
    elapsed: float = 0.0
    """Seconds since this run started."""
    items_this_run: int = 0
    """Items walked since this run started (the speed counts only these)."""

    @property
    def per_second(self) -> float | None:
        """Items a second in this run, once there is something to measure."""
        if self.elapsed <= 0 or self.items_this_run <= 0:
            return None
        return self.items_this_run / self.elapsed

    @property
    def fraction(self) -> float | None:
        """How much of `total` is walked, 0 to 1; None without a total."""
        if not self.total:
            return None
        return min(1.0, self.items / self.total)

    @property
    def eta(self) -> float | None:
        """Seconds left at the current speed; None without a total or a speed."""
        speed = self.per_second
        if self.total is None or speed is None:
            return None
        return max(0, self.total - self.items) / speed

    def describe(self) -> str:
        """`page 12 · 1,200 / 25,000 items · 340/s · ETA 1m 10s` (parts known so far).

        Returns:
            Pages and items always; the total, the speed and the time left once known.
        """
        items = f"{self.items:,}" + (f" / {self.total:,}" if self.total is not None else "")
        parts = [f"page {self.pages:,}", f"{items} items"]
        if self.per_second is not None:
            parts.append(f"{self.per_second:,.0f}/s")
        if self.eta is not None:
            parts.append(f"ETA {format_duration(self.eta)}")
        return " · ".join(parts)
