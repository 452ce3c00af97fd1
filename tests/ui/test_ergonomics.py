"""Pilot tests of the explorer as a daily tool: tree keys, method and body, search, trail."""

from __future__ import annotations

from collections.abc import Callable

from piloting import settle
from rich.text import Text
from textual.widgets import Input, Select, TabbedContent, TextArea

from kexplore.app import KexploreApp
from kexplore.screens.main import MainScreen
from kexplore.widgets.json_view import JsonView
from kexplore.widgets.request_builder import RequestBuilder
from kexplore.widgets.resource_tree import CatalogTree
from kexplore.widgets.search_bar import SearchBar
from kexplore.widgets.status_line import StatusLine, _fit, _Part

SIZE = (140, 50)
FIRST_CUSTOMER = "/v1/customers/695aff2988bd64072bcfbe01"


def main_screen(app: KexploreApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def send(app: KexploreApp, pilot, path: str) -> None:
    await pilot.press("ctrl+l", "ctrl+u", *path, "enter")
    await settle(app, pilot)


class TestTreeKeys:
    async def test_right_expands_left_collapses_then_goes_to_the_parent(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one(CatalogTree)
            await pilot.press("right")  # expand "Customers"
            customers = tree.cursor_node
            assert customers.is_expanded and tree.scroll_x == 0
            await pilot.press("right", "right")  # into it, then load the list
            await settle(app, pilot)
            listing = tree.cursor_node
            assert listing.is_expanded and len(listing.children) == 101
            await pilot.press("right", "right")  # onto the first record, load its relationships
            await settle(app, pilot)
            assert tree.scroll_x == 0  # right never scrolls the tree sideways
            record = tree.cursor_node
            assert record.is_expanded and record.children
            await pilot.press("left")  # collapse
            assert not record.is_expanded and tree.cursor_node is record
            await pilot.press("left")  # then to the parent
            assert tree.cursor_node is listing

    async def test_space_loads_more(self, sandbox, make_app: Callable[..., KexploreApp]) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one(CatalogTree)
            await pilot.press("space", "down", "space")
            await settle(app, pilot)
            listing = tree.cursor_node
            tree.cursor_line = listing.children[-1].line  # "more…"
            await pilot.press("space")
            await settle(app, pilot)
            assert len(listing.children) == 201

    async def test_a_record_without_relationships_says_so(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one(CatalogTree)
            await pilot.press("space", "down", "space", "down", "space")
            await settle(app, pilot)
            org = tree.cursor_node.children[0]
            assert str(org.label) == "org"
            tree.cursor_line = org.line
            await pilot.press("space")
            await settle(app, pilot)
            labels = [str(child.label) for child in org.children]
            assert labels and "(empty)" not in labels
            if len(labels) == 1 and not org.children[0].data:
                assert "no relationships" in labels[0]

    async def test_enter_on_an_id_endpoint_selects_the_placeholder(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("space", "down", "down", "down", "enter")  # GET /v1/customers/{id}
            await settle(app, pilot)
            path = app.screen.query_one("#path", Input)
            assert app.focused is path and path.value == "/v1/customers/{id}"
            assert path.selected_text == "{id}"
            await pilot.press(*"abc")
            assert path.value == "/v1/customers/abc"


class TestMethodAndBody:
    async def test_ctrl_o_opens_the_method_list_from_anywhere(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+g", "ctrl+o")
            select = app.screen.query_one("#method", Select)
            assert select.expanded
            await pilot.press("down", "enter")
            assert select.value == "POST"

    async def test_palette_method_command(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            command = next(
                c for c in app.get_system_commands(app.screen) if c.title == "Method: PATCH"
            )
            command.callback()
            await settle(app, pilot)
            assert main_screen(app).builder.method == "PATCH"

    async def test_clear_select_all_and_a_body_kept_but_not_sent(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            builder = main_screen(app).builder
            builder.set_method("POST")
            builder.query_one(TabbedContent).active = "tab-body"
            body = builder.query_one("#body", TextArea)
            body.load_text('{"name": "x"}')
            body.focus()
            await pilot.press("ctrl+a")
            assert body.selected_text == '{"name": "x"}'
            builder.set_method("GET")
            await settle(app, pilot)
            assert builder.has_class("-body-unsent")
            note = str(builder.query_one("#body-note").render())
            assert "not sent with GET" in note and "kept" in note
            assert builder.snapshot().body_text == ""  # not sent...
            assert body.text == '{"name": "x"}'  # ...but kept
            await pilot.press("ctrl+n")
            assert body.text == ""
            await settle(app, pilot)
            assert not builder.has_class("-body-unsent")
            await pilot.press("ctrl+z")
            assert body.text == '{"name": "x"}'

    async def test_get_with_a_kept_body_is_sent_without_it(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            builder = main_screen(app).builder
            builder.query_one("#body", TextArea).load_text('{"name": "x"}')
            sandbox.clear_log()
            await send(app, pilot, "/v1/tags")
            assert sandbox.requests == [("GET", "/v1/tags")]
            assert main_screen(app).trail.current.request.body == ""


class TestSearch:
    async def test_count_while_moving_and_no_match(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await send(app, pilot, FIRST_CUSTOMER)
            await pilot.press("ctrl+g", "slash", *"links", "enter")
            await settle(app, pilot)
            view = app.screen.query_one(JsonView)
            bar = app.screen.query_one(SearchBar)
            total = len(view.reader.matches)
            assert total > 3
            count = str(bar.query_one("#search-count").render())
            assert count == f"1 of {total}"
            assert app.focused is view  # the bar stays, the body keeps the keys
            await pilot.press("n", "n")
            assert str(bar.query_one("#search-count").render()) == f"3 of {total}"
            await pilot.press("N")
            assert str(bar.query_one("#search-count").render()) == f"2 of {total}"
            await pilot.press("slash", *"zzqx", "enter")
            await settle(app, pilot)
            assert str(bar.query_one("#search-count").render()) == "No match for zzqx"
            await pilot.press("escape")
            assert not app.screen.query(SearchBar)

    async def test_regex_toggle(self, sandbox, make_app: Callable[..., KexploreApp]) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await send(app, pilot, FIRST_CUSTOMER)
            await pilot.press("ctrl+g", "slash", "ctrl+r", *'"(org|messages)":', "enter")
            await settle(app, pilot)
            view = app.screen.query_one(JsonView)
            lines = [view.document.line(n).strip() for n in view.reader.matches]
            assert lines and all(line.startswith(('"org"', '"messages"')) for line in lines)
            await pilot.press("slash", *"(", "enter")
            await settle(app, pilot)
            count = str(app.screen.query_one("#search-count").render())
            assert count.startswith("Not a regular expression")


class TestTrailAndStatus:
    async def test_back_restores_cursor_scroll_and_folds(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            await send(app, pilot, "/v1/customers?pageSize=5")
            view = app.screen.query_one(JsonView)
            await pilot.press("ctrl+g", *["j"] * 40, "f", *["j"] * 30)  # fold around, move on
            place = view.place
            assert place is not None and place.cursor > 30 and place.folded and place.scroll_y
            await send(app, pilot, FIRST_CUSTOMER)
            assert view.cursor_line == 0
            await pilot.press("alt+left")
            await settle(app, pilot)
            assert view.place == place
            status = str(app.screen.query_one(StatusLine).render())
            assert f"Ln {place.cursor + 1}/{view.document.line_count}" in status

    async def test_breadcrumb_is_the_trail(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            for path in ("/v1/tags", "/v1/teams", FIRST_CUSTOMER):
                await send(app, pilot, path)
            await pilot.press("alt+left")
            await settle(app, pilot)
            crumb = str(app.screen.query_one("#breadcrumb").render())
            assert crumb.startswith("2/3") and "tags" in crumb and "teams" in crumb
            await send(app, pilot, "/v1/brands")  # a typed request starts a new branch
            crumb = str(app.screen.query_one("#breadcrumb").render())
            assert crumb.startswith("3/3") and "brands" in crumb

    async def test_new_response_opens_on_body(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await send(app, pilot, FIRST_CUSTOMER)
            tabs = app.screen.query_one("#response-tabs", TabbedContent)
            tabs.active = "tab-response-links"
            await send(app, pilot, "/v1/customers/000000000000000000000000")
            assert tabs.active == "tab-response-body"


class TestStatusFit:
    def test_least_useful_parts_go_first_and_whole(self) -> None:
        parts = [
            _Part(Text("200 OK"), 0),
            _Part(Text("12 ms"), 4),
            _Part(Text("4.3 KB"), 3),
            _Part(Text("rate 989/1000"), 1),
            _Part(Text("Ln 37/212"), 2),
            _Part(Text("application/json"), 6),
        ]
        kept = [p.text.plain for p in _fit(parts, 40)]
        assert kept == ["200 OK", "rate 989/1000", "Ln 37/212"]
        assert [p.text.plain for p in _fit(parts, 200)] == [p.text.plain for p in parts]

    async def test_focused_body_editor_has_five_rows_at_80x24(
        self, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            builder = app.screen.query_one(RequestBuilder)
            builder.query_one(TabbedContent).active = "tab-body"
            builder.query_one("#body").focus()
            await settle(app, pilot)
            assert builder.query_one("#body").size.height >= 5


class TestTheme:
    async def test_theme_from_the_palette_is_kept_and_used_next_time(
        self, tmp_path, sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        import dataclasses

        from kexplore.app import build_app
        from kexplore.core.settings.settings import load_settings

        app = make_app(sandbox.base_url)
        config = app.services.settings.config_path
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            app.theme = "textual-light"  # what the palette's "Theme" command does
            await settle(app, pilot)
            await app.workers.wait_for_complete()
        assert config.read_text() == 'theme = "textual-light"\n'
        settings = dataclasses.replace(
            app.services.settings, preferences=load_settings({}, config_path=config).preferences
        )
        again = build_app(settings)
        assert again.theme == "textual-light"
