"""ApiClient: the one HTTP client, with auth kept to its own origin, a size cap and one ApiError."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit, urlunsplit

from kexplore import __version__
from kexplore.core.http.api_error import (
    ApiError,
    ErrorKind,
    Transfer,
    api_error_for,
    invalid_url_message,
)
from kexplore.core.http.identity import NO_CREDENTIAL
from kexplore.core.http.keyring import CredentialError, Keyring
from kexplore.core.http.outgoing import outgoing_headers
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse
from kexplore.core.http.urls import origin_of, origin_text, request_url, resolve_url
from kexplore.core.quantities import format_size

if TYPE_CHECKING:
    import httpx

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "ApiClient",
    "ApiError",
    "ErrorKind",
    "ProgressCallback",
    "origin_of",
    "request_url",
    "resolve_url",
]

ProgressCallback = Callable[[int, int | None], None]
"""Called with (bytes received so far, Content-Length or None) while a body streams in."""

DEFAULT_MAX_BODY_BYTES = 100 * 2**20
"""The default response size cap: 100 MB."""


class ApiClient:
    """Sends ApiRequests with one `httpx.AsyncClient` and turns every failure into an ApiError.

    A request names its credential by reference (`ApiRequest.credential`); the keyring hands
    out each key only to the origin it belongs to, so a key never goes in any header (or URL)
    to another origin. A request that names none gets the home credential on the base URL's
    origin and no key elsewhere. Redirects are returned, not followed. Bodies are streamed
    under a size cap. No environment variables, proxies, netrc or cookies are used.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        keyring: Keyring | None = None,
        home_credential: str = "env:KUSTOMER_API_KEY",
        transport: httpx.AsyncBaseTransport | None = None,
        user_agent: str = f"kexplore/{__version__}",
    ) -> None:
        """Create the client.

        Args:
            base_url: Where relative paths go, e.g. `https://acme.api.kustomerapp.com`.
            api_key: The Bearer key for the base URL's origin, if any.
            connect_timeout: Seconds allowed to connect (and to wait for a pooled connection).
            read_timeout: Seconds allowed between bytes received (and for writes).
            max_body_bytes: The largest response body read before giving up.
            keyring: Every key this client may send, each paired with its origin (default:
                `api_key` paired with the base URL's origin as `home_credential`).
            home_credential: The credential a request that names none is sent with on the
                base URL's origin.
            transport: An httpx transport to use instead of the network (tests).
            user_agent: The User-Agent header sent with every request.

        Raises:
            ValueError: when `base_url` is not an absolute http(s) URL.
        """
        self.base_url = _normalise_base(base_url)
        """The base URL, scheme and host lower-cased, without a trailing slash."""
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_body_bytes = max_body_bytes
        self._origin = origin_of(self.base_url)
        if keyring is None:
            home = origin_text(self.base_url) or ""
            keyring = Keyring({home_credential: (home, api_key)} if api_key else {})
            home_credential = home_credential if api_key else NO_CREDENTIAL
        self.home_credential = home_credential
        """The credential reference used on the base URL's origin when a request names none."""
        self.keyring = keyring
        """The keys this client may send, each with its origin."""
        self._user_agent = user_agent
        self._transport = transport
        self._client: httpx.AsyncClient | None = None

    @property
    def _http(self) -> httpx.AsyncClient:
        """The httpx client, made on first use: importing httpx is ~30 ms the first frame
        does not need."""
        if self._client is None:
            import httpx

            timeout = httpx.Timeout(
                self.read_timeout, connect=self.connect_timeout, pool=self.connect_timeout
            )
            self._client = httpx.AsyncClient(
                follow_redirects=False,
                timeout=timeout,
                headers={"User-Agent": self._user_agent},
                transport=self._transport,
                trust_env=False,
                cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])),
            )
        return self._client

    def resolve(self, url: str) -> str:
        """The absolute form of `url` (a relative `/v1/...` path joins the base URL).

        Args:
            url: A path (`/v1/customers`), a scheme-relative `//host/...` or an absolute URL.

        Returns:
            An absolute URL; an absolute `url` comes back unchanged and unchecked.
        """
        return resolve_url(self.base_url, url)

    def is_same_origin(self, url: str) -> bool:
        """Whether `url` (relative or absolute) has the base URL's scheme, host and port.

        Args:
            url: Where a link or request points; a relative path is on the base URL.

        Returns:
            True for the base URL's own origin (an explicit default port counts as the same);
            False for any other origin, and for a URL with no http(s) origin.
        """
        return origin_of(self.resolve(url)) == self._origin

    async def send(
        self, request: ApiRequest, *, on_progress: ProgressCallback | None = None
    ) -> ApiResponse:
        """Send `request` and read the whole response.

        Args:
            request: What to send; params are appended to the URL's query.
            on_progress: Called with (bytes so far, Content-Length or None) per body chunk.

        Returns:
            The response, whatever its status (redirects are not followed).

        Raises:
            ApiError: for every failure to get a complete response: no connection, a timeout,
                TLS, a body over `max_body_bytes`, an invalid URL, or a credential that may
                not go to the URL's origin (kind `credential`; nothing is sent).
        """
        url = request_url(self.base_url, request)
        target = origin_of(url)
        if target is None:
            raise ApiError("invalid_url", invalid_url_message(url), url)
        origin = origin_text(url) or ""
        secret = self._secret(request, url, origin)
        withheld = self.keyring.withheld_from(origin)
        if any(key in unquote(url) for key in withheld):
            url = self._without_keys(request, url, withheld)
        outgoing = self._build(
            request, url, outgoing_headers(request, secret=secret, withheld=withheld)
        )
        transfer = Transfer(url, _where(target), time.perf_counter())
        try:
            return await self._exchange(outgoing, transfer, on_progress)
        except ApiError:
            raise
        except _httpx_errors() as exc:
            raise api_error_for(
                exc,
                transfer,
                connect_timeout=self.connect_timeout,
                read_timeout=self.read_timeout,
            ) from exc
        except Exception as exc:  # the UI relies on ApiError being the only failure
            message = f"Unexpected {type(exc).__name__} talking to {transfer.where}: {exc}"
            raise ApiError("protocol", message, url) from exc

    async def aclose(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            await self._client.aclose()

    async def __aenter__(self) -> ApiClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def _secret(self, request: ApiRequest, url: str, origin: str) -> str | None:
        """The key to send with `request` to `origin`: its own credential's, else the home
        credential's on the base URL's origin, else none (no key travels elsewhere).

        Raises:
            ApiError: when its credential cannot be sent there (unset, or another origin's).
        """
        home = origin_of(url) == self._origin
        credential = request.credential or (self.home_credential if home else NO_CREDENTIAL)
        try:
            return self.keyring.secret_for(credential, origin)
        except CredentialError as error:
            raise ApiError("credential", f"Not sent: {error.message}", url) from None

    def _without_keys(self, request: ApiRequest, url: str, keys: list[str]) -> str:
        """The URL with query params holding another origin's key dropped.

        Raises:
            ApiError: when a key is still in the URL (its path, or a query typed into it).
        """

        def holds_key(text: str) -> bool:
            """Whether `text` contains another origin's key.

            Args:
                text: A query parameter's name and value run together, or the whole URL.

            Returns:
                True when any key in `keys` occurs in it.
            """
            return any(key in text for key in keys)

        params = tuple((n, v) for n, v in request.params if not holds_key(n + v))
        url = request_url(self.base_url, replace(request, params=params))
        if holds_key(unquote(url)):
            message = "This URL holds your API key; it is not sent to another origin."
            for key in keys:
                url = url.replace(key, "****")
            raise ApiError("invalid_url", message, url)
        return url

    def _build(
        self, request: ApiRequest, url: str, headers: list[tuple[str, str]]
    ) -> httpx.Request:
        content = request.body.encode("utf-8") if request.has_body else None
        http = self._http
        try:
            return http.build_request(request.method, url, headers=headers, content=content)
        except _invalid_url_error() as exc:
            raise ApiError("invalid_url", f"Invalid URL {url!r}: {exc}.", url) from exc
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end]
            message = f"Header values must be plain ASCII; {bad!r} cannot be sent."
            raise ApiError("protocol", message, url) from exc

    async def _exchange(
        self, outgoing: httpx.Request, transfer: Transfer, on_progress: ProgressCallback | None
    ) -> ApiResponse:
        response = await self._http.send(outgoing, stream=True)
        try:
            transfer.headers_seen = True
            transfer.expected = _declared_length(response)
            self._refuse_declared_oversize(response, transfer)
            body = await self._read_body(response, transfer, on_progress)
            elapsed = time.perf_counter() - transfer.started
        finally:
            await response.aclose()
        return ApiResponse(
            status=response.status_code,
            reason=response.reason_phrase,
            headers=tuple((k.lower(), v) for k, v in response.headers.multi_items()),
            body=body,
            elapsed=elapsed,
            url=transfer.url,  # as asked: redirects are not followed, a test transport may rewrite
            method=outgoing.method,
        )

    def _refuse_declared_oversize(self, response: httpx.Response, transfer: Transfer) -> None:
        """Refuse at once a body whose Content-Length is over the cap (when not compressed)."""
        declared = transfer.expected
        encoded = response.headers.get("content-encoding", "identity").lower() != "identity"
        if declared is None or encoded or declared <= self.max_body_bytes:
            return
        cap = format_size(self.max_body_bytes)
        message = f"The response body is {format_size(declared)}, over the {cap} limit; not read."
        raise ApiError("too_large", message, transfer.url)

    async def _read_body(
        self, response: httpx.Response, transfer: Transfer, on_progress: ProgressCallback | None
    ) -> bytes:
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            transfer.received = response.num_bytes_downloaded
            if len(body) > self.max_body_bytes:
                cap = format_size(self.max_body_bytes)
                message = (
                    f"The response body is larger than the {cap} limit; "
                    f"stopped reading after {format_size(len(body))}."
                )
                raise ApiError("too_large", message, transfer.url)
            if on_progress is not None:
                on_progress(transfer.received, transfer.expected)
        return bytes(body)


def _normalise_base(base_url: str) -> str:
    text = base_url.strip().rstrip("/")
    if origin_of(text) is None:
        raise ValueError(f"Base URL {base_url!r} must be an absolute http:// or https:// URL.")
    parts = urlsplit(text)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, "", ""))


def _declared_length(response: httpx.Response) -> int | None:
    if response.request.method == "HEAD" or response.status_code in (204, 304):
        return None
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def _where(origin: tuple[str, str, int]) -> str:
    _scheme, host, port = origin
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _httpx_errors() -> tuple[type[Exception], ...]:
    import httpx

    return (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)


def _invalid_url_error() -> type[Exception]:
    import httpx

    return httpx.InvalidURL
