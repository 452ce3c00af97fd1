"""OpenAPI 3.0/3.1 documents into the tree's catalogue: tags, parameters, bodies, `$ref`s."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kexplore.core.browse.catalog import Endpoint, ResourceGroup
from kexplore.core.openapi.catalogue import build_catalogue, load_catalogue
from kexplore.core.openapi.document import parse_document
from kexplore.core.openapi.openapi_error import OpenApiError

PETSTORE_YAML = """\
openapi: 3.0.3
info: {title: Pets, version: "1"}
tags:
  - name: pets
    description: Everything about pets
  - name: store
paths:
  /pets:
    get:
      tags: [pets]
      summary: List pets
      parameters:
        - $ref: '#/components/parameters/limit'
        - name: status
          in: query
          description: "Filter by\\nstatus"
          schema: {type: string}
        - name: X-Trace
          in: header
          schema: {type: string}
    post:
      tags: [pets]
      operationId: createPet
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewPet'}
  /pets/{petId}:
    parameters:
      - name: petId
        in: path
        required: true
        description: The pet's id
        schema: {type: integer}
    get:
      tags: [pets]
      description: |
        Get one pet.
        More words.
    put:
      tags: [pets]
      requestBody:
        $ref: '#/components/requestBodies/Pet'
    delete: {tags: [pets], summary: Delete}
    head: {summary: not shown}
  /store/orders:
    post:
      tags: [store]
      summary: Place an order
      requestBody:
        content:
          application/json:
            examples:
              small: {$ref: '#/components/examples/SmallOrder'}
              big: {value: {quantity: 100}}
  /health:
    get: {summary: Health}
components:
  parameters:
    limit: {name: limit, in: query, description: How many, schema: {type: integer}}
  examples:
    SmallOrder: {value: {petId: 1, quantity: 1}}
  requestBodies:
    Pet:
      content:
        application/json:
          example: {name: Rex, tag: dog}
  schemas:
    NewPet:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [name]
          properties:
            name: {type: string, example: Rex}
            born: {type: string, format: date}
            status: {type: string, enum: [available, sold]}
            parent: {$ref: '#/components/schemas/NewPet'}
            tags: {type: array, items: {type: string}}
    Base:
      type: object
      properties:
        id: {type: integer, readOnly: true}
        kind: {type: string, default: pet}
