"""The org-wide settings the sandbox seeds beyond the core records: (type, attributes) rows."""

from __future__ import annotations

from typing import Any

__all__ = ["ORG_ROWS"]

_WEEKDAYS = {str(day): [[540, 1020]] for day in range(1, 6)}

ORG_ROWS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "schedule",
        {
            "name": "Support hours",
            "timezone": "America/New_York",
            "default": True,
            "hours": _WEEKDAYS,
        },
    ),
    (
        "schedule",
        {
            "name": "Weekend chat",
            "timezone": "America/Los_Angeles",
            "hours": {"0": [[600, 960]], "6": [[600, 960]]},
        },
    ),
    (
        "role_group",
        {
            "name": "Agents",
            "display": True,
            "description": "Answer customers",
            "roles": ["org.user.customer.read", "org.user.conversation.write"],
            "system": True,
        },
    ),
    (
        "role_group",
        {
            "name": "Billing",
            "display": True,
            "description": "Refund and cancel orders",
            "roles": ["org.permission.kobject.update"],
        },
    ),
    ("role", {"name": "org.user.customer.read", "displayName": "Read customers"}),
    ("role", {"name": "org.user.conversation.write", "displayName": "Write conversations"}),
    ("role", {"name": "org.admin.user", "displayName": "Manage users"}),
    (
        "outbound_webhook",
        {
            "name": "Orders sync",
            "url": "https://hooks.sandbox-outfitters.example/kustomer",
            "events": ["kustomer.conversation.create", "kustomer.customer.update"],
        },
    ),
    (
        "snippet",
        {
            "name": "greeting",
            "description": "Opening line",
            "translations": {"en": "Hi there,", "es": "Hola,"},
        },
    ),
    (
        "snippet",
        {
            "name": "signoff",
            "description": "Closing line",
            "translations": {"en": "Have a lovely day!", "es": "¡Que tengas un buen día!"},
        },
    ),
    ("snooze", {"name": "Until tomorrow", "duration": 86_400}),
    ("snooze", {"name": "Three days", "duration": 259_200}),
    ("shortcut_category", {"name": "Orders", "description": "Order status and changes"}),
    ("shortcut_category", {"name": "Returns", "description": "Refunds and exchanges"}),
    (
        "saved_search",
        {
            "name": "Open VIP conversations",
            "queryContext": "conversation",
            "criteria": {"and": [{"conversation_status": {"equals": "open"}}]},
            "pinned": True,
            "position": 0,
        },
    ),
    (
        "saved_search",
        {
            "name": "New customers this week",
            "queryContext": "customer",
            "criteria": {"and": [{"customer_created_at": {"gte": "2026-05-01"}}]},
            "position": 1,
        },
    ),
    ("routing_status", {"name": "available", "displayName": "Available", "available": True}),
    ("routing_status", {"name": "lunch", "displayName": "At lunch", "available": False}),
    ("routing_status", {"name": "meeting", "displayName": "In a meeting", "available": False}),
    (
        "work_session",
        {
            "status": "available",
            "statusAt": "2026-05-30T13:00:00.000Z",
            "startedAt": "2026-05-30T13:00:00.000Z",
        },
    ),
    (
        "email_hook",
        {
            "name": "Support inbox",
            "email": "support@sandbox-outfitters.example",
            "description": "Mail to support becomes conversations",
        },
    ),
    (
        "form_hook",
        {
            "name": "Contact form",
            "url": "https://sandbox-outfitters.example/contact",
            "description": "Website contact form",
        },
    ),
    (
        "web_hook",
        {
            "name": "Shop events",
            "url": "https://api.sandbox-outfitters.example/hooks/kustomer",
            "description": "Order events from the shop",
        },
    ),
    ("installed_app", {"app": "shopify", "version": "2.4.1", "displayName": "Shopify"}),
    (
        "app",
        {
            "name": "shopify",
            "version": "2.4.1",
            "displayName": "Shopify",
            "description": "Orders and customers from Shopify",
        },
    ),
    (
        "app",
        {
            "name": "zendesk-import",
            "version": "1.0.3",
            "displayName": "Zendesk import",
            "description": "Move tickets over from Zendesk",
        },
    ),
    ("card", {"name": "order-card", "displayName": "Recent orders", "context": "customer"}),
    (
        "kview",
        {
            "name": "order-timeline",
            "displayName": "Order",
            "resource": "kobject.order",
            "context": "timeline",
        },
    ),
    (
        "workflow",
        {
            "name": "Tag VIP customers",
            "description": "Adds the vip tag to big spenders",
            "steps": [{"action": "add-tag", "tag": "vip"}],
        },
    ),
    (
        "workflow",
        {
            "name": "Close stale conversations",
            "description": "Marks done after 7 quiet days",
            "enabled": False,
        },
    ),
    (
        "kb_category",
        {"name": "Shipping", "slug": "shipping", "description": "Delivery times and tracking"},
    ),
    (
        "kb_category",
        {"name": "Returns", "slug": "returns", "description": "How to send something back"},
    ),
    (
        "kb_article",
        {
            "title": "Where is my order?",
            "slug": "where-is-my-order",
            "status": "published",
            "lang": "en",
        },
    ),
    (
        "kb_article",
        {
            "title": "Returning a damaged item",
            "slug": "returning-a-damaged-item",
            "status": "published",
            "lang": "en",
        },
    ),
    (
        "kb_article",
        {
            "title": "Changing your subscription",
            "slug": "changing-your-subscription",
            "status": "draft",
            "lang": "en",
        },
    ),
    (
        "satisfaction",
        {
            "name": "Post-conversation CSAT",
            "description": "Asked when a conversation is done",
            "channel": "email",
            "formType": "rating",
            "followUpType": "comment",
            "scale": {"type": "stars", "options": 5, "labelLow": "Poor", "labelHigh": "Great"},
            "delayTime": 3600,
            "questions": [{"text": "How did we do?"}],
        },
    ),
    (
        "outbound_account",
        {
            "name": "Support email",
            "channel": "email",
            "account": "support@sandbox-outfitters.example",
        },
    ),
    ("outbound_account", {"name": "Support SMS", "channel": "sms", "account": "+15555550100"}),
    ("spam_sender", {"sender": "deals@bulk-offers.example", "channel": "email", "list": "spam"}),
    ("spam_sender", {"sender": "noreply@phish.example", "channel": "email", "list": "spam"}),
    ("setting", {"name": "defaultLang", "value": {"lang": "en"}}),
    ("setting", {"name": "businessHours", "value": {"enabled": True}}),
    (
        "notification",
        {
            "title": "You were mentioned",
            "body": "Ingrid mentioned you in a note",
            "resourceType": "note",
        },
    ),
    (
        "notification",
        {
            "title": "Conversation assigned",
            "body": "A conversation was assigned to you",
            "resourceType": "conversation",
        },
    ),
    (
        "webhook_transaction",
        {
            "event": "kustomer.conversation.create",
            "url": "https://hooks.sandbox-outfitters.example/kustomer",
            "statusCode": 200,
            "durationMs": 182,
            "sentAt": "2026-05-30T14:02:11.412Z",
        },
    ),
    (
        "webhook_transaction",
        {
            "event": "kustomer.customer.update",
            "url": "https://hooks.sandbox-outfitters.example/kustomer",
            "statusCode": 500,
            "durationMs": 2011,
            "sentAt": "2026-05-30T14:05:40.090Z",
        },
    ),
    (
        "sla",
        {
            "name": "Email first response",
            "description": "Reply to email within 4 business hours",
            "currentVersion": 2,
        },
    ),
)
"""Org-wide records: (type, attributes)."""
