"""Privacy statements (AVG9xx): what Art. 13 and 14 require a statement to tell.

The rules read a statement (``avglint.statement.Statement``: sections, blocks and
sentences with exact positions) with the vocabularies of ``statements.yaml`` (R5
phrasings, rights, refusals, cues) and those the register rules use (lawful bases
and citations, retention, transfers, consent). Findings point at the sentence or
heading concerned; what the statement lacks is reported at its title.

When a register of the same organisation is checked in the same run
(``ctx.register``), the rules also compare the two: consent in the register but no
withdrawal in the statement (AVG909), another basis for the same purpose (AVG903),
transfers the statement does not mention (AVG906), an FG it leaves out (AVG902),
processors without a word on recipients (AVG905). Those findings carry a related
location in the register.

Some rules of other families read statements as well (``statement_check`` below):
AVG203 (a wrong article cited as a basis), AVG205 (a legal obligation without the
statute), AVG206 (the contract basis for contact persons), AVG303 (e-mail or
telephone marketing on legitimate interests with an opt-out, or for what others offer), AVG502 (special
categories processed with no exception of Art. 9(2) named), AVG508 (the BSN or an ID
copy asked for with no statute named) and AVG704 (a period longer than the AP's norm). They are reported under
those rules' ids; the engine keeps one finding when two checks of a rule report the
same place.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import Iterable, Iterator, NamedTuple

from avglint import clauses
from avglint.findings import Message, Related
from avglint.model import Activity, Register, Span
from avglint.registry import report, rule
from avglint.statement import Block, Section, Sentence, Statement, statement_check
from avglint.vocab import TermSet, normalise

from ._common import field_span, has_value, judge_against_norm, norm_text
from ._fg_duty import Sign, register_duty, wording_signs

RIGHTS = {"inzage": ("access (Art. 15)", "inzage (art. 15)"),
          "rectificatie": ("rectification (Art. 16)", "rectificatie (art. 16)"),
          "wissing": ("erasure (Art. 17)", "verwijdering (art. 17)"),
          "beperking": ("restriction of processing (Art. 18)", "beperking van de verwerking (art. 18)"),
          "overdraagbaarheid": ("data portability (Art. 20)", "overdraagbaarheid (art. 20)"),
          "bezwaar": ("objection (Art. 21)", "bezwaar (art. 21)")}
PROVISIONS_EN = {"5": "the principles of processing", "6(4)": "the compatibility of further processing",
                 "7(4)": "consent made a condition of a service", "9": "the ban on special categories of data",
                 "13": "the duty to inform", "21(6)": "the right to object to research and statistics",
                 "28": "processors", "30": "the record of processing activities", "32": "security of processing"}
RIGHTS_TOPICS = {"rechten", "bezwaar", "intrekken", "klachten"}
GDPR_LAWS = (None, "AVG", "GDPR", "DSGVO")

# filler between a basis cue and the basis: articles and possessives, and one word joined to the basis by
# "and"/"en" ("performing statutory and public tasks")
_FILLER = re.compile(r"[\s(\[“\"'‘,:]*(?:(?:de|het|een|uw|je|jouw|ons|onze|hun|the|a|an|your|our|their)\s+){0,3}"
                     r"(?:[^\W\d_]+\s+(?:and|en)\s+)?[\s(\[“\"'‘]*", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset("""deze dit dat die wij we ons onze uw je jouw zijn haar hun het een van voor met aan bij naar door over
onder tussen tegen tijdens zonder worden wordt werd zijn heeft hebben kunnen zullen mogen moet moeten gebruiken gebruikt
verwerken verwerkt gegevens persoonsgegevens alle andere ook niet geen maar want omdat zodat wanneer indien welke wat
waar hoe onze with from that this your data personal their have been will which what when where""".split())


# ---------------------------------------------------------------------------------------------
# Reading a statement


class Claim:
    """A lawful basis the statement claims: a citation or a basis named in a basis context."""

    __slots__ = ("sentence", "start", "end", "letter", "valid", "problem", "strength", "citation")

    def __init__(self, sentence, start, end, letter, valid, problem, strength, citation=None):
        self.sentence, self.start, self.end = sentence, start, end
        self.letter = letter            # a-f, or None for a provision that is not an Art. 6(1) basis
        self.valid = valid              # True: a basis; False: a wrong provision; None: neither (art. 9(2)(b))
        self.problem = problem          # not-a-basis, repealed-law, contradicts-name or None
        self.strength = strength        # cited, named, strong (op grond van), weak (conform)
        self.citation = citation

    def __repr__(self) -> str:
        return f"Claim({self.letter} {self.text!r} valid={self.valid} {self.strength})"

    @property
    def text(self) -> str:
        return self.sentence.text[self.start:self.end]

    @property
    def span(self) -> Span:
        return self.sentence.span_of(self.start, self.end)


class Reading:
    """What the rules need to know about one statement, computed once (``statement.cache``)."""

    def __init__(self, statement: Statement, vocab):
        self.statement, self.vocab = statement, vocab
        self.clauses = clauses.reader(vocab)
        self._found: dict[tuple[str, int], list] = {}
        headings = vocab.terms("statement_headings")
        self.own_topics = {s.index: frozenset(m.entry["id"] for m in headings.find(s.title)) if s.heading else frozenset()
                           for s in statement.sections}
        self.claims: list[Claim] = []
        self.block_claims: dict[int, list[Claim]] = {}
        self.basis_items = self._basis_list_items()
        for sentence in statement.sentences:
            if sentence.block.kind in ("heading", "title"):
                continue
            for claim in self._claims(sentence) + self._consent_claims(sentence):
                self.claims.append(claim)
                self.block_claims.setdefault(sentence.block.index, []).append(claim)

    # -- term lists per sentence ---------------------------------------------------------------
    def find(self, name: str, sentence: Sentence) -> list:
        key = (name, sentence.index)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self.vocab.terms(name).find(sentence.text)
        return found

    def matches(self, name: str, *, ids: Iterable[str] | None = None, field: str | None = None,
                value=None, sentences: Iterable[Sentence] | None = None) -> Iterator[tuple[Sentence, object]]:
        """(sentence, match) for a term list over the statement (or some sentences), filtered by entry id or
        by an entry field's value."""
        wanted = set(ids) if ids is not None else None
        for sentence in self.statement.sentences if sentences is None else sentences:
            for match in self.find(name, sentence):
                if wanted is not None and match.entry.get("id") not in wanted:
                    continue
                if field is not None and match.entry.get(field) != value:
                    continue
                yield sentence, match

    def first(self, name: str, **filters):
        return next(self.matches(name, **filters), None)

    def cues(self, sentence: Sentence, *kinds: str) -> list:
        key = ("cues", sentence.index)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = cue_terms(self.vocab).find(sentence.text)
        return [m for m in found if m.entry.get("soort") in kinds]

    def topics(self, section: Section | None) -> frozenset[str]:
        """Topics of a section's heading and of the headings above it."""
        found: set[str] = set()
        while section is not None:
            found |= self.own_topics.get(section.index, frozenset())
            section = section.parent
        return frozenset(found)

    def sections_about(self, topic: str) -> list[Section]:
        return [s for s in self.statement.sections if topic in self.own_topics.get(s.index, ())]

    def negated(self, sentence: Sentence, start: int, end: int) -> bool:
        """A negation governs the words at start:end in their clause (the clause reader)."""
        return self.clauses.negated(sentence.text, start, end)

    # -- lawful-basis claims -------------------------------------------------------------------
    def _basis_list_items(self) -> frozenset[int]:
        """Blocks of the list items a paragraph introduces as the bases ("op basis van volgende
        grondslagen:"): each item claims the basis it names, as under a 'Grondslag:' label."""
        items: set[int] = set()
        for block in self.statement.blocks:
            if block.kind != "paragraph" or not block.sentences:
                continue
            if self.cues(block.sentences[-1], "grondslag_sterk", "grondslag_lijst"):
                items.update(item.index for item in self.statement.list_under(block))
        return frozenset(items)

    def _marker(self, sentence: Sentence, position: int, kinds: tuple[str, ...]):
        """The cue of these kinds that ends just before ``position`` (only filler words between)."""
        text = sentence.text
        best = None
        for cue in self.cues(sentence, *kinds):
            if cue.end <= position:
                gap = _FILLER.match(text, cue.end, position)
                if gap is not None and gap.end() == position:
                    best = cue
        return best

    def _claims(self, sentence: Sentence) -> list[Claim]:
        text = sentence.text
        reading = self.vocab.lawful_bases.read(text, fuzzy=False)
        if not reading.citations and not reading.mentions:
            return []
        claims: list[Claim] = []
        groups: dict[tuple[int, int], list] = {}
        for citation in reading.citations:
            groups.setdefault((citation.start, citation.end), []).append(citation)
        cited_basis = any(c.is_lawful_basis for c in reading.citations)
        purpose_context = bool(self.topics(sentence.section) & {"doeleinden", "grondslag"})
        for (start, end), group in groups.items():
            lawful = [c for c in group if c.is_lawful_basis]
            if lawful:
                for c in lawful:
                    claims.append(Claim(sentence, start, end, c.letter, c.problem is None, c.problem, "cited", c))
                continue
            first = group[0]
            if first.problem == "repealed-law":
                claims.append(Claim(sentence, start, end, None, False, first.problem, "cited", first))
                continue
            if first.law not in GDPR_LAWS or first.other_law:
                continue
            strength = None
            if self._marker(sentence, start, ("grondslag_sterk",)) is not None or any(
                    cue.start >= end and cue.start - end <= 40 and cue.end <= self.clauses.clause_end(text, end)
                    for cue in self.cues(sentence, "grondslag_na")):
                strength = "strong"
            elif self._marker(sentence, start, ("grondslag_zwak",)) is not None and (cited_basis or purpose_context):
                strength = "weak"
            if strength is None:
                continue
            problem = first.problem
            claims.append(Claim(sentence, start, end, None, False if problem else None, problem, strength, first))
        cited_letters = {c.letter for c in claims if c.letter}
        cited_spans = [(c.start, c.end) for c in claims]
        label = any(cue.text.lower().startswith(("grondslag", "rechtsgrond", "legal basis", "lawful basis", "legal ground"))
                    for cue in self.cues(sentence, "grondslag_sterk")) or sentence.block.index in self.basis_items
        for mention in reading.mentions:
            if mention.letter in cited_letters or any(s <= mention.start < e for s, e in cited_spans):
                continue  # the citation next to it is the claim
            if any(c.is_lawful_basis and abs(c.start - mention.end) <= 45 for c in reading.citations):
                continue  # paired with a citation of another letter: AVG203 reports the contradiction
            if self.negated(sentence, mention.start, mention.end):
                continue
            # a marker before the basis, or in its own wording ("necessary for the performance of a contract")
            marked = self._marker(sentence, mention.start, ("grondslag_sterk",)) is not None or any(
                cue.start <= mention.start < cue.end for cue in self.cues(sentence, "grondslag_sterk"))
            # where purposes or bases are set out, a conditional clause still claims what it names ("wanneer wij
            # daartoe wettelijk verplicht zijn"); about data types it limits a category ("slechts wanneer dit
            # wettelijk verplicht is")
            if label or marked or (
                    purpose_context and self.clauses.condition(text, mention.start, mention.end) is not None):
                claims.append(Claim(sentence, mention.start, mention.end, mention.letter, True, None, "named"))
        claims.sort(key=lambda c: c.start)
        return claims

    def _consent_claims(self, sentence: Sentence) -> list[Claim]:
        """Consent asked for or given in plain words ("met uw toestemming"): a claim of basis a."""
        found = []
        # "geeft u toestemming" is read as "u geeft toestemming": the term list is written subject first
        ordered = self.clauses.subject_order(sentence.text)
        matches = self.find("statement_elements", sentence) if ordered == sentence.text else \
            self.vocab.terms("statement_elements").find(ordered)
        for match in matches:
            if match.entry.get("id") == "toestemming_gevraagd" and not self.negated(sentence, match.start, match.end):
                found.append(Claim(sentence, match.start, match.end, "a", True, None, "named"))
        return found

    @cached_property
    def processes_nothing(self) -> bool:
        """The statement says no personal data are collected at all, and claims no basis."""
        return not any(c.valid for c in self.claims) and \
            self.first("statement_elements", ids={"geen_verwerking"}) is not None

    def signal(self, sentence: Sentence, match) -> bool:
        """A term that stands for itself: not negated, not part of an e-mail address or web address."""
        text = sentence.text
        start = text.rfind(" ", 0, match.start) + 1
        end = text.find(" ", match.end)
        token = text[start:len(text) if end < 0 else end]
        if "@" in token or "://" in token or token.lower().startswith("www."):
            return False
        return not self.negated(sentence, match.start, match.end)

    def letters(self, block: Block) -> set[str]:
        return {c.letter for c in self.block_claims.get(block.index, ()) if c.valid and c.letter}

    # -- helpers the rules share ---------------------------------------------------------------
    def in_rights_section(self, block: Block) -> bool:
        return bool(self.topics(block.section) & RIGHTS_TOPICS)

    def units(self) -> Iterator[Block]:
        """Blocks that can state a purpose: paragraphs, list items and table rows (not header rows)."""
        for block in self.statement.blocks:
            if block.kind in ("paragraph", "item") or (block.kind == "row" and not block.header):
                yield block


