"""HistoryEntry: one saved request (and the summary of its response) and its TOML form."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit

from kexplore.core.history.redaction import REDACTED, Redactor
from kexplore.core.http.identity import CUSTOM_HEADER, Identity, is_credential_ref
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse

__all__ = [
    "EntryError",
    "HistoryEntry",
    "ResponseSummary",
    "entry_from_table",
    "entry_to_table",
    "error_text",
    "make_entry",
    "new_entry_id",
    "path_of",
]


class EntryError(ValueError):
    """An `[[entry]]` table that lacks a required field or has one of the wrong type."""


@dataclass(frozen=True)
class ResponseSummary:
    """What is kept of a response in the history file (the body is kept beside it)."""

    status: int
    """The HTTP status code."""
    reason: str = ""
    """The reason phrase."""
    elapsed_ms: float = 0.0
    """Milliseconds from sending to the last body byte."""
    size: int = 0
    """Body size in bytes."""
    content_type: str = ""
    """The media type, without parameters."""
    ratelimit_limit: int | None = None
    """`x-ratelimit-limit`, when the response had it."""
    ratelimit_remaining: int | None = None
    """`x-ratelimit-remaining`, when the response had it."""


@dataclass(frozen=True)
class HistoryEntry:
    """One request as it was sent (secrets redacted), in a history or a collection file."""

    id: str
    """Sortable, unique: `20261127T053940.123Z-3f9a1c` (UTC time, then random hex)."""
    at: datetime | None
    """When it was sent (or saved), UTC."""
    profile: str
    """The profile it was sent with."""
    method: str
    """The HTTP method."""
    url: str
    """Where it went, query included: a path for the sandbox (never its port), else the
    absolute URL."""
    headers: tuple[tuple[str, str], ...] = ()
    """Request headers as sent, secret ones as `<redacted>`."""
    body: str = ""
    """The request body text."""
    response: ResponseSummary | None = None
    """The response summary, or None when the request failed or was only saved."""
    error: str | None = None
    """Why the request failed (an ApiError's message), if it did."""
    name: str | None = None
    """A collection entry's name."""
    description: str = ""
    """A collection entry's description."""
    expect_status: int | None = None
    """A collection entry's expected status; wins over the saved one."""
    target: str | None = None
    """`sandbox` or the origin it went to; None in files written before identity was kept."""
    credential: str | None = None
    """The credential reference it was sent with (never a key); None in older files."""

    @property
    def label(self) -> str:
        """The name for a collection entry, else the id."""
        return self.name or self.id

    @property
    def path(self) -> str:
        """The URL's path and query, for display and for re-sending to another base URL."""
        return path_of(self.url)

    @property
    def expected_status(self) -> int | None:
        """`expect_status` if set, else the saved response's status (None if it failed)."""
        if self.expect_status is not None:
            return self.expect_status
        return self.response.status if self.response else None

    @property
    def had_custom_auth(self) -> bool:
        """Whether it was sent with an Authorization header the user typed (never kept)."""
        if self.credential is not None:
            return self.credential == CUSTOM_HEADER
        return any(k.lower() == "authorization" and v == REDACTED for k, v in self.headers)

    def to_request(self) -> ApiRequest:
        """The request as kept, not yet fit to send (see `core.history.resend` for that).

        Returns:
            The entry's method, URL as written (a path for the sandbox, query included, so
            no params), headers and body; redacted headers are dropped and no credential is
            set.
        """
        headers = tuple((k, v) for k, v in self.headers if v != REDACTED)
        return ApiRequest(method=self.method, url=self.url, headers=headers, body=self.body)


def new_entry_id(at: datetime) -> str:
    """A sortable, unique id for an entry made at `at`.

    Args:
        at: When the entry was made, any time zone (a naive one is local time).

    Returns:
        `YYYYMMDDTHHMMSS.mmmZ-xxxxxx` in UTC: ids sort by time, to the millisecond, and six
        random hex digits keep entries of the same millisecond apart.
    """
    stamp = at.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    return f"{stamp}.{at.microsecond // 1000:03d}Z-{secrets.token_hex(3)}"


def entry_to_table(entry: HistoryEntry) -> dict[str, Any]:
    """The `[[entry]]` table for `entry`, in the order it is written.

    Args:
        entry: The entry to write (already redacted).

    Returns:
        Key -> TOML value. Optional fields that are unset are left out (TOML has no null);
        headers are a table, or a list of pairs when a name repeats.
    """
    table: dict[str, Any] = {}
    if entry.name is not None:
        table["name"] = entry.name
    if entry.description:
        table["description"] = entry.description
    if entry.expect_status is not None:
        table["expect_status"] = entry.expect_status
    table["id"] = entry.id
    if entry.at is not None:
        table["at"] = entry.at
    table["profile"] = entry.profile
    if entry.target is not None:
        table["target"] = entry.target
    if entry.credential is not None:
        table["credential"] = entry.credential
    table |= {"method": entry.method, "url": entry.url}
    table["headers"] = _headers_value(entry.headers)
    table["body"] = entry.body
    if entry.error is not None:
        table["error"] = entry.error
    if entry.response is not None:
        table["response"] = _response_table(entry.response)
    return table


def _headers_value(headers: tuple[tuple[str, str], ...]) -> dict[str, str] | list[list[str]]:
    """An inline table, or a list of pairs when a name repeats (a TOML key cannot)."""
    names = [name for name, _ in headers]
    if len(set(names)) == len(names):
        return dict(headers)
    return [[name, value] for name, value in headers]


def _response_table(response: ResponseSummary) -> dict[str, Any]:
    table: dict[str, Any] = {
        "status": response.status,
        "reason": response.reason,
        "elapsed_ms": response.elapsed_ms,
        "size": response.size,
        "content_type": response.content_type,
    }
    for key in ("ratelimit_limit", "ratelimit_remaining"):
        if getattr(response, key) is not None:
            table[key] = getattr(response, key)
    return table


def entry_from_table(table: Mapping[str, Any]) -> HistoryEntry:
    """The entry an `[[entry]]` table describes.

    Args:
        table: One `[[entry]]` table as parsed from a history or collection file.

    Returns:
        The entry; one without an id takes its name as id, and fields left out take their
        defaults (`target` and `credential` stay None in files older than identity).

    Raises:
        EntryError: when method or url (or both id and name) is missing, or a field has the
            wrong type.
    """
    name = _optional(table, "name", str)
    entry_id = _optional(table, "id", str) or name
    if entry_id is None:
        raise EntryError("missing 'id'")
    return HistoryEntry(
        id=entry_id,
        at=_optional(table, "at", datetime),
        profile=_optional(table, "profile", str) or "",
        method=_required(table, "method", str),
        url=_required(table, "url", str),
        headers=_headers_from(table.get("headers", {})),
        body=_optional(table, "body", str) or "",
        response=_response_from(table.get("response")),
        error=_optional(table, "error", str),
        name=name,
        description=_optional(table, "description", str) or "",
        expect_status=_optional(table, "expect_status", int),
        target=_optional(table, "target", str),
        credential=_credential_from(table),
    )


def _credential_from(table: Mapping[str, Any]) -> str | None:
    credential = _optional(table, "credential", str)
    if credential is not None and not is_credential_ref(credential):
        raise EntryError(
            "'credential' should be a reference such as env:NAME, role:read, none or "
            "custom-header (never a key)"
        )
    return credential


_T = TypeVar("_T")


def _optional(table: Mapping[str, Any], key: str, kind: type[_T]) -> _T | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise EntryError(f"{key!r} should be {_KIND_NAMES.get(kind, kind.__name__)}")
    return value


def _required(table: Mapping[str, Any], key: str, kind: type[_T]) -> _T:
    value = _optional(table, key, kind)
    if value is None:
        raise EntryError(f"missing {key!r}")
    return value


_KIND_NAMES = {str: "a string", int: "an integer", datetime: "a date-time", float: "a number"}


def _headers_from(value: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, list):
        pairs = [tuple(pair) if isinstance(pair, list) else (None, None) for pair in value]
    else:
        raise EntryError("'headers' should be a table")
    if not all(len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], str) for p in pairs):
        raise EntryError("'headers' should map names to strings")
    return tuple((str(name), str(val)) for name, val in pairs)


