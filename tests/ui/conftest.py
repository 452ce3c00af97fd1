"""UI test helpers: make_app() builds the real app against a real server, files in tmp_path."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from kexplore.app import KexploreApp, build_app
from kexplore.core.client import ApiClient
from kexplore.core.request import ApiRequest
from kexplore.core.response import ApiResponse
from kexplore.core.settings import Profile, Settings

FIXED_NOW = 1_795_000_000.0
"""A fixed wall clock for rate-limit countdowns in snapshots."""

ADMIN_KEY = "sandbox-admin-key"


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
        settings = make_settings(tmp_path, base_url, **options)  # type: ignore[arg-type]
        app = build_app(settings)
        if fixed:
            app.services.client = FixedElapsedClient(base_url, settings.api_key)
            app.services.clock = lambda: FIXED_NOW
        return app

    return factory
