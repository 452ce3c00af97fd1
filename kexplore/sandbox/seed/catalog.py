"""Seeds the org-wide records: org, users, teams, tags, shortcuts, brands, queues, Klasses."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kexplore.sandbox.auth import ADMIN_KEY, KEYS, READ_KEY
from kexplore.sandbox.ids import iso_ms, object_id
from kexplore.sandbox.seed import words
from kexplore.sandbox.store import Record

__all__ = ["CATALOG_MS", "KLASSES", "World", "build_catalog"]

CATALOG_MS = 1_767_312_000_123
"""2026-01-02T00:00:00.123Z: when the org-wide records were created."""

KLASSES = (
    ("order", "Order", "cart", "#2b8a3e"),
    ("subscription", "Subscription", "repeat", "#5f3dc4"),
)
"""Klass name, display name, icon, colour."""


@dataclass
class World:
    """The ids of the org-wide records that customers and conversations refer to."""

    org: str = ""
    """The org id."""
    agents: list[str] = field(default_factory=list)
    """Human user ids."""
    machines: dict[str, str] = field(default_factory=dict)
    """API key -> its machine user id."""
    tokens: dict[str, str] = field(default_factory=dict)
    """API key -> its auth token id."""
    teams: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    """Tag name -> id."""
    shortcuts: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    queues: list[str] = field(default_factory=list)
    companies: list[tuple[str, str, str]] = field(default_factory=list)
    """(id, name, domain)."""
    records: list[Record] = field(default_factory=list)
    """Every record built, in creation order."""


def _stamp(rng: random.Random, step: int) -> tuple[str, int]:
    epoch_ms = CATALOG_MS + step * 61_000
    return object_id(epoch_ms, rng.getrandbits(64)), epoch_ms


def _add(world: World, rng: random.Random, rtype: str, attrs: dict, **rels: str) -> str:
    rid, epoch_ms = _stamp(rng, len(world.records))
    when = iso_ms(epoch_ms)
    attrs = {**attrs, "createdAt": when, "updatedAt": when, "modifiedAt": when}
    if world.machines and rtype != "auth_token":  # a token's relationships: org and user
        admin = world.machines[ADMIN_KEY]
        rels = {"createdBy": admin, "modifiedBy": admin, **rels}
    world.records.append(Record(rid, rtype, attrs, rels))
    return rid


def _users(world: World, rng: random.Random) -> None:
    for key, label in ((ADMIN_KEY, "Sandbox Admin Key"), (READ_KEY, "Sandbox Read Key")):
        attrs = {
            "name": label,
            "displayName": label,
            "email": f"{key}@machine.sandbox.example",
            "userType": "machine",
            "roles": list(KEYS[key]),
        }
        world.machines[key] = _add(world, rng, "user", attrs)
    for name, handle in words.AGENTS:
        attrs = {
            "name": name,
            "displayName": name.split()[0],
            "email": f"{handle}@sandbox-outfitters.example",
            "userType": "user",
            "roles": ["org.user", "org.permission.agent"],
            "emailVerifiedAt": iso_ms(CATALOG_MS),
            "firstLoginAt": iso_ms(CATALOG_MS + 3_600_000),
            "mostRecentLoginAt": iso_ms(CATALOG_MS + 86_400_000 * 150),
        }
        world.agents.append(_add(world, rng, "user", attrs))


def _tokens(world: World, rng: random.Random) -> None:
    for key in (ADMIN_KEY, READ_KEY):
        attrs = {
            "lastTokenChars": key[-8:],
            "name": key,
            "ipAddress": "127.0.0.1",
            "userAgent": None,
            "roles": list(KEYS[key]),
            "lastAccessedAt": iso_ms(CATALOG_MS),
        }
        world.tokens[key] = _add(world, rng, "auth_token", attrs, user=world.machines[key])


def _org_records(world: World, rng: random.Random) -> None:
    for i, name in enumerate(words.TEAMS):
        members = world.agents[i * 3 : i * 3 + 4]
        attrs = {"name": name, "displayName": name, "icon": "users", "members": members}
        world.teams.append(_add(world, rng, "team", attrs))
    colors = ("#e03131", "#1971c2", "#2f9e44", "#f08c00", "#7048e8")
    for i, name in enumerate(words.TAGS):
        world.tags[name] = _add(world, rng, "tag", {"name": name, "color": colors[i % 5]})
    for name, text in words.SHORTCUTS:
        attrs = {"name": name, "draft": {"text": text}, "isPrivate": False, "rev": 1}
        world.shortcuts.append(_add(world, rng, "shortcut", attrs))
    for i, (name, color) in enumerate(words.BRANDS):
        attrs = {"name": name, "displayName": name, "default": i == 0, "color": color}
        world.brands.append(_add(world, rng, "brand", attrs))
    for i, (name, about, priority) in enumerate(words.QUEUES):
        attrs = {"name": name, "displayName": name, "description": about, "priority": priority}
        attrs |= {"teams": [world.teams[i]], "itemSize": 1, "enabled": True}
        world.queues.append(_add(world, rng, "queue", attrs))


def _companies_and_klasses(world: World, rng: random.Random) -> None:
    for name, domain in words.COMPANIES:
        attrs = {"name": name, "domains": [domain], "emails": [{"email": f"hello@{domain}"}]}
        attrs |= {"urls": [{"url": f"https://{domain}"}], "rev": 1, "tags": []}
        attrs["custom"] = {"accountTierStr": rng.choice(("standard", "premium"))}
        world.companies.append((_add(world, rng, "company", attrs), name, domain))
    for name, display, icon, color in KLASSES:
        attrs = {"name": name, "displayName": display, "icon": icon, "color": color}
        attrs |= {"status": "enabled", "mixins": ["commentable"], "appDisabled": False}
        _add(world, rng, "klass", attrs)


def build_catalog(rng: random.Random) -> World:
    """Build the org and every org-wide record, deterministically from `rng`.

    Args:
        rng: The seeded random source (consumed in a fixed order).

    Returns:
        The World: the ids to refer to, and the records to store.
    """
    world = World()
    world.org = object_id(CATALOG_MS - 86_400_000, rng.getrandbits(64))
    when = iso_ms(CATALOG_MS - 86_400_000)
    org = {"name": "sandbox", "displayName": "Sandbox Outfitters", "createdAt": when}
    org |= {"updatedAt": when, "meta": {"pod": "sandbox", "region": "local"}}
    world.records.append(Record(world.org, "org", org))
    _users(world, rng)
    _tokens(world, rng)
    _org_records(world, rng)
    _companies_and_klasses(world, rng)
    return world
