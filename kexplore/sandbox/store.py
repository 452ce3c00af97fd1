"""The sandbox's SQLite store: one table of resources with JSON attributes, plus lookups."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

__all__ = ["Record", "Scope", "Store"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS resources (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    customer_id TEXT,
    conversation_id TEXT,
    attrs TEXT NOT NULL,
    rels TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS lookups (kind TEXT NOT NULL, value TEXT NOT NULL, id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS ix_id ON resources(id);
CREATE INDEX IF NOT EXISTS ix_type ON resources(type);
CREATE INDEX IF NOT EXISTS ix_customer ON resources(customer_id, type);
CREATE INDEX IF NOT EXISTS ix_conversation ON resources(conversation_id, type);
CREATE INDEX IF NOT EXISTS ix_lookup ON lookups(kind, value);
CREATE INDEX IF NOT EXISTS ix_lookup_id ON lookups(id);
"""

COLUMNS = "seq, id, type, customer_id, conversation_id, attrs, rels"


@dataclass
class Record:
    """One stored resource.

    Attributes are kept as Kustomer names them; `rels` maps a to-one relationship name
    (`customer`, `company`, `createdBy`, ...) to the related id.
    """

    id: str
    """The 24-hex ObjectId."""
    type: str
    """The JSON:API type: `customer`, `conversation`, `kobject.order`, ..."""
    attrs: dict[str, Any]
    """The stored attributes (rendering fills in the rest with defaults)."""
    rels: dict[str, str] = field(default_factory=dict)
    """To-one relationships: name -> id."""
    customer_id: str | None = None
    """The owning customer, for sub-collections and cascades."""
    conversation_id: str | None = None
    """The owning conversation, for messages and notes."""
    seq: int | None = None
    """Insertion order; lists are ordered by it."""


@dataclass(frozen=True)
class Scope:
    """Which records a list covers."""

    type: str
    """The type, or a prefix ending in `%` (`kobject.%`) matched with LIKE."""
    customer_id: str | None = None
    """Only records owned by this customer."""
    conversation_id: str | None = None
    """Only records owned by this conversation."""
    attrs: tuple[tuple[str, Any], ...] = ()
    """Equality filters on JSON paths in the attributes: (`$.userType`, `machine`)."""
    rels: tuple[tuple[str, str], ...] = ()
    """Equality filters on relationships: (`company`, id)."""
    ranges: tuple[tuple[str, str, Any], ...] = ()
    """Comparisons on JSON paths in the attributes: (`$.createdAt`, `>=`, value)."""
    order: tuple[str, bool] | None = None
    """Sort by this JSON path in the attributes (descending when True), not by insertion."""
    ids: tuple[str, ...] | None = None
    """Only these ids."""

    def where(self) -> tuple[str, list[Any]]:
        """Return the SQL condition and its parameters."""
        op = "LIKE" if self.type.endswith("%") else "="
        sql, params = [f"type {op} ?"], [self.type]
        for column in ("customer_id", "conversation_id"):
            if getattr(self, column) is not None:
                sql.append(f"{column} = ?")
                params.append(getattr(self, column))
        for path, value in self.attrs:
            sql.append("json_extract(attrs, ?) = ?")
            params += [path, value]
        for name, value in self.rels:
            sql.append("json_extract(rels, ?) = ?")
            params += [f"$.{name}", value]
        for path, op, value in self.ranges:
            sql.append(f"json_extract(attrs, ?) {op} ?")
            params += [path, value]
        if self.ids is not None:
            sql.append(f"id IN ({', '.join('?' * len(self.ids))})")
            params += list(self.ids)
        return " AND ".join(sql), params

    def order_by(self, desc: bool) -> tuple[str, list[Any]]:
        """Return the ORDER BY clause and its parameters."""
        if self.order is None:
            return f"seq {'DESC' if desc else 'ASC'}", []
        path, down = self.order
        way = "DESC" if down else "ASC"
        return f"json_extract(attrs, ?) {way}, seq {way}", [path]


def _record(row: Sequence[Any]) -> Record:
    seq, rid, rtype, customer_id, conversation_id, attrs, rels = row
    return Record(
        rid, rtype, orjson.loads(attrs), orjson.loads(rels), customer_id, conversation_id, seq
    )


def record_row(record: Record) -> tuple[Any, ...]:
    """Return the insert tuple (without seq) for a record."""
    return (
        record.id,
        record.type,
        record.customer_id,
        record.conversation_id,
        orjson.dumps(record.attrs).decode(),
        orjson.dumps(record.rels).decode(),
    )


