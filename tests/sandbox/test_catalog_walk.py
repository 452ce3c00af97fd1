"""Every catalogue entry against a sandbox: real status, a schema-valid body, live links."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema
import pytest

from kexplore.core.browse.catalog import ENDPOINTS, Endpoint
from kexplore.sandbox.server import ADMIN_KEY, RunningSandbox, SandboxConfig, start_sandbox
from sandbox.walk_support import Ids, find_links, schema_for

PARTS = ("/attachments/", "/tags", "/members", "/unmasking-windows", "/bulk")
"""Deletes of parts of a record, which go before deletes of whole records."""
INCLUDE = {"messages": "attachments", "drafts": "attachments", "conversations": "customer"}
"""What `include=` asks for, by the path's last word (schedules: holidays)."""


def _order(endpoint: Endpoint) -> tuple[int, int]:
    if endpoint.method == "GET":
        return 0, 0
    if endpoint.method != "DELETE":
        return 1, 0
    if endpoint.path.endswith("/current"):
        return 3, 0  # revoking the key in use: last
    return 2, 0 if any(part in endpoint.path for part in PARTS) else 1


WALK = sorted(ENDPOINTS, key=_order)


@pytest.fixture(scope="module")
def running() -> Iterator[RunningSandbox]:
    """A sandbox of this module's own: the walk writes and deletes."""
    sandbox = start_sandbox(SandboxConfig(port=0, rate_limit=1_000_000))
    yield sandbox
    sandbox.stop()


def _victims(client: httpx.Client, ids: Ids) -> dict[str, str]:
    """Records created for the deletes of whole records, so one delete leaves the others'
    targets alive (the conversation belongs to the walk's customer, not the doomed one)."""
    customer = client.post("/v1/customers", json={"name": "To delete"}).json()["data"]["id"]
    body = {"customer": ids.customer, "name": "To delete"}
    conversation = client.post("/v1/conversations", json=body).json()["data"]["id"]
    note = client.post(f"/v1/conversations/{ids.conversation}/notes", json={"body": "x"})
    team = client.post("/v1/teams", json={"name": "To delete"}).json()["data"]["id"]
    order = client.post("/v1/klasses/order", json={"title": "To delete"}).json()["data"]["id"]
    klass = client.post("/v1/klasses", json={"name": "doomed"}).json()["data"]["id"]
    return {
        "customer": customer,
        "conversation": conversation,
        "note": note.json()["data"]["id"],
        "team": team,
        "kobject": order,
        "klass": klass,
        "bulk_customer": client.post("/v1/customers", json={"name": "Bulk"}).json()["data"]["id"],
        "bulk_kobject": client.post("/v1/klasses/order", json={"title": "Bulk"}).json()["data"][
            "id"
        ],
    }


def _params(endpoint: Endpoint, victims: dict[str, str]) -> dict[str, str]:
    params: dict[str, str] = {}
    if "ids" in endpoint.params and endpoint.method == "DELETE":
        params["ids"] = victims["bulk_customer" if "customers" in endpoint.path else "bulk_kobject"]
    if "include" in endpoint.params:
        last = endpoint.path.rstrip("}").split("/")[2]
        params["include"] = (
            "holidays"
            if last == "schedules"
            else INCLUDE.get(endpoint.path.rsplit("/", 1)[1], INCLUDE.get(last, ""))
        )
    if "versions" in endpoint.params:
        params["versions"] = "all"
    return params


def _request(client: httpx.Client, ids: Ids, endpoint: Endpoint, victims: dict) -> httpx.Response:
    whole = endpoint.method == "DELETE" and not any(part in endpoint.path for part in PARTS)
    chosen = victims if whole else {}
    path = ids.fill(endpoint.path, chosen)
    params = _params(endpoint, victims)
    body = ids.body(endpoint.body, chosen)
    return client.request(endpoint.method, path, params=params, json=body)


def _check_links(
    client: httpx.Client, document: Any, seen: set[str], posted: str | None
) -> list[str]:
    """GET every link once; a POST search's own page links are POSTs too, so not those."""
    links: set[str] = set()
    find_links(document, links)
    links = {link for link in links if posted is None or link.split("?")[0] != posted}
    bad = []
    for link in sorted(links - seen):
        seen.add(link)
        status = client.get(link).status_code
        if status != 200:
            bad.append(f"{link} -> {status}")
    return bad


def test_every_catalogue_entry_is_served(running: RunningSandbox) -> None:
    failures: list[str] = []
    seen: set[str] = set()
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with httpx.Client(base_url=running.base_url, headers=headers, timeout=60) as client:
        ids = Ids(client, running.store)
        victims = _victims(client, ids)
        for endpoint in WALK:
            where = f"{endpoint.method} {endpoint.path}"
            response = _request(client, ids, endpoint, victims)
            status, schema = schema_for(endpoint)
            if response.status_code != endpoint.status or status not in (None, endpoint.status):
                failures.append(f"{where}: {response.status_code} {response.text[:200]}")
                continue
            if response.status_code == 204:
                continue
            try:
                jsonschema.validate(response.json(), schema)
            except jsonschema.ValidationError as error:
                path = "/".join(str(p) for p in error.absolute_path)
                failures.append(f"{where}: schema: {path}: {error.message[:160]}")
            posted = response.request.url.path if endpoint.method == "POST" else None
            bad = _check_links(client, response.json(), seen, posted)
            failures += [f"{where}: link {link}" for link in bad]
    assert failures == [], "\n".join(failures)
