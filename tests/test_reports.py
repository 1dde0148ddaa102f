"""``avglint check --report FORMAT=PATH``: several reports from one run, and the GitHub workflow that uses it."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from avglint.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def run(args, **kwargs):
    return CliRunner().invoke(cli, args, catch_exceptions=False, **kwargs)


FINDING = 'verwerking "Nieuwsbrief" {\n    doel: inwoners informeren\n}\n'


def test_reports_are_written_from_the_same_run_next_to_the_console(tmp_path, monkeypatch):
    import avglint.app
    from avglint import atomic

    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text(FINDING, encoding="utf-8")
    runs, written = [], []
    real_lint, real_write = avglint.app.lint, atomic.write
    monkeypatch.setattr(avglint.app, "lint", lambda *a, **kw: (runs.append(1), real_lint(*a, **kw))[1])
    monkeypatch.setattr(atomic, "write", lambda path, data, **kw: (written.append(path), real_write(path, data, **kw)))
    result = run(["check", "r.avg", "--no-config", "--report", "sarif=r.sarif", "--report", "json=r.json"])
    reports = [path for path in written if not str(path).endswith(".pickle")]  # a cold vocabulary cache is written too
    assert result.exit_code == 1 and len(runs) == 1 and reports == ["r.sarif", "r.json"]
    console = [line for line in result.output.splitlines() if " AVG" in line]
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    log = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    assert len(console) == len(document["findings"]) == len(log["runs"][0]["results"]) > 0
    assert {f["rule"] for f in document["findings"]} == {r["ruleId"] for r in log["runs"][0]["results"]}


def test_a_text_report_has_no_colour(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text(FINDING, encoding="utf-8")
    result = run(["check", "r.avg", "--no-config", "--format", "json", "--report", "text=r.txt"])
    assert result.exit_code == 1 and json.loads(result.output)["findings"]
    text = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert "\x1b[" not in text and "r.avg:1:" in text and text.rstrip().splitlines()[-1].startswith("Found ")


@pytest.mark.parametrize("spec, message", [
    ("xml=r.xml", "unknown format 'xml' (one of text, json, sarif, github, html)"),
    ("sarif", "write it as FORMAT=PATH"),
    ("json=", "write it as FORMAT=PATH"),
])
def test_a_bad_report_option_is_a_usage_error(tmp_path, monkeypatch, spec, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text(FINDING, encoding="utf-8")
    result = run(["check", "r.avg", "--no-config", "--report", spec])
    assert result.exit_code == 2 and message in result.output


def test_two_outputs_to_one_file_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text(FINDING, encoding="utf-8")
    result = run(["check", "r.avg", "--no-config", "-o", "x.json", "--format", "json", "--report", "sarif=./x.json"])
    assert result.exit_code == 2 and "x.json is written by another option" in result.output


def test_a_failed_run_still_writes_a_failed_sarif_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".avglint.yaml").write_text("lang: fr\n", encoding="utf-8")
    (tmp_path / "r.avg").write_text(FINDING, encoding="utf-8")
    result = run(["check", "r.avg", "--report", "sarif=r.sarif"])
    assert result.exit_code == 2
    log = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_the_documented_workflow_runs(tmp_path, monkeypatch):
    """docs/github-actions.md: the check step of the workflow, as written, writes what the upload reads."""
    docs = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    workflow = docs.split("```yaml", 1)[1].split("```", 1)[0]
    command = re.search(r"run: (avglint check .*)", workflow).group(1)
    uploaded = re.search(r"sarif_file: (\S+)", workflow).group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "r.avg").write_text(FINDING, encoding="utf-8")
    result = run(shlex.split(command)[1:])
    assert result.exit_code == 1
    assert any(line.startswith("r.avg:1:") for line in result.output.splitlines())  # the findings in the log
    log = json.loads((tmp_path / uploaded).read_text(encoding="utf-8"))
    assert log["runs"][0]["results"]
