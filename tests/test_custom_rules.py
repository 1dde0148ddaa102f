"""Custom rules and extra fields written in the configuration (docs/custom-rules.md)."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from test_sarif import github_problems, schema_errors

from avglint.cli import cli
from avglint.config import ConfigError, load_project
from avglint.engine import lint
from avglint.formats.sarif import SarifWriter

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "custom-rules.md").read_text(encoding="utf-8")
SAMPLE = ROOT / "examples" / "custom-rules" / ".avglint.yaml"
EXPECT = re.compile(r"#\s*expect:\s*([A-Z]{2,8}\d{3}(?:\s*,\s*[A-Z]{2,8}\d{3})*)")


def run(args):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def configured(tmp_path: Path, text: str):
    return load_project(write(tmp_path / ".avglint.yaml", text)).config


def custom_findings(config, register: str, path: str = "r.avg") -> list:
    ids = {rule.id for rule in config.custom_rules}
    return [f for f in lint([(path, register.encode("utf-8"))], config).findings if f.rule in ids]


# -- the worked examples of the documentation ---------------------------------------------

def worked_examples() -> list[tuple[str, str, str]]:
    """(title, configuration, register) of each worked example of docs/custom-rules.md."""
    section = DOC.split("\n## Worked examples\n", 1)[1].split("\n## ", 1)[0]
    examples = []
    for part in section.split("\n### ")[1:]:
        title = part.splitlines()[0]
        configuration = re.search(r"```yaml\n(.*?)```", part, re.S).group(1)
        register = re.search(r"```avg\n(.*?)```", part, re.S).group(1)
        examples.append((title, configuration, register))
    return examples


def test_the_documentation_has_at_least_six_worked_examples():
    assert len(worked_examples()) >= 6


@pytest.mark.parametrize("title, configuration, register", worked_examples(), ids=lambda v: v[:2] if
                         isinstance(v, str) and v[:1].isdigit() else "")
def test_worked_example_fires_exactly_on_the_marked_lines(tmp_path, title, configuration, register):
    config = configured(tmp_path, configuration)
    expected = {(rule, number) for number, line in enumerate(register.splitlines(), 1)
                for match in EXPECT.finditer(line) for rule in re.split(r"\s*,\s*", match.group(1))}
    found = {(f.rule, f.span.line) for f in custom_findings(config, register)}
    assert expected and found == expected
    # the register itself is clean: the declared fields are no unknown fields
    assert not [f for f in lint([("r.avg", register.encode())], config).findings if f.rule == "AVG004"]


def test_the_sample_configuration_holds_the_rules_of_the_documentation():
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    documented = [yaml.safe_load(configuration) for _, configuration, _ in worked_examples()]
    assert sample["custom-rules"] == [rule for part in documented for rule in part["custom-rules"]]
    assert set(sample["extra-fields"]) == {key for part in documented for key in part.get("extra-fields", [])}
    assert len(load_project(SAMPLE).config.custom_rules) == len(sample["custom-rules"])


def test_the_sample_configuration_is_not_picked_up_by_the_quick_start():
    """`avglint check examples/` (the README's quick start) searches upward from examples/; the sample
    sits below it, beside no register."""
    assert not list(SAMPLE.parent.glob("**/*.avg"))


# -- a generated register: the expected findings computed from how it was generated --------

RULES = """
extra-fields: [fg-akkoord, overeenkomst]
custom-rules:
  - {id: GEN001, slug: gen-camera, severity: warning, message: "{activity}",
     when: {all: [{field: gegevens, matches: camera}, {missing: dpia}]}}
  - {id: GEN002, slug: gen-transfer, severity: error, message: "{activity}",
     when: {all: [{transfer: true}, {missing: fg-akkoord}]}}
  - {id: GEN003, slug: gen-hr-long, severity: warning, message: "{activity}",
     when: {all: [{in-group: personeelszaken}, {field: bewaartermijn, matches: "\\\\b(?:[89]|1[0-9]) jaar"}]}}
  - {id: GEN004, slug: gen-special, severity: error, message: "{activity}",
     when: {all: [{special-data: true}, {not: {present: fg-akkoord}}]}}
  - {id: GEN005, slug: gen-interest-owner, severity: note, message: "{activity}",
     when: {all: [{basis: [f]}, {missing: eigenaar}]}}
  - {id: GEN006, slug: gen-processor, severity: note, message: "{activity}",
     when: {all: [{role: processor}, {missing: overeenkomst}]}}
  - {id: GEN007, slug: gen-excel, severity: note, message: "{activity}", when: {field: systemen, equals: " EXCEL "}}
  - {id: GEN008, slug: gen-any, severity: note, message: "{activity}",
     when: {any: [{criminal-data: true}, {all: [{basis: [a, b]}, {in-group: Verkoop}]}]}}
"""
GROUPS = {"Personeelszaken": {}, "Verkoop": {"fg-akkoord": "FG-2024-1"}, None: {}}
CHOICES = {
    "gegevens": ["naam, e-mailadres", "naam, camerabeelden", "naam, cv, VOG", "naam, adres"],
    "bijzondere gegevens": [None, "geen", "gezondheidsgegevens"],
    "dpia": [None, "DPIA-7"],
    "doorgifte": [None, "geen", "Verenigde Staten, standaardcontractbepalingen"],
    "fg-akkoord": [None, None, "FG-9"],
    "bewaartermijn": [f"{years} jaar na afloop" for years in range(1, 13)],
    "grondslag": ["gerechtvaardigd belang", "toestemming", "uitvoering van een overeenkomst",
                  "wettelijke verplichting"],
    "eigenaar": [None, "hoofd"],
    "rol": [None, None, "verwerker"],
    "overeenkomst": [None, "VO-1"],
    "systemen": [None, "Excel", "Excel, CRM"],
}


def generated(rng: random.Random, count: int) -> tuple[str, list[tuple[str, str | None, dict]]]:
    """A register of ``count`` activities with random fields, and (name, group, fields in force) of each."""
    activities = []
    for number in range(count):
        group = rng.choice(list(GROUPS))
        fields = {key: rng.choice(values) for key, values in CHOICES.items()}
        activities.append((f"Activiteit {number}", group, {k: v for k, v in fields.items() if v is not None}))
    lines = ['organisatie "Gen B.V." {', "    rol: verwerkingsverantwoordelijke", "}"]
    for group, defaults in GROUPS.items():
        indent = "    " if group else ""
        if group:
            lines += [f'groep "{group}" {{', *(f"    {k}: {v}" for k, v in defaults.items())]
        for name, in_group, fields in activities:
            if in_group == group:
                lines += [f'{indent}verwerking "{name}" {{', *(f"{indent}    {k}: {v}" for k, v in fields.items()),
                          f"{indent}}}"]
        if group:
            lines.append("}")
    in_force = [(name, group, {**GROUPS[group], **fields}) for name, group, fields in activities]
    return "\n".join(lines) + "\n", in_force


def expected(activities) -> set[tuple[str, str]]:
    """Each rule of RULES evaluated on the generator's own values, not on avglint's model."""
    found = set()
    for name, group, fields in activities:
        basis = fields["grondslag"]
        holds = {
            "GEN001": "camera" in fields["gegevens"] and "dpia" not in fields,
            "GEN002": "Verenigde Staten" in fields.get("doorgifte", "") and "fg-akkoord" not in fields,
            "GEN003": group == "Personeelszaken" and int(fields["bewaartermijn"].split()[0]) >= 8,
            "GEN004": fields.get("bijzondere gegevens") == "gezondheidsgegevens" and "fg-akkoord" not in fields,
            "GEN005": basis == "gerechtvaardigd belang" and "eigenaar" not in fields,
            "GEN006": fields.get("rol") == "verwerker" and "overeenkomst" not in fields,
            "GEN007": fields.get("systemen") == "Excel",
            "GEN008": "VOG" in fields["gegevens"] or basis in ("toestemming", "uitvoering van een overeenkomst")
            and group == "Verkoop",
        }
        found |= {(rule, name) for rule, fires in holds.items() if fires}
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_custom_rules_fire_exactly_where_their_conditions_hold(tmp_path, seed):
    register, activities = generated(random.Random(seed), 60)
    config = configured(tmp_path, RULES)
    findings = custom_findings(config, register)
    assert {(f.rule, f.activity.name) for f in findings} == expected(activities)
    assert len(findings) == len(expected(activities))   # one finding per activity and rule
    assert not [f for f in lint([("r.avg", register.encode())], config).findings if f.rule == "AVG004"]


# -- first-class rules: rules, explain, SARIF, select/ignore/severity, suppressions, baselines ---

CAMERA = """
extra-fields: [fg-akkoord]
custom-rules:
  - id: ORG001
    slug: camera-dpia
    severity: warning
    articles: ["Art. 35(1)"]
    message:
      en: "'{activity}' processes camera images ({value}) but names no DPIA"
      nl: "'{activity}' verwerkt camerabeelden ({value}) maar noemt geen DPIA"
    help: |
      Camera images need a DPIA.

      Policy P-12 asks a DPIA for every camera activity.
    when:
      all:
        - field: gegevens
          matches: camera
        - missing: dpia
  - id: ORG002
    slug: fg-akkoord-ontbreekt
    severity: note
    message: {nl: "'{activity}' heeft geen akkoord van de FG"}
    when: {missing: fg-akkoord}
"""
REGISTER = 'verwerking "Toegang" {\n    gegevens: camerabeelden\n}\nverwerking "Post" {\n    fg-akkoord: ja\n}\n'


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".avglint.yaml", CAMERA)
    write(tmp_path / "r.avg", REGISTER)
    return tmp_path


def test_rules_and_explain_show_custom_rules(project):
    listed = run(["rules"]).output.splitlines()
    assert any(line.startswith("ORG001  camera-dpia") and "art. 35(1)" in line and "Camera images need a DPIA"
               in line for line in listed)
    table = json.loads(run(["rules", "--format", "json"]).output)
    assert {"id": "ORG002", "slug": "fg-akkoord-ontbreekt", "severity": "note", "articles": [], "fix": "no",
            "reads_statements": False,
            "title": "'…' heeft geen akkoord van de FG"} in table
    explained = run(["explain", "camera-dpia"]).output
    assert explained.startswith("# ORG001 camera-dpia") and "Policy P-12 asks a DPIA" in explained
    assert "matches: camera" in explained and "articles: 35(1)" in explained
    assert "ORG001" not in run(["rules", "--no-config"]).output


def test_custom_findings_in_both_languages_with_fallback(project):
    english = run(["check", "r.avg", "--select", "ORG"]).output
    assert "r.avg:2:15: warning ORG001 'Toegang' processes camera images (camerabeelden) but names no DPIA" in english
    assert "r.avg:1:12: note ORG002 'Toegang' heeft geen akkoord van de FG" in english  # only Dutch was written
    dutch = run(["check", "r.avg", "--select", "ORG", "--lang", "nl"]).output
    assert "ORG001 'Toegang' verwerkt camerabeelden (camerabeelden) maar noemt geen DPIA" in dutch


def test_custom_rules_run_beside_the_built_in_ones_and_obey_select_ignore_and_severity(project):
    both = run(["check", "r.avg"]).output
    assert "ORG001" in both and "AVG103" in both
    assert "AVG004" not in both   # fg-akkoord is declared
    ignored = run(["check", "r.avg", "--ignore", "ORG001"])
    assert "ORG001" not in ignored.output and "ORG002" in ignored.output
    assert "ORG" not in run(["check", "r.avg", "--select", "AVG1"]).output
    write(project / ".avglint.yaml", CAMERA + "severity: {ORG001: error, fg-akkoord-ontbreekt: 'off'}\n"
          "per-file-ignores: {'other/*.avg': [ORG]}\n")
    write(project / "other" / "o.avg", REGISTER)
    result = run(["check", "r.avg", "other/o.avg", "--select", "ORG"]).output
    assert "r.avg:2:15: error ORG001" in result and "ORG002" not in result and "other/o.avg" not in result


def test_inline_suppressions_and_baselines_cover_custom_rules(project):
    write(project / "r.avg", REGISTER.replace("camerabeelden", "camerabeelden  # avglint: ignore[ORG001] in DPIA-ronde"))
    result = run(["check", "r.avg", "--select", "ORG001", "--show-suppressed"])
    assert result.exit_code == 0 and "in DPIA-ronde" in result.output
    write(project / "r.avg", REGISTER)
    assert run(["check", "r.avg", "--select", "ORG001", "--write-baseline", "base.json"]).exit_code == 0
    assert json.loads((project / "base.json").read_text())["findings"][0]["rule"] == "ORG001"
    assert run(["check", "r.avg", "--select", "ORG001", "--baseline", "base.json"]).exit_code == 0
    write(project / "r.avg", REGISTER + 'verwerking "Poort" {\n    gegevens: camerabeelden\n}\n')
    assert "'Poort'" in run(["check", "r.avg", "--select", "ORG001", "--baseline", "base.json"]).output


def test_sarif_describes_custom_rules(project, sarif_validator):
    config = load_project(project / ".avglint.yaml").config
    result = lint([("r.avg", REGISTER.encode())], config)
    log = SarifWriter(root=project).log(result)
    assert github_problems(log) == [] and schema_errors(sarif_validator, log) == []
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    camera = rules["ORG001"]
    assert camera["name"] == "camera-dpia" and "Policy P-12" in camera["help"]["markdown"]
    assert camera["defaultConfiguration"]["level"] == "warning" and "helpUri" not in camera
    assert camera["shortDescription"]["text"] == "Camera images need a DPIA."
    assert camera["properties"]["problem.severity"] == "warning"
    assert "AVG103" in rules   # beside the built-in rules
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "ORG001"]
    assert len(results) == 1 and results[0]["locations"][0]["logicalLocations"][0]["name"] == "Toegang"


# -- extra fields -------------------------------------------------------------------------------

def test_extra_fields_are_known_inherited_and_left_unknown_when_not_declared(tmp_path):
    config = configured(tmp_path, "extra-fields: [FG akkoord]\ncustom-rules:\n"
                                  "  - {id: ORG001, slug: x, severity: note, message: '{field}={value}',"
                                  " when: {present: fg-akkoord}}\n")
    register = ('organisatie "O" {\n    fg_akkoord: FG-1\n}\nverwerking "A" {\n    kleur: blauw\n}\n'
                'verwerking "B" {\n    FG-Akkoord: FG-2\n    fg akkoord: FG-3\n}\n')
    findings = lint([("r.avg", register.encode())], config).findings
    assert [(f.rule, f.span.line) for f in findings if f.rule in ("AVG004", "AVG005")] == [("AVG004", 5),
                                                                                           ("AVG005", 9)]
    custom = {f.activity.name: (f.span.line, f.message.en) for f in findings if f.rule == "ORG001"}
    assert custom == {"A": (4, "fg_akkoord=FG-1"), "B": (8, "FG-Akkoord=FG-2")}  # inherited: at the name


def test_organisation_scope(tmp_path):
    config = configured(tmp_path, "custom-rules:\n  - {id: ORG001, slug: x, severity: note, scope: organisation,"
                                  " message: '{activity}', when: {all: [{role: controller}, {missing: fg}]}}\n")
    assert [(f.span.line, f.message.en) for f in custom_findings(config, 'organisatie "O" {\n}\n')] == [(1, "O")]
    assert custom_findings(config, 'organisatie "O" {\n    fg: fg@o.nl\n}\n') == []
    assert custom_findings(config, 'verwerking "A" {\n}\n') == []


# -- mistakes -----------------------------------------------------------------------------------

RULE = "custom-rules:\n  - id: ORG001\n    slug: camera-dpia\n    severity: warning\n    message: x\n"


@pytest.mark.parametrize("text, line, words", [
    (RULE + "    when:\n      machtes: camera\n", 7, "unknown condition 'machtes'; did you mean 'matches'?"),
    (RULE + "    when:\n      field: gegevens\n      matches: 'camera('\n", 8, "does not compile"),
    (RULE + "    when: {missing: dpiaa}\n", 6, "unknown field key 'dpiaa'; did you mean 'dpia'?"),
    (RULE + "    when: {missing: fg-akkoord}\n", 6, "must be declared under 'extra-fields'"),
    (RULE + "    when: {missing: dpia}\n" + RULE[14:] + "    when: {missing: dpia}\n", 7, "the id is used by an "
     "earlier custom rule"),
    (RULE.replace("ORG001", "AVG950") + "    when: {missing: dpia}\n", 2, "the prefix AVG is reserved"),
    (RULE.replace("camera-dpia", "dpia-ap-lijst") + "    when: {missing: dpia}\n", 3, "already the name of AVG801"),
    (RULE.replace("message: x", "message: {en: '', nl: ' '}") + "    when: {missing: dpia}\n", 5, "has no text"),
    (RULE.replace("    message: x\n", "") + "    when: {missing: dpia}\n", 2, "'message' is missing"),
    (RULE.replace("message: x", "message: '{activity.__class__}'") + "    when: {missing: dpia}\n", 5,
     "not {activity.__class__}"),
    (RULE + "    when: {missing: dpia}\n    kleur: rood\n", 7, "unknown key 'kleur'"),
    (RULE + "    when: {basis: [g]}\n", 6, "letters of Art. 6(1)"),
    (RULE + "    scope: organisation\n    when: {special-data: true}\n", 7, "reads an activity"),
    (RULE + "    when: {field: doel, matches: '(a+)+b'}\n", 6, "exponential time"),
    (RULE + "    when: {field: doel, matches: '(ja|nee)*'}\n", 6, "exponential time"),
    (RULE + "    when: {field: doel, matches: '(?:a?){25}a{25}'}\n", 6, "exponential time"),
    (RULE + "    when: {field: doel, matches: '(\\w+\\s?)*$'}\n", 6, "exponential time"),
    (RULE + "    when: {field: doel, matches: '(x)\\1'}\n", 6, "backreferences"),
    (RULE + "    when: {all: [{missing: dpia}, {present: doel, missing: id}]}\n", 6, "one condition per mapping"),
    ("extra-fields: [1nee]\n", 1, "is not a field key"),
    ("select: [ORG001]\n", 1, "unknown rule 'ORG001'"),
])
def test_a_broken_rule_names_its_line(tmp_path, text, line, words):
    path = write(tmp_path / ".avglint.yaml", text)
    with pytest.raises(ConfigError) as caught:
        load_project(path)
    assert str(caught.value).startswith(f"{path}:{line}: ") and words in str(caught.value), str(caught.value)


@pytest.mark.parametrize("when, line", [("{machtes: camera}", 6), ("{field: doel, matches: 'camera('}", 6),
                                        ("{missing: dpiaa}", 6)])
def test_a_broken_rule_stops_the_run_with_exit_2(tmp_path, when, line):
    write(tmp_path / ".avglint.yaml", RULE + f"    when: {when}\n")
    write(tmp_path / "r.avg", REGISTER)
    process = subprocess.run([sys.executable, "-m", "avglint", "check", "r.avg"], cwd=tmp_path, capture_output=True,
                             text=True, encoding="utf-8")
    assert process.returncode == 2 and process.stdout == ""
    assert process.stderr.startswith(f"avglint: configuration error: {tmp_path / '.avglint.yaml'}:{line}: ")
    assert "Traceback" not in process.stderr


def test_safe_patterns_are_accepted(tmp_path):
    for pattern in ["camera|beelden", r"\b(?:[89]|[1-9][0-9]+) *jaar", "^(?:ja|nee)$", "[a-z ]+x", "(?:ab)?c+",
                    r"\d{4}-\d{2}", "(?:ab){3}", "(?:a|b)+", r"(?:\d{2}-){2}\d{4}"]:
        configured(tmp_path, RULE + f"    when: {{field: doel, matches: '{pattern}'}}\n")


def test_custom_rules_in_pyproject(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.avglint]\nextra-fields = ["herzien"]\n\n'
                 '[[tool.avglint.custom-rules]]\nid = "ORG001"\nslug = "niet-herzien"\nseverity = "note"\n'
                 'message = "{activity}"\nwhen = {missing = "herzien"}\n\n'
                 '[[tool.avglint.custom-rules]]\nid = "ORG002"\nslug = "b"\nseverity = "note"\nmessage = "x"\n'
                 'when = {missing = "herzen"}\n')
    with pytest.raises(ConfigError) as caught:
        load_project(path)
    assert str(caught.value).startswith(f"{path}:19: custom rule ORG002: unknown field key 'herzen'")
    path.write_text(path.read_text().replace('"herzen"', '"herzien"'))
    config = load_project(path).config
    assert [f.rule for f in custom_findings(config, 'verwerking "A" {\n}\nverwerking "B" {\n    herzien: 2025\n}\n')] \
        == ["ORG001", "ORG002"]


def test_fmt_writes_a_declared_key_as_declared(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".avglint.yaml", "extra-fields: [fg-akkoord]\n")
    write(tmp_path / "r.avg", 'verwerking "A" {\n  FG_Akkoord: ja\n  Kleur: blauw\n  DOEL: x\n}\n')
    result = run(["fmt", "r.avg"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.avg").read_text() == 'verwerking "A" {\n    fg-akkoord: ja\n    Kleur: blauw\n    doel: x\n}\n'
