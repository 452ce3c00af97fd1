"""The Kustomer API catalogue for the tree: the Endpoint type, built from the family modules."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from kexplore.core.browse import (
    catalog_conversations,
    catalog_customers,
    catalog_objects,
    catalog_people,
    catalog_platform,
    catalog_settings,
)
from kexplore.core.browse.catalog_examples import EXAMPLE_IDS

__all__ = [
    "CATALOG",
    "ENDPOINTS",
    "EXAMPLE_IDS",
    "Endpoint",
    "Method",
    "ResourceGroup",
    "Row",
    "placeholders",
]

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
"""The methods the catalogue uses."""

Row = tuple[str, str, str, str, Any]
"""One catalogue row as the family modules write it: method, path, the query parameters
separated by spaces, the summary, and the example body (None when it sends none)."""

_PLACEHOLDER = re.compile(r"\{([^{}/]+)\}")


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
    status: int = 200
    """The status a successful call answers with (201 for most creates, 204 for most deletes)."""


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


_STATUSES = {
    ("POST", "/v1/schedules"): 200,
    ("DELETE", "/v1/schedules/{id}"): 200,
    ("DELETE", "/v1/conversations/{id}/tags"): 200,
    ("POST", "/v1/conversations/{id}/tags"): 200,
    ("POST", "/v1/conversations/{id}/forwards"): 200,
    ("POST", "/v1/customers/{id}/drafts"): 200,
    ("POST", "/v1/drafts/{id}/attachments"): 200,
    ("POST", "/v1/forwards/{id}/attachments"): 200,
    ("POST", "/v1/klasses"): 200,
    ("POST", "/v1/messages/bulk"): 200,
    ("PUT", "/v1/messages/bulk"): 200,
    ("PUT", "/v1/klasses/{name}/bulk"): 200,
    ("POST", "/v1/tracking/event"): 204,
    ("POST", "/v1/customers/search"): 200,
    ("POST", "/v1/customers/archive/search"): 200,
    ("POST", "/v1/role-groups"): 200,
    ("DELETE", "/v1/teams/{id}/members"): 200,
    ("POST", "/v1/teams/{id}/members"): 200,
    ("PUT", "/v1/users/{id}"): 201,
    ("POST", "/v1/users/passwordreset"): 204,
}
"""Where the Core Resources OpenAPI declares a success status other than the usual one."""


def _status(method: str, path: str) -> int:
    if method != "GET" and path.endswith("/bulk"):
        return _STATUSES.get((method, path), 201)
    return _STATUSES.get((method, path), {"POST": 201, "DELETE": 204}.get(method, 200))


def _endpoint(row: Row) -> Endpoint:
    method, path, params, summary, body = row
    names = tuple(params.split())
    text = None if body is None else _body(body)
    status = _status(method, path)
    return Endpoint(method, path, summary, names, text, "pageSize" in names, status=status)


def _groups(*families: tuple[tuple[str, str, tuple[Row, ...]], ...]) -> dict[str, ResourceGroup]:
    groups = {}
    for family in families:
        for key, title, rows in family:
            groups[key] = ResourceGroup(key, title, tuple(_endpoint(row) for row in rows))
    return groups


_ALL = _groups(
    catalog_customers.GROUPS,
    catalog_conversations.GROUPS,
    catalog_objects.GROUPS,
    catalog_people.GROUPS,
    catalog_settings.GROUPS,
    catalog_platform.GROUPS,
)
_ORDER = (
    "customers conversations messages notes drafts kobjects companies users teams texts brands "
    "queues search access schedules org metadata files tracking platform"
)

CATALOG: tuple[ResourceGroup, ...] = tuple(_ALL[key] for key in _ORDER.split())
"""Every group, in the order the resource tree shows them."""

ENDPOINTS: tuple[Endpoint, ...] = tuple(e for group in CATALOG for e in group.endpoints)
"""Every endpoint of every group, in tree order."""
