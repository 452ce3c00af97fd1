"""The record a body shows (or holds under the cursor), as something that can be edited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["EditTarget", "record_at", "target_of"]


@dataclass(frozen=True)
class EditTarget:
    """One record to edit or delete: where it lives, what it holds, at which revision."""

    url: str
    """Its `links.self` as the document gives it (usually `/v1/...`)."""
    type: str
    """Its JSON:API type (`customer`, `kobject.order`, ...)."""
    id: str
    """Its id."""
    attributes: Mapping[str, Any]
    """Its attributes as read (never changed in place)."""

    @property
    def rev(self) -> int | None:
        """The revision it was read at, when it has one."""
        rev = self.attributes.get("rev")
        return rev if isinstance(rev, int) and not isinstance(rev, bool) else None


def record_at(document: Any, path: Sequence[str | int]) -> Mapping[str, Any] | None:
    """The resource a body is about: its `data` object, or the `data[i]` the path is inside.

    Args:
        document: The parsed body.
        path: The keys and indexes leading to the cursor line (`["data", 3, "attributes"]`).

    Returns:
        The resource object, or None when the body holds no single record there.
    """
    data = document.get("data") if isinstance(document, dict) else None
    if isinstance(data, dict):
        return data
    if isinstance(data, list) and len(path) >= 2 and path[0] == "data":
        index = path[1]
        if isinstance(index, int) and 0 <= index < len(data) and isinstance(data[index], dict):
            return data[index]
    return None


def target_of(resource: Mapping[str, Any]) -> EditTarget | None:
    """The record `resource` describes, or None without a `links.self` or attributes."""
    links = resource.get("links")
    url = links.get("self") if isinstance(links, dict) else None
    attributes = resource.get("attributes")
    if not isinstance(url, str) or not url or not isinstance(attributes, dict):
        return None
    return EditTarget(url, str(resource.get("type", "")), str(resource.get("id", "")), attributes)
