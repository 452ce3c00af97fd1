"""Preferences: theme and [keys] read from config.toml; the theme saved without losing a line."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kexplore.core.settings.preferences import save_theme
from kexplore.core.settings.settings import SettingsError, load_settings


def test_theme_and_keys_are_read(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('theme = "nord"\n\n[keys]\n"main.send" = "ctrl+j,f5"\n')
    preferences = load_settings({}, config_path=config).preferences
    assert preferences.theme == "nord"
    assert dict(preferences.keys) == {"main.send": "ctrl+j,f5"}


@pytest.mark.parametrize(
    "text",
    ["theme = 3\n", '[keys]\n"send" = "f5"\n', '[keys]\n"main.send" = 5\n', 'keys = "x"\n'],
)
def test_bad_preferences_are_refused(tmp_path: Path, text: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text)
    with pytest.raises(SettingsError):
        load_settings({}, config_path=config)


def test_save_theme_keeps_comments_and_profiles(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    original = '# mine\ndefault_profile = "a"\n\n[profiles.a]\nbase_url = "https://a.example"\n'
    config.write_text(original)
    save_theme(config, "textual-light")
    assert config.read_text() == 'theme = "textual-light"\n' + original
    save_theme(config, "nord")
    assert config.read_text() == 'theme = "nord"\n' + original
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert load_settings({}, config_path=config).preferences.theme == "nord"


def test_save_theme_never_overwrites_a_broken_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("this is [not toml\n")
    with pytest.raises(SettingsError, match="does not parse"):
        save_theme(config, "nord")
    assert config.read_text() == "this is [not toml\n"


def test_save_theme_creates_the_file(tmp_path: Path) -> None:
    config = tmp_path / "sub" / "config.toml"
    save_theme(config, "dracula")
    assert config.read_text() == 'theme = "dracula"\n'
