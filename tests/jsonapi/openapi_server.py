"""A generated OpenAPI document of a few hundred operations, and a server that matches it.

The server is written from the same resource names, not from the document: it checks what the
document promises (paths under /api, integer ids, JSON bodies with a `name`, the required query
parameter) and answers anything else with 4xx, so an endpoint built wrongly from the document
does not answer 2xx.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

RESOURCES = tuple(f"things{index:02d}" for index in range(60))
"""60 collections of 5 operations each: 300 operations."""


def generate_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document: per resource, list/create/get/update/delete, tagged by it."""
    paths: dict[str, Any] = {}
    for name in RESOURCES:
        paths[f"/{name}"] = {
            "get": {
                "tags": [name],
                "summary": f"List {name}",
                "parameters": [
                    {"$ref": "#/components/parameters/limit"},
                    {
                        "name": "sort",
                        "in": "query",
                        "required": True,
                        "example": "name",
                        "description": "Field to sort by",
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {"200": {"description": "ok"}},
            },
            "post": {
                "tags": [name],
                "summary": f"Create one of {name}",
                "requestBody": {"$ref": "#/components/requestBodies/Thing"},
                "responses": {"201": {"description": "created"}},
            },
        }
        paths[f"/{name}/{{id}}"] = {
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "get": {
                "tags": [name],
                "summary": "Get one",
                "responses": {"200": {"description": "ok"}},
            },
            "patch": {
                "tags": [name],
                "summary": "Update one",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                    }
                },
                "responses": {"200": {"description": "ok"}},
            },
            "delete": {
                "tags": [name],
                "summary": "Delete one",
                "responses": {"204": {"description": "gone"}},
            },
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Things", "version": "1"},
        "servers": [{"url": "/api"}],
        "tags": [{"name": name} for name in RESOURCES],
        "paths": paths,
        "components": {
            "parameters": {
                "id": {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "description": "The id",
                    "schema": {"type": "integer", "example": 1},
                },
                "limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}},
            },
            "requestBodies": {
                "Thing": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                    }
                }
            },
            "schemas": {
                "Thing": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "id": {"type": "integer", "readOnly": True},
                        "name": {"type": "string", "minLength": 1},
                        "size": {"type": ["integer", "null"]},
                        "parent": {"$ref": "#/components/schemas/Thing"},
                    },
                }
            },
        },
    }


async def _body(request: Request) -> dict[str, Any] | None:
    try:
        body = json.loads(await request.body())
    except ValueError:
        return None
    return body if isinstance(body, dict) and isinstance(body.get("name"), str) else None


async def _collection(request: Request) -> Response:
    if request.path_params["name"] not in RESOURCES:
        return JSONResponse({"error": "no such collection"}, 404)
    if request.method == "GET":
        if "sort" not in request.query_params:
            return JSONResponse({"error": "sort is required"}, 400)
        return JSONResponse([{"id": 1, "name": "one"}])
    body = await _body(request)
    return JSONResponse({"id": 2, **body}, 201) if body else JSONResponse({"error": "name"}, 422)


async def _member(request: Request) -> Response:
    if request.path_params["name"] not in RESOURCES:
        return JSONResponse({"error": "no such collection"}, 404)
    if request.method == "DELETE":
        return Response(status_code=204)
    if request.method == "PATCH":
        body = await _body(request)
        return JSONResponse(body) if body else JSONResponse({"error": "name"}, 422)
    return JSONResponse({"id": request.path_params["id"], "name": "one"})


def build_app() -> Starlette:
    """The server: /api/<collection> and /api/<collection>/<integer id>."""
    return Starlette(
        routes=[
            Route("/api/{name}", _collection, methods=["GET", "POST"]),
            Route("/api/{name}/{id:int}", _member, methods=["GET", "PATCH", "DELETE"]),
        ]
    )
