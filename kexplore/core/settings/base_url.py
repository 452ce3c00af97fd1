"""Base URLs: Kustomer's regional and org hosts, and checking a URL (origin and optional path)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from urllib.parse import SplitResult, urlsplit

from kexplore.core.http.urls import DEFAULT_PORTS
from kexplore.core.settings.settings_error import SettingsError

__all__ = ["DEFAULT_BASE_URL", "REGIONS", "normalise_base_url", "org_base_url"]

REGIONS: Mapping[str, str] = MappingProxyType(
    {
        "us": "https://api.kustomerapp.com",
        "eu": "https://api.prod2.kustomerapp.com",
        "in": "https://api.prod4.kustomerapp.com",
    }
)
"""Kustomer's regional API hosts, by the region name `--region` takes."""
DEFAULT_BASE_URL = REGIONS["us"]
"""The base URL when nothing else says otherwise."""

_ORG_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_HOST_NAME = re.compile(
    r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$"
)
_OTHER_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)")
_MAX_LABEL = 63
_MAX_HOST = 253


def normalise_base_url(url: str) -> str:
    """Check a base URL and reduce it to `scheme://host[:port][/path]`.

    A path is kept (`http://h/api` for a server under `/api`): typed paths go below it, and
    links in documents resolve as they are written (see `kexplore.core.http.urls.resolve_url`).

    Args:
        url: What the user gave, e.g. `https://api.kustomerapp.com/` or `http://h:5000/api/`.

    Returns:
        The URL with scheme and host lower-cased, without a default port or trailing slash;
        the path's case is kept.

    Raises:
        SettingsError: if it is empty, not a URL, has no or a non-http(s) scheme, carries a
            user name or password, has a host name too long for DNS, a query or fragment, or
            `.`/`..` segments in its path.
    """
    text = url.strip() if isinstance(url, str) else ""
    if not text:
        raise SettingsError("The base URL is empty: give one such as https://api.kustomerapp.com.")
    _check_characters(text)
    _check_scheme(text)
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        raise SettingsError(f"The base URL {text!r} is not a URL: {exc}.") from None
    origin = f"{parts.scheme.lower()}://{_host_and_port(text, parts)}"
    return origin + _checked_path(text, parts, origin)


def org_base_url(org: str) -> str:
    """The org host for an org name: `acme` -> `https://acme.api.kustomerapp.com`.

    Raises:
        SettingsError: if `org` is not a valid subdomain name.
    """
    name = org.strip().lower()
    if not _ORG_NAME.match(name):
        raise SettingsError(
            f"Org name {org!r} is not a valid name: use the subdomain you log in at "
            "(acme for acme.kustomerapp.com)."
        )
    return f"https://{name}.api.kustomerapp.com"


def _check_characters(text: str) -> None:
    for position, char in enumerate(text, start=1):
        if char.isspace() or ord(char) < 32 or ord(char) == 127:
            what = "a space" if char == " " else f"the character {char!r}"
            raise SettingsError(
                f"The base URL {text!r} is not a URL: it contains {what} at position {position}."
            )


def _check_scheme(text: str) -> None:
    if "://" not in text:
        other = _OTHER_SCHEME.match(text)
        if other is None:
            raise SettingsError(
                f"The base URL {text!r} has no scheme: write https://{text} "
                "(or http:// for a local server such as the sandbox)."
            )
        scheme = other.group(1)
    else:
        scheme = text.split("://", 1)[0]
    if not scheme:
        raise SettingsError(f"The base URL {text!r} has no scheme before '://': add https.")
    if scheme.lower() not in DEFAULT_PORTS:
        raise SettingsError(
            f"The base URL {text!r} uses the scheme {scheme!r}: kexplore speaks only https "
            "(and http, for a local server such as the sandbox)."
        )


def _host_and_port(text: str, parts: SplitResult) -> str:
    """`host[:port]` of an http(s) URL, the default port dropped."""
    if "@" in parts.netloc:  # first, so no message below echoes a password
        raise SettingsError(
            "The base URL carries a user name or password before '@': remove it. "
            "kexplore sends the API key as a header, never in the URL."
        )
    try:
        host, port = parts.hostname or "", parts.port
    except ValueError as exc:
        raise SettingsError(f"The base URL {text!r} is not a URL: {exc}.") from None
    if not host:
        raise SettingsError(f"The base URL {text!r} is not a URL: there is no host name.")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    elif not _HOST_NAME.match(host):
        raise SettingsError(f"The base URL {text!r} is not a URL: {host!r} is not a host name.")
    else:
        _check_host_length(text, host)
    default = DEFAULT_PORTS[parts.scheme.lower()]
    return host if port in (None, default) else f"{host}:{port}"


def _check_host_length(text: str, host: str) -> None:
    """DNS limits (RFC 1035): 63 characters a label, 253 the whole name."""
    if len(host) > _MAX_HOST:
        raise SettingsError(
            f"The base URL's host name is {len(host)} characters long: DNS allows at most "
            f"{_MAX_HOST}. Check the URL {_shortened(text)}."
        )
    longest = max(host.split("."), key=len)
    if len(longest) > _MAX_LABEL:
        raise SettingsError(
            f"The base URL's host name has a part of {len(longest)} characters "
            f"({_shortened(longest)}): DNS allows at most {_MAX_LABEL} between dots."
        )


def _shortened(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _checked_path(text: str, parts: SplitResult, origin: str) -> str:
    """The base URL's path without its trailing slash ('' for none)."""
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise SettingsError(
            f"The base URL {text!r} has a query or fragment: give the scheme, host and at most "
            f"a path, e.g. {origin}/api. Put query parameters in the request instead."
        )
    path = parts.path.rstrip("/")
    if any(segment in (".", "..") for segment in path.split("/")):
        raise SettingsError(
            f"The base URL {text!r} has a '.' or '..' segment in its path: write the path "
            "it means, e.g. /api."
        )
    return path
