"""JSONL and CSV exports: columns, escaping, nesting, atomic writes and no key."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import orjson
import pytest

from kexplore.core.history.redaction import Redactor
from kexplore.core.pages.csv_rows import csv_columns, flatten, write_csv
from kexplore.core.pages.export import (
    atomic_file,
    jsonl_lines,
    list_document,
    write_export,
)

KEY = "sk-live-1234567890abcdef"

TRICKY = [
    {
        "type": "customer",
        "id": "c1",
        "attributes": {
            "name": 'Smith, "Jo"',
            "note": "line one\nline two\r\nline three",
            "city": "Zürich — 東京 🚀",
            "emails": [{"email": "a@example.com", "type": "home"}],
            "custom": {"tierStr": "gold", "scoreNum": 1.5, "vipBool": True},
            "deletedAt": None,
            "tags": [],
            "meta": {},
        },
        "relationships": {"org": {"data": {"type": "org", "id": "o1"}}},
    },
    {
        "type": "customer",
        "id": "c2",
        "attributes": {"name": "Plain", "extra": "only here", "id": "shadow", "type": "x"},
    },
]


def exported_csv(items: list[dict], redactor: Redactor | None = None) -> list[list[str]]:
    lines = jsonl_lines(items, Redactor()).splitlines(keepends=True)
    out = io.BytesIO()
    write_csv(lambda: lines, out, redactor or Redactor())
    return list(csv.reader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))


def test_columns_are_id_type_then_the_union_of_attributes_in_first_seen_order() -> None:
    lines = jsonl_lines(TRICKY, Redactor()).splitlines()
    assert csv_columns(lines) == [
        "id", "type", "name", "note", "city", "emails", "custom.tierStr", "custom.scoreNum",
        "custom.vipBool", "deletedAt", "tags", "meta", "extra", "attributes.id", "attributes.type",
    ]  # fmt: skip


def test_commas_quotes_newlines_and_non_ascii_survive_a_round_trip() -> None:
    header, first, second = exported_csv(TRICKY)
    row = dict(zip(header, first, strict=True))
    assert row["name"] == 'Smith, "Jo"'
    assert row["note"] == "line one\nline two\r\nline three"
    assert row["city"] == "Zürich — 東京 🚀"
    assert orjson.loads(row["emails"]) == [{"email": "a@example.com", "type": "home"}]
    assert (row["custom.scoreNum"], row["custom.vipBool"]) == ("1.5", "true")
    assert (row["deletedAt"], row["tags"], row["meta"], row["extra"]) == ("", "[]", "{}", "")
    other = dict(zip(header, second, strict=True))
    assert (other["id"], other["attributes.id"], other["attributes.type"]) == ("c2", "shadow", "x")


def test_quoting_on_the_wire_is_rfc_4180() -> None:
    lines = jsonl_lines([{"id": "q", "type": "t", "attributes": {"a": 'x,"y"'}}], Redactor())
    out = io.BytesIO()
    write_csv(lambda: [lines], out, Redactor())
    assert out.getvalue() == b'id,type,a\r\nq,t,"x,""y"""\r\n'


def test_flatten_of_something_that_is_not_a_resource() -> None:
    assert flatten(7) == {"id": "", "type": "", "value": "7"}


def test_jsonl_is_one_resource_a_line_as_received() -> None:
    text = jsonl_lines(TRICKY, Redactor())
    assert [orjson.loads(line) for line in text.splitlines()] == TRICKY
    assert text.count(b"\n") == 2 and "東京".encode() in text


def test_a_key_echoed_in_the_data_is_never_written(tmp_path: Path) -> None:
    leaky = [{"id": "k", "type": "customer", "attributes": {"note": f"key={KEY}", "k": [KEY]}}]
    redactor = Redactor.of([KEY])
    lines = jsonl_lines(leaky, redactor)
    for fmt in ("jsonl", "csv"):
        path = tmp_path / f"out.{fmt}"
        assert write_export(path, fmt, lambda: [lines], redactor) == 1
        assert KEY.encode() not in path.read_bytes()
        assert b"<redacted>" in path.read_bytes()


def test_exports_are_atomic_and_private(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_file(path) as out:
        out.write(b"half")
        raise RuntimeError("interrupted")
    assert path.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]
    write_export(path, "jsonl", lambda: [b'{"id":"1"}\n'], Redactor())
    assert path.read_bytes() == b'{"id":"1"}\n'
    assert path.stat().st_mode & 0o777 == 0o600


def test_chunks_of_lines_make_one_list_document_and_csv() -> None:
    chunks = [jsonl_lines(TRICKY[:1], Redactor()), jsonl_lines(TRICKY[1:], Redactor())]
    document = orjson.loads(list_document(chunks, {"items": 2}))
    assert document == {"meta": {"items": 2}, "data": TRICKY}
    assert orjson.loads(list_document([], {})) == {"meta": {}, "data": []}
    out = io.BytesIO()
    assert write_csv(lambda: chunks, out, Redactor()) == 2
