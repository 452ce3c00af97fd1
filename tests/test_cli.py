"""The command line: what a user sees when something is missing or wrong, and `kexplore sandbox`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kexplore.cli import main


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """An environment with no key and every XDG dir under tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUSTOMER_", "KEXPLORE_"))}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
    env["HOME"] = str(tmp_path / "home")
    return env


def test_no_key_starts_keyless_and_says_how_to_set_one_or_use_the_sandbox(
    clean_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No key is no error (a server may need none): the app starts, sends no Authorization,
    and says how to set a key or try the sandbox."""
    import kexplore.app

    started: list[dict[str, object]] = []

    class Ran:
        def run(self) -> None:
            started.append({})

    def fake_build_app(settings: object, **options: object) -> Ran:
        started.append({"settings": settings, **options})
        return Ran()

    monkeypatch.setattr(kexplore.app, "build_app", fake_build_app)
    assert main([], clean_env) == 0
    built = started[0]
    assert built["settings"].api_key is None  # type: ignore[attr-defined]
    notice = str(built["notice"])
    assert "KUSTOMER_API_KEY" in notice and "kexplore --sandbox" in notice


@pytest.mark.parametrize("url", ["ftp://example.com", "not a url", "example.com/v1"])
def test_a_bad_base_url_is_refused_precisely(
    url: str, clean_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    env = {**clean_env, "KUSTOMER_API_KEY": "k"}
    assert main(["--base-url", url], env) == 2
    assert capsys.readouterr().err.startswith("kexplore: ")


def test_a_broken_config_names_file_line_and_column(
    tmp_path: Path, clean_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[profiles.acme]\nbase_url = "https://acme.api.kustomerapp.com\n')
    before = config.read_bytes()
    assert main(["--config", str(config)], {**clean_env, "KUSTOMER_API_KEY": "k"}) == 2
    error = capsys.readouterr().err
    assert str(config) in error and "line 2" in error
    assert config.read_bytes() == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_sandbox_command_serves_and_prints_its_url_and_keys(clean_env: dict[str, str]) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "kexplore", "sandbox", "--port", str(port)]
    process = subprocess.Popen(command, env=clean_env, stdout=subprocess.PIPE, text=True)
    try:
        response = _wait_for(f"http://127.0.0.1:{port}/v1/customers?pageSize=2")
        assert response.status_code == 200
        assert response.json()["meta"]["total"] == 250
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}" in output
    assert "sandbox-admin-key" in output and "sandbox-read-key" in output


def _wait_for(url: str) -> httpx.Response:
    headers = {"Authorization": "Bearer sandbox-admin-key"}
    deadline = time.monotonic() + 20
    while True:
        try:
            return httpx.get(url, headers=headers, timeout=2)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_sandbox_refuses_a_non_loopback_default(clean_env: dict[str, str]) -> None:
    """Only an explicit --host may bind beyond loopback; the default never does."""
    from kexplore.sandbox.server import SandboxConfig, start_sandbox

    with pytest.raises(ValueError):
        start_sandbox(SandboxConfig(host="0.0.0.0", port=0))


def test_sandbox_option_holds_its_port_from_the_start(tmp_path: Path) -> None:
    """--sandbox binds its loopback port before the TUI starts, so the base URL on screen is
    the sandbox's and no other process can take the port while the server starts up."""
    from kexplore.cli import _sandbox_settings, _start_sandbox, build_parser

    args = build_parser().parse_args(["--sandbox", "--history", str(tmp_path / "h.toml")])
    settings, sock = _sandbox_settings(args, {"HOME": str(tmp_path)})
    port = sock.getsockname()[1]
    assert settings.profile.base_url == f"http://127.0.0.1:{port}"
    with socket.socket() as rival, pytest.raises(OSError):
        rival.bind(("127.0.0.1", port))
    sandbox = _start_sandbox(sock)
    try:
        answer = httpx.get(
            f"{settings.profile.base_url}/v1/customers",
            headers={"Authorization": f"Bearer {settings.api_key}"},
        )
        assert answer.status_code == 200
    finally:
        sandbox.stop()


@pytest.mark.parametrize(
    "url",
    [
        "http://" + "a" * 10_000,
        "https://" + "a" * 64 + ".example.com",
        "https://" + "a." * 130 + "com",
    ],
)
def test_a_host_too_long_is_refused_at_start_in_one_line(
    url: str, clean_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Not at the first request, wrapped over lines: at once, exit 2, one line."""
    assert main(["--base-url", url], {**clean_env, "KUSTOMER_API_KEY": "k"}) == 2
    error = capsys.readouterr().err
    assert error.startswith("kexplore: ") and error.count("\n") == 1
    assert len(error) < 400  # the host is not echoed whole
