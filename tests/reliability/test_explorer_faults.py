"""The explorer against a sandbox that misbehaves: no crash, a readable message, then recovery."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from piloting import settle
from textual.widgets import Tree

from kexplore.app import KexploreApp
from kexplore.sandbox.faults import parse_faults
from kexplore.sandbox.server import RunningSandbox, SandboxConfig, start_sandbox
from kexplore.widgets.json_view import JsonView

SIZE = (140, 50)
SPEC = "; ".join(
    [
        "GET /f/html503=status:503:html",
        "/f/empty502=status:502:empty",
        "/f/json500=status:500",
        "/f/rl=ratelimit",
        "/f/rl-after=ratelimit:7",
        "/f/close=close-before-headers",
        "/f/reset=reset-mid-body",
        "/f/short=short-body",
        "/f/badjson=bad-json",
        "/f/gzip=bad-gzip",
        "/f/empty=empty-200",
        "/f/huge=huge-string:5",
        "/f/huger=huge-string:30",
        "/f/deep=deep-nest",
        "/f/deeper=deep-nest:2000000",
        "/f/dup=dup-keys",
        "/f/utf8=non-utf8",
        "/v1/brands=json-as-text",
        "/v1/teams=drip:5:60",
        "/v1/tags=latency:300",
    ]
)

# (path, words the status line / error panel / body must show)
CASES = [
    ("/f/html503", ["503 Service Unavailable", "text/html body, not a Kustomer error"]),
    ("/f/empty502", ["502 Bad Gateway", "no body to explain the error"]),
    ("/f/json500", ["500 Internal Server Error", "Injected fault for GET /f/json500"]),
    ("/f/rl", ["429 Too Many Requests", "Rate limit exceeded"]),
    ("/f/rl-after", ["429 Too Many Requests", "rate resets in 7s"]),
    ("/f/close", ["Reset", "closed before a response arrived"]),
    ("/f/reset", ["Reset", "closed mid-body", "24 bytes of the body had arrived"]),
    ("/f/short", ["Reset", "closed mid-body", "13 of 1,000 bytes"]),
    ("/f/gzip", ["Protocol", "decompressing"]),
    ("/f/empty", ["200 OK", "No content (200 OK)."]),
    ("/f/huge", ["200 OK", "5 MB", '"type": "note"']),
    ("/f/badjson", ["200 OK", '{"data": [{"type": "customer", "id": "5a82"']),
    ("/f/deep", ["200 OK", "[[[[[[[["]),
    ("/f/dup", ["200 OK"]),
    ("/f/utf8", ["200 OK", "caf\ufffd"]),
    ("/v1/brands", ["200 OK", "text/plain", '"type": "brand"']),
    ("/v1/teams", ["200 OK", '"type": "team"']),
    ("/v1/tags", ["200 OK", '"type": "tag"']),
]


@pytest.fixture(scope="module")
def faulty() -> Iterator[RunningSandbox]:
    running = start_sandbox(SandboxConfig(port=0, customers=5, faults=SPEC, rate_limit=100_000))
    yield running
    running.stop()


async def send(app: KexploreApp, pilot: object, path: str, *, wait: bool = True) -> None:
    """Type `path` into the path input and send it."""
    app.screen.query_one("#path").value = path  # type: ignore[attr-defined]
    await pilot.press("ctrl+j")  # type: ignore[attr-defined]
    if wait:
        await settle(app, pilot)


def shown(app: KexploreApp) -> str:
    """What a person reads: status line, error panel (when shown) and the body's first lines."""
    parts = [str(app.screen.query_one("#status-line").render())]
    if app.screen.query_one("#response").has_class("-failed"):
        parts.append(str(app.screen.query_one("#error-panel").render()))
    view = app.screen.query_one(JsonView)
    if view.document is not None:
        count = min(view.document.line_count, 40)
        parts += [view.document.line(i)[:2000] for i in range(count)]
    else:
        parts += view._notice
    return "\n".join(parts)


async def assert_recovers(app: KexploreApp, pilot: object) -> None:
    """The UI answers a key, and the next request is shown normally."""
    await pilot.press("ctrl+t", "ctrl+l")  # type: ignore[attr-defined]
    assert app.focused is not None and app.focused.id == "path"
    await send(app, pilot, "/v1/customers?pageSize=1")
    text = shown(app)
    assert text.startswith("200 OK"), text[:300]
    assert '"type": "customer"' in text
    assert not app.screen.query_one("#response").has_class("-failed")


