"""HistoryStore: append, load, compaction, redaction and locking, asserted on the file's bytes."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexplore.core.history.collection import Collection
from kexplore.core.history.file import format_entry
from kexplore.core.history.parse import parse_subset
from kexplore.core.history.redaction import REDACTED, Redactor, is_sensitive_name
from kexplore.core.history.store import HistoryEntry, HistoryError, HistoryStore, ResponseSummary
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse

KEY = "sk-live-0123456789abcdefSEKRET"
BASE = "http://127.0.0.1:8787"
FIXED = datetime(2026, 11, 27, 5, 39, 40, 123456, tzinfo=UTC)


def response(status: int = 200, body: bytes = b'{"data": {"id": "c1"}}', **headers: str):
    """An ApiResponse with JSON content type and the given extra headers."""
    pairs = [("content-type", "application/json; charset=utf-8")]
    pairs += [(name.replace("_", "-"), value) for name, value in headers.items()]
    return ApiResponse(status, "OK", tuple(pairs), body, elapsed=0.0124, url=BASE, method="GET")


def store(tmp_path: Path, **options) -> HistoryStore:
    return HistoryStore(tmp_path / "data" / "history.toml", secrets=(KEY,), **options)


def append(history: HistoryStore, path: str = "/v1/customers/c1", **kwargs) -> HistoryEntry:
    request = kwargs.pop("request", ApiRequest("GET", path, headers=(("Accept", "*/*"),)))
    reply = kwargs.pop("reply", response())
    return history.append(request, reply, url=BASE + request.url, profile="sandbox", **kwargs)


class TestAppendAndLoad:
    def test_round_trip(self, tmp_path: Path) -> None:
        history = store(tmp_path, clock=lambda: FIXED)
        reply = response(x_ratelimit_limit="1000", x_ratelimit_remaining="993")
        written = append(history, reply=reply)
        [loaded] = history.load()
        assert loaded == written
        assert loaded.at == FIXED.replace(microsecond=123000)
        assert loaded.response == ResponseSummary(
            200, "OK", 12.4, 22, "application/json", ratelimit_limit=1000, ratelimit_remaining=993
        )
        assert loaded.to_request() == ApiRequest(
            "GET", BASE + "/v1/customers/c1", headers=(("Accept", "*/*"),)
        )

    def test_file_has_the_documented_shape(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        append(history, request=ApiRequest("GET", "/v1/x", headers=(("Accept", "a/b"),)))
        text = history.path.read_text()
        assert text.startswith("[[entry]]\nid = ")
        assert 'headers = { Accept = "a/b" }\n' in text
        assert "\n[entry.response]\nstatus = 200\n" in text
        assert tomllib.loads(text)["entry"][0]["at"].tzinfo is not None

    def test_ids_sort_by_time_and_are_unique(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        ids = [append(history).id for _ in range(50)]
        assert len(set(ids)) == 50
        assert all(re.fullmatch(r"\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{6}", i) for i in ids)
        assert [i[:19] for i in ids] == sorted(i[:19] for i in ids)

    def test_params_join_the_query_once(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        request = ApiRequest("GET", "/v1/customers?page=2", params=(("pageSize", "10"),))
        entry = append(history, request=request)
        assert entry.url == BASE + "/v1/customers?page=2&pageSize=10"
        again = history.append(request, response(), url=entry.url, profile="p")
        assert again.url == entry.url

    def test_error_is_kept_instead_of_a_response(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        failure = type("ApiError", (Exception,), {"message": "connection refused"})()
        append(history, reply=None, error=failure)
        [entry] = history.load()
        assert (entry.response, entry.error) == (None, "connection refused")
        assert 'error = "connection refused"' in history.path.read_text()

    def test_repeated_header_names_survive(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        headers = (("X-Tag", "a"), ("X-Tag", "b"))
        append(history, request=ApiRequest("GET", "/v1/x", headers=headers))
        assert history.load()[0].headers == headers

    def test_file_and_dir_modes(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        append(history)
        assert stat.S_IMODE(history.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(history.path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(history.responses_dir.stat().st_mode) == 0o700

    def test_loose_mode_is_tightened_on_append(self, tmp_path: Path) -> None:
        path = tmp_path / "history.toml"
        path.write_text("")
        path.chmod(0o644)
        append(HistoryStore(path))
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    def test_load_never_creates_anything(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        assert history.load() == []
        assert not (tmp_path / "data").exists()

    def test_append_is_blind_and_in_place(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        history.path.parent.mkdir()
        history.path.write_bytes(b"not = [toml")  # no final newline either
        before = history.path.stat().st_ino
        append(history)
        data = history.path.read_bytes()
        assert data.startswith(b"not = [toml\n\n[[entry]]\n")
        assert history.path.stat().st_ino == before

    def test_missing_fields_are_skipped_with_warnings(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        append(history)
        with history.path.open("a") as f:
            f.write('\n[[entry]]\nid = "broken-1"\nurl = "http://x/"\n')
            f.write('\n[[entry]]\nid = "broken-2"\nmethod = "GET"\nurl = 5\n')
        append(history)
        assert len(history.load()) == 2
        assert history.warnings == [
            "entry 2 (broken-1) skipped: missing 'method'",
            "entry 3 (broken-2) skipped: 'url' should be a string",
        ]


class TestCorruptFile:
    BROKEN = b'[[entry]]\nid = "a"\nmethod = "GET\n'

    def broken(self, tmp_path: Path) -> HistoryStore:
        history = store(tmp_path, max_entries=1, compact_at_bytes=10)
        history.path.parent.mkdir()
        history.path.write_bytes(self.BROKEN)
        return history

    def test_load_names_file_line_and_column(self, tmp_path: Path) -> None:
        history = self.broken(tmp_path)
        with pytest.raises(HistoryError) as caught:
            history.load()
        assert (caught.value.line, caught.value.column) == (3, 14)
        assert str(caught.value).startswith(f"{history.path}: line 3, column 14: ")

    def test_not_utf8(self, tmp_path: Path) -> None:
        history = self.broken(tmp_path)
        history.path.write_bytes(b'a = "ok"\nb = "\xff"\n')
        with pytest.raises(HistoryError, match="line 2, column 6: the file is not UTF-8"):
            history.load()

    def test_error_at_the_end_still_has_a_place(self, tmp_path: Path) -> None:
        history = self.broken(tmp_path)
        history.path.write_bytes(b'[[entry]]\nid = "a')
        with pytest.raises(HistoryError, match=r"line 2, column 8: Unterminated string$"):
            history.load()

    def test_unreadable_is_a_history_error(self, tmp_path: Path) -> None:
        with pytest.raises(HistoryError, match="cannot read it"):
            HistoryStore(tmp_path).load()

    def test_a_failed_write_is_taken_back(self, tmp_path: Path, monkeypatch) -> None:
        history = store(tmp_path)
        append(history)
        before = history.path.read_bytes()

        def disk_full(fd: int, data: bytes) -> int:
            os.pwrite(fd, bytes(data[:10]), os.fstat(fd).st_size)
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("kexplore.core.history.store.os.write", disk_full)
        with pytest.raises(OSError, match="No space"):
            append(history)
        assert history.path.read_bytes() == before

    def test_compaction_leaves_it_untouched(self, tmp_path: Path) -> None:
        history = self.broken(tmp_path)
        with pytest.raises(HistoryError):
            history.compact()
        assert history.path.read_bytes() == self.BROKEN

    def test_append_does_not_compact_it(self, tmp_path: Path) -> None:
        history = self.broken(tmp_path)
        append(history)
        append(history)
        assert history.path.read_bytes().startswith(self.BROKEN)
        assert history.path.read_bytes().count(b"[[entry]]") == 3
        assert history.warnings and "not compacted" in history.warnings[0]


class TestCompaction:
    def test_keeps_the_newest_and_removes_orphaned_bodies(self, tmp_path: Path) -> None:
        ticks = iter(range(12))
        history = store(tmp_path, max_entries=5, clock=lambda: FIXED.replace(second=next(ticks)))
        ids = [append(history).id for _ in range(12)]
        inode = history.path.stat().st_ino
        assert history.compact() == 7
        assert [e.id for e in history.load()] == ids[-5:]
        assert sorted(p.stem for p in history.responses_dir.iterdir()) == ids[-5:]
        assert history.path.stat().st_ino != inode  # replaced, not rewritten in place
        assert stat.S_IMODE(history.path.stat().st_mode) == 0o600
        assert history.compact() == 0

    def test_runs_rarely_from_append(self, tmp_path: Path) -> None:
        history = store(tmp_path, max_entries=10, compact_at_bytes=4000)
        inodes = set()
        for _ in range(60):
            append(history)
            inodes.add(history.path.stat().st_ino)
        assert 1 < len(inodes) < 30
        assert len(history.load()) <= 60

    def test_keeps_hand_written_extras(self, tmp_path: Path) -> None:
        history = store(tmp_path, max_entries=1)
        history.path.parent.mkdir()
        history.path.write_text('title = "mine"\n\n[[entry]]\nid = "x"\n')
        append(history)
        history.compact()
        document = tomllib.loads(history.path.read_text())
        assert document["title"] == "mine" and len(document["entry"]) == 1

    def test_leaves_newer_unlisted_bodies_alone(self, tmp_path: Path) -> None:
        history = store(tmp_path, max_entries=1)
        append(history)
        append(history)
        in_flight = history.responses_dir / "99990101T000000.000Z-aaaaaa.json"
        in_flight.write_bytes(b"{}")
        history.compact()
        assert in_flight.exists()


class TestBodies:
    def test_kept_beside_the_file_0600(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        entry = append(history, reply=response(body=b'{"a": 1}'))
        kept = history.responses_dir / f"{entry.id}.json"
        assert kept.read_bytes() == b'{"a": 1}'
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert history.body_for(history.load()[0]) == b'{"a": 1}'

    @pytest.mark.parametrize(("limit", "body"), [(10, b"x" * 10), (0, b"{}"), (100, b"")])
    def test_not_kept(self, tmp_path: Path, limit: int, body: bytes) -> None:
        history = store(tmp_path, keep_bodies_under=limit)
        entry = append(history, reply=response(body=body))
        assert history.body_for(entry) is None

    def test_unsafe_id_is_not_a_path(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        entry = append(history)
        evil = HistoryEntry(id="../history", at=None, profile="", method="GET", url="/")
        assert history.body_for(evil) is None and history.body_for(entry) is not None


class TestRedaction:
    SECRET_HEADERS = ("Authorization", "cookie", "Set-Cookie", "X-Api-Key", "X-Auth-User")
    SECRET_HEADERS += ("My-Token", "Client-Secret", "X-Password", "Idempotency-Key")

    @pytest.mark.parametrize("name", SECRET_HEADERS)
    def test_secret_header_names(self, tmp_path: Path, name: str) -> None:
        history = store(tmp_path)
        request = ApiRequest("GET", "/v1/x", headers=((name, "hunter2-value"),))
        append(history, request=request)
        data = history.path.read_bytes()
        assert b"hunter2-value" not in data
        assert f'= "{REDACTED}"'.encode() in data
        assert history.load()[0].to_request().headers == ()  # not re-sent as <redacted>

    @pytest.mark.parametrize("name", ["api_key", "access_token", "password", "client%5Fsecret"])
    def test_secret_query_names(self, tmp_path: Path, name: str) -> None:
        history = store(tmp_path)
        append(history, path=f"/v1/x?page=2&{name}=hunter2-value&x=1")
        data = history.path.read_bytes()
        assert b"hunter2-value" not in data
        assert f"?page=2&{name}={REDACTED}&x=1".encode() in data

    def test_secret_params_tuple(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        append(history, request=ApiRequest("GET", "/v1/x", params=(("token", "hunter2-value"),)))
        assert b"hunter2-value" not in history.path.read_bytes()

    def test_key_anywhere_else(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        request = ApiRequest(
            "POST",
            f"/v1/x/{KEY}?q={KEY.replace('-', '%2D')}",
            headers=(("X-Note", f"was {KEY}"),),
            body=f'{{"k": "{KEY}"}}',
        )
        reply = response(body=f'{{"echo": "{KEY}"}}'.encode())
        entry = append(history, request=request, reply=reply)
        append(history, reply=None, error=f"failed at {BASE}/?k={KEY}")
        files = [history.path, *history.responses_dir.iterdir()]
        assert all(KEY.encode() not in f.read_bytes() for f in files)
        assert b"%2D" not in history.path.read_bytes()
        assert history.body_for(entry) == f'{{"echo": "{REDACTED}"}}'.encode()

    def test_url_password(self) -> None:
        redacted = Redactor().url("https://me:pw@host/v1?x=1")
        assert redacted == f"https://me:{REDACTED}@host/v1?x=1"

    def test_json_escaped_key(self) -> None:
        key = 'a"b\\c-long-key'
        assert Redactor((key,)).text('{"k": "a\\"b\\\\c-long-key"}') == f'{{"k": "{REDACTED}"}}'


_APPENDER = """
import sys
from pathlib import Path
from kexplore.core.history.store import HistoryStore
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse
history = HistoryStore(Path(sys.argv[1]), keep_bodies_under=0)
reply = ApiResponse(200, "OK", (), b"", 0.01)
for n in range(200):
    request = ApiRequest("GET", f"/v1/items/{sys.argv[2]}-{n}")
    history.append(request, reply, url="http://h" + request.url, profile=sys.argv[2])
