"""ApiResponse: body kinds, header access, and a JSON body parsed lazily, once."""

from __future__ import annotations

import dataclasses
import types
from typing import Any

import orjson
import pytest

from kexplore.core.http import response as response_module
from kexplore.core.http.response import ApiResponse


def make(body: bytes = b"", content_type: str | None = None, status: int = 200) -> ApiResponse:
    """A response with this body and (optionally) this Content-Type."""
    headers = (("content-type", content_type),) if content_type else ()
    return ApiResponse(status=status, reason="OK", headers=headers, body=body)


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b'{"data": []}', "application/json; charset=utf-8", "json"),
        (b'{"data": []}', None, "json"),
        (b"  \n[1, 2]", "text/plain", "json"),
        (b'"a string"', None, "json"),
        (b"null", "application/json", "json"),
        (b"42", "application/vnd.api+json", "json"),
        (b"<html><body>Bad gateway</body></html>", "text/html", "text"),
        (b"plain words", None, "text"),
        (b'{"broken": ', "application/json", "text"),
        (b"caf\xc3\xa9", None, "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", "binary"),
        (b"\xff\xfe\xfd", None, "binary"),
        (b"a\x00b", None, "binary"),
        (b"words then \xff", None, "binary"),
        (b"", None, "empty"),
        (b"", "application/json", "empty"),
        (b" \r\n\t", "text/plain", "empty"),
    ],
)
def test_kind(body: bytes, content_type: str | None, kind: str) -> None:
    assert make(body, content_type).kind == kind


def test_utf8_cut_at_the_sniff_boundary_is_still_text() -> None:
    body = b"a" * 4095 + "é".encode() + b"b" * 10  # the 4096-byte sample ends mid-character
    assert make(body).kind == "text"


def test_large_json_body_is_json() -> None:
    body = orjson.dumps({"data": [{"id": str(i), "name": "x" * 50} for i in range(20_000)]})
    assert len(body) > 1_000_000
    assert make(body, "application/json").kind == "json"


def test_size_ok_and_content_type() -> None:
    response = make(b"12345", "Application/JSON; charset=utf-8", status=201)
    assert response.size == 5
    assert response.ok
    assert response.content_type == "application/json"
    assert make(status=204).ok
    assert not make(status=302).ok
    assert not make(status=404).ok
    assert make().content_type == ""


def test_header_lookup_is_case_insensitive_first_wins() -> None:
    response = ApiResponse(200, "OK", (("x-a", "1"), ("x-a", "2"), ("etag", 'W/"28d"')))
    assert response.header("X-A") == "1"
    assert response.header("ETag") == 'W/"28d"'
    assert response.header("missing") is None


def test_text_replaces_undecodable_bytes() -> None:
    assert make(b"caf\xc3\xa9 \xff").text() == "café \ufffd"


def test_json_on_a_non_json_body_raises_value_error() -> None:
    with pytest.raises(ValueError):
        make(b"<html>", "text/html").json()


def counting_orjson(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Make the response module's orjson.loads record each body it parses."""
    calls: list[bytes] = []

    def loads(data: bytes) -> Any:
        calls.append(data)
        return orjson.loads(data)

    fake = types.SimpleNamespace(loads=loads, JSONDecodeError=orjson.JSONDecodeError)
    monkeypatch.setattr(response_module, "orjson", fake)
    return calls


def test_json_is_lazy_and_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting_orjson(monkeypatch)
    response = make(b'{"data": {"id": "1"}}', "application/json")
    assert calls == []
    first = response.json()
    second = response.json()
    assert first == {"data": {"id": "1"}}
    assert first is second
    assert len(calls) == 1


def test_kind_and_json_share_one_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting_orjson(monkeypatch)
    response = make(b'[{"id": 1}]')
    assert response.kind == "json"
    assert response.kind == "json"
    assert response.json() == [{"id": 1}]
    assert len(calls) == 1


def test_cache_does_not_affect_equality_or_repr() -> None:
    a = make(b'{"a": 1}', "application/json")
    b = make(b'{"a": 1}', "application/json")
    a.json()
    assert a == b
    assert "_json_cache" not in repr(a)


def test_response_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        make().status = 500  # type: ignore[misc]


def test_defaults() -> None:
    response = ApiResponse(204, "No Content", ())
    assert (response.body, response.elapsed, response.url, response.method) == (
        b"",
        0.0,
        "",
        "GET",
    )
    assert response.kind == "empty"


def test_duplicate_keys_in_a_small_body_are_reported() -> None:
    headers = (("content-type", "application/json"),)
    dup = ApiResponse(200, "OK", headers, b'{"data": {"a1": 1}, "data": null}')
    assert dup.duplicate_key() == "data"
    nested = ApiResponse(200, "OK", headers, b'{"x": [{"k": 1, "k": 2}]}')
    assert nested.duplicate_key() == "k"
    assert ApiResponse(200, "OK", headers, b'{"a": 1, "b": {"a": 2}}').duplicate_key() is None
    assert ApiResponse(200, "OK", headers, b"not json").duplicate_key() is None


def test_sharing_body_keeps_the_received_size_and_kind() -> None:
    raw = b'{"data": [1, 2]}'
    response = ApiResponse(200, "OK", (("content-type", "application/json"),), raw)
    assert response.json() == {"data": [1, 2]}
    shared = response.sharing_body(b'{\n  "data": [\n    1,\n    2\n  ]\n}')
    assert shared.size == len(raw) and len(shared.body) > len(raw)
    assert shared.kind == "json" and shared.json() == {"data": [1, 2]}
    assert shared.sharing_body(b"{}").size == len(raw)  # the wire size, however often shared
