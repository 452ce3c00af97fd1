"""Settings and load_settings: the base URL, the profile, and where the API key comes from."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kexplore.core.settings.base_url import (
    DEFAULT_BASE_URL,
    REGIONS,
    normalise_base_url,
    org_base_url,
)
from kexplore.core.settings.config_file import DEFAULT_KEY_ENV, Profile, read_config
from kexplore.core.settings.paths import (
    default_collection_path,
    default_config_path,
    default_history_path,
)
from kexplore.core.settings.preferences import Preferences
from kexplore.core.settings.settings_error import SettingsError

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

BASE_URL_ENV = "KUSTOMER_BASE_URL"
"""The environment variable that overrides the profile's base URL."""
HISTORY_ENV = "KEXPLORE_HISTORY"
"""The environment variable that moves the history file."""
DEFAULT_PROFILE_NAME = "default"
"""The name of the profile used when the config names none."""


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
    profiles: tuple[Profile, ...] = ()
    """Every profile config.toml defines: each pairs an origin with its key variable."""
    keys: Mapping[str, str] = field(default_factory=dict, repr=False)
    """The keys that are set, by environment variable name (each profile's `key_env`).
    Never shown, never written."""
    preferences: Preferences = field(default_factory=Preferences)
    """The theme and remapped keys from config.toml."""

    @property
    def base_url(self) -> str:
        """The effective base URL (the profile's)."""
        return self.profile.base_url


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
    profiles, default_name, preferences = read_config(path, required=config_path is not None)
    chosen = _choose_profile(profiles, profile or default_name, path, explicit=bool(profile))
    override = _base_url_override(environ, base_url=base_url, region=region, org=org)
    if override:
        chosen = dataclasses.replace(chosen, base_url=override)
    return Settings(
        profile=chosen,
        api_key=_key(environ, chosen.key_env),
        config_path=path,
        history_path=_history_path(environ, history_path),
        collection_path=_given_path(collection_path) or default_collection_path(),
        profiles=tuple(profiles.values()),
        keys=_keys(environ, [chosen, *profiles.values()]),
        preferences=preferences,
    )


def _key(environ: Mapping[str, str], name: str) -> str | None:
    return (environ.get(name) or "").strip() or None


def _keys(environ: Mapping[str, str], profiles: list[Profile]) -> dict[str, str]:
    """The keys the profiles name that are set (only those: kexplore holds no other)."""
    found = {profile.key_env: _key(environ, profile.key_env) for profile in profiles}
    return {name: key for name, key in found.items() if key}


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
