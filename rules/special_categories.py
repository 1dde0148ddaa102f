"""Special categories (AVG5xx): Art. 9, criminal data (Art. 10), the BSN (UAVG 46).

"Special data present" means: `bijzondere gegevens` states something (not a
none-value such as "geen" or "-") that is not only criminal data or a BSN, or a
strong Art. 9 term (vocabulary `special_categories`) stands in `gegevens`,
`betrokkenen`, `doel`, `omschrijving` or the activity name, outside a negation
("geen gezondheidsgegevens", "de diagnose wordt niet vastgelegd"). The exception
is read with ``vocab.exceptions.read`` (Art. 9(2) letters, UAVG articles).

How AVG502 and AVG503 split: AVG503 says the special data are not *declared*
(detected, or contradicted by a sibling row); AVG502 says there is no
*exception*. A row with detected but undeclared strong special data and no
exception gets both (rules.md D.3: the zorgalarmering row of seed 002). A row
that only contradicts a sibling (same data, one row says special, the other
"-") gets AVG503 alone: nothing in the row itself shows special data (D.1).

All rules here run once per register and report a place once: a field written on
a `groep` or the `organisatie` is a default for many activities, and a finding
about it is reported where it is written, not once per activity.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, NamedTuple

from avglint import clauses
from avglint.findings import Edit, Fix, Message, Related
from avglint.language import language
from avglint.model import Activity, Field, Span
from avglint.readings import reading
from avglint.registry import NAME, EachItem, report, rule, statement_check
from avglint.statement import Block, Sentence, Statement
from avglint.vocab import TermMatch, normalise

from ._common import (
    either,
    field_span,
    has_value,
    insert_line,
    mentions,
    named_letters,
    span_in,
    value_edit,
    value_of,
    written_language,
)
from ._statement_reading import Reading, describes_public_body, list_lead, self_description, statement_reading

# Where special data are detected (besides the activity name), per catalogue A.5.
DETECT = ("gegevens", "betrokkenen", "doel", "omschrijving")
# The data fields proper (AVG506) and everything that describes the processing (AVG505, 507, 508).
DATA = ("gegevens", "bijzondere gegevens")
DESCRIBED = ("gegevens", "bijzondere gegevens", "betrokkenen", "doel", "omschrijving")

EXPLICIT_CONSENT = "uitdrukkelijke toestemming (art. 9 lid 2 sub a AVG)"
# what a fix writes in a register written in each language
EXPLICIT_CONSENT_WRITTEN = {"nl": EXPLICIT_CONSENT, "en": "explicit consent (Art. 9(2)(a) GDPR)"}


# ---------------------------------------------------------------------------------------------
# Reading an activity


class Site(NamedTuple):
    """One text of an activity: a field (its items joined with ", ", as ``Field.text``), or the name.

    A whole field is scanned at once (one regex pass instead of one per item); ", "
    also ends a clause for the negation check, so items do not negate each other.
    """

    key: str                              # the field key, or "naam" for the activity name
    field: Field | None
    text: str
    activity: Activity | None             # the activity the text is from; None for a bare text

    def span_of(self, start: int, end: int) -> Span | None:
        """The span of ``text[start:end]`` in the file."""
        return span_in(self.activity, self.field, start, end) if self.activity is not None else None

    def item_at(self, pos: int) -> str:
        """The item that holds offset ``pos`` of ``text`` (the name for the name)."""
        if self.field is None:
            return self.text
        start = 0
        for item in self.field.items:
            end = start + len(item.value)
            if pos < end:
                return item.value
            start = end + 2
        return self.text


class Hit(NamedTuple):
    site: Site
    match: TermMatch

    @property
    def span(self) -> Span:
        return self.site.span_of(self.match.start, self.match.end)

    @property
    def text(self) -> str:
        return self.match.text

    @property
    def item(self) -> str:
        """The item (or name) the term stands in."""
        return self.site.item_at(self.match.start)

    @property
    def shown(self) -> str:
        """What a message quotes: the whole item when it is short ("medische gegevens"), else the term."""
        if self.site.key != "naam":
            item = self.item
            if len(item) <= 40:
                return item
        return self.match.text


def _hits_in(vocab, termset: str, activity: Activity, keys: Iterable[str], name: bool = True,
             keep: Callable[[TermMatch], bool] | None = None, take_back: str | None = None) -> list[Hit]:
    """``_hits`` in the activity's texts for ``keys`` that have a value, in that order, then in its name.
    A site is made only for a text where the list stands (most have none), and not remembered: a few
    lookups, where a table per activity would hold the register twice."""
    found = []
    find = vocab.terms(termset).find  # most texts hold no term at all: no negation reading for them
    for key in keys:
        field = activity.get(key)
        if field is not None and field.items and find(field.text) \
                and _affirmed((field.text, termset, take_back), vocab):
            found += _hits(vocab, termset, (Site(key, field, field.text, activity),), keep, take_back)
    if name and activity.name and find(activity.name) and _affirmed((activity.name, termset, take_back), vocab):
        found += _hits(vocab, termset, (Site("naam", None, activity.name, activity),), keep, take_back)
    return found


def _hits(vocab, termset: str, sites: Iterable[Site], keep: Callable[[TermMatch], bool] | None = None,
          take_back: str | None = None) -> list[Hit]:
    """Matches of ``termset`` in ``sites`` that are not negated (nor taken back by the ``take_back`` list)."""
    found = []
    for site in sites:
        for match in _affirmed((site.text, termset, take_back), vocab):
            if keep is None or keep(match):
                found.append(Hit(site, match))
    return found


@reading
def _affirmed(subject: tuple[str, str, str | None], vocab) -> tuple[TermMatch, ...]:
    """The matches of a term list in a text that are not negated, nor taken back by a second list:
    ``subject`` is (text, term list, take-back list or None)."""
    text, termset, take_back = subject
    extra = vocab.terms(take_back) if take_back else None
    negated = clauses.reader(vocab).negated
    return tuple(match for match in vocab.terms(termset).find(text)
                 if not negated(text, match.start, match.end, extra))


def _in(text: str, vocab, termset: str) -> bool:
    """Some term of the list stands in ``text``, not negated."""
    return bool(_affirmed((text, termset, None), vocab))


class Declared(NamedTuple):
    field: Field | None
    state: str                 # "absent", "none" (geen, -, n.v.t., "geen gezondheidsgegevens") or "stated"
    art9: list                 # stated items that are Art. 9 data (not only criminal data, a BSN or an ID copy)


_EXPLANATION = re.compile(r"\s*(?:[(\[:;]|\s[-\u2013\u2014]\s)")


def _none_item(vocab, value: str) -> bool:
    """"geen", "n.v.t. (alleen contactgegevens)", "geen gezondheidsgegevens", "We do not collect any special
    category data" (the regime's own name denied, and no category named)."""
    if vocab.is_none(value) or vocab.is_none(_EXPLANATION.split(value, 1)[0]):
        return True
    labels = vocab.terms("special_category_labels").find(value)
    if labels and all(clauses.reader(vocab).negated(value, m.start, m.end) for m in labels):
        return not _hits(vocab, "special_categories", [Site("", None, value, None)])
    first = vocab.terms("negation_cues").search(value)
    if first is None or first.start > 0 or first.entry.get("plaats") == "na":
        return False
    return not _hits(vocab, "special_categories", [Site("", None, value, None)])


def _other_regime(vocab, value: str) -> bool:
    """Only criminal data (Art. 10) or a BSN / ID copy (UAVG 46): not an Art. 9 category."""
    if _in(value, vocab, "special_categories"):
        return False
    return any(_in(value, vocab, name) for name in ("criminal_data", "bsn", "id_copies"))


@reading
def _declared(activity: Activity, vocab) -> Declared:
    field = activity.get("bijzondere gegevens")
    if not has_value(field):
        return Declared(field, "absent", [])
    if _none_item(vocab, field.items[0].value):
        # "geen, alleen contactgegevens": the rest explains the "geen", unless it names a special category
        items = [item for item in field.items[1:] if _in(item.value, vocab, "special_categories")]
    else:
        items = [item for item in field.items if not _none_item(vocab, item.value)]
    if not items:
        return Declared(field, "none", [])
    return Declared(field, "stated", [item for item in items if not _other_regime(vocab, item.value)])


def _may_be_art9(value: str, vocab) -> bool:
    """An item of `bijzondere gegevens` that ``_declared`` may count as Art. 9 data: not a none-value unless
    it names a category, and not only criminal data or a BSN."""
    return (not _none_item(vocab, value) or _in(value, vocab, "special_categories")) \
        and not _other_regime(vocab, value)


def declares_special(activity: Activity, vocab) -> bool:
    """`bijzondere gegevens` names data (Art. 9, or criminal data or a BSN), not 'geen' or a denial."""
    return _declared(activity, vocab).state == "stated"


class Exception_(NamedTuple):
    field: Field | None        # the `uitzondering` in force (also when it says "geen")
    reading: object | None     # ExceptionReading; None when absent or a none-value

    @property
    def grounds(self) -> set[str]:
        return self.reading.grounds if self.reading is not None else set()


@reading
def _exception(activity: Activity, vocab) -> Exception_:
    field = activity.get("uitzondering")
    if not has_value(field):
        return Exception_(None, None)
    if vocab.is_none(field.text):
        return Exception_(field, None)
    return Exception_(field, vocab.exceptions.read(field.text))


def _plain_consent(exception: Exception_, vocab) -> bool:
    """`uitzondering` names consent, but not explicit consent (AVG504)."""
    if exception.reading is None or "a" in exception.grounds:
        return False
    text = exception.field.text
    return "a" in vocab.lawful_bases.read(text).letters and not vocab.terms("explicit_consent").search(text)


@reading
def _strong(activity: Activity, vocab) -> list[Hit]:
    return _hits_in(vocab, "special_categories", activity, DETECT)


# where an activity may have special data: declared (``_declared(...).art9``) or detected (``_strong``)
SPECIAL_DATA = {"bijzondere gegevens": EachItem(_may_be_art9),
                **dict.fromkeys((*DETECT, NAME), mentions("special_categories"))}


@reading
def _criminal(activity: Activity, vocab) -> list[Hit]:
    return _hits_in(vocab, "criminal_data", activity, DESCRIBED, take_back="criminal_preventive_aims")


def special_data_key(activity: Activity, vocab) -> str | None:
    """Where this family reads special categories of personal data (Art. 9) in the activity, as AVG502
    does: the key of the field ('naam' for the name), None when it reads none. For custom rules."""
    if _declared(activity, vocab).art9:
        return "bijzondere gegevens"
    hits = _strong(activity, vocab)
    return hits[0].site.key if hits else None


def criminal_data_key(activity: Activity, vocab) -> str | None:
    """Where this family reads criminal-offence data (Art. 10) in the activity, as AVG507 does (the key
    of the field, 'naam' for the name), None when it reads none. For custom rules."""
    hits = _criminal(activity, vocab)
    return hits[0].site.key if hits else None


@reading
def _letters(activity: Activity, vocab) -> tuple[Field | None, object | None, set[str]]:
    field = activity.get("grondslag")
    if not has_value(field):
        return None, None, set()
    reading = vocab.lawful_bases.read(field.text)
    return field, reading, named_letters(reading)


def _basis_span(field: Field, reading, letter: str) -> Span:
    for part in (*reading.mentions, *reading.citations):
        if getattr(part, "letter", None) == letter:
            return field_span(field, part.start, part.end)
    return field.value_span


