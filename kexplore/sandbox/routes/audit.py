"""`GET /v1/audit-logs`: newest first, paged by cursor (`count`, `after`, `before`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kexplore.sandbox.context import allow, respond, sandbox
from kexplore.sandbox.errors import ApiError
from kexplore.sandbox.ids import iso_ms, parse_iso_ms
from kexplore.sandbox.resources import render
from kexplore.sandbox.store import COLUMNS

__all__ = ["ROUTES"]

DEFAULT_COUNT = 100
MAX_COUNT = 1000
FILTERS = {"objectType": "objectType", "objectId": "objectId", "userId": "userId"}


def _count(request: Request) -> int:
    raw = request.query_params.get("count", str(DEFAULT_COUNT))
    if not raw.isdigit() or int(raw) < 1:
        raise ApiError(
            400, f"Invalid query parameter 'count': {raw!r}", source={"parameter": "count"}
        )
    return min(int(raw), MAX_COUNT)


def _where(request: Request) -> tuple[list[str], list[Any]]:
    query = request.query_params
    sql, params = ["type = 'audit_log'"], []
    types = [query[n] for n in ("filter[objectType]", "filter[include]") if n in query]
    if types:
        sql.append(f"json_extract(attrs, '$.objectType') IN ({', '.join('?' * len(types))})")
        params += types
    for name in ("objectId", "userId"):
        if f"filter[{name}]" in query:
            sql.append(f"json_extract(attrs, '$.{name}') = ?")
            params.append(query[f"filter[{name}]"])
    for name, op in (("start", ">="), ("end", "<=")):
        if f"filter[{name}]" in query:
            try:
                stamp = iso_ms(parse_iso_ms(query[f"filter[{name}]"].replace("Z", "+00:00")))
            except ValueError:
                raise ApiError(
                    400, f"Invalid date in filter[{name}]", source={"parameter": f"filter[{name}]"}
                ) from None
            sql.append(f"json_extract(attrs, '$.createdAt') {op} ?")
            params.append(stamp)
    return sql, params


def _link(request: Request, **cursor: str) -> str:
    rest = [(k, v) for k, v in request.query_params.multi_items() if k not in ("after", "before")]
    return f"{request.url.path}?{urlencode([*rest, *cursor.items()])}"


async def audit_logs(request: Request) -> Response:
    """GET /v1/audit-logs: `after=<id>` continues with older entries, `before=<id>` newer."""
    allow(request, "org", "read")
    count, (sql, params) = _count(request), _where(request)
    after, before = request.query_params.get("after"), request.query_params.get("before")
    order = "DESC"
    if after:
        sql.append("id < ?")
        params.append(after)
    if before:
        sql.append("id > ?")
        params.append(before)
        order = "ASC" if not after else "DESC"
    state = sandbox(request)
    query = f"SELECT {COLUMNS} FROM resources WHERE {' AND '.join(sql)} ORDER BY id {order} LIMIT ?"
    records = state.store.select(query, [*params, count + 1])
    more, records = len(records) > count, records[:count]
    if order == "ASC":
        records.reverse()
    data = [render(record, state.world.org) for record in records]
    links: dict[str, Any] = {"self": _link(request, **({"after": after} if after else {}))}
    links["next"] = _link(request, after=records[-1].id) if records and (more or before) else None
    links["prev"] = _link(request, before=records[0].id) if records and (after or before) else None
    return respond({"data": data, "links": links, "meta": {"count": len(data)}})


ROUTES = [Route("/v1/audit-logs", audit_logs, methods=["GET"])]
"""The audit-log route; mount before the generic collections."""
