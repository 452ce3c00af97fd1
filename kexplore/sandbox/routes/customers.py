"""`/v1/customers` and its lookups and sub-collections."""

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
from kexplore.sandbox.ids import OBJECT_ID
from kexplore.sandbox.resources import KLASS_NAMES
from kexplore.sandbox.store import Record, Scope, Store
from kexplore.sandbox.writes import create, phone_key, update

__all__ = ["ROUTES", "customer_for", "klass_type"]

LOOKUPS = {"email": str.lower, "externalId": str, "phone": phone_key}
"""Lookup prefix in `/v1/customers/<prefix>=<value>` -> how its value is normalised."""


def customer_for(request: Request, key: str) -> Record:
    """Resolve a customer id or lookup segment (`email=...`, `externalId=...`, `phone=...`).

    Raises:
        ApiError: 404 when nothing matches.
    """
    name, sep, value = key.partition("=")
    if sep and name in LOOKUPS:
        found = sandbox(request).store.lookup(f"customer:{name}", LOOKUPS[name](value))
        if found is None:
            raise not_found("customer", f"{name} {value}")
        return found
    return fetch(request, "customer", key)


def klass_type(name: str, store: Store | None = None) -> str:
    """Return the KObject type of a Klass name, or raise a 404 for an unknown Klass.

    Args:
        name: The Klass name from the path.
        store: Where Klasses created at run time are found (the seeded ones are known).
    """
    if name not in KLASS_NAMES and (store is None or store.lookup("klass:name", name) is None):
        raise not_found("klass", f"name {name}")
    return f"kobject.{name}"


async def list_customers(request: Request) -> Response:
    """GET /v1/customers: the rich list (total, totalPages, links.last)."""
    allow(request, "customer", "read")
    return list_records(request, Scope("customer"), rich=True)


async def create_customer(request: Request) -> Response:
    """POST /v1/customers -> 201."""
    allow(request, "customer", "create")
    return respond_record(request, create(request, "customer", await read_json(request)), 201)


async def get_customer(request: Request) -> Response:
    """GET /v1/customers/{id} or a lookup: `email=`, `externalId=`, `phone=`."""
    allow(request, "customer", "read")
    return respond_record(request, customer_for(request, request.path_params["key"]))


async def update_customer(request: Request) -> Response:
    """PUT or PATCH /v1/customers/{id}; a stale `rev` -> 409."""
    allow(request, "customer", "update")
    record = _by_id(request)
    return respond_record(request, update(request, record, await read_json(request)))


async def delete_customer(request: Request) -> Response:
    """DELETE /v1/customers/{id} -> 204 (its conversations, messages, notes go too)."""
    allow(request, "customer", "delete")
    sandbox(request).store.delete(_by_id(request).id)
    return Response(status_code=204)


def _by_id(request: Request) -> Record:
    key = request.path_params["key"]
    if not OBJECT_ID.match(key):
        raise not_found("customer", f"id {key}")
    return fetch(request, "customer", key)


async def customer_conversations(request: Request) -> Response:
    """GET /v1/customers/{id}/conversations."""
    allow(request, "conversation", "read")
    customer = customer_for(request, request.path_params["key"])
    scope = Scope("conversation", customer_id=customer.id)
    return list_records(request, scope, from_field="createdAt")


async def create_customer_conversation(request: Request) -> Response:
    """POST /v1/customers/{id}/conversations -> 201."""
    allow(request, "conversation", "create")
    customer = customer_for(request, request.path_params["key"])
    body = await read_json(request)
    if body.setdefault("customer", customer.id) != customer.id:
        raise ApiError(400, '"customer" differs from the customer in the path')
    return respond_record(request, create(request, "conversation", body), 201)


async def customer_messages(request: Request) -> Response:
    """GET /v1/customers/{id}/messages."""
    allow(request, "message", "read")
    customer = customer_for(request, request.path_params["key"])
    return list_records(request, Scope("message", customer_id=customer.id))


async def customer_notes(request: Request) -> Response:
    """GET /v1/customers/{id}/notes."""
    allow(request, "note", "read")
    customer = customer_for(request, request.path_params["key"])
    return list_records(request, Scope("note", customer_id=customer.id))


async def customer_kobjects(request: Request) -> Response:
    """GET /v1/customers/{id}/klasses/{name}: the customer's KObjects of one Klass."""
    allow(request, "customer", "read")
    rtype = klass_type(request.path_params["name"], sandbox(request).store)
    customer = customer_for(request, request.path_params["key"])
    return list_records(request, Scope(rtype, customer_id=customer.id))


async def create_customer_kobject(request: Request) -> Response:
    """POST /v1/customers/{id}/klasses/{name} -> 201."""
    allow(request, "kobject", "create")
    rtype = klass_type(request.path_params["name"], sandbox(request).store)
    customer = customer_for(request, request.path_params["key"])
    body = await read_json(request)
    body.setdefault("customer", customer.id)
    return respond_record(request, create(request, rtype, body), 201)


ROUTES = [
    Route("/v1/customers", list_customers, methods=["GET"]),
    Route("/v1/customers", create_customer, methods=["POST"]),
    Route("/v1/customers/{key}", get_customer, methods=["GET"]),
    Route("/v1/customers/{key}", update_customer, methods=["PUT", "PATCH"]),
    Route("/v1/customers/{key}", delete_customer, methods=["DELETE"]),
    Route("/v1/customers/{key}/conversations", customer_conversations, methods=["GET"]),
    Route("/v1/customers/{key}/conversations", create_customer_conversation, methods=["POST"]),
    Route("/v1/customers/{key}/messages", customer_messages, methods=["GET"]),
    Route("/v1/customers/{key}/notes", customer_notes, methods=["GET"]),
    Route("/v1/customers/{key}/klasses/{name}", customer_kobjects, methods=["GET"]),
    Route("/v1/customers/{key}/klasses/{name}", create_customer_kobject, methods=["POST"]),
]
"""The customer routes (search lives in `routes_search.py` and must be mounted first)."""
