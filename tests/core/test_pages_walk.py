"""PageWalker against a real sandbox on a free port: order, pacing, 429s, narrowing, retries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest

from kexplore.core.http.client import ApiClient
from kexplore.core.http.request import ApiRequest
from kexplore.core.pages.cursor import Cursor, start_cursor
from kexplore.core.pages.walk import PageWalker, Pause, WalkedPage, WalkOptions, WalkStopped
from kexplore.sandbox.faults import parse_faults
from kexplore.sandbox.server import RunningSandbox, SandboxConfig, start_sandbox

KEY = "sandbox-admin-key"


class StatusLog(httpx.AsyncBaseTransport):
    """A real transport that remembers the status of every response."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.statuses: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        self.statuses.append(response.status_code)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def listed_ids(base_url: str) -> list[str]:
    """Every customer id in list order, read directly at the largest page size."""
    ids: list[str] = []
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {KEY}"}) as client:
        for page in range(1, 4):
            document = client.get("/v1/customers", params={"page": page, "pageSize": 100}).json()
            ids += [item["id"] for item in document["data"]]
    return ids


async def walk_all(walker: PageWalker, cursor: Cursor) -> list[WalkedPage]:
    return [page async for page in walker.walk(cursor)]


def ids_of(pages: list[WalkedPage]) -> list[str]:
    return [item["id"] for page in pages for item in page.items]


@pytest.fixture
def tiny_budget() -> Iterator[RunningSandbox]:
    """12 requests a second, org-wide."""
    config = SandboxConfig(port=0, rate_limit=12, rate_window=1.0)
    with start_sandbox(config) as running:
        yield running


async def test_a_250_item_list_yields_meta_total_unique_ids_in_order(
    sandbox: RunningSandbox,
) -> None:
    async with ApiClient(sandbox.base_url, KEY) as client:
        walker = PageWalker(client)
        pages = await walk_all(walker, start_cursor(ApiRequest("GET", "/v1/customers?pageSize=7")))
    ids = ids_of(pages)
    last = pages[-1].cursor
    assert last.done and last.total == 250 == len(ids) == len(set(ids)) == last.items
    assert len(pages) == last.pages == 36
    assert ids == listed_ids(sandbox.base_url)


async def test_pacing_keeps_a_reserve_and_never_meets_a_429(tiny_budget: RunningSandbox) -> None:
    log, pauses = StatusLog(), []
    async with ApiClient(tiny_budget.base_url, KEY, transport=log) as client:
        walker = PageWalker(client, WalkOptions(reserve_percent=25), on_pause=pauses.append)
        pages = await walk_all(walker, start_cursor(ApiRequest("GET", "/v1/customers?pageSize=10")))
    assert len(set(ids_of(pages))) == 250
    assert set(log.statuses) == {200} and len(log.statuses) == 25
    assert pauses and all("reserve" in pause.reason for pause in pauses)
    # 25 % of 12 is 3: every window's budget stopped at 3 requests left, never lower.
    assert min(page.rate.remaining for page in pages if page.rate) == 3


async def test_a_budget_spent_by_another_client_is_waited_out(
    tiny_budget: RunningSandbox,
) -> None:
    log, pauses = StatusLog(), []

    def spend_everything(page: WalkedPage) -> None:
        with httpx.Client(base_url=tiny_budget.base_url) as other:
            headers = {"Authorization": "Bearer sandbox-read-key"}
            while other.get("/v1/tags", headers=headers).status_code != 429:
                pass

    async with ApiClient(tiny_budget.base_url, KEY, transport=log) as client:
        walker = PageWalker(client, WalkOptions(reserve_percent=0), on_pause=pauses.append)
        pages = []
        async for page in walker.walk(start_cursor(ApiRequest("GET", "/v1/customers"))):
            pages.append(page)
            if len(pages) == 1:
                spend_everything(page)
    assert len(set(ids_of(pages))) == 250 == pages[-1].cursor.items
    assert log.statuses.count(429) >= 1
    assert any(pause.reason.startswith("429") for pause in pauses)