def _employees(activity: Activity, vocab) -> Hit | None:
    """The activity's data subjects include the organisation's own employees."""
    keys = ["betrokkenen"] if has_value(activity.get("betrokkenen")) else ["doel", "omschrijving"]
    others = vocab.terms("other_employer")
    for hit in _hits_in(vocab, "special_employee_subjects", activity, keys, name=keys[0] != "betrokkenen"):
        rest = hit.site.text[hit.match.end:].lstrip(" /")  # the rest of the clause (", " ends it)
        if rest and others.match(rest):
            continue  # "medewerkers van klanten": someone else's employees
        return hit
    return None


def _quoted(texts: Iterable[str], limit: int = 4) -> str:
    seen: list[str] = []
    for text in texts:
        if text.casefold() not in (s.casefold() for s in seen):
            seen.append(text)
    shown = ", ".join(f"'{t}'" for t in seen[:limit])
    return shown + (", …" if len(seen) > limit else "")


def _place(site: Site, lang: str) -> str:
    if site.key == "naam":
        return "the activity name" if lang == "en" else "de naam van de verwerking"
    return site.key


def _hit_list(hits: list[Hit], lang: str, limit: int = 4) -> str:
    parts: list[str] = []
    seen = set()
    for hit in hits:
        key = (hit.shown.casefold(), hit.site.key)
        if key in seen:
            continue
        seen.add(key)
        parts.append(f"'{hit.shown}' ({_place(hit.site, lang)})")
    return ", ".join(parts[:limit]) + (", …" if len(parts) > limit else "")


def _line_indent(span: Span) -> str:
    text = span.source.text
    start = text.rfind("\n", 0, span.start) + 1
    head = text[start:span.start]
    return head[:len(head) - len(head.lstrip())]


def _insert_field(activity: Activity, after: tuple[str, ...], line: str) -> Edit | None:
    """An edit that adds ``line`` (``key: value``) as a new field of the activity (None in a one-line block)."""
    head = activity.head_span
    source = head.source
    if "\n" not in source.text[head.end:activity.end]:
        return None  # verwerking "X" { gegevens: … }: no place for a second field
    anchor = next((activity.fields[key] for key in after if key in activity.fields), None)
    if anchor is None and activity.fields:
        anchor = max(activity.fields.values(), key=lambda f: f.end)
    if anchor is None or "\n" not in source.text[head.start:anchor.start]:
        # no field, or one on the head line ('verwerking "X" { doel: …'): one level in from the head
        return insert_line(anchor.span if anchor is not None else head, f"{_line_indent(head)}    ", line)
    return insert_line(anchor.span, _line_indent(anchor.key_span), line)


def _once(seen: set, span: Span) -> bool:
    """True the first time a place is reported (inherited fields are shared by many activities)."""
    key = (id(span.source), span.start, span.end)
    if key in seen:
        return False
    seen.add(key)
    return True


def _other(activity: Activity) -> str:
    where = activity.name_span
    return f"'{activity.name}' ({where.path}:{where.line})"


# ---------------------------------------------------------------------------------------------
# AVG501


@rule(id="AVG501", slug="bijzonder-op-gerechtvaardigd-belang", severity="error", scope="register",
      needs=SPECIAL_DATA,
      articles=("9(1)", "9(2)", "UAVG 22"),
      title=("Special categories of personal data on legitimate interests, without an Art. 9(2) exception.",
             "Bijzondere persoonsgegevens op gerechtvaardigd belang, zonder uitzondering van art. 9 lid 2."))
