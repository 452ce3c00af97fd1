"""Pilot tests: `|` runs jq over the body into a derived view; back restores body and cursor."""

from __future__ import annotations

import json
from collections.abc import Callable

from acting import body_text, main_screen, open_path, status_text, wait_for

from kexplore.app import KexploreApp
from kexplore.core.act.recent_filters import RecentFilters
from kexplore.widgets.filter_bar import FilterBar
from kexplore.widgets.json_view import JsonView

SIZE = (140, 45)


async def run_filter(app, pilot, program: str) -> FilterBar:
    await pilot.press("vertical_line")
    await wait_for(app, pilot, lambda: bool(app.screen.query(FilterBar)), "the filter bar")
    bar = app.screen.query_one(FilterBar)
    bar.input.value = program
    await pilot.press("enter")
    return bar


class TestFilter:
    async def test_a_filter_over_a_list_and_back_to_the_body_and_its_cursor(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, "/v1/customers?pageSize=20")
            view = main_screen(app).query_one(JsonView)
            view.move_cursor(40)
            full = body_text(app)
            await run_filter(app, pilot, "[.data[] | .attributes.name]")
            await wait_for(app, pilot, lambda: view.derived and view.document, "derived view")
            await wait_for(app, pilot, lambda: view.index_state == "ready", "indexed")
            names = json.loads(body_text(app))
            assert len(names) == 20 and all(isinstance(n, str) for n in names)
            assert "jq: [.data[] | .attributes.name] · 20 results" in status_text(app)
            assert not app.screen.query(FilterBar)
            view.move_cursor(3)
            await pilot.press("y")  # paths in the derived view are its own
            assert app.clipboard == ".[2]"  # y copies a jq path
            await pilot.press("escape")
            await wait_for(app, pilot, lambda: not view.derived, "the full body")
            assert body_text(app) == full and view.cursor_line == 40
            assert "200 OK" in status_text(app)

    async def test_alt_left_leaves_the_derived_view_not_the_trail(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, "/v1/customers?pageSize=5")
            await open_path(app, pilot, "/v1/conversations?pageSize=5")
            view = main_screen(app).query_one(JsonView)
            await run_filter(app, pilot, ".meta")
            await wait_for(app, pilot, lambda: view.derived, "derived view")
            await pilot.press("alt+left")
            await wait_for(app, pilot, lambda: not view.derived, "the full body")
            assert "/v1/conversations" in main_screen(app).trail.current.request.url
            assert '"type": "conversation"' in body_text(app)

    async def test_a_syntax_error_is_shown_with_its_position_and_nothing_breaks(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, "/v1/customers?pageSize=5")
            full = body_text(app)
            bar = await run_filter(app, pilot, "[.data[] | .attributes.name")
            await wait_for(app, pilot, lambda: bar.has_class("-error"), "the error")
            error = str(bar.query_one("#filter-error").render())
            assert "line 1, column" in error and "syntax error" in error
            assert bar.input.cursor_position > 0
            bar.input.value = ".data[0] | .nope.deeper | keys"
            await pilot.press("enter")  # a runtime error, from the child process
            await wait_for(
                app,
                pilot,
                lambda: "null (null) has no keys" in str(bar.query_one("#filter-error").render()),
                "runtime error",
            )
            await pilot.press("escape")
            await wait_for(app, pilot, lambda: not app.screen.query(FilterBar), "closed")
            assert body_text(app) == full

    async def test_recent_filters_are_kept_per_endpoint_and_recalled(
        self, sandbox, make_app: Callable[..., KexploreApp], tmp_path
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, "/v1/customers?pageSize=5")
            view = main_screen(app).query_one(JsonView)
            await run_filter(app, pilot, "data[0].attributes.name")  # as y copies a path
            await wait_for(app, pilot, lambda: view.derived, "derived view")
            assert "jq: .data[0].attributes.name · 1 result" in status_text(app)
            store = RecentFilters(app.services.settings.history_path.parent / "filters.toml")
            assert store.recent("/v1/customers") == [".data[0].attributes.name"]
            await pilot.press("escape")
            await pilot.press("vertical_line")
            await wait_for(app, pilot, lambda: bool(app.screen.query(FilterBar)), "the bar")
            await pilot.press("up")
            assert app.screen.query_one(FilterBar).input.value == ".data[0].attributes.name"
