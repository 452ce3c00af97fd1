"""ApiClient: auth kept to its origin, headers, params, size cap, every failure as ApiError."""

from __future__ import annotations

import asyncio
import socket
import struct
import sys
import types
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
import pytest

import kexplore
from kexplore.core.http import client as client_module
from kexplore.core.http.client import (
    ApiClient,
    ApiError,
    origin_of,
    request_url,
    resolve_url,
)
from kexplore.core.http.request import ApiRequest
from kexplore.core.quantities import format_size

KEY = "secret-key-123"
BASE = "https://api.example.com"

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


# -- helpers -------------------------------------------------------------------------------


def recording_client(
    respond: Callable[[httpx.Request], httpx.Response] | None = None,
    **options: object,
) -> tuple[ApiClient, list[httpx.Request]]:
    """An ApiClient on a MockTransport, and the list of requests the transport saw."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return respond(request) if respond else httpx.Response(200, json={"data": []})

    client = ApiClient(BASE, KEY, transport=httpx.MockTransport(handler), **options)  # type: ignore[arg-type]
    return client, seen


@asynccontextmanager
async def raw_server(handler: Handler) -> AsyncIterator[str]:
    """A raw TCP server on 127.0.0.1 running `handler` per connection; yields its base URL."""
    writers: list[asyncio.StreamWriter] = []

    async def tracked(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        try:
            await handler(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(tracked, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        for writer in writers:
            writer.close()
        await server.wait_closed()


async def read_request(reader: asyncio.StreamReader) -> bytes:
    """Read one request's head (these tests send no bodies to raw servers)."""
    return await reader.readuntil(b"\r\n\r\n")


def reply(status: str = "200 OK", headers: str = "", body: bytes = b"") -> Handler:
    """A handler that answers every request with exactly these bytes."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(f"HTTP/1.1 {status}\r\n{headers}\r\n".encode() + body)
        await writer.drain()

    return handler


def closed_port() -> int:
    """A loopback port nothing listens on: bound, noted, then closed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def failure(client: ApiClient, request: ApiRequest, **options: object) -> ApiError:
    """The ApiError that sending `request` raises (the test fails if it succeeds)."""
    with pytest.raises(ApiError) as caught:
        await asyncio.wait_for(client.send(request, **options), timeout=10)  # type: ignore[arg-type]
    return caught.value


# -- failures, each caused for real ---------------------------------------------------------


async def test_refused_names_host_and_port() -> None:
    port = closed_port()
    async with ApiClient(f"http://127.0.0.1:{port}", KEY) as client:
        error = await failure(client, ApiRequest("GET", "/v1/customers"))
    assert error.kind == "refused"
    assert error.message == f"Connection refused by 127.0.0.1:{port} — is the server running?"
    assert error.url == f"http://127.0.0.1:{port}/v1/customers"


async def test_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    # No network in tests: the resolver itself fails for this name, as the OS would.
    real = socket.getaddrinfo

    def resolve(host: object, *args: object, **kwargs: object) -> object:
        if host == "nowhere.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    async with ApiClient("https://nowhere.invalid", KEY) as client:
        error = await failure(client, ApiRequest("GET", "/v1/customers"))
    assert error.kind == "dns"
    assert "nowhere.invalid" in error.message
    assert "DNS" in error.message


@pytest.mark.skipif(sys.platform != "linux", reason="relies on Linux dropping SYNs to a full queue")
async def test_connect_timeout_says_connect_and_seconds() -> None:
    # A listener whose accept queue is full drops new SYNs, so connecting hangs.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = [socket.socket() for _ in range(4)]
        for filler in fillers:
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
        try:
            async with ApiClient(f"http://127.0.0.1:{port}", connect_timeout=0.3) as client:
                error = await failure(client, ApiRequest("GET", "/"))
        finally:
            for filler in fillers:
                filler.close()
    assert error.kind == "timeout"
    assert "Connect timeout" in error.message
    assert "0.3s" in error.message


async def test_read_timeout_when_server_never_answers() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # until the client gives up and closes

    async with raw_server(silent) as base, ApiClient(base, read_timeout=0.3) as client:
        error = await failure(client, ApiRequest("GET", "/v1/customers"))
    assert error.kind == "timeout"
    assert error.message.startswith("Read timeout")
    assert "0.3s" in error.message


