"""Resolver: follows `$ref`s within one OpenAPI document, naming the pointer of any that fails."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from kexplore.core.openapi.openapi_error import OpenApiError

__all__ = ["Resolver"]

_MAX_CHAIN = 32


class Resolver:
    """Resolves local `$ref`s (`#/components/...`); refs to other files are refused."""

    def __init__(self, document: dict[str, Any], source: str = "") -> None:
        """Create a resolver.

        Args:
            document: The whole OpenAPI document.
            source: The file it came from, for messages.
        """
        self.document = document
        self.source = source
        self._targets: dict[str, Any] = {}
        self.examples: dict[str, Any] = {}
        """The example synthesised for each request body schema `$ref`, made once."""

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """`node` itself, or what its `$ref` (chain) points at.

        Args:
            node: A value of the document.
            pointer: Its JSON pointer, for messages.

        Returns:
            The value and its own pointer (the target's, when a `$ref` was followed).

        Raises:
            OpenApiError: for a `$ref` that is not a string, is external, points at nothing, or
                loops.
        """
        seen: list[str] = []
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            where = f"{pointer}/$ref"
            if not isinstance(ref, str):
                raise self.error("'$ref' must be a string", where)
            if ref in seen or len(seen) >= _MAX_CHAIN:
                raise self.error(f"'$ref' {ref!r} refers back to itself", where)
            seen.append(ref)
            node, pointer = self.target(ref, where), ref[1:]
        return node, pointer

    def target(self, ref: str, where: str) -> Any:
        """The value a local `$ref` names.

        Args:
            ref: The reference, e.g. `#/components/schemas/Pet`.
            where: The pointer of the `$ref` member, for messages.

        Raises:
            OpenApiError: for an external or dangling reference.
        """
        if ref in self._targets:
            return self._targets[ref]
        if not ref.startswith("#"):
            raise self.error(
                f"'$ref' {ref!r} points into another document: bundle the document into one "
                "file first (e.g. with redocly bundle)",
                where,
            )
        node: Any = self.document
        walked = ""
        for raw in ref[1:].split("/")[1:] if ref != "#" else []:
            token = unquote(raw).replace("~1", "/").replace("~0", "~")
            walked += "/" + raw
            node = _child(node, token)
            if node is _MISSING:
                raise self.error(f"'$ref' {ref!r} points at nothing: there is no {walked}", where)
        self._targets[ref] = node
        return node

    def error(self, message: str, pointer: str) -> OpenApiError:
        """An OpenApiError at `pointer` in this document."""
        return OpenApiError(message, pointer=pointer, source=self.source)


_MISSING = object()


def _child(node: Any, token: str) -> Any:
    if isinstance(node, dict):
        return node.get(token, _MISSING)
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return _MISSING
