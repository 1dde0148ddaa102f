"""The pre-commit hook, run by pre-commit itself (try-repo) on a repository with a register."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pre_commit(*args, cwd, env):
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}


def make_repo(path: Path, files: dict[str, str], env) -> Path:
    path.mkdir()
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=path, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=path, check=True, env=env)
    return path


def test_manifest_is_valid(environment):
    result = pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"), cwd=ROOT, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr


def test_try_repo_fails_on_a_finding_and_passes_the_model_register(tmp_path, environment):
    bad = make_repo(tmp_path / "bad", {
        ".avglint.yaml": "select: [AVG0, AVG2]\n",
        "registers/r.avg": 'verwerking "Testen" {\n  grondslag: Gerechtigd belang\n}\n',
    }, environment)
    result = pre_commit("try-repo", str(ROOT), "avglint", "--all-files", cwd=bad, env=environment)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "registers/r.avg:2:14: warning AVG202" in result.stdout

    good = make_repo(tmp_path / "good", {
        "register.avg": (ROOT / "examples" / "model-register.avg").read_text(encoding="utf-8"),
    }, environment)
    result = pre_commit("try-repo", str(ROOT), "avglint", "--all-files", cwd=good, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_cross_file_rules_do_not_depend_on_the_files_passed(tmp_path, environment):
    repo = make_repo(tmp_path / "split", {
        ".avglint.yaml": "select: [AVG0]\n",
        "a.avg": 'verwerker "Loonbureau" {\n  land: Nederland\n}\n',
        "b.avg": 'verwerking "Salaris" {\n  verwerkers: Loonbureau\n}\n',
    }, environment)
    result = pre_commit("try-repo", str(ROOT), "avglint", "--files", "b.avg", cwd=repo, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr   # no AVG008: a.avg is read too
