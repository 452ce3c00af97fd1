"""List query parameters: `filter[field][op]`, `fromDate` and `sort`, turned into a Scope."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from starlette.requests import Request

from kexplore.sandbox.errors import ApiError
from kexplore.sandbox.ids import iso_ms, parse_iso_ms
from kexplore.sandbox.store import Scope

__all__ = ["narrowed"]

FILTER = re.compile(r"\Afilter\[([A-Za-z][A-Za-z0-9_.]*)\](?:\[(gte|gt|lte|lt|eq|ne)\])?\Z")
OPS = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "eq": "=", "ne": "!="}
SORT = re.compile(r"\A(-?)([A-Za-z][A-Za-z0-9_.]*)\Z")


def _value(name: str, field: str, raw: str) -> Any:
    """Dates compare as Kustomer's millisecond ISO strings; numbers as numbers."""
    if field.endswith("At") or field == "fromDate":
        try:
            return iso_ms(parse_iso_ms(raw.replace("Z", "+00:00")))
        except (ValueError, OverflowError):
            detail = f"Invalid query parameter '{name}': {raw!r} is not an ISO-8601 date"
            raise ApiError(400, detail, source={"parameter": name}) from None
    if re.fullmatch(r"-?\d+(\.\d+)?", raw):
        return float(raw) if "." in raw else int(raw)
    return {"true": True, "false": False}.get(raw, raw)


def _ranges(request: Request, from_field: str) -> list[tuple[str, str, Any]]:
    ranges = []
    for name, raw in request.query_params.multi_items():
        match = FILTER.match(name)
        if match:
            field, op = match.group(1), match.group(2) or "eq"
            ranges.append((f"$.{field}", OPS[op], _value(name, field, raw)))
    if "fromDate" in request.query_params:
        value = _value("fromDate", "fromDate", request.query_params["fromDate"])
        ranges.append((f"$.{from_field}", ">=", value))
    return ranges


def narrowed(request: Request, scope: Scope, *, from_field: str = "updatedAt") -> Scope:
    """Add the request's filters and sort to a list's scope.

    `sort=desc`/`asc` keep insertion order (handled by the caller); `sort=-field` or
    `sort=field` order by an attribute.

    Args:
        request: The list request.
        scope: The records the list covers.
        from_field: The attribute `fromDate` compares with.

    Returns:
        The narrowed scope.

    Raises:
        ApiError: 400 for a filter value that cannot be compared.
    """
    ranges = _ranges(request, from_field)
    sort = request.query_params.get("sort", "")
    order = None
    match = SORT.match(sort)
    if match and sort not in ("asc", "desc"):
        order = (f"$.{match.group(2)}", match.group(1) == "-")
    return replace(scope, ranges=scope.ranges + tuple(ranges), order=order or scope.order)
