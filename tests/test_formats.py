"""The github and json formats, and --format auto."""

from __future__ import annotations

import json

from click.testing import CliRunner

from avglint.cli import cli


def run(args, env=None):
    return CliRunner().invoke(cli, args, catch_exceptions=False, env=env)


def test_github_annotations_escape_and_keep_the_column_rule(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "a,b:c%.avg"
    (tmp_path / name).write_text('verwerking "X" {\n  kleur: blauw\n}\n', encoding="utf-8")
    result = run(["check", name, "--select", "AVG004", "--format", "github"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "::warning file=a%2Cb%3Ac%25.avg,line=2,endLine=2,col=3,endColumn=8,title=AVG004 unknown-field::"
        "a,b:c%25.avg:2:3: AVG004 Unknown field 'kleur' in a 'verwerking' block; see 'avglint explain AVG004' "
        "for the keys."]


def test_github_overflow_notice(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fields = "".join(f"  veld{i}: x\n" for i in range(12))
    (tmp_path / "r.avg").write_text(f'verwerking "X" {{\n{fields}}}\n', encoding="utf-8")
    lines = run(["check", "r.avg", "--select", "AVG004", "--format", "github"]).output.splitlines()
    assert len(lines) == 13
    assert lines[-1].startswith("::notice title=avglint::avglint found 0 errors and 12 warnings; GitHub shows at "
                                "most 10 of each")


def test_auto_is_github_in_actions_but_not_inside_pre_commit(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text('verwerking "X" {\n  kleur: blauw\n}\n', encoding="utf-8")
    args = ["check", "r.avg", "--select", "AVG004", "--format", "auto"]
    assert run(args, env={"GITHUB_ACTIONS": "true"}).output.startswith("::warning ")
    assert run(args, env={"GITHUB_ACTIONS": "true", "PRE_COMMIT": "1"}).output.startswith("r.avg:2:3: warning AVG004")


def test_json_document(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text('groep "G" {\n  verwerking "X" {\n    grondslag: Toestemmming\n  }\n}\n',
                                    encoding="utf-8")
    data = json.loads(run(["check", "r.avg", "--select", "AVG202", "--format", "json"]).output)
    assert data["version"] == 1 and data["files"] == 1 and data["activities"] == 1
    [finding] = data["findings"]
    assert {k: finding[k] for k in ("rule", "slug", "severity", "path", "line", "column", "end_line", "end_column",
                                    "activity", "group_path", "field", "suppressed")} == {
        "rule": "AVG202", "slug": "grondslag-spelling", "severity": "warning", "path": "r.avg", "line": 3,
        "column": 16, "end_line": 3, "end_column": 28, "activity": "X", "group_path": ["G"], "field": "grondslag",
        "suppressed": None}
    assert finding["fix"]["safe"] is True and finding["fix"]["edits"][0]["text"] == "Toestemming"
    assert finding["fix"]["edits"][0]["start_byte"] == len('groep "G" {\n  verwerking "X" {\n    grondslag: ')
