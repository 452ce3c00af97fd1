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


def test_linkage_alone_is_not_turned_into_a_path_off_kustomer() -> None:
    """`people` must not become `/v1/peoples/9` on a server that is not Kustomer."""
    resource = {"relationships": {"author": {"data": {"type": "people", "id": "9"}}}}
    assert relationship_entries(resource, "http://127.0.0.1:5000/api", kustomer=False) == []
    [inferred] = relationship_entries(resource, "https://acme.api.kustomerapp.com")
    assert inferred.url == "https://acme.api.kustomerapp.com/v1/peoples/9"  # its convention


def test_who_speaks_kustomer() -> None:
    from kexplore.core.browse.kustomer_paths import speaks_kustomer

    assert speaks_kustomer("https://acme.api.kustomerapp.com", sandbox=False)
    assert speaks_kustomer("https://api.prod2.kustomerapp.com", sandbox=False)
    assert speaks_kustomer("http://127.0.0.1:8787", sandbox=True)
    assert not speaks_kustomer("http://127.0.0.1:5000/api", sandbox=False)
    assert not speaks_kustomer("https://kustomerapp.com.evil.test", sandbox=False)


async def test_the_body_invents_no_link_off_kustomer(make_app) -> None:
    """Linkage alone in a body from a non-Kustomer server gives no link (the Links tab and
    the body's link marks alike); Kustomer's sandbox infers its path as before."""
    import json

    from piloting import settle
    from recorder import Recorder

    document = {
        "data": {
            "type": "article",
            "id": "1",
            "relationships": {"author": {"data": {"type": "people", "id": "9"}}},
        }
    }
    server = Recorder(json.dumps(document).encode())
    try:
        for sandbox, expected in ((False, []), (True, ["/data/relationships/author/data"])):
            app = make_app(server.base_url, sandbox=sandbox, api_key=None)
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(app, pilot)
                await pilot.press("ctrl+l", *"/v1/articles/1", "ctrl+j")
                await settle(app, pilot)
                inferred = [link.pointer for link in app.screen._links if link.inferred]
                assert inferred == expected
    finally:
        server.close()
