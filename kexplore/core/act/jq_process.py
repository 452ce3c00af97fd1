"""jq in a child process: libjq holds the GIL for the whole run, so the app must not host it."""

from __future__ import annotations

import asyncio
import contextlib
import sys

import orjson

from kexplore.core.act.jq_filter import JqError, JqResult, run_jq

__all__ = ["run_isolated"]


async def run_isolated(program: str, body: bytes) -> JqResult:
    """Run `program` over `body` in a child Python, leaving this process free to answer keys.

    Cancelling the awaiting task kills the child.

    Raises:
        JqError: the program does not compile, failed on the body, or the child died.
    """
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kexplore.core.act.jq_process",
        program,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await child.communicate(body)
    finally:
        if child.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                child.kill()
            await child.wait()
    head, _, payload = out.partition(b"\n")
    if child.returncode != 0 or not head:
        raise JqError(f"the jq process failed: {err.decode(errors='replace').strip()[-300:]}")
    meta = orjson.loads(head)
    if "error" in meta:
        raise JqError(meta["error"], meta.get("line"), meta.get("column"))
    return JqResult(payload, meta["outputs"], meta["count"])


def main() -> int:
    """The child: the program in argv, the body on stdin; a header line then the result."""
    program = sys.argv[1]
    text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    try:
        result = run_jq(program, text)
    except JqError as error:
        head = {"error": error.message, "line": error.line, "column": error.column}
        sys.stdout.buffer.write(orjson.dumps(head) + b"\n")
        return 0
    head = {"outputs": result.outputs, "count": result.count}
    sys.stdout.buffer.write(orjson.dumps(head) + b"\n" + result.body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
