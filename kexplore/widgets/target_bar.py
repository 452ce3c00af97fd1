"""TargetBar: who requests are sent as and where — profile, target, credential — never the key."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kexplore import __version__
from kexplore.core.body.inert import one_line
from kexplore.core.http.identity import Identity, describe_credential

__all__ = ["TargetBar"]


class TargetBar(Static):
    """The top line: `kexplore · SANDBOX · admin key · http://127.0.0.1:8787`."""

    DEFAULT_CSS = """
    TargetBar { dock: top; height: 1; background: $primary-background; color: $text; padding: 0 1; }
    TargetBar.-sandbox { background: $success-muted; }
    TargetBar.-production { background: $warning-muted; }
    """

    def __init__(self, home: Identity, base_url: str, *, sandbox: bool) -> None:
        self._home = home
        self._base_url = base_url
        self._sandbox = sandbox
        super().__init__(self._label(""), id="target-bar")
        self.set_class(sandbox, "-sandbox")
        self.set_class(not sandbox, "-production")

    def show_request_credential(self, credential: str) -> None:
        """Say that the request in the builder goes with another credential ("" for none)."""
        self.update(self._label(credential))

    def _label(self, request_credential: str) -> Text:
        badge = (
            (" SANDBOX ", "bold reverse green")
            if self._sandbox
            else (f" {one_line(self._home.profile or 'no profile', 30)} ", "bold reverse")
        )
        parts: list[tuple[str, str] | str] = [
            ("kexplore ", "bold"),
            (f"{__version__}  ", "dim"),
            badge,
            " ",
            (describe_credential(self._home.credential), "bold"),
            "  ",
            one_line(self._base_url, 120),
        ]
        if request_credential:
            note = f"  this request: {describe_credential(request_credential)}"
            parts.append((note, "bold reverse yellow"))
        parts.append(("   f1 help · ctrl+p commands", "dim"))
        return Text.assemble(*parts)
