"""Pilot tests of history and saved requests in the app, against a real sandbox."""

from __future__ import annotations

from collections.abc import Callable

from piloting import settle

from kexplore.app import KexploreApp
from kexplore.core.history.collection import Collection
from kexplore.screens.history import HistoryScreen
from kexplore.screens.main import MainScreen
from kexplore.screens.prompt import PromptScreen
from kexplore.widgets.history_list import HistoryList

SIZE = (140, 50)
PATHS = ["/v1/customers?pageSize=2", "/v1/tags", "/v1/conversations?pageSize=3"]


async def send_all(app: KexploreApp, pilot: object, paths: list[str]) -> None:
    for path in paths:
        await pilot.press("ctrl+l", "ctrl+u", *path, "enter")  # type: ignore[attr-defined]
        await settle(app, pilot)


class TestHistoryScreen:
    async def test_filter_then_replay_one(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await send_all(app, pilot, PATHS)
            await pilot.press("f2")
            await settle(app, pilot)
            assert isinstance(app.screen, HistoryScreen)
            table = app.screen.query_one(HistoryList)
            assert table.row_count == 3
            assert table.highlighted.path == PATHS[-1]  # newest first
            await pilot.press(*"tags")  # filter as you type
            await pilot.pause()
            assert table.row_count == 1
            sandbox.clear_log()
            await pilot.press("ctrl+r")  # replay it now
            await settle(app, pilot)
            assert isinstance(app.screen, MainScreen)
            assert sandbox.requests == [("GET", "/v1/tags")]
            assert app.screen.query_one("#path").value == "/v1/tags"

    async def test_enter_loads_into_the_builder_without_sending(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await send_all(app, pilot, PATHS[:2])
            await pilot.press("f2")
            await settle(app, pilot)
            sandbox.clear_log()
            await pilot.press("down", "enter")  # the older one
            await settle(app, pilot)
            assert app.screen.query_one("#path").value == "/v1/customers?pageSize=2"
            assert sandbox.requests == []

    async def test_kept_body_opens_marked_from_history(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await send_all(app, pilot, ["/v1/tags"])
            await pilot.press("f2")
            await settle(app, pilot)
            sandbox.clear_log()
            await pilot.press("ctrl+b")
            await settle(app, pilot)
            status = str(app.screen.query_one("#status-line").render())
            assert "from history" in status
            assert sandbox.requests == []


class TestSavedRequests:
    async def test_ctrl_s_saves_under_a_name_and_f3_finds_it(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+l", *"/v1/brands", "ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen)
            await pilot.press(*"all brands", "enter")
            await settle(app, pilot)
            collection_path = app.services.settings.collection_path
            [entry] = Collection(collection_path).load()
            assert entry.name == "all brands"
            assert entry.path == "/v1/brands"
            await pilot.press("f3")
            await settle(app, pilot)
            assert isinstance(app.screen, HistoryScreen)
            assert app.screen.query_one(HistoryList).highlighted.name == "all brands"
