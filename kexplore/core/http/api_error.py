"""ApiError: every way a request can fail, and the one ApiError each httpx failure becomes."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # imported where used: httpx is ~30 ms of start-up, not needed to paint
    import httpx

from kexplore.core.http.urls import url_problem

__all__ = ["ApiError", "ErrorKind", "Transfer", "api_error_for", "invalid_url_message"]

ErrorKind = Literal[
    "refused",
    "dns",
    "timeout",
    "tls",
    "reset",
    "too_large",
    "protocol",
    "invalid_url",
    "credential",
]
"""Every way a request can fail before a complete response is in hand."""

_EARLY_CLOSE = ("peer closed", "server disconnected", "incomplete chunked read")


class ApiError(Exception):
    """A request that failed before a complete response arrived, with a human message.

    Args:
        kind: What went wrong, one of `ErrorKind`.
        message: A sentence a person can act on (also the exception's str()).
        url: The absolute URL that was being requested.
    """

    def __init__(self, kind: ErrorKind, message: str, url: str = "") -> None:
        super().__init__(message)
        self.kind: ErrorKind = kind
        """What went wrong, as one of a closed set of kinds."""
        self.message = message
        """What went wrong, in words a person can act on."""
        self.url = url
        """The absolute URL that was being requested."""


@dataclass
class Transfer:
    """What is known about one exchange so far, for error messages."""

    url: str
    """The absolute URL requested."""
    where: str
    """`host:port` of the server, as messages name it."""
    started: float
    """`time.perf_counter()` when the request was sent."""
    headers_seen: bool = False
    """Whether the response's status line and headers have arrived."""
    received: int = 0
    """Body bytes received so far (as sent, before decompression)."""
    expected: int | None = None
    """The body's Content-Length, if declared."""


def api_error_for(
    exc: Exception, transfer: Transfer, *, connect_timeout: float, read_timeout: float
) -> ApiError:
    """The ApiError for an httpx failure, its message saying how far the exchange got.

    Args:
        exc: What httpx raised.
        transfer: The exchange it interrupted.
        connect_timeout: The client's connect timeout, in seconds (for timeout messages).
        read_timeout: The client's read timeout, in seconds (for timeout messages).

    Returns:
        The error to raise in its place.
    """
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        message = _timeout_message(exc, transfer, connect_timeout, read_timeout)
        return ApiError("timeout", message, transfer.url)
    if isinstance(exc, httpx.ConnectError):
        return _connect_error(exc, transfer)
    if isinstance(exc, httpx.NetworkError) or (
        isinstance(exc, httpx.RemoteProtocolError)
        and any(text in str(exc).lower() for text in _EARLY_CLOSE)
    ):
        return ApiError("reset", _reset_message(exc, transfer), transfer.url)
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return ApiError("invalid_url", invalid_url_message(transfer.url, exc), transfer.url)
    if isinstance(exc, httpx.LocalProtocolError):
        message = f"The request could not be sent to {transfer.where}: {_detail(exc)}."
        return ApiError("protocol", message, transfer.url)
    message = f"{transfer.where} sent a response that is not valid HTTP: {_detail(exc)}."
    return ApiError("protocol", message, transfer.url)


def invalid_url_message(url: str, exc: Exception | None = None) -> str:
    """The message of an `invalid_url` ApiError: `Invalid URL '...': <why>.`

    Args:
        url: The URL as it was to be requested (quoted in the message).
        exc: What httpx raised about it, if anything; without it the reason is worked out
            from `url` itself.

    Returns:
        One sentence naming the URL and what is wrong with it.
    """
    return f"Invalid URL {url!r}: {exc or url_problem(url)}."


def _timeout_message(
    exc: httpx.TimeoutException, transfer: Transfer, connect_timeout: float, read_timeout: float
) -> str:
    import httpx

    connect, read = _seconds(connect_timeout), _seconds(read_timeout)
    if isinstance(exc, httpx.ConnectTimeout):
        return f"Connect timeout: no connection to {transfer.where} after {connect}s."
    if isinstance(exc, httpx.PoolTimeout):
        return f"Connect timeout: no free connection to {transfer.where} after {connect}s."
    if isinstance(exc, httpx.WriteTimeout):
        return f"Write timeout: {transfer.where} accepted no data for {read}s."
    waited = f"Read timeout: {transfer.where} sent nothing for {read}s"
    if not transfer.headers_seen:
        return f"{waited} after the request was sent."
    return f"{waited} in the middle of the body ({_arrived(transfer)})."


def _seconds(value: float) -> str:
    return f"{value:g}"


def _detail(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _arrived(transfer: Transfer) -> str:
    of = "" if transfer.expected is None else f" of {transfer.expected:,}"
    return f"{transfer.received:,}{of} bytes of the body had arrived"


def _reset_message(exc: Exception, transfer: Transfer) -> str:
    import httpx

    how = "reset" if isinstance(exc, httpx.NetworkError) else "closed"
    if not transfer.headers_seen:
        return f"The connection to {transfer.where} was {how} before a response arrived."
    return f"The connection to {transfer.where} was {how} mid-body: {_arrived(transfer)}."


def _connect_error(exc: httpx.ConnectError, transfer: Transfer) -> ApiError:
    causes = list(_causes(exc))
    tls = next((c for c in causes if isinstance(c, ssl.SSLError | ssl.CertificateError)), None)
    if tls is not None or "[SSL" in str(exc):
        reason = _detail(tls or exc)
        return ApiError("tls", f"TLS with {transfer.where} failed: {reason}", transfer.url)
    dns = next((c for c in causes if isinstance(c, socket.gaierror)), None)
    if dns is not None:
        host = transfer.where.rsplit(":", 1)[0]
        message = f"Could not resolve the host name {host} (DNS lookup failed: {_detail(dns)})."
        return ApiError("dns", message, transfer.url)
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        message = f"Connection refused by {transfer.where} — is the server running?"
        return ApiError("refused", message, transfer.url)
    message = f"Could not connect to {transfer.where}: {_detail(exc)}."
    return ApiError("refused", message, transfer.url)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and everything behind it: causes, contexts and exception-group members."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
