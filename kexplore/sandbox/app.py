"""Assembles the sandbox: store, seed, routes, error handlers and the Kustomer middleware."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route
from starlette.types import ASGIApp

from kexplore.sandbox.context import JSON_TYPE, Sandbox
from kexplore.sandbox.errors import ApiError, error_body
from kexplore.sandbox.faults import FaultMiddleware, parse_faults
from kexplore.sandbox.middleware import KustomerMiddleware, RequestLog
from kexplore.sandbox.ratelimit import RateLimiter
from kexplore.sandbox.routes import admin as routes_admin
from kexplore.sandbox.routes import audit as routes_audit
from kexplore.sandbox.routes import bulk as routes_bulk
from kexplore.sandbox.routes import conversations as routes_conversations
from kexplore.sandbox.routes import customer_extras as routes_customer_extras
from kexplore.sandbox.routes import customers as routes_customers
from kexplore.sandbox.routes import drafts as routes_drafts
from kexplore.sandbox.routes import generic as routes_generic
from kexplore.sandbox.routes import klasses as routes_klasses
from kexplore.sandbox.routes import org as routes_org
from kexplore.sandbox.routes import people as routes_people
from kexplore.sandbox.routes import search as routes_search
from kexplore.sandbox.routes import threads as routes_threads
from kexplore.sandbox.seed.seed import seed_store
from kexplore.sandbox.shapes import listed
from kexplore.sandbox.store import Store

__all__ = ["Built", "build_app"]


@dataclass
class Built:
    """A ready-to-serve sandbox application and the parts tests look at."""

    app: ASGIApp
    """The ASGI app to hand to uvicorn."""
    state: Sandbox
    """Store and org-wide ids."""
    log: RequestLog
    """Requests served and unexpected failures."""
    state_app: Starlette
    """The Starlette app inside the middleware (its router, for tests)."""


async def _api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return Response(error.body(), error.status, headers=error.headers, media_type=JSON_TYPE)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    where = f"{request.method} {request.url.path}"
    endpoint = listed(request.method, request.url.path)
    if endpoint is not None and error.status_code in (404, 405):
        detail = f"{endpoint.method} {endpoint.path} is not available in the sandbox"
        return Response(error_body(501, detail), 501, media_type=JSON_TYPE)
    detail = f"Cannot {where}: no such endpoint"
    if error.status_code == 405:
        detail = f"Method {request.method} is not allowed on {request.url.path}"
    headers = dict(error.headers or {})
    if error.status_code == 405:
        headers["Allow"] = _allowed(request)
    body = error_body(error.status_code, detail)
    return Response(body, error.status_code, headers=headers, media_type=JSON_TYPE)


def _allowed(request: Request) -> str:
    """Every method some route accepts on this path (Starlette reports only the first)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        if isinstance(route, Route) and route.matches(request.scope)[0] != Match.NONE:
            methods |= route.methods or set()
    return ", ".join(sorted(methods))


async def _crash(request: Request, error: Exception) -> Response:
    body = error_body(500, "The sandbox failed unexpectedly; see its log")
    return Response(body, 500, media_type=JSON_TYPE)


def build_app(
    *,
    db: str = ":memory:",
    seed: int = 42,
    customers: int = 250,
    rate_limit: int = 1000,
    rate_window: float = 60.0,
    faults: str | Mapping[str, int] | None = None,
) -> Built:
    """Open (and if empty, seed) the store and build the ASGI app around it.

    Args:
        db: `:memory:` or a SQLite file (kept across restarts; not reseeded).
        seed: Random seed for the data.
        customers: How many customers to seed.
        rate_limit: Requests allowed per window, org-wide.
        rate_window: Window length in seconds.
        faults: A fault spec (see `faults.parse_faults`), or `"[METHOD ]/path"` -> status.

    Returns:
        The app with its state and request log.

    Raises:
        FaultSpecError: `faults` does not parse (a ValueError).
    """
    rules = parse_faults(faults)
    store = Store(db)
    state = Sandbox(store, seed_store(store, seed, customers))
    routes = [
        # Literal sub-paths (bulk, merges, searches, times, ...) before the id routes.
        *routes_bulk.ROUTES,
        *routes_search.ROUTES,
        *routes_audit.ROUTES,
        *routes_people.ROUTES,
        *routes_admin.ROUTES,
        *routes_customer_extras.ROUTES,
        *routes_threads.ROUTES,
        *routes_drafts.ROUTES,
        *routes_generic.collection_routes(),
        *routes_customers.ROUTES,
        *routes_conversations.ROUTES,
        *routes_klasses.ROUTES,
        *routes_org.ROUTES,
    ]
    handlers = {ApiError: _api_error, HTTPException: _http_error, Exception: _crash}
    starlette = Starlette(routes=routes, exception_handlers=handlers)  # type: ignore[arg-type]
    starlette.state.sandbox = state
    log = RequestLog()
    limiter = RateLimiter(rate_limit, rate_window)
    app = KustomerMiddleware(starlette, limiter, log)
    built = FaultMiddleware(app, rules, log.record) if rules else app
    return Built(built, state, log, starlette)
