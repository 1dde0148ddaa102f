"""An organisation's own rules, written as data under ``custom-rules:`` in the configuration.

A custom rule is a mapping (docs/custom-rules.md): an id, a slug, a severity, a message
and a condition (``when``) over the fields of an activity and over what avglint reads
in it (lawful bases, special-category and criminal data, transfers, role, group). It
is read once, with the configuration, into an ordinary ``Rule`` whose check evaluates
the condition on the model the built-in rules see, with their readings (the
vocabularies' readers, shared as ``avglint.readings``): nothing is read twice and
nothing of the configuration is ever executed. ``extra-fields:`` declares field keys of
the organisation's own, which the register may then use (``adopt_extra_fields``).

Every mistake is a ``CustomRuleError`` with the path of the value within the list
(``(0, "when", "all", 1)``), which avglint.config turns into the file's line.
"""

from __future__ import annotations

import difflib
import re
from re import _constants as sre  # the pattern's structure, to refuse exponential ones
from re import _parser as sre_parse
from string import Formatter
from typing import Any, Callable

from .findings import SEVERITIES, Finding, Message
from .language import ACTIVITY, ORGANISATION, language, normalize_key
from .model import Activity, Block, Field, UnknownBlock, name_key
from .registry import Rule, all_rules

ID = re.compile(r"[A-Z]{2,8}[0-9]{3}")
SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
RULE_KEYS = ("id", "slug", "severity", "scope", "title", "articles", "message", "help", "when")
SCOPES = ("activity", "organisation")
PLACEHOLDERS = ("activity", "field", "value")
BASIS_LETTERS = "abcdef"
ROLES = ("controller", "processor")
_ARTICLE_PREFIX = re.compile(r"^(?:art(?:ikel|icle)?\.?)\s*", re.IGNORECASE)


class CustomRuleError(Exception):
    """A mistake in ``custom-rules`` or ``extra-fields``: ``path`` leads from the list to the value."""

    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path, self.message = path, message


# -- extra fields ----------------------------------------------------------------------------

