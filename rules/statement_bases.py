"""Privacy statements (AVG903, AVG904): every purpose with its lawful basis, and the legitimate interests.

Art. 13(1)(c) and (d). When a register of the same organisation is checked in the same
run (``ctx.register``), AVG903 also reports another basis the register gives for the same
purpose, with a related location in the register.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from avglint.model import Activity, Register, Span
from avglint.readings import reading
from avglint.registry import report, rule
from avglint.statement import Block, Section, Statement
from avglint.vocab import normalise

from ._statement_reading import Claim, Reading, activity_letters, related_field, statement_reading, where_missing

_WORDS = re.compile(r"[^\W\d_]{4,}")


# ---------------------------------------------------------------------------------------------
# AVG903 purposes and bases


def _is_purpose(reading: Reading, block: Block) -> bool:
    """A block that describes a use of personal data (not an introduction, not a denial)."""
    return bool(block.sentences) and not block.sentences[0].text.rstrip().endswith(":") and \
        _describes_use(reading, block)


@reading(reader=None)
def _stopwords(vocab) -> frozenset[str]:
    """Words left out when a block is matched to an activity (``activity_name_stopwords`` in statements.yaml)."""
    return frozenset(normalise(word) for word in vocab.data("statements")["activity_name_stopwords"])


def _content_words(text: str, stopwords: frozenset[str]) -> set[str]:
    words = set()
    for word in _WORDS.findall(normalise(text)):
        if word in stopwords:
            continue
        stem = word
        for suffix in ("en", "s"):
            if len(word) > 6 and word.endswith(suffix):
                stem = word[: -len(suffix)]
                break
        words.add(stem)
    return words


def _matching_activity(block: Block, register: Register, vocab) -> Activity | None:
    """The one activity whose name the block's first sentence (or its heading) spells out."""
    stopwords = _stopwords(vocab)
    lead = block.sentences[0].text if block.sentences else block.text
    if block.section is not None and block.section.heading is not None and len(block.section.blocks) == 1:
        lead += " " + block.section.title
    words = _content_words(lead, stopwords)
    found = []
    for activity in register.activities:
        name_words = _content_words(activity.name or "", stopwords)
        if name_words and name_words <= words:
            found.append(activity)
    return found[0] if len(found) == 1 else None


def _consent_for_everything(reading: Reading):
    """(the first consent claim, the words of a contract or legal duty) when consent is the only basis the
    statement claims and it describes processing consent cannot carry (membership, an order, the tax
    records, the medical file); else None."""
    valid = [c for c in reading.claims if c.valid]
    if not valid or any(c.letter != "a" for c in valid):
        return None
    need = reading.first("statement_elements", ids={"andere_grondslag_nodig"})
    while need is not None and not reading.signal(*need):
        need = next((m for m in reading.matches("statement_elements", ids={"andere_grondslag_nodig"})
                     if m[0].index > need[0].index and reading.signal(*m)), None)
    return (valid[0], need[1]) if need is not None else None


# topics of sections (and the sections above them) that describe no purpose of their own
_NOT_PURPOSE_TOPICS = frozenset({"rechten", "bezwaar", "intrekken", "klachten", "contact", "fg", "bewaren", "beveiliging",
                                 "cookies", "wijzigingen", "ontvangers", "doorgifte", "bron", "verstrekking", "adm",
                                 "kinderen", "grondslag", "belangen", "inleiding", "gegevens"})


def _denies(reading: Reading, block: Block) -> bool:
    """A block whose first sentence the clause reader finds negated in some word ("MegaWattPuur neemt geen
    besluiten op basis van geautomatiseerde verwerkingen"): it says what is not done, not a purpose."""
    sentence = block.sentences[0]
    return any(reading.negated(sentence, word.start(), word.end()) for word in _WORDS.finditer(sentence.text))


def _use_sentence(reading: Reading, block: Block):
    """The first sentence of a block with an affirmed use of personal data ("Die gegevens gebruiken wij voor jouw
    sollicitatie.", "we use"), or None."""
    return next((sentence for sentence in block.sentences for cue in reading.cues(sentence, "gebruik")
                 if not reading.negated(sentence, cue.start, cue.end)), None)


def _describes_use(reading: Reading, block: Block) -> bool:
    """A block with an affirmed use of personal data, an introduction included."""
    return _use_sentence(reading, block) is not None


