"""Retention (AVG7xx): Art. 5(1)(e), 30(1)(f).

What `bewaartermijn` says: a period without a number or end event (AVG701), a legal
period without its statute (AVG702), no end at all (AVG703), or a period that conflicts
with a Dutch statutory or AP reference period for the data concerned (AVG704).

A `bewaartermijn` written on a `groep` or the `organisatie` is the activity's own
(inheritance). What the text itself says wrong (AVG701-703) is reported once, where it
is written; whether a period fits the data (AVG704) depends on the activity, so an
inherited period is judged per activity and reported once per written field and norm.
"""

from __future__ import annotations

import re

from avglint import clauses
from avglint.findings import Edit, Fix, Message
from avglint.model import Activity, Field
from avglint.readings import reading, remember, table
from avglint.registry import NAME, EachItem, report, rule, statement_check
from avglint.statement import Statement

from ._common import (
    consent_maximum,
    established_elsewhere,
    field_span,
    has_value,
    judge_against_norm,
    mentions,
    norm_text,
    own_retention_text,
    screened_by,
    sentences_with,
    value_of,
    written_language,
)
from ._statement_reading import floor_before, retention_sentences, statement_reading


def _in_force(activities, controllers_only: bool):
    """Each `bewaartermijn` in force for one of ``activities``, once: (field, first activity using it)."""
    seen: set[int] = set()
    for activity in activities:
        field = activity.get("bewaartermijn")
        if not has_value(field) or id(field) in seen:
            continue
        if controllers_only and activity.role != "controller":
            continue   # a processor keeps data as the controller instructs (Art. 28(3)(g))
        seen.add(id(field))
        yield field, activity


def _parts(field: Field) -> list[tuple[int, int]]:
    """Where a `bewaartermijn` is judged, as (start, end) in its text: the whole text, or each item of a list
    written one per line ("- Excel-bestanden ouder dan 5 jaar worden vernietigd" / "- Donateurslijsten blijven
    bewaard"), where a period for one kind of data does not cover another."""
    items = field.items
    if len(items) < 2 or "\n" not in field.source.text[items[0].end:items[1].start]:
        return [(0, len(field.text))]
    parts, start = [], 0
    for item in items:  # the text is the values joined with ", "
        parts.append((start, start + len(item.value)))
        start += len(item.value) + 2
    return parts


def _owner(field: Field, activity: Activity):
    return activity if field.block is activity else None


def _statute(vocab, text: str) -> bool:
    return any(c.other_law for c in vocab.citations(text)) or vocab.terms("statute_markers").search(text) is not None


def _concrete(vocab, text: str) -> bool:
    """A number with a unit, an objective end event or criterion, or a statute that fixes the period.

    An end event is recognised by its form ("totdat …", "vervalt op …", "direct na … vernietigd"),
    not from a list of events (retention.yaml, `eindgebeurtenis_vorm`)."""
    if vocab.durations(text) or _statute(vocab, text):
        return True
    events = [m for m in vocab.terms("retention_end_events").find(text)
              if not clauses.reader(vocab).negated(text, m.start, m.end) or m.entry.get("id") == "geen_opslag"]
    # "daarna verwijderd" ends with what was said before it: nothing objective when that was vague
    return any(m.entry.get("id") != "daarna" for m in events) or (bool(events) and not _vague_matches(vocab, text))


def _vague_matches(vocab, text: str) -> list:
    """The vague wording in ``text``, outside a legal period ("zolang wettelijk vereist" is AVG702's)."""
    legal_spans = [(m.start, m.end) for m in vocab.terms("legal_retention_without_statute").find(text)]
    return [m for m in vocab.terms("vague_retention").find(text)
            if not any(m.start < e and s < m.end for s, e in legal_spans)]


def _minimum(vocab, text: str):
    """The word that makes a period a floor ("minimaal 5 jaar", "at least 7 years"), right before it, when the
    text gives no end as well; else None."""
    floors = [m for m in vocab.terms("retention_open").find(text) if m.entry.get("id") == "minimum"]
    if not floors:
        return None
    durations = vocab.durations(text)
    if any(floor_before(text, floors, d) is None for d in durations) or vocab.terms("retention_end_events").search(text):
        return None  # a period that is no minimum, or an end
    return next((floor for d in durations if (floor := floor_before(text, floors, d)) is not None), None)


@reading
def _vagueness(text: str, vocab):
    """What AVG701 reports of a `bewaartermijn`: ("none", None) for `geen`, ("hedge", match) for a hedge,
    ("minimum", match) for a floor, ("open", match) for wording without end, ("unrecognised", None), or None
    when it is a period."""
    if vocab.is_none(text):
        return "none", None
    floor = _minimum(vocab, text)
    if floor is not None:
        return "minimum", floor
    matches = _vague_matches(vocab, text)
    concrete = _concrete(vocab, text)
    hedge = next((m for m in matches if m.entry.get("id") == "voorbehoud"), None)
    open_end = next((m for m in matches if m.entry.get("id") != "voorbehoud"), None)
    if hedge is not None and (concrete or open_end is None):
        return "hedge", hedge
    if open_end is not None and not concrete:
        return "open", open_end
    # Open world: wording not recognised is not evidence of vagueness, so only a note. A legal
    # period without statute (AVG702) or no end at all (AVG703) is those rules' finding.
    if not concrete and not matches and not vocab.terms("legal_retention_without_statute").find(text) and \
            not vocab.terms("unlimited_retention").search(text):
        return "unrecognised", None
    return None


@reading
def _open_end(sentence: str, vocab):
    """The wording without end of a sentence about keeping the data that gives no period, or None."""
    open_end = next((m for m in _vague_matches(vocab, sentence) if m.entry.get("id") != "voorbehoud"), None)
    return open_end if open_end is not None and not _concrete(vocab, sentence) else None


