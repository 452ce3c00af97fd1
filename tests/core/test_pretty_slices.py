"""pretty_in_slices: the same text as a whole parse, or None; never a wrong cut."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexplore.core.body import pretty, pretty_slices
from kexplore.core.body.pretty import PrettyJson
from kexplore.core.body.pretty_slices import pretty_in_slices

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from make_documents import customer_list

BASE = "https://acme.api.kustomerapp.com"

# Text that looks like structure: a cut guessed inside it must be refused by the parse.
tricky_text = st.text(alphabet='{}[],:"\\ \n\té☃x', max_size=12)
values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | tricky_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(tricky_text, inner, max_size=3),
    max_leaves=12,
)
items = st.lists(st.dictionaries(tricky_text, values, max_size=4), max_size=12)


def whole(body: bytes) -> bytes:
    return orjson.dumps(orjson.loads(body), option=orjson.OPT_INDENT_2)


@pytest.fixture(autouse=True)
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut after 40 bytes, and cut children over 160 bytes themselves, so small documents
    are cut into many groups at several depths."""
    monkeypatch.setattr(pretty_slices, "_SLICE", 40)
    monkeypatch.setattr(pretty_slices, "_BIG", 160)
    monkeypatch.setattr(pretty_slices, "_PROBE", 4)


class TestSameTextAsAWholeParse:
    def test_a_customer_list_in_many_groups(self) -> None:
        body = orjson.dumps(customer_list(30))
        sliced = pretty_in_slices(body)
        assert sliced is not None
        assert sliced.blob == whole(body)
        assert len(sliced.groups) > 10
        assert ("data", 0) in {group.path for group in sliced.groups}  # items cut themselves

    def test_pretty_printed_input_with_crlf_whitespace(self) -> None:
        body = orjson.dumps(customer_list(5), option=orjson.OPT_INDENT_2).replace(b"\n", b"\r\n")
        sliced = pretty_in_slices(body)
        assert sliced is not None and sliced.blob == whole(body)

    def test_a_top_level_array_and_several_member_arrays(self) -> None:
        docs: list[Any] = [
            [{"a": n, "b": [{"c": 1}, {"d": 2}]} for n in range(20)],
            {"included": [{"x": n} for n in range(9)], "data": [{"y": n} for n in range(9)]},
            {"data": [{"y": n} for n in range(9)], "included": [{"x": n} for n in range(99)]},
            {"data": [{"id": n} for n in range(15)], "links": {"next": "/v1/x?page=2"}},
            {"meta": {"a": [{"b": 1}, {"c": 2}]}, "data": [{"id": n} for n in range(15)]},
        ]
        for doc in docs:
            body = orjson.dumps(doc)
            sliced = pretty_in_slices(body)
            assert sliced is not None, doc
            assert sliced.blob == whole(body)

    def test_structure_inside_strings_is_not_cut(self) -> None:
        fake = '"},{"data":[{"x":"\\"},{'
        doc = {
            "meta": {"note": fake, "k": '"data": [{'},
            "data": [
                {"text": fake * n, "esc": "\\\\", "more": [{"q": fake}, {}]} for n in range(12)
            ],
            "links": {"self": fake},
        }
        body = orjson.dumps(doc)
        sliced = pretty_in_slices(body)
        assert sliced is not None
        assert sliced.blob == whole(body)

    def test_a_key_that_looks_like_an_array_start(self) -> None:
        doc = {"k": "v", ":[{": 1, "data": [{"id": n, ":[{": [{}, {}]} for n in range(12)]}
        body = orjson.dumps(doc)
        sliced = pretty_in_slices(body)
        assert sliced is not None and sliced.blob == whole(body)

    def test_non_ascii_in_the_last_group(self) -> None:
        body = orjson.dumps({"data": [{"name": "Zoë ☃ 🎉" * n} for n in range(8)], "z": "é"})
        sliced = pretty_in_slices(body)
        assert sliced is not None and sliced.blob == whole(body)

    @given(st.fixed_dictionaries({"meta": values, "data": items, "links": values}))
    @settings(max_examples=300, deadline=None)
    def test_any_document_of_the_shape(self, doc: dict[str, Any]) -> None:
        body = orjson.dumps(doc)
        sliced = pretty_in_slices(body)
        if doc["data"]:
            assert sliced is not None
        if sliced is not None:
            assert sliced.blob == whole(body)

    @given(items)
    @settings(max_examples=200, deadline=None)
    def test_any_array_of_objects(self, doc: list[Any]) -> None:
        body = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
        sliced = pretty_in_slices(body)
        if sliced is not None:
            assert sliced.blob == whole(body)

    @given(values.filter(lambda value: isinstance(value, (list, dict))))
    @settings(max_examples=300, deadline=None)
    def test_any_document_of_any_shape(self, doc: Any) -> None:
        body = orjson.dumps(doc)
        sliced = pretty_in_slices(body)
        if doc:
            assert sliced is not None
        if sliced is not None:
            assert sliced.blob == whole(body)

    @pytest.mark.parametrize(
        "doc",
        [
            [n * 1.5 if n % 2 else f"s{n}" for n in range(200)],
            {"a": {"b": [[n, [n, {"c": n}]] for n in range(60)]}, "z": 1},
            {f"k{n}": {"v": [n, n], "w": {"x": n}} for n in range(80)},
            {"data": {"type": "t", "id": "1", "attributes": {f"a{n}": n for n in range(90)}}},
            ["x" * 500, ["y" * 400], {"z": "w" * 300}],
        ],
        ids=["scalars", "nested arrays", "giant object", "one big resource", "big children"],
    )
    def test_every_shape_is_cut_and_the_same(self, doc: Any) -> None:
        body = orjson.dumps(doc)
        sliced = pretty_in_slices(body)
        assert sliced is not None
        assert sliced.blob == whole(body)
        assert len(sliced.groups) > 2


