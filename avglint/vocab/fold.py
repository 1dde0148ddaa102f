"""Folding text for matching: one character to one, so offsets into the folded copy are offsets into the
text as written (case, diacritics, hyphens, apostrophes, white space)."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from ..readings import reading

_JOINER_CHARS = "-\u00ad\u2010\u2011\u200b"  # hyphen, soft hyphen, hyphen, non-breaking hyphen, ZWSP
_APOS_CHARS = "'\u2019\u2018\u02bc`\u00b4"


def _fold_table() -> dict[int, str]:
    """One character to one character: lower case without diacritics, hyphens to '-', apostrophes to "'"."""
    table: dict[int, str] = {}
    for cp in range(0x80, 0x250):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        if len(base) == 1 and base != ch:
            table[cp] = base
    for ch, base in (("ø", "o"), ("Ø", "o"), ("đ", "d"), ("Đ", "d"), ("ł", "l"), ("Ł", "l"), ("ı", "i"),
                     ("\u0130", "i"), ("ħ", "h"), ("ŧ", "t")):
        table[ord(ch)] = base
    for ch in _JOINER_CHARS[1:]:
        table[ord(ch)] = "-"
    for ch in _APOS_CHARS[1:]:
        table[ord(ch)] = "'"
    return table


_FOLD = _fold_table()
_SEP = r"[\s-]+"  # a space in a term: white space and/or hyphens
_LB = r"(?<![^\W_])"  # not preceded by a letter or digit
_TAIL = r"(?:-?[^\W_])*"  # the rest of a compound
_FOLD_EXTRA = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "ı": "i", "ħ": "h", "ŧ": "t", "ß": "ss", "æ": "ae", "œ": "oe",
     "ĳ": "ij", "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}
)
_DROP_JOINERS = str.maketrans("", "", _JOINER_CHARS)
_WS = re.compile(r"\s+")


def words_pattern(words: Iterable[str], space: str = " ") -> str:
    """An alternation of plain words (vocabulary data, not the term syntax), the longest first so that
    "en/of" is tried before "en"; a space inside a word matches ``space``."""
    return "|".join(re.escape(w).replace(r"\ ", space) for w in sorted(words, key=len, reverse=True))


def normalise(text: str) -> str:
    """Fold ``text`` for comparison: lower case, no diacritics, no hyphens, single spaces.

    The result does not keep offsets; use it to compare values (e.g. activity names),
    never to point into a document.
    """
    s = text
    if s.isascii():  # neither marks nor letters to fold but case; of the joiners only "-" (translate is slow)
        s = s.lower().replace("`", "'").replace("-", "")
    else:  # decomposed, then without the marks
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
        s = s.lower().translate(_FOLD_EXTRA).translate(_DROP_JOINERS)
    return _WS.sub(" ", s).strip()


def _fold_1to1(s: str) -> str:
    """Fold an NFC string without changing its length (see _fold_table)."""
    return s.lower() if s.isascii() else s.translate(_FOLD).lower()


def _prepare(text: str) -> tuple[str, list[int] | None]:
    """Return text in NFC (composed) form, with a map back to original offsets when it changed.

    Only decomposed input (rare: some PDF extractions, macOS file names) pays for a copy.
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text, None
    chars: list[str] = []
    starts: list[int] = []
    for i, ch in enumerate(text):
        if chars and unicodedata.combining(ch):
            comb = unicodedata.normalize("NFC", chars[-1] + ch)
            if len(comb) == 1:
                chars[-1] = comb
                continue
        chars.append(ch)
        starts.append(i)
    starts.append(len(text))
    return "".join(chars), starts


@reading(reader=None)
def _folded(text: str) -> tuple[str, str, list[int] | None]:
    """(NFC text, its folded copy of the same length, offset map or None); read once per text,
    because the rules ask many term lists about the same value one after another."""
    src, starts = _prepare(text)
    return src, _fold_1to1(src), starts


def _unmap(starts: list[int] | None, pos: int) -> int:
    return pos if starts is None else starts[pos]