async def test_a_search_walk_past_100_pages_narrows_on_updated_at_without_duplicates(
    sandbox: RunningSandbox,
) -> None:
    sandbox.clear_log()
    request = ApiRequest("POST", "/v1/customers/search?pageSize=2", body='{"and": []}')
    async with ApiClient(sandbox.base_url, KEY) as client:
        pages = await walk_all(PageWalker(client), start_cursor(request))
    ids = ids_of(pages)
    assert len(ids) == len(set(ids)) == 250 == pages[0].cursor.total
    assert pages[-1].cursor.floor is not None
    served = [path for method, path in sandbox.requests if method == "POST"]
    assert not any("page=101" in path for path in served)
    assert any("page=1&" in path for path in served)  # restarted at page 1, narrowed
    updated = [item["attributes"]["updatedAt"] for page in pages for item in page.items]
    assert updated == sorted(updated)


async def test_a_search_sorted_otherwise_stops_at_page_100_and_says_why(
    sandbox: RunningSandbox,
) -> None:
    body = orjson.dumps({"sort": [{"customer_name": "asc"}]}).decode()
    request = ApiRequest("POST", "/v1/customers/search?pageSize=2", body=body)
    async with ApiClient(sandbox.base_url, KEY) as client:
        walker = PageWalker(client)
        with pytest.raises(WalkStopped, match="sort by customer_updated_at") as stopped:
            await walk_all(walker, start_cursor(request))
    assert stopped.value.cursor.pages == 100 and stopped.value.cursor.items == 200


async def test_a_dropped_connection_mid_walk_is_retried() -> None:
    config = SandboxConfig(port=0, faults="/nowhere=empty-200")
    with start_sandbox(config) as running:
        middleware: Any = running._built.app
        pauses: list[Pause] = []

        def heal(pause: Pause) -> None:
            pauses.append(pause)
            middleware.rules = ()

        async with ApiClient(running.base_url, KEY) as client:
            walker = PageWalker(client, WalkOptions(backoff=0.01), on_pause=heal)
            pages = []
            async for page in walker.walk(start_cursor(ApiRequest("GET", "/v1/customers"))):
                pages.append(page)
                middleware.rules = parse_faults("GET /v1/customers=reset-mid-body")
    assert len(set(ids_of(pages))) == 250
    # Every page after the first met a dropped connection once, and its retry got it.
    assert len(pauses) == len(pages) - 1 == 2
    assert all("connection" in pause.reason.lower() for pause in pauses)


async def test_a_fault_that_does_not_heal_stops_after_the_retries() -> None:
    config = SandboxConfig(port=0, faults="GET /v1/customers=status:503")
    with start_sandbox(config) as running:
        async with ApiClient(running.base_url, KEY) as client:
            walker = PageWalker(client, WalkOptions(retries=2, backoff=0.01))
            with pytest.raises(WalkStopped, match=r"503.*after 3 tries") as stopped:
                await walk_all(walker, start_cursor(ApiRequest("GET", "/v1/customers")))
    assert stopped.value.cursor.pages == 0


async def test_a_4xx_stops_at_once_with_the_apis_words(sandbox: RunningSandbox) -> None:
    async with ApiClient(sandbox.base_url, "not-a-key") as client:
        with pytest.raises(WalkStopped, match=r"^401") as stopped:
            await walk_all(PageWalker(client), start_cursor(ApiRequest("GET", "/v1/customers")))
    assert stopped.value.cursor.request is not None


async def test_caps_stop_the_walk_and_the_cursor_resumes_without_duplicates(
    sandbox: RunningSandbox,
) -> None:
    start = start_cursor(ApiRequest("GET", "/v1/customers?pageSize=10"))
    async with ApiClient(sandbox.base_url, KEY) as client:
        first: list[WalkedPage] = []
        with pytest.raises(WalkStopped, match="cap of 15 items") as stopped:
            async for page in PageWalker(client, WalkOptions(max_items=15)).walk(start):
                first.append(page)
        taken = ids_of(first)
        assert len(taken) == 15
        rest = await walk_all(PageWalker(client, seen=taken), stopped.value.cursor)
    assert taken + ids_of(rest) == listed_ids(sandbox.base_url)


async def test_a_max_pages_cap_stops_before_the_next_page(sandbox: RunningSandbox) -> None:
    start = start_cursor(ApiRequest("GET", "/v1/customers?pageSize=10"))
    async with ApiClient(sandbox.base_url, KEY) as client:
        with pytest.raises(WalkStopped, match="cap of 3 pages") as stopped:
            await walk_all(PageWalker(client, WalkOptions(max_pages=3)), start)
    cursor = stopped.value.cursor
    assert (cursor.pages, cursor.items) == (3, 30)
    assert cursor.request is not None and "page=4" in cursor.request.url
