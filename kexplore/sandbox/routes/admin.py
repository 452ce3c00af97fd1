"""Org administration: brands, Klasses, queues and their rules, metadata, spam, domains."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kexplore.sandbox.context import (
    allow,
    fetch,
    list_records,
    read_json,
    respond,
    respond_record,
    sandbox,
)
from kexplore.sandbox.errors import ApiError, not_found
from kexplore.sandbox.resources import render
from kexplore.sandbox.routes.generic import item
from kexplore.sandbox.routes.threads import id_list
from kexplore.sandbox.shapes import status_of
from kexplore.sandbox.store import Record, Scope
from kexplore.sandbox.writes import create, update

__all__ = ["ROUTES"]


def _writer(rtype: str, role: str, status: int = 201) -> object:
    async def adding(request: Request) -> Response:
        allow(request, role, "create")
        body = await read_json(request)
        if not body.get("name"):
            raise ApiError(400, '"name" is required', source={"pointer": "/name"})
        if rtype == "klass":
            body.setdefault("status", "enabled")
        return respond_record(request, create(request, rtype, body), status)

    return adding


def _changer(rtype: str, role: str) -> object:
    async def changing(request: Request) -> Response:
        allow(request, role, "update")
        record = update(request, item(request, rtype), await read_json(request))
        return respond_record(request, record)

    return changing


async def delete_klass(request: Request) -> Response:
    """DELETE /v1/klasses/{id} -> 204 (its custom objects go too)."""
    allow(request, "klass", "delete")
    klass = item(request, "klass")
    store = sandbox(request).store
    for kobject in store.page(Scope(f"kobject.{klass.attrs.get('name')}"), 0, 100_000):
        store.delete(kobject.id)
    store.delete(klass.id)
    return Response(status_code=204)


async def rule_order(request: Request) -> Response:
    """PUT /v1/routing/queue-rules/order: body lists rule ids in the order to try them."""
    allow(request, "queue", "update")
    ids = await id_list(request)
    store, org = sandbox(request).store, sandbox(request).world.org
    rules = [fetch(request, "queue_rule", rid) for rid in ids]
    for position, rule in enumerate(rules):
        rule.attrs["order"] = position
        store.save(rule)
    return respond({"data": [render(rule, org) for rule in rules]})


async def queue_metrics(request: Request) -> Response:
    """GET /v1/chat/queues/metrics/{ids}: wait metrics per queue."""
    allow(request, "queue", "read")
    data = []
    for rid in request.path_params["key"].split(","):
        queue = fetch(request, "queue", rid)
        attrs = {"waiting": 2, "longestWaitSeconds": 95, "averageWaitSeconds": 41}
        rels = {"queue": {"links": {"self": f"/v1/routing/queues/{queue.id}"}}}
        rels["queue"]["data"] = {"type": "queue", "id": queue.id}
        links = {"self": f"/v1/chat/queues/metrics/{queue.id}"}
        metric = {"type": "queue_metric", "id": queue.id, "attributes": attrs}
        data.append(metric | {"relationships": rels, "links": links})
    return respond({"data": data})


async def default_schedule(request: Request) -> Response:
    """GET /v1/schedules/default (`include=holidays`)."""
    allow(request, "org", "read")
    found = sandbox(request).store.page(Scope("schedule", attrs=(("$.default", True),)), 0, 1)
    if not found:
        raise not_found("schedule", "default true")
    return respond_record(request, found[0])


async def pinned(request: Request) -> Response:
    """GET /v1/customers/searches/pinned: the saved searches marked as pinned."""
    allow(request, "customer", "read")
    return list_records(request, Scope("saved_search", attrs=(("$.pinned", True),)))


async def spam_upsert(request: Request) -> Response:
    """PUT /v1/spam/senders: add a sender to the spam list, or update it."""
    allow(request, "org", "update")
    body = await read_json(request)
    sender = body.get("sender") or body.get("email")
    if not isinstance(sender, str):
        raise ApiError(400, '"sender" is required', source={"pointer": "/sender"})
    store = sandbox(request).store
    found = store.page(Scope("spam_sender", attrs=(("$.sender", sender),)), 0, 1)
    attrs = {"sender": sender, "channel": body.get("channel", "email"), "list": "spam"}
    if body.get("spam") is False:
        attrs["list"] = "allow"
    record = update(request, found[0], attrs) if found else create(request, "spam_sender", attrs)
    return respond_record(request, record)


def _metadata(request: Request) -> Record:
    name = request.path_params["resource"]
    found = sandbox(request).store.page(Scope("metadata", attrs=(("$.resource", name),)), 0, 1)
    if not found:
        raise not_found("metadata", f"resource {name}")
    return found[0]


async def metadata(request: Request) -> Response:
    """GET / PUT /v1/metadata/{resource}: the custom attributes a resource has."""
    if request.method == "GET":
        allow(request, "org", "read")
        return respond_record(request, _metadata(request))
    allow(request, "org", "update")
    record = _metadata(request)
    body = await read_json(request)
    properties = body.get("properties")
    if not isinstance(properties, dict):
        raise ApiError(400, '"properties" must be an object', source={"pointer": "/properties"})
    record.attrs["properties"] = {**record.attrs.get("properties", {}), **properties}
    return respond_record(request, update(request, record, {}))


async def domain(request: Request) -> Response:
    """GET /v1/domains/{orgName}: which org (and pod) a name belongs to; no key needed."""
    name = request.path_params["name"]
    state = sandbox(request)
    org = state.store.get(state.world.org, "org")
    if org is None or org.attrs.get("name") != name:
        raise not_found("domain", f"name {name}")
    attrs = {"name": name, "orgId": org.id, "reservation": False, "pod": "sandbox"}
    attrs |= {"createdAt": org.attrs.get("createdAt"), "updatedAt": org.attrs.get("updatedAt")}
    return respond_record(request, Record(org.id, "domain", attrs))


async def companies(request: Request) -> Response:
    """GET /v1/companies (`externalId=` narrows to that company)."""
    allow(request, "company", "read")
    external = request.query_params.get("externalId")
    filters = (("$.externalId", external),) if external else ()
    return list_records(request, Scope("company", attrs=filters))


ROUTES = [
    Route("/v1/brands", _writer("brand", "brand"), methods=["POST"]),
    Route("/v1/brands/{key}", _changer("brand", "brand"), methods=["PATCH"]),
    Route(
        "/v1/klasses", _writer("klass", "klass", status_of("POST", "/v1/klasses")), methods=["POST"]
    ),
    Route("/v1/klasses/{key}", _changer("klass", "klass"), methods=["PUT"]),
    Route("/v1/klasses/{key}", delete_klass, methods=["DELETE"]),
    Route("/v1/routing/queue-rules/order", rule_order, methods=["PUT"]),
    Route("/v1/routing/queues/{key}", _changer("queue", "queue"), methods=["PUT"]),
    Route("/v1/chat/queues/metrics/{key}", queue_metrics, methods=["GET"]),
    Route("/v1/customers/searches/pinned", pinned, methods=["GET"]),
    Route("/v1/schedules/default", default_schedule, methods=["GET"]),
    Route("/v1/spam/senders", spam_upsert, methods=["PUT"]),
    Route("/v1/metadata/{resource}", metadata, methods=["GET", "PUT"]),
    Route("/v1/domains/{name}", domain, methods=["GET"]),
    Route("/v1/companies", companies, methods=["GET"]),
]
"""The admin routes; mount them before the read-only collections and the id routes."""
