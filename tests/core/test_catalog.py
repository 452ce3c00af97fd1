"""Tests for the resource catalogue and placeholders()."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from kexplore.core.browse.catalog import CATALOG, ENDPOINTS, Endpoint, placeholders

OPERATIONS = Path(__file__).parents[1] / "sandbox" / "data" / "kustomer-operations.tsv"


def ids(endpoint: Endpoint) -> str:
    return f"{endpoint.method} {endpoint.path}"


def find(method: str, path: str) -> Endpoint:
    return next(e for e in ENDPOINTS if e.method == method and e.path == path)


def test_groups_in_order() -> None:
    assert [group.title for group in CATALOG][:4] == [
        "Customers",
        "Conversations",
        "Messages",
        "Notes",
    ]
    assert len(CATALOG) == 20


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}|:[A-Za-z]+", "{}", path).lower()


def test_every_listed_operation_is_in_the_catalogue() -> None:
    with OPERATIONS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    core = [row for row in rows if row["source"].startswith("core:")]
    assert len(core) == 166 and len(rows) == 209
    have = {(e.method, _shape(e.path)) for e in ENDPOINTS}
    assert [r["path"] for r in rows if (r["method"], _shape(r["path"])) not in have] == []


def test_listed_query_parameters_are_offered() -> None:
    with OPERATIONS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    params = {(e.method, _shape(e.path)): set(e.params) for e in ENDPOINTS}
    for row in rows:
        wanted = {name for name in row["query parameters"].split(",") if name}
        assert wanted <= params[row["method"], _shape(row["path"])], row["path"]


def test_put_summaries_say_how_they_merge() -> None:
    for endpoint in ENDPOINTS:
        if endpoint.method == "PUT" and "replace" in endpoint.params:
            assert "PATCH" in endpoint.summary and "replace=true" in endpoint.summary


def test_group_keys_unique_and_groups_not_empty() -> None:
    keys = [group.key for group in CATALOG]
    assert len(set(keys)) == len(keys)
    assert all(group.endpoints for group in CATALOG)


def test_no_duplicate_method_and_path() -> None:
    counts = Counter((e.method, e.path) for e in ENDPOINTS)
    assert [pair for pair, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ids)
def test_paths_start_with_v1_and_are_clean(endpoint: Endpoint) -> None:
    assert endpoint.path.startswith("/v1/")
    assert " " not in endpoint.path and "?" not in endpoint.path
    assert endpoint.summary and "\n" not in endpoint.summary


@pytest.mark.parametrize(
    "endpoint", [e for e in ENDPOINTS if e.method in ("POST", "PUT", "PATCH")], ids=ids
)
def test_writes_have_a_pretty_json_body(endpoint: Endpoint) -> None:
    assert endpoint.body is not None
    value = json.loads(endpoint.body)
    assert value not in ({}, [])
    assert endpoint.body == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.method == "GET"], ids=ids)
def test_gets_have_no_body(endpoint: Endpoint) -> None:
    assert endpoint.body is None


def test_lists_take_pagination_params() -> None:
    lists = [e for e in ENDPOINTS if e.is_list]
    assert lists
    assert all({"page", "pageSize"} <= set(e.params) for e in lists)


def test_core_endpoints_present() -> None:
    for method, path in [
        ("GET", "/v1/customers"),
        ("GET", "/v1/customers/{id}"),
        ("GET", "/v1/customers/email={email}"),
        ("GET", "/v1/conversations/{id}/messages"),
        ("GET", "/v1/klasses/{name}/{id}"),
        ("GET", "/v1/routing/queues"),
        ("GET", "/v1/auth/tokens/current"),
        ("GET", "/v1/users/current"),
        ("GET", "/v1/orgs/{id}"),
    ]:
        assert find(method, path)


def test_customer_search_body_is_the_documented_one() -> None:
    search = find("POST", "/v1/customers/search")
    assert search.is_list
    body = json.loads(search.body or "")
    assert body["queryContext"] == "conversation"
    assert body["and"] == [{"conversation_updated_at": {"gte": "2019-12-26T18:35:41.583Z"}}]
    assert body["or"] == [{"customer_email": {"equals": "jane@example.com"}}]
    search_group = next(group for group in CATALOG if group.key == "search")
    assert search in search_group.endpoints


def test_is_list_flags() -> None:
    customers = find("GET", "/v1/customers")
    assert customers.is_list
    assert not find("GET", "/v1/customers/{id}").is_list


class TestPlaceholders:
    def test_spans_include_braces(self) -> None:
        path = "/v1/customers/{id}/klasses/{name}"
        spans = placeholders(path)
        assert spans == [(14, 18, "id"), (27, 33, "name")]
        assert [path[start:end] for start, end, _ in spans] == ["{id}", "{name}"]

    def test_placeholder_inside_segment(self) -> None:
        path = "/v1/customers/email={email}"
        [(start, end, name)] = placeholders(path)
        assert (path[start:end], name) == ("{email}", "email")

    @pytest.mark.parametrize("path", ["/v1/customers", "/v1/{}", "/v1/{a/b}", "/v1/{"])
    def test_no_placeholders(self, path: str) -> None:
        assert placeholders(path) == []

    @pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ids)
    def test_every_brace_in_the_catalogue_is_a_placeholder(self, endpoint: Endpoint) -> None:
        spans = placeholders(endpoint.path)
        assert endpoint.path.count("{") == len(spans) == endpoint.path.count("}")


class TestCatalogCommand:
    def test_json_lists_every_endpoint_with_status_and_body(self, capsys) -> None:
        from kexplore.cli import main

        assert main(["catalog", "--format", "json"]) == 0
        groups = json.loads(capsys.readouterr().out)
        entries = [entry for group in groups for entry in group["endpoints"]]
        assert len(entries) == len(ENDPOINTS)
        bulk = next(e for e in entries if (e["method"], e["path"]) == ("PUT", "/v1/customers/bulk"))
        assert bulk["status"] == 201 and bulk["params"] == ["ids"] and bulk["body"]

    def test_text_names_method_path_and_params(self, capsys) -> None:
        from kexplore.cli import main

        assert main(["catalog"]) == 0
        out = capsys.readouterr().out
        assert "  GET    /v1/audit-logs  [count after before" in out
        assert out.count("\n") > 2 * len(ENDPOINTS)
