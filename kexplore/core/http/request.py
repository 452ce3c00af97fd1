"""ApiRequest: what the user asked to send, and its validation before anything is sent."""

from __future__ import annotations

import re
from dataclasses import dataclass

import orjson

__all__ = [
    "BODILESS_METHODS",
    "METHODS",
    "ApiRequest",
    "RequestError",
    "body_note",
    "build_request",
    "parse_header_lines",
    "parse_param_lines",
]

METHODS: tuple[str, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
"""The HTTP methods kexplore will send."""
BODILESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods kexplore sends without a body: text left in the body editor stays there, unsent."""

_HEADER_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
_BAD_PATH_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")
_BAD_VALUE_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


class RequestError(ValueError):
    """A request that cannot be sent, with the field at fault and a human message.

    Args:
        field: The part at fault: `method`, `url`, `params`, `headers` or `body`.
        message: What is wrong, precisely enough to fix it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        """Which part of the request is wrong: method, url, params, headers or body."""
        self.message = message
        """What is wrong, precisely enough to fix it."""


@dataclass(frozen=True)
class ApiRequest:
    """One HTTP request, exactly as the user built it."""

    method: str = "GET"
    """The HTTP method, upper case."""
    url: str = ""
    """A path relative to the base URL (`/v1/customers`) or an absolute URL."""
    params: tuple[tuple[str, str], ...] = ()
    """Query parameters, in order; repeated names allowed."""
    headers: tuple[tuple[str, str], ...] = ()
    """Extra request headers, in order."""
    body: str = ""
    """The request body text, as typed (JSON for Kustomer)."""
    credential: str = ""
    """Who it is sent as: a credential reference (`env:NAME`, `role:read`, `none`,
    `custom-header`; see identity.py), never a key. Empty: the client's home credential on
    its own origin, none elsewhere."""

    def validate(self) -> None:
        """Check the request without sending it.

        Raises:
            RequestError: naming the field and the problem.
        """
        _check_method(self.method)
        _check_url(self.url)
        for name, value in self.headers:
            _check_header_name(name)
            _check_header_value(name, value)
        _check_body(self.method, self.body)

    @property
    def has_body(self) -> bool:
        """Whether there is body text to send."""
        return bool(self.body.strip())

    def header(self, name: str) -> str | None:
        """The value of the first header called `name` that the user set.

        Args:
            name: A header name, any case.

        Returns:
            Its value as typed, or None when there is no such header (the defaults the client
            adds, such as Accept, are not seen here).
        """
        wanted = name.lower()
        return next((v for k, v in self.headers if k.lower() == wanted), None)


def _check_method(method: str) -> None:
    if method not in METHODS:
        known = ", ".join(METHODS)
        raise RequestError("method", f"Unknown method {method!r}: use one of {known}.")


def _check_url(url: str) -> None:
    if not url.strip():
        raise RequestError("url", "The path is empty: type a path such as /v1/customers.")
    bad = _BAD_PATH_CHARS.search(url)
    if bad:
        what = "a space" if bad.group() == " " else f"the control character {bad.group()!r}"
        raise RequestError("url", f"The path contains {what} at position {bad.start() + 1}.")
    if "://" in url and not url.lower().startswith(("http://", "https://")):
        scheme = url.split("://", 1)[0]
        raise RequestError("url", f"Unsupported URL scheme {scheme!r}: use http or https.")
    if "://" not in url and not url.startswith("/"):
        raise RequestError("url", f"The path {url!r} must start with / (or be a full URL).")


def _check_header_name(name: str) -> None:
    if not _HEADER_NAME.match(name):
        raise RequestError("headers", f"Invalid header name {name!r}.")


def _check_header_value(name: str, value: str) -> None:
    bad = _BAD_VALUE_CHARS.search(value)
    if bad:
        raise RequestError(
            "headers", f"Header {name!r} contains the control character {bad.group()!r}."
        )


def body_note(method: str, body_text: str) -> str:
    """What happens to the body editor's text with `method`, when that may surprise.

    Args:
        method: the method chosen.
        body_text: the body editor's text.

    Returns:
        `Body not sent with GET (kept here)` for a method without a body, `Body sent with
        DELETE` for DELETE (servers differ on it), else "".
    """
    if not body_text.strip():
        return ""
    if method in BODILESS_METHODS:
        return f"Body not sent with {method} (kept here)"
    return "Body sent with DELETE" if method == "DELETE" else ""


def _check_body(method: str, body: str) -> None:
    if not body.strip():
        return
    if method in BODILESS_METHODS:
        raise RequestError("body", f"A {method} request cannot have a body: clear it or use POST.")
    try:
        orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        line, column = _line_column(body, exc.pos)
        reason = exc.msg.split(":")[0]
        raise RequestError(
            "body", f"The body is not valid JSON: {reason} at line {line}, column {column}."
        ) from None


def _line_column(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of character offset `pos` in `text`."""
    before = text[:pos]
    line = before.count("\n") + 1
    column = pos - (before.rfind("\n") + 1) + 1
    return line, column


def parse_header_lines(text: str) -> tuple[tuple[str, str], ...]:
    """Parse `Name: value` lines (blank lines and `#` comments skipped).

    Args:
        text: The headers editor's text, one header a line.

    Returns:
        (name, value) pairs in order, both stripped; a repeated name is kept each time, and
        `Name:` gives an empty value.

    Raises:
        RequestError: for a line without a colon or with an invalid name, naming the line.
    """
    headers: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, value = line.partition(":")
        if not colon:
            raise RequestError("headers", f"Header line {number} has no colon: {line!r}.")
        name = name.strip()
        if not _HEADER_NAME.match(name):
            raise RequestError("headers", f"Header line {number}: invalid name {name!r}.")
        headers.append((name, value.strip()))
    return tuple(headers)


def parse_param_lines(text: str) -> tuple[tuple[str, str], ...]:
    """Parse `name=value` query lines (blank lines and `#` comments skipped).

    Args:
        text: The query editor's text, one parameter a line, not URL-encoded.

    Returns:
        (name, value) pairs in order, both stripped; a line without `=` gives an empty value.

    Raises:
        RequestError: for a line without a name, naming the line.
    """
    params: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, _eq, value = line.partition("=")
        if not name.strip():
            raise RequestError("params", f"Query line {number} has no name: {line!r}.")
        params.append((name.strip(), value.strip()))
    return tuple(params)


def build_request(
    method: str, url: str, params_text: str, headers_text: str, body_text: str
) -> ApiRequest:
    """An ApiRequest from the builder's texts, validated. A method that sends no body
    (GET, HEAD, OPTIONS) leaves the body text out, whatever it is (`body_note` says so).

    Args:
        method: The method as chosen (case and surrounding spaces do not matter).
        url: A path (`/v1/customers`) or an absolute URL.
        params_text: The query editor's text (see `parse_param_lines`).
        headers_text: The headers editor's text (see `parse_header_lines`).
        body_text: The body editor's text, JSON.

    Returns:
        The validated request, with no credential (the client's default applies).

    Raises:
        RequestError: naming the field and the problem; nothing has been sent.
    """
    method = method.strip().upper()
    sent_body = body_text.strip() and method not in BODILESS_METHODS
    request = ApiRequest(
        method=method,
        url=url.strip(),
        params=parse_param_lines(params_text),
        headers=parse_header_lines(headers_text),
        body=body_text if sent_body else "",
    )
    request.validate()
    return request
