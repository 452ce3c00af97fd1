"""LinkList: every link found in the response, one a row; Enter follows one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from kexplore.core.body.inert import one_line
from kexplore.core.browse.links import Link

__all__ = ["LinkList"]


class LinkList(DataTable[Text]):
    """The links of the response shown: rel, path and marks (inferred, other origin)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"link-list--marks"}

    DEFAULT_CSS = """
    LinkList {
        height: 1fr;
        & > .link-list--marks { color: $text-warning; text-style: italic; }
    }
    """

    @dataclass
    class Followed(Message):
        """The user picked a link to follow."""

        link: Link

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._links: list[Link] = []

    def on_mount(self) -> None:
        self.add_columns("rel", "path", "")

    def show_links(self, links: list[Link], total: int | None = None) -> None:
        """Replace the rows with `links` (the first of `total`, when there are more)."""
        self.clear()
        self._links = list(links)
        more = (total or 0) - len(self._links)
        marks = self.get_component_rich_style("link-list--marks")
        for index, link in enumerate(self._links):
            self.add_row(
                Text(one_line(link.rel, 40), "bold"),
                Text(one_line(link.path, 200)),
                Text(_marks(link), marks),
                key=str(index),
            )
        if more > 0:
            note = Text(f"… and {more:,} more: follow them from the body (enter)", "italic")
            self.add_row(Text(""), note, Text(""), key="more")

    @on(DataTable.RowSelected)
    def _follow(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value not in (None, "more"):
            self.post_message(self.Followed(self._links[int(event.row_key.value)]))


def _marks(link: Link) -> str:
    marks = []
    if link.inferred:
        marks.append("inferred")
    if not link.same_origin:
        marks.append("other origin")
    return ", ".join(marks)
