"""Tests for load_settings, normalise_base_url and profiles."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kexplore.core.settings.settings import (
    DEFAULT_BASE_URL,
    REGIONS,
    Profile,
    Settings,
    SettingsError,
    load_settings,
    normalise_base_url,
)

SECRET = "eyJhbGciOiJIUzI1NiJ9.secret-key-value.sig"


@pytest.fixture(autouse=True)
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every default path into tmp_path; return the config dir."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "config" / "kexplore"


def write_config(xdg: Path, text: str) -> Path:
    xdg.mkdir(parents=True, exist_ok=True)
    path = xdg / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


PROFILES = """\
default_profile = "acme"

[profiles.acme]
base_url = "https://acme.api.kustomerapp.com"
key_env = "ACME_KUSTOMER_KEY"

[profiles.eu]
base_url = "https://api.prod2.kustomerapp.com/"
confirm_writes = false

[profiles.local]
base_url = "http://127.0.0.1:8787"
sandbox = true
"""


class TestBaseUrlPrecedence:
    def test_default_is_us(self) -> None:
        settings = load_settings({})
        assert settings.base_url == DEFAULT_BASE_URL == "https://api.kustomerapp.com"
        assert settings.profile.name == "default"

    @pytest.mark.parametrize(
        ("kwargs", "env", "expected"),
        [
            (
                {"base_url": "http://localhost:1", "org": "acme", "region": "eu"},
                {"KUSTOMER_BASE_URL": "http://localhost:2"},
                "http://localhost:1",
            ),
            (
                {"org": "acme", "region": "eu"},
                {"KUSTOMER_BASE_URL": "http://localhost:2"},
                "http://localhost:2",
            ),
            ({"org": "Acme", "region": "eu"}, {}, "https://acme.api.kustomerapp.com"),
            ({"region": "eu"}, {"KUSTOMER_BASE_URL": "  "}, "https://api.prod2.kustomerapp.com"),
            ({"region": "IN"}, {}, "https://api.prod4.kustomerapp.com"),
            ({"region": "us", "profile": "eu"}, {}, "https://api.kustomerapp.com"),
            ({"profile": "eu"}, {}, "https://api.prod2.kustomerapp.com"),
            ({}, {}, "https://acme.api.kustomerapp.com"),  # default_profile
        ],
    )
    def test_each_source_beats_the_next(
        self, xdg: Path, kwargs: dict[str, str], env: dict[str, str], expected: str
    ) -> None:
        write_config(xdg, PROFILES)
        assert load_settings(env, **kwargs).base_url == expected

    def test_override_keeps_the_profile_otherwise(self, xdg: Path) -> None:
        write_config(xdg, PROFILES)
        settings = load_settings({}, profile="eu", base_url="https://other.example")
        assert settings.profile.name == "eu"
        assert settings.profile.confirm_writes is False

    def test_profile_without_base_url_uses_us(self, xdg: Path) -> None:
        write_config(xdg, '[profiles.p]\nkey_env = "P_KEY"\n')
        assert load_settings({}, profile="p").base_url == DEFAULT_BASE_URL

    def test_regions(self) -> None:
        assert dict(REGIONS) == {
            "us": "https://api.kustomerapp.com",
            "eu": "https://api.prod2.kustomerapp.com",
            "in": "https://api.prod4.kustomerapp.com",
        }

    def test_unknown_region(self) -> None:
        with pytest.raises(SettingsError, match=r"Unknown region 'mars': use one of us, eu, in"):
            load_settings({}, region="mars")

    @pytest.mark.parametrize("org", ["acme.kustomerapp.com", "-acme", "ac me", ""])
    def test_bad_org(self, org: str) -> None:
        with pytest.raises(SettingsError, match="subdomain you log in at"):
            load_settings({}, org=org or " ")

    def test_bad_env_base_url_names_the_variable(self) -> None:
        with pytest.raises(SettingsError, match=r"^KUSTOMER_BASE_URL: .*no scheme"):
            load_settings({"KUSTOMER_BASE_URL": "api.kustomerapp.com"})


class TestNormaliseBaseUrl:
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            ("https://api.kustomerapp.com", "https://api.kustomerapp.com"),
            ("  https://api.kustomerapp.com/  ", "https://api.kustomerapp.com"),
            ("HTTPS://API.Kustomerapp.COM:443", "https://api.kustomerapp.com"),
            ("http://127.0.0.1:8787/", "http://127.0.0.1:8787"),
            ("http://localhost:80", "http://localhost"),
            ("http://[::1]:8787", "http://[::1]:8787"),
            ("http://h/api", "http://h/api"),
            ("http://h/api/", "http://h/api"),
            ("HTTP://H.example:5000/API/People//", "http://h.example:5000/API/People"),
            ("https://api.kustomerapp.com/v1", "https://api.kustomerapp.com/v1"),
            ("http://h/api%20v2/", "http://h/api%20v2"),
            (f"https://{'a' * 63}.example", f"https://{'a' * 63}.example"),
            (
                f"https://{'.'.join(['a' * 63] * 3 + ['b' * 61])}",
                f"https://{'.'.join(['a' * 63] * 3 + ['b' * 61])}",
            ),
        ],
    )
    def test_accepted(self, given: str, expected: str) -> None:
        assert normalise_base_url(given) == expected

    @pytest.mark.parametrize(
        ("given", "message"),
        [
            ("", "is empty"),
            ("https://api kustomerapp.com", "is not a URL: it contains a space at position 12"),
            ("https://", "is not a URL: there is no host name"),
            ("https://h:99999", "is not a URL: Port out of range"),
            ("https://bad_host!", "is not a URL: 'bad_host!' is not a host name"),
            ("api.kustomerapp.com", "has no scheme: write https://api.kustomerapp.com"),
            ("localhost:8787", "has no scheme: write https://localhost:8787"),
            ("://h", "has no scheme"),
            ("ftp://files.example", "uses the scheme 'ftp': kexplore speaks only https"),
            ("mailto:someone@example.com", "uses the scheme 'mailto'"),
            ("https://h.example/api/?a=1", "has a query or fragment"),
            ("https://h.example/api/../v1", r"has a '\.' or '\.\.' segment"),
            ("https://h.example/./api", r"has a '\.' or '\.\.' segment"),
            (f"https://{'a' * 64}.example", "has a part of 64 characters"),
            (f"https://api.{'b' * 70}.example/api", "has a part of 70 characters"),
            (
                f"https://{'.'.join(['a' * 63] * 4)}",
                "host name is 255 characters long: DNS allows at most 253",
            ),
            ("https://h.example/?a=1", "has a query or fragment"),
            ("https://h.example#top", "has a query or fragment"),
        ],
    )
    def test_rejected(self, given: str, message: str) -> None:
        with pytest.raises(SettingsError, match=message):
            normalise_base_url(given)

    @pytest.mark.parametrize(
        "given", [f"https://{'a' * 64}.example", f"https://{'.'.join(['a' * 63] * 4)}"]
    )
    def test_host_too_long_is_one_line(self, given: str) -> None:
        with pytest.raises(SettingsError) as caught:
            normalise_base_url(given)
        assert "\n" not in caught.value.message
        assert len(caught.value.message) < 200

    def test_profile_base_url_with_path(self, xdg: Path) -> None:
        write_config(xdg, '[profiles.local]\nbase_url = "http://127.0.0.1:5000/api/"\n')
        settings = load_settings({}, profile="local")
        assert settings.base_url == "http://127.0.0.1:5000/api"

    def test_credentials_rejected_without_echoing_them(self) -> None:
        with pytest.raises(SettingsError, match="user name or password") as caught:
            normalise_base_url("https://me:hunter2@api.kustomerapp.com")
        assert "hunter2" not in str(caught.value)


class TestApiKey:
    def test_from_kustomer_api_key(self) -> None:
        assert load_settings({"KUSTOMER_API_KEY": f" {SECRET}\n"}).api_key == SECRET

    def test_absent_or_blank_is_none(self) -> None:
        assert load_settings({}).api_key is None
        assert load_settings({"KUSTOMER_API_KEY": "  "}).api_key is None

    def test_from_the_profiles_key_env(self, xdg: Path) -> None:
        write_config(xdg, PROFILES)
        env = {"ACME_KUSTOMER_KEY": SECRET, "KUSTOMER_API_KEY": "other"}
        settings = load_settings(env, profile="acme")
        assert settings.api_key == SECRET
        assert settings.profile.key_env == "ACME_KUSTOMER_KEY"

    def test_no_fallback_from_profile_key_env_to_default(self, xdg: Path) -> None:
        """A key meant for one org is never sent to another profile's host."""
        write_config(xdg, PROFILES)
        assert load_settings({"KUSTOMER_API_KEY": "other"}, profile="acme").api_key is None

    @pytest.mark.parametrize("name", ["key", "api_key", "token"])
    def test_key_in_config_is_an_error(self, xdg: Path, name: str) -> None:
        path = write_config(xdg, f'[profiles.prod]\n{name} = "{SECRET}"\n')
        with pytest.raises(SettingsError, match="key_env") as caught:
            load_settings({}, profile="prod")
        assert SECRET not in caught.value.message
        assert str(path) in caught.value.message
        assert caught.value.path == path

    def test_key_pasted_into_key_env_is_not_echoed(self, xdg: Path) -> None:
        write_config(xdg, f'[profiles.prod]\nkey_env = "{SECRET}"\n')
        with pytest.raises(SettingsError, match="NAME of an environment variable") as caught:
            load_settings({}, profile="prod")
        assert SECRET not in caught.value.message

    def test_repr_never_shows_the_key(self) -> None:
        settings = load_settings({"KUSTOMER_API_KEY": SECRET})
        assert SECRET not in repr(settings)
        assert SECRET not in str(settings)
        api_key_field = next(f for f in dataclasses.fields(Settings) if f.name == "api_key")
        assert api_key_field.repr is False

    def test_settings_are_frozen(self) -> None:
        settings = load_settings({})
        with pytest.raises(dataclasses.FrozenInstanceError):
            settings.api_key = "x"  # type: ignore[misc]


