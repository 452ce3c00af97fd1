"""RequestBuilder: method, path, query, headers and JSON body; the screen sends."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Select, Static, TabbedContent, TabPane, TextArea
from textual.widgets._input import Selection

from kexplore.core.body.inert import inert
from kexplore.core.browse.catalog import Endpoint, placeholders
from kexplore.core.http.request import METHODS, ApiRequest, body_note

__all__ = ["BodyEditor", "RequestBuilder"]

_TAB_FOR_FIELD = {"params": "tab-query", "headers": "tab-headers", "body": "tab-body"}
_BODYLESS = frozenset({"GET", "HEAD"})
"""Methods that never send a body: the body editor keeps its text, and it is not sent."""


class BodyEditor(TextArea):
    """The JSON body editor: a code editor with select-all and clear keys.

    | Key | Action |
    | --- | --- |
    | ctrl+a | select the whole body |
    | ctrl+n | clear the body (ctrl+z undoes it) |
    """

    BINDINGS = [
        Binding(
            "ctrl+a",
            "select_all",
            "Select all",
            tooltip="select the whole body",
            id="body_editor.select_all",
        ),
        Binding(
            "ctrl+n",
            "clear_body",
            "Clear",
            tooltip="clear the body (ctrl+z undoes it)",
            id="body_editor.clear",
        ),
    ]

    def action_clear_body(self) -> None:
        """Delete the whole body, as one undoable edit."""
        self.clear()


class RequestBuilder(Vertical):
    """The request being built: a method, a path, and tabs for query, headers and body."""

    DEFAULT_CSS = """
    RequestBuilder { height: auto; }
    RequestBuilder > #request-line { height: 1; margin: 1 0 0 0; }
    RequestBuilder #method { width: 12; }
    RequestBuilder #path { width: 1fr; }
    RequestBuilder #send { min-width: 8; margin: 0 0 0 1; }
    RequestBuilder > #request-error {
        display: none; color: $text-error; background: $error-muted; padding: 0 1;
    }
    RequestBuilder.-error > #request-error { display: block; }
    RequestBuilder > #body-note { display: none; color: $text-warning; padding: 0 1; }
    RequestBuilder.-body-note > #body-note { display: block; }
    RequestBuilder TabbedContent { height: auto; }
    RequestBuilder TabPane { padding: 0; height: auto; }
    RequestBuilder TextArea { height: 6; border: none; padding: 0 1; }
    RequestBuilder TextArea:focus { border: none; background: $boost; }
    RequestBuilder > #body-note { display: none; color: $text-warning; padding: 0 1; }
    RequestBuilder.-body-unsent > #body-note { display: block; }
    """

    @dataclass
    class Submitted(Message):
        """The user asked to send what the builder holds, as typed."""

        method: str
        url: str
        params_text: str
        headers_text: str
        body_text: str

    def compose(self) -> ComposeResult:
        with Horizontal(id="request-line"):
            options = [(m, m) for m in METHODS]
            yield Select(options, value="GET", allow_blank=False, id="method", compact=True)
            yield Input(placeholder="/v1/customers or a full URL", id="path", compact=True)
            yield Button("Send", id="send", variant="primary", compact=True)
        yield Static("", id="request-error")
        yield Static("", id="body-note")
        with TabbedContent(id="request-tabs"):
            with TabPane("Query", id="tab-query"):
                yield TextArea(id="params", placeholder="name=value, one a line (e.g. pageSize=10)")
            with TabPane("Headers", id="tab-headers"):
                yield TextArea(id="headers", placeholder="Name: value, one a line")
            with TabPane("Body", id="tab-body"):
                yield BodyEditor.code_editor(language="json", id="body", theme="css")

    @property
    def method(self) -> str:
        """The method chosen."""
        return str(self.query_one("#method", Select).value)

    def snapshot(self) -> RequestBuilder.Submitted:
        """What the builder holds now, as typed; no body for a GET or HEAD (it stays typed)."""
        method = self.method
        body = "" if method in _BODYLESS else self.query_one("#body", TextArea).text
        return self.Submitted(
            method=method,
            url=self.query_one("#path", Input).value,
            params_text=self.query_one("#params", TextArea).text,
            headers_text=self.query_one("#headers", TextArea).text,
            body_text=body,
        )

    def open_methods(self) -> None:
        """Focus the method list and open it."""
        select = self.query_one("#method", Select)
        self.screen.set_focus(select)
        select.expanded = True

    def set_method(self, method: str) -> None:
        """Choose `method`."""
        self.query_one("#method", Select).value = method

    def action_set_method(self, method: str) -> None:
        """Choose `method` (from the command palette)."""
        self.set_method(method)

    @on(Select.Changed, "#method")
    @on(TextArea.Changed, "#body")
    def _note_unsent_body(self) -> None:
        """Say when the body is kept but will not be sent (a GET or HEAD)."""
        method = self.method
        unsent = method in _BODYLESS and bool(self.query_one("#body", TextArea).text.strip())
        if unsent:
            note = f"Body not sent with {method} (kept for POST/PUT/PATCH)."
            self.query_one("#body-note", Static).update(note)
        self.set_class(unsent, "-body-unsent")

    def submit(self) -> None:
        """Post Submitted with the current texts."""
        self.post_message(self.snapshot())

    @on(Select.Changed, "#method")
    @on(TextArea.Changed, "#body")
    def _show_body_note(self) -> None:
        """Say when the body will not be sent (GET, HEAD, OPTIONS) or will be (DELETE)."""
        method = str(self.query_one("#method", Select).value)
        note = body_note(method, self.query_one("#body", TextArea).text)
        self.query_one("#body-note", Static).update(Text(f"ⓘ {note}" if note else ""))
        self.set_class(bool(note), "-body-note")

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#send")
    def _send_pressed(self, event: Message) -> None:
        event.stop()
        self.submit()

    def show_error(self, field: str, message: str) -> None:
        """Show a validation error inline and move to the field at fault."""
        self.query_one("#request-error", Static).update(Text(f"✗ {inert(message)}"))
        self.set_class(True, "-error")
        if field in _TAB_FOR_FIELD:
            self.query_one(TabbedContent).active = _TAB_FOR_FIELD[field]

    def clear_error(self) -> None:
        """Hide the inline error."""
        self.set_class(False, "-error")

    def load(self, request: ApiRequest, url: str) -> None:
        """Fill every field from `request`, showing `url` in the path input."""
        self.clear_error()
        method = self.query_one("#method", Select)
        if method.value != request.method:
            method.value = request.method
        path = self.query_one("#path", Input)
        if path.value != url:
            path.value = url
        params = "\n".join(f"{k}={v}" for k, v in request.params)
        headers = "\n".join(f"{k}: {v}" for k, v in request.headers)
        for selector, text in (("#params", params), ("#headers", headers), ("#body", request.body)):
            area = self.query_one(selector, TextArea)
            if area.text != text:  # each load_text re-lays out the editor
                area.load_text(text)

    def fill_endpoint(self, endpoint: Endpoint) -> None:
        """Fill the builder from a catalogue endpoint, its first `{placeholder}` selected."""
        self.load(
            ApiRequest(method=endpoint.method, url=endpoint.path, body=endpoint.body or ""),
            endpoint.path,
        )
        if endpoint.body:
            self.query_one(TabbedContent).active = "tab-body"
        self.focus_path()

    def focus_body(self) -> None:
        """Show the Body tab and put the cursor in the body editor."""
        self.query_one(TabbedContent).active = "tab-body"
        self.screen.set_focus(self.query_one("#body", TextArea))

    def focus_path(self) -> None:
        """Focus the path input, selecting the first placeholder if there is one."""
        path = self.query_one("#path", Input)
        self.screen.set_focus(path)  # now, not on the next tick: keys typed next land here
        spans = placeholders(path.value)
        if spans:
            start, end, _name = spans[0]
            path.selection = Selection(start, end)
            # The input selects all when its Focus event arrives: select the placeholder again
            # after it (queued behind it), so typing replaces just `{id}`.
            path.call_later(setattr, path, "selection", Selection(start, end))
