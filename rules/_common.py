"""Small helpers the rule families share (not rules themselves)."""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator

from avglint import clauses
from avglint.findings import Edit, Finding
from avglint.language import language
from avglint.model import Activity, Block, Field, Register, Span
from avglint.readings import reading
from avglint.vocab import normalise


def established_elsewhere(register: Register | None, vocab, code: str) -> bool:
    """The register's organisation states in `land` a country other than ``code`` (ISO 3166): national norms of
    ``code`` do not bind it. Without `land` (most registers) nothing is known and the norms apply."""
    organisation = register.organisation if register is not None else None
    land = organisation.own("land") if organisation is not None else None
    if not has_value(land):
        return False
    named = {m.entry["id"] for m in vocab.terms("countries").find(land.text)}
    return bool(named) and code not in named


def value_of(field: Field | None) -> str:
    return field.text if field is not None else ""


def has_value(field: Field | None) -> bool:
    """The field is there and says something (an empty field is AVG006's business)."""
    return field is not None and bool(field.items)


def filled(field: Field | None, vocab) -> bool:
    """The field is there and says something other than placeholders ("TODO", "n.t.b."): what the completeness rules
    ask of a field (the placeholder itself is AVG006's business)."""
    if field is None:
        return False
    for item in field.items:  # the first item is almost always a value: one check
        if not vocab.is_placeholder(item.value):
            return True
    return False


def states(field: Field | None, vocab) -> bool:
    """The field is there with a real value, not 'geen' / 'none' / '-'."""
    return has_value(field) and not vocab.is_none(field.text)


def where(activity: Activity) -> Span:
    """Where a finding about something missing from an activity points: its name."""
    return activity.name_span


def written_language(block: Block, register: Register) -> str:
    """'en' or 'nl': the language the keys around ``block`` are written in, which a fix writes
    new keys and values in. The block's own keys decide, else its enclosing blocks', else those
    of its whole file (a register may hold Dutch and English rows); Dutch when none say."""
    for scope in (block, *block.ancestors):
        found = _keys_language([scope])
        if found:
            return found
    in_file = [inner for top in register.blocks if top.source is block.source for inner in top.walk()]
    return _keys_language(in_file) or "nl"


def _keys_language(blocks: Iterable[Block]) -> str | None:
    """The language most of these blocks' own keys are written in; None when they do not say."""
    lang = language()
    count = {"en": 0, "nl": 0, None: 0}
    for block in blocks:
        for field in (*block.fields.values(), *block.duplicates):
            count[lang.key_language(field.written)] += 1
    if count["en"] == count["nl"]:
        return None
    return "en" if count["en"] > count["nl"] else "nl"


def value_edit(field: Field, text: str) -> Edit | None:
    """An edit that writes ``text`` as the whole value of ``field``: in place of its items, or after
    the colon of an empty field. None when a comment stands between its items: the line it was
    written on would go, and with it what the comment says (a suppression perhaps)."""
    written = field.source.text
    if not field.items:
        colon = written.index(":", field.key_end) + 1
        return Edit(Span(field.source, colon, colon), f" {text}")
    if any("#" in written[before.end:after.start] for before, after in zip(field.items, field.items[1:])):
        return None
    return Edit(field.value_span, text)


def insert_line(after: Span, indent: str, line: str) -> Edit:
    """An edit that writes ``indent + line`` on a line of its own below the entry ending at ``after``.

    The new line goes after whatever ends that line: a trailing comment (a suppression among them)
    stays on the line it was written on. Only where something other than a comment follows on the
    same line (a closing '}') does it go directly after the entry. The line break is the file's."""
    source = after.source
    text = source.text
    line_end = text.find("\n", after.end)
    if line_end < 0:
        line_end = len(text)
    position = after.end
    rest = text[position:line_end].strip()
    if not rest or rest.startswith("#"):
        position = line_end - 1 if text[line_end - 1:line_end] == "\r" else line_end
    break_at = line_end if line_end < len(text) else text.find("\n")  # the last line has none: the first's
    newline = "\r\n" if break_at > 0 and text[break_at - 1] == "\r" else "\n"
    return Edit(Span(source, position, position), f"{newline}{indent}{line}")


def field_span(field: Field, start: int, end: int) -> Span:
    """The span of ``field.text[start:end]`` (the items joined with ', ') in the file."""
    position = 0
    for item in field.items:
        length = len(item.value)
        if position <= start < position + length or (start == position + length and end == start):
            item_end = min(end - position, length)
            return item.span_of(start - position, max(item_end, start - position))
        position += length + 2
    return field.value_span


