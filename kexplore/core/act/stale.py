"""Which cached visits a write makes stale: reads of the record and of its collection."""

from __future__ import annotations

from collections.abc import Callable

from kexplore.core.act.endpoints import path_of
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.urls import origin_text

__all__ = ["collection_path", "stale_after"]


def collection_path(method: str, url: str) -> str:
    """The collection a write to `url` changes: the URL's own path for a POST, else its parent
    (`PATCH /v1/customers/abc` changes `/v1/customers`)."""
    path = path_of(url)
    return path if method == "POST" else path.rsplit("/", 1)[0] or "/"


def stale_after(
    write: ApiRequest, resolve: Callable[[str], str] | None = None
) -> Callable[[ApiRequest], bool]:
    """A predicate on requests: whether a cached GET shows what `write` may have changed.

    Args:
        write: The write that succeeded (its URL absolute).
        resolve: Makes a visit's URL absolute (`ApiClient.resolve`); identity when None.

    Returns:
        `is_stale(request) -> bool`: a GET to the same origin under the written collection.
        Writes are never stale (going back to one must never send it again).
    """
    prefix = collection_path(write.method, write.url)
    origin = origin_text(write.url)

    def is_stale(request: ApiRequest) -> bool:
        url = resolve(request.url) if resolve is not None else request.url
        if request.method != "GET" or origin_text(url) != origin:
            return False
        path = path_of(url)
        return path == prefix or path.startswith(prefix + "/")

    return is_stale
