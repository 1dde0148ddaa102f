"""The linter is linted: ``ruff check`` with the rule set stated in pyproject.toml ([tool.ruff]) finds
nothing in the code, its tests, the benchmarks or the fuzzer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["avglint", "rules", "tests", "benchmarks", "fuzz"]


def test_ruff_finds_nothing():
    # --no-cache: a test run leaves nothing behind in the tree
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
                             *CHECKED], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
