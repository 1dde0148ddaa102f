"""Rule declaration and discovery.

A rule is a small pure function with its metadata beside it::

    @rule(id="AVG301", slug="gerechtvaardigd-belang-zonder-afweging", severity="warning",
          articles=("6(1)(f)", "13(1)(d)"), title=("Legitimate interest without …", "Gerechtvaardigd belang zonder …"))
    def legitimate_interest_without_balancing(activity, ctx):
        \"\"\"## What it checks … <!-- nl --> ## Wat het controleert …\"\"\"
        ...
        yield report(span, en="…", nl="…")

A rule that reports on activities may declare what it ``needs``: field keys (``naam``: the
activity's name), each with a reading of the text (or None for any value), such that the rule
reports nothing on an activity where none of them is in force with its reading holding::

    @rule(..., needs={"grondslag": names_legitimate_interest})

The engine then visits only those activities (``ctx.activities``; a register rule loops
over them instead of ``register.activities`` where it reports), found from the parser's
index of fields; a rule that declares nothing is given every activity. A rule that reads a
field item by item may declare a reading of each item instead, which holds where it holds for
one of the field's items: ``needs={"ontvangers": EachItem(names_a_party)}``. A reading that holds
only on a text where one of some term lists has a match says so in its attribute ``termsets``
(their names); the engine then reads it only on the texts where one of them may match, which
the vocabularies tell for many texts at once (``Vocabularies.may_match``).

The docstring is the rule's documentation (English, then Dutch after the line
``<!-- nl -->``); every surface (``avglint explain``, SARIF help, docs/rules/)
is generated from it. A register rule that privacy statements can break too
declares its statement side beside it: ``@statement_check(rule_function)`` on a
function ``check(statement, ctx)``. Built-in families are listed in ``avglint.rules.FAMILIES``;
other packages add rules through the entry-point group ``avglint.rules`` (an
entry point names a module whose ``@rule`` functions are collected, exactly like
a built-in family). A configuration's own rules, written as data
(``avglint.custom_rules``), are ``Rule`` objects too; they belong to that
configuration, not to this registry, and ``resolve`` takes them as ``custom``.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, NamedTuple, TypeVar

from .findings import SEVERITIES, Finding, Fix, Message, Related

if TYPE_CHECKING:  # annotations only: the engine imports this module to run the rules
    from .engine import RuleContext

# A rule is ``check(subject, ctx)``: the subject is what its scope names (a Register, an Activity, a
# Processor, a Statement, every Statement of the run, or for the parser's rules a SourceFile).
Check = Callable[[Any, "RuleContext"], Iterable[Finding]]
# What a rule needs of a field's text for it to report on an activity: reading(text, vocab) -> bool.
Reading = Callable[[str, Any], bool]
NAME = "naam"  # the key under which ``needs`` names the activity's name


class EachItem(NamedTuple):
    """A need read on each item of the field, not on its text (see the module docstring)."""

    reading: Reading


C = TypeVar("C", bound=Check)
RULE_ID = re.compile(r"^AVG\d{3}$")
SCOPES = ("parser", "engine", "register", "activity", "processor", "statement", "statements")
FIXES = ("no", "yes", "suggestion")
PRECISIONS = ("very-high", "high", "medium", "low")
NL_MARKER = "<!-- nl -->"


@dataclass(frozen=True)
class Rule:
    id: str
    slug: str
    severity: str
    articles: tuple[str, ...]
    fix: str                       # "yes" (safe fix), "suggestion" (unsafe fix), "no"
    scope: str                     # what the check function receives
    title: Message                 # one sentence
    docs: Message | Docs           # the documentation page (Markdown)
    check: Check | None            # None: the parser or the engine reports it
    family: str
    precision: str = "high"
    aliases: tuple[str, ...] = ()
    module: str = ""               # the module that declares it (set from the check function when there is one)
    needs: tuple[tuple[str, Reading | EachItem | None], ...] = ()  # (field key, reading or None): module docstring
    # checks ``check(statement, ctx)`` of a rule whose own scope is not a statement: the statement side of
    # the rule, reported under its id and severity (declared with ``statement_check``)
    statement_checks: list[Check] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self):
        if self.check is not None and not self.module:
            object.__setattr__(self, "module", self.check.__module__)

    @property
    def reads_statements(self) -> bool:
        """Whether the rule judges privacy statements: by its scope, or with a statement check besides."""
        return self.scope in ("statement", "statements") or bool(self.statement_checks)

    @property
    def tags(self) -> tuple[str, ...]:
        family = self.id[:4] + "xx"
        reads = ("privacy-statement",) if self.reads_statements else ()
        return ("gdpr", family, *reads, *(f"art-{article}" for article in self.articles if article[0].isdigit()))[:10]


class RuleError(Exception):
    """A rule declared wrongly (raised at import: a programming error in a rule module)."""


def rule(*, id: str, slug: str, severity: str, title: tuple[str, str], articles: tuple[str, ...] = (),
         fix: str = "no", scope: str = "activity", precision: str = "high",
         aliases: tuple[str, ...] = (), needs: Mapping[str, Reading | EachItem | None] | None = None) -> Callable[[C], C]:
    """Declare a rule; see the module docstring."""
    if not RULE_ID.match(id):
        raise RuleError(f"rule id {id!r} is not of the form AVGnnn")
    if severity not in SEVERITIES or fix not in FIXES or scope not in SCOPES or precision not in PRECISIONS:
        raise RuleError(f"{id}: bad severity, fix, scope or precision")
    if needs and scope not in ("activity", "register"):
        raise RuleError(f"{id}: only a rule of scope activity or register can declare what it needs")

    def declare(function: C) -> C:
        function.avglint_rule = Rule(  # type: ignore[attr-defined]  # the mark rules_of looks for
            id=id, slug=slug, severity=severity, articles=tuple(articles), fix=fix, scope=scope,
            title=Message(*title), docs=Docs(id, function.__doc__), check=function,
            family=function.__module__.rpartition(".")[2], precision=precision, aliases=tuple(aliases),
            needs=tuple((needs or {}).items()))
        return function

    return declare


def statement_check(rule_function: Check) -> Callable[[C], C]:
    """Declare ``check(statement, ctx)`` as the statement side of the rule declared on ``rule_function``
    (a register rule that a privacy statement can break too: AVG203 on an article cited in prose, ...).
    It lives beside that rule in its family's module; the engine runs it on every statement when the rule
    runs, under the rule's id and severity, and the rule's metadata says it reads statements. Checks of
    one rule run in the order they are declared (two that report one line: the first is kept)."""
    declared: Rule = rule_function.avglint_rule  # type: ignore[attr-defined]
    if declared.scope in ("statement", "statements", "parser", "engine"):
        raise RuleError(f"{declared.id}: a statement check belongs to a rule of the register")

    def add(check: C) -> C:
        declared.statement_checks.append(check)
        return check

    return add


def reported(*, id: str, slug: str, severity: str, title: tuple[str, str], scope: str, docs: str, module: str,
             articles: tuple[str, ...] = (), fix: str = "no") -> Rule:
    """Declare a rule whose findings the parser (scope "parser") or the engine (scope "engine") makes,
    not a check function: its declaration is a module-level constant of its family's ``module``, which
    the code that reports it imports, so the id is written once. ``docs`` is what would be the docstring."""
    if not RULE_ID.match(id):
        raise RuleError(f"rule id {id!r} is not of the form AVGnnn")
    if severity not in SEVERITIES or fix not in FIXES or scope not in ("parser", "engine"):
        raise RuleError(f"{id}: bad severity or fix, or a scope other than parser or engine")
    return Rule(id=id, slug=slug, severity=severity, articles=tuple(articles), fix=fix, scope=scope,
                title=Message(*title), docs=Docs(id, docs), check=None, family=module.rpartition(".")[2],
                module=module)


class Docs:
    """A rule's documentation from its docstring, a ``Message`` (``en``, ``nl``, ``get``) made when first read:
    most runs show no documentation, and working out all of it took a tenth of a small check's start-up."""

    __slots__ = ("docstring", "_message")

    def __init__(self, id: str, docstring: str | None):
        english, _, dutch = (docstring or "").partition(NL_MARKER)
        if not english.strip() or not dutch.strip():
            raise RuleError(f"{id}: the docstring needs English docs, then '{NL_MARKER}' and Dutch docs")
        self.docstring = docstring
        self._message: Message | None = None

    @property
    def message(self) -> Message:
        if self._message is None:
            english, _, dutch = inspect.cleandoc(self.docstring).partition(NL_MARKER)
            self._message = Message(english.strip(), share_examples(english.strip(), dutch.strip()).strip())
        return self._message

    @property
    def en(self) -> str:
        return self.message.en

    @property
    def nl(self) -> str:
        return self.message.nl

    def get(self, lang: str) -> str:
        return self.message.get(lang)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Docs) and other.docstring == self.docstring

    def __hash__(self) -> int:
        return hash(self.docstring)


