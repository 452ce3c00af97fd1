"""JsonIndex: the structure of a pretty-printed JSON blob in a few flat arrays, and its links."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from json.decoder import scanstring

from kexplore.core.body.brackets import Containers
from kexplore.core.body.link_store import LinkStore
from kexplore.core.browse.links import Link

__all__ = ["JsonIndex"]

_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*\Z")


def _key_of(text: str) -> tuple[str, int] | None:
    """The member name at the start of a pretty line and where its value starts, or None."""
    stripped = text.lstrip(" ")
    if not stripped.startswith('"'):
        return None
    indent = len(text) - len(stripped)
    try:
        key, end = scanstring(stripped, 1)
    except ValueError:
        return None
    if stripped[end : end + 2] != ": ":
        return None
    return key, indent + end + 2


def _escape_pointer(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _path_segment(segment: str | int) -> str:
    if isinstance(segment, int):
        return f"[{segment}]"
    if _IDENTIFIER.match(segment):
        return f".{segment}"
    return "[" + re.sub(r'(["\\])', r"\\\1", f'"{segment}"'[1:-1]).join('""') + "]"


class JsonIndex:
    """Containers (fold ranges), parents, depths and the links of a pretty-printed JSON blob.

    Each object or array that spans lines is one container `c`, numbered in document order:
    `opens[c]`/`closes[c]` are its first and last lines, `parents[c]` its container (-1 at the
    root), `depths[c]` its nesting depth and `ordinals[c]` its position in its parent.

    Args:
        blob: orjson's `OPT_INDENT_2` output.
        starts: Line start offsets of `blob` with a sentinel (see `line_starts`).
        containers: Its objects and arrays (see `match_containers`).
        links: Its links, by line.
    """

    def __init__(
        self, blob: bytes, starts: array, containers: Containers, links: LinkStore
    ) -> None:
        self.blob, self.starts = blob, starts
        self.opens, self.closes = containers.opens, containers.closes
        self.parents, self.depths = containers.parents, containers.depths
        self.ordinals = containers.ordinals
        self.links = links
        """The links, by line, packed (each Link is made when asked for)."""

    def line_text(self, i: int) -> str:
        """Line `i` of the blob as text."""
        return self.blob[self.starts[i] : self.starts[i + 1] - 1].decode("utf-8", "replace")

    def container_at(self, line: int) -> int | None:
        """The container opening on `line`, or None."""
        c = bisect_left(self.opens, line)
        return c if c < len(self.opens) and self.opens[c] == line else None

    def fold_range(self, line: int) -> tuple[int, int] | None:
        """`(open, close)` of the container opening on `line`, or None."""
        c = self.container_at(line)
        return None if c is None else (self.opens[c], self.closes[c])

    def innermost(self, line: int) -> int:
        """The innermost container whose lines (open to close) include `line`, or -1."""
        c = bisect_right(self.opens, line) - 1
        while c >= 0 and self.closes[c] < line:
            c = self.parents[c]
        return c

    def ancestors(self, line: int) -> list[int]:
        """Opening lines of every container strictly around `line`, innermost first."""
        c = self.innermost(line)
        if c >= 0 and line in (self.opens[c], self.closes[c]):
            c = self.parents[c]
        found = []
        while c >= 0:
            found.append(self.opens[c])
            c = self.parents[c]
        return found

    def opens_at_depth(self, min_depth: int, exact: bool = False) -> array:
        """Opening lines of the containers at `min_depth` or deeper (exactly, with `exact`)."""
        if exact:
            return array(
                "I", (o for o, d in zip(self.opens, self.depths, strict=True) if d == min_depth)
            )
        return array(
            "I", (o for o, d in zip(self.opens, self.depths, strict=True) if d >= min_depth)
        )

    def is_object(self, c: int) -> bool:
        """Whether container `c` is an object (else an array)."""
        return self.blob[self.starts[self.opens[c] + 1] - 2] == ord("{")

    def _segment(self, line: int, parent: int) -> str | int:
        """The key or array index by which `parent` holds the value starting on `line`."""
        if self.is_object(parent):
            key = _key_of(self.line_text(line))
            return key[0] if key else ""
        c = self.container_at(line)
        if c is not None:
            return self.ordinals[c]
        sibling = bisect_right(self.opens, line) - 1
        while sibling != parent and self.parents[sibling] != parent:
            sibling = self.parents[sibling]
        if sibling == parent:
            return line - self.opens[parent] - 1
        return self.ordinals[sibling] + line - self.closes[sibling]

    def segments_at(self, line: int) -> list[str | int]:
        """The keys and indexes leading from the root to the value on `line`."""
        c = self.innermost(line)
        if c < 0:
            return []
        segments: list[str | int] = []
        if line not in (self.opens[c], self.closes[c]):
            segments.append(self._segment(line, c))
        while self.parents[c] >= 0:
            segments.append(self._segment(self.opens[c], self.parents[c]))
            c = self.parents[c]
        return segments[::-1]

    def path_at(self, line: int) -> str:
        """The JSON path of the value on `line` (`data[3].links.self`; '' for the root)."""
        return "".join(map(_path_segment, self.segments_at(line))).removeprefix(".")

    def pointer_at(self, line: int) -> str:
        """The JSON pointer of the value on `line` (`/data/3/links/self`; '' for the root)."""
        return "".join(f"/{_escape_pointer(str(s))}" for s in self.segments_at(line))

    def value_span(self, line: int) -> tuple[int, int]:
        """First and last line of the value on `line` (a whole container on its bounds)."""
        c = self.innermost(line)
        if c >= 0 and line in (self.opens[c], self.closes[c]):
            return self.opens[c], self.closes[c]
        return line, line

    def value_at(self, line: int) -> str:
        """The JSON text of the value on `line`, dedented, without its key or trailing comma."""
        first, last = self.value_span(line)
        text = self.blob[self.starts[first] : self.starts[last + 1] - 1].decode("utf-8")
        head = self.line_text(first)
        key = _key_of(head)
        start = key[1] if key else len(head) - len(head.lstrip(" "))
        indent = len(head) - len(head.lstrip(" "))
        value = text[start:].replace("\n" + " " * indent, "\n")
        return value.removesuffix(",")

    def link_at(self, line: int) -> Link | None:
        """The link whose value is on `line`, or None."""
        return self.links.at_line(line)

    def next_sibling(self, line: int) -> int:
        """The line after the value starting on `line` (past its container, if it opens one)."""
        c = self.container_at(line)
        return line + 1 if c is None else self.closes[c] + 1
