"""ResourceTree: the Kustomer catalogue, growing with live records as the user expands it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from kexplore.core.body.inert import one_line
from kexplore.core.browse.catalog import CATALOG, Endpoint, ResourceGroup
from kexplore.core.browse.documents import Entry, relationship_entries

__all__ = ["ResourceTree"]


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

_METHOD_STYLE = {"GET": "green", "POST": "yellow", "PUT": "blue", "PATCH": "cyan", "DELETE": "red"}


class ResourceTree(Vertical):
    """The catalogue tree plus a detail line describing the highlighted node.

    | Key | Action |
    |---|---|
    | enter | choose: fill the builder (endpoint) or open (record, list) |
    | space / right | expand: load records or relationships |
    | n | new record in the collection highlighted (editor on the catalogue's example) |
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
        Binding("right", "expand", "Expand", show=False, id="tree.expand"),
        Binding("n", "create", "New record", show=False, id="tree.create"),
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
        id: str | None = None,
    ) -> None:
        """Create the tree.

        Args:
            base_url: Where live lists are fetched from.
            catalogue: The groups to show (Kustomer's unless an OpenAPI document gives others).
            pending: Shown alone while the catalogue is still to come (`set_catalogue`).
            id: The widget id.
        """
        super().__init__(id=id)
        self._base_url = base_url
        self._catalogue = catalogue
        self._pending = pending

    def compose(self) -> ComposeResult:
        tree: Tree[NodeData] = Tree("Kustomer", id="resource-tree")
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
    def tree(self) -> Tree[NodeData]:
        """The inner Tree widget."""
        return self.query_one(Tree)

    def _add_endpoint(self, parent: TreeNode[NodeData], endpoint: Endpoint) -> None:
        live = endpoint.is_list and endpoint.method == "GET" and "{" not in endpoint.path
        url = f"{self._base_url}{endpoint.path}" if live else None
        label = Text.assemble(
            (f"{endpoint.method:<7}", _METHOD_STYLE.get(endpoint.method, "")),
            endpoint.path,
        )
        parent.add(label, data=_EndpointNode(endpoint, url), allow_expand=live)

    def action_expand(self) -> None:
        """Expand the highlighted node."""
        node = self.tree.cursor_node
        if node is not None and node.allow_expand:
            node.expand()

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
            self.show_children(node.id, relationship_entries(data.entry.resource, self._base_url))
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
            node.add_leaf(Text("(empty)", style="dim"))

    def show_load_error(self, node_id: int, message: str) -> None:
        """Show that loading node `node_id`'s children failed."""
        node = self._node(node_id)
        if node is None:
            return
        _remove_placeholders(node)
        node.add_leaf(Text(f"⚠ {one_line(message, 120)}", style="red"))

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