async def test_every_fault_is_survived_explained_and_recovered_from(
    faulty: RunningSandbox, make_app: Callable[..., KexploreApp]
) -> None:
    """One app meets every fault in turn (one app per fault would cost 1.5 s each)."""
    app = make_app(faulty.base_url)
    missing: list[tuple[str, str, str]] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for path, words in CASES:
            await send(app, pilot, path)
            text = shown(app)
            missing += [(path, word, text[:300]) for word in words if word not in text]
            await assert_recovers(app, pilot)
    assert missing == []
    assert faulty.failures == []
    served = [target for _method, target in faulty.requests]
    assert all(path in served for path, _words in CASES)


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/f/huger", "/f/deeper"])
async def test_huge_bodies_keep_the_ui_answering(
    path: str, faulty: RunningSandbox, make_app: Callable[..., KexploreApp]
) -> None:
    """30 MB on one line, 2,000,000 nested arrays: a key pressed while the body loads is
    answered, and the body then shows (how fast: `benchmarks/bench_app.py --only faults`)."""
    app = make_app(faulty.base_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await send(app, pilot, path, wait=False)
        await pilot.press("ctrl+t")
        assert app.focused is not None and app.focused.id == "resource-tree"
        await settle(app, pilot)
        assert shown(app).startswith("200 OK")
        await assert_recovers(app, pilot)


# The body was labelled JSON but is not: the view shows the raw text, yet nothing says why.
NOT_JSON = ["/f/badjson", "/f/deep", "/f/utf8"]


@pytest.mark.parametrize("path", NOT_JSON)
async def test_a_json_labelled_body_that_does_not_parse_is_called_out(
    path: str, faulty: RunningSandbox, make_app: Callable[..., KexploreApp]
) -> None:
    app = make_app(faulty.base_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await send(app, pilot, path)
        assert "not valid JSON" in shown(app)


async def test_duplicate_keys_are_not_silently_dropped(
    faulty: RunningSandbox, make_app: Callable[..., KexploreApp]
) -> None:
    app = make_app(faulty.base_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await send(app, pilot, "/f/dup")
        text = shown(app)
        assert '"a1"' in text or "duplicate" in text.lower()


TREE_FAULTS = [
    ("close-before-headers", "⚠ The connection"),
    ("reset-mid-body", "⚠ The connection"),
    ("status:503:html", "⚠ 503 Service Unavailable"),
    ("ratelimit:3", "⚠ 429 Too Many Requests"),
    ("bad-gzip", "⚠ "),
    ("bad-json", "⚠ Not a Kustomer JSON document"),
    ("deep-nest", "⚠ Not a Kustomer JSON document"),
    ("non-utf8", "⚠ Not a Kustomer JSON document"),
    ("dup-keys", "no records here"),  # the last "data" wins: null
    ("empty-200", "no records here"),
    ("json-as-text", "Jane"),  # the real page, whatever its label: records are listed
]


async def test_the_tree_survives_every_fault_when_loading_a_page(
    make_app: Callable[..., KexploreApp],
) -> None:
    """Expanding `GET /v1/customers` in the tree, once per fault (rules swapped in between)."""
    with start_sandbox(SandboxConfig(port=0, customers=3, faults="/none=empty-200")) as running:
        middleware = running._built.app
        app = make_app(running.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one(Tree)
            tree.focus()
            await pilot.press("space", "down")  # expand "Customers", onto "GET /v1/customers"
            node = tree.cursor_node
            assert node is not None and "/v1/customers" in str(node.label)
            shown: dict[str, str] = {}
            for fault, _expected in TREE_FAULTS:
                middleware.rules = parse_faults(f"GET /v1/customers={fault}")  # type: ignore[attr-defined]
                node.remove_children()
                node.collapse()
                await pilot.press("space")  # expand: loads page 1 through the fault
                await settle(app, pilot)
                shown[fault] = " | ".join(str(child.label) for child in node.children)
            await pilot.press("ctrl+l")
            assert app.focused is not None and app.focused.id == "path"
        assert running.failures == []
    for fault, expected in TREE_FAULTS:
        if fault == "json-as-text":
            assert shown[fault].count(" | ") >= 2, shown  # three customers
        else:
            assert shown[fault].startswith(expected), (fault, shown[fault])


async def test_the_tree_says_when_a_page_is_not_json(make_app: Callable[..., KexploreApp]) -> None:
    with start_sandbox(
        SandboxConfig(port=0, customers=3, faults="GET /v1/customers=bad-json")
    ) as running:
        app = make_app(running.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one(Tree)
            tree.focus()
            await pilot.press("space", "down", "space")
            await settle(app, pilot)
            node = tree.cursor_node
            assert node is not None
            assert str(node.children[0].label).startswith("⚠"), str(node.children[0].label)


async def test_random_faults_never_take_the_explorer_down(
    make_app: Callable[..., KexploreApp],
) -> None:
    """`random:11:0.6`: 20 requests, most of them broken somehow; every one gets an answer."""
    config = SandboxConfig(port=0, customers=3, faults="random:11:0.6")
    with start_sandbox(config) as running:
        app = make_app(running.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            outcomes = []
            for step in range(20):
                await send(app, pilot, f"/v1/customers?pageSize=1&step={step}")
                outcomes.append(shown(app).split(" ", 1)[0])
            await pilot.press("ctrl+l")
            assert app.focused is not None and app.focused.id == "path"
        assert running.failures == []
    assert not any(outcome.startswith("Sending") for outcome in outcomes), outcomes
    assert outcomes.count("200") < 18 and len(set(outcomes)) >= 3, outcomes
