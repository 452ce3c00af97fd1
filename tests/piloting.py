"""Driving the real app in pilot tests: wait until it has caught up with what was asked."""

from __future__ import annotations

from typing import Any


async def settle(app: Any, pilot: Any) -> None:
    """Wait until every I/O worker is done and the screen has caught up.

    Workers in the "confirm" group wait for the user (a modal), not for I/O, so they are not
    waited for; and an empty list is never passed, because it would mean every worker.
    """
    for _ in range(3):
        busy = [w for w in app.workers if w.group != "confirm"]
        if busy:
            await app.workers.wait_for_complete(busy)
        await pilot.pause()


def link_line(view: Any, pointer: str) -> int:
    """The line of the body view whose link was found at JSON pointer `pointer`."""
    document = view.document
    assert document is not None
    for line in range(document.line_count):
        link = document.link_at(line)
        if link is not None and link.pointer == pointer:
            return line
    raise AssertionError(f"no link at {pointer}")
