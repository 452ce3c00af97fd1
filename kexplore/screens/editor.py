"""EditorScreen: a JSON object to edit before it is sent (an update or a create)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from kexplore.core.body.inert import inert, one_line

__all__ = ["EditorScreen", "json_problem"]


def json_problem(text: str) -> tuple[str, int, int] | None:
    """What is wrong with `text` as a JSON object: (message, line, column), 1-based; or None."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return error.msg, error.lineno, error.colno
    if not isinstance(value, dict):
        return f"the body must be a JSON object, not {type(value).__name__}", 1, 1
    return None


class EditorScreen(Screen[dict[str, Any] | None]):
    """Edit a JSON object; dismissed with the parsed object (ctrl+j) or None (escape).

    | Key | Action |
    | --- | --- |
    | ctrl+j | send: close with the object (refused while the JSON is invalid) |
    | ctrl+e | edit in `$VISUAL` / `$EDITOR` instead, and read the text back |
    | escape | cancel: nothing is sent |

    Args:
        title: What is being edited, e.g. `PATCH /v1/customers/5a82…`.
        text: The JSON text to start from.
        note: A line under the title (e.g. which fields are not sent).
    """

    BINDINGS = [
        Binding(
            "ctrl+j",
            "send",
            "Send",
            tooltip="send: only the attributes you changed (the whole body for a create)",
            priority=True,
            id="editor.send",
        ),
        Binding(
            "ctrl+e",
            "external",
            "$EDITOR",
            tooltip="edit the text in $VISUAL or $EDITOR, then come back",
            priority=True,
            id="editor.external",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="cancel: send nothing",
            priority=True,
            id="editor.cancel",
        ),
    ]

    DEFAULT_CSS = """
    EditorScreen { background: $background; }
    EditorScreen > #editor-title { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    EditorScreen > #editor-note { height: auto; padding: 0 1; color: $text-muted; }
    EditorScreen > TextArea { height: 1fr; }
    EditorScreen > #editor-problem { height: 1; padding: 0 1; color: $text-success; }
    EditorScreen > #editor-problem.-error { color: $text-error; background: $error-muted; }
    """

    def __init__(self, title: str, text: str, note: str = "") -> None:
        super().__init__()
        self._title = title
        self._text = text
        self._note = note

    def compose(self) -> ComposeResult:
        yield Static(Text(one_line(self._title, 200)), id="editor-title")
        if self._note:
            yield Static(Text(inert(self._note)), id="editor-note")
        area = TextArea.code_editor(self._text, language="json", id="editor-text")
        area.cursor_blink = False
        yield area
        yield Static("", id="editor-problem")
        yield Footer()

    def on_mount(self) -> None:
        self.text_area.focus()
        self._check()

    @property
    def text_area(self) -> TextArea:
        """The text being edited."""
        return self.query_one(TextArea)

    @on(TextArea.Changed)
    def _check(self) -> tuple[str, int, int] | None:
        """Validate as the user types: say where the JSON breaks, or that it is fine."""
        problem = json_problem(self.text_area.text)
        shown = self.query_one("#editor-problem", Static)
        if problem is None:
            shown.update("valid JSON · ctrl+j sends · escape cancels")
        else:
            message, line, column = problem
            shown.update(Text(f"line {line}, column {column}: {one_line(message, 160)}"))
        shown.set_class(problem is not None, "-error")
        return problem

    def action_send(self) -> None:
        """Close with the edited object; with invalid JSON, put the cursor on the problem."""
        problem = self._check()
        if problem is not None:
            _, line, column = problem
            self.text_area.cursor_location = (line - 1, max(0, column - 1))
            self.notify("Not sent: the JSON is not valid (see the line below).", timeout=4)
            return
        self.dismiss(json.loads(self.text_area.text))

    def action_cancel(self) -> None:
        """Close without sending anything."""
        self.dismiss(None)

    def action_external(self) -> None:
        """Hand the text to `$VISUAL` or `$EDITOR` (the app is suspended meanwhile)."""
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        text = _edit_in(shlex.split(command), self.text_area.text, self.app)
        if text is None:
            self.notify(f"The editor ({command}) failed: the text is unchanged.", timeout=5)
            return
        self.text_area.load_text(text)
        self._check()


def _edit_in(command: list[str], text: str, app: Any) -> str | None:
    """Run `command FILE` on a private temporary copy of `text`; the text after, or None."""
    handle, name = tempfile.mkstemp(prefix="kexplore-", suffix=".json")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            with app.suspend():
                done = subprocess.run([*command, name], check=False)
        except SuspendNotSupported:  # no terminal to hand over (headless): run it as it is
            done = subprocess.run([*command, name], check=False, capture_output=True)
        if done.returncode != 0:
            return None
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
    finally:
        path.unlink(missing_ok=True)
