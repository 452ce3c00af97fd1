"""`kexplore replay FILE`: re-send saved requests headless and report what changed."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import httpx

from kexplore.core.history.replay import DEFAULT_IGNORE, Replayer, ReplayOptions, ReplayResult
from kexplore.core.history.store import HistoryEntry, HistoryError, HistoryStore
from kexplore.core.http.client import ApiClient
from kexplore.core.settings.settings import Settings
from kexplore.replay.report import (
    ReplayRun,
    dump_lines,
    format_line,
    format_summary,
    json_report,
    junit_report,
)

__all__ = ["ReplayRefused", "run_replay", "select_entries"]

_NO_KEY = "no API key: set KUSTOMER_API_KEY, or use --sandbox"
_READS = frozenset({"GET", "HEAD", "OPTIONS"})
_BAR_WIDTH = 30
_BAR_OVER = 5
"""The progress bar shows only for more entries than this."""


class ReplayRefused(Exception):
    """A replay that cannot start (exit status 2), with a one-line reason."""


def run_replay(
    args: argparse.Namespace,
    settings: Settings,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> int:
    """Replay the entries `args` selects from `args.file` against `settings`' base URL.

    Args:
        args: the parsed `kexplore replay` options (see cli.py).
        settings: where to send, and the key (never taken from the file).
        stdout: where lines and reports go (default sys.stdout).
        stderr: where the progress bar, warnings and refusals go (default sys.stderr).
        transport: an httpx transport for the client (tests).

    Returns:
        0 when done; 1 with --check when anything differed or failed; 2 when refused.
    """
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        store, entries = _plan(args, settings)
    except ReplayRefused as refusal:
        print(f"kexplore replay: {refusal}", file=err)
        return 2
    for warning in store.warnings:
        print(f"kexplore replay: warning: {warning}", file=err)
    report_to_stdout = args.format != "text" and args.output is None
    view = _LiveView(out, err, len(entries), args, quiet=report_to_stdout)
    started = time.monotonic()
    results = asyncio.run(_replay(entries, store, settings, args, view, transport))
    run = ReplayRun(str(args.file), settings.base_url, tuple(results), time.monotonic() - started)
    print(format_summary(run), file=err if report_to_stdout else out)
    if not _write_report(run, args, out, err):
        return 2
    return 1 if args.check and any(r.outcome != "ok" for r in results) else 0


def _plan(args: argparse.Namespace, settings: Settings) -> tuple[HistoryStore, list[HistoryEntry]]:
    """The store and the entries to replay, or ReplayRefused saying why not."""
    path = Path(args.file)
    if not path.is_file():
        raise ReplayRefused(f"{path}: {'is a directory' if path.is_dir() else 'no such file'}")
    store = HistoryStore(path)
    try:
        entries = store.load()
    except HistoryError as error:
        raise ReplayRefused(str(error)) from None
    selected = select_entries(
        entries, args.selectors, last=args.last, everything=args.all, file=str(path)
    )
    _refuse_unconfirmed_writes(selected, settings, confirmed=bool(getattr(args, "yes", False)))
    if args.output is not None and not Path(args.output).parent.is_dir():
        raise ReplayRefused(f"{args.output}: its directory does not exist")
    if settings.api_key is None:
        raise ReplayRefused(_NO_KEY)
    return store, selected


def _refuse_unconfirmed_writes(
    entries: Sequence[HistoryEntry], settings: Settings, *, confirmed: bool = False
) -> None:
    """Headless replay cannot ask: writes need --yes, a profile that does not ask, or a sandbox."""
    writes = sorted({e.method for e in entries} - _READS)
    if writes and settings.profile.asks_before_writes and not confirmed:
        raise ReplayRefused(
            f"the selection has writes ({', '.join(writes)}) and profile "
            f"{settings.profile.name!r} asks before writes: select only reads, use --sandbox, "
            "pass --yes, or set confirm_writes = false for the profile"
        )


def select_entries(
    entries: Sequence[HistoryEntry],
    selectors: Sequence[str] = (),
    *,
    last: int | None = None,
    everything: bool = False,
    file: str = "the file",
) -> list[HistoryEntry]:
    """The entries to replay: by name or id (or a unique id prefix), all, then the last N.

    Raises:
        ReplayRefused: for a selector that matches nothing, or ambiguously, or a bad --last.
    """
    if everything and selectors:
        raise ReplayRefused("give entry names or ids, or --all, not both")
    if last is not None and last < 1:
        raise ReplayRefused(f"--last needs a positive number, not {last}")
    chosen = list(entries)
    if selectors:
        chosen = [entry for selector in selectors for entry in _match(entries, selector, file)]
    return chosen[-last:] if last is not None else chosen


def _match(entries: Sequence[HistoryEntry], selector: str, file: str) -> list[HistoryEntry]:
    """Entries named `selector`, else the one with that id, else the one whose id starts so."""
    named = [entry for entry in entries if entry.name == selector]
    if named:
        return named
    exact = [entry for entry in entries if entry.id == selector]
    if exact:
        return exact[:1]
    prefixed = [entry for entry in entries if entry.id.startswith(selector)]
    if len(prefixed) > 1:
        raise ReplayRefused(f"{selector!r} matches {len(prefixed)} entries in {file}")
    if not prefixed:
        raise ReplayRefused(f"{selector!r} is not an entry name or id in {file}")
    return prefixed


async def _replay(
    entries: Sequence[HistoryEntry],
    store: HistoryStore,
    settings: Settings,
    args: argparse.Namespace,
    view: _LiveView,
    transport: httpx.AsyncBaseTransport | None,
) -> list[ReplayResult]:
    """Send every entry, showing each result as it arrives."""
    options = ReplayOptions(
        diff=args.diff,
        ignore=DEFAULT_IGNORE | frozenset(args.ignore or ()),
        delay=max(0, args.delay) / 1000,
    )
    results: list[ReplayResult] = []
    async with ApiClient(
        settings.profile.base_url, settings.api_key, transport=transport
    ) as client:
        replayer = Replayer(client, options, body_for=store.body_for, secrets=[settings.api_key])
        view.start()
        async for result in replayer.run(entries):
            results.append(result)
            view.show(result)
        view.finish()
    return results


def _write_report(run: ReplayRun, args: argparse.Namespace, out: TextIO, err: TextIO) -> bool:
    """The json or junit report (or the text lines) to --output, or json/junit to stdout.

    Returns:
        False when --output could not be written (said on `err`).
    """
    if args.format == "text" and args.output is None:
        return True
    render = {"json": json_report, "junit": junit_report}.get(args.format)
    data = render(run) if render else dump_lines(run.results, diff=args.diff).encode()
    if args.output is None:
        out.write(data.decode())
        out.flush()
        return True
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        print(f"kexplore replay: cannot write {args.output}: {exc.strerror}", file=err)
        return False
    return True


@dataclass
class _LiveView:
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
