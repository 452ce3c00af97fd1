"""Settings and load_settings: the base URL, the profile, and where the API key comes from."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import SplitResult, urlsplit

from kexplore.core.paths import (
    default_collection_path,
    default_config_path,
    default_history_path,
)

__all__ = [
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_KEY_ENV",
    "DEFAULT_PROFILE_NAME",
    "HISTORY_ENV",
    "REGIONS",
    "Profile",
    "Settings",
    "SettingsError",
    "load_settings",
    "normalise_base_url",
    "org_base_url",
]

REGIONS: Mapping[str, str] = MappingProxyType(
    {
        "us": "https://api.kustomerapp.com",
        "eu": "https://api.prod2.kustomerapp.com",
        "in": "https://api.prod4.kustomerapp.com",
    }
)
"""Kustomer's regional API hosts, by the region name `--region` takes."""
DEFAULT_BASE_URL = REGIONS["us"]
"""The base URL when nothing else says otherwise."""
DEFAULT_KEY_ENV = "KUSTOMER_API_KEY"
"""The environment variable the API key is read from unless a profile names another."""
BASE_URL_ENV = "KUSTOMER_BASE_URL"
"""The environment variable that overrides the profile's base URL."""
HISTORY_ENV = "KEXPLORE_HISTORY"
"""The environment variable that moves the history file."""
DEFAULT_PROFILE_NAME = "default"
"""The name of the profile used when the config names none."""

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ORG_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_HOST_NAME = re.compile(
    r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$"
)
_OTHER_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)")
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PROFILE_KEYS = ("base_url", "key_env", "confirm_writes", "sandbox")
_SECRET_KEYS = frozenset({"key", "api_key", "apikey", "apiKey", "token", "password", "secret"})


class SettingsError(ValueError):
    """Settings that cannot be used, with a message precise enough to fix them."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        """Create the error.

        Args:
            message: What is wrong and how to fix it (names the file, line and column if any).
            path: The config file at fault, if any.
            line: The 1-based line in that file, if known.
            column: The 1-based column in that file, if known.
        """
        super().__init__(message)
        self.message = message
        """What is wrong, for a person."""
        self.path = path
        """The config file at fault, if any."""
        self.line = line
        """The 1-based line at fault, if known."""
        self.column = column
        """The 1-based column at fault, if known."""


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

    @property
    def asks_before_writes(self) -> bool:
        """Whether a write should be confirmed: never for a sandbox, else as configured."""
        return self.confirm_writes and not self.sandbox


@dataclass(frozen=True)
class Settings:
    """Everything kexplore needs to start, resolved once from argv, environment and config."""

    profile: Profile
    """The chosen profile, with the effective base URL."""
    api_key: str | None = field(repr=False)
    """The API key from the profile's env var, or None. Never shown, never written."""
    config_path: Path
    """The profiles file that was read (it need not exist)."""
    history_path: Path
    """Where request history is appended."""
    collection_path: Path
    """Where named, saved requests are kept."""

    @property
    def base_url(self) -> str:
        """The effective base URL (the profile's)."""
        return self.profile.base_url


def normalise_base_url(url: str) -> str:
    """Check a base URL and reduce it to `scheme://host[:port]`.

    Args:
        url: What the user gave, e.g. `https://api.kustomerapp.com/`.

    Returns:
        The URL lower-cased, without a default port or trailing slash.

    Raises:
        SettingsError: if it is empty, not a URL, has no or a non-http(s) scheme, carries a
            user name or password, or has a path, query or fragment.
    """
    text = url.strip() if isinstance(url, str) else ""
    if not text:
        raise SettingsError("The base URL is empty: give one such as https://api.kustomerapp.com.")
    _check_characters(text)
    _check_scheme(text)
    parts = urlsplit(text)
    origin = f"{parts.scheme.lower()}://{_host_and_port(text, parts)}"
    _check_no_path(text, parts, origin)
    return origin


def org_base_url(org: str) -> str:
    """The org host for an org name: `acme` -> `https://acme.api.kustomerapp.com`.

    Raises:
        SettingsError: if `org` is not a valid subdomain name.
    """
    name = org.strip().lower()
    if not _ORG_NAME.match(name):
        raise SettingsError(
            f"Org name {org!r} is not a valid name: use the subdomain you log in at "
            "(acme for acme.kustomerapp.com)."
        )
    return f"https://{name}.api.kustomerapp.com"


def _check_characters(text: str) -> None:
    for position, char in enumerate(text, start=1):
        if char.isspace() or ord(char) < 32 or ord(char) == 127:
            what = "a space" if char == " " else f"the character {char!r}"
            raise SettingsError(
                f"The base URL {text!r} is not a URL: it contains {what} at position {position}."
            )


def _check_scheme(text: str) -> None:
    if "://" not in text:
        other = _OTHER_SCHEME.match(text)
        if other is None:
            raise SettingsError(
                f"The base URL {text!r} has no scheme: write https://{text} "
                "(or http:// for a local server such as the sandbox)."
            )
        scheme = other.group(1)
    else:
        scheme = text.split("://", 1)[0]
    if not scheme:
        raise SettingsError(f"The base URL {text!r} has no scheme before '://': add https.")
    if scheme.lower() not in _DEFAULT_PORTS:
        raise SettingsError(
            f"The base URL {text!r} uses the scheme {scheme!r}: kexplore speaks only https "
            "(and http, for a local server such as the sandbox)."
        )


