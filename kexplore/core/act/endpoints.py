"""Which catalogue endpoints a concrete URL is: the update method, the create example."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from kexplore.core.browse.catalog import CATALOG, Endpoint

__all__ = ["CreatePlan", "create_plan", "endpoint_key", "path_of", "update_method"]

_ID = re.compile(r"^(?:[0-9a-fA-F]{24}|[^/=]+=.*)$")
"""A path segment that names one record: an ObjectId or a lookup (`email=...`)."""


@dataclass(frozen=True)
class CreatePlan:
    """Where a create goes and the catalogue's example body for it."""

    url: str
    """The collection URL the POST goes to (no query)."""
    template: str
    """The catalogue path it matched (`/v1/customers/{id}/conversations`)."""
    example: str
    """The example JSON body (pretty text)."""


def path_of(url: str) -> str:
    """The path of `url` (absolute or relative), without query or a trailing slash."""
    return urlsplit(url).path.rstrip("/") or "/"


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^{}/]+\})", template)
    body = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^{body}$")


def _matching(path: str) -> list[Endpoint]:
    """Catalogue endpoints whose template matches `path`, literal templates first."""
    found = [
        endpoint
        for group in CATALOG
        for endpoint in group.endpoints
        if _pattern(endpoint.path).match(path)
    ]
    return sorted(found, key=lambda endpoint: endpoint.path.count("{"))


def update_method(url: str) -> str:
    """PATCH where the catalogue offers it for `url`, else PUT where it offers that, else PATCH.

    Custom objects and companies, for instance, are updated with PUT only.
    """
    methods = {endpoint.method for endpoint in _matching(path_of(url))}
    return "PUT" if "PUT" in methods and "PATCH" not in methods else "PATCH"


def create_plan(url: str) -> CreatePlan | None:
    """The POST that creates a record in the collection at `url`, with its example body.

    Args:
        url: A list's URL (its query is dropped) or a collection endpoint's path.

    Returns:
        The plan, or None when the catalogue has no create there.
    """
    parts = urlsplit(url)
    target = parts._replace(query="", fragment="").geturl().rstrip("/")
    for endpoint in _matching(path_of(url)):
        if endpoint.method == "POST" and endpoint.body and not endpoint.path.endswith("/search"):
            return CreatePlan(target, endpoint.path, endpoint.body)
    return None


def endpoint_key(url: str) -> str:
    """A stable name for the endpoint of `url`: its catalogue template, or its path with the
    segments that name one record replaced by `{id}` (what recent filters are kept under)."""
    path = path_of(url)
    matched = [endpoint.path for endpoint in _matching(path) if endpoint.method == "GET"]
    if matched:
        return matched[0]
    return "/".join("{id}" if _ID.match(part) else part for part in path.split("/"))
