"""Lines: text kept as one bytes blob plus an array of line starts, with chunked search."""

from __future__ import annotations

import itertools
import re
import threading
from array import array
from bisect import bisect_right
from collections.abc import Iterator

__all__ = ["Lines", "line_starts"]

_CHUNK = 128 * 1024
"""Bytes per step of a scan. Each step copies its chunk; kept under the size that gets its own
memory mapping (`heap.map_big_buffers`), the copies reuse the same heap pages instead of
faulting fresh ones in: search over 20 MB took 61 ms with 1 MB steps, 40 ms with these."""
_WRAP = 4096
"""Text lines longer than this many bytes are cut into several lines (JSON lines never are)."""


def line_starts(blob: bytes, pos: int = 0, until: int | None = None) -> tuple[array, int, int]:
    """Where each line of `blob` starts, from offset `pos`, a chunk at a time.

    No list of a million small bytes objects ever exists, and no C call runs for long.

    Args:
        blob: UTF-8 text whose lines end with `\\n` (a final newline adds no empty line).
        pos: Where to begin (a line start).
        until: Stop after the chunk that passes this offset (None: go to the end).

    Returns:
        `(starts, widest, reached)`: the line starts, the widest line's length, and the
        offset reached. At the end `starts` closes with the sentinel `len(blob) + 1`, so
        line i is `blob[starts[i] : starts[i + 1] - 1]`.
    """
    starts = array("I" if len(blob) < 2**32 - 2 else "Q")
    widest, size = 0, len(blob)
    while pos < size and (until is None or pos <= until):
        end = blob.find(b"\n", min(pos + _CHUNK, size))
        end = size if end < 0 else end + 1
        lengths = list(map(len, blob[pos:end].split(b"\n")))
        if end == size and not blob.endswith(b"\n"):
            lengths.append(0)
        starts.extend(itertools.accumulate((n + 1 for n in lengths[:-2]), initial=pos))
        widest = max(widest, *lengths)
        pos = end
    if pos >= size:
        starts.append(size + 1)
    return starts, widest, pos


def _wrap_long_lines(blob: bytes, starts: array, limit: int) -> array:
    """`starts` with every line longer than `limit` bytes cut at UTF-8 character boundaries."""
    wrapped = array(starts.typecode)
    for begin, end in itertools.pairwise(starts):
        wrapped.append(begin)
        cut = begin + limit
        while cut < end - 1:
            while cut < end - 1 and blob[cut] & 0xC0 == 0x80:
                cut += 1  # never split a multi-byte character
            wrapped.append(cut)
            cut += limit
    wrapped.append(starts[-1])
    return wrapped


