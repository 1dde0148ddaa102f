"""A real editor as the client: Neovim (headless) with its built-in LSP client opens a register,
gets diagnostics, applies the preferred quick fix and sees its finding go, and asks for hover, the
outline and key completion (tests/lsp/neovim.lua)."""

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

NVIM = shutil.which("nvim")


@pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed: apt-get install neovim")
def test_neovim_gets_diagnostics_a_quick_fix_hover_outline_and_completion(tmp_path):
    root = workspace(tmp_path / "ws", {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    result = tmp_path / "result.json"
    env = {**os.environ, "AVGLINT_REGISTER": str(root / "hr.avg"), "AVGLINT_RESULT": str(result),
           "AVGLINT_PYTHON": sys.executable, "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    script = Path(__file__).with_name("neovim.lua")
    subprocess.run([NVIM, "--headless", "--clean", "-n", "-c", f"luafile {script}"], env=env, cwd=root,
                   stdin=subprocess.DEVNULL, capture_output=True, check=True)
    found = json.loads(result.read_text(encoding="utf-8"))
    assert "error" not in found, found.get("error")
    assert found["diagnostics"] == ["AVG202"]
    assert "avglint (AVG202): suppress AVG202 here" in found["actions"]
    assert found["fixed_line"] == "  grondslag: Gerechtvaardigd belang"
    assert found["after_fix"] == []
    assert "**doel** (purpose)" in found["hover"]
    assert found["symbols"] == ["Acme B.V.", "Salarisadministratie"]
    assert "bewaartermijn" not in found["completion"] and "profilering" in found["completion"]