class TestConfigFile:
    def test_missing_default_config_is_fine(self, xdg: Path) -> None:
        settings = load_settings({})
        assert settings.config_path == xdg / "config.toml"
        assert not xdg.exists()  # nothing created on read

    def test_missing_explicit_config_is_an_error(self, tmp_path: Path) -> None:
        path = tmp_path / "nope.toml"
        with pytest.raises(SettingsError, match="cannot read it"):
            load_settings({}, config_path=path)

    def test_explicit_config_path(self, tmp_path: Path) -> None:
        path = tmp_path / "other.toml"
        path.write_text('[profiles.x]\nbase_url = "https://x.example"\n')
        settings = load_settings({}, config_path=str(path), profile="x")
        assert settings.base_url == "https://x.example"
        assert settings.config_path == path

    def test_parse_error_names_file_line_and_column(self, xdg: Path) -> None:
        path = write_config(
            xdg, '[profiles.a]\nbase_url = "https://a.example"\nconfirm_writes = yes\n'
        )
        with pytest.raises(SettingsError) as caught:
            load_settings({})
        error = caught.value
        assert (error.path, error.line, error.column) == (path, 3, 18)
        assert error.message.startswith(f"{path}, line 3, column 18: Invalid value.")
        assert "(at line" not in error.message

    def test_parse_error_at_end_of_document(self, xdg: Path) -> None:
        path = write_config(xdg, 'default_profile = "a"\n[profiles.a\n')
        with pytest.raises(SettingsError) as caught:
            load_settings({})
        assert caught.value.path == path
        assert caught.value.line is not None and caught.value.column is not None
        assert f"{path}, line" in caught.value.message

    def test_end_of_document_error_points_at_last_line(self, xdg: Path) -> None:
        write_config(xdg, 'a = "x"\nb = [1,\n  2')
        with pytest.raises(SettingsError) as caught:
            load_settings({})
        assert (caught.value.line, caught.value.column) == (3, 4)
        assert "end of the file" in caught.value.message

    def test_not_utf8(self, xdg: Path) -> None:
        xdg.mkdir(parents=True)
        (xdg / "config.toml").write_bytes(b'default_profile = "\xff"\n')
        with pytest.raises(SettingsError, match="not UTF-8"):
            load_settings({})

    def test_unknown_profile_lists_known_ones(self, xdg: Path) -> None:
        write_config(xdg, PROFILES)
        with pytest.raises(
            SettingsError, match=r"--profile 'prod'.*Known profiles: acme, eu, local"
        ):
            load_settings({}, profile="prod")

    def test_unknown_profile_without_config(self) -> None:
        with pytest.raises(SettingsError, match=r"Known profiles: none \(.*defines no"):
            load_settings({}, profile="prod")

    def test_default_profile_must_exist(self, xdg: Path) -> None:
        write_config(xdg, 'default_profile = "gone"\n[profiles.a]\n')
        with pytest.raises(SettingsError, match="default_profile = 'gone' names no profile"):
            load_settings({})

    def test_profile_fields(self, xdg: Path) -> None:
        write_config(xdg, PROFILES)
        assert load_settings({}, profile="local").profile == Profile(
            "local", "http://127.0.0.1:8787", "KUSTOMER_API_KEY", True, True
        )
        assert load_settings({}, profile="eu").profile.confirm_writes is False

    @pytest.mark.parametrize(
        ("table", "message"),
        [
            ('base-url = "https://x"', "unknown setting 'base-url'"),
            ("confirm_writes = 1", "confirm_writes must be true or false"),
            ("sandbox = 'yes'", "sandbox must be true or false"),
            ("base_url = 3", "base_url must be a string"),
            ('base_url = "https://x.example/v1?a=1"', r"profile 'p': The base URL .* has a query"),
        ],
    )
    def test_bad_profile_values(self, xdg: Path, table: str, message: str) -> None:
        write_config(xdg, f"[profiles.p]\n{table}\n")
        with pytest.raises(SettingsError, match=message):
            load_settings({})

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("colour = 'dark'\n", "unknown setting 'colour'"),
            ("default_profile = 1\n", "default_profile must be a string"),
            ("profiles = 3\n", "profiles must be tables"),
            ("profiles = { a = 1 }\n", "profile 'a' must be a table"),
        ],
    )
    def test_bad_top_level(self, xdg: Path, text: str, message: str) -> None:
        write_config(xdg, text)
        with pytest.raises(SettingsError, match=message):
            load_settings({})


