"""Run a pure computation in a forked child, on the other core, and collect its bytes later."""

from __future__ import annotations

import os
import signal
import struct
from collections.abc import Callable

__all__ = ["in_child"]

_LENGTH = struct.Struct("<Q")


def in_child(work: Callable[[], bytes]) -> Callable[[], bytes]:
    """Start `work` in a forked child process; return a function that waits for its result.

    The child shares the parent's memory copy-on-write (a big body is not copied), computes,
    writes the bytes to a pipe and exits at once (`os._exit`: no cleanup, no flush of the
    parent's buffers). Its temporary objects never count in the parent's memory. `work` must
    only compute: no I/O, no locks, no imports (another thread may hold them at the fork).
    Where there is no `fork`, or the child fails, the waiting function runs `work` here.

    Args:
        work: The computation; it must return bytes.

    Returns:
        A function returning `work()`'s bytes; call it exactly once.
    """
    if not hasattr(os, "fork"):
        return work
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return work
    if pid == 0:  # the child: compute, hand the bytes over, leave
        os.close(read)
        _child(work, write)
    os.close(write)
    return lambda: _collect(read, pid, work)


def _child(work: Callable[[], bytes], write: int) -> None:
    code = 1
    try:
        # A terminal resize or ^Z is the parent's business (Textual's handlers would run here).
        signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals() - {signal.SIGTERM})
        data = work()
        with os.fdopen(write, "wb") as pipe:
            pipe.write(_LENGTH.pack(len(data)))
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def _collect(read: int, pid: int, work: Callable[[], bytes]) -> bytes:
    """The child's bytes; `work()` run here if the child did not deliver them whole."""
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status == 0 and len(data) >= _LENGTH.size:
        (size,) = _LENGTH.unpack_from(data)
        if len(data) == _LENGTH.size + size:
            return data[_LENGTH.size :]
    return work()
