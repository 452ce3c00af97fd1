"""Where kexplore's files live by default (XDG on Linux, via platformdirs); never creates them."""

from __future__ import annotations

from pathlib import Path

import platformdirs

__all__ = [
    "APP_NAME",
    "config_dir",
    "data_dir",
    "default_collection_path",
    "default_config_path",
    "default_history_path",
]

APP_NAME = "kexplore"
"""The directory name under the platform's config and data directories."""


def config_dir() -> Path:
    """The directory of `config.toml`; not created.

    Returns:
        `$XDG_CONFIG_HOME/kexplore` on Linux (`~/.config/kexplore` when it is unset), the
        platform's own place elsewhere.
    """
    return platformdirs.user_config_path(APP_NAME, appauthor=False, ensure_exists=False)


def data_dir() -> Path:
    """The directory of history and collections; not created.

    Returns:
        `$XDG_DATA_HOME/kexplore` on Linux (`~/.local/share/kexplore` when it is unset), the
        platform's own place elsewhere.
    """
    return platformdirs.user_data_path(APP_NAME, appauthor=False, ensure_exists=False)


def default_config_path() -> Path:
    """The default profiles file.

    Returns:
        `config.toml` in `config_dir()`; it may not exist.
    """
    return config_dir() / "config.toml"


def default_history_path() -> Path:
    """The default request history (`KEXPLORE_HISTORY` overrides it, see `load_settings`).

    Returns:
        `history.toml` in `data_dir()`; it may not exist.
    """
    return data_dir() / "history.toml"


def default_collection_path() -> Path:
    """The default saved-request collection.

    Returns:
        `collection.toml` in `data_dir()`; it may not exist.
    """
    return data_dir() / "collection.toml"
