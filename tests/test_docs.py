"""Rule documentation: complete for every rule, in both languages, and the committed pages are current."""

from __future__ import annotations

from pathlib import Path

import pytest

from avglint.docs import examples, generate, problems, run_example
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


@pytest.mark.parametrize("rule", [r for r in RULES if r.scope not in ("parser",)], ids=lambda r: r.id)
def test_documented_examples_behave(rule):
    """The 'Example' fires the rule; the 'Use instead' is clean of it (pylint's bad/good).

    ```avg blocks are linted as registers, ```markdown (```html, ```text) blocks as privacy statements.
    """
    for language, code in examples(rule.docs.en, "## Example"):
        found = run_example(rule, language, code).findings
        assert any(f.rule == rule.id for f in found), f"{rule.id} {language} example does not fire:\n{code}"
        assert not any(f.rule == "AVG001" for f in found)
    for language, code in examples(rule.docs.en, "## Use instead"):
        found = run_example(rule, language, code).findings
        assert not found, f"{rule.id} {language} 'Use instead' is not clean: {[f.message.en for f in found]}"


def test_statement_examples_are_run():
    """Statement rules document Markdown examples, and the runner checks them as statements."""
    statement_rules = [r for r in RULES if r.scope == "statement"]
    assert statement_rules
    for rule in statement_rules:
        assert any(language == "markdown" for language, _ in examples(rule.docs.en, "## Example")), rule.id
        assert any(language == "markdown" for language, _ in examples(rule.docs.en, "## Use instead")), rule.id
    [rule] = [r for r in RULES if r.id == "AVG910"]
    result = run_example(rule, "markdown", "# Privacyverklaring\n\nWij verwerken gegevens.\n")
    assert [f.rule for f in result.findings] == ["AVG910"] and result.statements


def test_examples_are_found_by_language():
    docs = "## Example\n```avg\na\n```\n\n```markdown\nb\n```\n```python\nc\n```\n## Why\n```avg\nd\n```\n"
    assert examples(docs, "## Example") == [("avg", "a\n"), ("markdown", "b\n")]


def test_dutch_sections_share_the_english_examples_even_with_markdown_headings_inside():
    from avglint.registry import share_examples

    english = ("## What it checks\nX.\n\n## Example\n```markdown\n# Titel\n\n## Kop in het voorbeeld\n\nTekst.\n```\n\n"
               "## Use instead\n```avg\nverwerking \"A\" {\n}\n```\n")
    dutch = "## Wat het controleert\nX.\n\n## Voorbeeld\n\n## Beter\n"
    assert share_examples(english, dutch) == (
        "## Wat het controleert\nX.\n\n## Voorbeeld\n```markdown\n# Titel\n\n## Kop in het voorbeeld\n\nTekst.\n```\n"
        "\n## Beter\n```avg\nverwerking \"A\" {\n}\n```\n")
    written = dutch.replace("## Voorbeeld\n", "## Voorbeeld\n```text\neigen\n```\n")
    own = share_examples(english, written)  # a Dutch section with code of its own keeps it
    assert "eigen" in own and "# Titel" not in own
