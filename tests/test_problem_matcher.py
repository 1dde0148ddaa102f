"""docs/editors.md: the VS Code problem matcher reads avglint's real text output."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from avglint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EDITORS = ROOT / "docs" / "editors.md"


def documented_task() -> dict:
    """The task of the docs' tasks.json block that has a problem matcher."""
    blocks = re.findall(r"```json\n(.*?)```", EDITORS.read_text(encoding="utf-8"), flags=re.S)
    [task] = [task for block in blocks for task in json.loads(block)["tasks"] if task.get("problemMatcher")]
    return task


def run_task(task: dict, *extra: str, monkeypatch) -> str:
    """The task's avglint command with the task's environment, on the paths given."""
    monkeypatch.chdir(ROOT)
    for name, value in task.get("options", {}).get("env", {}).items():
        monkeypatch.setenv(name, value)
    program, *arguments = shlex.split(task["command"])
    assert program == "avglint"
    result = CliRunner().invoke(cli, [*arguments, *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_problem_matcher_reads_every_finding_of_the_examples(lang, monkeypatch):
    task = documented_task()
    pattern = task["problemMatcher"]["pattern"]
    regexp = re.compile(pattern["regexp"])  # JavaScript syntax that Python reads the same way: groups, \d, classes
    output = run_task(task, "examples/", "--lang", lang, monkeypatch=monkeypatch)
    expected = json.loads(CliRunner().invoke(cli, ["check", "examples/", "--lang", lang, "--format", "json"]).output)
    *lines, summary = output.splitlines()
    assert len(lines) == len(expected["findings"]) > 100
    assert regexp.match(summary) is None
    for line, finding in zip(lines, expected["findings"]):
        match = regexp.match(line)
        assert match, line
        read = {key: match.group(pattern[key]) for key in ("file", "line", "column", "severity", "code", "message")}
        assert read == {"file": finding["path"], "line": str(finding["line"]), "column": str(finding["column"]),
                        "severity": finding["severity"], "code": finding["rule"], "message": finding["message"]}
    assert {finding["severity"] for finding in expected["findings"]} == {"error", "warning", "note"}
