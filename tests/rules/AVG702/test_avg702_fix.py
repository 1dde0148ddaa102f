"""AVG702's suggested fix: the fiscal period for invoicing and accounting, never applied as safe."""

from pathlib import Path

from avglint.engine import Config, lint

BAD = Path(__file__).with_name("bad.avg")


def test_invoicing_gets_the_fiscal_period_as_an_unsafe_suggestion():
    findings = lint([(BAD.name, BAD.read_bytes())], Config(select=["AVG702"])).findings
    fixed = {f.activity.name: f.fix for f in findings if f.fix is not None}
    assert set(fixed) == {"Facturatie", "Salarisadministratie"}
    invoice = fixed["Facturatie"]
    assert not invoice.safe
    [edit] = invoice.edits
    assert edit.span.text == "wettelijke bewaartermijn" and edit.text == "7 jaar (art. 52 lid 4 AWR)"


def test_no_suggestion_without_a_fiscal_topic_or_for_an_inherited_value():
    findings = lint([(BAD.name, BAD.read_bytes())], Config(select=["AVG702"])).findings
    assert all(f.fix is None for f in findings if f.activity is None or f.activity.name in ("Klantonderzoek", "Orders"))
