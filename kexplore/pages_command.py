"""`kexplore pages PATH`: walk a whole list headless and write it as JSONL or CSV."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import httpx
import orjson

from kexplore.core.history.redaction import Redactor
from kexplore.core.http.client import ApiClient
from kexplore.core.http.ratelimit import RateLimit
from kexplore.core.http.request import ApiRequest, RequestError
from kexplore.core.pages.csv_rows import CsvRows
from kexplore.core.pages.cursor import Cursor, start_cursor
from kexplore.core.pages.export import ExportFormat, atomic_file, jsonl_lines
from kexplore.core.pages.progress import WalkProgress
from kexplore.core.pages.resume import ResumeError, Spool
from kexplore.core.pages.walk import PageWalker, Pause, WalkedPage, WalkOptions, WalkStopped
from kexplore.core.settings.identities import run_identity
from kexplore.core.settings.settings import Settings

__all__ = ["PagesPlan", "PagesRefused", "plan_pages", "run_pages"]

_BAR_WIDTH = 24
_PLAIN_EVERY = 1.0
"""Seconds between progress lines when stderr is not a terminal."""


class PagesRefused(Exception):
    """A walk that cannot start (exit status 2), with a one-line reason."""


@dataclass(frozen=True)
class PagesPlan:
    """A checked `kexplore pages` command line."""

    request: ApiRequest
    """The first page's request."""
    fmt: ExportFormat
    """jsonl or csv."""
    output: Path | None
    """The file to write; None for stdout."""
    options: WalkOptions
    """Caps and reserve."""
    resume: bool
    """Continue the interrupted walk to `output`, if there is one."""


