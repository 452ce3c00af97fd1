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
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

import orjson

from kexplore.core.body.brackets import Containers, match_containers
from kexplore.core.body.heap import trim_heap
from kexplore.core.body.indexing import containers_in_child, index_sliced
from kexplore.core.body.lines import Lines, line_starts
from kexplore.core.body.link_store import LinkStore, PointerResolver, pack_links
from kexplore.core.body.pretty_index import JsonIndex
from kexplore.core.body.pretty_slices import SlicedPretty, pretty_in_slices
from kexplore.core.browse.links import Link, extract_links

__all__ = ["PrettyJson", "gc_paused", "line_starts"]

_FORKED_FROM = 1 << 20
"""Bodies whose pretty text is this big have their containers matched in a child process."""
_SLICED_FROM = 1 << 20
"""Bodies this big are pretty-printed in slices (`pretty_slices`) when their shape allows: the
whole tree of a 20 MB body would take ~140 MB, more than everything the view keeps."""

# Digits to "0", anything else to "x": a run of 20 "0"s is a 20-digit run, found by bytes.find.
_DIGITS = bytes(48 if 48 <= byte <= 57 else 120 for byte in range(256))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while millions of objects are made: each full pass over a large
    parsed tree holds the GIL for ~0.1 s, freezing the UI thread; the tree has no cycles.

    Hold it from parsing until the tree is freed (`from_json` to `build_index`): objects made
    while it is paused stay in the youngest generation, so the first collection after it
    would walk the whole tree at once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _has_big_int(body: bytes) -> bool:
    """Whether `body` may hold an integer orjson would turn into a float (over 64 bits)."""
    digits = body.translate(_DIGITS) if len(body) >= 20 else b""
    run = digits.find(b"0" * 20)
    while run >= 0:
        before = body[max(0, run - 8) : run].rstrip(b" \t\r\n-")
        if before[-1:] in (b":", b"[", b",", b""):
            return True  # a number (a false alarm, in a string, only costs time)
        end = digits.find(b"x", run)
        run = digits.find(b"0" * 20, end) if end >= 0 else -1
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


def _here(blob: bytes) -> Callable[[], Containers]:
    """Match a small blob's containers in this process, when asked."""
    return lambda: match_containers(blob, line_starts(blob)[0]) or Containers.none()


class PrettyJson(Lines):
    """A document (or plain text) as lines in one blob, with an optional structure index.

    Build one with `from_json` or `from_text`; call `build_index` in a worker afterwards.

    Args:
        blob: The UTF-8 text to show.
        mode: `"json"` when `blob` is orjson's pretty output, `"text"` otherwise.
        document: The parsed document (JSON mode), kept only until `build_index`.
        fallback: Why a body meant as JSON is shown as raw text, or None.
        sliced: How the blob was made in slices, kept until `build_index` finds the links.
    """

    def __init__(
        self,
        blob: bytes,
        mode: Literal["json", "text"] = "text",
        document: Any = None,
        fallback: str | None = None,
        sliced: SlicedPretty | None = None,
    ) -> None:
        super().__init__(blob, wrap=mode == "text")
        self.mode: Literal["json", "text"] = mode
        """Whether the lines are pretty JSON (with structure) or plain text."""
        self.fallback = fallback
        """Why a JSON body is shown as raw text (too deep, invalid), else None."""
        self._document = document
        self._sliced = sliced
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
        if document is None and len(body) >= _SLICED_FROM and not _has_big_int(body):
            try:
                sliced = pretty_in_slices(body)
            except Exception:  # slicing only saves memory: on any surprise, parse it whole
                sliced = None
            if sliced is not None:
                return cls(sliced.blob, "json", sliced=sliced)
        try:
            with gc_paused():
                blob, document = _pretty_bytes(body, document)
        except (ValueError, TypeError, RecursionError) as exc:
            # orjson's errors are ValueErrors, and so are the stdlib's on the big-integer path.
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

    def build_index(self, base_url: str = "", *, kustomer: bool = True) -> None:
        """Index the structure and the links, then drop the parsed tree. Run it in a worker.

        On a big body a forked child shares the work (see `indexing`): there are two cores.

        Args:
            base_url: The base URL relative hrefs resolve against (see `extract_links`).
            kustomer: Whether Kustomer paths may be inferred from linkage alone.
        """
        if self.mode != "json" or self.index is not None:
            self._document = self._sliced = None
            return
        if self._sliced is not None:
            sliced, self._sliced = self._sliced, None
            with gc_paused():
                starts, containers, links = index_sliced(sliced, self.complete, base_url, kustomer)
        else:
            found = containers_in_child if len(self.blob) >= _FORKED_FROM else _here
            containers_of = found(self.blob)
            try:
                with gc_paused():
                    starts = self.complete()
                    rows = self._link_rows(base_url, kustomer)
                    links = LinkStore.build(rows, PointerResolver(self.blob, starts).locate)
            finally:
                containers = containers_of()
        self.index = JsonIndex(self.blob, starts, containers, links)
        trim_heap()

    def _link_rows(self, base_url: str, kustomer: bool) -> list[list[list[Any]]]:
        """The document's links as one group of `link_rows` rows; the tree is dropped."""
        document = self._document
        found = extract_links(document, base_url, kustomer=kustomer) if document else []
        packed = pack_links(found)
        # Free the tree before anything long-lived is made: a survivor among its millions
        # of small objects (an href string, say) would pin its whole arena in memory.
        self._document = None
        return [orjson.loads(packed)]

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
