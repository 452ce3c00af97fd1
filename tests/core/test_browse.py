"""Tree entries, visit labels and error messages drawn from Kustomer documents."""

from kexplore.core.browse.documents import (
    error_messages,
    follow_request,
    next_page_url,
    page_entries,
    relationship_entries,
    tree_children,
    visit_label,
)

BASE = "http://127.0.0.1:8787"

CUSTOMER = {
    "type": "customer",
    "id": "5a821b9499792b00019347f2",
    "attributes": {"name": "Jane Doe", "emails": [{"email": "jane@example.com"}]},
    "relationships": {
        "org": {
            "links": {"self": "/v1/orgs/5a79d3e2c8b66e0001ba953e"},
            "data": {"type": "org", "id": "5a79d3e2c8b66e0001ba953e"},
        },
        "messages": {"links": {"self": "/v1/customers/5a821b9499792b00019347f2/messages"}},
        "company": {"data": {"type": "company", "id": "5a821b9499792b0001934700"}},
        "broken": "not an object",
    },
    "links": {"self": "/v1/customers/5a821b9499792b00019347f2"},
}


def test_page_entries_label_and_resolve_each_record() -> None:
    page = {"data": [CUSTOMER, {"type": "x"}, "junk"], "links": {"next": "/v1/customers?page=2"}}
    entries = page_entries(page, BASE)
    assert [e.label for e in entries] == ["Jane Doe <jane@example.com>"]
    assert entries[0].url == f"{BASE}/v1/customers/5a821b9499792b00019347f2"
    assert entries[0].resource is CUSTOMER
    assert next_page_url(page, BASE) == f"{BASE}/v1/customers?page=2"


def test_next_page_is_none_at_the_end_and_for_odd_documents() -> None:
    assert next_page_url({"links": {"next": None}}, BASE) is None
    assert next_page_url([1, 2], BASE) is None
    assert page_entries({"data": {"id": "1"}}, BASE) == []


def test_relationships_become_records_or_collections() -> None:
    entries = {e.label: e for e in relationship_entries(CUSTOMER, BASE)}
    assert entries["org"].kind == "record"
    assert entries["messages"].kind == "collection"
    assert entries["company"].url == f"{BASE}/v1/companies/5a821b9499792b0001934700"
    assert "broken" not in entries


def test_kobject_klass_singular_link_quirk() -> None:
    kobject = {"relationships": {"klass": {"link": {"self": "/v1/klasses/order"}}}}
    [entry] = relationship_entries(kobject, BASE)
    assert entry.url == f"{BASE}/v1/klasses/order"


def test_visit_label_names_records_and_pages() -> None:
    assert (
        visit_label(f"{BASE}/v1/customers/1", {"data": CUSTOMER}) == "Jane Doe <jane@example.com>"
    )
    assert visit_label(f"{BASE}/v1/customers?page=2&pageSize=100", {"data": []}) == (
        "customers · page 2"
    )
    assert visit_label(f"{BASE}/v1/conversations", None) == "conversations"


def test_error_messages_accept_both_kustomer_shapes() -> None:
    jsonapi = {
        "errors": [
            {
                "status": "404",
                "code": "not_found",
                "title": "Customer not found",
                "source": {"parameter": "id"},
            }
        ]
    }
    assert error_messages(jsonapi) == ["404 · not_found · Customer not found · at parameter=id"]
    new_docs = {"errors": [{"code": "bad_request", "message": "Invalid request body.", "meta": {}}]}
    assert error_messages(new_docs) == ["bad_request · Invalid request body."]
    assert error_messages({"error": "boom"}) == ["boom"]
    assert error_messages([1]) == []


def test_error_messages_are_inert() -> None:
    [message] = error_messages({"errors": [{"title": "\x1b[31mred\u202e"}]})
    assert "\x1b" not in message and "\u202e" not in message
    assert "\\x1b[31mred\\u202e" in message


def test_follow_request_is_a_get_except_for_search_pages() -> None:
    from kexplore.core.browse.links import Link
    from kexplore.core.http.request import ApiRequest

    search = ApiRequest(
        "POST", f"{BASE}/v1/customers/search", params=(("pageSize", "2"),), body='{"and": []}'
    )
    next_page = Link(
        "next",
        "/v1/customers/search?page=2",
        f"{BASE}/v1/customers/search?page=2",
        "/links/next",
        True,
    )
    follow = follow_request(search, next_page)
    assert (follow.method, follow.url, follow.params, follow.body) == (
        "POST",
        next_page.url,
        (),
        '{"and": []}',
    )
    item = Link("item 1", "/v1/customers/1", f"{BASE}/v1/customers/1", "/data/0/links/self", True)
    assert follow_request(search, item) == ApiRequest("GET", item.url)
    assert follow_request(None, next_page) == ApiRequest("GET", next_page.url)
    listing = ApiRequest("GET", f"{BASE}/v1/customers")
    assert follow_request(listing, next_page).method == "GET"


def test_tree_children_of_pages_records_and_failures() -> None:
    from kexplore.core.http.response import ApiResponse

    json_type = (("content-type", "application/json"),)
    page = {"data": [CUSTOMER], "links": {"next": "/v1/customers?page=2"}}
    ok = ApiResponse(200, "OK", json_type, b"{}")
    children = tree_children(ok, page, BASE)
    assert [e.label for e in children.entries] == ["Jane Doe <jane@example.com>"]
    assert children.next_url == f"{BASE}/v1/customers?page=2"
    record = tree_children(ok, {"data": CUSTOMER}, BASE)
    assert {e.label for e in record.entries} == {"org", "messages", "company"}
    failed = tree_children(ApiResponse(503, "Service Unavailable", (), b"<html>"), None, BASE)
    assert failed.problem == "503 Service Unavailable"
    html = ApiResponse(200, "OK", (("content-type", "text/html"),), b"<html>")
    assert tree_children(html, None, BASE).problem.startswith("Not a Kustomer JSON document")
    assert tree_children(ApiResponse(200, "OK", (), b""), None, BASE).entries == []