_SHARED_SECTIONS = (("## Example", "## Voorbeeld"), ("## Use instead", "## Beter"))
_FENCE = re.compile(r"```.*?```", re.S)


def _section(text: str, heading: str) -> tuple[int, int] | None:
    """The span of a section: its heading line up to the next heading or the end. Lines inside
    code fences are not headings (a Markdown example has headings of its own)."""
    start = None
    fenced = False
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            if start is not None:
                return start, offset - 1  # up to the line break before the next heading
            if line.rstrip("\n") == heading:
                start = offset
        offset += len(line)
    return None if start is None else (start, len(text))


def share_examples(english: str, dutch: str) -> str:
    """The Dutch docs show the English examples: code is written once, in the English part.

    A Dutch 'Voorbeeld' or 'Beter' section without a code block gets the code blocks of
    the English 'Example' or 'Use instead' section at its end."""
    for en_heading, nl_heading in _SHARED_SECTIONS:
        en, nl = _section(english, en_heading), _section(dutch, nl_heading)
        if en is None or nl is None:
            continue
        blocks = _FENCE.findall(english[en[0]:en[1]])
        body = dutch[nl[0]:nl[1]]
        if not blocks or "```" in body:
            continue
        shared = body.rstrip("\n") + "\n" + "\n\n".join(blocks) + ("\n" if body.endswith("\n") else "")
        dutch = dutch[:nl[0]] + shared + dutch[nl[1]:]
    return dutch


