"""Bad input: base URLs, unparsable config/collection/history files, unwritable or full disks."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from piloting import settle

from kexplore.app import KexploreApp
from kexplore.core.history.collection import Collection
from kexplore.core.history.file import HistoryError
from kexplore.core.history.store import HistoryStore
from kexplore.core.http.client import ApiClient, ApiError
from kexplore.core.http.request import ApiRequest, RequestError, build_request
from kexplore.core.settings.base_url import normalise_base_url
from kexplore.core.settings.settings import SettingsError, load_settings
from kexplore.sandbox.server import RunningSandbox

SIZE = (140, 50)
BROKEN_TOML = b'[[entry]]\nid = "x"\nmethod = "GET"\nurl = "http://h/v1/a\n\n[[entry]\n'


async def send(app: KexploreApp, pilot: object, path: str) -> None:
    await pilot.press("ctrl+l")  # type: ignore[attr-defined]
    app.screen.query_one("#path").value = path  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)


def status(app: KexploreApp) -> str:
    return str(app.screen.query_one("#status-line").render())


def messages(app: KexploreApp) -> list[str]:
    return [n.message for n in app._notifications]  # what the toasts say


def cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "KUSTOMER_API_KEY": "k",
        "TERM": "dumb",
    }
    command = [sys.executable, "-m", "kexplore", *args]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )


# --- base URLs ------------------------------------------------------------------------------

BAD_BASE_URLS = [
    ("", "empty"),
    ("   ", "empty"),
    ("not a url", ""),
    ("api.kustomerapp.com", ""),
    ("ftp://x", "ftp"),
    ("file:///etc/passwd", "file"),
    ("javascript:alert(1)", ""),
    ("http://", ""),
    ("https://user:secret@acme.api.kustomerapp.com", ""),
    ("https://user:secret@acme.api.kustomerapp.com:99999", ""),
    ("https://acme.api.kustomerapp.com/v1/../v2", "segment"),
    (f"https://{'a' * 64}.kustomerapp.com", "dns"),
    (f"https://{'.'.join(['a' * 63] * 4)}", "dns"),
    ("https://acme.api.kustomerapp.com?x=1", ""),
    ("http://h:99999", ""),
    ("http://[::1", ""),
    ("http://exa mple.com", ""),
    ("http://h\x00.com", ""),
    ("http://h\u202e.com", ""),
]


@pytest.mark.parametrize(("url", "word"), BAD_BASE_URLS)
def test_bad_base_urls_are_refused_with_a_message(url: str, word: str) -> None:
    with pytest.raises(SettingsError) as caught:
        normalise_base_url(url)
    message = str(caught.value)
    assert len(message) > 20 and word in message.lower()
    assert "secret" not in message, "a password in the URL must not be echoed"


@pytest.mark.parametrize("url", ["ftp://x", "not a url", "api.kustomerapp.com"])
def test_the_client_refuses_a_bad_base_url(url: str) -> None:
    with pytest.raises(ValueError, match="http:// or https://"):
        ApiClient(url)


@pytest.mark.parametrize(
    ("url", "word"),
    [("ftp://x", "ftp"), ("not a url", "base url"), ("h.com", "base url"), ("http://[::1", "ipv6")],
)
def test_the_cli_exits_2_on_a_bad_base_url(url: str, word: str, tmp_path: Path) -> None:
    done = cli("--base-url", url, home=tmp_path)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.startswith("kexplore: ") and word in done.stderr.lower()
    assert "Traceback" not in done.stderr


# --- files that do not parse ------------------------------------------------------------------


def test_a_config_file_that_does_not_parse(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(b'[profiles.acme]\nbase_url = "https://acme.api.kustomerapp.com"\nx = \n')
    before = config.read_bytes()
    with pytest.raises(SettingsError) as caught:
        load_settings({}, config_path=config)
    assert str(config) in str(caught.value) and "line 3" in str(caught.value)
    done = cli("--config", str(config), home=tmp_path)
    assert done.returncode == 2 and "line 3" in done.stderr, done.stderr
    assert config.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [BROKEN_TOML, b"\xff\xfe not utf-8", b"entry = 3\n", b'[[entry]]\nid = """\n'],
    ids=["bad-toml", "not-utf8", "entry-not-tables", "unclosed-string"],
)
def test_a_collection_that_does_not_parse(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "collection.toml"
    path.write_bytes(content)
    collection = Collection(path)
    with pytest.raises(HistoryError) as caught:
        collection.load()
    assert str(path) in str(caught.value)
    with pytest.raises(HistoryError):
        collection.save("x", ApiRequest("GET", "/v1/x"), url="http://h/v1/x", profile="p")
    assert path.read_bytes() == content


async def test_saving_to_a_broken_collection_says_so_and_changes_nothing(
    sandbox: RunningSandbox, make_app: Callable[..., KexploreApp], tmp_path: Path
) -> None:
    path = tmp_path / "data" / "collection.toml"
    path.parent.mkdir()
    path.write_bytes(BROKEN_TOML)
    app = make_app(sandbox.base_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#path").value = "/v1/customers"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#prompt-input").value = "mine"
        await pilot.press("enter")
        await settle(app, pilot)
        assert any("Not saved" in m and "line" in m for m in messages(app)), messages(app)
        await send(app, pilot, "/v1/customers?pageSize=1")
        assert status(app).startswith("200 OK")
    assert path.read_bytes() == BROKEN_TOML


async def test_a_history_file_that_does_not_parse_turns_history_off(
    sandbox: RunningSandbox, make_app: Callable[..., KexploreApp], tmp_path: Path
) -> None:
    path = tmp_path / "data" / "history.toml"
    path.parent.mkdir()
    path.write_bytes(BROKEN_TOML)
    app = make_app(sandbox.base_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await send(app, pilot, "/v1/customers?pageSize=1")
        assert status(app).startswith("200 OK")
        assert app.services.history is None
        notes = messages(app)
        assert any("line" in m and "nothing was overwritten" in m for m in notes), notes
        await pilot.press("f2")
        await settle(app, pilot)
    assert path.read_bytes() == BROKEN_TOML
    assert not (path.parent / "responses").exists()


# --- disks that refuse -------------------------------------------------------------------------


async def test_a_data_dir_that_cannot_be_created(
    sandbox: RunningSandbox, make_app: Callable[..., KexploreApp], tmp_path: Path
) -> None:
    """`data` is a file, so no history can be written (chmod 500 does not stop root)."""
    (tmp_path / "data").write_bytes(b"")
    app = make_app(sandbox.base_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await send(app, pilot, "/v1/customers?pageSize=1")
        assert status(app).startswith("200 OK")
        notes = messages(app)
        assert any("Not a directory" in m for m in notes), notes
        await send(app, pilot, "/v1/brands")
        assert status(app).startswith("200 OK")
    assert (tmp_path / "data").read_bytes() == b""


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
async def test_a_read_only_data_dir(
    sandbox: RunningSandbox, make_app: Callable[..., KexploreApp], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o500)
    try:
        app = make_app(sandbox.base_url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await send(app, pilot, "/v1/customers?pageSize=1")
            assert status(app).startswith("200 OK")
            assert any("Could not write history" in m for m in messages(app))
            await send(app, pilot, "/v1/brands")
            assert status(app).startswith("200 OK")
    finally:
        data.chmod(0o700)


@pytest.fixture
def refused_opens(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """os.open under tmp_path/data fails with EACCES, as in a read-only directory (for root)."""
    real = os.open

    def open_(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).startswith(str(tmp_path / "data")) and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_)
    yield


async def test_a_data_dir_that_refuses_writes(
    sandbox: RunningSandbox,
    make_app: Callable[..., KexploreApp],
    tmp_path: Path,
    refused_opens: None,
) -> None:
    app = make_app(sandbox.base_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await send(app, pilot, "/v1/customers?pageSize=1")
        assert status(app).startswith("200 OK")
        assert any("Permission denied" in m for m in messages(app)), messages(app)
        await send(app, pilot, "/v1/brands")
        assert status(app).startswith("200 OK")


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[int]]:
    """os.write to files under tmp_path: `allowed[0]` more writes succeed, the next one writes
    half its bytes (a disk filling up mid-chunk), and every later one fails with ENOSPC."""
    real = os.write
    allowed = [0]

    def write(fd: int, data: object) -> int:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if target.startswith(str(tmp_path)):
            allowed[0] -= 1
            if allowed[0] == -1:
                return real(fd, memoryview(data)[: max(1, len(data) // 2)])  # type: ignore[arg-type]
            if allowed[0] < -1:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "write", write)
    yield allowed


def test_a_full_disk_on_append_loses_no_earlier_entry(tmp_path: Path, full_disk: list[int]) -> None:
    store = HistoryStore(tmp_path / "history.toml", keep_bodies_under=0)
    full_disk[0] = 1
    store.append(ApiRequest("GET", "/v1/a"), None, url="http://h/v1/a", profile="p")
    before = (tmp_path / "history.toml").read_bytes()
    with pytest.raises(OSError) as caught:
        store.append(ApiRequest("GET", "/v1/b"), None, url="http://h/v1/b", profile="p")
    assert caught.value.errno == errno.ENOSPC
    assert (tmp_path / "history.toml").read_bytes() == before
    assert [e.url for e in store.load()] == ["http://h/v1/a"]


async def test_a_full_disk_in_the_app(
    sandbox: RunningSandbox,
    make_app: Callable[..., KexploreApp],
    tmp_path: Path,
    full_disk: list[int],
) -> None:
    app = make_app(sandbox.base_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await send(app, pilot, "/v1/customers?pageSize=1")
        assert status(app).startswith("200 OK")
        assert any("No space left" in m for m in messages(app)), messages(app)
        full_disk[0] = 10**6  # space again
        await send(app, pilot, "/v1/brands")
        assert status(app).startswith("200 OK")
    entries = HistoryStore(tmp_path / "data" / "history.toml").load()
    assert [e.url.rsplit("/", 1)[-1] for e in entries] == ["brands"]


# --- free-form text in the request builder ------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8"), max_size=80) | st.sampled_from(
    ["GET", "post", " PATCH ", "/v1/customers", "http://[::1", "a: b\nc", "{", '{"a": 1}']
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(method=TEXT, url=TEXT, params=TEXT, headers=TEXT, body=TEXT)
def test_build_request_raises_only_request_error(
    method: str, url: str, params: str, headers: str, body: str
) -> None:
    try:
        build_request(method, url, params, headers, body)
    except RequestError as error:
        assert error.field in ("method", "url", "params", "headers", "body")
        assert error.message


@settings(max_examples=200, deadline=None)
@given(method=TEXT, url=TEXT, params=TEXT, headers=TEXT, body=TEXT)
async def test_whatever_build_request_accepts_the_client_sends_or_explains(
    method: str, url: str, params: str, headers: str, body: str
) -> None:
    try:
        request = build_request(method, url, params, headers, body)
    except RequestError:
        return
    transport = httpx.MockTransport(lambda _request: httpx.Response(200, json={}))
    async with ApiClient("http://127.0.0.1:8787", "k", transport=transport) as client:
        try:
            await client.send(request)
        except ApiError as error:
            assert error.message
