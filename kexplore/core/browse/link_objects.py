"""Found and link_members: the hrefs of a JSON:API links object, strings or 1.1 link objects."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

__all__ = ["Found", "Rel", "escape", "link", "link_members"]

Rel = Callable[[str], str]
"""Names a link from its member name in a links object (`self`, `next`, `related`)."""


class Found(NamedTuple):
    """A reference found in a document, before resolution (a tuple: made by the thousand)."""

    rel: str
    """What the link is (see `Link.rel`)."""
    href: str
    """The reference as written."""
    pointer: str
    """The JSON pointer of the href."""
    inferred: bool = False
    """Whether the href was built from a type and id rather than found."""
    via: str = ""
    """The pointer of the resource's `links.self` a linkage led to (see `Link.via`)."""


def escape(key: object) -> str:
    """`key` as one JSON pointer token (`~` and `/` escaped)."""
    return str(key).replace("~", "~0").replace("/", "~1")


def link_members(links: Any, pointer: str, rel: Rel) -> Iterator[Found]:
    """The links of a links object: strings and 1.1 link objects (`href`, and the
    `describedby` inside one); nulls, arrays and other values skipped.

    Args:
        links: The links object (a bare string counts as its `self`).
        pointer: Its JSON pointer.
        rel: Names each member's link.

    Yields:
        Each link, in document order.
    """
    if isinstance(links, str):
        if links:
            yield Found(rel("self"), links, pointer)
        return
    if not isinstance(links, dict):
        return
    for member, value in links.items():
        yield from link(value, f"{pointer}/{escape(member)}", rel(str(member)))


def link(value: Any, pointer: str, rel: str, *, outer: bool = True) -> Iterator[Found]:
    """One link: a string, or a link object with its `href` and `describedby`.

    Args:
        value: The member's value.
        pointer: Its JSON pointer.
        rel: The link's name.
        outer: False for a `describedby` itself, whose own `describedby` is not followed (a
            chain of them is not navigation, and could nest without end).

    Yields:
        The link (none for null or an empty href), then its `describedby`, if any.
    """
    if isinstance(value, str):
        if value.strip():
            yield Found(rel, value, pointer)
        return
    if not isinstance(value, dict):
        return
    href = value.get("href")
    if isinstance(href, str) and href.strip():
        yield Found(rel, href, f"{pointer}/href")
    described = value.get("describedby")
    if outer and described is not None:
        yield from link(described, f"{pointer}/describedby", f"{rel} (describedby)", outer=False)
