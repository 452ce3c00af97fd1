"""`POST /v1/customers/search`: operators, and/or/not, contexts, sort, paging, errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from kexplore.sandbox.server import RunningSandbox

ErrorCheck = Callable[..., dict]
"""The `expect_error` fixture: (response, status, *words) -> the error object."""


def search(client: httpx.Client, body: dict, query: str = "") -> dict:
    response = client.post(f"/v1/customers/search{query}", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def every(client: httpx.Client, path: str) -> list[dict]:
    items, url = [], f"{path}?pageSize=100"
    while url:
        document = client.get(url).json()
        items += document["data"]
        url = document["links"]["next"]
    return items


@pytest.fixture(scope="module")
def customers(sandbox: RunningSandbox) -> list[dict]:
    with httpx.Client(
        base_url=sandbox.base_url, headers={"Authorization": "Bearer sandbox-admin-key"}
    ) as client:
        return every(client, "/v1/customers")


def search_all(client: httpx.Client, body: dict) -> list[dict]:
    """Follow a search's links.next to the end (POSTing the same body)."""
    items, url = [], "/v1/customers/search?pageSize=500"
    while url:
        document = search(client, body, url.removeprefix("/v1/customers/search"))
        items += document["data"]
        url = document["links"]["next"]
    return items


def ids(document: dict) -> set[str]:
    return {item["id"] for item in document["data"]}


def test_an_empty_body_finds_every_customer_with_rich_meta(admin: httpx.Client) -> None:
    document = search(admin, {})
    assert document["meta"] == {
        "pageSize": 100,
        "page": 1,
        "total": 250,
        "totalPages": 3,
        "aggregations": {},
        "timed_out": False,
    }
    assert document["links"]["next"] == "/v1/customers/search?page=2&pageSize=100"
    assert document["links"]["last"] == "/v1/customers/search?page=3&pageSize=100"


def test_equals_on_email_and_name(admin: httpx.Client) -> None:
    body = {"and": [{"customer_email": {"equals": "jane@example.com"}}]}
    [jane] = search(admin, body)["data"]
    assert jane["attributes"]["name"] == "Jane Cooper"
    assert ids(search(admin, {"and": {"customer_name": {"equals": "jane cooper"}}})) == {jane["id"]}


def test_contains_is_case_insensitive(admin: httpx.Client, customers: list[dict]) -> None:
    expected = {c["id"] for c in customers if "son" in c["attributes"]["name"].lower()}
    assert expected
    document = search(admin, {"and": [{"customer_name": {"contains": "SON"}}]}, "?pageSize=500")
    assert ids(document) == expected


@pytest.mark.parametrize(
    ("op", "test"),
    [
        ("gt", lambda a, b: a > b),
        ("gte", lambda a, b: a >= b),
        ("lt", lambda a, b: a < b),
        ("lte", lambda a, b: a <= b),
        ("equals", lambda a, b: a == b),
    ],
)
def test_date_comparisons(admin: httpx.Client, customers: list[dict], op: str, test: Any) -> None:
    pivot = customers[120]["attributes"]["createdAt"]
    expected = {c["id"] for c in customers if test(c["attributes"]["createdAt"], pivot)}
    document = search(admin, {"and": [{"customer_created_at": {op: pivot}}]}, "?pageSize=500")
    assert ids(document) == expected and document["meta"]["total"] == len(expected)


def test_a_date_only_value_is_read_in_the_time_zone(
    admin: httpx.Client, customers: list[dict]
) -> None:
    utc = search(admin, {"and": [{"customer_created_at": {"lt": "2026-02-01"}}]}, "?pageSize=500")
    body = {"and": [{"customer_created_at": {"lt": "2026-02-01"}}], "timeZone": "Asia/Tokyo"}
    tokyo = search(admin, body, "?pageSize=500")
    expected = {c["id"] for c in customers if c["attributes"]["createdAt"] < "2026-02-01"}
    assert ids(utc) == expected
    assert ids(tokyo) == {
        c["id"] for c in customers if c["attributes"]["createdAt"] < "2026-01-31T15:00:00.000Z"
    }


