"""Shared pytest fixtures for the whole suite."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from kexplore.app import KexploreApp, build_app
from kexplore.core.http.client import ApiClient
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse
from kexplore.core.settings.settings import Profile, Settings
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


# --- app fixtures: the real app against a real server, every file in tmp_path ---------------


FIXED_NOW = 1_795_000_000.0
"""A fixed wall clock for rate-limit countdowns in snapshots."""

ADMIN_KEY = "sandbox-admin-key"

SHOWN_BASE_URL = "http://127.0.0.1:8787"
"""The base URL snapshots show, whatever free port the sandbox really has."""


class _RedirectTransport(httpx.AsyncBaseTransport):
    """Sends every request to the real sandbox's port over a real socket."""

    def __init__(self, real_base_url: str) -> None:
        self._real = httpx.URL(real_base_url)
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(host=self._real.host, port=self._real.port)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


class FixedElapsedClient(ApiClient):
    """An ApiClient whose responses report a fixed elapsed time, so snapshots are stable."""

    async def send(self, request: ApiRequest, **kwargs: object) -> ApiResponse:  # type: ignore[override]
        response = await super().send(request, **kwargs)  # type: ignore[arg-type]
        return dataclasses.replace(response, elapsed=0.012)


def make_settings(
    tmp_path: Path,
    base_url: str,
    *,
    sandbox: bool = True,
    confirm_writes: bool = False,
    api_key: str | None = ADMIN_KEY,
) -> Settings:
    """Settings for a test: every file under tmp_path, never the home directory."""
    profile = Profile(
        name="sandbox" if sandbox else "production",
        base_url=base_url,
        confirm_writes=confirm_writes,
        sandbox=sandbox,
    )
    return Settings(
        profile=profile,
        api_key=api_key,
        config_path=tmp_path / "config.toml",
        history_path=tmp_path / "data" / "history.toml",
        collection_path=tmp_path / "data" / "collection.toml",
    )


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., KexploreApp]:
    """Build the real app against `base_url` (usually a sandbox on a free port)."""

    def factory(base_url: str, *, fixed: bool = False, **options: object) -> KexploreApp:
        """`fixed=True`: stable elapsed times, clock and shown base URL, for snapshots.

        A sandbox profile (the default) is the app's own sandbox, as `--sandbox` makes it:
        requests to it are recorded as `sandbox`, sent with the admin role's key.
        """
        shown = SHOWN_BASE_URL if fixed else base_url
        settings = make_settings(tmp_path, shown, **options)  # type: ignore[arg-type]
        if not fixed:
            return build_app(settings)
        app = build_app(
            settings,
            client_type=FixedElapsedClient,
            transport=_RedirectTransport(base_url),
            clock=lambda: FIXED_NOW,
        )
        app.animation_level = "none"  # a tab underline caught mid-slide is not a diff
        return app

    return factory
