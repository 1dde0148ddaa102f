"""Rule documentation, generated from the rules themselves.

Each rule's docstring is its page; this module adds what comes from metadata
(severity, articles, fix availability, options) and writes docs/rules/AVGnnn.md
(English) and docs/rules/nl/AVGnnn.md (Dutch), plus an index. The same text feeds
``avglint explain`` and SARIF help. CI fails when the committed pages differ from
what this generates (tests/test_docs.py); regenerate with ``python -m avglint.docs``.

The examples in a page are runnable: ``examples()`` finds the fenced blocks under
"## Example" and "## Use instead", and ``run_example()`` lints one — an ```` ```avg ````
block as a register, a ```` ```markdown ````, ```` ```html ```` or ```` ```text ```` block
as a privacy statement — so the tests can check that every example fires its rule
and every "Use instead" does not.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from . import atomic
from .registry import Rule, all_rules
from .rules.structure import SYNTAX_ERROR

REQUIRED = {"en": ("## What it checks", "## Why"), "nl": ("## Wat het controleert", "## Waarom")}
FIX_SECTION = {"en": "## Fix safety", "nl": "## Veiligheid van de correctie"}
FIX_TEXT = {
    "en": {"yes": "A safe fix is available (`--fix`).", "suggestion": "A suggested fix is available (unsafe: "
           "`--fix --unsafe-fixes`, or shown in SARIF viewers).", "no": "No automatic fix."},
    "nl": {"yes": "Er is een veilige correctie (`--fix`).", "suggestion": "Er is een voorgestelde correctie "
           "(onveilig: `--fix --unsafe-fixes`, of te zien in SARIF-viewers).", "no": "Geen automatische correctie."},
}
LABELS = {
    "en": {"severity": "Severity", "articles": "Articles", "fix": "Fix", "slug": "Name",
           "also_checks": "Also checks", "statements": "privacy statements"},
    "nl": {"severity": "Ernst", "articles": "Artikelen", "fix": "Correctie", "slug": "Naam",
           "also_checks": "Controleert ook", "statements": "privacyverklaringen"},
}
SEVERITY_NAMES = {"en": {"error": "error", "warning": "warning", "note": "note"},
                  "nl": {"error": "fout", "warning": "waarschuwing", "note": "opmerking"}}


# fence language -> file name the example is checked as
EXAMPLE_FILES = {"avg": "example.avg", "markdown": "example.md", "md": "example.md", "html": "example.html",
                 "text": "example.txt"}
_FENCE = re.compile(r"```(\w+)\n(.*?)```", re.S)


def examples(docs: str, heading: str) -> list[tuple[str, str]]:
    """(fence language, code) of the runnable examples in the section under ``heading``."""
    if heading not in docs:
        return []
    lines, inside = [], False
    for line in docs.split(heading, 1)[1].splitlines(keepends=True)[1:]:
        if line.startswith("```"):
            inside = not inside
        elif not inside and line.startswith("## "):
            break  # the next section (a "## " inside a fenced example is Markdown, not a section)
        lines.append(line)
    return [(language, code) for language, code in _FENCE.findall("".join(lines)) if language in EXAMPLE_FILES]


def run_example(rule: Rule, language: str, code: str):
    """Lint one documented example with only ``rule`` (and the parser's AVG001) selected."""
    from .engine import Config, lint

    path = EXAMPLE_FILES[language]
    config = Config(select=[rule.id, SYNTAX_ERROR.id])
    if path.endswith(".avg"):
        return lint([(path, code.encode("utf-8"))], config)
    return lint([], config, statements=[(path, code.encode("utf-8"))])


def problems(rule: Rule) -> list[str]:
    """What is missing from a rule's documentation (empty when it is complete)."""
    found = []
    for lang, sections in REQUIRED.items():
        text = rule.docs.get(lang)
        found += [f"{rule.id}: the {lang} docs lack '{section}'" for section in sections if section not in text]
        if rule.fix != "no" and FIX_SECTION[lang] not in text and rule.fix == "yes":
            found.append(f"{rule.id}: a rule with a safe fix documents '{FIX_SECTION[lang]}' ({lang})")
    return found


def page(rule: Rule, lang: str) -> str:
    """The Markdown page of one rule."""
    labels = LABELS[lang]
    facts = [f"- **{labels['slug']}:** `{rule.slug}`",
             f"- **{labels['severity']}:** {SEVERITY_NAMES[lang][rule.severity]}"]
    if rule.articles:
        facts.append(f"- **{labels['articles']}:** {', '.join(rule.articles)}")
    facts.append(f"- **{labels['fix']}:** {FIX_TEXT[lang][rule.fix]}")
    if rule.statement_checks:  # a register rule with a statement check besides
        facts.append(f"- **{labels['also_checks']}:** {labels['statements']}")
    return f"# {rule.id} {rule.slug}\n\n{rule.title.get(lang)}\n\n" + "\n".join(facts) + \
        f"\n\n{rule.docs.get(lang)}\n"


def index(rules: list[Rule], lang: str) -> str:
    title = "Rules" if lang == "en" else "Regels"
    lines = [f"# {title}", "", "| id | name | severity | articles |", "|---|---|---|---|"]
    for rule in rules:
        lines.append(f"| [{rule.id}]({rule.id}.md) | {rule.title.get(lang)} | {SEVERITY_NAMES[lang][rule.severity]} "
                     f"| {', '.join(rule.articles)} |")
    return "\n".join(lines) + "\n"


def generate() -> dict[str, str]:
    """Relative path (under docs/rules/) -> content, for every built-in rule."""
    rules = [rule for rule in all_rules().values() if rule.module.startswith("avglint.rules.")]
    files = {}
    for rule in rules:
        files[f"{rule.id}.md"] = page(rule, "en")
        files[f"nl/{rule.id}.md"] = page(rule, "nl")
    files["README.md"] = index(rules, "en")
    files["nl/README.md"] = index(rules, "nl")
    return files


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/rules")
    for relative, content in generate().items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write(path, content.encode("utf-8"))
    print(f"wrote {len(generate())} pages to {target}")


if __name__ == "__main__":
    main()