def _purpose_sections_without_basis(reading: Reading) -> Iterator[Section]:
    """Sibling sections, one per purpose, where some give a basis and this one describes a use without any."""
    by_parent: dict[int, list[Section]] = {}
    for section in reading.statement.sections:
        # a heading that names a purpose ("1. Afhandeling bestelling"), not a topic of the statement
        if section.heading is None or section.parent is None or reading.own_topics.get(section.index) or \
                reading.topics(section) & _NOT_PURPOSE_TOPICS:
            continue
        rights = {m.entry.get("id") for _, m in reading.matches("statement_rights", sentences=section.sentences())}
        if len(rights) < 2:  # a section that sets out the rights under a heading not read as such
            by_parent.setdefault(section.parent.index, []).append(section)
    for siblings in by_parent.values():
        claims = {s.index: [c for b in s.all_blocks() for c in reading.block_claims.get(b.index, ()) if c.valid]
                  for s in siblings}
        if len(siblings) < 2 or not any(claims.values()):
            continue
        for section in siblings:
            if not claims[section.index] and any(b.kind != "heading" and _describes_use(reading, b)
                                                 for b in section.all_blocks()):
                yield section


def _bases_listed_apart(reading: Reading) -> Iterator[tuple[Block, list[Block]]]:
    """Lists that set out the lawful bases on their own ("op basis van volgende grondslagen:" followed by
    "- Jouw toestemming", "- De wettelijke verplichting ...") rather than a basis per purpose: at least two
    items claim different bases, each at its start, none after a purpose label ("Nieuwsbrief: toestemming")."""
    statement = reading.statement
    for intro in statement.blocks:
        # a paragraph that introduces the list, an item with the bases nested in it ("- … De wettelijke
        # grondslagen zijn:" / "  - toestemming"), or the heading of a section about the basis that opens with it
        # ("## Wat is de grondslag?" followed by "- Wettelijke verplichting: …")
        items = statement.list_under(intro) if intro.kind in ("paragraph", "item") or (
            intro.kind == "heading" and "grondslag" in reading.own_topics.get(intro.section.index, ())) else []
        if items and intro.sentences and reading.cues(intro.sentences[-1], "doelen_intro") and not all(
                reading.block_claims.get(item.index) for item in items):
            continue  # a list of purposes ("voor de volgende doelen:"), some giving their own bases
        claiming = [(item, reading.block_claims.get(item.index, [])) for item in items]
        claiming = [(item, [c for c in claims if c.valid and c.letter]) for item, claims in claiming]
        claiming = [(item, claims) for item, claims in claiming if claims]
        if len(claiming) < 2 or len({c.letter for _, claims in claiming for c in claims}) < 2:
            continue
        if all(_claim_offset(item, claims[0]) <= 60 and ":" not in item.text[:_claim_offset(item, claims[0])]
               for item, claims in claiming):
            yield intro, items


def _named_by(purpose: Block, bases: list[Block], stopwords: frozenset[str], common: frozenset[str] = frozenset()) \
        -> bool:
    """One of the bases listed apart names what the purpose is about, in its own words after the basis
    ("Uitvoering van de overeenkomst: inschrijvingsovereenkomst" for "administratie, inschrijving en
    bekostiging"): a word of the purpose and one of the item share their first six letters (``_word_starts``).
    ``common``: such beginnings of words that many purposes share, which say where they are done ("op het
    vacatureplatform"), not what they are about."""
    ours = _word_starts(purpose.text, stopwords) - common
    for item in bases:
        named = item.text.split(":", 1)[1] if ":" in item.text else item.text
        if ours & _word_starts(named, stopwords):
            return True
    return False


def _word_starts(text: str, stopwords: frozenset[str]) -> set[str]:
    """The first six letters of the words of six letters or more in ``text``, which joins the parts of Dutch
    compounds ("inschrijving", "inschrijvingsovereenkomst")."""
    return {word[:6] for word in _content_words(text, stopwords) if len(word) >= 6}


def _common_words(purposes: list[Block], stopwords: frozenset[str], share: int = 3) -> frozenset[str]:
    """The beginnings of words (``_word_starts``) that ``share`` or more of the purposes listed hold."""
    counts = Counter(start for purpose in purposes for start in _word_starts(purpose.text, stopwords))
    return frozenset(start for start, count in counts.items() if count >= share)


def _claim_offset(block: Block, claim: Claim) -> int:
    """Where a claim starts in its block's text."""
    return block.text.find(claim.sentence.text) + claim.start


@rule(id="AVG903", slug="verklaring-doel-zonder-grondslag", severity="error", scope="statement",
      articles=("13(1)(c)", "14(1)(c)"),
      title=("A purpose in the privacy statement without a valid lawful basis.",
             "Een doel in de privacyverklaring zonder geldige grondslag."))
