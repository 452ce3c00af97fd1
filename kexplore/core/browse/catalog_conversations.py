"""Catalogue data: conversations, with their messages, notes, tags, events, times and forwards."""

from __future__ import annotations

from kexplore.core.browse.catalog_examples import (
    CONVERSATION,
    CONVERSATION_ID,
    CONVERSATION_PATCH,
    CUSTOMER_ID,
    EXAMPLE_IDS,
    MESSAGE,
    NOTE,
    TAG_IDS,
)

__all__ = ["GROUPS"]

_PAGED = "page pageSize"
_FORWARD = {
    "subject": "Fwd: My order arrived damaged",
    "body": "Forwarding to the carrier's claims desk.",
    "to": [{"name": "Claims desk", "email": "claims@carrier.example"}],
}

CONVERSATIONS = (
    (
        "GET",
        "/v1/conversations",
        f"{_PAGED} sort",
        "List conversations (sort=desc or sort=-createdAt: newest first)",
        None,
    ),
    (
        "POST",
        "/v1/conversations",
        "",
        "Create a conversation for a customer",
        {"customer": CUSTOMER_ID, **CONVERSATION},
    ),
    (
        "GET",
        "/v1/conversations/{id}",
        "include",
        "Get a conversation (include=customer adds it to included)",
        None,
    ),
    (
        "PUT",
        "/v1/conversations/{id}",
        "replace",
        "Update a conversation: merges like PATCH; replace=true swaps the document",
        CONVERSATION,
    ),
    (
        "PATCH",
        "/v1/conversations/{id}",
        "",
        "Update some attributes of a conversation",
        CONVERSATION_PATCH,
    ),
    (
        "DELETE",
        "/v1/conversations/{id}",
        "",
        "Delete a conversation with its messages and notes",
        None,
    ),
    (
        "GET",
        "/v1/conversations/externalId={externalId}",
        "",
        "Look up a conversation by external id",
        None,
    ),
    (
        "GET",
        "/v1/conversations/{id}/messages",
        f"{_PAGED} include",
        "A conversation's messages (include=attachments adds included)",
        None,
    ),
    (
        "POST",
        "/v1/conversations/{id}/messages",
        "",
        "Add a message to a conversation",
        MESSAGE,
    ),
    ("GET", "/v1/conversations/{id}/notes", _PAGED, "A conversation's internal notes", None),
    (
        "POST",
        "/v1/conversations/{id}/notes",
        "",
        "Add an internal note to a conversation",
        NOTE,
    ),
    (
        "POST",
        "/v1/conversations/{id}/tags",
        "",
        "Add tags to a conversation (body: tag ids)",
        TAG_IDS,
    ),
    (
        "DELETE",
        "/v1/conversations/{id}/tags",
        "",
        "Take tags off a conversation (body: tag ids)",
        TAG_IDS,
    ),
    (
        "GET",
        "/v1/conversations/{id}/attachments",
        _PAGED,
        "Every attachment sent in a conversation",
        None,
    ),
    (
        "GET",
        "/v1/conversations/{id}/events",
        f"{_PAGED} sort",
        "A conversation's audit trail of changes",
        None,
    ),
    (
        "GET",
        "/v1/conversations/{id}/times",
        "",
        "Response and handle times of a conversation",
        None,
    ),
    (
        "GET",
        "/v1/conversations/times/{ids}",
        "",
        "Time metrics of several conversations (comma list)",
        None,
    ),
    (
        "GET",
        "/v1/conversations/{id}/forwards",
        _PAGED,
        "The forwards sent from a conversation",
        None,
    ),
    (
        "POST",
        "/v1/conversations/{id}/forwards",
        "",
        "Forward a conversation by email",
        _FORWARD,
    ),
    (
        "POST",
        "/v1/conversations/bulk",
        "",
        "Bulk create conversations (a job to poll)",
        [{"customer": CUSTOMER_ID, **CONVERSATION}],
    ),
    (
        "PUT",
        "/v1/conversations/bulk",
        "ids",
        "Bulk update conversations, merging each (a job to poll)",
        [{"id": CONVERSATION_ID, "status": "done"}],
    ),
)

_MESSAGE_IN = {"conversation": CONVERSATION_ID, **MESSAGE}

MESSAGES = (
    (
        "GET",
        "/v1/messages",
        f"{_PAGED} include sort",
        "List the org's messages (include=attachments)",
        None,
    ),
    ("POST", "/v1/messages", "", "Create a message in a conversation", _MESSAGE_IN),
    (
        "GET",
        "/v1/messages/{id}",
        "include",
        "Get a message (include=attachments adds included)",
        None,
    ),
    (
        "PUT",
        "/v1/messages/{id}",
        "replace",
        "Update a message: merges like PATCH; replace=true swaps the document",
        MESSAGE,
    ),
    ("PATCH", "/v1/messages/{id}", "", "Update some attributes of a message", {"status": "sent"}),
    ("GET", "/v1/messages/externalid={externalId}", "", "Look up a message by external id", None),
    (
        "POST",
        "/v1/messages/{id}/redactions",
        "",
        "Redact text from a message, for good",
        {"redactions": [{"type": "text", "value": "4111 1111 1111 1111"}]},
    ),
    (
        "GET",
        "/v1/messages/{messageId}/attachments/{id}",
        "",
        "One attachment of a message (related: download URL)",
        None,
    ),
    ("POST", "/v1/messages/bulk", "", "Bulk create messages (a job to poll)", [_MESSAGE_IN]),
    (
        "PUT",
        "/v1/messages/bulk",
        "ids",
        "Bulk update messages, merging each (a job to poll)",
        [{"id": EXAMPLE_IDS["message"], "status": "sent"}],
    ),
)

NOTES = (
    ("GET", "/v1/notes", _PAGED, "List the org's notes", None),
    (
        "POST",
        "/v1/notes",
        "",
        "Create a note on a conversation",
        {"conversation": CONVERSATION_ID, **NOTE},
    ),
    ("GET", "/v1/notes/{id}", "", "Get a note by id", None),
    (
        "PUT",
        "/v1/notes/{id}",
        "replace",
        "Update a note: merges like PATCH; replace=true swaps the document",
        NOTE,
    ),
    ("PATCH", "/v1/notes/{id}", "", "Update a note's body", {"body": "Replacement delivered."}),
    ("DELETE", "/v1/notes/{id}", "", "Delete a note", None),
    (
        "POST",
        "/v1/notes/bulk",
        "",
        "Bulk create notes (a job to poll)",
        [{"conversation": CONVERSATION_ID, **NOTE}],
    ),
    (
        "PUT",
        "/v1/notes/bulk",
        "ids",
        "Bulk update notes, merging each (a job to poll)",
        [{"id": EXAMPLE_IDS["note"], **NOTE}],
    ),
)

GROUPS = (
    ("conversations", "Conversations", CONVERSATIONS),
    ("messages", "Messages", MESSAGES),
    ("notes", "Notes", NOTES),
)
"""(key, title, rows) per group; a row is (method, path, params, summary, body)."""
