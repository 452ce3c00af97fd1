"""Fault injection: a small spec grammar and the raw ASGI middleware that misbehaves on cue.

Spec: clauses joined by `;`, each `[METHOD ]PATH_GLOB=FAULT[:ARG[:ARG]]`, or `random:SEED:RATE`
(a random pick from the cheap faults for RATE of all requests). See docs/RELIABILITY.md.
"""

from __future__ import annotations

import asyncio
import fnmatch
import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kexplore.sandbox.errors import error_body

__all__ = ["FAULTS", "Fault", "FaultMiddleware", "FaultSpecError", "Rule", "parse_faults"]

JSON = b"application/json; charset=utf-8"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

FAULTS: dict[str, str] = {
    "latency": "latency:MS — wait MS ms, then answer normally (combines with other faults)",
    "status": "status:CODE[:json|html|empty] — answer CODE (default json: a Kustomer error)",
    "ratelimit": "ratelimit[:SECONDS] — 429; with SECONDS a Retry-After header, without none",
    "close-before-headers": "close the connection before any response byte",
    "reset-mid-body": "chunked 200, part of the body, then the connection is dropped",
    "short-body": "Content-Length longer than the body sent, then the connection is closed",
    "drip": "drip[:CHUNKS[:MS]] — the real answer in CHUNKS pieces MS ms apart (10, 100)",
    "bad-json": "200, application/json, a body that is not JSON",
    "json-as-text": "the real answer labelled text/plain",
    "bad-gzip": "200, Content-Encoding: gzip, bytes that do not decompress",
    "empty-200": "200, application/json, Content-Length: 0",
    "huge-string": "huge-string[:MB] — one JSON string of MB megabytes on one line (5)",
    "deep-nest": "deep-nest[:LEVELS] — arrays nested LEVELS deep (100000)",
    "dup-keys": "a JSON object with duplicate keys",
    "non-utf8": "a JSON body with bytes that are not UTF-8",
}
"""Every fault name, with its arguments and what it does."""

RANDOM_POOL = (
    "status:500:html",
    "status:502:empty",
    "status:503",
    "ratelimit:1",
    "ratelimit",
    "close-before-headers",
    "reset-mid-body",
    "short-body",
    "bad-json",
    "json-as-text",
    "bad-gzip",
    "empty-200",
    "dup-keys",
    "non-utf8",
)
"""What `random:SEED:RATE` picks from (the cheap faults: no latency, no huge bodies)."""


class FaultSpecError(ValueError):
    """A fault spec that does not parse; the message names the clause and what is wrong."""


@dataclass(frozen=True)
class Fault:
    """One misbehaviour: a name from FAULTS and its arguments."""

    name: str
    """A key of FAULTS."""
    args: tuple[str, ...] = ()
    """Its arguments, as written."""

    def number(self, index: int, default: int) -> int:
        """Argument `index` as an int, or `default` when absent."""
        return int(self.args[index]) if len(self.args) > index else default


@dataclass(frozen=True)
class Rule:
    """A clause of the spec: which requests, and what happens to them."""

    method: str | None
    """An upper-case method, or None for any."""
    glob: str
    """An fnmatch pattern for the path (no query), e.g. `/v1/customers/*` or `*`."""
    fault: Fault
    """What to do; `random` rules pick their fault per request."""

    def matches(self, method: str, path: str) -> bool:
        """Whether this rule applies to `method path`."""
        return (self.method in (None, method)) and fnmatch.fnmatchcase(path, self.glob)


def _fault(text: str, clause: str) -> Fault:
    name, *args = text.strip().split(":")
    name = name.strip().lower()
    if name.isdigit():  # the mapping form's bare status, and a shorthand `=503`
        name, args = "status", [name, *args]
    if name not in FAULTS and name != "random":
        known = ", ".join(sorted(FAULTS))
        raise FaultSpecError(f"Unknown fault {name!r} in {clause!r}; known: {known}, random")
    args = [a.strip() for a in args]
    _check_args(name, args, clause)
    return Fault(name, tuple(args))


def _check_args(name: str, args: list[str], clause: str) -> None:
    numeric = args[:1] if name == "status" else args
    if name == "random":
        numeric = args[:1]
        if len(args) != 2:
            raise FaultSpecError(f"{clause!r}: random needs SEED:RATE, e.g. random:42:0.2")
        try:
            rate = float(args[1])
        except ValueError:
            rate = -1.0
        if not 0.0 <= rate <= 1.0:
            raise FaultSpecError(f"{clause!r}: RATE must be a number from 0 to 1")
    if any(not a.isdigit() for a in numeric):
        raise FaultSpecError(f"{clause!r}: arguments of {name} must be whole numbers")
    if name == "status":
        if not args or not 100 <= int(args[0]) <= 599:
            raise FaultSpecError(f"{clause!r}: status needs a code from 100 to 599")
        if len(args) > 1 and args[1] not in ("json", "html", "empty"):
            raise FaultSpecError(f"{clause!r}: the status body is json, html or empty")