"""


def endpoints(groups: tuple[ResourceGroup, ...]) -> dict[str, Endpoint]:
    return {f"{e.method} {e.path}": e for group in groups for e in group.endpoints}


@pytest.fixture
def petstore(tmp_path: Path) -> tuple[ResourceGroup, ...]:
    path = tmp_path / "petstore.yaml"
    path.write_text(PETSTORE_YAML)
    return load_catalogue(path)


def test_groups_follow_the_declared_tags_then_other(petstore: tuple[ResourceGroup, ...]) -> None:
    assert [(g.title, len(g.endpoints)) for g in petstore] == [
        ("pets", 5),
        ("store", 1),
        ("Other", 1),
    ]
    assert [f"{e.method} {e.path}" for e in petstore[0].endpoints] == [
        "GET /pets",
        "POST /pets",
        "GET /pets/{petId}",
        "PUT /pets/{petId}",
        "DELETE /pets/{petId}",
    ]


def test_parameters_with_descriptions(petstore: tuple[ResourceGroup, ...]) -> None:
    found = endpoints(petstore)
    assert found["GET /pets"].params == ("limit", "status")
    assert found["GET /pets"].param_help == (("limit", "How many"), ("status", "Filter by status"))
    assert found["GET /pets/{petId}"].param_help == (("petId", "The pet's id"),)


def test_summaries_from_summary_operation_id_or_description(
    petstore: tuple[ResourceGroup, ...],
) -> None:
    found = endpoints(petstore)
    assert found["GET /pets"].summary == "List pets"
    assert found["POST /pets"].summary == "createPet"
    assert found["GET /pets/{petId}"].summary == "Get one pet."


def test_bodies_from_example_examples_or_schema(petstore: tuple[ResourceGroup, ...]) -> None:
    found = endpoints(petstore)
    assert json.loads(found["PUT /pets/{petId}"].body or "") == {"name": "Rex", "tag": "dog"}
    assert json.loads(found["POST /store/orders"].body or "") == {"petId": 1, "quantity": 1}
    assert json.loads(found["POST /pets"].body or "") == {
        "kind": "pet",
        "name": "Rex",
        "born": "2026-01-01",
        "status": "available",
        "parent": None,
        "tags": ["string"],
    }
    assert found["GET /pets"].body is None


def test_lists_are_the_gets_without_placeholders(petstore: tuple[ResourceGroup, ...]) -> None:
    found = endpoints(petstore)
    assert [key for key, e in found.items() if e.is_list] == ["GET /pets", "GET /health"]


def test_openapi_31_json_schemas() -> None:
    document = {
        "openapi": "3.1.0",
        "paths": {
            "/things": {
                "post": {
                    "requestBody": {
                        "content": {
                            "application/vnd.api+json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "name": {"type": ["string", "null"]},
                                        "size": {"type": ["null", "integer"]},
                                        "shape": {"examples": ["round"]},
                                        "kind": {"const": "thing"},
                                        "any": {"oneOf": [{"type": "boolean"}, {"type": "string"}]},
                                        "map": {"type": "object"},
                                    },
                                }
                            }
                        }
                    }
                }
            }
        },
    }
    (group,) = build_catalogue(parse_document(json.dumps(document).encode()))
    assert json.loads(group.endpoints[0].body or "") == {
        "name": "string",
        "size": 0,
        "shape": "round",
        "kind": "thing",
        "any": True,
        "map": {},
    }


BAD = [
    ("[1, 2]", "at /: an OpenAPI document is an object, not a list"),
    ('{"swagger": "2.0"}', "at /swagger: this is Swagger 2.0"),
    ('{"openapi": "2.5", "paths": {}}', "at /openapi: 'openapi' is '2.5'"),
    ('{"openapi": "3.0.0", "paths": []}', "at /paths: 'paths' must be an object"),
    ('{"openapi": "3.0.0", "paths": {"/a": 1}}', "at /paths/~1a: a path item must be an object"),
    (
        '{"openapi": "3.0.0", "paths": {"/a": {"get": []}}}',
        "at /paths/~1a/get: an operation must be an object",
    ),
    (
        '{"openapi": "3.0.0", "paths": {"/a": {"get": {"parameters": [{"name": "x"}]}}}}',
        "at /paths/~1a/get/parameters/0: a parameter needs a 'name' and an 'in'",
    ),
    (
        '{"openapi": "3.1.0", "paths": {"/a": {"get": {"parameters": [{"$ref": "#/nope/x"}]}}}}',
        "at /paths/~1a/get/parameters/0/$ref: '$ref' '#/nope/x' points at nothing: "
        "there is no /nope",
    ),
    (
        '{"openapi": "3.1.0", "paths": {"/a": {"$ref": "other.yaml#/paths/a"}}}',
        "at /paths/~1a/$ref: '$ref' 'other.yaml#/paths/a' points into another document",
    ),
    (
        '{"openapi": "3.1.0", "paths": {"/a": {"$ref": "#/paths/~1a"}}}',
        "at /paths/~1a/$ref: '$ref' '#/paths/~1a' refers back to itself",
    ),
    (
        '{"openapi": "3.1.0", "paths": {"/a": {"post": {"requestBody": {"content": '
        '{"application/json": {"schema": {"$ref": "#/components/schemas/Gone"}}}}}}}}',
        "at /paths/~1a/post/requestBody/content/application~1json/schema/$ref: "
        "'$ref' '#/components/schemas/Gone' points at nothing: there is no /components",
    ),
    ('{"openapi": "3.0.0", ', "not valid JSON"),
    ("openapi: 3.0.0\npaths: {a: [}\n", "not valid YAML: line 2, column 13"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_documents_name_the_pointer(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "api.json"
    path.write_text(text)
    with pytest.raises(OpenApiError) as caught:
        load_catalogue(path)
    assert caught.value.message.startswith(f"{path}")
    assert message in caught.value.message
    assert "\n" not in caught.value.message


def test_a_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(OpenApiError, match=r"nope.yaml: cannot read it: No such file"):
        load_catalogue(tmp_path / "nope.yaml")


def test_yaml_keys_and_dates_that_are_not_json_still_make_a_body(tmp_path: Path) -> None:
    path = tmp_path / "api.yml"
    path.write_text(
        "openapi: 3.1.0\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n"
        "          application/json:\n            example: {when: 2026-01-02, 200: ok}\n"
    )
    (group,) = load_catalogue(path)
    assert json.loads(group.endpoints[0].body or "") == {"when": "2026-01-02", "200": "ok"}
