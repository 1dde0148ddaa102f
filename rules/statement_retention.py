"""Privacy statements (AVG907): how long the data are kept, or the criteria that decide it (Art. 13(2)(a))."""

from __future__ import annotations

import re
from typing import Iterator

from avglint.registry import report, rule
from avglint.statement import Sentence, Statement

from ._statement_reading import (
    Reading,
    names_statute,
    not_binding,
    retention_sentences,
    statement_reading,
    where_missing,
)

# ---------------------------------------------------------------------------------------------
# AVG907 retention


# what makes a period no end (`not_binding`): a minimum, or a hedge
_PERIOD_QUALIFIERS = ("minimum", "voorbehoud")
# reported even after another sentence of the paragraph was: those, and a legal period without its statute
_OWN_FINDING = (*_PERIOD_QUALIFIERS, "wettelijke_termijn")


def _open_clauses(reading: Reading, sentence: Sentence) -> Iterator[tuple[object, str, str]]:
    """(match, en, nl) for each clause of a retention sentence that leaves its own period open, even where
    another clause of the sentence (or the section) gives one: a period that is only a minimum or hedged,
    data kept for an unnamed legal duty ("met uitzondering van de informatie die we wettelijk verplicht zijn
    te bewaren"), a later stage with no end ("en daarna bij blijvende interesse in nieuwsbrieven")."""
    vocab = reading.vocab
    text = sentence.text
    durations = vocab.durations(text)
    for duration in durations:
        word = not_binding(reading, sentence, duration)
        if word is None or reading.negated(sentence, word.start, word.end):
            continue
        begin, end = reading.clauses.clause(text, duration.start, duration.end)
        if any(d is not duration and begin <= d.start < end and not_binding(reading, sentence, d) is None
               for d in durations):
            continue  # "minimaal 2 jaar en uiterlijk 3 jaar": the maximum is the end
        if word.entry.get("id") == "minimum":
            yield word, f"'{word.text} {duration.text}' is a minimum, not an end: say when the data are deleted", \
                f"'{word.text} {duration.text}' is een minimum, geen einde: zeg wanneer de gegevens worden verwijderd"
        else:
            yield word, f"'{word.text} {duration.text}' is hedged: a period that holds only in principle is no " \
                "period; give the period that applies", \
                f"'{word.text} {duration.text}' is voorbehouden: een termijn die alleen in principe geldt, is geen " \
                "termijn; geef de termijn die geldt"
    block_text = sentence.block.text
    if not names_statute(sentence.block, vocab):
        for match in vocab.terms("legal_retention_without_statute").find(text):
            begin, end = reading.clauses.clause(text, match.start, match.end)
            if reading.negated(sentence, match.start, match.end) or any(begin <= d.start < end for d in durations):
                continue
            if vocab.durations(block_text) and reading.clauses.condition(text, match.start, match.end) is not None:
                continue  # "2 jaar, tenzij een wettelijke termijn langer is": a period is given, the rest a proviso
            yield match, f"'{match.text}' without the statute or the period: name both, e.g. '7 years (art. 52 " \
                "AWR, the Dutch tax act)'", \
                f"'{match.text}' zonder de wet of de termijn: noem beide, bijvoorbeeld '7 jaar (art. 52 lid 4 AWR)'"
    events = vocab.terms("retention_end_events")
    for stage in reading.find("retention_open", sentence):
        if stage.entry.get("id") != "vervolg":
            continue
        begin, end = reading.clauses.clause(text, stage.start, stage.end)
        clause = text[stage.end:end]
        if vocab.durations(clause) or events.search(clause) or vocab.terms("unlimited_retention").search(clause) or \
                any(m.entry.get("id") == "bewaren" and m.start >= stage.end and m.end <= end and
                    m.text.lower() not in ("bewaren", "bewaard", "bewaart", "bewaar", "keep", "kept", "retain",
                                           "retained", "store", "stored", "opslaan", "opgeslagen")
                    for m in reading.find("statement_elements", sentence)):
            continue  # "daarna 2 jaar", "daarna verwijderd": the later stage has its end
        if not re.search(r"[^\W\d_]{3,}", clause):
            continue
        yield stage, f"'{text[stage.start:end].strip()}' keeps the data on with no period or end: say how long", \
            f"'{text[stage.start:end].strip()}' bewaart de gegevens daarna zonder termijn of einde: zeg hoe lang"


