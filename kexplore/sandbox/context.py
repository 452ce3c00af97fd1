"""What every route handler needs: the sandbox state, the caller's roles, JSON in and out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from kexplore.sandbox.auth import KEYS, Action, require
from kexplore.sandbox.errors import ApiError, not_found
from kexplore.sandbox.include import included
from kexplore.sandbox.paging import list_document, parse_page
from kexplore.sandbox.query import narrowed
from kexplore.sandbox.resources import render
from kexplore.sandbox.seed.catalog import World
from kexplore.sandbox.store import Record, Scope, Store

__all__ = [
    "JSON_TYPE",
    "Sandbox",
    "allow",
    "caller_key",
    "fetch",
    "list_records",
    "read_json",
    "respond",
    "respond_record",
    "sandbox",
]

JSON_TYPE = "application/json; charset=utf-8"
"""Kustomer's (Express's) content type for every JSON body."""
MAX_NESTING = 64
"""Deeper request bodies are refused (they could not be stored: orjson stops at 255)."""


@dataclass
class Sandbox:
    """The state shared by all handlers of one running sandbox."""

    store: Store
    """Where the data lives."""
    world: World
    """The org-wide ids (org, machine users, tokens)."""


def sandbox(request: Request) -> Sandbox:
    """Return the Sandbox serving this request."""
    return request.app.state.sandbox


def caller_key(request: Request) -> str:
    """Return the API key the (already authenticated) request carried."""
    return request.scope["state"]["api_key"]


def allow(request: Request, obj: str, action: Action) -> None:
    """Raise a 403 unless the caller's key may do `action` on `obj`."""
    require(KEYS[caller_key(request)], obj, action)


def respond(document: Any, status: int = 200) -> Response:
    """Serialize a document as Kustomer's JSON response."""
    return Response(orjson.dumps(document), status, media_type=JSON_TYPE)


def respond_record(request: Request, record: Record, status: int = 200) -> Response:
    """Respond with one rendered resource: `{"data": {...}}` (and `included` when asked)."""
    state = sandbox(request)
    document: dict[str, Any] = {"data": render(record, state.world.org)}
    extra = included(request, state.store, [record], state.world.org)
    if extra is not None:
        document["included"] = extra
    return respond(document, status)


async def read_json(request: Request) -> dict[str, Any]:
    """Parse the request body as a JSON object.

    Raises:
        ApiError: 400 for an empty body, malformed JSON, or JSON that is not an object.
    """
    raw = await request.body()
    if not raw.strip():
        raise ApiError(400, "Request body is required and must be a JSON object")
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ApiError(400, f"Request body is not valid JSON: {error}") from None
    if not isinstance(body, dict):
        raise ApiError(400, f"Request body must be a JSON object, not {type(body).__name__}")
    if _too_deep(body):
        raise ApiError(400, f"Request body is nested more than {MAX_NESTING} levels deep")
    return body


def _too_deep(value: Any) -> bool:
    # Iterative, so a body nested a thousand levels cannot exhaust the Python stack.
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_NESTING:
            return True
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def fetch(request: Request, rtype: str, rid: str) -> Record:
    """Return the record of `rtype` with id `rid`, or raise a 404 naming it."""
    record = sandbox(request).store.get(rid, rtype)
    if record is None:
        raise not_found(rtype.replace("kobject.", "KObject of Klass "), f"id {rid}")
    return record


def list_records(
    request: Request,
    scope: Scope,
    *,
    max_size: int = 100,
    rich: bool = False,
    desc: bool = False,
    from_field: str = "updatedAt",
) -> Response:
    """Respond with one page of the records in scope, in Kustomer's list envelope.

    Args:
        request: The request (page parameters and links come from it).
        scope: Which records.
        max_size: The endpoint's largest pageSize.
        rich: Report `total`/`totalPages`/`links.last` (customers only, in Kustomer).
        desc: Newest first (`sort=desc`).
        from_field: The attribute `fromDate` compares with.

    Returns:
        The JSON response (filtered by `filter[...]`/`fromDate`, sorted by `sort=-field`,
        with `included` for `include=`).
    """
    page = parse_page(request, max_size)
    state = sandbox(request)
    scope = narrowed(request, scope, from_field=from_field)
    desc = desc or request.query_params.get("sort") == "desc"
    records = state.store.page(scope, page.offset, page.size + 1, desc=desc)[: page.size + 1]
    data = [render(record, state.world.org) for record in records[: page.size]]
    total = state.store.count(scope) if rich else None
    has_next = len(records) > page.size
    document = list_document(request, page, data, has_next=has_next, total=total)
    extra = included(request, state.store, records[: page.size], state.world.org)
    if extra is not None:
        document["included"] = extra
    return respond(document)
