"""The app exploring a JSON:API server that is not Kustomer, end to end: the tree built from its
OpenAPI document, records labelled by title, follow, `included`, back, and paging by
`page[offset]` and `page[number]`, with a base URL that has a path (`/api/`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import make_settings
from jsonapi.blog_server import Blog
from jsonapi.loopback import serve
from piloting import settle
from textual.widgets import Tree

from kexplore.app import build_app
from kexplore.core.settings.base_url import normalise_base_url
from kexplore.screens.main import MainScreen
from kexplore.widgets.json_view import JsonView

pytestmark = pytest.mark.slow
SIZE = (140, 50)
OPENAPI = Path(__file__).parent / "blog_openapi.yaml"


@pytest.fixture(scope="module")
def blog() -> Iterator[tuple[Blog, str]]:
    server = Blog()
    with serve(server.app) as url:
        yield server, url


def app_for(tmp_path: Path, url: str):
    settings = make_settings(tmp_path, normalise_base_url(f"{url}/api/"), sandbox=False)
    profile = dataclasses.replace(settings.profile, openapi=OPENAPI)
    return build_app(dataclasses.replace(settings, profile=profile))


def sent(blog: Blog) -> list[str]:
    return [unquote(line) for line in blog.requests]


def link_to(view: JsonView, pointer: str) -> tuple[int, str]:
    document = view.document
    assert document is not None
    for line in range(document.line_count):
        link = document.link_at(line)
        if link is not None and link.pointer == pointer:
            return line, link.url
    raise AssertionError(f"no link at {pointer}")


async def test_tree_follow_included_and_back(tmp_path: Path, blog: tuple[Blog, str]) -> None:
    server, url = blog
    app = app_for(tmp_path, url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        tree = app.screen.query_one(Tree)
        assert [str(node.label) for node in tree.root.children] == ["Articles", "People"]
        tree.focus()
        server.requests.clear()
        await pilot.press("space", "down", "space")  # expand Articles, then GET /articles
        await settle(app, pilot)
        assert sent(server) == ["GET /api/articles"]
        listing = tree.cursor_node
        assert listing is not None
        labels = [str(child.label) for child in listing.children]
        assert labels[0] == "Article 1: JSON:API paints my bikeshed!"
        assert labels[-1] == "more…"
        await pilot.press("down", "enter")  # open article 1: its links.self
        await settle(app, pilot)
        assert sent(server)[-1] == "GET /api/articles/1"
        view = app.screen.query_one(JsonView)
        # Linkage only, and the reviewer is in `included`: its own links.self, not an invention.
        _, reviewer = link_to(view, "/data/relationships/reviewer/data")
        assert reviewer == f"{url}/api/people/2"
        await pilot.press("space", "down", "enter")  # the article's first relationship
        await settle(app, pilot)
        assert sent(server)[-1] == "GET /api/articles/1/author", "related, not self"
        view.focus()
        line, person = link_to(view, "/data/links/self")
        view.move_cursor(line)
        await pilot.press("enter")  # follow the person's own link
        await settle(app, pilot)
        assert sent(server)[-1] == "GET /api/people/1"
        assert person == f"{url}/api/people/1"
        count = len(server.requests)
        await pilot.press("alt+left", "alt+left")  # back twice, from cache
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.trail.current.request.url.endswith("/api/articles/1")
        assert len(server.requests) == count


async def test_paging_by_offset_and_by_number(tmp_path: Path, blog: tuple[Blog, str]) -> None:
    server, url = blog
    app = app_for(tmp_path, url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        server.requests.clear()
        await pilot.press("ctrl+l", *"/articles", "enter")  # typed below the base path
        await settle(app, pilot)
        app.screen.query_one(JsonView).focus()
        for key in ("greater_than_sign", "greater_than_sign", "less_than_sign"):
            await pilot.press(key)
            await settle(app, pilot)
        await pilot.press("ctrl+l", "ctrl+u", *"/api/articles/2/comments", "enter")  # not doubled
        await settle(app, pilot)
        app.screen.query_one(JsonView).focus()
        await pilot.press("greater_than_sign")
        await settle(app, pilot)
        assert sent(server) == [
            "GET /api/articles",
            "GET /api/articles?page[offset]=10&page[limit]=10",
            "GET /api/articles?page[offset]=20&page[limit]=10",
            "GET /api/articles?page[offset]=10&page[limit]=10",
            "GET /api/articles/2/comments",
            "GET /api/articles/2/comments?page[number]=2&page[size]=5",
        ]


async def test_a_bad_openapi_document_is_named_in_the_tree(
    tmp_path: Path, blog: tuple[Blog, str]
) -> None:
    _, url = blog
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\npaths:\n  /a:\n    get: [1]\n")
    settings = make_settings(tmp_path, f"{url}/api", sandbox=False)
    profile = dataclasses.replace(settings.profile, openapi=bad)
    app = build_app(dataclasses.replace(settings, profile=profile))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        tree = app.screen.query_one(Tree)
        (only,) = tree.root.children
        assert "at /paths/~1a/get: an operation must be an object" in str(only.label)
