"""Seeds customers with their conversations, messages, notes and KObjects."""

from __future__ import annotations

import random
from typing import Any

import orjson

from kexplore.sandbox.ids import iso_ms, object_id
from kexplore.sandbox.seed import words
from kexplore.sandbox.seed.catalog import World
from kexplore.sandbox.seed.conversations import ConversationSeeder, Row

__all__ = ["HISTORY_CUSTOMERS", "START_MS", "CustomerSeeder"]

START_MS = 1_767_571_200_000
"""2026-01-05T00:00:00Z: the first customer signs up then."""
SPAN_MS = 150 * 86_400_000
"""Customers sign up over 150 days."""
HISTORY_CUSTOMERS = 10_000
"""Up to this many customers all have orders and conversations; in a bigger seed a random
share does, so the history stays about 20k conversations and 80k messages."""
TIERS = ("bronze", "silver", "gold", "platinum")


def _dump(value: Any) -> str:
    return orjson.dumps(value).decode()


class CustomerSeeder:
    """Builds customer rows and everything they own, deterministically.

    Args:
        rng: The seeded random source (shared with the catalogue, consumed in order).
        world: The org-wide ids to refer to.
        total: How many customers the whole seed has (spreads sign-up times).
    """

    def __init__(self, rng: random.Random, world: World, total: int) -> None:
        self.rng = rng
        self.world = world
        self.total = max(total, 1)
        self.history_share = min(1.0, HISTORY_CUSTOMERS / self.total)
        self.used_emails: set[str] = set()
        self.order_no = 100_000
        self.rows: list[Row] = []
        self.lookups: list[tuple[str, str, str]] = []
        self.conversations = ConversationSeeder(rng, world, self.rows.append)

    def take(self) -> tuple[list[Row], list[tuple[str, str, str]]]:
        """Return the rows built so far and start a new batch."""
        rows, lookups = self.rows[:], self.lookups[:]
        self.rows.clear()
        self.lookups.clear()
        return rows, lookups

    def add_customer(self, i: int) -> None:
        """Build customer number `i` and its conversations, messages, notes and KObjects."""
        rng = self.rng
        epoch_ms = START_MS + i * SPAN_MS // self.total + rng.randrange(60_000)
        cid = object_id(epoch_ms, rng.getrandbits(64))
        attrs, rels = self._identity(i, cid, epoch_ms)
        last = epoch_ms
        attrs["conversationCounts"] = {"all": 0, "open": 0, "snoozed": 0, "done": 0}
        if self.history_share >= 1.0 or rng.random() < self.history_share:
            orders = self._kobjects(cid, epoch_ms, rels.get("company"))
            last = self.conversations.add(cid, attrs, epoch_ms, orders)
        attrs["updatedAt"] = attrs["modifiedAt"] = attrs["lastActivityAt"] = iso_ms(last)
        self.rows.append((cid, "customer", None, None, _dump(attrs), _dump(rels)))

    def _names(self, i: int) -> tuple[str, str, str, str | None]:
        rng = self.rng
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
        company = rng.choice(self.world.companies) if rng.random() < 0.3 else None
        domain = company[2] if company else rng.choice(words.EMAIL_DOMAINS)
        local = rng.choice((f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", first))
        email = f"{local.lower()}@{domain}"
        if i == 0:
            first, last, email, company = "Jane", "Cooper", "jane@example.com", None
        elif email in self.used_emails:
            email = f"{local.lower()}{i}@{domain}"
        self.used_emails.add(email)
        return first, last, email, company[0] if company else None

    def _identity(self, i: int, cid: str, epoch_ms: int) -> tuple[dict, dict]:
        rng = self.rng
        first, last, email, company = self._names(i)
        phone = f"+1{rng.randrange(201, 990)}555{rng.randrange(10000):04d}"
        city, state, zipcode = rng.choice(words.CITIES)
        street = f"{rng.randrange(10, 9999)} {rng.choice(words.STREETS)}"
        external = f"CUS-{100001 + i}"
        created = iso_ms(epoch_ms)
        attrs = {
            "name": f"{first} {last}",
            "displayName": f"{first} {last}",
            "displayColor": rng.choice(("teal", "purple", "orange", "blue", "green")),
            "firstName": first,
            "lastName": last,
            "externalId": external,
            "externalIds": [{"externalId": external, "verified": True}],
            "emails": [{"email": email, "type": "home", "verified": True}],
            "phones": [{"phone": phone, "type": "mobile", "verified": False}],
            "locations": [{"type": "home", "address": f"{street}, {city}, {state} {zipcode}"}],
            "locale": "en_US",
            "timeZone": "America/New_York",
            "signedUpAt": created,
            "createdAt": created,
            "lastSeenAt": iso_ms(epoch_ms + rng.randrange(86_400_000 * 30)),
            "tags": [self.world.tags["vip"]] if rng.random() < 0.08 else [],
            "custom": {
                "loyaltyTierStr": rng.choice(TIERS),
                "lifetimeValueNum": round(rng.uniform(20, 2500), 2),
                "newsletterBool": rng.random() < 0.6,
            },
            "verified": True,
            "rev": 1,
        }
        rels = {"createdBy": self.world.machines["sandbox-admin-key"]}
        rels["modifiedBy"] = rels["createdBy"]
        if company:
            rels["company"] = company
            attrs["companyName"] = next(n for c, n, _ in self.world.companies if c == company)
        self.lookups += [("customer:email", email, cid), ("customer:externalId", external, cid)]
        self.lookups.append(("customer:phone", phone.lstrip("+"), cid))
        return attrs, rels

    def _kobjects(self, cid: str, epoch_ms: int, company: str | None) -> list[str]:
        rng, orders = self.rng, []
        for _ in range(rng.choice((0, 1, 1, 2))):
            self.order_no += rng.randrange(1, 40)
            number = f"#{self.order_no}"
            orders.append(number)
            placed = epoch_ms + rng.randrange(86_400_000 * 20)
            custom = {
                "orderNumberStr": number,
                "totalNum": round(rng.uniform(15, 480), 2),
                "itemCountNum": rng.randrange(1, 6),
                "statusStr": rng.choice(("processing", "shipped", "delivered", "returned")),
                "placedAt": iso_ms(placed),
                "trackingUrl": f"https://tracking.example/track/1Z{rng.getrandbits(40):010X}",
            }
            title, ext = f"Order {number}", f"shopify-{self.order_no}"
            self._kobject("order", cid, placed, company, {"title": title, "custom": custom}, ext)
        if rng.random() < 0.35:
            started = epoch_ms + rng.randrange(86_400_000 * 10)
            plan = rng.choice(("Monthly Roast", "Espresso Lovers", "Decaf Duo"))
            custom = {"planStr": plan, "priceNum": rng.choice((18.0, 24.0, 32.0))}
            custom |= {
                "activeBool": rng.random() < 0.8,
                "renewsAt": iso_ms(started + 30 * 86_400_000),
            }
            body = {"title": f"{plan} subscription", "custom": custom}
            self._kobject(
                "subscription", cid, started, company, body, f"sub-{rng.getrandbits(32):08x}"
            )
        return orders

    def _kobject(
        self, klass: str, cid: str, at: int, company: str | None, attrs: dict, ext: str
    ) -> None:
        kid = object_id(at, self.rng.getrandbits(64))
        when = iso_ms(at)
        attrs |= {"externalId": ext, "createdAt": when, "updatedAt": when, "rev": 1, "tags": []}
        rels = {"customer": cid, "createdBy": self.world.machines["sandbox-admin-key"]}
        if company:
            rels["company"] = company
        self.rows.append((kid, f"kobject.{klass}", cid, None, _dump(attrs), _dump(rels)))
        self.lookups.append((f"kobject.{klass}:externalId", ext, kid))