def test_numbers_compare_as_numbers(admin: httpx.Client) -> None:
    body = {"and": [{"conversation_priority": {"gte": 4}}], "queryContext": "conversation"}
    document = search(admin, body, "?pageSize=500")
    assert document["data"] and all(c["attributes"]["priority"] >= 4 for c in document["data"])
    body["and"] = [{"conversation_priority": {"lt": 2}}]
    assert all(c["attributes"]["priority"] == 1 for c in search(admin, body)["data"])


def test_or_and_not(admin: httpx.Client, customers: list[dict]) -> None:
    first, second = customers[3], customers[4]
    emails = [c["attributes"]["emails"][0]["email"] for c in (first, second)]
    body = {"or": [{"customer_email": {"equals": e}} for e in emails]}
    assert ids(search(admin, body)) == {first["id"], second["id"]}
    body["not"] = {"customer_email": {"equals": emails[0]}}
    assert ids(search(admin, body)) == {second["id"]}
    nested = {"and": [{"or": [{"customer_email": {"equals": e}} for e in emails]}]}
    assert ids(search(admin, nested)) == {first["id"], second["id"]}


def test_conversation_context_and_customer_id(admin: httpx.Client, customers: list[dict]) -> None:
    jane = customers[0]["id"]
    body = {
        "and": [{"conversation_customer_id": {"equals": jane}}],
        "queryContext": "conversation",
    }
    document = search(admin, body)
    expected = admin.get(f"/v1/customers/{jane}/conversations").json()["data"]
    assert ids(document) == {c["id"] for c in expected}
    assert {item["type"] for item in document["data"]} == {"conversation"}


def test_status_and_sort(admin: httpx.Client) -> None:
    body = {
        "and": [{"conversation_status": {"equals": "open"}}],
        "sort": [{"conversation_updated_at": "desc"}],
        "queryContext": "conversation",
    }
    data = search(admin, body, "?pageSize=500")["data"]
    assert data and {c["attributes"]["status"] for c in data} == {"open"}
    stamps = [c["attributes"]["updatedAt"] for c in data]
    assert stamps == sorted(stamps, reverse=True)


def test_every_context_answers_with_its_type(admin: httpx.Client) -> None:
    for context, rtype in [
        ("message", "message"),
        ("note", "note"),
        ("kobject", "kobject."),
        ("company", "company"),
    ]:
        body = {"and": [{f"{context}_updated_at": {"gte": "2026-01-01"}}], "queryContext": context}
        data = search(admin, body)["data"]
        assert data and all(item["type"].startswith(rtype) for item in data)


def test_message_channel_and_cross_object_criteria(admin: httpx.Client) -> None:
    body = {"and": [{"message_channel": {"equals": "sms"}}], "queryContext": "message"}
    messages = search_all(admin, body)
    assert len(messages) > 500 and {m["attributes"]["channel"] for m in messages} == {"sms"}
    body = {"and": [{"message_channel": {"equals": "sms"}}], "queryContext": "customer"}
    owners = ids(search(admin, body, "?pageSize=500"))
    assert owners == {m["relationships"]["customer"]["data"]["id"] for m in messages}


def test_custom_attributes_arrays_and_kobjects(admin: httpx.Client, customers: list[dict]) -> None:
    gold = {c["id"] for c in customers if c["attributes"]["custom"]["loyaltyTierStr"] == "gold"}
    body = {"and": [{"customer_custom_loyaltyTierStr": {"equals": "gold"}}]}
    assert ids(search(admin, body, "?pageSize=500")) == gold
    rich = {c["id"] for c in customers if c["attributes"]["custom"]["lifetimeValueNum"] > 2000}
    body = {"and": [{"customer_custom_lifetimeValueNum": {"gt": 2000}}]}
    assert ids(search(admin, body, "?pageSize=500")) == rich
    tag = admin.get("/v1/tags").json()["data"][0]
    body = {"and": [{"conversation_tags": {"equals": tag["id"]}}], "queryContext": "conversation"}
    assert all(tag["id"] in c["attributes"]["tags"] for c in search(admin, body)["data"])
    body = {
        "and": [{"kobject_custom_order_statusStr": {"equals": "shipped"}}],
        "queryContext": "kobject",
    }
    orders = search(admin, body)["data"]
    assert orders and {o["type"] for o in orders} == {"kobject.order"}
    assert {o["attributes"]["custom"]["statusStr"] for o in orders} == {"shipped"}


