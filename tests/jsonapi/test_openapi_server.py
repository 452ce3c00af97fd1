"""A 300-operation OpenAPI document builds a tree whose every endpoint answers a matching server."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import yaml
from jsonapi.loopback import serve
from jsonapi.openapi_server import RESOURCES, build_app, generate_document

from kexplore.core.http.client import ApiClient
from kexplore.core.http.request import ApiRequest
from kexplore.core.openapi.catalogue import load_catalogue

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url() -> object:
    with serve(build_app()) as url:
        yield url


def write_yaml(tmp_path: Path) -> Path:
    path = tmp_path / "things.yaml"
    path.write_text(yaml.safe_dump(generate_document(), sort_keys=False))
    return path


def test_the_document_makes_60_groups_of_5(tmp_path: Path) -> None:
    catalogue = load_catalogue(write_yaml(tmp_path))
    assert [group.title for group in catalogue] == list(RESOURCES)
    assert sum(len(group.endpoints) for group in catalogue) == 300
    first = catalogue[0].endpoints
    assert [(e.method, e.path) for e in first] == [
        ("GET", "/things00?sort=name"),
        ("POST", "/things00"),
        ("GET", "/things00/{id}"),
        ("PATCH", "/things00/{id}"),
        ("DELETE", "/things00/{id}"),
    ]
    assert first[0].params == ("limit", "sort")
    assert first[2].param_help == (("id", "The id"),)


async def test_every_endpoint_answers_2xx(tmp_path: Path, base_url: str) -> None:
    catalogue = load_catalogue(write_yaml(tmp_path))
    client = ApiClient(f"{base_url}/api/")
    requests = [
        ApiRequest(e.method, re.sub(r"\{id\}", "1", e.path), body=e.body or "")
        for group in catalogue
        for e in group.endpoints
    ]
    try:
        responses = await asyncio.gather(*(client.send(request) for request in requests))
    finally:
        await client.aclose()
    statuses = {f"{r.method} {r.url}": s.status for r, s in zip(requests, responses, strict=True)}
    assert len(statuses) == 300
    assert {key: status for key, status in statuses.items() if status >= 300} == {}


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", "/things00", "", 400),
        ("POST", "/things00", "{}", 422),
        ("GET", "/things00/x", "", 404),
        ("GET", "/nothing", "", 404),
        ("PUT", "/things00/1", '{"name": "a"}', 405),
    ],
)
async def test_the_server_refuses_what_the_document_does_not_promise(
    base_url: str, method: str, path: str, body: str, status: int
) -> None:
    client = ApiClient(f"{base_url}/api")
    try:
        response = await client.send(ApiRequest(method, path, body=body))
    finally:
        await client.aclose()
    assert response.status == status
