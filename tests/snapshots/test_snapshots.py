"""Snapshot tests of the explorer against a fresh sandbox, with fixed clock and elapsed times."""

from __future__ import annotations

import pytest
from piloting import settle as settle_app
from textual.pilot import Pilot

from kexplore.app import KexploreApp
from kexplore.screens.main import MainScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
FIRST_CUSTOMER = "/v1/customers/695aff2988bd64072bcfbe01"


async def settle(pilot: Pilot[None]) -> None:
    await settle_app(pilot.app, pilot)


async def send(pilot: Pilot[None], path: str) -> None:
    await settle(pilot)
    await pilot.press("ctrl+l", "ctrl+u", *path, "enter")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
class TestScreens:
    def test_first_screen(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """The tree of Kustomer resources, an empty builder, SANDBOX in the top bar."""
        app = make_app(fresh_sandbox.base_url, fixed=True)
        assert snap_compare(app, terminal_size=size, run_before=settle)

    def test_customer_record(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """Jane Cooper's record: 200 OK, 12 ms, highlighted JSON with link marks (→)."""
        app = make_app(fresh_sandbox.base_url, fixed=True)

        async def run_before(pilot: Pilot[None]) -> None:
            await send(pilot, FIRST_CUSTOMER)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_links_tab(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """The Links tab of a customer: rel, path and the inferred/other-origin marks."""
        app = make_app(fresh_sandbox.base_url, fixed=True)

        async def run_before(pilot: Pilot[None]) -> None:
            await send(pilot, FIRST_CUSTOMER)
            pilot.app.screen.query_one("#response-tabs").active = "tab-response-links"
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_list_page_with_pagination(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """Page 2 of conversations reached with `>`; the breadcrumb shows both pages."""
        app = make_app(fresh_sandbox.base_url, fixed=True)

        async def run_before(pilot: Pilot[None]) -> None:
            await send(pilot, "/v1/conversations?pageSize=5")
            screen = pilot.app.screen
            assert isinstance(screen, MainScreen)
            screen.action_focus_body()
            await pilot.press("greater_than_sign")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_error_panel(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """A 404 for an unknown customer: red status, the Kustomer error in the panel."""
        app = make_app(fresh_sandbox.base_url, fixed=True)

        async def run_before(pilot: Pilot[None]) -> None:
            await send(pilot, "/v1/customers/000000000000000000000000")

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_help_screen(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """The key table over the main screen."""
        app: KexploreApp = make_app(fresh_sandbox.base_url, fixed=True)
        assert snap_compare(app, terminal_size=size, press=["f1"], run_before=settle)
