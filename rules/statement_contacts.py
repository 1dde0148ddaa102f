"""Privacy statements (AVG901, AVG902): who is responsible for the processing, how to reach them, and the FG.

Art. 13(1)(a) and (b): the controller's identity and contact details, and those of
the data protection officer when there is one. When a register of the same
organisation is checked in the same run (``ctx.register``), AVG902 also reports an
FG the register names and the statement leaves out, with a related location in the register.
"""

from __future__ import annotations

import re

from avglint.model import Register
from avglint.readings import reading
from avglint.registry import report, rule
from avglint.statement import Sentence, Statement
from avglint.vocab import normalise

from ._common import has_value
from ._fg_duty import Sign, register_duty, wording_signs
from ._statement_reading import Reading, related_field, self_description, statement_reading, where_missing

# ---------------------------------------------------------------------------------------------
# AVG901 identity and contact


_EXCLUDED_SITES = re.compile(r"autoriteitpersoonsgegevens|edpb\.europa|ec\.europa|eur-lex|europa\.eu|wetten\.overheid",
                             re.IGNORECASE)


def _contact_channels(reading: Reading) -> list[tuple[Sentence | None, str, str]]:
    """(sentence, kind, text) of every way to reach the organisation the statement gives."""
    vocab = reading.vocab
    third = vocab.terms("third_country_recipients")
    tools = _tool_names(reading)
    found = []
    for sentence, match in reading.matches("contact_channels"):
        kind = match.entry.get("id")
        if kind in ("adres", "formulier"):
            continue  # a word that names a channel ("bezoekadres", "contactformulier") is not the address itself
        if any(m.end <= match.start for _, m in reading.matches("statement_elements", ids={"toezichthouder"},
                                                                 sentences=[sentence])):
            continue  # the supervisory authority's address ("contact the ICO by phone on 0303 123 1113")
        if kind == "url" and (_EXCLUDED_SITES.search(match.text) or third.search(match.text) or not (
                _in_contact_context(reading, sentence.block) or _own_site(reading, match.text, tools))):
            continue
        found.append((sentence, kind, match.text))
    for link in reading.statement.links:
        href = link.href.strip()
        lowered = href.lower()
        if lowered.startswith(("mailto:", "tel:")):
            found.append((None, "link", href))
        elif lowered.startswith(("http://", "https://")) and not _EXCLUDED_SITES.search(href) and \
                not third.search(href) and _offered_as_channel(reading, link, tools):
            found.append((None, "link", href))
    return found


def _offered_as_channel(reading: Reading, link, tools: set[str]) -> bool:
    """A web link is a way to reach the organisation when it shows the organisation's own address
    ("www.polderpastry.nl" beside "Polder Pastry") or stands where the statement gives contact details; a
    link under prose ("as long as Dutch law requires", "the right to object") is a reference, and another
    organisation's site ("volgjezorg.nl") is no way to reach this one."""
    written = reading.statement.source.text[link.span.start:link.span.end]
    host = _DOMAIN.search(link.href)
    if host is not None and normalise(host.group(1) or host.group(2)) in normalise(written) and \
            _own_site(reading, link.href, tools):
        return True
    block = reading.statement.block_at(link.span.start)
    if block is not None and reading.first("statement_elements", ids={"toezichthouder"}, sentences=block.sentences):
        return False  # the supervisory authority's site ("contact the ICO … on their website")
    return _in_contact_context(reading, block)


def _in_contact_context(reading: Reading, block) -> bool:
    """A block where the statement gives contact details: a contact section, or words of contact or identity."""
    if block is None:
        return False
    if "contact" in reading.topics(block.section):
        return True
    return any(m.entry.get("id") in ("contact_context", "identiteit")
               for sentence in block.sentences for m in reading.find("statement_elements", sentence))


def _own_site(reading: Reading, address: str, tools: set[str]) -> bool:
    """A web address whose domain carries a name the statement writes in capitals ("Polder Pastry")."""
    return _named_in_own_domain(reading, [(None, "url", address)], tools)


_CAPITALISED = re.compile(r"(?<![\w.])([A-Z][\w&'’-]{2,})")


