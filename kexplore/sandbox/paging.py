"""`page`/`pageSize` parsing and the two list envelopes (basic and rich meta) with their links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from kexplore.sandbox.errors import ApiError

__all__ = ["DEFAULT_SIZE", "Page", "list_document", "parse_page"]

DEFAULT_SIZE = 100
"""`pageSize` when none is given."""
MAX_PAGE = 1_000_000_000
"""Larger page numbers are refused rather than turned into absurd offsets."""


@dataclass(frozen=True)
class Page:
    """Which page of a list was asked for."""

    number: int
    """1-based page number."""
    size: int
    """Items per page."""

    @property
    def offset(self) -> int:
        """How many items come before this page."""
        return (self.number - 1) * self.size


def _positive(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE:
        detail = f"Invalid query parameter '{name}': {raw!r} is not a positive integer"
        raise ApiError(400, detail, source={"parameter": name})
    return int(raw)


def parse_page(request: Request, max_size: int = 100) -> Page:
    """Read `page` and `pageSize` from the query string.

    Args:
        request: The incoming request.
        max_size: The largest `pageSize` the endpoint allows (100, or 500 for users,
            teams and search); a larger one is clamped to it, as production clients send
            500 where the docs say 100 (`meta.pageSize` says the size used).

    Returns:
        The Page that will be served.

    Raises:
        ApiError: 400 naming the parameter when a value is not a positive integer.
    """
    number = _positive(request, "page", 1)
    size = min(_positive(request, "pageSize", DEFAULT_SIZE), max_size)
    return Page(number, size)


def _link(request: Request, page: Page, number: int) -> str:
    rest = [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "pageSize")]
    query = urlencode([("page", number), ("pageSize", page.size), *rest])
    return f"{request.url.path}?{query}"


def list_document(
    request: Request,
    page: Page,
    data: list[dict[str, Any]],
    *,
    has_next: bool,
    total: int | None = None,
    extra_meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Wrap one page of resources in Kustomer's list envelope.

    With `total`, the rich variant (`total`, `totalPages`, `links.last`); without, the basic one.

    Args:
        request: The request (its path and query string go into the links).
        page: The page served.
        data: The rendered resources on it.
        has_next: Whether a further page exists.
        total: The total count, for the rich variant.
        extra_meta: More meta members (search's `aggregations`, `timed_out`).

    Returns:
        `{meta, links, data}`.
    """
    meta: dict[str, Any] = {"pageSize": page.size, "page": page.number}
    links: dict[str, Any] = {
        "self": _link(request, page, page.number),
        "first": _link(request, page, 1),
        "prev": _link(request, page, page.number - 1) if page.number > 1 else None,
        "next": _link(request, page, page.number + 1) if has_next else None,
    }
    if total is not None:
        pages = -(-total // page.size)
        meta |= {"total": total, "totalPages": pages}
        links["last"] = _link(request, page, max(pages, 1))
    meta |= extra_meta or {}
    return {"meta": meta, "links": links, "data": data}
