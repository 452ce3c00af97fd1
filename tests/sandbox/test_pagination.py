"""`page`/`pageSize`, the basic and rich meta variants, and links that walk to the end."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

ErrorCheck = Callable[..., dict]
"""The `expect_error` fixture: (response, status, *words) -> the error object."""

LIST_PATHS = [
    "/v1/conversations",
    "/v1/messages",
    "/v1/notes",
    "/v1/companies",
    "/v1/users",
    "/v1/teams",
    "/v1/tags",
    "/v1/shortcuts",
    "/v1/brands",
    "/v1/routing/queues",
    "/v1/klasses",
    "/v1/klasses/order",
    "/v1/auth/tokens",
]


def walk(client: httpx.Client, url: str) -> tuple[list[dict], list[dict]]:
    """Follow links.next to the end; return every item and every page's document."""
    items, pages = [], []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.text
        document = response.json()
        pages.append(document)
        items += document["data"]
        url = document["links"]["next"]
    return items, pages


def test_customers_walk_to_the_end_and_match_meta_total(admin: httpx.Client) -> None:
    items, pages = walk(admin, "/v1/customers")
    assert len(pages) == 3 and len(items) == 250
    assert all(page["meta"]["total"] == len(items) for page in pages)
    assert [page["meta"]["page"] for page in pages] == [1, 2, 3]
    assert len({item["id"] for item in items}) == 250
    assert pages[0]["links"] == {
        "self": "/v1/customers?page=1&pageSize=100",
        "first": "/v1/customers?page=1&pageSize=100",
        "prev": None,
        "next": "/v1/customers?page=2&pageSize=100",
        "last": "/v1/customers?page=3&pageSize=100",
    }
    assert pages[-1]["links"]["next"] is None
    assert pages[-1]["links"]["prev"] == "/v1/customers?page=2&pageSize=100"
    assert pages[0]["meta"] == {"pageSize": 100, "page": 1, "total": 250, "totalPages": 3}


@pytest.mark.parametrize("size", [1, 7, 100])
def test_any_page_size_walks_the_same_customers(admin: httpx.Client, size: int) -> None:
    items, pages = walk(admin, f"/v1/customers?pageSize={size}")
    assert len(items) == pages[0]["meta"]["total"] == 250
    assert len(pages) == pages[0]["meta"]["totalPages"] == -(-250 // size)


@pytest.mark.parametrize("path", LIST_PATHS)
def test_other_lists_use_basic_meta_and_walk_to_the_end(admin: httpx.Client, path: str) -> None:
    items, pages = walk(admin, f"{path}?pageSize=40")
    for number, page in enumerate(pages, 1):
        assert page["meta"] == {"pageSize": 40, "page": number}
        assert set(page["links"]) == {"self", "first", "prev", "next"}
        assert page["links"]["self"] == f"{path}?page={number}&pageSize=40"
    assert len(items) == len({item["id"] for item in items}) > 0


def test_links_carry_the_rest_of_the_query_string(admin: httpx.Client) -> None:
    document = admin.get("/v1/conversations?sort=desc&pageSize=5&page=2").json()
    assert document["links"]["next"] == "/v1/conversations?page=3&pageSize=5&sort=desc"
    assert document["links"]["prev"] == "/v1/conversations?page=1&pageSize=5&sort=desc"
    ascending = admin.get("/v1/conversations?pageSize=5").json()["data"]
    newest = admin.get("/v1/conversations?pageSize=5&sort=desc").json()["data"]
    assert ascending[0]["id"] != newest[0]["id"]


def test_a_page_past_the_end_is_empty(admin: httpx.Client) -> None:
    document = admin.get("/v1/customers?page=9").json()
    assert document["data"] == [] and document["links"]["next"] is None
    assert document["links"]["prev"] == "/v1/customers?page=8&pageSize=100"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=1.5", "page"),
        ("page=%C2%B2", "page"),
        ("pageSize=0", "pageSize"),
        ("pageSize=", "pageSize"),
        ("pageSize=ten", "pageSize"),
    ],
)
def test_bad_page_parameters_are_400_naming_them(
    admin: httpx.Client, expect_error: ErrorCheck, query: str, name: str
) -> None:
    error = expect_error(admin.get(f"/v1/customers?{query}"), 400, f"'{name}'")
    assert error["source"] == {"parameter": name}


def test_page_sizes_above_the_maximum_are_clamped(admin: httpx.Client) -> None:
    """Users and teams allow 500, other lists 100; production clients send 500 on tags and
    shortcuts, so a larger size is served at the maximum (meta says which) rather than refused."""
    assert admin.get("/v1/users?pageSize=500").json()["meta"]["pageSize"] == 500
    assert admin.get("/v1/teams?pageSize=500").json()["meta"]["pageSize"] == 500
    assert admin.get("/v1/users?pageSize=501").json()["meta"]["pageSize"] == 500
    for path in ("/v1/tags", "/v1/shortcuts", "/v1/customers"):
        document = admin.get(f"{path}?pageSize=500").json()
        assert document["meta"]["pageSize"] == 100
        assert document["links"]["self"].endswith("pageSize=100")


def test_user_filters(admin: httpx.Client) -> None:
    machines = admin.get("/v1/users?userType=machine").json()["data"]
    assert len(machines) == 2
    people = admin.get("/v1/users?userType=user").json()["data"]
    assert len(people) == 10
    email = people[0]["attributes"]["email"]
    assert [u["id"] for u in admin.get("/v1/users", params={"email": email}).json()["data"]] == [
        people[0]["id"]
    ]
