"""What to show for a Kustomer document when browsing: tree entries, visit labels, error text."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal
from urllib.parse import parse_qsl, urljoin, urlsplit

from kexplore.core.body.inert import one_line
from kexplore.core.browse.kustomer_paths import infer_path
from kexplore.core.browse.labels import record_label
from kexplore.core.browse.links import Link
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse

__all__ = [
    "Entry",
    "TreeChildren",
    "error_messages",
    "follow_request",
    "next_page_url",
    "page_entries",
    "relationship_entries",
    "tree_children",
    "visit_label",
]

EntryKind = Literal["record", "collection"]
"""A record opens as one resource; a collection opens as a page of records."""


@dataclass(frozen=True)
class Entry:
    """One browsable child in the resource tree."""

    label: str
    """What a person recognises it by (inert, one line)."""
    url: str
    """The absolute URL a GET of it goes to."""
    kind: EntryKind
    """Whether expanding it lists records or shows its relationships."""
    resource: dict[str, Any] | None = None
    """The resource object itself when it came inside a page (saves a request on expand)."""


def _resolve(href: Any, base: str) -> str | None:
    return urljoin(base + "/", href) if isinstance(href, str) and href else None


def page_entries(document: Any, base: str, *, kustomer: bool = True) -> list[Entry]:
    """The records of a list page as tree entries (empty for anything else).

    Args:
        document: A parsed response body, any JSON value.
        base: The base URL that relative links join.
        kustomer: Whether the server is Kustomer (or its sandbox), whose paths may be
            inferred from a `type` and `id`; elsewhere nothing is invented.

    Returns:
        A `record` entry, labelled by the record's name and holding it, for each item of
        `data` with a `links.self` (or a `type` and `id` to infer its path from); [] when
        `document` is not a list page.
    """
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, list):
        return []
    entries = []
    for item in data:
        url = _resource_url(item, base, kustomer)
        if url is not None:
            entries.append(Entry(one_line(record_label(item), 80), url, "record", item))
    return entries


def _resource_url(resource: Any, base: str, kustomer: bool) -> str | None:
    if not isinstance(resource, dict):
        return None
    links = resource.get("links")
    own = _resolve(links.get("self"), base) if isinstance(links, dict) else None
    if own or not kustomer:
        return own
    kind, ident = resource.get("type"), resource.get("id")
    inferred = infer_path(kind, ident) if isinstance(kind, str) and isinstance(ident, str) else None
    return _resolve(inferred, base)


def next_page_url(document: Any, base: str) -> str | None:
    """The absolute `links.next` of a list page, or None at the end.

    Args:
        document: A parsed list page, any JSON value.
        base: The base URL that a relative `links.next` joins.

    Returns:
        The next page's absolute URL; None on the last page, or when `document` has no
        `links.next` string.
    """
    links = document.get("links") if isinstance(document, dict) else None
    return _resolve(links.get("next"), base) if isinstance(links, dict) else None


def relationship_entries(resource: Any, base: str, *, kustomer: bool = True) -> list[Entry]:
    """A resource's relationships as tree entries: to-many as collections, to-one as records.

    Args:
        resource: One resource (a page's item, or a record's `data`), any JSON value.
        base: The base URL that relative links join.
        kustomer: Whether a path may be inferred from linkage alone (Kustomer's convention).

    Returns:
        An entry for each relationship with a link (`related` first, then `self`; a string
        or a link object's `href`) or a `data.type` and `data.id` to infer one: a `record`
        when its `data` is one object, else a `collection`; [] when there are none.
    """
    relationships = resource.get("relationships") if isinstance(resource, dict) else None
    if not isinstance(relationships, dict):
        return []
    entries = []
    for name, rel in relationships.items():
        entry = _relationship_entry(str(name), rel, base, kustomer)
        if entry is not None:
            entries.append(entry)
    return entries


def _relationship_entry(name: str, rel: Any, base: str, kustomer: bool) -> Entry | None:
    if not isinstance(rel, dict):
        return None
    links = rel.get("links") or rel.get("link")  # KObjects' klass uses the singular `link`
    # `related` is the resource itself; a JSON:API `self` is the relationship (linkage only).
    href = (
        _href(links.get("related")) or _href(links.get("self")) if isinstance(links, dict) else None
    )
    data = rel.get("data")
    if href is None and kustomer and isinstance(data, dict):
        kind, ident = data.get("type"), data.get("id")
        if isinstance(kind, str) and isinstance(ident, str):
            href = infer_path(kind, ident)
    url = _resolve(href, base)
    if url is None:
        return None
    kind: EntryKind = "record" if isinstance(data, dict) else "collection"
    return Entry(one_line(name, 60), url, kind)


def _href(link: Any) -> Any:
    """The href of a link: a string, or a JSON:API 1.1 link object's `href`."""
    return link.get("href") if isinstance(link, dict) else link


def visit_label(url: str, document: Any) -> str:
    """A breadcrumb label: a record's name, or a collection's name with its page.

    Args:
        url: The URL visited.
        document: Its parsed body, any JSON value (None when it was not parsed).

    Returns:
        The record's label when `data` is one object; else the path's last segment (`v1`
        skipped) with `· page N` after page 1. One line, at most 40 characters.
    """
    data = document.get("data") if isinstance(document, dict) else None
    if isinstance(data, dict):
        return one_line(record_label(data), 40)
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s and s != "v1"]
    name = segments[-1] if segments else parts.path or url
    page = dict(parse_qsl(parts.query)).get("page")
    label = f"{name} · page {page}" if page and page != "1" else name
    return one_line(label, 40)


def error_messages(document: Any) -> list[str]:
    """Human messages from either Kustomer error shape (JSON:API or `{code, message}`).

    Args:
        document: A parsed error body, any JSON value.

    Returns:
        One line per error (status, code, title, message, detail and source joined by
        ` · `, at most 300 characters); [] when the document holds no error.
    """
    if not isinstance(document, dict):
        return []
    errors = document.get("errors")
    if isinstance(errors, list):
        return [m for m in (_error_text(e) for e in errors) if m]
    single = document.get("error") or document.get("message")
    return [one_line(str(single), 300)] if single else []


def _error_text(error: Any) -> str:
    if not isinstance(error, dict):
        return one_line(str(error), 300)
    parts = [error.get(k) for k in ("status", "code", "title", "message", "detail")]
    words = [str(p) for p in parts if p not in (None, "")]
    source = error.get("source")
    if isinstance(source, dict) and source:
        words.append("at " + ", ".join(f"{k}={v}" for k, v in source.items()))
    return one_line(" · ".join(words), 300)


def follow_request(current: ApiRequest | None, link: Link) -> ApiRequest:
    """The request that follows `link` from the visit of `current` (absolute URL).

    A GET, except for a page link of a POST search: that is the same POST again, because
    Kustomer's search is `POST /v1/customers/search?page=N` with the criteria as the body and
    its `links.next` carries only the query string, so a GET would answer 405.

    Args:
        current: The request of the visit the link is on; None when there is none.
        link: The link followed, its URL absolute.

    Returns:
        A GET of the link's URL, or `current` with the link's URL and no params (method,
        body, headers and credential kept).
    """
    if current is None or current.method != "POST" or not link.pointer.startswith("/links/"):
        return ApiRequest("GET", link.url)
    if urlsplit(link.url).path != urlsplit(current.url).path:
        return ApiRequest("GET", link.url)
    return replace(current, url=link.url, params=())


@dataclass(frozen=True)
class TreeChildren:
    """What a fetched page or record puts under its tree node."""

    entries: list[Entry]
    """Records of a page, or relationships of a record."""
    next_url: str | None = None
    """The next page, for a "more…" node."""
    problem: str = ""
    """Why nothing can be shown (an error status, a body that is not a Kustomer document)."""


def tree_children(
    response: ApiResponse, document: Any, base: str, *, kustomer: bool = True
) -> TreeChildren:
    """The children of a tree node from its fetched response.

    Args:
        response: The node's response.
        document: Its parsed body (any JSON value), or None when it was not parsed.
        base: The base URL that relative links join.
        kustomer: Whether paths may be inferred from linkage alone (see `page_entries`).

    Returns:
        For an error status or a body that is not a JSON object, a `problem` and no
        entries; for an empty body, nothing; for a list page, its records and the next
        page's URL; for a record, its relationships.
    """
    if not response.ok:
        return TreeChildren([], problem=f"{response.status} {response.reason}")
    if response.kind == "empty":
        return TreeChildren([])
    if not isinstance(document, dict):
        kind = response.content_type or response.kind
        return TreeChildren([], problem=f"Not a Kustomer JSON document ({kind}): open it to see")
    data = document.get("data")
    if isinstance(data, list):
        entries = page_entries(document, base, kustomer=kustomer)
        return TreeChildren(entries, next_page_url(document, base))
    return TreeChildren(relationship_entries(data, base, kustomer=kustomer))