def _retention_sentences(text: str, vocab) -> list[str]:
    """The sentences about keeping the data of a description or purpose (as ``own_retention_text`` reads them)."""
    return [text[start:end] for start, end in sentences_with(vocab, "retention_verbs", text)]


def _vague_period(text: str, vocab) -> bool:
    """A `bewaartermijn` AVG701 reports (what it needs of the field)."""
    return _vagueness(text, vocab) is not None


@screened_by("retention_verbs")
def _says_open_end(text: str, vocab) -> bool:
    """A description or purpose with a sentence about keeping the data that gives no end (what AVG701 needs
    of it, for an activity without `bewaartermijn`)."""
    return any(_open_end(sentence, vocab) is not None for sentence in _retention_sentences(text, vocab))


def _judged_parts(activities, vocab):
    """(field, activity, start, end, (kind, match)) for each `bewaartermijn` AVG701 reports: a minimum in an item
    of a list is reported there, whatever the other items give ("- minimaal 5 jaar" beside "- 5 jaar"); the rest
    is judged on the whole text (an item without a period may be another party's: "onder verantwoordelijkheid van
    de politie … zolang dat nodig is")."""
    for field, activity in _in_force(activities, controllers_only=True):
        parts = _parts(field)
        floors = [(start, end, found) for start, end in parts if len(parts) > 1
                  and (found := _vagueness(field.text[start:end], vocab)) is not None and found[0] == "minimum"]
        if not floors:
            found = _vagueness(field.text, vocab)
            floors = [(0, len(field.text), found)] if found is not None else []
        for start, end, found in floors:
            yield field, activity, start, end, found


@rule(id="AVG701", slug="bewaartermijn-vaag", severity="warning", scope="register",
      articles=("5(1)(e)", "13(2)(a)", "30(1)(f)"),
      needs={"bewaartermijn": EachItem(_vague_period), "omschrijving": _says_open_end, "doel": _says_open_end},
      title=("The retention period is vague: no period, no end event.",
             "De bewaartermijn is vaag: geen termijn en geen eindmoment."))
