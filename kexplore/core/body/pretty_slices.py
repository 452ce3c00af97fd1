"""Pretty-print a big JSON document a slice of its main arrays at a time, never its whole tree.

A Kustomer list page is one object whose bulk is an array of resources (`data`, `included`).
Parsing it whole makes a tree of ~7x the body's bytes; here each array is cut into groups of
items about `_SLICE` bytes long, each group is parsed, pretty-printed and dropped in turn, and
the small rest of the document (the arrays replaced by a placeholder item) is pretty-printed and
the groups' text put in the placeholders' place. The output is byte for byte what
`orjson.dumps(orjson.loads(body), option=OPT_INDENT_2)` gives.

Cuts are guessed (`}` `,` `{` after the slice length) and proved: a guessed group that is not
exactly whole items does not parse, because a JSON scanner reading it is in the same state at
each byte as when reading the whole body (a cut inside a string leaves the string open, a cut
inside a nested value leaves a bracket open). Anything this cannot prove returns None, and the
caller parses the body whole.
"""

from __future__ import annotations

import io
import os
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

__all__ = ["Group", "SlicedPretty", "pretty_in_slices"]

_SLICE = 512 * 1024
"""Bytes of body per parsed group: the tree of one group is a few megabytes at most."""
_TRIES = 16
"""Guessed cuts tried per group before the rest of the array is parsed as one group."""
_WS = b" \t\r\n"
_BOUNDARY = re.compile(rb"\}[ \t\r\n]*,[ \t\r\n]*\{")
_MEMBER_ARRAY = re.compile(rb'"((?:[^"\\]|\\.)*)"[ \t\r\n]*:[ \t\r\n]*\[[ \t\r\n]*\{')
_ESCAPES = re.compile(rb"\\.", re.S)
_STRINGS = re.compile(rb'"[^"]*"')
_MAX_CANDIDATES = 256
"""`"key": [{` matches looked at before giving up (deeply nested bodies are parsed whole)."""


@dataclass(frozen=True)
class Group:
    """Consecutive items of one sliced array, as they stand in the pretty blob."""

    member: str | None
    """The top-level member holding the array (None: the document is the array)."""
    first: int
    """The array index of the group's first item."""
    start: int
    """Blob offset where the group's first item starts."""
    end: int
    """Blob offset just after the group's last item."""


@dataclass(frozen=True)
class SlicedPretty:
    """A document pretty-printed in slices: the text, and where each group of items lies."""

    blob: bytes
    """orjson's `OPT_INDENT_2` text of the whole document."""
    skeleton: Any
    """The document with each sliced array holding one placeholder string instead of items."""
    groups: tuple[Group, ...]
    """The sliced arrays' items, in document order."""

    def items(self) -> Iterator[tuple[Group, list[Any]]]:
        """Each group with its items parsed again from the blob (one group's tree at a time)."""
        view = memoryview(self.blob)
        for group in self.groups:
            yield group, orjson.loads(b"".join((b"[", view[group.start : group.end], b"]")))


@dataclass
class _Array:
    """One array cut into groups: where its items lie in the body, and each group's text."""

    member: str | None
    start: int
    end: int = 0
    pieces: deque[bytes] = field(default_factory=deque)
    counts: list[int] = field(default_factory=list)


def pretty_in_slices(body: bytes) -> SlicedPretty | None:
    """Pretty-print `body` without ever parsing it whole, if its shape allows.

    Args:
        body: A JSON document; the slicing applies when it is an array of objects or an
            object with members that are arrays of objects.

    Returns:
        The pretty text and its groups, or None when the body is not of that shape, is not
        valid JSON, or could not be cut (the caller then parses it whole).
    """
    begin = len(body) - len(body.lstrip(_WS))
    head = body[begin : begin + 1]
    arrays: list[_Array] | None = None
    if head == b"[":
        first = _skip_ws(body, begin + 1)
        array = _slice_array(body, None, first) if body[first : first + 1] == b"{" else None
        arrays = [array] if array is not None else None
    elif head == b"{":
        arrays = _member_arrays(body, begin)
    return _assemble(body, arrays) if arrays else None


def _skip_ws(body: bytes, at: int) -> int:
    while body[at : at + 1] in (b" ", b"\t", b"\r", b"\n"):
        at += 1
    return at


def _depth_after(body: bytes, start: int, end: int, depth: int) -> int | None:
    """The bracket depth at `end`, given `depth` at `start` (both outside strings); None if
    `end` is inside a string. Valid JSON has backslashes only in strings, so removing every
    escape pair leaves strings as plain `"..."` runs."""
    text = _ESCAPES.sub(b"", body[start:end])
    if text.count(b'"') % 2:
        return None
    text = _STRINGS.sub(b"", text)
    opened = text.count(b"{") + text.count(b"[")
    return depth + opened - text.count(b"}") - text.count(b"]")


def _member_arrays(body: bytes, begin: int) -> list[_Array] | None:
    """Each member of the top-level object whose value is an array of objects, sliced; None
    when one cannot be, or when finding them takes too many candidates or too much scanning."""
    arrays: list[_Array] = []
    pos, depth, scanned = begin, 0, 0
    match = _MEMBER_ARRAY.search(body, pos)
    for _ in range(_MAX_CANDIDATES):
        if match is None:
            return arrays
        scanned += match.start() - pos
        if scanned > 2 * len(body):
            return None  # candidates inside strings rescan from `pos`: never let that grow
        at = _depth_after(body, pos, match.start(), depth)
        if at is None:  # the quote matched closes a string: look again one byte on
            match = _MEMBER_ARRAY.search(body, match.start() + 1)
            continue
        pos, depth = match.start(), at
        if at != 1:
            match = _MEMBER_ARRAY.search(body, match.end())
            continue
        key = _member_name(match.group(1))
        array = _slice_array(body, key, match.end() - 1) if key is not None else None
        if array is None:
            return None
        arrays.append(array)
        pos, depth = array.end, 2  # still inside the object and the array
        match = _MEMBER_ARRAY.search(body, pos)
    return None


