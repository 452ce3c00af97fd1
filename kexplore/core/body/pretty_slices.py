"""Pretty-print a big JSON document a slice at a time, never its whole tree, whatever its shape.

Parsing a body whole makes a tree of ~7x its bytes. Here the root container's children (array
items or object members) are cut into runs of about `_SLICE` bytes; each run is parsed,
pretty-printed and dropped in turn, and the runs' text is joined, indented, into the document.
A child bigger than `_BIG` that is itself an array or object is cut the same way (a list
under `data`, one huge nested array, a giant object of objects), so any shape is formatted
a slice at a time. The output is byte for byte `orjson.dumps(orjson.loads(body), OPT_INDENT_2)`.

Cuts are found by counting brackets outside strings (C-level regular expressions over each
span) and proved: a run that is not exactly whole children does not parse, because a JSON
scanner reading it is in the same state at each byte as when reading the whole body (a cut
inside a string leaves it open, a cut inside a nested value leaves a bracket open). Anything
this cannot prove (invalid JSON, a key repeated across runs, a scan that grows too long)
returns None, and the caller parses the body whole.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

__all__ = ["Group", "SlicedPretty", "pretty_in_slices"]

_SLICE = 512 * 1024
"""Bytes of body per parsed run: the tree of one run is a few megabytes at most."""
_BIG = 4 * _SLICE
"""A child this big is cut itself (an array or object) or parsed alone (a scalar)."""
_STEPS = 1 << 16
"""Bracket candidates looked at for one cut before giving up (then: a whole parse)."""
_PROBE = 256
"""Candidates looked at inside one child before checking whether it is a big one."""
_WS = b" \t\r\n"
_CLOSER = {ord("["): ord("]"), ord("{"): ord("}")}
_CANDIDATE = re.compile(rb"[,\]}]")
_CLOSING = re.compile(rb"[\]}]")
_ESCAPES = re.compile(rb"\\.", re.S)
_STRINGS = re.compile(rb'"[^"]*"')
_NOT_BRACKETS = re.compile(rb"[^\[\]{}]+")
_PARENS = bytes.maketrans(b"[]{}", b"()()")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_KEY = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"[ \t\r\n]*:[ \t\r\n]*')
"""A member's name and colon (the unrolled form: fast even on a name megabytes long)."""


@dataclass(frozen=True)
class Group:
    """Consecutive children of one cut container, as they stand in the pretty blob."""

    path: tuple[str | int, ...]
    """Where the container is: member names and array indexes from the root."""
    array: bool
    """Whether the container is an array (its children are items) or an object (members)."""
    first: int
    """The position of the group's first child in its container."""
    start: int
    """Blob offset where the group's first child starts."""
    end: int
    """Blob offset just after the group's last child."""


@dataclass(frozen=True)
class SlicedPretty:
    """A document pretty-printed in slices: the text, and where each group of children lies."""

    blob: bytes
    """orjson's `OPT_INDENT_2` text of the whole document."""
    groups: tuple[Group, ...]
    """Every group of children parsed together, in document order."""

    def children(
        self, first: int = 0, stop: int | None = None
    ) -> Iterator[tuple[Group, list[Any] | dict[str, Any]]]:
        """Each group (from `first` to `stop`) with its children parsed again from the blob,
        one group's tree at a time."""
        view = memoryview(self.blob)
        for group in self.groups[first:stop]:
            brackets = (b"[", b"]") if group.array else (b"{", b"}")
            yield group, orjson.loads(brackets[0] + view[group.start : group.end] + brackets[1])


@dataclass
class _Cut:
    """A container being cut: its children's text goes straight to `out` as it is made."""

    path: tuple[str | int, ...]
    array: bool
    out: io.BytesIO
    groups: list[Group]
    """Every run written so far (of this container and the others)."""
    keys: set[str] = field(default_factory=set)
    written: bool = False
    """Whether a child is written yet (the next one is then preceded by a comma)."""

    @property
    def pad(self) -> bytes:
        """The indentation of the children's lines."""
        return b"  " * (len(self.path) + 1)

    def next_child(self) -> None:
        """Start a child: after the first one, end the previous child's line with a comma."""
        if self.written:
            self.out.write(b",\n")
        self.written = True


class _Unproven(Exception):
    """A cut that cannot be proved: the body is parsed whole instead."""


class _BigChild(Exception):
    """The child being looked at spans more than `_BIG` bytes."""


