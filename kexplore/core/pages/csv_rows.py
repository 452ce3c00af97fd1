"""CSV of walked resources: flattened rows written as they come, the header once all are known."""

from __future__ import annotations

import csv
import io
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

import orjson

from kexplore.core.history.redaction import Redactor

__all__ = ["CsvRows", "csv_columns", "flatten", "write_csv"]

_FIXED = ("id", "type")
"""The first columns of every CSV export."""
_END = b"\r\n"
"""RFC 4180's record terminator (the csv module's default)."""


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

    Args:
        item: One resource of a list's `data`, as parsed; anything but an object becomes a
            row with empty `id` and `type` and the item itself in `value`.

    Returns:
        Column name -> cell text, `id` and `type` first: null is an empty cell, a string is
        as it is, anything else (numbers, booleans, arrays) JSON text.
    """
    if not isinstance(item, dict):
        return {"id": "", "type": "", "value": _cell(item)}
    row = {"id": _cell(item.get("id")), "type": _cell(item.get("type"))}
    attributes: dict[str, str] = {}
    _flatten_into(attributes, "", item.get("attributes") or {})
    for name, cell in attributes.items():
        row[f"attributes.{name}" if name in _FIXED or not name else name] = cell
    return row


def _items(lines: Iterable[bytes]) -> Iterator[Any]:
    """Resources from JSONL given line by line or in chunks of whole lines."""
    for chunk in lines:
        for line in chunk.split(b"\n"):
            if line.strip():
                yield orjson.loads(line)


def csv_columns(lines: Iterable[bytes]) -> list[str]:
    """The union of the columns of every row, `id` and `type` first, then as first seen.

    Args:
        lines: JSONL, line by line or in chunks of whole lines.

    Returns:
        The column names; just `id` and `type` when there are no items.

    Raises:
        ValueError: for a line that is not JSON (orjson.JSONDecodeError).
    """
    columns = dict.fromkeys(_FIXED)
    for item in _items(lines):
        columns.update(dict.fromkeys(flatten(item)))
    return list(columns)


class CsvRows:
    """Rows written to a scratch file as resources arrive; `write_to` adds the header.

    Columns are kept in the order first seen, so the columns known when a row is written are
    always a prefix of the final ones: each row is written at once with the cells known then,
    and only padded with empty cells at the end. Flattening thus happens while pages arrive
    (in the network's idle time), and finishing is a copy.

    Args:
        redactor: Takes any secret out of every row.
    """

    def __init__(self, redactor: Redactor) -> None:
        self.columns: dict[str, int] = {name: i for i, name in enumerate(_FIXED)}
        """Every column so far, with its position."""
        self._redactor = redactor
        self._scratch = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self._ends = array("q")
        self._widths = array("q")
        self._size = 0
        self._text = io.StringIO()
        self._writer = csv.writer(self._text)

    @property
    def count(self) -> int:
        """Rows so far."""
        return len(self._ends)

    def add(self, items: Iterable[Any]) -> None:
        """Flatten and write a page of resources.

        Args:
            items: The page's resources, as parsed (see `flatten`); new columns are added
                in the order first seen.
        """
        lines = [self._line(self._cells(flatten(item))) for item in items]
        self._scratch.write(b"".join(lines))

    def _cells(self, row: dict[str, str]) -> list[str]:
        columns = self.columns
        cells = [""] * len(columns)
        for name, cell in row.items():
            index = columns.setdefault(name, len(columns))
            if index == len(cells):
                cells.append(cell)
            else:
                cells[index] = cell
        return cells

    def _line(self, cells: list[str]) -> bytes:
        text = self._text
        text.seek(0)
        text.truncate()
        self._writer.writerow(cells)
        line = text.getvalue().encode()
        if self._redactor.secrets:
            line = self._redactor.bytes(line)
        self._size += len(line)
        self._ends.append(self._size)
        self._widths.append(len(cells))
        return line

    def write_to(self, out: BinaryIO) -> int:
        """Write the header and every row, padded to the final columns, to `out`.

        Args:
            out: A binary file, written from where it stands.

        Returns:
            The number of rows written (the header not counted).
        """
        width = len(self.columns)
        out.write(self._line_of(list(self.columns)))
        scratch, copied, previous = self._scratch, 0, 0
        scratch.seek(0)
        for end, cells in zip(self._ends, self._widths, strict=True):
            if cells < width:  # copy the full rows before this one, then this one padded
                out.write(scratch.read(previous - copied))
                row = scratch.read(end - previous)
                out.write(row[: -len(_END)] + b"," * (width - cells) + _END)
                copied = end
            previous = end
        out.write(scratch.read(self._size - copied))
        return self.count

    def _line_of(self, cells: list[str]) -> bytes:
        text = self._text
        text.seek(0)
        text.truncate()
        self._writer.writerow(cells)
        return self._redactor.bytes(text.getvalue().encode())

    def close(self) -> None:
        """Remove the scratch file."""
        self._scratch.close()


def write_csv(lines: Callable[[], Iterable[bytes]], out: BinaryIO, redactor: Redactor) -> int:
    """Write JSONL `lines` as CSV (UTF-8, a header row, RFC 4180 quoting) to `out`.

    Args:
        lines: Returns the JSONL lines (or chunks of whole lines).
        out: A binary file.
        redactor: Takes any secret out of the text written.

    Returns:
        The number of rows written (the header not counted).

    Raises:
        ValueError: for a line that is not JSON (orjson.JSONDecodeError).
    """
    rows = CsvRows(redactor)
    try:
        for chunk in lines():
            rows.add(_items([chunk]))
        return rows.write_to(out)
    finally:
        rows.close()
