"""Reader: the state of reading one document — cursor line, folds, search matches — without UI."""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left, bisect_right
from typing import Literal

from kexplore.core.body.folds import FoldMap
from kexplore.core.body.pretty import PrettyJson
from kexplore.core.browse.links import Link

__all__ = ["Reader"]


class Reader:
    """A cursor over a PrettyJson's visible lines, with its folds and search matches.

    Every operation costs O(log n) or O(depth) in the document's size (fold-all and unfold
    cost O(folds) in C), so a widget can call them on each key of a 20 MB body.

    Args:
        document: The lines to read.
    """

    def __init__(self, document: PrettyJson) -> None:
        self.document = document
        """The lines being read."""
        self.cursor = 0
        """The line under the cursor; always a visible line."""
        self.folds = FoldMap(document.line_count, int)
        """What is folded; empty until the document is indexed."""
        self.needle = ""
        """The last text searched for."""
        self.matches = array("I")
        """The lines holding `needle`, ascending."""
        self._fold_all: tuple[array, array, array] | None = None

    def indexed(self, fold_all: tuple[array, array, array]) -> None:
        """The document's index is built: folding can start.

        Args:
            fold_all: What fold-all folds (see `fold_all_lines`).
        """
        index = self.document.index
        assert index is not None
        self.folds = FoldMap(self.document.line_count, lambda line: index.fold_range(line)[1])
        self._fold_all = fold_all

    @staticmethod
    def fold_all_lines(document: PrettyJson) -> tuple[array, array, array]:
        """What fold-all folds: containers below the top two levels (one, if that is all).

        Slow (a pass over every container): call it in the worker that indexes.

        Returns:
            The opening lines to fold, the outermost of them, and those ones' closing lines.
        """
        index = document.index
        if index is None:
            return array("I"), array("I"), array("I")
        depth = 2 if any(d >= 2 for d in index.depths) else 1
        outermost = index.opens_at_depth(depth, exact=True)
        closes = array("I", (index.fold_range(line)[1] for line in outermost))
        return index.opens_at_depth(depth), outermost, closes

    @property
    def row_count(self) -> int:
        """How many rows the document takes with its folds."""
        return self.folds.row_count

    @property
    def cursor_row(self) -> int:
        """The row the cursor is on."""
        return self.folds.row_of(self.cursor)

    def move_to(self, line: int) -> None:
        """Put the cursor on `line`, or on the folded line hiding it."""
        line = max(0, min(line, self.document.line_count - 1))
        self.cursor = self.folds.line_at(self.folds.row_of(line))

    def move_rows(self, rows: int) -> None:
        """Move the cursor `rows` visible rows down (negative: up)."""
        self.cursor = self.folds.line_at(self.cursor_row + rows)

    def container_line(self) -> int | None:
        """The opening line of the object or array the cursor is on or inside."""
        document, line = self.document, self.cursor
        if document.index is None:
            return None
        if document.fold_range(line) is not None:
            return line
        ancestors = document.index.ancestors(line)
        return ancestors[0] if ancestors else None

    def toggle_fold(self) -> None:
        """Fold or unfold the object or array under the cursor; the cursor goes to its start."""
        line = self.container_line()
        if line is not None:
            self.folds.toggle(line)
            self.move_to(line)

    def fold_all(self) -> None:
        """Fold every container below the top levels (see `fold_all_lines`)."""
        if self._fold_all is not None:
            self.folds.set_folds(*self._fold_all)
            self.move_to(self.cursor)

    def unfold_all(self) -> None:
        """Unfold everything."""
        self.folds.clear()

    def reveal(self, line: int) -> None:
        """Unfold every fold that hides `line`."""
        if self.document.index is not None:
            for opening in self.document.index.ancestors(line):
                self.folds.unfold(opening)

    def set_matches(self, needle: str, matches: array) -> None:
        """Record a search's result and go to the first match at or after the cursor."""
        self.needle, self.matches = needle, matches
        self.next_match(inclusive=True)

    def is_match(self, line: int) -> bool:
        """Whether `line` holds the search text."""
        k = bisect_left(self.matches, line)
        return k < len(self.matches) and self.matches[k] == line

    def next_match(self, backwards: bool = False, inclusive: bool = False) -> bool:
        """Go to the next (previous) match, wrapping around, unfolding what hides it.

        Returns:
            Whether there was a match to go to.
        """
        matches, line = self.matches, self.cursor
        if not matches:
            return False
        if backwards:
            k = (bisect_right(matches, line) if inclusive else bisect_left(matches, line)) - 1
        else:
            k = bisect_left(matches, line) if inclusive else bisect_right(matches, line)
        target = matches[k % len(matches)]
        self.reveal(target)
        self.move_to(target)
        return True

    def link(self) -> Link | None:
        """The link on the cursor line, if any."""
        return self.document.link_at(self.cursor)

    def copy_text(self, what: Literal["jq path", "path", "value"]) -> str | None:
        """The cursor line's jq path (`.data[0].id`), plain path (`data[0].id`) or value.

        A string value is given unquoted.

        Returns:
            The text, or None while the document is not indexed (text: the line's value).
        """
        document, line = self.document, self.cursor
        if document.mode == "text":
            return document.line(line) if what == "value" else None
        if what in ("path", "jq path"):
            path = document.path_at(line)
            if path is None or what == "path":
                return path
            return "." + path if path else "."
        value = document.value_at(line)
        return json.loads(value) if value is not None and value.startswith('"') else value
