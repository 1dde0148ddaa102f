"""The invented judgement cases of issue 13 for statements and negated transfers (G11-G16, G18).

Each input in tests/judgement/ is a copy of the project's invented judgement cases; the rows of its
EXPECTED.md say which rule must (or must not) fire, and where. The inputs are examples
of a general cause; the fixtures in tests/rules/ hold the cause as a class.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from avglint.engine import Config, lint

CASES = Path(__file__).resolve().parent / "judgement"

# (input, rule, line, words the finding points at, severity): the rule fires there
FIRES = [
    ("s11a.md", "AVG909", 7, "geeft u toestemming", "error"),       # G11 inverted word order
    ("s11b.md", "AVG909", 7, "you give us permission", "error"),    # G11 English phrasing
    ("s12.md", "AVG907", 7, "no longer than", "warning"),           # G12 a bound without its value
    ("s13.md", "AVG901", 1, "Over deze kaart", "error"),            # G13 no channel, a vendor is no name
    ("s14.md", "AVG205", 8, "wettelijk verplicht", "warning"),      # G14 obligation in a conditional clause
    ("s15.md", "AVG206", 7, "uitvoering van overeenkomsten", "warning"),   # G15 people in a nested item
    ("s15b.md", "AVG206", 7, "uitvoering van overeenkomsten", "warning"),  # G15 "noodzakelijk zijn voor"
]

# (input, rule): the rule does not fire at all
QUIET = [
    ("s16.md", "AVG908"),                      # G16 the compliant deadline in the same sentence holds
    ("extra_negated_transfer.avg", "AVG602"),  # G18 a negated transfer is no transfer
]


def _check(name: str, rule: str):
    data = (CASES / name).read_bytes()
    if name.endswith(".avg"):
        return lint([(name, data)], Config(select=[rule])).findings
    return lint([], Config(select=[rule]), statements=[(name, data)]).findings


@pytest.mark.parametrize("name, rule, line, words, severity", FIRES, ids=[f"{c[0]}-{c[1]}" for c in FIRES])
def test_rule_fires_where_expected(name, rule, line, words, severity):
    findings = [f for f in _check(name, rule) if f.rule == rule]
    assert [(f.span.line, f.severity) for f in findings] == [(line, severity)], [f.message.en for f in findings]
    text = findings[0].span.text
    assert text.startswith(words) or words in text, text


@pytest.mark.parametrize("name, rule", QUIET, ids=[f"{c[0]}-{c[1]}" for c in QUIET])
def test_rule_stays_quiet(name, rule):
    findings = [f for f in _check(name, rule) if f.rule == rule]
    assert findings == [], [f.message.en for f in findings]
