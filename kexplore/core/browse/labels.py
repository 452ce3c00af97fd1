"""record_label: a short, single-line, human name for a JSON:API resource (Kustomer's or any)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["PREVIEW_LENGTH", "record_label"]

PREVIEW_LENGTH = 60
"""Longest text kept from one field (a preview, a note body, a name) before an ellipsis."""

# Control characters, line/paragraph separators and bidi overrides: none belongs in one line.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
_SPACES = re.compile(r"\s+")
_SEPARATOR = " · "
_NAMED_TYPES = frozenset(
    {"user", "team", "tag", "company", "brand", "queue", "klass", "shortcut", "org", "attachment"}
)


def record_label(resource: Any) -> str:
    """A one-line label for a JSON:API resource dict, for lists and breadcrumbs.

    Kustomer's types are described by what matters for each; any resource, of any server, is
    then named by its first `name`, `title`, `displayName`, `label`, `firstName lastName` or
    `email` attribute. Never raises: odd or missing fields fall back to `type id`.

    Args:
        resource: A resource such as `{"type": "customer", "id": ..., "attributes": {...}}`.

    Returns:
        E.g. `Jane Doe <jane@example.com>`, `Damaged lamp · open`, `email · Hi, the box...`,
        `JSON:API paints my bikeshed!`.
    """
    if not isinstance(resource, dict):
        return "(not a resource)"
    kind = _text(resource.get("type"))
    attributes = resource.get("attributes")
    attributes = attributes if isinstance(attributes, dict) else {}
    describe = _describer(kind)
    label = (describe(attributes) if describe else "") or _generic(attributes)
    return label or _fallback(kind, _text(resource.get("id")))


def _describer(kind: str) -> Callable[[dict[str, Any]], str] | None:
    if kind in _DESCRIBERS:
        return _DESCRIBERS[kind]
    if kind.startswith("kobject."):
        return _kobject
    if kind in _NAMED_TYPES:
        return _named
    return None


def _generic(attributes: dict[str, Any]) -> str:
    """The name any server might give a resource, in the order people expect."""
    named = _first_text(attributes, "name", "title", "displayName", "label")
    if named:
        return named
    person = " ".join(
        part for part in (_text(attributes.get(k)) for k in ("firstName", "lastName")) if part
    )
    return person or _text(attributes.get("email"))


def _fallback(kind: str, ident: str) -> str:
    return " ".join(part for part in (kind, ident) if part) or "(unnamed resource)"


def _customer(attributes: dict[str, Any]) -> str:
    name = _first_text(attributes, "name", "displayName")
    email = _first_email(attributes.get("emails"))
    if name and email:
        return f"{name} <{email}>"
    return name or email


def _first_email(emails: Any) -> str:
    if not isinstance(emails, list):
        return ""
    for entry in emails:
        email = _text(entry.get("email")) if isinstance(entry, dict) else _text(entry)
        if email:
            return email
    return ""


def _conversation(attributes: dict[str, Any]) -> str:
    return _joined(_text(attributes.get("name")), _text(attributes.get("status")))


def _message(attributes: dict[str, Any]) -> str:
    preview = _first_text(attributes, "preview", "subject")
    return _joined(_text(attributes.get("channel")), preview)


def _note(attributes: dict[str, Any]) -> str:
    return _text(attributes.get("body"))


def _kobject(attributes: dict[str, Any]) -> str:
    return _first_text(attributes, "title", "externalId")


def _named(attributes: dict[str, Any]) -> str:
    return _first_text(attributes, "name", "displayName")


_DESCRIBERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "customer": _customer,
    "customers": _customer,
    "conversation": _conversation,
    "message": _message,
    "note": _note,
}


def _joined(*parts: str) -> str:
    return _SEPARATOR.join(part for part in parts if part)


def _first_text(attributes: dict[str, Any], *keys: str) -> str:
    for key in keys:
        text = _text(attributes.get(key))
        if text:
            return text
    return ""


def _text(value: Any) -> str:
    """`value` as clean single-line text, shortened; '' for anything that is not text."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    try:
        raw = str(value)[: PREVIEW_LENGTH * 8]  # a bounded slice: bodies can be megabytes
    except ValueError:  # an int too long to convert (sys.get_int_max_str_digits)
        return ""
    text = _SPACES.sub(" ", _UNPRINTABLE.sub(" ", raw)).strip()
    if len(text) > PREVIEW_LENGTH:
        return text[: PREVIEW_LENGTH - 1].rstrip() + "…"
    return text