def _for_records(reading: Reading, sentence: Sentence) -> bool:
    """A sentence that gives one period, for the records a statutory duty applies to, named in it or in the
    sentence before ("Sommige gegevens worden bewaard op grond van een fiscale verplichting. In dat geval worden
    uw gegevens 7 jaar bewaard."; "7 jaar voor persoons- en adresgegevens voor controle door de Belastingdienst")."""
    durations = len(reading.vocab.durations(sentence.text))
    if durations > 1:
        return False
    reasons = reading.vocab.terms("retention_record_reasons")
    sentences = sentence.block.sentences
    position = sentences.index(sentence)
    # an end without a period of its own ("Na afloop van deze termijn …") follows the period before it
    reach = 1 if durations else 2
    return any(reasons.search(s.text) is not None for s in sentences[max(position - reach, 0):position + 1])


def _periods_only_for_records(reading: Reading, concrete: list[Sentence]) -> str | None:
    """The records a statutory period applies to ("copies of an invoice"), when every period or end the statement
    gives is for such records and none for the personal data in general; else None."""
    topics, general = reading.vocab.terms("statutory_retention_topics"), reading.vocab.terms("retention_general_data")
    named = []
    for sentence in concrete:
        found = [m for m in topics.find(sentence.text) if m.entry.get("soort") == "wet"]
        if not found or general.search(sentence.text):
            return None
        named.append(found[0].text)
    return named[0] if named else None


@rule(id="AVG907", slug="verklaring-bewaartermijn", severity="warning", scope="statement",
      articles=("13(2)(a)", "14(2)(a)", "5(1)(e)"),
      title=("The privacy statement gives no retention period, or only a vague one.",
             "De privacyverklaring noemt geen bewaartermijn, of alleen een vage."))
