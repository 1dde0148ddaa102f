"""Privacy statements (AVG908, AVG909, AVG910): the data subject's rights, withdrawing consent, complaining to the AP.

Art. 13(2)(b), (c) and (d). When a register of the same organisation is checked in the
same run (``ctx.register``), AVG909 also reports consent in the register with no word on
withdrawal in the statement, with a related location in the register.
"""

from __future__ import annotations

from typing import Iterator

from avglint.findings import Message, Related
from avglint.model import Register
from avglint.registry import report, rule
from avglint.statement import Sentence, Statement

from ._statement_reading import (
    Reading,
    activity_letters,
    list_lead,
    not_binding,
    related_field,
    statement_reading,
    where_missing,
)

RIGHTS = {"inzage": ("access (Art. 15)", "inzage (art. 15)"),
          "rectificatie": ("rectification (Art. 16)", "rectificatie (art. 16)"),
          "wissing": ("erasure (Art. 17)", "verwijdering (art. 17)"),
          "beperking": ("restriction of processing (Art. 18)", "beperking van de verwerking (art. 18)"),
          "overdraagbaarheid": ("data portability (Art. 20)", "overdraagbaarheid (art. 20)"),
          "bezwaar": ("objection (Art. 21)", "bezwaar (art. 21)")}


# ---------------------------------------------------------------------------------------------
# AVG908 rights


def _rights(reading: Reading):
    """Which rights the statement offers (right -> sentence) and which it refuses (list of (sentence, right))."""
    offered: dict[str, tuple[Sentence, object]] = {}
    refused: list[tuple[Sentence, str, object]] = []
    mentions: dict[str, list[tuple[Sentence, object]]] = {}
    for sentence in reading.statement.sentences:
        rights_here = []
        in_section = bool(reading.topics(sentence.section) & {"rechten", "bezwaar"})
        found = reading.find("statement_rights", sentence)
        # a sentence naming two rights in everyday words is about rights ("Ook als u de gegevens wilt wijzigen of
        # verwijderen, stuur dan een brief")
        context = in_section or bool(reading.cues(sentence, "rechten_context")) or \
            len({m.entry["recht"] for m in found}) >= 2
        for match in found:
            if match.entry.get("sterkte") == "zwak" and not context:
                continue
            rights_here.append(match)
            mentions.setdefault(match.entry["recht"], []).append((sentence, match))
        refusals = reading.find("statement_refusals", sentence)
        kinds = {m.entry.get("soort") for m in refusals}
        refusing = [m for m in refusals if m.entry.get("soort") is None]
        is_refusal = refusing and "bereik" not in kinds and "voorwaarde" not in kinds
        named = {m.entry["recht"] for m in refusing if m.entry.get("recht")}
        refused_here = set()
        if is_refusal:
            for match in rights_here:
                refused_here.add(match.entry["recht"])
            refused_here |= named
            for right in sorted(refused_here):
                refused.append((sentence, right, refusing[0]))
        for match in rights_here:
            right = match.entry["recht"]
            if right in refused_here:
                continue
            if reading.negated(sentence, match.start, match.end):
                # "Als je bepaalde gegevens niet zelf kunt inzien, … neem dan contact op": a condition, not a refusal
                if context and "bereik" not in kinds and "voorwaarde" not in kinds and \
                        reading.clauses.condition(sentence.text, match.start, match.end) is None:
                    refused_here.add(right)  # "u kunt geen bezwaar maken", "inzage is niet mogelijk"
                    refused.append((sentence, right, match))
                continue
            offered.setdefault(right, (sentence, match))
    return offered, refused, mentions


@rule(id="AVG908", slug="verklaring-rechten", severity="error", scope="statement",
      articles=("13(2)(b)", "14(2)(c)", "12(3)", "15", "16", "17", "18", "20", "21(4)"),
      title=("The privacy statement leaves out, refuses or restricts a data-subject right.",
             "De privacyverklaring laat een recht van de betrokkene weg, weigert het of beperkt het."))
