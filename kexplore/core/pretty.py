"""PrettyJson: a response body as pretty-printed lines kept compactly, with its structure index.

Construction (`from_json`, `from_text`) is the part that must finish before the first paint:
orjson parses and pretty-prints the body (`OPT_INDENT_2`), and the lines are kept as ONE bytes
blob plus an `array` of line start offsets, never as a list of strings. `build_index()` is the
slower part, meant for a worker after the first paint: fold ranges, the JSON path and pointer of
any line, and the link (from `extract_links`) on any line; the parsed tree is dropped after it.

orjson's layout equals `json.dumps(obj, indent=2)` line for line (empty containers stay inline
as `[]`/`{}` in both); only the text of some values differs (non-ASCII is not escaped, floats
such as `1e100` are written `1e+100` in both). Integers beyond 64 bits, which orjson would turn
into floats, are detected and handled by the stdlib so that no number is shown changed.
"""

from __future__ import annotations

import gc
import itertools
import json
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

import orjson

from kexplore.core.link_store import pack_links
from kexplore.core.links import Link, extract_links
from kexplore.core.pretty_index import JsonIndex

__all__ = ["PrettyJson", "line_starts"]

_CHUNK = 1 << 20
_WRAP_TEXT = 4096
"""Text lines longer than this many bytes are cut into several lines (JSON lines never are)."""
_LONG_DIGITS = re.compile(rb"[0-9]{20}")


def line_starts(blob: bytes) -> tuple[array, int]:
    """The start offset of every line of `blob`, plus a sentinel, and the widest line's length.

    Works in 1 MB chunks so that no list of a million small bytes objects ever exists.

    Args:
        blob: UTF-8 text whose lines end with `\\n` (a final newline adds no empty line).

    Returns:
        `(starts, widest)`: `starts[i]` is where line i begins and `starts[-1]` is
        `len(blob) + 1`, so line i is `blob[starts[i] : starts[i + 1] - 1]`.
    """
    starts = array("I" if len(blob) < 2**32 - 2 else "Q")
    widest, pos, size = 0, 0, len(blob)
    while pos < size:
        end = blob.find(b"\n", min(pos + _CHUNK, size))
        end = size if end < 0 else end + 1
        lengths = list(map(len, blob[pos:end].split(b"\n")))
        if end == size and not blob.endswith(b"\n"):
            lengths.append(0)
        starts.extend(itertools.accumulate((n + 1 for n in lengths[:-2]), initial=pos))
        widest = max(widest, *lengths)
        pos = end
    starts.append(size + 1)
    return starts, widest


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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while millions of objects are made: each full pass over a large
    parsed tree holds the GIL for ~0.1 s, freezing the UI thread; the tree has no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _has_big_int(body: bytes) -> bool:
    """Whether `body` may hold an integer orjson would turn into a float (over 64 bits)."""
    for match in _LONG_DIGITS.finditer(body):
        before = body[max(0, match.start() - 8) : match.start()].rstrip(b" \t\r\n-")
        if before[-1:] in (b":", b"[", b",", b""):
            return True
    return False


def _pretty_bytes(body: bytes, document: Any) -> tuple[bytes, Any]:
    """Pretty-print `body` (or the already-parsed `document`) as indented UTF-8 JSON."""
    if _has_big_int(body):
        document = json.loads(body)
        try:
            return orjson.dumps(document, option=orjson.OPT_INDENT_2), document
        except TypeError:
            return json.dumps(document, indent=2, ensure_ascii=False).encode(), document
    if document is None:
        document = orjson.loads(body)
    return orjson.dumps(document, option=orjson.OPT_INDENT_2), document


