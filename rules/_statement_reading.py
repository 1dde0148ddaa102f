"""How the AVG9xx rules, and the statement checks of other families' rules, read a privacy statement.

A ``Reading`` of a statement (``avglint.statement.Statement``: sections, blocks and
sentences with exact positions) is made once per statement and vocabularies in a check
(``statement_reading``, an ``avglint.readings`` reading): the topics of its headings,
the cues of ``statements.yaml`` per sentence, and the lawful bases it claims (``Claim``:
a citation, or a basis named where a basis is given). The rules ask it rather than read
the text again; what a statement lacks is reported at its title (``where_missing``).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Iterable, Iterator

from avglint import clauses
from avglint.findings import Message, Related
from avglint.model import Activity, Span
from avglint.readings import reading
from avglint.statement import Block, Section, Sentence, Statement
from avglint.vocab import TermSet

from ._common import find_affirmed, has_value

RIGHTS_TOPICS = {"rechten", "bezwaar", "intrekken", "klachten"}
GDPR_LAWS = (None, "AVG", "GDPR", "DSGVO")


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
    """What the rules need to know about one statement, computed once per check (``statement_reading``)."""

    def __init__(self, statement: Statement, vocab):
        self.statement, self.vocab = statement, vocab
        self.clauses = clauses.reader(vocab)
        self.filler = basis_filler(vocab)
        headings = vocab.terms("statement_headings")
        self.own_topics = {s.index: frozenset(m.entry["id"] for m in headings.find(s.title)) if s.heading else frozenset()
                           for s in statement.sections}
        self.claims: list[Claim] = []
        self.block_claims: dict[int, list[Claim]] = {}
        # the list items a paragraph introduces as the bases ("op basis van volgende grondslagen:"), or that open a
        # section about the basis ("## Legal basis" followed by "- Contract: …"): each item claims the basis it
        # names, as under a 'Grondslag:' label
        self.basis_items = self.introduced_by("grondslag_sterk", "grondslag_lijst") | frozenset(
            item.index for section in statement.sections if "grondslag" in self.own_topics.get(section.index, ())
            for item in statement.list_under(section.heading))
        for sentence in statement.sentences:
            if sentence.block.kind in ("heading", "title"):
                continue
            for claim in self._claims(sentence) + self._consent_claims(sentence):
                self.claims.append(claim)
                self.block_claims.setdefault(sentence.block.index, []).append(claim)

    # -- term lists per sentence ---------------------------------------------------------------
    def find(self, name: str, sentence: Sentence) -> list:
        return self.vocab.terms(name).find(sentence.text)  # remembered per text by TermSet.find

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
        return [m for m in cue_terms(self.vocab).find(sentence.text) if m.entry.get("soort") in kinds]

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
    def introduced_by(self, *kinds: str) -> frozenset[int]:
        """The blocks of the list items that a paragraph, or a list item with a list nested in it, introduces with a
        cue of these kinds in its last sentence ("op basis van volgende grondslagen:", "voor de volgende doelen:")."""
        return frozenset(item.index for block in self.statement.blocks
                         if block.kind in ("paragraph", "item") and block.sentences
                         and self.cues(block.sentences[-1], *kinds)
                         for item in self.statement.list_under(block))

    def _marker(self, sentence: Sentence, position: int, kinds: tuple[str, ...]):
        """The cue of these kinds that ends just before ``position`` (only filler words between)."""
        text = sentence.text
        best = None
        for cue in self.cues(sentence, *kinds):
            if cue.end <= position:
                gap = self.filler.match(text, cue.end, position)
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
        # the right to object explained ("to object to processing on the basis of Art. 6(1)(e) or (f)", Art. 21(1)):
        # the bases it names are those the right applies to, not bases claimed
        objection = min((m.start for m in self.find("statement_rights", sentence) if m.entry.get("recht") == "bezwaar"),
                        default=len(text))
        for (start, end), group in groups.items():
            lawful = [c for c in group if c.is_lawful_basis]
            if lawful and objection < start and all(c.letter in ("e", "f") for c in lawful):
                continue
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
        # where purposes or bases are set out, a list item that opens with a basis as its label ("- Uw toestemming,
        # zoals bij het verzenden van onze nieuwsbrief", "- Uitvoeren van de overeenkomst, zodat wij u kunnen bellen")
        opens_item = purpose_context and sentence.block.kind == "item" and sentence is sentence.block.sentences[0]
        for mention in reading.mentions:
            if mention.letter in cited_letters or any(s <= mention.start < e for s, e in cited_spans):
                continue  # the citation next to it is the claim
            if any(c.is_lawful_basis and abs(c.start - mention.end) <= 45 for c in reading.citations):
                continue  # paired with a citation of another letter: AVG203 reports the contradiction
            if self.negated(sentence, mention.start, mention.end):
                continue
            if any(cue.end <= mention.start and self.clauses.clause_start(text, mention.start) <= cue.start
                   for cue in self.cues(sentence, "duur")):
                continue  # how long data are kept ("zolang vereist krachtens een contract"), not a basis
            # a marker before the basis, or in its own wording ("necessary for the performance of a contract");
            # the GDPR's term for the basis claims it too ("is therefore for a legitimate business interest"),
            # but not in a conditional clause ("we delen niets, tenzij er een gerechtvaardigd belang is")
            conditional = self.clauses.condition(text, mention.start, mention.end) is not None
            marked = self._marker(sentence, mention.start, ("grondslag_sterk",)) is not None or any(
                cue.start <= mention.start < cue.end for cue in self.cues(sentence, "grondslag_sterk")) or (
                not conditional and any(cue.start <= mention.start < cue.end
                                        for cue in self.cues(sentence, "grondslag_eigen"))) or any(
                # the basis named before the word for it: "toestemming als grondslag", "under a performance of
                # contract basis of processing"
                0 <= cue.start - mention.end <= 5 for cue in self.cues(sentence, "grondslag_na"))
            # where purposes or bases are set out, a conditional clause still claims what it names ("wanneer wij
            # daartoe wettelijk verplicht zijn"); about data types it limits a category ("slechts wanneer dit
            # wettelijk verplicht is")
            leading = opens_item and text[mention.end:mention.end + 2].lstrip()[:1] in (",", ":", "–", "-") and (
                gap := self.filler.match(text, 0, mention.start)) is not None and gap.end() == mention.start
            if label or marked or leading or (purpose_context and conditional):
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
        """The block stands under a heading about the rights; the nearest heading about the basis or the purposes
        decides for the blocks under it ("2.1.1 Legal basis for processing" under "2.1 What is the legal basis for
        processing my data and how does this affect my rights")."""
        section = block.section
        while section is not None:
            own = self.own_topics.get(section.index, frozenset())
            if own & {"grondslag", "doeleinden"} and not own & RIGHTS_TOPICS:
                return False
            if own & RIGHTS_TOPICS:
                return True
            section = section.parent
        return False

    def units(self) -> Iterator[Block]:
        """Blocks that can state a purpose: paragraphs, list items and table rows (not header rows)."""
        for block in self.statement.blocks:
            if block.kind in ("paragraph", "item") or (block.kind == "row" and not block.header):
                yield block


@reading(reader=None)
def basis_filler(vocab) -> re.Pattern:
    """What may stand between a basis cue and the basis it introduces: articles and possessives, one word joined
    to the basis by a conjunction (``basis_cue_filler`` in statements.yaml), and one word that qualifies it
    ("on the basis of our treatment contract", "op basis van jouw expliciete toestemming")."""
    words = vocab.data("statements")["basis_cue_filler"]
    determiners = "|".join(map(re.escape, words["determiners"]))
    conjunctions = "|".join(map(re.escape, words["conjunctions"]))
    return re.compile(rf"[\s(\[“\"'‘,:]*(?:(?:{determiners})\s+){{0,3}}(?:[^\W\d_]+\s+(?:{conjunctions})\s+)?"
                      rf"(?:[^\W\d_]+\s+)?[\s(\[“\"'‘]*", re.IGNORECASE)


@reading(reader=None)
def cue_terms(vocab) -> TermSet:
    """The `cues` section of statements.yaml (user overrides merged) as one term list."""
    items, vetoes = [], []
    for entry in vocab.data("statements").get("cues", ()):
        items.extend((entry, term) for term in entry.get("terms", ()))
        items.extend((entry, {"pattern": pattern}) for pattern in entry.get("patterns", ()) or ())
        vetoes.extend(term for term in entry.get("except", ()) or () if term not in vetoes)
    return TermSet("statements.cues", items, vetoes, where="statements.yaml.cues")


@reading
def statement_reading(statement: Statement, vocab) -> Reading:
    """The reading of a statement with these vocabularies, made once per check and shared by the rules."""
    return Reading(statement, vocab)


# ---------------------------------------------------------------------------------------------
# What the rules of several subjects share


def where_missing(statement: Statement) -> Span:
    """Where a finding about something the statement lacks points: its title, else its start."""
    return statement.start_span


def related_field(field, en: str, nl: str) -> Related:
    """A related location: the value of a register field that the statement contradicts or leaves out."""
    return Related(field.value_span, Message(en, nl))


def _is_minimum(reading: Reading, sentence: Sentence, duration) -> bool:
    """The period is a minimum ("at least 5 years", "minimaal 7 jaar"): the earliest end, not the end."""
    return not_binding(reading, sentence, duration) is not None


def floor_before(text: str, floors, duration):
    """The minimum of ``floors`` ("minimaal", "at least") that stands right before ``duration`` in ``text``, only
    non-letters between ("minimaal 7 jaar"), or None."""
    return next((m for m in floors if m.end <= duration.start and not any(ch.isalpha() for ch in
                                                                          text[m.end:duration.start])), None)


def not_binding(reading: Reading, sentence: Sentence, duration):
    """The word that makes a period no end: a minimum right before it ("at least 5 years", "minimaal 7
    jaar"), or a hedge before it in its clause ("in principe vijftien jaar", "usually 2 years"); else None."""
    text = sentence.text
    floor = floor_before(text, [m for m in reading.find("retention_open", sentence) if m.entry.get("id") == "minimum"],
                         duration)
    if floor is not None:
        return floor
    begin = reading.clauses.clause_start(text, duration.start)
    for match in reading.vocab.terms("vague_retention").find(text):
        if match.entry.get("id") == "voorbehoud" and begin <= match.start and match.end <= duration.start:
            return match
    return None


def retention_sentences(reading: Reading) -> Iterator[tuple[Sentence, bool]]:
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
        period = any(not _is_minimum(reading, sentence, d) for d in vocab.durations(text))
        # a start ("na de laatste behandeling") ends nothing without a period; an end event or criterion does
        concrete = period or any(m.entry.get("soort") != "start" for m in events.find(text))
        wording = vague.search(text) or legal.search(text) or unlimited.search(text)
        if in_section or "bewaartermijn" in elements or ("bewaren" in elements and (concrete or wording)):
            yield sentence, concrete


def list_lead(statement: Statement, block: Block) -> Block | None:
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


def activity_letters(activity: Activity, vocab) -> tuple[set[str], object]:
    """The Art. 6(1) letters a register activity's `grondslag` names, and the field (None without one)."""
    field = activity.get("grondslag")
    if not has_value(field):
        return set(), None
    reading = vocab.lawful_bases.read(field.text)
    letters = {m.letter for m in reading.mentions} | {c.letter for c in reading.citations if c.letter and not c.problem}
    return letters, field


def self_description(statement: Statement) -> Iterator[Block]:
    """The blocks of a statement where the organisation describes itself: the title and the opening text before
    the first other heading ("De provincie Fryslân gaat zorgvuldig om met uw persoonsgegevens")."""
    for block in statement.blocks:
        if block is statement.title:
            yield block
        elif block.kind == "heading":
            return
        else:
            yield block


def describes_public_body(statement: Statement, vocab) -> bool:
    """The statement's organisation describes itself as a public authority or body ("De gemeente …"): the signs of
    ground (a) of ``fg_duty_signs``, the words rules/_fg_duty.py reads for the FG duty."""
    return any(match.entry.get("grond") == "a" for block in self_description(statement)
               for sentence in block.sentences for match in find_affirmed(vocab, "fg_duty_signs", sentence.text))


def names_statute(block: Block, vocab) -> bool:
    """A block of a statement names a statute: by the form of its name, or in a citation of another law."""
    return vocab.terms("statute_markers").search(block.text) is not None or any(
        c.other_law for sentence in block.sentences for c in vocab.citations(sentence.text))
