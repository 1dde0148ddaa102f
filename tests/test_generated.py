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


def distinct_share(output) -> float:
    """The share of the activities' field values (items, ids included) that are distinct, as avglint reads them."""
    result = lint([(name, text.encode("utf-8")) for name, text in output], Config(select=STRUCTURAL))
    assert not result.findings, result.findings[:5]
    values = [item.value for register in result.registers for activity in register.activities
              for field in activity.fields.values() for item in field.items]
    return len(set(values)) / len(values)


def test_realistic_distinctness_is_deterministic_and_leaves_the_default_alone():
    realistic = generate.generate(400, files=2, seed=3, distinct=0.67)
    assert realistic == generate.generate(400, files=2, seed=3, distinct=0.67)
    assert realistic != generate.generate(400, files=2, seed=4, distinct=0.67)
    # the same register otherwise: its lines are those of the register without the option, values aside
    default = generate.generate(400, files=2, seed=3)
    assert realistic != default
    assert [text.count("\n") for _, text in realistic] == [text.count("\n") for _, text in default]


@pytest.mark.parametrize("activities, files, seed, share", [(300, 1, 0, 0.67), (2000, 3, 1, 0.67), (1000, 2, 2, 0.5)])
def test_realistic_distinctness_has_the_share_asked(activities, files, seed, share):
    assert distinct_share(generate.generate(activities, files=files, seed=seed)) < 0.3
    measured = distinct_share(generate.generate(activities, files=files, seed=seed, distinct=share))
    assert measured == pytest.approx(share, abs=0.02)


def test_realistic_distinctness_keeps_what_the_rules_find():
    """The composed values keep their meaning: every rule finds what it finds in the register without them,
    at the same lines (only the wording of the messages differs)."""
    def found(**distinct):
        output = generate.generate(1000, files=2, seed=5, defects=0.3, **distinct)
        result = lint([(name, text.encode("utf-8")) for name, text in output], Config())
        return Counter((f.rule, f.span.path, f.span.line) for f in result.findings)

    default = found()
    assert len(default) > 100
    assert found(distinct=0.67) == default
