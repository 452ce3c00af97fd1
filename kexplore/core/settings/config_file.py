"""Config file: Profile, and the [profiles.NAME] tables of config.toml read and checked."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kexplore.core.settings.base_url import DEFAULT_BASE_URL, normalise_base_url
from kexplore.core.settings.preferences import Preferences, parse_preferences
from kexplore.core.settings.settings_error import SettingsError

__all__ = ["DEFAULT_KEY_ENV", "Profile", "read_config"]

DEFAULT_KEY_ENV = "KUSTOMER_API_KEY"
"""The environment variable the API key is read from unless a profile names another."""

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")
_PROFILE_KEYS = ("base_url", "key_env", "confirm_writes", "sandbox", "openapi")
_SECRET_KEYS = frozenset({"key", "api_key", "apikey", "apiKey", "token", "password", "secret"})


@dataclass(frozen=True)
class Profile:
    """A named place to talk to: a base URL and the env var holding its key."""

    name: str
    """The profile's name (`default` when no profile is configured)."""
    base_url: str
    """The effective base URL, normalised: scheme and host, no path, no trailing slash."""
    key_env: str = DEFAULT_KEY_ENV
    """The environment variable the API key is read from (never the key itself)."""
    confirm_writes: bool = True
    """Whether POST/PUT/PATCH/DELETE ask for confirmation first (ignored for a sandbox)."""
    sandbox: bool = False
    """Whether this points at kexplore's offline sandbox."""
    openapi: Path | None = None
    """An OpenAPI document whose operations make the resource tree (None: Kustomer's)."""

    @property
    def asks_before_writes(self) -> bool:
        """Whether a write should be confirmed: never for a sandbox, else as configured."""
        return self.confirm_writes and not self.sandbox


def read_config(
    path: Path, *, required: bool
) -> tuple[dict[str, Profile], str | None, Preferences]:
    """The profiles in `path`, its `default_profile` and preferences; none if it is absent.

    Args:
        path: The config file.
        required: Whether a missing file is an error (it was named explicitly).

    Returns:
        The profiles by name, the `default_profile` the file names (or None), and the
        `theme` and `[keys]` preferences.

    Raises:
        SettingsError: for a file that cannot be read or parsed, or a bad setting in it.
    """
    if not path.exists() and not required:
        return {}, None, Preferences()
    document = _parse_toml(path)
    unknown = sorted(set(document) - {"default_profile", "theme", "profiles", "keys"})
    if unknown:
        raise SettingsError(
            f"{path}: unknown setting {unknown[0]!r}; the file holds default_profile, theme, "
            "[profiles.NAME] tables and [keys].",
            path=path,
        )
    default_name = document.get("default_profile")
    if default_name is not None and not isinstance(default_name, str):
        raise SettingsError(f"{path}: default_profile must be a string.", path=path)
    tables = document.get("profiles", {})
    if not isinstance(tables, dict):
        raise SettingsError(f"{path}: profiles must be tables, [profiles.NAME].", path=path)
    profiles = {name: _parse_profile(path, name, table) for name, table in tables.items()}
    return profiles, default_name, parse_preferences(path, document)


def _parse_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read it: {exc.strerror or exc}.", path=path) from None
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path}: not UTF-8 text (byte {exc.start}).", path=path) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, text, str(exc)) from None


def _toml_error(path: Path, text: str, message: str) -> SettingsError:
    """A SettingsError naming file, line and column, parsed out of tomllib's message."""
    where = _TOML_WHERE.search(message)
    if where:
        line, column = int(where.group(1)), int(where.group(2))
        reason = message[: where.start()]
    else:
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
        reason = _TOML_END.sub("", message) + " (at the end of the file)"
    return SettingsError(
        f"{path}, line {line}, column {column}: {reason}. "
        "kexplore does not change this file: fix it, or move it away.",
        path=path,
        line=line,
        column=column,
    )


def _parse_profile(path: Path, name: str, table: Any) -> Profile:
    where = f"{path}: profile {name!r}"
    if not isinstance(table, dict):
        raise SettingsError(f"{where} must be a table, [profiles.{name}].", path=path)
    secrets = sorted(set(table) & _SECRET_KEYS)
    if secrets:
        raise SettingsError(
            f"{where} has a {secrets[0]!r} value, but keys never go in config.toml. Remove it, "
            "put the key in an environment variable and name that variable with key_env, "
            f'e.g. key_env = "{DEFAULT_KEY_ENV}".',
            path=path,
        )
    unknown = sorted(set(table) - set(_PROFILE_KEYS))
    if unknown:
        allowed = ", ".join(_PROFILE_KEYS)
        raise SettingsError(f"{where}: unknown setting {unknown[0]!r} (use {allowed}).", path=path)
    return Profile(
        name=name,
        base_url=_profile_base_url(where, path, table.get("base_url")),
        key_env=_profile_key_env(where, path, table.get("key_env", DEFAULT_KEY_ENV)),
        confirm_writes=_profile_flag(where, path, table, "confirm_writes", default=True),
        sandbox=_profile_flag(where, path, table, "sandbox", default=False),
        openapi=_profile_openapi(where, path, table.get("openapi")),
    )


def _profile_base_url(where: str, path: Path, value: Any) -> str:
    if value is None:
        return DEFAULT_BASE_URL
    if not isinstance(value, str):
        raise SettingsError(f"{where}: base_url must be a string.", path=path)
    try:
        return normalise_base_url(value)
    except SettingsError as exc:
        raise SettingsError(f"{where}: {exc.message}", path=path) from None


def _profile_openapi(where: str, path: Path, value: Any) -> Path | None:
    """The profile's OpenAPI document; a relative path is relative to the config file."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{where}: openapi must be the path of a JSON or YAML file.", path=path)
    return path.parent / Path(value.strip()).expanduser()


def _profile_key_env(where: str, path: Path, value: Any) -> str:
    # The value is never echoed: someone may have pasted the key itself here.
    if not isinstance(value, str) or not _ENV_NAME.match(value):
        raise SettingsError(
            f"{where}: key_env must be the NAME of an environment variable holding the key "
            f"(letters, digits and _, like {DEFAULT_KEY_ENV}), not the key itself.",
            path=path,
        )
    return value


def _profile_flag(
    where: str, path: Path, table: dict[str, Any], key: str, *, default: bool
) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise SettingsError(f"{where}: {key} must be true or false.", path=path)
    return value