async def test_read_timeout_mid_body_says_how_much_arrived() -> None:
    async def stall(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 100)
        await writer.drain()
        await reader.read()

    async with raw_server(stall) as base, ApiClient(base, read_timeout=0.3) as client:
        error = await failure(client, ApiRequest("GET", "/"))
    assert error.kind == "timeout"
    assert "100 of 1,000 bytes" in error.message


async def test_tls_error_against_a_plain_http_server() -> None:
    async def plain(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(100)  # the TLS ClientHello, which this server does not understand
        writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()

    async with raw_server(plain) as base:
        https = base.replace("http://", "https://")
        async with ApiClient(https, KEY) as client:
            error = await failure(client, ApiRequest("GET", "/"))
    assert error.kind == "tls"
    assert "TLS" in error.message
    assert https.removeprefix("https://") in error.message


async def test_connection_reset_mid_body_says_how_many_bytes_arrived() -> None:
    some_arrived = asyncio.Event()

    async def reset(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 100)
        await writer.drain()
        await some_arrived.wait()
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()  # linger 0: the kernel sends RST, not FIN

    async with raw_server(reset) as base, ApiClient(base) as client:
        request = ApiRequest("GET", "/")
        error = await failure(client, request, on_progress=lambda *_: some_arrived.set())
    assert error.kind == "reset"
    assert "was reset mid-body" in error.message
    assert "100 of 1,000 bytes" in error.message


async def test_connection_closed_mid_body_says_how_many_bytes_arrived() -> None:
    handler = reply(headers="Content-Length: 1000\r\n", body=b"x" * 250)
    async with raw_server(handler) as base, ApiClient(base) as client:
        error = await failure(client, ApiRequest("GET", "/"))
    assert error.kind == "reset"
    assert "closed mid-body" in error.message
    assert "250 of 1,000 bytes" in error.message


async def test_connection_closed_before_any_response() -> None:
    async with raw_server(read_request) as base, ApiClient(base) as client:
        error = await failure(client, ApiRequest("GET", "/"))
    assert error.kind == "reset"
    assert "before a response arrived" in error.message


@pytest.mark.parametrize(
    "raw",
    [
        b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 9\r\n\r\nhello",
        b"HELLO THERE\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    ],
    ids=["bad-content-length", "two-content-lengths", "bad-status-line", "bad-chunk-size"],
)
async def test_protocol_errors(raw: bytes) -> None:
    async def send_raw(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(raw)
        await writer.drain()

    async with raw_server(send_raw) as base, ApiClient(base) as client:
        error = await failure(client, ApiRequest("GET", "/"))
    assert error.kind == "protocol"
    assert "not valid HTTP" in error.message


async def test_undecodable_gzip_body_is_a_protocol_error() -> None:
    handler = reply(headers="Content-Encoding: gzip\r\nContent-Length: 9\r\n", body=b"not gzip!")
    async with raw_server(handler) as base, ApiClient(base) as client:
        error = await failure(client, ApiRequest("GET", "/"))
    assert error.kind == "protocol"


async def test_header_value_with_newline_is_a_protocol_error() -> None:
    async with raw_server(reply()) as base, ApiClient(base) as client:
        error = await failure(client, ApiRequest("GET", "/", headers=(("X-A", "1\r\nX-B: 2"),)))
    assert error.kind == "protocol"


async def test_non_ascii_header_value_is_a_protocol_error() -> None:
    client, seen = recording_client()
    error = await failure(client, ApiRequest("GET", "/", headers=(("X-Name", "Zoë"),)))
    assert error.kind == "protocol"
    assert "'ë'" in error.message
    assert seen == []


async def test_endless_body_stops_at_the_cap() -> None:
    async def endless(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        while True:  # until the client stops reading and closes the connection
            writer.write(b"400\r\n" + b"x" * 1024 + b"\r\n")
            await writer.drain()

    async with raw_server(endless) as base, ApiClient(base, max_body_bytes=5000) as client:
        error = await failure(client, ApiRequest("GET", "/"))
    assert error.kind == "too_large"
    assert "4.9 KB limit" in error.message
    assert format_size(5000) == "4.9 KB"


async def test_declared_oversize_body_is_refused_without_reading() -> None:
    async def promise(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10485760\r\n\r\n")
        await writer.drain()
        await reader.read()  # never sends the body: reading it would time out

    async with (
        raw_server(promise) as base,
        ApiClient(base, max_body_bytes=1000, read_timeout=30) as client,
    ):
        error = await failure(client, ApiRequest("GET", "/"))
    assert error.kind == "too_large"
    assert error.message == ("The response body is 10 MB, over the 1,000 B limit; not read.")


async def test_body_exactly_at_the_cap_is_accepted() -> None:
    client, _ = recording_client(lambda _: httpx.Response(200, content=b"x" * 1000))
    client.max_body_bytes = 1000
    response = await client.send(ApiRequest("GET", "/"))
    assert response.size == 1000


async def test_body_one_byte_over_the_cap_is_refused() -> None:
    stream = httpx.ByteStream(b"x" * 1001)  # no Content-Length: only streaming can tell
    client, _ = recording_client(lambda _: httpx.Response(200, stream=stream))
    client.max_body_bytes = 1000
    error = await failure(client, ApiRequest("GET", "/"))
    assert error.kind == "too_large"
    assert "1,000 B limit" in error.message


def test_default_cap_is_100_mb() -> None:
    assert ApiClient(BASE).max_body_bytes == 100 * 2**20
    assert format_size(100 * 2**20) == "100 MB"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/file", "'ftp' is not supported"),
        ("http://example.com:99999/", "Port out of range"),
        ("http://[::1/x", "Invalid IPv6 URL"),
        ("http:///v1/customers", "no host name"),
    ],
)
async def test_invalid_urls_are_refused_before_sending(url: str, reason: str) -> None:
    client, seen = recording_client()
    error = await failure(client, ApiRequest("GET", url))
    assert error.kind == "invalid_url"
    assert reason in error.message
    assert url in error.message
    assert seen == []


async def test_unexpected_exceptions_become_api_errors() -> None:
    def explode(received: int, total: int | None) -> None:
        raise RuntimeError("progress display broke")

    client, _ = recording_client()
    error = await failure(client, ApiRequest("GET", "/"), on_progress=explode)
    assert error.kind == "protocol"
    assert "RuntimeError" in error.message


async def test_cancellation_is_not_turned_into_an_api_error() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()

    async with raw_server(silent) as base, ApiClient(base) as client:
        task = asyncio.create_task(client.send(ApiRequest("GET", "/")))
        await asyncio.sleep(0.1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


# -- auth and headers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/v1/customers",
        "https://api.example.com/v1/customers",
        "https://api.example.com:443/v1/customers",
        "https://API.Example.COM/v1/customers",
    ],
)
async def test_key_sent_to_the_base_origin(url: str) -> None:
    client, seen = recording_client()
    await client.send(ApiRequest("GET", url))
    assert seen[0].headers["Authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize(
    "url",
    [
        "https://other.example.com/v1/customers",
        "http://api.example.com/v1/customers",
        "https://api.example.com:8443/v1/customers",
        "https://api.example.com.evil.test/v1/customers",
    ],
)
async def test_key_never_sent_to_another_origin(url: str) -> None:
    client, seen = recording_client()
    typed = (("Authorization", f"Bearer {KEY}"), ("X-Api-Key", KEY), ("X-Trace", "abc"))
    await client.send(ApiRequest("GET", url, headers=typed))
    sent = seen[0].headers
    assert "authorization" not in sent
    assert "x-api-key" not in sent
    assert sent["x-trace"] == "abc"
    assert all(KEY not in value for value in sent.values())


async def test_other_tokens_may_go_to_another_origin() -> None:
    client, seen = recording_client()
    headers = (("Authorization", "Bearer other-service-token"),)
    await client.send(ApiRequest("GET", "https://other.example.com/x", headers=headers))
    assert seen[0].headers["authorization"] == "Bearer other-service-token"


async def test_no_key_no_authorization() -> None:
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(204))
    async with ApiClient(BASE, None, transport=transport) as client:
        await client.send(ApiRequest("GET", "/v1/customers"))
    assert "authorization" not in seen[0].headers


async def test_typed_authorization_overrides_on_the_same_origin() -> None:
    client, seen = recording_client()
    await client.send(ApiRequest("GET", "/", headers=(("authorization", "Bearer other"),)))
    assert seen[0].headers.get_list("authorization") == ["Bearer other"]


async def test_default_headers() -> None:
    client, seen = recording_client()
    await client.send(ApiRequest("GET", "/v1/customers"))
    sent = seen[0].headers
    assert sent["accept"] == "application/json"
    assert sent["user-agent"] == f"kexplore/{kexplore.__version__}"
    assert "content-type" not in sent
    assert seen[0].content == b""


async def test_body_is_sent_as_json_utf8() -> None:
    client, seen = recording_client()
    await client.send(ApiRequest("POST", "/v1/customers", body='{"name": "Zoë"}'))
    assert seen[0].headers["content-type"] == "application/json"
    assert seen[0].content == '{"name": "Zoë"}'.encode()


async def test_blank_body_is_not_sent() -> None:
    client, seen = recording_client()
    await client.send(ApiRequest("POST", "/v1/x", body="  \n "))
    assert seen[0].content == b""
    assert "content-type" not in seen[0].headers


async def test_user_headers_override_defaults() -> None:
    client, seen = recording_client(user_agent="custom/1")
    headers = (("accept", "text/csv"), ("Content-Type", "application/vnd.api+json"))
    await client.send(ApiRequest("POST", "/", headers=headers, body="{}"))
    sent = seen[0].headers
    assert sent.get_list("accept") == ["text/csv"]
    assert sent.get_list("content-type") == ["application/vnd.api+json"]
    assert sent["user-agent"] == "custom/1"


async def test_params_merge_with_the_query_in_the_url() -> None:
    client, seen = recording_client()
    params = (("pageSize", "10"), ("page", "3"), ("q", "a b&c"))
    await client.send(ApiRequest("GET", "/v1/customers?page=2", params=params))
    assert seen[0].url.query == b"page=2&pageSize=10&page=3&q=a%20b%26c"
    assert seen[0].url.params.get_list("page") == ["2", "3"]


async def test_redirects_are_returned_not_followed() -> None:
    def redirect(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "https://other.example.com/steal"})

    client, seen = recording_client(redirect)
    response = await client.send(ApiRequest("GET", "/v1/customers"))
    assert response.status == 302
    assert response.header("location") == "https://other.example.com/steal"
    assert [str(r.url) for r in seen] == ["https://api.example.com/v1/customers"]


