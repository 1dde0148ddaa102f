"""Clauses, negation, conditions and word order: the one reader every rule family asks.

A rule that finds words in a text asks this reader what those words mean where they
stand: are they negated in their clause ("geen BSN", "Persoonsgegevens worden op geen
enkel moment naar een land buiten de EU gestuurd", "we do not transfer"), do they stand
in a conditional clause ("wanneer wij daartoe wettelijk verplicht zijn", "if required by
law"), is the clause in Dutch inverted word order ("Door het formulier te versturen geeft
u toestemming")? The marks that end a clause, the words that negate, and how far a
negation reaches (in words) are data in ``rules/vocab/clauses.yaml``.

Usage::

    reader = clauses.reader(vocab)
    reader.negated(text, match.start, match.end)      # bool
    reader.negation(text, start, end)                 # the negating TermMatch, or None
    reader.affirmed("special_categories", text)       # matches of a term list not negated
    reader.condition(text, start, end)                # the conditional marker, or None
    reader.inverted(text, start, end)                 # finite verb before its subject pronoun
    reader.subject_order(text)                        # same text, "geeft u" -> "u geeft"
    reader.clause(text, start, end)                   # (start, end) of the clause around
    reader.split(text)                                # every clause of a text

A negation governs words in its own clause only, up to a contrast word ("geen
nieuwsbrief, maar wel remarketing"), and only within the window: it may stand before
the words ("geen gegevens door aan landen buiten de EER") or, for "niet", "nooit", "not"
and the like, after them ("… worden niet doorgegeven"). A negation joined by a hyphen to
a word ("niet-klanten") negates that word alone.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from .readings import reading
from .vocab import TermMatch, TermSet

__all__ = ["ClauseReader", "reader"]

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


class _Marks(NamedTuple):
    before: re.Pattern      # a clause before a match starts after the last of these
    after: re.Pattern       # a clause after a match ends at the first of these


def _marks(data) -> _Marks:
    marks = data["marks"]
    abbreviations = sorted(data.get("abbreviations") or (), key=len, reverse=True)
    # a full stop ends a clause before white space or the end, not after an abbreviation or one letter
    # (the stop first, then what stands before it: a lookbehind tried at every character is slow)
    not_abbreviation = "".join(f"(?<!\\b{re.escape(a)}\\.)" for a in abbreviations)
    single_letter = r"(?<!\b[^\W\d_]\.)"
    stop = rf"\.{single_letter}{not_abbreviation}(?=\s|$)"
    dash = "|".join(re.escape(d) for d in marks.get("dash") or ())
    dash_part = rf"|(?<=\s)(?:{dash})(?=\s)" if dash else ""

    def pattern(chars: Iterable[str]) -> re.Pattern:
        others = "".join(re.escape(c) for c in chars if c != ".")
        parts = [f"[{others}]"] if others else []
        if "." in chars:
            parts.append(stop)
        return re.compile("|".join(parts) + dash_part)

    return _Marks(pattern(marks["voor"]), pattern(marks["na"]))


class ClauseReader:
    """Reads clauses of one vocabulary set (see the module docstring)."""

    def __init__(self, vocab):
        self.vocab = vocab
        data = vocab.data("clauses")
        self._marks = _marks(data)
        windows = data["windows"]
        self._before_window = int(windows["negation_before"])
        self._after_window = int(windows["negation_after"])
        self._negations = vocab.terms("negation_cues")
        self._contrast = vocab.terms("contrast_words")
        self._openers = vocab.terms("clause_openers")
        self._conditions = vocab.terms("condition_markers")
        self._pronouns = frozenset(p.casefold() for p in data["subject_pronouns"])
        self._function_words = frozenset(w.casefold() for w in data["function_words"])

    # -- clauses ---------------------------------------------------------------------------------

    def clause_start(self, text: str, start: int) -> int:
        """Where the clause holding ``text[start]`` begins (after the last clause mark before it)."""
        last = 0
        for mark in self._marks.before.finditer(text, 0, start):
            last = mark.end()
        return last

    def clause_end(self, text: str, end: int) -> int:
        """Where the clause holding ``text[end - 1]`` ends (at the first clause mark from ``end``)."""
        mark = self._marks.after.search(text, end)
        return mark.start() if mark else len(text)

    def clause(self, text: str, start: int, end: int | None = None) -> tuple[int, int]:
        """(start, end) of the clause around ``text[start:end]``; marks inside the words are ignored."""
        return self.clause_start(text, start), self.clause_end(text, start if end is None else end)

    def split(self, text: str) -> list[tuple[int, int]]:
        """Every clause of ``text`` as (start, end), without surrounding white space, in order."""
        cuts = sorted({m.end() for m in self._marks.before.finditer(text)} |
                      {m.start() for m in self._marks.after.finditer(text)})
        found = []
        position = 0
        for cut in [*cuts, len(text)]:
            segment = text[position:cut]
            words = list(_WORD.finditer(segment))
            if words:
                found.append((position + words[0].start(), position + words[-1].end()))
            position = max(position, cut)
        return found

    def _reach_before(self, text: str, start: int) -> int:
        """The start of what a negation before ``start`` may govern: the clause, after a contrast word."""
        begin = self.clause_start(text, start)
        for word in self._contrast.find(text):
            if begin <= word.start and word.end <= start:
                begin = word.end
        return begin

    def _reach_after(self, text: str, end: int) -> int:
        """The end of what a negation after ``end`` may take back: the clause, up to a contrast word
        or a word that opens a subordinate clause ("sollicitanten die niet zijn aangenomen")."""
        stop = self.clause_end(text, end)
        for words in (self._contrast, self._openers):
            for word in words.find(text):
                if end <= word.start < stop:
                    stop = word.start
                    break
        return stop

    # -- negation --------------------------------------------------------------------------------

    def negation(self, text: str, start: int, end: int, extra: TermSet | None = None) -> TermMatch | None:
        """The word that negates ``text[start:end]`` in its clause, or None.

        ``extra`` is a term list of a family's own take-back words (entries with ``plaats``
        voor, na or beide), read with the same clauses and windows: "Privacy Shield (vervallen)".
        """
        for cues in (self._negations, extra) if extra is not None else (self._negations,):
            found = self._negation(cues, text, start, end)
            if found is not None:
                return found
        return None

    def _negation(self, cues: TermSet, text: str, start: int, end: int) -> TermMatch | None:
        matches = cues.find(text)
        if not matches:
            return None
        begin = self._reach_before(text, start)
        for cue in matches:
            if cue.start <= start < cue.end:             # "niet-medische": the negation starts the words
                if text[cue.end:cue.end + 1] == "-" and cue.entry.get("plaats") != "na":
                    return cue
                continue
            if not (begin <= cue.start and cue.end <= start) or cue.entry.get("plaats") == "na":
                continue
            if cue.entry.get("plaats") == "zin":       # "geen gegevens": nothing at all is done in the clause
                return cue
            if _joined(text, cue.end):
                if cue.end + 1 == start:                # "niet-gepersonaliseerde advertenties"
                    return cue
                continue                                # "niet-klanten ontvangen de nieuwsbrief"
            if _count_words(text, cue.end, start) <= self._before_window:
                return cue
        for cue in matches:                              # a lead over a list: "het voorkomen van diefstal, inbraak"
            if cue.entry.get("lijst") and cue.end <= start and self._listed(text, cue, start):
                return cue
        stop = self._reach_after(text, end)
        comment = _comment_after(text, end)
        for cue in matches:
            if cue.start < end or cue.entry.get("plaats") in ("voor", "zin") or _joined(text, cue.end):
                continue
            if cue.end <= stop and _count_words(text, end, cue.start) <= self._after_window:
                return cue
            # a bracket or colon right after the words comments on them: "Privacy Shield (vervallen)",
            # "Cameratoezicht: nee", "Camerabeelden: niet bewaard" (a take-back word, or a negation that
            # opens the comment), not "Recht op rectificatie: kloppen uw gegevens niet"
            if comment is not None and comment[0] <= cue.start and cue.end <= comment[1]:
                gap = _count_words(text, comment[0], cue.start)
                if (cue.entry.get("plaats") == "na" and gap <= self._after_window) or gap == 0:
                    return cue
        return None

    def _listed(self, text: str, cue: TermMatch, start: int) -> bool:
        """Whether the words at ``start`` are a later item of a list that ``cue`` leads: only commas
        stand between them, each item within the window, and no contrast word ("het voorkomen van
        diefstal, inbraak en vandalisme"; not "…, maar wel camerabeelden")."""
        if any(cue.end <= word.start and word.end <= start for word in self._contrast.find(text)):
            return False
        *items, last = text[cue.end:start].split(",")
        if not items or any(self._marks.before.search(item) for item in (*items, last)):
            return False
        return all(1 <= _count_words(item, 0, len(item)) <= self._before_window for item in items) \
            and _count_words(last, 0, len(last)) <= self._before_window

    def negated(self, text: str, start: int, end: int, extra: TermSet | None = None) -> bool:
        """Whether ``text[start:end]`` is negated in its clause (see ``negation``)."""
        return self.negation(text, start, end, extra) is not None

    def affirmed(self, termset: str, text: str) -> list[TermMatch]:
        """The matches of a term list in ``text`` that are not negated."""
        return [m for m in self.vocab.terms(termset).find(text) if not self.negated(text, m.start, m.end)]

    # -- conditions and word order ---------------------------------------------------------------

    def condition_after(self, text: str, start: int) -> TermMatch | None:
        """The first marker of a conditional clause after ``start`` ("verstrekt uitsluitend aan derden en alleen
        als dit nodig is"), or None."""
        return next((marker for marker in self._conditions.find(text) if marker.start >= start), None)

    def condition(self, text: str, start: int, end: int) -> TermMatch | None:
        """The marker of the conditional clause ``text[start:end]`` stands in ("wanneer", "indien",
        "if"), or None. The marker stands before the words in the same clause, or opens the
        clause just before it ("Indien de wet dat vereist, geven wij ...")."""
        begin = self.clause_start(text, start)
        markers = self._conditions.find(text)
        for marker in markers:
            if begin <= marker.start and marker.end <= start:
                return marker
        if begin > 0 and text[begin - 1] == ",":
            previous = self.clause_start(text, begin - 1)
            for marker in markers:
                if marker.start == _first_word(text, previous):
                    return marker
        return None

    def inverted(self, text: str, start: int, end: int) -> bool:
        """Whether the clause of ``text[start:end]`` has its finite verb before the subject pronoun,
        up to the end of the words: "geeft u toestemming", "Door … te versturen geeft u"."""
        begin = self.clause_start(text, start)
        return any(verb_start >= begin and pronoun_end <= max(end, start)
                   for verb_start, _, pronoun_end in self._inversions(text))

    def subject_order(self, text: str) -> str:
        """``text`` with each inverted finite verb and subject pronoun swapped ("geeft u" -> "u geeft").

        The result has the same length and every other character in place, so a term list
        written in subject-first order ("u geeft toestemming") finds both orders at offsets
        that hold for ``text``.
        """
        if not any(p in text.casefold() for p in self._pronouns):
            return text
        out = text
        for verb_start, pronoun_start, pronoun_end in self._inversions(text):
            verb = text[verb_start:pronoun_start].rstrip()
            pronoun = text[pronoun_start:pronoun_end]
            gap = text[verb_start + len(verb):pronoun_start]
            if pronoun[:1].isupper() or verb[:1].isupper():   # keep a capital at the start of the clause
                swapped = pronoun[:1].upper() + pronoun[1:] + gap + verb[:1].lower() + verb[1:]
            else:
                swapped = pronoun + gap + verb
            out = out[:verb_start] + swapped + out[pronoun_end:]
        return out

    def _inversions(self, text: str) -> list[tuple[int, int, int]]:
        """(verb start, pronoun start, pronoun end) of each finite verb directly followed by a subject pronoun."""
        words = list(_WORD.finditer(text))
        found = []
        for previous, word in zip(words, words[1:]):
            if word.group().casefold() not in self._pronouns:
                continue
            if text[previous.end():word.start()].strip():   # only white space between
                continue
            verb = previous.group().casefold()
            if verb in self._function_words or verb in self._pronouns or not verb.isalpha():
                continue
            found.append((previous.start(), word.start(), word.end()))
        return found


def _joined(text: str, position: int) -> bool:
    """A hyphen joins the word ending at ``position`` to the next word ("niet-klanten")."""
    return text[position:position + 1] == "-" and text[position + 1:position + 2].isalnum()


def _count_words(text: str, start: int, end: int) -> int:
    return sum(1 for _ in _WORD.finditer(text, start, end)) if end > start else 0


def _comment_after(text: str, end: int) -> tuple[int, int] | None:
    """(start, end) of a comment right after ``end``: the inside of a bracket ("Privacy Shield
    (vervallen)") or what follows a colon ("Cameratoezicht: nee"), or None."""
    position = end
    while position < len(text) and text[position] in " \t":
        position += 1
    if position >= len(text) or text[position] not in "([:":
        return None
    close = {"(": ")", "[": "]", ":": "\n"}[text[position]]
    stop = text.find(close, position + 1)
    return position + 1, len(text) if stop < 0 else stop


def _first_word(text: str, position: int) -> int:
    word = _WORD.search(text, position)
    return word.start() if word else -1


@reading(reader=None)
def reader(vocab) -> ClauseReader:
    """The clause reader of a vocabulary set (one per set)."""
    return ClauseReader(vocab)
