"""Reading article citations (``art. 6 lid 1 sub b AVG``) and judging what they cite."""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

LETTERS = ("a", "b", "c", "d", "e", "f")
from .terms import TermSet

_ANCHOR = re.compile(
    r"(?:(?<![\w])(?P<kw>artikelen|artikel|articles|article|artt\.|art\.|art\b)[ \t\u00a0]*(?=\d)"
    r"|(?<![\w.,:/\u2010-])(?=\d{1,2}[ \t]*(?:[.(]|lid\b|,[ \t]*\w+[ \t]+lid\b|(?:abs|para)\b)))",
    re.IGNORECASE,
)
_ARTNUM = re.compile(r"(\d{1,3}[a-z]?)(?::(\d{1,4}[a-z]?))?(?![\w])", re.IGNORECASE)
_PAR_DOT = re.compile(r"\.[ \t]?(\d{1,2})(?!\d|[.,]\d)")
_PAR_PAREN = re.compile(r"[ \t]*\([ \t]*(\d{1,2})[ \t]*\)")
_PT_DOT = re.compile(r"\.?[ \t]?([a-k])(?![\w\u2010-])", re.IGNORECASE)
_PT_PAREN = re.compile(r"[ \t]*\([ \t]*([a-k])[ \t]*\)", re.IGNORECASE)
_PT_WORD = re.compile(
    r"[ \t]*,?[ \t]*(?:aanhef[ \t]+en[ \t]+)?(?:sub|onder|onderdeel|letter|lit\.?|litera|punt|point|under)"
    r"[ \t]*\(?[ \t]*([a-k])[ \t]*\)?(?![\w\u2010-])",
    re.IGNORECASE,
)
_PT_BARE = re.compile(r"[ \t]?([a-k])\)?(?![\w\u2010-])", re.IGNORECASE)
_PT_MORE = re.compile(
    r"[ \t]*(?:,|/|&|\ben/of\b|\ben\b|\bof\b|\band\b|\bor\b|\bund\b|\boder\b)[ \t]*"
    r"(?:(?:sub|onder|lit\.?|punt|letter|point)[ \t]*)?\(?[ \t]*([a-k])[ \t]*\)?(?![\w\u2010-])",
    re.IGNORECASE,
)
_ART_MORE = re.compile(r"[ \t]*(?:,|\ben\b|\bof\b|\bt/m\b|\btot en met\b|\band\b)[ \t]*(\d{1,3})(?![\w.:])",
                       re.IGNORECASE)
_PARENTHETICAL = re.compile(r"[ \t]*\([^()\n]{0,80}\)")
_LAW_LEAD = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:van|uit)[ \t]+(?:de|het)[ \t]+|der[ \t]+|of[ \t]+the[ \t]+|of[ \t]+|de[ \t]+)?",
    re.IGNORECASE,
)
_LAW_PREFIX = re.compile(r"\b(AVG|GDPR|DSGVO|UAVG|Wbp)[ \t]*[-,]?[ \t]*$", re.IGNORECASE)


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


def _words(words: Sequence[str]) -> str:
    """An alternation of the words, the longest first (so "para." is tried before "para")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _CitationParser:
    def __init__(self, statutes: TermSet, non_basis: Sequence[Mapping[str, Any]], repealed: set[str],
                 gdpr_codes: set[str], words: Mapping[str, Any]):
        """``words``: citations.yaml (paragraph, ordinal and sentence words)."""
        self.statutes = statutes
        self.non_basis = non_basis
        self.repealed = repealed
        self.gdpr_codes = gdpr_codes
        self.ordinals = {word.lower(): str(number) for word, number in words["ordinals"].items()}
        self.par_word = re.compile(r"[ \t]*,?[ \t]*(?:" + _words(words["paragraph_words"]) + r")[ \t]*(\d{1,2})(?!\d)",
                                   re.IGNORECASE)
        self.par_ord = re.compile(r"[ \t]*,?[ \t]*(" + _words(list(words["ordinals"])) + r")[ \t]+(?:"
                                  + _words(words["ordinal_paragraph_words"]) + r")\b", re.IGNORECASE)
        self.sentence = re.compile(r"[ \t]*,?[ \t]*(?:" + _words(words["sentence_words"]) + r")[ \t]*\d{1,2}(?!\d)",
                                   re.IGNORECASE)

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
            rxs = [_PT_PAREN, _PT_WORD]
            if dotted:
                rxs.insert(0, _PT_DOT)
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
                    pm = _PT_MORE.match(text, p)
                    if pm is None:
                        break
                    points.append(pm.group(1).lower())
                    p = pm.end()
            specs.append((article, paragraph, points))
            if kw:  # "artikelen 15 en 20", also "Art. 15 and 20 GDPR"
                am = _ART_MORE.match(text, p)
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
            lm = _LAW_LEAD.match(text, q)
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
            pm = _LAW_PREFIX.search(text, max(0, start - 12), start)
            if pm:
                law = pm.group(1).upper() if pm.group(1).lower() != "wbp" else "Wbp"
                start = pm.start(1)
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