def _response_from(value: Any) -> ResponseSummary | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise EntryError("'response' should be a table")
    elapsed = value.get("elapsed_ms", 0.0)
    if not isinstance(elapsed, int | float) or isinstance(elapsed, bool):
        raise EntryError("'response.elapsed_ms' should be a number")
    return ResponseSummary(
        status=_required(value, "status", int),
        reason=_optional(value, "reason", str) or "",
        elapsed_ms=float(elapsed),
        size=_optional(value, "size", int) or 0,
        content_type=_optional(value, "content_type", str) or "",
        ratelimit_limit=_optional(value, "ratelimit_limit", int),
        ratelimit_remaining=_optional(value, "ratelimit_remaining", int),
    )


def make_entry(
    request: ApiRequest,
    response: ApiResponse | None,
    *,
    url: str,
    profile: str,
    at: datetime,
    redactor: Redactor,
    identity: Identity | None = None,
) -> HistoryEntry:
    """The redacted entry for `request` (and `response`) sent to `url` at `at`.

    Args:
        request: the request.
        response: its response, if any.
        url: the absolute URL; the request's params are added to its query unless there.
        profile: the profile's name.
        at: when; kept to the millisecond, in UTC.
        redactor: what to keep out of the entry.
        identity: who it was sent as and where; a sandbox request keeps only its path.

    Returns:
        The entry, with a new id; secrets are `<redacted>` in its URL, headers, body and
        response reason.
    """
    at = at.astimezone(UTC)
    url = _with_params(url, request.params)
    if identity is not None and identity.is_sandbox:
        url = path_of(url)
    at = at.replace(microsecond=at.microsecond // 1000 * 1000)
    return HistoryEntry(
        id=new_entry_id(at),
        at=at,
        profile=identity.profile if identity is not None and identity.profile else profile,
        method=request.method,
        url=redactor.url(url),
        headers=redactor.headers(request.headers),
        body=redactor.text(request.body),
        response=_summary(response, redactor) if response is not None else None,
        target=identity.target if identity is not None else None,
        credential=identity.credential if identity is not None else None,
    )


def path_of(url: str) -> str:
    """The path and query of a URL, for display and for sending to another base URL.

    Args:
        url: An absolute URL, or a path already.

    Returns:
        `/path?query` (`/` for a URL with no path); the fragment is dropped.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def _with_params(url: str, params: tuple[tuple[str, str], ...]) -> str:
    """`url` with `params` added to its query, unless they already end it."""
    if not params:
        return url
    head, hash_, fragment = url.partition("#")
    _base, qmark, query = head.partition("?")
    present = parse_qsl(query, keep_blank_values=True)
    if present[-len(params) :] == list(params):
        return url
    joined = f"{head}{'&' if qmark and query else '' if qmark else '?'}{urlencode(params)}"
    return joined + hash_ + fragment


def _summary(response: ApiResponse, redact: Redactor) -> ResponseSummary:
    return ResponseSummary(
        status=response.status,
        reason=redact.text(response.reason),
        elapsed_ms=round(response.elapsed * 1000, 1),
        size=response.size,
        content_type=response.content_type,
        ratelimit_limit=_int_header(response, "x-ratelimit-limit"),
        ratelimit_remaining=_int_header(response, "x-ratelimit-remaining"),
    )


def _int_header(response: ApiResponse, name: str) -> int | None:
    value = response.header(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def error_text(error: str | BaseException) -> str:
    """What to keep of a failure: an ApiError's `.message`, or the text given.

    Args:
        error: The exception the request failed with (an ApiError, usually), or its text.

    Returns:
        The exception's non-empty `.message`, else its str(); text comes back as given.
    """
    if isinstance(error, str):
        return error
    return str(getattr(error, "message", None) or error)
