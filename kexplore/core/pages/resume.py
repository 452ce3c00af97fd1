"""Spool: a walk's items on disk as it goes, with the state that lets a killed walk resume."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson

from kexplore.core.history.redaction import Redactor
from kexplore.core.http.request import ApiRequest
from kexplore.core.pages.cursor import Cursor
from kexplore.core.pages.export import atomic_file

__all__ = ["ResumeError", "Spool", "WalkState"]

_VERSION = 1


class ResumeError(Exception):
    """A resume file that cannot be used (the message names it and says why)."""


@dataclass(frozen=True)
class WalkState:
    """What a resume file holds: where to continue, and how much of the spool is complete."""

    start: str
    """The URL the walk started at (a resume of another walk is refused)."""
    method: str
    """The next page's method."""
    url: str | None
    """The next page's URL, relative to the base URL when it is on it; None at the end."""
    body: str
    """The next page's body (a search's criteria)."""
    pages: int
    """Pages walked."""
    items: int
    """Items in the spool."""
    total: int | None
    """`meta.total` of the first page."""
    floor: str | None
    """A narrowed search's `updated_at` floor."""
    offset: int
    """Bytes of the spool that hold complete pages; anything after is dropped on resume."""

    def cursor(self, base_url: str) -> Cursor:
        """The cursor this state continues from.

        Args:
            base_url: The client's base URL, which a stored relative URL joins.

        Returns:
            A cursor whose request has the stored method, URL and body (headers and the
            credential are never stored); with no request when the walk had ended.
        """
        request = None
        if self.url is not None:
            url = base_url + self.url if self.url.startswith("/") else self.url
            request = ApiRequest(self.method, url, body=self.body)
        return Cursor(request, self.pages, self.items, self.total, self.floor)


class Spool:
    """`FILE.part` (JSONL, appended a page at a time) and `FILE.part.state` (where to resume).

    The state is replaced atomically after each page's lines are written, so a walk killed at
    any moment resumes from its last complete page: the spool is cut back to the state's
    offset, and nothing is written twice.

    Args:
        target: The file the finished export goes to.
        base_url: The client's base URL (stored URLs are relative to it).
        redactor: Keeps the key out of everything written.
    """

    def __init__(self, target: Path, base_url: str, redactor: Redactor) -> None:
        self.target = target
        self.part = target.with_name(target.name + ".part")
        """The items so far, as JSONL."""
        self.state_path = target.with_name(target.name + ".part.state")
        """Where to resume."""
        self._base = base_url
        self._redactor = redactor
        self._offset = 0

    def exists(self) -> bool:
        """Whether an interrupted walk's state is on disk.

        Returns:
            True when `FILE.part.state` exists; `load` says whether it can be used.
        """
        return self.state_path.exists()

    def load(self) -> WalkState:
        """The saved state, with the spool cut back to its last complete page.

        Returns:
            The state; pages appended from here follow its last complete page.

        Raises:
            ResumeError: when the state does not parse or the spool is shorter than it says.
        """
        try:
            raw = orjson.loads(self.state_path.read_bytes())
            if raw.pop("version", None) != _VERSION:
                raise ValueError("unknown version")
            state = WalkState(**raw)
        except (OSError, ValueError, TypeError) as error:
            raise ResumeError(f"{self.state_path}: not a usable resume file ({error})") from None
        size = self.part.stat().st_size if self.part.exists() else -1
        if size < state.offset:
            raise ResumeError(f"{self.part} is shorter than {self.state_path} says")
        with open(self.part, "r+b") as spool:
            spool.truncate(state.offset)
        self._offset = state.offset
        return state

    def start(self) -> None:
        """Begin a new spool (an old one is discarded)."""
        fd = os.open(self.part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        os.close(fd)
        self._offset = 0

    def seen_ids(self) -> Iterator[str]:
        """The ids of the items in the spool (a resumed walk never yields them again).

        Yields:
            The string `id` of each item that has one, in spool order.
        """
        for line in self.lines():
            item = orjson.loads(line)
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield item["id"]

    def lines(self) -> Iterator[bytes]:
        """The spool's JSONL lines.

        Yields:
            Each line, newline included, from the start of `FILE.part`.

        Raises:
            OSError: when there is no spool (FileNotFoundError) or it cannot be read.
        """
        with open(self.part, "rb") as spool:
            yield from spool

    def append(self, lines: bytes, start: str, cursor: Cursor) -> None:
        """Add one page's lines, then record the state after that page.

        Args:
            lines: The page's items as JSONL (already redacted).
            start: The URL the walk started at.
            cursor: The position after the page.

        Raises:
            OSError: when the spool or the state cannot be written.
        """
        with open(self.part, "ab") as spool:
            spool.write(lines)
        self._offset += len(lines)
        self._save(start, cursor)

    def finish(self) -> None:
        """Remove the spool and its state (after the export has been written)."""
        self.part.unlink(missing_ok=True)
        self.state_path.unlink(missing_ok=True)

    def _save(self, start: str, cursor: Cursor) -> None:
        request = cursor.request
        state = WalkState(
            start=self._redactor.url(start),
            method=request.method if request else "GET",
            url=self._redactor.url(self._relative(request.url)) if request else None,
            body=self._redactor.text(request.body) if request else "",
            pages=cursor.pages,
            items=cursor.items,
            total=cursor.total,
            floor=cursor.floor,
            offset=self._offset,
        )
        data: dict[str, Any] = {"version": _VERSION, **asdict(state)}
        with atomic_file(self.state_path, durable=False) as out:
            out.write(orjson.dumps(data, option=orjson.OPT_INDENT_2))

    def _relative(self, url: str) -> str:
        if url.startswith(self._base + "/"):
            return url[len(self._base) :]
        return url
