"""Bulk endpoints: each answers with a job (then done) that names the records it changed."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kexplore.sandbox.context import allow, caller_key, fetch, respond_record, sandbox
from kexplore.sandbox.errors import ApiError
from kexplore.sandbox.ids import OBJECT_ID, iso_ms, new_object_id, now_ms
from kexplore.sandbox.routes.conversations import add_child
from kexplore.sandbox.routes.customers import klass_type
from kexplore.sandbox.shapes import status_of
from kexplore.sandbox.store import Record
from kexplore.sandbox.writes import create, update

__all__ = ["ROUTES"]

MAX_ITEMS = 1000
"""Kustomer takes at most this many items per bulk request."""


async def _items(request: Request) -> list[dict[str, Any]]:
    raw = await request.body()
    try:
        body = orjson.loads(raw) if raw.strip() else None
    except orjson.JSONDecodeError as error:
        raise ApiError(400, f"Request body is not valid JSON: {error}") from None
    if not isinstance(body, list) or not all(isinstance(item, dict) for item in body):
        raise ApiError(400, "A bulk request body must be an array of objects")
    if len(body) > MAX_ITEMS:
        raise ApiError(400, f"A bulk request takes at most {MAX_ITEMS} items")
    return body


def _ids(request: Request) -> list[str]:
    ids = [i for i in request.query_params.get("ids", "").split(",") if i]
    if not ids or not all(OBJECT_ID.match(i) for i in ids):
        raise ApiError(
            400, "Query parameter 'ids' must be a comma list of ids", source={"parameter": "ids"}
        )
    return ids


def _rtype(request: Request) -> str:
    name = request.path_params.get("name")
    if name is not None:
        return klass_type(name, sandbox(request).store)
    return request.url.path.split("/")[2].removesuffix("s").replace("companie", "company")


def _job(request: Request, rtype: str, ids: list[str], payload: Any) -> Record:
    state = sandbox(request)
    stamp = iso_ms(now_ms())
    attrs = {
        "ids": ids,
        "context": rtype.split(".")[0],
        "status": "done",
        "v2": True,
        "completed": True,
        "payload": {"api": {"data": payload, "path": request.url.path, "method": request.method}},
        "createdAt": stamp,
        "updatedAt": stamp,
    }
    rels = {"createdBy": state.world.machines[caller_key(request)]}
    job = Record(new_object_id(), "bulk_operation", attrs, rels)
    state.store.insert(job)
    return job


def _create(request: Request, rtype: str, item: dict[str, Any]) -> str:
    if rtype in ("message", "note"):
        body = dict(item)
        conversation = fetch(request, "conversation", str(body.pop("conversation", "")))
        return add_child(request, conversation, rtype, body).id
    return create(request, rtype, item).id


def _run(request: Request, rtype: str, items: list[dict[str, Any]]) -> list[str]:
    if request.method == "POST":
        return [_create(request, rtype, item) for item in items]
    changed = []
    for item in items:
        body = {k: v for k, v in item.items() if k != "id"}
        changed.append(update(request, fetch(request, rtype, str(item.get("id"))), body).id)
    return changed


async def bulk(request: Request) -> Response:
    """POST / PUT / DELETE `.../bulk`: do the work, answer with the finished job."""
    rtype = _rtype(request)
    action = {"POST": "create", "PUT": "update", "DELETE": "delete"}[request.method]
    allow(request, rtype.split(".")[0], action)
    if request.method == "DELETE":
        ids = _ids(request)
        for rid in ids:
            fetch(request, rtype, rid)
        for rid in ids:
            sandbox(request).store.delete(rid)
        payload: Any = {"ids": ids}
    else:
        payload = await _items(request)
        ids = _run(request, rtype, payload)
    template = request.url.path.replace(request.path_params.get("name", "\0"), "{name}")
    job = _job(request, rtype, ids, payload)
    return respond_record(request, job, status_of(request.method, template, 201))


ROUTES = [
    Route(f"/v1/{family}/bulk", bulk, methods=methods)
    for family, methods in (
        ("customers", ["POST", "PUT", "DELETE"]),
        ("conversations", ["POST", "PUT"]),
        ("messages", ["POST", "PUT"]),
        ("notes", ["POST", "PUT"]),
        ("companies", ["POST", "PUT"]),
    )
] + [Route("/v1/klasses/{name}/bulk", bulk, methods=["POST", "PUT", "DELETE"])]
"""The bulk routes; mount them before the id routes."""
