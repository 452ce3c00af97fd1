"""FoldMap: which line ranges are folded, and the mapping between screen rows and lines."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable
from itertools import accumulate

__all__ = ["FoldMap"]


class FoldMap:
    """Folded containers of a line document, with O(log n) row <-> line mapping.

    A fold at opening line `o` closing at `c` keeps `o` visible (shown folded) and hides
    `o + 1 .. c`. The folds the user asked for are kept (so unfolding an outer one shows its
    folded inner ones again); the outermost of them form a sorted list with prefix sums of
    hidden lines, which is all the mapping needs.

    Args:
        line_count: How many lines the document has.
        close_of: The closing line of the container opening on a given line.
    """

    def __init__(self, line_count: int, close_of: Callable[[int], int]) -> None:
        self.line_count = line_count
        """How many lines the document has."""
        self._close_of = close_of
        self._folded = array("I")  # opening lines the user folded, sorted
        self._opens: list[int] = []  # the outermost folds, sorted
        self._closes: list[int] = []
        self._hidden: list[int] = [0]  # _hidden[k]: lines hidden by the folds before fold k
        self._rows: list[int] = []  # _rows[k]: the row showing fold k's opening line

    @property
    def row_count(self) -> int:
        """How many rows the document takes with its folds."""
        return self.line_count - self._hidden[-1]

    @property
    def folded(self) -> array:
        """Every folded opening line (outer and inner), ascending."""
        return self._folded

    def is_folded(self, line: int) -> bool:
        """Whether the container opening on `line` is folded."""
        k = bisect_left(self._folded, line)
        return k < len(self._folded) and self._folded[k] == line

    def fold(self, line: int) -> None:
        """Fold the container opening on `line`."""
        if self.is_folded(line):
            return
        insort(self._folded, line)
        if self._outer_fold(line) is not None:
            return  # already hidden inside an outer fold
        close = self._close_of(line)
        k = bisect_left(self._opens, line)
        end = bisect_right(self._opens, close, lo=k)
        self._opens[k:end], self._closes[k:end] = [line], [close]
        self._recount()

    def unfold(self, line: int) -> None:
        """Unfold the container opening on `line` (folds inside it stay folded)."""
        k = bisect_left(self._folded, line)
        if k == len(self._folded) or self._folded[k] != line:
            return
        del self._folded[k]
        k = bisect_left(self._opens, line)
        if k == len(self._opens) or self._opens[k] != line:
            return
        close = self._closes[k]
        inner = self._outermost(self._folded[bisect_right(self._folded, line) :], close)
        self._opens[k : k + 1] = [o for o, _ in inner]
        self._closes[k : k + 1] = [c for _, c in inner]
        self._recount()

    def toggle(self, line: int) -> None:
        """Fold the container opening on `line`, or unfold it when folded."""
        if self.is_folded(line):
            self.unfold(line)
        else:
            self.fold(line)

    def set_folds(
        self, folded: Iterable[int], outermost: Iterable[int], closes: Iterable[int] | None = None
    ) -> None:
        """Replace every fold at once (fold-all): `outermost` must be the outer ones of `folded`.

        Args:
            folded: Every opening line to fold, ascending.
            outermost: Those of them not inside another, ascending (given, as the caller
                knows them cheaply, e.g. by depth).
            closes: The closing line of each of `outermost`, if known.
        """
        self._folded = array("I", folded)
        self._opens = list(outermost)
        self._closes = list(map(self._close_of, self._opens) if closes is None else closes)
        self._recount()

    def clear(self) -> None:
        """Unfold everything."""
        self._folded = array("I")
        self._opens, self._closes, self._hidden, self._rows = [], [], [0], []

    def row_of(self, line: int) -> int:
        """The row showing `line` (a hidden line maps to the row of its fold)."""
        k = bisect_right(self._opens, line) - 1
        if k < 0:
            return line
        if line <= self._closes[k]:
            return self._opens[k] - self._hidden[k]
        return line - self._hidden[k + 1]

    def line_at(self, row: int) -> int:
        """The line shown on `row` (clamped to the document)."""
        row = max(0, min(row, self.row_count - 1))
        k = bisect_right(self._rows, row) - 1
        if k < 0:
            return row
        if row == self._rows[k]:
            return self._opens[k]
        return row + self._hidden[k + 1]

    def _outer_fold(self, line: int) -> int | None:
        k = bisect_left(self._opens, line) - 1
        if k >= 0 and line <= self._closes[k]:
            return self._opens[k]
        return None

    def _outermost(self, candidates: Iterable[int], limit: int) -> list[tuple[int, int]]:
        """The folds among `candidates` (ascending) up to line `limit` not inside another."""
        found: list[tuple[int, int]] = []
        last_close = -1
        for line in candidates:
            if line > limit:
                break
            if line > last_close:
                last_close = self._close_of(line)
                found.append((line, last_close))
        return found

    def _recount(self) -> None:
        spans = map(int.__sub__, self._closes, self._opens)
        self._hidden = list(accumulate(spans, initial=0))
        self._rows = [o - h for o, h in zip(self._opens, self._hidden, strict=False)]
