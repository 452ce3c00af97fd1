"""Reader: cursor, folds, matches and copy text over a PrettyJson, without any UI."""

from __future__ import annotations

import orjson

from kexplore.core.body.pretty import PrettyJson
from kexplore.core.body.reader import Reader

DOCUMENT = {"data": [{"id": "a", "n": 1, "tags": ["x"]}, {"id": "b", "n": 2, "tags": []}]}


def reader(document: object = DOCUMENT) -> Reader:
    pretty = PrettyJson.from_json(orjson.dumps(document))
    pretty.build_index("http://h")
    read = Reader(pretty)
    read.indexed(Reader.fold_all_lines(pretty))
    return read


def test_fold_all_keeps_the_top_levels_open() -> None:
    read = reader()
    read.fold_all()
    shown = [read.document.line(read.folds.line_at(r)).strip() for r in range(read.row_count)]
    assert shown == ["{", '"data": [', "{", "{", "]", "}"]
    read.unfold_all()
    assert read.row_count == read.document.line_count


def test_moving_skips_folded_lines() -> None:
    read = reader()
    read.move_to(2)  # the first item's opening line
    read.toggle_fold()
    read.move_rows(1)
    assert read.document.line(read.cursor).strip() == "{"
    assert read.cursor > 3


def test_toggle_inside_a_container_folds_it_and_moves_there() -> None:
    read = reader()
    read.move_to(4)  # '"n": 1,' inside the first item
    read.toggle_fold()
    assert read.cursor == 2
    assert read.folds.is_folded(2)


def test_matches_wrap_and_reveal() -> None:
    read = reader()
    read.fold_all()
    read.set_matches('"id"', read.document.find_all('"id"'))
    first = read.cursor
    assert read.document.line(first).strip() == '"id": "a",'
    assert read.next_match()
    assert read.document.line(read.cursor).strip() == '"id": "b",'
    assert read.next_match()  # wraps
    assert read.cursor == first
    assert read.next_match(backwards=True)
    assert read.document.line(read.cursor).strip() == '"id": "b",'


def test_copy_text() -> None:
    read = reader()
    read.move_to(3)
    assert read.copy_text("path") == "data[0].id"
    assert read.copy_text("value") == "a"  # a string comes unquoted
    read.move_to(4)
    assert read.copy_text("value") == "1"
    read.move_to(2)
    assert orjson.loads(read.copy_text("value")) == DOCUMENT["data"][0]


def test_text_mode_copies_the_line_and_has_no_path() -> None:
    read = Reader(PrettyJson.from_text("one\ntwo"))
    read.move_rows(1)
    assert read.copy_text("value") == "two"
    assert read.copy_text("path") is None
