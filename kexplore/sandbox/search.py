"""Turns a `POST /v1/customers/search` body into SQL over the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kexplore.sandbox.errors import ApiError
from kexplore.sandbox.ids import iso_ms, parse_iso_ms
from kexplore.sandbox.search_fields import CONTEXTS, Field, join, resolve

__all__ = ["BODY_KEYS", "OPERATORS", "Query", "build_query"]

OPERATORS = ("equals", "contains", "gt", "gte", "lt", "lte")
"""The criterion operators the sandbox understands."""
COMPARE = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
MAX_DEPTH = 8
"""How deep `and`/`or`/`not` groups may nest."""
MAX_CRITERIA = 200
"""How many criteria one search may hold."""
MAX_SORT = 10
"""How many fields one search may sort by."""
BODY_KEYS = ("and", "or", "not", "sort", "queryContext", "timeZone", "includeDeleted")
BODY_KEYS += ("searchHash", "aggs", "fields")
"""Top-level members a search body may have."""


@dataclass
class Query:
    """A search as SQL over `resources r`."""

    context: str
    """The `queryContext`."""
    where: str = "1"
    """The condition."""
    params: list[Any] = field(default_factory=list)
    """Its parameters."""
    order: str = "r.seq"
    """The ORDER BY clause."""
    zone: Any = UTC
    """The `timeZone` that date-only values are read in."""
    criteria: int = 0
    """How many criteria the body holds (bounded, so the SQL stays within SQLite's limits)."""


def _bad(detail: str, name: str | None = None) -> ApiError:
    return ApiError(400, detail, source={"pointer": f"/{name}"} if name else None)


def _date(query: Query, value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise _bad(f"{name}: a date must be a string, got {value!r}", name)
    try:
        if len(value) == 10:
            day = datetime.fromisoformat(value).replace(tzinfo=query.zone)
            return iso_ms(int(day.timestamp() * 1000))
        return iso_ms(parse_iso_ms(value))
    except (ValueError, OverflowError):
        raise _bad(f"{name}: {value!r} is not a date (YYYY-MM-DD or ISO-8601)", name) from None


def _test(query: Query, fld: Field, op: str, value: Any, name: str) -> tuple[str, list]:
    if op not in OPERATORS:
        raise _bad(
            f"Unknown search operator {op!r} on {name}; use one of {', '.join(OPERATORS)}", name
        )
    if value is not None and not isinstance(value, str | int | float | bool):
        raise _bad(f"{name}.{op}: the value must be a string, number or boolean", name)
    if fld.kind == "date" and value is not None:
        value = _date(query, value, name)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**63:
        value = float(value)  # SQLite integers are 64-bit
    if fld.kind in ("array", "objects"):
        item = f"json_extract(value, '$.{fld.item_key}')" if fld.item_key else "value"
        test = "lower({i}) = lower(?)" if op == "equals" else "instr(lower({i}), lower(?)) > 0"
        if op in COMPARE:
            test = f"{{i}} {COMPARE[op]} ?"
        return f"EXISTS (SELECT 1 FROM json_each({fld.sql}) WHERE {test.format(i=item)})", [value]
    if op == "equals":
        if value is None:
            return f"{fld.sql} IS NULL", []
        if fld.kind in ("text", "date"):
            return f"lower({fld.sql}) = lower(?)", [value]
        return f"{fld.sql} = ?", [value]
    if op == "contains":
        if fld.kind not in ("text", "id"):
            raise _bad(f"{name}: 'contains' works only on text fields", name)
        return f"instr(lower({fld.sql}), lower(?)) > 0", [str(value)]
    return f"{fld.sql} {COMPARE[op]} ?", [value]


def _criterion(query: Query, name: str, ops: Any) -> tuple[str, list]:
    if not isinstance(ops, dict) or not ops:
        raise _bad(f'{name}: expected an object like {{"equals": value}}', name)
    fld = resolve(name)
    link = join(query.context, fld.prefix, name)
    alias = "r" if link is None else "x"
    tests = [_test(query, fld, op, value, name) for op, value in ops.items()]
    sql = " AND ".join(f"({t})" for t, _ in tests).replace("{a}", alias)
    params = [p for _, ps in tests for p in ps]
    if fld.klass:
        sql, params = f"{alias}.type = ? AND {sql}", [f"kobject.{fld.klass}", *params]
    if link is None:
        return sql, params
    kind = "x.type LIKE ?" if fld.prefix == "kobject" else "x.type = ?"
    exists = f"EXISTS (SELECT 1 FROM resources x WHERE {link} AND {kind} AND {sql})"
    return exists, [CONTEXTS[fld.prefix], *params]


def _group(query: Query, group: Any, how: str, where: str, depth: int = 1) -> tuple[str, list]:
    if depth > MAX_DEPTH:
        raise _bad(f"Search criteria are nested more than {MAX_DEPTH} levels deep", where)
    items = group if isinstance(group, list) else [group]
    parts: list[tuple[str, list]] = []
    for item in items:
        if not isinstance(item, dict):
            raise _bad(f"'{where}' must hold objects of criteria", where)
        for name, value in item.items():
            if name in ("and", "or", "not"):
                parts.append(_group(query, value, name, name, depth + 1))
                continue
            query.criteria += 1
            if query.criteria > MAX_CRITERIA:
                raise _bad(f"A search may hold at most {MAX_CRITERIA} criteria", where)
            parts.append(_criterion(query, name, value))
    if not parts:
        return "1", []
    joiner = " OR " if how == "or" else " AND "
    sql = joiner.join(f"({p})" for p, _ in parts)
    if how == "not":
        sql = " AND ".join(f"NOT ({p})" for p, _ in parts)
    return f"({sql})", [v for _, ps in parts for v in ps]


def _order(query: Query, sort: Any) -> str:
    items = sort if isinstance(sort, list) else [sort]
    if len(items) > MAX_SORT:
        raise _bad(f"'sort' may name at most {MAX_SORT} fields", "sort")
    order = []
    for item in items:
        if not isinstance(item, dict):
            raise _bad("'sort' must be an array of {field: 'asc'|'desc'}", "sort")
        for name, way in item.items():
            fld = resolve(name)
            if fld.prefix != query.context or fld.kind in ("array", "objects") or fld.klass:
                raise _bad(f"Cannot sort {query.context} results by {name!r}", "sort")
            if not isinstance(way, str) or way.lower() not in ("asc", "desc"):
                raise _bad(f"Sort direction for {name!r} must be 'asc' or 'desc'", "sort")
            order.append(f"{fld.sql.replace('{a}', 'r')} {way.upper()}")
    return ", ".join([*order, "r.seq"])


def build_query(body: dict[str, Any]) -> Query:
    """Parse a search body into SQL.

    Args:
        body: The JSON object posted to `/v1/customers/search`.

    Returns:
        The Query over `resources r`.

    Raises:
        ApiError: 400 naming an unknown member, context, field, operator or bad value.
    """
    for key in body:
        if key not in BODY_KEYS:
            raise _bad(f'"{key}" is not allowed in a search body', key)
    context = body.get("queryContext", "customer")
    if context not in CONTEXTS:
        raise _bad(
            f"Unknown queryContext {context!r}; use one of {', '.join(CONTEXTS)}", "queryContext"
        )
    query = Query(context)
    try:
        query.zone = ZoneInfo(body.get("timeZone") or "UTC")
    except (ValueError, TypeError, OSError, ZoneInfoNotFoundError):
        raise _bad(f"Unknown timeZone {body.get('timeZone')!r}", "timeZone") from None
    parts = [_group(query, body[how], how, how) for how in ("and", "or", "not") if how in body]
    query.where = " AND ".join(p for p, _ in parts) or "1"
    query.params = [v for _, ps in parts for v in ps]
    query.order = _order(query, body["sort"]) if body.get("sort") else "r.seq"
    return query
