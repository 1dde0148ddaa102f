"""The whole output of `avglint check`, byte for byte, in every format a user keeps (SARIF, JSON, text in
English and Dutch), over the examples as the README's quick start checks them and over a generated
register (benchmarks/generate.py, deterministic, generated here; only its outputs are stored).

These pin the findings, messages, locations, fingerprints, order and layout of the outputs, so that work
on speed can show it changed none of them. Only what varies between checkouts and releases is normalised:
the version of avglint and the absolute URI of the directory checked (SARIF's %SRCROOT%). After a change
that is meant to alter the output, write them again with the command in UPDATE_GOLDEN and review the diff
(tests/golden/README.md)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import avglint

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "outputs"
UPDATE_GOLDEN = "AVGLINT_UPDATE_GOLDEN=1 pytest tests/test_golden_outputs.py"

# A register of the size of a small organisation's, split over files, with many defects so that most
# rules have something to say; fixed so that its outputs can be stored.
GENERATED = {"n_activities": 300, "files": 3, "seed": 15, "defects": 0.3}

# (golden file suffix, options): the formats and languages pinned for each input
OUTPUTS = [
    ("en.txt", ["--format", "text", "--lang", "en"]),
    ("nl.txt", ["--format", "text", "--lang", "nl"]),
    ("json", ["--format", "json", "--lang", "en"]),
    ("sarif", ["--format", "sarif", "--lang", "en"]),
]


def _generate_module():
    spec = importlib.util.spec_from_file_location("avg_benchmark_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("generated")
    for name, text in _generate_module().generate(**GENERATED):
        (directory / name).write_bytes(text.encode("utf-8"))
    return directory


def check(cwd: Path, *args: str) -> bytes:
    """Standard output of `avglint check` run as a process, as a user runs it, with no setting of the
    environment that would change what it writes."""
    environment = {key: value for key, value in os.environ.items() if key not in ("AVGLINT_LANG", "GITHUB_ACTIONS")}
    run = subprocess.run([sys.executable, "-m", "avglint", "check", *args], cwd=cwd, env=environment,
                         capture_output=True, timeout=600)
    assert run.returncode == 1, run.stderr.decode("utf-8", "replace")  # both inputs have findings
    return run.stdout


def normalised(output: bytes, root: Path) -> bytes:
    """The output without the version of avglint and the URI of the directory checked."""
    version = avglint.__version__
    return (output.replace(f'"version":"{version}"'.encode(), b'"version":"<version>"')
            .replace(f'"semanticVersion":"{version}"'.encode(), b'"semanticVersion":"<version>"')
            .replace(json.dumps(root.as_uri() + "/").encode(), b'"file:///<root>/"'))


def compare(name: str, output: bytes) -> None:
    golden = GOLDEN / name
    if os.environ.get("AVGLINT_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(output)
    assert golden.is_file(), f"{golden.relative_to(ROOT)} is missing; write it with {UPDATE_GOLDEN}"
    expected = golden.read_bytes()
    if output != expected and not name.endswith(".txt"):
        # the same data in another layout or order still fails below; this shows what differs first
        assert json.loads(output) == json.loads(expected), f"{name} differs from its golden"
    assert output.decode("utf-8").splitlines(keepends=True) == expected.decode("utf-8").splitlines(keepends=True)


@pytest.mark.parametrize("suffix, options", OUTPUTS, ids=[suffix for suffix, _ in OUTPUTS])
def test_examples_as_the_quick_start_checks_them(suffix, options):
    compare(f"examples.{suffix}", normalised(check(ROOT, *options, "examples/"), ROOT))


@pytest.mark.parametrize("suffix, options", OUTPUTS, ids=[suffix for suffix, _ in OUTPUTS])
def test_a_generated_register(generated, suffix, options):
    # --no-config: no configuration file above the temporary directory may change the run
    compare(f"generated.{suffix}", normalised(check(generated, "--no-config", *options, "."), generated))
