"""start_sandbox / stop / serve: threads, ports, loopback only, the request log, file stores."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from kexplore.sandbox.server import (
    ADMIN_KEY,
    READ_KEY,
    RunningSandbox,
    SandboxConfig,
    start_sandbox,
)

AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}


def first_customer(base_url: str) -> dict:
    response = httpx.get(f"{base_url}/v1/customers?pageSize=1", headers=AUTH)
    assert response.status_code == 200
    return response.json()["data"][0]


class TestStartStop:
    def test_it_answers_as_soon_as_start_returns(self) -> None:
        with start_sandbox(SandboxConfig(port=0)) as running:
            assert running.base_url.startswith("http://127.0.0.1:")
            assert first_customer(running.base_url)["type"] == "customer"

    def test_stop_frees_the_port(self) -> None:
        running = start_sandbox(SandboxConfig(port=0))
        port = int(running.base_url.rsplit(":", 1)[1])
        first_customer(running.base_url)
        running.stop()
        running.stop()  # twice is harmless
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", port))
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{running.base_url}/v1/customers", headers=AUTH)

    def test_a_second_sandbox_can_take_the_same_port_after_stop(self) -> None:
        running = start_sandbox(SandboxConfig(port=0))
        port = int(running.base_url.rsplit(":", 1)[1])
        running.stop()
        with start_sandbox(SandboxConfig(port=port)) as again:
            assert again.base_url.endswith(f":{port}")
            assert first_customer(again.base_url)

    async def test_it_starts_from_inside_a_running_event_loop(self) -> None:
        running = start_sandbox(SandboxConfig(port=0))
        try:
            async with httpx.AsyncClient(base_url=running.base_url, headers=AUTH) as client:
                response = await client.get("/v1/users/current")
            assert response.status_code == 200
            assert asyncio.get_running_loop().is_running()
        finally:
            running.stop()

    @pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "example.com"])
    def test_non_loopback_hosts_are_refused_without_allow_remote(self, host: str) -> None:
        with pytest.raises(ValueError, match="allow_remote"):
            start_sandbox(SandboxConfig(host=host, port=0))

    def test_loopback_names_are_accepted(self) -> None:
        for host in ("localhost", "127.0.0.2"):
            with start_sandbox(SandboxConfig(host=host, port=0)) as running:
                assert first_customer(running.base_url)

    def test_allow_remote_binds_any_address(self) -> None:
        with start_sandbox(SandboxConfig(host="0.0.0.0", port=0, allow_remote=True)) as running:
            port = running.base_url.rsplit(":", 1)[1]
            assert first_customer(f"http://127.0.0.1:{port}")


class TestRequestLog:
    def test_every_request_is_recorded_with_its_query(self, fresh_sandbox: RunningSandbox) -> None:
        base = fresh_sandbox.base_url
        httpx.get(f"{base}/v1/customers?pageSize=2&page=3", headers=AUTH)
        httpx.get(f"{base}/v1/customers/email=jane%40example.com", headers=AUTH)
        httpx.post(f"{base}/v1/customers/search", headers=AUTH, json={})
        httpx.get(f"{base}/v1/customers")  # no key: still served (with a 401), still logged
        assert fresh_sandbox.requests == [
            ("GET", "/v1/customers?pageSize=2&page=3"),
            ("GET", "/v1/customers/email=jane%40example.com"),
            ("POST", "/v1/customers/search"),
            ("GET", "/v1/customers"),
        ]
        fresh_sandbox.clear_log()
        assert fresh_sandbox.requests == []
        assert fresh_sandbox.failures == []

    def test_requests_is_a_copy(self, fresh_sandbox: RunningSandbox) -> None:
        fresh_sandbox.requests.append(("GET", "/nowhere"))
        assert fresh_sandbox.requests == []


class TestFileStore:
    def test_a_file_keeps_its_data_and_is_not_reseeded(self, tmp_path: Path) -> None:
        db = str(tmp_path / "sandbox.db")
        with start_sandbox(SandboxConfig(port=0, db=db, customers=20)) as running:
            body = {"name": "Kept Across Restarts", "emails": [{"email": "kept@example.com"}]}
            response = httpx.post(f"{running.base_url}/v1/customers", headers=AUTH, json=body)
            assert response.status_code == 201
        with start_sandbox(SandboxConfig(port=0, db=db, customers=999, seed=7)) as running:
            lookup = f"{running.base_url}/v1/customers/email=kept@example.com"
            assert httpx.get(lookup, headers=AUTH).json()["data"]["attributes"]["name"] == (
                "Kept Across Restarts"
            )
            total = httpx.get(f"{running.base_url}/v1/customers", headers=AUTH).json()["meta"]
            assert total["total"] == 21


def test_serve_prints_url_and_keys_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = (
        "from kexplore.sandbox.server import serve, SandboxConfig; "
        f"serve(SandboxConfig(port={port}, customers=30))"
    )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        lines = [proc.stdout.readline() for _ in range(4)]  # type: ignore[union-attr]
        assert lines[0].startswith(f"kexplore sandbox: http://127.0.0.1:{port}")
        assert ADMIN_KEY in lines[1] and READ_KEY in lines[2]
        assert first_customer(f"http://127.0.0.1:{port}")["type"] == "customer"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill()
        proc.wait()


def test_running_sandbox_exposes_its_store(sandbox: RunningSandbox) -> None:
    assert sandbox.store.get_meta("customers") == "250"
