"""infer_path: the path of a Kustomer resource, built from its JSON:API type and id."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

__all__ = ["infer_path", "speaks_kustomer"]

_SIMPLE_TYPE = re.compile(r"^[a-z][a-zA-Z]*$")

# Types whose collection path is not simply "/v1/" + type + "s".
_TYPE_PATHS: dict[str, str] = {
    "customer": "/v1/customers",
    "customers": "/v1/customers",  # a webhook sample's plural quirk (docs/KUSTOMER.md)
    "company": "/v1/companies",
    "klass": "/v1/klasses",
    "queue": "/v1/routing/queues",
}


def infer_path(type: str, id: str) -> str | None:
    """Build the API path of a resource from its JSON:API type and id.

    Args:
        type: The resource type, e.g. `customer`, `kobject.order`, `klass`, `queue`.
        id: The resource id (a Klass's name for `klass`).

    Returns:
        A path such as `/v1/customers/<id>`, or None when no path can be built.
    """
    if not isinstance(type, str) or isinstance(id, bool) or not isinstance(id, str | int):
        return None
    ident = str(id).strip()
    if not ident or len(ident) > 256:
        return None
    base = _collection_path(type.strip())
    return f"{base}/{quote(ident, safe='')}" if base else None


def _collection_path(type_: str) -> str | None:
    if type_ in _TYPE_PATHS:
        return _TYPE_PATHS[type_]
    if type_.startswith("kobject."):
        klass = type_.removeprefix("kobject.")
        return f"/v1/klasses/{quote(klass, safe='')}" if klass else None
    if not _SIMPLE_TYPE.match(type_):
        return None
    if type_.endswith("s"):
        return f"/v1/{type_}"
    if type_.endswith("y") and type_[-2:-1] not in "aeiou":
        return f"/v1/{type_[:-1]}ies"
    return f"/v1/{type_}s"


def speaks_kustomer(base_url: str, *, sandbox: bool) -> bool:
    """Whether the server at `base_url` follows Kustomer's conventions (so a resource's path
    may be inferred from its `type` and `id`).

    Args:
        base_url: Where requests go.
        sandbox: Whether it is kexplore's sandbox (which mirrors Kustomer).

    Returns:
        True for the sandbox and for Kustomer's hosts (`*.kustomerapp.com`), else False.
    """
    host = (urlsplit(base_url).hostname or "").lower()
    return sandbox or host == "kustomerapp.com" or host.endswith(".kustomerapp.com")
