"""LinkStore: links packed by line, made into Links on use."""

from __future__ import annotations

import orjson

from kexplore.core.body.link_store import LinkStore, PointerResolver, link_rows
from kexplore.core.body.pretty import PrettyJson
from kexplore.core.browse.links import Link

BASE = "http://127.0.0.1:8787"


def link(n: int, href: str | None = None) -> Link:
    href = href or f"/v1/customers/{n}"
    return Link(f"item {n}", href, BASE + href, f"/data/{n}/links/self", True, False)


def test_links_come_back_as_built_in_line_order_with_urls_restored() -> None:
    links = [link(0), link(1, "https://other.example/x"), link(2)]
    lines = {"/data/0/links/self": 3, "/data/1/links/self": 9, "/data/2/links/self": 15}
    store = LinkStore.build([link_rows(links)], lines.get)
    assert list(store) == links
    assert store.lines.tolist() == [3, 9, 15]
    assert store.at_line(9) == links[1] and store.at_line(10) is None


def test_groups_are_ordered_by_line_even_when_they_interleave() -> None:
    first, second, third = link(0), link(1), link(2)
    lines = {first.pointer: 1, second.pointer: 10, third.pointer: 20}
    groups = [link_rows([first, third]), link_rows([second])]  # lines 1 and 20, then 10
    store = LinkStore.build(groups, lines.get)
    assert store.lines.tolist() == [1, 10, 20]
    assert list(store) == [first, second, third]


def test_rows_whose_pointer_is_not_found_are_dropped() -> None:
    store = LinkStore.build([link_rows([link(0), link(1)])], {"/data/1/links/self": 4}.get)
    assert list(store) == [link(1)]


def test_an_empty_store() -> None:
    store = LinkStore.build([], {}.get)
    assert len(store) == 0 and store.at_line(0) is None


class TestPointerResolver:
    """Every value's pointer leads back to its line, in any order; absent ones to None."""

    DOCUMENT = {
        "data": [
            {"id": "a", "links": {"self": "/v1/a"}, "list": [1, [2, 3], {"x": 4}, 5]},
            {"id": "b", "links": {"self": "/v1/b"}, "a/b~c": {"links": "x"}, "e": {}},
        ],
        "links": {"self": "/v1", "next": None},
    }

    def resolved(self) -> tuple[PrettyJson, PointerResolver]:
        pretty = PrettyJson.from_json(orjson.dumps(self.DOCUMENT))
        pretty.build_index()
        return pretty, PointerResolver(pretty.blob, pretty.complete())

    def test_each_line_from_its_pointer_in_order_and_backwards(self) -> None:
        pretty, resolver = self.resolved()
        lines = [n for n in range(pretty.line_count) if pretty.line(n).strip()[0] not in "}]"]
        pointers = [pretty.pointer_at(n) for n in lines]
        assert [resolver.locate(p) for p in pointers] == lines
        assert [resolver.locate(p) for p in reversed(pointers)] == lines[::-1]

    def test_absent_values(self) -> None:
        _, resolver = self.resolved()
        for pointer in ("/nope", "/data/2", "/data/0/links/other", "/data/x", "/links/self/y"):
            assert resolver.locate(pointer) is None, pointer
