"""PreparedBody: a JSON body as the viewer formatted and indexed it, kept to show it again."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from kexplore.core.body.pretty import PrettyJson

__all__ = ["PreparedBody"]


@dataclass(frozen=True)
class PreparedBody:
    """A JSON body formatted and indexed by the view, to show again without redoing either."""

    pretty: PrettyJson
    """The pretty-printed lines, indexed."""
    fold_all: tuple[array, array, array]
    """What fold-all folds, computed with the index (see `Reader.fold_all_lines`)."""

    @property
    def nbytes(self) -> int:
        """An estimate of the memory held: the text plus a few integers a line."""
        return len(self.pretty.blob) + 24 * self.pretty.line_count
