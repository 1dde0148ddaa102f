"""Rule fixtures: tests/rules/<RULE>/bad*.avg with expected findings marked inline, good*.avg clean.

A marker is a comment ``# expect: AVG401`` (or ``expect: AVG009`` inside a suppression comment) (several: ``# expect: AVG401, AVG301``)
on the line where the finding starts. A case folder may instead hold a folder
``bad/`` (or ``good/``) of several files checked together as one register.

Privacy statements are cases too: ``bad*.md``, ``good*.html``, ``bad*.txt`` (and
``.htm``), with markers in HTML comments, ``<!-- expect: AVG910 -->``, on the line
where the finding starts (for a finding about something the statement lacks: its
title). A case folder may mix registers and statements (a register and the statement
cross-checked with it).
The harness runs the folder's rule, the parser diagnostics (AVG001, AVG002) and
every rule named in a marker or a suppression comment, and compares (file, line, rule) exactly in both
directions, so a fixture cannot pass silently.

Fixes: beside a case ``bad.avg`` a file ``bad.fixed.avg`` holds the exact text the fixes of the
folder's rule write (``--fix --unsafe-fixes`` with only that rule selected); every rule with a fix has
at least one.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from avglint.engine import Config, lint
from avglint.fix import plan
from avglint.registry import all_rules

HERE = Path(__file__).parent
MARKER = re.compile(r"(?:#|<!--).*?\bexpect:\s*(AVG\d{3}(?:\s*,\s*AVG\d{3})*)")
SUFFIXES = (".avg", ".md", ".html", ".htm", ".txt")
SUPPRESSED = re.compile(r"avglint:\s*ignore(?:-file)?\[([^\]]*)\]")
FIXED = ".fixed"  # bad.fixed.avg: the fixed text of bad.avg


def _cases():
    for folder in sorted(p for p in HERE.iterdir() if p.is_dir() and re.fullmatch(r"AVG\d{3}", p.name)):
        for case in sorted(folder.iterdir()):
            if case.name.startswith(("bad", "good")) and (case.is_dir() or case.suffix in SUFFIXES) \
                    and FIXED not in case.suffixes:
                yield pytest.param(folder.name, case, id=f"{folder.name}/{case.stem}")


def _files(case: Path) -> list[Path]:
    return sorted(p for p in case.iterdir() if p.suffix in SUFFIXES) if case.is_dir() else [case]


def expected_markers(files: list[Path]) -> Counter:
    found = Counter()
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = MARKER.search(line)
            if match:
                for rule_id in match.group(1).split(","):
                    found[(path.name, number, rule_id.strip())] += 1
    return found


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_fixture(rule_id: str, case: Path):
    files = _files(case)
    expected = expected_markers(files)
    if case.name.startswith("bad"):
        assert any(rule == rule_id for _, _, rule in expected), f"{case} marks no {rule_id} finding"
    else:
        assert not expected, f"{case} is a clean twin: it must not mark findings"
    # also run the rules a suppression comment names, so that it has something to suppress
    named = {name.strip() for path in files for group in SUPPRESSED.findall(path.read_text(encoding="utf-8"))
             for name in group.split(",") if re.fullmatch(r"\s*AVG\d{3}\s*", name)}
    selected = {rule_id, "AVG001", "AVG002"} | {rule for _, _, rule in expected} | named
    result = lint([(path.name, path.read_bytes()) for path in files], Config(select=sorted(selected)))
    actual = Counter((f.span.path, f.span.line, f.rule) for f in result.findings if f.suppression is None)
    missing = expected - actual
    unexpected = actual - expected
    details = [f"missing {rule} at {path}:{line}" for path, line, rule in sorted(missing)]
    details += [f"unexpected {rule} at {path}:{line}: " +
                next(f.message.en for f in result.findings if (f.span.path, f.span.line, f.rule) == (path, line, rule))
                for path, line, rule in sorted(unexpected)]
    assert not details, "\n".join(details)


def _fixed_twins():
    for folder in sorted(p for p in HERE.iterdir() if p.is_dir() and re.fullmatch(r"AVG\d{3}", p.name)):
        for fixed in sorted(folder.glob(f"bad*{FIXED}.*")):
            yield pytest.param(folder.name, fixed.with_name(fixed.name.replace(FIXED, "")), fixed,
                               id=f"{folder.name}/{fixed.stem}")


@pytest.mark.parametrize("rule_id, case, fixed", list(_fixed_twins()))
def test_fix_writes_the_fixed_twin(rule_id: str, case: Path, fixed: Path):
    result = lint([(case.name, case.read_bytes())], Config(select=[rule_id]))
    [file_fix] = plan([f for f in result.findings if f.rule == rule_id], unsafe=True)
    assert file_fix.fixed.decode("utf-8") == fixed.read_text(encoding="utf-8")


def test_every_rule_with_a_fix_has_a_fixed_twin():
    fixable = {rule.id for rule in all_rules().values() if rule.fix != "no"}
    twinned = {param.values[0] for param in _fixed_twins()}
    assert sorted(fixable - twinned) == []
