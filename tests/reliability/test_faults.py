"""Each injected fault, seen from a raw client (httpx without kexplore, and a bare socket)."""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kexplore.sandbox.faults import FAULTS, Fault, FaultSpecError, Rule, parse_faults
from kexplore.sandbox.server import RunningSandbox, SandboxConfig, start_sandbox

AUTH = {"Authorization": "Bearer sandbox-admin-key"}
SPEC = "; ".join(
    [
        "GET /f/html503=status:503:html",
        "/f/empty502=status:502:empty",
        "/f/json500=status:500",
        "/f/rl=ratelimit",
        "/f/rl-after=ratelimit:7",
        "/f/close=close-before-headers",
        "/f/reset=reset-mid-body",
        "/f/short=short-body",
        "/f/badjson=bad-json",
        "/f/gzip=bad-gzip",
        "/f/empty=empty-200",
        "/f/huge=huge-string:5",
        "/f/deep=deep-nest",
        "/f/dup=dup-keys",
        "/f/utf8=non-utf8",
        "/v1/brands=json-as-text",
        "/v1/teams=drip:5:60",
        "/v1/tags=latency:300",
    ]
)


@pytest.fixture(scope="module")
def faulty() -> Iterator[RunningSandbox]:
    running = start_sandbox(SandboxConfig(port=0, customers=5, faults=SPEC))
    yield running
    running.stop()


def get(running: RunningSandbox, path: str) -> httpx.Response:
    return httpx.get(running.base_url + path, headers=AUTH, timeout=10)


def raw(running: RunningSandbox, path: str) -> bytes:
    """Everything the server sends on a bare socket until it closes (or 5 s pass)."""
    host, port = running.base_url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        request = f"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sandbox-admin-key\r\n"
        sock.sendall(request.encode() + b"Connection: close\r\n\r\n")
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        return received


class TestStatusFaults:
    def test_503_with_an_html_body(self, faulty: RunningSandbox) -> None:
        response = get(faulty, "/f/html503")
        assert response.status_code == 503
        assert response.headers["content-type"] == "text/html"
        assert b"<html>" in response.content

    def test_method_restricts_the_rule(self, faulty: RunningSandbox) -> None:
        response = httpx.post(faulty.base_url + "/f/html503", headers=AUTH)
        assert response.status_code == 404  # no fault for POST: the sandbox's own answer

    def test_502_with_an_empty_body(self, faulty: RunningSandbox) -> None:
        response = get(faulty, "/f/empty502")
        assert (response.status_code, response.content) == (502, b"")
        assert "content-type" not in response.headers

    def test_500_with_a_kustomer_error(self, faulty: RunningSandbox) -> None:
        response = get(faulty, "/f/json500")
        assert response.status_code == 500
        assert response.json()["errors"][0]["status"] == "500"

    def test_429_without_and_with_retry_after(self, faulty: RunningSandbox) -> None:
        bare, timed = get(faulty, "/f/rl"), get(faulty, "/f/rl-after")
        assert (bare.status_code, timed.status_code) == (429, 429)
        assert "retry-after" not in bare.headers
        assert timed.headers["retry-after"] == "7"

    def test_the_older_mapping_form_still_works(self) -> None:
        faults = {"GET /v1/tags": 503}
        with start_sandbox(SandboxConfig(port=0, customers=2, faults=faults)) as running:
            response = get(running, "/v1/tags")
            assert response.status_code == 503
            assert "Injected" in response.json()["errors"][0]["detail"]
            assert get(running, "/v1/brands").status_code == 200


class TestConnectionFaults:
    def test_close_before_headers(self, faulty: RunningSandbox) -> None:
        assert raw(faulty, "/f/close") == b""
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            get(faulty, "/f/close")

    def test_reset_mid_body(self, faulty: RunningSandbox) -> None:
        received = raw(faulty, "/f/reset")
        assert received.startswith(b"HTTP/1.1 200 ")
        assert b"transfer-encoding: chunked" in received.lower()
        assert b'{"data": [{"type": "cust' in received
        assert not received.endswith(b"0\r\n\r\n"), "the last chunk must never come"
        with pytest.raises(httpx.RemoteProtocolError):
            get(faulty, "/f/reset")

    def test_content_length_longer_than_the_body(self, faulty: RunningSandbox) -> None:
        received = raw(faulty, "/f/short")
        head, _, body = received.partition(b"\r\n\r\n")
        assert b"content-length: 1000" in head
        assert body == b'{"data": {"ty'
        with pytest.raises(httpx.RemoteProtocolError, match="peer closed"):
            get(faulty, "/f/short")

    def test_the_server_keeps_serving_after_dropped_connections(
        self, faulty: RunningSandbox
    ) -> None:
        for path in ("/f/close", "/f/reset", "/f/short"):
            with pytest.raises(httpx.RemoteProtocolError):
                get(faulty, path)
            assert get(faulty, "/v1/customers?pageSize=1").status_code == 200
        assert faulty.failures == []

    def test_drip_sends_the_real_body_slowly(self, faulty: RunningSandbox) -> None:
        started = time.perf_counter()
        chunks = []
        with httpx.stream("GET", faulty.base_url + "/v1/teams", headers=AUTH) as response:
            chunks = list(response.iter_raw())
        assert time.perf_counter() - started >= 0.25
        assert len(chunks) >= 3
        assert json.loads(b"".join(chunks))["data"] is not None

    def test_latency(self, faulty: RunningSandbox) -> None:
        started = time.perf_counter()
        response = get(faulty, "/v1/tags")
        assert time.perf_counter() - started >= 0.3
        assert response.status_code == 200 and "data" in response.json()