class TestProfile:
    def test_sandbox_never_asks_before_writes(self) -> None:
        assert not Profile("s", "http://127.0.0.1:1", sandbox=True).asks_before_writes
        assert Profile("p", DEFAULT_BASE_URL).asks_before_writes
        assert not Profile("p", DEFAULT_BASE_URL, confirm_writes=False).asks_before_writes


class TestDataPaths:
    def test_defaults_in_xdg_data(self, tmp_path: Path) -> None:
        settings = load_settings({})
        assert settings.history_path == tmp_path / "data" / "kexplore" / "history.toml"
        assert settings.collection_path == tmp_path / "data" / "kexplore" / "collection.toml"
        assert not (tmp_path / "data").exists()

    def test_history_env(self, tmp_path: Path) -> None:
        settings = load_settings({"KEXPLORE_HISTORY": str(tmp_path / "h.toml")})
        assert settings.history_path == tmp_path / "h.toml"

    def test_explicit_beats_env(self, tmp_path: Path) -> None:
        settings = load_settings(
            {"KEXPLORE_HISTORY": str(tmp_path / "env.toml")},
            history_path=tmp_path / "arg.toml",
            collection_path=str(tmp_path / "c.toml"),
        )
        assert settings.history_path == tmp_path / "arg.toml"
        assert settings.collection_path == tmp_path / "c.toml"
