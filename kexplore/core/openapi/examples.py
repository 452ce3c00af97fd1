"""example_value: a request body's example, as documented or synthesised from its schema."""

from __future__ import annotations

from typing import Any

from kexplore.core.openapi.openapi_error import pointer_token
from kexplore.core.openapi.refs import Resolver

__all__ = ["NO_EXAMPLE", "example_value"]

NO_EXAMPLE = object()
"""What `example_value` returns when the media type gives nothing to build an example from."""

_MAX_DEPTH = 8
_MAX_PROPERTIES = 40
_STRING_FORMATS = {
    "date-time": "2026-01-01T00:00:00Z",
    "date": "2026-01-01",
    "time": "12:00:00",
    "email": "user@example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "",
    "binary": "",
    "password": "",
}
_SCALARS: dict[str, Any] = {"integer": 0, "number": 0, "boolean": True, "null": None}


def example_value(media: Any, pointer: str, resolver: Resolver) -> Any:
    """The example of a Media Type Object: its `example`, its first `examples` value, else one
    synthesised from its `schema` (read-only properties left out).

    Args:
        media: The Media Type Object, e.g. `content["application/json"]`.
        pointer: Its JSON pointer, for messages.
        resolver: Resolves `$ref`s in the document.

    Returns:
        A JSON value, or `NO_EXAMPLE`. Treat it as read-only: it may be shared by the
        operations whose schema is the same `$ref`.

    Raises:
        OpenApiError: for a `$ref` that cannot be resolved.
    """
    media, pointer = resolver.deref(media, pointer)
    if not isinstance(media, dict):
        return NO_EXAMPLE
    if "example" in media:
        return media["example"]
    examples = media.get("examples")
    if isinstance(examples, dict) and examples:
        name, first = next(iter(examples.items()))
        where = f"{pointer}/examples/{pointer_token(name)}"
        first, _ = resolver.deref(first, where)
        if isinstance(first, dict) and "value" in first:
            return first["value"]
    if "schema" not in media:
        return NO_EXAMPLE
    schema = media["schema"]
    ref = schema.get("$ref") if isinstance(schema, dict) and len(schema) == 1 else None
    if isinstance(ref, str) and ref in resolver.examples:
        return resolver.examples[ref]  # e.g. POST, PUT and PATCH of one schema: made once
    value = _Synthesis(resolver).value(schema, f"{pointer}/schema", 0)
    if isinstance(ref, str):
        resolver.examples[ref] = value
    return value


class _Synthesis:
    """One synthesis: remembers the `$ref`s being expanded, so a recursive schema stops."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.expanding: list[str] = []

    def value(self, schema: Any, pointer: str, depth: int) -> Any:
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            ref = schema["$ref"]
            if ref in self.expanding or depth > _MAX_DEPTH:
                return None
            target, where = self.resolver.deref(schema, pointer)
            self.expanding.append(ref)
            try:
                return self.value(target, where, depth + 1)
            finally:
                self.expanding.pop()
        if not isinstance(schema, dict) or depth > _MAX_DEPTH:
            return None
        return self._documented(schema, pointer, depth)

    def _documented(self, schema: dict[str, Any], pointer: str, depth: int) -> Any:
        for key in ("example", "default", "const"):
            if key in schema:
                return schema[key]
        for key in ("examples", "enum"):  # `examples` is a list in a 3.1 schema
            if isinstance(schema.get(key), list) and schema[key]:
                return schema[key][0]
        if isinstance(schema.get("allOf"), list):
            return self._all_of(schema["allOf"], pointer, depth)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return self.value(schema[key][0], f"{pointer}/{key}/0", depth + 1)
        return self._typed(schema, pointer, depth)

    def _all_of(self, parts: list[Any], pointer: str, depth: int) -> Any:
        merged: dict[str, Any] = {}
        for index, part in enumerate(parts):
            value = self.value(part, f"{pointer}/allOf/{index}", depth + 1)
            if isinstance(value, dict):
                merged.update(value)
            elif value is not None and not merged:
                return value  # an allOf of scalars: the first says enough
        return merged

    def _typed(self, schema: dict[str, Any], pointer: str, depth: int) -> Any:
        kind = _type_of(schema)
        if kind == "object":
            return self._object(schema, pointer, depth)
        if kind == "array":
            item = self.value(schema.get("items"), f"{pointer}/items", depth + 1)
            return [] if item is None else [item]
        if kind == "string":
            return _STRING_FORMATS.get(str(schema.get("format")), "string")
        return _SCALARS.get(kind)

    def _object(self, schema: dict[str, Any], pointer: str, depth: int) -> dict[str, Any]:
        properties = schema.get("properties")
        result: dict[str, Any] = {}
        if isinstance(properties, dict):
            for name, sub in list(properties.items())[:_MAX_PROPERTIES]:
                target, _ = self.resolver.deref(sub, f"{pointer}/properties/{pointer_token(name)}")
                if isinstance(target, dict) and target.get("readOnly") is True:
                    continue
                result[str(name)] = self.value(
                    sub, f"{pointer}/properties/{pointer_token(name)}", depth + 1
                )
        return result


def _type_of(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    if isinstance(kind, list):  # 3.1: ["string", "null"]
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None and "properties" in schema:
        return "object"
    if kind is None and "items" in schema:
        return "array"
    return kind if isinstance(kind, str) else ""
