"""Helpers for the pilot tests of editing, creating, deleting and filtering."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from piloting import settle

from kexplore.screens.main import MainScreen
from kexplore.widgets.json_view import JsonView

ADMIN = {"Authorization": "Bearer sandbox-admin-key"}


async def wait_for(app: Any, pilot: Any, condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition` holds (workers, screens), failing after many turns."""
    for _ in range(400):
        await settle(app, pilot)
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


def main_screen(app: Any) -> MainScreen:
    """The main screen, wherever the app's screen stack is."""
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


def body_text(app: Any) -> str:
    """The body shown, as text."""
    document = main_screen(app).query_one(JsonView).document
    assert document is not None
    return "\n".join(document.line(i) for i in range(document.line_count))


def status_text(app: Any) -> str:
    """The status line."""
    return str(main_screen(app).query_one("#status-line").render())


def first_id(base_url: str, path: str) -> str:
    """The id of the first record of a list in the sandbox."""
    response = httpx.get(f"{base_url}{path}", params={"pageSize": 1}, headers=ADMIN)
    return response.json()["data"][0]["id"]


async def open_path(app: Any, pilot: Any, path: str) -> None:
    """Type a path, send it, wait for the body, focus it."""
    await pilot.press("ctrl+l")
    main_screen(app).query_one("#path").value = path
    await pilot.press("ctrl+j")
    view = main_screen(app).query_one(JsonView)
    await wait_for(app, pilot, lambda: view.index_state == "ready", f"{path} shown")
    view.focus()
    await pilot.pause()
