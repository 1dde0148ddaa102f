"""Properties over arbitrary input and over registers generated from the grammar (tests/generation.py): never an
exception, spans inside the file and slicing back to the text, and the whole check valid in every output format."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

import generation
from avglint.cli import main
from avglint.engine import Config, UnreadableInput, lint
from avglint.model import unescape
from avglint.parser import parse
from avglint.source import decode, looks_binary, printable
from conftest import schema_validator

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces of the language, so that random text gets deep into the grammar, not only into its error paths
PIECES = st.sampled_from([
    "verwerking", "groep", "organisatie", "verwerker", "activity", "registratie", '"Naam"', '"a, b"', '"x\\"y"',
    "{", "}", "{\n", "}\n", ":", ",", ", ", ",\n", "\n", "\r\n", "\n\n", "  ", "\t", "-", "- ", "#", "# avglint: ",
    "ignore[AVG301]", "ignore-file[AVG7]", "doel", "gegevens", "grondslag", "bijzondere gegevens", "Gerechtigd belang",
    "Toestemming", "geen", "naam", "é", "ë", "–", "\u200f", "e\u0301", "\ufeff", "\x00", '"', "\\", "a", "1.4",
])


def check_spans(data: bytes) -> None:
    source, problems = decode("t.avg", data)
    result = parse(source, problems)
    size = len(source.text)
    for finding in result.findings:
        assert 0 <= finding.span.start <= finding.span.end <= size
        assert finding.span.line >= 1 and finding.span.column >= 1
    for comment in result.comments:
        assert source.text[comment.start:comment.end] == comment.text
    for top in result.blocks:
        for block in top.walk():
            assert 0 <= block.start <= block.end <= size
            for field in (*block.fields.values(), *block.unknown, *block.duplicates):
                assert field.key_span.text == field.written
                for item in field.items:
                    raw = item.span.text
                    assert (unescape(raw[1:-1]) if item.quoted else raw) == item.value


@FAST
@given(st.binary(max_size=600))
def test_any_bytes_give_findings_not_exceptions(data):
    """Except bytes that are not text at all: lint() refuses them, naming the file (UnreadableInput)."""
    check_spans(data)
    if looks_binary(data):
        with pytest.raises(UnreadableInput):
            lint([("t.avg", data)], Config())
    else:
        lint([("t.avg", data)], Config())


@FAST
@given(st.lists(PIECES, max_size=80).map("".join))
def test_language_like_text_parses_with_valid_spans(text):
    data = text.encode("utf-8")
    check_spans(data)
    assume(not looks_binary(data))  # mostly NUL bytes: refused (test_any_bytes_give_findings_not_exceptions)
    result = lint([("t.avg", data)], Config())
    for finding in result.findings:
        assert finding.message.en.strip() and finding.message.nl.strip()
        assert finding.rule and finding.severity in ("error", "warning", "note")


# --- registers generated from the grammar (tests/generation.py), checked whole in every output format -----------
#
# AVGLINT_PROPERTY_EXAMPLES sets how many registers each property tries (docs/testing.md): a few dozen in the
# normal suite, thousands in a long run.

PROPERTY_EXAMPLES = int(os.environ.get("AVGLINT_PROPERTY_EXAMPLES", "40"))
# no shrinking: a generated register is readable as it is, and shrinking one through four runs of the whole
# check takes minutes
GENERATED = settings(max_examples=PROPERTY_EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FORMATS = ("text", "json", "sarif", "github", "html")
NAME = "régistre 😀.avg"
FINDING_LINE = re.compile(r"(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?:\w+ )?(?P<rule>AVG\d{3}) \S")
SUMMARY_LINE = re.compile(r"(Found \d+ problems? \(.+\)|No problems found) in \d+ files?, \d+ activit(y|ies)[.;]"
                          r"|(\d+ melding(en)? \(.+\)|Geen meldingen) in \d+ bestand(en)?, \d+ verwerking(en)?[.;]")
ANNOTATION = re.compile(r"::(error|warning|notice) [^:\n]*::\S")


def run_cli(args: list[str], stdin: bytes = b"") -> tuple[int, bytes, bytes]:
    """``avglint ARGS`` in this process, through the command's entry point (``avglint.cli.main``), with standard
    streams as a real process gets them (this interpreter's encoding and error handler), so the bytes captured are
    those a real run writes. Returns the exit status, stdout and stderr."""
    real = sys.__stdout__
    encoding, errors = (real.encoding, real.errors) if real else ("utf-8", "strict")
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr, sys.argv
    sys.argv = ["avglint", *args]
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding=encoding, errors=errors)
    sys.stdout = io.TextIOWrapper(out, encoding=encoding, errors=errors, newline="\n")
    sys.stderr = io.TextIOWrapper(err, encoding=encoding, errors="backslashreplace", newline="\n")
    try:
        main()
        status = 0
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 2
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
            stream.detach()  # keeps the buffer open when the wrapper goes
        sys.stdin, sys.stdout, sys.stderr, sys.argv = saved
    return status, out.getvalue(), err.getvalue()


class Files:
    """The checked files as avglint reads them, to slice by reported positions (1-based, columns in code points)."""

    def __init__(self, files: dict[str, bytes]):
        self.data = files
        self.texts = {path: decode(path, data)[0].text for path, data in files.items()}
        self.starts = {path: [0] + [m.end() for m in re.finditer("\n", text)] for path, text in self.texts.items()}

    def offset(self, path: str, line: int, column: int) -> int:
        starts, text = self.starts[path], self.texts[path]
        assert 1 <= line <= len(starts), (path, line, len(starts))
        end = starts[line] - 1 if line < len(starts) else len(text)
        assert 1 <= column <= end - starts[line - 1] + 1, (path, line, column)
        return starts[line - 1] + column - 1

    def slice(self, path: str, line: int, column: int, end_line: int, end_column: int) -> str:
        start, end = self.offset(path, line, column), self.offset(path, end_line, end_column)
        assert start <= end, (path, line, column, end_line, end_column)
        return self.texts[path][start:end]

    def path_of(self, uri: str) -> str:
        return next(path for path in self.data if uri.endswith(quote(path)))


def check_outputs(outputs: dict[str, tuple[int, bytes, bytes]], files: dict[str, bytes]) -> list[dict]:
    """What every run must give, in every format: exit 0 or 1 (2 for a file that is not text), strict UTF-8,
    findings inside their files whose positions slice back to the text reported, JSON that parses, text with one
    line per finding and the summary, one GitHub annotation per finding, SARIF valid against the schema.
    Returns the findings so checked (none for input that is not text)."""
    unreadable = any(looks_binary(data) for data in files.values())  # not text at all: exit 2, as documented
    for output_format, (status, out, err) in outputs.items():
        if unreadable:
            assert status == 2 and b"cannot read" in err and b"internal error" not in err, (output_format, err)
        else:
            assert status in (0, 1), (output_format, err.decode("utf-8", "replace"))
        out.decode("utf-8"), err.decode("utf-8")  # strict: raises on a byte that is not UTF-8
    if unreadable:
        assert not list(schema_validator().iter_errors(json.loads(outputs["sarif"][1])))
        return []
    findings = json.loads(outputs["json"][1])["findings"]
    read = Files(files)
    check_json(findings, read)
    check_text(outputs["text"][1].decode("utf-8"), findings)
    check_github(outputs["github"][1].decode("utf-8"), findings)
    check_sarif(json.loads(outputs["sarif"][1]), findings, read)
    check_html(outputs["html"][1].decode("utf-8"), findings)
    return findings


def check_json(findings: list[dict], read: Files) -> None:
    for finding in findings:
        path = finding["path"]
        read.slice(path, finding["line"], finding["column"], finding["end_line"], finding["end_column"])
        for edit in (finding["fix"] or {"edits": []})["edits"]:
            # an edit names its own file: it may stand in another than the finding (a field inherited from the
            # organisation in one file, added to an activity in another)
            replaced = read.slice(edit["path"], edit["line"], edit["column"], edit["end_line"], edit["end_column"])
            assert read.data[edit["path"]][edit["start_byte"]:edit["end_byte"]] == \
                replaced.encode("utf-8", "surrogateescape")


def check_text(text: str, findings: list[dict]) -> None:
    shown = [finding for finding in findings if finding["suppressed"] is None]
    lines = text.split("\n")
    assert lines[-1] == "" and SUMMARY_LINE.match(lines[-2]), lines[-2:]
    rows = [FINDING_LINE.match(line) for line in lines[:-2]]
    assert all(rows) and len(rows) == len(shown), [line for line, row in zip(lines, rows) if not row][:3]
    for row, finding in zip(rows, shown):
        assert (row["path"], int(row["line"]), int(row["column"]), row["rule"]) == \
            (finding["path"], finding["line"], finding["column"], finding["rule"])


def check_github(text: str, findings: list[dict]) -> None:
    annotations = [line for line in text.split("\n") if line]
    assert all(ANNOTATION.match(line) for line in annotations), annotations
    assert len([line for line in annotations if " file=" in line]) == \
        len([finding for finding in findings if finding["suppressed"] is None])


def check_html(page: str, findings: list[dict]) -> None:
    """Well-formed (the page is XML too) whatever the input held, so everything was escaped; each counted finding
    listed once, each suppressed one in the table of those set aside."""
    root = ElementTree.fromstring(page.split("\n", 1)[1])  # after the doctype
    assert not [element for element in root.iter() if element.tag in ("script", "img", "iframe", "object")]
    counted = [finding for finding in findings if finding["suppressed"] is None]
    assert len([li for li in root.iter("li") if li.get("id", "").startswith("f")]) == len(counted)
    assert len([row for row in root.iter("tr") if row.get("data-kind")]) == len(findings) - len(counted)


def check_sarif(log: dict, findings: list[dict], read: Files) -> None:
    errors = sorted(schema_validator().iter_errors(log), key=str)
    assert not errors, errors[0]
    results = log["runs"][0]["results"]
    assert len(results) == len(findings)
    for result, finding in zip(results, findings):
        assert result["ruleId"] == finding["rule"]
        places = [location["physicalLocation"] for location in
                  [*result["locations"], *result.get("relatedLocations", [])]]
        places += [{"artifactLocation": change["artifactLocation"], "region": replacement["deletedRegion"]}
                   for fix in result.get("fixes", []) for change in fix["artifactChanges"]
                   for replacement in change["replacements"]]
        for place in places:
            region = place["region"]
            text = read.slice(read.path_of(place["artifactLocation"]["uri"]), region["startLine"],
                              region["startColumn"], region["endLine"], region["endColumn"])
            if "snippet" in region:
                assert region["snippet"]["text"] == printable(text)[:1000]
        first = result["locations"][0]["physicalLocation"]["region"]
        assert (first["startLine"], first["startColumn"], first["endLine"], first["endColumn"]) == \
            (finding["line"], finding["column"], finding["end_line"], finding["end_column"])


@GENERATED
@given(generation.registers(), st.sampled_from(["en", "nl"]))
def test_generated_registers_hold_in_every_format(data, lang):
    # the register alone: the rest of the repository's registers (read by default) are not what is generated
    outputs = {output_format: run_cli(["check", "-", "--stdin-filename", NAME, "--format", output_format,
                                       "--no-config", "--no-register-context", "--lang", lang], data)
               for output_format in FORMATS}
    check_outputs(outputs, {NAME: data})


@GENERATED
@given(generation.valid_registers())
def test_valid_generated_registers_parse_without_syntax_errors(text):
    source, problems = decode("t.avg", text.encode("utf-8"))
    result = parse(source, problems)
    assert not result.findings, [(f.span, f.message.en) for f in result.findings]
    check_spans(text.encode("utf-8"))


def test_generated_registers_through_the_real_command_line(tmp_path):
    files = {}
    for number, data in enumerate(generation.sample(6, seed=12)):
        name = f"register-{number}{'-é😀' if number % 2 else ''}.avg"
        (tmp_path / name).write_bytes(data)
        files[name] = data
    outputs = {output_format: subprocess.run(
        [sys.executable, "-m", "avglint", "check", ".", "--format", output_format, "--no-config"], cwd=tmp_path,
        capture_output=True, timeout=120) for output_format in FORMATS}
    findings = check_outputs({f: (run.returncode, run.stdout, run.stderr) for f, run in outputs.items()}, files)
    # the properties were checked on real findings, in more than one of the files read together
    assert len({finding["path"] for finding in findings}) > 1, findings
