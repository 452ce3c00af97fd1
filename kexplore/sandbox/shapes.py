"""What the catalogue says about a route: whether it lists the operation, and its status."""

from __future__ import annotations

import re
from functools import cache

from kexplore.core.browse.catalog import ENDPOINTS, Endpoint

__all__ = ["endpoint_for", "listed", "shape", "status_of"]

_PLACEHOLDER = re.compile(r"\{[^{}/]+\}")


def shape(path: str) -> str:
    """A path template with every placeholder reduced to `{}`, in lower case."""
    return _PLACEHOLDER.sub("{}", path).lower()


@cache
def _by_shape() -> dict[tuple[str, str], Endpoint]:
    return {(e.method, shape(e.path)): e for e in ENDPOINTS}


@cache
def _patterns() -> list[tuple[re.Pattern[str], Endpoint]]:
    out = []
    for endpoint in ENDPOINTS:
        parts = [re.escape(part) for part in _PLACEHOLDER.split(endpoint.path)]
        out.append((re.compile("\\A" + "[^/]+".join(parts) + "\\Z", re.I), endpoint))
    return out


def endpoint_for(method: str, template: str) -> Endpoint | None:
    """Return the catalogue endpoint with this method and path template, if any."""
    return _by_shape().get((method, shape(template)))


def status_of(method: str, template: str, default: int = 200) -> int:
    """Return the success status the catalogue gives an operation (`default` if unlisted)."""
    endpoint = endpoint_for(method, template)
    return endpoint.status if endpoint else default


def listed(method: str, path: str) -> Endpoint | None:
    """Return the catalogue endpoint a concrete request path falls under, if any."""
    return next((e for p, e in _patterns() if e.method == method and p.match(path)), None)
