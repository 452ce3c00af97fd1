"""Support for the catalogue walk: real ids for every placeholder, bodies, and the schemas."""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import httpx

from kexplore.core.browse.catalog import EXAMPLE_IDS, Endpoint
from kexplore.sandbox.store import Record, Scope, Store

DATA = Path(__file__).parent / "data"
PLACEHOLDER = re.compile(r"\{([^{}/]+)\}")


def shape(path: str) -> str:
    """A path with every placeholder (`{x}` or `:x`) reduced to `{}`, lower case."""
    return re.sub(r"\{[^}]*\}|:[A-Za-z]+", "{}", path).lower()


@cache
def operations() -> dict[tuple[str, str], str]:
    """(method, path) and (method, shape) -> operationId, for the Core Resources rows."""
    with (DATA / "kustomer-operations.tsv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t")]
    core = [row for row in rows if row["source"].startswith("core:")]
    found = {(row["method"], shape(row["path"])): row["source"][5:] for row in core}
    found |= {(row["method"], row["path"].lower()): row["source"][5:] for row in core}
    return found


def _loose(schema: Any, inside: bool = False) -> Any:
    """Turn a derived schema into a checking one: every typed value may also be null, and
    `required` is kept except inside `attributes`, whose required members the OpenAPI took
    from its examples (a custom attribute, an address's fields) rather than from the type."""
    if not isinstance(schema, dict):
        return schema
    if schema.get("anyOf") == [{"type": "string"}, {"type": "null"}]:
        return {}  # the OpenAPI's example was null: its type is unknown
    skip = ("x-required", "properties")
    out = {k: _loose(v, inside) for k, v in schema.items() if k not in skip}
    if "properties" in schema:
        props = schema["properties"]
        out["properties"] = {k: _loose(v, inside or k == "attributes") for k, v in props.items()}
        required = [name for name in schema.get("x-required", []) if name != "included"]
        if not inside and required:
            out["required"] = required
    if "type" in out and out["type"] != "null":
        out["type"] = [out["type"], "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


@cache
def _schemas() -> dict[str, Any]:
    return json.loads((DATA / "response-schemas.json").read_text(encoding="utf-8"))


RESOURCE = {
    "type": "object",
    "required": ["type", "id", "attributes", "links"],
    "properties": {
        "type": {"type": "string"},
        "id": {"type": "string"},
        "attributes": {"type": "object"},
        "relationships": {"type": "object"},
        "links": {"type": "object", "required": ["self"]},
    },
}
GENERIC = {
    "type": "object",
    "required": ["data"],
    "properties": {"data": {"anyOf": [RESOURCE, {"type": "array", "items": RESOURCE}]}},
}
"""The schema of the other families' answers (no OpenAPI): a JSON:API document."""


def schema_for(endpoint: Endpoint) -> tuple[int | None, dict[str, Any]]:
    """The OpenAPI's success status and a checking schema (a generic one for other families)."""
    found = operations()
    key = (endpoint.method, endpoint.path.lower())
    operation = found.get(key) or found.get((endpoint.method, shape(endpoint.path)))
    if operation is None:
        return None, GENERIC
    [(status, schema)] = _schemas()[operation].items()
    schema = json.loads(json.dumps(schema))
    for pointer in _artifacts().get(operation, []):
        _blank(schema, pointer)
    return int(status), _loose(schema)


@cache
def _artifacts() -> dict[str, list[str]]:
    text = (DATA / "openapi-artifacts.json").read_text(encoding="utf-8")
    return json.loads(text)["artifacts"]


def _blank(schema: dict[str, Any], pointer: str) -> None:
    """Replace the sub-schema at a JSON pointer with `{}` (anything goes)."""
    *parents, last = pointer.strip("/").split("/")
    for part in parents:
        schema = schema[part]
    schema[last] = {}


def find_links(value: Any, found: set[str]) -> None:
    """Collect every string under a `links` or `link` member, anywhere in a document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("links", "link") and isinstance(item, dict):
                found.update(v for v in item.values() if isinstance(v, str))
            else:
                find_links(item, found)
    elif isinstance(value, list):
        for item in value:
            find_links(item, found)


def _one(store: Store, rtype: str, **where: Any) -> Record:
    scope = Scope(rtype, **where)
    [record] = store.page(scope, 0, 1)
    return record


class Ids:
    """Real ids of the seeded sandbox for every placeholder the catalogue uses.

    Args:
        client: An admin client of the sandbox.
        store: Its store, for records no list shows (media, merges).
    """

    def __init__(self, client: httpx.Client, store: Store) -> None:
        self.client = client
        conversation = self._first("/v1/conversations?pageSize=1")
        self.conversation = conversation["id"]
        self.customer = conversation["relationships"]["customer"]["data"]["id"]
        messages = client.get(f"/v1/conversations/{self.conversation}/messages").json()["data"]
        message = next(m for m in messages if m["relationships"]["attachments"]["data"])
        draft = _one(store, "draft", customer_id=self.customer)
        forward = _one(store, "forward", conversation_id=self.conversation)
        kobject = _one(store, "kobject.order")
        customer = client.get(f"/v1/customers/{self.customer}").json()["data"]
        users = client.get("/v1/users?userType=user").json()["data"]
        tags = client.get("/v1/tags").json()["data"]
        self.values = {
            "customer": self.customer,
            "customer2": self._first("/v1/customers?page=2&pageSize=1")["id"],
            "conversation": self.conversation,
            "message": message["id"],
            "message_attachment": message["relationships"]["attachments"]["data"][0]["id"],
            "message_external": message["attributes"]["externalId"],
            "conversation_external": conversation["attributes"]["externalId"],
            "note": self._id("/v1/notes?pageSize=1"),
            "draft": draft.id,
            "draft_attachment": draft.rels["attachments"][0],
            "forward": forward.id,
            "forward_attachment": forward.rels["attachments"][0],
            "kobject": kobject.id,
            "kobject_external": kobject.attrs["externalId"],
            "klass_external": kobject.attrs["externalId"],
            "company": self._id("/v1/companies"),
            "brand": self._id("/v1/brands"),
            "user": users[0]["id"],
            "users": f"{users[0]['id']},{users[1]['id']}",
            "team": self._id("/v1/teams"),
            "klass": self._id("/v1/klasses"),
            "schedule": self._id("/v1/schedules"),
            "sla": self._id("/v1/slas"),
            "role_group": self._id("/v1/role-groups"),
            "queue": self._id("/v1/routing/queues"),
            "queue_rule": self._id("/v1/routing/queue-rules"),
            "webhook": self._id("/v1/outbound-webhooks"),
            "spam_sender": self._id("/v1/spam/senders"),
            "token": self._id("/v1/auth/tokens"),
            "media": _one(store, "media").id,
            "merge": _one(store, "customer_merge").id,
            "org": customer["relationships"]["org"]["data"]["id"],
            "event": self._id(f"/v1/customers/{self.customer}/events"),
            "session": self._first(f"/v1/customers/{self.customer}/sessions")["attributes"][
                "sessionId"
            ],
            "email": customer["attributes"]["emails"][0]["email"],
            "phone": customer["attributes"]["phones"][0]["phone"],
            "customer_external": customer["attributes"]["externalId"],
            "tag": tags[0]["id"],
            "tag2": tags[1]["id"],
            "klass_name": "order",
            "resource": "customer",
            "org_name": "sandbox",
        }

    def _first(self, path: str) -> dict[str, Any]:
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.text)
        return response.json()["data"][0]

    def _id(self, path: str) -> str:
        return self._first(path)["id"]

    def fill(self, path: str, victims: dict[str, str] | None = None) -> str:
        """Fill a path template's placeholders with real ids (`victims` first, for deletes)."""
        values = {**self.values, **(victims or {})}
        template = path.split("/")
        parts = list(template)
        for i, part in enumerate(template):
            match = PLACEHOLDER.search(part)
            if match:
                key = _key(template, i, match.group(1))
                parts[i] = part.replace(match.group(0), values[key])
        return "/".join(parts)

    def body(self, text: str | None, victims: dict[str, str] | None = None) -> Any:
        """An example body with the catalogue's example ids swapped for real ones."""
        if text is None:
            return None
        values = {**self.values, **(victims or {})}
        for name, example in EXAMPLE_IDS.items():
            real = values.get("message_attachment" if name == "attachment" else name)
            text = text.replace(example, real or example)
        return json.loads(text)


SEGMENT_KEYS = {
    "customers": "customer",
    "brands": "brand",
    "conversations": "conversation",
    "messages": "message",
    "notes": "note",
    "drafts": "draft",
    "forwards": "forward",
    "companies": "company",
    "users": "user",
    "teams": "team",
    "klasses": "klass",
    "schedules": "schedule",
    "slas": "sla",
    "role-groups": "role_group",
    "queues": "queue",
    "queue-rules": "queue_rule",
    "outbound-webhooks": "webhook",
    "senders": "spam_sender",
    "tokens": "token",
    "media": "media",
    "attachments": "message_attachment",
    "orgs": "org",
    "merges": "merge",
    "events": "event",
    "sessions": "session",
    "times": "conversation",
    "metrics": "queue",
}
"""The segment before a plain placeholder -> which id fills it."""
LITERAL = {"name": "klass_name", "resource": "resource", "orgName": "org_name"}


def _key(parts: list[str], i: int, name: str) -> str:
    family, before = parts[2], parts[i - 1]
    if "=" in parts[i]:
        return name if name in ("email", "phone") else f"{SEGMENT_KEYS[family]}_external"
    if name in LITERAL:
        return LITERAL[name]
    if name == "attachmentId":
        return f"{SEGMENT_KEYS[family]}_attachment"
    if before == "{name}":
        return "kobject"
    if name == "ids" and before == "users":
        return "users"
    return SEGMENT_KEYS[before]
