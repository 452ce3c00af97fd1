"""Bearer keys: 401 without a valid one, 403 for a write with the read-only key."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from kexplore.sandbox.auth import KEYS
from kexplore.sandbox.server import ADMIN_KEY, READ_KEY, RunningSandbox

ErrorCheck = Callable[..., dict]
"""The `expect_error` fixture: (response, status, *words) -> the error object."""


@pytest.mark.parametrize(
    ("headers", "words"),
    [
        ({}, ("Missing Authorization header",)),
        ({"Authorization": "sandbox-admin-key"}, ("Malformed",)),
        ({"Authorization": "Basic c2FuZGJveA=="}, ("Malformed",)),
        ({"Authorization": "Bearer"}, ("Malformed",)),
        ({"Authorization": "Bearer not-a-key"}, ("Invalid auth token",)),
        ({"Authorization": "Bearer sandbox-admin-key-x"}, ("Invalid auth token",)),
    ],
)
def test_missing_or_unknown_keys_get_401(
    sandbox: RunningSandbox, expect_error: ErrorCheck, headers: dict, words: tuple
) -> None:
    response = httpx.get(f"{sandbox.base_url}/v1/customers", headers=headers)
    error = expect_error(response, 401, *words)
    assert error["code"] == "unauthorized"


def test_the_scheme_is_case_insensitive(sandbox: RunningSandbox) -> None:
    headers = {"Authorization": f"bearer {READ_KEY}"}
    assert httpx.get(f"{sandbox.base_url}/v1/tags", headers=headers).status_code == 200


def test_401_applies_to_unknown_paths_too(
    sandbox: RunningSandbox, expect_error: ErrorCheck
) -> None:
    expect_error(httpx.get(f"{sandbox.base_url}/v1/nowhere"), 401)


@pytest.mark.parametrize(
    ("method", "path", "body", "role"),
    [
        ("POST", "/v1/customers", {"name": "X"}, "org.permission.customer.create"),
        ("PATCH", "/v1/customers/{customer}", {"name": "X"}, "org.permission.customer.update"),
        ("PUT", "/v1/customers/{customer}", {"name": "X"}, "org.permission.customer.update"),
        ("DELETE", "/v1/customers/{customer}", None, "org.permission.customer.delete"),
        ("POST", "/v1/conversations", {"customer": "{customer}"}, "conversation.create"),
        ("POST", "/v1/companies", {"name": "X"}, "org.permission.company.create"),
        ("POST", "/v1/klasses/order", {"title": "X"}, "org.permission.kobject.create"),
    ],
)
def test_writes_with_the_read_key_get_403(
    reader: httpx.Client,
    admin: httpx.Client,
    expect_error: ErrorCheck,
    method: str,
    path: str,
    body: dict | None,
    role: str,
) -> None:
    customer = admin.get("/v1/customers?pageSize=1").json()["data"][0]["id"]
    path = path.replace("{customer}", customer)
    if body and body.get("customer"):
        body = {"customer": customer}
    error = expect_error(reader.request(method, path, json=body), 403, role)
    assert error["code"] == "forbidden"
    assert admin.get(f"/v1/customers/{customer}").status_code == 200  # nothing changed


def test_the_read_key_reads_and_searches(reader: httpx.Client) -> None:
    assert reader.get("/v1/customers").status_code == 200
    assert reader.get("/v1/conversations").status_code == 200
    assert reader.post("/v1/customers/search", json={}).status_code == 200


@pytest.mark.parametrize("key", [ADMIN_KEY, READ_KEY])
def test_current_token_and_user_describe_the_key(sandbox: RunningSandbox, key: str) -> None:
    headers = {"Authorization": f"Bearer {key}"}
    token = httpx.get(f"{sandbox.base_url}/v1/auth/tokens/current", headers=headers).json()
    attributes = token["data"]["attributes"]
    assert attributes["name"] == key and attributes["roles"] == list(KEYS[key])
    assert key.endswith(attributes["lastTokenChars"])
    user_link = token["data"]["relationships"]["user"]["links"]["self"]
    user = httpx.get(f"{sandbox.base_url}/v1/users/current", headers=headers).json()["data"]
    assert user_link == f"/v1/users/{user['id']}"
    assert user["attributes"]["userType"] == "machine"


def test_the_read_key_holds_only_read_roles() -> None:
    assert all(role.endswith((".read", "search.read")) for role in KEYS[READ_KEY])
    assert "org.permission.customer.delete" in KEYS[ADMIN_KEY]


def test_writes_are_authored_by_the_keys_machine_user(writer: httpx.Client) -> None:
    me = writer.get("/v1/users/current").json()["data"]["id"]
    created = writer.post("/v1/customers", json={"name": "Ada Lovelace"}).json()["data"]
    assert created["relationships"]["createdBy"]["data"] == {"type": "user", "id": me}