def rights(statement: Statement, ctx):
    """
    ## What it checks
    That the statement tells data subjects of each of their rights — access (art. 15),
    rectification (16), erasure (17), restriction (18), data portability (20) and
    objection (21) — and does not take them back:

    - a right that is not mentioned is an error (reported where the rights section offers the
      rights it gives, under a heading that names them at the text beneath it, else where the
      statement speaks of a right, else at the title);
    - a right that is refused or said not to apply ("voor het aanbieden in een
      machine-leesbaar formaat zien we geen reden", "dataportabiliteit is niet van
      toepassing", "wij verstrekken geen kopie") is an error at that sentence; a refusal
      about data held for clients as a processor ("namens onze klanten") is not;
    - a right made subject to a fee, a form or the organisation's discretion ("Dit heeft
      invloed op in welke mate we aan bepaalde verzoeken kunnen voldoen") is an error; so is
      a copy of an ID document demanded with every request ("vragen wij jou een kopie van je
      identiteitsbewijs bij het verzoek mee te sturen"): Art. 12(6) allows asking for
      identification only on reasonable doubt ("bij twijfel over uw identiteit");
    - a limit the GDPR itself provides, named with its ground ("kan geweigerd worden … als
      de verwerking nodig is ter nakoming van wettelijke verplichtingen", Art. 17(3)(b)), and
      a negation in a conditional clause ("Als je bepaalde gegevens niet zelf kunt inzien,
      neem dan contact op") are no refusals;
    - where legitimate interests, public task or direct marketing are used, the right to
      object must stand on its own (a heading or list item of its own; warning);
    - a response time other than one month, or a best-effort promise ("uiterste best",
      "binnen 30 dagen"), is a note; so is a hedged month ("niet altijd binnen een maand",
      "in principe binnen een maand").

    Everyday verbs ("verwijderen", "corrigeren") count as a right only in a sentence about
    what the data subject can do ("u kunt … laten verwijderen") or in a section about
    rights: "wij verwijderen de gegevens" is not the right to erasure.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count.
    The deadline note is a note: a compliant deadline in the same sentence keeps the promise.

    ## Why
    Art. 13(2)(b) and 14(2)(c) require "the existence of the right to request from the
    controller access to and rectification or erasure of personal data or restriction of
    processing … or to object to processing as well as the right to data portability".
    Art. 21(4) requires the right to object to be presented "clearly and separately from
    any other information". Art. 12(3): a reply without undue delay and at most within one
    month; Art. 12(5): free of charge.

    ## Example
    ```markdown
    # Privacyverklaring

    ## Inzageverzoek

    U hebt het recht op inzage en kunt correcties doorgeven. Voor het aanbieden van uw
    gegevens in een machine-leesbaar formaat zien we geen reden.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    ## Uw rechten

    - Recht op inzage: u mag weten welke gegevens wij van u verwerken.
    - Recht op rectificatie: u kunt onjuiste gegevens laten corrigeren.
    - Recht op verwijdering: u kunt ons vragen uw gegevens te wissen.
    - Recht op beperking van de verwerking.
    - Recht op overdraagbaarheid: u krijgt uw gegevens in een machineleesbare vorm.
    - Recht van bezwaar: u kunt bezwaar maken tegen de verwerking.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat de verklaring betrokkenen op elk van hun rechten wijst — inzage (art. 15),
    rectificatie (16), verwijdering (17), beperking (18), overdraagbaarheid (20) en bezwaar
    (21) — en die niet terugneemt:

    - een recht dat niet genoemd wordt, is een fout (gemeld waar het deel over rechten de
      rechten noemt die het geeft, onder een kop die ze noemt bij de tekst eronder, anders
      waar de verklaring over een recht spreekt, anders bij de titel);
    - een recht dat geweigerd wordt of niet van toepassing heet ("voor het aanbieden in
      een machine-leesbaar formaat zien we geen reden", "dataportabiliteit is niet van
      toepassing", "wij verstrekken geen kopie"), is een fout bij die zin; een weigering
      over gegevens die de organisatie als verwerker voor klanten beheert ("namens onze
      klanten") niet;
    - een recht dat afhangt van betaling, een formulier of het oordeel van de organisatie
      ("Dit heeft invloed op in welke mate we aan bepaalde verzoeken kunnen voldoen"), is
      een fout; net als een kopie van een identiteitsbewijs die bij elk verzoek wordt
      geëist ("vragen wij jou een kopie van je identiteitsbewijs bij het verzoek mee te
      sturen"): art. 12 lid 6 staat identificatie alleen toe bij redelijke twijfel ("bij
      twijfel over uw identiteit");
    - een grens die de AVG zelf stelt, met de grond erbij ("kan geweigerd worden … als de
      verwerking nodig is ter nakoming van wettelijke verplichtingen", art. 17 lid 3 sub b),
      en een ontkenning in een voorwaardelijke bijzin ("Als je bepaalde gegevens niet zelf
      kunt inzien, neem dan contact op") zijn geen weigering;
    - waar gerechtvaardigd belang, een publieke taak of direct marketing wordt gebruikt,
      moet het recht van bezwaar apart staan (een eigen kop of opsommingsteken;
      waarschuwing);
    - een reactietermijn anders dan één maand, of een inspanningsbelofte ("uiterste best",
      "binnen 30 dagen"), is een opmerking; net als een maand met een voorbehoud ("niet
      altijd binnen een maand", "in principe binnen een maand").

    Gewone werkwoorden ("verwijderen", "corrigeren") tellen alleen als recht in een zin
    over wat de betrokkene kan doen ("u kunt … laten verwijderen") of in een deel over
    rechten: "wij verwijderen de gegevens" is niet het recht op verwijdering.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee. De opmerking over de termijn is een opmerking:
    een termijn die klopt in dezelfde zin houdt de belofte overeind.

    ## Waarom
    Art. 13 lid 2 sub b en 14 lid 2 sub c vragen "dat de betrokkene het recht heeft de
    verwerkingsverantwoordelijke te verzoeken om inzage van en rectificatie of wissing van
    de persoonsgegevens of beperking van de hem betreffende verwerking, alsmede het recht
    tegen de verwerking bezwaar te maken en het recht op gegevensoverdraagbaarheid".
    Art. 21 lid 4 vraagt het recht van bezwaar "duidelijk en gescheiden van enige andere
    informatie" te vermelden. Art. 12 lid 3: antwoord zonder onredelijke vertraging en
    uiterlijk binnen een maand; art. 12 lid 5: kosteloos.

    ## Voorbeeld

    ## Beter
    """
    if statement_reading(statement, ctx.vocab).processes_nothing:
        return  # nothing is collected: nothing to inform about
    reading = statement_reading(statement, ctx.vocab)
    offered, refused, mentions = _rights(reading)
    refused_rights = {right for _, right, _ in refused}
    for sentence, right, match in refused:
        en, nl = RIGHTS[right]
        yield report(sentence.span,
                     f"The statement refuses the right to {en} ('{match.text}'): data subjects have this right and the "
                     "statement must offer it; only the exceptions of the GDPR itself may limit it (Art. 13(2)(b), "
                     "12(2)).",
                     f"De verklaring weigert het recht op {nl} ('{match.text}'): betrokkenen hebben dit recht en de "
                     "verklaring moet het bieden; alleen de uitzonderingen van de AVG zelf mogen het beperken (art. 13 "
                     "lid 2 sub b, 12 lid 2).")
    missing = [r for r in RIGHTS if r not in offered and r not in refused_rights]
    if missing:
        sections = reading.sections_about("rechten")
        # where the statement lists the rights it gives ("U hebt het recht op inzage, verbetering en verwijdering."),
        # first in the rights section, else where it speaks of a right ("Should a customer request that I remove
        # …"); with none given, at the rights section, else at the title
        spoken = min((sentence for sentence, match in offered.values()
                      if not sections or reading.in_rights_section(sentence.block)), key=lambda s: s.index, default=None)
        if spoken is not None and spoken.block.kind == "heading":
            # a heading that names the rights ("5. Recht op inzage, rectificatie … of wissen"): at the text under it
            spoken = next((s for s in spoken.section.sentences() if s.block.kind != "heading"), spoken)
        if spoken is not None and spoken.block.kind == "item":
            # an item of a list of the rights: at the paragraph that introduces the list ("You have the right to:")
            lead = list_lead(statement, spoken.block)
            if lead is not None and lead.sentences and spoken.block in statement.list_under(lead):
                spoken = lead.sentences[-1]
        where = spoken.span if spoken is not None else sections[0].heading.span if sections else \
            where_missing(statement)
        names_en = ", ".join(RIGHTS[r][0] for r in missing)
        names_nl = ", ".join(RIGHTS[r][1] for r in missing)
        if len(missing) == len(RIGHTS):
            en = "The statement does not tell data subjects of their rights: list access, rectification, erasure, " \
                 "restriction, data portability and objection, and how to exercise them (Art. 13(2)(b), 15–21)."
            nl = "De verklaring wijst betrokkenen niet op hun rechten: noem inzage, rectificatie, verwijdering, " \
                 "beperking, overdraagbaarheid en bezwaar, en hoe ze die uitoefenen (art. 13 lid 2 sub b, 15–21)."
        else:
            en = f"The statement does not mention the right to {names_en}: list every right of Art. 15–21 and how to " \
                 "exercise it (Art. 13(2)(b))."
            nl = f"De verklaring noemt het recht op {names_nl} niet: noem elk recht van art. 15–21 en hoe het wordt " \
                 "uitgeoefend (art. 13 lid 2 sub b)."
        yield report(where, en, nl)
    # conditions and response times
    for sentence in reading.statement.sentences:
        # the section is about rights, or the sentence or one before it in its paragraph names one, or everyday
        # words of two rights ("… verzoeken inzage te verlenen … te laten wijzigen of verwijderen. Om gebruik te
        # maken van laatstgenoemd recht dien je …")
        named = [m for earlier in sentence.block.sentences[:sentence.block.sentences.index(sentence) + 1]
                 for m in reading.find("statement_rights", earlier)]
        rights_context = bool(reading.topics(sentence.section) & {"rechten", "bezwaar"}) or any(
            m.entry.get("sterkte") != "zwak" for m in named) or len({m.entry["recht"] for m in named}) >= 2
        if not rights_context:
            continue
        conditions = reading.find("statement_conditions", sentence)
        barrier = next((m for m in conditions if m.entry.get("soort") == "drempel"), None)
        if barrier is None and not any(m.entry.get("soort") == "twijfel" for m in conditions):
            # an ID copy demanded with the request, not only on reasonable doubt (Art. 12(6))
            barrier = next((m for m in reading.vocab.terms("id_copies").find(sentence.text)
                            if m.entry["id"] == "kopie_id"), None)
        if barrier is not None and barrier.entry.get("id") == "kopie_id":
            if not reading.negated(sentence, barrier.start, barrier.end):
                yield report(sentence.span_of(barrier.start, barrier.end),
                             f"'{barrier.text}' is demanded with the request: ask for identification only where there "
                             "is reasonable doubt about who makes it, and then no more than needed (Art. 12(2), 12(6)).",
                             f"'{barrier.text}' wordt bij het verzoek geëist: vraag alleen om identificatie als er "
                             "redelijke twijfel is over wie het verzoek doet, en dan niet meer dan nodig (art. 12 lid 2 "
                             "en 6).")
            continue
        if barrier is not None and not reading.negated(sentence, barrier.start, barrier.end):
            yield report(sentence.span_of(barrier.start, barrier.end),
                         f"'{barrier.text}' makes a right conditional: exercising a right is free and needs no "
                         "particular form; only manifestly unfounded or excessive requests may be charged or refused "
                         "(Art. 12(2), 12(5)).",
                         f"'{barrier.text}' maakt een recht voorwaardelijk: een recht uitoefenen is kosteloos en vormvrij; "
                         "alleen kennelijk ongegronde of buitensporige verzoeken mogen worden belast of geweigerd (art. "
                         "12 lid 2 en 5).")
            continue
        elements = reading.find("statement_elements", sentence)
        late = next((m for m in elements if m.entry.get("id") == "reactietermijn_afwijkend"), None)
        effort = next((m for m in conditions if m.entry.get("soort") == "inspanning"), None)
        flagged = late or effort
        # "zo snel mogelijk, in ieder geval binnen de wettelijke termijn van een maand": the promise holds;
        # hedged ("niet altijd binnen een maand", "in principe binnen een maand") it does not
        kept = any(m.entry.get("id") == "reactietermijn" and not reading.negated(sentence, m.start, m.end)
                   and not_binding(reading, sentence, m) is None for m in elements)
        if flagged is not None and not kept:
            yield report(sentence.span_of(flagged.start, flagged.end),
                         f"'{flagged.text}': requests must be answered without undue delay and at most within one month "
                         "(extendable by two months, with reasons); promise that, not a best effort (Art. 12(3)).",
                         f"'{flagged.text}': verzoeken moeten zonder onredelijke vertraging en uiterlijk binnen een maand "
                         "worden beantwoord (met redenen te verlengen met twee maanden); beloof dat, geen inspanning "
                         "(art. 12 lid 3).", severity="note")
    # the right to object, explicitly and separately
    if "bezwaar" in offered and _objection_needed(reading, ctx):
        separate = bool(reading.sections_about("bezwaar")) or any(
            sentence.block.kind in ("item", "heading") or sentence is sentence.block.sentences[0]
            for sentence, match in mentions.get("bezwaar", ()) if match.entry.get("sterkte") != "zwak")
        if not separate:
            sentence, match = offered["bezwaar"]
            yield report(sentence.span_of(match.start, match.end),
                         "The right to object is mentioned only in passing: where legitimate interests, public task or "
                         "direct marketing are used, present it clearly and separately, e.g. under its own heading "
                         "'Recht van bezwaar' (Art. 21(4)).",
                         "Het recht van bezwaar wordt alleen terloops genoemd: waar gerechtvaardigd belang, een publieke "
                         "taak of direct marketing wordt gebruikt, moet het duidelijk en apart staan, bijvoorbeeld onder "
                         "een eigen kop 'Recht van bezwaar' (art. 21 lid 4).", severity="warning")


