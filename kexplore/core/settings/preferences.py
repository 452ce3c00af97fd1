"""Preferences: the `theme` and `[keys]` of config.toml, read, checked, and the theme saved."""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kexplore.core.settings.settings_error import SettingsError

__all__ = ["Preferences", "parse_preferences", "save_theme"]

_BINDING_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
_KEYS = re.compile(r"^[A-Za-z0-9_+,\- ]+$")
_THEME = re.compile(r"^[A-Za-z0-9_\-]{1,60}$")
_TABLE_HEADER = re.compile(r"^\s*\[")
_THEME_LINE = re.compile(r"^\s*theme\s*=")


@dataclass(frozen=True)
class Preferences:
    """How the user likes the app: a theme and remapped keys."""

    theme: str | None = None
    """A Textual theme name (`textual-light`, `nord`…), or None for the default."""
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Binding id to keys (`"main.send" = "ctrl+enter,f5"`), Textual's keymap."""


def parse_preferences(path: Path, document: Mapping[str, Any]) -> Preferences:
    """The `theme` and `[keys]` of a parsed config file, checked.

    Raises:
        SettingsError: for a theme that is not a name, or a `[keys]` entry that is not
            `binding.id = "keys"`.
    """
    theme = document.get("theme")
    if theme is not None and (not isinstance(theme, str) or not _THEME.match(theme)):
        raise SettingsError(f'{path}: theme must be a theme\'s name, like "nord".', path=path)
    keys = document.get("keys", {})
    if not isinstance(keys, dict):
        raise SettingsError(f"{path}: keys must be a table, [keys].", path=path)
    for binding_id, value in keys.items():
        if (
            not _BINDING_ID.match(binding_id)
            or not isinstance(value, str)
            or not _KEYS.match(value)
        ):
            raise SettingsError(
                f"{path}: [keys] {binding_id!r} must be a binding id (see f1) set to keys, "
                'like "main.send" = "ctrl+j,f5".',
                path=path,
            )
    return Preferences(theme, MappingProxyType(dict(keys)))


def save_theme(path: Path, theme: str) -> None:
    """Set `theme = "…"` in config.toml, keeping every other line as it is.

    The file is replaced atomically with mode 0600; a file that does not parse is left alone.

    Raises:
        SettingsError: for a bad theme name, or a config file that does not parse or cannot
            be written.
    """
    if not _THEME.match(theme):
        raise SettingsError(f"Not a theme name: {theme!r}.")
    text = _read_checked(path)
    lines = text.splitlines(keepends=True)
    top = next((i for i, line in enumerate(lines) if _TABLE_HEADER.match(line)), len(lines))
    entry = f"theme = {json.dumps(theme)}\n"
    at = next((i for i in range(top) if _THEME_LINE.match(lines[i])), None)
    if at is None:
        lines.insert(0, entry)
    else:
        lines[at] = entry
    _replace(path, "".join(lines))


def _read_checked(path: Path) -> str:
    if not path.exists():
        return ""
    try:
        text = path.read_text("utf-8")
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: not changed, it does not parse: {exc}.", path=path) from None
    return text


def _replace(path: Path, text: str) -> None:
    name = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(name, 0o600)
        os.replace(name, path)
    except OSError as exc:
        if name and os.path.exists(name):
            os.unlink(name)
        raise SettingsError(f"{path}: cannot save the theme: {exc.strerror or exc}.") from None
