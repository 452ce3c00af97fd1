"""Lookups in the path: `email=`, `externalId=`, `phone=`, and the other id forms."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from kexplore.sandbox.server import RunningSandbox

ErrorCheck = Callable[..., dict]
"""The `expect_error` fixture: (response, status, *words) -> the error object."""


@pytest.fixture(scope="module")
def jane(sandbox: RunningSandbox) -> dict:
    headers = {"Authorization": "Bearer sandbox-admin-key"}
    response = httpx.get(f"{sandbox.base_url}/v1/customers?pageSize=1", headers=headers)
    return response.json()["data"][0]


@pytest.mark.parametrize(
    "segment",
    [
        "email=jane%40example.com",
        "email=jane@example.com",
        "email=JANE%40Example.com",
        "externalId=CUS-100001",
    ],
)
def test_lookups_find_the_first_customer(admin: httpx.Client, jane: dict, segment: str) -> None:
    response = admin.get(f"/v1/customers/{segment}")
    assert response.status_code == 200
    assert response.json()["data"]["id"] == jane["id"]


def test_phone_lookup_accepts_plus_and_digits(admin: httpx.Client, jane: dict) -> None:
    phone = jane["attributes"]["phones"][0]["phone"]
    for form in (phone, phone.lstrip("+"), phone.replace("+", "%2B")):
        assert admin.get(f"/v1/customers/phone={form}").json()["data"]["id"] == jane["id"]


def test_lookups_work_for_every_customer(admin: httpx.Client) -> None:
    for customer in admin.get("/v1/customers?pageSize=30&page=4").json()["data"]:
        email = customer["attributes"]["emails"][0]["email"]
        found = admin.get(f"/v1/customers/email={email.replace('@', '%40')}").json()["data"]
        assert found["id"] == customer["id"]
        external = customer["attributes"]["externalId"]
        assert (
            admin.get(f"/v1/customers/externalId={external}").json()["data"]["id"]
            == (customer["id"])
        )


@pytest.mark.parametrize(
    "segment", ["email=nobody%40example.com", "externalId=CUS-0", "phone=123", "name=Jane"]
)
def test_a_lookup_that_finds_nothing_is_404(
    admin: httpx.Client, expect_error: ErrorCheck, segment: str
) -> None:
    expect_error(admin.get(f"/v1/customers/{segment}"), 404, "customer")


def test_lookups_work_on_sub_collections(admin: httpx.Client, jane: dict) -> None:
    by_id = admin.get(f"/v1/customers/{jane['id']}/conversations").json()
    by_email = admin.get("/v1/customers/email=jane%40example.com/conversations").json()
    assert by_id["data"] == by_email["data"] and by_id["data"]


def test_kobject_external_id_lookup(admin: httpx.Client, jane: dict) -> None:
    order = admin.get(f"/v1/customers/{jane['id']}/klasses/order").json()["data"][0]
    external = order["attributes"]["externalId"]
    found = admin.get(f"/v1/klasses/order/externalId={external}").json()["data"]
    assert found["id"] == order["id"] and found["type"] == "kobject.order"


def test_several_users_by_comma_list(admin: httpx.Client) -> None:
    users = admin.get("/v1/users?pageSize=3").json()["data"]
    ids = ",".join(user["id"] for user in users)
    listed = admin.get(f"/v1/users/{ids}").json()
    assert [user["id"] for user in listed["data"]] == [user["id"] for user in users]


def test_klass_by_id_and_default_brand(admin: httpx.Client) -> None:
    klass = admin.get("/v1/klasses").json()["data"][0]
    assert admin.get(f"/v1/klasses/{klass['id']}").json()["data"]["attributes"]["name"] == "order"
    brand = admin.get("/v1/brands/default").json()["data"]
    assert brand["attributes"]["default"] is True


def test_user_teams(admin: httpx.Client) -> None:
    team = admin.get("/v1/teams").json()["data"][0]
    member = team["attributes"]["members"][0]
    teams = admin.get(f"/v1/users/{member}/teams").json()["data"]
    assert team["id"] in [t["id"] for t in teams]
