"""ResourceTree: the Kustomer catalogue, growing with live records as the user expands it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, Tree
from textual.widgets._tree import TOGGLE_STYLE
from textual.widgets.tree import TreeNode

from kexplore.core.body.inert import one_line
from kexplore.core.browse.catalog import CATALOG, Endpoint, ResourceGroup
from kexplore.core.browse.documents import Entry, relationship_entries

__all__ = ["CatalogTree", "ResourceTree"]


@dataclass(frozen=True)
class _Group:
    group: ResourceGroup


@dataclass(frozen=True)
class _EndpointNode:
    endpoint: Endpoint
    url: str | None
    """Set when the endpoint is a list with no placeholders: it can be expanded live."""


@dataclass(frozen=True)
class _EntryNode:
    entry: Entry


@dataclass(frozen=True)
class _MoreNode:
    url: str


NodeData = _Group | _EndpointNode | _EntryNode | _MoreNode

_METHOD_WIDTH = 7
"""Cells for the method column of an endpoint label (`DELETE` and a space)."""


class CatalogTree(Tree[NodeData]):
    """The tree itself: labels cut from the left so a path keeps its distinguishing end.

    | Key | Action |
    |---|---|
    | enter | choose: fill the builder (endpoint) or open (record, list) |
    | space | expand or collapse (loads records, relationships, more…) |
    | right | expand (loads records, relationships, more…) |
    | left | collapse, or go to the parent |
    """

    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            "Open",
            tooltip="fill the builder (endpoint) or open it (record, list)",
            id="tree.choose",
        ),
        Binding(
            "space",
            "expand(True)",
            "Expand",
            tooltip="expand or collapse: load records, relationships, more…",
            id="tree.toggle",
        ),
        Binding("right", "expand(False)", "expand", show=False, id="tree.expand"),
        Binding(
            "left", "collapse", "collapse, or go to the parent", show=False, id="tree.collapse"
        ),
    ]

    COMPONENT_CLASSES = {
        "catalog-tree--get",
        "catalog-tree--post",
        "catalog-tree--put",
        "catalog-tree--patch",
        "catalog-tree--delete",
        "catalog-tree--problem",
    }

    DEFAULT_CSS = """
    CatalogTree {
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .catalog-tree--get { color: $text-success; }
        & > .catalog-tree--post { color: $text-warning; }
        & > .catalog-tree--put { color: $text-primary; }
        & > .catalog-tree--patch { color: $text-accent; }
        & > .catalog-tree--delete { color: $text-error; }
        & > .catalog-tree--problem { color: $text-error; }
    }
    """

    def action_expand(self, toggle: bool) -> None:
        """Expand the node (load `more…`); `toggle`: collapse it when it is open."""
        node = self.cursor_node
        if node is None:
            return
        if isinstance(node.data, _MoreNode):
            self.select_node(node)
        elif node.allow_expand and node.is_expanded and toggle:
            node.collapse()
        elif node.allow_expand and not node.is_expanded:
            node.expand()
        elif node.is_expanded and node.children:
            self.cursor_line = node.children[0].line

    def action_collapse(self) -> None:
        """Collapse the node, or go to its parent when it is not open."""
        node = self.cursor_node
        if node is not None and node.allow_expand and node.is_expanded:
            node.collapse()
        else:
            self.action_cursor_parent()

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        """An endpoint's label, its path cut from the left to fit; others as Tree does."""
        data = node.data
        if not isinstance(data, _EndpointNode):
            return super().render_label(node, base_style, style)
        endpoint = data.endpoint
        icon = len(self.ICON_NODE) if node.allow_expand else 0
        room = self.scrollable_content_region.width - _indent(node, self.guide_depth) - icon
        path = _tail(endpoint.path, room - _METHOD_WIDTH - 1)
        method_style = self.get_component_rich_style(f"catalog-tree--{endpoint.method.lower()}")
        label = Text.assemble((f"{endpoint.method:<{_METHOD_WIDTH}}", method_style), path)
        label.stylize(style)
        if not node.allow_expand:
            return label
        icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        return Text.assemble((icon, base_style + TOGGLE_STYLE), label)


def _indent(node: TreeNode[NodeData], guide_depth: int) -> int:
    """The cells of guides before `node`'s label (the hidden root adds none)."""
    depth = 0
    while node.parent is not None and node.parent.parent is not None:
        depth, node = depth + 1, node.parent
    return depth * guide_depth