def vague_retention(register, ctx):
    """
    ## What it checks
    That `bewaartermijn` says when the data are erased: a number with a unit ("2 jaar",
    "vier weken", "13 maanden"), preferably with the moment it starts ("na einde van de
    overeenkomst", "na afhandeling"); or an objective end without a number ("tot
    intrekking van de toestemming", "tot afmelding", "voor de duur van het
    lidmaatschap", "tot 31-12-2027", "conform de Selectielijst"). An end event is
    recognised by its form, whatever the event: "totdat de deelnemer zich uitschrijft",
    "zolang de vergunning geldig is", "tot ontvangst van de beschikking", "vervalt op de dag
    van de loting", "direct na controle vernietigd", "until the customer unsubscribes",
    "deleted immediately after the payment"; or that nothing is kept ("niet opgeslagen",
    "N/A (one-time export)", "n.v.t. (eenmalige levering)"). It reports:
    - wording that gives no end: "zo lang als nodig", "niet langer dan noodzakelijk",
      "zolang relevant", "totdat het niet meer nodig is", "until no longer needed", "voor
      de duur van de verwerking", "volgens ons bewaarbeleid", when no period or end event
      is given with it;
    - a hedge that makes any period non-binding: "doorgaans", "in principe", "in de
      regel", "ongeveer", "normaliter" — also next to a number;
    - a minimum without an end ("minimaal 5 jaar", "at least 2 years"); in a list written
      one item per line, a minimum in one item is reported whatever the others give;
    - `geen`, which is no period;
    - as a **note** only, wording it does not recognise as a period or an end event
      ("tot de volgende verkiezingen"): not recognising it does not make it vague.

    An activity without `bewaartermijn` is judged on its own `omschrijving` and `doel`
    sentences about keeping the data ("We retain volunteer account data for as long as
    necessary"): open-ended wording there is reported the same way.

    A legal period without the statute is AVG702, unlimited retention AVG703. A processor
    keeps data as its controller instructs (Art. 28(3)(g)), so processor activities are
    not checked. A value written on a `groep` or the `organisatie` is reported once, there.

    ## Kind
    A *not recognisable* rule (see [the open world](../rule-writing.md#the-open-world)): it fires
    on positive evidence of vagueness; wording it merely does not recognise is at most a note,
    never treated as wrong.

    ## Why
    Data may be kept no longer than necessary for the purposes (storage limitation,
    Art. 5(1)(e)); the register records the envisaged time limits for erasure
    (Art. 30(1)(f)) and the privacy statement the period or the criteria for it
    (Art. 13(2)(a)). The Article 29 Working Party (WP260 rev.01) states that "as long as
    necessary for the legitimate purposes" is not enough: the period must let the data
    subject assess how long.

    ## Example
    ```avg
    verwerking "Klantenservice" {
        bewaartermijn: zo lang als nodig
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klantenservice" {
        bewaartermijn: 2 jaar na afhandeling van de vraag
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat `bewaartermijn` zegt wanneer de gegevens worden gewist: een getal met een eenheid
    ("2 jaar", "vier weken", "13 maanden"), liefst met het moment waarop de termijn begint
    ("na einde van de overeenkomst", "na afhandeling"); of een objectief eindmoment
    zonder getal ("tot intrekking van de toestemming", "tot afmelding", "voor de duur van
    het lidmaatschap", "tot 31-12-2027", "conform de Selectielijst"). Een eindmoment wordt
    aan zijn vorm herkend, wat de gebeurtenis ook is: "totdat de deelnemer zich
    uitschrijft", "zolang de vergunning geldig is", "tot ontvangst van de beschikking",
    "vervalt op de dag van de loting", "direct na controle vernietigd", "until the customer
    unsubscribes"; of dat niets wordt bewaard ("niet opgeslagen", "N/A (one-time export)",
    "n.v.t. (eenmalige levering)"). De regel meldt:
    - woorden die geen einde geven: "zo lang als nodig", "niet langer dan noodzakelijk",
      "zolang relevant", "totdat het niet meer nodig is", "voor de duur van de
      verwerking", "volgens ons bewaarbeleid", als er geen termijn of eindmoment bij staat;
    - een voorbehoud dat elke termijn vrijblijvend maakt: "doorgaans", "in principe",
      "in de regel", "ongeveer", "normaliter" — ook naast een getal;
    - een minimum zonder einde ("minimaal 5 jaar", "at least 2 years"); in een lijst met één
      punt per regel wordt een minimum in één punt gemeld, wat de andere punten ook geven;
    - `geen`, dat geen termijn is;
    - alleen als **opmerking**: tekst die de regel niet als termijn of eindmoment herkent
      ("tot de volgende verkiezingen"); niet herkennen maakt tekst niet vaag.

    Een verwerking zonder `bewaartermijn` wordt beoordeeld op de zinnen over bewaren in haar
    eigen `omschrijving` en `doel` ("Wij bewaren de accounts zolang dat nodig is"): woorden
    zonder einde worden daar net zo gemeld.

    Een wettelijke termijn zonder de wet is AVG702, onbeperkt bewaren AVG703. Een
    verwerker bewaart zoals zijn verwerkingsverantwoordelijke opdraagt (art. 28 lid 3
    sub g), dus verwerkingen van een verwerker worden niet gecontroleerd. Een waarde op
    een `groep` of de `organisatie` wordt één keer gemeld, daar.

    ## Soort
    Een regel over *wat niet herkenbaar is* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij meldt op grond van positieve aanwijzingen voor vaagheid; tekst die hij alleen niet
    herkent, geeft hooguit een opmerking en geldt nooit als fout.

    ## Waarom
    Gegevens mogen niet langer worden bewaard dan nodig voor de doeleinden
    (opslagbeperking, art. 5 lid 1 sub e); het register legt de beoogde termijnen voor
    het wissen vast (art. 30 lid 1 sub f) en de privacyverklaring de termijn of de
    criteria daarvoor (art. 13 lid 2 sub a). De Artikel 29-werkgroep (WP260 rev.01) zegt
    dat "zo lang als nodig voor de gerechtvaardigde doeleinden" niet volstaat: de
    betrokkene moet kunnen inschatten hoe lang.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    for field, activity, start, end, found in _judged_parts(ctx.activities, vocab):
        text = field.text[start:end]
        kind, match = found
        owner = _owner(field, activity)
        if kind == "none":
            yield report(field_span(field, start, end),
                         f"'{text}' is not a retention period: write how long the data are kept and from when (e.g. "
                         "'2 jaar na einde van de overeenkomst'), or 'niet opgeslagen' when they are not kept "
                         "(Art. 5(1)(e), 30(1)(f)).",
                         f"'{text}' is geen bewaartermijn: schrijf hoe lang de gegevens worden bewaard en vanaf "
                         "wanneer (bijvoorbeeld '2 jaar na einde van de overeenkomst'), of 'niet opgeslagen' als ze "
                         "niet worden bewaard (art. 5 lid 1 sub e, 30 lid 1 sub f).",
                         activity=owner, field="bewaartermijn")
        elif kind == "hedge":
            yield report(field_span(field, start + match.start, start + match.end),
                         f"'{match.text}' makes the period non-binding: state the period that applies, and any "
                         "exception with its own period or end, e.g. '4 weeks; after an incident until it is resolved' "
                         "(Art. 5(1)(e), 30(1)(f); WP260).",
                         f"'{match.text}' maakt de termijn vrijblijvend: noem de termijn die geldt, en een eventuele "
                         "uitzondering met haar eigen termijn of einde, bijvoorbeeld '4 weken; bij een incident tot de "
                         "afhandeling' (art. 5 lid 1 sub e, 30 lid 1 sub f; WP260).",
                         activity=owner, field="bewaartermijn")
        elif kind == "minimum":
            yield report(field_span(field, start + match.start, start + match.end),
                         f"'{match.text}' makes the period a minimum, not an end: state when the data are erased, e.g. "
                         "'5 years after the change, then destroyed' (Art. 5(1)(e), 30(1)(f); WP260).",
                         f"'{match.text}' maakt de termijn een minimum, geen einde: noem wanneer de gegevens worden "
                         "gewist, bijvoorbeeld '5 jaar na de wijziging, daarna vernietigd' (art. 5 lid 1 sub e, 30 lid "
                         "1 sub f; WP260).",
                         activity=owner, field="bewaartermijn")
        elif kind == "open":
            yield report(field_span(field, start + match.start, start + match.end),
                         f"'{match.text}' gives no end: state the period with a number and unit and when it "
                         "starts, e.g. '2 years after the contract ends', or an objective end such as 'until consent "
                         "is withdrawn' (Art. 5(1)(e), 30(1)(f); WP260).",
                         f"'{match.text}' geeft geen einde: noem de termijn met een getal en een eenheid en wanneer "
                         "hij begint, bijvoorbeeld '2 jaar na einde van de overeenkomst', of een objectief eindmoment "
                         "zoals 'tot intrekking van de toestemming' (art. 5 lid 1 sub e, 30 lid 1 sub f; WP260).",
                         activity=owner, field="bewaartermijn")
        else:   # not recognised: only a note (see _vagueness)
            yield report(field_span(field, start, end),
                         f"'{text}' is not recognised as a period or an end event: if it names an objective end "
                         "(e.g. 'until the contract ends'), nothing needs to change; otherwise write a number with a "
                         "unit and when it starts, e.g. '2 years after the contract ends' (Art. 5(1)(e), 30(1)(f)).",
                         f"'{text}' is niet herkend als termijn of eindmoment: noemt het een objectief eindmoment "
                         "(bijvoorbeeld 'tot einde van de overeenkomst'), dan hoeft er niets te veranderen; anders een "
                         "getal met een eenheid en wanneer de termijn begint, bijvoorbeeld '2 jaar na einde van de "
                         "overeenkomst' (art. 5 lid 1 sub e, 30 lid 1 sub f).",
                         activity=owner, severity="note", field="bewaartermijn")

    # without a `bewaartermijn`, the activity's own sentences about keeping the data are its retention
    # ("We retain volunteer account data for as long as necessary …"): judged the same way
    for activity in ctx.activities:
        if activity.role != "controller" or has_value(activity.get("bewaartermijn")):
            continue
        for field, start, end in own_retention_text(activity, vocab):
            open_end = _open_end(field.text[start:end], vocab)
            if open_end is not None:
                yield report(field_span(field, start + open_end.start, start + open_end.end),
                             f"'{open_end.text}' gives no end, and '{activity.name}' records no 'bewaartermijn': "
                             "state the period with a number and unit and when it starts, e.g. '2 years after the "
                             "contract ends', or an objective end (Art. 5(1)(e), 30(1)(f); WP260).",
                             f"'{open_end.text}' geeft geen einde, en '{activity.name}' legt geen 'bewaartermijn' "
                             "vast: noem de termijn met een getal en een eenheid en wanneer hij begint, bijvoorbeeld "
                             "'2 jaar na einde van de overeenkomst', of een objectief eindmoment (art. 5 lid 1 sub e, "
                             "30 lid 1 sub f; WP260).",
                             activity=activity, field=field.key)


_TOPIC_KEYS = (NAME, "doel", "omschrijving", "betrokkenen", "gegevens")


def _topics(activity: Activity, vocab, keys=_TOPIC_KEYS):
    """The reference periods that apply to the activity, from the first of its name, purpose, description,
    data subjects and data that names one (the name is the most specific). In `betrokkenen` and `gegevens`
    only norms whose entry says so (`ook_herkend_in`) count."""
    topics = vocab.terms("statutory_retention_topics")
    for key in keys:
        if key == NAME:
            texts = [activity.name or ""]
        else:
            field = activity.get(key)
            texts = [item.value for item in field.items] if has_value(field) else []
        found = {}
        for text in texts:
            for match in topics.find(text):
                if key in ("betrokkenen", "gegevens") and key not in (match.entry.get("ook_herkend_in") or ()):
                    continue
                found.setdefault(match.entry["id"], match.entry)
        if found:
            return list(found.values())
    return []


@reading
def _without_statute(text: str, vocab):
    """The wording of a legal period in a `bewaartermijn` that names no statute (AVG702), or None."""
    if _statute(vocab, text):
        return None
    return next((m for m in vocab.terms("legal_retention_without_statute").find(text)
                 if not clauses.reader(vocab).negated(text, m.start, m.end)), None)


@screened_by("legal_retention_without_statute")
def _legal_without_statute(text: str, vocab) -> bool:
    """A `bewaartermijn` AVG702 reports (what it needs of the field)."""
    return _without_statute(text, vocab) is not None


@rule(id="AVG702", slug="wettelijke-termijn-zonder-bron", severity="warning", scope="register",
      articles=("5(1)(e)", "6(1)(c)", "6(3)"), fix="suggestion", needs={"bewaartermijn": _legal_without_statute},
      title=("A legal retention period without the statute that sets it.",
             "Een wettelijke bewaartermijn zonder de wet die hem voorschrijft."))
def legal_period_without_statute(register, ctx):
    """
    ## What it checks
    That a retention period said to be set by law names the law: "wettelijke
    bewaartermijn", "wettelijke bewaarplicht", "fiscale bewaarplicht", "de wettelijke
    termijnen", "zo lang als de wet voorschrijft" need a statute or article beside them
    ("art. 52 lid 4 AWR", "art. 2:10 BW", "art. 7:454 BW", "art. 33 Wwft"). When the
    activity is about invoicing or accounting (or payroll), the suggested fix is the
    fiscal period, "7 jaar (art. 52 lid 4 AWR)". Processor activities are not checked
    (their controller sets the period). A value written on a `groep` or the `organisatie`
    is reported once, there.

    ## Kind
    A *not recognisable* rule (see [the open world](../rule-writing.md#the-open-world)): it fires
    on positive evidence of vagueness; wording it merely does not recognise is at most a note,
    never treated as wrong.

    ## Why
    A statutory retention obligation is a legal obligation (Art. 6(1)(c)) and must be
    laid down in law (Art. 6(3)); which law also decides how long. "Wettelijke termijn"
    without the statute cannot be checked, and often no statute requires the data to be
    kept at all.

    ## Example
    ```avg
    verwerking "Facturatie" {
        doel: facturen opstellen en versturen
        bewaartermijn: wettelijke bewaartermijn
    }
    ```

    ## Use instead
    ```avg
    verwerking "Facturatie" {
        doel: facturen opstellen en versturen
        bewaartermijn: 7 jaar na afloop van het boekjaar (art. 52 lid 4 AWR)
    }
    ```

    ## Fix safety
    The suggested fix replaces the value by the statutory fiscal period. It asserts a
    fact (that the data are fiscal records and that no other statute applies), so it is
    only offered as a suggestion and never applied without `--unsafe-fixes`.
    <!-- nl -->
    ## Wat het controleert
    Dat een bewaartermijn die volgens de tekst door de wet wordt bepaald, de wet noemt:
    "wettelijke bewaartermijn", "wettelijke bewaarplicht", "fiscale bewaarplicht", "de
    wettelijke termijnen", "zo lang als de wet voorschrijft" vragen een wet of artikel
    ernaast ("art. 52 lid 4 AWR", "art. 2:10 BW", "art. 7:454 BW", "art. 33 Wwft"). Gaat
    de verwerking over facturering of de boekhouding (of de salarisadministratie), dan is
    de voorgestelde correctie de fiscale termijn, "7 jaar (art. 52 lid 4 AWR)".
    Verwerkingen van een verwerker worden niet gecontroleerd (de
    verwerkingsverantwoordelijke bepaalt de termijn). Een waarde op een `groep` of de
    `organisatie` wordt één keer gemeld, daar.

    ## Soort
    Een regel over *wat niet herkenbaar is* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij meldt op grond van positieve aanwijzingen voor vaagheid; tekst die hij alleen niet
    herkent, geeft hooguit een opmerking en geldt nooit als fout.

    ## Waarom
    Een wettelijke bewaarplicht is een wettelijke verplichting (art. 6 lid 1 sub c) en
    moet in de wet zijn vastgelegd (art. 6 lid 3); welke wet bepaalt ook hoe lang.
    "Wettelijke termijn" zonder de wet is niet te controleren, en vaak verplicht geen
    enkele wet tot bewaren.

    ## Voorbeeld

    ## Beter

    ## Veiligheid van de correctie
    De voorgestelde correctie vervangt de waarde door de fiscale wettelijke termijn. Dat
    stelt een feit (dat het fiscale gegevens zijn en geen andere wet geldt), dus de
    correctie wordt alleen voorgesteld en nooit toegepast zonder `--unsafe-fixes`.
    """
    vocab = ctx.vocab
    for field, activity in _in_force(ctx.activities, controllers_only=True):
        match = _without_statute(field.text, vocab)
        if match is None:
            continue
        span = field_span(field, match.start, match.end)
        fix = None
        hint_en = hint_nl = ""
        if field.block is activity:
            named = _topics(activity, vocab, ("naam", "doel", "omschrijving"))
            suggestions = {entry["suggestie"]: entry for entry in named if entry.get("suggestie")}
            if len(suggestions) == 1:
                suggestion, entry = suggestions.popitem()
                written = entry["suggestie_en"] if written_language(activity, register) == "en" else suggestion
                item = next(i for i in field.items if i.span.contains(span))
                fix = Fix(Message(f"Write '{written}'", f"Schrijf '{written}'"), (Edit(item.span, written),),
                          safe=False)
                hint_en = f" For {entry.get('onderwerp')} that is '{suggestion}'."
                hint_nl = f" Voor {entry.get('onderwerp')} is dat '{suggestion}'."
        yield report(span,
                     f"'{match.text}' does not say which law sets the period: name the statute and article, and the "
                     f"period (Art. 5(1)(e), 6(3)).{hint_en}",
                     f"'{match.text}' zegt niet welke wet de termijn voorschrijft: noem de wet en het artikel, en de "
                     f"termijn (art. 5 lid 1 sub e, 6 lid 3).{hint_nl}",
                     fix=fix, activity=_owner(field, activity), field="bewaartermijn")


@screened_by("unlimited_retention")
def _kept_without_end(text: str, vocab) -> bool:
    """A `bewaartermijn` that keeps the data without end (what AVG703 needs of it)."""
    return _unlimited(vocab, text) is not None


@screened_by("retention_verbs")
def _says_kept_without_end(text: str, vocab) -> bool:
    """A description or purpose with a sentence about keeping the data that keeps them without end (what
    AVG703 needs of it: the sentences ``own_retention_text`` gives)."""
    return any(_unlimited(vocab, sentence) is not None for sentence in _retention_sentences(text, vocab))


@rule(id="AVG703", slug="bewaartermijn-onbeperkt", severity="error", scope="register", articles=("5(1)(e)",),
      needs={"bewaartermijn": EachItem(_kept_without_end), "omschrijving": _says_kept_without_end,
             "doel": _says_kept_without_end},
      title=("Personal data are kept without limit.", "Persoonsgegevens worden onbeperkt bewaard."))
def unlimited_retention(register, ctx):
    """
    ## What it checks
    That `bewaartermijn` does not keep personal data without end: "onbepaalde tijd",
    "onbeperkt", "permanent", "voor altijd", "tot nader order", "wordt niet verwijderd",
    "geen bewaartermijn", "kept indefinitely"; and, by their form, wording that the data
    stay without a period or end ("registraties blijven bewaard", "blijven op de website
    staan", "geen uiterste termijn vastgesteld", "remain on our website", "no deletion
    date"). It reads `bewaartermijn` and the activity's own `omschrijving` and `doel`
    (sentences about keeping or deleting the data), which override an inherited default.
    Not reported: a negation ("niet onbeperkt"), data that are
    anonymised first ("daarna geanonimiseerd onbeperkt bewaard", "Indefinite (output is
    anonymous)", "Indefinitely — not personal data"), "permanently deleted after 400 days",
    and permanent
    retention under the Archiefwet when the selection list is named. In a list written one
    item per line, each item is judged on its own: a period in one item gives no end to the
    data another keeps ("- Donateurslijsten blijven in het archief bewaard"). A value written on
    a `groep` or the `organisatie` is reported once, there.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Storage limitation (Art. 5(1)(e)): personal data are kept in a form that permits
    identification no longer than necessary for the purposes. Keeping them forever is
    never necessary for an ordinary purpose; archiving in the public interest has its
    own rules (Art. 89, the Archiefwet).

    ## Example
    ```avg
    verwerking "Klantenbestand" {
        bewaartermijn: onbepaalde tijd
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klantenbestand" {
        bewaartermijn: 2 jaar na beëindiging van de klantrelatie
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat `bewaartermijn` persoonsgegevens niet zonder einde bewaart: "onbepaalde tijd",
    "onbeperkt", "permanent", "voor altijd", "tot nader order", "wordt niet
    verwijderd", "geen bewaartermijn"; en, aan hun vorm herkend, woorden dat de gegevens
    blijven zonder termijn of einde ("registraties blijven bewaard", "blijven op de
    website staan", "geen uiterste termijn vastgesteld"). De regel leest `bewaartermijn`
    en de eigen `omschrijving` en `doel` van de verwerking (zinnen over bewaren of
    verwijderen), die voorgaan op een geërfde standaard. Niet gemeld: een ontkenning ("niet onbeperkt"),
    gegevens die eerst worden geanonimiseerd ("daarna geanonimiseerd onbeperkt
    bewaard", "onbeperkt (alleen geaggregeerde cijfers)", "onbeperkt — geen persoonsgegevens"),
    "na 400 dagen permanent verwijderd", en blijvende bewaring op grond van de Archiefwet als de selectielijst
    genoemd is. In een lijst met één punt per regel wordt elk punt apart beoordeeld: een
    termijn in het ene punt geeft geen einde aan de gegevens die een ander bewaart ("-
    Donateurslijsten blijven in het archief bewaard"). Een waarde op een `groep` of de
    `organisatie` wordt één keer gemeld, daar.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Opslagbeperking (art. 5 lid 1 sub e): persoonsgegevens worden in een vorm die
    identificatie mogelijk maakt niet langer bewaard dan nodig voor de doeleinden. Voor
    altijd bewaren is voor een gewoon doel nooit nodig; archivering in het algemeen
    belang heeft eigen regels (art. 89, de Archiefwet).

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    places = [(field, start, end, _owner(field, activity))
              for field, activity in _in_force(ctx.activities, controllers_only=False) for start, end in _parts(field)]
    places += [(field, start, end, activity) for activity in ctx.activities
               for field, start, end in own_retention_text(activity, vocab)]
    for field, start, end, owner in places:
        match = _unlimited(vocab, field.text[start:end])
        if match is None:
            continue
        yield report(field_span(field, start + match.start, start + match.end),
                     f"'{match.text}': personal data may not be kept without end. Set a period with a number and "
                     "a start, e.g. '2 years after the contract ends', or anonymise the data after it "
                     "(Art. 5(1)(e)).",
                     f"'{match.text}': persoonsgegevens mogen niet zonder einde worden bewaard. Noem een termijn "
                     "met een getal en een begin, bijvoorbeeld '2 jaar na einde van de overeenkomst', of "
                     "anonimiseer de gegevens daarna (art. 5 lid 1 sub e).",
                     activity=owner, field=field.key)


# a parenthetical or a dash right after a word, which qualifies it ("Indefinite (output is anonymous)",
# "Indefinitely — not personal data")
_ASIDE = re.compile(r"\s*\([^()]*\)|\s+[\u2013\u2014-]\s+[^.;()]*")


@reading(reader=0)
def _unlimited(vocab, text: str):
    """The first wording in ``text`` that keeps personal data without end, or None.

    A form that only says the data stay ("registraties blijven bewaard", "remain on the website")
    keeps them without end when the text gives no period and no end event."""
    matches = vocab.terms("unlimited_retention").find(text)
    if not matches:
        return None
    if any(m.entry.get("id") == "archief" for m in vocab.terms("retention_end_events").find(text)):
        return None   # permanent retention under the Archiefwet and its selection list
    for match in matches:
        if clauses.reader(vocab).negated(text, match.start, match.end):
            continue
        start, end = clauses.reader(vocab).clause(text, match.start, match.end)
        aside = _ASIDE.match(text, match.end)  # "Indefinite (output is anonymous, not personal data)"
        if vocab.terms("anonymised_retention").search(text[start:end] + " " + (aside.group() if aside else "")):
            continue
        if match.entry.get("zonder_einde") and _concrete(vocab, text):
            continue
        return match
    return None


@screened_by("statutory_retention_topics")
def _names_norm_data(text: str, vocab) -> bool:
    """The text, or one of the items it joins, names data a retention norm is about (what AVG704 needs:
    its norms come from the items of `bewaartermijn` or from ``_topics``). Items are read one by one
    there, and a word that is a whole item may match where the joined text does not."""
    topics = vocab.terms("statutory_retention_topics")
    return bool(topics.find(text)) or any(topics.find(part) for part in text.split(", "))


# `betrokkenen` and `gegevens` name what a norm is about when the short list of the norms recognised there
# (``_topics`` counts only those) matches: terms found in an item are found in the text.
_NAMES_NORM_DATA = {**dict.fromkeys((NAME, "doel", "omschrijving", "bewaartermijn"), _names_norm_data),
                    "betrokkenen": mentions("retention_topics_in_subjects"),
                    "gegevens": mentions("retention_topics_in_data")}


@rule(id="AVG704", slug="bewaartermijn-wijkt-af-van-norm", severity="warning", scope="register",
      articles=("5(1)(e)",), needs=_NAMES_NORM_DATA,
      title=("The retention period conflicts with a Dutch statutory or AP reference period.",
             "De bewaartermijn wijkt af van een Nederlandse wettelijke termijn of AP-norm."))
def period_against_norm(register, ctx):
    """
    ## What it checks
    That a concrete retention period fits the Dutch norm for the data concerned. The
    data are recognised in the activity's name, purpose, description, data subjects or
    data (the first of these that names one):
    - accounting records, invoices, ledger: at least **7 years** (art. 52 lid 4 AWR,
      art. 2:10 lid 3 BW); payroll: at least 7 years (art. 52 AWR);
    - Wwft customer due diligence: at least **5 years** after the relationship ends
      (art. 33 Wwft); employee ID copies and wage-tax declarations: 5 years;
    - a medical file (WGBO): at least **20 years** (art. 7:454 lid 3 BW);
    - security camera images: at most **4 weeks** unless an incident is recorded (AP);
    - applicant data: at most **4 weeks** after the procedure, up to **1 year** with the
      applicant's consent (AP);
    - the general personnel file and a reintegration file: at most 2 years after leaving
      or completion (AP guidance).

    Periods in the same clause as an incident (for camera images) or consent (for
    applicants) are judged against the exception. The norms are dated vocabulary
    (`retention.yaml`). A period the activity's own `omschrijving` or `doel` states ("De
    incassobestanden bewaren wij 7 jaar …") is judged instead of a default it inherits. A
    period inherited from a `groep` or the `organisatie` is judged
    for each activity and reported once per norm at the place where it is written. The norms
    are Dutch: a register whose `organisatie` gives another country in `land` (`land: België`)
    is not judged against them.

    In a privacy statement the maxima of the AP (applicants, camera images, personnel and
    re-integration files) are judged in the retention sentences of a paragraph that names
    the data ("Als het sollicitatieproces voorbij is … verwijderen we jouw gegevens na 3
    maanden"); "beelden" of events are not camera images there.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Storage limitation (Art. 5(1)(e)) sets the maximum; Dutch statutes set minimum
    periods that the controller must keep (a legal obligation, Art. 6(1)(c)), and the
    Autoriteit Persoonsgegevens publishes the periods it considers necessary for camera
    images and applicants. A period outside them is either unlawful or breaks the
    statute.

    ## Example
    ```avg
    verwerking "Cameratoezicht" {
        doel: inbraak en diefstal op het terrein voorkomen
        gegevens: camerabeelden van de ingang
        bewaartermijn: 3 maanden na opname
    }
    ```

    ## Use instead
    ```avg
    verwerking "Cameratoezicht" {
        doel: inbraak en diefstal op het terrein voorkomen
        gegevens: camerabeelden van de ingang
        bewaartermijn: 4 weken na opname, beelden van een incident tot de afhandeling ervan
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een concrete bewaartermijn past bij de Nederlandse norm voor de gegevens. De
    gegevens worden herkend in de naam, het doel, de omschrijving, de betrokkenen of de
    gegevens van de verwerking (de eerste daarvan die er een noemt):
    - boekhouding, facturen, grootboek: ten minste **7 jaar** (art. 52 lid 4 AWR, art. 2:10
      lid 3 BW); salarisadministratie: ten minste 7 jaar (art. 52 AWR);
    - cliëntenonderzoek Wwft: ten minste **5 jaar** na het einde van de zakelijke relatie
      (art. 33 Wwft); kopie identiteitsbewijs en loonbelastingverklaring van werknemers: 5
      jaar;
    - een medisch dossier (WGBO): ten minste **20 jaar** (art. 7:454 lid 3 BW);
    - beelden van beveiligingscamera's: hooguit **4 weken**, tenzij een incident is
      vastgelegd (AP);
    - sollicitatiegegevens: hooguit **4 weken** na de procedure, tot **1 jaar** met
      toestemming van de sollicitant (AP);
    - het algemene personeelsdossier en een re-integratiedossier: hooguit 2 jaar na
      uitdiensttreding of afronding (AP-richtlijn).

    Termijnen in dezelfde zinsnede als een incident (bij camerabeelden) of toestemming
    (bij sollicitanten) worden aan de uitzondering getoetst. De normen staan als
    gedateerde woordenlijst in `retention.yaml`. Een termijn in de eigen `omschrijving` of
    het eigen `doel` van de verwerking ("De incassobestanden bewaren wij 7 jaar …") wordt
    getoetst in plaats van een geërfde standaard. Een termijn die van een `groep` of de
    `organisatie` komt, wordt per verwerking getoetst en één keer per norm gemeld waar hij
    staat. De normen zijn Nederlands: een register waarvan de `organisatie` in `land` een
    ander land noemt (`land: België`), wordt er niet aan getoetst.

    In een privacyverklaring worden de maxima van de AP (sollicitanten, camerabeelden,
    personeels- en re-integratiedossiers) getoetst in de zinnen over bewaren van een alinea
    die de gegevens noemt ("Als het sollicitatieproces voorbij is … verwijderen we jouw
    gegevens na 3 maanden"); "beelden" van evenementen zijn daar geen camerabeelden.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Opslagbeperking (art. 5 lid 1 sub e) bepaalt het maximum; Nederlandse wetten schrijven
    minimumtermijnen voor die de verwerkingsverantwoordelijke moet aanhouden (een
    wettelijke verplichting, art. 6 lid 1 sub c), en de Autoriteit Persoonsgegevens
    publiceert de termijnen die zij nodig vindt voor camerabeelden en sollicitanten. Een
    termijn daarbuiten is onrechtmatig of in strijd met de wet.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    if established_elsewhere(register, vocab, "NL"):
        return  # Dutch statutes and the AP's periods do not bind an organisation of another country
    topics = vocab.terms("statutory_retention_topics")
    exceptions = vocab.terms("retention_norm_exceptions")
    reported: set[tuple[int, str]] = set()
    periods: dict[int, list | None] = {}   # per field: the topics of each item, or None without a period
    for activity in ctx.activities:
        field = activity.get("bewaartermijn")
        if field is None or field.block is not activity:
            own = list(own_retention_text(activity, vocab))
            yield from _own_text_against_norm(activity, own, vocab)
            if any(vocab.durations(f.text[a:b]) for f, a, b in own):
                continue   # the activity's own description says how long: the inherited default does not apply
        if not has_value(field):
            continue
        if id(field) not in periods:
            periods[id(field)] = [{m.entry["id"]: m.entry for m in topics.find(item.value)} for item in field.items] \
                if vocab.durations(field.text) else None
        item_topics = periods[id(field)]
        if item_topics is None:
            continue
        if any(item_topics):   # "facturen: 7 jaar, offertes: 1 jaar": each item names its own data
            plan = [(item, list(found.values())) for item, found in zip(field.items, item_topics) if found]
        else:
            entries = _topics(activity, vocab)
            plan = [(item, entries) for item in field.items] if entries else []
        if not plan:
            continue
        consent = any(consent_maximum(vocab, entry) for _, entries in plan for entry in entries) and \
            "a" in vocab.lawful_bases.read(value_of(activity.get("grondslag"))).letters
        # "Incidentenregistratie": the activity itself is the exception (images kept for an incident)
        excepted = {norm for m in exceptions.find(activity.name or "") if m.entry.get("soort") == "uitzondering"
                    for norm in m.entry.get("geldt_voor") or ()}
        for item, entries in plan:
            minimum = max((e.get("minimaal_dagen") or 0 for e in entries), default=0)
            maximum = min((e.get("maximaal_dagen") or float("inf") for e in entries), default=float("inf"))
            if minimum > maximum:
                continue   # mixed data with norms no single period meets: the activity should be split
            for entry in entries:
                if entry["id"] in excepted:
                    continue
                judged = _judged(vocab, item.value, entry, consent)
                if judged is None:
                    continue
                key = (id(field), entry["id"])
                if field.block is not activity and key in reported:
                    continue
                reported.add(key)
                yield _against_norm(item.span_of(judged[0].start, judged[0].end), judged, entry, activity,
                                    field)


def _judged(vocab, text: str, entry, consent: bool):
    """``judge_against_norm`` once per distinct (text, norm, consent) in a check: registers repeat their
    periods and data row after row."""
    results = table(_judged, vocab)
    subject = (text, id(entry), consent)   # the norm's entry lives as long as the vocabularies
    if subject in results:
        return results[subject]
    return remember(results, subject, judge_against_norm(vocab, text, entry, consent))


def _own_text_against_norm(activity: Activity, own: list, vocab):
    """AVG704 on a period the activity's own description states (``own``: its ``own_retention_text``), where it
    overrides an inherited default."""
    if not own:
        return
    consent = "a" in vocab.lawful_bases.read(value_of(activity.get("grondslag"))).letters
    entries = _topics(activity, vocab)
    for field, start, end in own:
        for entry in entries:
            judged = judge_against_norm(vocab, field.text[start:end], entry, consent)
            if judged is not None:
                duration = judged[0]
                yield _against_norm(field_span(field, start + duration.start, start + duration.end), judged, entry,
                                    activity, field)


def _against_norm(span, judged, entry, activity: Activity, field: Field):
    duration, bound, kind = judged
    norm_en, norm_nl = norm_text(entry, "en"), norm_text(entry, "nl")
    source = entry.get("bron_wet", "")
    if kind == "minimum":
        en = (f"'{duration.text}' is shorter than the {norm_en} that {source} requires for "
              f"{entry.get('onderwerp')}: keep them at least that long")
        nl = (f"'{duration.text}' is korter dan de {norm_nl} die {source} voorschrijft voor "
              f"{entry.get('onderwerp')}: bewaar ze ten minste zo lang")
    else:
        en = (f"'{duration.text}' is longer than the {norm_en} of the {source} for "
              f"{entry.get('onderwerp')}: shorten it, or record why longer is necessary")
        nl = (f"'{duration.text}' is langer dan de {norm_nl} van de {source} voor "
              f"{entry.get('onderwerp')}: verkort hem, of leg vast waarom langer nodig is")
    where_en = "" if field.block is activity else f" (inherited by '{activity.name}')"
    where_nl = "" if field.block is activity else f" (geldt voor '{activity.name}')"
    return report(span, f"{en}{where_en} (Art. 5(1)(e)).", f"{nl}{where_nl} (art. 5 lid 1 sub e).",
                  activity=activity, field=field.key)


# ---------------------------------------------------------------------------------------------
# In privacy statements: the statement side of AVG704


@statement_check(period_against_norm)
def statement_period_against_norm(statement: Statement, ctx):
    """A retention period in the statement longer than the AP's norm for the data it is about (applicants, camera
    images, personnel and re-integration files), outside the norm's own exceptions (consent, an incident)."""
    reading = statement_reading(statement, ctx.vocab)
    vocab = ctx.vocab
    topics, ambiguous = vocab.terms("statutory_retention_topics"), vocab.terms("retention_topics_ambiguous")
    retention = {sentence.index for sentence, _ in retention_sentences(reading)}
    for block in reading.units():
        entries = {m.entry["id"]: m.entry for m in topics.find(block.text)
                   if m.entry.get("maximaal_dagen") is not None and not ambiguous.search(m.text)}
        for sentence in block.sentences:
            if sentence.index not in retention:
                continue
            for entry in entries.values():
                judged = judge_against_norm(vocab, sentence.text, entry, consent=False)
                if judged is None or judged[2] != "maximum":
                    continue
                duration, _, _ = judged
                norm_en, norm_nl, source = norm_text(entry, "en"), norm_text(entry, "nl"), entry.get("bron_wet", "")
                yield report(sentence.span_of(duration.start, duration.end),
                             f"'{duration.text}' is longer than the {norm_en} of the {source} for "
                             f"{entry.get('onderwerp')}: shorten it, or say why longer is necessary (Art. 5(1)(e)).",
                             f"'{duration.text}' is langer dan de {norm_nl} van de {source} voor "
                             f"{entry.get('onderwerp')}: verkort hem, of zeg waarom langer nodig is (art. 5 lid 1 sub "
                             "e).")
                break