def _objection_needed(reading: Reading, ctx) -> bool:
    if any(c.valid and c.letter in ("e", "f") for c in reading.claims):
        return True
    return reading.first("eprivacy_marketing") is not None


# ---------------------------------------------------------------------------------------------
# AVG909 withdrawal of consent


def _consent_uses(reading: Reading) -> list[tuple[Sentence, int, int]]:
    uses = sorted({(c.sentence.index, c.start, c.end): (c.sentence, c.start, c.end)
                   for c in reading.claims if c.valid and c.letter == "a"}.values(), key=lambda u: (u[0].index, u[1]))
    return uses


def _withdrawal_mentions(reading: Reading) -> Iterator[tuple[Sentence, object]]:
    """Withdrawal wording about consent: the statement element, or withdrawal words in a block about consent."""
    yield from reading.matches("statement_elements", ids={"intrekken"})
    consent_words, anytime = reading.vocab.terms("consent_topic"), reading.vocab.terms("consent_anytime")
    found = list(reading.matches("consent_withdrawal"))
    for sentence, match in found:
        # a place where consent is managed ("door middel van een cookiebanner") says how it is withdrawn only with an
        # act of withdrawing or "at any time" in the sentence (as AVG401 reads it in a register)
        if match.entry.get("plaats") and not anytime.search(sentence.text) and not any(
                s is sentence and not m.entry.get("plaats") for s, m in found):
            continue
        # in a block about consent: by the word, or by a consent claim in other words ("goedkeuring geeft")
        if consent_words.search(sentence.block.text) or any(
                c.letter == "a" for c in reading.block_claims.get(sentence.block.index, ())):
            yield sentence, match