def read_extra_fields(value: Any) -> dict[str, str]:
    """``extra-fields: [eigenaar, fg-akkoord]`` -> {normalised key: key as declared}. A key the language
    already knows for activities needs no declaring and is left out (one of another block kind, such
    as a processor's 'overeenkomst', becomes known in the other blocks)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise CustomRuleError((), "'extra-fields' must be a list of field keys, e.g. [fg-akkoord, herzien]")
    known = language().fields[ACTIVITY]
    declared: dict[str, str] = {}
    for position, key in enumerate(value):
        if not isinstance(key, str) or not re.fullmatch(r"[^\W\d][\w -]*", key.strip()):
            raise CustomRuleError((position,), f"'extra-fields': {key!r} is not a field key (letters, digits, "
                                               "spaces, '-' and '_', starting with a letter)")
        if normalize_key(key) not in known:
            declared[normalize_key(key)] = key.strip()
    return declared


def adopt_extra_fields(parsed, extra_fields: dict[str, str]) -> None:
    """Make the declared keys known in the parsed files: a field the parser left unknown whose key is
    declared becomes a field of its block (inherited like any other), so AVG004 does not report it."""
    for result in parsed:
        for top in result.blocks:
            for block in top.walk():
                if not block.unknown or isinstance(block, UnknownBlock):
                    continue
                unknown = []
                for field in block.unknown:
                    key = normalize_key(field.written)
                    if key not in extra_fields:
                        unknown.append(field)
                    elif key in block.fields:
                        field.key = key
                        block.duplicates = [*block.duplicates, field]
                    else:
                        field.key = key
                        block.fields[key] = field
                        result.fields.setdefault(key, []).append(field)  # the parser's index of fields
                block.unknown = unknown


# -- reading the rules -----------------------------------------------------------------------

def read_rules(value: Any, extra_fields: dict[str, str], *, shown: str = "the configuration") -> list[Rule]:
    """The rules of ``custom-rules``, validated; ``shown``: the configuration file, named in their docs."""
    if not isinstance(value, list):
        raise CustomRuleError((), "'custom-rules' must be a list of rules, each a mapping with id, slug, "
                                  "severity, message and when (docs/custom-rules.md)")
    builtin = all_rules()
    taken = {alias: declared.id for declared in builtin.values() for alias in (declared.slug, *declared.aliases)}
    rules: list[Rule] = []
    for position, spec in enumerate(value):
        declared = _read_rule(spec, (position,), extra_fields, shown)
        if any(other.id == declared.id for other in rules):
            raise CustomRuleError((position, "id"), f"custom rule {declared.id}: the id is used by an earlier "
                                                    "custom rule; give each rule its own id")
        if declared.slug in taken:
            raise CustomRuleError((position, "slug"), f"custom rule {declared.id}: the slug '{declared.slug}' is "
                                                      f"already the name of {taken[declared.slug]}")
        taken[declared.slug] = declared.id
        rules.append(declared)
    return rules


def _read_rule(spec: Any, path: tuple, extra_fields: dict[str, str], shown: str) -> Rule:
    if not isinstance(spec, dict):
        raise CustomRuleError(path, "a custom rule must be a mapping with id, slug, severity, message and when")
    rule_id = spec.get("id")
    if not isinstance(rule_id, str) or not ID.fullmatch(rule_id):
        raise CustomRuleError((*path, "id"), f"custom rule id {rule_id!r} must be 2 to 8 capital letters and 3 digits, "
                                             "e.g. ORG001" if "id" in spec else "a custom rule needs an 'id', e.g. "
                                             "ORG001")
    if rule_id.startswith("AVG"):
        raise CustomRuleError((*path, "id"), f"custom rule {rule_id}: the prefix AVG is reserved for avglint's own "
                                             "rules; use your organisation's, e.g. ORG001")
    name = f"custom rule {rule_id}"
    for key in spec:
        if key in CONDITIONS:  # 'when:' followed by a condition at its own indentation instead of deeper
            raise CustomRuleError((*path, key), f"{name}: '{key}' is a condition: indent it under 'when:' "
                                                "(two more spaces than 'when')")
        if key not in RULE_KEYS:
            raise CustomRuleError((*path, key), f"{name}: unknown key '{key}'{_hint(str(key), RULE_KEYS)}")
    for key in ("slug", "severity", "message", "when"):
        if key not in spec:
            raise CustomRuleError(path, f"{name}: '{key}' is missing")
    slug = spec["slug"]
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise CustomRuleError((*path, "slug"), f"{name}: the slug {slug!r} must be lower-case words joined by '-', "
                                               "e.g. camera-dpia")
    severity = spec["severity"]
    if severity not in SEVERITIES:
        raise CustomRuleError((*path, "severity"), f"{name}: severity must be 'error', 'warning' or 'note', "
                                                   f"not {severity!r}")
    scope = spec.get("scope", "activity")
    if scope not in SCOPES:
        raise CustomRuleError((*path, "scope"), f"{name}: scope must be 'activity' or 'organisation', not {scope!r}")
    articles = spec.get("articles", [])
    articles = [articles] if isinstance(articles, str) else articles
    if not isinstance(articles, list) or not all(isinstance(a, str) and a.strip() for a in articles):
        raise CustomRuleError((*path, "articles"), f"{name}: 'articles' must be a list of texts, e.g. "
                                                   "[\"Art. 35(1)\"]")
    templates = _texts(spec["message"], (*path, "message"), name, "message", required=True)
    message = tuple(_template(text, (*path, "message"), name) for text in templates)
    helps = _texts(spec.get("help"), (*path, "help"), name, "help")
    title = _texts(spec.get("title"), (*path, "title"), name, "title") if "title" in spec else \
        tuple(_first_line(help_text) for help_text in helps) if helps else \
        tuple(template.fill(dict.fromkeys(PLACEHOLDERS, "…")) for template in message)
    condition = _Compiler(scope, extra_fields, name).condition(spec["when"], (*path, "when"))
    docs = Message(*(_docs(title_text, help_text, spec["when"], shown) for title_text, help_text in
                     zip(title, helps or ("", ""))))
    check = _Check(condition, message) if scope == "activity" else _OrganisationCheck(condition, message)
    return Rule(id=rule_id, slug=slug, severity=severity,
                articles=tuple(_ARTICLE_PREFIX.sub("", article.strip()) for article in articles),
                fix="no", scope="activity" if scope == "activity" else "register", title=Message(*title),
                docs=docs, check=check, family="custom", module=__name__)


def _first_line(markdown: str) -> str:
    """The first line of a help text, as a title: without a heading's '#'."""
    return markdown.strip().splitlines()[0].lstrip("#").strip()


