"""ApiRequest: every validation case, header and query line parsing, and the builder's request."""

from __future__ import annotations

import dataclasses

import pytest

from kexplore.core.http.request import (
    BODILESS_METHODS,
    METHODS,
    ApiRequest,
    RequestError,
    body_note,
    build_request,
    parse_header_lines,
    parse_param_lines,
)


def error_of(request: ApiRequest) -> RequestError:
    """The RequestError that validating `request` raises (the test fails if it is valid)."""
    with pytest.raises(RequestError) as caught:
        request.validate()
    return caught.value


@pytest.mark.parametrize("method", METHODS)
def test_every_known_method_is_valid(method: str) -> None:
    body = "" if method in BODILESS_METHODS else '{"a": 1}'
    ApiRequest(method, "/v1/customers", body=body).validate()


@pytest.mark.parametrize("method", ["FOO", "get", "", "CONNECT", "TRACE"])
def test_unknown_method(method: str) -> None:
    error = error_of(ApiRequest(method, "/v1/customers"))
    assert error.field == "method"
    assert repr(method) in error.message
    assert "GET, POST, PUT, PATCH, DELETE" in error.message


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "The path is empty: type a path such as /v1/customers."),
        ("   ", "The path is empty: type a path such as /v1/customers."),
        ("/v1/cus tomers", "The path contains a space at position 8."),
        ("/v1/x\tb", "The path contains the control character '\\t' at position 6."),
        ("/v1/x\nb", "The path contains the control character '\\n' at position 6."),
        ("/v1/\x00", "The path contains the control character '\\x00' at position 5."),
        ("/v1/\x7f", "The path contains the control character '\\x7f' at position 5."),
        ("ftp://example.com/x", "Unsupported URL scheme 'ftp': use http or https."),
        ("file:///etc/passwd", "Unsupported URL scheme 'file': use http or https."),
        ("v1/customers", "The path 'v1/customers' must start with / (or be a full URL)."),
    ],
)
def test_bad_urls(url: str, message: str) -> None:
    error = error_of(ApiRequest("GET", url))
    assert (error.field, error.message) == ("url", message)


@pytest.mark.parametrize(
    "url", ["/v1/customers", "https://api.example.com/v1/x", "HTTP://127.0.0.1:8787/v1"]
)
def test_good_urls(url: str) -> None:
    ApiRequest("GET", url).validate()


@pytest.mark.parametrize("name", ["Bad Name", "X-Ü", "X:Y", "", "X(Y)"])
def test_bad_header_name(name: str) -> None:
    error = error_of(ApiRequest("GET", "/v1/x", headers=(("Accept", "*/*"), (name, "v"))))
    assert error.field == "headers"
    assert repr(name) in error.message


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_body_on_get_or_head(method: str) -> None:
    error = error_of(ApiRequest(method, "/v1/x", body="{}"))
    assert error.field == "body"
    assert error.message == f"A {method} request cannot have a body: clear it or use POST."


def test_blank_body_on_get_is_fine() -> None:
    ApiRequest("GET", "/v1/x", body="  \n\t").validate()


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        ('{"a": 1', 1, 8),
        ('{\n  "a": 1,\n  "b": nope\n}', 3, 8),
        ('{\n  "name": "Zoë",\n  "x": ,\n}', 3, 8),
        ("[1, 2,]", 1, 6),
        ("{'a': 1}", 1, 2),
    ],
)
def test_invalid_json_body_names_line_and_column(body: str, line: int, column: int) -> None:
    error = error_of(ApiRequest("POST", "/v1/x", body=body))
    assert error.field == "body"
    assert error.message.startswith("The body is not valid JSON: ")
    assert error.message.endswith(f" at line {line}, column {column}.")


def test_checks_run_in_order_method_first() -> None:
    error = error_of(ApiRequest("FOO", "", headers=(("bad name", ""),), body="{"))
    assert error.field == "method"


def test_request_error_is_a_value_error_with_str() -> None:
    error = RequestError("url", "Nope.")
    assert isinstance(error, ValueError)
    assert str(error) == "Nope."


def test_request_is_frozen_with_defaults() -> None:
    request = ApiRequest()
    assert (request.method, request.url, request.params, request.headers, request.body) == (
        "GET",
        "",
        (),
        (),
        "",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.method = "POST"  # type: ignore[misc]


def test_has_body_and_header_lookup() -> None:
    request = ApiRequest("POST", "/x", headers=(("X-A", "1"), ("x-a", "2")), body=" {} ")
    assert request.has_body
    assert not ApiRequest(body=" \n ").has_body
    assert request.header("X-A") == "1"
    assert request.header("x-A") == "1"
    assert request.header("missing") is None


def test_parse_header_lines() -> None:
    text = "Accept: application/json\n\n# a comment\n  X-Trace :  a: b  \nX-Empty:"
    assert parse_header_lines(text) == (
        ("Accept", "application/json"),
        ("X-Trace", "a: b"),
        ("X-Empty", ""),
    )


def test_header_line_without_colon() -> None:
    with pytest.raises(RequestError) as caught:
        parse_header_lines("Accept: */*\nno colon here")
    assert caught.value.field == "headers"
    assert caught.value.message == "Header line 2 has no colon: 'no colon here'."


def test_header_line_with_bad_name() -> None:
    with pytest.raises(RequestError) as caught:
        parse_header_lines("\nBad Name: x")
    assert caught.value.field == "headers"
    assert caught.value.message == "Header line 2: invalid name 'Bad Name'."


def test_parse_param_lines() -> None:
    text = "page=2\n# comment\n\n q = a=b \nflag"
    assert parse_param_lines(text) == (("page", "2"), ("q", "a=b"), ("flag", ""))


def test_param_line_without_name() -> None:
    with pytest.raises(RequestError) as caught:
        parse_param_lines("page=1\n=oops")
    assert caught.value.field == "params"
    assert caught.value.message == "Query line 2 has no name: '=oops'."


def test_build_request_from_builder_texts() -> None:
    request = build_request(" post ", " /v1/customers ", "page=1", "X-A: 1", '{"a": 1}')
    assert request == ApiRequest(
        "POST", "/v1/customers", (("page", "1"),), (("X-A", "1"),), '{"a": 1}'
    )
    assert build_request("GET", "/v1/x", "", "", "  \n").body == ""


def test_build_request_validates() -> None:
    with pytest.raises(RequestError) as caught:
        build_request("POST", "/v1/x", "", "", "{")
    assert caught.value.field == "body"


@pytest.mark.parametrize("method", sorted(BODILESS_METHODS))
def test_build_request_leaves_the_body_out_of_a_bodiless_method(method: str) -> None:
    """The same rule for every method: the text stays in the editor, nothing unseen goes."""
    assert build_request(method, "/v1/x", "", "", '{"a": 1}').body == ""
    assert body_note(method, '{"a": 1}') == f"Body not sent with {method} (kept here)"


def test_a_body_on_delete_is_sent_and_said() -> None:
    assert build_request("DELETE", "/v1/x", "", "", '{"a": 1}').body == '{"a": 1}'
    assert body_note("DELETE", '{"a": 1}') == "Body sent with DELETE"
    assert body_note("POST", '{"a": 1}') == "" and body_note("GET", "  ") == ""