def _tail(path: str, room: int) -> str:
    """`path`, or its end from a `/` with `…` before it, in `room` cells."""
    if len(path) <= room or room < 8:
        return path
    tail = path[len(path) - room + 1 :]
    cut = tail.find("/")
    return "…" + (tail[cut:] if 0 <= cut < len(tail) - 1 else tail)


class ResourceTree(Vertical):
    """The catalogue tree plus a detail line describing the highlighted node.

    | Key | Action |
    |---|---|
    Keys: see CatalogTree.
    """

    DEFAULT_CSS = """
    ResourceTree { width: 1fr; }
    ResourceTree > Tree { height: 1fr; background: $surface; }
    ResourceTree > #tree-detail {
        height: auto; max-height: 3; color: $text-muted; background: $surface;
        padding: 0 1; border-top: solid $primary-background;
    }
    """

    BINDINGS = [
        Binding(
            "n",
            "create",
            "New record",
            tooltip="new record in the highlighted collection (the catalogue's example)",
            show=False,
            id="tree.create",
        ),
    ]

    @dataclass
    class EndpointChosen(Message):
        """The user chose a catalogue endpoint: fill the builder with it."""

        endpoint: Endpoint

    @dataclass
    class OpenRequested(Message):
        """The user chose a record or collection: send a GET to `url`."""

        url: str
        label: str

    @dataclass
    class LoadRequested(Message):
        """A node was expanded and needs `url` fetched to show its children."""

        node_id: int
        url: str

    @dataclass
    class CreateRequested(Message):
        """The user asked to create a record in the collection at `url` (`n`)."""

        url: str

    def __init__(
        self,
        base_url: str,
        *,
        catalogue: tuple[ResourceGroup, ...] = CATALOG,
        pending: str = "",
        kustomer: bool = True,
        id: str | None = None,
    ) -> None:
        """Create the tree.

        Args:
            base_url: Where live lists are fetched from.
            catalogue: The groups to show (Kustomer's unless an OpenAPI document gives others).
            pending: Shown alone while the catalogue is still to come (`set_catalogue`).
            kustomer: Whether the server follows Kustomer's conventions (paths may then be
                inferred from a relationship's linkage; elsewhere nothing is invented).
            id: The widget id.
        """
        super().__init__(id=id)
        self._base_url = base_url
        self._catalogue = catalogue
        self._pending = pending
        self._kustomer = kustomer

    def focus_tree(self) -> None:
        """Put the focus in the tree itself."""
        self.tree.focus()

    def compose(self) -> ComposeResult:
        tree = CatalogTree("Kustomer", id="resource-tree")
        tree.show_root = False
        tree.auto_expand = False  # enter chooses, space expands: one key, one request
        tree.guide_depth = 2
        self._fill(tree, self._catalogue)
        if self._pending:
            tree.root.add_leaf(Text(self._pending, style="italic dim"))
        yield tree
        yield Static("", id="tree-detail")

    def _fill(self, tree: Tree[NodeData], catalogue: tuple[ResourceGroup, ...]) -> None:
        for group in catalogue:
            node = tree.root.add(Text(group.title, style="bold"), data=_Group(group))
            for endpoint in group.endpoints:
                self._add_endpoint(node, endpoint)

    def set_catalogue(self, catalogue: tuple[ResourceGroup, ...], note: str = "") -> None:
        """Show `catalogue` instead of what the tree shows now (an OpenAPI document's groups).

        Args:
            catalogue: The groups, e.g. from `kexplore.core.openapi.catalogue.load_catalogue`.
            note: A line to show after them, e.g. why there are none.
        """
        tree = self.tree
        tree.clear()
        self._fill(tree, catalogue)
        if note:
            tree.root.add_leaf(Text(one_line(note, 300), style="red"))
        tree.cursor_line = 0

    def on_mount(self) -> None:
        self.tree.cursor_line = 0  # start on "Customers", not on nothing

    @property
    def tree(self) -> CatalogTree:
        """The inner Tree widget."""
        return self.query_one(CatalogTree)

    def _add_endpoint(self, parent: TreeNode[NodeData], endpoint: Endpoint) -> None:
        live = endpoint.is_list and endpoint.method == "GET" and "{" not in endpoint.path
        url = f"{self._base_url}{endpoint.path}" if live else None
        label = Text(f"{endpoint.method:<{_METHOD_WIDTH}}{endpoint.path}")  # see render_label
        parent.add(label, data=_EndpointNode(endpoint, url), allow_expand=live)

    def action_create(self) -> None:
        """Ask to create a record in the highlighted collection."""
        node = self.tree.cursor_node
        data = node.data if node is not None else None
        url = None
        if isinstance(data, _EndpointNode) and "{" not in data.endpoint.path:
            url = f"{self._base_url}{data.endpoint.path}"
        elif isinstance(data, _EntryNode) and data.entry.kind == "collection":
            url = data.entry.url
        if url is None:
            self.notify("n creates in a collection: a list endpoint or a to-many relationship.")
            return
        self.post_message(self.CreateRequested(url))

    @on(Tree.NodeHighlighted)
    def _describe(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        self.query_one("#tree-detail", Static).update(Text(_detail(event.node.data)))

    @on(Tree.NodeSelected)
    def _choose(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        data = event.node.data
        if isinstance(data, _EndpointNode):
            self.post_message(self.EndpointChosen(data.endpoint))
        elif isinstance(data, _EntryNode):
            self.post_message(self.OpenRequested(data.entry.url, data.entry.label))
        elif isinstance(data, _MoreNode):
            self._load_more(event.node, data)

    @on(Tree.NodeExpanded)
    def _expand(self, event: Tree.NodeExpanded[NodeData]) -> None:
        event.stop()
        node, data = event.node, event.node.data
        if node.children or not isinstance(data, _EndpointNode | _EntryNode):
            return
        if isinstance(data, _EntryNode) and data.entry.resource is not None:
            # A record that came in a page already carries its relationships.
            entries = relationship_entries(
                data.entry.resource, self._base_url, kustomer=self._kustomer
            )
            self.show_children(node.id, entries)
            return
        url = data.url if isinstance(data, _EndpointNode) else data.entry.url
        if url is None:
            return
        node.add_leaf(Text("loading…", style="italic dim"))
        self.post_message(self.LoadRequested(node.id, url))

    def _load_more(self, node: TreeNode[NodeData], data: _MoreNode) -> None:
        parent = node.parent
        if parent is None:
            return
        node.set_label(Text("loading…", style="italic dim"))
        self.post_message(self.LoadRequested(parent.id, data.url))

    def show_children(
        self, node_id: int, entries: list[Entry], next_url: str | None = None
    ) -> None:
        """Replace the loading placeholder of node `node_id` with `entries` (and a "more…")."""
        node = self._node(node_id)
        if node is None:
            return
        _remove_placeholders(node)
        for entry in entries:
            label = Text(entry.label) if entry.kind == "record" else Text(entry.label, "italic")
            node.add(label, data=_EntryNode(entry), allow_expand=True)
        if next_url:
            node.add_leaf(Text("more…", style="bold"), data=_MoreNode(next_url))
        elif not node.children:
            node.add_leaf(Text(_nothing_behind(node.data), style="italic dim"))

    def show_load_error(self, node_id: int, message: str) -> None:
        """Show that loading node `node_id`'s children failed."""
        node = self._node(node_id)
        if node is None:
            return
        _remove_placeholders(node)
        style = self.tree.get_component_rich_style("catalog-tree--problem")
        node.add_leaf(Text(f"⚠ {one_line(message, 120)}", style=style))

    def reveal(self, url: str) -> None:
        """Move the cursor to the node for `url`, if the tree shows one."""
        tree = self.tree
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            data = node.data if node is not None else None
            if isinstance(data, _EntryNode) and data.entry.url == url:
                tree.cursor_line = line
                return

    def _node(self, node_id: int) -> TreeNode[NodeData] | None:
        try:
            return self.tree.get_node_by_id(node_id)  # type: ignore[arg-type]
        except Exception:  # the node was removed meanwhile (tree reset)
            return None


def _remove_placeholders(node: TreeNode[NodeData]) -> None:
    for child in list(node.children):
        if child.data is None or isinstance(child.data, _MoreNode):
            child.remove()


def _nothing_behind(data: NodeData | None) -> str:
    """Why an expanded node has no children, in its terms."""
    if isinstance(data, _EntryNode) and data.entry.kind == "record":
        return "no relationships of its own (enter opens it)"
    return "no records here"


def _detail(data: NodeData | None) -> str:
    if isinstance(data, _Group):
        return one_line(data.group.title, 80)
    if isinstance(data, _EndpointNode):
        endpoint = data.endpoint
        params = f" — params: {', '.join(endpoint.params)}" if endpoint.params else ""
        described = "".join(f" · {name}: {text}" for name, text in endpoint.param_help)
        return f"{endpoint.method} {endpoint.path}: {endpoint.summary}{params}{described}"
    if isinstance(data, _EntryNode):
        return one_line(data.entry.url, 300)
    if isinstance(data, _MoreNode):
        return f"Load the next page: {one_line(data.url, 200)}"
    return ""