@reading(reader=None)
def _common_capitals(vocab) -> frozenset[str]:
    """Capitalised words that are no organisation's name (``common_capitals`` in statements.yaml)."""
    return frozenset(normalise(word) for word in vocab.data("statements")["common_capitals"])


def _tool_names(reading: Reading) -> set[str]:
    """Names the statement says it uses ("Wij gebruiken Matomo", "we use Mailchimp") or that are known
    vendors: a vendor named again and again is not the controller."""
    names = {normalise(m.text) for _, m in reading.matches("third_country_recipients")}
    for sentence in reading.statement.sentences:
        for cue in reading.cues(sentence, "gebruik"):
            end = reading.clauses.clause_end(sentence.text, cue.end)
            names |= {normalise(w) for w in _CAPITALISED.findall(sentence.text, cue.end, end)}
    return names


_CAPITALISED_RUN = re.compile(r"(?<![\w.])[A-Z][\w&'’-]+(?:[ \t]+[A-Z][\w&'’-]+)*")
_DOMAIN = re.compile(r"@([\w-]+)|(?://|\bwww\.)(?:www\.)?([\w-]+)", re.IGNORECASE)


def _named_in_own_domain(reading: Reading, channels, tools: set[str]) -> bool:
    """A name written in capitals that is also the domain of a contact channel ("Polder Pastry",
    mijngegevens@polderpastry.nl) names the organisation, even once and at the start of a sentence."""
    domains = {normalise(a or b).replace("-", "") for _, _, text in channels for a, b in _DOMAIN.findall(text)}
    if not domains:
        return False
    common = _common_capitals(reading.vocab)
    for sentence in reading.statement.sentences:
        for run in _CAPITALISED_RUN.finditer(sentence.text):
            key = normalise(run.group()).replace(" ", "")
            if len(key) >= 4 and key not in tools and normalise(run.group()) not in common and \
                    any(key in domain for domain in domains):
                return True
    return False


def _organisation_named(reading: Reading, channels) -> bool:
    if reading.first("statement_elements", ids={"rechtsvorm"}) is not None:
        return True
    tools = _tool_names(reading)
    if _named_in_own_domain(reading, channels, tools):
        return True
    common = _common_capitals(reading.vocab)
    counts: dict[str, int] = {}
    later: set[str] = set()   # capitalised words that do not start a sentence
    for sentence in reading.statement.sentences:
        for match in _CAPITALISED.finditer(sentence.text):
            word = match.group(1).split("-")[0]
            if normalise(word) in common or normalise(word) in tools:
                continue
            if match.start() == 0:
                continue  # the first word of a sentence or heading is capitalised anyway ("What we keep")
            if match.start() > 0:
                later.add(word)
            counts[word] = counts.get(word, 0) + 1
    title = reading.statement.title
    if title is not None:
        words = [m for m in _CAPITALISED.finditer(title.text) if normalise(m.group(1)) not in common
                 and normalise(m.group(1)) not in tools]
        # the first word of a title is capitalised anyway ("Over deze kaart"); a name also stands elsewhere
        if any(m.start() > 0 or m.group(1) in later for m in words):
            return True
    return any(count >= 2 for count in counts.values())


@rule(id="AVG901", slug="verklaring-identiteit-contact", severity="error", scope="statement",
      articles=("13(1)(a)", "14(1)(a)"),
      title=("The privacy statement does not say who the controller is and how to contact them.",
             "De privacyverklaring zegt niet wie de verwerkingsverantwoordelijke is en hoe die te bereiken is."))
