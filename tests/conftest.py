"""Shared test helpers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

from avglint.engine import Config, lint


def pytest_configure(config):
    # the cache between runs (avglint/cache.py) goes to a directory of this test run, not the user's
    config._avglint_cache_dir = tempfile.mkdtemp(prefix="avglint-test-cache-")
    os.environ["AVGLINT_CACHE_DIR"] = config._avglint_cache_dir
    os.environ.pop("AVGLINT_NO_CACHE", None)


def pytest_unconfigure(config):
    # each process of the run (every xdist worker too) made its own directory; none is left behind
    directory = getattr(config, "_avglint_cache_dir", None)
    if directory:
        shutil.rmtree(directory, ignore_errors=True)


TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = TESTS / "seeds"      # the published documents the examples were transcribed from (seeds/README.md)


def sarif_schema() -> dict:
    """The official SARIF 2.1.0 schema (OASIS, Errata 01), vendored byte for byte in tests/schemas
    with its provenance and licence note (SOURCE.md); a draft-04 schema."""
    return json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def schema_validator():
    """A Draft 4 validator of the vendored SARIF schema, built once (for tests that are not fixtures' users)."""
    import jsonschema

    return jsonschema.Draft4Validator(sarif_schema())


@pytest.fixture(scope="session")
def sarif_validator():
    return schema_validator()


def seed(number: str) -> Path:
    """The text of seed ``number`` ("003"), as published."""
    [path] = SEEDS.glob(f"{number}_*.txt")
    return path


def check_text(text: str, *, path: str = "t.avg", select=("AVG",), **config):
    """Lint one in-memory file; returns the LintResult."""
    return lint([(path, text.encode("utf-8"))], Config(select=list(select), **config))


@pytest.fixture
def lint_text():
    return check_text


class PreCommit:
    """pre-commit as a user runs it, with one cache for the whole test session, so that the hooks of this
    clone at its HEAD commit are installed once (try-repo, which takes uncommitted changes too, installs
    them anew on every call)."""

    def __init__(self, home: Path):
        self.env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}

    def __call__(self, *args: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=self.env,
                              capture_output=True, text=True, timeout=600)

    def repository(self, path: Path, files: dict[str, str]) -> Path:
        """A git repository at ``path`` holding ``files``, all added."""
        for name, text in files.items():
            (path / name).parent.mkdir(parents=True, exist_ok=True)
            (path / name).write_text(text, encoding="utf-8")
        subprocess.run(["git", "init", "-q", str(path)], check=True, env=self.env)
        self.add(path)
        return path

    def add(self, path: Path) -> None:
        subprocess.run(["git", "add", "."], cwd=path, check=True, env=self.env)

    @staticmethod
    def head() -> str:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()

    def config(self, *hooks: str) -> str:
        """A .pre-commit-config.yaml that runs ``hooks`` of this clone at its HEAD commit."""
        return (f"repos:\n  - repo: {ROOT}\n    rev: {self.head()}\n    hooks:\n"
                + "".join(f"      - id: {hook}\n" for hook in hooks))


@pytest.fixture(scope="session")
def pre_commit(tmp_path_factory) -> PreCommit:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: pre-commit needs it")
    return PreCommit(tmp_path_factory.mktemp("pre-commit-home"))
