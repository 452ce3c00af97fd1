"""The replay engine and the structural JSON diff, against httpx MockTransport."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest

from kexplore.core.history.jsondiff import compare_bodies, json_diff
from kexplore.core.history.replay import Replayer, ReplayOptions, ReplayResult
from kexplore.core.history.resend import Resend
from kexplore.core.history.store import HistoryEntry, ResponseSummary
from kexplore.core.http.client import ApiClient
from kexplore.core.http.identity import Identity

KEY = "replay-test-key-0123456789"


def entry(path: str, status: int | None = 200, **fields) -> HistoryEntry:
    """A saved entry for `path` on an old origin, answered with `status`."""
    response = ResponseSummary(status) if status is not None else None
    at = datetime(2026, 1, 1, tzinfo=UTC)
    url = "http://old-host:9/" + path.lstrip("/")
    return HistoryEntry(f"id{path}", at, "p", "GET", url, response=response, **fields)


def planned(saved: HistoryEntry) -> Resend:
    """`saved` sent to the client's base URL by path (as `--retarget` plans it)."""
    who = Identity("p", "http://new-host", "env:KUSTOMER_API_KEY")
    return Resend(replace(saved.to_request(), url=saved.path), who, retargeted=True)


def _one(saved: HistoryEntry) -> tuple[HistoryEntry, Resend]:
    return saved, planned(saved)


def body_difference(old: bytes, new: bytes) -> list[str]:
    return list(compare_bodies(old, new).lines)


def client(handler) -> ApiClient:
    return ApiClient("http://new-host", KEY, transport=httpx.MockTransport(handler))


