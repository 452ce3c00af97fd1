"""Match the opening and closing lines of a pretty-printed JSON blob without a Python stack.

In orjson's `OPT_INDENT_2` output a container's depth is its indentation halved, so at each
depth the opening and closing lines alternate: the k-th opening line at depth d is closed by the
k-th closing line at depth d. Sorting both by depth (a stable sort, in C) pairs them all at once;
parents are found by bisecting the depth above, positions by prefix sums. Every step is a C-level
pass (`map`, `sorted`, `accumulate`) over about a megabyte at a time or over flat arrays, so a
20 MB body's ~375,000 containers take a fraction of the per-container loop's time.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, compress, count, repeat
from operator import add, and_, sub, xor

__all__ = ["Containers", "match_containers"]

_CODES = "IIiHI"
"""The array type of each `Containers` field, in order."""

# Brackets as braces and no spaces: an opening line then ends in `{\n` and a closing line
# starts with `\n}` (strings never hold a raw newline, so neither can be inside one).
_FOLD = bytes.maketrans(b"[]", b"{}")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Containers:
    """Every object or array spanning lines, numbered in document order."""

    opens: array
    """The opening line of each container, ascending."""
    closes: array
    """Its closing line."""
    parents: array
    """The container holding it (-1 at the root)."""
    depths: array
    """How many containers hold it."""
    ordinals: array
    """Its position among its parent's values."""

    @classmethod
    def none(cls) -> Containers:
        """No containers (a scalar document, or a blob not laid out as orjson lays it out)."""
        return cls(*(array(code) for code in _CODES))

    def pack(self) -> bytes:
        """The arrays as bytes, for `unpack` (in another process)."""
        arrays = (self.opens, self.closes, self.parents, self.depths, self.ordinals)
        return b"".join(values.tobytes() for values in arrays)

    @classmethod
    def unpack(cls, data: bytes) -> Containers:
        """The containers `pack` wrote (empty bytes: none).

        Raises:
            ValueError: `data` is not what `pack` writes.
        """
        width = sum(array(code).itemsize for code in _CODES)
        if len(data) % width:
            raise ValueError("not packed containers")
        arrays, at, view = [], 0, memoryview(data)
        for code in _CODES:
            values = array(code)
            end = at + len(data) // width * values.itemsize
            values.frombytes(view[at:end])
            arrays.append(values)
            at = end
        return cls(*arrays)


def _bracket_lines(blob: bytes, starts: array) -> tuple[array, array]:
    """The opening lines and the closing lines, ascending, a chunk of about a megabyte at a time.

    Each is found by splitting the chunk at the bracket and counting newlines in the pieces: a
    few passes in C per chunk, and no object per bracket but one small bytes per piece.
    """
    opens, closes = array("I"), array("I")
    for first, begin, end in _chunks(starts):
        # From the newline before the chunk (one is made up for line 0) to its last newline.
        chunk = (blob[begin - 1 : end] if begin else b"\n" + blob[:end]).translate(_FOLD, b" ")
        # Before the k-th `{\n` are the newlines of pieces 0..k and k delimiters; line `first`
        # follows the chunk's first newline.
        counts = map(bytes.count, chunk.split(b"{\n")[:-1], repeat(b"\n"))
        opens.extend(map(add, accumulate(counts), count(first - 1)))
        counts = map(bytes.count, chunk.split(b"\n}")[:-1], repeat(b"\n"))
        closes.extend(map(add, accumulate(counts), count(first)))
    return opens, closes


def _chunks(starts: array) -> Iterator[tuple[int, int, int]]:
    """(first line, its start, the end of the chunk's last line) per chunk of about `_CHUNK`."""
    first, lines = 0, len(starts) - 1
    while first < lines:
        last = min(lines, bisect_right(starts, starts[first] + _CHUNK))
        yield first, starts[first], starts[last]
        first = last


