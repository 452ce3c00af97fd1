"""Create, read, update, delete: 201/204, `rev` and 409, sub-resources, cascades."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx

ErrorCheck = Callable[..., dict]
"""The `expect_error` fixture: (response, status, *words) -> the error object."""

STAMP = re.compile(r"^2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def a_customer(client: httpx.Client) -> dict:
    return client.get("/v1/customers?pageSize=1").json()["data"][0]


class TestCustomers:
    def test_create_get_put_patch_delete(
        self, writer: httpx.Client, expect_error: ErrorCheck
    ) -> None:
        body = {
            "firstName": "Grace",
            "lastName": "Hopper",
            "emails": [{"email": "grace@navy.example", "type": "work"}],
            "phones": [{"phone": "+1 (555) 010-2030", "type": "mobile"}],
            "externalId": "navy-1906",
        }
        created = writer.post("/v1/customers", json=body)
        assert created.status_code == 201
        data = created.json()["data"]
        assert data["type"] == "customer" and re.fullmatch(r"[0-9a-f]{24}", data["id"])
        attributes = data["attributes"]
        assert attributes["name"] == "Grace Hopper" and attributes["rev"] == 1
        assert STAMP.match(attributes["createdAt"]) and attributes["conversationCounts"]["all"] == 0
        path = f"/v1/customers/{data['id']}"
        assert data["links"]["self"] == path
        assert writer.get(path).json()["data"] == data
        assert (
            writer.get("/v1/customers/email=grace%40navy.example").json()["data"]["id"]
            == data["id"]
        )
        assert writer.get("/v1/customers/phone=15550102030").json()["data"]["id"] == data["id"]
        assert writer.get("/v1/customers/externalId=navy-1906").json()["data"]["id"] == data["id"]

        put = writer.put(path, json={"name": "Rear Admiral Hopper", "rev": 1}).json()["data"]
        assert put["attributes"]["name"] == "Rear Admiral Hopper" and put["attributes"]["rev"] == 2
        assert put["attributes"]["firstName"] == "Grace"  # untouched attributes stay
        patch = writer.patch(path, json={"custom": {"rankStr": "RADM"}}).json()["data"]
        assert patch["attributes"]["rev"] == 3 and patch["attributes"]["custom"] == {
            "rankStr": "RADM"
        }
        expect_error(writer.patch(path, json={"name": "Stale", "rev": 1}), 409, "rev 1", "rev 3")

        deleted = writer.delete(path)
        assert deleted.status_code == 204 and deleted.content == b""
        expect_error(writer.get(path), 404)
        expect_error(writer.get("/v1/customers/email=grace%40navy.example"), 404)
        expect_error(writer.delete(path), 404)

    def test_total_follows_creates_and_deletes(self, writer: httpx.Client) -> None:
        before = writer.get("/v1/customers").json()["meta"]["total"]
        new = writer.post("/v1/customers", json={"name": "Temp"}).json()["data"]["id"]
        assert writer.get("/v1/customers").json()["meta"]["total"] == before + 1
        writer.delete(f"/v1/customers/{new}")
        assert writer.get("/v1/customers").json()["meta"]["total"] == before

    def test_company_link_and_the_documented_unlink_on_update(self, writer: httpx.Client) -> None:
        company = writer.get("/v1/companies").json()["data"][0]["id"]
        created = writer.post("/v1/customers", json={"name": "Co", "company": company}).json()[
            "data"
        ]
        assert created["relationships"]["company"]["links"]["self"] == f"/v1/companies/{company}"
        path = f"/v1/customers/{created['id']}"
        kept = writer.patch(path, json={"name": "Co 2", "company": company}).json()["data"]
        assert "company" in kept["relationships"]
        dropped = writer.patch(path, json={"name": "Co 3"}).json()["data"]
        assert "company" not in dropped["relationships"]

    def test_deleting_a_customer_deletes_what_it_owns(self, writer: httpx.Client) -> None:
        jane = a_customer(writer)
        conversations = writer.get(f"/v1/customers/{jane['id']}/conversations").json()["data"]
        assert conversations
        assert writer.delete(f"/v1/customers/{jane['id']}").status_code == 204
        for conversation in conversations:
            assert writer.get(f"/v1/conversations/{conversation['id']}").status_code == 404
        assert writer.get(f"/v1/customers/{jane['id']}/klasses/order").status_code == 404


class TestConversations:
    def test_create_requires_a_customer(
        self, writer: httpx.Client, expect_error: ErrorCheck
    ) -> None:
        error = expect_error(writer.post("/v1/conversations", json={"name": "x"}), 400, "customer")
        assert error["source"] == {"pointer": "/customer"}
        error = expect_error(
            writer.post("/v1/conversations", json={"customer": "0123456789abcdef01234567"}),
            400,
            "no customer",
        )
        assert error["source"] == {"pointer": "/customer"}

    def test_round_trip_with_rev(self, writer: httpx.Client, expect_error: ErrorCheck) -> None:
        customer = a_customer(writer)["id"]
        body = {"customer": customer, "name": "Lost parcel", "priority": 4, "externalId": "zd-77"}
        created = writer.post("/v1/conversations", json=body)
        assert created.status_code == 201
        data = created.json()["data"]
        assert data["attributes"]["status"] == "open" and data["attributes"]["rev"] == 1
        assert data["relationships"]["customer"]["data"] == {"type": "customer", "id": customer}
        path = f"/v1/conversations/{data['id']}"
        assert writer.get("/v1/conversations/externalId=zd-77").json()["data"]["id"] == data["id"]

        done = writer.put(path, json={"status": "done", "rev": 1}).json()["data"]["attributes"]
        assert (done["status"], done["rev"]) == ("done", 2)
        again = writer.patch(path, json={"priority": 2, "rev": 2}).json()["data"]["attributes"]
        assert again["rev"] == 3
        expect_error(writer.patch(path, json={"priority": 5, "rev": 2}), 409, "stale")
        expect_error(writer.put(path, json={"status": "closed"}), 400, "open, snoozed, done")
        expect_error(writer.patch(path, json={"priority": 9}), 400, "1 to 5")
        assert writer.get(path).json()["data"]["attributes"]["rev"] == 3

        assert writer.delete(path).status_code == 204
        expect_error(writer.get(path), 404)

    def test_the_customer_cannot_move(self, writer: httpx.Client, expect_error: ErrorCheck) -> None:
        conversation = writer.get("/v1/conversations?pageSize=1").json()["data"][0]
        other = writer.get("/v1/customers?pageSize=1&page=5").json()["data"][0]["id"]
        path = f"/v1/conversations/{conversation['id']}"
        expect_error(writer.patch(path, json={"customer": other}), 400, "cannot be changed")

    def test_create_under_a_customer(self, writer: httpx.Client) -> None:
        customer = a_customer(writer)["id"]
        created = writer.post(f"/v1/customers/{customer}/conversations", json={"name": "Hi"})
        assert created.status_code == 201
        listed = writer.get(f"/v1/customers/{customer}/conversations").json()["data"]
        assert created.json()["data"]["id"] in [c["id"] for c in listed]


class TestMessagesAndNotes:
    def test_messages_and_notes_under_a_conversation(
        self, writer: httpx.Client, expect_error: ErrorCheck
    ) -> None:
        conversation = writer.get("/v1/conversations?pageSize=1").json()["data"][0]
        base = f"/v1/conversations/{conversation['id']}"
        count = conversation["attributes"]["messageCount"]
        expect_error(writer.post(f"{base}/messages", json={"channel": "email"}), 400, '"app"')
        expect_error(writer.post(f"{base}/messages", json={"channel": "pigeon", "app": "x"}), 400)
        body = {"channel": "email", "app": "postmark", "direction": "out", "preview": "On its way!"}
        message = writer.post(f"{base}/messages", json=body)
        assert message.status_code == 201
        data = message.json()["data"]
        assert data["type"] == "message" and data["links"]["self"] == f"/v1/messages/{data['id']}"
        assert data["relationships"]["conversation"]["data"]["id"] == conversation["id"]
        assert data["attributes"]["sentAt"] == data["attributes"]["createdAt"]
        assert writer.get(f"/v1/messages/{data['id']}").json()["data"] == data
        listed = writer.get(f"{base}/messages").json()["data"]
        assert listed[-1]["id"] == data["id"]
        updated = writer.get(base).json()["data"]["attributes"]
        assert updated["messageCount"] == count + 1

        note = writer.post(f"{base}/notes", json={"body": "Refund approved by Tom."})
        assert note.status_code == 201 and note.json()["data"]["type"] == "note"
        customer = conversation["relationships"]["customer"]["data"]["id"]
        notes = writer.get(f"/v1/customers/{customer}/notes").json()["data"]
        assert note.json()["data"]["id"] in [n["id"] for n in notes]
        expect_error(writer.post(f"{base}/notes", json={}), 400, '"body" is required')

    def test_deleting_a_conversation_deletes_its_messages(self, writer: httpx.Client) -> None:
        conversation = writer.get("/v1/conversations?pageSize=1").json()["data"][0]["id"]
        messages = writer.get(f"/v1/conversations/{conversation}/messages").json()["data"]
        writer.delete(f"/v1/conversations/{conversation}")
        assert all(writer.get(f"/v1/messages/{m['id']}").status_code == 404 for m in messages)


class TestKObjectsAndCompanies:
    def test_kobject_round_trip(self, writer: httpx.Client, expect_error: ErrorCheck) -> None:
        customer = a_customer(writer)["id"]
        expect_error(writer.post("/v1/klasses/order", json={"customer": customer}), 400, "title")
        body = {"title": "Order #999", "customer": customer, "custom": {"totalNum": 12.5}}
        created = writer.post("/v1/klasses/order", json=body)
        assert created.status_code == 201
        data = created.json()["data"]
        assert data["type"] == "kobject.order"
        assert data["relationships"]["klass"] == {
            "link": {"self": "/v1/klasses/order"},
            "data": {"type": "klass", "id": "order"},
        }
        path = data["links"]["self"]
        assert path == f"/v1/klasses/order/{data['id']}"
        linked = writer.get(f"/v1/customers/{customer}/klasses/order").json()["data"]
        assert data["id"] in [k["id"] for k in linked]
        patched = writer.patch(path, json={"description": "gift wrapped"}).json()["data"]
        assert patched["attributes"]["rev"] == 2
        assert writer.delete(path).status_code == 204
        expect_error(writer.get(path), 404)
        expect_error(writer.post("/v1/klasses/invoice", json={"title": "x"}), 404, "invoice")

    def test_kobject_under_a_customer(self, writer: httpx.Client) -> None:
        customer = a_customer(writer)["id"]
        created = writer.post(
            f"/v1/customers/{customer}/klasses/subscription", json={"title": "Monthly Roast"}
        )
        assert created.status_code == 201
        data = created.json()["data"]
        assert data["relationships"]["customer"]["data"]["id"] == customer

    def test_company_create_and_update(
        self, writer: httpx.Client, expect_error: ErrorCheck
    ) -> None:
        expect_error(writer.post("/v1/companies", json={"domains": ["x.example"]}), 400, '"name"')
        created = writer.post("/v1/companies", json={"name": "Acme", "domains": ["acme.example"]})
        assert created.status_code == 201
        path = created.json()["data"]["links"]["self"]
        updated = writer.put(path, json={"name": "Acme Inc.", "rev": 1}).json()["data"]
        assert updated["attributes"]["name"] == "Acme Inc." and updated["attributes"]["rev"] == 2
        expect_error(writer.put(path, json={"rev": 1}), 409)
