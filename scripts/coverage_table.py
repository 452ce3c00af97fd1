"""Writes the coverage table of docs/SANDBOX.md: every listed Kustomer operation, whether the
catalogue has it and which sandbox route serves it.

    python scripts/coverage_table.py          # rewrite the table in docs/SANDBOX.md
    python scripts/coverage_table.py --check  # exit 1 if the table is out of date
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from starlette.routing import Match, Route

from kexplore.core.browse.catalog import ENDPOINTS
from kexplore.sandbox.app import build_app

ROOT = Path(__file__).resolve().parents[1]
OPERATIONS = ROOT / "tests" / "sandbox" / "data" / "kustomer-operations.tsv"
DOC = ROOT / "docs" / "SANDBOX.md"
BEGIN, END = "<!-- coverage -->", "<!-- /coverage -->"
SAMPLES = {"name": "order", "resource": "customer", "orgName": "sandbox", "email": "a%40b.example"}
PLACEHOLDER = re.compile(r"\{([^{}/]+)\}|:([A-Za-z]+)")


def shape(path: str) -> str:
    """A path with its placeholders (`{x}`, `:x`) reduced to `{}`, in lower case."""
    return PLACEHOLDER.sub("{}", path).lower()


def sample(path: str) -> str:
    """A concrete path for a template: ids, a Klass name, an org name."""
    return PLACEHOLDER.sub(
        lambda m: SAMPLES.get(m.group(1) or m.group(2), "5a821b9499792b00019347f2"), path
    )


def served_by(routes: list[Route], method: str, path: str) -> str | None:
    """The name of the handler the sandbox routes this request to, or None."""
    scope = {"type": "http", "method": method, "path": sample(path)}
    for route in routes:
        if isinstance(route, Route) and route.matches(scope)[0] == Match.FULL:
            return f"{route.endpoint.__module__.rsplit('.', 1)[1]}.{route.name}"
    return None


def table() -> str:
    """The Markdown table and its totals."""
    with OPERATIONS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    catalogue = {(e.method, shape(e.path)) for e in ENDPOINTS}
    built = build_app(customers=1)
    routes = list(built.state_app.router.routes)
    built.state.store.close()
    lines = ["| method | path | from | in catalogue | served by |", "|---|---|---|---|---|"]
    totals = {"core": [0, 0, 0], "other": [0, 0, 0]}
    for row in rows:
        family = "core" if row["source"].startswith("core:") else "other"
        listed = (row["method"], shape(row["path"])) in catalogue
        handler = served_by(routes, row["method"], row["path"])
        totals[family][0] += 1
        totals[family][1] += listed
        totals[family][2] += handler is not None
        source = row["source"][5:] if family == "core" else "other family"
        cells = (row["method"], f"`{row['path']}`", source, "yes" if listed else "**no**")
        lines.append("| " + " | ".join((*cells, f"`{handler}`" if handler else "**no**")) + " |")
    lines.append("")
    for family, title in (("core", "Core Resources"), ("other", "Other families")):
        count, listed, served = totals[family]
        lines.append(f"- {title}: {count} operations, {listed} in the catalogue, {served} served.")
    lines.append(f"- The catalogue has {len(ENDPOINTS)} entries in all.")
    return "\n".join(lines)


def main() -> int:
    """Rewrite (or with --check, verify) the table between the markers in docs/SANDBOX.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    updated = text[:start] + "\n" + table() + "\n" + text[end:]
    if args.check:
        return 0 if updated == text else 1
    DOC.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
