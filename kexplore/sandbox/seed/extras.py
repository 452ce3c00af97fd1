"""Seeds what the core seed leaves out: settings, routing, apps, files, drafts, events, audit."""

from __future__ import annotations

import random
from typing import Any

import orjson

from kexplore.sandbox.auth import ADMIN_KEY
from kexplore.sandbox.ids import iso_ms, object_id, parse_iso_ms
from kexplore.sandbox.seed.catalog import CATALOG_MS, World
from kexplore.sandbox.seed.extras_data import ORG_ROWS
from kexplore.sandbox.seed.settings_data import SINGLETON_ROWS
from kexplore.sandbox.store import COLUMNS, Record, Store

__all__ = ["seed_extras"]

EXTRAS_MS = CATALOG_MS + 3_600_000
"""When the org-wide extras were created (an hour after the core catalogue)."""
AUDITED = 24
"""How many audit-log entries to seed."""


class _Rows:
    """Collects resource rows with ids from a private random source."""

    def __init__(self, seed: int, world: World) -> None:
        self.rng = random.Random(f"kexplore-extras-{seed}")
        self.admin = world.machines[ADMIN_KEY]
        self.rows: list[tuple[Any, ...]] = []
        self.step = 0

    def add(self, rtype: str, attrs: dict[str, Any], at: int | None = None, **more: Any) -> str:
        self.step += 1
        epoch_ms = at if at is not None else EXTRAS_MS + self.step * 60_000
        rid = object_id(epoch_ms, self.rng.getrandbits(64))
        when = iso_ms(epoch_ms)
        attrs = {"createdAt": when, "updatedAt": when, "modifiedAt": when, **attrs}
        rels = {"createdBy": self.admin, "modifiedBy": self.admin, **more.get("rels", {})}
        row = (rid, rtype, more.get("customer"), more.get("conversation"))
        self.rows.append((*row, orjson.dumps(attrs).decode(), orjson.dumps(rels).decode()))
        return rid


def _org(rows: _Rows, world: World) -> None:
    ids: dict[str, list[str]] = {}
    for rtype, attrs in ORG_ROWS + SINGLETON_ROWS:
        ids.setdefault(rtype, []).append(rows.add(rtype, attrs))
    holidays = [
        rows.add("holiday", {"name": name, "date": date, "recurring": True})
        for name, date in (("New Year's Day", "2027-01-01"), ("Independence Day", "2026-07-04"))
    ]
    versions = [
        rows.add("sla_version", {"name": "Email first response", "version": n, "metrics": {}})
        for n in (1, 2)
    ]
    _relate(rows, ids["schedule"][0], {"holidays": holidays})
    for holiday in holidays:
        _relate(rows, holiday, {"schedule": ids["schedule"][0]})
    _relate(rows, ids["sla"][0], {"versions": versions})
    for n, queue in enumerate(world.queues[:2]):
        rule = {"name": f"Rule {n + 1}", "queue": queue, "order": n, "enabled": True}
        rule["conditions"] = [
            {"field": "conversation.channel", "operator": "equals", "value": "email"}
        ]
        rows.add("queue_rule", rule, rels={"queue": queue})


def _relate(rows: _Rows, rid: str, rels: dict[str, Any]) -> None:
    for index, row in enumerate(rows.rows):
        if row[0] == rid:
            merged = {**orjson.loads(row[5]), **rels}
            rows.rows[index] = (*row[:5], orjson.dumps(merged).decode())


def _file(rows: _Rows, name: str, at: int, rels: dict[str, str], **owners: Any) -> str:
    attrs = {"name": name, "contentType": "image/jpeg", "contentLength": 182_044}
    return rows.add("attachment", attrs, at, rels=rels, **owners)


