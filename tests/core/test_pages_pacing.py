"""Pacing and cursor rules without a server: reserves, waits, narrowing."""

from __future__ import annotations

import orjson
import pytest

from kexplore.core.http.ratelimit import RateLimit
from kexplore.core.http.request import ApiRequest
from kexplore.core.pages.cursor import NarrowingError, narrowed_request, start_cursor
from kexplore.core.pages.pacing import backoff_delay, budget_wait, retry_after_wait
from kexplore.core.pages.progress import WalkProgress

NOW = 1_800_000_000.0


@pytest.mark.parametrize(
    ("remaining", "reserve", "expected"),
    [(11, 10, 0.0), (10, 10, 20.0), (3, 10, 20.0), (1, 0, 0.0), (0, 0, 20.0)],
)
def test_the_walk_waits_for_the_reset_once_only_the_reserve_is_left(
    remaining: int, reserve: float, expected: float
) -> None:
    rate = RateLimit(limit=100, remaining=remaining, reset_at=NOW + 20, observed_at=NOW)
    assert budget_wait(rate, reserve, NOW) == expected


def test_unknown_budgets_do_not_wait_and_an_unknown_reset_waits_a_window() -> None:
    assert budget_wait(None, 10, NOW) == 0.0
    assert budget_wait(RateLimit(limit=100), 10, NOW) == 0.0
    assert budget_wait(RateLimit(limit=100, remaining=2), 10, NOW) == 60.0


def test_429_waits_retry_after_else_backs_off() -> None:
    told = RateLimit(retry_after=7, observed_at=NOW)
    assert retry_after_wait(told, NOW + 2, 1, 1.0) == 5
    assert retry_after_wait(None, NOW, 3, 1.0) == 4.0
    assert [backoff_delay(n, 0.5) for n in (1, 2, 3)] == [0.5, 1.0, 2.0]


def test_a_search_without_sort_is_sorted_by_updated_at() -> None:
    cursor = start_cursor(
        ApiRequest("POST", "/v1/customers/search", body='{"queryContext":"conversation"}')
    )
    assert cursor.request is not None
    assert orjson.loads(cursor.request.body)["sort"] == [{"conversation_updated_at": "asc"}]
    listed = start_cursor(ApiRequest("GET", "/v1/customers"))
    assert listed.request == ApiRequest("GET", "/v1/customers")


def test_narrowing_replaces_the_old_floor_and_restarts_at_page_1() -> None:
    start = start_cursor(
        ApiRequest(
            "POST",
            "/v1/customers/search?page=100&pageSize=2",
            body='{"and":[{"customer_name":{"contains":"a"}}]}',
        )
    )
    assert start.request is not None
    last = {"id": "x", "attributes": {"updatedAt": "2026-01-01T00:00:00.000Z"}}
    once, floor = narrowed_request(start.request, last, None)
    later = {"id": "y", "attributes": {"updatedAt": "2026-02-01T00:00:00.000Z"}}
    twice, floor2 = narrowed_request(once, later, floor)
    assert twice.url == "/v1/customers/search?page=1&pageSize=2"
    assert orjson.loads(twice.body)["and"] == [
        {"customer_name": {"contains": "a"}},
        {"customer_updated_at": {"gte": "2026-02-01T00:00:00.000Z"}},
    ]
    with pytest.raises(NarrowingError, match="share customer_updated_at"):
        narrowed_request(twice, later, floor2)


def test_progress_speed_and_eta() -> None:
    progress = WalkProgress(pages=3, items=300, total=1000, elapsed=2.0, items_this_run=200)
    assert progress.per_second == 100 and progress.eta == 7.0 and progress.fraction == 0.3
    assert progress.describe() == "page 3 · 300 / 1,000 items · 100/s · ETA 7s"
    assert WalkProgress().describe() == "page 0 · 0 items"
