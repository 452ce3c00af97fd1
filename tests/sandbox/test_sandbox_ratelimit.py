"""The org-wide per-window budget: headers count down, 429 once spent, then recovery."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from kexplore.sandbox.ratelimit import RateLimiter
from kexplore.sandbox.server import SandboxConfig, start_sandbox

ErrorCheck = Callable[..., dict]
"""The `expect_error` fixture: (response, status, *words) -> the error object."""
Connect = Callable[..., httpx.Client]
"""The `connect` fixture: (running sandbox, key) -> an httpx client."""


def test_the_budget_runs_out_and_comes_back(expect_error: ErrorCheck, connect: Connect) -> None:
    config = SandboxConfig(port=0, customers=5, rate_limit=3, rate_window=1.0)
    with start_sandbox(config) as running, connect(running) as client:
        started = time.time()
        remaining = [client.get("/v1/tags").headers["x-ratelimit-remaining"] for _ in range(3)]
        assert remaining == ["2", "1", "0"]
        refused = client.get("/v1/tags")
        error = expect_error(refused, 429, "Rate limit of 3")
        assert error["code"] == "too_many_requests"
        assert refused.headers["x-ratelimit-remaining"] == "0"
        assert refused.headers["x-ratelimit-limit"] == "3"
        assert 1 <= int(refused.headers["retry-after"]) <= 2
        assert started - 1 <= int(refused.headers["x-ratelimit-reset"]) <= started + 3
        time.sleep(1.1)
        recovered = client.get("/v1/tags")
        assert recovered.status_code == 200
        assert recovered.headers["x-ratelimit-remaining"] == "2"


def test_unauthenticated_requests_do_not_spend_the_budget(connect: Connect) -> None:
    config = SandboxConfig(port=0, customers=5, rate_limit=2, rate_window=60.0)
    with start_sandbox(config) as running:
        for _ in range(5):
            response = httpx.get(f"{running.base_url}/v1/tags")
            assert response.status_code == 401
            assert response.headers["x-ratelimit-remaining"] == "2"
        with connect(running) as client:
            assert client.get("/v1/tags").status_code == 200


def test_the_budget_is_shared_by_every_key(expect_error: ErrorCheck, connect: Connect) -> None:
    config = SandboxConfig(port=0, customers=5, rate_limit=2, rate_window=60.0)
    with (
        start_sandbox(config) as running,
        connect(running) as admin,
        connect(running, "sandbox-read-key") as reader,
    ):
        assert admin.get("/v1/tags").status_code == 200
        assert reader.get("/v1/tags").status_code == 200
        expect_error(reader.get("/v1/tags"), 429)
        expect_error(admin.post("/v1/customers", json={"name": "x"}), 429)


def test_the_limiter_rolls_its_window_on_a_fake_clock() -> None:
    now = [1000.0]
    limiter = RateLimiter(2, 60.0, clock=lambda: now[0])
    assert [limiter.hit().allowed for _ in range(3)] == [True, True, False]
    budget = limiter.hit()
    assert budget.headers() == {
        "x-ratelimit-limit": "2",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "1060",
    }
    assert budget.retry_after(now[0]) == 60
    now[0] = 1060.0
    assert limiter.hit().remaining == 1
