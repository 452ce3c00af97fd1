"""`/v1/klasses`: Klasses, and KObjects addressed by Klass name."""

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
from kexplore.sandbox.errors import not_found
from kexplore.sandbox.ids import OBJECT_ID
from kexplore.sandbox.resources import KLASS_NAMES
from kexplore.sandbox.routes.customers import klass_type
from kexplore.sandbox.store import Record, Scope
from kexplore.sandbox.writes import create, update

__all__ = ["ROUTES"]


async def list_klasses(request: Request) -> Response:
    """GET /v1/klasses (`status=enabled|disabled` filters)."""
    allow(request, "klass", "read")
    status = request.query_params.get("status")
    filters = (("$.status", status),) if status in ("enabled", "disabled") else ()
    return list_records(request, Scope("klass", attrs=filters))


async def klass_or_kobjects(request: Request) -> Response:
    """GET /v1/klasses/{id} is a Klass; GET /v1/klasses/{name} lists its KObjects."""
    key = request.path_params["key"]
    if key in KLASS_NAMES or sandbox(request).store.lookup("klass:name", key):
        allow(request, "kobject", "read")
        return list_records(request, Scope(klass_type(key, sandbox(request).store)))
    allow(request, "klass", "read")
    if not OBJECT_ID.match(key):
        raise not_found("klass", f"name or id {key}")
    return respond_record(request, fetch(request, "klass", key))


async def create_kobject(request: Request) -> Response:
    """POST /v1/klasses/{name} -> 201 (`title` required)."""
    allow(request, "kobject", "create")
    rtype = klass_type(request.path_params["key"], sandbox(request).store)
    return respond_record(request, create(request, rtype, await read_json(request)), 201)


def _kobject(request: Request) -> Record:
    rtype = klass_type(request.path_params["key"], sandbox(request).store)
    rid = request.path_params["id"]
    name, sep, value = rid.partition("=")
    if sep and name == "externalId" and request.method == "GET":
        found = sandbox(request).store.lookup(f"{rtype}:externalId", value)
        if found is None:
            raise not_found(f"KObject of Klass {rtype[8:]}", f"externalId {value}")
        return found
    if not OBJECT_ID.match(rid):
        raise not_found(f"KObject of Klass {rtype[8:]}", f"id {rid}")
    return fetch(request, rtype, rid)


async def get_kobject(request: Request) -> Response:
    """GET /v1/klasses/{name}/{id} or `/v1/klasses/{name}/externalId=...`."""
    allow(request, "kobject", "read")
    return respond_record(request, _kobject(request))


async def update_kobject(request: Request) -> Response:
    """PUT or PATCH /v1/klasses/{name}/{id}."""
    allow(request, "kobject", "update")
    record = _kobject(request)
    return respond_record(request, update(request, record, await read_json(request)))


async def delete_kobject(request: Request) -> Response:
    """DELETE /v1/klasses/{name}/{id} -> 204."""
    allow(request, "kobject", "delete")
    sandbox(request).store.delete(_kobject(request).id)
    return Response(status_code=204)


async def company_kobjects(request: Request) -> Response:
    """GET /v1/companies/{id}/klasses/{name}: KObjects linked to a company."""
    allow(request, "kobject", "read")
    rtype = klass_type(request.path_params["name"], sandbox(request).store)
    company = fetch(request, "company", request.path_params["key"])
    return list_records(request, Scope(rtype, rels=(("company", company.id),)))


ROUTES = [
    Route("/v1/klasses", list_klasses, methods=["GET"]),
    Route("/v1/klasses/{key}", klass_or_kobjects, methods=["GET"]),
    Route("/v1/klasses/{key}", create_kobject, methods=["POST"]),
    Route("/v1/klasses/{key}/{id}", get_kobject, methods=["GET"]),
    Route("/v1/klasses/{key}/{id}", update_kobject, methods=["PUT", "PATCH"]),
    Route("/v1/klasses/{key}/{id}", delete_kobject, methods=["DELETE"]),
    Route("/v1/companies/{key}/klasses/{name}", company_kobjects, methods=["GET"]),
]
"""The Klass and KObject routes."""
