"""The jq filters used recently, per endpoint, in `filters.toml` beside the history."""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path

import tomli_w

__all__ = ["KEEP", "RecentFilters"]

KEEP = 10
"""How many filters are remembered per endpoint."""


class RecentFilters:
    """Recent jq programs by endpoint key (`/v1/customers`), newest first.

    The file is rewritten atomically (temp file + `os.replace`), created 0600, and never
    overwritten when it does not parse: a broken file turns remembering off.

    Args:
        path: The TOML file (need not exist yet).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        """Where they are kept."""

    def load(self) -> dict[str, list[str]]:
        """Every endpoint's recent filters; empty when there is no file.

        Raises:
            ValueError: the file does not parse (it is left alone).
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        data = tomllib.loads(text).get("endpoint", {})
        return {
            key: [p for p in value.get("recent", []) if isinstance(p, str)]
            for key, value in data.items()
            if isinstance(value, dict)
        }

    def recent(self, endpoint: str) -> list[str]:
        """The recent filters of `endpoint`, newest first (none when the file is broken)."""
        try:
            return self.load().get(endpoint, [])
        except (ValueError, OSError):
            return []

    def remember(self, endpoint: str, program: str) -> None:
        """Put `program` first among `endpoint`'s recent filters.

        Raises:
            ValueError: the file does not parse (nothing is written).
            OSError: it could not be written.
        """
        every = self.load()
        mine = [program, *(p for p in every.get(endpoint, []) if p != program)][:KEEP]
        every[endpoint] = mine
        self._write({"endpoint": {key: {"recent": value} for key, value in every.items()}})

    def _write(self, data: dict[str, object]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".filters-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(tomli_w.dumps(data).encode("utf-8"))
            os.chmod(temp, 0o600)
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
