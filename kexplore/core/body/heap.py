"""The C heap's habits for big bodies: big buffers in their own pages, free pages given back."""

from __future__ import annotations

import ctypes
from contextlib import suppress
from functools import cache

__all__ = ["map_big_buffers", "trim_heap"]

_M_MMAP_THRESHOLD = -3
_BIG_BUFFER = 256 * 1024


@cache
def _libc() -> ctypes.CDLL | None:
    with suppress(OSError):
        return ctypes.CDLL(None)
    return None


def map_big_buffers() -> None:
    """Give every buffer of 256 KB or more its own mapping, returned to the OS when freed.

    glibc raises its mapping threshold to the size of the first big buffer freed (up to 32 MB),
    so afterwards the megabyte pieces of a big body come from the shared heap, and memory freed
    there stays with the process: formatting a 20 MB body then peaked ~60 MB higher. Fixing the
    threshold keeps that peak to what is live. Elsewhere than glibc nothing happens.
    """
    libc = _libc()
    with suppress(AttributeError):
        if libc is not None:
            libc.mallopt(_M_MMAP_THRESHOLD, _BIG_BUFFER)


def trim_heap() -> None:
    """Hand the C heap's free pages back to the OS (glibc only; elsewhere nothing happens).

    Building the index frees tens of megabytes of temporaries on a 20 MB body that glibc
    would otherwise keep for as long as the body is shown.
    """
    libc = _libc()
    with suppress(AttributeError):
        if libc is not None:
            libc.malloc_trim(0)
