"""Rules from other packages (entry-point group avglint.rules) are treated exactly like built-ins,
and the configuration can extend the vocabularies."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

import avglint.registry as registry
from avglint.cli import cli

PLUGIN = '''
"""An organisation's own rule: every activity names an owner."""
from avglint.registry import report, rule


@rule(id="AVG990", slug="eigenaar-ontbreekt", severity="warning",
      title=("The activity names no owner.", "De verwerking noemt geen eigenaar."))
def owner_missing(activity, ctx):
    """
    ## What it checks
    That every activity names its process owner.

    ## Why
    Internal policy.
    <!-- nl -->
    ## Wat het controleert
    Dat elke verwerking een proceseigenaar noemt.

    ## Waarom
    Intern beleid.
    """
    if activity.get("eigenaar") is None:
        yield report(activity.name_span, "No owner.", "Geen eigenaar.")
'''


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A distribution installed on sys.path with an avglint.rules entry point, as pip would leave it."""
    site = tmp_path / "site"
    (site / "acme_avglint_rules-1.0.dist-info").mkdir(parents=True)
    (site / "acme_avglint_rules-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-avglint-rules\nVersion: 1.0\n", encoding="utf-8")
    (site / "acme_avglint_rules-1.0.dist-info" / "entry_points.txt").write_text(
        "[avglint.rules]\nacme = acme_avglint_rules\n", encoding="utf-8")
    (site / "acme_avglint_rules.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(registry, "_registry", None)
    yield
    monkeypatch.setattr(registry, "_registry", None)


def run(args):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_plugin_rule_runs_is_listed_documented_and_suppressible(installed_plugin, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text('verwerking "X" {\n  doel: a\n}\nverwerking "Y" {  # avglint: ignore[AVG990] '
                                    'eigenaar volgt\n}\n', encoding="utf-8")
    result = run(["check", "r.avg", "--select", "AVG990"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "r.avg:1:12: warning AVG990 No owner."
    assert "1 suppressed" in result.output
    assert any(line.startswith("AVG990  eigenaar-ontbreekt") for line in run(["rules"]).output.splitlines())
    assert "Intern beleid." in run(["explain", "AVG990", "--lang", "nl"]).output
    assert run(["check", "r.avg", "--select", "eigenaar-ontbreekt", "--ignore", "AVG990"]).exit_code == 0


def test_the_plugins_found_are_remembered_until_a_package_is_installed_or_removed(installed_plugin, tmp_path,
                                                                                 monkeypatch):
    """Plugins are looked for in the packages' metadata once and then read from the cache (avglint/cache.py),
    until a directory of the import path changes: removing the plugin's package is seen at once."""
    import os
    import shutil
    from importlib import metadata

    assert "AVG990" in registry.all_rules()
    monkeypatch.setattr(registry, "_registry", None)
    with monkeypatch.context() as patched:
        patched.setattr(metadata, "entry_points", lambda **_: pytest.fail("the plugins were looked for again"))
        assert "AVG990" in registry.all_rules()
    site = tmp_path / "site"
    before = site.stat().st_mtime_ns
    shutil.rmtree(site / "acme_avglint_rules-1.0.dist-info")
    # as a package manager leaves it, later than the first look (the clock may be coarser than this test)
    os.utime(site, ns=(before, max(site.stat().st_mtime_ns, before + 1)))
    monkeypatch.setattr(registry, "_registry", None)
    assert "AVG990" not in registry.all_rules()


def test_configuration_extends_a_vocabulary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text('verwerking "X" {\n  doel: synergie realiseren\n}\n', encoding="utf-8")
    assert run(["check", "r.avg", "--select", "AVG113"]).exit_code == 0
    (tmp_path / ".avglint.yaml").write_text(
        "select: [AVG113]\nvocabularies:\n  purposes:\n    vague_purposes:\n      - id: synergie\n"
        "        level: warning\n        terms: [synergie]\n", encoding="utf-8")
    result = run(["check", "r.avg"])
    assert result.exit_code == 1 and "AVG113 'synergie'" in result.output
