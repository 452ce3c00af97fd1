"""A base URL with a path (`http://h/api`, `http://h/api/`): typed paths and document links."""

from __future__ import annotations

import pytest

from kexplore.core.browse.links import extract_links
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.urls import request_url, resolve_url
from kexplore.core.settings.base_url import normalise_base_url


@pytest.mark.parametrize("given", ["http://h/api", "http://h/api/"])
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("/People/", "http://h/api/People/"),
        ("People/", "http://h/api/People/"),
        ("/api/People/", "http://h/api/People/"),
        ("/api", "http://h/api"),
        ("/api?page[offset]=2", "http://h/api?page[offset]=2"),
        ("/apis/x", "http://h/api/apis/x"),
        ("/", "http://h/api/"),
        ("http://other.example/x", "http://other.example/x"),
        ("//h/elsewhere", "http://h/elsewhere"),
    ],
)
def test_typed_paths_go_below_the_base_path_never_doubled(
    given: str, typed: str, expected: str
) -> None:
    assert resolve_url(normalise_base_url(given), typed) == expected
    assert resolve_url(given, typed) == expected


def test_request_url_appends_params_below_the_base_path() -> None:
    request = ApiRequest("GET", "/People/", params=(("page[offset]", "10"),))
    assert request_url("http://h/api", request) == "http://h/api/People/?page%5Boffset%5D=10"


def test_a_base_without_a_path_is_unchanged() -> None:
    assert resolve_url("http://h", "/v1/customers") == "http://h/v1/customers"
    assert resolve_url("http://h", "v1/customers") == "http://h/v1/customers"


DOCUMENT = {
    "links": {"self": "/api/People/?page[offset]=0", "next": "?page[offset]=10"},
    "data": [
        {
            "type": "Person",
            "id": "1",
            "relationships": {"books": {"links": {"related": "1/books"}}},
            "links": {"self": "/api/People/1"},
        }
    ],
}


@pytest.mark.parametrize("document_url", ["http://h/api/People/", "http://h/api/People/?x=1"])
def test_document_links_resolve_against_the_document_url(document_url: str) -> None:
    """Root-relative links keep only the origin; path-relative ones replace the last segment."""
    links = extract_links(DOCUMENT, document_url, kustomer=False)
    assert [(link.rel, link.url) for link in links] == [
        ("self", "http://h/api/People/?page[offset]=0"),
        ("next", "http://h/api/People/?page[offset]=10"),
        ("books", "http://h/api/People/1/books"),
        ("item 1", "http://h/api/People/1"),
    ]


def test_a_followed_link_path_typed_back_reaches_the_same_url() -> None:
    """The path the screen shows for a link (the URL less the base) resolves to that URL again."""
    base = normalise_base_url("http://h/api/")
    (link,) = [
        link for link in extract_links(DOCUMENT, "http://h/api/People/") if link.rel == "item 1"
    ]
    shown = link.url[len(base) :]
    assert (shown, resolve_url(base, shown)) == ("/People/1", link.url)
    assert resolve_url(base, link.path) == link.url
