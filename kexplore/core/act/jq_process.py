"""jq in a child process: libjq holds the GIL for the whole run, so the app must not host it."""

from __future__ import annotations

import asyncio
import contextlib
import sys

import orjson

from kexplore.core.act.jq_filter import JqError, JqResult

__all__ = ["JqChild", "run_isolated"]


class JqChild:
    """One jq run in a child Python, which can be started before the program is known (when
    the filter input opens) so that its start-up is hidden while the user types."""

    def __init__(self) -> None:
        self._process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start the child now, if it is not started yet."""
        if self._process is None:
            self._process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "kexplore.core.act.jq_child",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )

    async def run(self, program: str, body: bytes) -> JqResult:
        """Run `program` over `body` in the child (started now if need be); it then exits.

        Cancelling the awaiting task kills the child.

        Raises:
            JqError: the program does not compile, failed on the body, or the child died.
        """
        await self.start()
        child, self._process = self._process, None
        assert child is not None
        try:
            out, err = await child.communicate(orjson.dumps(program) + b"\n" + body)
        finally:
            await _stop(child)
        head, _, payload = out.partition(b"\n")
        if child.returncode != 0 or not head:
            detail = err.decode(errors="replace").strip()[-300:]
            raise JqError(f"the jq process failed: {detail}")
        meta = orjson.loads(head)
        if "error" in meta:
            raise JqError(meta["error"], meta.get("line"), meta.get("column"))
        return JqResult(payload, meta["outputs"], meta["count"])

    async def close(self) -> None:
        """Stop a child started ahead of need that was not used."""
        child, self._process = self._process, None
        if child is not None:
            await _stop(child)


async def _stop(child: asyncio.subprocess.Process) -> None:
    if child.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            child.kill()
        await child.wait()


async def run_isolated(program: str, body: bytes) -> JqResult:
    """Run `program` over `body` in a child Python, leaving this process free to answer keys.

    Raises:
        JqError: the program does not compile, failed on the body, or the child died.
    """
    return await JqChild().run(program, body)
