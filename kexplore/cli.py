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

_NO_KEY_HELP = (
    "No API key: requests go without one. Set KUSTOMER_API_KEY (or the variable your "
    "profile names in key_env), or try kexplore with no account at all: kexplore --sandbox"
)


def _add_target_options(parser: argparse.ArgumentParser) -> None:
    """Options that choose which Kustomer (or sandbox) to talk to."""
    target = parser.add_argument_group("target")
    target.add_argument("--sandbox", action="store_true", help="run against the embedded sandbox")
    target.add_argument(
        "--role",
        choices=("admin", "read"),
        default="admin",
        help="the sandbox key to use with --sandbox: admin (all roles, default) or read",
    )
    target.add_argument("--base-url", help="API base URL, e.g. https://acme.api.kustomerapp.com")
    target.add_argument("--region", choices=("us", "eu", "in"), help="a regional host")
    target.add_argument("--org", help="an org name: https://ORG.api.kustomerapp.com")
    target.add_argument("--profile", help="a profile from config.toml")
    target.add_argument("--config", type=Path, help="config file (default: XDG config dir)")
    target.add_argument("--history", type=Path, help="history file (or KEXPLORE_HISTORY)")
    target.add_argument("--collection", type=Path, help="saved-requests file")
    target.add_argument(
        "--openapi", type=Path, metavar="FILE", help="build the tree from an OpenAPI 3 document"
    )


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
    replay = commands.add_parser(
        "replay",
        help="re-send saved requests and compare",
        description="Re-send history or collection entries, each where it was recorded and as "
        "whom (sandbox entries to a sandbox replay starts), and report what changed.",
        epilog="An entry whose credential cannot be used here is refused (exit 2) unless "
        "--credential gives a stand-in. The format: docs/HISTORY.md.",
    )
    replay.add_argument("file", type=Path, help="a history or collection TOML file")
    replay.add_argument("selectors", nargs="*", help="entry names or ids (default: all)")
    replay.add_argument("--all", action="store_true", help="replay every entry")
    replay.add_argument("--last", type=int, metavar="N", help="replay the newest N entries")
    replay.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if a status differs, a request fails, or (with --diff) a body differs",
    )
    replay.add_argument("--diff", action="store_true", help="compare bodies with the kept ones")
    replay.add_argument(
        "--ignore",
        action="append",
        metavar="FIELD",
        help="leave out of --diff: a name anywhere (updatedAt) or a path as y copies it, "
        "[] for every item (data[].attributes.updatedAt); repeatable",
    )
    replay.add_argument("--delay", type=int, default=0, metavar="MS", help="pause between requests")
    replay.add_argument("--format", choices=("text", "json", "junit"), default="text")
    replay.add_argument("--output", type=Path, help="write the json/junit report here")
    replay.add_argument("--no-progress", action="store_true", help="no progress bar")
    replay.add_argument(
        "--yes",
        action="store_true",
        help="allow writes to anything but the sandbox (replay never asks: without --yes "
        "such a selection is refused)",
    )
    replay.add_argument(
        "--retarget",
        action="store_true",
        help="send every entry to the target given by --sandbox, --base-url, --org, --region "
        "or --profile instead of where it was recorded (the report marks each)",
    )
    replay.add_argument(
        "--credential",
        metavar="REF",
        type=_credential_ref,
        help="for entries whose own credential cannot be used here (a typed Authorization "
        "header, an unset key): send them as env:NAME, role:admin, role:read or none",
    )
    _add_target_options(replay)


def _credential_ref(text: str) -> str:
    from kexplore.core.http.identity import CUSTOM_HEADER, is_credential_ref

    if not is_credential_ref(text) or text == CUSTOM_HEADER:
        raise argparse.ArgumentTypeError(f"{text!r} is not env:NAME, role:admin, role:read or none")
    return text


def _add_pages_parser(commands: Any) -> None:
    pages = commands.add_parser("pages", help="walk every page of a list; write JSONL or CSV")
    pages.add_argument("path", help="a list, e.g. /v1/customers?pageSize=100")
    pages.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    pages.add_argument("--output", type=Path, metavar="FILE", help="write here (default stdout)")
    pages.add_argument("--max-pages", type=int, metavar="N", help="stop after N pages")
    pages.add_argument("--max-items", type=int, metavar="N", help="stop after N items")
    pages.add_argument(
        "--reserve", type=float, default=10.0, metavar="PCT", help="rate limit left to others"
    )
    pages.add_argument("--resume", action="store_true", help="continue an interrupted walk")
    pages.add_argument("--body", metavar="JSON", help="a search body (the walk POSTs it)")
    _add_target_options(pages)


def _add_catalog_parser(commands: Any) -> None:
    from kexplore.catalog_command import add_catalog_parser

    add_catalog_parser(commands)