def identity_and_contact(statement: Statement, ctx):
    """
    ## What it checks
    That the statement names the organisation responsible for the processing and gives
    at least one way to reach it: a postal address (with postcode), an e-mail address, a
    phone number, or the address of a contact form. "Stuur ons een mail" or "via het
    formulier" without the address itself is not a contact detail, and neither is an address
    or phone number given only "on request" / "op aanvraag" (the finding points there).
    Links (`mailto:`, `tel:`, a web address) count; a web address counts when its domain
    carries the organisation's name ("www.polderpastry.nl" beside "Polder Pastry") or it
    stands where contact details are given ("contact us via …", a Contact section), not
    when it is a reference under prose ("as long as Dutch law requires") or another
    organisation's site ("meer informatie op de website volgjezorg.nl"); the supervisory
    authority's website, address or phone number ("contact the ICO by phone on 0303 123
    1113") does not. A generic noun ("The Foundation", "the
    association") is not a name.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count. A
    word that names a channel ("contactformulier") is not the address itself, and a name the
    statement says it uses (a tool, a vendor) is not the controller's; a name that is also the
    domain of the statement's own e-mail or web address ("Polder Pastry",
    mijngegevens@polderpastry.nl) is.

    ## Why
    Art. 13(1)(a) and 14(1)(a) require "the identity and the contact details of the
    controller". Without them the data subject cannot exercise any right: every request
    (access, erasure, objection) needs an address to go to.

    ## Example
    ```markdown
    # Privacyverklaring Voorbeeld

    Wij gebruiken uw gegevens om uw bestelling te leveren. Het verzoek daartoe kunt u per
    mail indienen.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring Voorbeeld B.V.

    Voorbeeld B.V., Dorpsstraat 1, 1234 AB Voorbeeldstad, privacy@voorbeeld.example.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat de verklaring de organisatie noemt die verantwoordelijk is voor de verwerking en
    ten minste één manier geeft om haar te bereiken: een postadres (met postcode), een
    e-mailadres, een telefoonnummer of het adres van een contactformulier. "Stuur ons een
    mail" of "via het formulier" zonder het adres zelf is geen contactgegeven, en een adres
    of telefoonnummer dat alleen "op aanvraag" / "on request" te krijgen is ook niet (de
    melding wijst daarheen). Links (`mailto:`, `tel:`, een webadres) tellen mee; een webadres
    telt als het domein de naam van de organisatie draagt ("www.polderpastry.nl" naast
    "Polder Pastry") of als het staat waar contactgegevens gegeven worden ("neem contact op
    via …", een kop Contact), niet als het een verwijzing onder lopende tekst is ("zolang de
    wet voorschrijft") of de site van een andere organisatie ("meer informatie op de website
    volgjezorg.nl"); de website, het adres of het telefoonnummer van de toezichthouder ("een
    klacht bij de Autoriteit Persoonsgegevens, Postbus 93374") niet. Een soortnaam ("de
    Stichting", "The Foundation") is geen naam.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee. Een woord dat een kanaal noemt
    ("contactformulier") is niet het adres zelf, en een naam die de verklaring zegt te gebruiken
    (een dienst, een leverancier) is niet die van de verwerkingsverantwoordelijke; een naam die
    ook het domein van het eigen e-mail- of webadres is ("Polder Pastry",
    mijngegevens@polderpastry.nl) wel.

    ## Waarom
    Art. 13 lid 1 sub a en 14 lid 1 sub a vragen "de identiteit en de contactgegevens van
    de verwerkingsverantwoordelijke". Zonder die gegevens kan de betrokkene geen enkel
    recht uitoefenen: elk verzoek (inzage, verwijdering, bezwaar) moet ergens heen.

    ## Voorbeeld

    ## Beter
    """
    reading = statement_reading(statement, ctx.vocab)
    channels = _contact_channels(reading)
    named = _organisation_named(reading, channels)
    if channels and named:
        return
    if not channels:
        name_en = "" if named else "its name and "
        name_nl = "" if named else "de naam en "
        withheld = next(((sentence, match) for sentence, match in reading.matches("statement_elements",
                                                                                  ids={"contact_op_verzoek"})
                         if reading.signal(sentence, match)), None)
        if withheld is not None:
            sentence, match = withheld
            yield report(sentence.span_of(match.start, match.end),
                         f"Contact details given only '{match.text}' are no way to contact the organisation: the "
                         f"request itself needs an address. Add {name_en}an e-mail address, a postal address (with "
                         "postcode) or a phone number (Art. 13(1)(a), 14(1)(a)).",
                         f"Contactgegevens die alleen '{match.text}' te krijgen zijn, zijn geen manier om de "
                         f"organisatie te bereiken: ook dat verzoek moet ergens heen. Vermeld {name_nl}een e-mailadres, "
                         "een postadres (met postcode) of een telefoonnummer (art. 13 lid 1 sub a, 14 lid 1 sub a).")
            return
        yield report(where_missing(statement),
                     f"The statement gives no way to contact the organisation: add {name_en}a postal address (with "
                     "postcode), an e-mail address or a phone number, for example under a heading 'Contact' "
                     "(Art. 13(1)(a), 14(1)(a)).",
                     f"De verklaring geeft geen manier om de organisatie te bereiken: vermeld {name_nl}een postadres "
                     "(met postcode), een e-mailadres of een telefoonnummer, bijvoorbeeld onder een kop 'Contact' "
                     "(art. 13 lid 1 sub a, 14 lid 1 sub a).")
        return
    yield report(where_missing(statement),
                 "The statement does not name the organisation responsible for the processing: write its name (and "
                 "legal form), for example 'Voorbeeld B.V. is verantwoordelijk voor de verwerking' (Art. 13(1)(a)).",
                 "De verklaring noemt de verantwoordelijke organisatie niet: schrijf de naam (en rechtsvorm), "
                 "bijvoorbeeld 'Voorbeeld B.V. is verantwoordelijk voor de verwerking' (art. 13 lid 1 sub a).")


