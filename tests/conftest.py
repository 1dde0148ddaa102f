"""Shared test helpers."""

from __future__ import annotations

import pytest

from avglint.engine import Config, lint


def check_text(text: str, *, path: str = "t.avg", select=("AVG",), **config):
    """Lint one in-memory file; returns the LintResult."""
    return lint([(path, text.encode("utf-8"))], Config(select=list(select), **config))


@pytest.fixture
def lint_text():
    return check_text
