"""TargetBar: who requests are sent as and where — profile, target, credential — never the key."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from kexplore import __version__
from kexplore.core.body.inert import one_line
from kexplore.core.http.identity import Identity, describe_credential

__all__ = ["TargetBar"]


class TargetBar(Static):
    """The top line: `kexplore · SANDBOX · admin key · http://127.0.0.1:8787`."""

    COMPONENT_CLASSES = {"target-bar--badge", "target-bar--note", "target-bar--quiet"}

    DEFAULT_CSS = """
    TargetBar {
        dock: top; height: 1; background: $primary-background; color: $text; padding: 0 1;
        & > .target-bar--badge { text-style: bold reverse; }
        & > .target-bar--note { background: $warning; color: $text; text-style: bold; }
        & > .target-bar--quiet { color: $text-muted; }
    }
    TargetBar.-sandbox { background: $success-muted; }
    TargetBar.-sandbox > .target-bar--badge { color: $text-success; }
    TargetBar.-production { background: $warning-muted; }
    """

    def __init__(self, home: Identity, base_url: str, *, sandbox: bool) -> None:
        self._home = home
        self._base_url = base_url
        self._sandbox = sandbox
        self._request_credential = ""
        super().__init__(id="target-bar")
        self.set_class(sandbox, "-sandbox")
        self.set_class(not sandbox, "-production")

    def on_mount(self) -> None:
        self.update(self._label())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:  # a theme change: the label's styles come from the theme
            self.update(self._label())

    def show_request_credential(self, credential: str) -> None:
        """Say that the request in the builder goes with another credential ("" for none)."""
        self._request_credential = credential
        self.update(self._label())

    def _label(self) -> Text:
        style = self.get_component_rich_style
        name = "SANDBOX" if self._sandbox else one_line(self._home.profile or "no profile", 30)
        parts: list[tuple[str, Style | str] | str] = [
            ("kexplore ", "bold"),
            (f"{__version__}  ", style("target-bar--quiet")),
            (f" {name} ", style("target-bar--badge")),
            " ",
            (describe_credential(self._home.credential), "bold"),
            "  ",
            one_line(self._base_url, 120),
        ]
        if self._request_credential:
            note = f" this request: {describe_credential(self._request_credential)} "
            parts += ["  ", (note, style("target-bar--note"))]
        parts.append(("   f1 help · ctrl+p commands", style("target-bar--quiet")))
        return Text.assemble(*parts)
