"""PrettyJson: lines, fold ranges, paths, pointers, values, links and search."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexplore.core.body.pretty import PrettyJson, line_starts
from kexplore.core.browse.links import extract_links

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from make_documents import customer_list

BASE = "https://acme.api.kustomerapp.com"

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=25,
)


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def reference_lines(value: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    """(pointer, role) for each line of json.dumps(value, indent=2); role open/close/scalar."""
    if isinstance(value, dict) and value:
        items = [(_escape(k), v) for k, v in value.items()]
    elif isinstance(value, list) and value:
        items = [(str(n), v) for n, v in enumerate(value)]
    else:
        yield pointer, "scalar"
        return
    yield pointer, "open"
    for key, item in items:
        yield from reference_lines(item, f"{pointer}/{key}")
    yield pointer, "close"


def indexed(value: Any) -> PrettyJson:
    pretty = PrettyJson.from_json(orjson.dumps(value))
    pretty.build_index(BASE)
    return pretty


def resolve(value: Any, pointer: str) -> Any:
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


class TestLayout:
    @given(json_values)
    @settings(max_examples=300, deadline=None)
    def test_lines_match_stdlib_indent_2(self, value: Any) -> None:
        """orjson's OPT_INDENT_2 layout equals json.dumps(indent=2), line for line."""
        pretty = PrettyJson.from_json(orjson.dumps(value))
        stdlib = json.dumps(value, indent=2, ensure_ascii=False).split("\n")
        assert pretty.mode == "json"
        assert pretty.line_count == len(stdlib)
        for i, expected in enumerate(stdlib):
            assert json.loads(f"[{_value_text(pretty.line(i))}]") == json.loads(
                f"[{_value_text(expected)}]"
            )

    def test_empty_containers_stay_inline(self) -> None:
        pretty = PrettyJson.from_json(b'{"a": [], "b": {}, "c": [1, {}]}')
        assert [pretty.line(i) for i in range(pretty.line_count)] == [
            "{",
            '  "a": [],',
            '  "b": {},',
            '  "c": [',
            "    1,",
            "    {}",
            "  ]",
            "}",
        ]

    def test_line_starts_has_sentinel_and_widest(self) -> None:
        starts, widest, _ = line_starts(b"ab\ncde\n\nf")
        assert list(starts) == [0, 3, 7, 8, 10]
        assert widest == 3

    def test_chunked_starts_cover_a_big_blob(self) -> None:
        blob = b"\n".join(b"x" * (n % 97) for n in range(60_000))
        starts, widest, _ = line_starts(blob)
        assert len(starts) - 1 == 60_000
        assert widest == 96
        assert blob[starts[59_999] : starts[60_000] - 1] == b"x" * (59_999 % 97)


def _value_text(line: str) -> str:
    """The value part of a pretty line, as JSON text, with brackets made into empty values."""
    text = line.strip().removesuffix(",")
    if text.startswith('"') and '": ' in text:
        _key, end = json.decoder.scanstring(text, 1)
        text = text[end + 2 :]
    return {"{": "null", "[": "null", "}": "null", "]": "null"}.get(text, text)


class TestStructure:
    @given(json_values)
    @settings(max_examples=300, deadline=None)
    def test_folds_and_pointers_agree_with_the_tree(self, value: Any) -> None:
        pretty = indexed(value)
        reference = list(reference_lines(value))
        assert pretty.line_count == len(reference)
        opens: dict[str, int] = {}
        for line, (pointer, role) in enumerate(reference):
            assert pretty.pointer_at(line) == pointer
            if role == "open":
                opens[pointer] = line
            elif role == "close":
                assert pretty.fold_range(opens[pointer]) == (opens[pointer], line)
            if role != "open":
                assert pretty.fold_range(line) is None

    @given(json_values)
    @settings(max_examples=200, deadline=None)
    def test_value_at_is_the_value_at_the_pointer(self, value: Any) -> None:
        pretty = indexed(value)
        for line in range(pretty.line_count):
            text = pretty.value_at(line)
            assert text is not None
            assert json.loads(text) == resolve(value, pretty.pointer_at(line) or "")

    def test_paths_read_like_code(self) -> None:
        pretty = indexed({"data": [{"a b": {"x": [0, {"y": 1}]}}]})
        paths = [pretty.path_at(i) for i in range(pretty.line_count)]
        assert 'data[0]["a b"].x[1].y' in paths
        assert pretty.path_at(0) == ""

    def test_value_of_an_opening_line_is_the_pretty_subtree(self) -> None:
        pretty = indexed({"data": {"links": {"self": "/v1/x"}}})
        assert pretty.value_at(1) == '{\n  "links": {\n    "self": "/v1/x"\n  }\n}'
        assert pretty.value_at(3) == '"/v1/x"'

    def test_nothing_is_known_before_indexing(self) -> None:
        pretty = PrettyJson.from_json(b'{"a": {"b": 1}}')
        assert not pretty.indexed
        assert pretty.path_at(1) is None
        assert pretty.fold_range(1) is None
        assert pretty.link_at(1) is None