def _host_and_port(text: str, parts: SplitResult) -> str:
    """`host[:port]` of an http(s) URL, the default port dropped."""
    try:
        host, port = parts.hostname or "", parts.port
    except ValueError as exc:
        raise SettingsError(f"The base URL {text!r} is not a URL: {exc}.") from None
    if "@" in parts.netloc:
        raise SettingsError(
            "The base URL carries a user name or password before '@': remove it. "
            "kexplore sends the API key as a header, never in the URL."
        )
    if not host:
        raise SettingsError(f"The base URL {text!r} is not a URL: there is no host name.")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    elif not _HOST_NAME.match(host):
        raise SettingsError(f"The base URL {text!r} is not a URL: {host!r} is not a host name.")
    default = _DEFAULT_PORTS[parts.scheme.lower()]
    return host if port in (None, default) else f"{host}:{port}"


def _check_no_path(text: str, parts: SplitResult, origin: str) -> None:
    why = (
        f"give only the scheme and host, e.g. {origin}. kexplore adds the /v1/... paths itself, "
        "and Kustomer's links (/v1/...) are relative to the host, so anything after it would be "
        "dropped or doubled."
    )
    if parts.path not in ("", "/"):
        raise SettingsError(f"The base URL {text!r} has a path ({parts.path!r}): {why}")
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise SettingsError(f"The base URL {text!r} has a query or fragment: {why}")


def load_settings(
    environ: Mapping[str, str],
    *,
    base_url: str | None = None,
    region: str | None = None,
    org: str | None = None,
    profile: str | None = None,
    config_path: Path | str | None = None,
    history_path: Path | str | None = None,
    collection_path: Path | str | None = None,
) -> Settings:
    """Resolve the settings from command-line values, the environment and `config.toml`.

    The base URL comes from, first to last: `base_url` (--base-url), `KUSTOMER_BASE_URL`,
    `org` (--org), `region` (--region), the profile's `base_url`, then the US host. The key
    comes only from the environment variable the profile names (default `KUSTOMER_API_KEY`).

    Args:
        environ: The environment (cli.py passes `os.environ`).
        base_url: An explicit base URL.
        region: `us`, `eu` or `in`.
        org: An org name, for `https://{org}.api.kustomerapp.com`.
        profile: A profile name from the config file.
        config_path: The config file (default: `config.toml` in the XDG config dir).
        history_path: The history file (default: `KEXPLORE_HISTORY`, else the XDG data dir).
        collection_path: The collection file (default: in the XDG data dir).

    Returns:
        The frozen settings.

    Raises:
        SettingsError: for a bad base URL, region, org or profile name, or a bad config file.
    """
    path = Path(config_path).expanduser() if config_path else default_config_path()
    profiles, default_name = _read_config(path, required=config_path is not None)
    chosen = _choose_profile(profiles, profile or default_name, path, explicit=bool(profile))
    override = _base_url_override(environ, base_url=base_url, region=region, org=org)
    if override:
        chosen = dataclasses.replace(chosen, base_url=override)
    return Settings(
        profile=chosen,
        api_key=(environ.get(chosen.key_env) or "").strip() or None,
        config_path=path,
        history_path=_history_path(environ, history_path),
        collection_path=_given_path(collection_path) or default_collection_path(),
    )


def _base_url_override(
    environ: Mapping[str, str], *, base_url: str | None, region: str | None, org: str | None
) -> str | None:
    """The base URL from argv or environment, in precedence order; None to use the profile's."""
    if base_url:
        return normalise_base_url(base_url)
    if environ.get(BASE_URL_ENV, "").strip():
        try:
            return normalise_base_url(environ[BASE_URL_ENV])
        except SettingsError as exc:
            raise SettingsError(f"{BASE_URL_ENV}: {exc.message}") from None
    if org:
        return org_base_url(org)
    if region:
        known = REGIONS.get(region.strip().lower())
        if known is None:
            names = ", ".join(REGIONS)
            raise SettingsError(f"Unknown region {region!r}: use one of {names}.")
        return known
    return None


def _given_path(value: Path | str | None) -> Path | None:
    return Path(value).expanduser() if value else None


def _history_path(environ: Mapping[str, str], explicit: Path | str | None) -> Path:
    from_env = environ.get(HISTORY_ENV, "").strip()
    return _given_path(explicit) or _given_path(from_env) or default_history_path()


def _read_config(path: Path, *, required: bool) -> tuple[dict[str, Profile], str | None]:
    """The profiles in `path` and its `default_profile`; none if it is absent and optional."""
    if not path.exists() and not required:
        return {}, None
    document = _parse_toml(path)
    unknown = sorted(set(document) - {"default_profile", "profiles"})
    if unknown:
        raise SettingsError(
            f"{path}: unknown setting {unknown[0]!r}; the file holds default_profile and "
            "[profiles.NAME] tables.",
            path=path,
        )
    default_name = document.get("default_profile")
    if default_name is not None and not isinstance(default_name, str):
        raise SettingsError(f"{path}: default_profile must be a string.", path=path)
    tables = document.get("profiles", {})
    if not isinstance(tables, dict):
        raise SettingsError(f"{path}: profiles must be tables, [profiles.NAME].", path=path)
    profiles = {name: _parse_profile(path, name, table) for name, table in tables.items()}
    return profiles, default_name


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


def _choose_profile(
    profiles: dict[str, Profile], name: str | None, path: Path, *, explicit: bool
) -> Profile:
    """The named profile, or a `default` one on the default URL when none is named."""
    if name is None:
        return Profile(DEFAULT_PROFILE_NAME, DEFAULT_BASE_URL)
    if name in profiles:
        return profiles[name]
    known = ", ".join(sorted(profiles)) or f"none ({path} defines no [profiles.NAME])"
    asked = "--profile" if explicit else "default_profile ="
    raise SettingsError(f"{asked} {name!r} names no profile in {path}. Known profiles: {known}.")