async def test_cookies_are_not_kept_between_requests() -> None:
    client, seen = recording_client(
        lambda _: httpx.Response(200, headers={"Set-Cookie": "sid=abc; Path=/"})
    )
    await client.send(ApiRequest("GET", "/"))
    await client.send(ApiRequest("GET", "/"))
    assert "cookie" not in seen[1].headers


async def test_proxy_environment_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    handler = reply(headers="Content-Length: 2\r\n", body=b"ok")
    async with raw_server(handler) as base, ApiClient(base) as client:
        response = await client.send(ApiRequest("GET", "/"))
    assert response.body == b"ok"


# -- the response --------------------------------------------------------------------------


async def test_response_from_a_real_server() -> None:
    body = b'{"data": {"type": "customer", "id": "1"}}'
    headers = (
        "Content-Type: application/json\r\nX-RateLimit-Remaining: 9\r\n"
        f"Content-Length: {len(body)}\r\n"
    )
    async with raw_server(reply("201 Created", headers, body)) as base, ApiClient(base) as client:
        response = await client.send(ApiRequest("POST", "/v1/customers?x=1", body="{}"))
    assert (response.status, response.reason, response.body) == (201, "Created", body)
    assert ("x-ratelimit-remaining", "9") in response.headers
    assert all(name == name.lower() for name, _ in response.headers)
    assert response.url == f"{base}/v1/customers?x=1"
    assert response.method == "POST"
    assert response.json()["data"]["id"] == "1"