def pretty_in_slices(body: bytes) -> SlicedPretty | None:
    """Pretty-print `body` without ever parsing it whole.

    Args:
        body: A JSON document whose root is an array or an object.

    Returns:
        The pretty text and its groups, or None when the body is not valid JSON, its root
        is a scalar, or a cut could not be proved (the caller then parses it whole).
    """
    begin = _skip_ws(body, 0)
    if body[begin : begin + 1] not in (b"[", b"{"):
        return None
    out, groups = io.BytesIO(), []
    try:
        end = _cut(body, begin, (), out, groups)
    except (_Unproven, _BigChild, orjson.JSONDecodeError, RecursionError):
        return None
    if body[end + 1 :].strip(_WS):
        return None  # something after the document
    return SlicedPretty(out.getvalue(), tuple(groups))


def _skip_ws(body: bytes, at: int) -> int:
    while body[at : at + 1] in (b" ", b"\t", b"\r", b"\n"):
        at += 1
    return at


def _depths(body: bytes, start: int, end: int, depth: int) -> tuple[int, int] | None:
    """The bracket depth at `end` and the lowest it gets on the way, given `depth` at `start`
    (both outside strings); None if `end` is inside a string.

    Valid JSON has backslashes only in strings, so removing every escape pair leaves strings
    as plain `"..."` runs; removed too, the brackets are left, and taking out matched pairs
    leaves `)))(((`: the closings that dip below `start`, then the openings still open.
    """
    text = _ESCAPES.sub(b"", body[start:end])
    if text.count(b'"') % 2:
        return None
    brackets = _NOT_BRACKETS.sub(b"", _STRINGS.sub(b"", text)).translate(_PARENS)
    while b"()" in brackets:
        brackets = brackets.replace(b"()", b"")
    dips = len(brackets) - len(brackets.lstrip(b")"))
    return depth - dips + len(brackets) - dips, depth - dips


def _boundary(body: bytes, child: int, after: int, *, big: bool = True) -> int:
    """The first comma or closing bracket at the container's own level at or after `after`
    (or the container's closing bracket, if it closes before), for a container whose child
    starts at `child` (outside strings; the depth there is 1, inside the container only).

    Raises:
        _BigChild: The search is inside one child that goes on `_BIG` bytes past `after`
            (unless `big` is False: then the search goes on to the child's end).
    """
    ref, depth, pos = child, 1, max(after, child)
    closers_only = overshot = False
    for step in range(_STEPS):
        match = (_CLOSING if closers_only else _CANDIDATE).search(body, pos)
        at = match.start() if match else len(body)
        found = _depths(body, ref, at, depth) if match else (0, 0)
        if found is None:  # inside a string: on from its end, counted from the same place
            pos = _string_end(body, ref, at)
            if big and pos > max(after, child) + _BIG:
                raise _BigChild
        elif found[1] < 1:  # the container closed on the way: find where, closer by closer
            if overshot:
                raise _Unproven("unbalanced brackets")
            ref, depth, pos, closers_only, overshot = child, 1, child, True, True
        elif found[0] == 1 and (not overshot or body[at] != ord(",")):
            return at
        else:  # inside a child: only a closing bracket brings the depth down
            ref, depth = (at + 1, found[0] - 1) if body[at] != ord(",") else (at, found[0])
            pos, closers_only = ref, overshot or depth > 1
            if big and not overshot and at > max(after, child) + _BIG:
                raise _BigChild  # a child that was open before `after` is open here
            probe = big and not overshot and step and not step % _PROBE
            if probe and _open_far(body, ref, depth, after):
                raise _BigChild
    raise _Unproven("too many candidates")


def _open_far(body: bytes, ref: int, depth: int, after: int) -> bool:
    """Whether the child holding `ref` (at `depth` > 1) is still open `_BIG` bytes past `after`."""
    match = _CANDIDATE.search(body, max(ref, after + _BIG))
    while match is not None:
        found = _depths(body, ref, match.start(), depth)
        if found is not None:
            return found[1] > 1
        match = _CANDIDATE.search(body, _string_end(body, ref, match.start()))
    return False


def _string_end(body: bytes, outside: int, inside: int) -> int:
    """Where the string holding offset `inside` ends, `outside` being outside any string."""
    for string in _STRING.finditer(body, outside):
        if string.end() > inside:
            return string.end()
    raise _Unproven("a string never closes")


