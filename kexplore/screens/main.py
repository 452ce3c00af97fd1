"""MainScreen: the one router between tree, builder and response view; owns the Trail."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from kexplore.core.browse.catalog import Endpoint
from kexplore.core.browse.documents import follow_request, tree_children, visit_label
from kexplore.core.browse.kustomer_paths import speaks_kustomer
from kexplore.core.browse.links import Link
from kexplore.core.browse.trail import Trail, Visit
from kexplore.core.history.entry import HistoryEntry
from kexplore.core.http.api_error import ApiError
from kexplore.core.http.identity import CUSTOM_HEADER, Identity
from kexplore.core.http.ratelimit import parse_rate_limit
from kexplore.core.http.request import ApiRequest, RequestError, build_request
from kexplore.core.http.response import ApiResponse
from kexplore.core.http.urls import origin_text
from kexplore.screens.derived_view import DerivedView
from kexplore.screens.questions import follow_question, write_question
from kexplore.screens.record_acts import RecordActs
from kexplore.services import Services
from kexplore.widgets.filter_bar import FilterBar
from kexplore.widgets.json_view import JsonView, ReadingPlace
from kexplore.widgets.key_footer import KeyFooter
from kexplore.widgets.link_list import LinkList
from kexplore.widgets.request_builder import RequestBuilder
from kexplore.widgets.resource_tree import ResourceTree
from kexplore.widgets.response_view import ResponseView
from kexplore.widgets.target_bar import TargetBar

if TYPE_CHECKING:
    from kexplore.screens.history import HistoryChoice
    from kexplore.screens.walk import WalkResult

# The dialogs and curl export are imported where they are first used: they are not needed
# for the first frame, and every module on that path costs start-up time.

__all__ = ["MainScreen"]

Answered = Callable[[ApiRequest, ApiResponse | None], None]
"""Told what a request sent for someone got back (a write's follow-up: 409, stale cache)."""

_SHARED_BODY_FROM = 1 << 20
"""A visit's body this big is kept only as the viewer's formatted text, not also as received."""


def _holds_big_body(visit: Visit) -> bool:
    """Whether `visit` holds a body big enough to keep only as its formatted text."""
    return visit.response is not None and visit.response.size >= _SHARED_BODY_FROM


class MainScreen(Screen[None]):
    """Tree left, builder top right, response bottom right; routes every message."""

    BINDINGS = [
        Binding(
            "ctrl+j,alt+enter",
            "send",
            "Send",
            tooltip="send the request in the builder",
            priority=True,
            id="main.send",
        ),
        Binding("alt+left", "back", "Back", tooltip="back through the trail", id="main.back"),
        Binding(
            "alt+right", "forward", "Fwd", tooltip="forward through the trail", id="main.forward"
        ),
        Binding(
            "ctrl+r",
            "reload",
            "Reload",
            tooltip="re-send the current visit",
            show=False,
            id="main.reload",
        ),
        Binding(
            "ctrl+l",
            "focus_path",
            "Path",
            tooltip="focus the path input",
            show=False,
            id="main.path",
        ),
        Binding(
            "ctrl+o",
            "choose_method",
            "Method",
            tooltip="choose the method (GET, POST…)",
            show=False,
            id="main.method",
        ),
        Binding(
            "f5",
            "focus_request_body",
            "Req body",
            tooltip="edit the request's JSON body",
            show=False,
            id="main.request_body",
        ),
        Binding(
            "ctrl+t",
            "focus_tree",
            "Tree",
            tooltip="focus the resource tree",
            show=False,
            id="main.tree",
        ),
        Binding(
            "ctrl+g,ctrl+b",
            "focus_body",
            "Body",
            tooltip="focus the response body",
            show=False,
            id="main.body",
        ),
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="save the builder's request to the collection",
            show=False,
            id="main.save",
        ),
        Binding("f2", "history", "History", tooltip="open the history", id="main.history"),
        Binding(
            "f3", "saved", "Saved", tooltip="open the saved requests", show=False, id="main.saved"
        ),
        Binding(
            "f4",
            "copy_curl",
            "curl",
            tooltip="copy the builder's request as curl",
            show=False,
            id="main.curl",
        ),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.client = services.client
        self.trail = Trail()
        self._links: Sequence[Link] = ()
        self._shown_visit: Visit | None = None
        """The trail visit whose body is on screen (None for one shown from history)."""
        self._loaded: ApiRequest | None = None
        """The request last loaded into the builder (its credential goes with it)."""
        self._places: dict[int, tuple[ApiRequest, ReadingPlace]] = {}
        """Where the reader was in each visit of the trail, by its request's identity."""
        self.acts = RecordActs(self)
        """Edit, delete and create from what is shown (e, d, n)."""
        self.filtering = DerivedView(self)
        """The jq filter (|) and the derived view it shows."""

    def compose(self) -> ComposeResult:
        yield TargetBar(
            self.services.identity.home,
            self.client.base_url,
            sandbox=self.services.is_sandbox,
        )
        with Horizontal(id="main"):
            yield self._new_resource_tree()
            with Vertical(id="work"):
                yield RequestBuilder(id="builder")
                yield ResponseView(id="response")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.response_view.infer_kustomer_paths(self._speaks_kustomer)
        self.query_one(ResourceTree).focus_tree()
        openapi = self.services.settings.profile.openapi
        if openapi is not None:
            self.call_after_refresh(self._load_openapi, openapi)

    def _new_resource_tree(self) -> ResourceTree:
        """Kustomer's catalogue, or a placeholder until the OpenAPI document is loaded."""
        openapi = self.services.settings.profile.openapi
        base, kustomer = self.client.base_url, self._speaks_kustomer
        if openapi is None:
            return ResourceTree(base, kustomer=kustomer, id="resources")
        pending = f"loading {openapi.name}…"
        return ResourceTree(base, catalogue=(), pending=pending, kustomer=kustomer, id="resources")

    @property
    def _speaks_kustomer(self) -> bool:
        """Whether the target follows Kustomer's conventions (paths may be inferred)."""
        if self.services.settings.profile.openapi is not None:
            return False
        return speaks_kustomer(self.client.base_url, sandbox=self.services.is_sandbox)

    @work(thread=True, exclusive=True, group="openapi")
    def _load_openapi(self, path: Path) -> None:
        """Build the tree from an OpenAPI document, after the first frame, off the UI thread."""
        from kexplore.core.openapi.catalogue import load_catalogue
        from kexplore.core.openapi.openapi_error import OpenApiError

        try:
            catalogue = load_catalogue(path)
        except OpenApiError as error:
            tree = self.query_one(ResourceTree)
            self.app.call_from_thread(tree.set_catalogue, (), f"⚠ {error.message}")
            self.app.call_from_thread(self.notify, error.message, severity="error", timeout=20)
            return
        self.app.call_from_thread(self.query_one(ResourceTree).set_catalogue, catalogue)

    @property
    def builder(self) -> RequestBuilder:
        """The request builder."""
        return self.query_one(RequestBuilder)

    @property
    def response_view(self) -> ResponseView:
        """The response view."""
        return self.query_one(ResponseView)

    # -- building and sending -------------------------------------------------------------

    def action_send(self) -> None:
        """Send what the builder holds."""
        self.builder.submit()

    @on(RequestBuilder.Submitted)
    def submit_request(self, message: RequestBuilder.Submitted) -> None:
        """Validate the builder's texts; send, or show the problem inline and send nothing."""
        request = self._validated(message)
        if request is not None:
            self._confirm_then_send(self._with_loaded_credential(request))

    def _validated(self, message: RequestBuilder.Submitted) -> ApiRequest | None:
        """The request the builder's texts describe, or None after showing why not."""
        try:
            request = build_request(
                message.method,
                message.url,
                message.params_text,
                message.headers_text,
                message.body_text,
            )
        except RequestError as error:
            self.builder.show_error(error.field, error.message)
            return None
        self.builder.clear_error()
        return request

    async def _confirmed(self, title: str, question: str, yes: str = "Send") -> bool:
        """Whether the user answers `yes` to `question` (a modal dialog)."""
        from kexplore.screens.confirm import ConfirmScreen

        return bool(await self.app.push_screen_wait(ConfirmScreen(title, question, yes)))

    @work(group="confirm")
    async def _confirm_then_send(
        self, request: ApiRequest, *, typed: bool = True, on_answer: Answered | None = None
    ) -> None:
        """Send `request`, after asking when it writes anywhere but the running sandbox;
        `on_answer` is told what came back (see `send`)."""
        request, identity = self._with_identity(request)
        confirms = self.services.identity.targets.confirms_write(request.method, request.url)
        question = write_question(request, identity)
        if confirms and not await self._confirmed("Send a write?", question):
            self.notify("Not sent.", timeout=3)
            return
        self.send(request, typed=typed, on_answer=on_answer)

    def _with_identity(self, request: ApiRequest) -> tuple[ApiRequest, Identity]:
        """`request` with its absolute URL and credential, and the identity it goes as."""
        url = self.client.resolve(request.url)
        custom = request.header("Authorization") is not None
        identity = self.services.identity.targets.identity_for(
            url, custom_auth=custom, credential=request.credential
        )
        return replace(request, url=url, credential=identity.credential), identity

    @work(exclusive=True, group="request")
    async def send(
        self,
        request: ApiRequest,
        *,
        reload: bool = False,
        typed: bool = False,
        on_answer: Answered | None = None,
    ) -> None:
        """Send `request` (cancelling any older one), show it, add it to trail and history;
        then call `on_answer(request, response)` (response None when none came).

        The builder is filled from it when it lands, unless it came from the builder (`typed`:
        the builder shows it already, with any body it does not send) or the user typed there
        while it was on its way.
        """
        request, identity = self._with_identity(request)
        url = request.url
        before = self._builder_texts()
        self.response_view.show_sending(request.method, url)
        await self.services.ready.wait()
        try:
            response = await self.client.send(request, on_progress=self._progress_reporter())
        except ApiError as error:
            self._shown_visit = None
            self.response_view.show_failure(error.kind.replace("_", " ").title(), error.message)
            await self._remember(request, identity, None, error.message)
            if on_answer is not None:
                on_answer(request, None)
            return
        visit = Visit(request, response, self._label(url, response))
        if reload and self.trail.current is not None:
            self.trail.replace_current(visit)
        else:
            self.trail.visit(visit)
        self._show_visit(visit, load_builder=not typed and self._builder_texts() == before)
        await self._remember(request, identity, response, None)
        if on_answer is not None:
            on_answer(request, response)

    def _progress_reporter(self) -> Callable[[int, int | None], None]:
        started = time.perf_counter()
        last = [0.0]

        def report(received: int, total: int | None) -> None:
            now = time.perf_counter()
            if now - started > 0.3 and now - last[0] > 0.1:
                last[0] = now
                self.response_view.show_progress(received, total, now - started)

        return report

    def _label(self, url: str, response: ApiResponse) -> str:
        return visit_label(url, response.small_document())

    async def _remember(
        self,
        request: ApiRequest,
        identity: Identity,
        response: ApiResponse | None,
        error: str | None,
    ) -> None:
        history = self.services.history
        if history is None:
            return
        try:
            await asyncio.to_thread(
                history.append,
                request,
                response,
                url=request.url,
                profile=self.services.settings.profile.name,
                error=error,
                identity=identity,
            )
        except OSError as failure:
            self.notify(f"Could not write history: {failure}", severity="error", timeout=8)

    def _show_visit(self, visit: Visit, note: str = "", *, load_builder: bool = True) -> None:
        """Show a visit (fresh or from the trail) everywhere it belongs; the builder is left
        alone when `load_builder` is False (the user typed there while it was on its way)."""
        self._keep_place()
        self._links = ()
        self._shown_visit = visit
        view = self.response_view
        if visit.response is not None:
            rate = parse_rate_limit(visit.response.headers, self.services.clock())
            base = visit.response.url or self.client.base_url  # links resolve against it
            view.show_response(visit.response, rate, base, note, visit.prepared)
            view.restore_place(self._place_of(visit))
        view.show_trail([v.label for v in self.trail.visits], self.trail.index)
        if load_builder:
            self._load_builder(visit.request)
        self.query_one(ResourceTree).reveal(self.client.resolve(visit.request.url))

    def _load_builder(self, request: ApiRequest) -> None:
        """Fill the builder from `request`; its credential goes with it when it is sent."""
        self.builder.load(request, self._display_url(request.url))
        self._loaded = request
        home = self.services.identity.home
        shown = request.credential if request.credential != home.credential else ""
        self.query_one(TargetBar).show_request_credential(shown)

    def _with_loaded_credential(self, request: ApiRequest) -> ApiRequest:
        """`request` from the builder with the credential of the request loaded there, while
        it still goes to the same target and no Authorization header was typed; else the
        target's own is found when it is sent."""
        loaded = self._loaded
        if loaded is None or request.header("Authorization") is not None:
            return request
        targets = self.services.identity.targets
        resolve = self.client.resolve
        if targets.target_of(resolve(request.url)) != targets.target_of(resolve(loaded.url)):
            return request
        return replace(request, credential=loaded.credential)

    def _builder_texts(self) -> tuple[str, ...]:
        """What the builder holds now, to tell whether the user typed since."""
        texts = self.builder.snapshot()
        return (texts.method, texts.url, texts.params_text, texts.headers_text, texts.body_text)

    def _keep_place(self) -> None:
        """Remember where the reader is in the visit being left (cursor, scroll, folds)."""
        shown, place = self._shown_visit, self.response_view.reading_place()
        if shown is not None and place is not None:
            self._places[id(shown.request)] = (shown.request, place)
        alive = {id(v.request) for v in self.trail.visits}
        self._places = {key: kept for key, kept in self._places.items() if key in alive}

    def _place_of(self, visit: Visit) -> ReadingPlace | None:
        kept = self._places.get(id(visit.request))
        return kept[1] if kept is not None and kept[0] is visit.request else None

    def _display_url(self, url: str) -> str:
        absolute = self.client.resolve(url)
        if self.client.is_same_origin(absolute) and absolute.startswith(self.client.base_url):
            return absolute[len(self.client.base_url) :] or "/"
        return absolute

    # -- links, pages, trail --------------------------------------------------------------

    @on(JsonView.LinksFound)
    def keep_links(self, message: JsonView.LinksFound) -> None:
        """The body's links are known: list them and remember them for paging."""
        self._links = message.links  # a packed sequence: tens of thousands on a big page
        self.response_view.show_links(self._links)

    @on(JsonView.IndexStatus)
    def show_body_stage(self, message: JsonView.IndexStatus) -> None:
        """Say in the status line while the body is formatted and indexed in a worker, and
        keep on its visit what the viewer made of it."""
        stages = {"loading": "formatting…", "indexing": "indexing links and folds…"}
        stage = stages.get(message.state, "")
        if message.detail:
            stage = f"{stage} {message.detail}".strip()
        self.response_view.show_stage(stage)
        shown = self._shown_visit
        if shown is None or (message.formatted is None and message.prepared is None):
            return
        refined = self.trail.refine(
            shown,
            formatted=message.formatted if _holds_big_body(shown) else None,
            prepared=message.prepared,
        )
        if refined is not None:
            self._shown_visit = refined

    @on(JsonView.LinkFollowed)
    @on(LinkList.Followed)
    def follow_link(self, message: JsonView.LinkFollowed | LinkList.Followed) -> None:
        """Follow a link: a GET built from it (another origin asks first, without the key)."""
        self._follow(message.link)

    @work(group="confirm")
    async def _follow(self, link: Link) -> None:
        """Follow `link`, resolved against its document's URL; a link to another origin than
        the document's asks first, saying which credential would go with it."""
        request, identity = self._with_identity(follow_request(self._current_request(), link))
        if self._leaves_its_document(request.url):
            question = follow_question(request.url, self._document_url(), identity)
            if not await self._confirmed("Follow a link to another site?", question, "Follow"):
                return
        self.send(request)

    def _document_url(self) -> str:
        current = self._shown_visit
        response = current.response if current is not None else None
        return response.url if response is not None and response.url else self.client.base_url

    def _leaves_its_document(self, url: str) -> bool:
        """Whether `url` is on another origin than the document that links to it: a document
        must not send the user (and perhaps a key of theirs) somewhere unasked."""
        return origin_text(url) != origin_text(self._document_url())

    def _current_request(self) -> ApiRequest | None:
        current = self.trail.current
        if current is None:
            return None
        return replace(current.request, url=self.client.resolve(current.request.url))

    @on(JsonView.PageRequested)
    def turn_page(self, message: JsonView.PageRequested) -> None:
        """Go to the next or previous page of a list."""
        self.action_page(message.direction)

    def action_page(self, direction: str) -> None:
        """Follow `links.next` or `links.prev` of the current list."""
        link = self._page_link(direction)
        if link is None:
            self.notify(f"No {direction} page here.", timeout=3)
            return
        self._follow(link)  # another origin asks first, as any link does

    def _page_link(self, direction: str) -> Link | None:
        """The top-level `links.<direction>` (usually among the first few of the body's)."""
        pointer = f"/links/{direction}"
        return next((link for link in self._links if link.pointer == pointer), None)

    @on(JsonView.WalkRequested)
    def walk_all_pages(self, message: JsonView.WalkRequested) -> None:
        """`A` on a list: walk every page from this one (WalkScreen); then maybe show them."""
        request = self._current_request()
        if request is None or self._page_link("next") is None:
            self.notify("No next page here: A walks a list that has one.", timeout=3)
            return
        from kexplore.screens.walk import WalkScreen

        secrets = tuple(filter(None, [self.services.settings.api_key]))
        screen = WalkScreen(self.client, request, secrets=secrets, clock=self.services.clock)
        self.app.push_screen(screen, self._show_walked)

    def _show_walked(self, result: WalkResult | None) -> None:
        """Show a walk's items as one list: a visit like any other (back returns from it)."""
        if result is not None:
            visit = Visit(result.request, result.response(), result.label)
            self.trail.visit(visit)
            self._show_visit(visit, f"{result.cursor.pages:,} pages walked")

    @on(JsonView.TrailRequested)
    def move_in_trail(self, message: JsonView.TrailRequested) -> None:
        """`[` / `]` in the body."""
        if message.direction == "back":
            self.action_back()
        else:
            self.action_forward()

    def action_back(self) -> None:
        """Show the previous visit from cache, sending nothing (from a jq view: its body)."""
        if self.filtering.leave():
            return
        self._show_from_trail(self.trail.back(), "Already at the first visit.")

    def action_forward(self) -> None:
        """Show the next visit from cache, sending nothing."""
        self._show_from_trail(self.trail.forward(), "Already at the latest visit.")

    def _show_from_trail(self, visit: Visit | None, at_end: str) -> None:
        if visit is None:
            self.notify(at_end, timeout=2)
        elif visit.response is None:
            self.send(visit.request, reload=True)  # its cached body was dropped to save memory
        else:
            self._show_visit(visit, "from cache")

    def action_reload(self) -> None:
        """Re-send the current visit."""
        if self.trail.current is None:
            self.notify("Nothing to reload yet.", timeout=2)
            return
        self.send(self.trail.current.request, reload=True)

    # -- acting on what is shown: screens/record_acts.py, screens/derived_view.py ----------

    def action_act(self, what: Literal["edit", "delete", "create"]) -> None:
        """From the palette: edit or delete the record shown, create in the list shown."""
        self.post_message(JsonView.ActRequested(what, ()))

    def action_filter(self) -> None:
        """From the palette: the jq input over the body."""
        self.filtering.open_bar()

    @on(JsonView.ActRequested)
    def act_on_record(self, message: JsonView.ActRequested) -> None:
        """`e` / `d` / `n` in the body: edit or delete the record, create in the list."""
        acts = {"edit": self.acts.edit, "delete": self.acts.delete}
        act = acts[message.what](message.path) if message.what in acts else self.acts.create()
        self.run_worker(act, group="confirm")

    @on(ResourceTree.CreateRequested)
    def create_in_collection(self, message: ResourceTree.CreateRequested) -> None:
        """`n` on a collection in the tree: the editor on the catalogue's example."""
        self.run_worker(self.acts.create(message.url), group="confirm")

    @on(JsonView.FilterRequested)
    def open_filter(self) -> None:
        """`|` in the body: the jq input."""
        self.filtering.open_bar()

    @on(FilterBar.Submitted)
    def run_filter(self, message: FilterBar.Submitted) -> None:
        """Run a jq program over the body (a newer one cancels an older one)."""
        self.run_worker(self.filtering.run(message.program), group="jq", exclusive=True)

    @on(FilterBar.Closed)
    def close_filter(self) -> None:
        """The jq input was closed."""
        self.filtering.close_bar()

    @on(JsonView.FullBodyRequested)
    def leave_filter(self) -> None:
        """escape in a jq view: the full body, its cursor where it was."""
        self.filtering.leave()

    # -- tree ------------------------------------------------------------------------------

    @on(ResourceTree.EndpointChosen)
    def fill_builder(self, message: ResourceTree.EndpointChosen) -> None:
        """An endpoint was chosen: fill the builder; a plain list GET is sent at once."""
        endpoint: Endpoint = message.endpoint
        self.builder.fill_endpoint(endpoint)
        self._loaded = None
        self.query_one(TargetBar).show_request_credential("")
        if endpoint.method == "GET" and "{" not in endpoint.path:
            self.send(ApiRequest("GET", endpoint.path))

    @on(ResourceTree.OpenRequested)
    def open_resource(self, message: ResourceTree.OpenRequested) -> None:
        """A record or collection was chosen in the tree: GET it."""
        self.send(ApiRequest("GET", message.url))

    @on(ResourceTree.LoadRequested)
    def load_tree_children(self, message: ResourceTree.LoadRequested) -> None:
        """A tree node was expanded: fetch its records."""
        self._load_children(message.node_id, message.url)

    @work(group="tree")
    async def _load_children(self, node_id: int, url: str) -> None:
        tree = self.query_one(ResourceTree)
        await self.services.ready.wait()
        try:
            response = await self.client.send(ApiRequest("GET", url))
            document = await asyncio.to_thread(response.json) if response.kind == "json" else None
        except (ApiError, ValueError) as error:
            tree.show_load_error(node_id, getattr(error, "message", str(error)))
            return
        base = response.url or self.client.base_url
        children = tree_children(response, document, base, kustomer=self._speaks_kustomer)
        if children.problem:
            tree.show_load_error(node_id, children.problem)
        else:
            tree.show_children(node_id, children.entries, children.next_url)

    # -- focus and clipboard ---------------------------------------------------------------

    def action_focus_path(self) -> None:
        """Focus the path input."""
        self.builder.focus_path()

    def action_choose_method(self) -> None:
        """Open the builder's method list."""
        self.builder.open_methods()

    def action_focus_request_body(self) -> None:
        """Open the builder's Body tab and put the cursor in the body editor."""
        self.builder.focus_body()

    def action_focus_tree(self) -> None:
        """Focus the resource tree."""
        self.query_one(ResourceTree).focus_tree()

    def action_focus_body(self) -> None:
        """Focus the response body."""
        self.response_view.focus_body()

    @on(JsonView.CopyRequested)
    def copy_text(self, message: JsonView.CopyRequested) -> None:
        """Put text from the body on the clipboard."""
        self.app.copy_to_clipboard(message.text)
        self.notify(f"Copied {message.what}", timeout=2)

    def action_copy_curl(self) -> None:
        """Copy the builder's request as a curl command (the key as $KUSTOMER_API_KEY)."""
        request = self._validated(self.builder.snapshot())
        if request is None:
            return
        from kexplore.core.http.curl import to_curl

        self.app.copy_to_clipboard(to_curl(request, self.client.base_url))
        self.notify("Copied as curl (key shown as $KUSTOMER_API_KEY)", timeout=3)

    # -- history and saved requests --------------------------------------------------------

    def action_history(self) -> None:
        """Open the history."""
        store = self.services.history_store
        if store is None:
            self.notify("History is off.", severity="warning")
            return
        self._browse_entries("History", store.load, store)

    def action_saved(self) -> None:
        """Open the saved requests."""
        collection = self.services.collection
        if collection is None:
            self.notify("No collection file.", severity="warning")
            return
        self._browse_entries("Saved requests", collection.load, None, named=True)

    @work(group="confirm")
    async def _browse_entries(
        self,
        title: str,
        load: Callable[[], Sequence[HistoryEntry]],
        store: Any,
        *,
        named: bool = False,
    ) -> None:
        from kexplore.screens.history import HistoryScreen

        home = self.services.identity.home.target
        screen = HistoryScreen(title, load, named=named, home_target=home)
        choice: HistoryChoice | None = await self.app.push_screen_wait(screen)
        if choice is None:
            return
        if choice.action == "view":
            await self._view_kept_body(choice.entry, store)
            return
        request = await self._resend_request(choice.entry)
        if request is None:
            return
        self._load_builder(request)
        if choice.action == "replay":
            self._confirm_then_send(request)

    async def _resend_request(self, entry: HistoryEntry) -> ApiRequest | None:
        """`entry` as it was sent (its target, its credential); when that credential cannot
        be used here, ask for an Authorization header to send instead. None: not sent."""
        from kexplore.core.history.resend import ResendRefused, plan_resend

        run = self.services.identity
        try:
            return plan_resend(entry, run.targets, run.keyring).request
        except ResendRefused as refusal:
            if not refusal.needs_credential:
                self.notify(f"Cannot send {refusal}.", severity="error", timeout=8)
                return None
            value = await self._ask_authorization(refusal)
        if not value:
            self.notify("Not sent: no credential given.", timeout=4)
            return None
        request = plan_resend(entry, run.targets, run.keyring, stand_in=CUSTOM_HEADER).request
        return replace(request, headers=(*request.headers, ("Authorization", value)))

    async def _ask_authorization(self, refusal: Exception) -> str:
        from kexplore.screens.prompt import PromptScreen

        question = (
            f"{refusal}.\nType the Authorization header to send it with this time "
            "(e.g. Bearer <key>; it is never saved), or press escape."
        )
        answer = await self.app.push_screen_wait(
            PromptScreen("Which credential?", question, password=True)
        )
        return (answer or "").strip()

    async def _view_kept_body(self, entry: HistoryEntry, store: Any) -> None:
        kept = await asyncio.to_thread(store.kept_response, entry) if store is not None else None
        if kept is None:
            self.notify("No response body was kept for this entry.", timeout=4)
            return
        self._shown_visit = None
        self.response_view.show_response(
            kept, None, kept.url or self.client.base_url, "from history"
        )
        self.builder.load(entry.to_request(), self._display_url(entry.url))

    def action_save(self) -> None:
        """Save the builder's request to the collection, under a name."""
        request = self._validated(self.builder.snapshot())
        if request is not None:
            self._save(self._with_loaded_credential(request))

    @work(group="confirm")
    async def _save(self, request: ApiRequest) -> None:
        collection = self.services.collection
        from kexplore.screens.prompt import PromptScreen

        name = await self.app.push_screen_wait(
            PromptScreen("Save request", f"A name for {request.method} {request.url}:")
        )
        if not name or collection is None:
            return
        request, identity = self._with_identity(request)
        try:
            await asyncio.to_thread(
                collection.save,
                name,
                request,
                url=request.url,
                profile=self.services.settings.profile.name,
                identity=identity,
            )
        except Exception as error:  # a broken or unwritable file: say so, lose nothing
            self.notify(f"Not saved: {error}", severity="error", timeout=10)
            return
        self.notify(f"Saved as {name!r} in {collection.path}", timeout=4)
