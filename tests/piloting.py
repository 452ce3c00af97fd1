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
