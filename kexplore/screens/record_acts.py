"""RecordActs: edit, delete and create records from what MainScreen shows (its write routes).

Every write goes through `MainScreen._confirm_then_send`, so confirmation, identity, trail and
history apply to it as to any request; a write that succeeds makes the cached reads of what
it changed stale, so going back fetches them again.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from kexplore.core.act.endpoints import create_plan, update_method
from kexplore.core.act.merge import ThreeWay, rebased
from kexplore.core.act.patch import READ_ONLY, patch_body
from kexplore.core.act.record import EditTarget, record_at, target_of
from kexplore.core.act.stale import stale_after
from kexplore.core.http.api_error import ApiError
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse

if TYPE_CHECKING:
    from kexplore.screens.main import MainScreen

__all__ = ["RecordActs"]


class RecordActs:
    """The write routes of a MainScreen: `e`, `d`, `n` and the 409 three-way view.

    Args:
        screen: The screen whose visit is acted on and whose send path writes.
    """

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    # -- which record ----------------------------------------------------------------------

    async def _shown_target(self, path: tuple[str | int, ...]) -> tuple[EditTarget, str] | None:
        """The record the body shows (or the list item `path` is in), and its absolute URL."""
        visit = self.screen._shown_visit
        response = visit.response if visit is not None else None
        if response is None or response.kind != "json":
            self.screen.notify("Open a record first: e and d act on the record shown.", timeout=4)
            return None
        document = await asyncio.to_thread(response.json)
        resource = record_at(document, path)
        target = target_of(resource) if resource is not None else None
        if target is None:
            listed = isinstance(document, dict) and isinstance(document.get("data"), list)
            where = "put the cursor inside one of the list's items" if listed else "open a record"
            self.screen.notify(f"No record with links.self here: {where}.", timeout=4)
            return None
        base = response.url or self.screen.client.base_url
        return target, urljoin(base, target.url)

    def _credential(self) -> str:
        visit = self.screen._shown_visit
        return visit.request.credential if visit is not None else ""

    # -- edit --------------------------------------------------------------------------------

    async def edit(self, path: tuple[str | int, ...]) -> None:
        """Open the record's attributes in the editor; send only what changed."""
        found = await self._shown_target(path)
        if found is None:
            return
        target, url = found
        edited = await self._edit_attributes(target, url)
        if edited is not None:
            self._send_edit(target, url, edited, self._credential())

    async def _edit_attributes(self, target: EditTarget, url: str) -> dict[str, Any] | None:
        from kexplore.screens.editor import EditorScreen

        shown = sorted(name for name in READ_ONLY if name in target.attributes)
        note = "Only what you change is sent."
        if shown:
            note += f" Shown, never sent: {', '.join(shown)}."
        if target.rev is not None:
            note += f" Read at rev {target.rev}."
        text = json.dumps(target.attributes, indent=2, ensure_ascii=False)
        title = f"{update_method(url)} {self.screen._display_url(url)}"
        return await self.screen.app.push_screen_wait(EditorScreen(title, text, note))

    def _send_edit(
        self, target: EditTarget, url: str, edited: Mapping[str, Any], credential: str
    ) -> None:
        body = patch_body(target, edited)
        if not body:
            self.screen.notify("Nothing changed: not sent.", timeout=3)
            return
        request = _json_request(update_method(url), url, body, credential)
        answered = partial(self._edit_answered, target, url, edited)
        self.screen._confirm_then_send(request, typed=False, on_answer=answered)

    def _edit_answered(
        self,
        target: EditTarget,
        url: str,
        edited: Mapping[str, Any],
        request: ApiRequest,
        response: ApiResponse | None,
    ) -> None:
        if response is not None and response.status == 409:
            conflict = partial(self._resolve_conflict, target, url, edited, request.credential)
            self.screen.run_worker(conflict, group="confirm")
        else:
            self._written(request, response)

    async def _resolve_conflict(
        self, target: EditTarget, url: str, edited: Mapping[str, Any], credential: str
    ) -> None:
        """Show yours, the server's and where you started; re-apply yours on `r`."""
        from kexplore.screens.conflict import ConflictScreen

        current = await self._current(url, credential)
        if current is None:
            return
        three = ThreeWay(target.attributes, edited, current.attributes, target.type)
        choice = await self.screen.app.push_screen_wait(ConflictScreen(three, url))
        if choice != "reapply":
            self.screen.notify("Your change was discarded; nothing was sent.", timeout=4)
            return
        self._send_edit(current, url, rebased(three), credential)

    async def _current(self, url: str, credential: str) -> EditTarget | None:
        """The record as the server holds it now (a read, not recorded in the trail)."""
        try:
            response = await self.screen.client.send(ApiRequest("GET", url, credential=credential))
            document = response.json() if response.status == 200 else None
        except (ApiError, ValueError) as error:
            self.screen.notify(f"Could not read the current record: {error}", severity="error")
            return None
        resource = record_at(document, ())
        current = target_of(resource) if resource is not None else None
        if current is None:
            self.screen.notify(f"Could not read the current record ({response.status}).")
        return current

    # -- delete and create -------------------------------------------------------------------

    async def delete(self, path: tuple[str | int, ...]) -> None:
        """Ask, then DELETE the record's `links.self`."""
        found = await self._shown_target(path)
        if found is None:
            return
        target, url = found
        request = ApiRequest("DELETE", url, credential=self._credential())
        name = target.attributes.get("name") or target.attributes.get("title") or target.id
        question = f"Delete {target.type} {name!s}?\n\nDELETE {url}"
        targets = self.screen.services.identity.targets
        # Where writes are confirmed anyway, the send path asks (with the identity): once.
        if not targets.confirms_write("DELETE", url) and not await self.screen._confirmed(
            "Delete this record?", question, "Delete"
        ):
            self.screen.notify("Not deleted.", timeout=3)
            return
        self.screen._confirm_then_send(request, typed=False, on_answer=self._written)

    async def create(self, url: str | None = None) -> None:
        """Open the editor on the catalogue's example for the list shown (or `url`); POST it."""
        visit = self.screen._shown_visit
        if url is None and visit is not None:
            url = self.screen.client.resolve(visit.request.url)
        plan = create_plan(url) if url else None
        if plan is None:
            self.screen.notify("n creates in a list or collection the catalogue can create in.")
            return
        from kexplore.screens.editor import EditorScreen

        note = f"The catalogue's example for POST {plan.template}: change it, then ctrl+j."
        screen = EditorScreen(f"POST {self.screen._display_url(plan.url)}", plan.example, note)
        body = await self.screen.app.push_screen_wait(screen)
        if body is None:
            self.screen.notify("Not created.", timeout=3)
            return
        credential = visit.request.credential if visit is not None and url is None else ""
        request = _json_request("POST", plan.url, body, credential)
        self.screen._confirm_then_send(request, typed=False, on_answer=self._written)

    def _written(self, request: ApiRequest, response: ApiResponse | None) -> None:
        """A write was answered: on success, what it changed is fetched again on the way back."""
        if response is not None and 200 <= response.status < 300:
            stale = stale_after(request, self.screen.client.resolve)
            self.screen.trail.drop_responses(stale)


def _json_request(method: str, url: str, body: Any, credential: str) -> ApiRequest:
    text = json.dumps(body, indent=2, ensure_ascii=False)
    return ApiRequest(method, url, body=text, credential=credential)