async def test_head_response_declaring_a_large_length_is_fine() -> None:
    handler = reply(headers="Content-Length: 999999999\r\n")
    async with raw_server(handler) as base, ApiClient(base, max_body_bytes=10) as client:
        response = await client.send(ApiRequest("HEAD", "/"))
    assert response.status == 200
    assert response.body == b""


async def test_elapsed_uses_perf_counter(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter([100.0, 100.25])
    clock = types.SimpleNamespace(perf_counter=lambda: next(ticks))
    monkeypatch.setattr(client_module, "time", clock)
    client, _ = recording_client()
    response = await client.send(ApiRequest("GET", "/"))
    assert response.elapsed == pytest.approx(0.25)


async def test_progress_reports_bytes_and_length() -> None:
    calls: list[tuple[int, int | None]] = []

    async def slow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n")
        for _ in range(3):
            writer.write(b"x" * 1000)
            await writer.drain()
            await asyncio.sleep(0.02)

    async with raw_server(slow) as base, ApiClient(base) as client:
        response = await client.send(ApiRequest("GET", "/"), on_progress=lambda *a: calls.append(a))
    assert response.size == 3000
    assert len(calls) >= 2
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1] == (3000, 3000)


async def test_progress_without_content_length() -> None:
    calls: list[tuple[int, int | None]] = []
    stream = httpx.ByteStream(b"x" * 10)
    client, _ = recording_client(lambda _: httpx.Response(200, stream=stream))
    await client.send(ApiRequest("GET", "/"), on_progress=lambda *a: calls.append(a))
    assert calls[-1] == (10, None)


