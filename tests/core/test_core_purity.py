"""kexplore/core/ stays pure: no textual, rich or pygments imports (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kexplore.core

FORBIDDEN = frozenset({"textual", "rich", "pygments"})
CORE = Path(kexplore.core.__file__).parent
CORE_FILES = sorted(CORE.rglob("*.py"))


def forbidden_imports(source: str, filename: str = "<source>") -> list[str]:
    """`line: module` for every import of a forbidden package in `source`."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        found += [f"{node.lineno}: {m}" for m in modules if m.split(".")[0] in FORBIDDEN]
    return found


def test_core_has_files() -> None:
    assert CORE / "http" / "request.py" in CORE_FILES


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda path: str(path.relative_to(CORE)))
def test_no_ui_imports(path: Path) -> None:
    assert forbidden_imports(path.read_text(encoding="utf-8"), str(path)) == []


@pytest.mark.parametrize(
    "source",
    [
        "import textual",
        "import textual.app",
        "import os, rich.text",
        "import pygments as p",
        "from rich.text import Text",
        "from textual import on",
        "from pygments.lexers import JsonLexer",
        "def f():\n    from rich import print",
        "if TYPE_CHECKING:\n    import textual.widgets",
    ],
)
def test_checker_catches(source: str) -> None:
    assert forbidden_imports(source) != []


@pytest.mark.parametrize(
    "source",
    ["import richer", "from .rich import x", "from textualize import y", "import orjson"],
)
def test_checker_allows(source: str) -> None:
    assert forbidden_imports(source) == []
