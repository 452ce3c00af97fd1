"""`kexplore replay FILE`: re-send saved requests headless and report what changed."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol, TextIO

import httpx

from kexplore.core.history.replay import DEFAULT_IGNORE, Replayer, ReplayOptions, ReplayResult
from kexplore.core.history.resend import Resend, ResendRefused, plan_resend, recorded_identity
from kexplore.core.history.store import HistoryEntry, HistoryError, HistoryStore
from kexplore.core.http.client import ApiClient
from kexplore.core.http.urls import origin_text
from kexplore.core.settings.identities import RunIdentity, run_identity
from kexplore.core.settings.settings import Settings
from kexplore.replay.live import LiveView
from kexplore.replay.report import (
    ReplayRun,
    dump_lines,
    format_summary,
    json_report,
    junit_report,
)
from kexplore.replay.selection import ReplayRefused, select_entries

__all__ = ["ReplayTarget", "plan_all", "run_replay"]


@dataclass(frozen=True)
class ReplayTarget:
    """Where this replay may send, given by the command line (the only reader of argv/env)."""

    settings: Settings
    """The profile typed paths and retargeted entries go to, and every profile's key."""
    environ: Mapping[str, str] = field(default_factory=dict, repr=False)
    """The environment, read only for `--credential env:NAME`."""
    start_sandbox: Callable[[], RunningSandbox] | None = None
    """Starts kexplore's sandbox on a free loopback port, for entries recorded against it."""
    sandbox_home: bool = False
    """`--sandbox`: the sandbox is the current target."""
    sandbox_role: str = "admin"
    """`--role`: the sandbox role the current target is used with."""


class RunningSandbox(Protocol):
    """What replay needs of a sandbox it started."""

    @property
    def base_url(self) -> str:
        """Its origin."""
        ...

    def stop(self) -> None:
        """Stop it."""
        ...


