"""A wheel built from the repository works when installed outside the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    # built from a copy: a build/lib left in the checkout by an earlier build would put packages in the
    # wheel that setup.cfg no longer (or never) names
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "node_modules", "benchmarks", "fuzz"))
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(work / "dist")], capture_output=True, text=True)
    if build.returncode != 0 and "No module named" in build.stderr:
        pytest.skip(f"cannot build a wheel here: {build.stderr.strip().splitlines()[-1]}")
    assert build.returncode == 0, build.stderr
    [wheel] = (work / "dist").glob("avglint-*.whl")
    target = work / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True)
    return wheel, target, work


def run_outside(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    # the installed copy first; dependencies (lark, click, …) from this environment; never the source tree
    environ = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run([sys.executable, "-I", "-c", "import sys; sys.path.insert(0, %r); "
                           "from avglint.cli import main; sys.argv[0] = 'avglint'; main()" % str(target), *args],
                          cwd=cwd, capture_output=True, text=True, env=environ)


def test_wheel_contains_grammar_and_rules(installed):
    import zipfile

    wheel, _, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "avglint/grammar/avg.lark" in names
    assert "avglint/grammar/language.yaml" in names
    assert "avglint/rules/structure.py" in names
    assert "avglint/importer/__init__.py" in names and "avglint/formats/sarif.py" in names
    vocabularies = {f"avglint/rules/vocab/{path.name}" for path in (ROOT / "rules" / "vocab").glob("*.yaml")}
    vocabularies |= {f"avglint/rules/vocab/schemas/{path.name}" for path in (ROOT / "rules" / "vocab" / "schemas").glob("*.json")}
    assert vocabularies <= set(names)


def test_wheel_contains_every_package_of_the_source_tree(installed):
    # a package left out of setup.cfg works in an editable install and fails only once installed
    import zipfile

    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {path.relative_to(ROOT).as_posix() for path in (ROOT / "avglint").rglob("__init__.py")}
    assert packages - names == set()


def test_installed_wheel_checks_a_register_outside_the_source_tree(installed, tmp_path):
    _, target, _ = installed
    (tmp_path / "r.avg").write_text('verwerkng "X" {\n}\n', encoding="utf-8")
    result = run_outside(target, tmp_path, "check", "r.avg", "--select", "AVG003")
    assert result.returncode == 1, result.stderr
    assert "r.avg:1:1: error AVG003" in result.stdout
    where = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); "
                            "import avglint.rules, avglint.grammar; print(avglint.rules.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert where.stdout.startswith(str(target)), where.stdout + where.stderr
