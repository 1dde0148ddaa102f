"""A real editor as the client: Emacs (batch) with eglot, set up as docs/editors.md says, opens a
register, gets the diagnostics through Flymake, applies the preferred quick fix with eglot's own
code-action command and sees its finding go, and asks for hover (tests/lsp/emacs.el)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import workspace
from .test_lsp_diagnostics import HR, PROCESSORS

EMACS = shutil.which("emacs")


@pytest.mark.skipif(EMACS is None, reason="Emacs is not installed: apt-get install emacs-nox elpa-eglot")
def test_emacs_eglot_gets_diagnostics_a_quick_fix_and_hover(tmp_path):
    root = workspace(tmp_path / "ws", {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    result = tmp_path / "result.json"
    # a home of its own, so that no user's init files, packages or eglot settings take part
    env = {**os.environ, "AVGLINT_REGISTER": str(root / "hr.avg"), "AVGLINT_RESULT": str(result),
           "AVGLINT_PYTHON": sys.executable, "HOME": str(tmp_path / "home")}
    script = Path(__file__).with_name("emacs.el")
    subprocess.run([EMACS, "--batch", "-Q", "-l", str(script)], env=env, cwd=root,
                   stdin=subprocess.DEVNULL, capture_output=True, check=True)
    found = json.loads(result.read_text(encoding="utf-8"))
    if "missing" in found:
        pytest.skip(found["missing"])
    assert "error" not in found, found.get("error")
    assert found["diagnostics"] == [["AVG202", 12]]
    assert "avglint (AVG202): suppress AVG202 here" in found["actions"]
    assert found["fixed_line"] == "  grondslag: Gerechtvaardigd belang"
    assert found["after_fix"] == []
    assert "**doel** (purpose)" in found["hover"]
