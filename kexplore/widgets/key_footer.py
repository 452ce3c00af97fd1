"""KeyFooter: the focused widget's keys first, then the ones that must always show."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = ["ESSENTIAL", "KeyFooter"]

ESSENTIAL = ("main.send", "main.back", "app.help", "app.quit")
"""Binding ids shown at any width: Send, Back, Help and Quit."""

_NARROW = 100
"""Below this many columns, the focused widget shows only its first few keys."""


class KeyFooter(Footer):
    """A compact footer: the focused widget's keys, the essential keys, then the rest.

    At 80 columns only the focused widget's first two keys come before Send, Back, Help and
    Quit, so those four are never pushed off the edge.
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=True)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        for binding, enabled, tooltip in self._ordered():
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip or binding.tooltip,
            ).data_bind(compact=Footer.compact)

    def _ordered(self) -> list[tuple[Binding, bool, str]]:
        """The shown bindings, one per action: focused widget's, essential, the rest."""
        screen, app = self.screen, self.app
        own: list[tuple[Binding, bool, str]] = []
        essential: list[tuple[Binding, bool, str]] = []
        rest: list[tuple[Binding, bool, str]] = []
        actions: set[str] = set()
        for node, binding, enabled, tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            if binding.id in ESSENTIAL:
                essential.append((binding, enabled, tooltip))
            elif node is not screen and node is not app:
                own.append((binding, enabled, tooltip))
            else:
                rest.append((binding, enabled, tooltip))
        essential.sort(key=lambda shown: ESSENTIAL.index(shown[0].id or ""))
        if app.size.width < _NARROW:
            rest, own = own[2:] + rest, own[:2]
        return own + essential + rest
