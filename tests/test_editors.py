"""The VS Code extension (editors/vscode): its grammar follows the language, its tests pass, it packages.

The grammar and client tests and the packaging run with the extension's node packages
(installed from its lock file by the first test that needs them); without node and npm they are skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from avglint.parser import parse
from avglint.source import decode

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "editors" / "vscode"
GRAMMAR = json.loads((EXTENSION / "syntaxes" / "avg.tmLanguage.json").read_text(encoding="utf-8"))
LANGUAGE = yaml.safe_load((ROOT / "grammar" / "language.yaml").read_text(encoding="utf-8"))
EXAMPLES = sorted((ROOT / "examples").glob("*.avg"))

NODE_TOOLS = EXTENSION / "node_modules" / ".bin"


def node_tools_installed() -> bool:
    return all(shutil.which(tool, path=NODE_TOOLS) for tool in ("vscode-tmgrammar-test", "vscode-tmgrammar-snap", "vsce"))


@pytest.fixture(scope="module")
def needs_node():
    """The extension's node packages, installed from its lock file on first use, so that the README's one
    test command runs these tests too; skipped only where node and npm are not installed."""
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node and npm are not installed: the grammar tests, client tests and the .vsix need them")
    if not node_tools_installed():
        result = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline",
                                 "--loglevel=error"], cwd=EXTENSION, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0 and node_tools_installed(), result.stdout + result.stderr


def run_in_extension(tool: str, *arguments: str) -> subprocess.CompletedProcess:
    """node, or one of the extension's node tools (as `npx` would find it, without npx's start-up time)."""
    executable = shutil.which(tool, path=NODE_TOOLS) or shutil.which(tool)
    return subprocess.run([executable, *arguments], cwd=EXTENSION, capture_output=True, text=True, timeout=300)


def written_forms(name: str) -> list[str]:
    """A key or kind as users may write it: any case, words joined by spaces, '-' or '_'."""
    words = name.split()
    return [name, name.upper(), name.title(), "_".join(words), "-".join(words), "  ".join(words)]


def vocabulary(kind: str) -> set[str]:
    if kind == "blocks":
        specs = [LANGUAGE["blocks"]]
    else:
        specs = [LANGUAGE[table] or {} for table in
                 ("activity_fields", "organisation_fields", "group_fields", "processor_fields")]
    return {alias for spec in specs for name, info in spec.items()
            for alias in [name, *(info or {}).get("aliases", [])]}


def grammar_alternatives(rule: dict, regex_key: str) -> str:
    """The first capture group of a rule's regex: the alternation of the known words."""
    regex = rule[regex_key]
    start = regex.index("(?:(") + len("(?:(")
    return regex[start:regex.index(")|(", start)]


@pytest.mark.parametrize("kind, rule, regex_key", [
    ("fields", GRAMMAR["repository"]["field"], "begin"),
    ("blocks", GRAMMAR["repository"]["block-head"]["patterns"][0], "match"),
    ("blocks", GRAMMAR["repository"]["block-head"]["patterns"][1], "begin"),
])
def test_known_words_are_those_of_language_yaml(kind, rule, regex_key):
    """Known keys and block kinds get their own scope; the grammar lists exactly those of grammar/language.yaml."""
    alternatives = grammar_alternatives(rule, regex_key)
    known = re.compile(rf"(?:{alternatives})\Z", re.IGNORECASE)
    words = vocabulary(kind)
    assert [form for word in sorted(words) for form in written_forms(word) if not known.match(form)] == []
    listed = {alternative.replace(r"[ \t_-]+", " ").replace("\\", "") for alternative in alternatives.split("|")}
    assert listed == words


def test_every_example_has_a_snapshot():
    snapshots = EXTENSION / "tests" / "snap"
    for example in EXAMPLES:
        link = snapshots / example.name
        assert link.is_symlink() and link.resolve() == example.resolve(), \
            f"link it: ln -s ../../../../examples/{example.name} {link.relative_to(ROOT)}"
        assert link.with_name(example.name + ".snap").is_file(), "run 'npm run update-snapshots' in editors/vscode"


