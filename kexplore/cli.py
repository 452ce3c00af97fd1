"""Command line: the TUI, `kexplore sandbox` and `kexplore replay`; the only reader of argv/env."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kexplore import __version__

__all__ = ["build_parser", "main"]

SANDBOX_KEY = "sandbox-admin-key"
"""The sandbox's all-roles key, used by `--sandbox` (it is public and documented)."""

_NO_KEY_HELP = (
    "No API key: set KUSTOMER_API_KEY (or the variable your profile names in key_env),\n"
    "or try kexplore with no account at all:  kexplore --sandbox"
)


def _add_target_options(parser: argparse.ArgumentParser) -> None:
    """Options that choose which Kustomer (or sandbox) to talk to."""
    target = parser.add_argument_group("target")
    target.add_argument("--sandbox", action="store_true", help="run against the embedded sandbox")
    target.add_argument("--base-url", help="API base URL, e.g. https://acme.api.kustomerapp.com")
    target.add_argument("--region", choices=("us", "eu", "in"), help="a regional host")
    target.add_argument("--org", help="an org name: https://ORG.api.kustomerapp.com")
    target.add_argument("--profile", help="a profile from config.toml")
    target.add_argument("--config", type=Path, help="config file (default: XDG config dir)")
    target.add_argument("--history", type=Path, help="history file (or KEXPLORE_HISTORY)")
    target.add_argument("--collection", type=Path, help="saved-requests file")


def _add_sandbox_parser(commands: Any) -> None:
    sandbox = commands.add_parser("sandbox", help="serve the offline Kustomer-compatible sandbox")
    sandbox.add_argument("--host", default=None, help="bind address (default 127.0.0.1)")
    sandbox.add_argument("--port", type=int, default=8787)
    sandbox.add_argument("--db", default=":memory:", help="SQLite file to keep data in")
    sandbox.add_argument("--seed", type=int, default=42)
    sandbox.add_argument("--customers", type=int, default=250)
    sandbox.add_argument("--rate-limit", type=int, default=1000, help="requests per minute")
    sandbox.add_argument("--faults", default=None, help="fault spec (docs/RELIABILITY.md)")


def _add_replay_parser(commands: Any) -> None:
    replay = commands.add_parser("replay", help="re-send saved requests and compare")
    replay.add_argument("file", type=Path, help="a history or collection TOML file")
    replay.add_argument("selectors", nargs="*", help="entry names or ids (default: all)")
    replay.add_argument("--all", action="store_true", help="replay every entry")
    replay.add_argument("--last", type=int, metavar="N", help="replay the newest N entries")
    replay.add_argument("--check", action="store_true", help="exit 1 if a status differs")
    replay.add_argument("--diff", action="store_true", help="compare bodies with the kept ones")
    replay.add_argument("--ignore", action="append", metavar="FIELD", help="volatile field")
    replay.add_argument("--delay", type=int, default=0, metavar="MS", help="pause between")
    replay.add_argument("--format", choices=("text", "json", "junit"), default="text")
    replay.add_argument("--output", type=Path, help="write the json/junit report here")
    replay.add_argument("--no-progress", action="store_true", help="no progress bar")
    replay.add_argument("--yes", action="store_true", help="send writes without asking")
    _add_target_options(replay)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = argparse.ArgumentParser(
        prog="kexplore",
        description="Explore the Kustomer REST API from the terminal.",
        epilog="Start here with no account:  kexplore --sandbox",
    )
    parser.add_argument("--version", action="version", version=f"kexplore {__version__}")
    _add_target_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="{sandbox,replay}")
    _add_sandbox_parser(commands)
    _add_replay_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run kexplore and return the process exit code."""
    args = build_parser().parse_args(argv)
    env = dict(os.environ if environ is None else environ)
    handlers: dict[str | None, Callable[[argparse.Namespace, dict[str, str]], int]] = {
        None: _run_tui,
        "sandbox": _run_sandbox,
        "replay": _run_replay,
    }
    try:
        return handlers[args.command](args, env)
    except KeyboardInterrupt:
        return 130


def _fail(message: str, code: int = 2) -> int:
    print(f"kexplore: {message}", file=sys.stderr)
    return code


def _load_settings(args: argparse.Namespace, env: dict[str, str]) -> Any:
    """Settings from the options and environment; raises SettingsError."""
    from kexplore.core.settings.settings import load_settings

    return load_settings(
        env,
        base_url=args.base_url,
        region=args.region,
        org=args.org,
        profile=args.profile,
        config_path=args.config,
        history_path=args.history,
        collection_path=args.collection,
    )


def _sandbox_settings(args: argparse.Namespace, env: dict[str, str]) -> tuple[Any, socket.socket]:
    """Settings pointing at a sandbox, with the sandbox key, and the socket it will serve on:
    bound now (a free loopback port, held), served once the sandbox has started."""
    from dataclasses import replace

    from kexplore.sandbox.listen import listening_socket

    settings = _load_settings(args, {**env, "KUSTOMER_API_KEY": SANDBOX_KEY})
    sock = listening_socket("127.0.0.1", 0)
    profile = replace(
        settings.profile,
        name="sandbox",
        base_url=f"http://127.0.0.1:{sock.getsockname()[1]}",
        confirm_writes=False,
        sandbox=True,
    )
    return replace(settings, profile=profile, api_key=SANDBOX_KEY), sock


def _start_sandbox(sock: socket.socket) -> Any:
    from kexplore.sandbox.server import SandboxConfig, start_sandbox

    return start_sandbox(SandboxConfig(port=sock.getsockname()[1]), sock=sock)


def _resolve(args: argparse.Namespace, env: dict[str, str]) -> tuple[Any, socket.socket | None]:
    """Settings for the TUI or replay, and the sandbox's socket when --sandbox is set."""
    if args.sandbox:
        return _sandbox_settings(args, env)
    return _load_settings(args, env), None


def _target(
    args: argparse.Namespace, env: dict[str, str]
) -> tuple[Any, socket.socket | None] | int:
    """Settings and the sandbox's socket, or the exit code after saying what is wrong."""
    from kexplore.core.settings.settings import SettingsError

    try:
        settings, sock = _resolve(args, env)
    except SettingsError as error:
        return _fail(str(error))
    if settings.api_key is None:
        return _fail(_NO_KEY_HELP)
    return settings, sock


def _run_tui(args: argparse.Namespace, env: dict[str, str]) -> int:
    target = _target(args, env)
    if isinstance(target, int):
        return target
    settings, sock = target
    from kexplore.app import build_app

    launcher = (lambda: _start_sandbox(sock)) if sock is not None else None
    build_app(settings, sandbox_launcher=launcher).run()
    return 0


def _run_replay(args: argparse.Namespace, env: dict[str, str]) -> int:
    target = _target(args, env)
    if isinstance(target, int):
        return target
    settings, sock = target
    from kexplore.replay.command import run_replay

    sandbox = _start_sandbox(sock) if sock is not None else None
    try:
        return run_replay(args, settings)
    finally:
        if sandbox is not None:
            sandbox.stop()


def _run_sandbox(args: argparse.Namespace, env: dict[str, str]) -> int:
    from kexplore.sandbox.server import SandboxConfig, serve

    config = SandboxConfig(
        host=args.host or "127.0.0.1",
        port=args.port,
        db=args.db,
        seed=args.seed,
        customers=args.customers,
        rate_limit=args.rate_limit,
        faults=args.faults,
        allow_remote=args.host is not None,
    )
    try:
        serve(config)
    except (ValueError, OSError) as error:
        return _fail(str(error))
    return 0