class PrettyJson:
    """A document (or plain text) as lines in one blob, with an optional structure index.

    Build one with `from_json` or `from_text`; call `build_index` in a worker afterwards.

    Args:
        blob: The UTF-8 text to show.
        mode: `"json"` when `blob` is orjson's pretty output, `"text"` otherwise.
        document: The parsed document (JSON mode), kept only until `build_index`.
        fallback: Why a body meant as JSON is shown as raw text, or None.
    """

    def __init__(
        self,
        blob: bytes,
        mode: Literal["json", "text"] = "text",
        document: Any = None,
        fallback: str | None = None,
    ) -> None:
        self.blob = blob
        """The text of every line, each ending with a newline (but the last)."""
        self.mode: Literal["json", "text"] = mode
        """Whether the lines are pretty JSON (with structure) or plain text."""
        self.fallback = fallback
        """Why a JSON body is shown as raw text (too deep, invalid), else None."""
        self._document = document
        self._starts, self.widest = line_starts(blob)
        if mode == "text" and self.widest > _WRAP_TEXT:
            self._starts = _wrap_long_lines(blob, self._starts, _WRAP_TEXT)
            self.widest = _WRAP_TEXT + 3
        self.index: JsonIndex | None = None
        """The structure index, once `build_index` has run (JSON mode only)."""

    @classmethod
    def from_json(cls, body: bytes, document: Any = None) -> PrettyJson:
        """Pretty-print a JSON body; a body orjson cannot take is shown as raw text, flagged.

        Args:
            body: The raw body bytes.
            document: The body already parsed by orjson, to save parsing it twice.

        Returns:
            The lines of the pretty-printed document, or of the raw text with `fallback` set.
        """
        try:
            with _gc_paused():
                blob, document = _pretty_bytes(body, document)
        except (orjson.JSONDecodeError, orjson.JSONEncodeError, RecursionError) as exc:
            reason = str(exc).split(":", 1)[0] or "not valid JSON"
            text = body.decode("utf-8", errors="replace")
            return cls(text.replace("\r\n", "\n").encode(), "text", fallback=reason)
        return cls(blob, "json", document)

    @classmethod
    def from_text(cls, text: str) -> PrettyJson:
        """Lines of plain text (CRLF taken as LF; very long lines cut into several).

        Args:
            text: The decoded text.

        Returns:
            A text-mode PrettyJson.
        """
        return cls(text.replace("\r\n", "\n").encode("utf-8", errors="replace"), "text")

    @property
    def line_count(self) -> int:
        """How many lines there are."""
        return len(self._starts) - 1

    def line_bytes(self, i: int) -> bytes:
        """The raw bytes of line `i`, without its newline."""
        return self.blob[self._starts[i] : self._end(i)]

    def _end(self, i: int) -> int:
        """Where line `i` ends: before its newline, or where a long text line was cut."""
        end = self._starts[i + 1]
        return end - 1 if end > len(self.blob) or self.blob[end - 1] == 10 else end

    def line(self, i: int, limit: int | None = None) -> str:
        """Line `i` as text, or its first `limit` bytes' worth (for very long lines).

        Args:
            i: The line number, from 0.
            limit: At most this many bytes are decoded (a cut character is dropped).

        Returns:
            The line without its newline.
        """
        start, end = self._starts[i], self._end(i)
        if limit is not None and end - start > limit:
            return self.blob[start : start + limit].decode("utf-8", errors="ignore")
        return self.blob[start:end].decode("utf-8", errors="replace")

    def line_length(self, i: int) -> int:
        """Length of line `i` in bytes."""
        return self._end(i) - self._starts[i]

    def line_of_offset(self, offset: int) -> int:
        """The line holding byte `offset` of the blob."""
        return bisect_right(self._starts, offset) - 1

    def build_index(self, base_url: str = "") -> None:
        """Index the structure and the links, then drop the parsed tree. Run it in a worker.

        Args:
            base_url: The base URL relative hrefs resolve against (see `extract_links`).
        """
        if self.mode != "json" or self.index is not None:
            self._document = None
            return
        with _gc_paused():
            packed = pack_links(extract_links(self._document, base_url) if self._document else [])
            # Free the tree before anything long-lived is made: a survivor among its millions
            # of small objects (an href string, say) would pin its whole arena in memory.
            self._document = None
            self.index = JsonIndex(self.blob, self._starts, orjson.loads(packed))

    @property
    def indexed(self) -> bool:
        """Whether folds, paths and links are known (always False in text mode)."""
        return self.index is not None

    def fold_range(self, i: int) -> tuple[int, int] | None:
        """`(open, close)` lines of the object or array opening on line `i`, or None."""
        return self.index.fold_range(i) if self.index else None

    def path_at(self, i: int) -> str | None:
        """The JSON path of the value on line `i`, e.g. `data[3].links.self` ('' for the root)."""
        return self.index.path_at(i) if self.index else None

    def pointer_at(self, i: int) -> str | None:
        """The JSON pointer of the value on line `i`, e.g. `/data/3/links/self`."""
        return self.index.pointer_at(i) if self.index else None

    def link_at(self, i: int) -> Link | None:
        """The link found on line `i`, or None."""
        return self.index.link_at(i) if self.index else None

    def value_at(self, i: int) -> str | None:
        """The JSON text of the value on line `i`; a whole subtree, pretty, on an opening line.

        Returns:
            The value's JSON text without its key or comma; None in text mode or before indexing.
        """
        return self.index.value_at(i) if self.index else None

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
            found = self._find(wanted, self._starts[start])
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
                hit = chunk.find(wanted, self._starts[line + 1] - begin)
        return found

    def _chunks(self, overlap: int) -> Iterator[tuple[int, bytes]]:
        """The blob lower-cased a megabyte at a time, each chunk with `overlap` bytes more."""
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
