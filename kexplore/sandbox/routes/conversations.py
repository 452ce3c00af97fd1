"""`/v1/conversations` and the messages and notes created under a conversation."""

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
from kexplore.sandbox.ids import OBJECT_ID, iso_ms, now_ms
from kexplore.sandbox.store import Record, Scope
from kexplore.sandbox.writes import create, update

__all__ = ["ROUTES", "add_child"]


def _conversation(request: Request, *, lookups: bool = False) -> Record:
    key = request.path_params["key"]
    name, sep, value = key.partition("=")
    if lookups and sep and name == "externalId":
        found = sandbox(request).store.lookup("conversation:externalId", value)
        if found is None:
            raise not_found("conversation", f"externalId {value}")
        return found
    if not OBJECT_ID.match(key):
        raise not_found("conversation", f"id {key}")
    return fetch(request, "conversation", key)


async def list_conversations(request: Request) -> Response:
    """GET /v1/conversations (`sort=desc` for newest first)."""
    allow(request, "conversation", "read")
    desc = request.query_params.get("sort") == "desc"
    return list_records(request, Scope("conversation"), desc=desc)


async def create_conversation(request: Request) -> Response:
    """POST /v1/conversations -> 201; the body must name its `customer`."""
    allow(request, "conversation", "create")
    return respond_record(request, create(request, "conversation", await read_json(request)), 201)


async def get_conversation(request: Request) -> Response:
    """GET /v1/conversations/{id} or `/v1/conversations/externalId=...`."""
    allow(request, "conversation", "read")
    return respond_record(request, _conversation(request, lookups=True))


async def update_conversation(request: Request) -> Response:
    """PUT or PATCH /v1/conversations/{id}; a stale `rev` -> 409, `rev` increments."""
    allow(request, "conversation", "update")
    record = _conversation(request)
    return respond_record(request, update(request, record, await read_json(request)))


async def delete_conversation(request: Request) -> Response:
    """DELETE /v1/conversations/{id} -> 204 (its messages and notes go too)."""
    allow(request, "conversation", "delete")
    sandbox(request).store.delete(_conversation(request).id)
    return Response(status_code=204)


async def conversation_messages(request: Request) -> Response:
    """GET /v1/conversations/{id}/messages."""
    allow(request, "message", "read")
    conversation = _conversation(request)
    return list_records(request, Scope("message", conversation_id=conversation.id))


async def conversation_notes(request: Request) -> Response:
    """GET /v1/conversations/{id}/notes."""
    allow(request, "note", "read")
    conversation = _conversation(request)
    return list_records(request, Scope("note", conversation_id=conversation.id))


def _count(request: Request, conversation: Record, child: Record) -> None:
    attrs, stamp = conversation.attrs, iso_ms(now_ms())
    if child.type == "note":
        attrs["noteCount"] = attrs.get("noteCount", 0) + 1
    else:
        way = "inbound" if child.attrs.get("direction", "in") == "in" else "outbound"
        for name in ("messageCount", f"{way}MessageCount"):
            attrs[name] = attrs.get(name, 0) + 1
        attrs["lastMessageAt"] = stamp
    attrs["updatedAt"] = attrs["lastActivityAt"] = stamp
    sandbox(request).store.save(conversation)


def add_child(request: Request, conversation: Record, rtype: str, body: dict) -> Record:
    """Create a message or note in a conversation and update the conversation's counts.

    Args:
        request: The request (its key becomes `createdBy`).
        conversation: The owning conversation.
        rtype: `message` or `note`.
        body: The validated-on-create JSON body.

    Returns:
        The stored child.
    """
    owners = {"customer_id": conversation.customer_id, "conversation_id": conversation.id}
    child = create(request, rtype, body, **owners)
    if rtype == "message" and not child.attrs.get("sentAt"):
        child.attrs["sentAt"] = child.attrs["createdAt"]
        sandbox(request).store.save(child)
    _count(request, conversation, child)
    return child


async def _create_child(request: Request, rtype: str) -> Response:
    allow(request, rtype, "create")
    conversation = _conversation(request)
    child = add_child(request, conversation, rtype, await read_json(request))
    return respond_record(request, child, 201)


async def create_message(request: Request) -> Response:
    """POST /v1/conversations/{id}/messages -> 201 (`channel` and `app` required)."""
    return await _create_child(request, "message")


async def create_note(request: Request) -> Response:
    """POST /v1/conversations/{id}/notes -> 201 (`body` required)."""
    return await _create_child(request, "note")


ROUTES = [
    Route("/v1/conversations", list_conversations, methods=["GET"]),
    Route("/v1/conversations", create_conversation, methods=["POST"]),
    Route("/v1/conversations/{key}", get_conversation, methods=["GET"]),
    Route("/v1/conversations/{key}", update_conversation, methods=["PUT", "PATCH"]),
    Route("/v1/conversations/{key}", delete_conversation, methods=["DELETE"]),
    Route("/v1/conversations/{key}/messages", conversation_messages, methods=["GET"]),
    Route("/v1/conversations/{key}/messages", create_message, methods=["POST"]),
    Route("/v1/conversations/{key}/notes", conversation_notes, methods=["GET"]),
    Route("/v1/conversations/{key}/notes", create_note, methods=["POST"]),
]
"""The conversation routes."""