class Store:
    """A single SQLite connection shared by threads behind a lock.

    Args:
        db: `:memory:` or a file path; a file keeps its data across restarts.
    """

    def __init__(self, db: str = ":memory:") -> None:
        self._lock = threading.RLock()
        self._db = sqlite3.connect(db, check_same_thread=False, isolation_level=None)
        # In memory nothing needs syncing; a file gets WAL, safe against a crashed process.
        sync = "OFF" if db == ":memory:" else "NORMAL"
        self._db.executescript(f"PRAGMA journal_mode=WAL; PRAGMA synchronous={sync};" + SCHEMA)

    def close(self) -> None:
        """Close the connection (twice is harmless)."""
        with self._lock:
            self._db.close()

    def clear(self) -> None:
        """Delete every record and lookup (what an interrupted seed left behind)."""
        with self._lock:
            self._db.executescript("DELETE FROM resources; DELETE FROM lookups;")

    def get_meta(self, key: str) -> str | None:
        """Return a value from the meta table, or None."""
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    def set_meta(self, items: dict[str, str]) -> None:
        """Store values in the meta table."""
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", items.items())

    def bulk_insert(self, rows: Iterable[tuple[Any, ...]], lookups: Iterable[tuple]) -> None:
        """Insert resource rows (as from `record_row`) and lookup rows in one transaction."""
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT INTO resources (id, type, customer_id, conversation_id, attrs, rels)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            self._db.executemany("INSERT INTO lookups VALUES (?, ?, ?)", lookups)
            self._db.execute("COMMIT")

    def create_indexes(self) -> None:
        """Create the indexes (after a bulk seed, which is faster than before)."""
        with self._lock:
            self._db.executescript(INDEXES)

    def get(self, rid: str, rtype: str | None = None) -> Record | None:
        """Return the record with this id (and type, when given), or None."""
        row = self._one(f"SELECT {COLUMNS} FROM resources WHERE id = ?", (rid,))
        record = _record(row) if row else None
        if record and rtype and record.type != rtype:
            return None
        return record

    def lookup(self, kind: str, value: str) -> Record | None:
        """Return the first record whose lookup `kind` (e.g. `customer:email`) has `value`."""
        row = self._one(
            "SELECT id FROM lookups WHERE kind = ? AND value = ? LIMIT 1", (kind, value)
        )
        return self.get(row[0]) if row else None

    def page(self, scope: Scope, offset: int, limit: int, *, desc: bool = False) -> list[Record]:
        """Return one page of the records in scope, in insertion order."""
        where, params = scope.where()
        order, more = scope.order_by(desc)
        sql = f"SELECT {COLUMNS} FROM resources WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        return self.select(sql, [*params, *more, limit, offset])

    def page_of_type(self, rtype: str, conversation_id: str) -> Record | None:
        """Return the first record of a type in a conversation, or None."""
        found = self.page(Scope(rtype, conversation_id=conversation_id), 0, 1)
        return found[0] if found else None

    def count(self, scope: Scope) -> int:
        """Return how many records are in scope."""
        where, params = scope.where()
        return int(self._one(f"SELECT count(*) FROM resources WHERE {where}", params)[0])

    def select(self, sql: str, params: Sequence[Any]) -> list[Record]:
        """Run a SELECT of `COLUMNS` and return the records."""
        with self._lock:
            return [_record(row) for row in self._db.execute(sql, params).fetchall()]

    def scalar(self, sql: str, params: Sequence[Any]) -> Any:
        """Run a query and return the first column of its first row."""
        return self._one(sql, params)[0]

    def insert(self, record: Record, lookups: Iterable[tuple[str, str]] = ()) -> None:
        """Insert a new record and its lookup keys."""
        self.bulk_insert(
            [record_row(record)], [(kind, value, record.id) for kind, value in lookups]
        )

    def save(self, record: Record, lookups: Iterable[tuple[str, str]] | None = None) -> None:
        """Write back a changed record; replace its lookup keys when given."""
        with self._lock:
            self._db.execute(
                "UPDATE resources SET attrs = ?, rels = ? WHERE id = ?",
                (
                    orjson.dumps(record.attrs).decode(),
                    orjson.dumps(record.rels).decode(),
                    record.id,
                ),
            )
            if lookups is not None:
                self._db.execute("DELETE FROM lookups WHERE id = ?", (record.id,))
                self._db.executemany(
                    "INSERT INTO lookups VALUES (?, ?, ?)", [(*pair, record.id) for pair in lookups]
                )

    def delete(self, rid: str) -> None:
        """Delete a record and everything it owns (a customer's or conversation's children)."""
        owned = "SELECT id FROM resources WHERE id = ? OR customer_id = ? OR conversation_id = ?"
        with self._lock:
            self._db.execute("BEGIN")
            self._db.execute(f"DELETE FROM lookups WHERE id IN ({owned})", (rid, rid, rid))
            self._db.execute(
                "DELETE FROM resources WHERE id = ? OR customer_id = ? OR conversation_id = ?",
                (rid, rid, rid),
            )
            self._db.execute("COMMIT")

    def _one(self, sql: str, params: Sequence[Any]) -> Any:
        with self._lock:
            return self._db.execute(sql, params).fetchone()