# -- URLs ------------------------------------------------------------------------------------


def test_base_url_is_normalised() -> None:
    assert ApiClient("HTTPS://API.Example.com/").base_url == "https://api.example.com"
    assert ApiClient("http://127.0.0.1:8787/proxy/").base_url == "http://127.0.0.1:8787/proxy"


@pytest.mark.parametrize("base", ["api.example.com", "ftp://x", "", "https://"])
def test_bad_base_url_is_a_value_error(base: str) -> None:
    with pytest.raises(ValueError, match="Base URL"):
        ApiClient(base)


def test_resolve() -> None:
    client = ApiClient(BASE)
    assert client.resolve("/v1/customers") == "https://api.example.com/v1/customers"
    assert client.resolve("v1/customers") == "https://api.example.com/v1/customers"
    assert client.resolve("//cdn.example.com/a") == "https://cdn.example.com/a"
    assert client.resolve("http://x.test/a?b=http://y") == "http://x.test/a?b=http://y"
    assert client.resolve("/v1/x?next=http://y") == "https://api.example.com/v1/x?next=http://y"
    assert resolve_url("http://h/base", "/v1") == "http://h/base/v1"


def test_is_same_origin() -> None:
    client = ApiClient("http://127.0.0.1:8787")
    assert client.is_same_origin("/v1/customers")
    assert client.is_same_origin("http://127.0.0.1:8787/v1")
    assert not client.is_same_origin("http://127.0.0.1:8788/v1")
    assert not client.is_same_origin("http://localhost:8787/v1")
    assert not client.is_same_origin("http://")
    assert client.is_same_origin("no-scheme-so-a-path")


def test_origin_of() -> None:
    assert origin_of("https://A.example.com/x") == ("https", "a.example.com", 443)
    assert origin_of("http://a:80") == ("http", "a", 80)
    assert origin_of("http://[::1]:8080/") == ("http", "::1", 8080)
    assert origin_of("http://a:notaport/") is None
    assert origin_of("mailto:someone@example.com") is None
    assert origin_of("/v1/customers") is None


def test_request_url_keeps_fragment_after_query() -> None:
    request = ApiRequest("GET", "/v1/x#frag", params=(("a", "1"),))
    assert request_url(BASE, request) == "https://api.example.com/v1/x?a=1#frag"


def test_format_size() -> None:
    assert format_size(0) == "0 B"
    assert format_size(1023) == "1,023 B"
    assert format_size(1536) == "1.5 KB"
    assert format_size(3 * 2**30) == "3 GB"


def test_api_error_carries_kind_message_url() -> None:
    error = ApiError("timeout", "Read timeout", "http://x/")
    assert (error.kind, error.message, error.url, str(error)) == (
        "timeout",
        "Read timeout",
        "http://x/",
        "Read timeout",
    )
