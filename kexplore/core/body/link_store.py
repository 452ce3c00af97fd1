"""LinkStore: the links of a document packed by line; PointerResolver: where a pointer leads."""

from __future__ import annotations

import io
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from operator import gt
from typing import Any, overload

import orjson

from kexplore.core.body.lines import line_starts
from kexplore.core.browse.links import Link

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
    text = b"\n".join(map(orjson.dumps, compact))
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
    """Finds the lines of JSON pointers in orjson's pretty text, fast when asked in document
    order. It reads the text only: a container's closing line is the next line with the same
    indentation and its closing bracket, found by one `bytes.find` (deeper lines are indented
    more, so none of them matches), and so is a member, by its name at the members' indentation.

    Args:
        blob: orjson's `OPT_INDENT_2` output.
        starts: Its line start offsets (see `line_starts`).
    """

    def __init__(self, blob: bytes, starts: array) -> None:
        self._blob, self._starts = blob, starts
        self._path: list[str] = []
        # Per step of the path: the value's line start offset, indentation and, once asked,
        # how its container spans (`_opened`); walking down a shared prefix reuses them.
        self._values: list[list[Any]] = [[0, 0, _UNKNOWN]]
        self._resume: dict[int, tuple[int, int]] = {}

    def locate(self, pointer: str) -> int | None:
        """The line where the value at `pointer` starts, or None if it is not there."""
        segments = pointer.split("/")[1:]
        if "~" in pointer:
            segments = [s.replace("~1", "/").replace("~0", "~") for s in segments]
        path, shared = self._path, 0
        while shared < min(len(segments), len(path)) and segments[shared] == path[shared]:
            shared += 1
        del path[shared:], self._values[shared + 1 :]
        for segment in segments[shared:]:
            found = self._child(self._values[-1], segment)
            if found is None:
                return None
            path.append(segment)
            self._values.append([*found, _UNKNOWN])
        return bisect_left(self._starts, self._values[-1][0])

    def _opened(self, at: int, indent: int) -> tuple[int, int, int] | None:
        """(bracket, end of the opening line, start of the closing line's newline) when the
        value on the line at `at` opens a container, else None."""
        blob = self._blob
        eol = blob.find(b"\n", at)
        if eol <= at or blob[eol - 1] not in _BRACKETS:
            return None
        bracket = blob[eol - 1]
        close = blob.find(b"\n" + b" " * indent + _BRACKETS[bracket], eol)
        return None if close < 0 else (bracket, eol, close)

    def _child(self, value: list[Any], segment: str) -> tuple[int, int] | None:
        """The line start and indentation of member or item `segment` of `value`."""
        at, indent, opened = value
        if opened is _UNKNOWN:
            opened = value[2] = self._opened(at, indent)
        if opened is None:
            return None
        bracket, eol, close = opened
        if bracket == _OBJECT:
            wanted = b"\n" + b" " * (indent + 2) + orjson.dumps(segment) + b": "
            found = self._blob.find(wanted, eol, close)
            return None if found < 0 else (found + 1, indent + 2)
        if not segment.isdigit():
            return None
        return self._item(at, indent + 2, eol, close, int(segment))

    def _item(
        self, at: int, indent: int, eol: int, close: int, wanted: int
    ) -> tuple[int, int] | None:
        """Item `wanted` of the array on the line at `at`, stepping on from the last one found."""
        position, item = self._resume.get(at, (0, eol + 1))
        if wanted < position:
            position, item = 0, eol + 1
        while item <= close:
            if position == wanted:
                self._resume[at] = (position, item)
                return item, indent
            opened = self._opened(item, indent)
            item = self._blob.find(b"\n", opened[2] + 1 if opened else item) + 1
            if item == 0:
                break
            position += 1
        return None


_UNKNOWN: Any = object()
_OBJECT = ord("{")
_BRACKETS = {_OBJECT: b"}", ord("["): b"]"}
"""Each opening bracket's byte, with the closing bracket's bytes."""
