"""The mutation run (fuzz/mutate.py) in small: mutants of examples/ through the real command line, text and SARIF.

The full run is 1,800 mutants (docs/testing.md); this one keeps the suite fast."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "fuzz" / "mutate.py"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the mutation run forks a process per check (POSIX)")
def test_sixty_mutants_give_no_internal_error_and_only_utf8(tmp_path):
    run = subprocess.run([sys.executable, str(SCRIPT), "--mutants", "60", "--seed", "12", "--jobs", "2",
                          "--out", str(tmp_path)], capture_output=True, text=True, timeout=600)
    failures = "".join(path.read_text(encoding="utf-8") for path in sorted(tmp_path.glob("*.txt")))
    assert run.returncode == 0, run.stdout + run.stderr + failures
    assert "120 checks (text, sarif): 0 internal errors, 0 non-UTF-8 outputs, 0 SARIF logs" in run.stdout
