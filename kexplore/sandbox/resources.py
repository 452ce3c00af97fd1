"""Renders stored records as JSON:API resources with Kustomer's relationships and links."""

from __future__ import annotations

from typing import Any

from kexplore.sandbox.attributes import DEFAULTS, base_type
from kexplore.sandbox.kinds import KIND_DEFAULTS, KIND_PATHS, NAMED_PATHS, SINGLETONS
from kexplore.sandbox.seed.catalog import KLASSES
from kexplore.sandbox.store import Record

__all__ = ["KLASS_NAMES", "render", "self_link"]

KLASS_NAMES = tuple(name for name, *_ in KLASSES)
"""The seeded Klasses; customers carry one relationship per Klass."""

TO_ONE: dict[str, tuple[str, str]] = {
    "customer": ("customer", "/v1/customers/"),
    "conversation": ("conversation", "/v1/conversations/"),
    "company": ("company", "/v1/companies/"),
    "createdBy": ("user", "/v1/users/"),
    "modifiedBy": ("user", "/v1/users/"),
    "user": ("user", "/v1/users/"),
    "brand": ("brand", "/v1/brands/"),
    "queue": ("queue", "/v1/routing/queues/"),
    "message": ("message", "/v1/messages/"),
    "draft": ("draft", "/v1/drafts/"),
    "forward": ("forward", "/v1/forwards/"),
    "source": ("customer", "/v1/customers/"),
    "target": ("customer", "/v1/customers/"),
    "deletedBy": ("user", "/v1/users/"),
    "sla": ("sla", "/v1/slas/"),
    "schedule": ("schedule", "/v1/schedules/"),
}
"""Relationship name -> (type of the related resource, path prefix of its link)."""

TO_MANY_DATA: dict[str, dict[str, str]] = {
    "message": {"shortcuts": "shortcut", "attachments": "attachment"},
    "note": {"userMentions": "user"},
    "draft": {"attachments": "attachment"},
    "forward": {"attachments": "attachment"},
    "schedule": {"holidays": "holiday"},
    "sla": {"versions": "sla_version"},
}
"""Type -> the to-many relationships it always carries (name -> related type)."""

SELF_PATHS = {
    "customer": "/v1/customers/",
    "conversation": "/v1/conversations/",
    "message": "/v1/messages/",
    "note": "/v1/notes/",
    "klass": "/v1/klasses/",
    "user": "/v1/users/",
    "team": "/v1/teams/",
    "tag": "/v1/tags/",
    "shortcut": "/v1/shortcuts/",
    "brand": "/v1/brands/",
    "queue": "/v1/routing/queues/",
    "company": "/v1/companies/",
    "org": "/v1/orgs/",
    "auth_token": "/v1/auth/tokens/",
    **KIND_PATHS,
}


def self_link(record: Record) -> str:
    """Return the resource's `links.self`, e.g. `/v1/klasses/order/<id>` for a KObject."""
    if record.type in SINGLETONS:
        return SINGLETONS[record.type]
    if record.type in NAMED_PATHS:
        prefix, name = NAMED_PATHS[record.type]
        return prefix + str(record.attrs.get(name))
    if record.type.startswith("kobject."):
        return f"/v1/klasses/{record.type.removeprefix('kobject.')}/{record.id}"
    return SELF_PATHS[record.type] + record.id


def render(record: Record, org: str) -> dict[str, Any]:
    """Render one record as a JSON:API resource object.

    Args:
        record: The stored record.
        org: The org id every resource belongs to.

    Returns:
        `{type, id, attributes, relationships, links}` as Kustomer sends it.
    """
    family = base_type(record.type)
    relationships: dict[str, Any] = {}
    if record.type != "org":
        relationships["org"] = {"links": {"self": f"/v1/orgs/{org}"}, "data": _ref("org", org)}
    relationships.update(_to_one(record))
    relationships.update(_collections(record))
    for name, related in TO_MANY_DATA.get(family, {}).items():
        ids = record.rels.get(name) or []
        relationships[name] = {"data": [_ref(related, rid) for rid in ids]}
        if family == "message" and name == "attachments":
            relationships[name]["links"] = {"self": f"/v1/messages/{record.id}/attachments"}
    links = {"self": self_link(record)}
    if family == "message":
        links["related"] = f"/v1/conversations/{record.rels.get('conversation')}"
    if family in ("attachment", "media"):
        links["related"] = f"/v1/{family}s/{record.id}/download".replace("medias", "media")
    defaults = DEFAULTS.get(family) or KIND_DEFAULTS[family]
    return {
        "type": record.type,
        "id": record.id,
        "attributes": {**defaults, **record.attrs},
        "relationships": relationships,
        "links": links,
    }


def _ref(rtype: str, rid: str) -> dict[str, str]:
    return {"type": rtype, "id": rid}


def _to_one(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if record.type.startswith("kobject."):
        name = record.type.removeprefix("kobject.")
        # Kustomer's quirk: a KObject's klass relationship has `link`, not `links`.
        out["klass"] = {"link": {"self": f"/v1/klasses/{name}"}, "data": _ref("klass", name)}
    for name, rid in record.rels.items():
        if name in TO_ONE and isinstance(rid, str):
            rtype, prefix = TO_ONE[name]
            out[name] = {"links": {"self": prefix + rid}, "data": _ref(rtype, rid)}
    return out


def _collections(record: Record) -> dict[str, Any]:
    rid = record.id
    if record.type == "customer":
        out: dict[str, Any] = {"messages": {"links": {"self": f"/v1/customers/{rid}/messages"}}}
        for klass in KLASS_NAMES:
            link = f"/v1/customers/{rid}/klasses/{klass}"
            out[klass] = {"links": {"self": link}, "meta": {"kobject": True}}
        return out
    if record.type == "conversation":
        return {"messages": {"links": {"self": f"/v1/conversations/{rid}/messages"}}}
    if record.type == "klass":
        return {"kobjects": {"links": {"self": f"/v1/klasses/{record.attrs.get('name')}"}}}
    return {}
