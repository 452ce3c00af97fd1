"""Catalogue data: tags, shortcuts, snippets, snoozes, brands, schedules, SLAs and org settings."""

from __future__ import annotations

__all__ = ["GROUPS"]

_PAGED = "page pageSize"
_HOURS = {
    "1": [[540, 1020]],
    "2": [[540, 1020]],
    "3": [[540, 1020]],
    "4": [[540, 1020]],
    "5": [[540, 1020]],
}

TEXT = (
    ("GET", "/v1/tags", _PAGED, "List tags", None),
    ("GET", "/v1/shortcuts", _PAGED, "List shortcuts (canned replies)", None),
    (
        "GET",
        "/v1/shortcuts/categories",
        _PAGED,
        "List the categories shortcuts are filed under",
        None,
    ),
    ("GET", "/v1/snippets", _PAGED, "List snippets (translatable text blocks)", None),
    ("GET", "/v1/snoozes", _PAGED, "List the snooze options agents pick from", None),
)

BRANDS = (
    ("GET", "/v1/brands", _PAGED, "List brands", None),
    (
        "POST",
        "/v1/brands",
        "",
        "Create a brand",
        {"name": "Acme Outdoors", "color": "#2b8a3e"},
    ),
    ("GET", "/v1/brands/default", "", "The default brand", None),
    ("GET", "/v1/brands/{id}", "", "Get a brand", None),
    (
        "PATCH",
        "/v1/brands/{id}",
        "",
        "Update some attributes of a brand",
        {"name": "Acme Outdoors EU"},
    ),
)

SCHEDULES = (
    ("GET", "/v1/schedules", _PAGED, "List business-hours schedules", None),
    (
        "POST",
        "/v1/schedules",
        "",
        "Create a business-hours schedule",
        {"name": "Weekdays 9-5", "timezone": "America/New_York", "hours": _HOURS},
    ),
    ("GET", "/v1/schedules/default", "include", "The default schedule (include=holidays)", None),
    ("GET", "/v1/schedules/{id}", "include", "Get a schedule (include=holidays)", None),
    (
        "PUT",
        "/v1/schedules/{id}",
        "",
        "Update a schedule",
        {"name": "Weekdays 8-6", "hours": _HOURS},
    ),
    ("DELETE", "/v1/schedules/{id}", "", "Delete a schedule", None),
    (
        "GET",
        "/v1/slas",
        f"{_PAGED} versions",
        "List SLA policies (versions=all puts versions in included)",
        None,
    ),
    (
        "GET",
        "/v1/slas/{id}",
        "versions",
        "Get an SLA policy (versions=all puts versions in included)",
        None,
    ),
)

ORG = (
    ("GET", "/v1/orgs/{id}", "", "The org: name, display name, settings", None),
    ("GET", "/v1/domains/{orgName}", "", "Map an org name to its id and pod (no key needed)", None),
    ("GET", "/v1/settings", "", "The org's settings", None),
    ("GET", "/v1/notifications", _PAGED, "The calling user's notifications", None),
    ("GET", "/v1/satisfaction", _PAGED, "CSAT survey settings", None),
    (
        "GET",
        "/v1/outboundAccounts",
        _PAGED,
        "Accounts messages can be sent from (email, SMS, ...)",
        None,
    ),
    ("GET", "/v1/spam/senders", "", "Senders whose mail is marked as spam", None),
    (
        "PUT",
        "/v1/spam/senders",
        "",
        "Mark a sender as spam (or not)",
        {"email": "offers@spam.example", "spam": True},
    ),
    ("DELETE", "/v1/spam/senders/{id}", "", "Forget a spam sender", None),
)

GROUPS = (
    ("texts", "Tags, shortcuts, snippets", TEXT),
    ("brands", "Brands", BRANDS),
    ("schedules", "Schedules and SLAs", SCHEDULES),
    ("org", "Org settings", ORG),
)
"""(key, title, rows) per group; a row is (method, path, params, summary, body)."""
