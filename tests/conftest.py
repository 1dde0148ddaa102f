"""Shared test helpers."""

from __future__ import annotations

import os
import tempfile

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
