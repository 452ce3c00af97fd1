"""Catalogue data: routing (queues, rules, work items), webhooks, apps, workflows, audit logs."""

from __future__ import annotations

from kexplore.core.browse.catalog_examples import EXAMPLE_IDS

__all__ = ["GROUPS"]

_PAGED = "page pageSize"
_RULE = {
    "name": "VIP email to priority queue",
    "queue": EXAMPLE_IDS["queue"],
    "conditions": [{"field": "customer.tags", "operator": "contains", "value": "vip"}],
    "enabled": True,
}
_AUDIT = (
    "count after before filter[objectType] filter[objectId] filter[userId] filter[include] "
    "filter[start] filter[end]"
)

ROUTING = (
    ("GET", "/v1/routing/queues", _PAGED, "List routing queues", None),
    ("GET", "/v1/routing/queues/{id}", "", "Get a queue (a conversation's queue link)", None),
    (
        "PUT",
        "/v1/routing/queues/{id}",
        "",
        "Update a queue's settings",
        {"description": "Orders and returns", "priority": 2},
    ),
    ("GET", "/v1/routing/queue-rules", _PAGED, "List the rules that put work into queues", None),
    ("POST", "/v1/routing/queue-rules", "", "Create a queue rule", _RULE),
    (
        "PUT",
        "/v1/routing/queue-rules/order",
        "",
        "Set the order queue rules are tried in (body: rule ids)",
        [EXAMPLE_IDS["queue_rule"]],
    ),
    ("GET", "/v1/routing/queue-rules/{id}", "", "Get a queue rule", None),
    (
        "PUT",
        "/v1/routing/queue-rules/{id}",
        "",
        "Update a queue rule",
        {"name": "VIP email first", "enabled": False},
    ),
    ("DELETE", "/v1/routing/queue-rules/{id}", "", "Delete a queue rule", None),
    ("GET", "/v1/routing/queue-rules-criteria", "", "The criteria queue rules can use", None),
    ("GET", "/v1/chat/queues/metrics/{ids}", "", "Wait metrics for queues (comma list)", None),
    ("GET", "/v1/routing/settings", "", "The org's routing settings", None),
    (
        "GET",
        "/v1/routing/statuses",
        _PAGED,
        "Agent availability statuses (available, busy, ...)",
        None,
    ),
    (
        "GET",
        "/v1/routing/work-items",
        _PAGED,
        "Work items: conversations being routed to agents",
        None,
    ),
    ("GET", "/v1/routing/work-sessions", _PAGED, "Agents' routing sessions", None),
    ("GET", "/v1/routing/users/current/settings", "", "The calling user's routing settings", None),
)

_WEBHOOK = {
    "name": "Orders sync",
    "url": "https://hooks.acme.example/kustomer",
    "events": ["kustomer.conversation.create"],
}

PLATFORM = (
    ("GET", "/v1/outbound-webhooks", _PAGED, "List outbound webhooks", None),
    ("POST", "/v1/outbound-webhooks", "", "Subscribe a URL to events", _WEBHOOK),
    ("DELETE", "/v1/outbound-webhooks/{id}", "", "Delete an outbound webhook", None),
    (
        "GET",
        "/v1/outbound-webhooks/transactions",
        _PAGED,
        "Recent webhook deliveries and their results",
        None,
    ),
    ("GET", "/v1/hooks/email", _PAGED, "Inbound email hooks", None),
    ("GET", "/v1/hooks/form", _PAGED, "Inbound form hooks", None),
    ("GET", "/v1/hooks/web", _PAGED, "Inbound web hooks", None),
    ("GET", "/v1/apps", _PAGED, "Installed apps", None),
    ("GET", "/v1/apps/available", _PAGED, "Apps that can be installed", None),
    ("GET", "/v1/cards", _PAGED, "Insight cards shown beside conversations", None),
    ("GET", "/v1/kviews", _PAGED, "KViews: the views apps define", None),
    ("GET", "/v1/workflows", _PAGED, "Workflows (automations)", None),
    ("GET", "/v1/kb/articles", _PAGED, "Knowledge-base articles", None),
    ("GET", "/v1/kb/categories", _PAGED, "Knowledge-base categories", None),
    (
        "GET",
        "/v1/audit-logs",
        _AUDIT,
        "The audit log, newest first, paged by cursor (count, after, before)",
        None,
    ),
)

GROUPS = (
    ("queues", "Queues and routing", ROUTING),
    ("platform", "Apps, webhooks, audit", PLATFORM),
)
"""(key, title, rows) per group; a row is (method, path, params, summary, body)."""
