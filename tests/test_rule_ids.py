"""Each rule id is written once, in its declaration: the code that reports a rule of the parser or
the engine (AVG001, AVG002, AVG009, AVG010) imports the declared constant instead of repeating the id."""

from __future__ import annotations

import re
from pathlib import Path

from avglint.registry import all_rules

PACKAGE = Path(__file__).resolve().parent.parent / "avglint"
# AVG000 is no rule: SARIF's notification id for problems of the run itself
STRUCTURAL_ID = re.compile(r"""["']AVG0(?!00)\d\d["']""")


def test_no_structural_rule_id_is_written_outside_its_declaration():
    written = [f"{path.name}:{number}: {line.strip()}"
               for path in sorted(PACKAGE.rglob("*.py"))
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if STRUCTURAL_ID.search(line)]
    assert written == []


def test_rules_reported_by_the_parser_or_the_engine_are_declared_without_a_check():
    reported = {rule.id for rule in all_rules().values() if rule.check is None}
    assert reported == {"AVG001", "AVG002", "AVG009", "AVG010"}
    assert all(all_rules()[rule_id].scope in ("parser", "engine") for rule_id in reported)
