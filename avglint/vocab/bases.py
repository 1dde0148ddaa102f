"""Reading lawful bases (Art. 6(1) GDPR) from a value: names, misspellings, citations, misnomers."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, Mapping

from ..readings import reading
from .citations import Citation
from .distance import damerau_levenshtein
from .fold import _JOINER_CHARS, normalise, words_pattern
from .term_syntax import _expand_options

if TYPE_CHECKING:
    from .vocabularies import Vocabularies


class BasisMention:
    """A lawful basis named in words. ``form``: canonical | variant | misspelling."""

    __slots__ = ("letter", "start", "end", "form", "canonical_nl", "canonical_en", "text", "note", "term",
                 "distance", "id")

    def __init__(self, letter, start, end, form, canonical_nl, canonical_en, text, note, term, distance=0, id=None):
        self.letter: str = letter
        self.start: int = start
        self.end: int = end
        self.form: str = form
        self.canonical_nl: str = canonical_nl
        self.canonical_en: str = canonical_en
        self.text: str = text
        self.note: str | None = note
        self.term: str = term
        self.distance: int = distance  # 0 for vocabulary terms; >0 for edit-distance detections
        self.id = id

    def __repr__(self) -> str:
        return f"BasisMention({self.letter} {self.form} {self.text!r} [{self.start}:{self.end}])"


class Misnomer:
    """A phrase that is not an Art. 6 basis (``verwerkersovereenkomst``, ``AVG``, ``bedrijfsbelang``)."""

    __slots__ = ("id", "start", "end", "text", "term", "suggestion", "note")

    def __init__(self, id, start, end, text, term, suggestion, note):
        self.id = id
        self.start: int = start
        self.end: int = end
        self.text: str = text
        self.term: str = term
        self.suggestion: str | None = suggestion  # a letter a-f when one basis is the likely intent
        self.note: str | None = note

    def __repr__(self) -> str:
        return f"Misnomer({self.text!r} suggest={self.suggestion})"


class AmbiguousBasis:
    """A phrase that may mean more than one basis (``wettelijke grondslag`` → c or e)."""

    __slots__ = ("id", "start", "end", "text", "term", "candidates", "note")

    def __init__(self, id, start, end, text, term, candidates, note):
        self.id = id
        self.start: int = start
        self.end: int = end
        self.text: str = text
        self.term: str = term
        self.candidates: tuple[str, ...] = candidates
        self.note: str | None = note

    def __repr__(self) -> str:
        return f"AmbiguousBasis({self.text!r} {self.candidates})"


class BasisReading:
    """What a ``grondslag`` value (or a sentence of a statement) says about the lawful basis."""

    __slots__ = ("text", "mentions", "citations", "misnomers", "ambiguous", "letters", "inline_interest")

    def __init__(self, text, mentions, citations, misnomers, ambiguous, letters, inline_interest):
        self.text: str = text
        self.mentions: list[BasisMention] = mentions
        self.citations: list[Citation] = citations
        self.misnomers: list[Misnomer] = misnomers
        self.ambiguous: list[AmbiguousBasis] = ambiguous
        self.letters: set[str] = letters
        self.inline_interest: tuple[int, int] | None = inline_interest

    @property
    def misspellings(self) -> list[BasisMention]:
        return [m for m in self.mentions if m.form == "misspelling"]

    @property
    def problems(self) -> list[Citation]:
        return [c for c in self.citations if c.problem]

    @property
    def interest_text(self) -> str | None:
        if self.inline_interest is None:
            return None
        return self.text[self.inline_interest[0] : self.inline_interest[1]]

    def __repr__(self) -> str:
        return (f"BasisReading(letters={sorted(self.letters)}, mentions={self.mentions}, "
                f"citations={self.citations}, misnomers={self.misnomers}, ambiguous={self.ambiguous})")


_WORD = re.compile(r"[^\W\d_]+(?:[" + _JOINER_CHARS + r"][^\W\d_]+)*")
_PAIR_AFTER = re.compile(r"[\s(\[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb:,\u2013-]*")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z])|;")
_ITEM = re.compile(r"[^,;\n]+")  # "rechtsgrond b voor de levering, rechtsgrond f voor ..."
# a short qualifier in brackets inside a name, read past as blank ("wettelijke (fiscale) plicht")
_QUALIFIER = re.compile(r"(?<=[^\W\d_]) \([^\W\d_]+(?: [^\W\d_]+)?\)(?= [^\W\d_])")
_LONE_LETTER = re.compile(r"(?<!\w)([a-f])(?![\w\u2010-])", re.IGNORECASE)


class LawfulBases:
    """Reads lawful-basis values: names, misspellings, citations, misnomers, inline interests."""

    def __init__(self, vocab: Vocabularies):
        self._vocab = vocab
        data = vocab.data("lawful_bases")
        self.bases: dict[str, Mapping[str, Any]] = {b["letter"]: b for b in data["bases"]}
        self._reading = vocab.terms("lawful_basis_reading")
        notation = data["letter_notation"]
        # a basis written by its letters of Art. 6(1) alone, after the lead word (if any): "c", "a en b", "(b)"
        self._basis_letters = re.compile(
            r"[ \t]*:?[ \t]*\(?[ \t]*([a-f])[ \t]*\)?(?![\w\u2010-])"
            r"((?:[ \t]*(?:,|/|&|\+|\b(?:" + words_pattern(notation["joiners"]) + r")\b)[ \t]*"
            r"(?:(?:" + words_pattern(notation["point_words"]) + r")[ \t]*)?\(?[ \t]*[a-f][ \t]*\)?(?![\w\u2010-]))*)",
            re.IGNORECASE)
        # what may follow letters written without a lead word: the end, a bracket or the next item
        # ("b (overeenkomst)", "c, e"), the GDPR; not "a. naam" or "b) uw adres", the enumeration of a statement
        self._after_letters = re.compile(r"[ \t]*(?:$|\.[ \t]*$|[(,;]|(?:(?:" + words_pattern(notation["law_leads"])
                                         + r") )?(?:" + words_pattern(notation["laws"]) + r")\b)", re.IGNORECASE)
        self._connector = re.compile(r"[ \t]*,?[ \t]*(?:" + words_pattern(data["inline_interest_connectors"])
                                     + r")[ \t:]*", re.IGNORECASE)
        # between a name and its citation: "Toestemming conform art. 6 lid 1 sub a", "consent (i.e. Art. 6(1)(a))"
        self._pair_before = re.compile(r"[\s(\[,:;\u2013\u2014-]*(?:(?:" + words_pattern(data["citation_links"], r"\s+")
                                       + r")\s*)?[\s(\[]*", re.IGNORECASE)
        fz = data.get("fuzzy") or {}
        self._fuzzy_min = int(fz.get("min_length", 9))
        self._fuzzy_short_min = int(fz.get("short_min_length", 5))
        self._fuzzy_two_from = int(fz.get("two_edits_from_length", 14))
        self._fuzzy_note = fz.get("note")
        known: set[str] = {normalise(w) for w in fz.get("ignore", ())}
        content: set[str] = set()
        for entry in self._reading.entries:
            for key in ("canonical", "variants", "misspellings", "terms"):
                for t in entry.get(key, ()) or ():
                    term = t["term"] if isinstance(t, Mapping) else t
                    for v in _expand_options(term.strip("=*").replace("*", ""), "fuzzy"):
                        for w in normalise(v).split():
                            if w.isalpha():
                                known.add(w)
                                if key in ("canonical", "variants") and len(w) >= self._fuzzy_short_min:
                                    content.add(w)
        self._known = known
        self._content_index: dict[str, list[str]] = {}
        for w in sorted(content):
            self._content_index.setdefault(w[0], []).append(w)

    @functools.cached_property
    def official_words(self) -> frozenset[str]:
        """The words of the official wording of Art. 6(1) (nl, en) and plain joining words (AVG204)."""
        return frozenset(w for e in self._vocab.data("lawful_bases").get("official_wording") or ()
                         for w in re.findall(r"[^\W\d_]+", normalise(e.get("text", ""))))

    def canonical(self, letter: str, lang: str = "nl") -> str:
        b = self.bases[letter]
        return b["canonical_nl"] if lang == "nl" else b["canonical_en"]

    def message_name(self, letter: str, lang: str = "nl") -> str:
        """The basis as a finding's message names it mid-sentence ('Toestemming', 'consent')."""
        return self.bases[letter]["message_nl" if lang == "nl" else "message_en"]

    def read(self, text: str, fuzzy: bool = True) -> BasisReading:
        """Read a value. ``fuzzy=False`` skips edit-distance misspelling detection (use it on long prose).

        Readings are remembered per text: treat them as read-only."""
        return self._fuzzy_reading(text) if fuzzy else self._plain_reading(text)

    @reading(reader=0)
    def _fuzzy_reading(self, text: str) -> BasisReading:
        return self._read(text, True)

    @reading(reader=0)
    def _plain_reading(self, text: str) -> BasisReading:
        return self._read(text, False)

    def _read(self, text: str, fuzzy: bool) -> BasisReading:
        citations = self._vocab.citations(text)
        cit_spans = [(c.start, c.end) for c in citations]
        mentions: list[BasisMention] = []
        misnomers: list[Misnomer] = []
        ambiguous: list[AmbiguousBasis] = []
        for tm in self._reading.find(_QUALIFIER.sub(lambda m: " " * len(m.group()), text)):
            e, written = tm.entry, text[tm.start:tm.end]
            kind = e.get("kind")
            if kind == "basis":
                mentions.append(self._mention(e, tm.start, tm.end, written, tm.term))
                continue
            if any(s <= tm.start and tm.end <= t for s, t in cit_spans):
                continue  # "AVG" inside "art. 6.1.f AVG"
            if kind == "misnomer":
                misnomers.append(Misnomer(e.get("id"), tm.start, tm.end, written, tm.term, e.get("suggest"),
                                          e.get("note")))
            elif kind == "ambiguous":
                ambiguous.append(AmbiguousBasis(e.get("id"), tm.start, tm.end, written, tm.term,
                                                tuple(e.get("candidates") or ()), e.get("note")))
        if fuzzy:
            exact = cit_spans + [(m.start, m.end) for m in mentions]
            skip = exact + [(m.start, m.end) for m in misnomers] + [(a.start, a.end) for a in ambiguous]
            found = self._fuzzy(text, skip, exact)
            if found:
                mentions.extend(found)
                mentions.sort(key=lambda m: m.start)
                # "belang" read as ambiguous inside "Gerechtvaardgd belang" is part of the misspelling
                misnomers = [x for x in misnomers if not any(f.start <= x.start and x.end <= f.end for f in found)]
                ambiguous = [x for x in ambiguous if not any(f.start <= x.start and x.end <= f.end for f in found)]
        citations = citations + self._letters(text, [(c.start, c.end) for c in citations] +
                                              [(m.start, m.end) for m in mentions])
        self._pair(text, mentions, citations)
        letters = {m.letter for m in mentions} | {c.letter for c in citations if c.letter}
        interest = self._inline_interest(text, mentions, citations)
        return BasisReading(text, mentions, citations, misnomers, ambiguous, letters, interest)

    def _letters(self, text: str, cited: list[tuple[int, int]]) -> list[Citation]:
        """A value that writes the basis by its letters of Art. 6(1) alone ("Grondslag c", "rechtsgrond a en b",
        "sub b", "b"; each item of "rechtsgrond b, rechtsgrond f"), read as citations of Art. 6(1); after a lead
        word, anything may follow the letters (the purpose it covers, the statute). A letter inside a citation
        or a name already read (``cited``: "artikel 8, onder f, van de Wbp") belongs to it."""
        found = []
        for item in _ITEM.finditer(text):
            pos = item.start() + len(item.group()) - len(item.group().lstrip())
            lead = self._vocab.terms("basis_letter_leads").match(text, pos)
            letters = self._basis_letters.match(text, lead.end if lead else pos, item.end())
            if letters is None or (lead is None and not self._after_letters.match(text, letters.end())) or \
                    any(s <= letters.start(1) < e for s, e in cited):
                continue
            start, end = letters.start(1), letters.end()
            for letter in [letters.group(1), *_LONE_LETTER.findall(letters.group(2))]:
                c = Citation("6", "1", letter.lower(), None, None, start, end, text[start:end])
                c.is_lawful_basis, c.letter = True, letter.lower()
                found.append(c)
        return found

    def _mention(self, e, start, end, text, term, distance=0, form=None, note=None) -> BasisMention:
        return BasisMention(e["letter"], start, end, form or e.get("form", "variant"), e.get("canonical_nl"),
                            e.get("canonical_en"), text, note if note is not None else e.get("note"), term,
                            distance, e.get("id"))

    # -- edit distance -------------------------------------------------------------------------

    @reading(reader=0)  # the same words come back in value after value
    def _closest(self, token: str) -> tuple[str, int] | None:
        """The basis word a token is a near-miss of, with the distance; None for known or far words."""
        w = normalise(token)
        if " " in w or not w or w in self._known or _uninflect(w, self._known):
            return None
        best: list[tuple[int, str]] = []
        for cand in self._content_index.get(w[0], ()):
            short = len(cand) < self._fuzzy_min
            if short and len(w) >= self._fuzzy_min:
                continue
            limit = 1 if short or len(cand) < self._fuzzy_two_from else 2
            d = damerau_levenshtein(w, cand, limit)
            if d <= limit:
                best.append((d, cand))
        if not best:
            return None
        best.sort()
        if len(best) > 1 and best[1][0] == best[0][0]:
            return None  # two equally close words: do not guess
        return best[0][1], best[0][0]


    def _fuzzy(self, text: str, covered: list[tuple[int, int]], exact: list[tuple[int, int]]) -> list[BasisMention]:
        corrections: list[tuple[int, int, str, int, bool]] = []
        for wm in _WORD.finditer(text):
            s, e = wm.span()
            if e - s < self._fuzzy_short_min or any(a < e and s < b for a, b in covered):
                continue
            hit = self._closest(wm.group())
            if hit is not None:
                corrections.append((s, e, hit[0], hit[1], len(hit[0]) < self._fuzzy_min))
        if not corrections:
            return []
        # rebuild the text with the corrections and read it again
        pieces: list[str] = []
        segs: list[tuple[int, int, int, int]] = []  # corrected start/end -> original start/end
        last = 0
        c = 0
        for s, e, cand, _d, _short in corrections:
            pieces.append(text[last:s])
            c += s - last
            pieces.append(cand)
            segs.append((c, c + len(cand), s, e))
            c += len(cand)
            last = e
        pieces.append(text[last:])
        fixed = "".join(pieces)

        def to_orig(pos: int, is_end: bool) -> int:
            shift = 0
            for cs, ce, os_, oe in segs:
                if pos < cs or (is_end and pos == cs):
                    break
                if pos <= ce:
                    return oe if is_end else os_
                shift = oe - ce
            return pos + shift

        out = []
        for tm in self._reading.find(fixed):
            if tm.entry.get("kind") != "basis":
                continue
            inside = [(i, corr) for i, (seg, corr) in enumerate(zip(segs, corrections))
                      if seg[0] >= tm.start and seg[1] <= tm.end]
            if not inside:
                continue
            if all(corr[4] for _, corr in inside):
                # only short words were corrected: the phrase must also hold an exact long word
                long_ok = any(len(w.group()) >= self._fuzzy_min for w in _WORD.finditer(fixed, tm.start, tm.end)
                              if not any(seg[0] <= w.start() < seg[1] for seg in segs))
                if not long_ok:
                    continue
            os_, oe = to_orig(tm.start, False), to_orig(tm.end, True)
            if any(a < oe and os_ < b for a, b in exact):
                continue
            dist = sum(corr[3] for _, corr in inside)
            out.append(self._mention(tm.entry, os_, oe, text[os_:oe], tm.term, dist, "misspelling",
                                     self._fuzzy_note))
        return out

    # -- pairing names with citations ------------------------------------------------------------

    def _pair(self, text: str, mentions: list[BasisMention], citations: list[Citation]) -> None:
        groups: dict[tuple[int, int], list[Citation]] = {}
        for c in citations:
            if c.is_lawful_basis:
                groups.setdefault((c.start, c.end), []).append(c)
        taken: set[int] = set()  # mentions paired with a citation before them ("Art. 6(1)(b) contract; Art. 6(1)(c)")
        for (cs, ce), group in groups.items():
            cited = {c.letter for c in group}
            partner = None
            for m in mentions:
                if cs <= m.start and m.end <= ce:
                    partner = m  # artikel 6.1.f (“gerechtvaardigd belang”) van de AVG
                    break
            if partner is None:
                before = [m for m in mentions if m.end <= cs and cs - m.end <= 40 and id(m) not in taken]
                if before:
                    m = before[-1]
                    gap = self._pair_before.match(text, m.end, cs)
                    if gap and gap.end() == cs:
                        partner = m
            if partner is None:
                after = [m for m in mentions if m.start >= ce and m.start - ce <= 6]
                if after:
                    m = after[0]
                    gap = _PAIR_AFTER.match(text, ce, m.start)
                    if gap and gap.end() == m.start:
                        partner = m
                        taken.add(id(m))
            if partner is not None and partner.letter not in cited:
                for c in group:
                    if c.problem is None:
                        c.problem = "contradicts-name"

    # -- inline interest -------------------------------------------------------------------------

    def _inline_interest(self, text: str, mentions: list[BasisMention], citations: list[Citation]) -> tuple[int, int] | None:
        anchors = sorted([(m.start, m.end) for m in mentions if m.letter == "f"]
                         + [(c.start, c.end) for c in citations if c.letter == "f"])
        if not anchors:
            return None
        spans = sorted({(m.start, m.end) for m in mentions} | {(c.start, c.end) for c in citations})
        n = len(text)
        for _s, e in anchors:
            pos = e
            while True:
                while pos < n and text[pos] in " \t\r\n\u00a0":
                    pos += 1
                nxt = next((sp for sp in spans if sp[0] == pos and sp[1] > pos), None)
                if nxt is not None:
                    pos = nxt[1]
                    continue
                if pos < n and text[pos] in "([":
                    close = text.find(")" if text[pos] == "(" else "]", pos + 1, pos + 160)
                    if close < 0:
                        break
                    inner = (pos + 1, close)
                    if any(a < inner[1] and inner[0] < b for a, b in spans):
                        pos = close + 1  # a citation or name in brackets: skip it
                        continue
                    st, en = _trim(text, inner[0], inner[1])
                    if any(ch.isalpha() for ch in text[st:en]):
                        return st, en
                    pos = close + 1
                    continue
                if pos < n and text[pos] in ")]\"'\u201d\u2019":
                    pos += 1
                    continue
                break
            start = None
            if pos < n and (text[pos] in "\u2013\u2014:" or (text[pos] == "-" and (
                    pos + 1 >= n or text[pos + 1].isspace() or (pos > 0 and text[pos - 1].isspace())))):
                start = pos + 1
            else:
                cm = self._connector.match(text, pos)
                if cm:
                    start = cm.end()
            if start is None:
                continue
            stop = n
            sm = _SENTENCE_END.search(text, start)
            if sm:
                stop = sm.start() + (1 if text[sm.start()] in ".!?" else 0)
            restated = False
            for a, b in spans:
                if start < a < stop:
                    stop, restated = a, (a, b) in anchors
                    break
            if restated:
                continue  # "Legitimate Interests: where processing is necessary for our legitimate interests": a definition
            st, en = _trim(text, start, stop)
            if any(ch.isalpha() for ch in text[st:en]):
                return st, en
        return None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\r\n\u00a0":
        s += 1
    while e > s and text[e - 1] in " \t\r\n\u00a0,;":
        e -= 1
    return s, e


def _uninflect(w: str, known: set[str]) -> bool:
    for suf in ("en", "e", "s", "n", "'s"):
        if w.endswith(suf) and w[: -len(suf)] in known:
            return True
    return False