def _rule(clause: str) -> Rule:
    if "=" not in clause:
        if clause.lower().startswith("random:"):
            return Rule(None, "*", _fault(clause, clause))
        raise FaultSpecError(f"{clause!r} is not [METHOD ]PATH_GLOB=FAULT or random:SEED:RATE")
    target, fault = clause.split("=", 1)
    words = target.split()
    if len(words) == 2 and words[0].upper() in METHODS:
        method, glob = words[0].upper(), words[1]
    elif len(words) == 1:
        method, glob = None, words[0]
    else:
        raise FaultSpecError(f"{clause!r}: the target must be [METHOD ]PATH_GLOB")
    return Rule(method, glob.rstrip("/") or "/", _fault(fault, clause))


def parse_faults(spec: str | Mapping[str, int] | None) -> tuple[Rule, ...]:
    """Parse a fault spec string (or the older mapping `"[METHOD ]/path" -> status`).

    Args:
        spec: E.g. `"GET /v1/tags=status:503:html; /v1/brands=reset-mid-body; *=latency:200"`.

    Returns:
        The rules, in the order written.

    Raises:
        FaultSpecError: A clause that does not parse (the message says which and why).
    """
    if spec is None:
        return ()
    if isinstance(spec, Mapping):
        return tuple(_rule(f"{target}=status:{status}") for target, status in spec.items())
    return tuple(_rule(clause.strip()) for clause in spec.split(";") if clause.strip())


Handler = Callable[[Fault, Scope, Receive, Send], Awaitable[None]]