def report(span, en: str, nl: str, *, activity=None, severity: str | None = None, fix: Fix | None = None,
           related: Iterable[Related] = (), field: str | None = None) -> Finding:
    """What a rule yields: a finding without rule id (the engine stamps it)."""
    return Finding(span, Message(en, nl), severity=severity, activity=activity, fix=fix,
                   related=tuple(related), field=field)


def rules_of(module) -> Iterator[Rule]:
    for value in vars(module).values():
        declared = value if isinstance(value, Rule) else getattr(value, "avglint_rule", None)
        if isinstance(declared, Rule) and declared.module == module.__name__:
            yield declared


_registry: dict[str, Rule] | None = None


def all_rules() -> dict[str, Rule]:
    """Every rule, built-in and from plugins, by id (sorted). Duplicate ids or slugs are refused."""
    global _registry  # noqa: PLW0603 - built once on first use; tests reset it to load a plugin
    if _registry is None:
        from avglint.rules import FAMILIES

        modules = [import_module(f"avglint.rules.{family}") for family in FAMILIES]
        modules.extend(_plugin_modules())
        found: dict[str, Rule] = {}
        slugs: dict[str, str] = {}
        for module in modules:
            for declared in rules_of(module):
                if declared.id in found:
                    raise RuleError(f"rule {declared.id} is declared twice ({found[declared.id].family}, "
                                    f"{declared.family})")
                if declared.slug in slugs:
                    raise RuleError(f"slug {declared.slug!r} is used by {slugs[declared.slug]} and {declared.id}")
                found[declared.id] = declared
                slugs[declared.slug] = declared.id
        _registry = dict(sorted(found.items()))
    return _registry


def _plugin_modules() -> list:
    """The modules of the installed plugins (entry points of the group ``avglint.rules``).

    Finding them reads the metadata of every installed distribution (importlib.metadata: about a
    tenth of a small check's start-up), so what is found is kept in avglint's cache (avglint/cache.py)
    under the directories of the import path and the time each last changed: installing or removing
    a distribution adds or removes a directory in one of them, and the plugins are looked for again."""
    import os
    import sys

    from . import cache

    where = [f"{entry}\0{os.stat(entry or '.').st_mtime_ns}" for entry in sys.path if os.path.isdir(entry or ".")]
    content_key = cache.key("avglint.rules entry points", *where)
    targets = cache.load("plugins", content_key, list)
    if targets is None:
        from importlib.metadata import entry_points

        targets = [entry_point.value for entry_point in entry_points(group="avglint.rules")]
        cache.store("plugins", content_key, targets)
    return [_load_entry_point(target) for target in targets]


def _load_entry_point(target: str) -> Any:
    """What an entry point's ``module:attribute.attribute`` names (``EntryPoint.load``'s reading)."""
    module_name, _, attributes = target.partition(":")
    found = import_module(module_name.strip())
    for name in filter(None, attributes.strip().split(".")):
        found = getattr(found, name)
    return found


def resolve(name: str, custom: Iterable[Rule] = ()) -> list[Rule]:
    """Rules named by id, id prefix ("AVG4", "AVG30", "ORG"), slug or alias; ``custom``: a configuration's
    own rules (avglint.custom_rules), besides the built-in and plugin rules."""
    rules = all_rules()
    upper = name.strip().upper()
    lowered = name.strip().lower()
    for declared in custom:
        if upper == declared.id or lowered == declared.slug:
            return [declared]
    if upper in rules:
        return [rules[upper]]
    for declared in rules.values():
        if lowered == declared.slug or lowered in declared.aliases:
            return [declared]
    if re.fullmatch(r"AVG\d{0,2}", upper):
        return [declared for rule_id, declared in rules.items() if rule_id.startswith(upper)]
    if re.fullmatch(r"[A-Z]{2,8}\d{0,2}", upper):
        return [declared for declared in custom if declared.id.startswith(upper)]
    return []
