"""to_curl: an ApiRequest as a copy-pasteable curl command (reading one back: curl_parse)."""

from __future__ import annotations

import re
import shlex
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from kexplore.core.http.curl_parse import CurlError, CurlImport, from_curl, is_secret, parse_curl
from kexplore.core.http.outgoing import outgoing_headers
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.urls import origin_of, request_url

__all__ = ["CurlError", "CurlImport", "from_curl", "parse_curl", "to_curl"]

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def to_curl(
    request: ApiRequest,
    base_url: str,
    *,
    redact: bool = True,
    api_key: str | None = None,
    key_env: str = "KUSTOMER_API_KEY",
) -> str:
    """The curl command that sends what ApiClient would send for `request`.

    Args:
        request: The request; a relative path joins `base_url`.
        base_url: The client's base URL; the key is shown only for its origin.
        redact: Show the key as `"$KUSTOMER_API_KEY"` (expanded by the shell) and leave out
            secret-looking headers; when False, show `api_key` itself.
        api_key: The configured key, needed to show it (redact=False) or to strip it.
        key_env: The environment variable named in place of the key.

    Returns:
        A multi-line, shell-quoted command (lines joined with `\\` continuations).

    Raises:
        ValueError: when `key_env` is not a valid environment variable name.
    """
    if not _ENV_NAME.match(key_env):
        raise ValueError(f"{key_env!r} is not an environment variable name.")
    url = request_url(base_url, request)
    if redact:
        url = _without_secret_params(url, api_key)
    same_origin = origin_of(url) is not None and origin_of(url) == origin_of(base_url)
    parts = ["curl", *_method_args(request), shlex.quote(url)]
    lines = [" ".join(parts)]
    shown = _shown_headers(request, same_origin=same_origin, redact=redact, api_key=api_key)
    lines += [f"-H {shlex.quote(_header_arg(name, value))}" for name, value in shown]
    if same_origin and redact:
        lines.insert(1, f'-H "Authorization: Bearer ${key_env}"')
    if request.has_body:
        lines.append(f"--data-raw {shlex.quote(request.body)}")
    return " \\\n  ".join(lines)


def _without_secret_params(url: str, api_key: str | None) -> str:
    """`url` without query parameters that carry a credential (by name, or holding the key)."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(n, v) for n, v in pairs if not (is_secret(n, v) or (api_key and api_key in n + v))]
    if len(kept) == len(pairs):
        return url
    return urlunsplit(parts._replace(query=urlencode(kept, quote_via=quote)))


def _header_arg(name: str, value: str) -> str:
    """curl's spelling of a header; `Name;` sends an empty one (`Name:` would remove it)."""
    return f"{name}: {value}" if value else f"{name};"


def _method_args(request: ApiRequest) -> list[str]:
    if request.method == "HEAD":
        return ["--head"]
    implied = "POST" if request.has_body else "GET"
    return [] if request.method == implied else ["-X", shlex.quote(request.method)]


def _shown_headers(
    request: ApiRequest, *, same_origin: bool, redact: bool, api_key: str | None
) -> list[tuple[str, str]]:
    """The headers ApiClient would send (outgoing_headers), minus the Authorization that
    `to_curl` adds itself and, when redacting, anything secret."""
    secret = api_key if same_origin and not redact else None
    withheld = [api_key] if api_key and (redact or not same_origin) else []
    sent = outgoing_headers(request, secret=secret, withheld=withheld)
    return [(name, value) for name, value in sent if not (redact and is_secret(name, value))]