def _hint(word: str, known) -> str:
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(known)}"


def _texts(value: Any, path: tuple, name: str, key: str, *, required: bool = False) -> tuple[str, str] | None:
    """A text in English and Dutch: one text for both, or {en: …, nl: …}, one falling back to the other."""
    if value is None and not required:
        return None
    if isinstance(value, str):
        value = {"en": value, "nl": value}
    if not isinstance(value, dict):
        raise CustomRuleError(path, f"{name}: '{key}' must be a text, or 'en' and/or 'nl' texts")
    for lang in value:
        if lang not in ("en", "nl"):
            raise CustomRuleError((*path, lang), f"{name}: '{key}' has texts in 'en' and 'nl', not {lang!r}")
    if not all(text is None or isinstance(text, str) for text in value.values()):
        raise CustomRuleError(path, f"{name}: '{key}' must be a text, or 'en' and/or 'nl' texts")
    texts = {lang: text.strip() for lang, text in value.items() if text and text.strip()}
    if not texts:
        raise CustomRuleError(path, f"{name}: '{key}' has no text; write it under 'en' and/or 'nl'")
    return texts.get("en", texts.get("nl")), texts.get("nl", texts.get("en"))


class _Template:
    """A message with ``{activity}``, ``{field}`` and ``{value}`` filled in by plain substitution."""

    __slots__ = ("pieces",)

    def __init__(self, pieces: list[tuple[str, str | None]]):
        self.pieces = pieces

    def fill(self, values: dict[str, str]) -> str:
        return "".join(literal + (values[name] if name else "") for literal, name in self.pieces)


def _template(text: str, path: tuple, name: str) -> _Template:
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as error:
        raise CustomRuleError(path, f"{name}: the message {text!r} has a stray brace ({error}); write '{{{{' "
                                    "for a '{'") from None
    pieces = []
    for literal, field_name, spec, conversion in parsed:
        if field_name is not None and (field_name not in PLACEHOLDERS or spec or conversion):
            raise CustomRuleError(path, f"{name}: the message may use {{activity}}, {{field}} and {{value}}, "
                                        f"not {{{field_name}{'!' + conversion if conversion else ''}"
                                        f"{':' + spec if spec else ''}}}")
        pieces.append((literal, field_name))
    return _Template(pieces)


def _docs(title: str, help_text: str, when: Any, shown: str) -> str:
    """The rule's page for ``avglint explain`` and SARIF help: its help (or title) and its condition."""
    import yaml

    condition = yaml.safe_dump(when, allow_unicode=True, sort_keys=False, default_flow_style=False).rstrip()
    return (f"{help_text or title}\n\n## Condition\nA custom rule of {shown}; it reports where this condition "
            f"holds:\n\n```yaml\n{condition}\n```")


# -- conditions --------------------------------------------------------------------------------
# A compiled condition is ``condition(subject, ctx)`` -> False when it does not hold, else the
# field it matched (the first, for all/any) or True when it holds without one (missing, not, ...).