def retention(statement: Statement, ctx):
    """
    ## What it checks
    That the statement says how long the data are kept: a period with a unit ("2 jaar na
    afloop van de overeenkomst", "4 weken") or an objective end ("tot u zich afmeldt"). It
    reports a statement without retention information, and retention sentences that are
    only vague ("zo lang als nodig", "volgens ons bewaartermijnbeleid", "doorgaans …
    zolang dit relevant is"), refer to "de wettelijke termijnen" without naming the
    statute and without a period, or keep data without limit.

    Each clause of a retention sentence is judged on its own: a period for one kind of data
    does not cover a clause that leaves another open, and a minimum or hedge is reported
    also when another sentence of the paragraph was. A period that is only a minimum ("at
    least 5 years") or hedged ("in principe vijftien jaar", "usually 2 years"), data kept for
    a legal duty without the statute or the period ("met uitzondering van de informatie die
    we wettelijk verplicht zijn te bewaren", "zolang dit wettelijk is vereist"), and a later
    stage with no end of its own ("voor de duur van het lidmaatschap, en daarna bij blijvende
    interesse in nieuwsbrieven") are reported even where the sentence or the section gives
    a period elsewhere. A statement whose only periods are for records a statute governs
    ("copies of an invoice … 5 years") says nothing of how long the other data are kept, and
    "niet langer dan nodig" beside a period that is only for such records ("Sommige gegevens
    bewaren wij op grond van een fiscale verplichting. In dat geval … 7 jaar") is reported: it
    is all the statement says of the other data.

    ## Kind
    A *not recognisable* rule for the wording (see [the open
    world](../rule-writing.md#the-open-world)): it fires on positive evidence that the period is
    left open — vague in itself ("zo lang als nodig"), a bound or a dependence without its value
    ("no longer than legally permitted", "hoe lang hangt af van het soort gegevens"), only a minimum
    ("at least 5 years"), no limit at all; retention text it merely does not recognise draws a
    **note**. That the statement says nothing about retention at all is a substantive defect, read
    in every sentence.

    ## Why
    Art. 13(2)(a) and 14(2)(a) require "the period for which the personal data will be
    stored, or if that is not possible, the criteria used to determine that period". The
    transparency guidelines (WP260 rev.01) say it is not enough to state generically that
    data are kept as long as necessary.

    ## Example
    ```markdown
    # Privacyverklaring

    ## Bewaartermijnen

    De gegevens worden volgens ons bewaartermijnbeleid bewaard.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    ## Bewaartermijnen

    Klantgegevens bewaren wij tot 2 jaar na het einde van de overeenkomst; facturen 7 jaar
    (art. 52 lid 4 AWR).
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat de verklaring zegt hoe lang de gegevens worden bewaard: een termijn met een eenheid
    ("2 jaar na afloop van de overeenkomst", "4 weken") of een objectief einde ("tot u
    zich afmeldt"). Gemeld worden een verklaring zonder informatie over bewaren, en zinnen
    over bewaren die alleen vaag zijn ("zo lang als nodig", "volgens ons
    bewaartermijnbeleid", "doorgaans … zolang dit relevant is"), naar "de wettelijke
    termijnen" verwijzen zonder wet en zonder termijn, of gegevens onbeperkt bewaren.

    Elk zinsdeel van een zin over bewaren wordt apart beoordeeld: een termijn voor de ene
    soort gegevens dekt geen zinsdeel dat een andere open laat, en een minimum of voorbehoud
    wordt ook gemeld als een andere zin van de alinea al een melding kreeg. Een termijn die alleen een
    minimum is ("minimaal 5 jaar") of voorbehouden ("in principe vijftien jaar", "usually 2
    years"), gegevens die voor een wettelijke plicht worden bewaard zonder wet of termijn
    ("met uitzondering van de informatie die we wettelijk verplicht zijn te bewaren",
    "zolang dit wettelijk is vereist"), en een latere fase zonder eigen einde ("voor de duur
    van het lidmaatschap, en daarna bij blijvende interesse in nieuwsbrieven") worden gemeld,
    ook als de zin of het deel elders een termijn geeft. Een verklaring die alleen termijnen
    geeft voor stukken die een wet regelt ("kopieën van facturen … 7 jaar"), zegt niet hoe
    lang de andere gegevens worden bewaard, en "niet langer dan nodig" naast een termijn die
    alleen voor zulke stukken geldt ("Sommige gegevens bewaren wij op grond van een fiscale
    verplichting. In dat geval … 7 jaar") wordt gemeld: meer zegt de verklaring niet over de
    andere gegevens.

    ## Soort
    Een regel over *wat niet herkenbaar is* voor de formulering (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij meldt op grond van positieve aanwijzingen
    dat de termijn open blijft — vaag op zichzelf ("zo lang als nodig"), een grens of
    afhankelijkheid zonder waarde ("no longer than legally permitted", "hoe lang hangt af van het
    soort gegevens"), alleen een minimum ("minimaal 5 jaar"), helemaal geen grens; tekst over
    bewaren die hij alleen niet herkent, geeft een **opmerking**. Dat de verklaring helemaal niets
    over bewaren zegt, is een inhoudelijk gebrek, gelezen in elke zin.

    ## Waarom
    Art. 13 lid 2 sub a en 14 lid 2 sub a vragen "de periode gedurende welke de
    persoonsgegevens zullen worden opgeslagen, of indien dat niet mogelijk is, de criteria
    ter bepaling van die termijn". De richtsnoeren over transparantie (WP260 rev.01) zeggen
    dat het niet volstaat om algemeen te stellen dat gegevens zo lang als nodig worden
    bewaard.

    ## Voorbeeld

    ## Beter
    """
    if statement_reading(statement, ctx.vocab).processes_nothing:
        return  # nothing is collected: nothing to inform about
    reading = statement_reading(statement, ctx.vocab)
    vocab = ctx.vocab
    vague = vocab.terms("vague_retention")
    legal = vocab.terms("legal_retention_without_statute")
    unlimited = vocab.terms("unlimited_retention")
    statutes = vocab.terms("statute_markers")
    found = list(retention_sentences(reading))
    if not found:
        yield report(where_missing(statement),
                     "The statement does not say how long the data are kept: give a period per purpose or category "
                     "(e.g. '2 jaar na het einde van de overeenkomst'), or the criteria that fix it (Art. 13(2)(a)).",
                     "De verklaring zegt niet hoe lang de gegevens worden bewaard: geef per doel of categorie een "
                     "termijn (bijvoorbeeld '2 jaar na het einde van de overeenkomst'), of de criteria die de termijn "
                     "bepalen (art. 13 lid 2 sub a).")
        return
    concrete_sections = {s.section.index for s, concrete in found if concrete}
    # sections whose periods are all for statutory records: they leave the other data's period open
    records_only = concrete_sections - {s.section.index for s, concrete in found
                                        if concrete and not _for_records(reading, s)}
    done: set[int] = set()
    for sentence, concrete in found:
        # a clause that leaves its own period open is reported whatever the other clauses give, also after
        # another sentence of its paragraph was reported ("… niet langer dan nodig. Medische gegevens worden in
        # principe vijftien jaar …")
        problem = next(_open_clauses(reading, sentence), None)
        if sentence.block.index in done and (problem is None or problem[0].entry.get("id") not in _OWN_FINDING):
            continue
        if problem is not None:
            match, en, nl = problem
            done.add(sentence.block.index)
            yield report(sentence.span_of(match.start, match.end),
                         f"{en} (Art. 13(2)(a), 5(1)(e); WP260 rev.01).",
                         f"{nl} (art. 13 lid 2 sub a, 5 lid 1 sub e; WP260 rev.01).")
            continue
        if concrete:
            continue
        if sentence.block.kind == "paragraph" and sentence.section.index in concrete_sections - records_only:
            continue  # "niet langer dan nodig; wij hanteren deze termijnen: …" — the periods follow
        text = sentence.text
        problem = unlimited.search(text)
        if problem is not None and not reading.negated(sentence, problem.start, problem.end):
            en = f"'{problem.text}': data may not be kept without limit; give a period or the criteria that end it"
            nl = f"'{problem.text}': gegevens mogen niet onbeperkt worden bewaard; geef een termijn of de criteria " \
                 "die hem beëindigen"
        else:
            problem = vague.search(text)
            if problem is not None and sentence.section.index in records_only:
                en = f"'{problem.text}' is not a retention period, and the period given beside it is only for the " \
                     "records of a statutory duty: say how long the other data are kept, per purpose or category"
                nl = f"'{problem.text}' is geen bewaartermijn, en de termijn ernaast geldt alleen voor de administratie " \
                     "van een wettelijke plicht: zeg hoe lang de andere gegevens worden bewaard, per doel of categorie"
            elif problem is not None:
                en = f"'{problem.text}' is not a retention period: give a period per purpose or category, e.g. '2 jaar " \
                     "na het einde van de overeenkomst'"
                nl = f"'{problem.text}' is geen bewaartermijn: geef per doel of categorie een termijn, bijvoorbeeld " \
                     "'2 jaar na het einde van de overeenkomst'"
            else:
                problem = legal.search(text)
                if problem is not None and statutes.search(text) is not None:
                    continue
                if problem is not None:
                    en = f"'{problem.text}' without the statute or the period: name both, e.g. '7 jaar (art. 52 lid 4 " \
                         "AWR)'"
                    nl = f"'{problem.text}' zonder de wet of de termijn: noem beide, bijvoorbeeld '7 jaar (art. 52 " \
                         "lid 4 AWR)'"
                else:
                    problem = next((m for m in reading.find("retention_open", sentence)
                                    if m.entry.get("id") != "vervolg" and
                                    not reading.negated(sentence, m.start, m.end)), None)
                    if problem is None or statutes.search(text) is not None or vocab.citations(text):
                        continue
                    en = f"'{problem.text}' leaves the period open: say how long, per purpose or category, e.g. " \
                         "'2 years after the contract ends'"
                    nl = f"'{problem.text}' laat de termijn open: zeg hoe lang, per doel of categorie, bijvoorbeeld " \
                         "'2 jaar na het einde van de overeenkomst'"
        done.add(sentence.block.index)
        yield report(sentence.span_of(problem.start, problem.end),
                     f"{en} (Art. 13(2)(a), 5(1)(e); WP260 rev.01).", f"{nl} (art. 13 lid 2 sub a, 5 lid 1 sub e; "
                     "WP260 rev.01).")
    periods_for = _periods_only_for_records(reading, [sentence for sentence, concrete in found if concrete])
    if not done and periods_for is not None:
        yield report(where_missing(statement),
                     f"The statement gives a retention period only for '{periods_for}': say how long the other data "
                     "(contact details, accounts, orders …) are kept, per purpose or category (Art. 13(2)(a), 5(1)(e)).",
                     f"De verklaring geeft alleen een bewaartermijn voor '{periods_for}': zeg hoe lang de andere "
                     "gegevens (contactgegevens, accounts, bestellingen …) worden bewaard, per doel of categorie (art. "
                     "13 lid 2 sub a, 5 lid 1 sub e).")
        return
    if not done and not concrete_sections:
        # retention is written about, but neither a period nor vague wording is recognised: ask, do not judge
        sentence = found[0][0]
        yield report(sentence.span,
                     "No retention period, end event or criterion recognised in the statement's retention text: check "
                     "that it says how long the data are kept, per purpose or category (Art. 13(2)(a)).",
                     "In de tekst over bewaren is geen termijn, eindmoment of criterium herkend: controleer dat die zegt "
                     "hoe lang de gegevens worden bewaard, per doel of categorie (art. 13 lid 2 sub a).",
                     severity="note")
