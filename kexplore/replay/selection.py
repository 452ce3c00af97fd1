"""Which entries of a file a replay sends, and ReplayRefused for a replay that cannot start."""

from __future__ import annotations

from collections.abc import Sequence

from kexplore.core.history.entry import HistoryEntry

__all__ = ["ReplayRefused", "select_entries"]


class ReplayRefused(Exception):
    """A replay that cannot start (exit status 2), with a one-line reason."""


def select_entries(
    entries: Sequence[HistoryEntry],
    selectors: Sequence[str] = (),
    *,
    last: int | None = None,
    everything: bool = False,
    file: str = "the file",
) -> list[HistoryEntry]:
    """The entries to replay: by name or id (or a unique id prefix), all, then the last N.

    Raises:
        ReplayRefused: for a selector that matches nothing, or ambiguously, or a bad --last.
    """
    if everything and selectors:
        raise ReplayRefused("give entry names or ids, or --all, not both")
    if last is not None and last < 1:
        raise ReplayRefused(f"--last needs a positive number, not {last}")
    chosen = list(entries)
    if selectors:
        chosen = [entry for selector in selectors for entry in _match(entries, selector, file)]
    return chosen[-last:] if last is not None else chosen


def _match(entries: Sequence[HistoryEntry], selector: str, file: str) -> list[HistoryEntry]:
    """Entries named `selector`, else the one with that id, else the one whose id starts so."""
    named = [entry for entry in entries if entry.name == selector]
    if named:
        return named
    exact = [entry for entry in entries if entry.id == selector]
    if exact:
        return exact[:1]
    prefixed = [entry for entry in entries if entry.id.startswith(selector)]
    if len(prefixed) > 1:
        raise ReplayRefused(f"{selector!r} matches {len(prefixed)} entries in {file}")
    if not prefixed:
        raise ReplayRefused(f"{selector!r} is not an entry name or id in {file}")
    return prefixed
