"""The keys of issue 16 have one source (bindings with ids) and are listed in help and README."""

from __future__ import annotations

from pathlib import Path

from kexplore.keys import key_rows, key_sections
from kexplore.screens.conflict import ConflictScreen
from kexplore.screens.editor import EditorScreen
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
    """Help and the README table are made from these rows; the palette from the tooltips."""
    wanted = {
        "json_view.edit",
        "json_view.delete",
        "json_view.create",
        "json_view.filter",
        "tree.create",
        "editor.external",
        "conflict.reapply",
    }
    listed = {row.binding_id for row in key_rows()}
    assert wanted <= listed
    for binding_id in wanted:
        assert f"`{binding_id}`" in README
    tooltips = {
        binding.id
        for section in key_sections()
        for _owner, binding in section.bindings
        if binding.tooltip
    }
    assert wanted <= tooltips  # so the command palette offers each by name
