"""Registers from the independent generator (benchmarks/generate.py) parse with no structural findings."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from avglint.engine import Config, lint

_spec = importlib.util.spec_from_file_location(
    "generate", Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

STRUCTURAL = ["AVG001", "AVG002", "AVG003", "AVG004", "AVG005", "AVG006", "AVG007", "AVG008", "AVG011", "AVG012"]


@pytest.mark.parametrize("activities, files, seed", [(1000, 1, 0), (1000, 4, 1), (2000, 3, 7)])
def test_generated_registers_are_structurally_clean(activities, files, seed):
    output = generate.generate(activities, files=files, seed=seed)
    result = lint([(name, text.encode("utf-8")) for name, text in output], Config(select=STRUCTURAL))
    assert result.activity_count == activities
    found = Counter((f.rule, f.message.en) for f in result.findings)
    assert not found, found.most_common(5)
