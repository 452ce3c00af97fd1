"""Structural JSON diff: readable `~ a.b: 1 -> 2` lines, volatile fields ignored by name or path."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

__all__ = ["DEFAULT_IGNORE", "Comparison", "Ignore", "compare_bodies", "json_diff"]

DEFAULT_IGNORE: frozenset[str] = frozenset(
    {"updatedAt", "modifiedAt", "lastSeenAt", "lastActivityAt", "rev", "etag"}
)
"""Keys whose values change on every read or write, ignored wherever they appear."""

_BARE = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$-]*$")
_VALUE_WIDTH = 60
_MISSING: Any = object()


class Ignore:
    """What a body comparison leaves out: key names anywhere, or paths as `y` copies them.

    A name without `.` or `[` (`updatedAt`) is skipped wherever it appears, in any case. A
    path (`data[].attributes.updatedAt`, `.data[0].id`) is skipped where it matches: `[]`
    stands for every item of an array, and a leading `.` (jq's spelling) is optional.

    Args:
        patterns: Names and paths, as the user typed them (blank ones are ignored).
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        self.names: dict[str, str] = {}
        """Lower-cased name -> the pattern as given."""
        self.paths: list[tuple[re.Pattern[str], str]] = []
        """Compiled path -> the pattern as given."""
        for pattern in patterns:
            text = pattern.strip()
            if _BARE.match(text):
                self.names[text.lower()] = pattern
            elif text:
                self.paths.append((_path_pattern(text.removeprefix(".")), pattern))
        self.matched: set[str] = set()
        """The patterns that matched something so far."""

    def skips(self, key: str, path: str) -> bool:
        """Whether the member `key` at `path` is left out (and remember what matched).

        Args:
            key: The member's key in its object.
            path: Its whole path as diff lines spell it (`data.attributes.updatedAt`,
                `data[0].id`).

        Returns:
            True when a name matches `key` (in any case) or a path matches `path` whole; the
            pattern that matched is added to `matched`.
        """
        name = self.names.get(key.lower())
        if name is not None:
            self.matched.add(name)
            return True
        for compiled, given in self.paths:
            if compiled.fullmatch(path):
                self.matched.add(given)
                return True
        return False


def _path_pattern(path: str) -> re.Pattern[str]:
    return re.compile(re.escape(path).replace(r"\[\]", r"\[\d+\]"))


@dataclass(frozen=True)
class Comparison:
    """What comparing a kept body with a new one found."""

    lines: tuple[str, ...]
    """The differences, one line each; empty when the bodies are the same."""
    unmatched: tuple[str, ...] = ()
    """Ignore patterns (of those asked to be reported) that matched nothing in either body."""


def compare_bodies(
    old: bytes, new: bytes, ignore: Iterable[str] = DEFAULT_IGNORE, *, report: Iterable[str] = ()
) -> Comparison:
    """Compare a kept body with a new one: structurally for JSON, else by size.

    Args:
        old: the kept body.
        new: the body just received.
        ignore: names and paths to leave out (see `Ignore`).
        report: the patterns whose matching nothing should be reported (the user's own).

    Returns:
        The differences and the reported patterns that matched nothing.
    """
    parsed = [_parse(old), _parse(new)]
    if parsed[0] is _NOT_JSON or parsed[1] is _NOT_JSON:
        return Comparison(tuple(_bytes_difference(old, new, parsed)), tuple(report))
    skip = Ignore(ignore)
    lines = _walk(parsed[0], parsed[1], skip, 200)
    return Comparison(tuple(lines), tuple(p for p in report if p not in skip.matched))


def _bytes_difference(old: bytes, new: bytes, parsed: list[Any]) -> list[str]:
    if old == new:
        return []
    kinds = ["JSON" if value is not _NOT_JSON else "not JSON" for value in parsed]
    return [f"~ (body): {kinds[0]}, {len(old)} bytes -> {kinds[1]}, {len(new)} bytes"]


_NOT_JSON: Any = object()


def _parse(body: bytes) -> Any:
    try:
        return orjson.loads(body) if body.strip() else _NOT_JSON
    except orjson.JSONDecodeError:
        return _NOT_JSON


def json_diff(
    old: Any, new: Any, *, ignore: Iterable[str] = DEFAULT_IGNORE, limit: int = 200
) -> list[str]:
    """The differences from `old` to `new`, one line each, in document order.

    Lines look like `~ data.attributes.name: "Jane" -> "Janet"` (changed),
    `+ data.attributes.tags[2]: "vip"` (added) and `- meta.total` (removed).

    Args:
        old: The kept document (any parsed JSON value).
        new: The document received now.
        ignore: names and paths to leave out (see `Ignore`).
        limit: at most this many lines, then one saying how many more there were.

    Returns:
        The lines; empty when the documents are the same.
    """
    return _walk(old, new, Ignore(ignore), limit)


def _walk(old: Any, new: Any, skip: Ignore, limit: int) -> list[str]:
    lines: list[str] = []
    stack: list[tuple[str, Any, Any]] = [("", old, new)]
    while stack:
        path, before, after = stack.pop()
        if after is _MISSING:
            lines.append(f"- {path}")
        elif before is _MISSING:
            lines.append(f"+ {path}: {_show(after)}")
        elif isinstance(before, dict) and isinstance(after, dict):
            stack.extend(reversed(_object_children(path, before, after, skip)))
        elif isinstance(before, list) and isinstance(after, list):
            stack.extend(reversed(_array_children(path, before, after)))
        elif before != after or type(before) is not type(after):
            lines.append(f"~ {path or '(root)'}: {_show(before)} -> {_show(after)}")
    if len(lines) > limit:
        lines[limit:] = [f"… and {len(lines) - limit} more differences"]
    return lines


def _object_children(
    path: str, before: dict[str, Any], after: dict[str, Any], skip: Ignore
) -> list[tuple[str, Any, Any]]:
    """(path, old, new) below an object, keys of `before` first, ignored keys left out."""
    keys = [*before, *(key for key in after if key not in before)]
    children = [(key, _join(path, key)) for key in keys]
    return [
        (child, before.get(key, _MISSING), after.get(key, _MISSING))
        for key, child in children
        if not skip.skips(key, child)
    ]


def _array_children(path: str, before: list[Any], after: list[Any]) -> list[tuple[str, Any, Any]]:
    """(path, old, new) for each index of either array."""
    return [
        (
            f"{path}[{index}]",
            before[index] if index < len(before) else _MISSING,
            after[index] if index < len(after) else _MISSING,
        )
        for index in range(max(len(before), len(after)))
    ]


def _join(path: str, key: str) -> str:
    if _BARE.match(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{orjson.dumps(key).decode()}]"


def _show(value: Any) -> str:
    """`value` as compact JSON, cut to a readable width."""
    try:
        text = orjson.dumps(value).decode()
    except TypeError:
        text = repr(value)
    return text if len(text) <= _VALUE_WIDTH else text[: _VALUE_WIDTH - 1] + "…"
