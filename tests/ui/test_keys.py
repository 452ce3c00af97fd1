"""Keys have one source: the README table, help, palette and footer come from the bindings."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from piloting import settle
from rich.console import Console

from kexplore.app import KexploreApp
from kexplore.keys import key_rows, key_sections, markdown_table
from kexplore.screens.help import HelpScreen
from kexplore.screens.help import _table as help_table
from kexplore.screens.main import MainScreen
from kexplore.widgets.json_view import JsonView

README = Path(__file__).parents[2] / "README.md"


def readme_table() -> str:
    text = README.read_text("utf-8")
    found = re.search(r"<!-- keys -->\n(.*?)<!-- /keys -->", text, re.S)
    assert found, "README.md has no <!-- keys --> table"
    return found.group(1)


def test_readme_key_table_is_the_bindings() -> None:
    """Regenerate with `python -m kexplore.keys` when a binding changes."""
    assert readme_table() == markdown_table()


def test_every_binding_has_an_id_and_a_description() -> None:
    for section in key_sections():
        for owner, binding in section.bindings:
            assert binding.id, f"{owner.__name__} {binding.key} has no id"
            assert binding.description or binding.tooltip, binding.id


def test_binding_ids_are_unique() -> None:
    ids = [row.binding_id for row in key_rows() if row.binding_id]
    assert len(ids) == len(set(ids))


def test_body_focus_is_not_only_a_multiplexer_prefix() -> None:
    body = next(row for row in key_rows() if row.binding_id == "main.body")
    assert body.keys.split(" / ")[0] not in ("ctrl+b", "ctrl+a")
    assert "ctrl+b" in body.keys  # kept as an alias


async def test_keymap_from_config_remaps_and_help_shows_it(
    tmp_path: Path, sandbox, make_app: Callable[..., KexploreApp]
) -> None:
    (tmp_path / "config.toml").write_text('[keys]\n"main.body" = "f6"\n"app.help" = "f1,f9"\n')
    from kexplore.core.settings.settings import load_settings

    loaded = load_settings({}, config_path=tmp_path / "config.toml")
    assert dict(loaded.preferences.keys) == {"main.body": "f6", "app.help": "f1,f9"}
    app = make_app(sandbox.base_url)
    app.user_keymap = dict(loaded.preferences.keys)
    app.set_keymap(app.user_keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        assert isinstance(app.focused, JsonView)
        await pilot.press("f9")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(help_table(app.user_keymap))
        shown = console.export_text()
        assert "f6" in shown and "f1 / f9" in shown and "ctrl+g" not in shown


async def test_footer_at_80_columns_keeps_send_back_help_quit(
    sandbox, make_app: Callable[..., KexploreApp]
) -> None:
    app = make_app(sandbox.base_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for focus in ("focus_tree", "focus_body", "focus_path"):
            await app.screen.run_action(focus)
            await settle(app, pilot)
            keys = [k for k in app.screen.query("FooterKey") if k.region.right <= 80]
            shown = {k.description for k in keys if k.region.width}
            assert {"Send", "Back", "Help", "Quit"} <= shown, (focus, shown)


async def test_footer_shows_the_focused_widgets_keys_first(
    sandbox, make_app: Callable[..., KexploreApp]
) -> None:
    app = make_app(sandbox.base_url)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.action_focus_body()
        await settle(app, pilot)
        first = [k.description for k in screen.query("FooterKey")][:2]
        assert first == ["Follow", "Fold"]