class FaultMiddleware:
    """Outermost ASGI layer: applies the first matching fault, else passes the request on.

    It sits outside the Kustomer middleware so it gets the server's own `send` (to drop
    connections). Latency from every matching rule is waited first; then the first other
    matching fault answers. A request it answers itself is still recorded via `record`.

    Args:
        app: The sandbox app (Kustomer middleware and routes).
        rules: From `parse_faults`.
        record: Called with (method, path-with-query) for requests the fault answers itself.
    """

    def __init__(
        self, app: ASGIApp, rules: tuple[Rule, ...], record: Callable[[str, str], None]
    ) -> None:
        self.app = app
        self.rules = rules
        self.record = record
        self._random = {
            rule: random.Random(rule.fault.args[0]) for rule in rules if rule.fault.name == "random"
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI scope, misbehaving where a rule says so."""
        if scope["type"] != "http" or not self.rules:
            await self.app(scope, receive, send)
            return
        path = scope["path"].rstrip("/") or "/"
        matching = [rule for rule in self.rules if rule.matches(scope["method"], path)]
        wait = sum(r.fault.number(0, 0) for r in matching if r.fault.name == "latency")
        if wait:
            await asyncio.sleep(wait / 1000)
        fault = self._pick([r for r in matching if r.fault.name != "latency"])
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.name not in ("drip", "json-as-text"):
            query = scope.get("query_string", b"").decode("latin-1")
            self.record(scope["method"], scope["path"] + (f"?{query}" if query else ""))
        await HANDLERS[fault.name](self, fault, scope, receive, send)

    def _pick(self, rules: list[Rule]) -> Fault | None:
        for rule in rules:
            if rule.fault.name != "random":
                return rule.fault
            draw = self._random[rule]
            if draw.random() < float(rule.fault.args[1]):
                return _fault(draw.choice(RANDOM_POOL), "random")
        return None

    async def _status(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        status, kind = fault.number(0, 500), (fault.args[1:] or ("json",))[0]
        where = f"{scope['method']} {scope['path']}"
        if kind == "json":
            body, ctype = error_body(status, f"Injected fault for {where}"), JSON
        elif kind == "html":
            title = f"{status} Service Unavailable" if status == 503 else f"{status} Error"
            body = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            body, ctype = (body + "<hr>nginx</body></html>\n").encode(), b"text/html"
        else:
            body, ctype = b"", b""
        await _answer(send, status, body, ctype)

    async def _ratelimit(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        body = error_body(429, "Rate limit exceeded (injected fault)")
        extra = [(b"retry-after", fault.args[0].encode())] if fault.args else []
        await _answer(send, 429, body, JSON, extra)

    async def _close_before_headers(self, fault: Fault, scope: Scope, r: Receive, s: Send) -> None:
        await _drop(s)

    async def _reset_mid_body(self, fault: Fault, scope: Scope, r: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-type", JSON)]}
        )
        await send(
            {"type": "http.response.body", "body": b'{"data": [{"type": "cust', "more_body": True}
        )
        await asyncio.sleep(0.05)  # let the partial chunk reach the client first
        await _drop(send)

    async def _short_body(self, fault: Fault, scope: Scope, r: Receive, send: Send) -> None:
        headers = [(b"content-type", JSON), (b"content-length", b"1000")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b'{"data": {"ty', "more_body": True})
        await asyncio.sleep(0.05)
        await _drop(send, graceful=True)

    async def _drip(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        start, body = await _capture(self.app, scope, receive)
        chunks, pause = max(1, fault.number(0, 10)), fault.number(1, 100) / 1000
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        await send({"type": "http.response.start", "status": start["status"], "headers": headers})
        step = max(1, -(-len(body) // chunks))
        for offset in range(0, len(body), step):
            await send(
                {
                    "type": "http.response.body",
                    "body": body[offset : offset + step],
                    "more_body": True,
                }
            )
            await asyncio.sleep(pause)
        await send({"type": "http.response.body", "body": b""})

    async def _json_as_text(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        start, body = await _capture(self.app, scope, receive)
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-type"]
        headers.append((b"content-type", b"text/plain; charset=utf-8"))
        await send({"type": "http.response.start", "status": start["status"], "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _body(self, fault: Fault, scope: Scope, r: Receive, send: Send) -> None:
        body, extra = _fault_body(fault), []
        if fault.name == "bad-gzip":
            extra = [(b"content-encoding", b"gzip")]
        await _answer(send, 200, body, JSON, extra)


def _fault_body(fault: Fault) -> bytes:
    """The body of the faults that answer 200 with a broken or hostile payload."""
    if fault.name == "bad-json":
        return b'{"data": [{"type": "customer", "id": "5a82", "attributes": {"name": "Ja'
    if fault.name == "bad-gzip":
        return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03this is not deflate data"
    if fault.name == "huge-string":
        size = fault.number(0, 5) * 2**20
        return b'{"data": {"type": "note", "attributes": {"body": "' + b"x" * size + b'"}}}'
    if fault.name == "deep-nest":
        levels = fault.number(0, 100_000)
        return b"[" * levels + b"]" * levels
    if fault.name == "dup-keys":
        return (
            b'{"data": {"type": "customer", "id": "a1", "id": "b2", '
            b'"attributes": {"name": "First", "name": "Second"}}, "data": null}'
        )
    if fault.name == "non-utf8":
        return b'{"data": {"type": "customer", "attributes": {"name": "caf\xe9 \xff\xfe"}}}'
    return b""  # empty-200


async def _answer(
    send: Send, status: int, body: bytes, ctype: bytes, extra: list[tuple[bytes, bytes]] = ()
) -> None:
    headers = [(b"content-length", str(len(body)).encode()), *extra]
    if ctype:
        headers.append((b"content-type", ctype))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _drop(send: Send, *, graceful: bool = False) -> None:
    """Close the client's connection at once (uvicorn's `send` is a bound method of its cycle)."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:  # not under uvicorn: raising makes the server close or answer 500
        raise ConnectionAbortedError("injected fault: connection dropped")
    if graceful:
        transport.close()
    else:
        transport.abort()
    for _ in range(3):  # let connection_lost mark the cycle disconnected, so uvicorn stays quiet
        await asyncio.sleep(0)


async def _capture(app: ASGIApp, scope: Scope, receive: Receive) -> tuple[Message, bytes]:
    """Run the app to completion and return its start message and whole body."""
    start: Message = {"type": "http.response.start", "status": 500, "headers": []}
    chunks: list[bytes] = []

    async def keep(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, keep)
    return start, b"".join(chunks)


HANDLERS: dict[str, Handler] = {
    "status": FaultMiddleware._status,  # type: ignore[dict-item]
    "ratelimit": FaultMiddleware._ratelimit,  # type: ignore[dict-item]
    "close-before-headers": FaultMiddleware._close_before_headers,  # type: ignore[dict-item]
    "reset-mid-body": FaultMiddleware._reset_mid_body,  # type: ignore[dict-item]
    "short-body": FaultMiddleware._short_body,  # type: ignore[dict-item]
    "drip": FaultMiddleware._drip,  # type: ignore[dict-item]
    "json-as-text": FaultMiddleware._json_as_text,  # type: ignore[dict-item]
    **dict.fromkeys(
        ("bad-json", "bad-gzip", "empty-200", "huge-string", "deep-nest", "dup-keys", "non-utf8"),
        FaultMiddleware._body,  # type: ignore[dict-item]
    ),
}
"""Fault name -> the (unbound) method that performs it."""