Condition = Callable[[Block, Any], "Field | bool"]
READINGS = ("basis", "special-data", "criminal-data", "transfer", "role", "in-group")
CONDITIONS = ("all", "any", "not", "missing", "present", "field", *READINGS)
WORDS = (*CONDITIONS, "matches", "equals")   # what a condition's mapping may hold


class _Compiler:
    def __init__(self, scope: str, extra_fields: dict[str, str], name: str):
        self.scope, self.extra_fields, self.name = scope, extra_fields, name

    def fail(self, path: tuple, message: str):
        raise CustomRuleError(path, f"{self.name}: {message}")

    def condition(self, spec: Any, path: tuple) -> Condition:
        if not isinstance(spec, dict) or not spec:
            self.fail(path, f"a condition is a mapping such as {{missing: dpia}}; one of {', '.join(CONDITIONS)}")
        keys = [key for key in spec if key not in ("matches", "equals")]
        if "field" in spec:
            return self.field(spec, path)
        if len(keys) != 1 or len(spec) != 1:
            written = ", ".join(map(str, spec))
            unknown = [key for key in spec if key not in CONDITIONS]
            if unknown:
                self.fail((*path, unknown[0]), f"unknown condition '{unknown[0]}'{_hint(str(unknown[0]), WORDS)}")
            self.fail(path, f"one condition per mapping, not {written}; combine them with 'all' or 'any'")
        kind, value = keys[0], spec[keys[0]]
        at = (*path, kind)
        if kind not in CONDITIONS:
            self.fail(at, f"unknown condition '{kind}'{_hint(str(kind), WORDS)}")
        if kind in ("all", "any"):
            if not isinstance(value, list) or not value:
                self.fail(at, f"'{kind}' takes a list of conditions, each on a line of its own starting with '- ' "
                              "(- missing: dpia)")
            return _every([self.condition(part, (*at, i)) for i, part in enumerate(value)]) if kind == "all" else \
                _some([self.condition(part, (*at, i)) for i, part in enumerate(value)])
        if kind == "not":
            return _negation(self.condition(value, at))
        if kind in ("missing", "present"):
            if isinstance(value, list):
                self.fail(at, f"'{kind}' takes one field key; for several, write all: [{{{kind}: dpia}}, "
                              f"{{{kind}: eigenaar}}]")
            key = self.key(value, at)
            return _missing(key, self.scope) if kind == "missing" else _present(key, self.scope)
        return self.reading(kind, value, at)

    def key(self, written: Any, path: tuple) -> str:
        """The canonical key of a field key in any spelling, or a declared extra field."""
        if not isinstance(written, str) or not written.strip():
            self.fail(path, f"{written!r} is not a field key")
        lang = language()
        kind = ACTIVITY if self.scope == "activity" else ORGANISATION
        key = lang.field_key(kind, written) or (normalize_key(written) if normalize_key(written) in
                                                self.extra_fields else None)
        if key is None:
            suggestion = lang.suggest_field(kind, written)
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            self.fail(path, f"unknown field key '{written}'{hint} (a key of your own must be declared under "
                            "'extra-fields')")
        return key

    def field(self, spec: dict, path: tuple) -> Condition:
        tests = [key for key in spec if key != "field"]
        if tests not in (["matches"], ["equals"]):
            other = next((key for key in tests if key not in ("matches", "equals")), None)
            if other is not None:
                self.fail((*path, other), f"unknown key '{other}' in a field condition; write "
                                          "{field: KEY, matches: REGEX} or {field: KEY, equals: TEXT}")
            self.fail(path, "a field condition takes one of 'matches' or 'equals'")
        key = self.key(spec["field"], (*path, "field"))
        test = tests[0]
        value = spec[test]
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail((*path, test), f"'{test}' takes a text")
        if test == "equals":
            return _equals(key, self.scope, " ".join(str(value).casefold().split()))
        return _matches(key, self.scope, self.pattern(str(value), (*path, test)))

    def pattern(self, text: str, path: tuple) -> re.Pattern:
        try:
            pattern = re.compile(text, re.IGNORECASE)
        except re.error as error:
            hint = ""
            if any(character in text for character in "()[]"):
                hint = ("; to match a bracket itself, put a backslash before it, in single quotes in YAML: "
                        "'BSN \\(burgerservicenummer\\)'")
            self.fail(path, f"the regular expression {text!r} does not compile: {error}{hint}")
        problem = _exponential(sre_parse.parse(text, re.IGNORECASE))
        if problem:
            self.fail(path, f"the regular expression {text!r} could take exponential time on a long value: "
                            f"{problem}")
        return pattern

    def reading(self, kind: str, value: Any, path: tuple) -> Condition:
        if self.scope == "organisation" and kind != "role":
            self.fail(path, f"'{kind}' reads an activity; this rule has scope organisation")
        if kind == "basis":
            letters = [value] if isinstance(value, str) else value
            if not isinstance(letters, list) or not letters or \
                    not all(isinstance(letter, str) and letter.strip().lower() in BASIS_LETTERS for letter in letters):
                self.fail(path, "'basis' takes letters of Art. 6(1), a to f, e.g. [a, f]")
            return _basis({letter.strip().lower() for letter in letters})
        if kind == "role":
            if value not in ROLES:
                self.fail(path, f"'role' is 'controller' or 'processor', not {value!r}")
            return _role(value, self.scope)
        if kind == "in-group":
            if not isinstance(value, str) or not value.strip():
                self.fail(path, "'in-group' takes the name of a group")
            return _in_group(name_key(value))
        if not isinstance(value, bool):
            self.fail(path, f"'{kind}' takes true or false, not {value!r}")
        holds = _readings()[kind]
        return holds if value else _negation(holds)


