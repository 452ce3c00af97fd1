"""The details real clients depend on: include, replace, filters, clamping, bulk jobs, cursors."""

from __future__ import annotations

import httpx

from kexplore.sandbox.server import RunningSandbox, SandboxConfig, start_sandbox
from sandbox.conftest import ErrorCheck, client_for


def _first(client: httpx.Client, path: str) -> dict:
    return client.get(path).json()["data"][0]


def test_literal_sub_paths_route_before_id_routes(admin: httpx.Client) -> None:
    assert admin.get("/v1/customers/searches").json()["data"][0]["type"] == "saved_search"
    assert admin.get("/v1/shortcuts/categories").json()["data"][0]["type"] == "shortcut_category"
    pinned = admin.get("/v1/customers/searches/pinned").json()["data"]
    assert pinned and all(s["attributes"]["pinned"] for s in pinned)


def test_include_gives_compound_documents(admin: httpx.Client) -> None:
    conversation = _first(admin, "/v1/conversations?pageSize=1")
    document = admin.get(f"/v1/conversations/{conversation['id']}?include=customer").json()
    [customer] = document["included"]
    assert customer["id"] == conversation["relationships"]["customer"]["data"]["id"]
    path = f"/v1/conversations/{conversation['id']}/messages?include=attachments"
    messages = admin.get(path).json()
    assert [item["type"] for item in messages["included"]] == ["attachment"]
    assert "included" not in admin.get(f"/v1/conversations/{conversation['id']}").json()


def test_messages_carry_related_links_and_attachment_links(admin: httpx.Client) -> None:
    message = _first(admin, "/v1/messages?pageSize=1")
    assert message["links"]["related"].startswith("/v1/conversations/")
    link = message["relationships"]["attachments"]["links"]["self"]
    assert admin.get(link).status_code == 200


def test_put_merges_and_replace_true_replaces(writer: httpx.Client) -> None:
    created = writer.post("/v1/customers", json={"name": "A", "locale": "fr_FR"}).json()["data"]
    path = f"/v1/customers/{created['id']}"
    merged = writer.put(path, json={"displayName": "Merged"}).json()["data"]["attributes"]
    assert (merged["locale"], merged["displayName"]) == ("fr_FR", "Merged")
    replaced = writer.put(f"{path}?replace=true", json={"name": "B"}).json()["data"]["attributes"]
    assert (replaced["locale"], replaced["displayName"], replaced["name"]) == (None, None, "B")
    assert replaced["createdAt"] == created["attributes"]["createdAt"]


def test_filters_from_date_and_sort(admin: httpx.Client, expect_error: ErrorCheck) -> None:
    stamp = "2026-03-01T00:00:00.000Z"
    newer = admin.get(f"/v1/customers?filter[createdAt][gte]={stamp}&pageSize=100").json()
    assert newer["data"] and all(c["attributes"]["createdAt"] >= stamp for c in newer["data"])
    assert newer["meta"]["total"] < 250
    ordered = admin.get("/v1/customers?sort=-createdAt&pageSize=5").json()["data"]
    stamps = [c["attributes"]["createdAt"] for c in ordered]
    assert stamps == sorted(stamps, reverse=True)
    customer = _first(admin, "/v1/conversations?pageSize=1")["relationships"]["customer"]
    path = f"/v1/customers/{customer['data']['id']}/conversations?fromDate=2030-01-01"
    assert admin.get(path).json()["data"] == []
    expect_error(admin.get("/v1/customers?filter[createdAt][gte]=yesterday"), 400, "ISO-8601")


def test_bulk_returns_a_job_to_poll_and_changes_the_records(writer: httpx.Client) -> None:
    body = [{"name": "Bulk One"}, {"name": "Bulk Two"}]
    response = writer.post("/v1/customers/bulk", json=body)
    assert response.status_code == 201
    job = response.json()["data"]
    polled = writer.get(job["links"]["self"]).json()["data"]
    assert polled["attributes"]["status"] == "done" and polled["attributes"]["completed"]
    names = [
        writer.get(f"/v1/customers/{i}").json()["data"]["attributes"]["name"]
        for i in polled["attributes"]["ids"]
    ]
    assert names == ["Bulk One", "Bulk Two"]
    ids = ",".join(polled["attributes"]["ids"])
    assert writer.delete(f"/v1/customers/bulk?ids={ids}").status_code == 201
    assert writer.get(f"/v1/customers/{polled['attributes']['ids'][0]}").status_code == 404


def test_audit_logs_page_by_cursor(admin: httpx.Client) -> None:
    page = admin.get("/v1/audit-logs?count=10").json()
    assert len(page["data"]) == 10
    seen = [e["id"] for e in page["data"]]
    while page["links"]["next"]:
        page = admin.get(page["links"]["next"]).json()
        seen += [e["id"] for e in page["data"]]
    assert len(set(seen)) == len(seen) == 24
    assert seen == sorted(seen, reverse=True)
    users = admin.get("/v1/audit-logs?filter[objectType]=user").json()["data"]
    assert users and all(e["attributes"]["objectType"] == "user" for e in users)


def test_writes_show_in_lists_and_relationships(writer: httpx.Client) -> None:
    conversation = _first(writer, "/v1/conversations?pageSize=1")
    note = writer.post("/v1/notes", json={"conversation": conversation["id"], "body": "Hi"})
    assert note.status_code == 201
    notes = writer.get(f"/v1/conversations/{conversation['id']}/notes").json()["data"]
    assert note.json()["data"]["id"] in [n["id"] for n in notes]
    tag = _first(writer, "/v1/tags")["id"]
    tagged = writer.post(f"/v1/conversations/{conversation['id']}/tags", json=[tag]).json()
    assert tag in tagged["data"]["attributes"]["tags"]
    team = writer.post("/v1/teams", json={"name": "Night shift"}).json()["data"]
    user = _first(writer, "/v1/users?userType=user")["id"]
    writer.post(f"/v1/teams/{team['id']}/members", json=[user])
    teams = writer.get(f"/v1/users/{user}/teams").json()["data"]
    assert team["id"] in [t["id"] for t in teams]
    klass = writer.post("/v1/klasses", json={"name": "warranty"}).json()["data"]
    assert writer.post("/v1/klasses/warranty", json={"title": "2-year"}).status_code == 201
    assert klass["id"] in [k["id"] for k in writer.get("/v1/klasses").json()["data"]]


def test_domains_answer_without_a_key(sandbox: RunningSandbox) -> None:
    with client_for(sandbox, None) as anonymous:
        domain = anonymous.get("/v1/domains/sandbox").json()["data"]
        assert domain["attributes"]["pod"] == "sandbox"
        assert anonymous.get("/v1/customers").status_code == 401


def test_a_listed_endpoint_without_a_route_is_a_kustomer_shaped_501() -> None:
    """Everything listed is served today; take a route away to see what would answer."""
    with start_sandbox(SandboxConfig(port=0, customers=3)) as running:
        router = running._built.state_app.router
        router.routes = [r for r in router.routes if getattr(r, "path", "") != "/v1/snoozes"]
        with client_for(running) as client:
            response = client.get("/v1/snoozes")
    assert response.status_code == 501
    [error] = response.json()["errors"]
    assert error["code"] == "not_implemented"
    assert "not available in the sandbox" in error["detail"]