def _add_get_parser(commands: Any) -> None:
    from kexplore.get_command import add_get_arguments

    get = commands.add_parser("get", help="GET one path; print its body (or --jq's answer)")
    add_get_arguments(get)
    _add_target_options(get)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = argparse.ArgumentParser(
        prog="kexplore",
        description="Explore the Kustomer REST API from the terminal.",
        epilog="Start here with no account:  kexplore --sandbox",
    )
    parser.add_argument("--version", action="version", version=f"kexplore {__version__}")
    _add_target_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="{sandbox,replay,pages,catalog,get}")
    _add_sandbox_parser(commands)
    _add_replay_parser(commands)
    _add_pages_parser(commands)
    _add_catalog_parser(commands)
    _add_get_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run kexplore and return the process exit code."""
    args = build_parser().parse_args(argv)
    env = dict(os.environ if environ is None else environ)
    handlers: dict[str | None, Callable[[argparse.Namespace, dict[str, str]], int]] = {
        None: _run_tui,
        "sandbox": _run_sandbox,
        "replay": _run_replay,
        "pages": _run_pages,
        "catalog": _run_catalog,
        "get": _run_get,
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

    settings = load_settings(
        env,
        base_url=args.base_url,
        region=args.region,
        org=args.org,
        profile=args.profile,
        config_path=args.config,
        history_path=args.history,
        collection_path=args.collection,
    )
    return _with_openapi(settings, getattr(args, "openapi", None))


def _with_openapi(settings: Any, openapi: Path | None) -> Any:
    """The settings with --openapi FILE, which overrides the profile's `openapi`."""
    from dataclasses import replace

    if openapi is None:
        return settings
    return replace(settings, profile=replace(settings.profile, openapi=openapi.expanduser()))


def _sandbox_settings(args: argparse.Namespace, env: dict[str, str]) -> tuple[Any, socket.socket]:
    """Settings pointing at a sandbox, with the role's key, and the socket it will serve on:
    bound now (a free loopback port, held), served once the sandbox has started."""
    from dataclasses import replace

    from kexplore.core.settings.identities import SANDBOX_KEYS
    from kexplore.sandbox.listen import listening_socket

    settings = _load_settings(args, env)
    sock = listening_socket("127.0.0.1", 0)
    profile = replace(
        settings.profile,
        name="sandbox",
        base_url=f"http://127.0.0.1:{sock.getsockname()[1]}",
        confirm_writes=False,
        sandbox=True,
    )
    return replace(settings, profile=profile, api_key=SANDBOX_KEYS[args.role]), sock


def _start_sandbox(sock: socket.socket | None = None) -> Any:
    """Start the sandbox on `sock` (bound by the caller), or on a free loopback port."""
    from kexplore.sandbox.listen import listening_socket
    from kexplore.sandbox.server import SandboxConfig, start_sandbox

    sock = sock or listening_socket("127.0.0.1", 0)
    return start_sandbox(SandboxConfig(port=sock.getsockname()[1]), sock=sock)


def _settings_or_exit(args: argparse.Namespace, env: dict[str, str]) -> Any:
    """Settings from the options, or the exit code after saying what is wrong."""
    from kexplore.core.settings.settings import SettingsError

    try:
        return _load_settings(args, env)
    except SettingsError as error:
        return _fail(str(error))


def _run_tui(args: argparse.Namespace, env: dict[str, str]) -> int:
    from kexplore.core.settings.settings import SettingsError

    try:
        settings, sock = (
            _sandbox_settings(args, env) if args.sandbox else (_load_settings(args, env), None)
        )
    except SettingsError as error:
        return _fail(str(error))
    from kexplore.app import build_app

    launcher = (lambda: _start_sandbox(sock)) if sock is not None else None
    role = args.role if sock is not None else None
    notice = _NO_KEY_HELP if sock is None and settings.api_key is None else ""
    build_app(settings, sandbox_launcher=launcher, sandbox_role=role, notice=notice).run()
    return 0


def _run_replay(args: argparse.Namespace, env: dict[str, str]) -> int:
    settings = _settings_or_exit(args, env)
    if isinstance(settings, int):
        return settings
    from kexplore.replay.command import ReplayTarget, run_replay

    where = ReplayTarget(
        settings,
        environ=env,
        start_sandbox=_start_sandbox,
        sandbox_home=args.sandbox,
        sandbox_role=args.role,
    )
    return run_replay(args, where)


def _run_pages(args: argparse.Namespace, env: dict[str, str]) -> int:
    from kexplore.core.settings.settings import SettingsError

    try:
        settings, sock = (
            _sandbox_settings(args, env) if args.sandbox else (_load_settings(args, env), None)
        )
    except SettingsError as error:
        return _fail(str(error))
    if settings.api_key is None:
        return _fail(_NO_KEY_HELP)
    from kexplore.pages_command import run_pages

    sandbox = _start_sandbox(sock) if sock is not None else None
    try:
        return run_pages(args, settings)
    finally:
        if sandbox is not None:
            sandbox.stop()


def _run_catalog(args: argparse.Namespace, env: dict[str, str]) -> int:
    from kexplore.catalog_command import run_catalog

    return run_catalog(args, sys.stdout)


def _run_get(args: argparse.Namespace, env: dict[str, str]) -> int:
    from kexplore.core.settings.settings import SettingsError

    try:
        settings, sock = (
            _sandbox_settings(args, env) if args.sandbox else (_load_settings(args, env), None)
        )
    except SettingsError as error:
        return _fail(str(error))
    from kexplore.get_command import run_get

    sandbox = _start_sandbox(sock) if sock is not None else None
    try:
        return run_get(args, settings)
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
