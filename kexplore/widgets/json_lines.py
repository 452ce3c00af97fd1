"""LineRenderer: one body line as styled, inert segments (pygments highlighting, cached)."""

from __future__ import annotations

from collections.abc import Callable

from pygments.lexers.data import JsonLexer
from pygments.token import Error, Keyword, Name, Number, Punctuation, String, _TokenType
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from kexplore.core.body.inert import inert
from kexplore.core.body.pretty import PrettyJson
from kexplore.core.body.reader import Reader

__all__ = ["COMPONENTS", "GUTTER", "MAX_LINE_BYTES", "LineRenderer"]

GUTTER = 2
"""Cells left of each line: a fold mark and a link mark."""

MAX_LINE_BYTES = 20_000
"""A line longer than this is shown cut, with a note of how much is left out."""

_TOKENS: tuple[tuple[_TokenType, str], ...] = (
    (Name.Tag, "json-view--key"),
    (String, "json-view--string"),
    (Number, "json-view--number"),
    (Keyword.Constant, "json-view--literal"),
    (Punctuation, "json-view--punctuation"),
    (Error, "json-view--error"),
)
COMPONENTS = frozenset(
    {name for _, name in _TOKENS}
    | {"json-view--" + n for n in ("cursor", "match", "link", "fold", "gutter", "notice")}
)
"""Every component class the renderer and JsonView style by."""


def _component(token: _TokenType) -> str | None:
    for kind, name in _TOKENS:
        if token in kind:
            return name
    return None


class LineRenderer:
    """Renders document lines to Strips, highlighting only what is asked for, with an LRU cache.

    Response text is always literal: segments are built directly (never markup), tabs are
    expanded and control, bidi and zero-width characters become visible escapes (`inert`).

    Args:
        style: The Rich style of a component class (partial), or of the widget itself for "".
        size: How many rendered lines to keep.
    """

    def __init__(self, style: Callable[[str], Style], size: int = 4096) -> None:
        self._style = style
        self._cache: LRUCache[int, Strip] = LRUCache(size)
        self._lexer = JsonLexer()

    def clear(self) -> None:
        """Forget every rendered line (new document or new theme)."""
        self._cache.clear()

    def content(self, document: PrettyJson, line: int, link: bool) -> Strip:
        """Line `line` of `document` as a Strip of the full line (not cropped)."""
        strip = self._cache.get(line)
        if strip is None:
            strip = Strip(self._segments(document, line, link)).apply_style(self._style(""))
            self._cache[line] = strip
        return strip

    def _segments(self, document: PrettyJson, line: int, link: bool) -> list[Segment]:
        text = document.line(line, limit=MAX_LINE_BYTES).expandtabs(4)
        if document.mode == "json":
            spans = self._highlight(text, link)
        else:
            spans = [(inert(text), Style.null())]
        left_out = document.line_length(line) - MAX_LINE_BYTES
        if left_out > 0:
            note = f" … {left_out:,} more bytes (Y copies the value)"
            spans.append((note, self._style("json-view--fold")))
        return [Segment(text, style) for text, style in spans]

    def _highlight(self, text: str, link: bool) -> list[tuple[str, Style]]:
        spans: list[tuple[str, Style]] = []
        plain = Style.null()
        for _, token, value in self._lexer.get_tokens_unprocessed(text):
            name = _component(token)
            style = self._style(name) if name else plain
            if link and name == "json-view--string":
                style += self._style("json-view--link")
            spans.append((inert(value), style))
        return spans

    def fold_note(self, document: PrettyJson, line: int, close: int) -> Strip:
        """What a folded opening line shows after itself: `…}, 12 lines`."""
        closer = document.line(close).strip()
        segments = [
            Segment("…", self._style("json-view--fold")),
            Segment(inert(closer), self._style("json-view--punctuation")),
            Segment(f"  {close - line + 1} lines", self._style("json-view--fold")),
        ]
        return Strip(segments).apply_style(self._style(""))

    def row(self, reader: Reader, line: int, scroll_x: int, width: int) -> Strip:
        """The whole screen row showing `line`: gutter, cropped text, fold note, highlight."""
        document, base = reader.document, self._style("")
        link = document.link_at(line) is not None
        folded = reader.folds.is_folded(line)
        content = self.content(document, line, link)
        if folded and (span := document.fold_range(line)):
            content = Strip.join([content, self.fold_note(document, *span)])
        content = content.crop_extend(scroll_x, scroll_x + width - GUTTER, base)
        mark = ("▸" if folded else " ") + ("→" if link else " ")
        gutter = Strip([Segment(mark, base + self._style("json-view--gutter"))], GUTTER)
        strip = Strip.join([gutter, content])
        name = "json-view--cursor" if line == reader.cursor else None
        if name is None and reader.matches and reader.is_match(line):
            name = "json-view--match"
        if name is not None:
            overlay = Style(bgcolor=self._style(name).bgcolor)
            strip = Strip(Segment.apply_style(strip, post_style=overlay), strip.cell_length)
        return strip

    def notice(self, text: str, width: int) -> Strip:
        """A row of a notice (loading, error, binary, no content), made inert."""
        base = self._style("")
        style = base + self._style("json-view--notice")
        return Strip([Segment(" " + inert(text), style)]).crop_extend(0, width, base)
