"""Load: the sandbox under 20 concurrent clients; the Trail's memory over 1,000 followed links."""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
from collections import Counter
from collections.abc import Iterator

import httpx
import orjson
import pytest

from kexplore.core.client import ApiClient
from kexplore.core.request import ApiRequest
from kexplore.core.response import ApiResponse
from kexplore.core.trail import Trail, Visit
from kexplore.sandbox.server import RunningSandbox, SandboxConfig, start_sandbox

AUTH = {"Authorization": "Bearer sandbox-admin-key"}
CLIENTS = 20
TOTAL = 5_000
BUDGET = 4_000
"""The sandbox's per-window budget: the last 1,000 requests must meet a proper 429."""


def rss_mb() -> float:
    """This process's resident set size (the sandbox serves from a thread in it)."""
    gc.collect()
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


@pytest.fixture(scope="module")
def loaded() -> Iterator[RunningSandbox]:
    running = start_sandbox(SandboxConfig(port=0, customers=250, rate_limit=BUDGET))
    yield running
    running.stop()


def targets(ids: list[str]) -> Iterator[tuple[str, str, bytes | None]]:
    """A realistic mix: lists, records, lookups, relationships, search, misses."""
    search = json.dumps({"and": [{"customer_name": {"contains": "a"}}]}).encode()
    for n in itertools.count():
        ident = ids[n % len(ids)]
        yield from [
            ("GET", f"/v1/customers?page={n % 10 + 1}&pageSize=20", None),
            ("GET", f"/v1/customers/{ident}", None),
            ("GET", f"/v1/customers/{ident}/conversations", None),
            ("GET", "/v1/conversations?pageSize=10", None),
            ("GET", "/v1/tags", None),
            ("POST", "/v1/customers/search", search),
            ("GET", "/v1/customers/000000000000000000000000", None),
            ("GET", "/v1/no-such-thing", None),
        ]


def check(response: httpx.Response) -> str:
    """Assert `response` is a valid Kustomer answer; its status class for the tally."""
    assert response.status_code != 500 and response.status_code < 500, response.text
    body = orjson.loads(response.content)
    assert isinstance(body, dict)
    assert "x-ratelimit-limit" in response.headers
    if response.status_code >= 400:
        assert list(body) == ["errors"] and body["errors"][0]["status"] == str(response.status_code)
        if response.status_code == 429:
            assert int(response.headers["retry-after"]) > 0
            assert response.headers["x-ratelimit-remaining"] == "0"
    else:
        assert "data" in body
    return str(response.status_code)


async def hammer(base_url: str, work: list[tuple[str, str, bytes | None]]) -> Counter[str]:
    tally: Counter[str] = Counter()
    queue: asyncio.Queue[tuple[str, str, bytes | None]] = asyncio.Queue()
    for item in work:
        queue.put_nowait(item)
    limits = httpx.Limits(max_connections=CLIENTS)

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base_url, headers=AUTH, limits=limits) as http:
            while not queue.empty():
                method, path, body = queue.get_nowait()
                response = await http.request(method, path, content=body, timeout=30)
                tally[check(response)] += 1

    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return tally


@pytest.mark.slow
async def test_the_sandbox_under_20_clients_and_5000_requests(loaded: RunningSandbox) -> None:
    listing = httpx.get(f"{loaded.base_url}/v1/customers?pageSize=50", headers=AUTH).json()
    ids = [record["id"] for record in listing["data"]]
    work = list(itertools.islice(targets(ids), TOTAL - 1))
    warm = await hammer(loaded.base_url, work[:1000])
    before = rss_mb()
    rest = await hammer(loaded.base_url, work[1000:])
    grown = rss_mb() - before
    tally = warm + rest
    assert sum(tally.values()) == TOTAL - 1
    assert set(tally) <= {"200", "404", "429"}, tally
    assert tally["429"] == TOTAL - BUDGET, tally  # the budget is exact, even under concurrency
    assert tally["200"] > 2_500
    assert loaded.failures == []
    assert grown < 40, f"RSS grew {grown:.1f} MB over 4,000 requests"


# --- the Trail: 1,000 links in a row -----------------------------------------------------------


async def _follow_1000(sandbox: RunningSandbox, trail: Trail) -> int:
    """Follow `links.next` 1,000 times as the explorer does; the largest body seen."""
    largest, first = 0, "/v1/customers?pageSize=20"
    async with ApiClient(sandbox.base_url, "sandbox-admin-key") as client:
        url = first
        for step in range(1_000):
            response = await client.send(ApiRequest("GET", url))
            assert response.status == 200
            # What MainScreen and ResponseView ask: the kind sniff parses bodies up to 256 KB,
            # the breadcrumb label parses up to 512 KB; both keep the parsed tree.
            assert response.kind == "json"
            url = response.json()["links"]["next"] or first
            largest = max(largest, response.size)
            trail.visit(Visit(ApiRequest("GET", url), response, f"step {step}"))
    return largest


@pytest.mark.slow
async def test_following_1000_links_keeps_the_trail_bounded(sandbox: RunningSandbox) -> None:
    trail = Trail()  # as MainScreen makes it: 200 visits, 256 MB of bodies
    before = rss_mb()
    largest = await _follow_1000(sandbox, trail)
    grown = rss_mb() - before
    assert len(trail) == 200
    assert trail.visits[0].label == "step 800"
    bodies = trail.cached_bytes / 2**20
    assert bodies <= 200 * largest / 2**20
    # Parsed trees take ~6x their body: kept for every visit, this grew ~70 MB, not ~15.
    assert grown < bodies + 20, f"RSS grew {grown:.1f} MB for {bodies:.1f} MB of bodies"


def test_only_the_current_visit_keeps_its_parsed_body() -> None:
    trail = Trail()
    responses = [ApiResponse(200, "OK", (), b'{"data": [1, 2, 3]}') for _ in range(3)]
    for step, response in enumerate(responses):
        response.json()
        trail.visit(Visit(ApiRequest("GET", f"/v1/x/{step}"), response, str(step)))
    assert [bool(r._json_cache) for r in responses] == [False, False, True]
    trail.back()
    responses[1].json()
    assert [bool(r._json_cache) for r in responses] == [False, True, False]
    trail.forward()
    assert [bool(r._json_cache) for r in responses] == [False, False, False]
    assert responses[0].json() == {"data": [1, 2, 3]}  # parsed again on demand


def test_the_cap_counts_real_response_sizes() -> None:
    trail = Trail(max_visits=1_000, max_cached_bytes=10 * 2**20)
    body = b'{"data": "' + b"x" * (2**20 - 12) + b'"}'
    for step in range(1_000):
        response = ApiResponse(200, "OK", (("content-type", "application/json"),), body)
        trail.visit(Visit(ApiRequest("GET", f"/v1/x/{step}"), response, str(step)))
    assert len(trail) == 1_000
    assert trail.cached_bytes <= 10 * 2**20
    assert sum(v.response is not None for v in trail.visits) == 10
    back = [trail.back() for _ in range(15)]
    assert all(v is not None for v in back)
    assert back[-1] is not None and back[-1].response is None  # dropped: re-sent on return