def named_letters(reading) -> set[str]:
    """Bases the text really names: by name, or by a citation that is itself a basis."""
    letters = {mention.letter for mention in reading.mentions}
    letters |= {c.letter for c in reading.citations if c.letter and not c.problem}
    return letters


# Readings for ``@rule(needs=...)``: what a field's text must say for the rule to report on an activity
# where it is in force. Each is a necessary condition (a reading that holds where the rule would still
# find nothing costs a visit; one that fails where the rule would report loses a finding).

def names_basis(*letters: str) -> Callable[[str, object], bool]:
    """The text names one of these lawful bases (``named_letters``)."""
    def holds(text: str, vocab) -> bool:
        return not named_letters(vocab.lawful_bases.read(text)).isdisjoint(letters)
    return holds


def names_no_basis(text: str, vocab) -> bool:
    """The text names no lawful basis at all."""
    return not vocab.lawful_bases.read(text).letters


def screened_by(*termsets: str) -> Callable[[Callable], Callable]:
    """Declares of a reading that it holds only on a text where one of ``termsets`` has a match (in the text,
    or in a part of it: a sentence, an item); the engine then reads it on those texts only."""
    def declare(holds):
        holds.termsets = termsets
        return holds
    return declare


def mentions(termset: str, accept: Callable[[object], bool] | None = None) -> Callable[[str, object], bool]:
    """The text has a match of ``termset`` (one ``accept`` accepts), negated or not."""
    @screened_by(termset)
    def holds(text: str, vocab) -> bool:
        return any(accept is None or accept(match) for match in vocab.terms(termset).find(text))
    return holds


def either(*readings: Callable[[str, object], bool]) -> Callable[[str, object], bool]:
    """One of the readings holds."""
    def holds(text: str, vocab) -> bool:
        return any(one(text, vocab) for one in readings)
    if all(getattr(one, "termsets", None) for one in readings):
        return screened_by(*(name for one in readings for name in one.termsets))(holds)
    return holds


ON_LEGITIMATE_INTEREST = {"grondslag": names_basis("f")}  # one declaration: rules that need it share the visit


# what separates the entries of a list written inside one item: a semicolon, a line break, or a slash or plus
# between spaces ("uitvoering overeenkomst (transactioneel) / toestemming (nieuwsbrief)"; not "toestemming/belang")
_LISTED = re.compile(r"\s*[;\n]\s*|\s+[/+]\s+")


def listed(field: Field) -> list[str]:
    """The entries of a field: its items, and the parts of an item that semicolons or line breaks separate
    ("uitvoering arbeidsovereenkomst; wettelijke verplichting (Wet op de loonbelasting 1964)" is two)."""
    return [part for item in field.items for part in _LISTED.split(item.value) if part]


def _statute_cited(citation, gdpr_obligations) -> bool:
    """A citation of a statute: another law ("art. 52 AWR"), or an obligation the GDPR itself lays down ("Art. 15
    and 20 GDPR" for an export of a user's data, also bare: "(Art. 17)"), not its provisions on lawfulness
    (Art. 6, 9, 10)."""
    if citation.other_law:
        return True
    if citation.law is None:
        return citation.article in gdpr_obligations
    return citation.article not in ("6", "9", "10")


@reading
def statute_in_text(text: str, vocab) -> bool:
    """The text cites a statute (``_statute_cited``) or names one by the form of its name."""
    gdpr_obligations = vocab.data("misc")["gdpr_obligation_articles"]
    return any(_statute_cited(c, gdpr_obligations) for c in vocab.citations(text)) \
        or vocab.terms("statute_markers").search(text) is not None


_BRACKETED = re.compile(r"\(([^()]*)\)")


