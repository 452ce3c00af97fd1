"""The Kustomer resource catalogue (KUSTOMER_API.md section 5) as data, for the tree."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["CATALOG", "Endpoint", "Method", "ResourceGroup", "placeholders"]

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
"""The methods the catalogue uses."""

_PLACEHOLDER = re.compile(r"\{([^{}/]+)\}")
_PAGED = ("page", "pageSize")


@dataclass(frozen=True)
class Endpoint:
    """One operation of the Kustomer API."""

    method: Method
    """The HTTP method."""
    path: str
    """The path template, with `{name}` placeholders: `/v1/customers/{id}`."""
    summary: str
    """One line saying what it does."""
    params: tuple[str, ...] = ()
    """The query parameters it takes, by name."""
    body: str | None = None
    """An example JSON body (pretty-printed text) for methods that send one."""
    is_list: bool = False
    """Whether it answers with a paginated list."""
    param_help: tuple[tuple[str, str], ...] = ()
    """(name, description) of its path and query parameters, when a description says more."""


@dataclass(frozen=True)
class ResourceGroup:
    """A titled group of endpoints, one node of the resource tree."""

    key: str
    """A stable identifier, e.g. `customers`."""
    title: str
    """What the tree shows, e.g. `Customers`."""
    endpoints: tuple[Endpoint, ...]
    """The group's endpoints, in display order."""


def placeholders(path: str) -> list[tuple[int, int, str]]:
    """The `{name}` placeholders of a path template.

    Args:
        path: A path template such as `/v1/customers/{id}/klasses/{name}`.

    Returns:
        (start, end, name) per placeholder, where `path[start:end]` is `{name}` braces included.
    """
    return [(m.start(), m.end(), m.group(1)) for m in _PLACEHOLDER.finditer(path)]


