"""KexploreApp: receives its services by constructor, pushes MainScreen, holds app-wide keys."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from kexplore.core.body.inert import inert, inert_lines
from kexplore.core.settings.settings import Settings
from kexplore.screens.main import MainScreen
from kexplore.services import Services

if TYPE_CHECKING:
    from kexplore.core.http.client import ApiClient

__all__ = ["KexploreApp", "build_app"]

_PALETTE: tuple[tuple[str, str, str], ...] = (
    ("Send request", "Send the request in the builder (ctrl+j)", "send"),
    ("Back", "Previous visit, from cache (alt+left)", "back"),
    ("Forward", "Next visit, from cache (alt+right)", "forward"),
    ("Reload", "Re-send the current visit (ctrl+r)", "reload"),
    ("Next page", "Follow links.next (>)", "page('next')"),
    ("Previous page", "Follow links.prev (<)", "page('prev')"),
    ("Focus path", "Type a path (ctrl+l)", "focus_path"),
    ("Copy as curl", "The builder's request as curl (f4)", "copy_curl"),
    ("History", "Every request sent, newest first (f2)", "history"),
    ("Saved requests", "The collection of named requests (f3)", "saved"),
    ("Save request", "Save the builder's request under a name (ctrl+s)", "save"),
    ("Focus tree", "The resource tree (ctrl+t)", "focus_tree"),
    ("Focus body", "The response body (ctrl+b)", "focus_body"),
    ("Edit record", "Edit the record shown: a sparse PATCH (e in the body)", "act('edit')"),
    ("Delete record", "Delete the record shown, after asking (d in the body)", "act('delete')"),
    ("New record", "Create in the list shown, from the catalogue's example (n)", "act('create')"),
    ("Filter with jq", "Run a jq program over the body (| in the body)", "filter"),
)
"""Screen actions offered in the command palette: title, help, action."""


class KexploreApp(App[None]):
    """The kexplore TUI."""

    CSS_PATH = "kexplore.tcss"
    TITLE = "kexplore"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        services: Services,
        *,
        sandbox_launcher: Callable[[], Any] | None = None,
        notice: str = "",
    ) -> None:
        super().__init__()
        self.services = services
        self._sandbox_launcher = sandbox_launcher
        self._sandbox: Any = None
        self._notice = notice

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.services))
        self._check_history()
        if self._notice:
            self.notify(self._notice, title="No API key", severity="warning", timeout=15)
        if self._sandbox_launcher is None:
            self.services.ready.set()
        else:
            # After the first frame, so start-up paints before the sandbox seeds its data.
            self.call_after_refresh(self._start_sandbox)

    @work(thread=True, group="sandbox")
    def _start_sandbox(self) -> None:
        assert self._sandbox_launcher is not None
        try:
            self._sandbox = self._sandbox_launcher()
        except Exception as error:  # any failure must reach the user, not kill the app
            self.call_from_thread(
                self.notify, f"The sandbox did not start: {error}", severity="error", timeout=30
            )
            return
        self.call_from_thread(self.services.ready.set)

    @work(thread=True, group="history")
    def _check_history(self) -> None:
        """Attach history only once its file parses; a broken file turns history off, loudly."""
        from kexplore.core.history.store import HistoryError

        store = self.services.history_store
        if store is None:
            return
        try:
            store.load()
        except HistoryError as error:
            message = f"{error} — fix or move the file; nothing was overwritten."
            self.call_from_thread(
                self.notify, message, title="History is off", severity="warning", timeout=15
            )
            return
        self.call_from_thread(self.services.attach_history)

    async def on_unmount(self) -> None:
        await self.services.client.aclose()
        if self._sandbox is not None:
            self._sandbox.stop()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification as inert plain text: names, paths and errors come from data.

        Markup is never interpreted here (a saved request named `[@click=app.quit]` must not
        become an action), whatever the caller asked for.
        """
        super().notify(
            inert_lines(message),
            title=inert(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def action_help_quit(self) -> None:
        """ctrl+c does not quit: say which key does, in plain words (no markup to leak)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit kexplore.", title="Do you want to quit?")
                return

    def action_help(self) -> None:
        """Show every key."""
        from kexplore.screens.help import HelpScreen  # not needed for the first frame

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key kexplore answers to (f1)", self.action_help)
        if isinstance(screen, MainScreen):
            for title, help_text, action in _PALETTE:
                yield SystemCommand(title, help_text, _runner(screen, action))


def _runner(screen: Screen[Any], action: str) -> Callable[[], Any]:
    # run_action is a coroutine: schedule it so it runs whoever calls the command.
    return lambda: screen.call_later(screen.run_action, action)


def build_app(
    settings: Settings,
    *,
    sandbox_launcher: Callable[[], Any] | None = None,
    sandbox_role: str | None = None,
    notice: str = "",
    client_type: type[ApiClient] | None = None,
    transport: Any = None,
    clock: Callable[[], float] = time.time,
) -> KexploreApp:
    """The app with its services built from `settings`.

    Args:
        settings: the resolved settings.
        sandbox_launcher: starts kexplore's own sandbox at the profile's base URL (`--sandbox`).
        sandbox_role: the sandbox role (admin, read) used when the profile is a sandbox.
        notice: said once the app is up (e.g. that there is no key).
        client_type: the client class (tests fix its elapsed times).
        transport: an httpx transport for the client (tests).
        clock: the wall clock (tests fix it).
    """
    from kexplore.core.body.heap import map_big_buffers
    from kexplore.core.history.collection import Collection
    from kexplore.core.history.store import HistoryStore
    from kexplore.core.http.client import ApiClient
    from kexplore.core.settings.identities import run_identity

    map_big_buffers()  # before the first big body is read
    identity = run_identity(settings, sandbox_role=sandbox_role or "admin")
    home = identity.targets.home
    client = (client_type or ApiClient)(
        settings.profile.base_url,
        keyring=identity.keyring,
        home_credential=home.credential,
        transport=transport,
    )
    secrets = identity.keyring.values()
    services = Services(
        settings,
        client,
        identity,
        history_store=HistoryStore(settings.history_path, secrets=secrets),
        collection=Collection(settings.collection_path, secrets=secrets),
        clock=clock,
    )
    return KexploreApp(services, sandbox_launcher=sandbox_launcher, notice=notice)
