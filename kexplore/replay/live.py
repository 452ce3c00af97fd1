"""LiveView: replay's text lines as results arrive, and a progress bar on a terminal."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TextIO

from kexplore.core.history.replay import ReplayResult
from kexplore.replay.report import format_line

__all__ = ["LiveView"]

_BAR_WIDTH = 30
_BAR_OVER = 5
"""The progress bar shows only for more entries than this."""


@dataclass
class LiveView:
    """Text lines on stdout as results arrive, and a progress bar on stderr for a terminal."""

    out: TextIO
    err: TextIO
    total: int
    args: argparse.Namespace
    quiet: bool = False
    done: int = 0

    @property
    def has_bar(self) -> bool:
        """A bar only for a person watching many requests."""
        return not self.args.no_progress and self.total > _BAR_OVER and self.out.isatty()

    def start(self) -> None:
        """Show the empty bar."""
        self._draw()

    def show(self, result: ReplayResult) -> None:
        """Print one result's line and move the bar on."""
        self.done += 1
        if not self.quiet:
            self._clear()
            print(format_line(result, diff=self.args.diff), file=self.out, flush=True)
        self._draw()

    def finish(self) -> None:
        """Take the bar away."""
        self._clear()

    def _draw(self) -> None:
        if self.has_bar:
            filled = _BAR_WIDTH * self.done // self.total
            bar = "#" * filled + "." * (_BAR_WIDTH - filled)
            self.err.write(f"\r[{bar}] {self.done}/{self.total}")
            self.err.flush()

    def _clear(self) -> None:
        if self.has_bar:
            self.err.write("\r" + " " * (_BAR_WIDTH + 2 + 2 * len(str(self.total)) + 2) + "\r")
            self.err.flush()
