"""Read-mostly collections: messages, notes, companies, users, teams, tags, shortcuts,
brands, queues, orgs and auth tokens."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kexplore.sandbox.context import (
    allow,
    caller_key,
    fetch,
    list_records,
    read_json,
    respond,
    respond_record,
    sandbox,
)
from kexplore.sandbox.errors import not_found
from kexplore.sandbox.ids import OBJECT_ID
from kexplore.sandbox.paging import Page, list_document, parse_page
from kexplore.sandbox.resources import render
from kexplore.sandbox.store import Record, Scope
from kexplore.sandbox.writes import create, update

__all__ = ["ROUTES"]

Filters = Callable[[Request], tuple[tuple[str, str], ...]]


def _get(request: Request, rtype: str) -> Record:
    key = request.path_params["key"]
    name, sep, value = key.partition("=")
    if sep and name.lower() == "externalid":
        found = sandbox(request).store.lookup(f"{rtype}:externalId", value)
        if found is None:
            raise not_found(rtype, f"externalId {value}")
        return found
    if not OBJECT_ID.match(key):
        raise not_found(rtype, f"id {key}")
    return fetch(request, rtype, key)


def collection(
    path: str, rtype: str, *, max_size: int = 100, filters: Filters | None = None
) -> list[Route]:
    """Build the GET list and GET item routes of a simple collection.

    Args:
        path: The list path, e.g. `/v1/tags`.
        rtype: The resource type, which is also the role object.
        max_size: The largest pageSize.
        filters: Query string -> attribute equality filters.

    Returns:
        The two routes.
    """

    async def listing(request: Request) -> Response:
        """GET the list (basic meta; `sort=desc` for newest first)."""
        allow(request, rtype, "read")
        scope = Scope(rtype, attrs=filters(request) if filters else ())
        desc = request.query_params.get("sort") == "desc"
        return list_records(request, scope, max_size=max_size, desc=desc)

    async def item(request: Request) -> Response:
        """GET one by id (or `externalId=`)."""
        allow(request, rtype, "read")
        return respond_record(request, _get(request, rtype))

    return [Route(path, listing, methods=["GET"]), Route(path + "/{key}", item, methods=["GET"])]


def _user_filters(request: Request) -> tuple[tuple[str, str], ...]:
    query = request.query_params
    return tuple((f"$.{name}", query[name]) for name in ("userType", "email") if name in query)


async def current_user(request: Request) -> Response:
    """GET /v1/users/current: the machine user behind the calling key."""
    user = sandbox(request).world.machines[caller_key(request)]
    return respond_record(request, fetch(request, "user", user))


async def current_token(request: Request) -> Response:
    """GET /v1/auth/tokens/current: works with any valid key, whatever its roles."""
    token = sandbox(request).world.tokens[caller_key(request)]
    return respond_record(request, fetch(request, "auth_token", token))


async def users(request: Request) -> Response:
    """GET /v1/users/{id} or `/v1/users/{id},{id}` (several, as a list)."""
    allow(request, "user", "read")
    ids = request.path_params["key"].split(",")
    if len(ids) == 1:
        return respond_record(request, _get(request, "user"))
    org = sandbox(request).world.org
    data = [render(fetch(request, "user", rid), org) for rid in ids if OBJECT_ID.match(rid)]
    return respond(list_document(request, Page(1, len(ids)), data, has_next=False))


async def user_teams(request: Request) -> Response:
    """GET /v1/users/{id}/teams: the teams listing the user as a member."""
    allow(request, "team", "read")
    user = _get(request, "user")
    page, state = parse_page(request, 500), sandbox(request)
    teams = state.store.page(Scope("team"), 0, 10_000)
    data = [render(t, state.world.org) for t in teams if user.id in t.attrs.get("members", [])]
    more = len(data) > page.offset + page.size
    chunk = data[page.offset : page.offset + page.size]
    return respond(list_document(request, page, chunk, has_next=more))


async def default_brand(request: Request) -> Response:
    """GET /v1/brands/default."""
    allow(request, "brand", "read")
    records = sandbox(request).store.page(Scope("brand", attrs=(("$.default", True),)), 0, 1)
    if not records:
        raise not_found("brand", "default true")
    return respond_record(request, records[0])


async def create_company(request: Request) -> Response:
    """POST /v1/companies -> 201."""
    allow(request, "company", "create")
    return respond_record(request, create(request, "company", await read_json(request)), 201)


async def update_company(request: Request) -> Response:
    """PUT or PATCH /v1/companies/{id}."""
    allow(request, "company", "update")
    record = _get(request, "company")
    return respond_record(request, update(request, record, await read_json(request)))


ROUTES = [
    Route("/v1/users/current", current_user, methods=["GET"]),
    Route("/v1/auth/tokens/current", current_token, methods=["GET"]),
    Route("/v1/brands/default", default_brand, methods=["GET"]),
    Route("/v1/users/{key}", users, methods=["GET"]),
    Route("/v1/users/{key}/teams", user_teams, methods=["GET"]),
    Route("/v1/companies", create_company, methods=["POST"]),
    Route("/v1/companies/{key}", update_company, methods=["PUT", "PATCH"]),
    *collection("/v1/messages", "message"),
    *collection("/v1/notes", "note"),
    *collection("/v1/companies", "company"),
    *collection("/v1/users", "user", max_size=500, filters=_user_filters),
    *collection("/v1/teams", "team", max_size=500),
    *collection("/v1/tags", "tag"),
    *collection("/v1/shortcuts", "shortcut"),
    *collection("/v1/brands", "brand"),
    *collection("/v1/routing/queues", "queue"),
    *collection("/v1/orgs", "org"),
    *collection("/v1/auth/tokens", "auth_token"),
]
"""The routes of the simpler collections."""