def test_company_name(admin: httpx.Client) -> None:
    body = {"and": [{"company_name": {"contains": "coffee"}}], "queryContext": "company"}
    [company] = search(admin, body)["data"]
    assert company["attributes"]["name"] == "Bluebird Coffee Co."


def test_pages_and_the_100_page_limit(admin: httpx.Client, expect_error: ErrorCheck) -> None:
    document = search(admin, {}, "?page=100&pageSize=2")
    assert document["links"]["next"] == "/v1/customers/search?page=101&pageSize=2"  # as Kustomer
    error = expect_error(
        admin.post("/v1/customers/search?page=101&pageSize=2", json={}), 400, "100 pages"
    )
    assert error["source"] == {"parameter": "page"}
    assert search(admin, {}, "?pageSize=500")["meta"]["totalPages"] == 1
    assert search(admin, {}, "?pageSize=501")["meta"]["pageSize"] == 500  # clamped


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"and": [{"customer_shoe_size": {"equals": 9}}]}, ("customer_shoe_size",)),
        ({"and": [{"widget_name": {"equals": "x"}}]}, ("widget_name",)),
        ({"and": [{"customer_name": {"like": "x"}}]}, ("like", "equals, contains")),
        ({"and": [{"customer_name": "jane"}]}, ("customer_name",)),
        ({"and": [{"customer_name": {"equals": ["a"]}}]}, ("string, number or boolean",)),
        ({"and": ["customer_name"]}, ("objects of criteria",)),
        ({"queryContext": "order"}, ("queryContext", "order")),
        ({"filter": {}}, ('"filter" is not allowed',)),
        ({"sort": [{"customer_tags": "asc"}]}, ("sort",)),
        ({"sort": [{"customer_name": "up"}]}, ("'asc' or 'desc'",)),
        ({"timeZone": "Mars/Olympus"}, ("timeZone",)),
        ({"and": [{"customer_created_at": {"gt": "last week"}}]}, ("not a date",)),
        ({"and": [{"conversation_priority": {"contains": 3}}]}, ("text fields",)),
        (
            {"and": [{"company_name": {"equals": "x"}}], "queryContext": "message"},
            ("company_name",),
        ),
    ],
)
def test_bad_searches_are_400_naming_the_problem(
    admin: httpx.Client, expect_error: ErrorCheck, body: dict, words: tuple
) -> None:
    expect_error(admin.post("/v1/customers/search", json=body), 400, *words)


def test_archive_search_finds_nothing_this_recent(admin: httpx.Client) -> None:
    response = admin.post("/v1/customers/archive/search", json={})
    assert response.status_code == 200 and response.json()["meta"]["total"] == 0


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("deep", ("nested more than 8",)),
        ("wide", ("at most 200 criteria",)),
        ("sorts", ("at most 10 fields",)),
    ],
)
def test_searches_too_big_for_sqlite_are_400(
    admin: httpx.Client, expect_error: ErrorCheck, body: str, words: tuple
) -> None:
    deep: dict = {"customer_name": {"equals": "x"}}
    for _ in range(10):  # deeper than 8 groups, shallower than the 64-level body limit
        deep = {"and": [deep]}
    bodies = {
        "deep": deep,
        "wide": {"or": [{"customer_id": {"equals": str(i)}} for i in range(201)]},
        "sorts": {"sort": [{"customer_name": "asc"}] * 11},
    }
    expect_error(admin.post("/v1/customers/search", json=bodies[body]), 400, *words)
