"""Exports of walked items: JSONL (one resource a line) and CSV (one row a resource), atomic."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Literal

import orjson

from kexplore.core.history.redaction import Redactor
from kexplore.core.pages.csv_rows import write_csv

__all__ = [
    "ExportFormat",
    "atomic_file",
    "jsonl_lines",
    "list_document",
    "write_export",
]

ExportFormat = Literal["jsonl", "csv"]
"""The formats a walk can be exported in."""


def jsonl_lines(items: Iterable[Any], redactor: Redactor) -> bytes:
    """Items as JSONL: one compact JSON document a line, each ending in `\\n`.

    Args:
        items: Resources as parsed from a page.
        redactor: Takes any secret (the key) out, should a server have echoed one.

    Returns:
        The lines joined, redacted; b"" for no items.
    """
    return redactor.bytes(b"".join(orjson.dumps(item) + b"\n" for item in items))


def list_document(chunks: Iterable[bytes], meta: dict[str, Any]) -> bytes:
    """The walked items as one list document, `{"meta": ..., "data": [...]}`, compact.

    Args:
        chunks: JSONL, in chunks of whole lines (JSON text never holds a raw newline byte).
        meta: What to say about the walk at the top (JSON-serialisable).

    Returns:
        The document as compact JSON, `data` empty when there are no items.
    """
    # Written into one growing buffer, whose bytes `getvalue` hands over without a copy: the
    # document costs its own size once, not twice (as a list of pieces joined would).
    out = io.BytesIO()
    head = out.write(b'{"meta":' + orjson.dumps(meta) + b',"data":[')
    for chunk in chunks:
        out.write(chunk.replace(b"\n", b","))
    if out.tell() > head:  # every item ended in a newline, now a comma: drop the last
        out.seek(-1, io.SEEK_END)
    out.write(b"]}")
    out.truncate()
    return out.getvalue()


@contextmanager
def atomic_file(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A new 0600 file that replaces `path` only when the block ends without an exception.

    Args:
        path: The file to replace.
        durable: Sync it to disk first (survives a power cut, not only a killed process).

    Yields:
        The new file, open for binary writing; should the block raise, it is removed and
        `path` is left as it was.

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
