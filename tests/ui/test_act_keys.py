"""The keys of issue 16 have one source (bindings with ids) and are listed in help and README."""

from __future__ import annotations

from pathlib import Path

from kexplore.app import _PALETTE
from kexplore.screens.conflict import ConflictScreen
from kexplore.screens.editor import EditorScreen
from kexplore.screens.help import KEYS
from kexplore.widgets.filter_bar import FilterBar
from kexplore.widgets.json_view import JsonView
from kexplore.widgets.resource_tree import ResourceTree

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def ids(widget: type) -> dict[str, str]:
    return {b.id: b.key for b in widget.BINDINGS if b.id}  # type: ignore[attr-defined]


def test_every_new_key_is_a_binding_with_an_id() -> None:
    body = ids(JsonView)
    assert (body["json_view.edit"], body["json_view.delete"]) == ("e", "d")
    assert (body["json_view.create"], body["json_view.filter"]) == ("n", "vertical_line")
    assert ids(ResourceTree)["tree.create"] == "n"
    assert ids(EditorScreen) == {
        "editor.send": "ctrl+j",
        "editor.external": "ctrl+e",
        "editor.cancel": "escape",
    }
    assert ids(ConflictScreen)["conflict.reapply"] == "r"
    assert ids(FilterBar)["filter_bar.close"] == "escape"


def test_help_readme_and_palette_list_them() -> None:
    helped = {key for _, rows in KEYS for key, _ in rows}
    assert {"e", "d", "n", "|", "ctrl+e", "r / x"} <= helped
    for row in ("| e | body |", "| d | body |", "| n | body", "| \\| | body |", "ctrl+e"):
        assert row in README
    actions = {action for _, _, action in _PALETTE}
    assert {"act('edit')", "act('delete')", "act('create')", "filter"} <= actions
