"""Shared test helpers."""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

from avglint.engine import Config, lint


def pytest_configure(config):
    # the cache between runs (avglint/cache.py) goes to a directory of this test run, not the user's
    os.environ["AVGLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="avglint-test-cache-")
    os.environ.pop("AVGLINT_NO_CACHE", None)


def check_text(text: str, *, path: str = "t.avg", select=("AVG",), **config):
    """Lint one in-memory file; returns the LintResult."""
    return lint([(path, text.encode("utf-8"))], Config(select=list(select), **config))


@pytest.fixture
def lint_text():
    return check_text


# Until the schema is vendored into the repository: shared/ beside the checkout (CI), or the workplace's own.
SARIF_SCHEMAS = [Path(__file__).resolve().parent.parent.parent / "shared" / "sarif" / "sarif-schema-2.1.0.json",
                 Path("/work/shared/sarif/sarif-schema-2.1.0.json")]


@lru_cache(maxsize=1)
def sarif_validator():
    """A validator for the official SARIF 2.1.0 schema (the one place that says where the schema is)."""
    import jsonschema

    found = next((path for path in SARIF_SCHEMAS if path.is_file()), None)
    if found is None:
        pytest.skip("the official SARIF 2.1.0 schema is not beside this checkout")
    schema = json.loads(found.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)
