"""Shared pytest fixtures for the whole suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kexplore.sandbox.server import RunningSandbox, SandboxConfig, start_sandbox

# --- sandbox fixtures (owned by the sandbox; add other fixtures outside this block) ---------

TEST_RATE_LIMIT = 100_000
"""Fixtures raise the per-minute budget so a whole test session never meets a 429 by accident;
rate-limit tests start their own sandbox with a tiny budget."""


@pytest.fixture(scope="session")
def sandbox() -> Iterator[RunningSandbox]:
    """A sandbox with the default seed (250 customers) on a free loopback port, shared by the
    whole session. Treat it as read-only: tests that write use `fresh_sandbox`."""
    running = start_sandbox(SandboxConfig(port=0, rate_limit=TEST_RATE_LIMIT))
    yield running
    running.stop()


@pytest.fixture
def fresh_sandbox() -> Iterator[RunningSandbox]:
    """A new sandbox with the default seed for one test, free to write to; stopped after it."""
    running = start_sandbox(SandboxConfig(port=0, rate_limit=TEST_RATE_LIMIT))
    yield running
    running.stop()


# --- end of sandbox fixtures --------------------------------------------------------------
