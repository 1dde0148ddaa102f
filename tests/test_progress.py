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


class StoppedClock:
    """time.monotonic for avglint.progress that moves only when a test moves it."""

    def __init__(self):
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


def test_short_runs_and_non_terminals_stay_quiet(monkeypatch):
    clock = StoppedClock()
    monkeypatch.setattr(progress_module, "time", clock)
    out = io.StringIO()
    shown = Progress(out)
    lint([("r.avg", b'verwerking "X" {\n}\n')], Config(select=["AVG0"]), progress=shown)
    assert out.getvalue() == ""              # within the delay: nothing
    clock.now += progress_module.DELAY
    shown("rules", 1, 2)
    assert out.getvalue() == "\ravglint: checking rules 1/2\033[K"
    shown.close()
    assert for_terminal(quiet=True) is None
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert for_terminal(quiet=False) is None  # not a terminal
