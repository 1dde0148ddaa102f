"""Seed goldens for the privacy statements: rules.md D.4 (Megawatt) and D.5 (Centric).

Each statement is asserted as an exact multiset of (rule, line) at error and warning
level, and every finding's span is checked against the words it must point at, so a
finding that drifts to another sentence fails too. The model statement
(examples/statements/model-privacyverklaring.md) must produce nothing, alone and
cross-checked with examples/model-register.avg.

Rules: the AVG9xx family and the rules of other families that read statements
(AVG203, AVG205, AVG206, AVG303). Notes (AVG902, AVG911, the AVG908 response-time
note) are checked separately; D's note rows of other families (AVG604, AVG801, AVG507
on seed 003) are not implemented on statements.

Judgements where D is not one row per place:
- D.4 lists "AVG301 / AVG904" and "AVG303" once, quoting the mailing and the
  telephone paragraphs; the statement invokes 6.1.f with an opt-out in four purpose
  paragraphs (1-4 of "Voor welke doeleinden"), so each rule is reported at each of
  the four claims (lines 33, 35, 37, 39).
- D.4 AVG908 is one row with several facets: the missing rights (erasure,
  restriction, objection) are reported at the rights section's heading "Inzageverzoek"
  (line 55), the refused portability at its sentence (line 57), the best-effort deadline
  as a note (line 59).
- D.4 AVG906 quotes the ad networks (line 41) and the Facebook page; the finding points
  at the first mention, the Facebook page (line 23), and lists the others.
- D.4 "AVG907 (AVG701, AVG702)" and D.5 "AVG907 (AVG701)" are one AVG907 each: on a
  statement, the retention checks of AVG701/702 are part of AVG907.
- D.5 AVG912 quotes the data categories (line 11); the finding points at the first
  place the statement says it handles data of its clients' contact persons (line 3).
- Missing elements (AVG901, AVG910, D.5 AVG908) point at the title (line 3 for
  Megawatt, whose first line "Privacy Statement" is not its title heading).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from avglint.engine import Config, lint
from conftest import seed

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STATEMENTS = EXAMPLES / "statements"
RULES = ["AVG9", "AVG203", "AVG205", "AVG206", "AVG303"]

# (rule, line): the words the finding's span starts with
EXPECTED = {
    "megawatt.md": [
        ("AVG901", 3, "Privacyverklaring Megawatt"),
        ("AVG910", 3, "Privacyverklaring Megawatt"),
        ("AVG203", 11, "artikel 7.4 van de AVG"),
        ("AVG912", 21, "potentiële klanten"),
        ("AVG906", 23, "Facebookpagina"),
        ("AVG905", 33, "CRM-tool"),
        ("AVG303", 33, "artikel 6.1.f"),
        ("AVG904", 33, "artikel 6.1.f"),
        ("AVG303", 35, "artikel 6.1.f"),
        ("AVG904", 35, "artikel 6.1.f"),
        ("AVG303", 37, "artikel 6.1.f"),
        ("AVG904", 37, "artikel 6.1.f"),
        ("AVG303", 39, "artikel 6.1.f"),
        ("AVG904", 39, "artikel 6.1.f"),
        ("AVG909", 41, "artikel 6.1.a van de AVG"),
        ("AVG906", 41, "LinkedIn"),  # the advertising networks, a block of their own beside the Facebook page's
        ("AVG205", 43, "artikel 6.1.c van de AVG"),
        ("AVG203", 43, "artikel 32 van de AVG"),
        ("AVG203", 49, "artikel 21.6 van de AVG"),
        ("AVG903", 49, "artikel 21.6 van de AVG"),
        ("AVG908", 57, "Al onze klanten"),  # the rights missing, where the section under "Inzageverzoek" offers its own
        ("AVG908", 57, "Dat overzicht is in gewoon leesbare tekst; voor het aanbieden"),
        ("AVG907", 65, "volgens ons bewaartermijnbeleid"),
        ("AVG907", 65, "de wettelijke termijnen"),  # rules.md seed 003: a legal period without its statute
    ],
    "centric-rmm.md": [
        ("AVG901", 1, "Remote Monitoring & Management"),
        ("AVG908", 1, "Remote Monitoring & Management"),
        ("AVG910", 1, "Remote Monitoring & Management"),
        ("AVG912", 3, "contactpersonen van onze klanten"),
        ("AVG206", 19, "uitvoering van een contract"),
        ("AVG907", 23, "Doorgaans"),
    ],
}
NOTES = {
    "megawatt.md": [("AVG902", 3), ("AVG911", 11), ("AVG908", 59)],
    "centric-rmm.md": [("AVG902", 1), ("AVG911", 1)],
}


def check(name: str, *registers: Path, select=RULES):
    path = STATEMENTS / name
    return lint([(p.name, p.read_bytes()) for p in registers], Config(select=list(select)),
                statements=[(f"statements/{name}", path.read_bytes())])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_statement_golden(name):
    result = check(name)
    actual = Counter((f.rule, f.span.line) for f in result.findings if f.severity in ("error", "warning"))
    expected = Counter((rule, line) for rule, line, _ in EXPECTED[name])
    assert actual - expected == Counter(), "unexpected findings"
    assert expected - actual == Counter(), "missing findings"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_statement_findings_point_at_the_words(name):
    result = check(name)
    found = {}
    for finding in result.findings:
        found.setdefault((finding.rule, finding.span.line), []).append(finding.span.text)
    for rule, line, words in EXPECTED[name]:
        assert any(text.startswith(words) for text in found[(rule, line)]), (rule, line, found[(rule, line)])


@pytest.mark.parametrize("name", sorted(NOTES))
def test_seed_statement_notes(name):
    result = check(name)
    notes = Counter((f.rule, f.span.line) for f in result.findings if f.severity == "note")
    assert notes == Counter(NOTES[name])


def test_seed_statements_as_plain_text_give_the_same_findings():
    """The seeds as published (plain text) give the same rules at the same sentences."""
    for number, name in (("003", "megawatt.md"), ("004", "centric-rmm.md")):
        path = seed(number)
        text = lint([], Config(select=RULES), statements=[(path.name, path.read_bytes())])
        markdown = check(name)

        def placed(result):  # the title differs: the text seed has no heading markup
            start = result.statements[0].start_span
            return sorted((f.rule, f.span.text if f.span != start else "<title>") for f in result.findings)

        assert placed(text) == placed(markdown)


def test_model_statement_is_clean():
    result = check("model-privacyverklaring.md", select=["AVG"])
    assert [(f.rule, f.span.line, f.message.en) for f in result.findings] == []


def test_model_statement_is_clean_cross_checked_with_the_model_register():
    register = EXAMPLES / "model-register.avg"
    result = check("model-privacyverklaring.md", register, select=["AVG"])
    assert result.statements and result.registers[0].activities
    assert [(f.rule, f.span.path, f.span.line, f.message.en) for f in result.findings] == []


def test_model_statement_is_paired_with_the_model_register_among_all_examples():
    """With every example register in the run, the statement is cross-checked with its own organisation's."""
    from avglint.registers import pair

    registers = sorted(EXAMPLES.glob("*.avg"))
    result = check("model-privacyverklaring.md", *registers, select=["AVG9"])
    assert [f for f in result.findings if f.span.path.startswith("statements/")] == []
    paired = pair(result.statements, result.registers)
    [register] = [r for r in result.registers if r.organisation and r.organisation.name == "Voorbeeld Energie B.V."]
    assert paired[id(result.statements[0])] is register
    megawatt = check("megawatt.md", *registers, select=["AVG9"])
    assert pair(megawatt.statements, megawatt.registers)[id(megawatt.statements[0])] is None
