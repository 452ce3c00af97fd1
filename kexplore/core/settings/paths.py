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
    """The directory of `config.toml` (`$XDG_CONFIG_HOME/kexplore` on Linux); not created."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False, ensure_exists=False)


def data_dir() -> Path:
    """The directory of history and collections (`$XDG_DATA_HOME/kexplore`); not created."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False, ensure_exists=False)


def default_config_path() -> Path:
    """The default profiles file, `config.toml` in `config_dir()`."""
    return config_dir() / "config.toml"


def default_history_path() -> Path:
    """The default request history, `history.toml` in `data_dir()`."""
    return data_dir() / "history.toml"


def default_collection_path() -> Path:
    """The default saved-request collection, `collection.toml` in `data_dir()`."""
    return data_dir() / "collection.toml"
