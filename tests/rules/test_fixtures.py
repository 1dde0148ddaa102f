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
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from avglint.engine import Config, lint

HERE = Path(__file__).parent
MARKER = re.compile(r"(?:#|<!--).*?\bexpect:\s*(AVG\d{3}(?:\s*,\s*AVG\d{3})*)")
SUFFIXES = (".avg", ".md", ".html", ".htm", ".txt")
SUPPRESSED = re.compile(r"avglint:\s*ignore(?:-file)?\[([^\]]*)\]")


def _cases():
    for folder in sorted(p for p in HERE.iterdir() if p.is_dir() and re.fullmatch(r"AVG\d{3}", p.name)):
        for case in sorted(folder.iterdir()):
            if case.name.startswith(("bad", "good")) and (case.is_dir() or case.suffix in SUFFIXES):
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
