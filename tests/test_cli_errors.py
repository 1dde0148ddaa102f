"""How a run ends when it cannot end normally: a closed pipe, a bug in avglint, input that is no text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from avglint import parser
from avglint.cli import EXIT_CLOSED_PIPE, EXIT_ERROR, cli
from avglint.model import Activity
from avglint.source import decode

FORMATS = ("text", "json", "sarif", "github", "html")


@pytest.fixture(scope="module")
def large_register(tmp_path_factory):
    """A register whose report is far larger than a pipe's buffer (64 KiB on Linux) in every format."""
    root = tmp_path_factory.mktemp("large")
    activities = "".join(f'verwerking "Activiteit {n}" {{\n    doel: algemene doeleinden\n}}\n' for n in range(1500))
    (root / "register.avg").write_text('organisatie "Gemeente X" {\n}\n' + activities, encoding="utf-8")
    return root


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_pipe_closed_early_ends_the_run_quietly(large_register, output_format):
    process = subprocess.Popen([sys.executable, "-m", "avglint", "check", "--no-config", "--format", output_format,
                                "register.avg"], cwd=large_register, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.read(100)   # the report has begun, then its reader goes away (`| head -c 100`)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=300) == EXIT_CLOSED_PIPE
    assert stderr == b""


def test_a_report_read_to_the_end_is_larger_than_a_pipe_buffer(large_register):
    """The closed-pipe test above only means something when the output overflows the pipe."""
    for output_format in FORMATS:
        process = subprocess.run([sys.executable, "-m", "avglint", "check", "--no-config", "--format", output_format,
                                  "register.avg"], cwd=large_register, capture_output=True)
        assert process.returncode == 1 and len(process.stdout) > 4 * 65536, output_format


# A value continued on the next line makes the builder call _check_continuation; the second register also
# has a syntax error, so that the call happens in the parser with error recovery.
CONTINUED = {
    "valid register": 'verwerking "X" {\n    gegevens: naam,\n        adres\n}\n',
    "register with a syntax error": 'verwerking "X" {\n    gegevens: naam,\n        adres\n    @ geen veld\n}\n',
}


def parse_text(text: str):
    return parser.parse(*decode("r.avg", text.encode("utf-8")))


@pytest.mark.parametrize("name", list(CONTINUED))
def test_the_registers_below_are_read_by_the_real_builder(name):
    [activity] = [b for top in parse_text(CONTINUED[name]).blocks for b in top.walk() if isinstance(b, Activity)]
    assert activity.own("gegevens").values == ["naam", "adres"]


@pytest.mark.parametrize("name", list(CONTINUED))
def test_a_bug_while_building_the_model_is_an_internal_error_not_a_syntax_error(monkeypatch, tmp_path, name):
    def bug(*args):
        raise RuntimeError("bug in the builder")

    monkeypatch.setattr(parser._ModelBuilder, "_check_continuation", bug)
    with pytest.raises(RuntimeError, match="bug in the builder"):
        parse_text(CONTINUED[name])
    (tmp_path / "r.avg").write_text(CONTINUED[name], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--no-config", "r.avg"])
    assert result.exit_code == EXIT_ERROR
    assert "internal error: bug in the builder" in result.output and "AVG001" not in result.output
    debug = CliRunner().invoke(cli, ["check", "--no-config", "--debug", "r.avg"])
    assert isinstance(debug.exception, RuntimeError)   # --debug: the traceback, not one line


@pytest.mark.parametrize("name, data", [
    ("binary.avg", bytes(range(256)) * 40),
    ("privacy.md", b"%PDF-1.4\x00\x00\x00" * 100),
], ids=["register", "statement"])
def test_binary_input_cannot_be_checked_exit_2(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "ok.avg").write_text('verwerking "X" {\n    doel: klachten afhandelen\n}\n', encoding="utf-8")
    for output_format in ("text", "sarif"):
        process = subprocess.run([sys.executable, "-m", "avglint", "check", "--no-config", "--format", output_format,
                                  "ok.avg", name], cwd=tmp_path, capture_output=True)
        assert process.returncode == EXIT_ERROR
        assert process.stderr.decode("utf-8") == f"avglint: {name}: cannot read (a binary file, not text)\n"
        if output_format == "sarif":   # a run that could not check says so, never looks clean
            [run] = json.loads(process.stdout)["runs"]
            assert run["invocations"][0]["executionSuccessful"] is False


def test_a_report_is_not_written_over_a_register_or_where_registers_are_read(tmp_path):
    """``-o register.avg`` would replace the register; ``-o DIR/report.avg`` would be read as a register by
    the next check of DIR (or of any file of its organisation): both are refused, and nothing is written."""
    register = tmp_path / "r.avg"
    register.write_text('verwerking "A" {\n  doel: x\n}\n', encoding="utf-8")
    before = register.read_bytes()
    runner = CliRunner()
    over = runner.invoke(cli, ["check", str(register), "-o", str(register)])
    assert over.exit_code == EXIT_ERROR and "is one of the files checked" in over.output
    assert register.read_bytes() == before
    for target in (tmp_path / "report.avg", tmp_path / "REPORT.AVG"):
        beside = runner.invoke(cli, ["check", str(tmp_path), "--format", "sarif", "-o", str(target)])
        assert beside.exit_code == EXIT_ERROR and "would be read as a register" in beside.output
        assert not target.exists()
    fine = runner.invoke(cli, ["check", str(tmp_path), "--format", "sarif", "-o", str(tmp_path / "report.sarif")])
    assert fine.exit_code in (0, 1) and (tmp_path / "report.sarif").exists()