class TestRefusals:
    @pytest.mark.parametrize(
        "body",
        [
            b'{"data": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}, {"a": 5} {"a": 6}]}',
            b'{"data": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}, {"a": 5}, {"a": 6}',
            b'{"data": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}, {"a": "five"}]} trailing',
            b'{"data": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}, {"a": 5}], "data": 1}',
            b'{"data": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": NaN}, {"a": 5}]}',
            b'"just a string"',
            b'{"bad\\q": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}, {"a": 5}, {"a": 6}]}',
            b'{"\xff": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}, {"a": 5}, {"a": 6}]}',
        ],
    )
    def test_what_cannot_be_proven_is_left_to_a_whole_parse(self, body: bytes) -> None:
        assert pretty_in_slices(body) is None

    @given(
        st.lists(
            st.tuples(
                st.integers(0, 10**6), st.sampled_from(list(b'{}[],:"\\ x1\xff\n')), st.booleans()
            ),
            min_size=1,
            max_size=4,
        )
    )
    @settings(max_examples=300, deadline=None)
    def test_a_damaged_body_never_raises_and_is_never_shown_wrong(
        self, edits: list[tuple[int, int, bool]]
    ) -> None:
        body = bytearray(orjson.dumps(customer_list(6)))
        for at, byte, insert in edits:
            at %= len(body)
            body[at : at if insert else at + 1] = bytes([byte])
        sliced = pretty_in_slices(bytes(body))
        if sliced is not None:
            assert sliced.blob == whole(bytes(body))

    def test_an_invalid_big_body_still_says_why(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(pretty, "_SLICED_FROM", 0)
        body = orjson.dumps(customer_list(10))[:-40]
        shown = PrettyJson.from_json(body)
        assert shown.mode == "text"
        assert shown.fallback


def big_resource() -> dict[str, Any]:
    """One resource whose relationships and attributes are cut themselves."""
    resource = customer_list(1)["data"][0]
    resource["attributes"]["notes"] = [{"n": n} for n in range(40)]
    resource["relationships"].update(
        {f"rel{n}": {"links": {"self": f"/v1/r/{n}"}} for n in range(30)}
    )
    resource["relationships"]["many"] = {"data": [{"type": "tag", "id": str(n)} for n in range(40)]}
    return {"data": resource, "links": {"self": "/v1/x"}}


class TestIndexFromSlices:
    @pytest.mark.parametrize(
        "doc",
        [
            {**customer_list(25), "included": customer_list(3, seed=9)["data"]},
            big_resource(),
            {"data": [big_resource()["data"], *customer_list(4)["data"]], "meta": {}},
            {"links": {"next": "/v1/n"}, **{f"k{n}": {"links": {"self": "/x"}} for n in range(50)}},
        ],
        ids=["list and included", "one big resource", "a list with a big item", "giant object"],
    )
    def test_links_folds_and_paths_equal_the_whole_parse(
        self, doc: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        body = orjson.dumps(doc)
        whole_view = PrettyJson.from_json(body, orjson.loads(body))
        whole_view.build_index(BASE)
        monkeypatch.setattr(pretty, "_SLICED_FROM", 0)
        sliced_view = PrettyJson.from_json(body)
        assert sliced_view._sliced is not None
        sliced_view.build_index(BASE)
        assert sliced_view.blob == whole_view.blob
        assert whole_view.index is not None and sliced_view.index is not None
        assert list(sliced_view.index.links) == list(whole_view.index.links)
        assert sliced_view.index.links.lines == whole_view.index.links.lines
        assert sliced_view.index.closes == whole_view.index.closes
        last = sliced_view.line_count - 3
        assert sliced_view.path_at(last) == whole_view.path_at(last)
        assert sliced_view._sliced is None  # the groups are not kept once indexed


_PEAK_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from kexplore.core.body.heap import map_big_buffers
from kexplore.core.body.pretty import PrettyJson

def kb(field):
    status = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return int(status[field].split()[0])

map_big_buffers()  # as the app does
body = open({path!r}, "rb").read()
before = kb("VmRSS")
pretty = PrettyJson.from_json(body)
sliced = pretty._sliced is not None
pretty.build_index("http://127.0.0.1:8787")
print(sliced, len(body), before, kb("VmHWM"))
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_20_mb_list_is_formatted_without_ever_holding_its_whole_tree(tmp_path: Path) -> None:
    """Memory, not speed: in a fresh process holding only the body, formatting and indexing
    it peak at ~3.7x the body over what was held before; with the whole tree (~140 MB) it is
    ~9.7x. So a peak under 5x means the tree never existed."""
    import subprocess

    from make_documents import list_document_bytes

    document = tmp_path / "customers.json"
    document.write_bytes(list_document_bytes(20 * 2**20))
    root = Path(__file__).resolve().parents[2]
    script = _PEAK_SCRIPT.format(root=str(root), path=str(document))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    sliced, size, before_kb, peak_kb = out.stdout.split()
    assert sliced == "True"
    assert (int(peak_kb) - int(before_kb)) * 1024 < 5 * int(size)
