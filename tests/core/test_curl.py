"""to_curl / from_curl: copy-pasteable commands, faithful parsing, and keys never carried along."""

from __future__ import annotations

import re
import shutil
import subprocess

import httpx
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexplore.core.http.client import ApiClient
from kexplore.core.http.curl import CurlError, CurlImport, from_curl, parse_curl, to_curl
from kexplore.core.http.request import ApiRequest

BASE = "https://api.example.com"
KEY = "live-key-abc123"


def shell_argv(command: str, env: dict[str, str]) -> list[str]:
    """The arguments bash would pass to curl for `command` (curl replaced by a printer)."""
    script = "curl() { printf '%s\\0' \"$@\"; }\n" + command
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", script],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        check=True,
        timeout=10,
    )
    return done.stdout.decode().split("\0")[:-1]


# -- to_curl ---------------------------------------------------------------------------------


def test_get_is_short_and_shows_the_key_as_a_variable() -> None:
    assert to_curl(ApiRequest("GET", "/v1/customers"), BASE) == (
        "curl https://api.example.com/v1/customers \\\n"
        '  -H "Authorization: Bearer $KUSTOMER_API_KEY" \\\n'
        "  -H 'Accept: application/json'"
    )


def test_post_with_awkward_body_exact_text() -> None:
    request = ApiRequest("POST", "/v1/customers", body='{"name": "O\'Brien $HOME"}')
    assert to_curl(request, BASE) == (
        "curl https://api.example.com/v1/customers \\\n"
        '  -H "Authorization: Bearer $KUSTOMER_API_KEY" \\\n'
        "  -H 'Accept: application/json' \\\n"
        "  -H 'Content-Type: application/json' \\\n"
        """  --data-raw '{"name": "O'"'"'Brien $HOME"}'"""
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_shell_expands_the_key_and_nothing_else() -> None:
    body = '{"note": "it\'s $5 `date` \\\\ \\n", "x": [1, 2]}'
    request = ApiRequest(
        "PATCH",
        "/v1/customers/1",
        params=(("q", "a b&c"),),
        headers=(("X-Trace", '"$HOME"'),),
        body=body,
    )
    argv = shell_argv(to_curl(request, BASE), {"KUSTOMER_API_KEY": KEY, "HOME": "/nowhere"})
    assert argv == [
        "-X",
        "PATCH",
        "https://api.example.com/v1/customers/1?q=a%20b%26c",
        "-H",
        f"Authorization: Bearer {KEY}",
        "-H",
        "Accept: application/json",
        "-H",
        "Content-Type: application/json",
        "-H",
        'X-Trace: "$HOME"',
        "--data-raw",
        body,
    ]


def test_redacted_output_never_contains_the_key() -> None:
    request = ApiRequest(
        "GET", "/v1/x", headers=(("Authorization", f"Bearer {KEY}"), ("X-Other", KEY))
    )
    text = to_curl(request, BASE, api_key=KEY)
    assert KEY not in text
    assert text.count("Authorization") == 1
    assert '"Authorization: Bearer $KUSTOMER_API_KEY"' in text


def test_redaction_drops_secret_looking_headers() -> None:
    headers = (("Cookie", "sid=1"), ("X-Session-Token", "t"), ("X-Trace", "Bearer abc"))
    text = to_curl(ApiRequest("GET", "/v1/x", headers=headers), BASE)
    assert "sid=1" not in text
    assert "X-Session-Token" not in text
    assert "Bearer abc" not in text


def test_unredacted_shows_the_given_key() -> None:
    text = to_curl(ApiRequest("GET", "/v1/x"), BASE, redact=False, api_key=KEY)
    assert f"-H 'Authorization: Bearer {KEY}'" in text
    assert "$KUSTOMER_API_KEY" not in text


def test_unredacted_without_a_key_has_no_authorization() -> None:
    assert "Authorization" not in to_curl(ApiRequest("GET", "/v1/x"), BASE, redact=False)


def test_unredacted_keeps_a_typed_authorization_instead_of_the_key() -> None:
    request = ApiRequest("GET", "/v1/x", headers=(("Authorization", "Bearer other"),))
    text = to_curl(request, BASE, redact=False, api_key=KEY)
    assert "Bearer other" in text
    assert KEY not in text


@pytest.mark.parametrize("redact", [True, False])
def test_no_key_for_another_origin(redact: bool) -> None:
    request = ApiRequest("GET", "https://elsewhere.test/v1/x", headers=(("X-Api-Key", KEY),))
    text = to_curl(request, BASE, redact=redact, api_key=KEY)
    assert "Authorization" not in text
    assert KEY not in text
    assert "KUSTOMER_API_KEY" not in text


@pytest.mark.parametrize(
    ("request_", "start"),
    [
        (ApiRequest("GET", "/v1/x"), "curl https://api.example.com/v1/x \\"),
        (ApiRequest("POST", "/v1/x", body="{}"), "curl https://api.example.com/v1/x \\"),
        (ApiRequest("POST", "/v1/x"), "curl -X POST https://api.example.com/v1/x \\"),
        (ApiRequest("DELETE", "/v1/x/1"), "curl -X DELETE https://api.example.com/v1/x/1 \\"),
        (ApiRequest("PUT", "/v1/x/1", body="{}"), "curl -X PUT https://api.example.com/v1/x/1 \\"),
        (ApiRequest("GET", "/v1/x", body="{}"), "curl -X GET https://api.example.com/v1/x \\"),
        (ApiRequest("HEAD", "/v1/x"), "curl --head https://api.example.com/v1/x \\"),
    ],
)
def test_method_flags(request_: ApiRequest, start: str) -> None:
    assert to_curl(request_, BASE).splitlines()[0] == start


def test_params_go_into_the_url() -> None:
    request = ApiRequest("GET", "/v1/customers?page=2", params=(("pageSize", "50"),))
    assert "'https://api.example.com/v1/customers?page=2&pageSize=50'" in to_curl(request, BASE)


def test_user_headers_replace_defaults_and_empty_ones_use_semicolon() -> None:
    headers = (("Accept", "text/csv"), ("X-Empty", ""))
    text = to_curl(ApiRequest("GET", "/v1/x", headers=headers), BASE)
    assert "application/json" not in text
    assert "-H 'Accept: text/csv'" in text
    assert "-H 'X-Empty;'" in text


def test_custom_key_variable() -> None:
    text = to_curl(ApiRequest("GET", "/v1/x"), BASE, key_env="ACME_KEY")
    assert '"Authorization: Bearer $ACME_KEY"' in text


def test_bad_key_variable_name() -> None:
    with pytest.raises(ValueError, match="environment variable"):
        to_curl(ApiRequest("GET", "/v1/x"), BASE, key_env="$(rm -rf ~)")


# -- from_curl -------------------------------------------------------------------------------


def test_a_typical_pasted_command() -> None:
    text = """curl -X POST 'https://api.example.com/v1/customers?x=1' \\
      -H 'Content-Type: application/json' \\
      -H "Authorization: Bearer $KUSTOMER_API_KEY" \\
      -d '{"name": "Ada"}'"""
    assert from_curl(text) == ApiRequest(
        "POST",
        "https://api.example.com/v1/customers",
        (("x", "1"),),
        (("Content-Type", "application/json"),),
        '{"name": "Ada"}',
    )


@pytest.mark.parametrize(
    "text",
    [
        "curl -X PUT https://h.test/a",
        "curl --request PUT https://h.test/a",
        "curl -XPUT https://h.test/a",
        "curl https://h.test/a -X put",
        "curl --url https://h.test/a --request PUT",
    ],
)
def test_method_and_url_in_any_order(text: str) -> None:
    request = from_curl(text)
    assert (request.method, request.url) == ("PUT", "https://h.test/a")


@pytest.mark.parametrize(
    "text",
    [
        "curl -H 'X-A: 1' -H 'X-B:2' h.test",
        "curl --header 'X-A: 1' --header 'X-B: 2' h.test",
        "curl '-HX-A: 1' -H'X-B:  2 ' h.test",
    ],
)
def test_headers(text: str) -> None:
    request = from_curl(text)
    assert request.headers == (("X-A", "1"), ("X-B", "2"))
    assert request.url == "http://h.test"  # curl's default scheme


def test_header_semicolon_means_empty_and_colon_only_means_remove() -> None:
    request = from_curl("curl -H 'X-Empty;' -H 'Accept:' https://h.test/")
    assert request.headers == (("X-Empty", ""),)


@pytest.mark.parametrize("flag", ["-d", "--data", "--data-raw", "--data-binary", "--data-ascii"])
def test_data_flags_make_a_post(flag: str) -> None:
    request = from_curl(f"curl https://h.test/a {flag} '{{\"a\": 1}}'")
    assert (request.method, request.body) == ("POST", '{"a": 1}')


def test_several_data_flags_are_joined_with_ampersands() -> None:
    assert from_curl("curl -d a=1 -d b=2 https://h.test/").body == "a=1&b=2"


def test_data_raw_keeps_an_at_sign() -> None:
    assert from_curl("curl --data-raw @notafile https://h.test/").body == "@notafile"


@pytest.mark.parametrize("flag", ["-d", "--data", "--data-binary", "--json"])
def test_data_from_a_file_is_refused(flag: str) -> None:
    with pytest.raises(CurlError, match="cannot read files"):
        from_curl(f"curl {flag} @body.json https://h.test/")


def test_json_flag_sets_post_and_json_headers() -> None:
    request = from_curl("curl --json '{\"a\":1}' https://h.test/a")
    assert request.method == "POST"
    assert request.body == '{"a":1}'
    assert request.headers == (("Content-Type", "application/json"), ("Accept", "application/json"))


def test_json_flag_keeps_headers_the_command_set() -> None:
    request = from_curl("curl --json '{}' -H 'Accept: text/plain' -X PUT https://h.test/a")
    assert request.method == "PUT"
    assert request.headers == (("Accept", "text/plain"), ("Content-Type", "application/json"))


@pytest.mark.parametrize("flag", ["-G", "--get"])
def test_get_moves_data_into_the_query(flag: str) -> None:
    text = f"curl {flag} -d page=2 -d 'q=a b' https://h.test/a?x=1"
    request = from_curl(text)
    assert request.method == "GET"
    assert request.body == ""
    assert request.params == (("x", "1"), ("page", "2"), ("q", "a b"))


def test_data_urlencode() -> None:
    request = from_curl(
        "curl -G --data-urlencode 'q=a&b c' --data-urlencode '=x y' https://h.test/"
    )
    assert request.params == (("q", "a&b c"), ("x y", ""))


@pytest.mark.parametrize("flag", ["-I", "--head"])
def test_head(flag: str) -> None:
    assert from_curl(f"curl {flag} https://h.test/").method == "HEAD"


def test_line_continuations_and_crlf() -> None:
    text = "curl \\\r\n  -X DELETE \\\n  https://h.test/a\\\n/b"
    request = from_curl(text)
    assert (request.method, request.url) == ("DELETE", "https://h.test/a/b")


def test_backslash_newline_inside_single_quotes_is_kept() -> None:
    assert from_curl("curl https://h.test/ --data-raw 'a\\\nb'").body == "a\\\nb"


def test_backslash_newline_inside_double_quotes_is_removed() -> None:
    assert from_curl('curl https://h.test/ --data-raw "a\\\nb"').body == "ab"


def test_shell_prompt_is_ignored() -> None:
    assert from_curl("$ curl https://h.test/").url == "https://h.test/"


@pytest.mark.parametrize(
    "flags",
    [
        "-s",
        "--silent",
        "-S",
        "--show-error",
        "-i",
        "--include",
        "-v",
        "--verbose",
        "-L",
        "--location",
        "--compressed",
        "-k",
        "--insecure",
        "-sSL",
        "-sSk -i -v",
    ],
)
def test_harmless_flags_are_ignored(flags: str) -> None:
    assert from_curl(f"curl {flags} https://h.test/a") == ApiRequest("GET", "https://h.test/a")


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("curl --max-time 5 https://h.test/", "--max-time"),
        ("curl -o out.json https://h.test/", "-o"),
        ("curl -b sid=1 https://h.test/", "-b"),
        ("curl -sSo out https://h.test/", "-o"),
        ("curl https://h.test/ --form a=1", "--form"),
    ],
)
def test_unknown_flags_are_named(text: str, flag: str) -> None:
    with pytest.raises(CurlError, match=f"option {re.escape(flag)}:"):
        from_curl(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("wget https://h.test/", "starts with curl"),
        ("", "starts with curl"),
        ("curl 'https://h.test/", "unclosed quote"),
        ("curl -s", "no URL"),
        ("curl https://a.test/ https://b.test/", "More than one URL"),
        ("curl https://h.test/ -H", "-H needs a value"),
        ("curl https://h.test/ -H 'no colon'", "no colon"),
        ("curl -G --data-urlencode q@file https://h.test/", "cannot read files"),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(CurlError, match=message):
        from_curl(text)


def test_curl_error_is_a_value_error() -> None:
    assert issubclass(CurlError, ValueError)


def test_pasted_credentials_are_dropped_and_reported() -> None:
    text = (
        "curl 'https://h.test/a?api_key=zzz&page=1' -u me:pw "
        "-H 'Authorization: Bearer zzz' -H 'X-API-Key: zzz' -H 'Cookie: sid=zzz' "
        "-H 'X-Anything: Bearer zzz' -H 'X-Trace: 1'"
    )
    imported = parse_curl(text)
    assert isinstance(imported, CurlImport)
    assert "zzz" not in repr(imported.request)
    assert imported.request.headers == (("X-Trace", "1"),)
    assert imported.request.params == (("page", "1"),)
    assert set(imported.dropped) == {
        "Authorization",
        "X-API-Key",
        "Cookie",
        "X-Anything",
        "-u",
        "api_key",
    }


def test_credentials_in_the_url_are_dropped() -> None:
    imported = parse_curl("curl https://me:s3cret@h.test:8443/a?b=1")
    assert imported.request.url == "https://h.test:8443/a"
    assert "s3cret" not in repr(imported.request)
    assert imported.dropped == ("user:password in the URL",)


def test_base_url_makes_same_origin_urls_relative() -> None:
    text = "curl https://API.example.com:443/v1/customers?page=2"
    assert from_curl(text, base_url=BASE) == ApiRequest("GET", "/v1/customers", (("page", "2"),))
    assert from_curl("curl https://other.test/v1/x", base_url=BASE).url == "https://other.test/v1/x"
    assert from_curl("curl http://h.test/p/v1/x", base_url="http://h.test/p").url == "/v1/x"
    assert from_curl("curl http://h.test/px", base_url="http://h.test/p").url == "http://h.test/px"


# -- round trips -----------------------------------------------------------------------------

ROUND_TRIPS = [
    ApiRequest("GET", "/v1/customers"),
    ApiRequest("GET", "/v1/customers", params=(("page", "2"), ("pageSize", "100"))),
    ApiRequest("POST", "/v1/customers", body='{"name": "Ada", "emails": [{"email": "a@x.io"}]}'),
    ApiRequest("PATCH", "/v1/customers/1", headers=(("If-Match", 'W/"28d"'),), body='{"a": 1}'),
    ApiRequest("DELETE", "/v1/customers/1"),
    ApiRequest("HEAD", "/v1/customers"),
    ApiRequest("POST", "/v1/customers/search", body='{\n  "and": [{"q": "it\'s"}]\n}'),
    ApiRequest("GET", "https://elsewhere.test/x?y=1", headers=(("X-Trace", "a b"),)),
    ApiRequest("POST", "/v1/x"),
]


@pytest.mark.parametrize("request_", ROUND_TRIPS)
def test_round_trip_keeps_method_url_params_body(request_: ApiRequest) -> None:
    back = from_curl(to_curl(request_, BASE), base_url=BASE)
    original_url = request_.url.partition("?")[0]
    assert back.method == request_.method
    assert back.url == original_url
    assert back.body == request_.body
    assert back.params[-len(request_.params) or len(back.params) :] == request_.params
    for header in request_.headers:
        assert header in back.headers


async def sent_by_client(request: ApiRequest) -> httpx.Request:
    """What ApiClient puts on the wire for `request`."""
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(204))
    async with ApiClient(BASE, KEY, transport=transport) as client:
        await client.send(request)
    return seen[0]


