"""HistoryEntry: one saved request (and the summary of its response) and its TOML form."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import tomli_w

from kexplore.core.redaction import REDACTED
from kexplore.core.request import ApiRequest

__all__ = [
    "EntryError",
    "HistoryEntry",
    "ResponseSummary",
    "entry_from_table",
    "entry_to_table",
    "format_entry",
    "new_entry_id",
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
    """The absolute URL, query included."""
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

    @property
    def label(self) -> str:
        """The name for a collection entry, else the id."""
        return self.name or self.id

    @property
    def path(self) -> str:
        """The URL's path and query, for display and for re-sending to another base URL."""
        parts = urlsplit(self.url)
        path = parts.path or "/"
        return f"{path}?{parts.query}" if parts.query else path

    @property
    def expected_status(self) -> int | None:
        """`expect_status` if set, else the saved response's status (None if it failed)."""
        if self.expect_status is not None:
            return self.expect_status
        return self.response.status if self.response else None

    def to_request(self) -> ApiRequest:
        """The request to send again: URL absolute with its query, redacted headers dropped."""
        headers = tuple((k, v) for k, v in self.headers if v != REDACTED)
        return ApiRequest(method=self.method, url=self.url, headers=headers, body=self.body)


def new_entry_id(at: datetime) -> str:
    """A sortable, unique id for an entry made at `at` (UTC)."""
    stamp = at.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    return f"{stamp}.{at.microsecond // 1000:03d}Z-{secrets.token_hex(3)}"


def entry_to_table(entry: HistoryEntry) -> dict[str, Any]:
    """The `[[entry]]` table for `entry`, in the order it is written."""
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
    table |= {"profile": entry.profile, "method": entry.method, "url": entry.url}
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
    )


def _optional(table: Mapping[str, Any], key: str, kind: type) -> Any:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise EntryError(f"{key!r} should be {_KIND_NAMES.get(kind, kind.__name__)}")
    return value


def _required(table: Mapping[str, Any], key: str, kind: type) -> Any:
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


def format_entry(table: Mapping[str, Any]) -> str:
    """One `[[entry]]` chunk of TOML, ending in a newline, that tomllib reads back as `table`.

    `headers` and any other table nested below the entry's own sub-tables are written inline;
    other tables (`response`) as `[entry.<key>]` sections.
    """
    lines = ["[[entry]]"]
    sections: list[str] = []
    for key, value in table.items():
        if isinstance(value, Mapping) and key != "headers":
            sections.append(f"\n[entry.{_key(key)}]")
            sections.extend(f"{_key(k)} = {_literal(v)}" for k, v in value.items())
        else:
            lines.append(f"{_key(key)} = {_literal(value)}")
    return "\n".join(lines + sections) + "\n"


def _key(key: str) -> str:
    """`key` as a TOML key: bare when it can be, else quoted and escaped."""
    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]


def _literal(value: Any) -> str:
    """`value` as a one-line TOML value (tables inline)."""
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_literal(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    return tomli_w.dumps({"v": value})[4:-1]
