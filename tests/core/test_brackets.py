"""match_containers: the same containers as a bracket stack over orjson's pretty text."""

from __future__ import annotations

from array import array
from typing import Any

import orjson
from hypothesis import given
from hypothesis import strategies as st

from kexplore.core.body.brackets import Containers, match_containers
from kexplore.core.body.lines import line_starts

# Keys and strings that look like structure: brackets, quotes, escapes, colons.
tricky = st.text(alphabet='{}[],:"\\ x', max_size=6)
values = st.recursive(
    st.none() | st.integers(-5, 5) | tricky,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(tricky, inner, max_size=4),
    max_leaves=40,
)


def stacked(blob: bytes) -> Containers:
    """The containers found the slow, obvious way: a stack over each line."""
    opens, closes, parents, depths, ordinals = ([] for _ in range(5))
    stack: list[int] = []
    counts: list[int] = [0]  # values seen so far in each open container
    for line, text in enumerate(blob.split(b"\n")):
        stripped = text.lstrip(b" ")
        if stripped[:1] in (b"}", b"]"):
            closes[stack.pop()] = line
            counts.pop()
            if not stripped.endswith((b"[", b"{")):
                continue
        if text.endswith((b"{", b"[")):
            opens.append(line)
            closes.append(0)
            parents.append(stack[-1] if stack else -1)
            depths.append(len(stack))
            ordinals.append(counts[-1] if stack else 0)
            counts[-1] += 1
            stack.append(len(opens) - 1)
            counts.append(0)
        elif stack:
            counts[-1] += 1
    return Containers(
        array("I", opens),
        array("I", closes),
        array("i", parents),
        array("H", depths),
        array("I", ordinals),
    )


def containers(document: Any) -> Containers | None:
    blob = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    return match_containers(blob, line_starts(blob)[0])


@given(values)
def test_the_same_as_a_stack(document: Any) -> None:
    blob = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    assert containers(document) == stacked(blob)


def test_a_deep_and_wide_document() -> None:
    document = {"data": [{"a": [[1, {"b": [2]}], {}], "c": {"d": {"e": []}}}] * 12000}
    blob = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    assert len(blob) > 2 << 20  # several chunks
    assert match_containers(blob, line_starts(blob)[0]) == stacked(blob)


def test_a_scalar_document_has_none() -> None:
    assert containers(7) == Containers.none()
    assert containers([]) == Containers.none()


def test_text_not_laid_out_as_orjson_lays_it_out() -> None:
    blob = b"{\n  [\n}"
    assert match_containers(blob, line_starts(blob)[0]) is None


def test_packed_and_unpacked() -> None:
    found = containers({"a": [{"b": 1}, [2]], "c": {}})
    assert found is not None
    assert Containers.unpack(found.pack()) == found
    assert Containers.unpack(b"") == Containers.none()
