"""What a rule needs (``@rule(needs=...)``): the engine visits only the activities where it can report,
found from the parser's index of fields, with inherited fields and the activity name included."""

from __future__ import annotations

from pathlib import Path

from avglint.engine import RuleContext, _activities
from avglint.language import language
from avglint.model import Register
from avglint.parser import parse
from avglint.registry import NAME, EachItem, Rule, all_rules, rule
from avglint.rules.structure import unknown_processor
from avglint.source import decode

REGISTER = b'''organisatie "Acme" {
  rol: verwerkingsverantwoordelijke
}
groep "HR" {
  grondslag: gerechtvaardigd belang
  verwerking "Camera" {
    gegevens: camerabeelden
  }
  verwerking "Salaris" {
    grondslag: wettelijke verplichting
  }
}
verwerking "Nieuwsbrief" {
  grondslag: toestemming
}
verwerking "Marketing op gerechtvaardigd belang" {
  gegevens: e-mailadres
}
'''


def _register(data: bytes = REGISTER) -> Register:
    result = parse(*decode("r.avg", data))
    return Register([result.source], result.blocks, result.fields)


def _names(declared: Rule, register: Register) -> list[str]:
    return [activity.name for activity in _activities(declared, register, RuleContext(register, None))]


def _declared(needs) -> Rule:
    @rule(id="AVG999", slug="test-needs", severity="note", title=("Test.", "Test."), needs=needs)
    def check(activity, ctx):
        """Test.\n<!-- nl -->\nTest."""
        return ()

    return check.avglint_rule


def test_the_index_lists_fields_in_force_by_key():
    register = _register()
    assert sorted(field.block.name for field in register.fields["grondslag"]) == ["HR", "Nieuwsbrief", "Salaris"]


def test_activities_where_a_reading_holds_own_or_inherited_in_order():
    legitimate = _declared({"grondslag": lambda text, vocab: "belang" in text})
    assert _names(legitimate, _register()) == ["Camera", "Salaris"]  # Salaris is visited, though its own wins
    named = _declared({NAME: lambda text, vocab: "belang" in text, "gegevens": None})
    assert _names(named, _register()) == ["Camera", "Marketing op gerechtvaardigd belang"]


def test_a_need_of_each_item_holds_where_one_item_of_the_field_holds():
    register = _register(b'''verwerking "Enquete" {
  ontvangers: onderzoeksbureau, Google
}
verwerking "Webinar" {
  ontvangers: "Google en Microsoft"
}
verwerking "Google Ads" {
  doel: adverteren
}
''')
    google = lambda text, vocab: text.startswith("Google")  # noqa: E731
    assert _names(_declared({"ontvangers": EachItem(google)}), register) == ["Enquete", "Webinar"]
    assert _names(_declared({"ontvangers": google}), register) == ["Webinar"]  # the text starts with the first item
    assert _names(_declared({NAME: EachItem(google)}), register) == ["Google Ads"]


def test_a_register_rule_asks_where_other_needs_hold():
    register = _register()
    context = RuleContext(register, None)
    assert [activity.name for activity in context.where({"gegevens": None})] == \
        ["Camera", "Marketing op gerechtvaardigd belang"]
    assert context.where({}) == register.activities


def test_a_field_on_the_organisation_reaches_every_activity():
    role = _declared({"rol": None})
    assert _names(role, _register()) == ["Camera", "Salaris", "Nieuwsbrief", "Marketing op gerechtvaardigd belang"]


def test_without_needs_or_without_an_index_every_activity_is_visited():
    register = _register()
    assert len(_names(_declared(None), register)) == 4
    unindexed = Register(register.sources, register.blocks)
    assert len(_names(_declared({"grondslag": lambda text, vocab: False}), unindexed)) == 4


def test_every_declared_need_names_an_activity_field():
    known = language().activity_fields | {NAME}
    for declared in all_rules().values():
        assert {key for key, _ in declared.needs} <= known, declared.id


def test_a_rule_that_reads_the_index_of_fields_finds_the_same_without_it():
    data = (Path(__file__).parent / "rules" / "AVG008" / "bad.avg").read_bytes()
    indexed = _register(data)
    unindexed = Register(indexed.sources, indexed.blocks)

    def found(register):
        return sorted((f.span.start, f.message.en) for f in unknown_processor(register, RuleContext(register, None)))

    assert found(indexed) and found(unindexed) == found(indexed)


def _registers() -> list[Path]:
    """Every register of the repository: examples, rule fixtures, the corpus, the judgement cases."""
    root = Path(__file__).resolve().parents[1]
    return sorted(path for folder in ("examples", "tests/rules", "tests/corpus", "tests/judgement")
                  for path in (root / folder).rglob("*.avg"))


def test_no_rule_loses_a_finding_to_what_it_needs(monkeypatch):
    """A need is a necessary condition: every rule finds on every register of the repository what it finds
    when it visits every activity."""
    from avglint import engine
    from avglint.config import Config

    def found(path: Path) -> list[tuple]:
        result = engine.lint([(str(path), path.read_bytes())], Config())
        return [(f.rule, f.span.start, f.span.end, f.message.en) for f in result.findings]

    paths = _registers()
    assert len(paths) > 200
    with_needs = [found(path) for path in paths]
    monkeypatch.setattr(engine, "_where", lambda needs, register, context: register.activities)
    for path, expected in zip(paths, with_needs):
        assert found(path) == expected, path
    assert sum(map(len, with_needs)) > 1_000
