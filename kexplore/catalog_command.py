"""`kexplore catalog`: the API catalogue printed as text or JSON, for scripts and docs."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, TextIO

from kexplore.core.browse.catalog import CATALOG, Endpoint

__all__ = ["add_catalog_parser", "catalog_document", "run_catalog"]


def add_catalog_parser(commands: Any) -> None:
    """Add the `catalog` sub-command to an argparse sub-parsers object."""
    catalog = commands.add_parser("catalog", help="print the Kustomer API catalogue")
    catalog.add_argument("--format", choices=("text", "json"), default="text")


def _entry(endpoint: Endpoint) -> dict[str, Any]:
    body = None if endpoint.body is None else json.loads(endpoint.body)
    return {
        "method": endpoint.method,
        "path": endpoint.path,
        "summary": endpoint.summary,
        "params": list(endpoint.params),
        "list": endpoint.is_list,
        "status": endpoint.status,
        "body": body,
    }


def catalog_document() -> list[dict[str, Any]]:
    """Return the catalogue as JSON-ready groups, each with its endpoints.

    Returns:
        `[{key, title, endpoints: [{method, path, summary, params, list, status, body}]}]`.
    """
    return [
        {"key": g.key, "title": g.title, "endpoints": [_entry(e) for e in g.endpoints]}
        for g in CATALOG
    ]


def _text(out: TextIO) -> None:
    for group in CATALOG:
        print(f"{group.title}", file=out)
        for endpoint in group.endpoints:
            params = f"  [{' '.join(endpoint.params)}]" if endpoint.params else ""
            print(f"  {endpoint.method:<6} {endpoint.path}{params}", file=out)
            print(f"         {endpoint.summary} -> {endpoint.status}", file=out)


def run_catalog(args: argparse.Namespace, out: TextIO) -> int:
    """Print the catalogue in the format asked for.

    Args:
        args: The parsed options (`format`).
        out: Where to print.

    Returns:
        The exit code, 0.
    """
    try:
        if args.format == "json":
            json.dump(catalog_document(), out, indent=2, ensure_ascii=False)
            out.write("\n")
        else:
            _text(out)
        out.flush()
    except BrokenPipeError:  # `kexplore catalog | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
