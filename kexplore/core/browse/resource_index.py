"""resource_index: a document's resources by type and id, to resolve linkage-only relationships."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kexplore.core.browse.link_objects import link

__all__ = ["ResourceIndex", "index_items", "resource_index"]

_Key = tuple[str, str, str]
ResourceIndex = Mapping[_Key, tuple[str, str]]
"""(type, `id` or `lid`, value) of a resource -> (its `links.self` href, that href's pointer)."""


def resource_index(document: Any) -> ResourceIndex:
    """The resources of a document that have a `links.self`, by type and `id` (or `lid`).

    Args:
        document: A parsed JSON value; only `data` and `included` are looked at.

    Returns:
        The index: where the spec's full linkage (`included`) or the primary data says a
        `{type, id}` leads.
    """
    if not isinstance(document, dict):
        return {}
    index: dict[_Key, tuple[str, str]] = {}
    data = document.get("data")
    if isinstance(data, dict):
        _add(index, data, "/data")
    elif isinstance(data, list):
        index.update(index_items("data", data, 0))
    included = document.get("included")
    if isinstance(included, list):
        index.update(index_items("included", included, 0))
    return index


def index_items(member: str, items: list[Any], first: int) -> dict[_Key, tuple[str, str]]:
    """The index of some items of the top-level array `member`, from array index `first` on.

    Args:
        member: `data` or `included`.
        items: Consecutive items of it.
        first: The array index of `items[0]`.

    Returns:
        Their entries, as `resource_index` gives them.
    """
    index: dict[_Key, tuple[str, str]] = {}
    for position, item in enumerate(items, first):
        _add(index, item, f"/{member}/{position}")
    return index


def _add(index: dict[_Key, tuple[str, str]], resource: Any, at: str) -> None:
    if not isinstance(resource, dict) or not isinstance(resource.get("links"), dict):
        return
    own = next(link(resource["links"].get("self"), f"{at}/links/self", "self"), None)
    kind = resource.get("type")
    if own is None or not isinstance(kind, str):
        return
    for key in ("id", "lid"):
        ident = resource.get(key)
        if isinstance(ident, str):
            index.setdefault((kind, key, ident), (own.href, own.pointer))