def plan_pages(args: argparse.Namespace) -> PagesPlan:
    """The walk the options describe.

    Raises:
        PagesRefused: for an option out of range, a bad path or body, or --resume on stdout.
    """
    for name in ("max_pages", "max_items"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise PagesRefused(f"--{name.replace('_', '-')} needs a positive number, not {value}")
    if not 0 <= args.reserve < 100:
        raise PagesRefused(f"--reserve is a percentage from 0 to 99, not {args.reserve:g}")
    output = Path(args.output) if args.output else None
    if args.resume and output is None:
        raise PagesRefused("--resume needs --output FILE (a walk to stdout cannot resume)")
    if output is not None and not output.parent.is_dir():
        raise PagesRefused(f"{output}: its directory does not exist")
    method = "POST" if args.body else "GET"
    request = ApiRequest(method, args.path, body=args.body or "")
    try:
        request.validate()
    except RequestError as error:
        raise PagesRefused(error.message) from None
    options = WalkOptions(args.max_pages, args.max_items, args.reserve)
    return PagesPlan(request, args.format, output, options, args.resume)


def run_pages(
    args: argparse.Namespace,
    settings: Settings,
    *,
    stdout: BinaryIO | None = None,
    stderr: TextIO | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
) -> int:
    """Walk the list `args.path` names and write its items.

    Args:
        args: The parsed `kexplore pages` options (see cli.py).
        settings: Where to send, and the key (never written anywhere).
        stdout: Where the data goes without --output (default: sys.stdout's bytes).
        stderr: Where progress and messages go (default sys.stderr).
        transport: An httpx transport for the client (tests).
        sleep: Waits a number of seconds (tests).

    Returns:
        0 when the list was walked to its end, 1 when the walk stopped, 2 when refused.
    """
    err = stderr or sys.stderr
    try:
        plan = plan_pages(args)
    except PagesRefused as refusal:
        print(f"kexplore pages: {refusal}", file=err)
        return 2
    out = stdout or sys.stdout.buffer
    try:
        return asyncio.run(_walk(plan, settings, out, err, transport, sleep))
    except BrokenPipeError:  # `kexplore pages ... | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


async def _walk(
    plan: PagesPlan,
    settings: Settings,
    out: BinaryIO,
    err: TextIO,
    transport: httpx.AsyncBaseTransport | None,
    sleep: Callable[[float], Awaitable[Any]],
) -> int:
    run = run_identity(settings)  # the same identity rules as the app and replay
    redactor = Redactor.of(run.keyring.values())
    client = ApiClient(
        settings.profile.base_url,
        keyring=run.keyring,
        home_credential=run.targets.home.credential,
        transport=transport,
    )
    sink = _Sink(plan, client.base_url, redactor, out)
    try:
        cursor, seen = sink.open(err)
        walker = PageWalker(client, plan.options, seen=seen, sleep=sleep)
        return await _walk_from(cursor, walker, sink, err)
    except ResumeError as error:
        print(f"kexplore pages: {error}", file=err)
        return 2
    finally:
        sink.close()
        await client.aclose()


async def _walk_from(cursor: Cursor, walker: PageWalker, sink: _Sink, err: TextIO) -> int:
    """Walk, keep every page, finish the export: 0 at the end of the list, 1 on a stop."""
    view = _Progress(err, cursor, time.monotonic())
    walker.on_pause = view.pause
    try:
        async for page in walker.walk(cursor):
            sink.page(page)
            view.page(page.cursor, walker.rate)
    except WalkStopped as stop:
        view.done()
        print(sink.stopped(stop), file=err)
        return 1
    view.done()
    print(sink.finish(view.cursor), file=err)
    return 0


class _Sink:
    """Where the items go: a spool beside --output (resumable), or stdout; for CSV, rows are
    also flattened as pages arrive (`CsvRows`), so finishing is a copy."""

    def __init__(self, plan: PagesPlan, base_url: str, redactor: Redactor, out: BinaryIO) -> None:
        self.plan = plan
        self.out = out
        self.redactor = redactor
        output = plan.output
        self.spool = Spool(output, base_url, redactor) if output is not None else None
        self.rows = CsvRows(redactor) if plan.fmt == "csv" else None
        self._base = base_url

    def open(self, err: TextIO) -> tuple[Cursor, list[str]]:
        """The cursor to walk from and the ids already walked (a resumed walk's).

        Raises:
            ResumeError: when the resume file is unusable or belongs to another walk.
        """
        spool, start = self.spool, self.plan.request
        if spool is None:
            return start_cursor(start), []
        if spool.exists() and self.plan.resume:
            state = spool.load()
            if state.start != self.redactor.url(start.url):
                raise ResumeError(f"{spool.state_path} is a walk of {state.start}, not {start.url}")
            message = f"resuming after page {state.pages} ({state.items:,} items)"
            print(f"kexplore pages: {message}", file=err)
            if self.rows is not None:
                self.rows.add(orjson.loads(line) for line in spool.lines())
            return state.cursor(self._base), list(spool.seen_ids())
        if spool.exists():
            print(f"kexplore pages: starting over (--resume would continue {spool.part})", file=err)
        spool.start()
        return start_cursor(start), []

    def page(self, page: WalkedPage) -> None:
        """Keep one page's items."""
        if self.rows is not None:
            self.rows.add(page.items)
        if self.spool is not None:
            self.spool.append(
                jsonl_lines(page.items, self.redactor), self.plan.request.url, page.cursor
            )
        elif self.rows is None:
            self.out.write(jsonl_lines(page.items, self.redactor))
            self.out.flush()

    def finish(self, cursor: Cursor) -> str:
        """Write the export; the summary line."""
        output = self.plan.output
        if self.spool is not None and output is not None:
            if self.rows is not None:
                with atomic_file(output) as file:
                    self.rows.write_to(file)
            else:
                os.replace(self.spool.part, output)
            self.spool.finish()
        else:
            self._csv_to_stdout()
        where = output or "stdout"
        return f"kexplore pages: {cursor.items:,} items in {cursor.pages:,} pages -> {where}"

    def _csv_to_stdout(self) -> None:
        if self.rows is not None:
            self.rows.write_to(self.out)
            self.out.flush()

    def stopped(self, stop: WalkStopped) -> str:
        """What to tell the user when the walk stopped (CSV on stdout gets what was walked)."""
        cursor = stop.cursor
        request = cursor.request
        lines = [
            f"kexplore pages: stopped after page {cursor.pages:,} "
            f"({cursor.items:,} items): {stop.reason}"
        ]
        if request is not None:
            lines.append(f"  next page: {request.method} {self.redactor.url(request.url)}")
        if self.spool is not None:
            lines.append(
                f"  the items so far are in {self.spool.part}; "
                "run the same command with --resume to continue"
            )
        else:
            self._csv_to_stdout()
        return "\n".join(lines)

    def close(self) -> None:
        """Let the CSV scratch file go."""
        if self.rows is not None:
            self.rows.close()


class _Progress:
    """A bar on a terminal, a plain line a second otherwise; waits are always said."""

    def __init__(self, err: TextIO, cursor: Cursor, started: float) -> None:
        self.err = err
        self.cursor = cursor
        self.tty = err.isatty()
        self._started = started
        self._from_items = cursor.items
        self._last_line = -_PLAIN_EVERY
        self._drawn = False

    def page(self, cursor: Cursor, rate: RateLimit | None) -> None:
        """Show the walk after one more page."""
        self.cursor = cursor
        now = time.monotonic()
        if not self.tty and now - self._last_line < _PLAIN_EVERY and not cursor.done:
            return
        self._last_line = now
        text = self._progress(now).describe()
        if rate is not None and rate.remaining is not None:
            text += f" · budget {rate.describe(time.time())}"
        self._write(text)

    def pause(self, pause: Pause) -> None:
        """Say that the walk waits, and why."""
        self.done()
        print(f"kexplore pages: waiting {pause.seconds:.1f}s: {pause.reason}", file=self.err)

    def done(self) -> None:
        """End the bar's line."""
        if self._drawn:
            self.err.write("\n")
            self._drawn = False

    def _progress(self, now: float) -> WalkProgress:
        cursor = self.cursor
        return WalkProgress(
            cursor.pages,
            cursor.items,
            cursor.total,
            now - self._started,
            cursor.items - self._from_items,
        )

    def _write(self, text: str) -> None:
        if not self.tty:
            print(f"kexplore pages: {text}", file=self.err, flush=True)
            return
        fraction = self._progress(time.monotonic()).fraction
        if fraction is not None:
            filled = round(_BAR_WIDTH * fraction)
            text = f"[{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {text}"
        self.err.write(f"\r\x1b[2K{text}")
        self.err.flush()
        self._drawn = True
