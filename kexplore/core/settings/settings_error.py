"""SettingsError: settings that cannot be used, with a message precise enough to fix them."""

from __future__ import annotations

from pathlib import Path

__all__ = ["SettingsError"]


class SettingsError(ValueError):
    """Settings that cannot be used, with a message precise enough to fix them."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        """Create the error.

        Args:
            message: What is wrong and how to fix it (names the file, line and column if any).
            path: The config file at fault, if any.
            line: The 1-based line in that file, if known.
            column: The 1-based column in that file, if known.
        """
        super().__init__(message)
        self.message = message
        """What is wrong, for a person."""
        self.path = path
        """The config file at fault, if any."""
        self.line = line
        """The 1-based line at fault, if known."""
        self.column = column
        """The 1-based column at fault, if known."""
