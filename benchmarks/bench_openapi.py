"""How long a 4 MB OpenAPI document takes to become the resource tree's catalogue.

    .venv/bin/python benchmarks/bench_openapi.py [--size-mb 4] [--repeat 5]

Generates a document of about `--size-mb` MB (a few thousand operations over a few hundred
tags, each with parameters, a `$ref`'d request body whose example is synthesised from a schema
with nested, recursive `$ref`s, and responses), writes it as JSON and as YAML, and times
`load_catalogue` (read + parse + build) on each, in this process; prints the median and the
range of `--repeat` runs. Loading runs in a worker after the first frame, so this is the time
until the tree shows the document, not time added to start-up. Not part of the test suite
(CONVENTIONS rule 13).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from kexplore.core.openapi.catalogue import load_catalogue


def _schema(index: int) -> dict[str, Any]:
    properties: dict[str, Any] = {
        f"field{n}": {"type": "string", "description": f"Field {n} of model {index}, " * 3}
        for n in range(12)
    }
    properties["id"] = {"type": "integer", "readOnly": True}
    properties["owner"] = {"$ref": f"#/components/schemas/Model{max(index - 1, 0)}"}
    properties["children"] = {
        "type": "array",
        "items": {"$ref": f"#/components/schemas/Model{index}"},
    }
    properties["created"] = {"type": "string", "format": "date-time"}
    return {"type": "object", "required": ["field0"], "properties": properties}


def _operations(tag: str, path: str, model: str) -> dict[str, Any]:
    parameters = [
        {
            "name": f"filter{n}",
            "in": "query",
            "description": f"Filter {n} of {tag}",
            "schema": {"type": "string"},
        }
        for n in range(4)
    ]
    body = {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}}}
    responses = {
        "200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}},
        },
        "404": {"description": "not found"},
    }
    return {
        path: {
            "get": {
                "tags": [tag],
                "summary": f"List {tag}",
                "parameters": parameters,
                "responses": responses,
            },
            "post": {
                "tags": [tag],
                "summary": f"Create in {tag}",
                "requestBody": body,
                "responses": responses,
            },
        },
        f"{path}/{{id}}": {
            "parameters": [
                {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "description": "The id",
                    "schema": {"type": "integer"},
                }
            ],
            "get": {"tags": [tag], "summary": "Get one", "responses": responses},
            "put": {
                "tags": [tag],
                "summary": "Replace one",
                "requestBody": body,
                "responses": responses,
            },
            "patch": {
                "tags": [tag],
                "summary": "Update one",
                "requestBody": body,
                "responses": responses,
            },
            "delete": {
                "tags": [tag],
                "summary": "Delete one",
                "responses": {"204": {"description": "gone"}},
            },
        },
    }


def generate(size_mb: float) -> dict[str, Any]:
    """A document of about `size_mb` MB as JSON."""
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Benchmark", "version": "1"},
        "paths": {},
        "components": {"schemas": {}},
    }
    index = 0
    while len(json.dumps(document)) < size_mb * 1_000_000:
        for step in range(20):
            n = index + step
            document["components"]["schemas"][f"Model{n}"] = _schema(n)
            document["paths"].update(_operations(f"tag{n // 4}", f"/resources{n}", f"Model{n}"))
        index += 20
    return document


def _time(path: Path, repeat: int) -> tuple[list[float], int]:
    runs, count = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        catalogue = load_catalogue(path)
        runs.append(time.perf_counter() - started)
        count = sum(len(group.endpoints) for group in catalogue)
    return runs, count


def main() -> None:
    """Generate, write, time and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=4.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    document = generate(args.size_mb)
    with tempfile.TemporaryDirectory() as folder:
        for name, text in (
            ("api.json", json.dumps(document)),
            ("api.yaml", yaml.safe_dump(document, sort_keys=False)),
        ):
            path = Path(folder) / name
            path.write_text(text)
            runs, count = _time(path, args.repeat)
            median = statistics.median(runs) * 1000
            print(
                f"{name}: {path.stat().st_size / 1e6:.2f} MB, {count} operations in "
                f"{len(document['paths'])} paths: median {median:.0f} ms "
                f"(range {min(runs) * 1000:.0f}-{max(runs) * 1000:.0f} ms, {args.repeat} runs)"
            )


if __name__ == "__main__":
    main()
