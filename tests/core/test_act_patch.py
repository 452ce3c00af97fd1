"""Sparse updates, rev, the three-way re-apply, catalogue lookups and staleness."""

from __future__ import annotations

from kexplore.core.act.endpoints import create_plan, endpoint_key, update_method
from kexplore.core.act.merge import ThreeWay, reapply, rebased
from kexplore.core.act.patch import changes, patch_body
from kexplore.core.act.record import record_at, target_of
from kexplore.core.act.stale import collection_path, stale_after
from kexplore.core.http.request import ApiRequest

CID = "5a821b9499792b00019347f2"
BASE = {"name": "Ada", "locale": "en_US", "tags": ["a"], "rev": 4, "updatedAt": "2026-01-01"}


def customer(attributes: dict | None = None) -> dict:
    links = {"self": f"/v1/customers/{CID}"}
    return {"type": "customer", "id": CID, "attributes": attributes or BASE, "links": links}


class TestChanges:
    def test_changed_added_and_removed_as_null_read_only_left_out(self) -> None:
        after = {**BASE, "name": "Ada L.", "gender": "f", "rev": 9, "updatedAt": "x"}
        del after["locale"]
        assert changes(BASE, after) == {"name": "Ada L.", "gender": "f", "locale": None}

    def test_a_null_removed_is_not_sent(self) -> None:
        assert changes({"a": None, "b": 1}, {"b": 1}) == {}

    def test_nested_values_are_sent_whole(self) -> None:
        assert changes(BASE, {**BASE, "tags": ["a", "b"]}) == {"tags": ["a", "b"]}


class TestPatchBody:
    def test_rev_is_carried_for_customers_and_kobjects_only(self) -> None:
        target = target_of(customer())
        assert patch_body(target, {**BASE, "name": "B"}) == {"name": "B", "rev": 4}
        kobject = target_of({**customer(), "type": "kobject.order"})
        assert patch_body(kobject, {**BASE, "name": "B"})["rev"] == 4
        note = target_of({**customer(), "type": "note"})
        assert patch_body(note, {**BASE, "name": "B"}) == {"name": "B"}

    def test_nothing_changed_is_an_empty_body_without_rev(self) -> None:
        assert patch_body(target_of(customer()), dict(BASE)) == {}


class TestRecord:
    def test_a_single_record_or_the_list_item_under_the_cursor(self) -> None:
        assert record_at({"data": customer()}, ()) == customer()
        listed = {"data": [customer({"name": "x"}), customer()]}
        assert record_at(listed, ("data", 1, "attributes", "name")) == customer()
        assert record_at(listed, ("meta",)) is None
        assert record_at(listed, ("data", 7)) is None

    def test_no_self_link_is_no_target(self) -> None:
        assert target_of({"attributes": {}}) is None


class TestThreeWay:
    def test_reapply_puts_mine_on_theirs_at_their_rev(self) -> None:
        theirs = {**BASE, "locale": "fr_FR", "rev": 5}
        three = ThreeWay(BASE, {**BASE, "name": "Mine"}, theirs, "customer")
        assert reapply(three) == {"name": "Mine", "rev": 5}
        assert rebased(three) == {**theirs, "name": "Mine"}
        assert three.conflicts() == []
        names = [row[0] for row in three.rows()]
        assert names == ["name", "locale", "rev"]

    def test_both_changed_is_a_conflict_and_mine_wins(self) -> None:
        three = ThreeWay(BASE, {**BASE, "name": "Mine"}, {**BASE, "name": "Theirs", "rev": 5})
        assert three.conflicts() == ["name"]
        assert reapply(three) == {"name": "Mine"}  # no rev: the type is unknown

    def test_already_there_leaves_nothing_to_send(self) -> None:
        three = ThreeWay(BASE, {**BASE, "name": "Same"}, {**BASE, "name": "Same", "rev": 5})
        assert reapply(ThreeWay(three.base, three.mine, three.theirs, "customer")) == {}


class TestEndpoints:
    def test_update_method_follows_the_catalogue(self) -> None:
        assert update_method(f"http://h/v1/customers/{CID}") == "PATCH"
        assert update_method(f"/v1/klasses/order/{CID}") == "PUT"

    def test_create_plan_from_a_list_url(self) -> None:
        plan = create_plan(f"http://h:1/v1/customers/{CID}/conversations?page=2")
        assert plan is not None and plan.url == f"http://h:1/v1/customers/{CID}/conversations"
        assert plan.template == "/v1/customers/{id}/conversations" and '"name"' in plan.example
        assert create_plan("/v1/customers/search") is None
        assert create_plan("/v1/tags") is None

    def test_endpoint_keys(self) -> None:
        assert endpoint_key("http://h/v1/customers?page=3") == "/v1/customers"
        assert endpoint_key(f"/v1/customers/{CID}") == "/v1/customers/{id}"
        assert endpoint_key(f"/v2/odd/{CID}/x") == "/v2/odd/{id}/x"


class TestStale:
    def test_a_write_makes_reads_of_its_collection_stale_never_writes(self) -> None:
        assert collection_path("PATCH", f"http://h/v1/customers/{CID}") == "/v1/customers"
        assert collection_path("POST", "http://h/v1/customers") == "/v1/customers"
        stale = stale_after(ApiRequest("DELETE", f"http://h/v1/customers/{CID}"))
        assert stale(ApiRequest("GET", "http://h/v1/customers?page=2"))
        assert stale(ApiRequest("GET", f"http://h/v1/customers/{CID}/notes"))
        assert not stale(ApiRequest("GET", "http://h/v1/customersearch"))
        assert not stale(ApiRequest("GET", "http://other/v1/customers"))
        assert not stale(ApiRequest("POST", "http://h/v1/customers"))
