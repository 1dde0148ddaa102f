"""Reading article citations (``art. 6 lid 1 sub b AVG``) and judging what they cite."""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

LETTERS = ("a", "b", "c", "d", "e", "f")
from .fold import words_pattern
from .terms import TermSet

_ANCHOR = re.compile(
    r"(?:(?<![\w])(?P<kw>artikelen|artikel|articles|article|artt\.|art\.|art\b)[ \t\u00a0]*(?=\d)"
    r"|(?<![\w.,:/\u2010-])(?=\d{1,2}[ \t]*(?:[.(]|lid\b|,[ \t]*\w+[ \t]+lid\b|(?:abs|para)\b)))",
    re.IGNORECASE,
)
# An article number: "6", "7:658a" (a book or chapter and its article), or "2.3.2" (three levels or more: the
# numbering of a statute by chapter and section, Wmo 2015, Jeugdwet; never the GDPR's, whose "6.1.c" ends in a letter).
_ARTNUM = re.compile(r"(\d{1,3}[a-z]?)(?::(\d{1,4}[a-z]?)|((?:\.\d{1,3}[a-z]?){2,}))?(?![\w])", re.IGNORECASE)
_GAP_BEFORE = re.compile(r"[ \t]*[,(]?[ \t]*")  # between a statute's name and an article cited of it
_PAR_DOT = re.compile(r"\.[ \t]?(\d{1,2})(?!\d|[.,]\d)")
_PAR_PAREN = re.compile(r"[ \t]*\([ \t]*(\d{1,2})[ \t]*\)")
_PT_DOT = re.compile(r"\.?[ \t]?([a-k])(?![\w\u2010-])", re.IGNORECASE)
_PT_PAREN = re.compile(r"[ \t]*\([ \t]*([a-k])[ \t]*\)", re.IGNORECASE)
_PT_BARE = re.compile(r"[ \t]?([a-k])\)?(?![\w\u2010-])", re.IGNORECASE)
_PT_GLUED = re.compile(r"([a-k])(?![\w\u2010-])", re.IGNORECASE)  # "lid 2h": the letter right after the number
# "lid 2 h": a letter alone after a space (not "lid 1 e.v.", "i.v.m.")
_PT_SPACED = re.compile(r"[ \t]+([a-k])(?=[ \t,;:)/]|\.(?!\w)|$)", re.IGNORECASE | re.MULTILINE)
_PARENTHETICAL = re.compile(r"[ \t]*\([^()\n]{0,80}\)")


class Citation:
    """A reference to an article (``art. 6 lid 1 sub f AVG``, ``6(1)(f)``, ``art. 52 AWR``, ...).

    ``law`` is 'AVG', 'GDPR', 'DSGVO', 'UAVG', 'Wbp' or None (not said, or another
    statute, then named in ``other_law``). ``letter`` is the Art. 6(1) letter when
    ``is_lawful_basis``. ``problem`` is None, 'repealed-law', 'not-a-basis' or
    'contradicts-name' (set by LawfulBases.read when a named basis disagrees).
    One written citation of several points ("sub a, b en f") gives one Citation per
    point, all with the same span.
    """

    __slots__ = ("article", "paragraph", "point", "law", "other_law", "start", "end", "text",
                 "is_lawful_basis", "letter", "problem")

    def __init__(self, article, paragraph, point, law, other_law, start, end, text):
        self.article: str = article
        self.paragraph: str | None = paragraph
        self.point: str | None = point
        self.law: str | None = law
        self.other_law: str | None = other_law
        self.start: int = start
        self.end: int = end
        self.text: str = text
        self.is_lawful_basis: bool = False
        self.letter: str | None = None
        self.problem: str | None = None

    @property
    def provision(self) -> str:
        """The cited provision in the compact form ``6(1)(f)``."""
        s = self.article
        if self.paragraph:
            s += f"({self.paragraph})"
        if self.point:
            s += f"({self.point})"
        return s

    def __repr__(self) -> str:
        law = self.law or self.other_law or "-"
        return f"Citation({self.provision} {law} [{self.start}:{self.end}] problem={self.problem})"


