"""Progress is shown on a terminal for long runs only, and never when output is not a terminal."""

from __future__ import annotations

import io

import avglint.progress as progress_module
from avglint.engine import Config, lint
from avglint.progress import Progress, for_terminal


def test_progress_reports_files_and_rules_then_clears(monkeypatch):
    monkeypatch.setattr(progress_module, "DELAY", 0)
    out = io.StringIO()
    shown = Progress(out)
    lint([(f"r{i}.avg", b'verwerking "X" {\n}\n') for i in range(3)], Config(select=["AVG0"]), progress=shown)
    shown.close()
    text = out.getvalue()
    assert "avglint: reading files 3/3" in text and "avglint: checking rules" in text
    assert text.endswith("\r\033[K")


def test_short_runs_and_non_terminals_stay_quiet(monkeypatch):
    out = io.StringIO()
    quiet = Progress(out)
    lint([("r.avg", b'verwerking "X" {\n}\n')], Config(select=["AVG0"]), progress=quiet)
    quiet.close()
    assert out.getvalue() == ""              # under half a second: nothing
    assert for_terminal(quiet=True) is None
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert for_terminal(quiet=False) is None  # not a terminal
