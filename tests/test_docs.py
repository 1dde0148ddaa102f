"""Rule documentation: complete for every rule, in both languages, and the committed pages are current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from avglint.docs import generate, problems
from avglint.engine import Config, lint
from avglint.registry import all_rules

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"
RULES = list(all_rules().values())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_docs_are_complete(rule):
    assert problems(rule) == []
    assert rule.title.en.endswith(".") and rule.title.nl.endswith(".")


def test_committed_pages_are_current():
    stale = [relative for relative, content in generate().items()
             if not (DOCS / relative).is_file() or (DOCS / relative).read_text(encoding="utf-8") != content]
    assert not stale, f"docs/rules is out of date for {stale[:5]}: run 'python -m avglint.docs'"


def examples(docs: str, heading: str) -> list[str]:
    part = docs.split(heading, 1)[1].split("\n## ", 1)[0] if heading in docs else ""
    return re.findall(r"```avg\n(.*?)```", part, re.S)


@pytest.mark.parametrize("rule", [r for r in RULES if r.scope not in ("parser",)], ids=lambda r: r.id)
def test_documented_examples_behave(rule):
    """The 'Example' fires the rule; the 'Use instead' is clean of it (pylint's bad/good)."""
    for code in examples(rule.docs.en, "## Example"):
        found = lint([("example.avg", code.encode())], Config(select=[rule.id, "AVG001"])).findings
        assert any(f.rule == rule.id for f in found), f"{rule.id} example does not fire:\n{code}"
        assert not any(f.rule == "AVG001" for f in found)
    for code in examples(rule.docs.en, "## Use instead"):
        found = lint([("example.avg", code.encode())], Config(select=[rule.id, "AVG001"])).findings
        assert not found, f"{rule.id} 'Use instead' is not clean: {[f.message.en for f in found]}"
