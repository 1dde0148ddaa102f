"""SARIF output: valid against the official schema, within GitHub's rules, stable fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from avglint.cli import cli
from avglint.engine import Config, lint
from avglint.formats.sarif import KEEP, SCHEMA, SarifWriter, sarif_om_classes, sarif_om_fields
from avglint.formats.sarif_fields import FIELDS
from conftest import sarif_schema

ROOT = Path(__file__).resolve().parent.parent


def sarif_of(files, select=("AVG",), **writer):
    result = lint([(name, data) for name, data in files], Config(select=list(select)))
    return SarifWriter(root=ROOT, **writer).log(result)


def github_problems(log) -> list[str]:
    """GitHub code scanning's documented requirements and limits (docs: sarif-support, upload-sarif)."""
    problems = []
    assert log["version"] == "2.1.0" and log["$schema"]
    if len(log["runs"]) != 1:
        problems.append("more than one run")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    if driver.get("name") != "avglint" or "rules" not in driver:
        problems.append("tool.driver.name/rules")
    if "results" not in run:
        problems.append("results missing")
    if not run.get("automationDetails", {}).get("id", "").endswith("/"):
        problems.append("automationDetails.id")
    if len(run["results"]) > 25_000 or len(driver["rules"]) > 25_000:
        problems.append("too many results or rules")
    ids = [rule["id"] for rule in driver["rules"]]
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription"):
            text = rule.get(key, {}).get("text", "")
            if not text or len(text) > 1024:
                problems.append(f"{rule['id']} {key} empty or over 1024")
        if not rule.get("help", {}).get("text"):
            problems.append(f"{rule['id']} help.text")
        if len(rule.get("properties", {}).get("tags", [])) > 10:
            problems.append(f"{rule['id']} more than 10 tags")
        if "security-severity" in rule.get("properties", {}):
            problems.append(f"{rule['id']} security-severity")
    for result in run["results"]:
        text = result["message"]["text"]
        if not text or not text.endswith("."):
            problems.append(f"message does not end with a period: {text}")
        if ids[result["ruleIndex"]] != result["ruleId"]:
            problems.append("ruleIndex does not match")
        if len(result["locations"]) != 1:
            problems.append("not exactly one location")
        physical = result["locations"][0]["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        if uri.startswith("./") or "\\\\" in uri or " " in uri:
            problems.append(f"bad uri {uri}")
        region = physical["region"]
        if not all(k in region for k in ("startLine", "startColumn", "endLine", "endColumn")):
            problems.append("region lacks one of the four fields")
        elif region["endLine"] < region["startLine"] or (
                region["endLine"] == region["startLine"] and region["endColumn"] < region["startColumn"]):
            problems.append("region ends before it starts")
        if "suppressions" not in result:
            problems.append("suppressions missing")
    return problems


EXAMPLES = sorted((ROOT / "examples").glob("*.avg")) + sorted((ROOT / "examples" / "statements").glob("*.md"))
FIXTURES = sorted((ROOT / "tests" / "rules").glob("AVG*/*.avg")) + sorted((ROOT / "tests" / "rules").glob("AVG*/*/*.avg"))


def _object_model() -> dict:
    """Where each object of avglint's logs sits in SARIF's object model as sarif-om declares it:
    (class, property) -> the class of the property's value (of each item of a list, of each value
    of a map). The writer makes sarif-om's objects as JSON from a table of their fields; this holds
    the JSON it writes to sarif-om's classes."""
    import sarif_om as om

    return {
        (om.SarifLog, "runs"): om.Run, (om.Run, "tool"): om.Tool, (om.Tool, "driver"): om.ToolComponent,
        (om.ToolComponent, "rules"): om.ReportingDescriptor,
        (om.ReportingDescriptor, "shortDescription"): om.MultiformatMessageString,
        (om.ReportingDescriptor, "fullDescription"): om.MultiformatMessageString,
        (om.ReportingDescriptor, "help"): om.MultiformatMessageString,
        (om.ReportingDescriptor, "defaultConfiguration"): om.ReportingConfiguration,
        (om.Run, "invocations"): om.Invocation,
        (om.Invocation, "toolExecutionNotifications"): om.Notification,
        (om.Invocation, "toolConfigurationNotifications"): om.Notification,
        (om.Notification, "message"): om.Message, (om.Notification, "descriptor"): om.ReportingDescriptorReference,
        (om.Run, "artifacts"): om.Artifact, (om.Artifact, "location"): om.ArtifactLocation,
        (om.Run, "automationDetails"): om.RunAutomationDetails, (om.Run, "originalUriBaseIds"): om.ArtifactLocation,
        (om.Run, "results"): om.Result, (om.Result, "message"): om.Message, (om.Result, "locations"): om.Location,
        (om.Result, "relatedLocations"): om.Location, (om.Result, "suppressions"): om.Suppression,
        (om.Result, "fixes"): om.Fix, (om.Location, "message"): om.Message,
        (om.Location, "physicalLocation"): om.PhysicalLocation, (om.Location, "logicalLocations"): om.LogicalLocation,
        (om.PhysicalLocation, "artifactLocation"): om.ArtifactLocation, (om.PhysicalLocation, "region"): om.Region,
        (om.Region, "snippet"): om.ArtifactContent, (om.Suppression, "location"): om.Location,
        (om.Fix, "description"): om.Message, (om.Fix, "artifactChanges"): om.ArtifactChange,
        (om.ArtifactChange, "artifactLocation"): om.ArtifactLocation,
        (om.ArtifactChange, "replacements"): om.Replacement, (om.Replacement, "deletedRegion"): om.Region,
        (om.Replacement, "insertedContent"): om.ArtifactContent,
    }


# sarif-om was generated from SARIF 2.1.0-rtm.4, whose Suppression has 'state' where the final 2.1.0 has 'status'
FINAL_PROPERTIES = {"Suppression": {"status"}}


def model_problems(log: dict) -> list[str]:
    """Properties of the log that sarif-om's class for their object does not declare."""
    import attr
    import sarif_om as om

    model = _object_model()
    problems = []

    def visit(value, cls, where):
        if isinstance(value, list):
            for i, item in enumerate(value):
                visit(item, cls, f"{where}[{i}]")
            return
        declared = {field.metadata.get("schema_property_name", field.name) for field in attr.fields(cls)}
        for name, item in value.items():
            if name not in declared | FINAL_PROPERTIES.get(cls.__name__, set()):
                problems.append(f"{where}.{name}: not a property of sarif-om's {cls.__name__}")
            elif (cls, name) in model:
                if cls is om.Run and name == "originalUriBaseIds":  # a map of names to locations
                    for key, location in item.items():
                        visit(location, model[cls, name], f"{where}.{name}.{key}")
                else:
                    visit(item, model[cls, name], f"{where}.{name}")

    visit(log, om.SarifLog, "log")
    return problems


def test_the_logs_are_built_of_sarif_oms_objects():
    import sarif_om as om

    assert model_problems({"runs": [{"results": [{"ruleId": "AVG1", "rank": 1, "state": "x"}]}]}) == [
        "log.runs[0].results[0].state: not a property of sarif-om's Result"]
    assert model_problems({"runs": [{"tool": {"driver": {"nmae": "avglint"}}}]}) == [
        "log.runs[0].tool.driver.nmae: not a property of sarif-om's ToolComponent"]
    for configuration in (False, True):
        assert model_problems(SarifWriter(root=ROOT).failed("broken", configuration=configuration)) == []
    assert all(hasattr(om, cls.__name__) for cls in _object_model().values())


def sarif_om_json(value):
    """sarif-om objects as JSON, read from their classes' fields: SARIF's property names, unset and default
    values left out (but those of ``KEEP``)."""
    import attr

    if attr.has(type(value)):
        out = {}
        for field in attr.fields(type(value)):
            item = getattr(value, field.name)
            default = field.default.factory() if isinstance(field.default, attr.Factory) else field.default
            if item is None or (item == default and field.name not in KEEP):
                continue
            out[field.metadata.get("schema_property_name", field.name)] = sarif_om_json(item)
        return out
    if isinstance(value, dict):
        return {key: sarif_om_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [sarif_om_json(item) for item in value]
    return value


def test_the_logs_are_what_sarif_oms_classes_make():
    """The writer makes each object as JSON from a table of sarif-om's fields (avglint/formats/sarif_fields.py,
    generated), without importing sarif-om: built of sarif-om's own objects instead, every log is the same."""
    assert FIELDS == sarif_om_fields(), "sarif_fields.py is out of date: run 'python -m avglint.formats.sarif'"
    sarif_om = SimpleNamespace(**sarif_om_classes())
    result = lint([(str(path.relative_to(ROOT)), path.read_bytes()) for path in EXAMPLES + FIXTURES], Config())
    for options in ({}, {"lang": "nl", "omit_suppressed": True, "category": "x/y"}):
        text = json.dumps(SarifWriter(root=ROOT, **options).log(result), ensure_ascii=False)
        for made in ('"fixes"', '"relatedLocations"', '"logicalLocations"', '"fixSafety"', '"helpUri"'):
            assert made in text
        assert options or '"status":"accepted"' in text.replace(" ", "")
        built = sarif_om_json(SarifWriter(root=ROOT, model=sarif_om, **options).log(result))
        assert json.dumps(built, ensure_ascii=False) == text
    for configuration in (False, True):
        failed = SarifWriter(root=ROOT).failed("broken", configuration=configuration)
        built = sarif_om_json(SarifWriter(root=ROOT, model=sarif_om).failed("broken", configuration=configuration))
        assert json.dumps(built) == json.dumps(failed)


def test_the_json_model_refuses_what_sarif_oms_classes_refuse():
    """As sarif-om's classes (attrs), a field that is not the class's or a required field left out is an error,
    however often the same arguments were given before (the writer keeps a plan per set of arguments)."""
    from avglint.formats.sarif import JsonModel

    om, sarif_om = JsonModel(FIELDS), SimpleNamespace(**sarif_om_classes())
    for model in (om, sarif_om):
        with pytest.raises(TypeError):
            model.Message(txt="x")
        with pytest.raises(TypeError):
            model.Notification(level="note")
    for _ in range(2):
        assert om.Notification(message=om.Message(text="x")) == {"message": {"text": "x"}, "level": "warning"}
        assert om.Region(start_line=1, start_column=1) == {"startLine": 1, "startColumn": 1}
    assert sarif_om_json(sarif_om.Notification(message=sarif_om.Message(text="x"))) == \
        om.Notification(message=om.Message(text="x"))


def test_a_sarif_log_is_written_without_importing_sarif_om(tmp_path):
    import subprocess
    import sys

    (tmp_path / "r.avg").write_text('verwerking "X" {\n  doel: a   # avglint: ignore[AVG104]\n}\n', encoding="utf-8")
    probe = ("import atexit, sys; sys.argv = ['avglint', 'check', '--no-config', '--format', 'sarif', 'r.avg']\n"
             "atexit.register(lambda: print([m for m in ('sarif_om', 'attr') if m in sys.modules]))\n"
             "from avglint.__main__ import main\nmain()")
    process = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    log, imported = process.stdout.splitlines()
    assert json.loads(log)["runs"][0]["results"] and imported == "[]", process.stderr


def schema_errors(validator, log: dict) -> list[str]:
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log)]