@lru_cache(maxsize=8)
def cue_terms(vocab) -> TermSet:
    """The `cues` section of statements.yaml (user overrides merged) as one term list."""
    items, vetoes = [], []
    for entry in vocab.data("statements").get("cues", ()):
        items.extend((entry, term) for term in entry.get("terms", ()))
        items.extend((entry, {"pattern": pattern}) for pattern in entry.get("patterns", ()) or ())
        vetoes.extend(term for term in entry.get("except", ()) or () if term not in vetoes)
    return TermSet("statements.cues", items, vetoes, where="statements.yaml.cues")


def reading_of(statement: Statement, vocab) -> Reading:
    cached = statement.cache.get("reading")
    if cached is None or cached.vocab is not vocab:
        cached = statement.cache["reading"] = Reading(statement, vocab)
    return cached


def _missing(statement: Statement) -> Span:
    return statement.start_span


def _related_field(field, en: str, nl: str) -> Related:
    return Related(field.value_span, Message(en, nl))


# ---------------------------------------------------------------------------------------------
# AVG901 identity and contact


_EXCLUDED_SITES = re.compile(r"autoriteitpersoonsgegevens|edpb\.europa|ec\.europa|eur-lex|europa\.eu|wetten\.overheid",
                             re.IGNORECASE)


def _contact_channels(reading: Reading) -> list[tuple[Sentence | None, str, str]]:
    """(sentence, kind, text) of every way to reach the organisation the statement gives."""
    vocab = reading.vocab
    third = vocab.terms("third_country_recipients")
    found = []
    for sentence, match in reading.matches("contact_channels"):
        kind = match.entry.get("id")
        if kind in ("adres", "formulier"):
            continue  # a word that names a channel ("bezoekadres", "contactformulier") is not the address itself
        if kind == "url" and (_EXCLUDED_SITES.search(match.text) or third.search(match.text)):
            continue
        found.append((sentence, kind, match.text))
    for link in reading.statement.links:
        href = link.href.strip()
        lowered = href.lower()
        if lowered.startswith(("mailto:", "tel:")):
            found.append((None, "link", href))
        elif lowered.startswith(("http://", "https://")) and not _EXCLUDED_SITES.search(href) and \
                not third.search(href) and _offered_as_channel(reading, link):
            found.append((None, "link", href))
    return found


def _offered_as_channel(reading: Reading, link) -> bool:
    """A web link is a way to reach the organisation when it shows its own address ("www.voorbeeld.nl") or
    stands where the statement gives contact details; a link under prose ("as long as Dutch law requires",
    "the right to object") is a reference, not a channel."""
    written = reading.statement.source.text[link.span.start:link.span.end]
    host = _DOMAIN.search(link.href)
    if host is not None and normalise(host.group(1) or host.group(2)) in normalise(written):
        return True
    block = reading.statement.block_at(link.span.start)
    if block is None:
        return False
    if "contact" in reading.topics(block.section):
        return True
    return any(m.entry.get("id") in ("contact_context", "identiteit")
               for sentence in block.sentences for m in reading.find("statement_elements", sentence))


_CAPITALISED = re.compile(r"(?<![\w.])([A-Z][\w&'’-]{2,})")
_COMMON_CAPITALS = frozenset("""privacyverklaring privacystatement privacy statement verklaring privacybeleid
persoonsgegevens persoonlijke gegevens avg gdpr algemene verordening gegevensbescherming website websites wij we
informatie verantwoordelijke verwerker inzageverzoek bewaartermijnen beveiliging versie uw onze deze dit het de een
notice policy personal data the our this cookies cookie foundation association society club company charity
practice""".split())  # the last: a generic noun ("The Foundation") is no name


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
    for sentence in reading.statement.sentences:
        for run in _CAPITALISED_RUN.finditer(sentence.text):
            key = normalise(run.group()).replace(" ", "")
            if len(key) >= 4 and key not in tools and normalise(run.group()) not in _COMMON_CAPITALS and \
                    any(key in domain for domain in domains):
                return True
    return False


