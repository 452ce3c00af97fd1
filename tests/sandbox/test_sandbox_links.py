"""Every link in every kind of sandbox response leads somewhere: following it gives 200."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kexplore.sandbox.server import RunningSandbox

INFERRED = {"shortcut": "/v1/shortcuts/", "user": "/v1/users/", "attachment": None}
"""Data-only relationships (no links): the path a client would infer from the type."""


def links_in(document: Any) -> Iterator[tuple[str, str]]:
    """Yield (where, href) for top-level links, data links, relationship links and the
    KObject `klass.link` quirk, plus inferred paths of data-only relationships."""
    for rel, href in (document.get("links") or {}).items():
        if href:
            yield f"links.{rel}", href
    data = document.get("data")
    for item in data if isinstance(data, list) else [data] if data else []:
        for rel, href in (item.get("links") or {}).items():
            yield f"{item['type']}.links.{rel}", href
        for name, relation in (item.get("relationships") or {}).items():
            for key in ("links", "link"):
                for rel, href in (relation.get(key) or {}).items():
                    yield f"{item['type']}.relationships.{name}.{key}.{rel}", href
            refs = relation.get("data")
            if "links" not in relation and "link" not in relation and isinstance(refs, list):
                for ref in refs:
                    if INFERRED.get(ref["type"]):
                        yield (
                            f"{item['type']}.relationships.{name}[]",
                            INFERRED[ref["type"]] + ref["id"],
                        )


def seed_paths(client: httpx.Client) -> list[str]:
    """One response of every kind: lists, items and sub-collections of each resource type."""
    customer = client.get("/v1/customers?pageSize=1").json()["data"][0]["id"]
    conversation = client.get(f"/v1/customers/{customer}/conversations").json()["data"][0]["id"]
    message = client.get(f"/v1/conversations/{conversation}/messages").json()["data"][0]["id"]
    note = client.get("/v1/notes?pageSize=1").json()["data"][0]["id"]
    company = client.get("/v1/companies?pageSize=1").json()["data"][0]["id"]
    klass = client.get("/v1/klasses").json()["data"][0]["id"]
    order = client.get("/v1/klasses/order?pageSize=1").json()["data"][0]["id"]
    user = client.get("/v1/users/current").json()["data"]["id"]
    paths = ["/v1/customers?pageSize=2", f"/v1/customers/{customer}"]
    paths += [f"/v1/customers/{customer}/{sub}" for sub in ("conversations", "messages", "notes")]
    paths += [f"/v1/customers/{customer}/klasses/{k}" for k in ("order", "subscription")]
    paths += ["/v1/conversations?pageSize=2", f"/v1/conversations/{conversation}"]
    paths += [f"/v1/conversations/{conversation}/{sub}" for sub in ("messages", "notes")]
    paths += ["/v1/messages?pageSize=2", f"/v1/messages/{message}", f"/v1/notes/{note}"]
    paths += ["/v1/notes?pageSize=2", "/v1/klasses", f"/v1/klasses/{klass}"]
    paths += ["/v1/klasses/order?pageSize=2", f"/v1/klasses/order/{order}"]
    paths += ["/v1/klasses/subscription?pageSize=2", "/v1/companies", f"/v1/companies/{company}"]
    paths += [f"/v1/companies/{company}/klasses/order", "/v1/users", f"/v1/users/{user}"]
    paths += ["/v1/users/current", f"/v1/users/{user}/teams", "/v1/teams", "/v1/tags"]
    paths += ["/v1/shortcuts", "/v1/brands", "/v1/brands/default", "/v1/routing/queues"]
    paths += [
        "/v1/auth/tokens",
        "/v1/auth/tokens/current",
        "/v1/customers/email=jane%40example.com",
    ]
    return paths


def walk(client: httpx.Client, start: list[str], depth: int) -> dict[str, int]:
    """Breadth-first: GET every link found, down to `depth` hops; return href -> status."""
    seen: dict[str, int] = {}
    queue = deque((path, 0) for path in start)
    while queue:
        path, hops = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if response.status_code == 200 and hops < depth:
            queue.extend((href, hops + 1) for _where, href in links_in(response.json()))
    return seen


def test_every_link_of_every_kind_of_response_answers_200(admin: httpx.Client) -> None:
    visited = walk(admin, seed_paths(admin), depth=2)
    failures = {path: status for path, status in visited.items() if status != 200}
    assert failures == {}
    assert len(visited) > 500
    kinds = {path.split("/")[2] for path in visited}
    assert kinds >= {"customers", "conversations", "messages", "notes", "klasses", "users"}
    assert kinds >= {"orgs", "companies", "brands", "routing", "teams", "tags", "shortcuts", "auth"}


def test_links_are_relative_v1_paths(admin: httpx.Client) -> None:
    for path in seed_paths(admin):
        for where, href in links_in(admin.get(path).json()):
            assert href.startswith("/v1/"), (path, where, href)


@pytest.mark.parametrize(
    "context", ["customer", "conversation", "message", "note", "kobject", "company"]
)
def test_search_results_links_work(admin: httpx.Client, context: str) -> None:
    body = {"and": [{f"{context}_updated_at": {"gte": "2026-01-01"}}], "queryContext": context}
    document = admin.post("/v1/customers/search?pageSize=3", json=body).json()
    for where, href in links_in(document):
        if not where.startswith("links."):
            assert admin.get(href).status_code == 200, (where, href)
            continue
        # A list's own links are re-POSTed with the body. Like Kustomer's, `last` (and `next`
        # on page 100) may point past the 100-page search limit: those answer 400 saying so.
        response = admin.post(href, json=body)
        page = int(href.split("page=")[1].split("&")[0])
        assert response.status_code == (200 if page <= 100 else 400), href
        if page > 100:
            assert "limited to 100 pages" in response.json()["errors"][0]["detail"]


def test_following_a_search_link_with_get_explains_itself(admin: httpx.Client) -> None:
    response = admin.get("/v1/customers/search?page=2&pageSize=100")
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert "POST /v1/customers/search" in response.json()["errors"][0]["detail"]


def test_nothing_crashed(sandbox: RunningSandbox) -> None:
    assert sandbox.failures == []