def _withdrawal_refused(reading: Reading):
    """(sentence, match) where withdrawing consent is said to be impossible: a negation before the words ("kan
    niet worden ingetrokken"), not in a conditional clause ("als u uw toestemming niet intrekt"), else None.
    A negation after them is about something else ("maakt de verwerking vóór de intrekking niet onrechtmatig")."""
    for sentence, match in _withdrawal_mentions(reading):
        negation = reading.clauses.negation(sentence.text, match.start, match.end)
        if negation is not None and negation.end <= match.start and \
                reading.clauses.condition(sentence.text, match.start, match.end) is None:
            return sentence, match
    return None


def _withdrawal_stated(reading: Reading) -> bool:
    """Withdrawal of consent is offered somewhere."""
    return any(not reading.negated(s, m.start, m.end) for s, m in _withdrawal_mentions(reading))


def _register_consent(register: Register | None, vocab):
    if register is None:
        return None
    for activity in register.activities:
        letters, field = activity_letters(activity, vocab)
        if "a" in letters and field is not None:
            return activity, field
    return None


@rule(id="AVG909", slug="verklaring-intrekken-toestemming", severity="error", scope="statement",
      articles=("13(2)(c)", "14(2)(d)", "7(3)"),
      title=("Consent is used, but the statement does not say it can be withdrawn at any time.",
             "Er wordt toestemming gebruikt, maar de verklaring zegt niet dat die altijd kan worden ingetrokken."))