def _member_name(raw: bytes) -> str | None:
    """The member name from its raw JSON text, or None if it is not valid (bad escapes)."""
    try:
        return str(orjson.loads(b'"' + raw + b'"'))
    except orjson.JSONDecodeError:
        return None


def _parse_items(body: bytes, start: int, end: int) -> list[Any] | None:
    """The items in `body[start:end]` if they are whole items, else None."""
    try:
        items = orjson.loads(b"".join((b"[", memoryview(body)[start:end], b"]")))
    except (orjson.JSONDecodeError, RecursionError):
        return None
    return items


def _slice_array(body: bytes, member: str | None, first: int) -> _Array | None:
    """Cut the array whose first item starts at `first` into parsed, pretty-printed groups."""
    array = _Array(member, first)
    start = first
    while True:
        cut = _next_cut(body, start)
        if cut is None:
            last = _last_group(body, start)
            if last is None:
                return None
            array.end, items = last
            _add_group(array, items)
            return array
        items, start = cut
        _add_group(array, items)


def _add_group(array: _Array, items: list[Any]) -> None:
    array.pieces.append(orjson.dumps(items, option=orjson.OPT_INDENT_2))
    array.counts.append(len(items))


def _next_cut(body: bytes, start: int) -> tuple[list[Any], int] | None:
    """The items of a group from `start` to a proven cut past `_SLICE` bytes, and where the
    next item starts; None when no cut is found (the rest is then the last group)."""
    match = _BOUNDARY.search(body, start + _SLICE)
    for _ in range(_TRIES):
        if match is None:
            return None
        items = _parse_items(body, start, match.start() + 1)
        if items is not None:
            return items, match.end() - 1
        match = _BOUNDARY.search(body, match.end() - 1)
    return None


def _last_group(body: bytes, start: int) -> tuple[int, list[Any]] | None:
    """Where the array's items end and the items from `start` on. A window of the body is
    tried first, so that a long document after the array (another big array) is not copied."""
    for stop in (min(len(body), start + 4 * _SLICE), len(body)):
        end = _array_end(body, start, stop)
        if end is not None and (items := _parse_items(body, start, end)) is not None:
            return end, items
        if stop == len(body):
            break
    return None


def _array_end(body: bytes, start: int, stop: int) -> int | None:
    """Where the items from `start` end, if their array closes before `stop`: the first byte
    a parser of `[` + the items cannot take is the one after the array's closing bracket."""
    rest = b"".join((b"[", memoryview(body)[start:stop]))
    try:
        orjson.loads(rest)
        close = len(rest.rstrip(_WS))  # the array was the whole document
    except orjson.JSONDecodeError as exc:
        close = len(exc.doc[: exc.pos].encode("utf-8")) if exc.doc else 0
    except RecursionError:
        return None
    tail = body[start : start + close - 1].rstrip(_WS)  # without its `[` and `]`
    return start + len(tail[:-1].rstrip(_WS)) if tail.endswith(b"]") else None


def _assemble(body: bytes, arrays: list[_Array]) -> SlicedPretty | None:
    """Pretty-print the document with a placeholder per array, then put the groups in."""
    token = f"kexplore-slot-{os.urandom(8).hex()}-".encode()
    if token in body:
        return None
    slots = [b'"' + token + str(k).encode() + b'"' for k in range(len(arrays))]
    parts, pos = [], 0
    for array, slot in zip(arrays, slots, strict=True):
        parts += [body[pos : array.start], slot]
        pos = array.end
    parts.append(body[pos:])
    try:
        skeleton = orjson.loads(b"".join(parts))
    except (orjson.JSONDecodeError, RecursionError):
        return None
    del parts
    outline = orjson.dumps(skeleton, option=orjson.OPT_INDENT_2)
    out, groups, at = io.BytesIO(), [], 0
    for array, slot in zip(arrays, slots, strict=True):
        found = outline.find(slot, at)
        if found < 0:
            return None  # a repeated key dropped the array: the whole parse will say what shows
        line_start = outline.rfind(b"\n", 0, found) + 1
        out.write(outline[at:line_start])
        groups += _write_groups(out, array, b" " * (found - line_start - 2))
        at = found + len(slot)
    out.write(outline[at:])
    return SlicedPretty(out.getvalue(), skeleton, tuple(groups))


def _write_groups(out: io.BytesIO, array: _Array, pad: bytes) -> list[Group]:
    """Write an array's groups, indented by `pad` more, freeing each group's text once written."""
    groups, first = [], 0
    for n, count in enumerate(array.counts):
        piece = array.pieces.popleft()
        if n:
            out.write(b",\n")
        start = out.tell()
        if pad:
            piece = piece.replace(b"\n", b"\n" + pad)
        out.write(memoryview(piece)[2 : -2 - len(pad)])  # without the group's "[\n", "\n]"
        groups.append(Group(array.member, first, start, out.tell()))
        first += count
    return groups
