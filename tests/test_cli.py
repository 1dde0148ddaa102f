"""The command line as users meet it: output lines, summary, exit status."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from click.testing import CliRunner

from avglint.cli import cli
from avglint.formats import Options, text


def run(args, **kwargs):
    return CliRunner().invoke(cli, args, catch_exceptions=False, **kwargs)


def test_version():
    result = run(["--version"])
    assert result.exit_code == 0 and result.output.startswith("avglint ")


def test_version_is_answered_before_the_command_line_is_imported():
    """The avglint command (avglint/__main__.py) writes what --version writes without importing click."""
    probe = ("import sys; sys.argv[1:] = ['--version']; from avglint.__main__ import main; main(); "
             "print('click' in sys.modules)")
    process = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert process.stdout == run(["--version"]).output + "False\n"


def test_a_check_imports_only_what_it_uses(tmp_path):
    """Once a first run has filled the cache, a check of a register reads no YAML, looks for no plugins in
    the installed packages' metadata and imports no library that only statements or globs need."""
    (tmp_path / "r.avg").write_text('verwerking "X" {\n  doel: a\n}\n', encoding="utf-8")
    probe = ("import sys; sys.argv = ['avglint', 'check', '--no-config', 'r.avg']; from avglint.__main__ import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print([m for m in ('yaml', 'importlib.metadata', 'pathspec', 'markdown_it') if m in sys.modules])")
    for _ in range(2):  # the first run may fill the cache
        process = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert process.stdout.splitlines()[-1] == "[]", process.stderr


def test_clean_file_exits_zero(tmp_path):
    path = tmp_path / "r.avg"
    path.write_text('verwerking "X" {\n  doel: a\n}\n', encoding="utf-8")
    result = run(["check", str(path), "--select", "AVG0"])
    assert result.exit_code == 0
    assert "No problems found in 1 file, 1 activity." in result.output


def test_findings_are_printed_with_position_and_exit_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text('verwerkng "X" {\n  doel: a\n}\n', encoding="utf-8")
    result = run(["check", "r.avg", "--select", "AVG0"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "r.avg:1:1: error AVG003 Unknown block kind 'verwerkng' (did you mean 'verwerking'?)."
    assert lines[-1] == "Found 1 problem (1 error) in 1 file, 0 activities."


def test_dutch_messages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text('verwerkng "X" {\n}\n', encoding="utf-8")
    result = run(["check", "r.avg", "--lang", "nl", "--select", "AVG003"])
    assert "Onbekende bloksoort 'verwerkng' (bedoelt u 'verwerking'?)." in result.output
    assert result.output.splitlines()[-1] == "1 melding (1 fout) in 1 bestand, 0 verwerkingen."


def test_show_source_draws_a_caret_under_the_words(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.avg").write_text('verwerking "X" {\n  kleur: blauw\n}\n', encoding="utf-8")
    result = run(["check", "r.avg", "--select", "AVG004", "--show-source"])
    assert "  2 |   kleur: blauw\n    |   ^^^^^\n" in result.output


def test_colour_is_on_the_severity_word_and_adds_nothing_else(lint_text):
    result = lint_text('verwerking "X" {\n  kleur: blauw\n}\n', select=["AVG004"])
    plain, coloured = io.StringIO(), io.StringIO()
    text.write(result, plain, Options())
    text.write(result, coloured, Options(colour=True))
    assert "\033[33mwarning\033[0m AVG004 " in coloured.getvalue()
    assert re.sub(r"\033\[[0-9;]*m", "", coloured.getvalue()) == plain.getvalue()


def test_missing_path_is_a_usage_error():
    result = run(["check", "does/not/exist.avg"])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_directory_without_avg_files_says_so(tmp_path):
    result = run(["check", str(tmp_path)])
    assert result.exit_code == 2 and "no .avg files found" in result.output


def test_unknown_rule_in_select_is_a_usage_error(tmp_path):
    (tmp_path / "r.avg").write_text("", encoding="utf-8")
    result = run(["check", str(tmp_path / "r.avg"), "--select", "AVG999"])
    assert result.exit_code == 2 and "unknown rule 'AVG999'" in result.output


def test_directories_are_searched_recursively_skipping_hidden_ones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.avg").write_text('verwerking "X" {\n}\n', encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "y.avg").write_text("{{{", encoding="utf-8")
    result = run(["check", "--select", "AVG0"])
    assert result.exit_code == 0 and "1 file" in result.output


def test_registers_of_different_organisations_are_checked_apart(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a", "b"):
        (tmp_path / f"{name}.avg").write_text(
            f'organisatie "{name}" {{\n}}\nverwerking "X" {{\n  id: 1\n}}\n', encoding="utf-8")
    result = run(["check", "--select", "AVG0"])
    assert result.exit_code == 0, result.output   # no AVG007 / AVG012 across organisations


def test_console_script_runs_without_traceback_on_garbage(tmp_path):
    path = tmp_path / "junk.avg"
    path.write_bytes(b"\x00\xff}{ garbage text\n" * 1000)   # text, if poor (binary input: test_cli_errors.py)
    process = subprocess.run([sys.executable, "-m", "avglint", "check", str(path)], capture_output=True, text=True)
    assert process.returncode == 1
    assert "Traceback" not in process.stderr + process.stdout
    assert "AVG002" in process.stdout


def test_rules_lists_every_rule_with_its_metadata():
    result = run(["rules"])
    assert result.exit_code == 0
    assert any(line.startswith("AVG003  unknown-block") for line in result.output.splitlines())
    import json
    listed = json.loads(run(["rules", "--format", "json"]).output)
    assert {"id": "AVG005", "slug": "duplicate-field", "severity": "error"}.items() <= listed[4].items()


def test_explain_in_both_languages():
    english = run(["explain", "AVG004"])
    assert english.exit_code == 0 and "## What it checks" in english.output
    dutch = run(["explain", "unknown-field", "--lang", "nl"])
    assert "## Wat het controleert" in dutch.output
    assert run(["explain", "AVG999"]).exit_code == 2
