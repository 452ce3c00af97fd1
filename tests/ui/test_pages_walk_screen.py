"""`A` on a list in the app: the walk screen, its export, and the items as one list."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from piloting import settle

from kexplore.app import KexploreApp
from kexplore.sandbox.server import SandboxConfig, start_sandbox
from kexplore.screens.main import MainScreen
from kexplore.screens.prompt import PromptScreen
from kexplore.screens.walk import WalkScreen
from kexplore.widgets.json_view import JsonView

SIZE = (140, 50)


async def test_a_walks_every_page_exports_csv_and_shows_one_list(
    sandbox, make_app: Callable[..., KexploreApp], tmp_path: Path
) -> None:
    app = make_app(sandbox.base_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l", *"/v1/customers?pageSize=40", "enter")
        await settle(app, pilot)
        app.screen.query_one(JsonView).focus()
        await pilot.press("A")  # walk every page from this one
        await settle(app, pilot)
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        assert walk.cursor.done and walk.cursor.items == 250 and walk.cursor.pages == 7
        assert "Done" in str(walk.query_one("#walk-status").render())
        assert "250 / 250 items" in str(walk.query_one("#walk-stats").render())

        await pilot.press("e")  # export: asks for a file
        await settle(app, pilot)
        assert isinstance(app.screen, PromptScreen)
        target = tmp_path / "all.csv"
        app.screen.query_one("#prompt-input").value = str(target)
        await pilot.press("enter")
        while not target.exists():  # written in a thread; wait for it, not for a time
            await pilot.pause()
        rows = list(csv.DictReader(target.open(newline="", encoding="utf-8")))
        assert len(rows) == 250 and rows[0]["type"] == "customer"

        await pilot.press("v")  # the items as one list in the body view
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        current = main.trail.current
        assert current is not None and current.label == "all 250 items"
        document = current.response.json()
        assert len(document["data"]) == 250 and document["meta"]["complete"] is True
        assert len({item["id"] for item in document["data"]}) == 250
        view = main.query_one(JsonView)
        assert view.document is not None and view.document.line_count > 250


async def test_a_on_a_single_page_says_there_is_nothing_to_walk(
    sandbox, make_app: Callable[..., KexploreApp]
) -> None:
    app = make_app(sandbox.base_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l", *"/v1/customers?pageSize=100&page=3", "enter")
        await settle(app, pilot)
        app.screen.query_one(JsonView).focus()
        await pilot.press("A")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)


async def test_escape_cancels_a_walk_and_keeps_what_was_walked(
    make_app: Callable[..., KexploreApp],
) -> None:
    with start_sandbox(SandboxConfig(port=0, faults="*=latency:30")) as running:
        app = make_app(running.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+l", *"/v1/customers?pageSize=5", "enter")
            await settle(app, pilot)
            app.screen.query_one(JsonView).focus()
            await pilot.press("A")
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            while walk.cursor.pages < 2:  # wait for the walk to be under way
                await pilot.pause()
            await pilot.press("escape")  # cancel
            await settle(app, pilot)
            assert not walk.walking and 2 <= walk.cursor.pages < 50
            assert "Cancelled after page" in str(walk.query_one("#walk-status").render())
            await pilot.press("v")
            await settle(app, pilot)
            current = app.screen.trail.current
            document = current.response.json()
            assert len(document["data"]) == walk.cursor.items
            assert document["meta"]["complete"] is False
