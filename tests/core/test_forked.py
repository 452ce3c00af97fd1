"""in_child: a computation in a forked child, and the fallback when the child fails."""

from __future__ import annotations

import os

from kexplore.core.body.forked import in_child


def test_the_child_computes_and_hands_the_bytes_over() -> None:
    parent = os.getpid()
    wait = in_child(lambda: str(os.getpid()).encode() * 100_000)  # more than a pipe holds
    data = wait()
    assert len(data) > 100_000
    assert int(data[: len(data) // 100_000]) != parent


def test_a_failing_child_means_the_work_is_done_here() -> None:
    parent = os.getpid()

    def work() -> bytes:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return b"done here"

    assert in_child(work)() == b"done here"


def test_empty_bytes_come_back_empty() -> None:
    assert in_child(bytes)() == b""