def withdrawal(statement: Statement, ctx):
    """
    ## What it checks
    That a statement relying on consent (a purpose on "toestemming", art. 6(1)(a) cited,
    "wij vragen uw toestemming", a cookie consent dialogue) tells the data subject that the
    consent can be withdrawn at any time, and preferably how ("via de afmeldlink", "in de
    cookie-instellingen"). An opt-out from mailings sent on legitimate interests is not a
    withdrawal of consent. With a register in the same run, an activity on consent in the
    register makes withdrawal information required even when the statement never mentions
    consent (related location: the activity's `grondslag`). A statement that says consent
    cannot be withdrawn ("kan in deze gevallen niet worden ingetrokken", "cannot be
    withdrawn") is reported there, even when it offers withdrawal elsewhere.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count.
    Consent is read in any word order ("u geeft toestemming", "Door … te versturen geeft u
    toestemming", "you give us permission") and in any form it is claimed: given with words
    in between ("toestemming (mondeling of schriftelijk) verleend", "consent (verbal or
    written) has been given"), qualified ("with the express consent of the data subject",
    "met uw uitdrukkelijke toestemming"), asked for ("vraagt toestemming", "ask you for
    permission").

    ## Why
    Art. 13(2)(c) and 14(2)(d) require, where processing is based on consent, "the
    existence of the right to withdraw consent at any time". Art. 7(3): the data subject
    must be told before giving consent, and withdrawing must be as easy as giving it.

    ## Example
    ```markdown
    # Privacyverklaring

    Voor advertentiecookies vragen wij uw toestemming in een dialoog bij uw eerste bezoek.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    Voor advertentiecookies vragen wij uw toestemming in een dialoog bij uw eerste bezoek.
    U kunt uw toestemming te allen tijde intrekken via de cookie-instellingen onderaan
    elke pagina.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verklaring die op toestemming steunt (een doel op "toestemming", art. 6 lid 1
    sub a genoemd, "wij vragen uw toestemming", een cookiedialoog) de betrokkene vertelt dat
    die toestemming altijd kan worden ingetrokken, en liefst hoe ("via de afmeldlink", "in
    de cookie-instellingen"). Afmelden voor mailings op grond van gerechtvaardigd belang is
    geen intrekking van toestemming. Met een register in dezelfde run maakt een verwerking
    op toestemming in het register informatie over intrekken verplicht, ook als de
    verklaring toestemming nergens noemt (gerelateerde plek: de `grondslag` van die
    verwerking). Een verklaring die zegt dat toestemming niet kan worden ingetrokken ("kan
    in deze gevallen niet worden ingetrokken", "cannot be withdrawn") wordt daar gemeld, ook
    als ze elders intrekken aanbiedt.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee. Toestemming wordt in elke woordvolgorde gelezen
    ("u geeft toestemming", "Door … te versturen geeft u toestemming", "you give us permission")
    en in elke vorm waarin ze wordt geclaimd: gegeven met woorden ertussen ("toestemming
    (mondeling of schriftelijk) verleend", "consent (verbal or written) has been given"), met
    een bepaling ("met uw uitdrukkelijke toestemming", "with the express consent of the data
    subject"), gevraagd ("vraagt toestemming", "ask you for permission").

    ## Waarom
    Art. 13 lid 2 sub c en 14 lid 2 sub d vragen, bij verwerking op grond van toestemming,
    "dat de betrokkene het recht heeft de toestemming te allen tijde in te trekken". Art. 7
    lid 3: de betrokkene wordt daarover ingelicht voordat hij toestemming geeft, en
    intrekken is even eenvoudig als toestemming geven.

    ## Voorbeeld

    ## Beter
    """
    reading = statement_reading(statement, ctx.vocab)
    refused = _withdrawal_refused(reading)
    if refused is not None:
        sentence, match = refused
        yield report(sentence.span_of(match.start, match.end),
                     f"'{sentence.text[match.start:match.end]}' is said not to be possible: consent can always be "
                     "withdrawn, as easily as it was given; what was done before stays lawful (Art. 7(3)).",
                     f"'{sentence.text[match.start:match.end]}' zou niet kunnen: toestemming kan altijd worden "
                     "ingetrokken, even eenvoudig als ze werd gegeven; wat daarvoor gebeurde blijft rechtmatig (art. 7 "
                     "lid 3).")
        return
    if _withdrawal_stated(reading):
        return
    # placed at consent the statement relies on, before consent in a condition ("Mocht dit veranderen, dan alleen met
    # uw voorafgaande toestemming")
    uses = sorted(_consent_uses(reading), key=lambda u: reading.clauses.condition(u[0].text, u[1], u[2]) is not None)
    if uses:
        sentence, start, end = uses[0]
        yield report(sentence.span_of(start, end),
                     "Consent is used here, but the statement never says it can be withdrawn: add that consent can be "
                     "withdrawn at any time and how, as easily as it was given (Art. 13(2)(c), 7(3)).",
                     "Hier wordt toestemming gebruikt, maar de verklaring zegt nergens dat die kan worden ingetrokken: "
                     "vermeld dat toestemming te allen tijde kan worden ingetrokken en hoe, even eenvoudig als ze werd "
                     "gegeven (art. 13 lid 2 sub c, 7 lid 3).",
                     related=tuple(Related(s.span_of(a, b), Message("Consent is also used here.",
                                                                    "Ook hier wordt toestemming gebruikt."))
                                   for s, a, b in uses[1:6]))
        return
    found = _register_consent(ctx.register, ctx.vocab)
    if found is not None:
        activity, field = found
        yield report(where_missing(statement),
                     f"The register records '{activity.name}' on consent, but the statement says nothing about "
                     "withdrawing consent: add that it can be withdrawn at any time and how (Art. 13(2)(c), 7(3)).",
                     f"Het register legt '{activity.name}' vast op toestemming, maar de verklaring zegt niets over "
                     "intrekken: vermeld dat toestemming te allen tijde kan worden ingetrokken en hoe (art. 13 lid 2 "
                     "sub c, 7 lid 3).",
                     related=(related_field(field, "The activity on consent in the register.",
                                             "De verwerking op toestemming in het register."),))


