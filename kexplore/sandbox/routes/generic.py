"""The simpler collections, served from a table: list, create, get, update and delete."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

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
from kexplore.sandbox.ids import OBJECT_ID, iso_ms, now_ms
from kexplore.sandbox.resources import render
from kexplore.sandbox.shapes import endpoint_for, status_of
from kexplore.sandbox.store import Record, Scope
from kexplore.sandbox.writes import create, update

__all__ = ["COLLECTIONS", "collection_routes", "item", "respond_file"]

Handler = Callable[[Request], Awaitable[Response]]

COLLECTIONS: tuple[tuple[str, str, str], ...] = (
    ("/v1/outbound-webhooks/transactions", "webhook_transaction", "org"),
    ("/v1/customers/searches", "saved_search", "customer"),
    ("/v1/shortcuts/categories", "shortcut_category", "shortcut"),
    ("/v1/routing/queue-rules", "queue_rule", "queue"),
    ("/v1/routing/work-sessions", "work_session", "queue"),
    ("/v1/routing/work-items", "work_item", "queue"),
    ("/v1/routing/statuses", "routing_status", "queue"),
    ("/v1/outbound-webhooks", "outbound_webhook", "org"),
    ("/v1/apps/available", "app", "org"),
    ("/v1/outboundAccounts", "outbound_account", "org"),
    ("/v1/kb/categories", "kb_category", "org"),
    ("/v1/kb/articles", "kb_article", "org"),
    ("/v1/notifications", "notification", "user"),
    ("/v1/satisfaction", "satisfaction", "org"),
    ("/v1/role-groups", "role_group", "user"),
    ("/v1/hooks/email", "email_hook", "org"),
    ("/v1/hooks/form", "form_hook", "org"),
    ("/v1/hooks/web", "web_hook", "org"),
    ("/v1/schedules", "schedule", "org"),
    ("/v1/workflows", "workflow", "org"),
    ("/v1/snippets", "snippet", "shortcut"),
    ("/v1/snoozes", "snooze", "conversation"),
    ("/v1/kviews", "kview", "org"),
    ("/v1/cards", "card", "org"),
    ("/v1/slas", "sla", "org"),
    ("/v1/apps", "installed_app", "org"),
    ("/v1/media", "media", "message"),
    ("/v1/attachments", "attachment", "message"),
    ("/v1/bulk", "bulk_operation", "org"),
    ("/v1/customers/merges", "customer_merge", "customer"),
    ("/v1/holidays", "holiday", "org"),
    ("/v1/sla-versions", "sla_version", "org"),
    ("/v1/audit-logs", "audit_log", "org"),
    ("/v1/customer-events", "customer_event", "customer"),
    ("/v1/conversation-events", "conversation_event", "conversation"),
    ("/v1/unmasking-windows", "unmasking_window", "customer"),
    ("/v1/tracking/events", "tracking_event", "customer"),
    ("/v1/tracking/sessions", "tracking_session", "customer"),
    ("/v1/tracking/identities", "tracking_identity", "customer"),
    ("/v1/auth/roles", "role", "user"),
    ("/v1/spam/senders", "spam_sender", "org"),
    ("/v1/settings", "setting", "org"),
)
"""(list path, type, role object) per collection, the longer paths of a prefix first."""


def _upload(request: Request, record: Record) -> dict[str, Any]:
    """The pre-signed upload form Kustomer returns with a file (the sandbox's: local)."""
    fields = {"key": f"{record.type}/{record.id}", "acl": "private", "bucket": "sandbox"}
    fields |= {"Content-Type": str(record.attrs.get("contentType") or "")}
    fields |= {"X-Amz-Meta-Attachment-Id": record.id, "X-Amz-Algorithm": "AWS4-HMAC-SHA256"}
    fields |= {"X-Amz-Credential": "sandbox", "X-Amz-Date": "20260101T000000Z"}
    fields |= {"Policy": "sandbox", "X-Amz-Signature": "sandbox"}
    return {
        "provider": "s3",
        "upload": {
            "url": f"/v1/{record.type.replace('attachment', 'attachments')}/{record.id}/download",
            "fields": fields,
        },
    }


def respond_file(request: Request, record: Record, status: int = 200) -> Response:
    """Respond with an attachment or media record and its upload form in `meta`."""
    state = sandbox(request)
    document = {"data": render(record, state.world.org), "meta": _upload(request, record)}
    return respond(document, status)


def item(request: Request, rtype: str, key: str = "key") -> Record:
    """Return the record of `rtype` the path parameter `key` names, or raise a 404."""
    rid = request.path_params[key]
    if not OBJECT_ID.match(rid):
        raise not_found(rtype, f"id {rid}")
    return fetch(request, rtype, rid)


def _handlers(path: str, rtype: str, obj: str) -> dict[str, Handler]:
    async def listing(request: Request) -> Response:
        allow(request, obj, "read")
        return list_records(request, Scope(rtype), max_size=100)

    answer = respond_file if rtype in ("attachment", "media") else respond_record

    async def adding(request: Request) -> Response:
        allow(request, obj, "create")
        record = create(request, rtype, await read_json(request))
        return answer(request, record, status_of("POST", path, 201))

    async def getting(request: Request) -> Response:
        allow(request, obj, "read")
        return answer(request, item(request, rtype))

    async def changing(request: Request) -> Response:
        allow(request, obj, "update")
        record = update(request, item(request, rtype), await read_json(request))
        return answer(request, record, status_of(request.method, path + "/{id}"))

    async def deleting(request: Request) -> Response:
        allow(request, obj, "delete")
        return _delete(request, item(request, rtype), status_of("DELETE", path + "/{id}", 204))

    return {"list": listing, "create": adding, "get": getting, "update": changing, "del": deleting}


def _delete(request: Request, record: Record, status: int) -> Response:
    store = sandbox(request).store
    if status == 204:
        store.delete(record.id)
        return Response(status_code=204)
    record.attrs |= {"deleted": True, "deletedAt": iso_ms(now_ms())}
    record.rels["deletedBy"] = sandbox(request).world.machines[caller_key(request)]
    store.save(record)
    store.delete(record.id)
    return respond_record(request, record, status)


def collection_routes() -> list[Route]:
    """Build the routes of every table collection that the catalogue lists (GET by id always,
    so every `links.self` answers)."""
    routes = []
    for path, rtype, obj in COLLECTIONS:
        handler = _handlers(path, rtype, obj)
        one = path + "/{key}"
        if endpoint_for("GET", path):
            routes.append(Route(path, handler["list"], methods=["GET"]))
        if endpoint_for("POST", path):
            routes.append(Route(path, handler["create"], methods=["POST"]))
        routes.append(Route(one, handler["get"], methods=["GET"]))
        writes = [m for m in ("PUT", "PATCH") if endpoint_for(m, path + "/{id}")]
        if writes:
            routes.append(Route(one, handler["update"], methods=writes))
        if endpoint_for("DELETE", path + "/{id}"):
            routes.append(Route(one, handler["del"], methods=["DELETE"]))
    return routes
