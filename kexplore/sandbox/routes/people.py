"""Writes to users and teams, API tokens, and the login settings."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kexplore.sandbox.context import (
    allow,
    caller_key,
    fetch,
    read_json,
    respond_record,
    sandbox,
)
from kexplore.sandbox.errors import ApiError
from kexplore.sandbox.routes.generic import item
from kexplore.sandbox.routes.threads import id_list
from kexplore.sandbox.shapes import status_of
from kexplore.sandbox.store import Record, Scope
from kexplore.sandbox.writes import create, update

__all__ = ["ROUTES", "singleton"]


async def invite_user(request: Request) -> Response:
    """POST /v1/users: invite someone by email (201)."""
    allow(request, "user", "create")
    body = await read_json(request)
    if not isinstance(body.get("email"), str) or "@" not in body["email"]:
        raise ApiError(400, '"email" is required', source={"pointer": "/email"})
    body.setdefault("userType", "user")
    return respond_record(request, create(request, "user", body), 201)


async def update_user(request: Request) -> Response:
    """PUT /v1/users/{id} (201, as the OpenAPI declares) or /v1/users/current (200)."""
    allow(request, "user", "update")
    key = request.path_params.get("key")
    if key is None:
        user = fetch(request, "user", sandbox(request).world.machines[caller_key(request)])
        status = 200
    else:
        user, status = item(request, "user"), status_of("PUT", "/v1/users/{id}")
    return respond_record(request, update(request, user, await read_json(request)), status)


async def password_reset(request: Request) -> Response:
    """POST /v1/users/passwordreset -> 204 (no mail leaves the sandbox)."""
    allow(request, "user", "update")
    body = await read_json(request)
    if sandbox(request).store.page(Scope("user", attrs=(("$.email", body.get("email")),)), 0, 1):
        return Response(status_code=204)
    raise ApiError(404, f"No user found with email {body.get('email')}")


async def create_team(request: Request) -> Response:
    """POST /v1/teams (201)."""
    allow(request, "team", "create")
    body = await read_json(request)
    if not body.get("name"):
        raise ApiError(400, '"name" is required', source={"pointer": "/name"})
    return respond_record(request, create(request, "team", body), 201)


async def update_team(request: Request) -> Response:
    """PUT (merge; `replace=true` replaces) or PATCH /v1/teams/{id}."""
    allow(request, "team", "update")
    team = update(request, item(request, "team"), await read_json(request))
    return respond_record(request, team)


async def delete_team(request: Request) -> Response:
    """DELETE /v1/teams/{id} -> 204."""
    allow(request, "team", "delete")
    sandbox(request).store.delete(item(request, "team").id)
    return Response(status_code=204)


async def members(request: Request) -> Response:
    """POST / DELETE /v1/teams/{id}/members: add or remove user ids; answers with the team."""
    allow(request, "team", "update")
    team = item(request, "team")
    users = await id_list(request)
    for uid in users:
        fetch(request, "user", uid)
    current = [u for u in team.attrs.get("members") or [] if u not in users]
    team.attrs["members"] = current + users if request.method == "POST" else current
    sandbox(request).store.save(team)
    return respond_record(request, team)


async def create_token(request: Request) -> Response:
    """POST /v1/auth/tokens: the token itself shows only in this answer (201)."""
    allow(request, "auth_token", "create")
    body = await read_json(request)
    user = sandbox(request).world.machines[caller_key(request)]
    token = create(request, "auth_token", body)
    secret = f"sandbox-token-{token.id}"
    token.attrs |= {"lastTokenChars": secret[-8:], "roles": body.get("roles") or []}
    token.rels = {"user": user}
    sandbox(request).store.save(token)
    shown = Record(token.id, token.type, {**token.attrs, "token": secret}, token.rels)
    return respond_record(request, shown, 201)


async def delete_token(request: Request) -> Response:
    """DELETE /v1/auth/tokens/{id} or /current -> 204 (the sandbox's own keys keep working)."""
    allow(request, "auth_token", "delete")
    key = request.path_params.get("key")
    if key is None:
        return Response(status_code=204)
    token = item(request, "auth_token")
    if token.id not in sandbox(request).world.tokens.values():
        sandbox(request).store.delete(token.id)
    return Response(status_code=204)


def singleton(request: Request, rtype: str) -> Record:
    """Return the one record of a settings type (seeded), or raise a 404."""
    found = sandbox(request).store.page(Scope(rtype), 0, 1)
    if not found:
        raise ApiError(404, f"No {rtype} found")
    return found[0]


def settings(rtype: str, role: str) -> object:
    """A GET (and PUT) handler for one settings document."""

    async def handler(request: Request) -> Response:
        if request.method == "GET":
            if not request.url.path.startswith("/v1/p/"):
                allow(request, role, "read")
            return respond_record(request, singleton(request, rtype))
        allow(request, role, "update")
        record = update(request, singleton(request, rtype), await read_json(request))
        return respond_record(request, record)

    return handler


ROUTES = [
    Route("/v1/users", invite_user, methods=["POST"]),
    Route("/v1/users/current", update_user, methods=["PUT"]),
    Route("/v1/users/passwordreset", password_reset, methods=["POST"]),
    Route("/v1/users/{key}", update_user, methods=["PUT"]),
    Route("/v1/teams", create_team, methods=["POST"]),
    Route("/v1/teams/{key}", update_team, methods=["PUT", "PATCH"]),
    Route("/v1/teams/{key}", delete_team, methods=["DELETE"]),
    Route("/v1/teams/{key}/members", members, methods=["POST", "DELETE"]),
    Route("/v1/auth/tokens", create_token, methods=["POST"]),
    Route("/v1/auth/tokens/current", delete_token, methods=["DELETE"]),
    Route("/v1/auth/tokens/{key}", delete_token, methods=["DELETE"]),
    Route("/v1/auth/settings", settings("auth_settings", "org"), methods=["GET", "PUT"]),
    Route("/v1/auth/customer/settings", settings("customer_auth_settings", "org"), methods=["GET"]),
    Route("/v1/p/auth/settings", settings("public_auth_settings", "org"), methods=["GET"]),
    Route("/v1/routing/settings", settings("routing_settings", "queue"), methods=["GET"]),
    Route(
        "/v1/routing/users/current/settings",
        settings("user_routing_settings", "queue"),
        methods=["GET"],
    ),
    Route(
        "/v1/routing/queue-rules-criteria",
        settings("queue_rule_criteria", "queue"),
        methods=["GET"],
    ),
    Route("/v1/customers/searches/schema", settings("search_schema", "customer"), methods=["GET"]),
    Route(
        "/v1/customers/searches/positions",
        settings("search_positions", "customer"),
        methods=["GET"],
    ),
]
"""User, team, token and settings routes; mount before the read-only collections."""
