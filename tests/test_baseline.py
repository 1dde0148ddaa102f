"""Baselines: adopt avglint on an existing register and fail only on new findings."""

from __future__ import annotations

import json

from click.testing import CliRunner

from avglint.cli import cli

REGISTER = 'verwerking "A" {\n  kleur: blauw\n}\nverwerking "B" {\n  id: 1\n}\n'


def run(args):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_baseline_suppresses_known_findings_and_survives_moved_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text(REGISTER, encoding="utf-8")
    assert run(["check", "r.avg", "--select", "AVG004"]).exit_code == 1
    written = run(["check", "r.avg", "--select", "AVG004", "--write-baseline", "base.json"])
    assert written.exit_code == 0 and "Wrote 1 findings" in written.output
    entry = json.loads((tmp_path / "base.json").read_text())["findings"][0]
    assert entry == {"rule": "AVG004", "path": "r.avg", "activity": "A", "field": "", "text": "kleur", "count": 1}
    # lines inserted above: the known finding is still recognised
    (tmp_path / "r.avg").write_text("# kop\n\n" + REGISTER, encoding="utf-8")
    result = run(["check", "r.avg", "--select", "AVG004", "--baseline", "base.json"])
    assert result.exit_code == 0, result.output
    assert "1 suppressed" in result.output
    # a new finding of the same rule still fails
    (tmp_path / "r.avg").write_text(REGISTER + 'verwerking "C" {\n  maat: groot\n}\n', encoding="utf-8")
    result = run(["check", "r.avg", "--select", "AVG004", "--baseline", "base.json"])
    assert result.exit_code == 1
    assert "r.avg:8:3: warning AVG004" in result.output and "kleur" not in result.output


def test_bad_baseline_file_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "base.json").write_text("{not json", encoding="utf-8")
    result = run(["check", "r.avg", "--baseline", "base.json"])
    assert result.exit_code == 2 and "base.json:1: not a baseline file" in result.output
    (tmp_path / "other.json").write_text('{"x": 1}', encoding="utf-8")
    assert "not an avglint baseline" in run(["check", "r.avg", "--baseline", "other.json"]).output


def test_a_baselined_finding_shown_says_why_in_the_language_of_the_run(tmp_path, monkeypatch):
    """``--show-suppressed`` names the baseline in the run's language (the SARIF log keeps its English
    justification); an inline suppression's reason stays as written."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text(REGISTER, encoding="utf-8")
    assert run(["check", "r.avg", "--select", "AVG004", "--write-baseline", "base.json"]).exit_code == 0
    shown = {lang: run(["check", "r.avg", "--select", "AVG004", "--baseline", "base.json", "--show-suppressed",
                        "--lang", lang]).output for lang in ("en", "nl")}
    assert "[suppressed: recorded in the baseline]" in shown["en"]
    assert "[suppressed: vastgelegd in de baseline]" in shown["nl"] and "recorded" not in shown["nl"]
    log = json.loads(run(["check", "r.avg", "--select", "AVG004", "--baseline", "base.json", "--format", "sarif",
                          "--lang", "nl"]).output)
    [suppression] = log["runs"][0]["results"][0]["suppressions"]
    assert suppression["kind"] == "external" and suppression["justification"] == "recorded in the baseline"
