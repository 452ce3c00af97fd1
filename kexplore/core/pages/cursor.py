"""Cursor: where a walk of a list stands, and the request for its next page."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import orjson

from kexplore.core.http.request import ApiRequest

__all__ = [
    "SEARCH_PAGE_LIMIT",
    "Cursor",
    "NarrowingError",
    "is_search",
    "narrowed_request",
    "next_request",
    "page_number",
    "start_cursor",
]

SEARCH_PAGE_LIMIT = 100
"""Kustomer's search serves at most this many pages of one query."""


class NarrowingError(Exception):
    """A search walk that cannot go past its page limit (the message says why)."""


@dataclass(frozen=True)
class Cursor:
    """A walk's position: the next request to send and what has been walked so far.

    Only the method, URL and body of `request` are ever written to a resume file.
    """

    request: ApiRequest | None
    """The request for the next page; None when the list has been walked to its end."""
    pages: int = 0
    """Pages walked so far."""
    items: int = 0
    """Items yielded so far (duplicates skipped are not counted)."""
    total: int | None = None
    """`meta.total` of the first page, when the list reports it."""
    floor: str | None = None
    """Search walks past the page limit: the `updated_at` floor of the current query."""

    @property
    def done(self) -> bool:
        """Whether the list has been walked to its end."""
        return self.request is None


def is_search(request: ApiRequest) -> bool:
    """Whether `request` is a Kustomer search (`POST .../search`), limited to 100 pages.

    Args:
        request: A list's request, about to be walked.

    Returns:
        True for a POST whose path ends in `/search` (a trailing slash allowed).
    """
    path = urlsplit(request.url).path.rstrip("/")
    return request.method == "POST" and path.endswith("/search")


def _search_body(request: ApiRequest) -> dict[str, Any]:
    body = orjson.loads(request.body) if request.has_body else {}
    if not isinstance(body, dict):
        raise NarrowingError("A search body must be a JSON object.")
    return body


def _updated_field(body: dict[str, Any]) -> str:
    return f"{body.get('queryContext') or 'customer'}_updated_at"


def start_cursor(request: ApiRequest) -> Cursor:
    """The cursor for a walk starting with `request`.

    A search with no `sort` is sorted by `<context>_updated_at` ascending, so that it can be
    narrowed past the page limit without gaps or duplicates.

    Args:
        request: The first page's request, as the user built it.

    Returns:
        A cursor with nothing walked yet. A search body that is not a JSON object (or not
        JSON) is left as it is: the server will say what is wrong with it.
    """
    if is_search(request):
        try:
            body = _search_body(request)
        except (orjson.JSONDecodeError, NarrowingError):
            return Cursor(request)
        if not body.get("sort"):
            body["sort"] = [{_updated_field(body): "asc"}]
            request = replace(request, body=orjson.dumps(body).decode())
    return Cursor(request)


def page_number(url: str) -> int | None:
    """The `page` query parameter of `url`, if it is a whole number.

    Args:
        url: A page's URL (`links.next`), absolute or relative.

    Returns:
        The page number; None when there is no `page` parameter or it is not all digits.
    """
    value = dict(parse_qsl(urlsplit(url).query)).get("page", "")
    return int(value) if value.isdigit() else None


def next_request(current: ApiRequest, next_url: str) -> ApiRequest:
    """The request for the page at `next_url` (a search re-sends its body with it).

    Args:
        current: The request of the page just walked.
        next_url: The next page's absolute URL (`links.next`, resolved), query included.

    Returns:
        `current` with that URL and no params; method, headers, body and credential kept.
    """
    return replace(current, url=next_url, params=())


def _first_page_url(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    return urlunsplit(parts._replace(query=urlencode([("page", "1"), *query])))


def narrowed_request(
    current: ApiRequest, last_item: Any, floor: str | None
) -> tuple[ApiRequest, str]:
    """The search restarted at page 1 from the `updated_at` of the last item walked.

    Items at exactly that time that were walked already come again; the walk drops them by id.

    Args:
        current: The request of the page just walked (its body holds any earlier floor).
        last_item: The last resource walked (its `attributes.updatedAt` is the new floor).
        floor: The floor the current query already has, if any.

    Returns:
        The request for page 1 of the narrowed search, and its new floor.

    Raises:
        NarrowingError: when the search is not sorted by `updated_at` ascending, its body is
            not a JSON object, the last item has no `updatedAt`, or a whole query's pages
            share one `updated_at` (narrowing would not move on).
        ValueError: when the body is not JSON at all (orjson.JSONDecodeError).
    """
    body = _search_body(current)
    field = _updated_field(body)
    if body.get("sort") != [{field: "asc"}]:
        raise NarrowingError(
            f"Search stops at page {SEARCH_PAGE_LIMIT}; to walk further, sort by {field} "
            "ascending (or give no sort)."
        )
    attributes = last_item.get("attributes") if isinstance(last_item, dict) else None
    new_floor = attributes.get("updatedAt") if isinstance(attributes, dict) else None
    if not isinstance(new_floor, str):
        raise NarrowingError(f"The last item has no attributes.updatedAt to narrow {field} by.")
    if new_floor == floor:
        raise NarrowingError(
            f"More than {SEARCH_PAGE_LIMIT} pages share {field} = {new_floor}; "
            "a smaller pageSize cannot help, narrow the search by another field."
        )
    body["and"] = [*_without_floor(body.get("and"), field, floor), {field: {"gte": new_floor}}]
    narrowed = replace(current, url=_first_page_url(current.url), body=orjson.dumps(body).decode())
    return narrowed, new_floor


def _without_floor(criteria: Any, field: str, floor: str | None) -> list[Any]:
    """The `and` criteria as a list, minus the floor an earlier narrowing added."""
    items = criteria if isinstance(criteria, list) else [] if criteria is None else [criteria]
    return [c for c in items if floor is None or c != {field: {"gte": floor}}]
