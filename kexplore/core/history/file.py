"""The history file on disk: entry chunks, parsing with error locations, flock, atomic rewrite."""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tomli_w

from kexplore.core.history.entry import EntryError, HistoryEntry, entry_from_table
from kexplore.core.history.parse import parse_subset

__all__ = [
    "HistoryError",
    "format_entry",
    "load_entries",
    "locked",
    "parse_entries",
    "read_document",
    "read_locked",
    "rewrite_document",
]

_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


class HistoryError(Exception):
    """A history or collection file that cannot be read as TOML, and where it breaks.

    Args:
        path: The file.
        message: What is wrong, without the location.
        line: The 1-based line of the problem, when known.
        column: The 1-based column of the problem, when known.
    """

    def __init__(
        self, path: Path, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = path
        """The file."""
        self.message = message
        """What is wrong."""
        self.line = line
        """1-based line of the problem, when known."""
        self.column = column
        """1-based column of the problem, when known."""
        where = f": line {line}, column {column}" if line is not None else ""
        super().__init__(f"{path}{where}: {message}")


def read_document(path: Path, data: bytes, *, fast: bool = True) -> dict[str, Any]:
    """Parse `data`, the bytes of `path`, as TOML.

    Args:
        path: the file, for error messages.
        data: its bytes.
        fast: read the subset HistoryStore writes with `parse_subset` (tomllib otherwise,
            and for anything outside it).

    Returns:
        The document; its `entry`, if present, is a list whose items are not checked.

    Raises:
        HistoryError: naming the file, line and column where it does not parse, or when it
            is not UTF-8 or its `entry` is not an array of tables.
    """
    text = _decode(path, data)
    document = parse_subset(text) if fast else None
    if document is None:
        document = _parse_toml(path, text)
    if not isinstance(document.get("entry", []), list):
        raise HistoryError(path, "'entry' must be an array of [[entry]] tables")
    return document


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise HistoryError(path, "the file is not UTF-8 text", line, column) from None


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
    except ValueError as exc:  # tomllib lets int()'s digit limit through
        raise HistoryError(path, str(exc)) from None
    where = _WHERE.search(message)
    if where is not None:
        line, column = int(where.group(1)), int(where.group(2))
        raise HistoryError(path, message[: where.start()], line, column)
    end = _AT_END.search(message)
    if end is not None:
        lines = text.split("\n")
        raise HistoryError(path, message[: end.start()], len(lines), len(lines[-1]) + 1)
    raise HistoryError(path, message)


def parse_entries(document: dict[str, Any]) -> tuple[list[HistoryEntry], list[str]]:
    """The entries of a parsed file, and a warning for each `[[entry]]` that was skipped.

    Args:
        document: A document from `read_document`.

    Returns:
        The entries that could be read, in file order, and one line per table skipped
        (`entry 3 (<id>) skipped: missing 'url'`).
    """
    entries: list[HistoryEntry] = []
    warnings: list[str] = []
    for number, table in enumerate(document.get("entry", []), start=1):
        try:
            if not isinstance(table, dict):
                raise EntryError("not a table")
            entries.append(entry_from_table(table))
        except EntryError as exc:
            label = table.get("id") or table.get("name") if isinstance(table, dict) else None
            named = f" ({label})" if isinstance(label, str) else ""
            warnings.append(f"entry {number}{named} skipped: {exc}")
    return entries, warnings


def load_entries(path: Path) -> tuple[list[HistoryEntry], list[str]]:
    """The entries of a history or collection file ([] when absent) and what was skipped.

    Args:
        path: The file; read under a shared lock.

    Returns:
        The entries in file order, and a warning per `[[entry]]` skipped.

    Raises:
        HistoryError: naming the file, line and column when it does not parse, or when it
            exists but cannot be read.
    """
    data = read_locked(path)
    if data is None:
        return [], []
    return parse_entries(read_document(path, data))


def rewrite_document(path: Path, document: dict[str, Any]) -> None:
    """Atomically replace `path` with `document` (temp file in the same dir, then os.replace).

    The caller holds the file's lock. The new file is 0600.

    Args:
        path: The file to replace; its directory must exist.
        document: The whole document: top-level keys other than `entry`, then the entry
            tables (each written by `format_entry`).

    Raises:
        OSError: when the new file cannot be written; `path` is then left as it was.
    """
    others = {key: value for key, value in document.items() if key != "entry"}
    chunks = [tomli_w.dumps(others)] if others else []
    chunks += [format_entry(table) for table in document.get("entry", [])]
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write("\n".join(chunks).encode())
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@contextmanager
def locked(path: Path, flags: int, lock: int, mode: int = 0o600) -> Iterator[int]:
    """An fd on `path` under `flock(lock)`, reopened if the file was replaced while waiting.

    Args:
        path: The file.
        flags: `os.open` flags (`O_CLOEXEC` is added).
        lock: `fcntl.LOCK_SH` or `fcntl.LOCK_EX`.
        mode: The permissions of a file that `flags` create.

    Yields:
        The fd, locked; it is closed (and so unlocked) when the block ends.

    Raises:
        OSError: when the file cannot be opened (FileNotFoundError when it is absent and
            `flags` do not create it).
    """
    while True:
        fd = os.open(path, flags | os.O_CLOEXEC, mode)
        try:
            fcntl.flock(fd, lock)
            if _is_current(fd, path):
                yield fd
                return
        finally:
            os.close(fd)


def _is_current(fd: int, path: Path) -> bool:
    """Whether `fd` is still the file at `path` (a compaction replaces it)."""
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_ino, held.st_dev) == (now.st_ino, now.st_dev)


def read_locked(path: Path) -> bytes | None:
    """The bytes of `path` read under a shared lock, or None when it does not exist.

    Args:
        path: A history or collection file.

    Returns:
        The whole file, as it was while no writer held it; None when there is no file.

    Raises:
        HistoryError: when it exists but cannot be read (a directory, no permission).
    """
    try:
        with locked(path, os.O_RDONLY, fcntl.LOCK_SH) as fd, open(fd, "rb", closefd=False) as f:
            return f.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise HistoryError(path, f"cannot read it: {exc.strerror or exc}") from None


def format_entry(table: Mapping[str, Any]) -> str:
    """One `[[entry]]` chunk of TOML, ending in a newline, that tomllib reads back as `table`.

    `headers` and any other table nested below the entry's own sub-tables are written inline;
    other tables (`response`) as `[entry.<key>]` sections.

    Args:
        table: An entry table (`entry_to_table`): strings, numbers, booleans, date-times,
            lists and tables.

    Returns:
        The chunk, starting with `[[entry]]`, in the key order of `table`.
    """
    lines = ["[[entry]]"]
    sections: list[str] = []
    for key, value in table.items():
        if isinstance(value, Mapping) and key != "headers":
            sections.append(f"\n[entry.{_key(key)}]")
            sections.extend(f"{_key(k)} = {_literal(v)}" for k, v in value.items())
        else:
            lines.append(f"{_key(key)} = {_literal(value)}")
    return "\n".join(lines + sections) + "\n"


def _key(key: str) -> str:
    """`key` as a TOML key: bare when it can be, else quoted and escaped."""
    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]


def _literal(value: Any) -> str:
    """`value` as a one-line TOML value (tables inline)."""
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_literal(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    return tomli_w.dumps({"v": value})[4:-1]
