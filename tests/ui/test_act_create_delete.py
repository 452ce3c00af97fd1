"""Pilot tests: `n` creates in a list (201, seen in the list on the way back), `d` deletes."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
from acting import ADMIN, body_text, first_id, main_screen, open_path, status_text, wait_for
from textual.widgets import Tree

from kexplore.app import KexploreApp
from kexplore.screens.confirm import ConfirmScreen
from kexplore.screens.editor import EditorScreen

SIZE = (140, 45)


def sent(sandbox) -> list[tuple[str, str]]:
    return [(m, p) for m, p in sandbox.requests if m != "GET"]


class TestCreate:
    async def test_n_on_a_list_posts_the_edited_example_and_back_shows_the_new_record(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        cid = first_id(fresh_sandbox.base_url, "/v1/customers")
        path = f"/v1/customers/{cid}/conversations"
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, path)
            fresh_sandbox.clear_log()
            await pilot.press("n")
            await wait_for(app, pilot, lambda: isinstance(app.screen, EditorScreen), "editor")
            example = json.loads(app.screen.text_area.text)
            assert example["name"] == "Order #1042 arrived damaged"  # the catalogue's example
            example["name"] = "Made in kexplore"
            app.screen.text_area.load_text(json.dumps(example))
            await pilot.press("ctrl+j")
            await wait_for(app, pilot, lambda: "201" in status_text(app), "201")
            new_id = json.loads(body_text(app))["data"]["id"]
            assert sent(fresh_sandbox) == [("POST", path)]
            fresh_sandbox.clear_log()
            await pilot.press("alt+left")
            await wait_for(app, pilot, lambda: new_id in body_text(app), "the new one listed")
            assert fresh_sandbox.requests == [("GET", path)]  # fetched again, not from cache

    async def test_n_on_a_collection_in_the_tree_opens_its_example(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(app, pilot, lambda: True, "start")
            tree = main_screen(app).query_one("#resource-tree", Tree)
            tree.focus()
            notes = next(n for n in tree.root.children if "Notes" in str(n.label))
            notes.expand()
            await pilot.pause()
            tree.cursor_line = notes.children[0].line  # GET /v1/notes
            await pilot.press("n")
            await wait_for(app, pilot, lambda: isinstance(app.screen, EditorScreen), "editor")
            assert "POST" in str(app.screen.query_one("#editor-title").render())
            assert "conversation" in json.loads(app.screen.text_area.text)


class TestDelete:
    async def test_d_asks_then_deletes_204_and_the_list_is_fetched_again(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        cid = first_id(fresh_sandbox.base_url, "/v1/customers")
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, "/v1/customers?pageSize=2")
            await open_path(app, pilot, f"/v1/customers/{cid}")
            fresh_sandbox.clear_log()
            await pilot.press("d")
            await wait_for(app, pilot, lambda: isinstance(app.screen, ConfirmScreen), "question")
            await pilot.press("n")  # no: nothing is sent
            await wait_for(app, pilot, lambda: not isinstance(app.screen, ConfirmScreen), "gone")
            assert sent(fresh_sandbox) == []
            await pilot.press("d")
            await wait_for(app, pilot, lambda: isinstance(app.screen, ConfirmScreen), "question")
            await pilot.press("y")
            await wait_for(app, pilot, lambda: "204" in status_text(app), "204")
            assert sent(fresh_sandbox) == [("DELETE", f"/v1/customers/{cid}")]
            gone = httpx.get(f"{fresh_sandbox.base_url}/v1/customers/{cid}", headers=ADMIN)
            assert gone.status_code == 404
            fresh_sandbox.clear_log()
            await pilot.press("alt+left")  # the record: fetched again, now a 404
            await wait_for(app, pilot, lambda: "404" in status_text(app), "404 on the way back")
            await pilot.press("alt+left")  # the list: fetched again, without it
            await wait_for(app, pilot, lambda: len(fresh_sandbox.requests) == 2, "list again")
            await wait_for(app, pilot, lambda: "200" in status_text(app), "list shown")
            assert cid not in body_text(app)
