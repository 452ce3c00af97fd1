"""Pilot tests: `e` edits a record in place (one sparse PATCH), a stale rev meets a 409 view."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import httpx
from acting import ADMIN, body_text, first_id, main_screen, open_path, wait_for

from kexplore.app import KexploreApp
from kexplore.screens.conflict import ConflictScreen
from kexplore.screens.editor import EditorScreen

SIZE = (140, 45)


def writes(sandbox) -> list[tuple[str, str, dict]]:
    return [
        (method, path, json.loads(body))
        for method, path, body in sandbox.bodies
        if method in ("POST", "PUT", "PATCH", "DELETE") and body
    ]


async def edit_to(app, pilot, change: Callable[[dict], None]) -> None:
    await pilot.press("e")
    await wait_for(app, pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
    area = app.screen.text_area
    attributes = json.loads(area.text)
    change(attributes)
    area.load_text(json.dumps(attributes, indent=2))
    await pilot.press("ctrl+j")


class TestEdit:
    async def test_one_attribute_changed_is_one_patch_holding_only_it(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        cid = first_id(fresh_sandbox.base_url, "/v1/customers")
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, f"/v1/customers/{cid}")
            fresh_sandbox.clear_log()
            await edit_to(app, pilot, lambda a: a.update(displayName="Captain Hopper"))
            await wait_for(app, pilot, lambda: "Captain Hopper" in body_text(app), "new value")
            assert writes(fresh_sandbox) == [
                ("PATCH", f"/v1/customers/{cid}", {"displayName": "Captain Hopper", "rev": 1})
            ]
            assert '"rev": 2' in body_text(app)
            assert main_screen(app).trail.current.request.method == "PATCH"

    async def test_an_item_of_a_list_is_edited_under_the_cursor(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, "/v1/conversations?pageSize=3")
            view = main_screen(app).response_view.json_view
            document = view.document
            line = next(i for i in range(document.line_count) if document.path_at(i) == "data[1]")
            view.move_cursor(line + 3)
            second = document.value_at(line)
            fresh_sandbox.clear_log()
            await edit_to(app, pilot, lambda a: a.update(priority=5))
            await wait_for(app, pilot, lambda: bool(writes(fresh_sandbox)), "the PATCH")
            ((method, path, body),) = writes(fresh_sandbox)
            assert (method, body) == ("PATCH", {"priority": 5, "rev": 1})
            assert path == f"/v1/conversations/{json.loads(second)['id']}"

    async def test_escape_sends_nothing_and_nothing_changed_sends_nothing(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        cid = first_id(fresh_sandbox.base_url, "/v1/customers")
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, f"/v1/customers/{cid}")
            fresh_sandbox.clear_log()
            await pilot.press("e")
            await wait_for(app, pilot, lambda: isinstance(app.screen, EditorScreen), "editor")
            await pilot.press("escape")
            await edit_to(app, pilot, lambda a: a.update(rev=99, updatedAt="x"))  # read-only
            await wait_for(app, pilot, lambda: not isinstance(app.screen, EditorScreen), "closed")
            assert writes(fresh_sandbox) == []

    async def test_invalid_json_names_line_and_column_and_is_not_sent(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        cid = first_id(fresh_sandbox.base_url, "/v1/customers")
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, f"/v1/customers/{cid}")
            fresh_sandbox.clear_log()
            await pilot.press("e")
            await wait_for(app, pilot, lambda: isinstance(app.screen, EditorScreen), "editor")
            app.screen.text_area.load_text('{\n  "name": "x"\n  "oops": 1\n}')
            await pilot.press("ctrl+j")
            await pilot.pause()
            problem = str(app.screen.query_one("#editor-problem").render())
            assert "line 3, column 3: Expecting ',' delimiter" in problem
            assert isinstance(app.screen, EditorScreen)
            assert writes(fresh_sandbox) == []


class TestConflict:
    async def test_stale_rev_409_three_way_view_reapply_200(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        cid = first_id(fresh_sandbox.base_url, "/v1/customers")
        url = f"{fresh_sandbox.base_url}/v1/customers/{cid}"
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, f"/v1/customers/{cid}")
            # Someone else changes the record meanwhile: rev 1 -> 2.
            httpx.patch(url, json={"locale": "fr_FR", "rev": 1}, headers=ADMIN).raise_for_status()
            fresh_sandbox.clear_log()
            await edit_to(app, pilot, lambda a: a.update(displayName="Mine"))
            await wait_for(app, pilot, lambda: isinstance(app.screen, ConflictScreen), "409 view")
            rows = {row[0]: row[1:] for row in app.screen.three.rows()}
            assert rows["displayName"][1] == "Mine" and rows["locale"][2] == "fr_FR"
            await pilot.press("r")
            await wait_for(app, pilot, lambda: '"rev": 3' in body_text(app), "re-applied")
            patches = [(body,) for method, _, body in writes(fresh_sandbox) if method == "PATCH"]
            assert patches == [
                ({"displayName": "Mine", "rev": 1},),
                ({"displayName": "Mine", "rev": 2},),
            ]
            current = httpx.get(url, headers=ADMIN).json()["data"]["attributes"]
            assert (current["displayName"], current["locale"]) == ("Mine", "fr_FR")

    async def test_discard_sends_nothing_more(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp]
    ) -> None:
        cid = first_id(fresh_sandbox.base_url, "/v1/customers")
        url = f"{fresh_sandbox.base_url}/v1/customers/{cid}"
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, f"/v1/customers/{cid}")
            httpx.patch(url, json={"locale": "fr_FR", "rev": 1}, headers=ADMIN).raise_for_status()
            fresh_sandbox.clear_log()
            await edit_to(app, pilot, lambda a: a.update(displayName="Mine"))
            await wait_for(app, pilot, lambda: isinstance(app.screen, ConflictScreen), "409 view")
            await pilot.press("x")
            await wait_for(app, pilot, lambda: not isinstance(app.screen, ConflictScreen), "gone")
            assert [m for m, _, _ in writes(fresh_sandbox)] == ["PATCH"]


class TestExternalEditor:
    async def test_ctrl_e_hands_the_text_to_visual_and_reads_it_back(
        self, fresh_sandbox, make_app: Callable[..., KexploreApp], tmp_path, monkeypatch
    ) -> None:
        script = tmp_path / "editor.py"
        script.write_text(
            "import json, sys\n"
            "path = sys.argv[1]\n"
            "value = json.load(open(path))\n"
            "value['displayName'] = 'From $VISUAL'\n"
            "json.dump(value, open(path, 'w'), indent=2)\n"
        )
        monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
        cid = first_id(fresh_sandbox.base_url, "/v1/customers")
        before = set(Path(tempfile.gettempdir()).glob("kexplore-*.json"))
        app = make_app(fresh_sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await open_path(app, pilot, f"/v1/customers/{cid}")
            fresh_sandbox.clear_log()
            await pilot.press("e")
            await wait_for(app, pilot, lambda: isinstance(app.screen, EditorScreen), "editor")
            await pilot.press("ctrl+e")  # headless: no terminal to suspend, it just runs
            assert json.loads(app.screen.text_area.text)["displayName"] == "From $VISUAL"
            await pilot.press("ctrl+j")
            await wait_for(app, pilot, lambda: "From $VISUAL" in body_text(app), "sent")
            assert writes(fresh_sandbox) == [
                ("PATCH", f"/v1/customers/{cid}", {"displayName": "From $VISUAL", "rev": 1})
            ]
            left = set(Path(tempfile.gettempdir()).glob("kexplore-*.json")) - before
            assert not left  # the private copy handed to the editor is gone
