"""The ASGI layer in front of the routes: request log, auth, rate limit, body cap, headers."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import threading
import traceback
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kexplore.sandbox.auth import KEYS
from kexplore.sandbox.errors import ApiError
from kexplore.sandbox.ratelimit import Budget, RateLimiter

__all__ = ["MAX_BODY", "KustomerMiddleware", "RequestLog"]

MAX_BODY = 100 * 1024
"""Kustomer refuses bodies over 100 kb with a 413."""
LOG = logging.getLogger("kexplore.sandbox")
BEARER = re.compile(r"^\s*Bearer\s+(\S+)\s*$", re.IGNORECASE)
PUBLIC = re.compile(r"\A/v1/(domains/[^/]+|p/auth/settings)/?\Z")
"""Paths Kustomer answers without a key."""


class RequestLog:
    """Every request served, as (method, path-with-query), plus unexpected failures."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: list[tuple[str, str]] = []
        self.failures: list[str] = []
        """Tracebacks of handler exceptions (each also answered with a 500)."""
        self._bodies: list[tuple[str, str, bytes]] = []

    def record(self, method: str, target: str) -> None:
        """Append one request."""
        with self._lock:
            self._requests.append((method, target))

    def record_body(self, method: str, path: str, body: bytes) -> None:
        """Append the body of one authenticated request (empty for most reads)."""
        with self._lock:
            self._bodies.append((method, path, body))

    def bodies(self) -> list[tuple[str, str, bytes]]:
        """(method, path, body) of every authenticated request so far, oldest first."""
        with self._lock:
            return list(self._bodies)

    def failed(self, error: BaseException) -> None:
        """Keep (and log) the traceback of an unexpected exception."""
        LOG.error("Unexpected error in a sandbox handler", exc_info=error)
        with self._lock:
            self.failures.append("".join(traceback.format_exception(error)))

    def snapshot(self) -> list[tuple[str, str]]:
        """Return a copy of the requests so far."""
        with self._lock:
            return list(self._requests)

    def clear(self) -> None:
        """Forget the requests so far."""
        with self._lock:
            self._requests.clear()
            self._bodies.clear()


def _etag(body: bytes) -> bytes:
    digest = base64.b64encode(hashlib.sha1(body).digest())[:27]
    return b'W/"%x-%s"' % (len(body), digest)


class Reply:
    """Wraps `send`: buffers the response so headers (etag, rate limit) can be added."""

    def __init__(self, scope: Scope, send: Send) -> None:
        self.scope = scope
        self._send = send
        self.budget: Budget | None = None
        self.started = False
        self._start: Message | None = None
        self._body: list[bytes] = []

    async def send(self, message: Message) -> None:
        """The `send` handed to the app."""
        if message["type"] == "http.response.start":
            self._start = message
            return
        if message["type"] != "http.response.body" or self._start is None:
            await self._send(message)
            return
        self._body.append(message.get("body", b""))
        if not message.get("more_body", False):
            await self._finish(
                self._start["status"], list(self._start["headers"]), b"".join(self._body)
            )

    async def error(self, error: ApiError) -> None:
        """Send a Kustomer-shaped error response."""
        headers = [(b"content-type", b"application/json; charset=utf-8")]
        headers += [(k.lower().encode(), v.encode()) for k, v in error.headers.items()]
        await self._finish(error.status, headers, error.body())

    async def _finish(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        headers = [(k, v) for k, v in headers if k not in (b"content-length", b"etag")]
        headers.append((b"x-powered-by", b"Express"))
        if self.budget is not None:
            headers += [(k.encode(), v.encode()) for k, v in self.budget.headers().items()]
        if status == 200 and self.scope["method"] == "GET":
            tag = _etag(body)
            headers.append((b"etag", tag))
            if tag in dict(self.scope["headers"]).get(b"if-none-match", b""):
                status, body = 304, b""
                headers = [(k, v) for k, v in headers if k != b"content-type"]
        if self.scope["method"] != "HEAD" and status != 304:
            headers.append((b"content-length", str(len(body)).encode()))
        self.started = True
        await self._send({"type": "http.response.start", "status": status, "headers": headers})
        await self._send({"type": "http.response.body", "body": body})


def _authenticate(scope: Scope) -> str | None:
    raw = dict(scope["headers"]).get(b"authorization")
    if raw is None and PUBLIC.match(scope["path"]):
        return None
    if raw is None:
        raise ApiError(401, "Missing Authorization header: send 'Authorization: Bearer <API key>'")
    match = BEARER.match(raw.decode("latin-1"))
    if not match:
        raise ApiError(401, "Malformed Authorization header: expected 'Bearer <API key>'")
    if match.group(1) not in KEYS:
        raise ApiError(401, "Invalid auth token: the API key is unknown, revoked or expired")
    return match.group(1)


async def _read_body(scope: Scope, receive: Receive) -> bytes:
    length = dict(scope["headers"]).get(b"content-length", b"0")
    too_big = ApiError(413, f"Request body is larger than the {MAX_BODY // 1024} kb limit")
    if length.isdigit() and int(length) > MAX_BODY:
        raise too_big
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > MAX_BODY:
            raise too_big
        more = message.get("more_body", False)
    return b"".join(chunks)


class KustomerMiddleware:
    """Logs, authenticates, rate-limits and caps every request before the routes see it.

    Args:
        app: The Starlette app with the routes.
        limiter: The org-wide request budget.
        log: Where requests and failures are recorded.
    """

    def __init__(self, app: ASGIApp, limiter: RateLimiter, log: RequestLog) -> None:
        self.app = app
        self.limiter = limiter
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection scope."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        target = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
        self.log.record(scope["method"], target + (f"?{query}" if query else ""))
        reply = Reply(scope, send)
        try:
            await self._dispatch(scope, receive, reply)
        except ApiError as error:
            await reply.error(error)
        except Exception as error:
            self.log.failed(error)
            if not reply.started:
                await reply.error(ApiError(500, "The sandbox failed unexpectedly; see its log"))

    async def _dispatch(self, scope: Scope, receive: Receive, reply: Reply) -> None:
        reply.budget = self.limiter.peek()
        key = _authenticate(scope)
        reply.budget = budget = self.limiter.hit()
        if not budget.allowed:
            wait = budget.retry_after(self.limiter.clock())
            detail = f"Rate limit of {budget.limit} requests per window exceeded; retry in {wait}s"
            raise ApiError(429, detail, headers={"Retry-After": str(wait)})
        path = scope["path"].rstrip("/") or "/"
        body = await _read_body(scope, receive)
        self.log.record_body(scope["method"], path, body)
        state: dict[str, Any] = {**scope.get("state", {}), "api_key": key}
        scope = {**scope, "path": path, "state": state}
        await self.app(scope, _replay(body, receive), reply.send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