_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _exponential(parsed) -> str | None:
    """Why a parsed pattern could backtrack exponentially, or None: a repeated part that itself holds a
    repetition, an optional part or an alternation ('(a+)+', '(a?){20}', '(a|ab)*'), or a backreference.
    What remains backtracks at most polynomially in the length of a value."""
    for op, argument in parsed:
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            return "backreferences are not allowed"
        if op in _REPEATS:
            low, high, body = argument
            if high > 1 and _varies(body):
                return ("a repeated group holds a repetition, an optional part or an alternation; write a "
                        "character class ([ab]+) or drop the inner repetition")
            inner = _exponential(body)
        elif op == sre.SUBPATTERN:
            inner = _exponential(argument[3])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            inner = _exponential(argument[1])
        elif op == sre.ATOMIC_GROUP:
            inner = _exponential(argument)
        elif op == sre.BRANCH:
            inner = next((found for found in map(_exponential, argument[1]) if found), None)
        else:
            inner = None
        if inner:
            return inner
    return None


def _varies(parsed) -> bool:
    """The part can match in more than one way of its own: a repetition of varying count (``*``, ``+``,
    ``?``, ``{1,3}``) or an alternation, anywhere inside it."""
    for op, argument in parsed:
        if op in _REPEATS and argument[0] != argument[1] or op == sre.BRANCH:
            return True
        if op == sre.SUBPATTERN and _varies(argument[3]) or op == sre.ATOMIC_GROUP and _varies(argument) or \
                op in _REPEATS and _varies(argument[2]):
            return True
    return False


# The conditions themselves: closures over what was read from the configuration.

def _getter(key: str, scope: str) -> Callable[[Block], Field | None]:
    """The field in force: for an activity its own or inherited, for the organisation its own."""
    if scope == "activity":
        return lambda activity: activity.get(key)
    return lambda organisation: organisation.own(key)


def _missing(key: str, scope: str) -> Condition:
    get = _getter(key, scope)

    def missing(subject, ctx):
        field = get(subject)
        return field is None or not field.items
    return missing


def _present(key: str, scope: str) -> Condition:
    get = _getter(key, scope)

    def present(subject, ctx):
        field = get(subject)
        return field if field is not None and field.items else False
    return present


