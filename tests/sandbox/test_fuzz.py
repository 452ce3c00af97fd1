"""Arbitrary paths, queries, headers and bodies never get a 500 or crash the server."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexplore.sandbox.seed.seed import seed_store
from kexplore.sandbox.server import RunningSandbox, SandboxConfig, start_sandbox
from kexplore.sandbox.store import COLUMNS, Store


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


KEYS = ["sandbox-admin-key", "sandbox-read-key", "nope", ""]
WORDS = _words(
    "v1 customers conversations messages notes klasses order subscription search "
    "archive users current teams tags shortcuts brands default routing queues orgs "
    "auth tokens companies email=jane%40example.com externalId=CUS-100001 "
    "phone=+1555 externalid=x 0123456789abcdef01234567 695aff2988bd64072bcfbe01 . .. "
    "%2F %00 %FF %ZZ"
)
FIELDS = _words(
    "customer_name customer_email customer_phone customer_externalId "
    "customer_created_at customer_updated_at customer_tags customer_custom_tierStr "
    "customer_custom_xNum conversation_status conversation_priority "
    "conversation_customer_id conversation_tags message_channel message_direction "
    "note_updated_at kobject_updated_at company_name kobject_custom_order_totalNum "
    "customer_id bogus_field customer_ and or not"
)
OPS = ["equals", "contains", "gt", "gte", "lt", "lte", "in", "exists", ""]


def dump(value: object) -> bytes:
    """JSON the way any client might write it: big integers, NaN and Infinity included."""
    return json.dumps(value).encode()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
scalars = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=30)
)
scalars |= st.sampled_from(["2026-01-01", "2026-02-03T01:26:59.334Z", "open", "jane@example.com"])
criterion = st.dictionaries(
    st.sampled_from(FIELDS),
    st.dictionaries(st.sampled_from(OPS), scalars, max_size=2) | scalars,
    max_size=3,
)
search_bodies = st.fixed_dictionaries(
    {},
    optional={
        "and": criterion | st.lists(criterion, max_size=3),
        "or": criterion | st.lists(criterion, max_size=3),
        "not": criterion | st.lists(criterion, max_size=3),
        "sort": st.lists(
            st.dictionaries(st.sampled_from(FIELDS), st.sampled_from(["asc", "desc", "up", 1])),
            max_size=2,
        ),
        "queryContext": st.sampled_from(
            ["customer", "conversation", "message", "note", "kobject", "company", "x", 3]
        ),
        "timeZone": st.sampled_from(["America/New_York", "UTC", "", "Mars/Base", 5, "../etc"]),
    },
)
record_bodies = st.dictionaries(
    st.sampled_from(
        _words(
            "name firstName emails phones externalId custom company customer status priority "
            "rev channel app direction body title tags queue brand snooze meta sentAt x"
        )
    ),
    json_values,
    max_size=5,
)
bodies = (
    st.none()
    | st.binary(max_size=200)
    | json_values.map(dump)
    | search_bodies.map(dump)
    | record_bodies.map(dump)
)


def _seeded_ids() -> dict[str, list[str]]:
    """Real ids of the fuzzed sandbox (same seed and size), so requests reach real records."""
    store = Store()
    seed_store(store, 42, CUSTOMERS)
    found: dict[str, list[str]] = {}
    for record in store.select(f"SELECT {COLUMNS} FROM resources ORDER BY seq", []):
        found.setdefault(record.type.split(".")[0], []).append(record.id)
    store.close()
    return found


CUSTOMERS = 40
IDS = _seeded_ids()
TEMPLATES = _words(
    "/v1/customers /v1/customers/{customer} /v1/customers/{customer}/conversations "
    "/v1/customers/{customer}/messages /v1/customers/{customer}/notes "
    "/v1/customers/{customer}/klasses/{klass} /v1/conversations /v1/conversations/{conversation} "
    "/v1/conversations/{conversation}/messages /v1/conversations/{conversation}/notes "
    "/v1/messages /v1/messages/{message} /v1/notes /v1/notes/{note} /v1/klasses "
    "/v1/klasses/{klass} /v1/klasses/{klass}/{kobject} /v1/companies /v1/companies/{company} "
    "/v1/companies/{company}/klasses/{klass} /v1/users /v1/users/{user} /v1/users/{user}/teams "
    "/v1/teams /v1/teams/{team} /v1/tags/{tag} /v1/shortcuts/{shortcut} /v1/brands/{brand} "
    "/v1/routing/queues/{queue} /v1/orgs/{org} /v1/customers/search /v1/auth/tokens/{auth_token}"
)
odd_ids = st.sampled_from(WORDS) | st.text(min_size=1, max_size=12).map(
    lambda text: quote(text, safe="=@+,")
)


def _fill(template: str, draw: st.DrawFn) -> str:
    for name in ("customer", "conversation", "message", "note", "kobject", "company", "user"):
        if "{" + name + "}" in template:
            value = draw(st.sampled_from(IDS[name]) | odd_ids)
            template = template.replace("{" + name + "}", value)
    for name in ("team", "tag", "shortcut", "brand", "queue", "org", "auth_token"):
        template = template.replace("{" + name + "}", draw(st.sampled_from(IDS[name]) | odd_ids))
    return template.replace("{klass}", draw(st.sampled_from(["order", "subscription"]) | odd_ids))


@st.composite
def paths(draw: st.DrawFn) -> str:
    """A real route with real or odd ids, or arbitrary segments under /v1."""
    if draw(st.booleans()):
        return _fill(draw(st.sampled_from(TEMPLATES)), draw)
    parts = draw(st.lists(st.sampled_from(WORDS) | odd_ids, max_size=5))
    return draw(st.sampled_from(["/v1/", "/", "/v2/"])) + "/".join(parts)


queries = st.dictionaries(
    st.sampled_from(["page", "pageSize", "sort", "status", "userType", "email", "include", "q"]),
    st.sampled_from(
        ["1", "0", "-1", "100", "501", "1e3", "desc", "", "x" * 50, "99999999999999999999"]
    )
    | st.text(max_size=10),
    max_size=3,
)
headers = st.fixed_dictionaries(
    {
        "Authorization": st.sampled_from(KEYS[:1] * 6 + KEYS).map(
            lambda key: f"Bearer {key}".strip()
        )
    },
    optional={
        "Content-Type": st.sampled_from(
            ["application/json", "text/plain", "application/x-www-form-urlencoded", ""]
        ),
        "If-None-Match": st.sampled_from(['W/"0-x"', "*", ""]),
        "X-Anything": st.text(
            alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=20
        ),
    },
)


@pytest.fixture(scope="module")
def target() -> Iterator[RunningSandbox]:
    running = start_sandbox(SandboxConfig(port=0, customers=CUSTOMERS, rate_limit=1_000_000))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def client(target: RunningSandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=target.base_url, timeout=30) as client:
        yield client


def send(
    client: httpx.Client, method: str, path: str, query: dict, head: dict, body: bytes | None
) -> None:
    url = path + (f"?{urlencode(query)}" if query else "")
    try:
        response = client.request(method, url, headers=head, content=body)
    except (httpx.InvalidURL, httpx.LocalProtocolError, UnicodeEncodeError):
        return  # the client refused to send it; nothing reached the server
    assert response.status_code < 500 or response.status_code == 503, (method, url, response.text)
    if response.content and method != "HEAD":
        document = response.json()
        assert "data" in document or "errors" in document


@settings(
    max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
    path=paths(),
    query=queries,
    head=headers,
    body=bodies,
)
def test_arbitrary_requests_never_get_a_500(
    client: httpx.Client, method: str, path: str, query: dict, head: dict, body: bytes | None
) -> None:
    send(client, method, path, query, head, body)


@settings(
    max_examples=800, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=search_bodies, query=queries)
def test_arbitrary_searches_never_get_a_500(client: httpx.Client, body: dict, query: dict) -> None:
    head = {"Authorization": "Bearer sandbox-admin-key"}
    send(client, "POST", "/v1/customers/search", query, head, dump(body))


@settings(
    max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(
        ["/v1/customers", "/v1/companies", "/v1/klasses/order", "/v1/conversations"]
    ),
    method=st.sampled_from(["POST", "PUT", "PATCH"]),
    body=record_bodies,
)
def test_arbitrary_writes_never_get_a_500(
    client: httpx.Client, target: RunningSandbox, kind: str, method: str, body: dict
) -> None:
    head = {"Authorization": "Bearer sandbox-admin-key"}
    path = kind
    if method != "POST":
        listed = client.get(f"{kind}?pageSize=1", headers=head).json()["data"]
        if not listed:
            return
        path = listed[0]["links"]["self"]
    send(client, method, path, {}, head, dump(body))


ADMIN_LINE = b"Host: x\r\nAuthorization: Bearer sandbox-admin-key\r\n"


@pytest.mark.parametrize(
    "raw",
    [
        b"GET /v1/customers/%ZZ%FF HTTP/1.1\r\n" + ADMIN_LINE + b"\r\n",
        b"GET /v1/customers/\xff\xfe HTTP/1.1\r\n" + ADMIN_LINE + b"\r\n",
        b"GET /v1/tags HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xe9\xff\r\n\r\n",
        b"POST /v1/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sandbox-admin-key\r\n"
        b'Content-Length: 5\r\n\r\n{"a":',
        b"POST /v1/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sandbox-admin-key\r\n"
        b"Content-Length: 999999999\r\n\r\n{}",
        b"NONSENSE\r\n\r\n",
    ],
)
def test_malformed_http_on_the_wire(target: RunningSandbox, raw: bytes) -> None:
    host, port = target.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(raw)
        sock.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    status = reply.split(b" ", 2)[1] if reply.startswith(b"HTTP/1.1 ") else b""
    assert not status.startswith(b"5"), reply[:300]
    headers = {"Authorization": "Bearer sandbox-admin-key"}
    assert httpx.get(f"{target.base_url}/v1/tags", headers=headers).status_code == 200


def test_no_handler_raised(target: RunningSandbox) -> None:
    assert target.failures == []
