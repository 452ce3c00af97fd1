"""Compound documents: the records `include=` names, for a response's `included`."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from kexplore.sandbox.resources import TO_MANY_DATA, TO_ONE, render
from kexplore.sandbox.store import Record, Store

__all__ = ["included"]


def _names(request: Request) -> list[str]:
    names = [n.strip() for n in request.query_params.get("include", "").split(",") if n.strip()]
    if request.query_params.get("versions") == "all":
        names.append("versions")
    return names


def _related(record: Record, name: str) -> list[str]:
    value = record.rels.get(name)
    if name in TO_ONE and isinstance(value, str):
        return [value]
    if name in TO_MANY_DATA.get(record.type, {}) and isinstance(value, list):
        return [rid for rid in value if isinstance(rid, str)]
    return []


def included(
    request: Request, store: Store, records: list[Record], org: str
) -> list[dict[str, Any]] | None:
    """Return the rendered records the request's `include=` names, or None without one.

    Args:
        request: The request (its `include`, or `versions=all` for SLAs).
        store: Where the related records are.
        records: The primary records of the response.
        org: The org id, for rendering.

    Returns:
        Each related record once, in first-seen order; None when nothing was asked for.
    """
    names = _names(request)
    if not names:
        return None
    seen: dict[str, dict[str, Any]] = {}
    for record in records:
        for name in names:
            for rid in _related(record, name):
                related = None if rid in seen else store.get(rid)
                if related is not None:
                    seen[rid] = render(related, org)
    return list(seen.values())
