"""The seed: deterministic, the promised volume, realistic values, formats, and 100k scale."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx
import orjson
import pytest

from kexplore.sandbox.seed.seed import seed_store
from kexplore.sandbox.server import RunningSandbox, SandboxConfig, start_sandbox
from kexplore.sandbox.store import Store

OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")
STAMP = re.compile(r"^2026-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
EMAIL = re.compile(r"^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+$")
PHONE = re.compile(r"^\+1\d{10}$")


def rows(store: Store) -> list[tuple]:
    return store._db.execute(
        "SELECT id, type, customer_id, conversation_id, attrs, rels FROM resources ORDER BY seq"
    ).fetchall()


@pytest.fixture(scope="module")
def seeded() -> Store:
    store = Store()
    seed_store(store, 42, 250)
    return store


def test_the_same_seed_gives_the_same_data(seeded: Store) -> None:
    again = Store()
    seed_store(again, 42, 250)
    assert rows(again) == rows(seeded)
    other = Store()
    seed_store(other, 43, 250)
    assert {r[0] for r in rows(other)}.isdisjoint({r[0] for r in rows(seeded)})


def test_the_default_volume(seeded: Store) -> None:
    counts = Counter(row[1] for row in rows(seeded))
    assert counts["customer"] == 250
    assert 400 <= counts["conversation"] <= 600
    assert 3.3 <= counts["message"] / counts["conversation"] <= 4.7
    assert counts["note"] > 100 and counts["kobject.order"] > 150
    assert counts["kobject.subscription"] > 50
    fixed = {"company": 5, "user": 12, "team": 3, "tag": 15, "shortcut": 8, "brand": 2}
    fixed |= {"queue": 3, "klass": 2, "org": 1, "auth_token": 2}
    assert {kind: counts[kind] for kind in fixed} == fixed


def test_values_have_kustomer_formats(seeded: Store) -> None:
    ids = [row[0] for row in rows(seeded)]
    assert len(set(ids)) == len(ids) and all(OBJECT_ID.match(i) for i in ids)
    for rid, rtype, *_rest, attrs, _rels in rows(seeded):
        values = orjson.loads(attrs)
        for name in ("createdAt", "updatedAt", "sentAt"):
            if values.get(name):
                assert STAMP.match(values[name]), (rtype, name, values[name])
        assert int(rid[:8], 16) > 1_767_000_000  # the id's time prefix is in 2026
        if rtype == "customer":
            assert EMAIL.match(values["emails"][0]["email"])
            assert PHONE.match(values["phones"][0]["phone"])


def test_owners_exist(seeded: Store) -> None:
    all_rows = rows(seeded)
    types = {row[0]: row[1] for row in all_rows}
    for _rid, rtype, customer, conversation, _attrs, rels in all_rows:
        if customer:
            assert types[customer] == "customer"
        if conversation:
            assert types[conversation] == "conversation"
        for name, target in orjson.loads(rels).items():
            for one in target if isinstance(target, list) else [target]:
                assert one in types, (rtype, name)


def test_text_reads_like_support_data(seeded: Store) -> None:
    text = " ".join(row[4] for row in rows(seeded)).lower()
    assert "lorem" not in text and "ipsum" not in text
    customers = [orjson.loads(r[4]) for r in rows(seeded) if r[1] == "customer"]
    names = Counter(c["name"] for c in customers)
    assert len(names) > 200 and all(re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", n) for n in names)
    previews = [orjson.loads(r[4])["preview"] for r in rows(seeded) if r[1] == "message"]
    assert len(set(previews)) > 100
    assert any("refund" in p.lower() for p in previews)
    assert customers[0]["emails"][0]["email"] == "jane@example.com"


def test_the_customer_summary_matches_its_conversations(seeded: Store) -> None:
    conversations = Counter(r[2] for r in rows(seeded) if r[1] == "conversation")
    for rid, rtype, *_rest, attrs, _rels in rows(seeded):
        if rtype == "customer":
            counts = orjson.loads(attrs)["conversationCounts"]
            assert counts["all"] == conversations[rid]
            assert counts["all"] == counts["open"] + counts["snoozed"] + counts["done"]


@pytest.mark.slow
def test_100k_customers_seed_and_page_deep(connect: Callable[..., httpx.Client]) -> None:
    """How fast is measured by benchmarks/bench_sandbox.py, not here."""
    running = start_sandbox(SandboxConfig(port=0, customers=100_000, rate_limit=100_000))
    try:
        with connect(running) as client:
            document = client.get("/v1/customers?page=500&pageSize=100").json()
            assert document["meta"] == {
                "pageSize": 100,
                "page": 500,
                "total": 100_000,
                "totalPages": 1000,
            }
            assert len(document["data"]) == 100
            assert document["links"]["next"] == "/v1/customers?page=501&pageSize=100"
            last = client.get(document["links"]["last"]).json()
            assert len(last["data"]) == 100 and last["links"]["next"] is None
            body = {"and": [{"customer_name": {"contains": "cooper"}}]}
            found = client.post("/v1/customers/search", json=body)
            assert found.status_code == 200 and found.json()["meta"]["total"] > 100
            email = document["data"][0]["attributes"]["emails"][0]["email"]
            assert client.get(f"/v1/customers/email={email}").status_code == 200
    finally:
        running.stop()


def test_seeding_is_skipped_when_the_store_already_has_data(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    first = Store(path)
    world = seed_store(first, 42, 10)
    first.close()
    again = Store(path)
    assert seed_store(again, 1, 5000) == world
    assert again.scalar("SELECT count(*) FROM resources WHERE type = 'customer'", []) == 10


def test_a_customer_document_is_complete(
    sandbox: RunningSandbox, connect: Callable[..., httpx.Client]
) -> None:
    with connect(sandbox) as client:
        jane = client.get("/v1/customers/email=jane%40example.com").json()["data"]
    assert list(jane) == ["type", "id", "attributes", "relationships", "links"]
    assert {"org", "createdBy", "modifiedBy", "messages", "order", "subscription"} <= set(
        jane["relationships"]
    )
    assert jane["relationships"]["order"]["meta"] == {"kobject": True}
    assert len(jane["attributes"]) >= 60


def test_an_interrupted_seed_is_redone_cleanly(tmp_path: Path) -> None:
    path = str(tmp_path / "half.db")
    half = Store(path)
    seed_store(half, 42, 10)
    half.set_meta({"world": ""})
    half._db.execute("DELETE FROM meta WHERE key = 'world'")  # as if it died before the end
    half.close()
    again = Store(path)
    seed_store(again, 42, 10)
    assert again.scalar("SELECT count(*) FROM resources WHERE type = 'customer'", []) == 10
