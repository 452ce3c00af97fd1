"""The Kustomer error shape: `ApiError` and the JSON bodies it renders to."""

from __future__ import annotations

from typing import Any

import orjson

__all__ = ["CODES", "ApiError", "error_body", "not_found"]

CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Bad Request"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not_found", "Not Found"),
    405: ("method_not_allowed", "Method Not Allowed"),
    409: ("conflict", "Conflict"),
    413: ("payload_too_large", "Payload Too Large"),
    429: ("too_many_requests", "Too Many Requests"),
    500: ("internal_server_error", "Internal Server Error"),
    501: ("not_implemented", "Not Implemented"),
}
"""Status -> (code, title) used in every error object."""


class ApiError(Exception):
    """A failure that becomes a Kustomer-shaped error response.

    Args:
        status: The HTTP status.
        detail: What went wrong, for a person.
        source: Optional JSON:API `source`, e.g. `{"pointer": "/customer"}` or
            `{"parameter": "pageSize"}`.
        headers: Extra response headers (e.g. `Allow`, `Retry-After`).
    """

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        source: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.source = source
        self.headers = headers or {}

    def body(self) -> bytes:
        """Return the serialized `{"errors": [...]}` body."""
        return error_body(self.status, self.detail, self.source)


def error_body(status: int, detail: str, source: dict[str, str] | None = None) -> bytes:
    """Serialize one Kustomer error object.

    Args:
        status: The HTTP status.
        detail: The human explanation.
        source: Optional JSON:API `source` member.

    Returns:
        `{"errors":[{"status","code","title","detail"[,"source"]}]}` as JSON bytes.
    """
    code, title = CODES.get(status, ("error", "Error"))
    error: dict[str, Any] = {"status": str(status), "code": code, "title": title, "detail": detail}
    if source:
        error["source"] = source
    return orjson.dumps({"errors": [error]})


def not_found(kind: str, key: str) -> ApiError:
    """Build the 404 for a missing resource.

    Args:
        kind: What was looked for, e.g. `customer`.
        key: The id or lookup that found nothing.

    Returns:
        The ApiError to raise.
    """
    return ApiError(404, f"No {kind} found with {key}")