def purpose_without_basis(statement: Statement, ctx):
    """
    ## What it checks
    That every purpose the statement describes comes with a lawful basis of Art. 6(1),
    named in words ("op basis van uw toestemming", "Grondslag: uitvoering van de
    overeenkomst", or the GDPR's own term for it without a marker: "is therefore a legitimate
    business interest", "om aan onze wettelijke verplichtingen te voldoen") or by article
    ("artikel 6 lid 1 sub f AVG", "art. 6.1.f"). It reports:

    - a statement that names no lawful basis at all (at the first purpose it describes, and at
      each further item of a list of purposes, where its basis is to be added); a basis named
      only where the rights are explained ("objection applies when legitimate interests are
      the basis") or for keeping data longer ("unless you consent to our keeping them for a
      year") is claimed for no purpose;
    - consent as the only basis while the statement describes processing consent cannot
      carry: a contract (membership, an order, a treatment, patient data) or a legal duty
      (tax records, the medical file), Art. 7(3), 7(4);
    - the bases listed on their own ("op basis van de volgende grondslagen:" followed by
      "- Jouw toestemming", "- De wettelijke verplichting", or a list that opens a section
      "## Legal basis") while the purposes are described elsewhere without one: the reader
      cannot tell which basis covers which purpose. Each listed purpose that none of those
      bases names ("Uitvoering van de overeenkomst: inschrijvingsovereenkomst" names
      "inschrijving en administratie", not "communicatie met ouders"; a word most listed
      purposes share says where they are done, "op het vacatureplatform", and names none) is
      reported as well;
      when every purpose is named beside its basis, nothing is, unless four or more bases
      stand side by side without a purpose of their own ("- als dit moet volgens de wet;",
      "- als er sprake is van een vitaal belang;"): Art. 6(1) copied out;
    - a purpose whose only basis is a provision that is not a lawful basis ("op grond van
      artikel 21.6 van de AVG");
    - in a list of purposes that give their basis, one that gives none (the items a heading about
      the purposes opens are purposes, "## Met welk doel verwerken wij persoonsgegevens" /
      "- Verzenden van onze nieuwsbrief", except one that says what is not done); and in a
      statement set out in one section per purpose ("1. Afhandeling bestelling", "2.
      Klikgedrag en bezoekgegevens"), a section that describes a use without a basis while
      sections beside it give theirs;
    - with a register in the same run, a purpose for which the statement gives another
      basis than the register's activity of the same name (warning, with the activity as
      related location).

    Articles cited about something else ("zoals bedoeld in artikel 9", "beschreven in
    artikelen 29 en 30") are not read as a basis: only citations after "op grond van",
    "op basis van", "grondslag", or "conform" in a section about purposes count.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count. A
    basis named in a conditional clause ("wanneer wij daartoe wettelijk verplicht zijn") where
    purposes are set out is a claim, and so is each item of a list a paragraph introduces as
    the bases ("op basis van de volgende grondslagen:", "onderstaande voorwaarden:").

    ## Why
    Art. 13(1)(c) and 14(1)(c) require "the purposes of the processing … as well as the
    legal basis for the processing". The basis decides which rights apply (objection for
    e and f, withdrawal for a, portability for a and b), so a missing or wrong basis
    misinforms the data subject.

    ## Example
    ```markdown
    # Privacyverklaring

    ## Statistieken

    Wij meten het gebruik van de website. Op grond van artikel 21.6 van de AVG menen we
    dat een opt-out afdoende is.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    ## Statistieken

    Wij meten het gebruik van de website. Grondslag: uw toestemming (artikel 6 lid 1 sub a
    AVG), die u geeft in de cookiebanner.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elk doel dat de verklaring beschrijft een grondslag van art. 6 lid 1 heeft, in
    woorden ("op basis van uw toestemming", "Grondslag: uitvoering van de overeenkomst", of
    met de eigen term van de AVG zonder woord ervoor: "heeft de vereniging een gerechtvaardigd
    belang", "om aan onze wettelijke verplichtingen te voldoen") of met het artikel ("artikel
    6 lid 1 sub f AVG", "art. 6.1.f"). Gemeld worden:

    - een verklaring die helemaal geen grondslag noemt (bij het eerste doel dat ze noemt, en
      bij elk volgend punt van een lijst van doelen, waar de grondslag moet komen); een
      grondslag die alleen genoemd wordt waar de rechten worden uitgelegd ("bezwaar geldt als
      gerechtvaardigd belang de grondslag is") of voor langer bewaren ("tenzij je goedkeuring
      geeft voor een bewaartermijn van een jaar") geldt voor geen enkel doel;
    - toestemming als enige grondslag terwijl de verklaring verwerking beschrijft die niet op
      toestemming kan rusten: een overeenkomst (lidmaatschap, bestelling, behandeling,
      patiëntgegevens) of een wettelijke plicht (belastingadministratie, medisch dossier),
      art. 7 lid 3 en 4;
    - grondslagen in een eigen lijst ("op basis van de volgende grondslagen:" met "- Jouw
      toestemming", "- De wettelijke verplichting", of een lijst waarmee een deel "## Grondslag"
      begint) terwijl de doelen elders zonder grondslag staan: de lezer ziet niet welke
      grondslag bij welk doel hoort. Elk doel uit de lijst dat geen van die grondslagen noemt
      ("Uitvoering van de overeenkomst: inschrijvingsovereenkomst" noemt "inschrijving en
      administratie", niet "communicatie met ouders"; een woord dat de meeste opgesomde
      doelen delen, zegt waar ze gebeuren, "op het vacatureplatform", en noemt er geen) wordt
      ook gemeld; noemt de lijst elk doel bij zijn grondslag, dan niets, tenzij vier of meer
      grondslagen naast elkaar staan zonder eigen doel ("- als dit moet volgens de wet;", "- als er sprake is van een vitaal
      belang;"): art. 6 lid 1 overgeschreven;
    - een doel waarvan de enige grondslag een bepaling is die geen grondslag is ("op grond
      van artikel 21.6 van de AVG");
    - in een lijst van doelen die hun grondslag noemen, een doel zonder grondslag (de punten
      van een lijst onder een kop over de doelen zijn doelen, "## Met welk doel verwerken wij
      persoonsgegevens" / "- Verzenden van onze nieuwsbrief", behalve een punt dat zegt wat
      niet gebeurt); en in
      een verklaring met één deel per doel ("1. Afhandeling bestelling", "2. Klikgedrag en
      bezoekgegevens"), een deel dat een gebruik beschrijft zonder grondslag terwijl de delen
      ernaast die wel geven;
    - met een register in dezelfde run: een doel waarvoor de verklaring een andere
      grondslag noemt dan de verwerking met dezelfde naam in het register (waarschuwing,
      met de verwerking als gerelateerde plek).

    Artikelen die over iets anders gaan ("zoals bedoeld in artikel 9", "beschreven in
    artikelen 29 en 30") gelden niet als grondslag: alleen verwijzingen na "op grond van",
    "op basis van", "grondslag", of na "conform" in een deel over doeleinden tellen.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee. Een grondslag in een voorwaardelijke bijzin
    ("wanneer wij daartoe wettelijk verplicht zijn") waar de doelen staan, is een claim, en
    ook elk punt van een lijst die een alinea als de grondslagen inleidt ("op basis van de
    volgende grondslagen:", "onderstaande voorwaarden:").

    ## Waarom
    Art. 13 lid 1 sub c en 14 lid 1 sub c vragen "de verwerkingsdoeleinden … alsook de
    rechtsgrond voor de verwerking". De grondslag bepaalt welke rechten gelden (bezwaar bij
    e en f, intrekken bij a, overdraagbaarheid bij a en b); een ontbrekende of verkeerde
    grondslag informeert de betrokkene dus verkeerd.

    ## Voorbeeld

    ## Beter
    """
    if statement_reading(statement, ctx.vocab).processes_nothing:
        return  # nothing is collected: nothing to inform about
    reading = statement_reading(statement, ctx.vocab)
    # a basis named only where the rights are explained ("bezwaar ... als gerechtvaardigd belang de rechtsgrond
    # is") or for keeping data longer ("tenzij je goedkeuring geeft voor een bewaartermijn van een jaar") is
    # claimed for no purpose
    claimed = [c for c in reading.claims if not reading.in_rights_section(c.sentence.block)
               and "bewaren" not in reading.topics(c.sentence.section)]
    # the items a paragraph introduces as purposes ("voor de volgende doelen:") are purposes, in whatever words
    # ("Het maken van afspraken", "Je te informeren over wijzigingen")
    listed = reading.introduced_by("doelen_intro")
    # the purposes described without a basis of their own
    purposes_elsewhere = [b for b in reading.units() if not reading.block_claims.get(b.index) and (
        _is_purpose(reading, b) or (b.kind == "item" and ("doeleinden" in reading.topics(b.section)
                                                          or b.index in listed)))
        and not reading.in_rights_section(b)]
    if not any(c.valid for c in claimed) and not any(c.valid is None for c in claimed):
        invalid = [c for c in claimed if c.valid is False]
        if not invalid:
            # point at the section about the basis, when there is one ("What legal basis do we have?" / "GDPR
            # applies."), else at the first purpose the statement describes: that is where the basis is missing
            # the items of a list of purposes, each of which needs its basis
            listed_purposes = [b for b in purposes_elsewhere if b.kind != "paragraph" and (
                b.index in listed or "doeleinden" in reading.topics(b.section))]
            first = next((b for b in reading.units() if b.section is not None and b.kind != "heading" and b.sentences
                          and "grondslag" in reading.own_topics.get(b.section.index, ())), None) or next(
                (b for b in reading.units() if (_is_purpose(reading, b) or b in listed_purposes)
                 and not reading.in_rights_section(b)), None)
            yield report((_use_sentence(reading, first) or first.sentences[0]).span if first is not None
                         else where_missing(statement),
                         "The statement names no lawful basis: give for each purpose the basis of Art. 6(1), e.g. "
                         "'Grondslag: uitvoering van de overeenkomst (artikel 6 lid 1 sub b AVG)' (Art. 13(1)(c)).",
                         "De verklaring noemt geen grondslag: geef per doel de grondslag van art. 6 lid 1, "
                         "bijvoorbeeld 'Grondslag: uitvoering van de overeenkomst (artikel 6 lid 1 sub b AVG)' "
                         "(art. 13 lid 1 sub c).")
            # and each further purpose of a list of purposes, where its basis is to be added
            for block in listed_purposes:
                if block is first:
                    continue
                yield report((_use_sentence(reading, block) or block.sentences[0]).span,
                             "No lawful basis is given for this purpose: add its basis of Art. 6(1), e.g. 'Grondslag: "
                             "uitvoering van de overeenkomst (artikel 6 lid 1 sub b AVG)' (Art. 13(1)(c)).",
                             "Voor dit doel staat er geen grondslag: vermeld de grondslag van art. 6 lid 1, "
                             "bijvoorbeeld 'Grondslag: uitvoering van de overeenkomst (artikel 6 lid 1 sub b AVG)' "
                             "(art. 13 lid 1 sub c).")
            return
    consent_only = _consent_for_everything(reading)
    # set out in one section per purpose, consent given in some sections is no basis claimed for the others: each
    # section without one is reported below
    if consent_only is not None and next(_purpose_sections_without_basis(reading), None) is None:
        claim, need = consent_only
        yield report(claim.span,
                     f"Consent is the only lawful basis the statement gives, while it describes processing that rests "
                     f"on something else ('{need.text}': a contract such as membership, an order or a treatment, or a "
                     "legal duty such as the tax records or the medical file). Consent can be withdrawn at any time "
                     "and may not be a condition of the service (Art. 7(3), 7(4)): give the basis per purpose "
                     "(Art. 13(1)(c)).",
                     f"Toestemming is de enige grondslag die de verklaring noemt, terwijl ze verwerking beschrijft die "
                     f"op iets anders rust ('{need.text}': een overeenkomst zoals het lidmaatschap, een bestelling of "
                     "een behandeling, of een wettelijke plicht zoals de belastingadministratie of het medisch "
                     "dossier). Toestemming kan altijd worden ingetrokken en mag geen voorwaarde voor de dienst zijn "
                     "(art. 7 lid 3 en 4): geef de grondslag per doel (art. 13 lid 1 sub c).")
        return
    reported: set[int] = set()
    apart = False
    # the bases listed on their own while purposes are described elsewhere without one
    stopwords = _stopwords(ctx.vocab)
    for intro, items in _bases_listed_apart(reading):
        # in a list introduced as the purposes ("voor de volgende doeleinden:"), words most of them share
        common = _common_words([b for b in purposes_elsewhere if b.index in listed and b not in items], stopwords)
        unnamed = [b for b in purposes_elsewhere if b not in items and not _named_by(
            b, items, stopwords, common if b.index in listed else frozenset()) and (
            b.index in listed or "doeleinden" in reading.topics(b.section)
            or not reading.topics(b.section) & _NOT_PURPOSE_TOPICS)]
        # four or more of the six bases side by side, none with its purpose after a label ("Toestemming: voor de
        # nieuwsbrief"), are Art. 6(1) copied out, whatever the purposes say
        generic = len({c.letter for b in items for c in reading.block_claims.get(b.index, ()) if c.valid}) >= 4 \
            and not any(":" in b.text for b in items)
        if not unnamed and not generic:
            continue  # each purpose is named beside its basis
        reported.update(b.index for b in items)
        apart = True
        yield report(Span(intro.source, intro.sentences[-1].span.start, items[0].span.end),
                     "The lawful bases are listed apart from the purposes, so the reader cannot tell which basis "
                     "covers which purpose: give the basis per purpose, e.g. 'Ledenadministratie: uitvoering van de "
                     "overeenkomst (artikel 6 lid 1 sub b AVG)' (Art. 13(1)(c), 5(2)).",
                     "De grondslagen staan los van de doelen, zodat de lezer niet ziet welke grondslag bij welk doel "
                     "hoort: geef de grondslag per doel, bijvoorbeeld 'Ledenadministratie: uitvoering van de "
                     "overeenkomst (artikel 6 lid 1 sub b AVG)' (art. 13 lid 1 sub c, 5 lid 2).")
        # each item of a list of purposes that none of those bases names has no basis the reader can find
        for block in unnamed:
            if block.kind != "item" or block.index in reported or not (
                    "doeleinden" in reading.topics(block.section) or block.index in listed):
                continue
            reported.add(block.index)
            yield report(block.sentences[0].span,
                         "No lawful basis is given for this purpose, and none of the bases listed apart names it: add "
                         "its basis of Art. 6(1), e.g. 'Grondslag: uw toestemming (artikel 6 lid 1 sub a AVG)' "
                         "(Art. 13(1)(c)).",
                         "Voor dit doel staat er geen grondslag, en geen van de apart genoemde grondslagen noemt het: "
                         "vermeld de grondslag van art. 6 lid 1, bijvoorbeeld 'Grondslag: uw toestemming (artikel 6 lid "
                         "1 sub a AVG)' (art. 13 lid 1 sub c).")
    # the purposes are listed, but no basis is given for them (nor in a section about the basis)
    purposes = [s for s in statement.sections if "doeleinden" in reading.own_topics.get(s.index, ())]
    bases = [s for s in statement.sections if {"grondslag"} & reading.own_topics.get(s.index, frozenset())]
    if not apart and purposes and not any(reading.letters(b) for s in purposes + bases for b in s.all_blocks()) and any(
            _is_purpose(reading, b) or b.kind == "item" for b in purposes[0].all_blocks() if b.kind != "heading"):
        yield report(purposes[0].heading.span,
                     "The purposes are listed without their lawful basis: give the basis of Art. 6(1) for each "
                     "purpose, e.g. 'Grondslag: uitvoering van de overeenkomst (artikel 6 lid 1 sub b AVG)' "
                     "(Art. 13(1)(c)).",
                     "De doelen staan er zonder hun grondslag: geef per doel de grondslag van art. 6 lid 1, "
                     "bijvoorbeeld 'Grondslag: uitvoering van de overeenkomst (artikel 6 lid 1 sub b AVG)' "
                     "(art. 13 lid 1 sub c).")
        return
    # a purpose whose only basis is a provision that is not one
    for block in reading.units():
        claims = reading.block_claims.get(block.index, [])
        if not claims or any(c.valid for c in claims) or reading.in_rights_section(block):
            continue
        strong = [c for c in claims if c.valid is False and c.strength in ("strong", "cited")]
        if not strong:
            continue
        claim = strong[0]
        provision = claim.citation.provision if claim.citation is not None else claim.text
        reported.add(block.index)
        yield report(claim.span,
                     f"The only legal ground given for this purpose is '{claim.text}', and art. {provision} is not a "
                     "lawful basis: name the basis of Art. 6(1) that applies, e.g. 'op grond van uw toestemming "
                     "(artikel 6 lid 1 sub a AVG)' (Art. 13(1)(c)).",
                     f"De enige grondslag voor dit doel is '{claim.text}', en art. {provision} is geen grondslag: noem "
                     "de grondslag van art. 6 lid 1 die geldt, bijvoorbeeld 'op grond van uw toestemming (artikel 6 "
                     "lid 1 sub a AVG)' (art. 13 lid 1 sub c).")
    # a list of purposes with their bases, one without
    for section in statement.sections:
        if not reading.topics(section) & {"doeleinden", "grondslag"}:
            continue
        units = [b for b in section.blocks if b.kind in ("paragraph", "item")]
        if len(units) < 2 or not any(reading.letters(b) for b in units):
            continue
        # the paragraphs up to the one that introduces the list of purposes introduce it ("MTO verwerkt uw
        # persoonsgegevens voor diverse doeleinden. De volgende doelen zijn van toepassing:"); a list of the bases
        # (each item a claim) is no list of purposes
        lead = next((b.index for b in units if b.kind == "paragraph" and (items := statement.list_under(b))
                     and not all(reading.block_claims.get(i.index) for i in items)), -1)
        # the items of the list a purposes heading opens ("## Met welk doel verwerken wij persoonsgegevens" /
        # "- Verzenden van onze nieuwsbrief") are purposes, except those that say what is not done
        headed = {b.index for b in statement.list_under(section.heading) if not _denies(reading, b)} \
            if section.heading is not None and "doeleinden" in reading.own_topics.get(section.index, ()) else set()
        for block in units:
            if block.kind == "paragraph" and block.index <= lead:
                continue
            if block.index in reported or reading.block_claims.get(block.index) or not (
                    _is_purpose(reading, block) or ((block.index in listed or block.index in headed) and not apart)):
                continue  # (with the bases listed apart, that is the finding)
            yield report(block.sentences[0].span,
                         "This purpose has no lawful basis, while the list gives one for another purpose: add its "
                         "basis of Art. 6(1), e.g. 'Grondslag: gerechtvaardigd belang (artikel 6 lid 1 sub f AVG)' "
                         "(Art. 13(1)(c)).",
                         "Dit doel heeft geen grondslag, terwijl de lijst er voor een ander doel wel een geeft: vermeld de "
                         "grondslag van art. 6 lid 1, bijvoorbeeld 'Grondslag: gerechtvaardigd belang (artikel 6 lid 1 "
                         "sub f AVG)' (art. 13 lid 1 sub c).")
    # a statement set out in one section per purpose ("1. Afhandeling bestelling", "2. Klikgedrag"): a
    # section that describes a use without a basis, beside sibling sections that give theirs
    for section in () if apart else _purpose_sections_without_basis(reading):
        block = next(b for b in section.all_blocks() if b.kind != "heading" and _describes_use(reading, b))
        if block.index in reported:
            continue
        yield report(block.sentences[0].span,
                     f"The section '{section.title}' describes a use of personal data without a lawful basis, while "
                     "the sections beside it give theirs: add its basis of Art. 6(1), e.g. 'Grondslag: uw "
                     "toestemming (artikel 6 lid 1 sub a AVG)' (Art. 13(1)(c)).",
                     f"Het deel '{section.title}' beschrijft een gebruik van persoonsgegevens zonder grondslag, terwijl "
                     "de delen ernaast die wel geven: vermeld de grondslag van art. 6 lid 1, bijvoorbeeld 'Grondslag: "
                     "uw toestemming (artikel 6 lid 1 sub a AVG)' (art. 13 lid 1 sub c).")
    # the register records another basis for the same purpose
    register = ctx.register
    if register is None:
        return
    for block in reading.units():
        letters = reading.letters(block)
        if not letters or reading.in_rights_section(block):
            continue
        activity = _matching_activity(block, register, ctx.vocab)
        if activity is None:
            continue
        theirs, field = activity_letters(activity, ctx.vocab)
        if not theirs or theirs & letters:
            continue
        claim = next(c for c in reading.block_claims[block.index] if c.valid and c.letter)
        bases = ctx.vocab.lawful_bases
        ours_nl = ", ".join(bases.message_name(x, "nl") for x in sorted(letters))
        ours_en = ", ".join(bases.message_name(x, "en") for x in sorted(letters))
        theirs_nl = ", ".join(bases.message_name(x, "nl") for x in sorted(theirs))
        theirs_en = ", ".join(bases.message_name(x, "en") for x in sorted(theirs))
        yield report(claim.span,
                     f"The statement gives {ours_en} as the basis for '{activity.name}', the register "
                     f"{theirs_en}: one purpose has one basis; correct the statement or the register (Art. 13(1)(c), "
                     "5(2)).",
                     f"De verklaring noemt {ours_nl} als grondslag voor '{activity.name}', het register "
                     f"{theirs_nl}: één doel heeft één grondslag; verbeter de verklaring of het register (art. 13 lid "
                     "1 sub c, 5 lid 2).", severity="warning",
                     related=(related_field(field, "The basis in the register.", "De grondslag in het register."),))


