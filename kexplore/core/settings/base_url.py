"""Base URLs: Kustomer's regional and org hosts, and checking a URL down to its origin."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from urllib.parse import SplitResult, urlsplit

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
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_base_url(url: str) -> str:
    """Check a base URL and reduce it to `scheme://host[:port]`.

    Args:
        url: What the user gave, e.g. `https://api.kustomerapp.com/`.

    Returns:
        The URL lower-cased, without a default port or trailing slash.

    Raises:
        SettingsError: if it is empty, not a URL, has no or a non-http(s) scheme, carries a
            user name or password, or has a path, query or fragment.
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
    _check_no_path(text, parts, origin)
    return origin


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
    if scheme.lower() not in _DEFAULT_PORTS:
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
    default = _DEFAULT_PORTS[parts.scheme.lower()]
    return host if port in (None, default) else f"{host}:{port}"


def _check_no_path(text: str, parts: SplitResult, origin: str) -> None:
    why = (
        f"give only the scheme and host, e.g. {origin}. kexplore adds the /v1/... paths itself, "
        "and Kustomer's links (/v1/...) are relative to the host, so anything after it would be "
        "dropped or doubled."
    )
    if parts.path not in ("", "/"):
        raise SettingsError(f"The base URL {text!r} has a path ({parts.path!r}): {why}")
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise SettingsError(f"The base URL {text!r} has a query or fragment: {why}")