# ---------------------------------------------------------------------------------------------
# AVG910 complaint


@rule(id="AVG910", slug="verklaring-klachtrecht-ap", severity="error", scope="statement", articles=("13(2)(d)", "77"),
      title=("The privacy statement does not mention the right to complain to the Autoriteit Persoonsgegevens.",
             "De privacyverklaring noemt het recht niet om een klacht in te dienen bij de Autoriteit "
             "Persoonsgegevens."))
def complaint(statement: Statement, ctx):
    """
    ## What it checks
    That the statement tells data subjects they may lodge a complaint with a supervisory
    authority: the Autoriteit Persoonsgegevens in the Netherlands (or "de toezichthouder",
    the supervisory authority of their country). A complaint procedure of the organisation
    itself does not count, and neither does the authority named only as the body a data
    breach is reported to ("we would notify the ICO"), unless the same sentence speaks of a
    complaint.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count.

    ## Why
    Art. 13(2)(d) and 14(2)(e) require "the right to lodge a complaint with a supervisory
    authority"; Art. 77 gives that right whatever the organisation's own procedure says.

    ## Example
    ```markdown
    # Privacyverklaring

    Heeft u een klacht? Neem contact met ons op.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    Heeft u een klacht? Neem contact met ons op. U kunt ook een klacht indienen bij de
    Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat de verklaring betrokkenen vertelt dat zij een klacht kunnen indienen bij een
    toezichthoudende autoriteit: in Nederland de Autoriteit Persoonsgegevens (of "de
    toezichthouder", de autoriteit van hun land). Een klachtenprocedure van de organisatie
    zelf telt niet, en de autoriteit die alleen genoemd wordt als de instantie waar een
    datalek gemeld wordt ook niet, tenzij dezelfde zin over een klacht gaat.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee.

    ## Waarom
    Art. 13 lid 2 sub d en 14 lid 2 sub e vragen "dat de betrokkene het recht heeft klacht
    in te dienen bij een toezichthoudende autoriteit"; art. 77 geeft dat recht, wat de
    eigen procedure van de organisatie ook zegt.

    ## Voorbeeld

    ## Beter
    """
    if statement_reading(statement, ctx.vocab).processes_nothing:
        return  # nothing is collected: nothing to inform about
    reading = statement_reading(statement, ctx.vocab)
    for sentence, _ in reading.matches("statement_elements", ids={"toezichthouder"}):
        found = {m.entry.get("id") for m in reading.find("statement_elements", sentence)}
        if "datalek" in found and "klacht" not in found:
            continue  # the authority as the body a breach is reported to: not the complaint right
        return
    yield report(where_missing(statement),
                 "The statement does not say that data subjects may complain to the Autoriteit Persoonsgegevens: add "
                 "'U kunt een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl)' "
                 "(Art. 13(2)(d), 77).",
                 "De verklaring zegt niet dat betrokkenen een klacht kunnen indienen bij de Autoriteit "
                 "Persoonsgegevens: voeg toe 'U kunt een klacht indienen bij de Autoriteit Persoonsgegevens "
                 "(autoriteitpersoonsgegevens.nl)' (art. 13 lid 2 sub d, 77).")