def allocated(field, vocab, purposes: Field | None = None) -> bool:
    """Each basis is given what it covers: every entry (``listed``) that names a basis says so in words of its
    own (not the official wording of Art. 6(1): "noodzakelijk ter bescherming van de vitale belangen"
    allocates nothing), but for one at most, which covers the rest ("Art. 6(1)(b); legitimate interests for
    third-party data": the contract for the users; "Google-login op basis van toestemming" beside the user
    agreement), and a legal duty or public task named by its statute or its area of law ("accounting law
    obligations") says what it covers; or the bases line up one-to-one with distinct entries of ``purposes``."""
    naming = []
    for entry in listed(field):
        reading = vocab.lawful_bases.read(entry)
        if named_letters(reading):
            naming.append((entry, reading))
    if len(naming) < 2 or any(len(named_letters(reading)) > 1 for _, reading in naming):
        return False
    if has_value(purposes):
        aims = listed(purposes)
        if len(aims) == len(naming) and len({normalise(aim) for aim in aims}) == len(naming):
            return True
    official = vocab.lawful_bases.official_words
    bare = marked = 0  # entries that name a basis and nothing it covers; entries that give it a part ("voor …")
    for entry, reading in naming:
        parts = sorted([*reading.mentions, *reading.citations], key=lambda p: p.start)
        # the words that give the basis its part: "voor …", or a label before it ("Google-login op basis van")
        markers = [m for m in vocab.terms("basis_allocation_markers").find(entry)
                   if not any(p.start <= m.start < p.end for p in parts)
                   and (m.entry.get("id") != "label" or m.end <= parts[0].start)]
        rest = entry
        for part in sorted([*parts, *markers], key=lambda p: p.start, reverse=True):
            rest = rest[:part.start] + " " + rest[part.end:]
        own_words = any(normalise(w) not in official for w in re.findall(r"[^\W\d_]{3,}", rest))
        # the area of law in the register's own words, or in brackets inside the basis ("wettelijke (fiscale) plicht")
        area = (rest if own_words else "") + " " + " ".join(_BRACKETED.findall(entry))
        if named_letters(reading) <= {"c", "e"} and (
                statute_in_text(entry, vocab) or vocab.terms("law_areas").search(area)):
            marked += 1  # a duty named by its statute or area of law says what it covers ("(art. 52 AWR)")
        elif not own_words:
            bare += 1
        elif markers:
            marked += 1
    return bare == 0 or bare == 1 and marked == len(naming) - 1


# --------------------------------------------------------------------------------------------
# reading activities: affirmed words, the basis in force, where a value is written

WORDS = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def find_affirmed(vocab, termset: str, text: str) -> list:
    """Matches of a term list in ``text`` that are not negated in their clause (the clause reader)."""
    return clauses.reader(vocab).affirmed(termset, text)


def each_once(register, ctx, check: Callable[[Activity, object], Iterable[Finding]]) -> Iterator[Finding]:
    """Run ``check`` per activity the rule can report on (``ctx.activities``); a finding at a place
    already reported (an inherited field) is dropped."""
    seen: set[tuple[str, int, int]] = set()
    for activity in ctx.activities:
        for finding in check(activity, ctx):
            key = (finding.span.path, finding.span.start, finding.span.end)
            if key in seen:
                continue
            seen.add(key)
            if finding.activity is None:
                finding.activity = activity
            yield finding


@reading
def basis_of(activity: Activity, vocab):
    """The `grondslag` in force (own or inherited) and its reading; (None, None) when there is none."""
    field = activity.get("grondslag")
    if not has_value(field):
        return None, None
    return field, vocab.lawful_bases.read(field.text)


def controller_basis(activity: Activity, vocab, letter: str):
    """(field, reading, letters) when a controller's activity rests on basis ``letter``, else None.

    A processor's activity is skipped: its lawful basis is the controller's to choose."""
    if activity.role != "controller":
        return None
    field, reading = basis_of(activity, vocab)
    if reading is None:
        return None
    letters = named_letters(reading)
    return (field, reading, letters) if letter in letters else None


def basis_span(field: Field, reading, letter: str) -> Span:
    """Where the basis with this letter is named in the field (the whole value when not found)."""
    for part in [*reading.mentions, *reading.citations]:
        if getattr(part, "letter", None) == letter and not getattr(part, "problem", None):
            return field_span(field, part.start, part.end)
    return field.value_span


def written_on(field: Field, activity: Activity) -> tuple[str, str]:
    """(' (written on group 'X' …)', nl) when the field is inherited; empty strings otherwise."""
    block = field.block
    if block is None or block is activity:
        return "", ""
    kind_en = "the organisation" if block.kind == "organisatie" else "group"
    kind_nl = "de organisatie" if block.kind == "organisatie" else "groep"
    name = f" '{block.name}'" if block.name else ""
    return (f" (written on {kind_en}{name}, so it holds for every activity there without its own value)",
            f" (geschreven op {kind_nl}{name}, dus geldend voor elke verwerking daarin zonder eigen waarde)")


