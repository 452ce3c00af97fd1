"""Link and extract_links: the navigable references in a Kustomer JSON:API document."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import quote, urljoin, urlsplit

__all__ = ["Link", "extract_item_links", "extract_links", "infer_path"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_SIMPLE_TYPE = re.compile(r"^[a-z][a-zA-Z]*$")

# Types whose collection path is not simply "/v1/" + type + "s".
_TYPE_PATHS: dict[str, str] = {
    "customer": "/v1/customers",
    "customers": "/v1/customers",  # a webhook sample's plural quirk (KUSTOMER_API.md section 2)
    "company": "/v1/companies",
    "klass": "/v1/klasses",
    "queue": "/v1/routing/queues",
}
_Rel = Callable[[str], str]
"""Names a link from its member name in a links object (`self`, `next`, `related`)."""


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
    """Whether the path was built from a relationship's `{type, id}` rather than found."""

    @property
    def path(self) -> str:
        """Path and query for a same-origin link, else the full URL: what to display."""
        if not self.same_origin:
            return self.url
        parts = urlsplit(self.url)
        path = parts.path or "/"
        return f"{path}?{parts.query}" if parts.query else path


def infer_path(type: str, id: str) -> str | None:
    """Build the API path of a resource from its JSON:API type and id.

    Args:
        type: The resource type, e.g. `customer`, `kobject.order`, `klass`, `queue`.
        id: The resource id (a Klass's name for `klass`).

    Returns:
        A path such as `/v1/customers/<id>`, or None when no path can be built.
    """
    if not isinstance(type, str) or isinstance(id, bool) or not isinstance(id, str | int):
        return None
    ident = str(id).strip()
    if not ident or len(ident) > 256:
        return None
    base = _collection_path(type.strip())
    return f"{base}/{quote(ident, safe='')}" if base else None


def _collection_path(type_: str) -> str | None:
    if type_ in _TYPE_PATHS:
        return _TYPE_PATHS[type_]
    if type_.startswith("kobject."):
        klass = type_.removeprefix("kobject.")
        return f"/v1/klasses/{quote(klass, safe='')}" if klass else None
    if not _SIMPLE_TYPE.match(type_):
        return None
    if type_.endswith("s"):
        return f"/v1/{type_}"
    if type_.endswith("y") and type_[-2:-1] not in "aeiou":
        return f"/v1/{type_[:-1]}ies"
    return f"/v1/{type_}s"


class _Origin:
    """The base URL's origin, and how to resolve and compare hrefs against it."""

    def __init__(self, base: str) -> None:
        self.base = base if isinstance(base, str) else ""
        self.key = _origin_key(self.base)
        self.prefix = ""
        if self.key:
            parts = urlsplit(self.base)
            self.prefix = f"{parts.scheme}://{parts.netloc}"

    def resolve(self, href: str) -> tuple[str, bool] | None:
        """The absolute URL of `href` and whether it is same-origin, or None if unusable."""
        href = href.strip()
        if self.prefix and href.startswith("/") and not href.startswith("//") and "/." not in href:
            return self.prefix + href, True  # the common case, without urljoin's cost
        try:
            url = urljoin(self.base, href)
        except ValueError:
            return None
        key = _origin_key(url)
        if key is None:
            return None
        return url, key == self.key


