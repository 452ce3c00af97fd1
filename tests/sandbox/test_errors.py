"""The Kustomer error shape, precise messages, and the headers every response carries."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from kexplore.sandbox.server import RunningSandbox

ErrorCheck = Callable[..., dict]
"""The `expect_error` fixture: (response, status, *words) -> the error object."""


def test_every_response_carries_express_and_rate_limit_headers(admin: httpx.Client) -> None:
    for response in (admin.get("/v1/customers?pageSize=1"), admin.get("/v1/nowhere")):
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        assert response.headers["x-powered-by"] == "Express"
        assert int(response.headers["x-ratelimit-limit"]) > 0
        assert int(response.headers["x-ratelimit-remaining"]) >= 0
        assert int(response.headers["x-ratelimit-reset"]) > 1_700_000_000
        assert "server" not in response.headers


def test_a_weak_etag_answers_if_none_match_with_304(admin: httpx.Client) -> None:
    first = admin.get("/v1/tags")
    etag = first.headers["etag"]
    assert re.fullmatch(r'W/"[0-9a-f]+-[A-Za-z0-9+/]{27}"', etag)
    again = admin.get("/v1/tags", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert admin.get("/v1/tags", headers={"If-None-Match": 'W/"0-x"'}).status_code == 200


def test_unknown_paths_are_404(admin: httpx.Client, expect_error: ErrorCheck) -> None:
    error = expect_error(admin.get("/v1/widgets"), 404, "GET /v1/widgets")
    assert error == {
        "status": "404",
        "code": "not_found",
        "title": "Not Found",
        "detail": "Cannot GET /v1/widgets: no such endpoint",
    }


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/v1/customers/0123456789abcdef01234567", ("customer", "0123456789abcdef01234567")),
        ("/v1/customers/not-an-id", ("customer", "not-an-id")),
        ("/v1/conversations/0123456789abcdef01234567", ("conversation",)),
        ("/v1/messages/0123456789abcdef01234567", ("message",)),
        ("/v1/klasses/order/0123456789abcdef01234567", ("KObject", "order")),
        ("/v1/klasses/invoice", ("klass", "invoice")),
        ("/v1/users/0123456789abcdef01234567", ("user",)),
        ("/v1/customers/email=nobody%40example.com", ("email nobody@example.com",)),
    ],
)
def test_missing_records_are_404_naming_them(
    admin: httpx.Client, expect_error: ErrorCheck, path: str, words: tuple
) -> None:
    expect_error(admin.get(path), 404, *words)


def test_wrong_method_is_405_with_allow(admin: httpx.Client, expect_error: ErrorCheck) -> None:
    response = admin.delete("/v1/customers")
    expect_error(response, 405, "DELETE", "/v1/customers")
    assert response.headers["allow"] == "GET, HEAD, POST"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"{not json", ("not valid JSON",)),
        (b"", ("body is required",)),
        (b"[1, 2]", ("JSON object", "list")),
        (b'"text"', ("JSON object",)),
        (b"\xff\xfe", ("not valid JSON",)),
    ],
)
def test_malformed_bodies_are_400(
    writer: httpx.Client, expect_error: ErrorCheck, body: bytes, words: tuple
) -> None:
    response = writer.post(
        "/v1/customers", content=body, headers={"content-type": "application/json"}
    )
    expect_error(response, 400, *words)


@pytest.mark.parametrize("depth", [65, 300, 1000])
def test_absurdly_nested_bodies_are_400(
    writer: httpx.Client, expect_error: ErrorCheck, depth: int
) -> None:
    body = "[" * depth + "]" * depth
    content = '{"title": "x", "data": {"a": ' + body + "}}"
    expect_error(writer.post("/v1/klasses/order", content=content), 400, "nested")
    content = '{"and": [{"customer_name": {"equals": ' + body + "}}]}"
    expect_error(writer.post("/v1/customers/search", content=content), 400, "nested")


@pytest.mark.parametrize(
    ("body", "pointer", "words"),
    [
        (
            {"custom": {"tier": "gold"}},
            "/custom/tier",
            ("suffix", "Num, At, Str, Txt, Bool or Url"),
        ),
        ({"custom": {"tierNum": "gold"}}, "/custom/tierNum", ("a number",)),
        ({"custom": {"seenAt": "yesterday"}}, "/custom/seenAt", ("ISO-8601",)),
        ({"custom": {"okBool": 1}}, "/custom/okBool", ("boolean",)),
        ({"custom": {"noteStr": "x" * 1025}}, "/custom/noteStr", ("1024",)),
        ({"favouriteColour": "red"}, "/favouriteColour", ('"favouriteColour" is not allowed',)),
        ({"name": 7}, "/name", ('"name" must be a string',)),
        ({"emails": ["jane@example.com"]}, "/emails", ('"email"',)),
        ({"company": "nope"}, "/company", ("24-character hex id",)),
        ({"company": "0123456789abcdef01234567"}, "/company", ("no company",)),
    ],
)
def test_invalid_attributes_are_400_with_a_pointer(
    writer: httpx.Client, expect_error: ErrorCheck, body: dict, pointer: str, words: tuple
) -> None:
    error = expect_error(writer.post("/v1/customers", json=body), 400, *words)
    assert error["source"] == {"pointer": pointer}


def test_custom_attributes_with_good_suffixes_are_kept(writer: httpx.Client) -> None:
    custom = {"tierStr": "gold", "spendNum": 12.5, "joinedAt": "2026-03-01T10:00:00.000Z"}
    custom |= {
        "vipBool": True,
        "notesTxt": "likes email",
        "siteUrl": "https://x.example",
        "goneAt": None,
    }
    created = writer.post("/v1/customers", json={"name": "C", "custom": custom})
    assert created.status_code == 201
    assert created.json()["data"]["attributes"]["custom"] == custom


def test_bodies_over_100_kb_are_413(writer: httpx.Client, expect_error: ErrorCheck) -> None:
    body = {"name": "Big", "custom": {"notesTxt": "x" * (101 * 1024)}}
    expect_error(writer.post("/v1/customers", json=body), 413, "100 kb")


def test_a_chunked_body_over_the_limit_is_413_too(
    writer: httpx.Client, expect_error: ErrorCheck
) -> None:
    def chunks():
        for _ in range(120):
            yield b"x" * 1024

    expect_error(writer.post("/v1/customers", content=chunks()), 413)


def test_a_body_just_under_the_limit_is_read(
    writer: httpx.Client, expect_error: ErrorCheck
) -> None:
    body = b'{"name": "' + b"y" * (100 * 1024 - 20) + b'"}'
    assert len(body) <= 100 * 1024
    assert writer.post("/v1/customers", content=body).status_code == 201


def test_faults_can_be_injected(expect_error: ErrorCheck) -> None:
    from kexplore.sandbox.server import SandboxConfig, start_sandbox

    faults = {"GET /v1/tags": 503, "/v1/brands": 500}
    with start_sandbox(SandboxConfig(port=0, customers=5, faults=faults)) as running:
        headers = {"Authorization": "Bearer sandbox-admin-key"}
        expect_error(httpx.get(f"{running.base_url}/v1/tags", headers=headers), 503, "Injected")
        expect_error(httpx.get(f"{running.base_url}/v1/brands", headers=headers), 500)
        assert httpx.get(f"{running.base_url}/v1/teams", headers=headers).status_code == 200
        assert running.failures == []


def test_no_request_in_this_module_crashed_a_handler(sandbox: RunningSandbox) -> None:
    assert sandbox.failures == []
