"""docs/SANDBOX.md's coverage table is the one scripts/coverage_table.py generates today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_coverage_table_is_up_to_date() -> None:
    script = ROOT / "scripts" / "coverage_table.py"
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, str(script), "--check"], cwd=ROOT, env=env, capture_output=True
    )
    assert result.returncode == 0, "run: python scripts/coverage_table.py"
