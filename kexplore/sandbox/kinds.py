"""The resource types beyond the core ones: where each lives and the attributes it renders."""

from __future__ import annotations

from typing import Any

__all__ = ["KIND_DEFAULTS", "KIND_PATHS", "NAMED_PATHS", "SINGLETONS"]

SINGLETONS: dict[str, str] = {
    "auth_settings": "/v1/auth/settings",
    "customer_auth_settings": "/v1/auth/customer/settings",
    "public_auth_settings": "/v1/p/auth/settings",
    "routing_settings": "/v1/routing/settings",
    "user_routing_settings": "/v1/routing/users/current/settings",
    "queue_rule_criteria": "/v1/routing/queue-rules-criteria",
    "search_schema": "/v1/customers/searches/schema",
    "search_positions": "/v1/customers/searches/positions",
}
"""Settings documents, one per org: type -> the path that is also its `links.self`."""

NAMED_PATHS: dict[str, tuple[str, str]] = {
    "metadata": ("/v1/metadata/", "resource"),
    "domain": ("/v1/domains/", "name"),
}
"""Types addressed by an attribute rather than the id: type -> (prefix, attribute)."""


def _nulls(names: str) -> dict[str, Any]:
    return dict.fromkeys(names.split())


_STAMPS = _nulls("createdAt updatedAt modifiedAt")
_FILE = {"name": None, "contentType": None, "contentLength": 0, "redacted": False}
_BULK = {"ids": [], "context": None, "status": "queued", "v2": True, "payload": {}}

KIND_PATHS: dict[str, str] = {
    "attachment": "/v1/attachments/",
    "media": "/v1/media/",
    "draft": "/v1/drafts/",
    "forward": "/v1/forwards/",
    "bulk_operation": "/v1/bulk/",
    "customer_merge": "/v1/customers/merges/",
    "tracking_event": "/v1/tracking/events/",
    "tracking_session": "/v1/tracking/sessions/",
    "tracking_identity": "/v1/tracking/identities/",
    "conversation_event": "/v1/conversation-events/",
    "customer_event": "/v1/customer-events/",
    "conversation_time": "/v1/conversations/times/",
    "unmasking_window": "/v1/unmasking-windows/",
    "schedule": "/v1/schedules/",
    "holiday": "/v1/holidays/",
    "sla": "/v1/slas/",
    "sla_version": "/v1/sla-versions/",
    "role_group": "/v1/role-groups/",
    "role": "/v1/auth/roles/",
    "queue_rule": "/v1/routing/queue-rules/",
    "outbound_webhook": "/v1/outbound-webhooks/",
    "webhook_transaction": "/v1/outbound-webhooks/transactions/",
    "snippet": "/v1/snippets/",
    "snooze": "/v1/snoozes/",
    "shortcut_category": "/v1/shortcuts/categories/",
    "saved_search": "/v1/customers/searches/",
    "routing_status": "/v1/routing/statuses/",
    "work_item": "/v1/routing/work-items/",
    "work_session": "/v1/routing/work-sessions/",
    "email_hook": "/v1/hooks/email/",
    "form_hook": "/v1/hooks/form/",
    "web_hook": "/v1/hooks/web/",
    "installed_app": "/v1/apps/",
    "app": "/v1/apps/available/",
    "card": "/v1/cards/",
    "kview": "/v1/kviews/",
    "workflow": "/v1/workflows/",
    "kb_article": "/v1/kb/articles/",
    "kb_category": "/v1/kb/categories/",
    "notification": "/v1/notifications/",
    "satisfaction": "/v1/satisfaction/",
    "outbound_account": "/v1/outboundAccounts/",
    "spam_sender": "/v1/spam/senders/",
    "audit_log": "/v1/audit-logs/",
    "metadata": "/v1/metadata/",
    "setting": "/v1/settings/",
    "domain": "/v1/domains/",
}
"""Type -> the prefix of its `links.self` (the id follows)."""

