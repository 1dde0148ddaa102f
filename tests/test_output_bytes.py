"""Every output format is valid UTF-8 whatever bytes the input holds: bytes that are not UTF-8 in
names, values, comments, suppression reasons, group names, statements and file names reach the
report as U+FFFD, through whichever field carries them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from avglint.source import PRINTABLE

FORMATS = ("text", "json", "sarif", "github", "html")
REPLACEMENT = "\ufffd"

REGISTER = (
    b"# avglint: ignore-file[AVG102] reden \xff\n"
    b'organisatie "Gemeente \xff" {\n'
    b"    rol: verwerkingsverantwoordelijke\n"
    b"    contact: privacy@example.nl\n"
    b"}\n"
    b'verwerker "Cloud \xfe" {\n'
    b"    land: Verenigde Staten\n"
    b"}\n"
    b'groep "Groep \xff" {\n'
    b'    verwerking "Act\xff" {\n'
    b"        id: 7\n"
    b'        doel: "klanten \xff bedienen", algemene doeleinden \xff\n'
    b"        grondslag: toestemming   # avglint: ignore[AVG401] intrekken staat in het contract \xff\n"
    b"        bewaartermijn: zo lang als nodig \xff\n"
    b"        verwerkers: Cloud \xfe, Onbekend \xff\n"
    b"        gegevens:\n"
    b"            - naam \xff, \xc3\n"
    b"    }\n"
    b'    verwerking "Act\xff" {\n'
    b"        id: 7\n"
    b"        doel: klachten \xff afhandelen\n"
    b"    }\n"
    b"}\n"
)
STATEMENT = b"# Privacyverklaring Gemeente \xff\n\nWij verwerken uw gegevens \xff voor de dienstverlening.\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A register with bad bytes everywhere, a second file whose name is not UTF-8, a statement."""
    root = tmp_path_factory.mktemp("bytes")
    (root / "register.avg").write_bytes(REGISTER)
    (root / os.fsdecode(b"tweede-\xff.avg")).write_bytes(b'verwerking "Los \xff" {\n    doel: x\xff\n}\n')
    (root / "privacy.md").write_bytes(STATEMENT)
    return root


def avglint(root, *args, env=None):
    return subprocess.run([sys.executable, "-m", "avglint", "check", "--no-config", "--show-suppressed",
                           "register.avg", os.fsdecode(b"tweede-\xff.avg"), "--statement", "privacy.md", *args],
                          capture_output=True, cwd=root, env={**os.environ, **(env or {})})


def strict_report(output: bytes, output_format: str):
    """The report as text (any byte that is not UTF-8 fails here), parsed for JSON and SARIF."""
    text = output.decode("utf-8")
    assert "\udcff" not in text
    return json.loads(text) if output_format in ("json", "sarif") else text


# stdout here is ASCII by the locale's say: the report is UTF-8 all the same
@pytest.mark.parametrize("output_format", FORMATS)
def test_standard_output_is_utf8(project, output_format):
    process = avglint(project, "--format", output_format, env={"PYTHONIOENCODING": "ascii"})
    assert process.returncode == 1, process.stderr
    report = strict_report(process.stdout, output_format)
    shown = report if isinstance(report, str) else json.dumps(report, ensure_ascii=False)
    assert "Act" + REPLACEMENT in shown


@pytest.mark.parametrize("output_format", FORMATS)
def test_output_file_is_utf8(project, tmp_path, output_format):
    target = tmp_path / f"report.{output_format}"
    process = avglint(project, "--format", output_format, "-o", str(target))
    assert process.returncode == 1, process.stderr
    assert process.stdout == b""
    strict_report(target.read_bytes(), output_format)


