"""Collection: named, saved requests in a TOML file of history entries, each with a `name`."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kexplore.core.history.entry import entry_to_table
from kexplore.core.history.file import (
    load_entries,
    locked,
    read_document,
    rewrite_document,
)
from kexplore.core.history.redaction import Redactor
from kexplore.core.history.store import HistoryEntry, make_entry
from kexplore.core.http.identity import Identity
from kexplore.core.http.request import ApiRequest

__all__ = ["Collection"]


class Collection:
    """Saved requests, by name; every change is an atomic rewrite under the file's lock.

    Args:
        path: the collection file (its directory is created, 0700, on the first save).
        secrets: values (the API key) never to be written, wherever they appear.
    """

    def __init__(self, path: Path, *, secrets: Sequence[str | None] = ()) -> None:
        self.path = Path(path)
        """The collection file."""
        self.warnings: list[str] = []
        """Entries the last load() skipped, and why."""
        self._redactor = Redactor.of(secrets)

    def load(self) -> list[HistoryEntry]:
        """Every saved request, in file order ([] when there is no file yet).

        Returns:
            The entries that could be read; the ones skipped are described in `warnings`.

        Raises:
            HistoryError: naming the file, line and column when it does not parse, or when
                it cannot be read.
        """
        entries, self.warnings = load_entries(self.path)
        return entries

    def find(self, name_or_id: str) -> HistoryEntry | None:
        """The entry called `name_or_id`, else the one with that id, else None.

        Args:
            name_or_id: An entry's name, or its id (`20261127T053940.123Z-3f9a1c`).

        Returns:
            The first entry with that name, else the first with that id; None when neither
            exists or there is no file.

        Raises:
            HistoryError: when the file does not parse.
        """
        entries = self.load()
        by_name = (e for e in entries if e.name == name_or_id)
        by_id = (e for e in entries if e.id == name_or_id)
        return next(by_name, None) or next(by_id, None)

    def save(
        self,
        name: str,
        request: ApiRequest,
        *,
        url: str,
        profile: str,
        description: str = "",
        expect_status: int | None = None,
        identity: Identity | None = None,
    ) -> HistoryEntry:
        """Save `request` as `name`, replacing any entry already called that.

        Args:
            name: the entry's name.
            request: the request to keep (secrets redacted).
            url: its absolute URL (`client.resolve(request.url)`).
            profile: the profile's name.
            description: what it is for.
            expect_status: the status replay should expect, instead of none.
            identity: who it is sent as and where (recorded as references, never a key).

        Returns:
            The entry as written.

        Raises:
            HistoryError: when the file does not parse (it is left untouched).
            OSError: when the file or its directory cannot be written.
        """
        at = datetime.now(UTC)
        entry = make_entry(
            request,
            None,
            url=url,
            profile=profile,
            at=at,
            redactor=self._redactor,
            identity=identity,
        )
        entry = replace(entry, name=name, description=description, expect_status=expect_status)
        self._change(lambda tables: _replaced(tables, name, entry_to_table(entry)))
        return entry

    def delete(self, name: str) -> bool:
        """Remove the entry called `name` (and any namesakes a hand edit left).

        Args:
            name: The entry's name (ids are not matched).

        Returns:
            Whether anything was removed: False when no entry has that name, or there is no
            file.

        Raises:
            HistoryError: when the file does not parse (it is left untouched).
            OSError: when the file cannot be rewritten.
        """
        if not self.path.exists():
            return False
        found: list[bool] = []

        def without(tables: list[Any]) -> list[Any]:
            """The file's tables minus those called `name`, noting whether there were any.

            Args:
                tables: The `[[entry]]` tables as parsed (a hand-edited one may not be a dict).

            Returns:
                The tables to write back, in order.
            """
            kept = [t for t in tables if not (isinstance(t, dict) and t.get("name") == name)]
            found.append(len(kept) < len(tables))
            return kept

        self._change(without)
        return found[0]

    def _change(self, edit: Callable[[list[Any]], list[Any]]) -> None:
        """Rewrite the file with `edit(entry tables)`, under the lock, atomically."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        flags = os.O_RDWR | os.O_CREAT
        with locked(self.path, flags, fcntl.LOCK_EX) as fd, open(fd, "rb", closefd=False) as f:
            document = read_document(self.path, f.read(), fast=False)
            tables = edit(list(document.get("entry", [])))
            rewrite_document(self.path, {**document, "entry": tables})


def _replaced(tables: list[Any], name: str, table: dict[str, Any]) -> list[Any]:
    """`tables` with the first one called `name` replaced by `table`, later namesakes dropped."""
    named = [i for i, t in enumerate(tables) if isinstance(t, dict) and t.get("name") == name]
    if not named:
        return [*tables, table]
    out = [t for i, t in enumerate(tables) if i not in named[1:]]
    out[named[0]] = table
    return out