class Waits:
    """A fake sleep that records what it was asked to wait."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


async def collect(replayer: Replayer, entries: list[HistoryEntry]) -> list[ReplayResult]:
    return [result async for result in replayer.run((e, planned(e)) for e in entries)]


class TestEngine:
    async def test_sends_each_in_order_to_the_client_base(self) -> None:
        seen: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return httpx.Response(404 if request.url.path.endswith("gone") else 200, json={})

        saved = [entry("/v1/a?x=1"), entry("/v1/gone"), entry("/v1/c", expect_status=201)]
        results = await collect(Replayer(client(handler)), saved)
        assert [str(r.url) for r in seen] == [
            "http://new-host/v1/a?x=1",
            "http://new-host/v1/gone",
            "http://new-host/v1/c",
        ]
        assert seen[0].headers["authorization"] == f"Bearer {KEY}"
        assert [(r.old_status, r.new_status, r.outcome) for r in results] == [
            (200, 200, "ok"),
            (200, 404, "diff"),
            (201, 200, "diff"),
        ]

    async def test_redacted_headers_are_not_resent(self) -> None:
        seen: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return httpx.Response(200)

        saved = entry("/v1/a", headers=(("X-Api-Key", "<redacted>"), ("Accept", "a/b")))
        await Replayer(client(handler)).replay(saved, planned(saved))
        assert "x-api-key" not in seen[0].headers and seen[0].headers["accept"] == "a/b"

    async def test_error_is_a_result_not_an_exception(self) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("refused", request=request)

        result = await Replayer(client(handler)).replay(*_one(entry("/v1/a")))
        assert (result.new_status, result.outcome) == (None, "error")
        assert result.error

    async def test_rate_limited_waits_then_retries(self) -> None:
        answers = iter([429, 429, 200])

        def handler(request: httpx.Request) -> httpx.Response:
            status = next(answers)
            headers = {"retry-after": "2"} if status == 429 else {}
            return httpx.Response(status, headers=headers)

        waits = Waits()
        result = await Replayer(client(handler), sleep=waits).replay(*_one(entry("/v1/a")))
        assert (result.new_status, result.retries, waits.calls) == (200, 2, [2.0, 2.0])

    async def test_gives_up_after_three_retries(self) -> None:
        calls: list[int] = []

        def handler(request: httpx.Request) -> httpx.Response:
            calls.append(1)
            return httpx.Response(429, headers={"x-ratelimit-reset": "1000000030"})

        waits = Waits()
        replayer = Replayer(client(handler), sleep=waits, clock=lambda: 1_000_000_000.0)
        result = await replayer.replay(*_one(entry("/v1/a")))
        assert (result.new_status, result.retries, len(calls)) == (429, 3, 4)
        assert waits.calls == [30.0, 30.0, 30.0]

    async def test_no_hint_backs_off_and_is_capped(self) -> None:
        waits = Waits()
        options = ReplayOptions(max_retries=3, max_wait=3.0)
        replayer = Replayer(client(lambda r: httpx.Response(429)), options, sleep=waits)
        await replayer.replay(*_one(entry("/v1/a")))
        assert waits.calls == [1.0, 2.0, 3.0]

    async def test_delay_between_requests_only(self) -> None:
        waits = Waits()
        options = ReplayOptions(delay=0.25)
        replayer = Replayer(client(lambda r: httpx.Response(200)), options, sleep=waits)
        await collect(replayer, [entry("/v1/a"), entry("/v1/b"), entry("/v1/c")])
        assert waits.calls == [0.25, 0.25]

    async def test_diff_against_kept_body_with_secrets_redacted(self) -> None:
        new = {"data": {"name": "Janet", "key": KEY, "updatedAt": "now"}}
        old = {"data": {"name": "Jane", "key": "<redacted>", "updatedAt": "then"}}

        def handler(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json=new)

        kept = {"id/v1/a": json.dumps(old).encode()}
        replayer = Replayer(
            client(handler),
            ReplayOptions(diff=True),
            body_for=lambda e: kept.get(e.id),
            secrets=[KEY],
        )
        first, second = await collect(replayer, [entry("/v1/a"), entry("/v1/b")])
        assert first.diff == ('~ data.name: "Jane" -> "Janet"',)
        assert (first.outcome, first.compared) == ("diff", True)
        assert (second.outcome, second.compared, second.diff) == ("ok", False, ())

    async def test_saved_error_expects_an_error(self) -> None:
        replayer = Replayer(client(lambda r: httpx.Response(200)))
        result = await replayer.replay(*_one(entry("/v1/a", status=None, error="refused")))
        assert (result.old_status, result.expects_success, result.outcome) == (None, False, "diff")

    @pytest.mark.parametrize(("status", "outcome"), [(200, "ok"), (204, "ok"), (404, "diff")])
    async def test_nothing_saved_expects_any_success(self, status: int, outcome: str) -> None:
        replayer = Replayer(client(lambda r: httpx.Response(status)))
        result = await replayer.replay(*_one(entry("/v1/a", status=None)))
        assert (result.expects_success, result.outcome) == (True, outcome)


class TestJsonDiff:
    def test_the_three_kinds_of_line(self) -> None:
        old = {"data": {"attributes": {"name": "Jane", "tags": ["a", "b"]}}, "meta": {"total": 3}}
        new = {"data": {"attributes": {"name": "Janet", "tags": ["a", "b", "vip"]}}, "meta": {}}
        assert json_diff(old, new) == [
            '~ data.attributes.name: "Jane" -> "Janet"',
            '+ data.attributes.tags[2]: "vip"',
            "- meta.total",
        ]

    def test_document_order_and_odd_keys(self) -> None:
        old = {"a": {"x": 1}, "b": 2, "c d": [1, 2]}
        new = {"a": {"x": 2}, "c d": [1], "e": None}
        assert json_diff(old, new) == [
            "~ a.x: 1 -> 2",
            "- b",
            '- ["c d"][1]',
            "+ e: null",
        ]

    def test_ignores_volatile_keys_anywhere_any_case(self) -> None:
        old = {"updatedAt": 1, "x": [{"REV": 1, "etag": "a", "createdAt": 1}]}
        new = {"updatedAt": 2, "x": [{"REV": 2, "etag": "b", "createdAt": 2}]}
        assert json_diff(old, new) == ["~ x[0].createdAt: 1 -> 2"]
        assert json_diff(old, new, ignore={"createdAt", "rev", "etag", "updatedAt"}) == []

    def test_types_matter(self) -> None:
        assert json_diff([1, 1, 0], [True, 1.0, 0]) == ["~ [0]: 1 -> true", "~ [1]: 1 -> 1.0"]
        assert json_diff({"a": 1}, [1]) == ['~ (root): {"a":1} -> [1]']

    def test_long_values_are_cut_and_many_lines_limited(self) -> None:
        [line] = json_diff({"a": "x" * 100}, {"a": "y"})
        assert line.endswith('-> "y"') and "…" in line and len(line) < 80
        lines = json_diff(list(range(300)), list(range(1, 301)), limit=10)
        assert len(lines) == 11 and lines[-1] == "… and 290 more differences"

    def test_deep_documents_do_not_overflow(self) -> None:
        old: object = 1
        new: object = 2
        for _ in range(5000):
            old, new = {"a": old}, {"a": new}
        assert json_diff(old, new)[0].endswith(": 1 -> 2")

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            (b"abc", b"abc", []),
            (b"abc", b"abcd", ["~ (body): not JSON, 3 bytes -> not JSON, 4 bytes"]),
            (b"{}", b"<html>", ["~ (body): JSON, 2 bytes -> not JSON, 6 bytes"]),
            (b'{"a":1}', b'{ "a": 1 }', []),
        ],
    )
    def test_body_difference(self, old: bytes, new: bytes, expected: list[str]) -> None:
        assert body_difference(old, new) == expected