def run_replay(
    args: argparse.Namespace,
    where: ReplayTarget,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> int:
    """Replay the entries `args` selects from `args.file`, each where it went, as whom it went.

    Args:
        args: the parsed `kexplore replay` options (see cli.py).
        where: the targets and keys this run may use (never taken from the file).
        stdout: where lines and reports go (default sys.stdout).
        stderr: where the progress bar, warnings and refusals go (default sys.stderr).
        transport: an httpx transport for the client (tests).

    Returns:
        0 when done; 1 with --check when anything differed or failed; 2 when refused.
    """
    out, err = stdout or sys.stdout, stderr or sys.stderr
    sandbox: RunningSandbox | None = None
    try:
        store, entries = _load(args)
        sandbox = _sandbox_if_needed(entries, args, where)
        run = _run_identity(where, sandbox, args, entries)
        planned = plan_all(entries, run, args)
    except ReplayRefused as refusal:
        if sandbox is not None:
            sandbox.stop()
        print(f"kexplore replay: {refusal}", file=err)
        return 2
    try:
        return _send_all(args, store, planned, run, out, err, transport)
    finally:
        if sandbox is not None:
            sandbox.stop()


def _send_all(
    args: argparse.Namespace,
    store: HistoryStore,
    planned: list[tuple[HistoryEntry, Resend]],
    run: RunIdentity,
    out: TextIO,
    err: TextIO,
    transport: httpx.AsyncBaseTransport | None,
) -> int:
    for warning in store.warnings:
        print(f"kexplore replay: warning: {warning}", file=err)
    report_to_stdout = args.format != "text" and args.output is None
    view = LiveView(out, err, len(planned), args, quiet=report_to_stdout)
    started = time.monotonic()
    results = asyncio.run(_replay(planned, store, run, args, view, transport))
    home = run.targets.home.origin
    report = ReplayRun(str(args.file), home, tuple(results), time.monotonic() - started)
    print(format_summary(report), file=err if report_to_stdout else out)
    if not _write_report(report, args, out, err):
        return 2
    return 1 if args.check and any(r.outcome != "ok" for r in results) else 0


def _load(args: argparse.Namespace) -> tuple[HistoryStore, list[HistoryEntry]]:
    """The store and the entries selected, or ReplayRefused saying why not."""
    path = Path(args.file)
    if not path.is_file():
        raise ReplayRefused(f"{path}: {'is a directory' if path.is_dir() else 'no such file'}")
    if args.output is not None and not Path(args.output).parent.is_dir():
        raise ReplayRefused(f"{args.output}: its directory does not exist")
    if getattr(args, "retarget", False) and not _names_a_target(args):
        raise ReplayRefused(
            "--retarget needs the new target: --sandbox, --base-url, --org, --region or --profile"
        )
    store = HistoryStore(path)
    try:
        entries = store.load()
    except HistoryError as error:
        raise ReplayRefused(str(error)) from None
    selected = select_entries(
        entries, args.selectors, last=args.last, everything=args.all, file=str(path)
    )
    return store, selected


def _names_a_target(args: argparse.Namespace) -> bool:
    return any(
        getattr(args, name, None) for name in ("sandbox", "base_url", "org", "region", "profile")
    )


def _sandbox_if_needed(
    entries: Sequence[HistoryEntry], args: argparse.Namespace, where: ReplayTarget
) -> RunningSandbox | None:
    """Start the sandbox for `--sandbox`, or when an entry going where it went needs it."""
    wanted = where.sandbox_home or (
        not getattr(args, "retarget", False)
        and any(recorded_identity(entry).is_sandbox for entry in entries)
    )
    if not wanted or where.start_sandbox is None or where.settings.profile.sandbox:
        return None
    return where.start_sandbox()


def _run_identity(
    where: ReplayTarget,
    sandbox: RunningSandbox | None,
    args: argparse.Namespace,
    entries: Sequence[HistoryEntry],
) -> RunIdentity:
    origin = origin_text(sandbox.base_url) if sandbox is not None else None
    run = run_identity(
        where.settings,
        sandbox_origin=origin,
        sandbox_role=where.sandbox_role,
        sandbox_home=where.sandbox_home,
    )
    stand_in = getattr(args, "credential", None)
    if stand_in and stand_in.startswith("env:"):
        run = _with_stand_in(run, stand_in, where.environ, entries)
    return run


def _with_stand_in(
    run: RunIdentity, credential: str, environ: Mapping[str, str], entries: Sequence[HistoryEntry]
) -> RunIdentity:
    """`run` whose keyring holds `--credential env:NAME` for the targets of `entries`."""
    name = credential.removeprefix("env:")
    secret = (environ.get(name) or "").strip()
    if not secret:
        raise ReplayRefused(f"--credential {credential}: ${name} is not set")
    origins = {run.targets.base_for(recorded_identity(e).target) for e in entries}
    origins |= {run.targets.home.origin}
    usable = frozenset(o for o in origins if o)
    keyring = replace(run.keyring, stand_ins={credential: (usable, secret)})
    return replace(run, keyring=keyring)


def plan_all(
    entries: Sequence[HistoryEntry], run: RunIdentity, args: argparse.Namespace
) -> list[tuple[HistoryEntry, Resend]]:
    """Each entry with how it is sent again, or ReplayRefused naming every one that cannot go.

    Raises:
        ReplayRefused: for entries whose credential cannot be resolved or whose target is not
            running, and for writes to anything but the sandbox without --yes.
    """
    retarget = bool(getattr(args, "retarget", False))
    stand_in = getattr(args, "credential", None) or ""
    planned, refused = [], []
    for entry in entries:
        try:
            resend = plan_resend(
                entry, run.targets, run.keyring, retarget=retarget, stand_in=stand_in
            )
        except ResendRefused as refusal:
            refused.append(str(refusal))
            continue
        planned.append((entry, resend))
    if refused:
        hint = "" if stand_in else " (give one for this run with --credential env:NAME)"
        raise ReplayRefused("cannot send as recorded" + hint + ":\n  " + "\n  ".join(refused))
    _refuse_unconfirmed_writes(planned, run, confirmed=bool(getattr(args, "yes", False)))
    return planned


def _refuse_unconfirmed_writes(
    planned: Sequence[tuple[HistoryEntry, Resend]], run: RunIdentity, *, confirmed: bool
) -> None:
    """Headless replay cannot ask: writes to anything but the sandbox need --yes (or a profile
    whose `confirm_writes = false` owns their origin)."""
    writes = [
        f"{entry.label}: {resend.request.method} {resend.request.url}"
        for entry, resend in planned
        if run.targets.confirms_write(resend.request.method, resend.request.url)
    ]
    if writes and not confirmed:
        methods = ", ".join(sorted({w.split(": ", 1)[1].split(" ", 1)[0] for w in writes}))
        raise ReplayRefused(
            f"the selection has writes ({methods}) to a target that asks before writes (not "
            "the sandbox): pass --yes to send them, or select only reads:\n  " + "\n  ".join(writes)
        )


async def _replay(
    planned: Sequence[tuple[HistoryEntry, Resend]],
    store: HistoryStore,
    run: RunIdentity,
    args: argparse.Namespace,
    view: LiveView,
    transport: httpx.AsyncBaseTransport | None,
) -> list[ReplayResult]:
    """Send every entry, showing each result as it arrives."""
    user_ignores = tuple(args.ignore or ())
    options = ReplayOptions(
        diff=args.diff,
        ignore=DEFAULT_IGNORE | frozenset(user_ignores),
        reported_ignores=user_ignores,
        delay=max(0, args.delay) / 1000,
    )
    results: list[ReplayResult] = []
    home = run.targets.home
    async with ApiClient(
        home.origin, keyring=run.keyring, home_credential=home.credential, transport=transport
    ) as client:
        secrets = run.keyring.values()
        replayer = Replayer(client, options, body_for=store.body_for, secrets=secrets)
        view.start()
        async for result in replayer.run(planned):
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
