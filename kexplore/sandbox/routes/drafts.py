"""Drafts and forwards, and the attachments they carry."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kexplore.sandbox.context import allow, list_records, read_json, respond_record, sandbox
from kexplore.sandbox.errors import ApiError, not_found
from kexplore.sandbox.routes.customers import customer_for
from kexplore.sandbox.routes.generic import item
from kexplore.sandbox.shapes import status_of
from kexplore.sandbox.store import Record, Scope
from kexplore.sandbox.writes import create, update

__all__ = ["ROUTES"]


async def customer_drafts(request: Request) -> Response:
    """GET /v1/customers/{id}/drafts (`include=attachments`)."""
    allow(request, "message", "read")
    customer = customer_for(request, request.path_params["key"])
    return list_records(request, Scope("draft", customer_id=customer.id))


async def create_draft(request: Request) -> Response:
    """POST /v1/customers/{id}/drafts (200, as the OpenAPI declares)."""
    allow(request, "message", "create")
    customer = customer_for(request, request.path_params["key"])
    body = await read_json(request)
    conversation = body.pop("conversation", None)
    draft = create(request, "draft", body, customer_id=customer.id)
    if isinstance(conversation, str):
        draft.rels["conversation"] = item_or_none(request, "conversation", conversation)
    sandbox(request).store.save(draft)
    return respond_record(request, draft, status_of("POST", "/v1/customers/{id}/drafts"))


def item_or_none(request: Request, rtype: str, rid: str) -> str:
    """Return `rid` if a record of `rtype` has it, else raise the 400 a bad reference gets."""
    if sandbox(request).store.get(rid, rtype) is None:
        raise ApiError(400, f'"{rtype}" refers to no {rtype} with id {rid!r}')
    return rid


async def conversation_forwards(request: Request) -> Response:
    """GET /v1/conversations/{id}/forwards."""
    allow(request, "message", "read")
    conversation = item(request, "conversation")
    return list_records(request, Scope("forward", conversation_id=conversation.id))


async def create_forward(request: Request) -> Response:
    """POST /v1/conversations/{id}/forwards (200, as the OpenAPI declares)."""
    allow(request, "message", "create")
    conversation = item(request, "conversation")
    owners = {"customer_id": conversation.customer_id, "conversation_id": conversation.id}
    forward = create(request, "forward", await read_json(request), **owners)
    forward.attrs.setdefault("status", "queued")
    sandbox(request).store.save(forward)
    return respond_record(request, forward, status_of("POST", "/v1/conversations/{id}/forwards"))


def _kind(request: Request) -> str:
    return "draft" if request.url.path.startswith("/v1/drafts/") else "forward"


async def get_one(request: Request) -> Response:
    """GET /v1/drafts/{id} or /v1/forwards/{id}."""
    allow(request, "message", "read")
    return respond_record(request, item(request, _kind(request)))


async def change(request: Request) -> Response:
    """PUT /v1/drafts/{id} or /v1/forwards/{id}: merge the attributes sent."""
    allow(request, "message", "update")
    record = update(request, item(request, _kind(request)), await read_json(request))
    return respond_record(request, record)


async def delete_draft(request: Request) -> Response:
    """DELETE /v1/drafts/{id} -> 204."""
    allow(request, "message", "delete")
    sandbox(request).store.delete(item(request, "draft").id)
    return Response(status_code=204)


async def attachments(request: Request) -> Response:
    """GET /v1/drafts/{id}/attachments (or a forward's)."""
    allow(request, "message", "read")
    owner = item(request, _kind(request))
    return list_records(
        request, Scope("attachment", ids=tuple(owner.rels.get("attachments") or []))
    )


async def attach(request: Request) -> Response:
    """POST .../attachments: `{"attachment": id}` links one; a file description creates one."""
    allow(request, "message", "update")
    kind = _kind(request)
    owner = item(request, kind)
    body = await read_json(request)
    rid = body.get("attachment")
    if isinstance(rid, str):
        attachment = sandbox(request).store.get(rid, "attachment")
        if attachment is None:
            raise not_found("attachment", f"id {rid}")
    else:
        attachment = create(request, "attachment", body)
    attachment.rels[kind] = owner.id
    owner.rels["attachments"] = [*(owner.rels.get("attachments") or []), attachment.id]
    store = sandbox(request).store
    store.save(attachment)
    store.save(owner)
    return respond_record(request, attachment, status_of("POST", f"/v1/{kind}s/{{id}}/attachments"))


def _attached(request: Request) -> tuple[Record, Record]:
    owner = item(request, _kind(request))
    rid = request.path_params["attachmentId"]
    if rid not in (owner.rels.get("attachments") or []):
        raise not_found("attachment", f"id {rid} on {owner.type} {owner.id}")
    return owner, item(request, "attachment", "attachmentId")


async def attached(request: Request) -> Response:
    """GET .../attachments/{attachmentId}."""
    allow(request, "message", "read")
    return respond_record(request, _attached(request)[1])


async def detach(request: Request) -> Response:
    """DELETE .../attachments/{attachmentId} -> 204."""
    allow(request, "message", "update")
    owner, attachment = _attached(request)
    owner.rels["attachments"] = [a for a in owner.rels["attachments"] if a != attachment.id]
    sandbox(request).store.save(owner)
    return Response(status_code=204)


ROUTES = [
    Route("/v1/customers/{key}/drafts", customer_drafts, methods=["GET"]),
    Route("/v1/customers/{key}/drafts", create_draft, methods=["POST"]),
    Route("/v1/conversations/{key}/forwards", conversation_forwards, methods=["GET"]),
    Route("/v1/conversations/{key}/forwards", create_forward, methods=["POST"]),
    Route("/v1/drafts/{key}", get_one, methods=["GET"]),
    Route("/v1/drafts/{key}", change, methods=["PUT"]),
    Route("/v1/drafts/{key}", delete_draft, methods=["DELETE"]),
    Route("/v1/forwards/{key}", get_one, methods=["GET"]),
    Route("/v1/forwards/{key}", change, methods=["PUT"]),
]
for _owner in ("drafts", "forwards"):
    ROUTES += [
        Route(f"/v1/{_owner}/{{key}}/attachments", attachments, methods=["GET"]),
        Route(f"/v1/{_owner}/{{key}}/attachments", attach, methods=["POST"]),
        Route(f"/v1/{_owner}/{{key}}/attachments/{{attachmentId}}", attached, methods=["GET"]),
        Route(f"/v1/{_owner}/{{key}}/attachments/{{attachmentId}}", detach, methods=["DELETE"]),
    ]
"""The draft and forward routes."""
