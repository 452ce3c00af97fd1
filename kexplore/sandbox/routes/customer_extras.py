"""A customer's merges, tracking sessions and events, unmasking windows, and tracking writes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kexplore.sandbox.context import (
    allow,
    fetch,
    list_records,
    read_json,
    respond_record,
    sandbox,
)
from kexplore.sandbox.errors import ApiError, not_found
from kexplore.sandbox.ids import iso_ms, now_ms
from kexplore.sandbox.routes.customers import customer_for
from kexplore.sandbox.routes.generic import item
from kexplore.sandbox.store import Scope
from kexplore.sandbox.writes import create

__all__ = ["ROUTES"]


async def merge(request: Request) -> Response:
    """POST /v1/customers/merges: move the source's conversations to the target (201)."""
    allow(request, "customer", "update")
    body = await read_json(request)
    source = fetch(request, "customer", str(body.get("source")))
    target = fetch(request, "customer", str(body.get("target")))
    if source.id == target.id:
        raise ApiError(
            400, "A customer cannot be merged into itself", source={"pointer": "/target"}
        )
    job = create(request, "customer_merge", {"status": "done"}, customer_id=target.id)
    job.rels |= {"source": source.id, "target": target.id}
    store = sandbox(request).store
    store.save(job)
    for conversation in store.page(Scope("conversation", customer_id=source.id), 0, 10_000):
        conversation.rels["customer"] = target.id
        store.save(conversation)
    return respond_record(request, job, 201)


def _owned(rtype: str, owner: str = "key") -> object:
    async def listing(request: Request) -> Response:
        allow(request, "customer", "read")
        customer = customer_for(request, request.path_params[owner])
        scope = Scope(rtype, customer_id=customer.id)
        name = request.query_params.get("name")
        if name and rtype == "customer_event":
            scope = Scope(rtype, customer_id=customer.id, attrs=(("$.name", name),))
        return list_records(request, scope)

    return listing


async def customer_event(request: Request) -> Response:
    """GET /v1/customers/{customerId}/events/{id}."""
    allow(request, "customer", "read")
    customer = customer_for(request, request.path_params["customerId"])
    event = item(request, "customer_event", "id")
    if event.customer_id != customer.id:
        raise not_found("customer event", f"id {event.id} of customer {customer.id}")
    return respond_record(request, event)


async def session_events(request: Request) -> Response:
    """GET /v1/customers/{customerId}/sessions/{sessionId}/events."""
    allow(request, "customer", "read")
    customer = customer_for(request, request.path_params["customerId"])
    session = request.path_params["sessionId"]
    scope = Scope("tracking_event", customer_id=customer.id, attrs=(("$.sessionId", session),))
    return list_records(request, scope)


async def unmasking(request: Request) -> Response:
    """POST (201) / DELETE (204) /v1/customers/{id}/unmasking-windows."""
    allow(request, "customer", "update")
    customer = customer_for(request, request.path_params["key"])
    store = sandbox(request).store
    for window in store.page(Scope("unmasking_window", customer_id=customer.id), 0, 100):
        store.delete(window.id)
    if request.method == "DELETE":
        return Response(status_code=204)
    body = await read_json(request)
    seconds = body.get("duration") if isinstance(body.get("duration"), int) else 3600
    body["expiresAt"] = iso_ms(now_ms() + seconds * 1000)
    window = create(request, "unmasking_window", body, customer_id=customer.id)
    window.rels["customer"] = customer.id
    store.save(window)
    return respond_record(request, window, 201)


async def tracking(request: Request) -> Response:
    """POST /v1/tracking/event (204), /identity and /identityEvent (201)."""
    allow(request, "customer", "create")
    body = await read_json(request)
    kind = request.url.path.rsplit("/", 1)[1]
    if kind == "event":
        create(request, "tracking_event", {**body, "trackingEvent": "track"})
        return Response(status_code=204)
    email = body.get("email")
    found = sandbox(request).store.lookup("customer:email", str(email).lower()) if email else None
    stamp = iso_ms(now_ms())
    attrs = {"trackingId": body.get("trackingId"), "email": email}
    attrs |= {"status": "identified" if found else "pending", "statusAt": stamp}
    identity = create(request, "tracking_identity", attrs)
    if found is not None:
        identity.rels["customer"] = found.id
        sandbox(request).store.save(identity)
    if kind == "identityEvent" and isinstance(body.get("event"), dict):
        create(request, "tracking_event", {**body["event"], "trackingEvent": "track"})
    return respond_record(request, identity, 201)


ROUTES = [
    Route("/v1/customers/merges", merge, methods=["POST"]),
    Route("/v1/customers/{key}/merges", _owned("customer_merge"), methods=["GET"]),
    Route("/v1/customers/{key}/sessions", _owned("tracking_session"), methods=["GET"]),
    Route("/v1/customers/{key}/events", _owned("customer_event"), methods=["GET"]),
    Route("/v1/customers/{customerId}/events/{id}", customer_event, methods=["GET"]),
    Route(
        "/v1/customers/{customerId}/sessions/{sessionId}/events", session_events, methods=["GET"]
    ),
    Route("/v1/customers/{key}/unmasking-windows", unmasking, methods=["POST", "DELETE"]),
    Route("/v1/tracking/event", tracking, methods=["POST"]),
    Route("/v1/tracking/identity", tracking, methods=["POST"]),
    Route("/v1/tracking/identityEvent", tracking, methods=["POST"]),
]
"""The customer extras; mount `/v1/customers/merges` before the customer id routes."""
