"""URLs: the origin of a URL, and the absolute URL a request goes to."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from kexplore.core.http.request import ApiRequest

__all__ = ["DEFAULT_PORTS", "origin_of", "origin_text", "request_url", "resolve_url", "url_problem"]

DEFAULT_PORTS = {"http": 80, "https": 443}
"""The port each scheme kexplore speaks uses when a URL names none."""
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def origin_of(url: str) -> tuple[str, str, int] | None:
    """The (scheme, host, port) origin of an absolute http(s) URL, default ports filled in.

    Returns:
        The origin, or None when `url` is not an absolute http(s) URL with a valid host and port.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname.lower(), DEFAULT_PORTS[scheme] if port is None else port


def origin_text(url: str) -> str | None:
    """The origin of an absolute http(s) URL as text, `scheme://host[:port]`, the default port
    left out; None when `url` has no origin (see `origin_of`)."""
    origin = origin_of(url)
    if origin is None:
        return None
    scheme, host, port = origin
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{host}" if port == DEFAULT_PORTS[scheme] else f"{scheme}://{host}:{port}"


def resolve_url(base_url: str, url: str) -> str:
    """Make a typed `url` absolute against the base URL, which may have a path.

    An absolute URL is kept. A path goes below the base URL (`/People` on `http://h/api` is
    `http://h/api/People`), unless it already starts with the base URL's path (`/api/People`
    is taken as written, not doubled). Links found in documents are absolute before they get
    here: they resolve against their document's URL, as a browser resolves them.

    Args:
        base_url: The base URL, `scheme://host[:port][/path]`, with or without a final `/`.
        url: What was typed: an absolute URL, `//host/...`, `/path`, or `path`.

    Returns:
        The absolute URL.
    """
    if _ABSOLUTE.match(url):
        return url
    if url.startswith("//"):
        return f"{urlsplit(base_url).scheme}:{url}"
    base = base_url.rstrip("/")
    if not url.startswith("/"):
        return f"{base}/{url}"
    prefix = urlsplit(base).path
    if prefix and (url == prefix or url.startswith((prefix + "/", prefix + "?"))):
        return base[: len(base) - len(prefix)] + url
    return base + url


def request_url(base_url: str, request: ApiRequest) -> str:
    """The absolute URL `request` goes to, its params appended to any query already there."""
    url = resolve_url(base_url, request.url)
    if not request.params:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket: origin_of refuses it, with the reason
        return url
    extra = urlencode(request.params, quote_via=quote)
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit(parts._replace(query=query))


def url_problem(url: str) -> str:
    """Why `url` is not an absolute http(s) URL with a host (for one `origin_of` refused).

    Args:
        url: The URL.

    Returns:
        The reason, e.g. `there is no host name`, for an error message.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() not in DEFAULT_PORTS:
        scheme = parts.scheme or "no scheme"
        return f"{scheme!r} is not supported, use http:// or https://"
    return "there is no host name"