"""

_REWRITER = """
import fcntl, os, sys, time
from pathlib import Path
from kexplore.core.history.file import locked, read_document, rewrite_document
path = Path(sys.argv[1])
deadline = time.monotonic() + 20
while not Path(sys.argv[2]).exists() and time.monotonic() < deadline:
    with locked(path, os.O_RDWR, fcntl.LOCK_EX) as fd:
        with open(fd, "rb", closefd=False) as f:
            rewrite_document(path, read_document(path, f.read()))
"""


def _run_all(scripts: list[list[str]]) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", *args]) for args in scripts]
    assert [p.wait(timeout=120) for p in procs] == [0] * len(procs)


@pytest.mark.slow
def test_three_processes_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.toml"
    _run_all([[_APPENDER, str(path), name] for name in ("a", "b", "c")])
    entries = HistoryStore(path).load()
    assert len(entries) == 600
    assert {e.path for e in entries} == {f"/v1/items/{p}-{n}" for p in "abc" for n in range(200)}


@pytest.mark.slow
def test_appends_racing_a_rewrite_lose_nothing(tmp_path: Path) -> None:
    path, done = tmp_path / "history.toml", tmp_path / "done"
    append(HistoryStore(path))
    rewriter = subprocess.Popen([sys.executable, "-c", _REWRITER, str(path), str(done)])
    try:
        _run_all([[_APPENDER, str(path), name] for name in ("a", "b", "c")])
    finally:
        done.touch()
        assert rewriter.wait(timeout=60) == 0
    assert len(HistoryStore(path).load()) == 601


CUTS = ["", " ", '"', "\\", "=", ",", "{", "}", "[", "]", "\n", "#", "0", ".", "-", "'", "a"]
_NAMES = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=_TEXT,
    headers=st.lists(st.tuples(_NAMES, _TEXT), max_size=6),
    body=st.one_of(_TEXT, st.text(min_size=5000, max_size=20000)),
)
def test_any_request_round_trips(tmp_path: Path, path: str, headers: list, body: str) -> None:
    history = HistoryStore(tmp_path / f"h{os.urandom(6).hex()}.toml", secrets=(KEY,))
    request = ApiRequest("POST", "/v1/" + path, headers=tuple(headers), body=body)
    written = append(history, request=request)
    [loaded] = history.load()
    assert loaded == written
    assert loaded.body == body and loaded.url == Redactor((KEY,)).url(BASE + "/v1/" + path)
    expected = tuple((n, REDACTED if is_sensitive_name(n) else v) for n, v in headers)
    assert loaded.headers == expected


class TestCollection:
    def test_save_find_replace_delete(self, tmp_path: Path) -> None:
        saved = Collection(tmp_path / "cfg" / "collection.toml", secrets=(KEY,))
        request = ApiRequest("GET", "/v1/customers", headers=(("Authorization", KEY),))
        first = saved.save("list", request, url=BASE + "/v1/customers", profile="sandbox")
        saved.save("one", ApiRequest("GET", "/v1/customers/c1"), url=BASE + "/v1/c/1", profile="p")
        again = saved.save(
            "list", request, url=BASE + "/v1/customers?page=2", profile="p", expect_status=200
        )
        assert [e.name for e in saved.load()] == ["list", "one"]
        assert saved.find("list") == again and saved.find(again.id) == again
        assert saved.find(first.id) is None
        assert again.expected_status == 200 and again.response is None
        data = saved.path.read_bytes()
        assert KEY.encode() not in data and b'name = "list"' in data
        assert stat.S_IMODE(saved.path.stat().st_mode) == 0o600
        assert saved.delete("one") and not saved.delete("one")
        assert [e.name for e in saved.load()] == ["list"]

    def test_hand_written_entries_need_no_id(self, tmp_path: Path) -> None:
        path = tmp_path / "c.toml"
        path.write_text('[[entry]]\nname = "ping"\nmethod = "GET"\nurl = "http://h/v1/x"\n')
        [entry] = Collection(path).load()
        assert (entry.id, entry.label, entry.expected_status) == ("ping", "ping", None)

    def test_corrupt_file_is_never_overwritten(self, tmp_path: Path) -> None:
        path = tmp_path / "c.toml"
        path.write_bytes(b"[[entry]\n")
        with pytest.raises(HistoryError, match="line 1"):
            Collection(path).save("x", ApiRequest("GET", "/v1/x"), url=BASE, profile="p")
        assert path.read_bytes() == b"[[entry]\n"


class TestFastReader:
    """parse_subset must read what HistoryStore writes, and nothing tomllib would read otherwise."""

    @pytest.mark.parametrize(
        "text",
        [
            '[[entry]]\nid = "a" # comment\n',
            '[[entry]]\nid="a"\n',
            "[[entry]]\nid = 'a'\n",
            '[[entry]]\nid = "a"\nid = "b"\n',
            "[[entry]]\n[entry.response]\n[entry.response]\n",
            "[[entry]]\nresponse = 1\n[entry.response]\nstatus = 1\n",
            '[[entry]]\nheaders = { a = "1", }\n',
            '[[entry]]\nheaders = { a = "1", a = "2" }\n',
            '[[entry]]\nbody = "\\ud800"\n',
            '[[entry]]\nbody = "\\x41"\n',
            "[[entry]]\nat = 2026-02-30 00:00:00+00:00\n",
            'title = "x"\n[[entry]]\n',
            '[[entry]]\r\nid = "a"\r\n',
            "[[entry]]\nn = 01\n",
            "[[entry]]\nn = " + "9" * 5000 + "\n",
            '[entry]\nid = "a"\n',
        ],
    )
    def test_falls_back_outside_the_subset(self, text: str) -> None:
        assert parse_subset(text) is None

    def test_reads_what_the_store_writes(self, tmp_path: Path) -> None:
        history = store(tmp_path)
        for n in range(5):
            append(history, path=f"/v1/x/{n}?q=\u00e9\t\x01", reply=response() if n else None)
        text = history.path.read_text()
        assert parse_subset(text) == tomllib.loads(text)
        assert parse_subset("") == {} == tomllib.loads("")

    @settings(max_examples=200, deadline=None)
    @given(
        table=st.fixed_dictionaries(
            {
                "id": _TEXT,
                "at": st.datetimes(timezones=st.just(UTC)),
                "headers": st.dictionaries(_TEXT, _TEXT, max_size=4),
                "body": _TEXT,
                "response": st.fixed_dictionaries(
                    {
                        "status": st.integers(-(2**70), 2**70),
                        "elapsed_ms": st.floats(0, 1e6).map(lambda x: round(x, 1)),
                    }
                ),
            }
        ),
        edits=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(CUTS)), max_size=3),
    )
    def test_never_disagrees_with_tomllib(self, table: dict, edits: list) -> None:
        text = format_entry(table) * 2
        assert parse_subset(text) == tomllib.loads(text)
        for position, cut in edits:
            where = position % (len(text) + 1)
            text = text[:where] + cut + text[where + (0 if cut else 1) :]
        fast = parse_subset(text)
        if fast is not None:
            assert tomllib.loads(text) == fast
