"""Tests for extract_links, Link and infer_path."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexplore.core.browse.kustomer_paths import infer_path
from kexplore.core.browse.links import Link, extract_links

BASE = "https://api.kustomerapp.com"
CUSTOMER_ID = "5a821b9499792b00019347f2"


def customer_document() -> dict[str, Any]:
    """A single-customer document shaped like docs/KUSTOMER.md describes ("The envelope")."""
    return {
        "data": {
            "type": "customer",
            "id": CUSTOMER_ID,
            "attributes": {"name": "Jane Doe", "links": {"self": "/v1/not-a-link"}},
            "relationships": {
                "org": {
                    "links": {"self": "/v1/orgs/5a79d3e2c8b66e0001ba953e"},
                    "data": {"type": "org", "id": "5a79d3e2c8b66e0001ba953e"},
                },
                "messages": {"links": {"self": f"/v1/customers/{CUSTOMER_ID}/messages"}},
                "createdBy": {"data": {"type": "user", "id": "u1"}},
            },
            "links": {"self": f"/v1/customers/{CUSTOMER_ID}"},
        }
    }


def list_document() -> dict[str, Any]:
    """A rich list page with two conversations."""
    return {
        "meta": {"pageSize": 2, "page": 2, "total": 6, "totalPages": 3},
        "links": {
            "self": "/v1/customers/search?page=2&pageSize=2",
            "first": "/v1/customers/search?page=1&pageSize=2",
            "prev": "/v1/customers/search?page=1&pageSize=2",
            "next": "/v1/customers/search?page=3&pageSize=2",
            "last": "/v1/customers/search?page=3&pageSize=2",
        },
        "data": [
            {
                "type": "conversation",
                "id": "c1",
                "relationships": {"customer": {"links": {"self": "/v1/customers/a"}}},
                "links": {"self": "/v1/conversations/c1"},
            },
            {
                "type": "conversation",
                "id": "c2",
                "relationships": {"customer": {"links": {"self": "/v1/customers/b"}}},
                "links": {"self": "/v1/conversations/c2"},
            },
        ],
    }


def pointers(links: list[Link]) -> list[str]:
    return [link.pointer for link in links]


class TestTopLevelLinks:
    def test_pagination_links_in_document_order_with_query(self) -> None:
        links = extract_links(list_document(), BASE)
        top = [link for link in links if link.pointer.startswith("/links/")]
        assert [link.rel for link in top] == ["self", "first", "prev", "next", "last"]
        assert top[3].url == f"{BASE}/v1/customers/search?page=3&pageSize=2"
        assert top[3].href == "/v1/customers/search?page=3&pageSize=2"

    def test_null_links_are_skipped(self) -> None:
        document = {"links": {"self": "/v1/notes?page=1", "prev": None, "next": None}}
        links = extract_links(document, BASE)
        assert [link.rel for link in links] == ["self"]

    def test_empty_and_non_string_hrefs_are_skipped(self) -> None:
        document = {"links": {"a": "", "b": 3, "c": ["/v1/x"], "d": "  ", "e": "/v1/ok"}}
        assert [link.rel for link in extract_links(document, BASE)] == ["e"]

    def test_links_in_document_order_across_sections(self) -> None:
        document = {"data": [], "links": {"self": "/v1/x"}}
        document2 = {"links": {"self": "/v1/x"}, "data": {"links": {"self": "/v1/y"}}}
        assert pointers(extract_links(document, BASE)) == ["/links/self"]
        assert pointers(extract_links(document2, BASE)) == ["/links/self", "/data/links/self"]


class TestResourceLinks:
    def test_single_resource_self_and_relationships(self) -> None:
        links = extract_links(customer_document(), BASE)
        assert [(link.rel, link.pointer) for link in links] == [
            ("org", "/data/relationships/org/links/self"),
            ("messages", "/data/relationships/messages/links/self"),
            ("createdBy", "/data/relationships/createdBy/data"),
            ("self", "/data/links/self"),
        ]

    def test_attributes_are_not_walked(self) -> None:
        links = extract_links(customer_document(), BASE)
        assert all("not-a-link" not in link.href for link in links)

    def test_list_items_are_named_by_position(self) -> None:
        links = extract_links(list_document(), BASE)
        items = [link for link in links if link.pointer.startswith("/data/")]
        assert [(link.rel, link.pointer) for link in items] == [
            ("customer", "/data/0/relationships/customer/links/self"),
            ("item 1", "/data/0/links/self"),
            ("customer", "/data/1/relationships/customer/links/self"),
            ("item 2", "/data/1/links/self"),
        ]

    def test_related_link_of_resource(self) -> None:
        document = {
            "data": {
                "type": "attachment",
                "links": {
                    "self": "/v1/attachments/a1",
                    "related": "https://s3.amazonaws.com/bucket/a1?sig=x",
                },
            }
        }
        links = extract_links(document, BASE)
        assert [(link.rel, link.same_origin) for link in links] == [
            ("self", True),
            ("related", False),
        ]
        assert links[1].path == "https://s3.amazonaws.com/bucket/a1?sig=x"

    def test_relationship_self_and_related(self) -> None:
        document = {
            "data": {
                "relationships": {
                    "customer": {"links": {"self": "/v1/a", "related": "/v1/b"}},
                    "brand": {"links": {"related": "/v1/brands/b1"}},
                }
            }
        }
        links = extract_links(document, BASE)
        assert [link.rel for link in links] == ["customer (self)", "customer", "brand"]

    def test_relationship_with_data_before_links(self) -> None:
        document = {
            "data": {
                "relationships": {
                    "queue": {
                        "data": {"type": "queue", "id": "q1"},
                        "links": {"self": "/v1/routing/queues/q1", "related": None},
                    }
                }
            }
        }
        [link] = extract_links(document, BASE)
        assert (link.rel, link.inferred) == ("queue", False)

    def test_klass_singular_link_quirk(self) -> None:
        document = {
            "data": {
                "type": "kobject.order",
                "relationships": {
                    "klass": {
                        "link": {"self": "/v1/klasses/order"},
                        "data": {"type": "klass", "id": "order"},
                    }
                },
            }
        }
        [link] = extract_links(document, BASE)
        assert link.rel == "klass"
        assert link.pointer == "/data/relationships/klass/link/self"
        assert not link.inferred

    def test_included_resources(self) -> None:
        document = {
            "data": [],
            "included": [
                {
                    "type": "attachment",
                    "links": {"self": "/v1/attachments/a1"},
                    "relationships": {"message": {"data": {"type": "message", "id": "m1"}}},
                }
            ],
        }
        links = extract_links(document, BASE)
        assert [(link.rel, link.pointer, link.url) for link in links] == [
            ("included 1", "/included/0/links/self", f"{BASE}/v1/attachments/a1"),
            ("message", "/included/0/relationships/message/data", f"{BASE}/v1/messages/m1"),
        ]

    def test_json_pointer_escapes_slash_and_tilde(self) -> None:
        document = {"data": {"relationships": {"a/b~c": {"links": {"self": "/v1/x"}}}}}
        [link] = extract_links(document, BASE)
        assert link.pointer == "/data/relationships/a~1b~0c/links/self"

    def test_link_object_with_href(self) -> None:
        document = {"links": {"next": {"href": "/v1/x?page=2", "meta": {}}}}
        [link] = extract_links(document, BASE)
        assert (link.rel, link.pointer) == ("next", "/links/next/href")


class TestInferred:
    def test_data_only_relationship_is_inferred(self) -> None:
        document = {
            "data": {
                "relationships": {"conversation": {"data": {"type": "conversation", "id": "c9"}}}
            }
        }
        [link] = extract_links(document, BASE)
        assert link.inferred
        assert link.href == "/v1/conversations/c9"
        assert link.url == f"{BASE}/v1/conversations/c9"
        assert link.rel == "conversation"

    def test_relationship_with_link_is_not_also_inferred(self) -> None:
        links = extract_links(customer_document(), BASE)
        org = [link for link in links if link.rel == "org"]
        assert len(org) == 1
        assert not org[0].inferred

    def test_array_data_is_inferred_per_item(self) -> None:
        document = {
            "data": {
                "relationships": {
                    "userMentions": {
                        "data": [{"type": "user", "id": "u1"}, {"type": "team", "id": "t1"}]
                    }
                }
            }
        }
        links = extract_links(document, BASE)
        assert [(link.rel, link.href, link.pointer) for link in links] == [
            ("userMentions 1", "/v1/users/u1", "/data/relationships/userMentions/data/0"),
            ("userMentions 2", "/v1/teams/t1", "/data/relationships/userMentions/data/1"),
        ]
        assert all(link.inferred for link in links)

    @pytest.mark.parametrize(
        ("type_", "id_", "path"),
        [
            ("customer", "abc", "/v1/customers/abc"),
            ("customers", "abc", "/v1/customers/abc"),
            ("conversation", "c1", "/v1/conversations/c1"),
            ("company", "c1", "/v1/companies/c1"),
            ("org", "o1", "/v1/orgs/o1"),
            ("kobject.order", "k1", "/v1/klasses/order/k1"),
            ("klass", "order", "/v1/klasses/order"),
            ("queue", "q1", "/v1/routing/queues/q1"),
            ("user", 42, "/v1/users/42"),
            ("customer", "a/b", "/v1/customers/a%2Fb"),
        ],
    )
    def test_infer_path(self, type_: str, id_: Any, path: str) -> None:
        assert infer_path(type_, id_) == path

    @pytest.mark.parametrize(
        ("type_", "id_"),
        [("customer", ""), ("customer", None), ("customer", True), (None, "x"), ("kobject.", "x")],
    )
    def test_infer_path_gives_up(self, type_: Any, id_: Any) -> None:
        assert infer_path(type_, id_) is None


class TestResolution:
    def test_relative_resolves_against_base(self) -> None:
        [link] = extract_links({"links": {"self": "/v1/x"}}, "http://127.0.0.1:8787/")
        assert link.url == "http://127.0.0.1:8787/v1/x"
        assert link.same_origin
        assert link.path == "/v1/x"

    def test_absolute_same_origin_with_default_port(self) -> None:
        [link] = extract_links(
            {"links": {"self": "HTTPS://API.kustomerapp.com:443/v1/x?a=1"}}, BASE
        )
        assert link.same_origin
        assert link.path == "/v1/x?a=1"

    @pytest.mark.parametrize(
        "href",
        [
            "http://api.kustomerapp.com/v1/x",  # scheme differs
            "https://api.kustomerapp.com:8443/v1/x",  # port differs
            "https://evil.example/v1/x",  # host differs
            "//evil.example/v1/x",  # scheme-relative to another host
        ],
    )
    def test_other_origins(self, href: str) -> None:
        [link] = extract_links({"links": {"self": href}}, BASE)
        assert not link.same_origin
        assert link.path == link.url

    def test_unusable_hrefs_are_dropped(self) -> None:
        document = {
            "links": {"a": "mailto:x@y", "b": "http://[broken/v1", "c": "https://h:99999/x"}
        }
        assert extract_links(document, BASE) == []

    def test_dot_segments_resolve(self) -> None:
        [link] = extract_links({"links": {"self": "/v1/a/../b"}}, BASE)
        assert link.url == f"{BASE}/v1/b"

    def test_link_is_frozen(self) -> None:
        [link] = extract_links({"links": {"self": "/v1/x"}}, BASE)
        with pytest.raises(dataclasses.FrozenInstanceError):
            link.rel = "other"  # type: ignore[misc]


class TestRobustness:
    @pytest.mark.parametrize(
        "document",
        [None, 1, "x", [], [{"links": {"self": "/v1/x"}}], {"data": 3}, {"data": [1, None, "x"]}],
    )
    def test_non_envelopes_give_nothing(self, document: Any) -> None:
        assert extract_links(document, BASE) == []

    def test_deeply_nested_document_does_not_recurse(self) -> None:
        deep: Any = {"self": "/v1/deep"}
        for _ in range(50_000):
            deep = [deep]
        document = {"data": {"attributes": deep, "links": {"self": "/v1/x"}}}
        assert pointers(extract_links(document, BASE)) == ["/data/links/self"]

    def test_attributes_are_never_touched(self) -> None:
        class Exploding(dict):
            def __iter__(self):  # type: ignore[override]
                raise AssertionError("attributes walked")

            def items(self):  # type: ignore[override]
                raise AssertionError("attributes walked")

        document = {"data": {"attributes": Exploding(a=1), "meta": Exploding()}}
        assert extract_links(document, BASE) == []

    def test_large_list(self) -> None:
        document = list_document()
        document["data"] = document["data"] * 2000
        links = extract_links(document, BASE)
        assert len(links) == 5 + 2 * 2 * 2000
        assert len(set(pointers(links))) == len(links)

    def test_bad_base_keeps_absolute_links_only(self) -> None:
        document = {"links": {"self": "/v1/x", "next": "https://h.example/v1/y"}}
        links = extract_links(document, "not a url")
        assert [(link.rel, link.same_origin) for link in links] == [("next", False)]


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from(["/v1/x", "//h", "http://[", "https://h:0/", "/v1/a?b=c", "mailto:x"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "data",
                    "links",
                    "link",
                    "included",
                    "relationships",
                    "self",
                    "related",
                    "next",
                    "type",
                    "id",
                    "href",
                    "customer",
                    "a/b~",
                    "kobject.order",
                ]
            )
            | st.text(max_size=5),
            children,
            max_size=5,
        )
    ),
    max_leaves=40,
)
"""JSON values biased toward envelope keys, so the walker's branches are all exercised."""


@settings(max_examples=300, deadline=None)
@given(document=JSON, base=st.sampled_from([BASE, "http://127.0.0.1:1/", "", "junk", "http://["]))
def test_never_raises_and_pointers_are_unique(document: Any, base: str) -> None:
    links = extract_links(document, base)
    assert len({link.pointer for link in links}) == len(links)
    for link in links:
        assert link.url.startswith(("http://", "https://"))
        assert isinstance(link.path, str)


@settings(max_examples=100, deadline=None)
@given(type_=st.one_of(st.none(), st.text(max_size=12)), id_=st.one_of(st.text(), st.integers()))
def test_infer_path_never_raises(type_: Any, id_: Any) -> None:
    path = infer_path(type_, id_)
    assert path is None or (path.startswith("/v1/") and "//" not in path)
