"""The index of a big body built on both cores: a forked child and this process share the work.

Matching the containers (~0.6 s on 20 MB) and finding the links (parse each group again, walk
it, place each link: ~1.4 s) are split so both processes finish together: the child matches
the containers and walks the last quarter of the groups; this process walks the first three
quarters and places each group's links as it goes (placing needs the text only, not the
containers), then the child's.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import orjson

from kexplore.core.body.brackets import Containers, match_containers
from kexplore.core.body.forked import in_child
from kexplore.core.body.lines import line_starts
from kexplore.core.body.link_store import LinkStore, PointerResolver, link_rows
from kexplore.core.body.pretty_slices import Group, SlicedPretty
from kexplore.core.browse.links import Link, extract_item_links, extract_links

__all__ = ["containers_in_child", "group_links", "index_sliced", "packed_containers"]

_HERE = 0.75
"""The share of the groups' bytes walked in this process (it also places every link)."""
_LENGTH = struct.Struct("<Q")


def packed_containers(blob: bytes) -> bytes:
    """The containers of a pretty blob, packed (none if its brackets do not pair up)."""
    return (match_containers(blob, line_starts(blob)[0]) or Containers.none()).pack()


def containers_in_child(blob: bytes) -> Callable[[], Containers]:
    """Match `blob`'s containers in a forked child; call the result to wait for them."""
    wait = in_child(partial(packed_containers, blob))
    return lambda: Containers.unpack(wait())


def index_sliced(
    sliced: SlicedPretty, complete: Callable[[], array], base_url: str, kustomer: bool = True
) -> tuple[array, Containers, LinkStore]:
    """Line starts, containers and links of a sliced body, on both cores.

    Args:
        sliced: The body as `pretty_in_slices` made it.
        complete: Finds every line start of its blob (see `Lines.complete`).
        base_url: What relative hrefs resolve against.
        kustomer: Whether Kustomer paths may be inferred from linkage (see `extract_links`).

    Returns:
        The line starts, the containers and the links.
    """
    blob, split = sliced.blob, _split(sliced.groups)
    child = in_child(partial(_child_part, sliced, split, base_url, kustomer))
    got: list[Containers] = []
    collected: list[bool] = []

    def wait() -> bytes:
        collected.append(True)  # before: a failure must not make the child collected twice
        return child()

    try:
        starts = complete()
        # Lazily: each of this process's groups is placed as soon as it is walked, while the
        # child works; the child's groups follow once it is done.
        rows = _rows_then_theirs(sliced, split, (base_url, kustomer), wait, got)
        links = LinkStore.build(rows, PointerResolver(blob, starts).locate)
    finally:
        if not collected:
            wait()  # an error on the way: still reap the child
    return starts, got[0], links


def _rows_then_theirs(
    sliced: SlicedPretty,
    split: int,
    base: tuple[str, bool],
    wait: Callable[[], bytes],
    got: list[Containers],
) -> Iterator[list[list[Any]]]:
    """This process's groups' rows, then (having waited for the child) the child's; the
    child's containers are put in `got`."""
    for group, children in sliced.children(0, split):
        yield link_rows(group_links(group, children, *base))
    data = wait()
    (size,) = _LENGTH.unpack_from(data)
    got.append(Containers.unpack(data[_LENGTH.size : _LENGTH.size + size]))
    theirs = data[_LENGTH.size + size :].split(b"\n") if len(data) > _LENGTH.size + size else []
    del data
    yield from map(orjson.loads, theirs)


def _split(groups: tuple[Group, ...]) -> int:
    """How many of the first groups hold `_HERE` of the groups' bytes."""
    total = sum(group.end - group.start for group in groups)
    seen = 0
    for n, group in enumerate(groups):
        seen += group.end - group.start
        if seen >= _HERE * total:
            return n + 1
    return len(groups)


def _child_part(sliced: SlicedPretty, split: int, base_url: str, kustomer: bool) -> bytes:
    """The child's share: the packed containers, then the rows of the groups from `split`."""
    containers = packed_containers(sliced.blob)
    rows = b"\n".join(
        _packed_rows(group, children, base_url, kustomer)
        for group, children in sliced.children(split)
    )
    return b"".join((_LENGTH.pack(len(containers)), containers, rows))


def _packed_rows(group: Group, children: Any, base_url: str, kustomer: bool) -> bytes:
    """A group's links as `link_rows` rows, packed (JSON holds no raw newline)."""
    return orjson.dumps(link_rows(group_links(group, children, base_url, kustomer)))


def group_links(group: Group, children: Any, base_url: str, kustomer: bool = True) -> list[Link]:
    """The links `extract_links` finds in a group of a sliced document's children."""
    path = group.path
    if not _looked_at(path) or (not path and group.array):
        return []
    if path in (("data",), ("included",)) and group.array:
        return extract_item_links(str(path[0]), children, group.first, base_url, kustomer=kustomer)
    # The group in a document of its own, at its place: items before it stand as nulls,
    # which extract_links passes over, so pointers and labels come out as in the whole.
    value = [None] * group.first + children if group.array else children
    for segment in reversed(path):
        value = [None] * segment + [value] if isinstance(segment, int) else {segment: value}
    return extract_links(value, base_url, kustomer=kustomer)


def _looked_at(path: tuple[str | int, ...]) -> bool:
    """Whether `extract_links` looks inside the value at `path` (the envelope only)."""
    if not path or path[0] == "links":
        return True
    if path[0] not in ("data", "included"):
        return False
    rest = path[1:]
    if rest and isinstance(rest[0], int):
        rest = rest[1:]
    return not rest or rest[0] in ("links", "relationships")
