"""`POST /v1/customers/search` (and the archive search, which finds nothing recent)."""

from __future__ import annotations

import sqlite3

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kexplore.sandbox.context import allow, read_json, respond, sandbox
from kexplore.sandbox.errors import ApiError
from kexplore.sandbox.paging import list_document, parse_page
from kexplore.sandbox.resources import render
from kexplore.sandbox.search import build_query
from kexplore.sandbox.search_fields import CONTEXTS
from kexplore.sandbox.store import COLUMNS

__all__ = ["MAX_PAGES", "ROUTES"]

MAX_PAGES = 100
"""Kustomer's search stops at page 100; page by `<ctx>_updated_at` instead."""


async def search(request: Request) -> Response:
    """POST /v1/customers/search: criteria in the body, `page`/`pageSize` in the query."""
    allow(request, "search", "read")
    page = parse_page(request, 500)
    query = build_query(await read_json(request))
    if page.number > MAX_PAGES:
        detail = (
            f"Search is limited to {MAX_PAGES} pages (page {page.number} was asked for); "
            f"narrow the query, e.g. by {query.context}_updated_at, instead of paging further"
        )
        raise ApiError(400, detail, source={"parameter": "page"})
    archive = request.url.path.endswith("/archive/search")
    op = "LIKE" if query.context == "kobject" else "="
    where = f"FROM resources r WHERE r.type {op} ? AND {query.where}" + (
        " AND 0" if archive else ""
    )
    params = [CONTEXTS[query.context], *query.params]
    state = sandbox(request)
    columns = ", ".join(f"r.{c}" for c in COLUMNS.split(", "))
    sql = f"SELECT {columns} {where} ORDER BY {query.order} LIMIT ? OFFSET ?"
    try:
        total = int(state.store.scalar(f"SELECT count(*) {where}", params))
        records = state.store.select(sql, [*params, page.size, page.offset])
    except sqlite3.OperationalError as error:  # SQLite's own limits, should the bounds miss one
        raise ApiError(400, f"Search is too complex to run: {error}") from None
    data = [render(record, state.world.org) for record in records]
    more = page.offset + len(data) < total
    extra = {"aggregations": {}, "timed_out": False}
    return respond(list_document(request, page, data, has_next=more, total=total, extra_meta=extra))


async def search_by_get(request: Request) -> Response:
    """GET /v1/customers/search: a 405 that says how to search (rather than "no customer")."""
    detail = "Search is POST /v1/customers/search with the criteria as a JSON body"
    raise ApiError(405, detail, headers={"Allow": "POST"})


ROUTES = [
    Route("/v1/customers/search", search, methods=["POST"]),
    Route("/v1/customers/search", search_by_get, methods=["GET"]),
    Route("/v1/customers/archive/search", search, methods=["POST"]),
]
"""The search routes; mount them before `/v1/customers/{key}`."""