def test_every_field_taken_from_the_input_is_replaced_in_sarif(project):
    log = strict_report(avglint(project, "--format", "sarif").stdout, "sarif")
    results = log["runs"][0]["results"]
    qualified = {logical["fullyQualifiedName"] for result in results
                 for logical in result["locations"][0].get("logicalLocations", [])}
    assert f"Groep {REPLACEMENT} / Act{REPLACEMENT}" in qualified
    reasons = {s.get("justification") for result in results for s in result["suppressions"]}
    assert f"intrekken staat in het contract {REPLACEMENT}" in reasons
    assert f"reden {REPLACEMENT}" in reasons
    snippets = [result["locations"][0]["physicalLocation"]["region"].get("snippet", {}).get("text", "")
                for result in results]
    assert any(REPLACEMENT in snippet for snippet in snippets)
    related = [location for result in results for location in result.get("relatedLocations", [])]
    assert any(REPLACEMENT in location["message"]["text"] for location in related)
    uris = {artifact["location"]["uri"] for artifact in log["runs"][0]["artifacts"]}
    assert "tweede-%FF.avg" in uris   # the file name's own byte, percent-encoded


def test_every_field_taken_from_the_input_is_replaced_in_json(project):
    report = strict_report(avglint(project, "--format", "json").stdout, "json")
    findings = report["findings"]
    assert [f"Groep {REPLACEMENT}"] in [finding["group_path"] for finding in findings]
    assert f"tweede-{REPLACEMENT}.avg" in {finding["path"] for finding in findings}
    assert f"reden {REPLACEMENT}" in {(finding["suppressed"] or {}).get("justification") for finding in findings}


def test_a_baseline_of_findings_with_bad_bytes_is_utf8_and_reads_back(project, tmp_path):
    baseline = tmp_path / "baseline.json"
    written = avglint(project, "--write-baseline", str(baseline))
    assert written.returncode == 0, written.stderr
    json.loads(baseline.read_bytes().decode("utf-8"))
    again = avglint(project, "--baseline", str(baseline))
    assert again.returncode == 0, again.stdout.decode("utf-8")


def test_the_output_error_handler_writes_each_bad_byte_as_one_replacement_character():
    text = "naam \udcff\udcfe 😀 é"
    assert text.encode("utf-8", PRINTABLE).decode("utf-8") == "naam \ufffd\ufffd 😀 é"


def test_text_keeps_one_finding_per_line_whatever_control_characters_the_input_holds():
    import io

    from avglint.engine import Config, lint
    from avglint.formats import Options, text

    data = (b'verwerking "Naam\nover\x1b[31m twee\\nregels\xc2\x85\xe2\x80\xa8" {\n'
            b"    doel: algemene doeleinden\x07   # avglint: ignore[AVG113] reden\x1b[2J\n}\n")
    result = lint([("t.avg", data)], Config())
    out = io.StringIO()
    text.write(result, out, Options(show_source=True, show_suppressed=True))
    lines = out.getvalue().splitlines()
    findings = [line for line in lines if line.startswith("t.avg:")]
    assert len(findings) == len(result.findings) > 1
    assert any("'Naam␊over␛[31m twee␊regels\ufffd\ufffd'" in line for line in findings)
    assert any(line.endswith("[suppressed: reden␛[2J]") for line in findings)
    assert all(line.isprintable() for line in lines)
    excerpt = lines[lines.index(next(f for f in findings if "AVG113" in f)) + 1:][:2]
    assert excerpt[0].endswith("doel: algemene doeleinden␇   # avglint: ignore[AVG113] reden␛[2J")
    assert excerpt[1].index("^") == excerpt[0].index("algemene")


def test_a_diff_keeps_the_file_s_own_bytes_so_that_it_applies(tmp_path):
    """--diff is a patch, not a report: like git diff it shows the bytes of the file, UTF-8 or not."""
    (tmp_path / "r.avg").write_bytes(b'verwerking "A\xff" {\n    doel: klanten\xff bedienen\n'
                                     b"    grondslag: Gerechtigd belang\n}\n")
    strict = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    process = subprocess.run([sys.executable, "-m", "avglint", "check", "--no-config", "--diff", "r.avg"],
                             capture_output=True, cwd=tmp_path, env=strict)
    assert process.returncode == 1, process.stderr
    assert b'\n verwerking "A\xff" {\n     doel: klanten\xff bedienen\n-    grondslag: Gerechtigd belang\n' \
           b"+    grondslag: Gerechtvaardigd belang\n" in process.stdout