# ---------------------------------------------------------------------------------------------
# AVG902 FG


def _register_fg(register: Register | None, vocab):
    if register is None or register.organisation is None:
        return None
    field = register.organisation.own("fg")
    if has_value(field) and not vocab.is_none(field.text):
        return field
    return None


def fg_duty_signs(statement: Statement, ctx) -> list[Sign]:
    """Signs of an FG duty (Art. 37(1)): a public body where the statement describes its organisation,
    monitoring, large scale or processing for clients anywhere, or what a register checked in the same
    run shows (the one reading of rules/_fg_duty.py)."""
    vocab = ctx.vocab
    opening = {block.index for block in self_description(statement)}
    signs = [sign for sentence in statement.sentences
             for sign in wording_signs(vocab, sentence.text, self_description=sentence.block.index in opening)]
    if ctx.register is not None:
        duty = register_duty(ctx.register, vocab)
        if duty is not None and duty[1] is not None:
            signs.append(duty[1])
    return signs


@rule(id="AVG902", slug="verklaring-fg-contact", severity="warning", scope="statement", articles=("13(1)(b)", "37(7)"),
      title=("The privacy statement does not give the contact details of the FG (data protection officer).",
             "De privacyverklaring geeft de contactgegevens van de functionaris gegevensbescherming niet."))