def _origin_key(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an http(s) URL with a host, else None."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    return scheme, host, port if port is not None else _DEFAULT_PORTS[scheme]


def _escape(key: object) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


class _Found(NamedTuple):
    """A reference found in the document, before resolution (a tuple: made by the thousand)."""

    rel: str
    href: str
    pointer: str
    inferred: bool = False


def extract_links(document: Any, base: str) -> list[Link]:
    """Every navigable reference in a JSON:API document, in document order.

    Walks only the envelope: top-level `links`, `data` (one resource or a list),
    `included`, and each resource's `links` and `relationships`. Never raises.

    Args:
        document: A parsed JSON value (any shape is accepted).
        base: The client's base URL, against which relative hrefs resolve.

    Returns:
        The links, de-duplicated by JSON pointer.
    """
    return _resolved(_walk_document(document), base)


def extract_item_links(member: str | None, items: list[Any], first: int, base: str) -> list[Link]:
    """The links `extract_links` finds in `items`, when they are the top-level array `member`
    from index `first` on: a big document's resources, taken a group at a time.

    Args:
        member: The top-level member holding the items (`data`, `included`; None for a
            document that is an array, whose items hold no links).
        items: Consecutive items of that array.
        first: The array index of `items[0]`.
        base: The client's base URL, against which relative hrefs resolve.

    Returns:
        The links, as `extract_links` on the whole document gives them for these items.
    """
    if member not in _RESOURCE_ARRAYS:
        return []
    return _resolved(_items(member, items, first), base)


def _resolved(found_links: Iterator[_Found], base: str) -> list[Link]:
    origin = _Origin(base)
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
        links.append(Link(found.rel, found.href, url, found.pointer, same, found.inferred))
    return links


_RESOURCE_ARRAYS = {"data": "item", "included": "included"}
"""Top-level arrays of resources, and how their items are named."""


def _walk_document(document: Any) -> Iterator[_Found]:
    if not isinstance(document, dict):
        return
    for key, value in document.items():
        if key == "links":
            yield from _link_members(value, "/links", str)
        elif key in _RESOURCE_ARRAYS and isinstance(value, list):
            yield from _items(key, value, 0)
        elif key == "data":
            yield from _resource(value, "/data", "")


def _items(member: str, items: list[Any], first: int) -> Iterator[_Found]:
    name = _RESOURCE_ARRAYS[member]
    for index, item in enumerate(items, first):
        yield from _resource(item, f"/{member}/{index}", f"{name} {index + 1}")


def _resource(resource: Any, pointer: str, label: str) -> Iterator[_Found]:
    """The links of one resource; `label` names it ('' for the document's own)."""
    if not isinstance(resource, dict):
        return
    for key, value in resource.items():
        if key == "links":
            yield from _link_members(value, f"{pointer}/links", _resource_rel(label))
        elif key == "relationships" and isinstance(value, dict):
            for name, relationship in value.items():
                yield from _relationship(relationship, f"{pointer}/relationships", str(name))


def _resource_rel(label: str) -> _Rel:
    def rel(name: str) -> str:
        if not label:
            return name
        return label if name == "self" else f"{label} {name}"

    return rel


def _relationship(relationship: Any, parent: str, name: str) -> Iterator[_Found]:
    if not isinstance(relationship, dict):
        return
    pointer = f"{parent}/{_escape(name)}"
    found_link = False
    for key, value in relationship.items():
        if key not in ("links", "link"):  # `link` (singular) is the KObject `klass` quirk
            continue
        for found in _link_members(value, f"{pointer}/{key}", _relationship_rel(name, value)):
            found_link = True
            yield found
    if not found_link:
        yield from _inferred(relationship.get("data"), f"{pointer}/data", name)


def _relationship_rel(name: str, links: Any) -> _Rel:
    both = isinstance(links, dict) and bool(links.get("self")) and bool(links.get("related"))

    def rel(member: str) -> str:
        if member in ("self", "related") and not (both and member == "related"):
            return name
        return f"{name} ({member})"

    return rel


def _inferred(data: Any, pointer: str, name: str) -> Iterator[_Found]:
    if isinstance(data, dict):
        path = infer_path(data.get("type"), data.get("id"))
        if path:
            yield _Found(name, path, pointer, inferred=True)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, dict):
                path = infer_path(item.get("type"), item.get("id"))
                if path:
                    yield _Found(f"{name} {index + 1}", path, f"{pointer}/{index}", True)


def _link_members(links: Any, pointer: str, rel: _Rel) -> Iterator[_Found]:
    """The string (or `{href}` object) members of a links object, nulls skipped."""
    if isinstance(links, str):
        if links:
            yield _Found(rel("self"), links, pointer)
        return
    if not isinstance(links, dict):
        return
    for member, value in links.items():
        href = value.get("href") if isinstance(value, dict) else value
        if isinstance(href, str) and href.strip():
            suffix = "/href" if isinstance(value, dict) else ""
            yield _Found(rel(str(member)), href, f"{pointer}/{_escape(member)}{suffix}")
