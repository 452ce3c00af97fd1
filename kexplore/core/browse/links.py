"""Link and extract_links: the navigable references in a JSON:API document (Kustomer's or any)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from kexplore.core.browse.href_origin import HrefOrigin
from kexplore.core.browse.kustomer_paths import infer_path
from kexplore.core.browse.link_objects import Found, Rel, escape, link_members
from kexplore.core.browse.resource_index import ResourceIndex, index_items, resource_index

__all__ = [
    "Link",
    "extract_item_links",
    "extract_links",
]


@dataclass(frozen=True, slots=True)
class Link:
    """One navigable reference found in a response body."""

    rel: str
    """What the link is: `next`, `self`, `item 3`, or a relationship name such as `customer`."""
    href: str
    """The reference exactly as written in the document (Kustomer's are relative `/v1/...`)."""
    url: str
    """The absolute URL, resolved against the base URL."""
    pointer: str
    """The JSON pointer of the value, e.g. `/data/relationships/customer/links/self`."""
    same_origin: bool
    """Whether the URL has the base URL's scheme, host and port (the API key goes only there)."""
    inferred: bool = False
    """Whether the path was built from a relationship's `{type, id}` rather than found (only
    for Kustomer targets, where those paths are known to be right)."""
    via: str = ""
    """For a relationship with only linkage (`data: {type, id}`): the JSON pointer of the
    `links.self` of the resource it names, found in `included` or `data`; else ''."""

    @property
    def path(self) -> str:
        """Path and query for a same-origin link, else the full URL: what to display."""
        if not self.same_origin:
            return self.url
        parts = urlsplit(self.url)
        path = parts.path or "/"
        return f"{path}?{parts.query}" if parts.query else path


class _Context(NamedTuple):
    """What the walk needs besides the document: how linkage-only relationships are resolved."""

    kustomer: bool
    index: ResourceIndex


def extract_links(document: Any, base: str, *, kustomer: bool = True) -> list[Link]:
    """Every navigable reference in a JSON:API document, in document order.

    Walks only the envelope: top-level `links`, `data` (one resource or a list), `included`,
    `errors[].links`, and each resource's `links` and `relationships`; a link object's `href`
    and its `describedby`. A relationship with only linkage (`data: {type, id}`) leads to the
    `links.self` of that resource when the document holds it (in `included` or `data`); failing
    that, and only when `kustomer` is set, to a path built from its type. Never raises.

    Args:
        document: A parsed JSON value (any shape is accepted).
        base: The URL relative hrefs resolve against: the URL of the document that holds them.
        kustomer: Whether the document comes from Kustomer (or its sandbox), whose paths can be
            inferred from a resource's type and id. Never for another server.

    Returns:
        The links, de-duplicated by JSON pointer.
    """
    context = _Context(kustomer, resource_index(document))
    return _resolved(_walk_document(document, context), base)


def extract_item_links(
    member: str | None,
    items: list[Any],
    first: int,
    base: str,
    *,
    kustomer: bool = True,
    index: ResourceIndex | None = None,
) -> list[Link]:
    """The links `extract_links` finds in `items`, when they are the top-level array `member`
    from index `first` on: a big document's resources, taken a group at a time.

    Args:
        member: The top-level member holding the items (`data`, `included`; None for a
            document that is an array, whose items hold no links).
        items: Consecutive items of that array.
        first: The array index of `items[0]`.
        base: The URL relative hrefs resolve against (see `extract_links`).
        kustomer: Whether paths may be inferred from types (see `extract_links`).
        index: The whole document's `resource_index`, if known; without it linkage is resolved
            only against `items` themselves.

    Returns:
        The links, as `extract_links` on the whole document gives them for these items.
    """
    if member not in _RESOURCE_ARRAYS:
        return []
    context = _Context(kustomer, index if index is not None else index_items(member, items, first))
    return _resolved(_items(member, items, first, context), base)


def _resolved(found_links: Iterator[Found], base: str) -> list[Link]:
    origin = HrefOrigin(base)
    links: list[Link] = []
    seen: set[str] = set()
    for found in found_links:
        if found.pointer in seen:
            continue
        resolved = origin.resolve(found.href)
        if resolved is None:
            continue
        seen.add(found.pointer)
        url, same = resolved
        links.append(
            Link(found.rel, found.href, url, found.pointer, same, found.inferred, found.via)
        )
    return links


_RESOURCE_ARRAYS = {"data": "item", "included": "included"}
"""Top-level arrays of resources, and how their items are named."""


def _walk_document(document: Any, context: _Context) -> Iterator[Found]:
    if not isinstance(document, dict):
        return
    for key, value in document.items():
        if key == "links":
            yield from link_members(value, "/links", str)
        elif key in _RESOURCE_ARRAYS and isinstance(value, list):
            yield from _items(key, value, 0, context)
        elif key == "data":
            yield from _resource(value, "/data", "", context)
        elif key == "errors" and isinstance(value, list):
            yield from _errors(value)


def _errors(errors: list[Any]) -> Iterator[Found]:
    """`errors[i].links` (`about`, `type`): what an error means, for a person to read."""
    for index, error in enumerate(errors):
        if isinstance(error, dict):
            rel = _resource_rel(f"error {index + 1}")
            yield from link_members(error.get("links"), f"/errors/{index}/links", rel)


def _items(member: str, items: list[Any], first: int, context: _Context) -> Iterator[Found]:
    name = _RESOURCE_ARRAYS[member]
    for index, item in enumerate(items, first):
        yield from _resource(item, f"/{member}/{index}", f"{name} {index + 1}", context)


def _resource(resource: Any, pointer: str, label: str, context: _Context) -> Iterator[Found]:
    """The links of one resource; `label` names it ('' for the document's own)."""
    if not isinstance(resource, dict):
        return
    for key, value in resource.items():
        if key == "links":
            yield from link_members(value, f"{pointer}/links", _resource_rel(label))
        elif key == "relationships" and isinstance(value, dict):
            for name, relationship in value.items():
                parent = f"{pointer}/relationships"
                yield from _relationship(relationship, parent, str(name), context)


def _resource_rel(label: str) -> Rel:
    def rel(name: str) -> str:
        if not label:
            return name
        return label if name == "self" else f"{label} {name}"

    return rel


def _relationship(relationship: Any, parent: str, name: str, context: _Context) -> Iterator[Found]:
    if not isinstance(relationship, dict):
        return
    pointer = f"{parent}/{escape(name)}"
    found_link = False
    for key, value in relationship.items():
        if key not in ("links", "link"):  # `link` (singular) is the KObject `klass` quirk
            continue
        for found in link_members(value, f"{pointer}/{key}", _relationship_rel(name, value)):
            found_link = True
            yield found
    if not found_link:
        yield from _linkage(relationship.get("data"), f"{pointer}/data", name, context)


def _relationship_rel(name: str, links: Any) -> Rel:
    """`related` (the resource itself) is named for the relationship; `self` (the relationship
    endpoint, linkage only) too when it is alone, as Kustomer's are, else `name (self)`."""
    has_related = isinstance(links, dict) and _has_href(links.get("related"))

    def rel(member: str) -> str:
        if member == "related" or (member == "self" and not has_related):
            return name
        return f"{name} ({member})"

    return rel


def _has_href(value: Any) -> bool:
    href = value.get("href") if isinstance(value, dict) else value
    return isinstance(href, str) and bool(href.strip())


def _linkage(data: Any, pointer: str, name: str, context: _Context) -> Iterator[Found]:
    if isinstance(data, dict):
        found = _identified(data, name, pointer, context)
        if found:
            yield found
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found = _identified(item, f"{name} {index + 1}", f"{pointer}/{index}", context)
            if found:
                yield found


def _identified(identifier: Any, rel: str, pointer: str, context: _Context) -> Found | None:
    """Where a resource identifier leads: its resource in the document, else (for Kustomer
    only) a path built from its type."""
    if not isinstance(identifier, dict):
        return None
    kind = identifier.get("type")
    if not isinstance(kind, str):
        return None
    for key in ("id", "lid"):
        ident = identifier.get(key)
        held = context.index.get((kind, key, ident)) if isinstance(ident, str) else None
        if held is not None:
            return Found(rel, held[0], pointer, via=held[1])
    if not context.kustomer:
        return None
    path = infer_path(kind, identifier.get("id"))  # type: ignore[arg-type]
    return Found(rel, path, pointer, inferred=True) if path else None
