"""Regenerate screenshots/*.svg from the running app against the embedded sandbox.

Run: .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from textual.pilot import Pilot

from kexplore.app import KexploreApp, build_app
from kexplore.core.http.client import ApiClient
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse
from kexplore.core.settings.settings import Profile, Settings
from kexplore.sandbox.server import ADMIN_KEY, SandboxConfig, start_sandbox

OUT = Path(__file__).resolve().parent.parent / "screenshots"
SHOWN = "http://127.0.0.1:8787"
"""The base URL the pictures show (the sandbox's default), whatever port it really has."""
CUSTOMER = "/v1/customers/695aff2988bd64072bcfbe01"


class _Redirect(httpx.AsyncBaseTransport):
    def __init__(self, real: str) -> None:
        self._real = httpx.URL(real)
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(host=self._real.host, port=self._real.port)
        return await self._inner.handle_async_request(request)


class _SteadyClient(ApiClient):
    """Reports a fixed elapsed time so the pictures do not change from run to run."""

    async def send(self, request: ApiRequest, **kwargs: object) -> ApiResponse:  # type: ignore[override]
        response = await super().send(request, **kwargs)  # type: ignore[arg-type]
        return dataclasses.replace(response, elapsed=0.012)


def _app(real_base_url: str, folder: Path) -> KexploreApp:
    settings = Settings(
        profile=Profile("sandbox", SHOWN, confirm_writes=False, sandbox=True),
        api_key=ADMIN_KEY,
        config_path=folder / "config.toml",
        history_path=folder / "history.toml",
        collection_path=folder / "collection.toml",
    )
    return build_app(
        settings,
        client_type=_SteadyClient,
        transport=_Redirect(real_base_url),
    )


async def _settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _customer(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+l", *CUSTOMER, "enter")
    await _settle(pilot)


async def _tree(pilot: Pilot[None]) -> None:
    await pilot.press("space", "down", "space")
    await _settle(pilot)
    await pilot.press("down", "space", "down", "enter")
    await _settle(pilot)


async def _links(pilot: Pilot[None]) -> None:
    await _customer(pilot)
    pilot.app.screen.query_one("#response-tabs").active = "tab-response-links"
    await _settle(pilot)


async def _builder(pilot: Pilot[None]) -> None:
    await pilot.press("space", "down", "down", "enter")  # POST /v1/customers, with its body
    await _settle(pilot)
    pilot.app.screen.query_one("#body").focus()
    await _settle(pilot)


async def _error(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+l", *"/v1/customers/000000000000000000000000", "enter")
    await _settle(pilot)


async def _trail(pilot: Pilot[None]) -> None:
    await _customer(pilot)
    for path in ("/v1/customers/695aff2988bd64072bcfbe01/conversations", "/v1/tags"):
        await pilot.press("ctrl+l", "ctrl+u", *path, "enter")
        await _settle(pilot)
    await pilot.press("alt+left")
    await _settle(pilot)
    await pilot.press("ctrl+g", *["j"] * 12)
    await _settle(pilot)


async def _light(pilot: Pilot[None]) -> None:
    pilot.app.theme = "textual-light"
    await _customer(pilot)
    await pilot.press("ctrl+g", "slash", *"links", "enter")
    await _settle(pilot)


async def _until(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Let the app run until `done` (a worker waiting for a dialog never completes)."""
    for _ in range(500):
        await pilot.pause(0.02)
        if done():
            return
    raise RuntimeError("the app never got there")


async def _editor(pilot: Pilot[None]) -> None:
    from kexplore.screens.editor import EditorScreen

    await _customer(pilot)
    await pilot.press("ctrl+b", "e")
    await _until(pilot, lambda: isinstance(pilot.app.screen, EditorScreen))
    area = pilot.app.screen.query_one("TextArea")
    area.cursor_location = (2, 18)  # on displayName
    await pilot.pause()


async def _filter(pilot: Pilot[None]) -> None:
    from kexplore.widgets.json_view import JsonView

    await pilot.press("ctrl+l", *"/v1/customers?pageSize=50", "enter")
    await _settle(pilot)
    await pilot.press("ctrl+b", "vertical_line")
    await _until(pilot, lambda: bool(pilot.app.screen.query("FilterBar")))
    program = "[.data[] | {name: .attributes.name, email: .attributes.emails[0].email}]"
    pilot.app.screen.query_one("#filter-input").value = program
    await pilot.press("enter")
    view = pilot.app.screen.query_one(JsonView)
    await _until(pilot, lambda: view.derived and view.index_state == "ready")


SHOTS: dict[str, Callable[[Pilot[None]], Awaitable[None]]] = {
    "customer": _customer,
    "tree": _tree,
    "links": _links,
    "builder": _builder,
    "error": _error,
    "trail": _trail,
    "light": _light,
    "editor": _editor,
    "filter": _filter,
}


async def _shoot(name: str, steps: Callable[[Pilot[None]], Awaitable[None]], real: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = _app(real, Path(folder))
        async with app.run_test(size=(130, 38)) as pilot:
            await _settle(pilot)
            await steps(pilot)
            app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    print(f"wrote {OUT / name}.svg")


def main() -> int:
    """Write every screenshot."""
    try:  # on the port the pictures show, so they show what the app prints
        sandbox = start_sandbox(SandboxConfig(port=8787))
    except OSError:
        sandbox = start_sandbox(SandboxConfig(port=0))
    try:
        for name, steps in SHOTS.items():
            asyncio.run(_shoot(name, steps, sandbox.base_url))
    finally:
        sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
