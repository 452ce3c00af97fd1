"""A sparse update: only the attributes that changed, read-only ones left out, `rev` carried."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kexplore.core.act.record import EditTarget

__all__ = ["READ_ONLY", "carries_rev", "changes", "patch_body"]

READ_ONLY = frozenset(
    {"id", "rev", "createdAt", "updatedAt", "modifiedAt", "deletedAt"}
    | {"createdBy", "modifiedBy", "deletedBy"}
)
"""Attributes the API sets itself and rejects in a body: shown in the editor, never sent."""

_REV_FAMILIES = ("customer", "conversation", "kobject")
"""Types whose updates are checked against `rev` (optimistic locking, 409 when stale)."""


def carries_rev(rtype: str) -> bool:
    """Whether an update of a record of type `rtype` carries the revision it was read at."""
    return rtype.split(".", 1)[0] in _REV_FAMILIES


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes `after` adds or changes, and those it removes (as `None`).

    Args:
        before: The attributes as read.
        after: The attributes as edited.

    Returns:
        Name -> new value, in `after`'s order then removals; read-only names left out.
    """
    changed = {k: v for k, v in after.items() if k not in before or before[k] != v}
    changed |= {k: None for k in before if k not in after and before[k] is not None}
    return {k: v for k, v in changed.items() if k not in READ_ONLY}


def patch_body(target: EditTarget, edited: Mapping[str, Any]) -> dict[str, Any]:
    """The body of the update: the changed attributes, plus `rev` where the type locks on it.

    Kustomer takes plain JSON in (`{"name": "x", "rev": 3}`) and answers with a JSON:API
    envelope; this is that body.

    Args:
        target: The record as read.
        edited: Its attributes as edited.

    Returns:
        The body; empty when nothing changed.
    """
    body = changes(target.attributes, edited)
    if body and target.rev is not None and carries_rev(target.type):
        body["rev"] = target.rev
    return body