def test_the_manifest_contributes_what_the_extension_ships():
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    contributes = manifest["contributes"]
    [language] = contributes["languages"]
    assert language["id"] == "avg" and language["extensions"] == [".avg"]
    [grammar] = contributes["grammars"]
    assert grammar["scopeName"] == GRAMMAR["scopeName"] == "source.avg"
    for relative in (language["configuration"], grammar["path"], manifest["main"]):
        assert (EXTENSION / relative).is_file(), relative
    assert set(contributes["configuration"]["properties"]) == {
        "avglint.path", "avglint.interpreter", "avglint.lang", "avglint.trace.server"}


@pytest.mark.usefixtures("needs_node")
def test_grammar_unit_tests():
    """The assertion files in editors/vscode/tests/unit (escapes, multi-line strings, suppressions, ...)."""
    result = run_in_extension("vscode-tmgrammar-test", "tests/unit/*.avg")
    assert result.returncode == 0, result.stdout + result.stderr
    units = sorted(path.name for path in (EXTENSION / "tests" / "unit").glob("*.avg"))
    assert len(units) >= 6 and result.stdout.count("run successfuly") == len(units), result.stdout


@pytest.mark.usefixtures("needs_node")
def test_grammar_snapshots_of_the_examples():
    result = run_in_extension("vscode-tmgrammar-snap", "tests/snap/*.avg")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Generating snapshot" not in result.stdout, "a snapshot was missing: commit it"


def parser_marks(path: Path) -> tuple[list[list], list[str]]:
    """Block kinds, block names and keys where avglint's parser finds them ([line, category, text], sorted),
    and the rules of its syntax findings."""
    source, problems = decode(path.name, path.read_bytes())
    result = parse(source, problems)
    marks = []
    for top in result.blocks:
        for block in top.walk():
            line = source.line_col(block.start)[0]
            marks.append([line, "kind", block.kind_written])
            if block.name is not None:
                name_line = source.line_col(block.name_start)[0]
                marks += [[name_line + offset, "name", part]
                          for offset, part in enumerate(block.name_span.text.split("\n")) if part]
            for field in [*block.fields.values(), *block.unknown, *block.duplicates]:
                marks.append([source.line_col(field.start)[0], "key", field.key_span.text])
    return sorted(marks), [finding.rule for finding in result.findings]


@pytest.mark.usefixtures("needs_node")
def test_the_grammar_reads_kinds_names_and_keys_where_the_parser_does():
    """Over the grammar's own unit files, the examples and every register of the test suite that parses,
    the grammar and the Lark lexer agree."""
    units = sorted((EXTENSION / "tests" / "unit").glob("*.avg"))
    # files with syntax errors are left out (the parser recovers in its own way), but for one
    # unit file that shows a continued line the parser reads as a value and hints at (AVG001)
    assert [rule for path in units for rule in parser_marks(path)[1]] == ["AVG001"]
    files = [*units, *(path for path in [*EXAMPLES, *sorted((ROOT / "tests").rglob("*.avg"))]
                       if not parser_marks(path)[1])]
    result = run_in_extension("node", "tests/scopes.js", *map(str, files))
    assert result.returncode == 0, result.stderr
    grammar = json.loads(result.stdout)
    assert len(files) > 100
    disagreements = {path.relative_to(ROOT).as_posix(): sorted(grammar[str(path)]) for path in files
                     if sorted(grammar[str(path)]) != parser_marks(path)[0]}
    assert disagreements == {}


@pytest.mark.usefixtures("needs_node")
def test_client_tests():
    """How the client picks the server command from the settings, and block folding (node's test runner)."""
    result = run_in_extension("node", "--test", "tests/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^# fail 0$", result.stdout, re.MULTILINE) and not re.search(r"^# pass 0$", result.stdout,
                                                                                  re.MULTILINE)


@pytest.mark.usefixtures("needs_node")
def test_the_vsix_contains_the_extension(tmp_path):
    vsix = tmp_path / "avglint.vsix"
    result = run_in_extension("vsce", "package", "--skip-license", "--out", str(vsix))
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        packaged = json.loads(archive.read("extension/package.json"))
    expected = {"extension/package.json", "extension/readme.md", "extension/syntaxes/avg.tmLanguage.json",
                "extension/language-configuration.json", "extension/src/extension.js", "extension/src/server.js",
                "extension/src/folding.js", "extension/node_modules/vscode-languageclient/package.json"}
    assert expected <= names
    assert "extension/" + packaged["main"].removeprefix("./") in names
    assert not [name for name in names if name.startswith(("extension/tests/", "extension/node_modules/@vscode/vsce"))]
