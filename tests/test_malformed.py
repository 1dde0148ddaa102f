"""The malformed-input corpus (tests/malformed/): each file gives its expected diagnostics with positions and
exit status through the real command line, and never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "malformed"
SELECT = ["--select", "AVG001,AVG002,AVG202"]


def cases():
    for line in (HERE / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, status, findings = (part.strip() for part in line.split("|"))
            yield pytest.param(name, int(status), [] if findings == "-" else findings.split(), id=name)


def avglint(*args, cwd=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "avglint", *args], cwd=cwd, capture_output=True, input=stdin,
                          timeout=300)


FINDING = re.compile(r"^.+?:(?P<line>\d+):(?P<column>\d+): (?:error|warning|note) (?P<rule>AVG\d{3}) ")


def found(output: bytes) -> list[str]:
    """rule:line:column of each finding line of the text output."""
    return [f"{m['rule']}:{m['line']}:{m['column']}" for line in output.decode("utf-8").splitlines()
            if (m := FINDING.match(line))]


@pytest.mark.parametrize("name, status, expected", list(cases()))
def test_corpus_file(name, status, expected):
    result = avglint("check", name, *SELECT, "--no-config", cwd=HERE)
    assert b"Traceback" not in result.stdout + result.stderr
    assert result.returncode == status, result.stdout + result.stderr
    assert found(result.stdout)[:len(expected)] == expected


@pytest.mark.parametrize("name, line, words", [
    ("broken-yaml.yaml", 2, "not valid YAML"),    # the parser notices the missing ']' at the end of the file
    ("unknown-key.yaml", 1, "unknown key 'selekt'; did you mean 'select'?"),
    ("yaml-tag.yaml", 1, "not valid YAML"),
])
def test_broken_configuration_is_exit_2_with_its_place(name, line, words, tmp_path):
    (tmp_path / "r.avg").write_text('verwerking "X" {\n}\n', encoding="utf-8")
    result = avglint("check", "r.avg", "--config", str(HERE / name), cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert err.startswith("avglint: configuration error: ") and f"{name}:{line}:" in err and words in err
    assert "Traceback" not in err


def test_yaml_tags_never_construct_objects(tmp_path):
    marker = tmp_path / "hacked"
    config = tmp_path / "c.yaml"
    config.write_text(f"x: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    (tmp_path / "r.avg").write_text('verwerking "X" {\n}\n', encoding="utf-8")
    avglint("check", "r.avg", "--config", str(config), cwd=tmp_path)
    assert not marker.exists()


GENERATED = {
    "one line of 10 MB": (b'verwerking "X" {\n  doel: ' + b"a" * 10_000_000 + b"\n}\n", 0, []),
    "200,000 items in one field": (b'verwerking "X" {\n  gegevens: ' + b", ".join(b"item%d" % i for i in range(200_000))
                                   + b"\n}\n", 0, []),
    "100,000 unmatched braces": (b"}" * 100_000, 1, ["AVG001:1:1"]),
    "5,000-deep nesting": (b'groep "G" {\n' * 5000 + b'verwerking "X" {\n  doel: a\n}\n' + b"}\n" * 5000, 0, []),
    "5,000-deep nesting, never closed": (b'groep "G" {\n' * 5000, 1, ["AVG001:1:1"]),
}


@pytest.mark.parametrize("name", list(GENERATED))
def test_large_malformed_inputs(name, tmp_path):
    data, status, expected = GENERATED[name]
    (tmp_path / "big.avg").write_bytes(data)
    result = avglint("check", "big.avg", *SELECT, "--no-config", cwd=tmp_path)
    assert b"Traceback" not in result.stdout + result.stderr
    assert result.returncode == status, result.stderr
    assert found(result.stdout)[:len(expected)] == expected
