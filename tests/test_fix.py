"""--fix and --diff: only the edited bytes change, writes are atomic, changed files are left alone."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

import avglint.fix as fix_module
from avglint import atomic
from avglint.cli import cli
from avglint.engine import Config, lint


def run(args):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


ORIGINAL = ("\ufeffverwerking \"Testen\" {\r\n"
            "\tgrondslag: Gerechtigd belang (artikel 6.1.f AVG) \t  \r\n"
            "  doel: testen   \r\n"
            "  id: 1 # avglint: ignore[AVG007] oud\r\n"
            "}\r\n").encode("utf-8")


def test_fix_changes_only_the_edited_bytes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "r.avg"
    path.write_bytes(ORIGINAL)
    os.chmod(path, 0o640)
    result = run(["check", "r.avg", "--select", "AVG202,AVG009", "--fix"])
    assert result.exit_code == 0, result.output
    assert "Fixed 2 findings in 1 file." in result.output
    expected = (ORIGINAL.replace("Gerechtigd belang".encode(), "Gerechtvaardigd belang".encode())
                .replace(b" # avglint: ignore[AVG007] oud", b""))
    assert path.read_bytes() == expected
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.avg"]   # no temporary file left behind


def test_unsafe_fixes_only_on_request(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "r.avg"
    path.write_text('verwerkng "X" {\n  grondslag: bedrijfsbelang\n}\n', encoding="utf-8")
    assert run(["check", "r.avg", "--select", "AVG003", "--fix"]).exit_code == 1
    assert path.read_text(encoding="utf-8").startswith("verwerkng")
    assert run(["check", "r.avg", "--select", "AVG003", "--fix", "--unsafe-fixes"]).exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("verwerking")


def test_diff_shows_and_does_not_write(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "r.avg"
    path.write_bytes(ORIGINAL)
    result = run(["check", "r.avg", "--select", "AVG202", "--diff"])
    assert result.exit_code == 1
    assert "-\tgrondslag: Gerechtigd belang" in result.output and "+\tgrondslag: Gerechtvaardigd belang" in result.output
    assert path.read_bytes() == ORIGINAL


def test_file_changed_since_read_is_not_overwritten(tmp_path):
    path = tmp_path / "r.avg"
    path.write_text('verwerking "X" {\n  grondslag: Toestemmming\n}\n', encoding="utf-8")
    result = lint([(str(path), path.read_bytes())], Config(select=["AVG202"]))
    [plan] = fix_module.plan(result.findings)
    path.write_text('verwerking "X" {\n  grondslag: iets anders\n}\n', encoding="utf-8")
    try:
        fix_module.write(plan, str(path))
    except fix_module.ChangedOnDisk:
        pass
    else:
        raise AssertionError("a changed file was overwritten")
    assert "iets anders" in path.read_text(encoding="utf-8")


def test_crash_while_writing_leaves_the_original(tmp_path, monkeypatch):
    path = tmp_path / "r.avg"
    path.write_text('verwerking "X" {\n  grondslag: Toestemmming\n}\n', encoding="utf-8")
    before = path.read_bytes()
    [plan] = fix_module.plan(lint([(str(path), before)], Config(select=["AVG202"])).findings)

    def crash(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", crash)
    try:
        fix_module.write(plan, str(path))
    except KeyboardInterrupt:
        pass
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.avg"]


def test_invalid_utf8_elsewhere_survives_a_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = b'verwerking "X" {\n  doel: caf\xe9\n  grondslag: Toestemmming\n}\n'
    (tmp_path / "r.avg").write_bytes(data)
    run(["check", "r.avg", "--select", "AVG202", "--fix"])
    assert (tmp_path / "r.avg").read_bytes() == data.replace(b"Toestemmming", b"Toestemming")


def test_a_killed_fmt_leaves_the_old_file_or_the_new_one(tmp_path):
    """SIGKILL at moments spread over a run: the register is always whole (old or new), never half-written."""
    import signal
    import subprocess
    import sys
    import time

    if not hasattr(signal, "SIGKILL"):
        pytest.skip("no SIGKILL on this platform")
    row = 'verwerking   "Rij {n}"{{\n doel:    testen,\n      meer\n  grondslag:    toestemming\n}}\n'
    original = "".join(row.format(n=n) for n in range(5_000)).encode("utf-8")  # ~400 KB, not canonical
    path = tmp_path / "r.avg"
    path.write_bytes(original)
    command = [sys.executable, "-m", "avglint", "fmt", str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    formatted = path.read_bytes()
    assert formatted != original
    started = time.perf_counter()
    path.write_bytes(original)
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    duration = time.perf_counter() - started
    for step in range(10):  # kills from at once to near the end of a run
        path.write_bytes(original)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * step / 10)
        process.send_signal(signal.SIGKILL)
        process.wait()
        content = path.read_bytes()
        assert content in (original, formatted)


def test_an_added_field_leaves_each_comment_on_the_line_it_belongs_to():
    """A new field goes below the whole entry it follows, so the suppression at the end of that
    entry's line keeps covering it; the new line takes the file's CRLF line ending."""
    text = ('verwerking "Leefstijlcoaching" {\r\n'
            "    gegevens: naam, gewicht, bloeddruk\r\n"
            "    grondslag: Toestemmig  # avglint: ignore[AVG202] spelled as in the contract\r\n"
            "}\r\n")
    findings = lint([("r.avg", text.encode())], Config(select=["AVG504"])).findings
    [file_fix] = fix_module.plan(findings, unsafe=True)
    assert file_fix.fixed.decode() == text.replace(
        "the contract\r\n", "the contract\r\n    uitzondering: uitdrukkelijke toestemming (art. 9 lid 2 sub a AVG)\r\n")
    again = lint([("r.avg", file_fix.fixed)], Config(select=["AVG202", "AVG009"])).findings
    assert [(f.rule, f.suppression is not None) for f in again] == [("AVG202", True)]


def test_a_field_added_below_a_block_head_follows_its_comment():
    text = 'verwerking "Patiëntendossier" {  # kept by the front desk\n}\n'
    findings = lint([("r.avg", text.encode())], Config(select=["AVG503"])).findings
    [file_fix] = fix_module.plan(findings, unsafe=True)
    assert file_fix.fixed.decode() == text.replace(
        "desk\n", "desk\n    bijzondere gegevens: gegevens over gezondheid (Patiëntendossier)\n")
