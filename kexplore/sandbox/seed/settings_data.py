"""The settings documents the sandbox seeds, one each, and the attribute metadata."""

from __future__ import annotations

from typing import Any

__all__ = ["SINGLETON_ROWS"]

SINGLETON_ROWS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "auth_settings",
        {
            "google": {"enabled": False},
            "kustomer": {"enabled": True, "passwordMinLength": 10},
            "saml": {"enabled": False},
        },
    ),
    (
        "customer_auth_settings",
        {
            "corsWhitelist": ["https://sandbox-outfitters.example"],
            "secret": "sandbox-customer-secret",
        },
    ),
    (
        "public_auth_settings",
        {"google": {"enabled": False}, "kustomer": {"enabled": True}, "saml": {"enabled": False}},
    ),
    ("routing_settings", {"autoAssign": True, "maxConcurrentItems": 3}),
    ("user_routing_settings", {"status": "available", "capacity": {"email": 3, "chat": 2}}),
    (
        "queue_rule_criteria",
        {
            "fields": [
                "customer.tags",
                "conversation.channel",
                "conversation.priority",
                "message.subject",
            ],
            "operators": ["equals", "contains", "gte", "lte"],
        },
    ),
    (
        "search_schema",
        {
            "contexts": {
                "customer": [
                    "customer_email",
                    "customer_name",
                    "customer_created_at",
                    "customer_updated_at",
                ],
                "conversation": [
                    "conversation_status",
                    "conversation_updated_at",
                    "conversation_tags",
                ],
            }
        },
    ),
    ("search_positions", {"positions": []}),
    (
        "metadata",
        {
            "resource": "customer",
            "properties": {
                "loyaltyTierStr": {"displayName": "Loyalty tier", "type": "string"},
                "lifetimeValueNum": {"displayName": "Lifetime value", "type": "number"},
            },
        },
    ),
    (
        "metadata",
        {
            "resource": "conversation",
            "properties": {"orderNumberStr": {"displayName": "Order number", "type": "string"}},
        },
    ),
    (
        "metadata",
        {
            "resource": "company",
            "properties": {"accountTierStr": {"displayName": "Account tier", "type": "string"}},
        },
    ),
    ("metadata", {"resource": "message", "properties": {}}),
    ("metadata", {"resource": "user", "properties": {}}),
)
"""One settings document each (and the attribute metadata per resource)."""