def _body(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _list(path: str, summary: str, *extra: str) -> Endpoint:
    return Endpoint("GET", path, summary, (*_PAGED, *extra), is_list=True)


def _get(path: str, summary: str, *params: str) -> Endpoint:
    return Endpoint("GET", path, summary, params)


def _send(method: Method, path: str, summary: str, body: Any, *params: str) -> Endpoint:
    return Endpoint(method, path, summary, params, _body(body))


def _delete(path: str, summary: str) -> Endpoint:
    return Endpoint("DELETE", path, summary)


_CUSTOMER_ID = "5a821b9499792b00019347f2"
_CONVERSATION_ID = "5b3e6f2c1a9d4e0019a7c3d1"
_USER_ID = "5a79d3e2c8b66e0001ba9541"
_TAG_IDS = ["5c0f1e2d3b4a590012ab34cd", "5c0f1e2d3b4a590012ab34ce"]

_CUSTOMER = {
    "name": "Jane Doe",
    "emails": [{"type": "home", "email": "jane@example.com"}],
    "phones": [{"type": "mobile", "phone": "+15555550123"}],
    "externalId": "crm-10042",
    "locale": "en_US",
    "timeZone": "America/New_York",
    "custom": {"tierStr": "gold", "lifetimeValueNum": 1290.5},
}
_CUSTOMER_PATCH = {"displayName": "Jane D.", "custom": {"tierStr": "platinum"}}
_CONVERSATION = {
    "name": "Order #1042 arrived damaged",
    "status": "open",
    "priority": 3,
    "direction": "in",
    "tags": _TAG_IDS[:1],
    "custom": {"orderNumberStr": "1042"},
}
_CONVERSATION_PATCH = {"status": "done", "priority": 2, "assignedUsers": [_USER_ID]}
_MESSAGE = {
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
_NOTE = {"body": "Called Jane back: replacement lamp shipped, refund not needed."}
_KOBJECT = {
    "title": "Order #1042",
    "externalId": "order-1042",
    "description": "Brass desk lamp, shipped 2026-11-20",
    "customer": _CUSTOMER_ID,
    "data": {"orderNumber": "1042", "total": 129.99, "currency": "USD"},
    "custom": {"statusStr": "shipped", "totalNum": 129.99},
}
_KLASS = {"name": "order", "displayName": "Order", "icon": "cart", "color": "#4a90d9"}
_COMPANY = {
    "name": "Acme Outdoors",
    "externalId": "acme-7",
    "domains": ["acme.example"],
    "custom": {"segmentStr": "enterprise"},
}
_USER = {"name": "Sam Agent", "displayName": "Sam", "email": "sam@acme.example"}
_TEAM = {"name": "Tier 1 Support", "displayName": "Tier 1", "members": [_USER_ID]}
_ATTACHMENT = {"name": "receipt.pdf", "contentType": "application/pdf", "contentLength": 48213}
_SEARCH = {
    "and": [{"conversation_updated_at": {"gte": "2019-12-26T18:35:41.583Z"}}],
    "or": [{"customer_email": {"equals": "jane@example.com"}}],
    "not": [],
    "sort": [{"conversation_updated_at": "asc"}],
    "queryContext": "conversation",
    "timeZone": "America/New_York",
    "includeDeleted": False,
}
_ARCHIVE_SEARCH = {
    "and": [{"customer_updated_at": {"lte": "2022-01-01"}}],
    "sort": [{"customer_updated_at": "desc"}],
    "queryContext": "customer",
}

_CUSTOMERS = (
    _list("/v1/customers", "List customers (meta has total and totalPages)", "sort"),
    _send("POST", "/v1/customers", "Create a customer (201)", _CUSTOMER),
    _get("/v1/customers/{id}", "Get a customer by id"),
    _send(
        "PUT", "/v1/customers/{id}", "Replace a customer (omitting company unlinks it)", _CUSTOMER
    ),
    _send("PATCH", "/v1/customers/{id}", "Update some attributes of a customer", _CUSTOMER_PATCH),
    _delete("/v1/customers/{id}", "Delete a customer (204)"),
    _get("/v1/customers/email={email}", "Look up a customer by email (encode @ as %40)"),
    _get("/v1/customers/externalId={externalId}", "Look up a customer by external id"),
    _get("/v1/customers/phone={phone}", "Look up a customer by phone number"),
    _list("/v1/customers/{id}/conversations", "A customer's conversations", "fromDate"),
    _send("POST", "/v1/customers/{id}/conversations", "Create a conversation", _CONVERSATION),
    _list("/v1/customers/{id}/messages", "A customer's messages", "include"),
    _send("POST", "/v1/customers/{id}/messages", "Create a message for a customer", _MESSAGE),
    _list("/v1/customers/{id}/notes", "A customer's notes"),
    _list("/v1/customers/{id}/klasses/{name}", "A customer's custom objects of one Klass"),
    _send("POST", "/v1/customers/{id}/klasses/{name}", "Create a custom object", _KOBJECT),
    _list("/v1/customers/{id}/drafts", "A customer's drafts"),
    _list("/v1/customers/{id}/sessions", "A customer's tracking sessions"),
    _list("/v1/customers/{id}/merges", "Merges involving a customer"),
    _get("/v1/customers/merges/{id}", "A customer merge by id"),
    _send("POST", "/v1/customers/bulk", "Bulk create customers (async job, 201)", [_CUSTOMER]),
    _send(
        "PUT",
        "/v1/customers/bulk",
        "Bulk update customers (async job)",
        [{"id": _CUSTOMER_ID, **_CUSTOMER_PATCH}],
    ),
)

_CONVERSATIONS = (
    _list("/v1/conversations", "List conversations (sort=desc: newest id first)", "sort"),
    _send(
        "POST",
        "/v1/conversations",
        "Create a conversation (201)",
        {"customer": _CUSTOMER_ID, **_CONVERSATION},
    ),
    _get("/v1/conversations/{id}", "Get a conversation by id"),
    _send("PUT", "/v1/conversations/{id}", "Replace a conversation", _CONVERSATION),
    _send("PATCH", "/v1/conversations/{id}", "Update some attributes", _CONVERSATION_PATCH),
    _delete("/v1/conversations/{id}", "Delete a conversation"),
    _get("/v1/conversations/externalId={externalId}", "Look up a conversation by external id"),
    _list("/v1/conversations/{id}/messages", "A conversation's messages", "include"),
    _send("POST", "/v1/conversations/{id}/messages", "Add a message", _MESSAGE),
    _list("/v1/conversations/{id}/notes", "A conversation's notes"),
    _send("POST", "/v1/conversations/{id}/notes", "Add a note (201)", _NOTE),
    _send("POST", "/v1/conversations/{id}/tags", "Append tags (body: tag ids)", _TAG_IDS),
    Endpoint(
        "DELETE", "/v1/conversations/{id}/tags", "Remove tags (body: tag ids)", (), _body(_TAG_IDS)
    ),
    _list("/v1/conversations/{id}/attachments", "A conversation's attachments"),
    _list("/v1/conversations/{id}/events", "A conversation's events"),
    _get("/v1/conversations/{id}/times", "A conversation's timing metrics"),
    _list("/v1/conversations/{id}/forwards", "A conversation's forwards"),
    _get("/v1/conversations/times/{ids}", "Timing metrics for several conversations (comma list)"),
    _send(
        "POST",
        "/v1/conversations/bulk",
        "Bulk create conversations",
        [{"customer": _CUSTOMER_ID, **_CONVERSATION}],
    ),
    _send(
        "PUT", "/v1/conversations/bulk", "Bulk update", [{"id": _CONVERSATION_ID, "status": "done"}]
    ),
)

_MESSAGES = (
    _list("/v1/messages", "List the org's messages", "include", "sort"),
    _send(
        "POST", "/v1/messages", "Create a message", {"conversation": _CONVERSATION_ID, **_MESSAGE}
    ),
    _get("/v1/messages/{id}", "Get a message by id"),
    _send("PUT", "/v1/messages/{id}", "Replace a message", _MESSAGE),
    _send("PATCH", "/v1/messages/{id}", "Update some attributes of a message", {"status": "sent"}),
    _get("/v1/messages/externalid={externalId}", "Look up a message by external id"),
    _get("/v1/messages/{messageId}/attachments/{id}", "An attachment (related: its S3 URL)"),
    _send(
        "POST",
        "/v1/messages/bulk",
        "Bulk create messages",
        [{"customer": _CUSTOMER_ID, **_MESSAGE}],
    ),
    _send("POST", "/v1/attachments", "Create an attachment (upload URL in related)", _ATTACHMENT),
    _get("/v1/attachments/{id}", "Get an attachment"),
    _get("/v1/forwards/{id}", "Get a forward"),
)

_NOTES = (
    _list("/v1/notes", "List the org's notes"),
    _send("POST", "/v1/notes", "Create a note (201)", {"conversation": _CONVERSATION_ID, **_NOTE}),
    _get("/v1/notes/{id}", "Get a note by id"),
    _send("PUT", "/v1/notes/{id}", "Replace a note", _NOTE),
    _send("PATCH", "/v1/notes/{id}", "Update a note's body", {"body": "Replacement delivered."}),
    _delete("/v1/notes/{id}", "Delete a note"),
    _send(
        "POST", "/v1/notes/bulk", "Bulk create notes", [{"conversation": _CONVERSATION_ID, **_NOTE}]
    ),
)

_KOBJECTS = (
    _list("/v1/klasses", "List Klasses (custom object types)", "status"),
    _send("POST", "/v1/klasses", "Create a Klass", _KLASS),
    _get("/v1/klasses/{id}", "Get a Klass by id"),
    _send(
        "PUT", "/v1/klasses/{id}", "Update a Klass", {"displayName": "Web order", "icon": "cart"}
    ),
    _delete("/v1/klasses/{id}", "Delete a Klass"),
    _list("/v1/klasses/{name}", "Custom objects of a Klass, by Klass name", "fromDate"),
    _send("POST", "/v1/klasses/{name}", "Create a custom object (title required)", _KOBJECT),
    _get("/v1/klasses/{name}/{id}", "Get a custom object"),
    _send("PUT", "/v1/klasses/{name}/{id}", "Update a custom object", _KOBJECT),
    _delete("/v1/klasses/{name}/{id}", "Delete a custom object"),
    _get("/v1/klasses/{name}/externalId={externalId}", "Look up a custom object by external id"),
    _send("POST", "/v1/klasses/{name}/bulk", "Bulk create custom objects", [_KOBJECT]),
)

_COMPANIES = (
    _list("/v1/companies", "List companies", "externalId", "filter"),
    _send("POST", "/v1/companies", "Create a company", _COMPANY),
    _get("/v1/companies/{id}", "Get a company by id"),
    _send("PUT", "/v1/companies/{id}", "Update a company", _COMPANY),
    _list("/v1/companies/{id}/klasses/{name}", "A company's custom objects of one Klass"),
    _send("POST", "/v1/companies/bulk", "Bulk create companies", [_COMPANY]),
)

_USERS = (
    _list(
        "/v1/users", "List users (pageSize up to 500)", "pending", "deleted", "userType", "email"
    ),
    _send("POST", "/v1/users", "Invite a user", _USER),
    _get("/v1/users/{id}", "Get a user (or several: a comma list of ids)"),
    _send("PUT", "/v1/users/{id}", "Update a user", {"displayName": "Sam A."}),
    _list("/v1/users/{id}/teams", "A user's teams"),
)

_TEAMS = (
    _list("/v1/teams", "List teams (pageSize up to 500)"),
    _send("POST", "/v1/teams", "Create a team", _TEAM),
    _get("/v1/teams/{id}", "Get a team"),
    _send("PUT", "/v1/teams/{id}", "Replace a team", _TEAM),
    _send("PATCH", "/v1/teams/{id}", "Update some attributes of a team", {"icon": "headset"}),
    _delete("/v1/teams/{id}", "Delete a team"),
)

_SEARCH_GROUP = (
    Endpoint(
        "POST",
        "/v1/customers/search",
        "Search (last 2 years; 100 pages at most)",
        _PAGED,
        _body(_SEARCH),
        is_list=True,
    ),
    Endpoint(
        "POST",
        "/v1/customers/archive/search",
        "Search data older than 2 years",
        _PAGED,
        _body(_ARCHIVE_SEARCH),
        is_list=True,
    ),
)

_ACCOUNT = (
    _get("/v1/auth/tokens/current", "The API key in use: name, roles, last characters"),
    _get("/v1/users/current", "The user behind the key (a machine user for API keys)"),
    _get("/v1/orgs/{id}", "The org: name, display name, settings"),
    _get("/v1/domains/{orgName}", "Map an org name to its id and pod (region)"),
)

CATALOG: tuple[ResourceGroup, ...] = (
    ResourceGroup("customers", "Customers", _CUSTOMERS),
    ResourceGroup("conversations", "Conversations", _CONVERSATIONS),
    ResourceGroup("messages", "Messages", _MESSAGES),
    ResourceGroup("notes", "Notes", _NOTES),
    ResourceGroup("kobjects", "Custom objects", _KOBJECTS),
    ResourceGroup("companies", "Companies", _COMPANIES),
    ResourceGroup("users", "Users", _USERS),
    ResourceGroup("teams", "Teams", _TEAMS),
    ResourceGroup("tags", "Tags", (_list("/v1/tags", "List tags"),)),
    ResourceGroup("shortcuts", "Shortcuts", (_list("/v1/shortcuts", "List shortcuts"),)),
    ResourceGroup(
        "brands",
        "Brands",
        (
            _list("/v1/brands", "List brands"),
            _send("POST", "/v1/brands", "Create a brand", {"name": "Acme Outdoors"}),
            _get("/v1/brands/default", "The default brand"),
            _get("/v1/brands/{id}", "Get a brand"),
            _send("PATCH", "/v1/brands/{id}", "Update a brand", {"name": "Acme Outdoors EU"}),
        ),
    ),
    ResourceGroup(
        "queues",
        "Queues",
        (
            _list("/v1/routing/queues", "List routing queues"),
            _get("/v1/routing/queues/{id}", "Get a queue (a conversation's queue link)"),
            _list("/v1/routing/queue-rules", "List queue rules"),
            _get("/v1/routing/queue-rules/{id}", "Get a queue rule"),
            _get("/v1/routing/queue-rules-criteria", "The criteria queue rules can use"),
            _get("/v1/chat/queues/metrics/{ids}", "Wait metrics for queues (comma list)"),
        ),
    ),
    ResourceGroup("search", "Search", _SEARCH_GROUP),
    ResourceGroup("account", "Account", _ACCOUNT),
)
"""Every group, in the order the resource tree shows them."""