def _cut(
    body: bytes, opening: int, path: tuple[str | int, ...], out: io.BytesIO, groups: list[Group]
) -> int:
    """Cut the container opening at `opening`, writing its pretty text (from its bracket on)
    to `out`; return its closing bracket's offset in `body`."""
    cut = _Cut(path, body[opening] == ord("["), out, groups)
    closer = _CLOSER[body[opening]]
    start, count = _skip_ws(body, opening + 1), 0
    if body[start : start + 1] == bytes([closer]):
        raise _Unproven("a big container is not empty")
    out.write(b"[\n" if cut.array else b"{\n")
    while True:
        try:
            at = _boundary(body, start, start + _SLICE)
            count = _add_run(cut, body, start, at, count)
        except _BigChild:
            at, count = _up_to_big_child(body, cut, start, count)
        if body[at] == closer:
            out.write(b"\n" + cut.pad[2:] + bytes([closer]))
            return at
        if body[at] != ord(","):
            raise _Unproven("a container closed by the wrong bracket")
        start = _skip_ws(body, at + 1)


def _up_to_big_child(body: bytes, cut: _Cut, start: int, count: int) -> tuple[int, int]:
    """The children from `start` one at a time, up to and including the first one bigger than
    `_BIG` (cut itself, or parsed alone); the small ones before it in one run. Returns the
    boundary after the big child and the children counted so far."""
    child = start
    while True:
        try:
            end = _boundary(body, child, child)
        except _BigChild:
            break
        if body[end] != ord(","):  # the container closes: no child was that big after all
            return end, _add_run(cut, body, start, end, count)
        child = _skip_ws(body, end + 1)
    if child > start:
        count = _add_run(cut, body, start, body.rindex(b",", 0, child), count)
    return _add_big(cut, body, child, count)


def _add_run(cut: _Cut, body: bytes, start: int, end: int, count: int) -> int:
    """Parse the children in `body[start:end]` as one run; the children counted so far."""
    brackets = (b"[", b"]") if cut.array else (b"{", b"}")
    children = orjson.loads(b"".join((brackets[0], memoryview(body)[start:end], brackets[1])))
    if not cut.array:
        _check_keys(cut, children)
    text = orjson.dumps(children, option=orjson.OPT_INDENT_2)
    outer = cut.pad[2:]
    if outer:
        text = text.replace(b"\n", b"\n" + outer)
    cut.next_child()
    start = cut.out.tell()
    cut.out.write(memoryview(text)[2 : len(text) - 2 - len(outer)])  # without "[\n", "\n]"
    cut.groups.append(Group(cut.path, cut.array, count, start, cut.out.tell()))
    return count + len(children)


def _check_keys(cut: _Cut, names: Any) -> None:
    """A member name seen in an earlier run would make the whole parse differ: refuse."""
    for name in names:
        if name in cut.keys:
            raise _Unproven("a repeated member name")
        cut.keys.add(name)


def _add_big(cut: _Cut, body: bytes, start: int, count: int) -> tuple[int, int]:
    """The child bigger than `_BIG` starting at `start`: cut it if it is an array or object
    (and `_may_cut` allows), else parse it alone. Returns the boundary after it and the
    children counted so far."""
    head, value = b"", start
    if not cut.array:
        match = _KEY.match(body, start)
        if match is None:
            raise _Unproven("no member name")
        name = orjson.loads(body[start : body.rindex(b'"', start, match.end()) + 1])
        head, value = orjson.dumps(name) + b": ", match.end()
    path = (*cut.path, count if cut.array else name)
    if body[value] in _CLOSER and _may_cut(path):
        if not cut.array:
            _check_keys(cut, [name])
        cut.next_child()
        cut.out.write(cut.pad + head)
        closing = _cut(body, value, path, cut.out, cut.groups)
        return _skip_ws(body, closing + 1), count + 1
    string = _STRING.match(body, value)
    end = _skip_ws(body, string.end()) if string else _boundary(body, start, start, big=False)
    return end, _add_run(cut, body, start, end, count)


def _may_cut(path: tuple[str | int, ...]) -> bool:
    """Whether the container at `path` may be cut into groups without changing the links
    `extract_links` finds: anywhere it does not look, and in the envelope where it looks at
    each child on its own (resources, their relationships), never inside one relationship or
    `links` object (whose members it reads together)."""
    if not path or path[0] not in ("data", "included", "links"):
        return True
    if path[0] == "links":
        return False
    rest = path[1:]
    if rest and isinstance(rest[0], int):
        rest = rest[1:]
    return rest in ((), ("relationships",)) or rest[0] not in ("links", "relationships")
