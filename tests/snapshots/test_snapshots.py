"""Snapshot tests of the explorer against a fresh sandbox, with fixed clock and elapsed times."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from piloting import settle as settle_app
from textual.pilot import Pilot

from kexplore.app import KexploreApp
from kexplore.screens.main import MainScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
FIRST_CUSTOMER = "/v1/customers/695aff2988bd64072bcfbe01"


FIXED_AT = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


async def settle(pilot: Pilot[None]) -> None:
    await settle_app(pilot.app, pilot)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def fixed_history(app: KexploreApp) -> KexploreApp:
    """History entries stamped at one fixed time, so the list's time column is stable."""
    for store in (app.services.history_store, app.services.collection):
        store._clock = lambda: FIXED_AT
    return app


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


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24")])
class TestSmallScreen:
    """80x24 is a first-class size."""

    def test_tree_labels_keep_the_end(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """Customers expanded: each endpoint reads `GET …/{id}/conversations`, not its start;
        the footer shows the tree's keys, then Send, Back, Help (f1) and Quit (^q)."""
        app = make_app(fresh_sandbox.base_url, fixed=True)
        assert snap_compare(app, terminal_size=size, press=["space"], run_before=settle)

    def test_body_editor_focused(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """POST /v1/customers chosen in the tree, body editor focused: 5 rows of JSON to edit,
        the builder's bar in the accent colour."""
        app = make_app(fresh_sandbox.base_url, fixed=True)

        async def run_before(pilot: Pilot[None]) -> None:
            await settle(pilot)
            await pilot.press("space", "down", "down", "enter")  # POST /v1/customers
            await settle(pilot)
            pilot.app.screen.query_one("#body").focus()
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_get_keeps_an_unsent_body(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """After POST, GET chosen with ctrl+o: the note says the body is kept, not sent."""
        app = make_app(fresh_sandbox.base_url, fixed=True)

        async def run_before(pilot: Pilot[None]) -> None:
            await settle(pilot)
            await pilot.press("space", "down", "down", "enter")  # POST /v1/customers
            await settle(pilot)
            await pilot.press("ctrl+o", "up", "enter")  # GET
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_search_with_count(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """A search for `links` on a customer, moved on twice with n: `3 of N` in the bar."""
        app = make_app(fresh_sandbox.base_url, fixed=True)

        async def run_before(pilot: Pilot[None]) -> None:
            await send(pilot, FIRST_CUSTOMER)
            await pilot.press("ctrl+g", "slash", *"links", "enter")
            await settle(pilot)
            await pilot.press("n", "n")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_folded_body(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """A customer with everything below two levels folded (F): `▸` marks and `…}, N lines`;
        the status line keeps the status, rate and `Ln` whole."""
        app = make_app(fresh_sandbox.base_url, fixed=True)

        async def run_before(pilot: Pilot[None]) -> None:
            await send(pilot, FIRST_CUSTOMER)
            await pilot.press("ctrl+g", "F")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_trail_after_hops(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """Three visits, then back: the breadcrumb reads `2/3` with the current visit marked."""
        app = make_app(fresh_sandbox.base_url, fixed=True)

        async def run_before(pilot: Pilot[None]) -> None:
            for path in ("/v1/tags", FIRST_CUSTOMER, "/v1/teams"):
                await send(pilot, path)
            await pilot.press("alt+left")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
class TestDialogs:
    def test_history_screen(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """Two requests in the history, newest first: time and status stay at 80 columns."""
        app = fixed_history(make_app(fresh_sandbox.base_url, fixed=True))

        async def run_before(pilot: Pilot[None]) -> None:
            await send(pilot, "/v1/tags")
            await send(pilot, "/v1/customers/000000000000000000000000")
            await pilot.press("f2")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_saved_screen(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """One saved request, `tags`, in the saved requests list (f3)."""
        app = fixed_history(make_app(fresh_sandbox.base_url, fixed=True))

        async def run_before(pilot: Pilot[None]) -> None:
            await send(pilot, "/v1/tags")
            await pilot.press("ctrl+s", *"tags", "enter")
            await settle(pilot)
            pilot.app.clear_notifications()  # "Saved as … in /tmp/…": a path that changes
            await pilot.press("f3")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_prompt_screen(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """ctrl+s asks for a name for the request, `tags` typed."""
        app = make_app(fresh_sandbox.base_url, fixed=True)

        async def run_before(pilot: Pilot[None]) -> None:
            await send(pilot, "/v1/tags")
            await pilot.press("ctrl+s", *"tags")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_confirm_screen(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """A DELETE against a production profile asks first: method, URL and profile named."""
        app = make_app(fresh_sandbox.base_url, fixed=True, sandbox=False, confirm_writes=True)

        async def run_before(pilot: Pilot[None]) -> None:
            await settle(pilot)
            pilot.app.screen.builder.set_method("DELETE")
            await send(pilot, "/v1/tags/5f1a")

        assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
class TestLightTheme:
    def test_customer_record(self, snap_compare, fresh_sandbox, make_app, size) -> None:
        """Jane Cooper's record in textual-light: every colour comes from the theme."""
        app = make_app(fresh_sandbox.base_url, fixed=True)
        app.theme = "textual-light"

        async def run_before(pilot: Pilot[None]) -> None:
            await send(pilot, FIRST_CUSTOMER)
            await pilot.press("ctrl+g")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)