class TestLinks:
    @pytest.mark.parametrize("count", [1, 3, 25])
    def test_every_link_is_found_on_its_line(self, count: int) -> None:
        document = customer_list(count, seed=count)
        pretty = indexed(document)
        links = extract_links(document, BASE)
        assert len(links) > 10 * count
        for link in links:
            line = pretty.index.links.lines[pretty.index.links.index(link)]
            assert pretty.link_at(line) == link
            assert pretty.pointer_at(line) == link.pointer
            if not link.inferred:
                assert json.dumps(link.href) in pretty.line(line)

    def test_relationship_link_path(self) -> None:
        document = {
            "data": {
                "relationships": {"customer": {"links": {"self": "/v1/customers/1"}}},
            }
        }
        pretty = indexed(document)
        line = next(i for i in range(pretty.line_count) if pretty.link_at(i))
        assert pretty.path_at(line) == "data.relationships.customer.links.self"
        assert pretty.link_at(line).url == BASE + "/v1/customers/1"

    def test_inferred_link_sits_on_the_data_line(self) -> None:
        pretty = indexed({"data": {"relationships": {"sla": {"data": {"type": "sla", "id": "9"}}}}})
        link = next(pretty.link_at(i) for i in range(pretty.line_count) if pretty.link_at(i))
        assert link.inferred
        assert link.pointer == "/data/relationships/sla/data"

    def test_tree_is_dropped_after_indexing(self) -> None:
        pretty = PrettyJson.from_json(orjson.dumps(customer_list(2)))
        pretty.build_index(BASE)
        assert pretty._document is None

    def test_lines_past_the_first_megabyte_are_found_on_demand(self) -> None:
        pretty = PrettyJson.from_json(orjson.dumps(customer_list(600)))
        assert len(pretty.blob) > 2**21
        assert len(pretty._starts) < pretty.line_count  # only the first chunk so far
        last = pretty.line_count - 1
        assert pretty.line(last) == "}"
        assert len(pretty._starts) == pretty.line_count + 1


class TestFallbacks:
    def test_deep_nesting_is_raw_text_not_recursion_error(self) -> None:
        body = b"[" * 100_000 + b"]" * 100_000
        pretty = PrettyJson.from_json(body)
        assert pretty.mode == "text"
        assert pretty.fallback
        assert pretty.line_count == 200_000 // 4096 + 1
        pretty.build_index(BASE)
        assert pretty.path_at(0) is None

    def test_invalid_json_is_raw_text(self) -> None:
        pretty = PrettyJson.from_json(b'{"a": 1,,}')
        assert pretty.mode == "text"
        assert pretty.line(0) == '{"a": 1,,}'

    def test_big_integers_are_not_rounded(self) -> None:
        pretty = PrettyJson.from_json(b'{"n": 123456789012345678901234567890}')
        assert pretty.line(1) == '  "n": 123456789012345678901234567890'

    def test_long_digit_runs_in_strings_keep_orjson(self) -> None:
        pretty = PrettyJson.from_json(b'{"id": "12345678901234567890123"}')
        assert pretty.line(1) == '  "id": "12345678901234567890123"'

    def test_text_mode_splits_lines_and_long_lines(self) -> None:
        pretty = PrettyJson.from_text("one\r\ntwo\n" + "é" * 5000)
        assert pretty.line(0) == "one"
        assert pretty.line(1) == "two"
        assert pretty.line_count == 5
        assert "".join(pretty.line(i) for i in range(2, 5)) == "é" * 5000

    def test_line_limit_cuts_long_lines(self) -> None:
        pretty = PrettyJson.from_json(orjson.dumps({"s": "x" * 100_000}))
        assert len(pretty.line(1, limit=50)) == 50
        assert pretty.line_length(1) > 100_000


class TestSearch:
    def test_forward_backward_and_case(self) -> None:
        pretty = PrettyJson.from_json(b'{"a": "Hopper", "b": 1, "c": "hopper"}')
        assert pretty.search("HOPPER", 0) == 1
        assert pretty.search("hopper", 2) == 3
        assert pretty.search("hopper", 4) is None
        assert pretty.search("hopper", 2, backwards=True) == 1
        assert pretty.search("nothing", 0) is None
        assert list(pretty.find_all("HOP")) == [1, 3]

    def test_find_all_across_chunks(self) -> None:
        body = orjson.dumps(
            [f"item {n} needle" if n % 1000 == 0 else "x" * 40 for n in range(60_000)]
        )
        pretty = PrettyJson.from_json(body)
        assert len(pretty.blob) > 2**21
        found = pretty.find_all("NEEDLE")
        assert list(found) == [n + 1 for n in range(0, 60_000, 1000)]
        assert pretty.search("needle", 59_001, backwards=True) == 59_001
        assert pretty.search("needle", 59_000, backwards=True) == 58_001


def test_malformed_json_with_a_big_integer_falls_back_to_text() -> None:
    """The big-integer path parses with the stdlib, whose error must not escape either."""
    pretty = PrettyJson.from_json(b'{"a": 123456789012345678901234567890, "b": }')
    assert pretty.mode == "text"
    assert pretty.fallback
    assert "123456789012345678901234567890" in pretty.line(0)