class Lines:
    """Text as lines: one blob and the start offset of each line, never a list of strings.

    Only the first chunk's line starts are found at once (enough for the first screen);
    the rest when a later line is first asked for, or by `complete()` in a worker.

    Args:
        blob: The UTF-8 text.
        wrap: Cut lines longer than 4 KB into several (for plain text, not JSON).
    """

    def __init__(self, blob: bytes, wrap: bool = False) -> None:
        self.blob = blob
        """The text of every line, each ending with a newline (but the last)."""
        self._lock = threading.Lock()
        self._count = blob.count(b"\n") + (not blob.endswith(b"\n")) if blob else 0
        self._starts, self.widest, self._reached = line_starts(blob, until=None if wrap else 0)
        if wrap and self.widest > _WRAP:
            self._starts = _wrap_long_lines(blob, self._starts, _WRAP)
            self._count, self.widest = len(self._starts) - 1, _WRAP + 3

    def complete(self) -> array:
        """Find every line start (once; thread-safe) and return them with the sentinel."""
        with self._lock:
            if self._reached < len(self.blob) or len(self._starts) <= self._count:
                rest, widest, self._reached = line_starts(self.blob, self._reached)
                starts = array(self._starts.typecode, self._starts)
                starts.extend(rest)
                self._starts, self.widest = starts, max(self.widest, widest)
        return self._starts

    def _start(self, i: int) -> int:
        starts = self._starts
        return starts[i] if i < len(starts) else self.complete()[i]

    @property
    def line_count(self) -> int:
        """How many lines there are."""
        return self._count

    def _end(self, i: int) -> int:
        """Where line `i` ends: before its newline, or where a long text line was cut."""
        end = self._start(i + 1)
        return end - 1 if end > len(self.blob) or self.blob[end - 1] == 10 else end

    def line(self, i: int, limit: int | None = None) -> str:
        """Line `i` as text, or its first `limit` bytes' worth (for very long lines).

        Args:
            i: The line number, from 0.
            limit: At most this many bytes are decoded (a cut character is dropped).

        Returns:
            The line without its newline.
        """
        start, end = self._start(i), self._end(i)
        if limit is not None and end - start > limit:
            return self.blob[start : start + limit].decode("utf-8", errors="ignore")
        return self.blob[start:end].decode("utf-8", errors="replace")

    def line_length(self, i: int) -> int:
        """Length of line `i` in bytes."""
        return self._end(i) - self._start(i)

    def line_of_offset(self, offset: int) -> int:
        """The line holding byte `offset` of the blob."""
        return bisect_right(self.complete(), offset) - 1

    def search(self, needle: str, start: int, backwards: bool = False) -> int | None:
        """The first line at or after `start` (at or before, backwards) that holds `needle`.

        Case-insensitive for ASCII letters; scans in chunks so no lower-case copy is kept.

        Args:
            needle: The text to find.
            start: The line to start from (included).
            backwards: Search towards the top instead.

        Returns:
            The line number, or None when there is no match in that direction.
        """
        wanted = needle.encode("utf-8").lower()
        if not wanted or not 0 <= start < self.line_count:
            return None
        if backwards:
            found = self._rfind(wanted, self._end(start))
        else:
            found = self._find(wanted, self._start(start))
        return None if found is None else self.line_of_offset(found)

    def find_all(self, needle: str) -> array:
        """Every line holding `needle` (case-insensitive, ASCII), in order, each once."""
        wanted = needle.encode("utf-8").lower()
        found = array("I")
        for begin, chunk in self._chunks(len(wanted) - 1) if wanted else ():
            hit = chunk.find(wanted)
            while hit >= 0:
                line = self.line_of_offset(begin + hit)
                if not found or found[-1] != line:
                    found.append(line)
                hit = chunk.find(wanted, self._start(line + 1) - begin)
        return found

    def find_pattern(self, pattern: re.Pattern[bytes]) -> array:
        """Every line holding a match of `pattern` (searched line by line), in order, once."""
        found = array("I")
        for match in pattern.finditer(self.blob):
            if match.end() == match.start() and not match.group():
                continue  # an empty match (`a*`) says nothing about a line
            line = self.line_of_offset(match.start())
            if not found or found[-1] != line:
                found.append(line)
        return found

    def _chunks(self, overlap: int) -> Iterator[tuple[int, bytes]]:
        """The blob lower-cased a chunk at a time, each chunk with `overlap` bytes more."""
        for begin in range(0, len(self.blob), _CHUNK):
            yield begin, self.blob[begin : begin + _CHUNK + overlap].lower()

    def _find(self, wanted: bytes, pos: int) -> int | None:
        overlap, size = len(wanted) - 1, len(self.blob)
        while pos < size:
            chunk = self.blob[pos : pos + _CHUNK + overlap].lower()
            hit = chunk.find(wanted)
            if hit >= 0:
                return pos + hit
            pos += _CHUNK
        return None

    def _rfind(self, wanted: bytes, end: int) -> int | None:
        overlap = len(wanted) - 1
        while end > 0:
            begin = max(0, end - _CHUNK)
            hit = self.blob[begin : end + overlap].lower().rfind(wanted)
            if hit >= 0:
                return begin + hit
            end = begin
        return None
