"""Shared test helpers."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

from avglint.engine import Config, lint


def pytest_configure(config):
    # the cache between runs (avglint/cache.py) goes to a directory of this test run, not the user's
    os.environ["AVGLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="avglint-test-cache-")
    os.environ.pop("AVGLINT_NO_CACHE", None)


TESTS = Path(__file__).resolve().parent
SEEDS = TESTS / "seeds"      # the published documents the examples were transcribed from (seeds/README.md)


def sarif_schema() -> dict:
    """The official SARIF 2.1.0 schema (OASIS, Errata 01), vendored byte for byte in tests/schemas
    with its provenance and licence note (SOURCE.md); a draft-04 schema."""
    return json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sarif_validator():
    import jsonschema

    return jsonschema.Draft4Validator(sarif_schema())


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
