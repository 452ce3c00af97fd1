"""Generate Kustomer-shaped customer list documents of a target size, for benchmarks and tests."""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import orjson

__all__ = ["customer", "customer_list", "list_document_bytes"]

_FIRST = ("Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Radia", "Guido")
_LAST = ("Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie")
_KLASSES = ("order", "subscription", "device")


def _oid(rng: random.Random) -> str:
    return f"{rng.getrandbits(96):024x}"


def _stamp(rng: random.Random) -> str:
    month, day, hour = rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23)
    return f"2025-{month:02d}-{day:02d}T{hour:02d}:17:03.512Z"


def _related(path: str, type_: str | None = None, id_: str | None = None) -> dict[str, Any]:
    rel: dict[str, Any] = {"links": {"self": path}}
    if type_ and id_:
        rel["data"] = {"type": type_, "id": id_}
    return rel


def _attributes(rng: random.Random, first: str, last: str) -> dict[str, Any]:
    email = f"{first}.{last}{rng.randint(1, 9999)}@example.com".lower()
    return {
        "name": f"{first} {last}",
        "displayName": f"{first} {last}",
        "displayColor": rng.choice(("red", "teal", "purple")),
        "firstName": first,
        "lastName": last,
        "externalId": f"ext-{rng.randint(1, 10**9)}",
        "externalIds": [{"externalId": f"crm-{rng.randint(1, 10**6)}", "verified": True}],
        "emails": [{"email": email, "type": "work", "verified": rng.random() < 0.5}],
        "phones": [{"phone": f"+1555{rng.randint(1000000, 9999999)}", "type": "mobile"}],
        "socials": [],
        "urls": [{"url": f"https://example.com/{last.lower()}", "type": "website"}],
        "locations": [{"type": "home", "address": f"{rng.randint(1, 999)} Main St, Springfield"}],
        "locale": "en_US",
        "timeZone": "America/New_York",
        "avatarUrl": None,
        "signedUpAt": _stamp(rng),
        "lastSeenAt": _stamp(rng),
        "createdAt": _stamp(rng),
        "updatedAt": _stamp(rng),
        "modifiedAt": _stamp(rng),
        "lastActivityAt": _stamp(rng),
        "lastMessageIn": {"channel": "email", "sentAt": _stamp(rng), "sentiment": {}},
        "lastConversation": {"id": _oid(rng), "channels": ["email"], "tags": [], "sentiment": {}},
        "conversationCounts": {"all": rng.randint(0, 50), "open": 1, "snoozed": 0, "done": 3},
        "preview": {
            "previewAt": _stamp(rng),
            "type": "message",
            "channel": "email",
            "subject": "Where is my order?",
            "text": "Hi, I ordered a widget last week and it has not arrived yet. Can you help?",
        },
        "sentiment": {"polarity": rng.choice((-1, 0, 1)), "confidence": round(rng.random(), 3)},
        "tags": [_oid(rng) for _ in range(rng.randint(0, 3))],
        "custom": {
            "tierStr": rng.choice(("gold", "silver")),
            "lifetimeValueNum": rng.randint(0, 9999),
        },
        "progressiveStatus": rng.choice((None, "open", "done")),
        "verified": True,
        "deleted": False,
        "rev": rng.randint(1, 40),
        "recentItems": [],
        "defaultLang": "en_us",
    }


def customer(rng: random.Random, org: str) -> dict[str, Any]:
    """One rich customer resource with attributes, relationships and links.

    Args:
        rng: The random source (seeded for deterministic output).
        org: The org id the customer belongs to.

    Returns:
        A JSON:API resource object shaped like docs/KUSTOMER.md and the sandbox's seed describe.
    """
    cid, user, company = _oid(rng), _oid(rng), _oid(rng)
    base = f"/v1/customers/{cid}"
    relationships: dict[str, Any] = {
        "org": _related(f"/v1/orgs/{org}", "org", org),
        "messages": _related(f"{base}/messages"),
        "createdBy": _related(f"/v1/users/{user}", "user", user),
        "modifiedBy": _related(f"/v1/users/{user}", "user", user),
        "company": _related(f"/v1/companies/{company}", "company", company),
        "sla": {"data": {"type": "sla", "id": _oid(rng)}},
    }
    for klass in _KLASSES:
        relationships[klass] = {
            "links": {"self": f"{base}/klasses/{klass}"},
            "meta": {"kobject": True},
        }
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    return {
        "type": "customer",
        "id": cid,
        "attributes": _attributes(rng, first, last),
        "relationships": relationships,
        "links": {"self": base},
    }


def customer_list(count: int, *, seed: int = 7, page: int = 1) -> dict[str, Any]:
    """A `GET /v1/customers` page (rich meta) holding `count` customers.

    Args:
        count: How many customers in `data`.
        seed: The random seed.
        page: The page number the links describe.

    Returns:
        The parsed document.
    """
    rng = random.Random(seed)
    org = _oid(rng)
    query = f"pageSize={count}"
    return {
        "meta": {"pageSize": count, "page": page, "total": count * 40, "totalPages": 40},
        "links": {
            "self": f"/v1/customers?page={page}&{query}",
            "first": f"/v1/customers?page=1&{query}",
            "prev": None if page == 1 else f"/v1/customers?page={page - 1}&{query}",
            "next": f"/v1/customers?page={page + 1}&{query}",
            "last": f"/v1/customers?page=40&{query}",
        },
        "data": [customer(rng, org) for _ in range(count)],
    }


def list_document_bytes(target_bytes: int, *, seed: int = 7) -> bytes:
    """A compact customer list document of about `target_bytes` (within one customer).

    Args:
        target_bytes: The wanted body size.
        seed: The random seed.

    Returns:
        The body as compact JSON bytes, as an API would send it.
    """
    sample = len(orjson.dumps(customer_list(20, seed=seed))) / 20
    count = max(1, round(target_bytes / sample))
    return orjson.dumps(customer_list(count, seed=seed))


def main() -> None:
    """Write documents of the sizes given on the command line (in MB) into a folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 5, 20], help="sizes in MB")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/data"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        body = list_document_bytes(int(size * 2**20))
        path = args.out / f"customers-{size:g}mb.json"
        path.write_bytes(body)
        print(f"{path}: {len(body):,} bytes")


if __name__ == "__main__":
    main()
