"""Load: the sandbox under 20 concurrent clients; the Trail's memory over 1,000 followed links."""

from __future__ import annotations

import gc
import itertools
import json
import os
import queue
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import orjson
import pytest

from kexplore.core.browse.trail import Trail, Visit
from kexplore.core.http.client import ApiClient
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse
from kexplore.sandbox.server import RunningSandbox

AUTH = {"Authorization": "Bearer sandbox-admin-key"}
CLIENTS = 20
TOTAL = 5_000
BUDGET = 4_000
"""The sandbox's per-window budget: the last 1,000 requests must meet a proper 429."""


def rss_mb(pid: int | str = "self") -> float:
    """A process's resident set size, from /proc/PID/status."""
    gc.collect()
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


@dataclass
class Served:
    """A sandbox in its own process (so client and server each get a core)."""

    base_url: str
    pid: int


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    home = tmp_path_factory.mktemp("home")
    command = [sys.executable, "-m", "kexplore", "sandbox", "--port", str(port)]
    command += ["--rate-limit", str(BUDGET)]
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("kexplore sandbox: http://127.0.0.1:")
        yield Served(f"http://127.0.0.1:{port}", process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


def targets(ids: list[str]) -> Iterator[tuple[str, str, bytes | None]]:
    """A realistic mix: lists, records, lookups, relationships, search, misses."""
    search = json.dumps({"and": [{"customer_name": {"contains": "a"}}]}).encode()
    for n in itertools.count():
        ident = ids[n % len(ids)]
        yield from [
            ("GET", f"/v1/customers?page={n % 10 + 1}&pageSize=20", None),
            ("GET", f"/v1/customers/{ident}", None),
            ("GET", f"/v1/customers/{ids[(n + 7) % len(ids)]}", None),
            ("GET", f"/v1/customers/{ident}/conversations", None),
            ("GET", "/v1/conversations?pageSize=10", None),
            ("GET", f"/v1/customers?email={n}@example.com", None),
            ("GET", "/v1/tags", None),
            ("GET", "/v1/customers/000000000000000000000000", None),
            ("GET", "/v1/no-such-thing", None),
        ]
        if n % 3 == 0:
            yield ("POST", "/v1/customers/search", search)


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


def hammer(base_url: str, work: list[tuple[str, str, bytes | None]]) -> Counter[str]:
    """Send `work` from CLIENTS threads, each with its own keep-alive connection."""
    tally: Counter[str] = Counter()
    pending: queue.SimpleQueue[tuple[str, str, bytes | None]] = queue.SimpleQueue()
    for item in work:
        pending.put(item)
    problems: list[BaseException] = []

    def client() -> None:
        with httpx.Client(base_url=base_url, headers=AUTH, timeout=30) as http:
            while True:
                try:
                    method, path, body = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    tally[check(http.request(method, path, content=body))] += 1
                except BaseException as error:  # reported by the test thread
                    problems.append(error)
                    return

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if problems:
        raise problems[0]
    return tally


@pytest.mark.slow
def test_the_sandbox_under_20_clients_and_5000_requests(loaded: Served) -> None:
    listing = httpx.get(f"{loaded.base_url}/v1/customers?pageSize=50", headers=AUTH).json()
    ids = [record["id"] for record in listing["data"]]
    work = list(itertools.islice(targets(ids), TOTAL - 1))
    warm = hammer(loaded.base_url, work[:1000])
    before = rss_mb(loaded.pid)
    rest = hammer(loaded.base_url, work[1000:])
    grown = rss_mb(loaded.pid) - before
    tally = warm + rest
    assert sum(tally.values()) == TOTAL - 1
    assert set(tally) <= {"200", "404", "429"}, tally
    assert tally["429"] == TOTAL - BUDGET, tally  # the budget is exact, even under concurrency
    assert tally["200"] > 2_500
    assert grown < 25, f"the sandbox's RSS grew {grown:.1f} MB over 4,000 requests"


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