def dpo_contact(statement: Statement, ctx):
    """
    ## What it checks
    That the contact details of the functionaris gegevensbescherming (FG, data protection
    officer) are in the statement: an e-mail address, phone number or address next to
    where the FG is named. When a register checked in the same run names an FG (`fg` on
    the `organisatie`) and the statement does not, that is a warning with the register's
    `fg` as related location. Without an FG in either, the statement is read for signs of
    the duty to appoint one (Art. 37(1)), the same reading as AVG102's: a public body where
    the statement describes its organisation (title and opening text: "gemeente",
    "waterschap", "GGD", "county council", a school board), systematic monitoring as a
    core activity ("cameratoezicht in de openbare ruimte", "monitoring services"), wording
    of large scale, processing on behalf of clients as a processor ("namens onze klanten",
    "we act as a processor"; not a processor the statement names, "We use Posthog as a data
    processor"), or what the register shows. With a sign it is a note naming it; without one nothing is reported, because a
    small shop, club or practice need not have an FG. A statement that says no FG has been
    appointed is fine.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count.

    ## Why
    Art. 13(1)(b) requires "the contact details of the data protection officer, where
    applicable", and Art. 37(7) requires them to be published. Data subjects may contact
    the FG directly about any question on their data (Art. 38(4)).

    ## Example
    ```markdown
    # Privacyverklaring

    Wij hebben een functionaris gegevensbescherming aangesteld.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    Wij hebben een functionaris gegevensbescherming aangesteld, bereikbaar via fg@voorbeeld.example.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat de contactgegevens van de functionaris gegevensbescherming (FG) in de verklaring
    staan: een e-mailadres, telefoonnummer of adres bij de plek waar de FG genoemd wordt.
    Noemt een register dat in dezelfde run wordt gecontroleerd een FG (`fg` bij de
    `organisatie`) en de verklaring niet, dan is dat een waarschuwing met het `fg`-veld
    van het register als gerelateerde plek. Noemen beide geen FG, dan zoekt de regel in de
    verklaring tekenen van de plicht om er een aan te stellen (art. 37 lid 1), dezelfde
    lezing als die van AVG102: een overheidsorgaan waar de verklaring haar organisatie
    beschrijft (titel en openingstekst: "gemeente", "waterschap", "GGD", een
    schoolbestuur), stelselmatige observatie als kernactiviteit ("cameratoezicht in de
    openbare ruimte", "monitoringsdiensten"), woorden van grote schaal, verwerking namens
    klanten als verwerker ("namens onze klanten", "wij treden op als verwerker"; niet een
    verwerker die de verklaring noemt, "Mailchimp treedt op als verwerker"), of wat het
    register laat zien. Met zo'n teken volgt een
    opmerking die het noemt; zonder teken niets, want een kleine winkel, club of praktijk
    hoeft geen FG te hebben. Een verklaring die zegt dat er geen FG is aangesteld, is in
    orde.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee.

    ## Waarom
    Art. 13 lid 1 sub b vraagt "in voorkomend geval, de contactgegevens van de functionaris
    voor gegevensbescherming", en art. 37 lid 7 vraagt die te publiceren. Betrokkenen
    mogen de FG rechtstreeks benaderen over alle vragen over hun gegevens (art. 38 lid 4).

    ## Voorbeeld

    ## Beter
    """
    reading = statement_reading(statement, ctx.vocab)
    mentions = list(reading.matches("statement_elements", ids={"fg"}))
    mentions += [(s, m) for s, m in reading.matches("statement_headings", ids={"fg"})
                 if s.block.kind == "heading"]
    if mentions:
        for sentence, match in mentions:
            if reading.negated(sentence, match.start, match.end):
                return  # "wij hebben geen FG aangesteld"
        blocks = set()
        for sentence, _ in mentions:  # the FG's block and the one after it, or the whole FG section
            section = sentence.section
            blocks.update((sentence.block.index, sentence.block.index + 1))
            if "fg" in reading.own_topics.get(section.index, ()):
                blocks.update(b.index for b in section.all_blocks())
        channels = [s for s, _, _ in _contact_channels(reading) if s is None or s.block.index in blocks]
        if channels:
            return
        sentence, match = mentions[0]
        yield report(sentence.span_of(match.start, match.end),
                     "The statement names the FG without contact details: give an e-mail address, phone number or "
                     "address where data subjects reach the FG directly (Art. 13(1)(b), 37(7)).",
                     "De verklaring noemt de FG zonder contactgegevens: geef een e-mailadres, telefoonnummer of adres "
                     "waarop betrokkenen de FG rechtstreeks bereiken (art. 13 lid 1 sub b, 37 lid 7).")
        return
    field = _register_fg(ctx.register, ctx.vocab)
    if field is not None:
        yield report(where_missing(statement),
                     f"The register names an FG ('{field.text}') but the statement does not: give the FG's contact "
                     "details, for example under a heading 'Functionaris gegevensbescherming' (Art. 13(1)(b), 37(7)).",
                     f"Het register noemt een FG ('{field.text}') maar de verklaring niet: geef de contactgegevens van "
                     "de FG, bijvoorbeeld onder een kop 'Functionaris gegevensbescherming' (art. 13 lid 1 sub b, "
                     "37 lid 7).",
                     related=(related_field(field, "The FG in the register.", "De FG in het register."),))
        return
    signs = fg_duty_signs(statement, ctx)
    if not signs:
        return  # no sign of the duty: "where applicable" (Art. 13(1)(b)) does not apply
    sign_en, sign_nl = signs[0].explain()
    yield report(where_missing(statement),
                 f"The statement does not mention an FG, while it shows a sign that one is required ({sign_en}): if "
                 "you have appointed one, give their contact details; if not, you may say why none is required "
                 "(Art. 13(1)(b), 37(7)).",
                 f"De verklaring noemt geen FG, terwijl ze een teken geeft dat er een verplicht is ({sign_nl}): is er "
                 "een functionaris gegevensbescherming aangesteld, geef dan diens contactgegevens; zo niet, dan kunt "
                 "u vermelden waarom die niet verplicht is (art. 13 lid 1 sub b, 37 lid 7).",
                 severity="note")
