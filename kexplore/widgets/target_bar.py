"""TargetBar: which profile and base URL requests go to, with SANDBOX marked plainly."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kexplore import __version__
from kexplore.core.body.inert import one_line

__all__ = ["TargetBar"]


class TargetBar(Static):
    """The top line: `kexplore · SANDBOX · http://127.0.0.1:8787`."""

    DEFAULT_CSS = """
    TargetBar { dock: top; height: 1; background: $primary-background; color: $text; padding: 0 1; }
    TargetBar.-sandbox { background: $success-muted; }
    TargetBar.-production { background: $warning-muted; }
    """

    def __init__(self, profile: str, base_url: str, *, sandbox: bool) -> None:
        super().__init__(_label(profile, base_url, sandbox), id="target-bar")
        self.set_class(sandbox, "-sandbox")
        self.set_class(not sandbox, "-production")


def _label(profile: str, base_url: str, sandbox: bool) -> Text:
    badge = (
        (" SANDBOX ", "bold reverse green")
        if sandbox
        else (f" {one_line(profile, 30)} ", "bold reverse")
    )
    return Text.assemble(
        ("kexplore ", "bold"),
        (f"{__version__}  ", "dim"),
        badge,
        "  ",
        one_line(base_url, 120),
        ("   f1 help · ctrl+p commands", "dim"),
    )
