"""Messages and notes written directly, and a conversation's tags, attachments, events, times."""

from __future__ import annotations

from typing import Any

import orjson
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
from kexplore.sandbox.paging import Page, list_document
from kexplore.sandbox.resources import render
from kexplore.sandbox.routes.conversations import add_child
from kexplore.sandbox.routes.customers import customer_for
from kexplore.sandbox.routes.generic import item
from kexplore.sandbox.store import Record, Scope
from kexplore.sandbox.writes import create, update

__all__ = ["ROUTES", "id_list"]


async def id_list(request: Request) -> list[str]:
    """Parse a body that is a JSON array of ids (tags, team members).

    Raises:
        ApiError: 400 for anything else.
    """
    try:
        body = orjson.loads(await request.body() or b"null")
    except orjson.JSONDecodeError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("data"), list):
        body = body["data"]
    if not isinstance(body, list) or not all(isinstance(i, str) for i in body):
        raise ApiError(400, "The body must be a JSON array of ids")
    return body


async def _new_child(request: Request, rtype: str) -> Response:
    allow(request, rtype, "create")
    body = await read_json(request)
    conversation = fetch(request, "conversation", str(body.pop("conversation", "")))
    return respond_record(request, add_child(request, conversation, rtype, body), 201)


async def create_message(request: Request) -> Response:
    """POST /v1/messages: the body names its `conversation`."""
    return await _new_child(request, "message")


async def create_note(request: Request) -> Response:
    """POST /v1/notes: the body names its `conversation`."""
    return await _new_child(request, "note")


async def customer_message(request: Request) -> Response:
    """POST /v1/customers/{id}/messages: into the customer's newest conversation (or a new one)."""
    allow(request, "message", "create")
    customer = customer_for(request, request.path_params["key"])
    body = await read_json(request)
    store = sandbox(request).store
    newest = store.page(Scope("conversation", customer_id=customer.id), 0, 1, desc=True)
    conversation = newest[0] if newest else None
    if conversation is None:
        name = body.get("subject") or "New conversation"
        conversation = create(request, "conversation", {"customer": customer.id, "name": name})
    return respond_record(request, add_child(request, conversation, "message", body), 201)


def _update(rtype: str) -> Any:
    async def change(request: Request) -> Response:
        allow(request, rtype, "update")
        record = update(request, item(request, rtype), await read_json(request))
        return respond_record(request, record)

    return change


async def delete_note(request: Request) -> Response:
    """DELETE /v1/notes/{id} -> 204."""
    allow(request, "note", "delete")
    sandbox(request).store.delete(item(request, "note").id)
    return Response(status_code=204)


async def redact(request: Request) -> Response:
    """POST /v1/messages/{id}/redactions: blank the redacted text for good (201)."""
    allow(request, "message", "update")
    message = item(request, "message")
    body = await read_json(request)
    for redaction in body.get("redactions") or []:
        value = redaction.get("value") if isinstance(redaction, dict) else None
        if isinstance(value, str) and value:
            preview = message.attrs.get("preview") or ""
            message.attrs["preview"] = preview.replace(value, "[redacted]")
    message.attrs["redacted"] = True
    sandbox(request).store.save(message)
    return respond_record(request, message, 201)


async def message_attachments(request: Request) -> Response:
    """GET /v1/messages/{id}/attachments: the attachments relationship's link."""
    allow(request, "message", "read")
    message = item(request, "message")
    ids = tuple(message.rels.get("attachments") or [])
    return list_records(request, Scope("attachment", ids=ids))


async def message_attachment(request: Request) -> Response:
    """GET /v1/messages/{messageId}/attachments/{id}."""
    allow(request, "message", "read")
    message = item(request, "message")
    attachment = item(request, "attachment", "id")
    if attachment.id not in (message.rels.get("attachments") or []):
        raise not_found("attachment", f"id {attachment.id} on message {message.id}")
    return respond_record(request, attachment)