def match_containers(blob: bytes, starts: array) -> Containers | None:
    """The containers of orjson's pretty `blob`, or None if its brackets do not pair up.

    Args:
        blob: orjson's `OPT_INDENT_2` output.
        starts: Its line start offsets with the sentinel (see `line_starts`).

    Returns:
        The containers; None when the text is not laid out as orjson lays it out.
    """
    opens, close_lines = _bracket_lines(blob, starts)
    total = len(opens)
    if total != len(close_lines):
        return None
    depths, close_depths = _depths(opens, close_lines)
    by_depth = sorted(range(total), key=depths.__getitem__)  # stable: in line order per depth
    close_order = sorted(range(total), key=close_depths.__getitem__)
    sorted_depths = list(map(depths.__getitem__, by_depth))
    if sorted_depths != list(map(close_depths.__getitem__, close_order)):
        return None
    del close_depths
    # by_depth has one ascending run per depth, so sorting it back is a cheap merge.
    position = sorted(range(total), key=by_depth.__getitem__)
    closes = _permuted("I", list(map(close_lines.__getitem__, close_order)), position)
    del close_order, close_lines
    if any(map(int.__ge__, opens, closes)):
        return None
    found = _parents_and_ordinals(opens, closes, sorted_depths, by_depth)
    if found is None:
        return None
    parents, ordinals = (
        _permuted(code, values, position) for code, values in zip("iI", found, strict=False)
    )
    return Containers(opens, closes, parents, array("H", depths), ordinals)


def _depths(opens: array, closes: array) -> tuple[list[int], list[int]]:
    """How many containers hold each opening line's container, and each closing line's."""
    # Events in line order: 2 * line, plus 1 for an opening line (the two runs merge in C).
    events = list(map(add, map(add, opens, opens), repeat(1)))
    events += map(add, closes, closes)
    events.sort()
    is_open = list(map(and_, events, repeat(1)))
    del events
    # The depth after each event, less one after an opening: the container's own depth.
    after = accumulate(map(sub, map(add, is_open, is_open), repeat(1)))
    depth = list(map(sub, after, is_open))
    return list(compress(depth, is_open)), list(compress(depth, map(xor, is_open, repeat(1))))


def _permuted(code: str, values: list[int], position: list[int]) -> array:
    """`values`, given in depth order, as an array in document order."""
    return array(code, map(values.__getitem__, position))


def _parents_and_ordinals(
    opens: array, closes: array, sorted_depths: list[int], by_depth: list[int]
) -> tuple[list[int], list[int]] | None:
    """Each container's parent and position in it, in `by_depth` order; None if a depth is
    missing."""
    parents: list[int] = []
    ordinals: list[int] = []
    above_ids: list[int] = []
    above_lines: list[int] = []
    begin, total = 0, len(by_depth)
    while begin < total:
        depth = sorted_depths[begin]
        end = bisect_right(sorted_depths, depth, lo=begin)
        if depth != (sorted_depths[begin - 1] + 1 if begin else 0):
            return None
        ids = by_depth[begin:end]
        lines = list(map(opens.__getitem__, ids))
        if depth == 0:
            parents += repeat(-1, end - begin)
            ordinals += repeat(0, end - begin)
        else:
            own, first = _merge(above_lines, lines)
            parents += map(above_ids.__getitem__, own)
            ordinals += _ordinals(lines, own, first, above_lines, map(closes.__getitem__, ids))
        above_ids, above_lines, begin = ids, lines, end
    return parents, ordinals


def _merge(above: list[int], lines: list[int]) -> tuple[list[int], list[int]]:
    """For the containers opening on `lines` (ascending), the last of `above` before each (its
    parent); for each of `above`, the first of `lines` after it (its first child)."""
    events = list(map(add, map(add, above, above), repeat(1)))
    events += map(add, lines, lines)
    events.sort()  # two ascending runs: a merge
    is_above = list(map(and_, events, repeat(1)))
    seen = list(accumulate(is_above))  # how many of `above` up to each event, itself included
    own = list(map(sub, compress(seen, map(xor, is_above, repeat(1))), repeat(1)))
    first = list(compress(map(sub, range(1, len(events) + 1), seen), is_above))
    return own, first


def _ordinals(
    lines: list[int], own: list[int], first: list[int], above_lines: list[int], closes: map
) -> map:
    """The positions in their parents of the containers opening on `lines` (one depth, in line
    order): the lines between the parent's opening line and its own, less the lines its earlier
    sibling containers span beyond their first."""
    before = list(accumulate(map(sub, closes, lines), initial=0))
    hidden = map(sub, before, map(before.__getitem__, map(first.__getitem__, own)))
    gaps = map(sub, map(sub, lines, map(above_lines.__getitem__, own)), repeat(1))
    return map(sub, gaps, hidden)
