"""load_document: an OpenAPI 3.0/3.1 file (JSON or YAML) read and checked at the top level."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from kexplore.core.openapi.openapi_error import OpenApiError

__all__ = ["load_document", "parse_document"]

_MAX_BYTES = 64 * 1024 * 1024


def load_document(path: Path) -> dict[str, Any]:
    """Read an OpenAPI document from a file.

    Args:
        path: A `.json`, `.yaml` or `.yml` file (JSON is tried first for any other name).

    Returns:
        The document, checked to be OpenAPI 3.0 or 3.1 with a `paths` object.

    Raises:
        OpenApiError: for a file that cannot be read or parsed, or is not OpenAPI 3.
    """
    source = str(path)
    try:
        size = path.stat().st_size
        if size > _MAX_BYTES:
            raise OpenApiError(f"{size:,} bytes is too big (the limit is 64 MB)", source=source)
        data = path.read_bytes()
    except OSError as exc:
        raise OpenApiError(f"cannot read it: {exc.strerror or exc}", source=source) from None
    return parse_document(data, source=source, yaml=path.suffix.lower() in (".yaml", ".yml"))


def parse_document(data: bytes, *, source: str = "", yaml: bool = False) -> dict[str, Any]:
    """Parse and check an OpenAPI document's text.

    Args:
        data: The file's bytes.
        source: Where they came from, for messages.
        yaml: Whether to parse YAML (else JSON, then YAML if JSON fails).

    Returns:
        The document.

    Raises:
        OpenApiError: as `load_document`.
    """
    document = _parse_yaml(data, source) if yaml else _parse_json_or_yaml(data, source)
    _check_top_level(document, source)
    return document


def _parse_json_or_yaml(data: bytes, source: str) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if data.lstrip()[:1] in (b"{", b"["):
            raise OpenApiError(f"not valid JSON: {exc}", source=source) from None
        return _parse_yaml(data, source)


def _parse_yaml(data: bytes, source: str) -> Any:
    import yaml  # only YAML documents pay for it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(data, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise OpenApiError(f"not valid YAML: {where}{exc.problem}", source=source) from None
    except yaml.YAMLError as exc:
        raise OpenApiError(f"not valid YAML: {exc}", source=source) from None


def _check_top_level(document: Any, source: str) -> None:
    if not isinstance(document, dict):
        kind = type(document).__name__
        raise OpenApiError(
            f"an OpenAPI document is an object, not a {kind}", pointer="", source=source
        )
    version = document.get("openapi")
    if version is None and "swagger" in document:
        raise OpenApiError(
            "this is Swagger 2.0: convert it to OpenAPI 3 first", pointer="/swagger", source=source
        )
    if not isinstance(version, str) or not version.startswith(("3.0", "3.1")):
        raise OpenApiError(
            f"'openapi' is {version!r}: kexplore reads OpenAPI 3.0 and 3.1",
            pointer="/openapi",
            source=source,
        )
    if not isinstance(document.get("paths", {}), dict):
        raise OpenApiError("'paths' must be an object", pointer="/paths", source=source)
