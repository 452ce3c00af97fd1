"""Exports of walked items: JSONL (one resource a line) and CSV (one row a resource), atomic."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Literal

import orjson

from kexplore.core.history.redaction import Redactor

__all__ = [
    "ExportFormat",
    "atomic_file",
    "csv_columns",
    "flatten",
    "jsonl_lines",
    "list_document",
    "write_csv",
    "write_export",
]

ExportFormat = Literal["jsonl", "csv"]
"""The formats a walk can be exported in."""

_FIXED = ("id", "type")
"""The first columns of every CSV export."""


def jsonl_lines(items: Iterable[Any], redactor: Redactor) -> bytes:
    """Items as JSONL: one compact JSON document a line, each ending in `\\n`.

    Args:
        items: Resources as parsed from a page.
        redactor: Takes any secret (the key) out, should a server have echoed one.
    """
    return redactor.bytes(b"".join(orjson.dumps(item) + b"\n" for item in items))


def _cell(value: Any) -> str:
    """A leaf value as CSV text: strings as they are, null empty, the rest as JSON text."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return orjson.dumps(value).decode()


def _flatten_into(row: dict[str, str], prefix: str, value: Any) -> None:
    if isinstance(value, dict) and value:
        for key, inner in value.items():
            _flatten_into(row, f"{prefix}.{key}" if prefix else str(key), inner)
    else:
        row[prefix] = _cell(value)


def flatten(item: Any) -> dict[str, str]:
    """One resource as CSV cells: `id`, `type`, then its attributes with dotted names.

    Nested objects become dotted names (`custom.tierStr`); arrays and empty objects become JSON
    text. An attribute that would be called `id` or `type` keeps its `attributes.` prefix.
    """
    if not isinstance(item, dict):
        return {"id": "", "type": "", "value": _cell(item)}
    row = {"id": _cell(item.get("id")), "type": _cell(item.get("type"))}
    attributes: dict[str, str] = {}
    _flatten_into(attributes, "", item.get("attributes") or {})
    for name, cell in attributes.items():
        row[f"attributes.{name}" if name in _FIXED or not name else name] = cell
    return row


def _rows(lines: Iterable[bytes]) -> Iterator[dict[str, str]]:
    """Rows from JSONL given line by line or in chunks of whole lines."""
    for chunk in lines:
        for line in chunk.split(b"\n"):
            if line.strip():
                yield flatten(orjson.loads(line))


def list_document(chunks: Iterable[bytes], meta: dict[str, Any]) -> bytes:
    """The walked items as one list document, `{"meta": ..., "data": [...]}`, compact.

    Args:
        chunks: JSONL, in chunks of whole lines (JSON text never holds a raw newline byte).
        meta: What to say about the walk at the top.
    """
    items = b"".join(chunk.replace(b"\n", b",") for chunk in chunks).rstrip(b",")
    return b'{"meta":' + orjson.dumps(meta) + b',"data":[' + items + b"]}"


def csv_columns(lines: Iterable[bytes]) -> list[str]:
    """The union of the columns of every row, `id` and `type` first, then as first seen."""
    columns = dict.fromkeys(_FIXED)
    for row in _rows(lines):
        columns.update(dict.fromkeys(row))
    return list(columns)


def write_csv(lines: Callable[[], Iterable[bytes]], out: BinaryIO, redactor: Redactor) -> int:
    """Write JSONL `lines` as CSV (UTF-8, a header row, RFC 4180 quoting) to `out`.

    Args:
        lines: Returns the JSONL lines; called twice (columns first, then rows).
        out: A binary file.
        redactor: Takes any secret out of the text written.

    Returns:
        The number of rows written (the header not counted).
    """
    columns = csv_columns(lines())
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text)
        writer.writerow(columns)
        count = 0
        for row in _rows(lines()):
            cells = [row.get(name, "") for name in columns]
            writer.writerow([redactor.text(cell) if redactor.secrets else cell for cell in cells])
            count += 1
    finally:
        text.detach()
    return count


@contextmanager
def atomic_file(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A new 0600 file that replaces `path` only when the block ends without an exception.

    Args:
        path: The file to replace.
        durable: Sync it to disk first (survives a power cut, not only a killed process).

    Raises:
        OSError: when the directory cannot be written.
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_export(
    path: Path,
    fmt: ExportFormat,
    lines: Callable[[], Iterable[bytes]],
    redactor: Redactor,
) -> int:
    """Write JSONL `lines` to `path` as `fmt`, atomically.

    Args:
        path: Where the export goes (replaced only once it is complete).
        fmt: `jsonl` (the lines as they are) or `csv`.
        lines: Returns the JSONL lines (called twice for CSV).
        redactor: Takes any secret out of what is written.

    Returns:
        The number of items written.

    Raises:
        OSError: when the file cannot be written.
    """
    with atomic_file(path) as out:
        if fmt == "csv":
            return write_csv(lines, out, redactor)
        count = 0
        for line in lines():
            out.write(redactor.bytes(line))
            count += line.count(b"\n")
        return count
