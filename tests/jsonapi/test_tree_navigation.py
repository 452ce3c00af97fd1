"""The tree's relationship entries on JSON:API documents: `related` before `self`."""

from __future__ import annotations

import json
from pathlib import Path

from kexplore.core.browse.documents import relationship_entries

HERE = Path(__file__).parent / "spec_documents"


def test_a_relationship_opens_its_related_resource_not_the_relationship_endpoint() -> None:
    document = json.loads((HERE / "01_compound_absolute.json").read_text())
    entries = relationship_entries(document["data"][0], "http://example.com")
    assert [(entry.label, entry.url, entry.kind) for entry in entries] == [
        ("author", "http://example.com/articles/1/author", "record"),
        ("comments", "http://example.com/articles/1/comments", "collection"),
    ]


def test_a_related_link_object_is_followed_by_its_href() -> None:
    document = json.loads((HERE / "04_link_objects.json").read_text())
    entries = relationship_entries(document["data"], "http://example.com")
    assert [entry.url for entry in entries] == ["http://example.com/articles/1/comments"]


def test_a_relationship_with_only_self_still_opens_it() -> None:
    resource = {"relationships": {"org": {"links": {"self": "/v1/orgs/1"}}}}
    assert [entry.url for entry in relationship_entries(resource, "http://h")] == [
        "http://h/v1/orgs/1"
    ]