def _threads(rows: _Rows, store: Store) -> list[Record]:
    """Attachments, drafts, forwards and events on the first few conversations."""
    sql = f"SELECT {COLUMNS} FROM resources WHERE type = 'conversation' ORDER BY seq LIMIT 4"
    conversations = store.select(sql, [])
    for n, conversation in enumerate(conversations):
        cid, at = conversation.customer_id, _ms(conversation.attrs.get("createdAt"))
        owners = {"customer": cid, "conversation": conversation.id}
        rels = {"customer": cid, "conversation": conversation.id}
        first = store.page_of_type("message", conversation.id)
        if first is not None:
            photo = _file(rows, "photo-of-damage.jpg", at + 1000, {"message": first.id}, **owners)
            first.rels["attachments"] = [photo]
            first.attrs["externalId"] = f"postmark-{n + 1:04d}"
            store.save(first, [("message:externalId", first.attrs["externalId"])])
        conversation.attrs["externalId"] = f"ticket-{n + 1:04d}"
        store.save(conversation, [("conversation:externalId", conversation.attrs["externalId"])])
        draft = {"channel": "email", "status": "draft", "subject": conversation.attrs.get("name")}
        draft["body"] = "Thanks for the photo, a replacement is on its way."
        draft_id = rows.add("draft", draft, at + 2000, rels=rels, customer=cid)
        label = _file(rows, "return-label.pdf", at + 2500, {"draft": draft_id})
        _relate(rows, draft_id, {"attachments": [label]})
        forward = {"channel": "email", "app": "postmark", "status": "sent"}
        forward["to"] = [{"name": "Claims desk", "email": "claims@carrier.example"}]
        forward["from"] = {
            "name": "Sandbox Outfitters",
            "email": "support@sandbox-outfitters.example",
        }
        forward["body"] = "Forwarding for a claim."
        forward_id = rows.add("forward", forward, at + 3000, rels=rels, **owners)
        proof = _file(rows, "proof.jpg", at + 3500, {"forward": forward_id})
        _relate(rows, forward_id, {"attachments": [proof]})
        for name in ("conversation.status.update", "conversation.tags.update"):
            event = {"name": name, "type": "conversation", "changes": {"attributes": {}}}
            event["publishedAt"] = iso_ms(at + 4000)
            rows.add("conversation_event", event, at + 4000, rels=rels, **owners)
    media = {"name": "lamp.png", "contentType": "image/png", "contentLength": 20_480}
    rows.add("media", {**media, "context": "kobject"})
    if len(conversations) > 1:
        source, target = conversations[1].customer_id, conversations[0].customer_id
        merge = {"status": "done"}
        rows.add(
            "customer_merge", merge, rels={"source": source, "target": target}, customer=target
        )
    return conversations


def _tracking(rows: _Rows, conversations: list[Record]) -> None:
    for conversation in conversations[:2]:
        cid, at = conversation.customer_id, _ms(conversation.attrs.get("createdAt"))
        session = f"sess-{rows.rng.getrandbits(32):08x}"
        stats = {
            "sessionId": session,
            "firstEventAt": iso_ms(at - 600_000),
            "lastEventAt": iso_ms(at - 60_000),
            "count": 2,
        }
        rows.add("tracking_session", stats, at - 600_000, rels={"customer": cid}, customer=cid)
        for offset, name in ((600_000, "Viewed product"), (60_000, "Started chat")):
            event = {"name": name, "app": "web", "sessionId": session, "trackingEvent": "track"}
            event |= {
                "meta": {"pageStr": "/products/brass-desk-lamp"},
                "publishedAt": iso_ms(at - offset),
            }
            rows.add("tracking_event", event, at - offset, rels={"customer": cid}, customer=cid)
        change = {
            "name": "customer.update",
            "type": "customer",
            "changes": {"attributes": {"tags": {"before": [], "after": []}}},
        }
        rows.add("customer_event", change, at + 5000, rels={"customer": cid}, customer=cid)


def _audit(rows: _Rows, world: World, conversations: list[Record]) -> None:
    targets = [("conversation", c.id) for c in conversations] + [("user", world.agents[0])]
    for n in range(AUDITED):
        kind, oid = targets[n % len(targets)]
        attrs = {"eventName": f"kustomer.{kind}.update", "eventVerb": "update", "org": world.org}
        attrs |= {
            "userId": world.agents[n % len(world.agents)],
            "userType": "user",
            "objectId": oid,
        }
        attrs |= {"objectType": kind, "client": "web", "ip": "192.0.2.10"}
        attrs |= {
            "changes": {
                "attributes": {"status": {"before": "open", "after": "done"}},
                "relationships": {},
            }
        }
        rows.add("audit_log", attrs, EXTRAS_MS + n * 3_600_000, rels={"user": attrs["userId"]})


def _ms(stamp: Any) -> int:
    return parse_iso_ms(stamp.replace("Z", "+00:00")) if isinstance(stamp, str) else EXTRAS_MS


def seed_extras(store: Store, world: World, seed: int) -> None:
    """Add the org's settings, routing, apps and a few files, drafts, events and audit entries.

    Uses its own random source, so the core seed's ids and values do not change.

    Args:
        store: The store, already holding the core seed.
        world: The org-wide ids of the core seed.
        seed: The sandbox's seed.
    """
    rows = _Rows(seed, world)
    _org(rows, world)
    conversations = _threads(rows, store)
    _tracking(rows, conversations)
    _audit(rows, world, conversations)
    store.bulk_insert(rows.rows, [])