class _CitationParser:
    def __init__(self, statutes: TermSet, non_basis: Sequence[Mapping[str, Any]], repealed: set[str],
                 gdpr_codes: set[str], codes: set[str], words: Mapping[str, Any]):
        """``codes``: the statutes' short names (AVG, GDPR, ...); ``words``: citations.yaml."""
        self.statutes = statutes
        self.non_basis = non_basis
        self.repealed = repealed
        self.gdpr_codes = gdpr_codes
        self.codes = {code.lower(): code for code in codes}
        self.ordinals = {word.lower(): str(number) for word, number in words["ordinals"].items()}
        point = r"\(?[ \t]*([a-k])[ \t]*\)?(?![\w\u2010-])"
        point_words = words_pattern(words["point_words"])

        def compiled(pattern: str) -> re.Pattern:
            return re.compile(pattern, re.IGNORECASE)

        self.par_word = compiled(r"[ \t]*,?[ \t]*(?:" + words_pattern(words["paragraph_words"]) + r")[ \t]*(\d{1,2})(?!\d)")
        self.par_ord = compiled(r"[ \t]*,?[ \t]*(" + words_pattern(words["ordinals"]) + r")[ \t]+(?:"
                                + words_pattern(words["ordinal_paragraph_words"]) + r")\b")
        self.sentence = compiled(r"[ \t]*,?[ \t]*(?:" + words_pattern(words["sentence_words"]) + r")[ \t]*\d{1,2}(?!\d)")
        self.pt_word = compiled(r"[ \t]*,?[ \t]*(?:(?:" + words_pattern(words["point_preambles"], r"[ \t]+")
                                + r")[ \t]+)?(?:" + point_words + r")[ \t]*" + point)
        self.pt_more = compiled(r"[ \t]*(?:,|/|&|\b(?:" + words_pattern(words["point_joiners"]) + r")\b)[ \t]*"
                                r"(?:(?:" + point_words + r")[ \t]*)?" + point)
        self.art_more = compiled(r"[ \t]*(?:,|\b(?:" + words_pattern(words["article_joiners"], r"[ \t]+")
                                 + r")\b)[ \t]*(\d{1,3})(?![\w.:])")
        self.law_lead = compiled(r"[ \t]*,?[ \t]*(?:(?:" + words_pattern(words["law_leads"], r"[ \t]+") + r")[ \t]+)?")
        self.law_prefix = compiled(r"\b(" + words_pattern(codes) + r")[ \t]*[-,]?[ \t]*$")

    def parse(self, text: str) -> list[Citation]:
        out: list[Citation] = []
        pos = 0
        while True:
            m = _ANCHOR.search(text, pos)
            if m is None:
                break
            got = self._parse_at(text, m)
            if got:
                out.extend(got)
                pos = got[0].end
            else:
                pos = m.end() + 1
        return out

    def _parse_at(self, text: str, m: re.Match) -> list[Citation] | None:
        kw = m.group("kw")
        p = m.end()
        specs: list[tuple[str, str | None, list[str]]] = []
        while True:
            a = _ARTNUM.match(text, p)
            if a is None:
                break
            article = a.group(1) if a.group(2) is None else f"{a.group(1)}:{a.group(2)}"
            p = a.end()
            if a.group(3):  # a statute's own numbering: no paragraph or point of the GDPR's kind follows
                specs.append((article + a.group(3), None, []))
                break
            paragraph = None
            dotted = paren = False
            for rx, flag in ((_PAR_DOT, "dot"), (_PAR_PAREN, "paren"), (self.par_word, ""), (self.par_ord, "ord")):
                pm = rx.match(text, p)
                if pm:
                    paragraph = self.ordinals[pm.group(1).lower()] if flag == "ord" else pm.group(1)
                    dotted, paren = flag == "dot", flag == "paren"
                    p = pm.end()
                    break
            if paragraph is not None:
                sm = self.sentence.match(text, p)
                if sm:
                    p = sm.end()
            points: list[str] = []
            rxs = [_PT_PAREN, self.pt_word]
            if dotted:
                rxs.insert(0, _PT_DOT)
            elif paragraph is not None and not paren:
                rxs[:0] = [_PT_GLUED, _PT_SPACED]
            if paren:
                rxs.append(_PT_BARE)
            for rx in rxs:
                pm = rx.match(text, p)
                if pm:
                    points.append(pm.group(1).lower())
                    p = pm.end()
                    break
            if points:
                while True:
                    pm = self.pt_more.match(text, p)
                    if pm is None:
                        break
                    points.append(pm.group(1).lower())
                    p = pm.end()
            specs.append((article, paragraph, points))
            if kw:  # "artikelen 15 en 20", also "Art. 15 and 20 GDPR"
                am = self.art_more.match(text, p)
                if am:
                    p = am.start(1)
                    continue
            break
        if not specs:
            return None
        end = p
        # the law: directly after, or after a short parenthetical ("(“gerechtvaardigd belang”) van de AVG")
        law = other = None
        for skip_paren in (False, True):
            q = end
            if skip_paren:
                pm = _PARENTHETICAL.match(text, q)
                if pm is None:
                    break
                q = pm.end()
            lm = self.law_lead.match(text, q)
            q2 = lm.end() if lm else q
            sm = self.statutes.match(text, q2)
            if sm is not None:
                code = sm.entry.get("code")
                if code:
                    law = code
                else:
                    other = sm.text
                end = sm.end
                break
        start = m.start()
        if kw is not None and law is None and other is None:
            pm = self.law_prefix.search(text, max(0, start - 12), start)
            if pm:
                law = self.codes[pm.group(1).lower()]
                start = pm.start(1)
            else:  # the statute named first: "Wmo 2015, art. 2.3.2", "Participatiewet art. 11"
                other = self._statute_before(text, start)
        if law is None and other is None and any("." in article for article, _, _ in specs):
            return None  # "art. 2.3.2" of a statute not named: no article of the GDPR, and no citation to judge
        first = specs[0]
        if kw is None and not (first[1] is not None and (first[2] or law)):
            return None  # a bare number needs a paragraph and a point (6.1.f, 6(1)(f)) or a law
        cits: list[Citation] = []
        for article, paragraph, points in specs:
            for point in points or [None]:
                c = Citation(article, paragraph, point, law, other, start, end, text[start:end])
                self._judge(c)
                cits.append(c)
        return cits

    def _statute_before(self, text: str, start: int) -> str | None:
        """The name of a statute (not the GDPR's: ``law_prefix`` reads those) that ends right before ``start``."""
        window = text[max(0, start - 80):start]
        found = self.statutes.find(window)
        if not found or found[-1].entry.get("code"):
            return None
        last = found[-1]
        return last.text if _GAP_BEFORE.fullmatch(window, last.end) else None

    def _judge(self, c: Citation) -> None:
        if c.other_law is not None:
            return
        if c.law in self.repealed:
            c.problem = "repealed-law"
            return
        if c.law not in (None, *self.gdpr_codes):
            return
        # "art. 6 sub b AVG": Art. 6 has its bases only in paragraph 1
        if c.article == "6" and c.paragraph in ("1", None) and c.point in LETTERS:
            c.is_lawful_basis = True
            c.letter = c.point
            return
        for nb in self.non_basis:
            if str(nb.get("artikel")) != c.article:
                continue
            lid = nb.get("lid")
            if lid is not None and str(lid) != (c.paragraph or ""):
                continue
            exc = nb.get("behalve_lid_met_punt")
            if exc is not None and c.paragraph == str(exc) and c.point:
                continue
            c.problem = "not-a-basis"
            return