def _matches(key: str, scope: str, pattern: re.Pattern) -> Condition:
    get, search = _getter(key, scope), pattern.search

    def matches(subject, ctx):
        field = get(subject)
        return field if field is not None and field.items and search(field.text) else False
    return matches


def _equals(key: str, scope: str, folded: str) -> Condition:
    get = _getter(key, scope)

    def equals(subject, ctx):
        field = get(subject)
        return field if field is not None and " ".join(field.text.casefold().split()) == folded else False
    return equals


def _every(parts: list[Condition]) -> Condition:
    def every(subject, ctx):
        first: Field | bool = True
        for part in parts:
            result = part(subject, ctx)
            if result is False:
                return False
            if first is True:
                first = result
        return first
    return every


def _some(parts: list[Condition]) -> Condition:
    def some(subject, ctx):
        for part in parts:
            result = part(subject, ctx)
            if result is not False:
                return result
        return False
    return some


def _negation(part: Condition) -> Condition:
    def negation(subject, ctx):
        return part(subject, ctx) is False
    return negation


def _basis(letters: set[str]) -> Condition:
    from avglint.rules._common import basis_of, named_letters

    def basis(activity, ctx):
        field, reading = basis_of(activity, ctx.vocab)
        return field if reading is not None and letters & named_letters(reading) else False
    return basis


def _role(role: str, scope: str) -> Condition:
    from .model import role_of

    def activity_role(activity, ctx):
        return (activity.get("rol") or True) if activity.role == role else False

    def organisation_role(organisation, ctx):
        field = organisation.own("rol")
        return (field or True) if role_of(field.text if field else "") == role else False
    return activity_role if scope == "activity" else organisation_role


def _in_group(name: str) -> Condition:
    folded: dict[tuple[str, ...], bool] = {}   # group path -> whether it holds: siblings share their path

    def in_group(activity, ctx):
        path = activity.group_path
        try:
            return folded[path]
        except KeyError:
            holds = folded[path] = any(name_key(group) == name for group in path)
            return holds
    return in_group


def _readings() -> dict[str, Condition]:
    """special-data, criminal-data, transfer: where the families' readers find them (a field key, 'naam')."""
    from avglint.rules.special_categories import criminal_data_key, special_data_key
    from avglint.rules.transfers import transfer_key

    def reading(read_key):
        def holds(activity, ctx):
            key = read_key(activity, ctx.vocab)
            if key is None:
                return False
            return activity.get(key) or True if key != "naam" else True
        return holds
    return {"special-data": reading(special_data_key), "criminal-data": reading(criminal_data_key),
            "transfer": reading(transfer_key)}


# -- the checks ----------------------------------------------------------------------------------

class _Check:
    """An activity rule: one finding per activity where the condition holds."""

    def __init__(self, condition: Condition, message: tuple[_Template, _Template]):
        self.condition, self.message = condition, message   # the message in English and Dutch

    def __call__(self, activity: Activity, ctx) -> tuple[Finding, ...]:
        matched = self.condition(activity, ctx)
        if matched is False:
            return ()
        return (self.finding(activity, matched, activity),)

    def finding(self, block: Block, matched: Field | bool, activity: Activity | None) -> Finding:
        """At the matched field when the block writes it itself, else at the block's name (a field
        inherited from a group is written once for many activities)."""
        field = matched if isinstance(matched, Field) else None
        span = field.value_span if field is not None and field.block is block else block.name_span
        values = {"activity": block.name or "", "field": field.written if field else "",
                  "value": field.text if field else ""}
        return Finding(span, Message(*(template.fill(values) for template in self.message)),
                       activity=activity, field=field.key if field else None)


class _OrganisationCheck(_Check):
    """An organisation rule: checked once per register, on its `organisatie` block."""

    def __call__(self, register, ctx) -> tuple[Finding, ...]:
        organisation = register.organisation
        if organisation is None:
            return ()
        matched = self.condition(organisation, ctx)
        if matched is False:
            return ()
        return (self.finding(organisation, matched, None),)