KIND_DEFAULTS: dict[str, dict[str, Any]] = {
    "attachment": {**_FILE, "uploaded": True, **_STAMPS},
    "media": {**_FILE, "context": "kobject", "uploaded": True, **_STAMPS},
    "draft": {**_nulls("channel body subject status payload sendAt"), "to": [], **_STAMPS},
    "forward": {
        **_nulls("app channel body subject status payload sendAt from"),
        "to": [],
        **_STAMPS,
    },
    "bulk_operation": {**_BULK, "completed": False, **_nulls("createdAt updatedAt")},
    "customer_merge": {"status": "queued", **_nulls("createdAt updatedAt")},
    "tracking_event": {
        **_nulls("name app sessionId trackingId realIp publishedAt location"),
        "meta": {},
        "trackingEvent": "track",
        "createdAt": None,
    },
    "tracking_session": {**_nulls("sessionId firstEventAt lastEventAt"), "count": 0},
    "tracking_identity": {**_nulls("trackingId email status statusAt createdAt updatedAt")},
    "conversation_event": {
        **_nulls("name type publishedAt location"),
        "changes": {},
        "meta": {},
        **_STAMPS,
    },
    "customer_event": {
        **_nulls("name type publishedAt location"),
        "changes": {},
        "meta": {},
        **_STAMPS,
    },
    "conversation_time": {
        "channels": [],
        **{name: [] for name in ("assignedTeams", "assignedUsers", "createdByTeams")},
        **_nulls("handleAt handleTime messageAt messageTime createdAt"),
    },
    "unmasking_window": {**_nulls("reason duration expiresAt createdAt updatedAt")},
    "schedule": {
        **_nulls("name timezone"),
        "default": False,
        "hours": {},
        "deleted": False,
        "deletedAt": None,
        **_STAMPS,
    },
    "holiday": {**_nulls("name date"), "recurring": False, **_nulls("createdAt updatedAt")},
    "sla": {**_nulls("name description currentVersion"), "enabled": True, **_STAMPS},
    "sla_version": {**_nulls("name version metrics"), **_nulls("createdAt updatedAt")},
    "role_group": {
        **_nulls("name display description"),
        "roles": [],
        "system": False,
        **_nulls("createdAt updatedAt"),
    },
    "role": {**_nulls("name displayName description")},
    "queue_rule": {**_nulls("name queue"), "conditions": [], "enabled": True, **_STAMPS},
    "outbound_webhook": {
        **_nulls("name url description"),
        "events": [],
        "enabled": True,
        **_STAMPS,
    },
    "webhook_transaction": {**_nulls("event url statusCode durationMs sentAt createdAt")},
    "snippet": {**_nulls("name description"), "translations": {}, **_STAMPS},
    "snooze": {**_nulls("name duration"), "enabled": True, **_STAMPS},
    "shortcut_category": {**_nulls("name description"), **_STAMPS},
    "saved_search": {
        **_nulls("name queryContext"),
        "criteria": {},
        "pinned": False,
        "position": 0,
        **_STAMPS,
    },
    "routing_status": {**_nulls("name displayName"), "available": True, **_STAMPS},
    "work_item": {**_nulls("status resource resourceType priority"), **_STAMPS},
    "work_session": {**_nulls("status statusAt startedAt endedAt"), **_STAMPS},
    "email_hook": {**_nulls("name email description"), "enabled": True, **_STAMPS},
    "form_hook": {**_nulls("name url description"), "enabled": True, **_STAMPS},
    "web_hook": {**_nulls("name url description"), "enabled": True, **_STAMPS},
    "installed_app": {**_nulls("app version displayName"), "enabled": True, **_STAMPS},
    "app": {**_nulls("name version displayName description"), **_STAMPS},
    "card": {**_nulls("name displayName context"), **_STAMPS},
    "kview": {**_nulls("name displayName resource context"), **_STAMPS},
    "workflow": {**_nulls("name description"), "enabled": True, "steps": [], **_STAMPS},
    "kb_article": {**_nulls("title slug status lang"), "tags": [], **_STAMPS},
    "kb_category": {**_nulls("name slug description"), **_STAMPS},
    "notification": {**_nulls("title body resourceType"), "read": False, **_STAMPS},
    "satisfaction": {
        **_nulls("name description channel formType followUpType scale delayTime"),
        "enabled": True,
        "questions": [],
        **_STAMPS,
    },
    "outbound_account": {**_nulls("name channel account")},
    "spam_sender": {**_nulls("sender channel list"), **_STAMPS},
    "audit_log": {
        **_nulls("eventName eventVerb org userId userType objectId objectType client ip"),
        "changes": {"attributes": {}, "relationships": {}},
        **_nulls("createdAt publishedAt expiresAt"),
    },
    "metadata": {"properties": {}, **_nulls("createdAt updatedAt")},
    "setting": {**_nulls("name"), "value": {}, **_STAMPS},
    "domain": {**_nulls("name orgId reservation pod createdAt updatedAt")},
    "auth_settings": {**_nulls("google kustomer saml app"), **_STAMPS},
    "customer_auth_settings": {"corsWhitelist": [], **_nulls("secret createdAt updatedAt")},
    "public_auth_settings": {**_nulls("google kustomer saml")},
    "routing_settings": {"autoAssign": True, "maxConcurrentItems": 3, **_STAMPS},
    "user_routing_settings": {"status": None, "capacity": {}, **_STAMPS},
    "queue_rule_criteria": {"fields": [], "operators": []},
    "search_schema": {"contexts": {}},
    "search_positions": {"positions": []},
}
"""Type -> every attribute it renders, with the value when unset."""
