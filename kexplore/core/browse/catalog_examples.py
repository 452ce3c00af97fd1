"""Example ids and request bodies shared by the catalogue's resource families."""

from __future__ import annotations

from typing import Any

__all__ = ["EXAMPLE_IDS"]

EXAMPLE_IDS: dict[str, str] = {
    "customer": "5a821b9499792b00019347f2",
    "conversation": "5b3e6f2c1a9d4e0019a7c3d1",
    "user": "5a79d3e2c8b66e0001ba9541",
    "tag": "5c0f1e2d3b4a590012ab34cd",
    "tag2": "5c0f1e2d3b4a590012ab34ce",
    "team": "5c1a2b3c4d5e6f0012ab0001",
    "message": "5c2b3c4d5e6f700012ab0002",
    "note": "5c3c4d5e6f70810012ab0003",
    "schedule": "5c4d5e6f7081920012ab0004",
    "queue": "5c5e6f708192a30012ab0005",
    "role_group": "5c6f708192a3b40012ab0006",
    "attachment": "5c708192a3b4c50012ab0007",
    "brand": "5c8192a3b4c5d60012ab0008",
    "customer2": "5a821b9499792b00019347f3",
    "kobject": "5c9192a3b4c5d60012ab0009",
    "company": "5c9192a3b4c5d60012ab000a",
    "queue_rule": "5c5e6f708192a30012ab0010",
}
"""The ids the example bodies refer to (the sandbox's tests swap in seeded ones)."""

CUSTOMER_ID = EXAMPLE_IDS["customer"]
CONVERSATION_ID = EXAMPLE_IDS["conversation"]
USER_ID = EXAMPLE_IDS["user"]
TAG_IDS = [EXAMPLE_IDS["tag"], EXAMPLE_IDS["tag2"]]

CUSTOMER: dict[str, Any] = {
    "name": "Jane Doe",
    "emails": [{"type": "home", "email": "jane@example.com"}],
    "phones": [{"type": "mobile", "phone": "+15555550123"}],
    "externalId": "crm-10042",
    "locale": "en_US",
    "timeZone": "America/New_York",
    "custom": {"tierStr": "gold", "lifetimeValueNum": 1290.5},
}
CUSTOMER_PATCH: dict[str, Any] = {"displayName": "Jane D.", "custom": {"tierStr": "platinum"}}
CONVERSATION: dict[str, Any] = {
    "name": "Order #1042 arrived damaged",
    "status": "open",
    "priority": 3,
    "direction": "in",
    "tags": TAG_IDS[:1],
    "custom": {"orderNumberStr": "1042"},
}
CONVERSATION_PATCH: dict[str, Any] = {"status": "done", "priority": 2, "assignedUsers": [USER_ID]}
MESSAGE: dict[str, Any] = {
    "channel": "email",
    "app": "postmark",
    "direction": "in",
    "subject": "My order arrived damaged",
    "preview": "Hi, the box was crushed and the lamp inside is broken. Can you help?",
    "meta": {
        "from": "jane@example.com",
        "to": [{"email": "support@acme.example"}],
        "subject": "My order arrived damaged",
    },
    "status": "received",
    "sentAt": "2026-11-27T05:39:40.123Z",
}
NOTE: dict[str, Any] = {"body": "Called Jane back: replacement lamp shipped, refund not needed."}
KOBJECT: dict[str, Any] = {
    "title": "Order #1042",
    "externalId": "order-1042",
    "description": "Brass desk lamp, shipped 2026-11-20",
    "data": {"orderNumber": "1042", "total": 129.99, "currency": "USD"},
    "custom": {"statusStr": "shipped", "totalNum": 129.99},
}
KLASS: dict[str, Any] = {
    "name": "warranty",
    "displayName": "Warranty",
    "icon": "shield",
    "color": "#4a90d9",
}
COMPANY: dict[str, Any] = {
    "name": "Acme Outdoors",
    "externalId": "acme-7",
    "domains": ["acme.example"],
    "custom": {"segmentStr": "enterprise"},
}
ATTACHMENT: dict[str, Any] = {
    "name": "receipt.pdf",
    "contentType": "application/pdf",
    "contentLength": 48213,
}
DRAFT: dict[str, Any] = {
    "channel": "email",
    "body": "Hi Jane, a replacement lamp is on its way.",
    "subject": "Re: My order arrived damaged",
    "to": ["jane@example.com"],
    "conversation": CONVERSATION_ID,
}
SEARCH: dict[str, Any] = {
    "and": [{"conversation_updated_at": {"gte": "2019-12-26T18:35:41.583Z"}}],
    "or": [{"customer_email": {"equals": "jane@example.com"}}],
    "not": [],
    "sort": [{"conversation_updated_at": "asc"}],
    "queryContext": "conversation",
    "timeZone": "America/New_York",
    "includeDeleted": False,
}
ARCHIVE_SEARCH: dict[str, Any] = {
    "and": [{"customer_updated_at": {"lte": "2022-01-01"}}],
    "sort": [{"customer_updated_at": "desc"}],
    "queryContext": "customer",
}
