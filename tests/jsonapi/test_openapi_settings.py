"""Where the OpenAPI document comes from: `--openapi FILE`, or a profile's `openapi = "path"`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from kexplore import app as app_module
from kexplore.cli import main
from kexplore.core.settings.settings import SettingsError, load_settings


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUSTOMER_", "KEXPLORE_"))}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
    env["HOME"] = str(tmp_path / "home")
    env["KUSTOMER_API_KEY"] = "k"
    return env


def test_a_profile_names_its_document_relative_to_the_config(tmp_path: Path) -> None:
    config = tmp_path / "conf" / "config.toml"
    config.parent.mkdir()
    config.write_text(
        '[profiles.blog]\nbase_url = "http://127.0.0.1:5000/api/"\nopenapi = "specs/blog.yaml"\n'
        '[profiles.abs]\nopenapi = "/srv/api.json"\n[profiles.none]\n'
    )
    blog = load_settings({}, config_path=config, profile="blog").profile
    assert (blog.base_url, blog.openapi) == (
        "http://127.0.0.1:5000/api",
        config.parent / "specs/blog.yaml",
    )
    assert load_settings({}, config_path=config, profile="abs").profile.openapi == Path(
        "/srv/api.json"
    )
    assert load_settings({}, config_path=config, profile="none").profile.openapi is None


@pytest.mark.parametrize("value", ["3", '""', "[]"])
def test_a_bad_openapi_setting_is_refused(tmp_path: Path, value: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[profiles.p]\nopenapi = {value}\n")
    with pytest.raises(SettingsError, match="openapi must be the path of a JSON or YAML file"):
        load_settings({}, config_path=config, profile="p")


def test_the_option_overrides_the_profile(
    tmp_path: Path, clean_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[profiles.p]\nopenapi = "profile.yaml"\n')
    started: list[Any] = []

    class Stub:
        def run(self) -> None:
            started.append("ran")

    def build(settings: Any, **_: Any) -> Stub:
        started.append(settings.profile.openapi)
        return Stub()

    monkeypatch.setattr(app_module, "build_app", build)
    args = ["--config", str(config), "--profile", "p", "--base-url", "http://127.0.0.1:9/api"]
    assert main([*args, "--openapi", str(tmp_path / "given.json")], clean_env) == 0
    assert main(args, clean_env) == 0
    assert started == [tmp_path / "given.json", "ran", tmp_path / "profile.yaml", "ran"]