def _organisation_named(reading: Reading, channels) -> bool:
    if reading.first("statement_elements", ids={"rechtsvorm"}) is not None:
        return True
    tools = _tool_names(reading)
    if _named_in_own_domain(reading, channels, tools):
        return True
    counts: dict[str, int] = {}
    later: set[str] = set()   # capitalised words that do not start a sentence
    for sentence in reading.statement.sentences:
        for match in _CAPITALISED.finditer(sentence.text):
            word = match.group(1).split("-")[0]
            if normalise(word) in _COMMON_CAPITALS or normalise(word) in tools:
                continue
            if match.start() == 0:
                continue  # the first word of a sentence or heading is capitalised anyway ("What we keep")
            if match.start() > 0:
                later.add(word)
            counts[word] = counts.get(word, 0) + 1
    title = reading.statement.title
    if title is not None:
        words = [m for m in _CAPITALISED.finditer(title.text) if normalise(m.group(1)) not in _COMMON_CAPITALS
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
    Links (`mailto:`, `tel:`, a web address) count; a web link counts when it shows the
    address itself or stands where contact details are given ("contact us via …", a
    Contact section), not when it is a reference under prose ("as long as Dutch law
    requires"); the Autoriteit Persoonsgegevens' website does not. A generic noun ("The
    Foundation", "the association") is not a name.

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
    melding wijst daarheen). Links (`mailto:`, `tel:`, een webadres) tellen mee; een weblink
    telt als hij het adres zelf toont of staat waar contactgegevens gegeven worden ("neem
    contact op via …", een kop Contact), niet als hij een verwijzing onder lopende tekst is
    ("zolang de wet voorschrijft"); de website van de Autoriteit Persoonsgegevens niet. Een
    soortnaam ("de Stichting", "The Foundation") is geen naam.

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
    reading = reading_of(statement, ctx.vocab)
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
        yield report(_missing(statement),
                     f"The statement gives no way to contact the organisation: add {name_en}a postal address (with "
                     "postcode), an e-mail address or a phone number, for example under a heading 'Contact' "
                     "(Art. 13(1)(a), 14(1)(a)).",
                     f"De verklaring geeft geen manier om de organisatie te bereiken: vermeld {name_nl}een postadres "
                     "(met postcode), een e-mailadres of een telefoonnummer, bijvoorbeeld onder een kop 'Contact' "
                     "(art. 13 lid 1 sub a, 14 lid 1 sub a).")
        return
    yield report(_missing(statement),
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


def _self_description(statement: Statement) -> Iterator[Block]:
    """Where the organisation describes itself: the title and the opening text before the first other
    heading ("De provincie Fryslân gaat zorgvuldig om met uw persoonsgegevens")."""
    for block in statement.blocks:
        if block is statement.title:
            yield block
        elif block.kind == "heading":
            return
        else:
            yield block


def fg_duty_signs(statement: Statement, ctx) -> list[Sign]:
    """Signs of an FG duty (Art. 37(1)): a public body where the statement describes its organisation,
    monitoring, large scale or processing for clients anywhere, or what a register checked in the same
    run shows (the one reading of rules/_fg_duty.py)."""
    vocab = ctx.vocab
    opening = {block.index for block in _self_description(statement)}
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
    of large scale, processing on behalf of clients as a processor, or what the register
    shows. With a sign it is a note naming it; without one nothing is reported, because a
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
    klanten als verwerker, of wat het register laat zien. Met zo'n teken volgt een
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
    reading = reading_of(statement, ctx.vocab)
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
        yield report(_missing(statement),
                     f"The register names an FG ('{field.text}') but the statement does not: give the FG's contact "
                     "details, for example under a heading 'Functionaris gegevensbescherming' (Art. 13(1)(b), 37(7)).",
                     f"Het register noemt een FG ('{field.text}') maar de verklaring niet: geef de contactgegevens van "
                     "de FG, bijvoorbeeld onder een kop 'Functionaris gegevensbescherming' (art. 13 lid 1 sub b, "
                     "37 lid 7).",
                     related=(_related_field(field, "The FG in the register.", "De FG in het register."),))
        return
    signs = fg_duty_signs(statement, ctx)
    if not signs:
        return  # no sign of the duty: "where applicable" (Art. 13(1)(b)) does not apply
    sign_en, sign_nl = signs[0].explain()
    yield report(_missing(statement),
                 f"The statement does not mention an FG, while it shows a sign that one is required ({sign_en}): if "
                 "you have appointed one, give their contact details; if not, you may say why none is required "
                 "(Art. 13(1)(b), 37(7)).",
                 f"De verklaring noemt geen FG, terwijl ze een teken geeft dat er een verplicht is ({sign_nl}): is er "
                 "een functionaris gegevensbescherming aangesteld, geef dan diens contactgegevens; zo niet, dan kunt "
                 "u vermelden waarom die niet verplicht is (art. 13 lid 1 sub b, 37 lid 7).",
                 severity="note")


# ---------------------------------------------------------------------------------------------
# AVG903 purposes and bases


def _is_purpose(reading: Reading, block: Block) -> bool:
    """A block that describes a use of personal data (not an introduction, not a denial)."""
    if not block.sentences or block.sentences[0].text.rstrip().endswith(":"):
        return False
    for sentence in block.sentences:
        for cue in reading.cues(sentence, "gebruik"):
            if not reading.negated(sentence, cue.start, cue.end):
                return True
    return False


def _content_words(text: str) -> set[str]:
    words = set()
    for word in _WORDS.findall(normalise(text)):
        if word in _STOP:
            continue
        stem = word
        for suffix in ("en", "s"):
            if len(word) > 6 and word.endswith(suffix):
                stem = word[: -len(suffix)]
                break
        words.add(stem)
    return words


def _activity_letters(activity: Activity, vocab) -> tuple[set[str], object]:
    field = activity.get("grondslag")
    if not has_value(field):
        return set(), None
    reading = vocab.lawful_bases.read(field.text)
    letters = {m.letter for m in reading.mentions} | {c.letter for c in reading.citations if c.letter and not c.problem}
    return letters, field


def _matching_activity(block: Block, register: Register) -> Activity | None:
    """The one activity whose name the block's first sentence (or its heading) spells out."""
    lead = block.sentences[0].text if block.sentences else block.text
    if block.section is not None and block.section.heading is not None and len(block.section.blocks) == 1:
        lead += " " + block.section.title
    words = _content_words(lead)
    found = []
    for activity in register.activities:
        name_words = _content_words(activity.name or "")
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
                                 "kinderen", "grondslag", "belangen"})


def _describes_use(reading: Reading, block: Block) -> bool:
    """A block with an affirmed use of personal data ("verzamelen wij", "we use"), an introduction included."""
    return any(not reading.negated(sentence, cue.start, cue.end)
               for sentence in block.sentences for cue in reading.cues(sentence, "gebruik"))


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
        items = statement.list_under(intro) if intro.kind == "paragraph" else []
        claiming = [(item, reading.block_claims.get(item.index, [])) for item in items]
        claiming = [(item, [c for c in claims if c.valid and c.letter]) for item, claims in claiming]
        claiming = [(item, claims) for item, claims in claiming if claims]
        if len(claiming) < 2 or len({c.letter for _, claims in claiming for c in claims}) < 2:
            continue
        if all(_claim_offset(item, claims[0]) <= 60 and ":" not in item.text[:_claim_offset(item, claims[0])]
               for item, claims in claiming):
            yield intro, items


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
    overeenkomst") or by article ("artikel 6 lid 1 sub f AVG", "art. 6.1.f"). It reports:

    - a statement that names no lawful basis at all (at the first purpose it describes); a
      basis named only where the rights are explained ("objection applies when legitimate
      interests are the basis") or for keeping data longer ("unless you consent to our
      keeping them for a year") is claimed for no purpose;
    - consent as the only basis while the statement describes processing consent cannot
      carry: a contract (membership, an order, a treatment, patient data) or a legal duty
      (tax records, the medical file), Art. 7(3), 7(4);
    - the bases listed on their own ("op basis van de volgende grondslagen:" followed by
      "- Jouw toestemming", "- De wettelijke verplichting") while the purposes are described
      elsewhere without one: the reader cannot tell which basis covers which purpose;
    - a purpose whose only basis is a provision that is not a lawful basis ("op grond van
      artikel 21.6 van de AVG");
    - in a list of purposes that each give their basis, one that gives none; and in a
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
    woorden ("op basis van uw toestemming", "Grondslag: uitvoering van de overeenkomst")
    of met het artikel ("artikel 6 lid 1 sub f AVG", "art. 6.1.f"). Gemeld worden:

    - een verklaring die helemaal geen grondslag noemt (bij het eerste doel dat ze noemt);
      een grondslag die alleen genoemd wordt waar de rechten worden uitgelegd ("bezwaar geldt
      als gerechtvaardigd belang de grondslag is") of voor langer bewaren ("tenzij je
      goedkeuring geeft voor een bewaartermijn van een jaar") geldt voor geen enkel doel;
    - toestemming als enige grondslag terwijl de verklaring verwerking beschrijft die niet op
      toestemming kan rusten: een overeenkomst (lidmaatschap, bestelling, behandeling,
      patiëntgegevens) of een wettelijke plicht (belastingadministratie, medisch dossier),
      art. 7 lid 3 en 4;
    - grondslagen in een eigen lijst ("op basis van de volgende grondslagen:" met "- Jouw
      toestemming", "- De wettelijke verplichting") terwijl de doelen elders zonder grondslag
      staan: de lezer ziet niet welke grondslag bij welk doel hoort;
    - een doel waarvan de enige grondslag een bepaling is die geen grondslag is ("op grond
      van artikel 21.6 van de AVG");
    - in een lijst van doelen die elk hun grondslag noemen, een doel zonder grondslag; en in
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
    if reading_of(statement, ctx.vocab).processes_nothing:
        return  # nothing is collected: nothing to inform about
    reading = reading_of(statement, ctx.vocab)
    # a basis named only where the rights are explained ("bezwaar ... als gerechtvaardigd belang de rechtsgrond
    # is") or for keeping data longer ("tenzij je goedkeuring geeft voor een bewaartermijn van een jaar") is
    # claimed for no purpose
    claimed = [c for c in reading.claims if not reading.in_rights_section(c.sentence.block)
               and "bewaren" not in reading.topics(c.sentence.section)]
    if not any(c.valid for c in claimed) and not any(c.valid is None for c in claimed):
        invalid = [c for c in claimed if c.valid is False]
        if not invalid:
            # point at the first purpose the statement describes: that is where the basis is missing
            first = next((b for b in reading.units() if _is_purpose(reading, b) and not reading.in_rights_section(b)),
                         None)
            yield report(first.sentences[0].span if first is not None else _missing(statement),
                         "The statement names no lawful basis: give for each purpose the basis of Art. 6(1), e.g. "
                         "'Grondslag: uitvoering van de overeenkomst (artikel 6 lid 1 sub b AVG)' (Art. 13(1)(c)).",
                         "De verklaring noemt geen grondslag: geef per doel de grondslag van art. 6 lid 1, "
                         "bijvoorbeeld 'Grondslag: uitvoering van de overeenkomst (artikel 6 lid 1 sub b AVG)' "
                         "(art. 13 lid 1 sub c).")
            return
    consent_only = _consent_for_everything(reading)
    if consent_only is not None:
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
    purposes_elsewhere = [b for b in reading.units() if not reading.block_claims.get(b.index) and (
        _is_purpose(reading, b) or (b.kind == "item" and "doeleinden" in reading.topics(b.section)))
        and not reading.in_rights_section(b)]
    for intro, items in _bases_listed_apart(reading):
        if not any(b not in items for b in purposes_elsewhere):
            continue
        reported.update(b.index for b in items)
        apart = True
        yield report(Span(intro.source, intro.sentences[-1].span.start, items[0].span.end),
                     "The lawful bases are listed apart from the purposes, so the reader cannot tell which basis "
                     "covers which purpose: give the basis per purpose, e.g. 'Ledenadministratie: uitvoering van de "
                     "overeenkomst (artikel 6 lid 1 sub b AVG)' (Art. 13(1)(c), 5(2)).",
                     "De grondslagen staan los van de doelen, zodat de lezer niet ziet welke grondslag bij welk doel "
                     "hoort: geef de grondslag per doel, bijvoorbeeld 'Ledenadministratie: uitvoering van de "
                     "overeenkomst (artikel 6 lid 1 sub b AVG)' (art. 13 lid 1 sub c, 5 lid 2).")
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
        for block in units:
            if block.index in reported or reading.block_claims.get(block.index) or not _is_purpose(reading, block):
                continue
            yield report(block.sentences[0].span,
                         "This purpose has no lawful basis, while the purposes around it have one: add its basis of "
                         "Art. 6(1), e.g. 'Grondslag: gerechtvaardigd belang (artikel 6 lid 1 sub f AVG)' "
                         "(Art. 13(1)(c)).",
                         "Dit doel heeft geen grondslag, terwijl de doelen eromheen er wel een hebben: vermeld de "
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
        activity = _matching_activity(block, register)
        if activity is None:
            continue
        theirs, field = _activity_letters(activity, ctx.vocab)
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
                     related=(_related_field(field, "The basis in the register.", "De grondslag in het register."),))


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
    on as well, and "er is een gerechtvaardigd belang" says there is one, not which.

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
    gerechtvaardigd belang" zegt dat er een is, niet welk.

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
    reading = reading_of(statement, ctx.vocab)
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


# ---------------------------------------------------------------------------------------------
# AVG905 recipients


class _RecipientWording(NamedTuple):
    """What the statement says about recipients: where it states them, where it denies any, and where it
    denies them with an exception it does not fill in ("niet met derden, tenzij dit nodig is")."""
    stated: bool
    denial: tuple[Sentence, object] | None
    exception: tuple[Sentence, object] | None


def _recipient_wording(reading: Reading) -> _RecipientWording:
    contrast = reading.vocab.terms("contrast_words")
    entities = reading.vocab.terms("third_country_recipients")
    stated = bool(reading.sections_about("ontvangers"))
    denial = exception = None
    mentions = list(reading.matches("statement_elements", ids={"ontvangers"}))
    # one negated mention denies the sentence's others: "We do not share your data with third parties"
    denied = {sentence.index for sentence, match in mentions if reading.negated(sentence, match.start, match.end)}
    for sentence, match in mentions:
        if sentence.index not in denied:
            stated = True
            continue
        after = sentence.text[match.end:]
        if not contrast.search(after):
            denial = denial or (sentence, match)
        elif entities.search(after) or reading.first("statement_elements", ids={"rechtsvorm"}, sentences=[sentence]):
            stated = True   # "niet met derden, behalve met Mailer B.V.": the exception names the recipient
        else:
            exception = exception or (sentence, match)
    return _RecipientWording(stated, denial, exception)


def _implied_recipient(reading: Reading, *, named_counts: bool):
    """The first word that implies a recipient ("hosting", "zorgverzekeraar", "PayPal"). Where the sentence
    names the vendor ("de nieuwsbrief via Mailchimp") the recipient is named, which counts as telling
    it only when ``named_counts`` (not when the statement also says nothing is shared)."""
    entities = reading.vocab.terms("third_country_recipients")
    for sentence, match in reading.matches("statement_elements", ids={"verwerker_impliciet", "ontvanger_impliciet"}):
        if not reading.signal(sentence, match):
            continue
        if named_counts and (entities.search(sentence.text) or reading.first(
                "statement_elements", ids={"rechtsvorm"}, sentences=[sentence])):
            continue
        return sentence, match
    if not named_counts:
        for sentence, match in reading.matches("third_country_recipients"):
            if reading.signal(sentence, match):
                return sentence, match
    return None


def _register_recipients(register: Register | None, vocab):
    if register is None:
        return None
    for activity in register.activities:
        for key in ("verwerkers", "ontvangers"):
            field = activity.get(key)
            if has_value(field) and not vocab.is_none(field.text):
                return field
    return None


@rule(id="AVG905", slug="verklaring-ontvangers", severity="warning", scope="statement", articles=("13(1)(e)",),
      title=("The privacy statement says nothing about recipients, although it implies them.",
             "De privacyverklaring zegt niets over ontvangers, terwijl die er wel zijn."))
def recipients(statement: Statement, ctx):
    """
    ## What it checks
    That a statement which implies that others handle the data (a CRM tool, hosting, a
    mailing tool, analytics or advertising networks, a payroll administrator, Google or
    another platform) says who receives the data: a section such as "Met wie delen wij uw
    gegevens?", or sentences naming recipients, processors or categories of them. With a
    register in the same run, processors or recipients recorded there count as implied
    too (related location: the register's field). What a statement does also implies
    recipients: a carrier for a delivery, the health insurer for a claim, a referral, a
    company doctor, a shop or payment platform. A vendor named as the tool ("de nieuwsbrief
    via Mailchimp") names its recipient. Two denials are read as such: "niet met derden,
    tenzij dit nodig is" announces recipients without naming them (reported there), and
    "No information is shared" beside a named vendor (PayPal) or an implied recipient is
    contradicted by the statement itself (reported at the denial).

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count
    as naming a recipient.

    ## Why
    Art. 13(1)(e) requires "the recipients or categories of recipients of the personal
    data, if any". Processors are recipients (Art. 4(9)): a statement that mentions "ons
    CRM-tool" but never says who runs it hides a recipient.

    ## Example
    ```markdown
    # Privacyverklaring

    Wij versturen mailings met ons CRM-tool.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    Wij versturen mailings met ons CRM-tool.

    ## Met wie delen wij uw gegevens?

    Ons CRM-tool wordt gehost door Hosting Noord B.V., die de gegevens als verwerker in
    onze opdracht bewaart.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verklaring waaruit blijkt dat anderen de gegevens verwerken (een CRM-tool,
    hosting, een mailingprogramma, analyse- of advertentienetwerken, een salarisadministratie,
    Google of een ander platform) zegt wie de gegevens ontvangen: een deel zoals "Met wie
    delen wij uw gegevens?", of zinnen die ontvangers, verwerkers of categorieën daarvan
    noemen. Met een register in dezelfde run tellen de verwerkers of ontvangers uit het
    register ook mee (gerelateerde plek: dat veld in het register). Ook wat een verklaring
    doet, brengt ontvangers mee: een vervoerder voor een bezorging, de zorgverzekeraar voor
    een declaratie, een doorverwijzing, een bedrijfsarts, een winkel- of betaalplatform.
    Een leverancier die als middel genoemd wordt ("de nieuwsbrief via Mailchimp") noemt
    zijn ontvanger. Twee ontkenningen worden als zodanig gelezen: "niet met derden, tenzij
    dit nodig is" kondigt ontvangers aan zonder ze te noemen (daar gemeld), en "er wordt
    niets gedeeld" naast een genoemde leverancier (PayPal) of een ontvanger die eruit
    volgt, wordt door de verklaring zelf weersproken (gemeld bij de ontkenning).

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet als het noemen van een ontvanger.

    ## Waarom
    Art. 13 lid 1 sub e vraagt "in voorkomend geval, de ontvangers of categorieën van
    ontvangers van de persoonsgegevens". Verwerkers zijn ontvangers (art. 4 sub 9): een
    verklaring die "ons CRM-tool" noemt maar nergens zegt wie dat beheert, verzwijgt een
    ontvanger.

    ## Voorbeeld

    ## Beter
    """
    reading = reading_of(statement, ctx.vocab)
    wording = _recipient_wording(reading)
    if wording.stated:
        return
    if wording.exception is not None:
        sentence, match = wording.exception
        yield report(sentence.span,
                     "The statement says data are shared with others in some cases but not with whom: name the "
                     "recipients or their categories (for example the health insurer, the carrier, processors) "
                     "(Art. 13(1)(e)).",
                     "De verklaring zegt dat gegevens in sommige gevallen met anderen gedeeld worden, maar niet met "
                     "wie: noem de ontvangers of hun categorieën (bijvoorbeeld de zorgverzekeraar, de vervoerder, "
                     "verwerkers) (art. 13 lid 1 sub e).")
        return
    implied = _implied_recipient(reading, named_counts=wording.denial is None)
    if implied is not None and wording.denial is not None:
        sentence, match = wording.denial
        used = implied[1].text
        yield report(sentence.span,
                     f"The statement says nothing is shared, yet it names '{used}', which receives the data: name the "
                     "recipients or their categories, processors included (Art. 13(1)(e), 4(9)).",
                     f"De verklaring zegt dat niets gedeeld wordt, maar noemt '{used}', dat de gegevens ontvangt: noem "
                     "de ontvangers of hun categorieën, verwerkers inbegrepen (art. 13 lid 1 sub e, 4 sub 9).")
        return
    if implied is not None:
        sentence, match = implied
        yield report(sentence.span_of(match.start, match.end),
                     f"'{match.text}' implies that others process the data, but the statement never says who receives "
                     "them: add a section 'Met wie delen wij uw gegevens?' naming the recipients or categories of "
                     "recipients, processors included (Art. 13(1)(e)).",
                     f"'{match.text}' betekent dat anderen de gegevens verwerken, maar de verklaring zegt nergens wie ze "
                     "ontvangen: voeg een deel 'Met wie delen wij uw gegevens?' toe met de ontvangers of categorieën "
                     "van ontvangers, verwerkers inbegrepen (art. 13 lid 1 sub e).")
        return
    field = _register_recipients(ctx.register, ctx.vocab)
    if field is not None:
        yield report(_missing(statement),
                     f"The register records recipients or processors ('{field.text}') but the statement says nothing "
                     "about recipients: name them or their categories (Art. 13(1)(e)).",
                     f"Het register noemt ontvangers of verwerkers ('{field.text}') maar de verklaring zegt niets over "
                     "ontvangers: noem ze of hun categorieën (art. 13 lid 1 sub e).",
                     related=(_related_field(field, "Recipients in the register.", "Ontvangers in het register."),))


# ---------------------------------------------------------------------------------------------
# AVG906 transfers


def _register_transfer(register: Register | None, vocab):
    """The register's first record of a transfer outside the EEA (a field), or None."""
    if register is None:
        return None
    countries = vocab.terms("countries")
    for activity in register.activities:
        field = activity.get("doorgifte")
        if has_value(field) and not vocab.is_none(field.text):
            return field
    for processor in register.processors:
        field = processor.own("land")
        if has_value(field):
            match = countries.search(field.text)
            if match is not None and match.entry.get("eer") is False:
                return field
    return None


@rule(id="AVG906", slug="verklaring-doorgifte", severity="warning", scope="statement",
      articles=("13(1)(f)", "14(1)(f)"),
      title=("Recipients outside the EEA without information on the transfer.",
             "Ontvangers buiten de EER zonder informatie over de doorgifte."))
def transfers(statement: Statement, ctx):
    """
    ## What it checks
    That a statement mentioning a recipient that implies a transfer outside the EEA
    (Google, Meta/Facebook, LinkedIn, Microsoft, Mailchimp and the other entities of the
    recipients vocabulary), a third country, or "buiten de EER" also says how the transfer
    is protected: an adequacy decision, the EU-US Data Privacy Framework, standard
    contractual clauses, binding corporate rules. A statement that still relies on Privacy
    Shield or Safe Harbor is an error. With a register in the same run, a transfer the
    register records (`doorgifte`, or a `verwerker` outside the EEA) that the statement
    never mentions is reported too, with the register's field as related location.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count.

    ## Why
    Art. 13(1)(f) and 14(1)(f) require "the fact that the controller intends to transfer
    personal data to a third country … and the existence or absence of an adequacy
    decision, or … reference to the appropriate or suitable safeguards and the means by
    which to obtain a copy of them". Privacy Shield was invalidated by the CJEU
    (C-311/18 Schrems II, 16 July 2020).

    ## Example
    ```markdown
    # Privacyverklaring

    Wij geven profielinformatie door aan LinkedIn en Google Ads.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    Wij geven profielinformatie door aan LinkedIn en Google Ads. Deze bedrijven verwerken
    gegevens in de Verenigde Staten; zij zijn gecertificeerd onder het EU-US Data Privacy
    Framework, waarvoor een adequaatheidsbesluit van de Europese Commissie geldt.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verklaring die een ontvanger noemt waarbij gegevens buiten de EER gaan
    (Google, Meta/Facebook, LinkedIn, Microsoft, Mailchimp en de andere partijen uit de
    woordenlijst van ontvangers), een derde land, of "buiten de EER", ook zegt hoe die
    doorgifte beschermd is: een adequaatheidsbesluit, het EU-US Data Privacy Framework,
    standaardcontractbepalingen, bindende bedrijfsvoorschriften. Een verklaring die nog op
    Privacy Shield of Safe Harbor steunt, is een fout. Met een register in dezelfde run
    wordt ook een doorgifte gemeld die het register vastlegt (`doorgifte`, of een
    `verwerker` buiten de EER) maar die de verklaring nergens noemt, met dat veld in het
    register als gerelateerde plek.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee.

    ## Waarom
    Art. 13 lid 1 sub f en 14 lid 1 sub f vragen "dat de verwerkingsverantwoordelijke het
    voornemen heeft de persoonsgegevens door te geven aan een derde land … en het al dan
    niet bestaan van een adequaatheidsbesluit van de Commissie, of … de passende of
    geschikte waarborgen, hoe er een kopie van kan worden verkregen". Privacy Shield is
    door het Hof van Justitie ongeldig verklaard (C-311/18 Schrems II, 16 juli 2020).

    ## Voorbeeld

    ## Beter
    """
    reading = reading_of(statement, ctx.vocab)
    history = ctx.vocab.terms("transfer_history")
    for sentence, match in reading.matches("invalid_transfer_mechanisms"):
        if any(m.entry.get("id") == "vervallen" for m in history.find(sentence.text)) or \
                reading.negated(sentence, match.start, match.end):
            continue   # the sentence tells of its end ("Privacy Shield, dat het Hof ongeldig verklaarde")
        yield report(sentence.span_of(match.start, match.end),
                     f"'{match.text}' is no longer a valid basis for transfers (CJEU C-311/18 Schrems II; C-362/14): "
                     "name the mechanism used now, e.g. the EU-US Data Privacy Framework or standard contractual "
                     "clauses (Art. 13(1)(f), 45, 46).",
                     f"'{match.text}' is geen geldige grondslag voor doorgifte meer (HvJ C-311/18 Schrems II; "
                     "C-362/14): noem het mechanisme dat nu wordt gebruikt, bijvoorbeeld het EU-US Data Privacy "
                     "Framework of standaardcontractbepalingen (art. 13 lid 1 sub f, 45, 46).", severity="error")
    transfer_words = ctx.vocab.terms("third_country_phrases")
    mechanisms = [(s, m) for s, m in reading.matches("transfer_mechanisms")
                  if not reading.negated(s, m.start, m.end)
                  and (m.entry.get("soort") in ("adequaatheid", "passende_waarborg")
                       or transfer_words.search(s.text) or "doorgifte" in reading.topics(s.section))]
    if mechanisms:
        return
    signals = []
    for sentence, match in reading.matches("third_country_recipients"):
        if reading.signal(sentence, match):
            signals.append((sentence, match))
    for sentence, match in reading.matches("third_country_phrases"):
        if reading.signal(sentence, match):
            signals.append((sentence, match))
    for sentence, match in reading.matches("countries"):
        if match.entry.get("eer") is False and reading.signal(sentence, match):
            signals.append((sentence, match))
    if signals:
        # first where the statement says it uses or shares something ("maakt gebruik van Firebase")
        signals.sort(key=lambda pair: (not reading.cues(pair[0], "gebruik"), pair[0].index, pair[1].start))
        sentence, match = signals[0]
        others = sorted({m.text for _, m in signals[1:]} - {match.text})
        also_en = f" (also: {', '.join(others[:6])})" if others else ""
        also_nl = f" (ook: {', '.join(others[:6])})" if others else ""
        yield report(sentence.span_of(match.start, match.end),
                     f"'{match.text}'{also_en} means data go outside the EEA, but the statement says nothing about the "
                     "transfer: name the country, the safeguard (adequacy decision, Data Privacy Framework, standard "
                     "contractual clauses) and how to obtain a copy (Art. 13(1)(f)).",
                     f"'{match.text}'{also_nl} betekent dat gegevens buiten de EER gaan, maar de verklaring zegt niets "
                     "over die doorgifte: noem het land, de waarborg (adequaatheidsbesluit, Data Privacy Framework, "
                     "standaardcontractbepalingen) en hoe een kopie te krijgen is (art. 13 lid 1 sub f).",
                     related=tuple(Related(s.span_of(m.start, m.end), Message("Also outside the EEA.",
                                                                              "Ook buiten de EER."))
                                   for s, m in signals[1:6]))
        return
    field = _register_transfer(ctx.register, ctx.vocab)
    if field is not None:
        yield report(_missing(statement),
                     f"The register records a transfer outside the EEA ('{field.text}') that the statement does not "
                     "mention: name the country, the safeguard and how to obtain a copy (Art. 13(1)(f)).",
                     f"Het register legt een doorgifte buiten de EER vast ('{field.text}') die de verklaring niet noemt: "
                     "vermeld het land, de waarborg en hoe een kopie te krijgen is (art. 13 lid 1 sub f).",
                     related=(_related_field(field, "The transfer in the register.", "De doorgifte in het register."),))


# ---------------------------------------------------------------------------------------------
# AVG907 retention


def _minimum(reading: Reading, sentence: Sentence, duration) -> bool:
    """The period is a minimum ("at least 5 years", "minimaal 7 jaar"): the earliest end, not the end."""
    return _not_binding(reading, sentence, duration) is not None


def _not_binding(reading: Reading, sentence: Sentence, duration):
    """The word that makes a period no end: a minimum right before it ("at least 5 years", "minimaal 7
    jaar"), or a hedge before it in its clause ("in principe vijftien jaar", "usually 2 years"); else None."""
    text = sentence.text
    for match in reading.find("retention_open", sentence):
        if match.entry.get("id") == "minimum" and match.end <= duration.start and \
                not any(ch.isalpha() for ch in text[match.end:duration.start]):
            return match
    begin = reading.clauses.clause_start(text, duration.start)
    for match in reading.vocab.terms("vague_retention").find(text):
        if match.entry.get("id") == "voorbehoud" and begin <= match.start and match.end <= duration.start:
            return match
    return None


def _open_clauses(reading: Reading, sentence: Sentence, statutes: TermSet) -> Iterator[tuple[object, str, str]]:
    """(match, en, nl) for each clause of a retention sentence that leaves its own period open, even where
    another clause of the sentence (or the section) gives one: a period that is only a minimum or hedged,
    data kept for an unnamed legal duty ("met uitzondering van de informatie die we wettelijk verplicht zijn
    te bewaren"), a later stage with no end ("en daarna bij blijvende interesse in nieuwsbrieven")."""
    vocab = reading.vocab
    text = sentence.text
    durations = vocab.durations(text)
    for duration in durations:
        word = _not_binding(reading, sentence, duration)
        if word is None or reading.negated(sentence, word.start, word.end):
            continue
        begin, end = reading.clauses.clause(text, duration.start, duration.end)
        if any(d is not duration and begin <= d.start < end and _not_binding(reading, sentence, d) is None
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
    if statutes.search(block_text) is None and not vocab.citations(block_text):
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


def _retention_sentences(reading: Reading) -> Iterator[tuple[Sentence, bool]]:
    """Sentences about retention, with whether they give a period or an objective end."""
    vocab = reading.vocab
    vague = vocab.terms("vague_retention")
    legal = vocab.terms("legal_retention_without_statute")
    unlimited = vocab.terms("unlimited_retention")
    events = vocab.terms("retention_end_events")
    for sentence in reading.statement.sentences:
        if sentence.block.kind in ("heading", "title"):
            continue
        in_section = "bewaren" in reading.topics(sentence.section)
        elements = {m.entry.get("id") for m in reading.find("statement_elements", sentence)}
        text = sentence.text
        period = any(not _minimum(reading, sentence, d) for d in vocab.durations(text))
        # a start ("na de laatste behandeling") ends nothing without a period; an end event or criterion does
        concrete = period or any(m.entry.get("soort") != "start" for m in events.find(text))
        wording = vague.search(text) or legal.search(text) or unlimited.search(text)
        if in_section or "bewaartermijn" in elements or ("bewaren" in elements and (concrete or wording)):
            yield sentence, concrete


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
    does not cover a clause that leaves another open. A period that is only a minimum ("at
    least 5 years") or hedged ("in principe vijftien jaar", "usually 2 years"), data kept for
    a legal duty without the statute or the period ("met uitzondering van de informatie die
    we wettelijk verplicht zijn te bewaren", "zolang dit wettelijk is vereist"), and a later
    stage with no end of its own ("voor de duur van het lidmaatschap, en daarna bij blijvende
    interesse in nieuwsbrieven") are reported even where the sentence or the section gives
    a period elsewhere. A statement whose only periods are for records a statute governs
    ("copies of an invoice … 5 years") says nothing of how long the other data are kept.

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
    soort gegevens dekt geen zinsdeel dat een andere open laat. Een termijn die alleen een
    minimum is ("minimaal 5 jaar") of voorbehouden ("in principe vijftien jaar", "usually 2
    years"), gegevens die voor een wettelijke plicht worden bewaard zonder wet of termijn
    ("met uitzondering van de informatie die we wettelijk verplicht zijn te bewaren",
    "zolang dit wettelijk is vereist"), en een latere fase zonder eigen einde ("voor de duur
    van het lidmaatschap, en daarna bij blijvende interesse in nieuwsbrieven") worden gemeld,
    ook als de zin of het deel elders een termijn geeft. Een verklaring die alleen termijnen
    geeft voor stukken die een wet regelt ("kopieën van facturen … 7 jaar"), zegt niet hoe
    lang de andere gegevens worden bewaard.

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
    if reading_of(statement, ctx.vocab).processes_nothing:
        return  # nothing is collected: nothing to inform about
    reading = reading_of(statement, ctx.vocab)
    vocab = ctx.vocab
    vague = vocab.terms("vague_retention")
    legal = vocab.terms("legal_retention_without_statute")
    unlimited = vocab.terms("unlimited_retention")
    statutes = vocab.terms("statute_markers")
    found = list(_retention_sentences(reading))
    if not found:
        yield report(_missing(statement),
                     "The statement does not say how long the data are kept: give a period per purpose or category "
                     "(e.g. '2 jaar na het einde van de overeenkomst'), or the criteria that fix it (Art. 13(2)(a)).",
                     "De verklaring zegt niet hoe lang de gegevens worden bewaard: geef per doel of categorie een "
                     "termijn (bijvoorbeeld '2 jaar na het einde van de overeenkomst'), of de criteria die de termijn "
                     "bepalen (art. 13 lid 2 sub a).")
        return
    concrete_sections = {s.section.index for s, concrete in found if concrete}
    done: set[int] = set()
    for sentence, concrete in found:
        if sentence.block.index in done:
            continue
        # a clause that leaves its own period open is reported whatever the other clauses give
        problem = next(_open_clauses(reading, sentence, statutes), None)
        if problem is not None:
            match, en, nl = problem
            done.add(sentence.block.index)
            yield report(sentence.span_of(match.start, match.end),
                         f"{en} (Art. 13(2)(a), 5(1)(e); WP260 rev.01).",
                         f"{nl} (art. 13 lid 2 sub a, 5 lid 1 sub e; WP260 rev.01).")
            continue
        if concrete:
            continue
        if sentence.block.kind == "paragraph" and sentence.section.index in concrete_sections:
            continue  # "niet langer dan nodig; wij hanteren deze termijnen: …" — the periods follow
        text = sentence.text
        problem = unlimited.search(text)
        if problem is not None and not reading.negated(sentence, problem.start, problem.end):
            en = f"'{problem.text}': data may not be kept without limit; give a period or the criteria that end it"
            nl = f"'{problem.text}': gegevens mogen niet onbeperkt worden bewaard; geef een termijn of de criteria " \
                 "die hem beëindigen"
        else:
            problem = vague.search(text)
            if problem is not None:
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
        yield report(_missing(statement),
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
        context = in_section or bool(reading.cues(sentence, "rechten_context"))
        for match in reading.find("statement_rights", sentence):
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

    - a right that is not mentioned is an error (reported at the rights section, else where
      the statement speaks of a right, else at the title);
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
      "binnen 30 dagen"), is a note.

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

    - een recht dat niet genoemd wordt, is een fout (gemeld bij het deel over rechten,
      anders waar de verklaring over een recht spreekt, anders bij de titel);
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
      "binnen 30 dagen"), is een opmerking.

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
    if reading_of(statement, ctx.vocab).processes_nothing:
        return  # nothing is collected: nothing to inform about
    reading = reading_of(statement, ctx.vocab)
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
        # at the rights section, else where the statement speaks of a right ("Should a customer request that I
        # remove …"), else at the title
        spoken = min((sentence for sentence, match in offered.values()), key=lambda s: s.index, default=None)
        where = sections[0].heading.span if sections else spoken.span if spoken is not None else _missing(statement)
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
        rights_context = bool(reading.topics(sentence.section) & {"rechten", "bezwaar"}) or any(
            m for m in reading.find("statement_rights", sentence) if m.entry.get("sterkte") != "zwak")
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
        # "zo snel mogelijk, in ieder geval binnen de wettelijke termijn van een maand": the promise holds
        kept = any(m.entry.get("id") == "reactietermijn" and not reading.negated(sentence, m.start, m.end)
                   for m in elements)
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
    consent_words = reading.vocab.terms("consent_topic")
    for sentence, match in reading.matches("consent_withdrawal"):
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
        letters, field = _activity_letters(activity, vocab)
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
    reading = reading_of(statement, ctx.vocab)
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
    uses = _consent_uses(reading)
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
        yield report(_missing(statement),
                     f"The register records '{activity.name}' on consent, but the statement says nothing about "
                     "withdrawing consent: add that it can be withdrawn at any time and how (Art. 13(2)(c), 7(3)).",
                     f"Het register legt '{activity.name}' vast op toestemming, maar de verklaring zegt niets over "
                     "intrekken: vermeld dat toestemming te allen tijde kan worden ingetrokken en hoe (art. 13 lid 2 "
                     "sub c, 7 lid 3).",
                     related=(_related_field(field, "The activity on consent in the register.",
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
    if reading_of(statement, ctx.vocab).processes_nothing:
        return  # nothing is collected: nothing to inform about
    reading = reading_of(statement, ctx.vocab)
    for sentence, _ in reading.matches("statement_elements", ids={"toezichthouder"}):
        found = {m.entry.get("id") for m in reading.find("statement_elements", sentence)}
        if "datalek" in found and "klacht" not in found:
            continue  # the authority as the body a breach is reported to: not the complaint right
        return
    yield report(_missing(statement),
                 "The statement does not say that data subjects may complain to the Autoriteit Persoonsgegevens: add "
                 "'U kunt een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl)' "
                 "(Art. 13(2)(d), 77).",
                 "De verklaring zegt niet dat betrokkenen een klacht kunnen indienen bij de Autoriteit "
                 "Persoonsgegevens: voeg toe 'U kunt een klacht indienen bij de Autoriteit Persoonsgegevens "
                 "(autoriteitpersoonsgegevens.nl)' (art. 13 lid 2 sub d, 77).")


# ---------------------------------------------------------------------------------------------
# AVG911 provision and automated decisions


@rule(id="AVG911", slug="verklaring-verstrekkingsplicht-adm", severity="note", scope="statement",
      articles=("13(2)(e)", "13(2)(f)", "14(2)(g)"),
      title=("The privacy statement does not say whether data must be provided, or leaves out automated decisions.",
             "De privacyverklaring zegt niet of gegevens verplicht zijn, of zwijgt over geautomatiseerde besluiten."))
def provision_and_adm(statement: Statement, ctx):
    """
    ## What it checks
    That the statement says whether providing the data is a statutory or contractual
    requirement (or voluntary) and what happens if the data are not provided ("Indien u
    deze gegevens niet verstrekt, kunnen wij geen overeenkomst met u sluiten"), and, where
    it mentions profiling, whether automated decisions with legal or similarly significant
    effect are taken. A note: whether these items apply depends on facts the statement may
    not show.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count.

    ## Why
    Art. 13(2)(e) requires "whether the provision of personal data is a statutory or
    contractual requirement, or a requirement necessary to enter into a contract, as well
    as whether the data subject is obliged to provide the personal data and of the possible
    consequences of failure to provide such data"; Art. 13(2)(f) and 14(2)(g) the existence
    of automated decision-making, including profiling, with meaningful information about
    the logic involved.

    ## Example
    ```markdown
    # Privacyverklaring

    Wij gebruiken uw naam en adres om uw bestelling te leveren.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    Wij gebruiken uw naam en adres om uw bestelling te leveren. Indien u deze gegevens niet
    verstrekt, kunnen wij uw bestelling niet leveren.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat de verklaring zegt of het verstrekken van de gegevens een wettelijke of
    contractuele verplichting is (of vrijwillig) en wat er gebeurt als de gegevens niet
    worden verstrekt ("Indien u deze gegevens niet verstrekt, kunnen wij geen overeenkomst
    met u sluiten"), en, waar profilering genoemd wordt, of er geautomatiseerde besluiten
    met rechtsgevolgen of vergelijkbare gevolgen worden genomen. Een opmerking: of deze
    punten gelden, hangt af van feiten die de verklaring niet altijd laat zien.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee.

    ## Waarom
    Art. 13 lid 2 sub e vraagt "of de verstrekking van persoonsgegevens een wettelijke of
    contractuele verplichting is dan wel een noodzakelijke voorwaarde om een overeenkomst
    te sluiten, en of de betrokkene verplicht is de persoonsgegevens te verstrekken en wat
    de mogelijke gevolgen zijn wanneer deze gegevens niet worden verstrekt"; art. 13 lid 2
    sub f en 14 lid 2 sub g het bestaan van geautomatiseerde besluitvorming, met inbegrip
    van profilering, met nuttige informatie over de onderliggende logica.

    ## Voorbeeld

    ## Beter
    """
    if reading_of(statement, ctx.vocab).processes_nothing:
        return  # nothing is collected: nothing to inform about
    reading = reading_of(statement, ctx.vocab)
    consequence = reading.first("statement_elements", ids={"verstrekking_gevolg"})
    requirement = reading.first("statement_elements", ids={"verstrekkingsplicht"})
    if consequence is None:
        if requirement is None:
            yield report(_missing(statement),
                         "The statement does not say whether data subjects must provide their data and what happens if "
                         "they do not: add it, e.g. 'Indien u deze gegevens niet verstrekt, kunnen wij geen overeenkomst "
                         "met u sluiten' (Art. 13(2)(e)).",
                         "De verklaring zegt niet of betrokkenen hun gegevens moeten verstrekken en wat er gebeurt als "
                         "zij dat niet doen: vermeld het, bijvoorbeeld 'Indien u deze gegevens niet verstrekt, kunnen "
                         "wij geen overeenkomst met u sluiten' (art. 13 lid 2 sub e).")
        elif any(c.valid and c.letter in ("b", "c") for c in reading.claims):
            sentence, match = requirement
            yield report(sentence.span,
                         "The statement says when data need not be provided, but not for the purposes on a contract or "
                         "a legal obligation: say which data are required there and what happens if they are not "
                         "provided (Art. 13(2)(e)).",
                         "De verklaring zegt wanneer gegevens niet nodig zijn, maar niet voor de doelen op grond van een "
                         "overeenkomst of wettelijke verplichting: zeg welke gegevens daar verplicht zijn en wat er "
                         "gebeurt als ze niet worden verstrekt (art. 13 lid 2 sub e).")
    profiling = reading.first("statement_elements", ids={"profilering"})
    if profiling is not None and reading.first("statement_elements", ids={"adm"}) is None:
        sentence, match = profiling
        if not reading.negated(sentence, match.start, match.end):
            yield report(sentence.span_of(match.start, match.end),
                         f"'{match.text}' is mentioned without saying whether automated decisions with legal or "
                         "similarly significant effect are taken: say so, and if they are, explain the logic and its "
                         "consequences (Art. 13(2)(f), 22).",
                         f"'{match.text}' wordt genoemd zonder te zeggen of er geautomatiseerde besluiten met "
                         "rechtsgevolgen of vergelijkbare gevolgen worden genomen: vermeld het, en zo ja, de "
                         "onderliggende logica en de gevolgen (art. 13 lid 2 sub f, 22).")


# ---------------------------------------------------------------------------------------------
# AVG912 source


def _source_stated(reading: Reading) -> bool:
    return bool(reading.sections_about("bron")) or reading.first("statement_elements", ids={"bron"}) is not None


@rule(id="AVG912", slug="bron-ontbreekt", severity="warning", scope="activity", articles=("14(1)(d)", "14(2)(f)", "14(3)"),
      title=("Data not obtained from the data subject, without their source.",
             "Gegevens die niet van de betrokkene zelf komen, zonder de bron."))
def source_missing(activity: Activity, ctx):
    """
    ## What it checks
    That data obtained from someone other than the data subject — contact persons supplied
    by a client, employees of a client (data their employer supplies), prospects, public
    sources and public registers (Kadaster, cadastral data, BRP), media monitoring,
    purchased address lists — come with their source: the `bron` field in the register, and in a privacy statement a
    sentence or section saying where the data come from ("Deze gegevens ontvangen wij van
    uw werkgever", "Waar komen uw gegevens vandaan?"). Activities done as a processor are
    left out: the source is the controller's business.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): in a
    register it reads `gegevens`, `betrokkenen`, `doel`, `omschrijving` and the name; in a statement
    every sentence. Data about another person that the data subject supplies (an emergency contact,
    the parents of a minor member, references) come from another source for that person.

    ## Why
    Art. 14(1)(d) and 14(2)(f) require the categories of data and "from which source the
    personal data originate, and if applicable, whether it came from publicly accessible
    sources", within a month and at the latest at the first contact (Art. 14(3)). The
    register is where the source is recorded, so that the statement and the Art. 14 notice
    can say it.

    ## Example
    ```avg
    verwerking "Media monitoring" {
        gegevens: berichten geplaatst op social media
    }
    ```

    ```markdown
    # Privacyverklaring

    Wij verwerken gegevens van potentiële klanten om hen te benaderen.
    ```

    ## Use instead
    ```avg
    verwerking "Media monitoring" {
        gegevens: berichten geplaatst op social media
        bron: openbare berichten op X en Facebook, via een monitoringdienst
    }
    ```

    ```markdown
    # Privacyverklaring

    Wij verwerken gegevens van potentiële klanten om hen te benaderen. Deze gegevens
    verkrijgen wij van de Kamer van Koophandel.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat gegevens die van een ander dan de betrokkene komen — contactpersonen die een klant
    aanlevert, werknemers van een opdrachtgever (gegevens die hun werkgever aanlevert),
    prospects, openbare bronnen en openbare registers (Kadaster, kadastrale gegevens, BRP),
    mediamonitoring, gekochte adresbestanden — hun bron hebben: het veld `bron` in het register, en in een privacyverklaring een zin of
    deel dat zegt waar de gegevens vandaan komen ("Deze gegevens ontvangen wij van uw
    werkgever", "Waar komen uw gegevens vandaan?"). Verwerkingen als verwerker blijven
    buiten beschouwing: de bron is daar de zaak van de verwerkingsverantwoordelijke.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): in een register leest hij `gegevens`,
    `betrokkenen`, `doel`, `omschrijving` en de naam; in een verklaring elke zin. Gegevens over een
    ander die de betrokkene zelf opgeeft (een noodcontact, de ouders van een minderjarig lid,
    referenties) komen voor die ander uit een andere bron.

    ## Waarom
    Art. 14 lid 1 sub d en 14 lid 2 sub f vragen de categorieën van gegevens en "de bron
    waar de persoonsgegevens vandaan komen, en in voorkomend geval, of zij afkomstig zijn
    van openbare bronnen", binnen een maand en uiterlijk bij het eerste contact (art. 14
    lid 3). Het register is de plek waar de bron wordt vastgelegd, zodat de verklaring en
    de informatie van art. 14 haar kunnen noemen.

    ## Voorbeeld

    ## Beter
    """
    if activity.role != "controller":
        return
    source = activity.get("bron")
    if has_value(source):
        return
    reader = clauses.reader(ctx.vocab)
    for key in ("gegevens", "betrokkenen", "doel", "omschrijving"):
        field = activity.fields.get(key)
        if not has_value(field):
            continue
        match = next(iter(reader.affirmed("indirect_sources", field.text)), None)
        if match is not None:
            supplied_en, supplied_nl = _supplied_by_subject(match)
            yield report(field_span(field, match.start, match.end),
                         f"'{match.text}' ({key}): these data do not come from the data subject{supplied_en}; record "
                         "where they come from in 'bron', so that the statement can tell them (Art. 14(1)(d), 14(2)(f)).",
                         f"'{match.text}' ({key}): deze gegevens komen niet van de betrokkene zelf{supplied_nl}; leg in "
                         "'bron' vast waar ze vandaan komen, zodat de verklaring dat kan vermelden (art. 14 lid 1 sub d, "
                         "14 lid 2 sub f).", field=key)
            return
    if activity.name:
        match = next(iter(reader.affirmed("indirect_sources", activity.name)), None)
        if match is not None:
            yield report(activity.name_span,
                         f"'{match.text}': these data do not come from the data subject; record where they come from in "
                         "'bron' (Art. 14(1)(d), 14(2)(f)).",
                         f"'{match.text}': deze gegevens komen niet van de betrokkene zelf; leg in 'bron' vast waar ze "
                         "vandaan komen (art. 14 lid 1 sub d, 14 lid 2 sub f).")


def _supplied_by_subject(match) -> tuple[str, str]:
    """What to add when the data are about another person the data subject names (an emergency contact)."""
    if match.entry.get("id") != "via_betrokkene":
        return "", ""
    return (" (the person they are about did not give them: someone else, such as a member, did)",
            " (de persoon over wie ze gaan gaf ze niet zelf: iemand anders, zoals een lid, deed dat)")


@statement_check("AVG912")
def statement_source_missing(statement: Statement, ctx):
    reading = reading_of(statement, ctx.vocab)
    if _source_stated(reading):
        return
    found = [(sentence, match) for sentence, match in reading.matches("indirect_sources")
             if reading.signal(sentence, match)]
    # a sentence that says the data are processed before a heading that only announces them
    found.sort(key=lambda pair: pair[0].block.kind in ("heading", "title"))
    for sentence, match in found:
        yield report(sentence.span_of(match.start, match.end),
                     f"'{match.text}': these data do not come from the data subjects themselves, but the statement never "
                     "says where they come from: name the source, e.g. 'Deze gegevens ontvangen wij van uw werkgever' "
                     "(Art. 14(1)(d), 14(2)(f)).",
                     f"'{match.text}': deze gegevens komen niet van de betrokkenen zelf, maar de verklaring zegt nergens "
                     "waar ze vandaan komen: noem de bron, bijvoorbeeld 'Deze gegevens ontvangen wij van uw werkgever' "
                     "(art. 14 lid 1 sub d, 14 lid 2 sub f).")
        return


# ---------------------------------------------------------------------------------------------
# Rules of other families, applied to statements


def _provision_subject(vocab, citation) -> tuple[str, str]:
    key = citation.article + (f"({citation.paragraph})" if citation.paragraph else "")
    for entry in vocab.data("lawful_bases").get("non_basis_provisions", ()):
        lid = entry.get("lid")
        if str(entry.get("artikel")) == citation.article and (lid is None or str(lid) == (citation.paragraph or "")):
            nl = entry.get("onderwerp") or ""
            return PROVISIONS_EN.get(key) or PROVISIONS_EN.get(citation.article) or nl, nl
    return "", ""


@statement_check("AVG203")
def statement_wrong_citation(statement: Statement, ctx):
    """Citations in the statement that are claimed as a basis but are not one (or contradict the basis named)."""
    reading = reading_of(statement, ctx.vocab)
    for claim in reading.claims:
        if claim.problem is None:
            continue
        citation = claim.citation
        if claim.problem == "not-a-basis":
            en_subject, nl_subject = _provision_subject(ctx.vocab, citation)
            about_en = f" (it is about {en_subject})" if en_subject else ""
            about_nl = f" (het gaat over {nl_subject})" if nl_subject else ""
            yield report(claim.span,
                         f"'{claim.text}' is cited as a legal ground, but art. {citation.provision}{about_en} is not a "
                         "lawful basis: cite the basis of Art. 6(1) that applies, e.g. 'artikel 6 lid 1 sub f AVG' with "
                         "the interest pursued.",
                         f"'{claim.text}' wordt als grondslag aangehaald, maar art. {citation.provision}{about_nl} is geen "
                         "grondslag: noem de grondslag van art. 6 lid 1 die geldt, bijvoorbeeld 'artikel 6 lid 1 sub f "
                         "AVG' met het nagestreefde belang.")
        elif claim.problem == "repealed-law":
            yield report(claim.span,
                         f"'{claim.text}' cites the Wbp, repealed on 25 May 2018: cite the GDPR, e.g. 'artikel 6 lid 1 "
                         "sub f AVG'.",
                         f"'{claim.text}' verwijst naar de Wbp, die op 25 mei 2018 is vervallen: verwijs naar de AVG, "
                         "bijvoorbeeld 'artikel 6 lid 1 sub f AVG'.")
        elif claim.problem == "contradicts-name":
            yield report(claim.span,
                         f"'{claim.text}' does not match the basis named next to it: the letter of Art. 6(1) must be "
                         "that of the basis (a consent, b contract, c legal obligation, d vital interests, e public "
                         "task, f legitimate interests).",
                         f"'{claim.text}' past niet bij de grondslag die ernaast staat: de letter van art. 6 lid 1 moet "
                         "die van de grondslag zijn (a toestemming, b overeenkomst, c wettelijke verplichting, d vitaal "
                         "belang, e publieke taak, f gerechtvaardigd belang).")


@statement_check("AVG205")
def statement_statute_not_named(statement: Statement, ctx):
    """A legal obligation or public task claimed in the statement without the statute."""
    reading = reading_of(statement, ctx.vocab)
    statutes = ctx.vocab.terms("statute_markers")
    for block in reading.units():
        claims = [c.span for c in reading.block_claims.get(block.index, ()) if c.valid and c.letter in ("c", "e")]
        texts = [c.text for c in reading.block_claims.get(block.index, ()) if c.valid and c.letter in ("c", "e")]
        if not claims and _setting_out_bases(reading, block):
            # where the statement sets out its bases (a section or a list about them), a legal obligation or
            # public task named there is one ("De wettelijke verplichting om financiële gegevens zeven jaar te
            # bewaren", "noodzakelijk om aan een wettelijke verplichting te voldoen, zoals de bewaarplicht")
            for sentence in block.sentences:
                for mention in ctx.vocab.lawful_bases.read(sentence.text, fuzzy=False).mentions:
                    if mention.letter in ("c", "e") and not reading.negated(sentence, mention.start, mention.end):
                        claims.append(sentence.span_of(mention.start, mention.end))
                        texts.append(sentence.text[mention.start:mention.end])
        if not claims:
            continue
        if statutes.search(block.text) or any(
                c.other_law for s in block.sentences for c in ctx.vocab.citations(s.text)):
            continue
        yield report(claims[0],
                     f"'{texts[0]}' without the statute that lays down the obligation or task: name it, e.g. "
                     "'wettelijke verplichting uit artikel 52 AWR' (Art. 6(3), 13(1)(c)).",
                     f"'{texts[0]}' zonder de wet waarin de verplichting of taak staat: noem die, bijvoorbeeld "
                     "'wettelijke verplichting uit artikel 52 AWR' (art. 6 lid 3, 13 lid 1 sub c).")


def _setting_out_bases(reading: Reading, block: Block) -> bool:
    """The block stands where the statement sets out its lawful bases: in a section about them, or as an
    item of a list introduced by them ("DWH verwerkt deze gegevens op basis van volgende grondslagen:")."""
    if "grondslag" in reading.own_topics.get(block.section.index, frozenset()):
        return True
    lead = _list_lead(reading.statement, block)
    return lead is not None and any(m.entry.get("id") == "grondslag" for s in lead.sentences
                                    for m in reading.find("statement_elements", s))


@statement_check("AVG206")
def statement_contract_without_party(statement: Statement, ctx):
    """The contract basis claimed for people who are not party to the contract (contact persons, visitors)."""
    reading = reading_of(statement, ctx.vocab)
    subjects = ctx.vocab.terms("non_contract_subjects")
    for block in reading.units():
        claims = [c for c in reading.block_claims.get(block.index, ()) if c.valid and c.letter == "b"]
        if not claims or ctx.vocab.terms("precontract_steps").search(block.text):
            continue
        claim = claims[0]
        # the people may be named in the list the claim introduces or in its nested items
        found = next((m for part in (block, *statement.list_under(block)) for m in subjects.find(part.text)
                      if not reading.clauses.negated(part.text, m.start, m.end)), None)
        own = reading.own_topics.get(block.section.index, frozenset())
        if found is None and "grondslag" in own and "doeleinden" not in own and {
                letter for b in block.section.blocks for letter in reading.letters(b)} == {"b"}:
            # the one basis of the whole statement (a section of its own): the people the statement is about
            for sentence in statement.sentences:
                found = subjects.search(sentence.text)
                if found is not None:
                    break
        if found is None:
            continue
        yield report(claim.span,
                     f"'{claim.text}' (contract) for '{found.text}', who are not party to the contract: use legitimate "
                     "interests with the interest stated, or another basis (Art. 6(1)(b); EDPB Guidelines 2/2019).",
                     f"'{claim.text}' (overeenkomst) voor '{found.text}', die geen partij zijn bij de overeenkomst: "
                     "gebruik gerechtvaardigd belang met het belang erbij, of een andere grondslag (art. 6 lid 1 sub b; "
                     "EDPB-richtsnoeren 2/2019).")


@statement_check("AVG303")
def statement_eprivacy(statement: Statement, ctx):
    """E-mail or telephone marketing, or tracking cookies, on legitimate interests or with an opt-out."""
    reading = reading_of(statement, ctx.vocab)
    vocab = ctx.vocab
    marketing = vocab.terms("eprivacy_marketing")
    cookies = vocab.terms("eprivacy_cookies")
    customers = vocab.terms("customer_relation_exception")
    for block in reading.units():
        if reading.in_rights_section(block):
            continue
        claims = reading.block_claims.get(block.index, [])
        letters = {c.letter for c in claims if c.valid}
        if "a" in letters:
            continue  # consent: AVG909 and AVG401/402 are about how it is given and withdrawn
        text = block.text
        found = marketing.find(text)
        opt_out = [m for m in found if m.entry.get("kanaal") == "opt-out"]
        if "f" not in letters and not opt_out:
            continue
        where = next((c for c in claims if c.valid and c.letter == "f"), None)
        span = where.span if where is not None else block.span_of(opt_out[0].start, opt_out[0].end)
        tracking = [m for m in cookies.find(text) if m.entry.get("niveau") == "error"]
        if tracking and "f" in letters:
            yield report(span,
                         f"Tracking cookies or pixels ('{tracking[0].text}') on legitimate interests: they need prior "
                         "consent (Telecommunicatiewet 11.7a; CJEU C-673/17 Planet49).",
                         f"Trackingcookies of pixels ('{tracking[0].text}') op grond van gerechtvaardigd belang: daarvoor "
                         "is vooraf toestemming nodig (Telecommunicatiewet art. 11.7a; HvJ C-673/17 Planet49).",
                         severity="error")
            continue
        if customers.search(text):
            continue
        channels = [m for m in found if m.entry.get("kanaal") not in (None, "opt-out")]
        channels += [m for s in block.sentences for m in reading.find("statement_elements", s)
                     if m.entry.get("id") == "direct_contact"]
        if not channels:
            continue
        yield report(span,
                     f"'{channels[0].text}' on legitimate interests with an opt-out: e-mail and SMS marketing need "
                     "prior consent except for existing customers (soft opt-in), and telemarketing to consumers needs "
                     "consent since 1 July 2021 (Telecommunicatiewet 11.7).",
                     f"'{channels[0].text}' op grond van gerechtvaardigd belang met een opt-out: marketing per e-mail en "
                     "sms vraagt vooraf toestemming, behalve bij bestaande klanten (soft opt-in), en telemarketing aan "
                     "consumenten vraagt sinds 1 juli 2021 toestemming (Telecommunicatiewet art. 11.7).")


def _list_lead(statement: Statement, block: Block) -> Block | None:
    """The paragraph or item that introduces a list item ("We may also collect:"), or None."""
    if block.kind != "item":
        return None
    for previous in reversed(statement.blocks[:block.index]):
        if previous.section is not block.section:
            return None
        if previous.kind == "item" and previous.level >= block.level:
            continue
        return previous if previous.kind in ("paragraph", "item") else None
    return None


def _about_processing(reading: Reading, sentence: Sentence) -> bool:
    """The sentence describes data the organisation processes: a verb of use or keeping in it, in the sentence that
    introduces its list, or in a heading above it ("Bijzondere persoonsgegevens die wij verwerken"), or a
    heading above it about the data processed."""
    if reading.cues(sentence, "gebruik") or "gegevens" in reading.topics(sentence.section) or any(
            m.entry.get("id") == "bewaren" for m in reading.find("statement_elements", sentence)):
        return True
    lead = _list_lead(reading.statement, sentence.block)
    while lead is not None:
        if any(reading.cues(s, "gebruik") for s in lead.sentences):
            return True
        lead = _list_lead(reading.statement, lead)
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


@statement_check("AVG502")
def statement_special_without_exception(statement: Statement, ctx):
    """Special categories the statement says it processes, with no exception of Art. 9(2) named."""
    reading = reading_of(statement, ctx.vocab)
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
    # an exception cited anywhere, or named where the statement gives its bases ("with the express consent")
    basis_sentences = {c.sentence.index for c in reading.claims}
    if not evidence or any(exceptions.read(s.text).grounds for s in statement.sentences
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


def _masked(reading: Reading, block: Block) -> bool:
    """The block says the copy is masked, or must be ("Maak in deze kopie je … BSN zwart"), not only advises it."""
    masking, advice = reading.vocab.terms("id_masking"), reading.vocab.terms("id_masking_advice")
    return any(any(m.entry["id"] == "afgeschermd" for m in masking.find(s.text)) and advice.search(s.text) is None
               for s in block.sentences)


@statement_check("AVG508")
def statement_bsn_without_statute(statement: Statement, ctx):
    """The BSN or a copy of an ID document the statement asks for, with no statute named and no masking."""
    reading = reading_of(statement, ctx.vocab)
    vocab = ctx.vocab
    statutes, bsn_statutes = vocab.terms("statute_markers"), vocab.terms("bsn_statutes")
    for block in reading.units():
        hits = [(sentence, match) for sentence in block.sentences
                for match in (*vocab.terms("bsn").find(sentence.text),
                              *(m for m in vocab.terms("id_copies").find(sentence.text) if m.entry["id"] == "kopie_id"))
                if not reading.negated(sentence, match.start, match.end)]
        if not hits or _masked(reading, block) or bsn_statutes.search(block.text) or any(
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


@statement_check("AVG303")
def statement_third_party_marketing(statement: Statement, ctx):
    """E-mail marketing for what others offer (other associations, sponsors) without consent in the sentence."""
    reading = reading_of(statement, ctx.vocab)
    vocab = ctx.vocab
    others, channels = vocab.terms("third_party_marketing"), vocab.terms("electronic_channels")
    consent_sentences = {c.sentence.index for c in reading.claims if c.valid and c.letter == "a"}
    for block in reading.units():
        if reading.in_rights_section(block):
            continue
        for sentence in block.sentences:
            if sentence.index in consent_sentences:
                continue  # "met uw toestemming sturen wij ook aanbiedingen van partners"
            found = next((m for m in others.find(sentence.text)
                          if not reading.negated(sentence, m.start, m.end)), None)
            if found is None or not (channels.search(sentence.text) or vocab.terms("eprivacy_marketing").search(
                    sentence.text)):
                continue
            yield report(sentence.span_of(found.start, found.end),
                         f"'{found.text}' by e-mail without consent: the soft opt-in covers only the organisation's own "
                         "similar products or services; e-mail marketing for others needs prior consent "
                         "(Telecommunicatiewet 11.7).",
                         f"'{found.text}' per e-mail zonder toestemming: de soft opt-in geldt alleen voor eigen "
                         "vergelijkbare producten of diensten; e-mailmarketing voor anderen vraagt vooraf toestemming "
                         "(Telecommunicatiewet art. 11.7).")
            break


@statement_check("AVG704")
def statement_period_against_norm(statement: Statement, ctx):
    """A retention period in the statement longer than the AP's norm for the data it is about (applicants, camera
    images, personnel and re-integration files), outside the norm's own exceptions (consent, an incident)."""
    reading = reading_of(statement, ctx.vocab)
    vocab = ctx.vocab
    topics, ambiguous = vocab.terms("statutory_retention_topics"), vocab.terms("retention_topics_ambiguous")
    retention = {sentence.index for sentence, _ in _retention_sentences(reading)}
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
