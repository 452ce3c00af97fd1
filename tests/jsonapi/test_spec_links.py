"""The link extractor on eleven documents written from the JSON:API 1.1 specification's examples:
every link found, none invented, linkage resolved through `included`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kexplore.core.browse.links import Link, extract_item_links, extract_links
from kexplore.core.browse.resource_index import resource_index

HERE = Path(__file__).parent / "spec_documents"
EXPECTED: dict[str, Any] = {
    name: value
    for name, value in json.loads((HERE / "expected_links.json").read_text()).items()
    if not name.startswith("_")
}


def load(name: str) -> Any:
    return json.loads((HERE / name).read_text())


def rows(links: list[Link]) -> list[list[Any]]:
    return [[link.rel, link.pointer, link.url, link.same_origin, link.via] for link in links]


def test_the_set_is_eleven_documents_and_all_are_described() -> None:
    documents = sorted(path.name for path in HERE.glob("[0-9]*.json"))
    assert documents == sorted(EXPECTED)
    assert len(documents) == 11


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_link_found_and_none_invented(name: str) -> None:
    links = extract_links(load(name), EXPECTED[name]["url"], kustomer=False)
    assert rows(links) == EXPECTED[name]["links"]
    assert not any(link.inferred for link in links)


def test_the_set_holds_56_links() -> None:
    found = sum(
        len(extract_links(load(name), spec["url"], kustomer=False))
        for name, spec in EXPECTED.items()
    )
    assert found == 56


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_for_kustomer_only_unresolved_linkage_is_added_and_marked(name: str) -> None:
    """On a Kustomer target, linkage with no resource in the document gets an inferred path;
    nothing else changes."""
    url = EXPECTED[name]["url"]
    plain = rows(extract_links(load(name), url, kustomer=False))
    kustomer = extract_links(load(name), url, kustomer=True)
    assert [
        row for row, link in zip(rows(kustomer), kustomer, strict=True) if not link.inferred
    ] == (plain)


def test_linkage_only_points_at_the_included_resource_not_an_invented_path() -> None:
    links = extract_links(load("01_compound_absolute.json"), "http://example.com/articles")
    author = next(link for link in links if link.pointer.startswith("/included/2/relationships"))
    assert (author.url, author.inferred) == ("http://example.com/people/9", False)
    assert "/v1/" not in author.url


def test_linkage_to_a_resource_not_in_the_document_is_not_invented() -> None:
    links = extract_links(load("11_meta_and_linkage_only.json"), "http://h/", kustomer=False)
    assert not [link for link in links if "reviewer" in link.pointer]
    kustomer = extract_links(load("11_meta_and_linkage_only.json"), "http://h/", kustomer=True)
    reviewer = [link for link in kustomer if "reviewer" in link.pointer]
    assert [(link.url, link.inferred) for link in reviewer] == [("http://h/v1/peoples/404", True)]


def test_related_is_named_for_the_relationship_and_self_is_marked() -> None:
    links = extract_links(load("01_compound_absolute.json"), "http://example.com/articles")
    author = [link for link in links if link.pointer.startswith("/data/0/relationships/author")]
    assert [(link.rel, link.href.rsplit("/", 2)[-2:]) for link in author] == [
        ("author (self)", ["relationships", "author"]),
        ("author", ["1", "author"]),
    ]


def test_items_taken_a_group_at_a_time_resolve_with_the_whole_index() -> None:
    document = load("01_compound_absolute.json")
    url = EXPECTED["01_compound_absolute.json"]["url"]
    whole = rows(extract_links(document, url, kustomer=False))
    index = resource_index(document)
    grouped = [
        row
        for first in (0, 2)
        for row in rows(
            extract_item_links(
                "included",
                document["included"][first : first + 2],
                first,
                url,
                kustomer=False,
                index=index,
            )
        )
    ]
    assert grouped == [row for row in whole if row[1].startswith("/included/")]


def test_a_describedby_chain_is_followed_one_level() -> None:
    document = {
        "links": {
            "self": {"href": "/a", "describedby": {"href": "/b", "describedby": {"href": "/c"}}}
        }
    }
    assert [link.pointer for link in extract_links(document, "http://h")] == [
        "/links/self/href",
        "/links/self/describedby/href",
    ]