@pytest.fixture(scope="module")
def every_rule():
    """driver.rules, the same in every log of a full check (every rule is listed); schema-valid."""
    return sarif_of([])["runs"][0]["tool"]["driver"]["rules"]


def test_the_rules_of_every_log_are_schema_valid(sarif_validator, every_rule):
    assert len(every_rule) > 50 and schema_errors(sarif_validator, sarif_of([])) == []


@pytest.mark.parametrize("path", EXAMPLES + FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_log_is_schema_valid_and_meets_github_rules(path, sarif_validator, every_rule):
    log = sarif_of([(str(path.relative_to(ROOT)), path.read_bytes())])
    assert github_problems(log) == []
    assert model_problems(log) == []
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["rules"] == every_rule
    driver["rules"] = []   # validated once above; validating them again in each log costs seconds
    assert schema_errors(sarif_validator, log) == []


def test_the_vendored_schema_is_the_official_one():
    """tests/schemas holds the OASIS file unedited: its digest is the one its provenance note records."""
    import hashlib

    schemas = ROOT / "tests" / "schemas"
    digest = hashlib.sha256((schemas / "sarif-schema-2.1.0.json").read_bytes()).hexdigest()
    assert f"sha256 `{digest}`" in (schemas / "SOURCE.md").read_text(encoding="utf-8")
    assert sarif_schema()["id"] == SCHEMA


def test_result_shape():
    text = 'groep "Algemeen" {\n    verwerking "Testen" {\n        grondslag: Gerechtigd belang\n    }\n}\n'
    log = sarif_of([("registers/r.avg", text.encode())], select=["AVG202"])
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    assert run["automationDetails"]["id"] == "avglint/"
    assert run["invocations"][0]["executionSuccessful"] is True
    [rule] = run["tool"]["driver"]["rules"]
    assert rule["id"] == "AVG202" and rule["name"] == "grondslag-spelling"
    assert rule["defaultConfiguration"]["level"] == "warning" and rule["helpUri"].endswith("/AVG202.md")
    [result] = run["results"]
    assert result["ruleId"] == "AVG202" and result["ruleIndex"] == 0 and result["level"] == "warning"
    location = result["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "registers/r.avg", "uriBaseId": "%SRCROOT%"}
    assert location["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 20, "endLine": 3,
                                                      "endColumn": 37, "snippet": {"text": "Gerechtigd belang"}}
    assert location["logicalLocations"] == [{"name": "Testen", "fullyQualifiedName": "Algemeen / Testen",
                                             "kind": "object"}]
    assert set(result["partialFingerprints"]) == {"primaryLocationLineHash", "avglint/v1"}
    assert result["suppressions"] == []
    [fix] = result["fixes"]
    [change] = fix["artifactChanges"]
    assert change["replacements"] == [{"deletedRegion": {"startLine": 3, "startColumn": 20, "endLine": 3,
                                                         "endColumn": 37},
                                       "insertedContent": {"text": "Gerechtvaardigd belang"}}]


def apply_fix(text: str, replacement: dict) -> str:
    lines = text.split("\n")
    region = replacement["deletedRegion"]
    start = sum(len(line) + 1 for line in lines[:region["startLine"] - 1]) + region["startColumn"] - 1
    end = sum(len(line) + 1 for line in lines[:region["endLine"] - 1]) + region["endColumn"] - 1
    return text[:start] + replacement["insertedContent"]["text"] + text[end:]


def test_every_fix_applied_removes_its_finding():
    text = ('verwerking "A" {\n  grondslag: Toestemmming\n}\nverwerking "B" {\n  grondslag: "Gerechtigd belang – x"\n'
            '  id: 3   # avglint: ignore[AVG007] oud\n}\n')
    log = sarif_of([("r.avg", text.encode())], select=["AVG202", "AVG009"])
    results = log["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["AVG009", "AVG202", "AVG202"]
    for result in results:
        fixed = apply_fix(text, result["fixes"][0]["artifactChanges"][0]["replacements"][0])
        again = lint([("r.avg", fixed.encode())], Config(select=["AVG202", "AVG009"])).findings
        assert len(again) == len(results) - 1, fixed


def test_fingerprints_survive_inserted_lines_and_differ_between_findings():
    text = 'verwerking "A" {\n  kleur: blauw\n}\nverwerking "B" {\n  maat: groot\n}\n'
    first = sarif_of([("r.avg", text.encode())], select=["AVG004"])["runs"][0]["results"]
    moved = sarif_of([("r.avg", ("# kop\n\n" + text).encode())], select=["AVG004"])["runs"][0]["results"]
    prints = [r["partialFingerprints"] for r in first]
    assert prints == [r["partialFingerprints"] for r in moved]
    assert prints[0] != prints[1]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved] == [4, 7]


def test_suppressed_findings_are_kept_or_omitted(sarif_validator):
    text = 'verwerking "A" {\n  kleur: blauw   # avglint: ignore[AVG004] bewust\n  maat: groot\n}\n'
    log = sarif_of([("r.avg", text.encode())], select=["AVG004"])
    results = log["runs"][0]["results"]
    assert [r["suppressions"] for r in results] == [
        [{"kind": "inSource", "status": "accepted", "justification": "bewust",
          "location": results[0]["suppressions"][0]["location"]}], []]
    omitted = sarif_of([("r.avg", text.encode())], select=["AVG004"], omit_suppressed=True)
    [only] = omitted["runs"][0]["results"]
    assert "suppressions" not in only
    assert list(sarif_validator.iter_errors(omitted)) == []


def test_cli_writes_sarif_file_and_failed_runs_say_so(tmp_path, monkeypatch, sarif_validator):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text('verwerkng "X" {\n}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "r.avg", "--format", "sarif", "--output", "out.sarif",
                                      "--select", "AVG003"])
    assert result.exit_code == 1
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert list(sarif_validator.iter_errors(log)) == []
    assert log["runs"][0]["results"][0]["ruleId"] == "AVG003"
    (tmp_path / ".avglint.yaml").write_text("selekt: [x]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "r.avg", "--format", "sarif", "--output", "failed.sarif"])
    assert result.exit_code == 2
    failed = json.loads((tmp_path / "failed.sarif").read_text(encoding="utf-8"))
    assert list(sarif_validator.iter_errors(failed)) == []
    invocation = failed["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "selekt" in invocation["toolConfigurationNotifications"][0]["message"]["text"]
    assert failed["runs"][0]["results"] == []


def _multitool():
    """Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool-linux), installed once into a cache."""
    import os
    import shutil
    import subprocess

    found = os.environ.get("AVGLINT_SARIF_MULTITOOL")
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "avglint-tests" / "multitool"
    binary = cache / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
    if found:
        return found
    if not binary.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed: the SARIF Multitool check needs it")
        cache.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run(["npm", "install", "--silent", "--prefix", str(cache),
                            "@microsoft/sarif-multitool-linux@5"], check=True, capture_output=True, timeout=600)
        except (subprocess.SubprocessError, OSError) as error:
            pytest.skip(f"the SARIF Multitool could not be installed from npm: {error}")
    if not binary.exists():
        pytest.skip("the npm package did not contain Sarif.Multitool for this platform")
    binary.chmod(0o755)
    return str(binary)


def test_microsoft_sarif_multitool_finds_nothing(tmp_path):
    """The SARIF quality rules and GitHub's ingestion rules (Sarif.Multitool validate --rule-kind Sarif;Gh)."""
    import os
    import subprocess

    tool = _multitool()
    outside = tmp_path / "outside.avg"   # a file outside the repository: an absolute URI, without uriBaseId
    outside.write_text('verwerking "A" {\n  id: 1\n  grondslag: Gerechtigd belang  # avglint: ignore[AVG301] LIA\n}\n'
                       'verwerking "B" {\n  id: 1\n  kleur: blauw\n}\n', encoding="utf-8")
    files = [(str(outside), outside.read_bytes())] + [
        (str(p.relative_to(ROOT)), p.read_bytes()) for p in EXAMPLES]
    log = SarifWriter(root=ROOT).log(lint(files, Config()))
    (tmp_path / "log.sarif").write_text(json.dumps(log), encoding="utf-8")
    environment = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"}
    subprocess.run([tool, "validate", "--rule-kind", "Sarif;Gh", "-o", str(tmp_path / "report.sarif"),
                    str(tmp_path / "log.sarif")], check=True, capture_output=True, env=environment, timeout=300)
    report = json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8"))
    problems = [(r["ruleId"], r.get("level"), r["message"]) for r in report["runs"][0].get("results", [])
                if r.get("level", "warning") in ("error", "warning")]
    assert problems == []


GOLDEN = ROOT / "tests" / "golden" / "stedin-social-media.sarif.json"
UPDATE_GOLDEN = "AVGLINT_UPDATE_GOLDEN=1 pytest tests/test_sarif.py -k golden"  # writes it again (tests/golden/README.md)


def normalised(log: dict) -> dict:
    """The log without what changes between machines and releases (root path, version), and without
    the rules' documentation, which docs/rules/ pins (test_docs.py)."""
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    driver["version"] = driver["semanticVersion"] = "<version>"
    for rule in driver["rules"]:
        rule["fullDescription"] = rule["help"] = f"<docs/rules/{rule['id']}.md>"
    run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///<root>/"
    return log


def test_golden_sarif_of_a_seed():
    """The whole log of one seed, with the rules that find something in it, pinned in tests/golden
    (a rule that finds nothing there leaves it alone). After an intended change, write it again with
    the command in UPDATE_GOLDEN and review the diff."""
    import os

    path = ROOT / "examples" / "stedin-social-media.avg"
    files = [("examples/stedin-social-media.avg", path.read_bytes())]
    found = sorted({finding.rule for finding in lint(files, Config()).findings})
    log = normalised(SarifWriter(root=ROOT).log(lint(files, Config(select=found))))
    text = json.dumps(log, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("AVGLINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), f"{GOLDEN.relative_to(ROOT)} is missing; write it with {UPDATE_GOLDEN}"
    assert text == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("data", [
    'groep "Algemeen" {\n    verwerking "Testen – één" {\n        grondslag: Gerechtigd belang\n    }\n}\n'.encode(),
    b'groep "Alg\xffemeen" {\n    verwerking "Testen" {\n        grondslag: Gerechtigd belang  # \xfe\n    }\n}\n',
], ids=["utf-8", "bytes-not-utf-8"])
def test_line_hashes_are_those_of_the_file_as_github_reads_it(data):
    """GitHub hashes the file decoded with U+FFFD for each byte that is not UTF-8; a file that decoded
    without any is hashed as it was read."""
    from avglint.formats.fingerprint import line_hashes

    [result] = sarif_of([("registers/r.avg", data)], select=["AVG202"])["runs"][0]["results"]
    expected = line_hashes(data.decode("utf-8", "replace"))[2]
    assert result["partialFingerprints"]["primaryLocationLineHash"] == expected
