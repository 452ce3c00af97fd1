"""build_catalogue: an OpenAPI document's operations as the resource tree's groups, by tag."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import orjson

from kexplore.core.body.inert import one_line
from kexplore.core.browse.catalog import Endpoint, Method, ResourceGroup
from kexplore.core.openapi.document import load_document
from kexplore.core.openapi.examples import NO_EXAMPLE, example_value
from kexplore.core.openapi.openapi_error import pointer_token
from kexplore.core.openapi.refs import Resolver

__all__ = ["build_catalogue", "load_catalogue"]

_METHODS: tuple[Method, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE")
_UNTAGGED = "Other"
_PRETTY = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS


def build_catalogue(document: dict[str, Any], source: str = "") -> tuple[ResourceGroup, ...]:
    """The operations of an OpenAPI 3.0/3.1 document, grouped by their first tag.

    Groups come in the order of the document's `tags`, then of first use; untagged operations
    go last, under "Other". Each endpoint carries its query parameters, their descriptions, and
    an example body (documented, or synthesised from the schema).

    Args:
        document: The document, as `load_document` returns it.
        source: The file it came from, for messages.

    Returns:
        The groups, for the resource tree.

    Raises:
        OpenApiError: naming the JSON pointer of a malformed path item, operation, parameter
            or `$ref`.
    """
    resolver = Resolver(document, source)
    groups: dict[str, list[Endpoint]] = {str(tag): [] for tag in _declared_tags(document)}
    for path, item in (document.get("paths") or {}).items():
        pointer = f"/paths/{pointer_token(path)}"
        item, item_pointer = resolver.deref(item, pointer)
        if not isinstance(item, dict):
            raise resolver.error("a path item must be an object", item_pointer)
        shared = _parameters(item.get("parameters"), f"{item_pointer}/parameters", resolver)
        for method in _METHODS:
            operation = item.get(method.lower())
            if operation is None:
                continue
            where = f"{item_pointer}/{method.lower()}"
            if not isinstance(operation, dict):
                raise resolver.error("an operation must be an object", where)
            endpoint = _endpoint(str(path), method, operation, shared, where, resolver)
            groups.setdefault(_tag(operation), []).append(endpoint)
    return tuple(
        ResourceGroup(f"openapi:{tag}", one_line(tag, 60), tuple(endpoints))
        for tag, endpoints in sorted(groups.items(), key=lambda pair: pair[0] == _UNTAGGED)
        if endpoints
    )


def _declared_tags(document: dict[str, Any]) -> list[str]:
    tags = document.get("tags")
    if not isinstance(tags, list):
        return []
    return [t["name"] for t in tags if isinstance(t, dict) and isinstance(t.get("name"), str)]


def _tag(operation: dict[str, Any]) -> str:
    tags = operation.get("tags")
    if isinstance(tags, list) and tags and isinstance(tags[0], str) and tags[0].strip():
        return tags[0]
    return _UNTAGGED


def _parameters(
    raw: Any, pointer: str, resolver: Resolver
) -> dict[tuple[str, str], dict[str, Any]]:
    """Parameters by (name, in), each checked."""
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise resolver.error("'parameters' must be a list", pointer)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for index, parameter in enumerate(raw):
        parameter, where = resolver.deref(parameter, f"{pointer}/{index}")
        if not isinstance(parameter, dict):
            raise resolver.error("a parameter must be an object", where)
        name, place = parameter.get("name"), parameter.get("in")
        if not isinstance(name, str) or place not in ("path", "query", "header", "cookie"):
            raise resolver.error(
                "a parameter needs a 'name' and an 'in' of path, query, header or cookie", where
            )
        found[(name, place)] = parameter
    return found


def _endpoint(
    path: str,
    method: Method,
    operation: dict[str, Any],
    shared: dict[tuple[str, str], dict[str, Any]],
    pointer: str,
    resolver: Resolver,
) -> Endpoint:
    own = _parameters(operation.get("parameters"), f"{pointer}/parameters", resolver)
    parameters = {**shared, **own}  # an operation's parameter overrides the path item's
    query = tuple(name for (name, place) in parameters if place == "query")
    help_ = tuple(
        (name, one_line(" ".join(str(p["description"]).split()), 120))
        for (name, place), p in parameters.items()
        if place in ("path", "query") and p.get("description")
    )
    body = _body(operation.get("requestBody"), f"{pointer}/requestBody", resolver)
    summary = operation.get("summary") or operation.get("operationId") or ""
    if not summary and isinstance(operation.get("description"), str):
        summary = operation["description"].strip().split("\n", 1)[0]
    path += _required_query(parameters)
    is_list = method == "GET" and "{" not in path
    return Endpoint(
        method, path, one_line(str(summary), 120), query, body, is_list, param_help=help_
    )


def _required_query(parameters: dict[tuple[str, str], dict[str, Any]]) -> str:
    """`?name=example&...` for the required query parameters (`{name}` where no example is
    documented, for the builder to ask), so a chosen endpoint is ready to send."""
    pairs = []
    for (name, place), parameter in parameters.items():
        if place == "query" and parameter.get("required") is True:
            value = _parameter_example(parameter)
            pairs.append(f"{quote(name)}={'{' + name + '}' if value is None else quote(value)}")
    return "?" + "&".join(pairs) if pairs else ""


def _parameter_example(parameter: dict[str, Any]) -> str | None:
    schema = parameter.get("schema") if isinstance(parameter.get("schema"), dict) else {}
    for holder, key in ((parameter, "example"), (schema, "example"), (schema, "default")):
        value = holder.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
    enum = schema.get("enum")
    return str(enum[0]) if isinstance(enum, list) and enum else None


def _body(raw: Any, pointer: str, resolver: Resolver) -> str | None:
    if raw is None:
        return None
    request_body, where = resolver.deref(raw, pointer)
    content = request_body.get("content") if isinstance(request_body, dict) else None
    if not isinstance(content, dict):
        return None
    media_type = next((m for m in content if "json" in str(m)), None)
    if media_type is None:
        return None
    media_pointer = f"{where}/content/{pointer_token(media_type)}"
    value = example_value(content[media_type], media_pointer, resolver)
    if value is NO_EXAMPLE:
        return None
    try:
        return orjson.dumps(value, option=_PRETTY, default=str).decode()
    except TypeError:  # e.g. an integer past 64 bits
        return json.dumps(cast(Any, value), indent=2, ensure_ascii=False, default=str)


def load_catalogue(path: Path) -> tuple[ResourceGroup, ...]:
    """Read an OpenAPI file and build its catalogue (run it in a worker: it reads a file).

    Args:
        path: A JSON or YAML OpenAPI 3.0/3.1 document.

    Returns:
        The groups, as `build_catalogue` gives them.

    Raises:
        OpenApiError: for a file that cannot be read, parsed or used, naming where.
    """
    return build_catalogue(load_document(path), str(path))