def special_on_legitimate_interest(register, ctx):
    """
    ## What it checks
    That an activity with special categories of personal data (declared in
    `bijzondere gegevens`, or recognisable in `gegevens`, `betrokkenen`, `doel`,
    `omschrijving` or the activity name: health, religion, ethnic origin, biometrics …)
    whose `grondslag` is legitimate interests (Art. 6(1)(f)) names an exception of
    Art. 9(2) in `uitzondering`, with the UAVG article that implements it.

    In a privacy statement: a paragraph, list item or table row that names special
    categories ("Gaining expert medical opinion … | Our legitimate interests") and rests on
    legitimate interests alone names the exception of Art. 9(2) with them; a list of
    exceptions elsewhere does not say which one covers this use.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 9(1) forbids processing special categories of personal data unless one of the
    exceptions of Art. 9(2) applies (in the Netherlands worked out in UAVG 22–30).
    A legitimate interest is a lawful basis under Art. 6, not an exception under Art. 9:
    it never lifts the ban. Testing or training models on "all personal data" that
    include special data on legitimate interests alone is processing that the law
    forbids.

    ## Example
    ```avg
    verwerking "Testen van applicaties" {
        gegevens: alle klantgegevens
        bijzondere gegevens: gegevens over gezondheid van klanten
        grondslag: Gerechtvaardigd belang
    }
    ```

    ## Use instead
    ```avg
    verwerking "Testen van applicaties" {
        gegevens: gepseudonimiseerde klantnummers, verbruik per maand
        bijzondere gegevens: geen
        grondslag: Gerechtvaardigd belang
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking met bijzondere persoonsgegevens (opgegeven in `bijzondere
    gegevens`, of herkenbaar in `gegevens`, `betrokkenen`, `doel`, `omschrijving` of de
    naam van de verwerking: gezondheid, godsdienst, etnische afkomst, biometrie …) met
    als `grondslag` gerechtvaardigd belang (art. 6 lid 1 sub f) in `uitzondering` een
    uitzondering van art. 9 lid 2 noemt, met het artikel van de UAVG dat die uitwerkt.

    In een privacyverklaring: een alinea, opsommingspunt of tabelrij die bijzondere
    persoonsgegevens noemt ("medisch advies over geschiktheid voor het werk | gerechtvaardigd
    belang") en alleen op gerechtvaardigd belang rust, noemt de uitzondering van art. 9 lid
    2 erbij; een lijst van uitzonderingen elders zegt niet welke dit gebruik dekt.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 9 lid 1 verbiedt de verwerking van bijzondere persoonsgegevens, tenzij een van
    de uitzonderingen van art. 9 lid 2 geldt (in Nederland uitgewerkt in art. 22–30
    UAVG). Een gerechtvaardigd belang is een grondslag van art. 6, geen uitzondering van
    art. 9: het heft het verbod nooit op. Applicaties testen of modellen trainen met
    "alle persoonsgegevens", waaronder bijzondere, op alleen een gerechtvaardigd belang,
    is een verwerking die de wet verbiedt.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    seen: set = set()
    for activity in ctx.activities:
        exception = _exception(activity, vocab)
        if exception.grounds:
            continue
        declared = _declared(activity, vocab)
        hits = [] if declared.art9 else _strong(activity, vocab)
        if not declared.art9 and not hits:
            continue
        basis, reading, letters = _letters(activity, vocab)
        if "f" not in letters:
            continue
        if basis.block is activity:
            span = _basis_span(basis, reading, "f")
        else:  # the basis is a group default: point at this activity's special data
            span = declared.field.value_span if declared.art9 else hits[0].span
        if not _once(seen, span):
            continue
        what_en = _quoted(i.value for i in declared.art9) if declared.art9 else _hit_list(hits, "en")
        what_nl = _quoted(i.value for i in declared.art9) if declared.art9 else _hit_list(hits, "nl")
        given_en = given_nl = ""
        if exception.field is not None and exception.reading is not None:
            given_en = f" '{exception.field.text}' is not an exception of Art. 9(2)."
            given_nl = f" '{exception.field.text}' is geen uitzondering van art. 9 lid 2."
        yield report(span,
                     f"'{activity.name}' processes special categories of personal data ({what_en}) on legitimate "
                     f"interests, which never lifts the ban of Art. 9(1).{given_en} Name the exception of Art. 9(2) "
                     "in 'uitzondering', e.g. 'uitdrukkelijke toestemming (art. 9 lid 2 sub a AVG)', or leave "
                     "these data out of the processing.",
                     f"'{activity.name}' verwerkt bijzondere persoonsgegevens ({what_nl}) op gerechtvaardigd "
                     f"belang, en dat heft het verbod van art. 9 lid 1 nooit op.{given_nl} Noem de uitzondering van "
                     "art. 9 lid 2 in 'uitzondering', bijvoorbeeld 'uitdrukkelijke toestemming (art. 9 lid 2 sub a "
                     "AVG)', of laat deze gegevens buiten de verwerking.",
                     activity=activity, field="grondslag")


# ---------------------------------------------------------------------------------------------
# AVG502


@rule(id="AVG502", slug="bijzonder-zonder-uitzondering", severity="error", scope="register", needs=SPECIAL_DATA,
      articles=("9(2)", "UAVG 22-30"),
      title=("Special categories of personal data without an exception of Art. 9(2).",
             "Bijzondere persoonsgegevens zonder uitzondering van art. 9 lid 2."))
def special_without_exception(register, ctx):
    """
    ## What it checks
    That an activity with special categories of personal data names, in `uitzondering`,
    the exception of Art. 9(2) that allows them: by name ("uitdrukkelijke toestemming",
    "arbeidsrecht en sociale zekerheid", "gezondheidszorg" …) or by article ("art. 9 lid 2
    sub h AVG", "art. 30 lid 3 UAVG"). It fires when `bijzondere gegevens` states
    something and `uitzondering` is absent, "geen" or not an exception (a denial of the
    regime that names no category, "We do not collect any special category data", says
    "geen"); and also when
    `bijzondere gegevens` is missing but the activity plainly processes special data
    (patients, health, religion … in `gegevens`, `betrokkenen`, `doel` or the name):
    then AVG503 reports the missing declaration and this rule the missing exception.
    Criminal data and the BSN have their own rules (AVG507, AVG508). Plain "toestemming"
    is AVG504.

    In a privacy statement, the finding carries this rule's id when the statement says it
    processes special categories ("medische gegevens", "patiëntengegevens", "gegevens over
    uw gezondheid, indien u deze aan ons verstrekt", "information to manage sickness
    absence", "seksuele gerichtheid is ook een bijzonder persoonsgegeven") and names no
    exception of Art. 9(2): no citation of Art. 9(2) or the UAVG, and no exception named with
    the data or where the statement gives its bases ("with the express consent of the data
    subject"). Negated wording does not count ("wij verwerken geen bijzondere
    persoonsgegevens" rules them out for the whole statement). It is reported once, where
    the statement names the data as such.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Processing special categories is forbidden (Art. 9(1)) unless an exception of
    Art. 9(2) applies; the UAVG (art. 22–30) says how each applies in the Netherlands.
    The register is where the controller shows which one it relies on (Art. 5(2)). A
    processor records the exception of the controller it works for.

    ## Example
    ```avg
    verwerking "Verzuimregistratie" {
        betrokkenen: medewerkers
        bijzondere gegevens: datum van ziekmelding en herstelmelding
        grondslag: Wettelijke verplichting (Wet verbetering poortwachter)
    }
    ```

    ## Use instead
    ```avg
    verwerking "Verzuimregistratie" {
        betrokkenen: medewerkers
        bijzondere gegevens: datum van ziekmelding en herstelmelding
        uitzondering: art. 9 lid 2 sub b AVG jo. art. 30 lid 1 UAVG
        grondslag: Wettelijke verplichting (Wet verbetering poortwachter)
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking met bijzondere persoonsgegevens in `uitzondering` de uitzondering
    van art. 9 lid 2 noemt die ze toestaat: bij naam ("uitdrukkelijke toestemming",
    "arbeidsrecht en sociale zekerheid", "gezondheidszorg" …) of met het artikel ("art. 9
    lid 2 sub h AVG", "art. 30 lid 3 UAVG"). De regel meldt het als `bijzondere gegevens`
    iets noemt en `uitzondering` ontbreekt, "geen" zegt of geen uitzondering is (een
    ontkenning van het regime zonder categorie, "Wij verwerken geen bijzondere
    persoonsgegevens", zegt "geen"); en ook
    als `bijzondere gegevens` ontbreekt terwijl de verwerking duidelijk bijzondere
    gegevens omvat (patiënten, gezondheid, godsdienst … in `gegevens`, `betrokkenen`,
    `doel` of de naam): dan meldt AVG503 de ontbrekende opgave en deze regel de
    ontbrekende uitzondering. Strafrechtelijke gegevens en het BSN hebben eigen regels
    (AVG507, AVG508). Alleen "toestemming" is AVG504.

    In een privacyverklaring krijgt de melding het nummer van deze regel als de verklaring
    zegt bijzondere persoonsgegevens te verwerken ("medische gegevens",
    "patiëntengegevens", "gegevens over uw gezondheid, indien u deze aan ons verstrekt",
    "information to manage sickness absence", "seksuele gerichtheid is ook een bijzonder
    persoonsgegeven") en geen uitzondering van art. 9 lid 2 noemt: geen verwijzing naar art.
    9 lid 2 of de UAVG, en geen uitzondering bij de gegevens of waar de verklaring haar
    grondslagen noemt ("with the express consent of the data subject"). Ontkende tekst telt
    niet ("wij verwerken geen bijzondere persoonsgegevens" sluit ze voor de hele verklaring
    uit). De melding komt één keer, waar de verklaring de gegevens als zodanig noemt.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Het verwerken van bijzondere persoonsgegevens is verboden (art. 9 lid 1), tenzij een
    uitzondering van art. 9 lid 2 geldt; de UAVG (art. 22–30) zegt hoe elke uitzondering
    in Nederland geldt. Het register is de plek waar de verwerkingsverantwoordelijke laat
    zien op welke hij zich beroept (art. 5 lid 2). Een verwerker legt de uitzondering vast
    van de verwerkingsverantwoordelijke voor wie hij werkt.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    strong = vocab.terms("special_categories")
    seen: set = set()
    for activity in ctx.activities:
        exception = _exception(activity, vocab)
        if exception.grounds or _plain_consent(exception, vocab):
            continue  # an Art. 9(2) ground, or consent that is not explicit (AVG504)
        declared = _declared(activity, vocab)
        hits = [] if declared.art9 else _strong(activity, vocab)
        if not declared.art9 and not hits:
            continue
        if exception.reading is not None:
            span, key = exception.field.value_span, "uitzondering"
        elif declared.art9:
            span, key = declared.field.value_span, "bijzondere gegevens"
        else:
            span, key = hits[0].span, hits[0].site.key
        if not _once(seen, span):
            continue
        if declared.art9:
            what_en = what_nl = _quoted(item.value for item in declared.art9)
        else:
            what_en, what_nl = _hit_list(hits, "en"), _hit_list(hits, "nl")
        if exception.reading is not None and exception.reading.uavg:
            problem_en = (f" '{exception.field.text}' cites UAVG 31–33, which cover criminal data (Art. 10), not the "
                          "categories of Art. 9(1).")
            problem_nl = (f" '{exception.field.text}' noemt art. 31–33 UAVG, die over strafrechtelijke gegevens "
                          "gaan (art. 10), niet over de categorieën van art. 9 lid 1.")
        elif exception.reading is not None:
            problem_en = f" '{exception.field.text}' is not an exception of Art. 9(2)."
            problem_nl = f" '{exception.field.text}' is geen uitzondering van art. 9 lid 2."
        else:
            problem_en = problem_nl = ""
        if activity.role == "processor":
            advice_en = ("As a processor, record the exception the controller relies on, e.g. for a care institution "
                         "'art. 9 lid 2 sub h AVG jo. art. 30 lid 3 UAVG' (Art. 9(2), 28(3)).")
            advice_nl = ("Leg als verwerker de uitzondering vast waarop de verwerkingsverantwoordelijke zich beroept, "
                         "bijvoorbeeld voor een zorginstelling 'art. 9 lid 2 sub h AVG jo. art. 30 lid 3 UAVG' (art. 9 "
                         "lid 2, 28 lid 3).")
        else:
            advice_en = ("Name the exception of Art. 9(2) that allows them in 'uitzondering', with the UAVG article, "
                         "e.g. 'art. 9 lid 2 sub b AVG jo. art. 30 lid 1 UAVG' (Art. 9(2); UAVG 22–30).")
            advice_nl = ("Noem in 'uitzondering' de uitzondering van art. 9 lid 2 die ze toestaat, met het artikel van "
                         "de UAVG, bijvoorbeeld 'art. 9 lid 2 sub b AVG jo. art. 30 lid 1 UAVG' (art. 9 lid 2; art. "
                         "22–30 UAVG).")
        hint_en = hint_nl = ""
        if declared.art9 and not any(strong.search(item.value) for item in declared.art9):
            hint_en = (" If these are not special categories in the sense of Art. 9(1), list them under 'gegevens' "
                       "and write 'bijzondere gegevens: geen'.")
            hint_nl = (" Zijn dit geen bijzondere persoonsgegevens in de zin van art. 9 lid 1, zet ze dan onder "
                       "'gegevens' en schrijf 'bijzondere gegevens: geen'.")
        yield report(span,
                     f"'{activity.name}' processes special categories of personal data ({what_en}) without an "
                     f"exception to the ban of Art. 9(1).{problem_en} {advice_en}{hint_en}",
                     f"'{activity.name}' verwerkt bijzondere persoonsgegevens ({what_nl}) zonder uitzondering op het "
                     f"verbod van art. 9 lid 1.{problem_nl} {advice_nl}{hint_nl}",
                     activity=activity, field=key)


# ---------------------------------------------------------------------------------------------
# AVG503


@reading(reader=None)
def _data_key(value: str) -> str:
    return " ".join(_WORDS.findall(value.casefold()))


_WORDS = re.compile(r"\w+")


def _suggestion(hits: list[Hit], lang: str) -> str:
    """`bijzondere gegevens` items for the detected categories in the register's language:
    "gegevens over gezondheid (patiënten)", "data concerning health (patients)"."""
    items: list[str] = []
    seen: set[str] = set()
    for hit in hits:
        entry = hit.match.entry
        if entry["id"] in seen:
            continue
        seen.add(entry["id"])
        shown = hit.item if hit.site.key in DATA and len(hit.item) <= 40 else hit.text
        item = f"{entry['naam' if lang == 'nl' else 'en']} ({shown})"
        items.append(f'"{item}"' if any(ch in item for ch in ',{}#"') else item)
    return ", ".join(items)


def _has_identification(activity: Activity, vocab) -> bool:
    return bool(_hits_in(vocab, "biometric_identification", activity, ("gegevens", "doel", "omschrijving", "systemen")))


def _contradiction(activity: Activity, special_sets: dict[str, tuple[Activity, Field]]):
    """An item of the activity's `gegevens` that another activity declares as special data, with that
    activity and its `bijzondere gegevens` field (``special_sets``); None when there is none."""
    data = activity.get("gegevens")
    if special_sets and has_value(data):
        for item in data.items:
            found = special_sets.get(_data_key(item.value))
            if found is not None and found[0] is not activity:
                return item, found
    return None


@rule(id="AVG503", slug="bijzonder-niet-gedeclareerd", severity="error", scope="register", fix="suggestion",
      articles=("9(1)", "30(1)(c)"),
      title=("Special categories of personal data that the activity does not declare.",
             "Bijzondere persoonsgegevens die de verwerking niet opgeeft."))
def special_not_declared(register, ctx):
    """
    ## What it checks
    That `bijzondere gegevens` declares the special categories an activity plainly
    processes. It fires (error) when:
    - `gegevens`, `betrokkenen`, `doel`, `omschrijving` or the activity name holds a term
      that reveals a special category ("patiënten", "zorgalarmering", "medische
      gegevens", "religie", "vakbondslidmaatschap", "vingerafdruk" …) and `bijzondere
      gegevens` is missing or says "geen" or "-";
    - an activity lists among its `gegevens` a data set that another activity of the
      register declares as special data, while it declares none itself: the two rows
      contradict each other.

    Words that only *may* reveal a special category ("nationaliteit", "dieetwensen",
    "naam van de partner") give a note when `bijzondere gegevens` is missing, as do
    recipients that are care providers ("ontvangers: logopedie, zorgteam, GGD"): what is
    shared with them is likely about health. Descent from a person ("afstamming van de
    stichters") is genealogy, not genetic data. Photos,
    video and sound recordings count only when the activity identifies or recognises
    people by them (recital 51). Negations ("geen gezondheidsgegevens") do not count.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    The record must describe the categories of personal data (Art. 30(1)(c)), and data
    that reveal a special category indirectly are special data themselves (CJEU C-184/20,
    OT, 1 August 2022). An undeclared category escapes every check that follows from
    Art. 9: the exception, the DPIA, the FG.

    ## Example
    ```avg
    verwerking "Zorgalarmering" {
        betrokkenen: bewoners en patiënten van de zorginstelling
        gegevens: naam, kamernummer, activatie van een alarm
    }
    ```

    ## Use instead
    ```avg
    verwerking "Zorgalarmering" {
        betrokkenen: bewoners en patiënten van de zorginstelling
        gegevens: naam, kamernummer, activatie van een alarm
        bijzondere gegevens: gegevens over gezondheid (alarmmeldingen van patiënten)
    }
    ```

    ## Fix safety
    The suggested fix adds the detected category to `bijzondere gegevens` (or replaces
    "geen"). It asserts a fact about the processing, so it is never applied without
    `--unsafe-fixes`; once applied, AVG502 asks for the exception.
    <!-- nl -->
    ## Wat het controleert
    Dat `bijzondere gegevens` de bijzondere persoonsgegevens opgeeft die een verwerking
    duidelijk omvat. De regel meldt een fout als:
    - `gegevens`, `betrokkenen`, `doel`, `omschrijving` of de naam van de verwerking een
      woord bevat dat een bijzondere categorie onthult ("patiënten", "zorgalarmering",
      "medische gegevens", "religie", "vakbondslidmaatschap", "vingerafdruk" …) en
      `bijzondere gegevens` ontbreekt of "geen" of "-" zegt;
    - een verwerking onder haar `gegevens` een gegevensverzameling noemt die een andere
      verwerking van het register als bijzondere gegevens opgeeft, terwijl ze zelf geen
      bijzondere gegevens opgeeft: de twee rijen spreken elkaar tegen.

    Woorden die een bijzondere categorie alleen *kunnen* onthullen ("nationaliteit",
    "dieetwensen", "naam van de partner") geven een opmerking als `bijzondere gegevens`
    ontbreekt, net als ontvangers die zorgverleners zijn ("ontvangers: logopedie,
    zorgteam, GGD"): wat met hen gedeeld wordt, gaat waarschijnlijk over gezondheid.
    Afstamming van een persoon ("afstamming van de stichters") is genealogie, geen
    genetisch gegeven. Foto's, video en geluidsopnamen tellen alleen mee als de verwerking er
    mensen mee identificeert of herkent (overweging 51). Ontkenningen ("geen
    gezondheidsgegevens") tellen niet mee.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Het register beschrijft de categorieën persoonsgegevens (art. 30 lid 1 sub c), en
    gegevens die indirect een bijzondere categorie onthullen zijn zelf bijzondere
    persoonsgegevens (HvJ EU C-184/20, OT, 1 augustus 2022). Een categorie die niet is
    opgegeven, ontsnapt aan alles wat uit art. 9 volgt: de uitzondering, de DPIA, de FG.

    ## Voorbeeld

    ## Beter

    ## Veiligheid van de correctie
    De voorgestelde correctie voegt de gevonden categorie toe aan `bijzondere gegevens`
    (of vervangt "geen"). Dat is een bewering over de verwerking, dus ze wordt nooit
    toegepast zonder `--unsafe-fixes`; daarna vraagt AVG502 om de uitzondering.
    """
    vocab = ctx.vocab
    seen: set = set()
    special = ctx.where(SPECIAL_DATA)
    # data sets that some activity declares as special data, by normalised item text
    special_sets: dict[str, tuple[Activity, Field]] = {}
    for activity in special:
        state = _declared(activity, vocab)
        for item in state.art9:
            key = _data_key(item.value)
            if key:
                special_sets.setdefault(key, (activity, state.field))
    detected = {id(activity) for activity in special}
    for activity in register.activities:
        contradiction = _contradiction(activity, special_sets)
        found = id(activity) in detected
        if contradiction is None and not found and has_value(activity.get("bijzondere gegevens")):
            continue  # no special data, no contradiction, and 'bijzondere gegevens' said (the note needs it unsaid)
        state = _declared(activity, vocab)
        if state.state == "stated":
            continue
        hits = _strong(activity, vocab) if found else []
        if hits:
            span = hits[0].span
            if not _once(seen, span):
                continue
            suggestion = _suggestion(hits, "nl")
            written_in = written_language(activity, register)
            written = _suggestion(hits, written_in)
            if state.field is not None and state.field.block is activity:
                edit = value_edit(state.field, written)
            else:
                key = language().field_spelling("bijzondere gegevens", written_in)
                edit = _insert_field(activity, ("gegevens", "betrokkenen", "doel"), f"{key}: {written}")
            if state.state == "absent":
                said_en = "does not declare them in 'bijzondere gegevens'"
                said_nl = "geeft ze niet op in 'bijzondere gegevens'"
            else:
                said_en = f"declares none ('bijzondere gegevens: {state.field.text}')"
                said_nl = f"geeft er geen op ('bijzondere gegevens: {state.field.text}')"
            yield report(span,
                         f"'{activity.name}' processes data that reveal special categories of personal data "
                         f"({_hit_list(hits, 'en')}) but {said_en}: declare them, e.g. 'bijzondere gegevens: "
                         f"{suggestion}', and name the exception in 'uitzondering' (Art. 9(1), 30(1)(c); CJEU "
                         "C-184/20).",
                         f"'{activity.name}' verwerkt gegevens die bijzondere persoonsgegevens onthullen "
                         f"({_hit_list(hits, 'nl')}), maar {said_nl}: geef ze op, bijvoorbeeld 'bijzondere gegevens: "
                         f"{suggestion}', en noem de uitzondering in 'uitzondering' (art. 9 lid 1, 30 lid 1 sub c; HvJ "
                         "EU C-184/20).",
                         fix=Fix(Message("Declare the special categories", "Geef de bijzondere gegevens op"),
                                 (edit,), safe=False) if edit is not None else None,
                         activity=activity, field=hits[0].site.key)
            continue
        if contradiction is not None:
            item, (other, other_field) = contradiction
            span = state.field.value_span if state.state == "none" else item.span
            if not _once(seen, span):
                continue
            none_en = (f"declares none ('{state.field.text}')" if state.state == "none"
                       else "does not declare special categories")
            none_nl = (f"geeft er geen op ('{state.field.text}')" if state.state == "none"
                       else "geeft geen bijzondere gegevens op")
            yield report(span,
                         f"'{activity.name}' processes '{item.value}' and {none_en}, but {_other(other)} declares "
                         "that same data as special categories of personal data: the two activities contradict each "
                         "other. Make them agree, and if the data include special categories, declare them here with "
                         "the exception (Art. 9(1), 30(1)(c)).",
                         f"'{activity.name}' verwerkt '{item.value}' en {none_nl}, maar {_other(other)} geeft "
                         "dezelfde gegevens op als bijzondere persoonsgegevens: de twee verwerkingen spreken elkaar "
                         "tegen. Maak ze gelijk, en zitten er bijzondere gegevens in, geef die dan hier op met de "
                         "uitzondering (art. 9 lid 1, 30 lid 1 sub c).",
                         related=(Related(other_field.value_span,
                                          Message("The activity that declares these data as special categories.",
                                                  "De verwerking die deze gegevens als bijzonder opgeeft.")),),
                         activity=activity, field="bijzondere gegevens")
            continue
        if state.state != "absent":
            continue  # "geen" was written: the author considered the proxies
        proxies = _hits_in(vocab, "special_category_proxies", activity, DETECT)
        if any(hit.match.entry.get("beeld") for hit in proxies) and not _has_identification(activity, vocab):
            proxies = [hit for hit in proxies if not hit.match.entry.get("beeld")]
        if not proxies:
            # data shared with care providers ("logopedie, zorgteam, GGD") are likely about health: a note
            proxies = [hit for termset in ("special_categories", "special_category_proxies")
                       for hit in _hits_in(vocab, termset, activity, ("ontvangers",), name=False)
                       if not hit.match.entry.get("beeld")]
        if not proxies or not _once(seen, proxies[0].span):
            continue
        categories: list = []
        for hit in proxies:
            for entry in hit.match.entries:
                if entry not in categories:
                    categories.append(entry)
        yield report(proxies[0].span,
                     f"{_hit_list(proxies, 'en')} in '{activity.name}' can reveal "
                     f"{'; or '.join(e['en'] for e in categories)}: if they do here (or are used that way), declare "
                     "them in 'bijzondere gegevens' with the exception; if not, write 'bijzondere gegevens: geen' "
                     "(Art. 9(1); CJEU C-184/20).",
                     f"{_hit_list(proxies, 'nl')} in '{activity.name}' kunnen "
                     f"{'; of '.join(e['naam'] for e in categories)} onthullen: doen ze dat hier (of worden ze zo "
                     "gebruikt), geef ze dan op in 'bijzondere gegevens' met de uitzondering; zo niet, schrijf dan "
                     "'bijzondere gegevens: geen' (art. 9 lid 1; HvJ EU C-184/20).",
                     severity="note", activity=activity, field=proxies[0].site.key)


# ---------------------------------------------------------------------------------------------
# AVG504


@rule(id="AVG504", slug="uitdrukkelijke-toestemming-vereist", severity="warning", scope="register", needs=SPECIAL_DATA,
      fix="suggestion", articles=("9(2)(a)", "UAVG 22(2)(a)"),
      title=("Special categories of personal data on consent that is not explicit consent.",
             "Bijzondere persoonsgegevens op toestemming die geen uitdrukkelijke toestemming is."))
def explicit_consent_required(register, ctx):
    """
    ## What it checks
    That an activity with special categories of personal data that relies on consent
    relies on *explicit* consent: `uitzondering` says "uitdrukkelijke toestemming" (or
    "expliciete toestemming", "art. 9 lid 2 sub a AVG"). It fires when `uitzondering`
    says only "toestemming", and when the basis is consent (`grondslag: Toestemming`)
    and `uitzondering` is missing.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Consent under Art. 6(1)(a) is not enough for special data: Art. 9(2)(a) (UAVG
    22(2)(a)) requires explicit consent, given in an express statement (a signature, a
    separate tick box for the health question), for the specific special data and
    purpose. The register should show which of the two was asked.

    ## Example
    ```avg
    verwerking "Dieetwensen bij evenementen" {
        bijzondere gegevens: allergieën en dieetwensen om medische redenen
        uitzondering: toestemming
        grondslag: Toestemming
    }
    ```

    ## Use instead
    ```avg
    verwerking "Dieetwensen bij evenementen" {
        bijzondere gegevens: allergieën en dieetwensen om medische redenen
        uitzondering: uitdrukkelijke toestemming (art. 9 lid 2 sub a AVG)
        grondslag: Toestemming
    }
    ```

    ## Fix safety
    The suggested fix writes "uitdrukkelijke toestemming (art. 9 lid 2 sub a AVG)" (in a
    register written in English: "explicit consent (Art. 9(2)(a) GDPR)"). That asserts that explicit consent was asked, which only the organisation knows; it is
    never applied without `--unsafe-fixes`.
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking van bijzondere persoonsgegevens die op toestemming rust, op
    *uitdrukkelijke* toestemming rust: `uitzondering` zegt "uitdrukkelijke toestemming"
    (of "expliciete toestemming", "art. 9 lid 2 sub a AVG"). De regel meldt het als
    `uitzondering` alleen "toestemming" zegt, en als de grondslag toestemming is
    (`grondslag: Toestemming`) en `uitzondering` ontbreekt.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Toestemming volgens art. 6 lid 1 sub a is voor bijzondere gegevens niet genoeg:
    art. 9 lid 2 sub a (art. 22 lid 2 sub a UAVG) vraagt uitdrukkelijke toestemming,
    gegeven met een uitdrukkelijke verklaring (een handtekening, een apart vinkje voor de
    gezondheidsvraag), voor de specifieke bijzondere gegevens en het doel. Het register
    hoort te laten zien welke van de twee is gevraagd.

    ## Voorbeeld

    ## Beter

    ## Veiligheid van de correctie
    De voorgestelde correctie schrijft "uitdrukkelijke toestemming (art. 9 lid 2 sub a
    AVG)" (in een register met Engelse sleutels: "explicit consent (Art. 9(2)(a) GDPR)"). Dat
    beweert dat uitdrukkelijke toestemming is gevraagd, wat alleen de
    organisatie weet; de correctie wordt nooit toegepast zonder `--unsafe-fixes`.
    """
    vocab = ctx.vocab
    seen: set = set()
    for activity in ctx.activities:
        exception = _exception(activity, vocab)
        plain = _plain_consent(exception, vocab)
        if not plain and exception.field is not None and exception.reading is not None:
            continue  # another exception, explicit consent, or something AVG502 reports
        declared = _declared(activity, vocab)
        if not declared.art9 and not _strong(activity, vocab):
            continue
        if not plain:
            basis, reading, letters = _letters(activity, vocab)
            if "a" not in letters:
                continue
        written_in = written_language(activity, register)
        explicit = EXPLICIT_CONSENT_WRITTEN[written_in]
        if plain:
            span = exception.field.value_span
            edit = value_edit(exception.field, explicit)
            fix = Fix(Message(f"Write '{explicit}'", f"Schrijf '{explicit}'"), (edit,), safe=False) if edit else None
            if not _once(seen, span):
                continue
            yield report(span,
                         f"'{exception.field.text}' is not enough for special categories of personal data: "
                         "Art. 9(2)(a) requires explicit consent. Ask for it and write "
                         f"'{EXPLICIT_CONSENT}' (UAVG 22(2)(a)).",
                         f"'{exception.field.text}' is niet genoeg voor bijzondere persoonsgegevens: art. 9 lid 2 "
                         "sub a vraagt uitdrukkelijke toestemming. Vraag die en schrijf "
                         f"'{EXPLICIT_CONSENT}' (art. 22 lid 2 sub a UAVG).",
                         fix=fix, activity=activity, field="uitzondering")
            continue
        span = _basis_span(basis, reading, "a") if basis.block is activity else (
            declared.field.value_span if declared.art9 else activity.name_span)
        if not _once(seen, span):
            continue
        new_field = f"{language().field_spelling('uitzondering', written_in)}: {explicit}"
        own = activity.own("uitzondering")  # empty, or "geen": written into, not added a second time
        if own is not None:
            edit = value_edit(own, explicit)
        elif exception.field is None:
            edit = _insert_field(activity, ("grondslag",), new_field)
        else:
            edit = None  # inherited: the group's value is not this activity's to change
        fix = Fix(Message(f"Add '{new_field}'", f"Voeg '{new_field}' toe"), (edit,), safe=False) if edit else None
        yield report(span,
                     f"'{activity.name}' processes special categories of personal data on consent, but consent under "
                     "Art. 6(1)(a) does not lift the ban of Art. 9(1): the exception is explicit consent "
                     f"(Art. 9(2)(a), UAVG 22(2)(a)). Ask for it and write 'uitzondering: {EXPLICIT_CONSENT}'.",
                     f"'{activity.name}' verwerkt bijzondere persoonsgegevens op toestemming, maar toestemming volgens "
                     "art. 6 lid 1 sub a heft het verbod van art. 9 lid 1 niet op: de uitzondering is uitdrukkelijke "
                     f"toestemming (art. 9 lid 2 sub a, art. 22 lid 2 sub a UAVG). Vraag die en schrijf 'uitzondering: "
                     f"{EXPLICIT_CONSENT}'.", fix=fix, activity=activity, field="grondslag")


# ---------------------------------------------------------------------------------------------
# AVG505


def _uavg29(exception: Exception_) -> bool:
    reading = exception.reading
    if reading is None:
        return False
    return (any(entry.get("id") == "uavg_29" for entry in reading.uavg)
            or any(m.entry.get("id") == "uavg_29" for m in reading.mentions))


_BIOMETRIC_KEYS = ("gegevens", "bijzondere gegevens", "betrokkenen", "doel", "omschrijving", "systemen")


def _biometric(match: TermMatch) -> bool:
    return any(e.get("id") == "biometrisch" for e in match.entries)


@rule(id="AVG505", slug="biometrie-buiten-uavg29", severity="error", scope="register",
      needs=dict.fromkeys((*_BIOMETRIC_KEYS, NAME), mentions("special_categories", _biometric)),
      articles=("9(1)", "UAVG 29"),
      title=("Biometric identification without UAVG 29 (authentication or security) or explicit consent.",
             "Biometrische identificatie zonder art. 29 UAVG (authenticatie of beveiliging) of uitdrukkelijke "
             "toestemming."))
def biometrics_outside_uavg29(register, ctx):
    """
    ## What it checks
    That an activity that uses biometrics to identify people ("vingerafdruk",
    "gezichtsherkenning", "irisscan", "handpalm", "stemherkenning", "biometrisch",
    "Face ID" …, in `gegevens`, `bijzondere gegevens`, `betrokkenen`, `doel`,
    `omschrijving`, `systemen` or the name) names in `uitzondering` one of the two
    exceptions Dutch law allows for it: necessary for authentication or security
    (art. 29 UAVG), or explicit consent (art. 9 lid 2 sub a AVG). Explicit consent of
    employees gives a warning: it is rarely freely given.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Biometric data for unique identification are special data (Art. 9(1)). Art. 29 UAVG
    allows them without consent only when necessary for authentication or security, and
    the necessity is strict: a fingerprint time clock is not. The Autoriteit
    Persoonsgegevens fined a company €725,000 in 2020 for fingerprint time registration
    of its employees, whose consent was not free (Art. 7(4), recital 43).

    ## Example
    ```avg
    verwerking "Tijdregistratie" {
        betrokkenen: medewerkers
        gegevens: vingerafdruk, tijdstip van in- en uitklokken
        grondslag: Uitvoering overeenkomst
    }
    ```

    ## Use instead
    ```avg
    verwerking "Toegang tot het rekencentrum" {
        betrokkenen: beheerders met toegang tot het rekencentrum
        bijzondere gegevens: vingerafdruk (template op de toegangspas)
        uitzondering: noodzakelijk voor authenticatie of beveiliging (art. 29 UAVG)
        grondslag: Gerechtvaardigd belang
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking die mensen met biometrie identificeert ("vingerafdruk",
    "gezichtsherkenning", "irisscan", "handpalm", "stemherkenning", "biometrisch", "Face
    ID" …, in `gegevens`, `bijzondere gegevens`, `betrokkenen`, `doel`, `omschrijving`,
    `systemen` of de naam) in `uitzondering` een van de twee uitzonderingen noemt die de
    Nederlandse wet daarvoor kent: noodzakelijk voor authenticatie of beveiliging (art. 29
    UAVG), of uitdrukkelijke toestemming (art. 9 lid 2 sub a AVG). Uitdrukkelijke
    toestemming van werknemers geeft een waarschuwing: die is zelden vrij gegeven.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Biometrische gegevens voor unieke identificatie zijn bijzondere persoonsgegevens
    (art. 9 lid 1). Art. 29 UAVG staat ze zonder toestemming alleen toe als dat nodig is
    voor authenticatie of beveiliging, en die noodzaak is streng: een prikklok met
    vingerafdruk valt er niet onder. De Autoriteit Persoonsgegevens beboette in 2020 een
    bedrijf met € 725.000 voor tijdregistratie met vingerafdrukken van medewerkers, wier
    toestemming niet vrij was (art. 7 lid 4, overweging 43).

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    seen: set = set()
    for activity in ctx.activities:
        hits = _hits_in(vocab, "special_categories", activity, _BIOMETRIC_KEYS, keep=_biometric)
        if not hits:
            continue
        exception = _exception(activity, vocab)
        if _uavg29(exception):
            continue
        explicit = "a" in exception.grounds
        employees = _employees(activity, vocab) if explicit else None
        if explicit and employees is None:
            continue
        span = hits[0].span
        if not _once(seen, span):
            continue
        what = _quoted(hit.text for hit in hits)
        if explicit:
            yield report(span,
                         f"Biometric identification ({what}) of employees ('{employees.text}') on explicit consent: "
                         "an employee's consent is rarely free (Art. 7(4), recital 43; AP fine of 2020 for "
                         "fingerprint time registration). Use it only where necessary for authentication or security "
                         "(art. 29 UAVG), and offer an alternative such as a pass or PIN.",
                         f"Biometrische identificatie ({what}) van werknemers ('{employees.text}') op uitdrukkelijke "
                         "toestemming: de toestemming van een werknemer is zelden vrij (art. 7 lid 4, overweging 43; "
                         "boete van de AP in 2020 voor tijdregistratie met vingerafdrukken). Gebruik ze alleen waar "
                         "dat nodig is voor authenticatie of beveiliging (art. 29 UAVG), en bied een alternatief zoals "
                         "een pas of pincode.", severity="warning", activity=activity, field=hits[0].site.key)
            continue
        if exception.reading is not None:
            given_en = f"'{exception.field.text}' in 'uitzondering' is neither"
            given_nl = f"'{exception.field.text}' in 'uitzondering' is geen van beide"
        else:
            given_en, given_nl = "'uitzondering' names neither", "'uitzondering' noemt geen van beide"
        yield report(span,
                     f"Biometric identification ({what}) is allowed only when necessary for authentication or "
                     "security (art. 29 UAVG) or with explicit consent (Art. 9(2)(a)), and "
                     f"{given_en}. Name the one that applies, or use a means without biometrics (a pass, a PIN).",
                     f"Biometrische identificatie ({what}) mag alleen als dat nodig is voor authenticatie of "
                     "beveiliging (art. 29 UAVG) of met uitdrukkelijke toestemming (art. 9 lid 2 sub a), en "
                     f"{given_nl}. Noem de uitzondering die geldt, of gebruik een middel zonder biometrie (een pas, "
                     "een pincode).",
                     activity=activity, field=hits[0].site.key)


# ---------------------------------------------------------------------------------------------
# AVG506


@rule(id="AVG506", slug="gezondheid-werknemers", severity="warning", scope="register",
      needs=dict.fromkeys(DATA, mentions("employee_health")),
      articles=("9(1)", "UAVG 30(1)"),
      title=("The employer records diagnosis-level health data of its employees.",
             "De werkgever legt medische gegevens van zijn werknemers vast."))
def employee_health_data(register, ctx):
    """
    ## What it checks
    That an activity about the organisation's own employees does not record their
    health at the level of the diagnosis: "diagnose", "ziektebeeld", "medische
    gegevens", "aard van de ziekte", "medicatie", "burn-out", and in an activity about
    sickness "klachten" and "beperkingen", in `gegevens` or `bijzondere gegevens`. What
    an employer may record administratively ("ziekmelding", "verzuimduur", "verwachte
    duur van het verzuim", "werkhervatting", "functionele mogelijkheden en
    beperkingen", "plan van aanpak") is fine. Data that the text keeps with the
    occupational physician ("alleen bij de bedrijfsarts"), employees of clients, and
    activities on the health-care exception (Art. 9(2)(h)) are not reported. Own staff are
    recognised by their role too ("herplaatsingskandidaten", "mobiliteitskandidaten",
    "re-integranten", "stagiairs", "redeployment candidates"), not only by "medewerkers";
    applicants and volunteers are not the employer's staff under UAVG 30(1).

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 30(1) UAVG lets an employer process health data of employees only as far as
    needed for sickness absence and reintegration. The Autoriteit Persoonsgegevens'
    guidance on sick employees: the employer may record that an employee is ill, the
    expected duration and what work is still possible, but not the diagnosis, the
    complaints or the nature of the illness; those stay with the occupational physician
    (bedrijfsarts), under medical confidentiality.

    ## Example
    ```avg
    verwerking "Verzuimregistratie" {
        betrokkenen: medewerkers
        bijzondere gegevens: datum van ziekmelding, diagnose en medicatie
        uitzondering: art. 9 lid 2 sub b AVG jo. art. 30 lid 1 UAVG
    }
    ```

    ## Use instead
    ```avg
    verwerking "Verzuimregistratie" {
        betrokkenen: medewerkers
        bijzondere gegevens: datum van ziekmelding, verwachte duur van het verzuim,
                             advies van de bedrijfsarts over werkhervatting
        uitzondering: art. 9 lid 2 sub b AVG jo. art. 30 lid 1 UAVG
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking over de eigen werknemers hun gezondheid niet vastlegt op het
    niveau van de diagnose: "diagnose", "ziektebeeld", "medische gegevens", "aard van de
    ziekte", "medicatie", "burn-out", en in een verwerking over ziekte "klachten" en
    "beperkingen", in `gegevens` of `bijzondere gegevens`. Wat een werkgever
    administratief mag vastleggen ("ziekmelding", "verzuimduur", "verwachte duur van het
    verzuim", "werkhervatting", "functionele mogelijkheden en beperkingen", "plan van
    aanpak") is in orde. Gegevens die volgens de tekst bij de bedrijfsarts blijven
    ("alleen bij de bedrijfsarts"), werknemers van klanten en verwerkingen op de
    uitzondering voor de gezondheidszorg (art. 9 lid 2 sub h) worden niet gemeld. Eigen
    personeel wordt ook aan de rol herkend ("herplaatsingskandidaten",
    "mobiliteitskandidaten", "re-integranten", "stagiairs"), niet alleen aan
    "medewerkers"; sollicitanten en vrijwilligers zijn geen personeel in de zin van art. 30
    lid 1 UAVG.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 30 lid 1 UAVG staat een werkgever alleen toe gezondheidsgegevens van werknemers
    te verwerken voor zover dat nodig is voor verzuim en re-integratie. Volgens de
    Autoriteit Persoonsgegevens over zieke werknemers mag de werkgever vastleggen dat een
    werknemer ziek is, de verwachte duur en welk werk nog kan, maar niet de diagnose, de
    klachten of de aard van de ziekte; die blijven bij de bedrijfsarts, onder het
    medisch beroepsgeheim.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    seen: set = set()
    for activity in ctx.activities:
        employees = _employees(activity, vocab)
        if employees is None:
            continue
        if "h" in _exception(activity, vocab).grounds:
            continue  # occupational medicine or care: the health professional's own processing
        health = None

        def in_context(match: TermMatch) -> bool:  # called only in this iteration, for this activity
            nonlocal health
            level = match.entry.get("niveau")
            if level == "diagnose":
                return True
            if level != "diagnose_in_context":
                return False
            if health is None:
                health = bool(_hits_in(vocab, "special_categories", activity, DESCRIBED,  # noqa: B023
                                       keep=lambda m: m.entry.get("id") == "gezondheid"))
            return health

        hits = [hit for hit in _hits_in(vocab, "employee_health", activity, DATA, name=False, keep=in_context)
                if not vocab.terms("occupational_physician_only").search(hit.item)]
        if not hits or not _once(seen, hits[0].span):
            continue
        what = _quoted(hit.text for hit in hits)
        yield report(hits[0].span,
                     f"{what}: an employer may record sickness absence ('{employees.text}') administratively (the "
                     "report, the expected duration, the work still possible), not the diagnosis, the complaints or "
                     "the nature of the illness; those stay with the occupational physician. Remove them, or record "
                     "that only the bedrijfsarts holds them (UAVG 30(1); AP guidance on sick employees).",
                     f"{what}: een werkgever mag verzuim van werknemers ('{employees.text}') administratief vastleggen "
                     "(de ziekmelding, de verwachte duur, het werk dat nog kan), niet de diagnose, de klachten of de "
                     "aard van de ziekte; die blijven bij de bedrijfsarts. Verwijder ze, of leg vast dat alleen de "
                     "bedrijfsarts ze heeft (art. 30 lid 1 UAVG; AP over zieke werknemers).",
                     activity=activity, field=hits[0].site.key)


# ---------------------------------------------------------------------------------------------
# AVG507


def _criminal_ground(activity: Activity, vocab) -> bool:
    """`uitzondering` or `grondslag` names UAVG 32/33, an AP permit or another Art. 10 ground."""
    return any(_names_criminal_ground(value_of(activity.get(key)), vocab) for key in ("uitzondering", "grondslag"))


def _names_criminal_ground(text: str, vocab) -> bool:
    """A text names a ground of Art. 10: one of ``criminal_grounds`` or a citation of UAVG 32/33."""
    return bool(text) and (_in(text, vocab, "criminal_grounds") or any(
        c.law == "UAVG" and c.article in ("32", "33") for c in vocab.citations(text)))


@rule(id="AVG507", slug="strafrechtelijk-zonder-grondslag", severity="error", scope="register",
      needs=dict.fromkeys((*DESCRIBED, NAME), mentions("criminal_data")),
      articles=("10", "UAVG 31-33"),
      title=("Criminal-law personal data without a ground of UAVG 32 or 33.",
             "Strafrechtelijke persoonsgegevens zonder grond van art. 32 of 33 UAVG."))
def criminal_without_ground(register, ctx):
    """
    ## What it checks
    That an activity with personal data of a criminal nature ("strafblad", "VOG",
    "veroordeling", "strafbaar feit", "verdachte", "aangifte bij de politie",
    "proces-verbaal", "winkelverbod", "zwarte lijst", "incidentenregister" …, in
    `gegevens`, `bijzondere gegevens`, `betrokkenen`, `doel`, `omschrijving` or the name)
    names the ground that allows them, in `uitzondering` (or `grondslag`): an article of
    UAVG 32 or 33 ("art. 33 lid 2 sub b UAVG"), a permit of the Autoriteit
    Persoonsgegevens, explicit consent, or the statutory task of a body that applies
    criminal law. A criminal term that is the object of a preventive aim ("het voorkomen
    van strafbare feiten", "to prevent offences"), also as a later item of a list the aim
    leads ("het voorkomen van diefstal, inbraak en vandalisme"), names a purpose, not data,
    and does not count. Fraud investigation without such a ground gives a note: it becomes
    criminal data once there is a suspicion. Criminal data that the register calls
    "bijzondere persoonsgegevens" get a note: Art. 10 is a separate regime.

    A privacy statement that says it processes criminal data ("we collect criminal
    conviction data where the law permits us") names the ground as well: one of those
    above, or the statute that provides for them, where it speaks of those data or in
    their section. A VOG, which the Wjsg provides for, needs none named there.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Data about criminal convictions and offences may be processed only under official
    authority or where the law allows it (Art. 10); in the Netherlands UAVG 31–33 say
    when, and UAVG 1 adds court-ordered bans for unlawful or nuisance behaviour. Sharing
    such data with third parties, such as a blacklist within a sector, requires a permit
    of the AP (UAVG 33(4)(c)). An Art. 9(2) exception does not cover criminal data.

    ## Example
    ```avg
    verwerking "Winkelverboden" {
        gegevens: naam, foto, winkelverbod en aanleiding
        grondslag: Gerechtvaardigd belang
    }
    ```

    ## Use instead
    ```avg
    verwerking "Winkelverboden" {
        gegevens: naam, foto, winkelverbod en aanleiding
        uitzondering: art. 33 lid 2 sub b UAVG (bescherming van onze belangen tegen strafbare feiten)
        grondslag: Gerechtvaardigd belang
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking met persoonsgegevens van strafrechtelijke aard ("strafblad",
    "VOG", "veroordeling", "strafbaar feit", "verdachte", "aangifte bij de politie",
    "proces-verbaal", "winkelverbod", "zwarte lijst", "incidentenregister" …, in
    `gegevens`, `bijzondere gegevens`, `betrokkenen`, `doel`, `omschrijving` of de naam) de
    grond noemt die ze toestaat, in `uitzondering` (of `grondslag`): een artikel van
    art. 32 of 33 UAVG ("art. 33 lid 2 sub b UAVG"), een vergunning van de Autoriteit
    Persoonsgegevens, uitdrukkelijke toestemming, of de wettelijke taak van een instantie
    die het strafrecht toepast. Een strafrechtelijk woord als voorwerp van een preventief
    doel ("het voorkomen van strafbare feiten", "ter voorkoming van misdrijven"), ook als
    later deel van een opsomming na dat doel ("het voorkomen van diefstal, inbraak en
    vandalisme"), noemt een doel, geen gegevens, en telt niet. Fraudeonderzoek zonder zo'n grond geeft een opmerking:
    het worden strafrechtelijke gegevens zodra er een verdenking is. Strafrechtelijke
    gegevens die het register "bijzondere persoonsgegevens" noemt, geven een opmerking:
    art. 10 is een eigen regime.

    Een privacyverklaring die zegt strafrechtelijke gegevens te verwerken ("we collect
    criminal conviction data where the law permits us") noemt de grond ook: een van de
    gronden hierboven, of de wet die erin voorziet, waar ze over die gegevens spreekt of in
    hun paragraaf. Voor een VOG, waarin de Wjsg voorziet, hoeft ze daar geen te noemen.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Gegevens over strafrechtelijke veroordelingen en strafbare feiten mogen alleen onder
    toezicht van de overheid worden verwerkt, of als de wet het toestaat (art. 10); in
    Nederland zeggen art. 31–33 UAVG wanneer, en art. 1 UAVG voegt door de rechter
    opgelegde verboden wegens onrechtmatig of hinderlijk gedrag toe. Zulke gegevens delen
    met derden, zoals een zwarte lijst binnen een branche, vraagt een vergunning van de
    AP (art. 33 lid 4 sub c UAVG). Een uitzondering van art. 9 lid 2 dekt strafrechtelijke
    gegevens niet.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    labels = vocab.terms("special_category_labels")
    seen: set = set()
    for activity in ctx.activities:
        hits = _criminal(activity, vocab)
        if not hits:
            continue
        if _criminal_ground(activity, vocab):
            # a ground is given; only the terminology: criminal data called "bijzondere persoonsgegevens"
            misfiled = next((hit for hit in hits if hit.site.key == "bijzondere gegevens"
                             and labels.search(hit.site.text)), None)
            if misfiled is not None and _once(seen, misfiled.span):
                yield report(misfiled.span,
                             f"'{misfiled.text}' is criminal data, not a special category of Art. 9(1): Art. 10 and "
                             "UAVG 31–33 are a separate regime, with their own grounds. Call them 'strafrechtelijke "
                             "gegevens', not 'bijzondere persoonsgegevens'.",
                             f"'{misfiled.text}' zijn strafrechtelijke gegevens, geen bijzondere categorie van art. 9 "
                             "lid 1: art. 10 en art. 31–33 UAVG zijn een eigen regime, met eigen gronden. Noem ze "
                             "'strafrechtelijke gegevens', niet 'bijzondere persoonsgegevens'.",
                             severity="note", activity=activity, field="bijzondere gegevens")
            continue
        firm = [hit for hit in hits if hit.match.entry.get("niveau") != "note"]
        if not firm:
            if _once(seen, hits[0].span):
                yield report(hits[0].span,
                             f"{_quoted(h.text for h in hits)}: once there is a suspicion or a report, fraud "
                             "investigation processes criminal data (Art. 10). Name the ground of UAVG 33 in "
                             "'uitzondering' (e.g. 'art. 33 lid 2 sub b UAVG'), or say why no criminal data are "
                             "recorded.",
                             f"{_quoted(h.text for h in hits)}: zodra er een verdenking of melding is, verwerkt "
                             "fraudeonderzoek strafrechtelijke gegevens (art. 10). Noem de grond van art. 33 UAVG in "
                             "'uitzondering' (bijvoorbeeld 'art. 33 lid 2 sub b UAVG'), of zeg waarom geen "
                             "strafrechtelijke gegevens worden vastgelegd.",
                             severity="note", activity=activity, field=hits[0].site.key)
            continue
        if not _once(seen, firm[0].span):
            continue
        exception = _exception(activity, vocab)
        extra_en = extra_nl = ""
        if exception.grounds:
            extra_en = (f" '{exception.field.text}' is an exception of Art. 9(2), which does not cover criminal data "
                        "(Art. 10 is a separate regime).")
            extra_nl = (f" '{exception.field.text}' is een uitzondering van art. 9 lid 2, en die dekt "
                        "strafrechtelijke gegevens niet (art. 10 is een eigen regime).")
        yield report(firm[0].span,
                     f"{_hit_list(firm, 'en')} are personal data of a criminal nature (Art. 10, UAVG 1), and "
                     f"'{activity.name}' names no ground that allows them.{extra_en} Name it in 'uitzondering': an "
                     "article of UAVG 32 or 33 (e.g. 'art. 33 lid 2 sub b UAVG' to protect your own interests), or "
                     "the AP permit when the data are shared with third parties (UAVG 33(4)(c)).",
                     f"{_hit_list(firm, 'nl')} zijn persoonsgegevens van strafrechtelijke aard (art. 10, art. 1 UAVG), "
                     f"en '{activity.name}' noemt geen grond die ze toestaat.{extra_nl} Noem die in 'uitzondering': "
                     "een artikel van art. 32 of 33 UAVG (bijvoorbeeld 'art. 33 lid 2 sub b UAVG' ter bescherming van "
                     "de eigen belangen), of de vergunning van de AP als de gegevens met derden worden gedeeld (art. "
                     "33 lid 4 sub c UAVG).", activity=activity, field=firm[0].site.key)


# ---------------------------------------------------------------------------------------------
# AVG508


def _stated(masking, text: str) -> str | None:
    """What the text says an ID copy holds: "afgeschermd" (masked), "volledig_wettelijk" (full, by law) or None."""
    found = masking.search(text)
    return found.entry["id"] if found else None


def _statute_named(activity: Activity, vocab, public: bool) -> bool:
    """`grondslag` or `uitzondering` names a statute other than the GDPR and the UAVG; or ``public`` (a public
    body's register) and the basis is a public task or a legal obligation: art. 10 Wabb lets a public body use
    the BSN for its tasks."""
    for key in ("grondslag", "uitzondering"):
        field = activity.get(key)
        if not has_value(field):
            continue
        text = field.text
        if public and key == "grondslag" and named_letters(vocab.lawful_bases.read(text)) & {"c", "e"}:
            return True
        if vocab.terms("bsn_statutes").search(text):
            return True
        if any(c.other_law for c in vocab.citations(text)):
            return True
        for match in vocab.terms("statute_markers").find(text):
            if normalise(match.text) not in ("uavg",):
                return True
    return False


def _id_copy(match: TermMatch) -> bool:
    return match.entry.get("id") == "kopie_id"


@rule(id="AVG508", slug="bsn-zonder-wettelijke-grondslag", severity="error", scope="register",
      needs=dict.fromkeys((*DESCRIBED, NAME), either(mentions("bsn"), mentions("id_copies", _id_copy))),
      articles=("UAVG 46", "87"),
      title=("The BSN or a copy of an ID document without the statute that allows it.",
             "Het BSN of een kopie van een identiteitsbewijs zonder de wet die dat toestaat."))
def bsn_without_statute(register, ctx):
    """
    ## What it checks
    That an activity that processes the citizen service number ("BSN",
    "burgerservicenummer", "sofinummer") or a copy of an identity document ("kopie
    ID", "kopie paspoort", "scan van het rijbewijs" …) names, in `grondslag` or
    `uitzondering`, the statute that allows it: the Wet op de loonbelasting for an
    employer, the Wet gebruik BSN in de zorg for a care provider, the Wwft, the Wabb for a
    public body, or an article of another statute. The activity of a public body (`type:
    overheid` in the organisation) that rests on a public task or a legal obligation needs
    none: art. 10 Wabb lets a public body use the BSN for its tasks. A copy of an ID document also gets a
    note to mask the BSN (where the statute does not require it) and the photo, unless
    the register says they are masked.

    In a privacy statement, the finding carries this rule's id when the statement asks for
    or holds the BSN or a copy of an ID document ("een kopie van uw rijbewijs", "a copy of a
    identification document (a passport, identification card or drivers license)") and names
    no statute in the same paragraph, and does not say the copy is masked ("maak daarop uw
    BSN en pasfoto zwart"); masking that is only advised ("We advise you to use KopieID")
    does not count. That a copy is demanded with every request of a data subject is AVG908.
    A statement of a public body ("De gemeente verwerkt …") is left alone: art. 10 Wabb lets
    every public body use the BSN for its tasks. So is one of a care provider ("Parkstad
    Thuiszorg"), or a BSN used for care ("BSN (voor zorgverlening)", "for your health
    insurer"): the Wet gebruik BSN in de zorg obliges a care provider to use it. So is a BSN
    the statement uses only where a law requires it ("ID en BSN indien wettelijk vereist",
    "where required by law"): it ties the number to the statute that allows it.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    A number that the law prescribes to identify people may be used only to carry out
    that law or for purposes the law lays down (art. 46 UAVG, Art. 87 AVG). Most
    businesses have no such statute. An ID copy contains the BSN and a photo; the
    Autoriteit Persoonsgegevens advises keeping a copy only where a statute requires
    identification, with the BSN and the photo masked otherwise (e.g. with the KopieID
    app).

    ## Example
    ```avg
    verwerking "Huurders" {
        gegevens: naam, adres, BSN, inkomensverklaring
        grondslag: Uitvoering overeenkomst
    }
    ```

    ## Use instead
    ```avg
    verwerking "Loonheffingen" {
        gegevens: naam, BSN, fiscaal loon
        grondslag: Wettelijke verplichting (Wet op de loonbelasting 1964)
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking van het burgerservicenummer ("BSN", "burgerservicenummer",
    "sofinummer") of van een kopie van een identiteitsbewijs ("kopie ID", "kopie
    paspoort", "scan van het rijbewijs" …) in `grondslag` of `uitzondering` de wet noemt
    die dat toestaat: de Wet op de loonbelasting voor een werkgever, de Wet gebruik BSN in
    de zorg voor een zorgaanbieder, de Wwft, de Wabb voor een overheidsorgaan, of een
    artikel van een andere wet. Een verwerking van een overheidsorgaan (`type: overheid` in
    de organisatie) op grond van een publieke taak of een wettelijke verplichting hoeft er
    geen te noemen: art. 10 Wabb laat een overheidsorgaan het BSN voor zijn taken gebruiken.
    Een kopie van een identiteitsbewijs geeft ook een
    opmerking om het BSN (waar de wet het niet vraagt) en de pasfoto af te schermen,
    tenzij het register zegt dat ze afgeschermd zijn.

    In een privacyverklaring krijgt de melding het nummer van deze regel als de verklaring
    om het BSN of een kopie van een identiteitsbewijs vraagt of die bewaart ("een kopie van
    uw rijbewijs", "a copy of a identification document (a passport, identification card or
    drivers license)"), in dezelfde alinea geen wet noemt en niet zegt dat de kopie is
    afgeschermd ("maak daarop uw BSN en pasfoto zwart"); afschermen dat alleen wordt
    aangeraden ("We advise you to use KopieID") telt niet. Dat bij elk verzoek van een
    betrokkene een kopie wordt geëist, is AVG908. De verklaring van een overheidsinstantie
    ("De gemeente verwerkt …") blijft buiten beschouwing: art. 10 Wabb laat elke
    overheidsinstantie het BSN voor haar taken gebruiken. Net als die van een zorgaanbieder
    ("Parkstad Thuiszorg"), of een BSN dat voor zorg wordt gebruikt ("BSN (voor
    zorgverlening)", "voor uw zorgverzekeraar"): de Wet gebruik BSN in de zorg verplicht een
    zorgaanbieder het te gebruiken. Net als een BSN dat de verklaring alleen gebruikt waar een
    wet dat vereist ("ID en BSN indien wettelijk vereist", "where required by law"): dat
    verbindt het nummer met de wet die het toestaat.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Een nummer dat de wet voorschrijft om personen te identificeren, mag alleen worden
    gebruikt om die wet uit te voeren of voor doelen die de wet bepaalt (art. 46 UAVG,
    art. 87 AVG). De meeste bedrijven hebben zo'n wet niet. Een kopie van een
    identiteitsbewijs bevat het BSN en een pasfoto; de Autoriteit Persoonsgegevens raadt
    aan alleen een kopie te bewaren als een wet identificatie vraagt, en anders het BSN
    en de pasfoto af te schermen (bijvoorbeeld met de KopieID-app).

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    masking = vocab.terms("id_masking")
    public = register.organisation is not None and vocab.terms("public_authority").search(
        (register.organisation.own("type").text if register.organisation.own("type") else ""))
    seen: set = set()
    for activity in ctx.activities:
        # "kopie ID (BSN afgeschermd)" holds no BSN
        numbers = [hit for hit in _hits_in(vocab, "bsn", activity, DESCRIBED)
                   if _stated(masking, hit.item) != "afgeschermd"]
        copies = []  # (hit, what the register says the copy holds: "afgeschermd", "volledig_wettelijk" or None)
        for hit in _hits_in(vocab, "id_copies", activity, DESCRIBED, keep=_id_copy):
            copies.append((hit, _stated(masking, hit.item)))
        if not numbers and not copies:
            continue
        if not _statute_named(activity, vocab, bool(public)):
            # without a statute a masked copy (no BSN) is not this rule's concern; a full one holds the BSN
            copies = [hit for hit, stated in copies if stated != "afgeschermd"]
            if not numbers and not copies:
                continue
            first = min((*numbers, *copies), key=lambda hit: (hit.site.key != "gegevens", hit.span.start))
            if not _once(seen, first.span):
                continue
            what = _quoted(hit.text for hit in (*numbers, *copies))
            copy_en = copy_nl = ""
            if copies:
                copy_en = " A copy of an ID document holds the BSN; keep one only where a statute requires it."
                copy_nl = (" Een kopie van een identiteitsbewijs bevat het BSN; bewaar er alleen een als een wet "
                           "dat vraagt.")
            statute_en = ("e.g. 'Wettelijke verplichting (Wet op de loonbelasting 1964)'" if not public else
                          "e.g. 'art. 10 Wabb' with the statute of the task")
            statute_nl = ("bijvoorbeeld 'Wettelijke verplichting (Wet op de loonbelasting 1964)'" if not public else
                          "bijvoorbeeld 'art. 10 Wabb' met de wet van de taak")
            yield report(first.span,
                         f"{what}: the BSN may be used only where a statute allows it (art. 46 UAVG, Art. 87), and "
                         f"'{activity.name}' names none in 'grondslag' or 'uitzondering'.{copy_en} Name the statute, "
                         f"{statute_en}, or stop using the BSN.",
                         f"{what}: het BSN mag alleen worden gebruikt als een wet dat toestaat (art. 46 UAVG, art. "
                         f"87 AVG), en '{activity.name}' noemt er geen in 'grondslag' of 'uitzondering'.{copy_nl} "
                         f"Noem de wet, {statute_nl}, of gebruik het BSN niet.",
                         activity=activity, field=first.site.key)
            continue
        for hit in (hit for hit, stated in copies if stated is None):
            if _once(seen, hit.span):
                yield report(hit.span,
                             f"'{hit.text}': keep on the copy only what the statute requires and mask the rest (the "
                             "photo, and the BSN where the statute does not ask for it), and say so in the register, "
                             "e.g. 'kopie identiteitsbewijs (pasfoto afgeschermd)', or 'volledige kopie' when the "
                             "statute requires one (art. 46 UAVG; AP advice).",
                             f"'{hit.text}': bewaar op de kopie alleen wat de wet vraagt en scherm de rest af (de "
                             "pasfoto, en het BSN als de wet er niet om vraagt), en zeg dat in het register, "
                             "bijvoorbeeld 'kopie identiteitsbewijs (pasfoto afgeschermd)', of 'volledige kopie' als "
                             "de wet die vraagt (art. 46 UAVG; advies van de AP).",
                             severity="note", activity=activity, field=hit.site.key)
            break


# ---------------------------------------------------------------------------------------------
# In privacy statements: the statement side of AVG502 and AVG508


def _about_processing(reading: Reading, sentence: Sentence) -> bool:
    """The sentence describes data the organisation processes: a verb of use or keeping in it, in the sentence that
    introduces its list, or in a heading above it ("Bijzondere persoonsgegevens die wij verwerken"), or a
    heading above it about the data processed."""
    if reading.cues(sentence, "gebruik") or "gegevens" in reading.topics(sentence.section) or any(
            m.entry.get("id") == "bewaren" for m in reading.find("statement_elements", sentence)):
        return True
    lead = list_lead(reading.statement, sentence.block)
    while lead is not None:
        if any(reading.cues(s, "gebruik") for s in lead.sentences):
            return True
        lead = list_lead(reading.statement, lead)
    section = sentence.section
    while section is not None:
        if section.heading is not None and any(reading.cues(s, "gebruik") for s in section.heading.sentences):
            return True
        section = section.parent
    return False


def _named_as_data(reading: Reading, sentence: Sentence, match) -> bool:
    """The statement names the category as data it holds: "gezondheidsgegevens", "gegevens aangaande uw
    gezondheid", "health data", or next to the label "bijzonder persoonsgegeven"."""
    text = sentence.text
    words = reading.vocab.terms("special_data_words")
    if words.search(match.text) or reading.vocab.terms("special_category_labels").search(text):
        return True
    clause_start, clause_end = reading.clauses.clause(text, match.start, match.end)
    for word in words.find(text):
        if word.end <= match.start and word.start >= clause_start and word.entry.get("plaats") != "na" and \
                len(re.findall(r"\w+", text[word.end:match.start])) <= 3:
            return True
        if word.start >= match.end and word.end <= clause_end and not text[match.end:word.start].strip():
            return True
    return False


def _names_exception(text: str, vocab) -> bool:
    """An exception of Art. 9(2) in ``text``: cited, or in words that are not those of an Art. 6 basis."""
    said = vocab.exceptions.read(text)
    if said.citations or said.uavg:
        return bool(said.grounds)
    bases = {(m.start, m.end) for m in vocab.lawful_bases.read(text, fuzzy=False).mentions}
    return any((m.start, m.end) not in bases for m in said.mentions)


@statement_check(special_without_exception)
def statement_special_without_exception(statement: Statement, ctx):
    """Special categories the statement says it processes, with no exception of Art. 9(2) named."""
    reading = statement_reading(statement, ctx.vocab)
    vocab = ctx.vocab
    if reading.processes_nothing:
        return
    labels = vocab.terms("special_category_labels")
    exceptions = vocab.exceptions
    evidence: list[tuple[bool, Sentence, object]] = []
    for sentence in statement.sentences:
        if sentence.block.kind in ("heading", "title"):
            continue
        text = sentence.text
        if any(reading.negated(sentence, m.start, m.end) for m in labels.find(text)):
            return  # "wij verwerken geen bijzondere persoonsgegevens": the statement rules them out
        found = [m for m in reading.find("special_categories", sentence) if not reading.negated(sentence, m.start, m.end)]
        if not found:
            continue
        if exceptions.read(sentence.block.text).grounds:
            return  # the exception is named with the data
        if _about_processing(reading, sentence):
            evidence.extend((_named_as_data(reading, sentence, m), sentence, m) for m in found)
    # an exception cited anywhere, or named where the statement gives its bases ("with the express consent"); not
    # in the words of an Art. 6 basis ("als er sprake is van een vitaal belang" is 6(1)(d))
    basis_sentences = {c.sentence.index for c in reading.claims}
    if not evidence or any(_names_exception(s.text, vocab) for s in statement.sentences
                           if s.index in basis_sentences or vocab.citations(s.text)):
        return
    # where the statement names the data as such, rather than something they follow from
    named, sentence, match = max(evidence, key=lambda e: e[0])
    category = match.entry.get("en") or match.entry["id"]
    category_nl = match.entry.get("naam") or match.entry["id"]
    others = [(s, m) for _, s, m in evidence if s is not sentence][:5]
    yield report(sentence.span_of(match.start, match.end),
                 f"'{match.text}': the statement processes {category}, a special category of personal data, and names no "
                 "exception of Art. 9(2) that allows it: name it, e.g. 'explicit consent (Art. 9(2)(a))' or, for care, "
                 "'Art. 9(2)(h) GDPR with art. 30(3) UAVG' (Art. 9, 13(1)(c)).",
                 f"'{match.text}': de verklaring verwerkt {category_nl}, een bijzondere categorie persoonsgegevens, en "
                 "noemt geen uitzondering van art. 9 lid 2 die dat toestaat: noem die, bijvoorbeeld 'uitdrukkelijke "
                 "toestemming (art. 9 lid 2 sub a AVG)' of, voor zorg, 'art. 9 lid 2 sub h AVG met art. 30 lid 3 UAVG' "
                 "(art. 9, 13 lid 1 sub c).",
                 related=tuple(Related(s.span_of(m.start, m.end), Message("Special category data here too.",
                                                                          "Ook hier bijzondere persoonsgegevens."))
                               for s, m in others))


@statement_check(special_on_legitimate_interest)
def statement_special_on_legitimate_interest(statement: Statement, ctx):
    """A use of special categories that the statement rests on legitimate interests alone, with no Art. 9(2)
    exception named with it (a paragraph, list item or table row)."""
    reading = statement_reading(statement, ctx.vocab)
    for block in reading.units():
        if reading.letters(block) != {"f"} or ctx.vocab.exceptions.read(block.text).grounds:
            continue
        found = next(((sentence, m) for sentence in block.sentences for m in reading.find("special_categories", sentence)
                      if not reading.negated(sentence, m.start, m.end)), None)
        if found is None:
            continue
        sentence, match = found
        yield report(sentence.span_of(match.start, match.end),
                     f"'{match.text}': special categories of personal data on legitimate interests alone, which never "
                     "lift the ban of Art. 9(1): name the exception of Art. 9(2) that allows this use, e.g. 'Art. "
                     "9(2)(b) GDPR (employment law)' (Art. 9, 13(1)(c)).",
                     f"'{match.text}': bijzondere persoonsgegevens op alleen gerechtvaardigd belang, dat het verbod van "
                     "art. 9 lid 1 nooit opheft: noem de uitzondering van art. 9 lid 2 die dit gebruik toestaat, "
                     "bijvoorbeeld 'art. 9 lid 2 sub b AVG (arbeidsrecht)' (art. 9, 13 lid 1 sub c).")


@statement_check(criminal_without_ground)
def statement_criminal_without_ground(statement: Statement, ctx):
    """Criminal data the statement says it processes, with no ground of Art. 10 (UAVG 32/33, a permit, a statute)."""
    reading = statement_reading(statement, ctx.vocab)
    vocab = ctx.vocab
    if reading.processes_nothing:
        return
    labels = vocab.terms("special_category_labels")
    found = None
    about: list[Sentence] = []   # where the ground may stand: the sentences about criminal data
    for sentence in statement.sentences:
        if any(reading.negated(sentence, m.start, m.end) for m in labels.find(sentence.text)):
            continue  # "nooit … bijzondere categorieën … zoals … strafrechtelijke gegevens": the list is ruled out
        # a VOG is a certificate the Wjsg provides for (Justis issues it; it says only that there is no objection):
        # asking for one needs no ground named in a statement
        hits = [m for m in reading.find("criminal_data", sentence) if m.entry.get("niveau") != "note"
                and m.entry["id"] != "vog" and not reading.negated(sentence, m.start, m.end)]
        if not hits:
            continue
        about.append(sentence)
        if found is None and sentence.block.kind not in ("heading", "title") and any(
                _about_processing(reading, other) for other in sentence.block.sentences):
            found = sentence, hits[0]   # the paragraph says it processes them ("… collect … We use …")
    if found is None:
        return
    sentence, match = found
    # and the section that speaks of them ("Criminal conviction data"), when it has a heading of its own
    if sentence.section.heading is not None:
        about += [s for block in sentence.section.all_blocks() for s in block.sentences]
    if any(_criminal_ground_in(s.text, vocab) for s in about):
        return
    yield report(sentence.span_of(match.start, match.end),
                 f"'{match.text}': the statement processes personal data of a criminal nature (Art. 10) and names no "
                 "ground that allows them: name it, e.g. 'art. 33 lid 2 sub a UAVG' for the assessment of an "
                 "application, or the statute that provides for them (Art. 10, 13(1)(c); UAVG 31-33).",
                 f"'{match.text}': de verklaring verwerkt persoonsgegevens van strafrechtelijke aard (art. 10) en noemt "
                 "geen grond die ze toestaat: noem die, bijvoorbeeld 'art. 33 lid 2 sub a UAVG' voor de beoordeling "
                 "van een sollicitatie, of de wet die erin voorziet (art. 10, 13 lid 1 sub c; art. 31-33 UAVG).")


def _criminal_ground_in(text: str, vocab) -> bool:
    """A statement's text names what allows criminal data: a ground of Art. 10 (``_names_criminal_ground``), or
    another statute that provides for them."""
    return _names_criminal_ground(text, vocab) or any(c.other_law for c in vocab.citations(text)) or any(
        normalise(m.text) not in ("uavg", "avg", "gdpr") for m in vocab.terms("statute_markers").find(text))


def _masked(reading: Reading, block: Block) -> bool:
    """The block says the copy is masked, or must be ("Maak in deze kopie je … BSN zwart"), not only advises it."""
    masking, advice = reading.vocab.terms("id_masking"), reading.vocab.terms("id_masking_advice")
    return any(any(m.entry["id"] == "afgeschermd" for m in masking.find(s.text)) and advice.search(s.text) is None
               for s in block.sentences)


def _required_beside(required, text: str, match, reach: int = 30) -> bool:
    """Wording that the law requires it stands right beside the BSN or copy ("BSN indien wettelijk vereist", "your
    BSN, where required by law"), not elsewhere in the paragraph ("unless we are required by law to keep them")."""
    return any(found.start - match.end <= reach and match.start - found.end <= reach
               for found in required.find(text))


@statement_check(bsn_without_statute)
def statement_bsn_without_statute(statement: Statement, ctx):
    """The BSN or a copy of an ID document the statement asks for, with no statute named and no masking."""
    reading = statement_reading(statement, ctx.vocab)
    vocab = ctx.vocab
    if describes_public_body(statement, vocab):
        return  # a public body uses the BSN for its tasks under art. 10 Wabb; its statement need not cite it
    care = vocab.terms("bsn_care")
    if any(care.search(block.text) for block in self_description(statement)):
        return  # a care provider must use the BSN in its care (Wbsn-z art. 4); neither need cite the law
    statutes, bsn_statutes = vocab.terms("statute_markers"), vocab.terms("bsn_statutes")
    required = vocab.terms("bsn_required_by_law")  # "BSN indien wettelijk vereist": tied to the statute that allows it
    for block in reading.units():
        hits = [(sentence, match) for sentence in block.sentences
                for match in (*vocab.terms("bsn").find(sentence.text),
                              *(m for m in vocab.terms("id_copies").find(sentence.text) if m.entry["id"] == "kopie_id"))
                if not reading.negated(sentence, match.start, match.end)]
        hits = [(sentence, match) for sentence, match in hits if not _required_beside(required, sentence.text, match)]
        if not hits or _masked(reading, block) or bsn_statutes.search(block.text) or care.search(block.text) or any(
                normalise(m.text) != "uavg" for m in statutes.find(block.text)) or any(
                c.other_law for s in block.sentences for c in vocab.citations(s.text)):
            continue
        sentence, match = hits[0]
        if match.entry["id"] == "kopie_id":
            en = "a copy of an ID document holds the BSN, which may be used only where a statute allows it, and the " \
                 "statement names none: name the statute, or ask for no copy, or one with the BSN and the photo masked"
            nl = "een kopie van een identiteitsbewijs bevat het BSN, dat alleen mag worden gebruikt als een wet dat " \
                 "toestaat, en de verklaring noemt er geen: noem de wet, of vraag geen kopie, of een met het BSN en " \
                 "de pasfoto afgeschermd"
        else:
            en = "the BSN may be used only where a statute allows it, and the statement names none: name the " \
                 "statute, or do not use the BSN"
            nl = "het BSN mag alleen worden gebruikt als een wet dat toestaat, en de verklaring noemt er geen: noem " \
                 "de wet, of gebruik het BSN niet"
        yield report(sentence.span_of(match.start, match.end), f"'{match.text}': {en} (art. 46 UAVG, Art. 87).",
                     f"'{match.text}': {nl} (art. 46 UAVG, art. 87 AVG).")