class TestBodyFaults:
    def test_invalid_json_labelled_json(self, faulty: RunningSandbox) -> None:
        response = get(faulty, "/f/badjson")
        assert response.headers["content-type"].startswith("application/json")
        with pytest.raises(json.JSONDecodeError):
            response.json()

    def test_json_labelled_text_plain(self, faulty: RunningSandbox) -> None:
        response = get(faulty, "/v1/brands")
        assert response.headers["content-type"].startswith("text/plain")
        assert "data" in json.loads(response.content)

    def test_gzip_that_does_not_decompress(self, faulty: RunningSandbox) -> None:
        received = raw(faulty, "/f/gzip")
        assert b"content-encoding: gzip" in received
        body = received.partition(b"\r\n\r\n")[2]
        with pytest.raises((OSError, EOFError, zlib.error)):
            gzip.decompress(body)
        with pytest.raises(httpx.DecodingError):
            get(faulty, "/f/gzip")

    def test_zero_byte_200(self, faulty: RunningSandbox) -> None:
        response = get(faulty, "/f/empty")
        assert (response.status_code, response.content) == (200, b"")
        assert response.headers["content-length"] == "0"

    def test_huge_single_line_string(self, faulty: RunningSandbox) -> None:
        response = get(faulty, "/f/huge")
        assert len(response.content) > 5 * 2**20
        assert b"\n" not in response.content

    def test_deeply_nested_arrays(self, faulty: RunningSandbox) -> None:
        body = get(faulty, "/f/deep").content
        assert body == b"[" * 100_000 + b"]" * 100_000

    def test_duplicate_keys(self, faulty: RunningSandbox) -> None:
        body = get(faulty, "/f/dup").text
        assert body.count('"id"') == 2 and body.count('"data"') == 2

    def test_non_utf8(self, faulty: RunningSandbox) -> None:
        body = get(faulty, "/f/utf8").content
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")

    def test_every_fault_has_a_case_here(self) -> None:
        used = {rule.fault.name for rule in parse_faults(SPEC)}
        assert used == set(FAULTS)


class TestSpecGrammar:
    def test_clauses_methods_globs_and_args(self) -> None:
        rules = parse_faults(" GET /v1/tags/=status:503:html ;/v1/customers/*=reset-mid-body;")
        assert rules == (
            Rule("GET", "/v1/tags", Fault("status", ("503", "html"))),
            Rule(None, "/v1/customers/*", Fault("reset-mid-body")),
        )
        assert rules[1].matches("DELETE", "/v1/customers/abc")
        assert not rules[0].matches("POST", "/v1/tags")

    def test_random_clause(self) -> None:
        (rule,) = parse_faults("random:42:0.5")
        assert rule == Rule(None, "*", Fault("random", ("42", "0.5")))

    @pytest.mark.parametrize(
        ("spec", "words"),
        [
            ("/x=explode", "Unknown fault 'explode'"),
            ("/x", "is not [METHOD ]PATH_GLOB=FAULT"),
            ("FETCH /x=bad-json", "the target must be"),
            ("/x=status:abc", "whole numbers"),
            ("/x=status:700", "from 100 to 599"),
            ("/x=status:503:xml", "json, html or empty"),
            ("/x=latency:-5", "whole numbers"),
            ("random:1", "random needs SEED:RATE"),
            ("random:1:2", "RATE must be"),
        ],
    )
    def test_bad_specs_say_what_is_wrong(self, spec: str, words: str) -> None:
        with pytest.raises(FaultSpecError, match=words.replace("[", r"\[")):
            parse_faults(spec)

    def test_a_bad_spec_stops_the_sandbox_from_starting(self) -> None:
        with pytest.raises(ValueError, match="Unknown fault"):
            start_sandbox(SandboxConfig(port=0, customers=1, faults="*=nope"))

    def test_random_faults_are_reproducible_and_leave_the_rest_alone(self) -> None:
        def statuses() -> list[int | str]:
            seen: list[int | str] = []
            config = SandboxConfig(port=0, customers=2, faults="random:7:0.5")
            with start_sandbox(config) as running, httpx.Client(headers=AUTH) as client:
                for _ in range(40):
                    try:
                        seen.append(client.get(running.base_url + "/v1/tags").status_code)
                    except httpx.HTTPError as error:
                        seen.append(type(error).__name__)
                assert running.failures == []
            return seen

        first = statuses()
        assert first == statuses()
        assert 5 < first.count(200) < 35
        assert len(set(first)) >= 4


class TestCommandLine:
    def test_kexplore_sandbox_faults(self, tmp_path: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-m", "kexplore", "sandbox", "--port", str(port)]
        command += ["--customers", "2", "--faults", "GET /v1/tags=status:503:html"]
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
        try:
            assert process.stdout is not None and process.stdout.readline()
            base = f"http://127.0.0.1:{port}"
            assert httpx.get(base + "/v1/tags", headers=AUTH).status_code == 503
            assert httpx.get(base + "/v1/brands", headers=AUTH).status_code == 200
        finally:
            process.terminate()
            process.wait(timeout=10)

    def test_a_bad_spec_on_the_command_line_exits_2(self, tmp_path: Path) -> None:
        command = [sys.executable, "-m", "kexplore", "sandbox", "--port", "0", "--faults", "/x=?"]
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 2
        assert "Unknown fault '?'" in done.stderr and "Traceback" not in done.stderr
