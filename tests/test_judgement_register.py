"""The register rows of tests/judgement/EXPECTED.md (issue 13): invented inputs, each an example
of a general weakness (G1-G22). Each row names an activity, a rule and whether it fires there."""

from __future__ import annotations

from pathlib import Path

import pytest

from avglint.engine import Config, lint

HERE = Path(__file__).parent / "judgement"

# (file, activity, rule, fires, the weakness it shows)
ROWS = [
    ("g_register.avg", "G1a Cursusinschrijving", "AVG701", False, "G1 'Totdat de deelnemer zich uitschrijft'"),
    ("g_register.avg", "G1b Loting", "AVG701", False, "G1 'direct na controle vernietigd', 'vervalt op de dag'"),
    ("g_register.avg", "G1c Subsidieaanvraag", "AVG701", False, "G1 'Tot ontvangst van de … beschikking'"),
    ("g_register.avg", "G1d Ledenpanel", "AVG701", False, "G1 'Zolang het panellid zijn toestemming niet …'"),
    ("g_register.avg", "G2 Bezoekersarchief", "AVG703", True, "G2 'Geen uiterste termijn vastgesteld'"),
    ("g_register.avg", "G2 Bezoekersarchief", "AVG701", False, "G2 unlimited, not vague"),
    ("g3_register.avg", "Erelijst", "AVG703", True, "G3 'niet verwijderd' in the own omschrijving"),
    ("g3_register.avg", "Contributie-incasso", "AVG704", False, "G3 own omschrijving overrides the default"),
    ("g_register.avg", "G4 Activiteitenmail", "AVG401", False, "G4 withdrawal written in bewaartermijn"),
    ("g_register.avg", "G5 Klachtbehandeling", "AVG204", True, "G5 two bases in their official wording"),
    ("g_register.avg", "G6a Presentielijst", "AVG201", False, "G6 'Grondslag c' is read"),
    ("g_register.avg", "G6a Presentielijst", "AVG205", True, "G6 basis c without a statute"),
    ("g_register.avg", "G6b Excursie", "AVG201", False, "G6 'Grondslag a en b' is read"),
    ("g_register.avg", "G6b Excursie", "AVG405", True, "G6 consent next to contract"),
    ("g6_short_citation.avg", "C", "AVG206", True, "G6 'art. 6 sub b AVG' is read"),
    ("g_register.avg", "G7 Inburgering", "AVG508", False, "G7 'de wet Inburgering 2021' is a statute"),
    ("g_register.avg", "G7 Inburgering", "AVG205", False, "G7 'de wet Inburgering 2021' is a statute"),
    ("g_register.avg", "G9 Herplaatsing", "AVG506", True, "G9 herplaatsingskandidaten are own staff"),
    ("g_register.avg", "G10 Nieuwsbrief erfgoed", "AVG206", True, "G10 a contract between two organisations"),
    ("g_register.avg", "G17 Noodcontacten", "AVG912", True, "G17 emergency contacts supplied by the members"),
    ("n_register.avg", "G19a Newsletter", "AVG701", False, "G19 'until consent is withdrawn'"),
    ("n_register.avg", "G19b Service reminders", "AVG701", False, "G19 'until the customer unsubscribes'"),
    ("n_register.avg", "G20a Websitestatistieken", "AVG113", False, "G20 'Google Analytics' is a product name"),
    ("n_register.avg", "G20b Aanbiedingen", "AVG113", False, "G20 '(marketing)' is a label"),
]


def _findings(name: str):
    path = HERE / name
    return lint([(path.name, path.read_bytes())], Config()).findings


def _activity(finding) -> str | None:
    return finding.activity.name if finding.activity is not None else None


@pytest.mark.parametrize("name, activity, rule_id, fires, why", ROWS, ids=[f"{r[1]}-{r[2]}" for r in ROWS])
def test_row(name, activity, rule_id, fires, why):
    assert f'"{activity}"' in (HERE / name).read_text(encoding="utf-8"), f"{name} has no activity {activity!r}"
    findings = _findings(name)
    found = [f for f in findings if f.rule == rule_id and _activity(f) == activity]
    assert bool(found) is fires, f"{why}: {[f.message.en for f in found]}"


def test_g21_connector_words_are_not_categories():
    """G21: 'waaronder' and 'bijv.' introduce examples of a named category; AVG112 does not report them."""
    found = [f for f in _findings("n_register.avg") if f.rule == "AVG112" and _activity(f) == "G21 Klantenkaart"]
    assert found == []


def test_g22_scale_is_asked_not_claimed():
    """G22: health data of two employees, no `schaal`: no claim that the activity is on the AP list; a note."""
    found = [f for f in _findings("n_register.avg") if f.rule == "AVG801" and _activity(f) == "G22 Ziekteverzuim"]
    assert [f.severity for f in found] == ["note"]
    assert "is on the AP's DPIA list" not in found[0].message.en
    assert "scale" in found[0].message.en
