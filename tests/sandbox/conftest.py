"""Fixtures for the sandbox tests: httpx clients over the socket, and the error-shape check."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from kexplore.sandbox.server import ADMIN_KEY, READ_KEY, RunningSandbox

ErrorCheck = Callable[..., dict]


def client_for(running: RunningSandbox, key: str | None = ADMIN_KEY) -> httpx.Client:
    """An httpx client for a running sandbox, authenticated with `key` (None: no header)."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(base_url=running.base_url, headers=headers, timeout=60)


@pytest.fixture
def admin(sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    """The shared sandbox, with the admin key (read from it; write only in fresh sandboxes)."""
    with client_for(sandbox) as client:
        yield client


@pytest.fixture
def reader(sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    """The shared sandbox, with the read-only key."""
    with client_for(sandbox, READ_KEY) as client:
        yield client


@pytest.fixture
def writer(fresh_sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    """A fresh sandbox of this test's own, with the admin key."""
    with client_for(fresh_sandbox) as client:
        yield client


def check_error(response: httpx.Response, status: int, *words: str) -> dict:
    """Assert `response` is a Kustomer error of `status` whose detail mentions `words`.

    Returns:
        The single error object.
    """
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert list(body) == ["errors"] and len(body["errors"]) == 1
    error = body["errors"][0]
    assert error["status"] == str(status)
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["title"], str) and error["title"]
    assert isinstance(error["detail"], str) and error["detail"]
    for word in words:
        assert word in error["detail"], (word, error["detail"])
    return error


@pytest.fixture
def connect() -> Callable[..., httpx.Client]:
    """`connect(running, key=ADMIN_KEY)`: an httpx client for a sandbox a test started itself."""
    return client_for


@pytest.fixture
def expect_error() -> ErrorCheck:
    """`expect_error(response, status, *words)`: assert the Kustomer error shape."""
    return check_error
