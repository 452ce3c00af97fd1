"""Catalogue data: customers, their sub-collections, bulk jobs, merges, search and tracking."""

from __future__ import annotations

from kexplore.core.browse.catalog_examples import (
    ARCHIVE_SEARCH,
    CONVERSATION,
    CUSTOMER,
    CUSTOMER_ID,
    CUSTOMER_PATCH,
    DRAFT,
    EXAMPLE_IDS,
    KOBJECT,
    MESSAGE,
    SEARCH,
)

__all__ = ["GROUPS"]

_PAGED = "page pageSize"
_FILTERS = (
    "filter[createdAt][gte] filter[createdAt][lt] filter[updatedAt][gte] filter[updatedAt][lt]"
)
_MERGE = {"source": EXAMPLE_IDS["customer2"], "target": CUSTOMER_ID}

CUSTOMERS = (
    (
        "GET",
        "/v1/customers",
        f"{_PAGED} sort {_FILTERS}",
        "List customers (meta has total and totalPages; sort=-createdAt, filter[...][gte|lt])",
        None,
    ),
    ("POST", "/v1/customers", "", "Create a customer", CUSTOMER),
    ("GET", "/v1/customers/{id}", "", "Get a customer by id", None),
    (
        "PUT",
        "/v1/customers/{id}",
        "replace",
        "Update a customer: merges like PATCH; replace=true swaps the whole document",
        CUSTOMER,
    ),
    ("PATCH", "/v1/customers/{id}", "", "Update some attributes of a customer", CUSTOMER_PATCH),
    ("DELETE", "/v1/customers/{id}", "", "Delete a customer and what it owns", None),
    (
        "GET",
        "/v1/customers/email={email}",
        "",
        "Look up a customer by email (encode @ as %40)",
        None,
    ),
    ("GET", "/v1/customers/externalId={externalId}", "", "Look up a customer by external id", None),
    ("GET", "/v1/customers/phone={phone}", "", "Look up a customer by phone number", None),
    (
        "GET",
        "/v1/customers/{id}/conversations",
        f"{_PAGED} fromDate",
        "A customer's conversations (fromDate: created since)",
        None,
    ),
    (
        "POST",
        "/v1/customers/{id}/conversations",
        "",
        "Open a conversation for a customer",
        CONVERSATION,
    ),
    (
        "GET",
        "/v1/customers/{id}/messages",
        f"{_PAGED} include",
        "A customer's messages (include=attachments adds included)",
        None,
    ),
    (
        "POST",
        "/v1/customers/{id}/messages",
        "",
        "Add a message to a customer's newest conversation",
        MESSAGE,
    ),
    ("GET", "/v1/customers/{id}/notes", _PAGED, "A customer's notes", None),
    (
        "GET",
        "/v1/customers/{id}/klasses/{name}",
        _PAGED,
        "A customer's custom objects of one Klass",
        None,
    ),
    (
        "POST",
        "/v1/customers/{id}/klasses/{name}",
        "",
        "Create a custom object owned by a customer",
        KOBJECT,
    ),
    ("GET", "/v1/customers/{id}/drafts", f"{_PAGED} include", "A customer's unsent drafts", None),
    ("POST", "/v1/customers/{id}/drafts", "", "Save a draft reply for a customer", DRAFT),
    (
        "GET",
        "/v1/customers/{id}/events",
        f"{_PAGED} name",
        "A customer's tracking events (name filters)",
        None,
    ),
    ("GET", "/v1/customers/{customerId}/events/{id}", "", "One tracking event of a customer", None),
    ("GET", "/v1/customers/{id}/sessions", _PAGED, "A customer's tracking sessions", None),
    (
        "GET",
        "/v1/customers/{customerId}/sessions/{sessionId}/events",
        _PAGED,
        "The tracking events of one session",
        None,
    ),
    ("GET", "/v1/customers/{id}/merges", _PAGED, "Merges this customer took part in", None),
    (
        "POST",
        "/v1/customers/merges",
        "",
        "Merge one customer into another (a job to poll)",
        _MERGE,
    ),
    ("GET", "/v1/customers/merges/{id}", "", "Poll a customer merge job", None),
    (
        "POST",
        "/v1/customers/{id}/unmasking-windows",
        "",
        "Open a window in which masked data shows",
        {"reason": "Customer asked for a copy of the order history", "duration": 3600},
    ),
    (
        "DELETE",
        "/v1/customers/{id}/unmasking-windows",
        "",
        "Close a customer's unmasking window",
        None,
    ),
)

BULK = (
    ("POST", "/v1/customers/bulk", "", "Bulk create customers (a job to poll)", [CUSTOMER]),
    (
        "PUT",
        "/v1/customers/bulk",
        "ids",
        "Bulk update customers, merging each (a job to poll)",
        [{"id": CUSTOMER_ID, **CUSTOMER_PATCH}],
    ),
    (
        "DELETE",
        "/v1/customers/bulk",
        "ids",
        "Bulk delete the customers named in ids (a job to poll)",
        None,
    ),
)

SEARCH_ROWS = (
    ("POST", "/v1/customers/search", _PAGED, "Search (last 2 years; 100 pages at most)", SEARCH),
    (
        "POST",
        "/v1/customers/archive/search",
        _PAGED,
        "Search data older than 2 years",
        ARCHIVE_SEARCH,
    ),
    ("GET", "/v1/customers/searches", _PAGED, "Saved searches", None),
    (
        "GET",
        "/v1/customers/searches/pinned",
        _PAGED,
        "Saved searches pinned by the current user",
        None,
    ),
    ("GET", "/v1/customers/searches/positions", "", "The order saved searches appear in", None),
    (
        "GET",
        "/v1/customers/searches/schema",
        "",
        "The fields and operators search criteria can use",
        None,
    ),
)

_EVENT = {
    "name": "Viewed product",
    "trackingId": "5a821b9499792b00019347f9",
    "meta": {"productStr": "Brass desk lamp"},
}
_IDENTITY = {
    "trackingId": "5a821b9499792b00019347f9",
    "email": "jane@example.com",
    "externalId": "crm-10042",
}

TRACKING = (
    (
        "POST",
        "/v1/tracking/event",
        "",
        "Record a tracking event for an anonymous visitor",
        _EVENT,
    ),
    ("POST", "/v1/tracking/identity", "", "Tie a tracking id to a known customer", _IDENTITY),
    (
        "POST",
        "/v1/tracking/identityEvent",
        "",
        "Identify a visitor and record an event at once",
        {**_IDENTITY, "event": _EVENT},
    ),
)

GROUPS = (
    ("customers", "Customers", CUSTOMERS + BULK),
    ("search", "Search", SEARCH_ROWS),
    ("tracking", "Tracking", TRACKING),
)
"""(key, title, rows) per group; a row is (method, path, params, summary, body)."""