# ---------------------------------------------------------------------------------------------
# AVG904 legitimate interests


def _conditional_interest(reading: Reading, block: Block) -> list[Claim]:
    """Legitimate interests named as the condition for a processing or disclosure ("niet met derden, tenzij er
    een gerechtvaardigd belang is"): a ground the statement relies on, even without a basis label."""
    found = []
    for sentence in block.sentences:
        for mention in reading.vocab.lawful_bases.read(sentence.text, fuzzy=False).mentions:
            if mention.letter == "f" and not reading.negated(sentence, mention.start, mention.end) and \
                    reading.clauses.condition(sentence.text, mention.start, mention.end) is not None:
                found.append(Claim(sentence, mention.start, mention.end, "f", True, None, "named"))
    return found


@rule(id="AVG904", slug="verklaring-belang-niet-genoemd", severity="warning", scope="statement",
      articles=("13(1)(d)", "14(2)(b)"),
      title=("Legitimate interests as the basis, without the interest pursued.",
             "Gerechtvaardigd belang als grondslag, zonder het belang dat wordt nagestreefd."))
def interest_not_stated(statement: Statement, ctx):
    """
    ## What it checks
    That every purpose resting on legitimate interests (Art. 6(1)(f)) says what the
    interest is: "Ons belang is …", "wij hebben er belang bij om …", "in het belang
    van …", text after a dash ("gerechtvaardigd belang – fraude voorkomen"), or a section
    of the statement that sets out the legitimate interests. Legitimate interests named as
    the condition for a processing or disclosure ("niet met derden, tenzij er een
    gerechtvaardigd belang is", "unless we have a legitimate interest") are a ground relied
    on as well, and "er is een gerechtvaardigd belang" says there is one, not which; so do
    the basis's own name with a possessive ("onze gerechtvaardigde belangen", "our
    legitimate interests as a political party") and a label that only restates it
    ("Legitimate interests: where processing is necessary for our legitimate interests").

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count.

    ## Why
    Art. 13(1)(d) and 14(2)(b) require "the legitimate interests pursued by the controller
    or by a third party" whenever the basis is f. The CJEU requires the interest to be
    communicated at collection (C-621/22 KNLTB; C-394/23 Mousse): a statement that
    cites "gerechtvaardigd belang" and stops there tells the data subject nothing to weigh
    an objection against.

    ## Example
    ```markdown
    # Privacyverklaring

    ## Doeleinden

    We sturen u informatie over events. Op basis van artikel 6.1.f van de AVG menen we dat
    een opt-out afdoende is.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    ## Doeleinden

    We sturen klanten informatie over events. Grondslag: gerechtvaardigd belang (artikel 6
    lid 1 sub f AVG). Ons belang is dat onze klanten weten welke events wij organiseren.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elk doel op grond van gerechtvaardigd belang (art. 6 lid 1 sub f) zegt wat het
    belang is: "Ons belang is …", "wij hebben er belang bij om …", "in het belang van …",
    tekst na een gedachtestreep ("gerechtvaardigd belang – fraude voorkomen"), of een deel
    van de verklaring dat de gerechtvaardigde belangen uiteenzet. Een gerechtvaardigd belang
    als voorwaarde voor een verwerking of verstrekking ("niet met derden, tenzij er een
    gerechtvaardigd belang is") is ook een grond waarop de verklaring steunt, en "er is een
    gerechtvaardigd belang" zegt dat er een is, niet welk; net als de naam van de grondslag
    met een bezittelijk woord ("onze gerechtvaardigde belangen") en een label dat die alleen
    herhaalt ("Gerechtvaardigd belang: wanneer de verwerking nodig is voor onze
    gerechtvaardigde belangen").

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee.

    ## Waarom
    Art. 13 lid 1 sub d en 14 lid 2 sub b vragen "de gerechtvaardigde belangen van de
    verwerkingsverantwoordelijke of van een derde" wanneer de grondslag f is. Het Hof van
    Justitie eist dat het belang bij de verzameling wordt meegedeeld (C-621/22 KNLTB;
    C-394/23 Mousse): een verklaring die "gerechtvaardigd belang" noemt en daar stopt, geeft
    de betrokkene niets om een bezwaar tegen af te wegen.

    ## Voorbeeld

    ## Beter
    """
    reading = statement_reading(statement, ctx.vocab)
    if reading.sections_about("belangen") and any(
            b.kind != "heading" for s in reading.sections_about("belangen") for b in s.all_blocks()):
        return  # the statement sets out its interests in a section of their own
    interests = ctx.vocab.terms("interest_phrases")
    for block in reading.units():
        claims = [c for c in reading.block_claims.get(block.index, ()) if c.valid and c.letter == "f"]
        claims = claims or _conditional_interest(reading, block)
        if not claims or reading.in_rights_section(block):
            continue
        if interests.search(block.text):
            continue
        if any(ctx.vocab.lawful_bases.read(s.text, fuzzy=False).inline_interest for s in block.sentences):
            continue
        claim = claims[0]
        yield report(claim.span,
                     f"'{claim.text}' (legitimate interests) without the interest pursued: say what the interest is, "
                     "e.g. 'Ons belang is dat wij onze klanten kunnen informeren over nieuwe producten' (Art. 13(1)(d); "
                     "CJEU C-621/22).",
                     f"'{claim.text}' (gerechtvaardigd belang) zonder het belang dat wordt nagestreefd: zeg wat het "
                     "belang is, bijvoorbeeld 'Ons belang is dat wij onze klanten kunnen informeren over nieuwe "
                     "producten' (art. 13 lid 1 sub d; HvJ C-621/22).")
