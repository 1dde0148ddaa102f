"""A new rule touches nothing else: a trivial rule, added in a temporary plugin (an installed
distribution with an ``avglint.rules`` entry point), is listed, explained, checked, written to SARIF
and suppressible, while the committed goldens and the generated rule docs stay as they are.
docs/contributing.md takes the same steps for a built-in rule."""

from __future__ import annotations

import json
import textwrap

import pytest
import test_docs
import test_sarif
from click.testing import CliRunner

import avglint.registry as registry
from avglint.cli import cli

PLUGIN = '''
"""A trivial rule: an activity still named as a placeholder."""
from avglint.registry import report, rule


@rule(id="AVG990", slug="placeholder-name", severity="warning",
      title=("The activity still has a placeholder name.", "De verwerking heeft nog een voorlopige naam."))
def placeholder_name(activity, ctx):
    """
    ## What it checks
    That no activity is named `TODO`.

    ## Why
    A placeholder says nothing about the processing.
    <!-- nl -->
    ## Wat het controleert
    Dat geen verwerking `TODO` heet.

    ## Waarom
    Een voorlopige naam zegt niets over de verwerking.
    """
    if activity.name.strip().upper() == "TODO":
        yield report(activity.name_span, "The activity is named 'TODO'.", "De verwerking heet 'TODO'.")
'''

REGISTER = 'verwerking "TODO" {\n  doel: werving\n}\nverwerking "Todo" {  # avglint: ignore[AVG990] volgt\n}\n'


@pytest.fixture
def new_rule(tmp_path, monkeypatch):
    """The plugin installed on sys.path as pip would leave it, and the registry read again."""
    site = tmp_path / "site"
    info = site / "placeholder_rule-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: placeholder-rule\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[avglint.rules]\nplaceholder = placeholder_rule\n", encoding="utf-8")
    (site / "placeholder_rule.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(registry, "_registry", None)
    yield
    monkeypatch.setattr(registry, "_registry", None)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_a_rule_in_a_plugin_needs_no_other_change(new_rule, tmp_path, monkeypatch, sarif_validator):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text(REGISTER, encoding="utf-8")

    assert "AVG990  placeholder-name" in run("rules").output
    assert "A placeholder says nothing about the processing." in run("explain", "AVG990").output

    checked = run("check", "r.avg", "--select", "AVG990")
    assert checked.exit_code == 1
    assert checked.output.splitlines()[0] == "r.avg:1:12: warning AVG990 The activity is named 'TODO'."
    assert "1 suppressed" in checked.output  # the second activity, by its suppression comment

    log = json.loads(run("check", "r.avg", "--select", "AVG990", "--format", "sarif").output)
    sarif_validator.validate(log)
    [tool_run] = log["runs"]
    assert [descriptor["id"] for descriptor in tool_run["tool"]["driver"]["rules"]] == ["AVG990"]
    assert [(result["ruleId"], [kept["kind"] for kept in result["suppressions"]]) for result in tool_run["results"]] \
        == [("AVG990", []), ("AVG990", ["inSource"])]


def test_the_goldens_and_the_rule_docs_stay_as_they_are(new_rule):
    assert "AVG990" in registry.all_rules()
    test_sarif.test_golden_sarif_of_a_seed()      # the golden holds only the rules that find something in its seed
    test_docs.test_committed_pages_are_current()  # docs/rules/ is generated from the built-in rules only
