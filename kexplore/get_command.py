"""`kexplore get PATH [--jq PROGRAM]`: one GET, its body (or jq's answer) on stdout."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import BinaryIO, TextIO

import httpx
import orjson

from kexplore.core.act.jq_filter import JqError, as_program, check_program, jq_values
from kexplore.core.http.api_error import ApiError
from kexplore.core.http.client import ApiClient
from kexplore.core.http.identity import Identity
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse
from kexplore.core.settings.identities import RunIdentity, run_identity
from kexplore.core.settings.settings import Settings

__all__ = ["add_get_arguments", "run_get"]


def add_get_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `kexplore get` (the target options are added by cli.py)."""
    parser.add_argument("path", help="a path (/v1/customers?pageSize=5) or an absolute URL")
    parser.add_argument("--jq", metavar="PROGRAM", help="print what this jq program makes of it")
    parser.add_argument(
        "-r", "--raw-output", action="store_true", help="with --jq: strings without quotes"
    )


def run_get(
    args: argparse.Namespace,
    settings: Settings,
    *,
    stdout: BinaryIO | None = None,
    stderr: TextIO | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> int:
    """GET `args.path` as the app would (target, identity, history) and print the body.

    Args:
        args: The parsed `kexplore get` options.
        settings: Where to send, and the key (never written anywhere).
        stdout: Where the body goes (default: sys.stdout's bytes).
        stderr: Where the status and problems go (default: sys.stderr).
        transport: An httpx transport for the client (tests).

    Returns:
        0 for a 2xx answer, 1 for any other status, 2 when nothing usable came back
        (a failed request, a jq program that does not compile or fails).
    """
    out, err = stdout or sys.stdout.buffer, stderr or sys.stderr
    try:
        program = as_program(args.jq) if args.jq else None
        if program is not None:
            check_program(program)  # before anything is sent
        response = asyncio.run(_fetch(args.path, settings, err, transport))
        if response is None:
            return 2
        _write(out, response, program, args.raw_output)
    except JqError as error:
        print(f"kexplore get: jq: {error.describe()}", file=err)
        return 2
    except BrokenPipeError:  # `kexplore get ... | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if not 200 <= response.status < 300:
        print(f"kexplore get: {response.status} {response.reason}", file=err)
        return 1
    return 0


async def _fetch(
    path: str, settings: Settings, err: TextIO, transport: httpx.AsyncBaseTransport | None
) -> ApiResponse | None:
    run = run_identity(settings)  # the same identity rules as the app, pages and replay
    client = ApiClient(
        settings.profile.base_url,
        keyring=run.keyring,
        home_credential=run.targets.home.credential,
        transport=transport,
    )
    url = client.resolve(path)
    identity = run.targets.identity_for(url, custom_auth=False)
    request = ApiRequest("GET", url, credential=identity.credential)
    try:
        response: ApiResponse | None = await client.send(request)
        failure = None
    except ApiError as error:
        response, failure = None, error
        print(f"kexplore get: {error.message}", file=err)
    finally:
        await client.aclose()
    await asyncio.to_thread(_remember, settings, run, request, identity, response, failure, err)
    return response


def _remember(
    settings: Settings,
    run: RunIdentity,
    request: ApiRequest,
    identity: Identity,
    response: ApiResponse | None,
    failure: ApiError | None,
    err: TextIO,
) -> None:
    """Append to the history as the app does; a broken history file is left alone."""
    from kexplore.core.history.store import HistoryError, HistoryStore

    store = HistoryStore(settings.history_path, secrets=run.keyring.values())
    try:
        store.load()
        store.append(
            request,
            response,
            url=request.url,
            profile=settings.profile.name,
            error=failure,
            identity=identity,
        )
    except (HistoryError, OSError) as error:
        print(f"kexplore get: not recorded in the history: {error}", file=err)


def _write(out: BinaryIO, response: ApiResponse, program: str | None, raw: bool) -> None:
    if program is None:
        out.write(response.body)
        if response.body and not response.body.endswith(b"\n"):
            out.write(b"\n")
    else:
        for value in jq_values(program, response.text()):
            text = value.encode() if raw and isinstance(value, str) else orjson.dumps(value)
            out.write(text + b"\n")
    out.flush()