async def download(request: Request) -> Response:
    """GET /v1/attachments/{id}/download: the file (the sandbox's stand-in for S3)."""
    family = request.url.path.split("/")[2].removesuffix("s")
    record = item(request, "media" if family == "media" else "attachment")
    kind = record.attrs.get("contentType") or "application/octet-stream"
    return Response(b"sandbox file " + record.id.encode(), media_type=kind)


async def tags(request: Request) -> Response:
    """POST / DELETE /v1/conversations/{id}/tags: add or remove tag ids; the conversation."""
    allow(request, "conversation", "update")
    conversation = item(request, "conversation")
    wanted = await id_list(request)
    for tid in wanted:
        fetch(request, "tag", tid)
    current = [t for t in conversation.attrs.get("tags") or [] if t not in wanted]
    if request.method == "POST":
        current += wanted
    conversation.attrs["tags"] = current
    sandbox(request).store.save(conversation)
    return respond_record(request, conversation)


def _scoped(rtype: str, role: str) -> Any:
    async def listing(request: Request) -> Response:
        allow(request, role, "read")
        conversation = item(request, "conversation")
        return list_records(request, Scope(rtype, conversation_id=conversation.id))

    return listing


def _times(conversation: Record) -> Record:
    attrs = conversation.attrs
    created, done = attrs.get("createdAt"), (attrs.get("lastDone") or {}).get("createdAt")
    times = {"channels": attrs.get("channels") or [], "createdAt": created}
    times |= {"assignedUsers": attrs.get("assignedUsers") or [], "handleAt": done}
    times |= {
        "assignedTeams": attrs.get("assignedTeams") or [],
        "messageAt": attrs.get("lastMessageAt"),
    }
    times |= {"handleTime": 3_600_000 if done else None, "messageTime": 600_000}
    rels = {"conversation": conversation.id, "customer": conversation.rels.get("customer", "")}
    rels["createdBy"] = conversation.rels.get("createdBy", "")
    return Record(conversation.id, "conversation_time", times, rels)


async def conversation_times(request: Request) -> Response:
    """GET /v1/conversations/{id}/times: one times document in a list."""
    allow(request, "conversation", "read")
    org = sandbox(request).world.org
    data = [render(_times(item(request, "conversation")), org)]
    return respond(list_document(request, Page(1, 100), data, has_next=False))


async def times_by_ids(request: Request) -> Response:
    """GET /v1/conversations/times/{ids}: one id -> an object, several -> a list."""
    allow(request, "conversation", "read")
    org = sandbox(request).world.org
    ids = request.path_params["key"].split(",")
    data = [render(_times(fetch(request, "conversation", rid)), org) for rid in ids]
    return respond({"data": data[0] if len(data) == 1 else data})


ROUTES = [
    Route("/v1/messages", create_message, methods=["POST"]),
    Route("/v1/notes", create_note, methods=["POST"]),
    Route("/v1/conversations/times/{key}", times_by_ids, methods=["GET"]),
    Route("/v1/customers/{key}/messages", customer_message, methods=["POST"]),
    Route("/v1/messages/{key}", _update("message"), methods=["PUT", "PATCH"]),
    Route("/v1/notes/{key}", _update("note"), methods=["PUT", "PATCH"]),
    Route("/v1/notes/{key}", delete_note, methods=["DELETE"]),
    Route("/v1/messages/{key}/redactions", redact, methods=["POST"]),
    Route("/v1/messages/{key}/attachments", message_attachments, methods=["GET"]),
    Route("/v1/messages/{key}/attachments/{id}", message_attachment, methods=["GET"]),
    Route("/v1/attachments/{key}/download", download, methods=["GET"]),
    Route("/v1/media/{key}/download", download, methods=["GET"]),
    Route("/v1/conversations/{key}/tags", tags, methods=["POST", "DELETE"]),
    Route("/v1/conversations/{key}/attachments", _scoped("attachment", "message"), methods=["GET"]),
    Route(
        "/v1/conversations/{key}/events",
        _scoped("conversation_event", "conversation"),
        methods=["GET"],
    ),
    Route("/v1/conversations/{key}/times", conversation_times, methods=["GET"]),
]
"""Routes for messages, notes and conversation sub-resources; mount before the id routes."""
