"""A fast reader for exactly the TOML that HistoryStore writes; anything else is left to tomllib.

tomllib reads a 10,000-entry history in ~0.75 s on our machine, most of it spent walking strings
character by character in Python. HistoryStore writes a small, regular subset of TOML (one
`key = value` per line, basic strings, integers, decimals, UTC date-times, one inline table of
strings), which compiled regular expressions read in a fraction of that. `parse_subset` accepts
only that subset and returns None for anything else (comments, other spacing, literal strings,
arrays, a second definition of a key, ...), so the caller falls back to tomllib, which is always
the judge of what parses and where it breaks. Whatever this reads, tomllib reads the same (a
differential test checks it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

__all__ = ["parse_subset"]

_CHAR = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'
_ESCAPE = r'\\(?:[btnfr"\\]|u(?![dD][89abAB])[0-9A-Fa-f]{4})'
_STRING = f"{_CHAR}*(?:{_ESCAPE}{_CHAR}*)*"
_INT = r"-?(?:0|[1-9][0-9]*)"
_LINE = re.compile(
    rf'([A-Za-z0-9_-]+) = (?:"({_STRING})"|({_INT})|({_INT}\.[0-9]+)'
    r"|(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{6})?\+00:00)|(true|false)|\{ (.*) \}|(\{\}))"
)
_PAIR = re.compile(rf'(?:([A-Za-z0-9_-]+)|"({_STRING})") = "({_STRING})"(, |$)')
_DECODER = json.JSONDecoder(strict=False)


def _string(body: str) -> str:
    """A basic string's contents, unescaped (its escapes are JSON's, bar surrogates)."""
    return _DECODER.decode(f'"{body}"') if "\\" in body else body


def _inline(body: str) -> dict[str, str] | None:
    """`a = "x", "b c" = "y"` as a dict, or None (duplicate key, trailing comma, other)."""
    table: dict[str, str] = {}
    position = 0
    while position < len(body):
        match = _PAIR.match(body, position)
        if match is None:
            return None
        bare, quoted, value, separator = match.groups()
        key = bare if bare is not None else _string(quoted)
        if key in table:
            return None
        table[key] = _string(value)
        position = match.end()
        if not separator and position != len(body):
            return None
    return None if body.endswith(", ") else table


_CONVERT: tuple[Callable[[str], Any], ...] = (
    str,  # unused: group 0
    str,  # unused: group 1 is the key
    _string,
    int,
    float,
    datetime.fromisoformat,
    lambda word: word == "true",
    _inline,
    lambda _empty: {},
)
"""How to turn each value group of `_LINE` into its value, by group number."""


def parse_subset(text: str) -> dict[str, Any] | None:
    """The document `text` holds, if it is in the subset HistoryStore writes; else None.

    Args:
        text: the file's text.

    Returns:
        `{"entry": [...]}` (or `{}` for a file with no entries), or None when tomllib must read it.
    """
    entries: list[dict[str, Any]] = []
    table: dict[str, Any] | None = None
    for line in text.split("\n"):
        if not line:
            continue
        if line[0] == "[":
            table = _open_table(line, entries)
            if table is None:
                return None
            continue
        pair = _value(line, table)
        if pair is None or table is None:
            return None
        table[pair[0]] = pair[1]
    return {"entry": entries} if entries else {}


def _open_table(line: str, entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The table a `[[entry]]` or `[entry.response]` header opens, or None for any other."""
    if line == "[[entry]]":
        entries.append({})
        return entries[-1]
    if line == "[entry.response]" and entries and "response" not in entries[-1]:
        entries[-1]["response"] = {}
        return entries[-1]["response"]
    return None


def _value(line: str, table: dict[str, Any] | None) -> tuple[str, Any] | None:
    """(key, value) for a `key = value` line new to `table`, or None."""
    match = _LINE.fullmatch(line)
    if match is None or table is None or match.group(1) in table:
        return None
    group = match.lastindex or 0
    try:
        value = _CONVERT[group](match.group(group))
    except ValueError:  # an impossible date, or an integer too long to convert
        return None
    return None if value is None else (match.group(1), value)
