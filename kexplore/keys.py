"""The key table: every binding by where it works, for help (f1), the palette and the README."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType
from textual.keys import key_to_character
from textual.screen import Screen

__all__ = [
    "KeyRow",
    "KeySection",
    "PaletteCommand",
    "key_rows",
    "key_sections",
    "keys_text",
    "markdown_table",
    "palette_commands",
]


_NAMES = {"pageup": "pgup", "pagedown": "pgdn", "escape": "esc"}
"""Short names people write for some keys."""


@dataclass(frozen=True)
class KeySection:
    """The keys that work in one place of the app."""

    where: str
    """Where they work, as the README's `where` column says it (`anywhere`, `body`…)."""
    title: str
    """The heading in the help screen."""
    owners: tuple[type, ...]
    """The classes (app, screens, widgets) whose BINDINGS these are."""
    extras: tuple[tuple[str, str], ...] = ()
    """Keys that are not bindings (typing into a filter), as (keys, action)."""

    @property
    def bindings(self) -> tuple[tuple[type, Binding], ...]:
        """Each binding with the class that declares it, in declaration order."""
        return tuple(
            (owner, _as_binding(binding))
            for owner in self.owners
            for binding in owner.__dict__.get("BINDINGS", ())
        )


@dataclass(frozen=True)
class PaletteCommand:
    """A command palette entry derived from a binding."""

    title: str
    """What the palette lists (the binding's tooltip, capitalised)."""
    help: str
    """The keys and where they work."""
    node: Any
    """The app, screen or widget that runs the action."""
    action: str
    """The action to run."""


@dataclass(frozen=True)
class KeyRow:
    """One line of the key table."""

    keys: str
    """The keys, as shown (`ctrl+j / alt+enter`)."""
    where: str
    """Where they work."""
    action: str
    """What they do."""
    binding_id: str | None = None
    """The binding's id (what `[keys]` in config.toml remaps), None for an extra."""


def _as_binding(binding: BindingType) -> Binding:
    if isinstance(binding, Binding):
        return binding
    key, action, *rest = binding
    return Binding(key, action, rest[0] if rest else "")


def key_sections() -> tuple[KeySection, ...]:
    """Every section, built from the classes' BINDINGS (imported here: they import this)."""
    from kexplore.app import KexploreApp
    from kexplore.screens.confirm import ConfirmScreen
    from kexplore.screens.conflict import ConflictScreen
    from kexplore.screens.editor import EditorScreen
    from kexplore.screens.help import HelpScreen
    from kexplore.screens.history import HistoryScreen
    from kexplore.screens.main import MainScreen
    from kexplore.screens.prompt import PromptScreen
    from kexplore.screens.walk import WalkScreen
    from kexplore.widgets.filter_bar import FilterBar
    from kexplore.widgets.json_view import JsonView
    from kexplore.widgets.request_builder import BodyEditor
    from kexplore.widgets.resource_tree import CatalogTree, ResourceTree
    from kexplore.widgets.search_bar import SearchBar

    return (
        KeySection("anywhere", "Anywhere", (MainScreen, KexploreApp)),
        KeySection("body", "Response body", (JsonView,)),
        KeySection("search", "Search bar", (SearchBar,), (("enter", "search"),)),
        KeySection("filter", "jq filter", (FilterBar,), (("enter", "run the jq program"),)),
        KeySection("tree", "Resource tree", (CatalogTree, ResourceTree)),
        KeySection("body editor", "Body editor", (BodyEditor,)),
        KeySection(
            "history, saved",
            "History and saved requests",
            (HistoryScreen,),
            (("type", "filter: method, path, status, name"), ("enter", "load into the builder")),
        ),
        KeySection("walk", "Walking every page", (WalkScreen,)),
        KeySection("editor", "Record editor (e, n)", (EditorScreen,)),
        KeySection("conflict", "Conflict (409)", (ConflictScreen,)),
        KeySection("confirmations", "Confirmations", (ConfirmScreen, PromptScreen)),
        KeySection("help", "Help", (HelpScreen,)),
    )


def keys_text(binding: Binding, keymap: Mapping[str, str] | None = None) -> str:
    """The keys of `binding` as people write them (`ctrl+j / alt+enter`, `[`), remapped."""
    keys = binding.key
    if keymap and binding.id and binding.id in keymap:
        keys = keymap[binding.id]
    return " / ".join(_key_text(key.strip()) for key in keys.split(","))


def _key_text(key: str) -> str:
    *modifiers, name = key.split("+")
    character = key_to_character(name) if len(name) > 1 else name
    printable = character is not None and character.isprintable() and not character.isspace()
    shown = character if printable else _NAMES.get(name, name)
    return "+".join([*modifiers, shown or name])


def _action(binding: Binding) -> str:
    return binding.tooltip or binding.description


def key_rows(keymap: Mapping[str, str] | None = None) -> list[KeyRow]:
    """Every row of the key table, section by section."""
    rows: list[KeyRow] = []
    for section in key_sections():
        for _owner, binding in section.bindings:
            rows.append(
                KeyRow(keys_text(binding, keymap), section.where, _action(binding), binding.id)
            )
        rows.extend(KeyRow(keys, section.where, action) for keys, action in section.extras)
    return rows


def markdown_table(keymap: Mapping[str, str] | None = None) -> str:
    """The README's key table, as Markdown."""
    lines = ["| key | where | action | id |", "|---|---|---|---|"]
    for row in key_rows(keymap):
        keys = " / ".join(f"`{key}`" for key in row.keys.split(" / "))
        binding_id = f"`{row.binding_id}`" if row.binding_id else ""
        lines.append(f"| {keys} | {row.where} | {_escape(row.action)} | {binding_id} |")
    return "\n".join(lines) + "\n"


def palette_commands(app: App[Any], screen: Screen[Any]) -> Iterator[PaletteCommand]:
    """A command for every binding with a tooltip on `screen` (and the app's), by name.

    Each runs the binding's action on the node that declares it (the app, the screen, or the
    first such widget on the screen), so `fold` finds Fold and `copy` finds every copy.
    """
    keymap = getattr(app, "user_keymap", {})
    for section in key_sections():
        for owner, binding in section.bindings:
            node = _node_for(owner, app, screen)
            if node is None or not binding.tooltip:
                continue
            help_text = f"{keys_text(binding, keymap)} · {section.where}"
            yield PaletteCommand(_title(binding.tooltip), help_text, node, binding.action)
    yield from _method_commands(screen)


def _method_commands(screen: Screen[Any]) -> Iterator[PaletteCommand]:
    from kexplore.core.http.request import METHODS
    from kexplore.widgets.request_builder import RequestBuilder

    builders = screen.query(RequestBuilder)
    if builders:
        for method in METHODS:
            help_text = "set the builder's method (ctrl+o: the list)"
            yield PaletteCommand(
                f"Method: {method}", help_text, builders.first(), f"set_method({method!r})"
            )


def _node_for(owner: type, app: App[Any], screen: Screen[Any]) -> Any:
    if isinstance(app, owner):
        return app
    if isinstance(screen, owner):
        return screen
    if issubclass(owner, Screen):
        return None
    found = screen.query(owner)
    return found.first() if found else None


def _title(text: str) -> str:
    return text[:1].upper() + text[1:]


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":  # `python -m kexplore.keys` prints the README table
    print(markdown_table(), end="")
