"""jq: results, counts, errors with their position, y paths, the child process, recent filters."""

from __future__ import annotations

import asyncio
import os

import orjson
import pytest

from kexplore.core.act.jq_filter import JqError, as_program, run_jq
from kexplore.core.act.jq_process import run_isolated
from kexplore.core.act.recent_filters import KEEP, RecentFilters

DOC = orjson.dumps({"data": [{"a": 1}, {"a": 2}, {"a": 3}]}).decode()


class TestRun:
    def test_one_array_counts_its_items_several_values_become_an_array(self) -> None:
        one = run_jq("[.data[] | .a]", DOC)
        assert (orjson.loads(one.body), one.outputs, one.count) == ([1, 2, 3], 1, 3)
        many = run_jq(".data[] | .a", DOC)
        assert (orjson.loads(many.body), many.outputs, many.count) == ([1, 2, 3], 3, 3)
        none = run_jq(".data[] | select(.a > 9)", DOC)
        assert (orjson.loads(none.body), none.count) == ([], 0)

    def test_a_syntax_error_has_line_and_column(self) -> None:
        with pytest.raises(JqError) as caught:
            run_jq(".data[] | map(.a", DOC)
        error = caught.value
        assert (error.line, error.column) == (1, 15)  # as libjq counts
        assert error.describe().startswith("line 1, column 15: syntax error")

    def test_a_runtime_error_has_no_position(self) -> None:
        with pytest.raises(JqError) as caught:
            run_jq(".data | keys | .x", DOC)
        assert caught.value.line is None and "Cannot index array" in caught.value.describe()


class TestPrograms:
    def test_y_paths_get_their_dot_builtins_and_programs_do_not(self) -> None:
        assert as_program("data[0].attributes.name") == ".data[0].attributes.name"
        assert as_program('data["odd key"][2]') == '.data["odd key"][2]'
        assert as_program("data") == ".data"
        assert as_program("length") == "length"
        assert as_program(" .a | keys ") == ".a | keys"


class TestChildProcess:
    def test_same_answer_and_errors_from_the_child(self) -> None:
        result = asyncio.run(run_isolated("[.data[] | .a * 2]", DOC.encode()))
        assert (orjson.loads(result.body), result.count) == ([2, 4, 6], 3)
        with pytest.raises(JqError) as caught:
            asyncio.run(run_isolated(".data | keys | .x", DOC.encode()))
        assert "Cannot index array" in caught.value.message


class TestRecentFilters:
    def test_newest_first_deduplicated_bounded_private(self, tmp_path) -> None:
        store = RecentFilters(tmp_path / "data" / "filters.toml")
        assert store.recent("/v1/customers") == []
        for n in range(KEEP + 3):
            store.remember("/v1/customers", f".x{n}")
        store.remember("/v1/customers", ".x5")
        store.remember("/v1/notes", ".n")
        recent = store.recent("/v1/customers")
        assert recent[0] == ".x5" and len(recent) == KEEP and recent.count(".x5") == 1
        assert store.recent("/v1/notes") == [".n"]
        assert os.stat(store.path).st_mode & 0o777 == 0o600

    def test_a_broken_file_is_never_overwritten(self, tmp_path) -> None:
        path = tmp_path / "filters.toml"
        path.write_text("not = [toml")
        store = RecentFilters(path)
        assert store.recent("/v1/customers") == []
        with pytest.raises(ValueError):
            store.remember("/v1/customers", ".a")
        assert path.read_text() == "not = [toml"
