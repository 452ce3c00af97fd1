"""HistoryStore: every request, appended under a lock to one TOML file, secrets redacted."""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kexplore.core.history.entry import (
    HistoryEntry,
    ResponseSummary,
    entry_to_table,
    error_text,
    make_entry,
)
from kexplore.core.history.file import (
    HistoryError,
    format_entry,
    load_entries,
    locked,
    read_document,
    rewrite_document,
)
from kexplore.core.history.redaction import Redactor
from kexplore.core.http.identity import Identity
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse

__all__ = [
    "HistoryEntry",
    "HistoryError",
    "HistoryStore",
    "ResponseSummary",
    "make_entry",
]

_SAFE_ID = re.compile(r"^[0-9A-Za-z_-][0-9A-Za-z._-]*$")


class HistoryStore:
    """The request history: one TOML file, appended to, compacted rarely.

    Args:
        path: the history file (its directory is created, 0700, on the first append).
        secrets: values (the API key) never to be written, wherever they appear.
        keep_bodies_under: keep response bodies smaller than this many bytes beside the file
            in `responses/<id>.json`; 0 keeps none.
        max_entries: compaction keeps the newest this many entries.
        compact_at_bytes: compact when an append leaves the file larger than this
            (default: 1 KiB per entry kept, at least 64 KiB).
        fsync: fsync the file after each append.
        clock: the current time, UTC (for tests).
    """

    def __init__(
        self,
        path: Path,
        *,
        secrets: Sequence[str | None] = (),
        keep_bodies_under: int = 1_000_000,
        max_entries: int = 5000,
        compact_at_bytes: int | None = None,
        fsync: bool = False,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = Path(path)
        """The history file."""
        self.responses_dir = self.path.parent / "responses"
        """Where kept response bodies live."""
        self.warnings: list[str] = []
        """Entries the last load() skipped, and compactions that could not run."""
        self.max_entries = max_entries
        self.keep_bodies_under = keep_bodies_under
        self._redactor = Redactor.of(secrets)
        self._compact_at = compact_at_bytes or max(64 * 1024, max_entries * 1024)
        self._fsync = fsync
        self._clock = clock or (lambda: datetime.now(UTC))
        self._dir_ready = False

    def append(
        self,
        request: ApiRequest,
        response: ApiResponse | None,
        *,
        url: str,
        profile: str,
        error: str | BaseException | None = None,
        identity: Identity | None = None,
    ) -> HistoryEntry:
        """Record one request and its response (or the error it failed with).

        Args:
            request: the request as sent.
            response: its response, or None when it failed.
            url: the absolute URL it went to (`client.resolve(request.url)`); the request's
                params are added to its query unless already there.
            profile: the profile's name.
            error: the failure (an ApiError, whose `.message` is kept, or text).
            identity: who it was sent as and where (recorded as references, never a key).

        Returns:
            The entry as written, redacted.

        Raises:
            OSError: when the file, its directory or the kept body cannot be written (a
                failed compaction afterwards is only a warning).
        """
        entry = make_entry(
            request,
            response,
            url=url,
            profile=profile,
            at=self._clock(),
            redactor=self._redactor,
            identity=identity,
        )
        if error is not None:
            entry = replace(entry, error=self._redactor.text(error_text(error)))
        if response is not None and 0 < response.size < self.keep_bodies_under:
            self._keep_body(entry.id, response.body)
        size = self._append_bytes(format_entry(entry_to_table(entry)).encode())
        if size > self._compact_at:
            self._compact_quietly()
        return entry

    def load(self) -> list[HistoryEntry]:
        """Every entry in the file, oldest first ([] when there is no file yet).

        Entries missing a required field are skipped and described in `warnings`.

        Returns:
            The entries that could be read.

        Raises:
            HistoryError: naming the file, line and column when it does not parse, or when
                it cannot be read.
        """
        entries, self.warnings = load_entries(self.path)
        return entries

    def kept_response(self, entry: HistoryEntry) -> ApiResponse | None:
        """The response of `entry` rebuilt from its summary and kept body, or None.

        Args:
            entry: An entry from `load()`.

        Returns:
            A response with the kept body (secrets redacted) and the summary's status,
            reason, elapsed time and content type, but no other headers; None when no body
            was kept (too big, empty, compacted away) or the request failed.
        """
        body = self.body_for(entry)
        summary = entry.response
        if body is None or summary is None:
            return None
        return ApiResponse(
            status=summary.status,
            reason=summary.reason,
            headers=(("content-type", summary.content_type),),
            body=body,
            elapsed=summary.elapsed_ms / 1000,
            url=entry.url,
            method=entry.method,
        )

    def body_for(self, entry: HistoryEntry) -> bytes | None:
        """The kept response body of `entry`, or None when none was kept.

        Args:
            entry: An entry from `load()`; an id that is not a plain file name is refused.

        Returns:
            The body as kept (secrets redacted); None when none was kept, it was removed by
            a compaction, or it cannot be read.
        """
        if not _SAFE_ID.match(entry.id):
            return None
        try:
            return (self.responses_dir / f"{entry.id}.json").read_bytes()
        except OSError:
            return None

    def compact(self) -> int:
        """Keep only the newest `max_entries` entries (atomic rewrite under the lock).

        Removes kept bodies of dropped entries. A file that does not parse is left alone.

        Returns:
            How many entries were dropped.

        Raises:
            HistoryError: when the file does not parse (it is not touched).
            OSError: when the file cannot be locked or rewritten.
        """
        try:
            with locked(self.path, os.O_RDWR, fcntl.LOCK_EX) as fd:
                with open(fd, "rb", closefd=False) as f:
                    document = read_document(self.path, f.read(), fast=False)
                tables = document.get("entry", [])
                dropped = max(0, len(tables) - self.max_entries)
                if dropped:
                    rewrite_document(self.path, {**document, "entry": tables[dropped:]})
                    self._remove_orphans(tables[dropped:])
                return dropped
        except FileNotFoundError:
            return 0

    def _append_bytes(self, data: bytes) -> int:
        """Append `data` under an exclusive lock; the file's size afterwards."""
        self._ensure_dir()
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT
        with locked(self.path, flags, fcntl.LOCK_EX) as fd:
            stat = os.fstat(fd)
            if stat.st_mode & 0o077:
                os.fchmod(fd, 0o600)
            if stat.st_size:
                # Keep the chunk on its own lines even if a hand edit dropped the last newline.
                last = os.pread(fd, 1, stat.st_size - 1)
                data = (b"\n" if last == b"\n" else b"\n\n") + data
            try:
                _write_all(fd, data)
            except OSError:
                os.ftruncate(fd, stat.st_size)  # take back a partial chunk (disk full)
                raise
            if self._fsync:
                os.fsync(fd)
            return stat.st_size + len(data)

    def _ensure_dir(self) -> None:
        """Create the file's directory (0700) on the first append, never on a read."""
        if not self._dir_ready:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._dir_ready = True

    def _keep_body(self, entry_id: str, body: bytes) -> None:
        self._ensure_dir()
        self.responses_dir.mkdir(mode=0o700, exist_ok=True)
        target = self.responses_dir / f"{entry_id}.json"
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(self._redactor.bytes(body))

    def _compact_quietly(self) -> None:
        """Compact after an append; a failure is a warning, never a lost append."""
        try:
            self.compact()
        except (HistoryError, OSError) as exc:
            self.warnings.append(f"history not compacted: {exc}")
        try:
            size = self.path.stat().st_size
        except OSError:
            return
        # Big entries: do not compact again until the file has doubled.
        if size > self._compact_at // 2:
            self._compact_at = max(self._compact_at, 2 * size)

    def _remove_orphans(self, kept: list[Any]) -> None:
        """Delete kept bodies of dropped entries (older than the oldest kept entry)."""
        ids = {table.get("id") for table in kept if isinstance(table, dict)}
        oldest = min((i.partition("-")[0] for i in ids if isinstance(i, str)), default="")
        try:
            files = list(self.responses_dir.iterdir())
        except OSError:
            return
        for file in files:
            # Newer files may belong to an append still in flight in another process.
            stem = file.stem
            if file.suffix == ".json" and stem not in ids and stem.partition("-")[0] < oldest:
                file.unlink(missing_ok=True)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
