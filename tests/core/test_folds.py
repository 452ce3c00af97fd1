"""FoldMap: folding hides ranges and rows map to lines both ways."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kexplore.core.body.folds import FoldMap

# Ten lines: 0 { 1 "a": { 2 x 3 "b": [ 4 y 5 ] 6 } 7 "c": { 8 z 9 } ... closed at 10
CLOSES = {0: 10, 1: 6, 3: 5, 7: 9}


def fold_map() -> FoldMap:
    return FoldMap(11, CLOSES.__getitem__)


def visible(folds: FoldMap) -> list[int]:
    """Lines shown, computed the slow way."""
    hidden: set[int] = set()
    for line in folds.folded:
        hidden.update(range(line + 1, CLOSES[line] + 1))
    return [line for line in range(folds.line_count) if line not in hidden]


def test_fold_hides_the_inside() -> None:
    folds = fold_map()
    folds.fold(1)
    assert folds.row_count == 6
    assert [folds.line_at(r) for r in range(folds.row_count)] == [0, 1, 7, 8, 9, 10]
    assert folds.row_of(4) == 1
    assert folds.row_of(8) == 3


def test_unfold_outer_keeps_inner_folded() -> None:
    folds = fold_map()
    folds.fold(3)
    folds.fold(1)
    folds.unfold(1)
    assert [folds.line_at(r) for r in range(folds.row_count)] == [0, 1, 2, 3, 6, 7, 8, 9, 10]
    assert folds.is_folded(3)


def test_set_folds_and_clear() -> None:
    folds = fold_map()
    folds.set_folds([1, 3, 7], [1, 7])
    assert [folds.line_at(r) for r in range(folds.row_count)] == [0, 1, 7, 10]
    folds.clear()
    assert folds.row_count == 11


@given(st.lists(st.sampled_from(sorted(CLOSES)), max_size=12))
@settings(max_examples=200, deadline=None)
def test_mapping_matches_the_slow_way(toggles: list[int]) -> None:
    folds = fold_map()
    for line in toggles:
        folds.toggle(line)
    shown = visible(folds)
    assert folds.row_count == len(shown)
    for row, line in enumerate(shown):
        assert folds.line_at(row) == line
        assert folds.row_of(line) == row
