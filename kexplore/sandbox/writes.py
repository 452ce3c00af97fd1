"""Creating, updating and deleting records: timestamps, `rev` checks, authorship, lookups."""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request

from kexplore.sandbox.attributes import DEFAULTS, base_type
from kexplore.sandbox.context import caller_key, sandbox
from kexplore.sandbox.errors import ApiError
from kexplore.sandbox.ids import iso_ms, new_object_id, now_ms
from kexplore.sandbox.store import Record
from kexplore.sandbox.validate import validate

__all__ = ["create", "lookups_of", "phone_key", "update"]

REL_FIELDS = {"customer": "customer", "company": "company", "brand": "brand", "queue": "queue"}
"""Body attribute -> the relationship it sets (and the type it must name)."""


KEPT_ON_REPLACE = ("createdAt", "rev", "messageCount", "noteCount", "conversationCounts")
"""What `PUT ?replace=true` keeps: what the server, not the body, owns."""


def phone_key(phone: str) -> str:
    """Normalise a phone number for lookups: its digits only."""
    return re.sub(r"\D", "", phone)


def lookups_of(record: Record) -> list[tuple[str, str]]:
    """Return the (kind, value) lookup keys of a record: emails, phones, external ids."""
    attrs, keys = record.attrs, []
    if record.type == "customer":
        keys += [("customer:email", e["email"].lower()) for e in attrs.get("emails") or []]
        keys += [("customer:phone", phone_key(p["phone"])) for p in attrs.get("phones") or []]
        keys += [("customer:externalId", x["externalId"]) for x in attrs.get("externalIds") or []]
    if record.type == "klass" and isinstance(attrs.get("name"), str):
        keys.append(("klass:name", attrs["name"]))
    if isinstance(attrs.get("externalId"), str):
        keys.append((f"{record.type}:externalId", attrs["externalId"]))
    return keys


def _link(request: Request, record: Record, name: str, value: Any) -> None:
    rtype = REL_FIELDS[name]
    rid = value.get("id") if isinstance(value, dict) else value
    if value is None:
        record.rels.pop(name, None)
        return
    if not isinstance(rid, str) or sandbox(request).store.get(rid, rtype) is None:
        detail = f'"{name}" refers to no {rtype} with id {rid!r}'
        raise ApiError(400, detail, source={"pointer": f"/{name}"})
    record.rels[name] = rid


def _apply(request: Request, record: Record, body: dict[str, Any]) -> None:
    for name, value in body.items():
        if name in REL_FIELDS:
            _link(request, record, name, value)
        elif name != "rev":
            record.attrs[name] = value
    if record.type == "customer" and "name" not in record.attrs:
        parts = [record.attrs.get("firstName"), record.attrs.get("lastName")]
        record.attrs["name"] = " ".join(p for p in parts if p) or None


def create(request: Request, rtype: str, body: dict[str, Any], **owners: str | None) -> Record:
    """Validate a create body, then store and return the new record.

    Args:
        request: The request (its key becomes `createdBy`).
        rtype: The type to create (`customer`, `kobject.order`, ...).
        body: The parsed JSON body.
        **owners: `customer_id` / `conversation_id` owning the new record, if any.

    Returns:
        The stored record.

    Raises:
        ApiError: 400 for an invalid body.
    """
    validate(base_type(rtype), body, create=True)
    state = sandbox(request)
    user = state.world.machines[caller_key(request)]
    stamp = iso_ms(now_ms())
    record = Record(new_object_id(), rtype, {}, {"createdBy": user, "modifiedBy": user})
    _apply(request, record, body)
    record.attrs = {"createdAt": stamp, "updatedAt": stamp, "modifiedAt": stamp} | record.attrs
    if "rev" in DEFAULTS.get(base_type(rtype), {}):
        record.attrs["rev"] = 1
    record.customer_id = owners.get("customer_id") or record.rels.get("customer")
    record.conversation_id = owners.get("conversation_id")
    for name in ("customer", "conversation"):
        if owners.get(f"{name}_id"):
            record.rels[name] = owners[f"{name}_id"]
    state.store.insert(record, lookups_of(record))
    return record


def update(request: Request, record: Record, body: dict[str, Any]) -> Record:
    """Apply a PUT/PATCH body: check `rev`, merge attributes, bump `rev`, store.

    A plain PUT merges like PATCH; `PUT ?replace=true` replaces the attributes with the body.
    A customer update that omits `company` unlinks the company, as Kustomer documents.

    Args:
        request: The request (its key becomes `modifiedBy`).
        record: The stored record to change.
        body: The parsed JSON body.

    Returns:
        The updated record.

    Raises:
        ApiError: 400 for an invalid body, 409 when `rev` is not the current one.
    """
    validate(base_type(record.type), body, create=False)
    current = record.attrs.get("rev", 1)
    if "rev" in body and body["rev"] != current:
        detail = f"Conflict: rev {body['rev']} is stale; the {record.type} is at rev {current}"
        raise ApiError(409, detail, source={"pointer": "/rev"})
    if record.type == "customer" and "company" not in body:
        record.rels.pop("company", None)
    if request.method == "PUT" and request.query_params.get("replace") == "true":
        record.attrs = {k: v for k, v in record.attrs.items() if k in KEPT_ON_REPLACE}
    if body.get("customer", record.rels.get("customer")) != record.rels.get("customer"):
        raise ApiError(400, '"customer" cannot be changed', source={"pointer": "/customer"})
    _apply(request, record, body)
    stamp = iso_ms(now_ms())
    record.attrs |= {"rev": current + 1, "updatedAt": stamp, "modifiedAt": stamp}
    record.rels["modifiedBy"] = sandbox(request).world.machines[caller_key(request)]
    sandbox(request).store.save(record, lookups_of(record))
    return record