def texts(activity: Activity, keys: Iterable[str]) -> Iterator[tuple[str, Field | None, str]]:
    """(key, field, text) for the named fields in force; key 'naam' is the activity's name."""
    for key in keys:
        if key == "naam":
            if activity.name:
                yield key, None, activity.name
            continue
        field = activity.get(key)
        if has_value(field):
            yield key, field, field.text


def every_text(activity: Activity, skip: Iterable[str] = ()) -> Iterator[tuple[str, Field, str]]:
    """(key, field, text) for every field in force, own or inherited, in a fixed order.

    A rule that reports a substantive defect (no withdrawal, unlimited retention) reads every
    place where a register may say it, not a fixed set of fields."""
    return texts(activity, sorted(language().activity_fields - set(skip)))


_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n")


def sentences_with(vocab, termset: str, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` that contains a term of ``termset``."""
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        if end > start and vocab.terms(termset).search(text[start:end]):
            yield start, end
        start = end


# Own text that may say how long, besides `bewaartermijn`: the activity's own words override a
# default it inherits ("tenzij hieronder anders vermeld").
_OWN_TEXT = ("omschrijving", "doel")


def own_retention_text(activity: Activity, vocab):
    """(field, start, end) of each sentence in the activity's own description or purpose that says what
    happens to the data over time ("De incassobestanden bewaren wij 7 jaar …", "worden niet verwijderd")."""
    for key in _OWN_TEXT:
        field = activity.own(key)
        if has_value(field):
            for start, end in sentences_with(vocab, "retention_verbs", field.text):
                yield field, start, end


def span_in(activity: Activity, field: Field | None, start: int, end: int) -> Span:
    return activity.name_span_of(start, end) if field is None else field_span(field, start, end)


def is_public_authority(activity: Activity, vocab) -> bool:
    """The organisation's `type` says public authority (and does not deny it)."""
    register = activity.register
    organisation = register.organisation if register is not None else None
    kind = organisation.own("type") if organisation is not None else None
    if not has_value(kind):
        return False
    return bool(find_affirmed(vocab, "public_authority", kind.text))


# ---------------------------------------------------------------------------------------------
# retention norms (AVG704 in registers and statements)


def norm_text(entry, lang: str) -> str:
    """A norm's period in words ("7 years", "7 jaar"), for messages of the register and the statement."""
    period = entry.get("periode") or {}
    amount, unit = period.get("aantal"), period.get("eenheid")
    if amount is None:
        return ""
    units_en = {"jaar": "years", "week": "weeks", "maand": "months", "dag": "days"}
    units_nl = {"jaar": "jaar", "week": "weken", "maand": "maanden", "dag": "dagen"}
    word = (units_en if lang == "en" else units_nl).get(unit, unit)
    return f"{amount:g} {word}" if isinstance(amount, float) else f"{amount} {word}"


def consent_maximum(vocab, entry) -> float | None:
    """The longer maximum a norm allows with the data subject's consent (applicants: 1 year)."""
    return next((e.get("maximaal_dagen") for e in vocab.data("retention")["norm_exceptions"]
                 if e.get("soort") == "toestemming" and entry["id"] in (e.get("geldt_voor") or ())), None)


def judge_against_norm(vocab, text: str, entry, consent: bool):
    """(duration, bound, kind) when a period in ``text`` conflicts with the retention norm ``entry``, else None
    (AVG704 in registers and in statements)."""
    durations = vocab.durations(text)
    if not durations:
        return None
    minimum, maximum = entry.get("minimaal_dagen"), entry.get("maximaal_dagen")
    if minimum is not None:
        longest = max(durations, key=lambda d: d.days)
        if longest.days + 0.5 < minimum:
            return longest, minimum, "minimum"
    if maximum is None:
        return None
    exceptions = [m for m in vocab.terms("retention_norm_exceptions").find(text)
                  if entry["id"] in (m.entry.get("geldt_voor") or ())]
    with_consent = consent_maximum(vocab, entry)
    for duration in durations:
        low, high = clauses.reader(vocab).clause(text, duration.start, duration.end)
        near = {m.entry.get("soort") for m in exceptions if low <= m.start and m.end <= high}
        if "uitzondering" in near:
            continue   # camera images kept for an incident
        bound = maximum
        if with_consent is not None and (consent or "toestemming" in near):
            bound = max(bound, with_consent)
        if duration.days > bound + 0.5:
            return duration, bound, "maximum"
    return None
