"""Re-applying an edit on top of a record someone else changed meanwhile (after a 409)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kexplore.core.act.patch import carries_rev, changes

__all__ = ["ThreeWay", "reapply", "rebased"]

_MISSING = object()


@dataclass(frozen=True)
class ThreeWay:
    """An edit that met a newer record: your change, the server's record, where you started."""

    base: Mapping[str, Any]
    """The attributes you started from."""
    mine: Mapping[str, Any]
    """The attributes as you edited them."""
    theirs: Mapping[str, Any]
    """The attributes the server holds now."""
    rtype: str = ""
    """The record's type (whether `rev` is carried)."""

    def rows(self) -> list[tuple[str, Any, Any, Any]]:
        """Every attribute that differs anywhere: (name, started from, yours, server now).

        A value missing on one side is None.
        """
        names = dict.fromkeys([*self.base, *self.mine, *self.theirs])
        rows = []
        for name in names:
            values = [side.get(name, _MISSING) for side in (self.base, self.mine, self.theirs)]
            if values[0] != values[1] or values[0] != values[2]:
                rows.append((name, *(None if v is _MISSING else v for v in values)))
        return rows

    def conflicts(self) -> list[str]:
        """Attributes both you and the server changed, to different values (yours wins)."""
        mine = changes(self.base, self.mine)
        return [
            name
            for name, value in mine.items()
            if self.theirs.get(name) != self.base.get(name) and self.theirs.get(name) != value
        ]


def rebased(three: ThreeWay) -> dict[str, Any]:
    """The server's attributes with your changes applied (removals removed)."""
    mine = changes(three.base, three.mine)
    merged = {**three.theirs, **mine}
    return {name: value for name, value in merged.items() if not (name in mine and value is None)}


def reapply(three: ThreeWay) -> dict[str, Any]:
    """The update that puts your changes on top of the server's record, at its revision.

    Args:
        three: The three versions.

    Returns:
        The body to send: your changes that the server does not already hold, plus the
        server's `rev` when the type carries one; empty when nothing is left to change.
    """
    mine = changes(three.base, three.mine)
    body = {name: value for name, value in mine.items() if three.theirs.get(name) != value}
    rev = three.theirs.get("rev")
    if body and isinstance(rev, int) and carries_rev(three.rtype):
        body["rev"] = rev
    return body
