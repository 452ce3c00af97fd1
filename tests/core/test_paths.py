"""Tests for the default paths: XDG locations, and no directory created on read."""

from __future__ import annotations

from pathlib import Path

import pytest

from kexplore.core.settings import paths


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def test_config_path_in_xdg_config_home(xdg: Path) -> None:
    assert paths.config_dir() == xdg / "config" / "kexplore"
    assert paths.default_config_path() == xdg / "config" / "kexplore" / "config.toml"


def test_history_and_collection_in_xdg_data_home(xdg: Path) -> None:
    assert paths.data_dir() == xdg / "data" / "kexplore"
    assert paths.default_history_path() == xdg / "data" / "kexplore" / "history.toml"
    assert paths.default_collection_path() == xdg / "data" / "kexplore" / "collection.toml"


def test_falls_back_to_home_without_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert paths.default_config_path() == tmp_path / ".config" / "kexplore" / "config.toml"
    assert paths.default_history_path() == tmp_path / ".local/share/kexplore/history.toml"


def test_reading_paths_creates_nothing(xdg: Path) -> None:
    for function in (
        paths.config_dir,
        paths.data_dir,
        paths.default_config_path,
        paths.default_history_path,
        paths.default_collection_path,
    ):
        function()
    assert sorted(p.name for p in xdg.iterdir()) == []
