"""Structural JSON diff: readable `~ a.b: 1 -> 2` lines, volatile fields ignored by key name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import orjson

__all__ = ["DEFAULT_IGNORE", "json_diff"]

DEFAULT_IGNORE: frozenset[str] = frozenset(
    {"updatedAt", "modifiedAt", "lastSeenAt", "lastActivityAt", "rev", "etag"}
)
"""Keys whose values change on every read or write, ignored wherever they appear."""

_BARE = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$-]*$")
_VALUE_WIDTH = 60
_MISSING: Any = object()


def json_diff(
    old: Any, new: Any, *, ignore: Iterable[str] = DEFAULT_IGNORE, limit: int = 200
) -> list[str]:
    """The differences from `old` to `new`, one line each, in document order.

    Lines look like `~ data.attributes.name: "Jane" -> "Janet"` (changed),
    `+ data.attributes.tags[2]: "vip"` (added) and `- meta.total` (removed).

    Args:
        old: a parsed JSON document.
        new: another.
        ignore: key names (any case) to skip wherever they appear.
        limit: at most this many lines, then one saying how many more there were.

    Returns:
        The lines; empty when the documents are the same.
    """
    skip = {name.lower() for name in ignore}
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
    path: str, before: dict[str, Any], after: dict[str, Any], skip: set[str]
) -> list[tuple[str, Any, Any]]:
    """(path, old, new) below an object, keys of `before` first, ignored keys left out."""
    keys = [*before, *(key for key in after if key not in before)]
    return [
        (_join(path, key), before.get(key, _MISSING), after.get(key, _MISSING))
        for key in keys
        if key.lower() not in skip
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