@pytest.mark.parametrize("request_", ROUND_TRIPS)
async def test_round_trip_sends_the_same_bytes(request_: ApiRequest) -> None:
    original = await sent_by_client(request_)
    again = await sent_by_client(from_curl(to_curl(request_, BASE, api_key=KEY)))
    assert (again.method, again.url, again.content) == (
        original.method,
        original.url,
        original.content,
    )
    assert sorted(again.headers.multi_items()) == sorted(original.headers.multi_items())


SAFE_NAMES = st.sampled_from(["page", "pageSize", "q", "sort", "filter[name]", "x y", "ü"])
HEADER_NAMES = st.sampled_from(["X-Trace", "If-Match", "X-Request-Id", "Accept-Language"])
HEADER_VALUES = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20).filter(
    lambda v: v == v.strip() and not re.match(r"(bearer|basic|token|digest)\s", v, re.I)
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    params=st.lists(st.tuples(SAFE_NAMES, st.text(max_size=15)), max_size=4),
    headers=st.lists(st.tuples(HEADER_NAMES, HEADER_VALUES), max_size=3),
    body=st.one_of(
        st.just(""),
        st.dictionaries(st.text(max_size=8), st.text(max_size=20), max_size=3).map(
            lambda d: orjson.dumps(d, option=orjson.OPT_INDENT_2).decode()
        ),
        st.text(max_size=40).filter(str.strip),
    ),
)
def test_round_trip_property(
    method: str,
    params: list[tuple[str, str]],
    headers: list[tuple[str, str]],
    body: str,
) -> None:
    params = [(name, value.replace("\x00", "")) for name, value in params]
    request = ApiRequest(method, "/v1/customers", tuple(params), tuple(headers), body)
    back = from_curl(to_curl(request, BASE), base_url=BASE)
    assert (back.method, back.url, back.params, back.body) == (
        request.method,
        request.url,
        request.params,
        request.body,
    )
    assert [h for h in back.headers if h[0] not in ("Accept", "Content-Type")] == [
        h for h in headers if h[0] not in ("Accept", "Content-Type")
    ]
