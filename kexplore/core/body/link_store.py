"""LinkStore: the links of a document packed by line; PointerResolver: where a pointer leads."""

from __future__ import annotations

import io
import json
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from operator import gt
from typing import TYPE_CHECKING, Any, overload

import orjson

from kexplore.core.body.lines import line_starts
from kexplore.core.browse.links import Link

if TYPE_CHECKING:
    from kexplore.core.body.pretty_index import JsonIndex

__all__ = ["LinkStore", "PointerResolver", "link_rows", "pack_links"]

_FIELDS = ("rel", "href", "url", "pointer", "same_origin", "inferred")
_HREF, _URL, _POINTER = (_FIELDS.index(name) for name in ("href", "url", "pointer"))
_COMPACT = (",", ":")


def link_rows(links: list[Link]) -> list[list[Any]]:
    """Links as rows of plain values, the form `LinkStore.build` takes."""
    return [[getattr(link, name) for name in _FIELDS] for link in links]


def pack_links(links: list[Link]) -> bytes:
    """Links as one JSON blob of rows, so that none of their strings stays tied to the tree."""
    return orjson.dumps(link_rows(links))


class LinkStore(Sequence[Link]):
    """The links of a document in line order, one compact JSON row each, made into Links on use.

    80,000 Link objects and their strings take ~45 MB; packed they take a fifth of that. A
    row's URL that is its href under a known prefix (the base URL, mostly) is kept as the
    prefix's number.

    Args:
        rows: One JSON row (`pack_links` fields) per link, ascending by line, joined by newlines.
        lines: The line of each link.
        prefixes: The URL prefixes that rows refer to by number.
    """

    def __init__(self, rows: bytes, lines: array, prefixes: Sequence[str] = ()) -> None:
        self._rows = rows
        self._prefixes = tuple(prefixes)
        self._starts = line_starts(rows)[0] if lines else array("I", [1])
        self.lines = lines
        """The line of each link, ascending."""

    @classmethod
    def build(
        cls, groups: Iterable[list[list[Any]]], locate: Callable[[str], int | None]
    ) -> LinkStore:
        """Place each row on its line; rows whose pointer is absent are dropped.

        Args:
            groups: Rows (`link_rows` fields) in document order, in groups that each cover
                lines no other group covers (a big document's items, a group at a time).
            locate: The line of a JSON pointer's value.

        Returns:
            The store, in line order.
        """
        prefixes: dict[str, int] = {}
        placed = sorted(filter(None, (_place(rows, locate, prefixes) for rows in groups)))
        lines = array("I", (line for _first, group_lines, _text in placed for line in group_lines))
        texts = [text for _first, _lines, text in placed]
        if any(map(gt, lines, lines[1:])):  # groups that overlap after all: order every row
            rows = sorted(zip(lines, b"\n".join(texts).split(b"\n"), strict=True))
            lines, texts = array("I", (line for line, _ in rows)), [row for _, row in rows]
        del placed
        packed = io.BytesIO()  # grows in place: a join would hold every row twice for a while
        for n in range(len(texts)):
            packed.write(b"\n" + texts[n] if n else texts[n])
            texts[n] = b""
        return cls(packed.getvalue(), lines, list(prefixes))

    def __len__(self) -> int:
        return len(self.lines)

    @overload
    def __getitem__(self, k: int) -> Link: ...
    @overload
    def __getitem__(self, k: slice) -> list[Link]: ...
    def __getitem__(self, k: int | slice) -> Link | list[Link]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        values = orjson.loads(self._rows[self._starts[k] : self._starts[k + 1] - 1])
        if isinstance(values[_URL], int):
            values[_URL] = self._prefixes[values[_URL]] + values[_HREF]
        return Link(*values)

    def at_line(self, line: int) -> Link | None:
        """The link on `line`, or None."""
        k = bisect_left(self.lines, line)
        return self[k] if k < len(self.lines) and self.lines[k] == line else None


def _place(
    rows: list[list[Any]], locate: Callable[[str], int | None], prefixes: dict[str, int]
) -> tuple[int, list[int], bytes] | None:
    """One group's rows in line order: (first line, lines, rows as JSON lines), or None."""
    placed = sorted(
        (line, n) for n, row in enumerate(rows) if (line := locate(row[_POINTER])) is not None
    )
    if not placed:
        return None
    compact = (_compact(rows[n], prefixes) for _, n in placed)
    # One str per group: orjson.dumps per row would leave ~4 KB allocations behind.
    text = "\n".join(json.dumps(row, separators=_COMPACT) for row in compact).encode()
    return placed[0][0], [line for line, _ in placed], text


def _compact(row: list[Any], prefixes: dict[str, int]) -> list[Any]:
    """`row` with its URL as a prefix number when the URL is that prefix and the href."""
    href, url = row[_HREF], row[_URL]
    if not href or url == href or not url.endswith(href):
        return row
    compact = list(row)
    compact[_URL] = prefixes.setdefault(url[: -len(href)], len(prefixes))
    return compact


class PointerResolver:
    """Finds the lines of JSON pointers, fast when asked in document order.

    Args:
        index: The pretty document's index, whose containers are walked.
    """

    def __init__(self, index: JsonIndex) -> None:
        self._index = index
        self._path: list[str] = []
        self._lines: list[int] = [0]
        self._resume: dict[int, tuple[int, int]] = {}

    def locate(self, pointer: str) -> int | None:
        """The line where the value at `pointer` starts, or None if it is not there."""
        if self._index.container_at(0) is None and pointer:
            return None
        segments = [s.replace("~1", "/").replace("~0", "~") for s in pointer.split("/")[1:]]
        shared = 0
        while (
            shared < min(len(segments), len(self._path)) and segments[shared] == self._path[shared]
        ):
            shared += 1
        del self._path[shared:], self._lines[shared + 1 :]
        for segment in segments[shared:]:
            line = self._child(self._lines[-1], segment)
            if line is None:
                return None
            self._path.append(segment)
            self._lines.append(line)
        return self._lines[-1]

    def _child(self, line: int, segment: str) -> int | None:
        """The line of member `segment` of the container opening on `line`."""
        c = self._index.container_at(line)
        if c is None:
            return None
        if self._index.is_object(c):
            return self._member(c, segment)
        return self._item(c, int(segment)) if segment.isdigit() else None

    def _member(self, c: int, key: str) -> int | None:
        """The line of member `key` of object `c`, found by one `bytes.find` in C."""
        index = self._index
        indent = b" " * (2 * index.depths[c] + 2)
        # Deeper lines have more spaces before their first quote, so only members match.
        wanted = b"\n" + indent + orjson.dumps(key) + b": "
        begin = index.starts[index.opens[c] + 1] - 1
        at = index.blob.find(wanted, begin, index.starts[index.closes[c]])
        return None if at < 0 else bisect_left(index.starts, at + 1)

    def _item(self, c: int, wanted: int) -> int | None:
        """The line of item `wanted` of array `c`, stepping on from the last one found."""
        index = self._index
        position, child = self._resume.get(c, (0, index.opens[c] + 1))
        if wanted < position:
            position, child = 0, index.opens[c] + 1
        while child < index.closes[c]:
            if position == wanted:
                self._resume[c] = (position, child)
                return child
            child = index.next_sibling(child)
            position += 1
        return None
