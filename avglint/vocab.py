"""Vocabularies (rules/vocab/*.yaml) and the matching the rules do with them.

The YAML files are data: term lists, tables and dated facts. This module loads
them once (cached), merges the user's ``vocabularies:`` configuration into them,
validates the result, and compiles every named term list into one regular
expression (a trie of its terms). The expression runs on a folded copy of the
text that has the same length as the text, so every match carries offsets into
the text as written (a rule can point at the exact words).

Matching is insensitive to case, diacritics (é = e, ë = e, ï = i), hyphenation
(``e-mailadres`` = ``emailadres``, soft hyphens included) and the amount of white
space, and it knows Dutch compounds through a small term syntax (see
``rules/vocab/README.md``)::

    ras              whole word; the last word may be inflected (-e -en -s -n -'s)
    =AP              whole word exactly (only a plural/genitive 's may follow)
    gezondheid*      may start a compound:  gezondheidsgegevens, gezondheids-zorg
    *camera          may end a compound:    bewakingscamera, camera's
    *camera*         may sit anywhere in a compound: camerabeelden, bewakingscamerasysteem
    toestemming [van de] betrokkene    [...] is optional (also inside a word: zo[ ]lang)

A term list is searched leftmost-longest: at each position the longest term
wins, matches do not overlap and come in text order.

Public API (the rules rely on these names)::

    load(overrides=None) -> Vocabularies
    Vocabularies.terms(name) -> TermSet; .data(name); .lawful_bases; .exceptions;
        .citations(text); .durations(text); .is_none(text)
    TermSet.find(text) -> tuple / .search(text) / .match(text, pos)
    LawfulBases.read(text, fuzzy=True) -> BasisReading
    damerau_levenshtein(a, b, max_distance=None); normalise(text); compile_terms(...)
"""

from __future__ import annotations

import bisect
import copy
import datetime as _dt
import difflib
import functools
import itertools
import json
import re
import unicodedata
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

from . import cache
from ._yaml import load_yaml

__all__ = [
    "AmbiguousBasis",
    "BasisMention",
    "BasisReading",
    "Citation",
    "Duration",
    "ExceptionReading",
    "Exceptions",
    "LawfulBases",
    "Misnomer",
    "TermMatch",
    "TermSet",
    "Vocabularies",
    "VocabularyError",
    "compile_terms",
    "damerau_levenshtein",
    "load",
    "normalise",
]

LETTERS = ("a", "b", "c", "d", "e", "f")


class VocabularyError(ValueError):
    """A vocabulary file or the user's ``vocabularies:`` configuration is malformed."""


# ---------------------------------------------------------------------------------------------
# Characters


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


def normalise(text: str) -> str:
    """Fold ``text`` for comparison: lower case, no diacritics, no hyphens, single spaces.

    The result does not keep offsets; use it to compare values (e.g. activity names),
    never to point into a document.
    """
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().translate(_FOLD_EXTRA)
    return _WS.sub(" ", s.translate(_DROP_JOINERS)).strip()


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


@functools.lru_cache(maxsize=1024)
def _folded(text: str) -> tuple[str, str, list[int] | None]:
    """(NFC text, its folded copy of the same length, offset map or None); cached per text,
    because the rules ask many term lists about the same value one after another."""
    src, starts = _prepare(text)
    return src, _fold_1to1(src), starts


def _unmap(starts: list[int] | None, pos: int) -> int:
    return pos if starts is None else starts[pos]


# ---------------------------------------------------------------------------------------------
# Term syntax


_TERM_KEYS = frozenset({"term", "case_sensitive", "near", "near_window"})
_DEFAULT_NEAR_WINDOW = 80


class _Variant:
    __slots__ = ("atoms", "kind", "letters")

    def __init__(self, atoms: tuple[str, ...], kind: str, letters: str | None):
        self.atoms = atoms
        self.kind = kind  # word | exact | start | end | part
        self.letters = letters  # for case-sensitive terms: the letters and digits as written


def _expand_options(s: str, where: str) -> list[str]:
    parts: list[list[str]] = []
    i = 0
    buf = ""
    while i < len(s):
        ch = s[i]
        if ch == "[":
            j = s.find("]", i + 1)
            if j < 0:
                raise VocabularyError(f"{where}: unclosed '[' in term {s!r}")
            inner = s[i + 1 : j]
            if "[" in inner:
                raise VocabularyError(f"{where}: nested '[' in term {s!r}")
            if not inner.strip() and inner != " ":
                raise VocabularyError(f"{where}: empty optional part '[]' in term {s!r}")
            parts.append([buf])
            parts.append(["", inner])
            buf = ""
            i = j + 1
            continue
        if ch == "]":
            raise VocabularyError(f"{where}: ']' without '[' in term {s!r}")
        buf += ch
        i += 1
    parts.append([buf])
    if sum(1 for p in parts if len(p) == 2) > 6:
        raise VocabularyError(f"{where}: more than 6 optional parts in term {s!r}")
    out = []
    for combo in itertools.product(*parts):
        v = _WS.sub(" ", "".join(combo)).strip()
        if v and v not in out:
            out.append(v)
    return out


def _parse_term(spec: str, where: str, case_sensitive: bool = False) -> list[_Variant]:
    """Parse one term of the vocabulary syntax into its concrete variants (see the module doc)."""
    if not isinstance(spec, str):
        raise VocabularyError(f"{where}: a term must be a string, got {type(spec).__name__}")
    s = spec.strip()
    if not s:
        raise VocabularyError(f"{where}: empty term")
    exact = s.startswith("=")
    if exact:
        s = s[1:].strip()
    lead = s.startswith("*")
    trail = s.endswith("*") and len(s) > 1
    core = s[1 if lead else 0 : len(s) - 1 if trail else len(s)]
    if "*" in core or not core.strip():
        raise VocabularyError(f"{where}: '*' may only start or end a term: {spec!r}")
    if exact and (lead or trail):
        raise VocabularyError(f"{where}: '=' (exact) cannot be combined with '*': {spec!r}")
    if case_sensitive and (lead or trail):
        raise VocabularyError(f"{where}: case_sensitive terms cannot use '*': {spec!r}")
    kind = "exact" if exact else ("part" if lead and trail else "end" if lead else "start" if trail else "word")
    variants: list[_Variant] = []
    texts = _expand_options(core, where)
    more = [t[:-1].rstrip() for t in texts if t.endswith(".") and len(t) > 1]
    for written in texts + [m for m in more if m and m not in texts]:
        text = unicodedata.normalize("NFC", written)
        atoms: list[str] = []
        folded = _fold_1to1(text)
        for i, ch in enumerate(folded):
            if ch.isspace():
                if atoms and atoms[-1] != " ":
                    atoms.append(" ")
            elif ch == "-":
                # between two letters a hyphen is optional anyway (every letter pair allows one);
                # elsewhere ("locatie-/ritgegevens") it is kept as an optional hyphen
                nxt = folded[i + 1] if i + 1 < len(folded) else ""
                if atoms and atoms[-1] not in (" ", "-") and not (atoms[-1].isalnum() and nxt.isalnum()) and nxt:
                    atoms.append("-")
            else:
                atoms.append(ch)
        while atoms and atoms[-1] == " ":
            atoms.pop()
        if not any(a.isalnum() for a in atoms):
            raise VocabularyError(f"{where}: term {spec!r} has no letter or digit")
        if (lead and not atoms[0].isalnum()) or (trail and not atoms[-1].isalnum()):
            raise VocabularyError(f"{where}: '*' must touch a letter or digit: {spec!r}")
        letters = "".join(c for c in _strip_marks(text) if c.isalnum()) if case_sensitive else None
        variants.append(_Variant(tuple(atoms), kind, letters))
    return variants


def _strip_marks(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _validate_pattern(p: Any, where: str) -> None:
    if not isinstance(p, str) or not p:
        raise VocabularyError(f"{where}: a pattern must be a non-empty string")
    try:
        rx = re.compile(p)
    except re.error as exc:
        raise VocabularyError(f"{where}: invalid regular expression {p!r}: {exc}") from None
    if rx.groups:
        raise VocabularyError(f"{where}: use (?:...) instead of capturing groups in {p!r}")
    if rx.fullmatch(""):
        raise VocabularyError(f"{where}: pattern {p!r} matches the empty string")


# ---------------------------------------------------------------------------------------------
# Compiled term sets


class TermMatch:
    """One match of a term list in a text.

    ``entry`` is the YAML entry (with any per-term fields laid over it); ``entries``
    holds all entries when several share the matched term. ``start``/``end`` are
    offsets into the original text and ``text == original[start:end]``.
    """

    __slots__ = ("entry", "entries", "term", "start", "end", "text")

    def __init__(self, entry, entries, term, start, end, text):
        self.entry: Mapping[str, Any] = entry
        self.entries: tuple[Mapping[str, Any], ...] = entries
        self.term: str = term
        self.start: int = start
        self.end: int = end
        self.text: str = text

    @property
    def id(self) -> Any:
        return self.entry.get("id")

    def __repr__(self) -> str:
        return f"TermMatch({self.text!r} [{self.start}:{self.end}] term={self.term!r} id={self.id!r})"


class _Item:
    __slots__ = ("entry", "near", "window", "letters")

    def __init__(self, entry, near, window, letters):
        self.entry = entry
        self.near: TermSet | None = near
        self.window: int = window
        self.letters: str | None = letters


class _Slot:
    __slots__ = ("term", "kind", "items", "veto")

    def __init__(self, term: str, kind: str):
        self.term = term
        self.kind = kind
        self.items: list[_Item] = []
        self.veto = False


class _Node:
    __slots__ = ("kids", "ends")

    def __init__(self) -> None:
        self.kids: dict[str, _Node] = {}
        self.ends: dict[str, _Slot] = {}


def _atom_re(atom: str, prev: str | None) -> str:
    if atom == " ":
        return _SEP
    if atom.isalnum():
        return re.escape(atom)
    if atom == ".":
        return r"\.[ \t]?"
    if atom == "-":
        return "-?"
    return re.escape(atom)


def _tail_re(kind: str, last: str) -> str:
    """What may follow a term of this kind whose last atom is ``last``."""
    if kind in ("start", "part"):
        return _TAIL
    if not last.isalnum():
        return ""
    if kind == "exact":
        return _EXACT_TAIL
    return _INFLECT_TAIL if last.isalpha() else r"\b"


_INFLECT_TAIL = r"(?:e?n|[es]|'s)?\b"  # -en -n -e -s -'s, then a word boundary
_EXACT_TAIL = r"(?:'s)?\b"
# At a trie node the longer terms are tried first, then the term ends in this order; all
# kinds end at a word end, so when several match the most literal one wins.
_END_ORDER_P = ("word", "exact", "start")
_END_ORDER_S = ("end", "part")


_UNSEEN = object()
_MEMO_LIMIT = 20_000  # texts remembered per term list; enough for the repeated values of a large register


_MEMO_TEXT_LIMIT = 2_000  # longer texts are seldom repeated: not remembered, which bounds the memory


def _remember(memo: dict, key, value) -> None:
    if len(key if type(key) is str else key[0]) > _MEMO_TEXT_LIMIT:
        return
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = value


class TermSet:
    """A named list of terms compiled into one regular expression (see the module doc).

    The expression runs on a folded copy of the text that has the same length as the
    text (lower case, no diacritics, hyphen variants as '-', apostrophes as "'"), so
    match offsets are offsets into the original. Raw ``patterns`` see that folded text.
    """

    __slots__ = ("name", "entries", "_re", "_has_s", "_np", "_slots", "_size", "_found", "_first")

    def __init__(self, name: str, items: Iterable[tuple[Mapping[str, Any], Any]], excepts: Iterable[str] = (),
                 where: str | None = None):
        """``items``: (entry, term) pairs; a term is a string or a mapping {term, case_sensitive, near, ...}
        or {pattern: regex}; ``excepts``: terms that veto a match of this list at their position."""
        self._found: dict[str, tuple[TermMatch, ...]] = {}
        self._first: dict[str, TermMatch | None] = {}
        self.name = name
        where = where or f"termset {name!r}"
        p_trie, s_trie = _Node(), _Node()  # plain/exact/start terms; compound-end/part terms
        raws: list[tuple[str, _Slot]] = []
        entries: list[Mapping[str, Any]] = []
        seen_entries: set[int] = set()
        size = 0

        def add(entry, term_spec, where_t, veto=False):
            nonlocal size
            extras: dict[str, Any] = {}
            case = False
            near = None
            window = _DEFAULT_NEAR_WINDOW
            if isinstance(term_spec, Mapping):
                if "term" not in term_spec and "pattern" not in term_spec:
                    raise VocabularyError(f"{where_t}: a term mapping needs 'term' (or 'pattern')")
                case = bool(term_spec.get("case_sensitive", False))
                if term_spec.get("near") is not None:
                    near_terms = term_spec["near"]
                    if not isinstance(near_terms, Sequence) or isinstance(near_terms, str):
                        raise VocabularyError(f"{where_t}.near: expected a list of terms")
                    near = TermSet(f"{name}.near", [({}, t) for t in near_terms], where=f"{where_t}.near")
                window = term_spec.get("near_window", window)
                if not isinstance(window, int) or window <= 0:
                    raise VocabularyError(f"{where_t}.near_window: expected a positive integer")
                extras = {k: v for k, v in term_spec.items() if k not in _TERM_KEYS and k != "pattern"}
                if "pattern" in term_spec:
                    pat = term_spec["pattern"]
                    _validate_pattern(pat, where_t)
                    slot = _Slot(pat, "pattern")
                    slot.items.append(_Item(_overlay(entry, extras), near, window, None))
                    raws.append((pat, slot))
                    size += 1
                    return
                term = term_spec["term"]
            else:
                term = term_spec
            for var in _parse_term(term, where_t, case):
                node = s_trie if var.kind in ("end", "part") else p_trie
                for atom in var.atoms:
                    node = node.kids.setdefault(atom, _Node())
                slot = node.ends.get(var.kind)
                if slot is None:
                    slot = node.ends[var.kind] = _Slot(term, var.kind)
                    size += 1
                if veto:
                    slot.veto = True
                else:
                    slot.items.append(_Item(_overlay(entry, extras), near, window, var.letters))

        for n, item in enumerate(items):
            entry, term_spec = item[0], item[1]
            add(entry, term_spec, item[2] if len(item) > 2 else f"{where}[{n}]")
            if id(entry) not in seen_entries:
                seen_entries.add(id(entry))
                entries.append(entry)
        for n, term in enumerate(excepts):
            add({}, term, f"{where}.except[{n}]", veto=True)
        self.entries: tuple[Mapping[str, Any], ...] = tuple(entries)
        self._size = size

        slots: list[_Slot] = []
        p_alts: list[str] = []
        if p_trie.kids:
            p_alts.append(_emit(p_trie, None, slots, _END_ORDER_P))
        for pat, slot in raws:
            p_alts.append("(?:" + pat + ")()")
            slots.append(slot)
        self._np = len(slots)
        # Compound-end and compound-part terms ("*camera", "*camera*") are searched anywhere
        # (no left boundary); a match inside a word is widened to the start of the word.
        s_body = _emit(s_trie, None, slots, _END_ORDER_S) if s_trie.kids else None
        self._slots = slots
        if not p_alts and s_body is None:
            self._re = None
            self._has_s = False
            return
        p_body = None
        if p_alts:
            p_body = _LB + (p_alts[0] if len(p_alts) == 1 else "(?:" + "|".join(p_alts) + ")")
        body = p_body if s_body is None else s_body if p_body is None else f"(?:{p_body}|{s_body})"
        try:
            self._re = re.compile(body)
            self._has_s = s_body is not None  # compound-end/part terms (searched through _re)
        except (re.error, RecursionError) as exc:  # pragma: no cover - guarded by term validation
            raise VocabularyError(f"{where}: cannot compile: {exc}") from None

    def __len__(self) -> int:
        return self._size

    def __repr__(self) -> str:
        return f"TermSet({self.name!r}, {self._size} terms)"

    # -- matching ------------------------------------------------------------------------------

    def _inner(self, low: str, s: int) -> re.Match | None:
        """A compound-end/part match that starts inside the word that starts at ``s``, or None."""
        wend = _WORDRUN.match(low, s).end()
        limit = wend + 120  # room for a multi-word term; keeps the search local to this word
        q = s + 1
        while q < wend:
            m = self._re.search(low, q, limit)
            if m is None or m.start() >= wend:
                return None
            if m.lastindex > self._np:
                return m
            q = m.start() + 1
        return None

    def _spans(self, low: str, pos: int, anchored: bool) -> list[tuple[int, int, int]]:
        """Leftmost-longest, non-overlapping (start, end, group) spans in ``low`` (vetoes included)."""
        out: list[tuple[int, int, int]] = []
        rx = self._re
        has_s = self._has_s
        np_ = self._np
        lo = pos
        if anchored:
            m = rx.match(low, pos)
            if m is None and has_s:
                m = self._inner(low, pos)
        else:
            m = rx.search(low, pos)
        n = len(low)
        while m is not None:
            s, e, g = m.start(), m.end(), m.lastindex
            if g > np_:
                # a compound-end/part term: widen "camera" in "bewakingscamera" to the whole word
                while s > lo and (low[s - 1].isalnum() or (low[s - 1] == "-" and s - 2 >= lo and low[s - 2].isalnum())):
                    s -= 1
            elif has_s:
                # the same word may hold a longer compound-end/part term
                m2 = self._inner(low, s)
                if m2 is not None and m2.end() > e:
                    e, g = m2.end(), m2.lastindex
            out.append((s, e, g))
            pos = e if e > s else s + 1
            if anchored or pos > n:
                break
            lo = pos
            m = rx.search(low, pos)
        return out

    def _scan(self, text: str, pos: int, anchored: bool, first: bool) -> list[TermMatch]:
        out: list[TermMatch] = []
        if self._re is None or not text:
            return out
        src, low, starts = _folded(text)
        if starts is not None and pos:
            pos = bisect.bisect_left(starts, pos)
        spans = self._spans(low, pos, anchored)
        if "-" in low:
            # Terms match across a hyphen between two letters ("zorg-alarmering", "e-mailadres"):
            # scan a copy without those hyphens as well and keep what spans a removed hyphen.
            hy = _dehyphenated(low)
            if hy is not None:
                low2, removed, moved = hy
                pos2 = pos - bisect.bisect_left(removed, pos)
                extra = []
                for s2, e2, g in self._spans(low2, pos2, anchored):
                    s1 = s2 + bisect.bisect_right(moved, s2)
                    e1 = e2 - 1 + bisect.bisect_right(moved, e2 - 1) + 1 if e2 > s2 else s1
                    if e1 - s1 > e2 - s2:
                        extra.append((s1, e1, g))
                if extra:
                    spans = _leftmost_longest(spans + extra, anchored)
        slots = self._slots
        for s, e, g in spans:
            slot = slots[g - 1]
            if slot.veto:
                continue
            ok = [it.entry for it in slot.items
                  if (it.letters is None or _case_ok(it.letters, src, s, e))
                  and (it.near is None or _near_ok(it.near, it.window, src, s, e))]
            if ok:
                os_, oe = _unmap(starts, s), _unmap(starts, e)
                out.append(TermMatch(ok[0], tuple(ok), slot.term, os_, oe, text[os_:oe]))
                if first:
                    break
        return out

    def find(self, text: str) -> tuple[TermMatch, ...]:
        """All matches, leftmost-longest, non-overlapping, in text order (remembered: do not change them)."""
        found = self._found.get(text)
        if found is None:  # registers repeat their values row after row: scan each text once
            found = tuple(self._scan(text, 0, False, False))
            _remember(self._found, text, found)
        return found

    def search(self, text: str) -> TermMatch | None:
        """The first match, or None."""
        found = self._found.get(text)
        if found is not None:
            return found[0] if found else None
        first = self._first.get(text, _UNSEEN)
        if first is _UNSEEN:
            got = self._scan(text, 0, False, True)
            first = got[0] if got else None
            _remember(self._first, text, first)
        return first

    def match(self, text: str, pos: int = 0) -> TermMatch | None:
        """A match that starts exactly at ``pos`` (which must be a word start), or None."""
        got = self._scan(text, pos, True, True)
        return got[0] if got else None

    def covers(self, text: str) -> bool:
        """True when matches cover ``text`` except punctuation and the words en/of/and/or/de/het/een/the.

        For "the value consists only of generic phrases" checks (e.g. ``verantwoordelijke: de klant``).
        """
        found = self.find(text)
        if not found:
            return False
        rest = []
        last = 0
        for m in found:
            rest.append(text[last : m.start])
            last = m.end
        rest.append(text[last:])
        leftover = _FILLER.sub(" ", " ".join(rest))
        return not any(ch.isalnum() for ch in leftover)


_WORDRUN = re.compile(r"(?:[^\W_]|-(?=[^\W_]))*")
_INWORD_HYPHENS = re.compile(r"(?<=[^\W_])-+(?=[^\W_])")


@functools.lru_cache(maxsize=256)
def _dehyphenated(low: str) -> tuple[str, list[int], list[int]] | None:
    """``low`` without hyphens between letters, the removed positions (in ``low``) and, for each,
    the position in the copy where it was; None when there are none."""
    removed = [i for m in _INWORD_HYPHENS.finditer(low) for i in range(m.start(), m.end())]
    if not removed:
        return None
    moved = [h - k for k, h in enumerate(removed)]
    return _INWORD_HYPHENS.sub("", low), removed, moved


def _leftmost_longest(spans: list[tuple[int, int, int]], anchored: bool) -> list[tuple[int, int, int]]:
    spans.sort(key=lambda t: (t[0], t[0] - t[1]))
    out: list[tuple[int, int, int]] = []
    end = -1
    for sp in spans:
        if sp[0] >= end:
            out.append(sp)
            end = sp[1]
            if anchored:
                break
    return out


_FILLER = re.compile(r"(?i)(?<![^\W_])(?:en/of|en|of|and|or|de|het|een|the|a|an)(?![^\W_])")


def _case_ok(letters: str, src: str, s: int, e: int) -> bool:
    got = "".join(c for c in _strip_marks(src[s:e]) if c.isalnum())
    return got.startswith(letters)


def _near_ok(near: TermSet, window: int, src: str, s: int, e: int) -> bool:
    strip = " \t\r\n,;:.()[]\"'-\u2013\u2014\u2022*"
    if not src[:s].strip(strip) and not src[e:].strip(strip):
        return True  # the whole value is this word
    return near.search(src[max(0, s - window) : s] + " \u2022 " + src[e : e + window]) is not None


def _overlay(entry: Mapping[str, Any], extras: Mapping[str, Any]) -> Mapping[str, Any]:
    if not extras:
        return entry
    merged = dict(entry)
    merged.update(_freeze(dict(extras)))
    return MappingProxyType(merged)


def _emit(node: _Node, prev: str | None, slots: list[_Slot], order: tuple[str, ...]) -> str:
    """The trie below ``node`` as a regex; every term end is an empty group (its slot) after its tail."""
    alts = []
    for atom, kid in node.kids.items():
        alts.append(_atom_re(atom, prev) + _emit(kid, atom, slots, order))
    for kind in order:  # after the longer terms: the longest term wins
        slot = node.ends.get(kind)
        if slot is not None:
            alts.append(_tail_re(kind, prev or "") + "()")
            slots.append(slot)
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


def compile_terms(terms: Iterable[str | Mapping[str, Any]], name: str = "adhoc",
                  entry: Mapping[str, Any] | None = None) -> TermSet:
    """Compile an ad-hoc list of terms (same syntax as the YAML files) into a TermSet."""
    e = MappingProxyType(dict(entry or {}))
    return TermSet(name, [(e, t) for t in terms])


# ---------------------------------------------------------------------------------------------
# Edit distance


def damerau_levenshtein(a: str, b: str, max_distance: int | None = None) -> int:
    """Optimal-string-alignment distance (insertions, deletions, substitutions, transpositions).

    With ``max_distance`` the computation stops early and returns ``max_distance + 1``
    for anything farther.
    """
    limit = max_distance if max_distance is not None else max(len(a), len(b))
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        best = i
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            cost = 0 if ai == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            if v < best:
                best = v
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


# ---------------------------------------------------------------------------------------------
# Citations


_ORDINALS = {
    "eerste": "1", "tweede": "2", "derde": "3", "vierde": "4", "vijfde": "5", "zesde": "6",
    "zevende": "7", "achtste": "8", "negende": "9", "tiende": "10", "elfde": "11", "twaalfde": "12",
}
_ANCHOR = re.compile(
    r"(?:(?<![\w])(?P<kw>artikelen|artikel|articles|article|artt\.|art\.|art\b)[ \t\u00a0]*(?=\d)"
    r"|(?<![\w.,:/\u2010-])(?=\d{1,2}[ \t]*(?:[.(]|lid\b|,[ \t]*\w+[ \t]+lid\b|(?:abs|para)\b)))",
    re.IGNORECASE,
)
_ARTNUM = re.compile(r"(\d{1,3}[a-z]?)(?::(\d{1,4}[a-z]?))?(?![\w])", re.IGNORECASE)
_PAR_DOT = re.compile(r"\.[ \t]?(\d{1,2})(?!\d|[.,]\d)")
_PAR_PAREN = re.compile(r"[ \t]*\([ \t]*(\d{1,2})[ \t]*\)")
_PAR_WORD = re.compile(
    r"[ \t]*,?[ \t]*(?:lid|leden|paragraaf|paragraph|para\.?|par\.?|abs\.?|absatz|§)[ \t]*(\d{1,2})(?!\d)",
    re.IGNORECASE,
)
_PAR_ORD = re.compile(r"[ \t]*,?[ \t]*(" + "|".join(_ORDINALS) + r")[ \t]+lid\b", re.IGNORECASE)
_SATZ = re.compile(r"[ \t]*,?[ \t]*(?:S\.|Satz|sentence|zin)[ \t]*\d{1,2}(?!\d)", re.IGNORECASE)
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


class _CitationParser:
    def __init__(self, statutes: TermSet, non_basis: Sequence[Mapping[str, Any]], repealed: set[str],
                 gdpr_codes: set[str]):
        self.statutes = statutes
        self.non_basis = non_basis
        self.repealed = repealed
        self.gdpr_codes = gdpr_codes

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
            for rx, flag in ((_PAR_DOT, "dot"), (_PAR_PAREN, "paren"), (_PAR_WORD, ""), (_PAR_ORD, "ord")):
                pm = rx.match(text, p)
                if pm:
                    paragraph = _ORDINALS[pm.group(1).lower()] if flag == "ord" else pm.group(1)
                    dotted, paren = flag == "dot", flag == "paren"
                    p = pm.end()
                    break
            if paragraph is not None:
                sm = _SATZ.match(text, p)
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


# ---------------------------------------------------------------------------------------------
# Lawful bases


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
_PAIR_BEFORE = re.compile(
    r"[\s(\[,:;\u2013\u2014-]*(?:(?:conform|cf\.?|volgens|o\.g\.v\.?|op\s+grond\s+van|op\s+basis\s+van|"
    r"ingevolge|ex|zie|overeenkomstig|krachtens|i\.?e\.?|namelijk|under|pursuant\s+to|nach)\s*)?[\s(\[]*",
    re.IGNORECASE,
)
_PAIR_AFTER = re.compile(r"[\s(\[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb:,\u2013-]*")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z])|;")
# A basis written by its letters of Art. 6(1) alone, after the lead word (if any): "c", "a en b", "(b)"
_BASIS_LETTERS = re.compile(
    r"[ \t]*:?[ \t]*\(?[ \t]*([a-f])[ \t]*\)?(?![\w\u2010-])"
    r"((?:[ \t]*(?:,|/|&|\+|\ben/of\b|\ben\b|\bof\b|\band\b|\bor\b)[ \t]*(?:sub[ \t]*)?"
    r"\(?[ \t]*[a-f][ \t]*\)?(?![\w\u2010-]))*)",
    re.IGNORECASE,
)
_ITEM = re.compile(r"[^,;\n]+")  # "rechtsgrond b voor de levering, rechtsgrond f voor ..."
# a short qualifier in brackets inside a name, read past as blank ("wettelijke (fiscale) plicht")
_QUALIFIER = re.compile(r"(?<=[^\W\d_]) \([^\W\d_]+(?: [^\W\d_]+)?\)(?= [^\W\d_])")
_LONE_LETTER = re.compile(r"(?<!\w)([a-f])(?![\w\u2010-])", re.IGNORECASE)
# what may follow letters written without a lead word: the end, a bracket or the next item ("b (overeenkomst)",
# "c, e"), the GDPR; not "a. naam" or "b) uw adres", the enumeration of a statement
_AFTER_LETTERS = re.compile(r"[ \t]*(?:$|\.[ \t]*$|[(,;]|(?:van de |of the )?(?:AVG|GDPR)\b)", re.IGNORECASE)
_CONNECTOR = re.compile(r"[ \t]*,?[ \t]*(?:namelijk|te weten|i\.e\.|viz\.)[ \t:]*", re.IGNORECASE)


class LawfulBases:
    """Reads lawful-basis values: names, misspellings, citations, misnomers, inline interests."""

    def __init__(self, vocab: Vocabularies):
        self._vocab = vocab
        data = vocab.data("lawful_bases")
        self.bases: dict[str, Mapping[str, Any]] = {b["letter"]: b for b in data["bases"]}
        self._reading = vocab.terms("lawful_basis_reading")
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
        self._fz_cache: dict[str, tuple[str, int] | None] = {}
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
        memo = self.__dict__.setdefault("_memo", {})
        reading = memo.get((text, fuzzy))
        if reading is None:
            reading = self._read(text, fuzzy)
            _remember(memo, (text, fuzzy), reading)
        return reading

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
            letters = _BASIS_LETTERS.match(text, lead.end if lead else pos, item.end())
            if letters is None or (lead is None and not _AFTER_LETTERS.match(text, letters.end())) or \
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
        cache = self._fz_cache
        for wm in _WORD.finditer(text):
            s, e = wm.span()
            if e - s < self._fuzzy_short_min or any(a < e and s < b for a, b in covered):
                continue
            tok = wm.group()
            hit = cache.get(tok, False)
            if hit is False:
                hit = self._closest(tok)
                if len(cache) > 50_000:
                    cache.clear()
                cache[tok] = hit
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

    @staticmethod
    def _pair(text: str, mentions: list[BasisMention], citations: list[Citation]) -> None:
        groups: dict[tuple[int, int], list[Citation]] = {}
        for c in citations:
            if c.is_lawful_basis:
                groups.setdefault((c.start, c.end), []).append(c)
        for (cs, ce), group in groups.items():
            cited = {c.letter for c in group}
            partner = None
            for m in mentions:
                if cs <= m.start and m.end <= ce:
                    partner = m  # artikel 6.1.f (“gerechtvaardigd belang”) van de AVG
                    break
            if partner is None:
                before = [m for m in mentions if m.end <= cs and cs - m.end <= 40]
                if before:
                    m = before[-1]
                    gap = _PAIR_BEFORE.match(text, m.end, cs)
                    if gap and gap.end() == cs:
                        partner = m
            if partner is None:
                after = [m for m in mentions if m.start >= ce and m.start - ce <= 6]
                if after:
                    m = after[0]
                    gap = _PAIR_AFTER.match(text, ce, m.start)
                    if gap and gap.end() == m.start:
                        partner = m
            if partner is not None and partner.letter not in cited:
                for c in group:
                    if c.problem is None:
                        c.problem = "contradicts-name"

    # -- inline interest -------------------------------------------------------------------------

    @staticmethod
    def _inline_interest(text: str, mentions: list[BasisMention], citations: list[Citation]) -> tuple[int, int] | None:
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
                cm = _CONNECTOR.match(text, pos)
                if cm:
                    start = cm.end()
            if start is None:
                continue
            stop = n
            sm = _SENTENCE_END.search(text, start)
            if sm:
                stop = sm.start() + (1 if text[sm.start()] in ".!?" else 0)
            for a, _b in spans:
                if start < a < stop:
                    stop = a
                    break
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


# ---------------------------------------------------------------------------------------------
# Art. 9(2) exceptions


class ExceptionReading:
    """What an ``uitzondering`` value says: 9(2) grounds named or cited, UAVG articles cited."""

    __slots__ = ("text", "mentions", "citations", "grounds", "uavg")

    def __init__(self, text, mentions, citations, grounds, uavg):
        self.text: str = text
        self.mentions: list[TermMatch] = mentions
        self.citations: list[Citation] = citations
        self.grounds: set[str] = grounds  # Art. 9(2) letters a-j
        self.uavg: list[Mapping[str, Any]] = uavg  # matched entries of exceptions.uavg_articles

    @property
    def recognised(self) -> bool:
        return bool(self.grounds or self.uavg)

    def __repr__(self) -> str:
        return f"ExceptionReading(grounds={sorted(self.grounds)}, uavg={[u.get('id') for u in self.uavg]})"


class Exceptions:
    """Reads Art. 9(2) / UAVG exception values."""

    def __init__(self, vocab: Vocabularies):
        self._vocab = vocab
        self._terms = vocab.terms("special_category_exceptions")
        self._uavg = vocab.data("exceptions")["uavg_articles"]

    def read(self, text: str) -> ExceptionReading:
        """Read an `uitzondering` value (remembered per text: treat the reading as read-only)."""
        memo = self.__dict__.setdefault("_memo", {})
        reading = memo.get(text)
        if reading is None:
            reading = self._read(text)
            _remember(memo, text, reading)
        return reading

    def _read(self, text: str) -> ExceptionReading:
        mentions = self._terms.find(text)
        citations = self._vocab.citations(text)
        grounds = {m.entry["letter"] for m in mentions if m.entry.get("letter")}
        uavg: list[Mapping[str, Any]] = []
        for c in citations:
            if c.article == "9" and c.paragraph == "2" and c.point and c.law in (None, "AVG", "GDPR", "DSGVO"):
                grounds.add(c.point)
            elif c.law == "UAVG":
                hits = [u for u in self._uavg if str(u.get("artikel")) == c.article]
                if c.paragraph:
                    hits = [u for u in hits if u.get("lid") is None or str(u.get("lid")) == c.paragraph]
                if c.point:
                    hits = [u for u in hits if u.get("onderdeel") is None or str(u.get("onderdeel")) == c.point]
                uavg.extend(h for h in hits if h not in uavg)
                letters = {h.get("grond") for h in hits}
                if len(letters) == 1 and None not in letters:
                    grounds.add(letters.pop())
        return ExceptionReading(text, mentions, citations, grounds, uavg)


# ---------------------------------------------------------------------------------------------
# Durations


class Duration:
    """A period in a text: ``2 jaar``, ``vier weken``, ``6-12 maanden`` (``value`` is the upper bound)."""

    __slots__ = ("value", "unit", "days", "start", "end", "text")

    def __init__(self, value, unit, days, start, end, text):
        self.value: float = value
        self.unit: str = unit  # id of the unit entry in retention.yaml (dag, week, maand, jaar, ...)
        self.days: float = days
        self.start: int = start
        self.end: int = end
        self.text: str = text

    def __repr__(self) -> str:
        return f"Duration({self.value} {self.unit} = {self.days:g} days, {self.text!r})"


# ---------------------------------------------------------------------------------------------
# Loading, merging, validating


_DATE_KEYS = frozenset({"gecontroleerd_op", "geldig_tot", "datum", "ingetrokken", "vervallen", "ingangsdatum"})
_REQUIRED: dict[tuple[str, str], tuple[str, ...]] = {
    ("lawful_bases", "bases"): ("id", "letter", "canonical_nl", "canonical_en", "message_nl", "message_en",
                                "canonical"),
    ("lawful_bases", "misnomers"): ("id", "terms"),
    ("lawful_bases", "ambiguous"): ("id", "terms", "candidates"),
    ("lawful_bases", "non_basis_provisions"): ("id", "artikel"),
    ("transfers", "adequacy"): ("id", "naam", "bron", "gecontroleerd_op"),
    ("transfers", "invalid_mechanisms"): ("id", "terms", "bron"),
    ("recipients", "entities"): ("id", "naam", "land", "bron", "gecontroleerd_op"),
    ("dpia", "ap_list"): ("id", "nummer", "naam", "terms"),
    ("dpia", "wp248_criteria"): ("id", "naam"),
    ("retention", "units"): ("id", "days", "terms"),
    ("retention", "statutory_periods"): ("id", "onderwerp", "bron", "gecontroleerd_op"),
    ("exceptions", "grounds"): ("id", "letter", "naam"),
    ("exceptions", "uavg_articles"): ("id", "artikel"),
    ("misc", "statutes"): ("id", "terms"),
}


def _freeze(obj: Any) -> Any:
    if isinstance(obj, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in obj.items()})
    if isinstance(obj, (list, tuple)):
        return tuple(_freeze(v) for v in obj)
    return obj


def _thaw(obj: Any) -> Any:
    if isinstance(obj, Mapping):
        return {k: _thaw(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_thaw(v) for v in obj]
    return obj


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _identity(item: Any) -> Any:
    if isinstance(item, Mapping):
        if "id" in item:
            return ("id", item["id"])
        if "term" in item:
            return ("term", item["term"])
        return None
    return ("value", item)


def _strip_directives(item: Any) -> Any:
    if isinstance(item, Mapping):
        return {k: _thaw(v) for k, v in item.items() if k not in ("_replace", "_remove")}
    return _thaw(item)


def _merge(base: Any, over: Any, path: str, top_level: bool = False) -> Any:
    if isinstance(base, dict):
        if not isinstance(over, Mapping):
            raise VocabularyError(f"{path}: expected a mapping, got {_typename(over)}")
        for k, v in over.items():
            if k not in base:
                if top_level:
                    raise VocabularyError(f"{path}: unknown section {k!r}{_suggest(k, base)} "
                                          f"(sections: {', '.join(sorted(map(str, base)))})")
                if k in ("_replace", "_remove"):
                    raise VocabularyError(f"{path}: {k!r} is only allowed in an entry of a list")
                base[k] = _strip_directives(v)
            else:
                base[k] = _merge(base[k], v, f"{path}.{k}")
        return base
    if isinstance(base, list):
        if isinstance(over, Mapping):
            unknown = set(over) - {"_replace", "_add", "_remove"}
            if unknown:
                raise VocabularyError(f"{path}: a list can only be extended with a list, or changed with "
                                      f"_replace/_add/_remove (got {', '.join(sorted(map(str, unknown)))})")
            if "_replace" in over:
                if set(over) != {"_replace"}:
                    raise VocabularyError(f"{path}: _replace cannot be combined with _add or _remove")
                if not isinstance(over["_replace"], list):
                    raise VocabularyError(f"{path}._replace: expected a list")
                return [_strip_directives(x) for x in over["_replace"]]
            if "_remove" in over:
                rem = over["_remove"]
                if not isinstance(rem, list):
                    raise VocabularyError(f"{path}._remove: expected a list")
                for r in rem:
                    idx = next((i for i, it in enumerate(base) if _identity(it) in (("id", r), ("term", r), ("value", r))),
                               None)
                    if idx is None:
                        raise VocabularyError(f"{path}._remove: {r!r} is not in the list")
                    del base[idx]
            if "_add" in over:
                if not isinstance(over["_add"], list):
                    raise VocabularyError(f"{path}._add: expected a list")
                base = _extend(base, over["_add"], f"{path}._add")
            return base
        if isinstance(over, list):
            return _extend(base, over, path)
        raise VocabularyError(f"{path}: expected a list, got {_typename(over)}")
    if isinstance(over, (Mapping, list)) and base is not None:
        raise VocabularyError(f"{path}: expected a single value like {base!r}, got {_typename(over)}")
    return _thaw(over)


def _extend(base: list, items: list, path: str) -> list:
    entry_list = any(isinstance(x, Mapping) and "id" in x for x in base) or (
        not base and any(isinstance(x, Mapping) and "id" in x for x in items))
    for n, item in enumerate(items):
        where = f"{path}[{n}]"
        if entry_list:
            if not isinstance(item, Mapping) or "id" not in item:
                raise VocabularyError(f"{where}: entries of this list are mappings with an 'id'")
            idx = next((i for i, it in enumerate(base) if isinstance(it, Mapping) and it.get("id") == item["id"]), None)
            if item.get("_remove"):
                if idx is None:
                    raise VocabularyError(f"{where}: cannot remove {item['id']!r}: no such entry")
                del base[idx]
            elif idx is None:
                base.append(_strip_directives(item))
            elif item.get("_replace"):
                base[idx] = _strip_directives(item)
            else:
                base[idx] = _merge(base[idx], {k: v for k, v in item.items() if k != "_replace"}, where)
        else:
            ident = _identity(item)
            if ident is not None and any(_identity(it) == ident for it in base):
                continue
            base.append(_strip_directives(item))
    return base


def _typename(v: Any) -> str:
    if isinstance(v, Mapping):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    return f"{type(v).__name__} {v!r}"


def _check_date(v: Any, where: str) -> Any:
    if v is None or (isinstance(v, _dt.date) and not isinstance(v, _dt.datetime)):
        return v
    if isinstance(v, str):
        try:
            return _dt.date.fromisoformat(v)
        except ValueError:
            pass
    raise VocabularyError(f"{where}: expected an ISO date (YYYY-MM-DD) or null, got {v!r}")


def _validate_tree(obj: Any, where: str) -> Any:
    """Dates become datetime.date; lists of entries need unique ids."""
    if isinstance(obj, dict):
        for k in list(obj):
            if not isinstance(k, str):
                raise VocabularyError(f"{where}: keys must be strings, got {k!r}")
            if k in _DATE_KEYS:
                obj[k] = _check_date(obj[k], f"{where}.{k}")
            else:
                obj[k] = _validate_tree(obj[k], f"{where}.{k}")
        return obj
    if isinstance(obj, list):
        ids: set = set()
        for n, item in enumerate(obj):
            if isinstance(item, dict) and "id" in item:
                if not isinstance(item["id"], (str, int)):
                    raise VocabularyError(f"{where}[{n}].id: expected a string")
                if item["id"] in ids:
                    raise VocabularyError(f"{where}[{n}]: duplicate id {item['id']!r}")
                ids.add(item["id"])
            obj[n] = _validate_tree(item, f"{where}[{n}]")
        return obj
    return obj


def _termset_parts(spec: Mapping[str, Any], where: str) -> list[Mapping[str, Any]]:
    if not isinstance(spec, Mapping):
        raise VocabularyError(f"{where}: expected a mapping")
    if "parts" in spec:
        parts = spec["parts"]
        if not isinstance(parts, (list, tuple)) or not parts:
            raise VocabularyError(f"{where}.parts: expected a non-empty list")
        return parts
    return [spec]


def _termset_items(file: str, data: Mapping[str, Any], tsname: str, spec: Mapping[str, Any], where: str):
    items: list[tuple[Mapping[str, Any], Any]] = []
    for pn, part in enumerate(_termset_parts(spec, where)):
        pw = f"{where}.parts[{pn}]" if "parts" in spec else where
        if not isinstance(part, Mapping):
            raise VocabularyError(f"{pw}: expected a mapping")
        unknown = set(part) - {"section", "terms", "tag", "set", "description", "except", "where"}
        if unknown:
            raise VocabularyError(f"{pw}: unknown key(s) {', '.join(sorted(unknown))}")
        section = part.get("section")
        if section not in data or section == "termsets":
            raise VocabularyError(f"{pw}.section: {section!r} is not a section of {file}{_suggest(section, data)}")
        entries = data[section]
        if not isinstance(entries, Sequence) or isinstance(entries, str):
            raise VocabularyError(f"{file}.{section}: expected a list of entries")
        keys = part.get("terms", "terms")
        if isinstance(keys, str):
            keymap = {keys: None}
        elif isinstance(keys, Sequence):
            keymap = {k: None for k in keys}
        elif isinstance(keys, Mapping):
            keymap = dict(keys)
        else:
            raise VocabularyError(f"{pw}.terms: expected a key name, a list or a mapping")
        tag = part.get("tag")
        const = part.get("set") or {}
        cond = part.get("where") or {}
        if not isinstance(const, Mapping) or not isinstance(cond, Mapping):
            raise VocabularyError(f"{pw}: 'set' and 'where' must be mappings")
        for en, entry in enumerate(entries):
            ew = f"{file}.{section}[{en}]"
            if not isinstance(entry, Mapping):
                raise VocabularyError(f"{ew}: expected a mapping with an 'id'")
            if any(entry.get(k) != v for k, v in cond.items()):
                continue
            for key, tagval in keymap.items():
                terms = entry.get(key)
                pats = entry.get("patterns") if key == "terms" else None
                if terms is None and pats is None:
                    continue
                over = dict(const)
                if tag:
                    over[tag] = tagval
                base = MappingProxyType({**entry, **over}) if over else entry
                eid = entry.get("id")
                if terms is not None:
                    if not isinstance(terms, Sequence) or isinstance(terms, str):
                        raise VocabularyError(f"{ew} ({eid}).{key}: expected a list of terms")
                    for tn, t in enumerate(terms):
                        if not isinstance(t, (str, Mapping)):
                            raise VocabularyError(f"{ew} ({eid}).{key}[{tn}]: a term is a string or a mapping with 'term'")
                        items.append((base, t, f"{ew} ({eid}).{key}[{tn}]"))
                if pats is not None:
                    if not isinstance(pats, Sequence) or isinstance(pats, str):
                        raise VocabularyError(f"{ew} ({eid}).patterns: expected a list of regular expressions")
                    for pn2, p in enumerate(pats):
                        items.append((base, {"pattern": p}, f"{ew} ({eid}).patterns[{pn2}]"))
    excepts = list(spec.get("except") or [])
    for part in _termset_parts(spec, where):
        for entry in data.get(part.get("section"), ()) or ():
            if isinstance(entry, Mapping) and entry.get("except"):
                ex = entry["except"]
                if not isinstance(ex, Sequence) or isinstance(ex, str):
                    raise VocabularyError(f"{file}.{part.get('section')} ({entry.get('id')}).except: expected a list of terms")
                excepts.extend(t for t in ex if t not in excepts)
    return items, excepts


class Vocabularies:
    """All vocabulary files, merged with the user's overrides, validated and frozen."""

    def __init__(self, files: Mapping[str, Mapping[str, Any]], share: Vocabularies | None = None,
                 changed: set[str] | frozenset[str] = frozenset()):
        self._files = files
        self._share = share
        self._changed = frozenset(changed)
        self._specs: dict[str, tuple[str, Mapping[str, Any]]] = {}
        for fname, data in files.items():
            for tsname, spec in (data.get("termsets") or {}).items():
                if tsname in self._specs:
                    other = self._specs[tsname][0]
                    raise VocabularyError(f"{fname}.termsets.{tsname}: name already used in {other}")
                self._specs[tsname] = (fname, spec)
        self._cache: dict[str, TermSet] = {}
        self._lawful: LawfulBases | None = None
        self._exceptions: Exceptions | None = None
        self._citer: _CitationParser | None = None
        self._none: frozenset[str] | None = None
        self._none_memo: dict[str, bool] = {}
        self._dur = None
        self._dur_memo: dict[str, tuple[Duration, ...]] = {}

    # -- raw data ------------------------------------------------------------------------------

    @property
    def names(self) -> tuple[str, ...]:
        """The vocabulary files (without .yaml)."""
        return tuple(self._files)

    def data(self, name: str) -> Any:
        """The loaded (merged, frozen) YAML of one file: mappings are read-only, lists are tuples."""
        try:
            return self._files[name]
        except KeyError:
            raise KeyError(f"no vocabulary file {name!r}{_suggest(name, self._files)}") from None

    def termset_names(self) -> list[str]:
        return sorted(self._specs)

    def describe(self, name: str) -> str | None:
        """The description of a term list, as written in its YAML."""
        fname, spec = self._spec(name)
        return spec.get("description")

    def _spec(self, name: str) -> tuple[str, Mapping[str, Any]]:
        try:
            return self._specs[name]
        except KeyError:
            raise KeyError(f"no term list {name!r}{_suggest(name, self._specs)}") from None

    def terms(self, name: str) -> TermSet:
        """A named term list (see ``termsets:`` in the YAML files and rules/vocab/README.md)."""
        ts = self._cache.get(name)
        if ts is None:
            fname, spec = self._spec(name)
            if self._share is not None and fname not in self._changed:
                ts = self._cache[name] = self._share.terms(name)
                return ts
            items, excepts = _termset_items(fname, self._files[fname], name, spec, f"{fname}.termsets.{name}")
            ts = TermSet(name, items, excepts, where=f"{fname}.termsets.{name}")
            self._cache[name] = ts
        return ts

    def compile_all(self) -> None:
        """Compile every term list now (validation; normally they compile on first use)."""
        for name in self._specs:
            self.terms(name)

    def prepare(self) -> None:
        """Build every term list and reader now (before the set is cached between runs)."""
        self.compile_all()
        self._citation_parser()
        self._none_keys()
        self._duration_reader()
        _ = self.lawful_bases, self.exceptions

    # -- readers -------------------------------------------------------------------------------

    @property
    def lawful_bases(self) -> LawfulBases:
        if self._lawful is None:
            self._lawful = LawfulBases(self)
        return self._lawful

    @property
    def exceptions(self) -> Exceptions:
        if self._exceptions is None:
            self._exceptions = Exceptions(self)
        return self._exceptions

    def citations(self, text: str) -> list[Citation]:
        """All article citations in ``text`` (any law), judged as lawful-basis citations."""
        if not text or not any(ch.isdigit() for ch in text):
            return []
        return self._citation_parser().parse(text)

    def _citation_parser(self) -> _CitationParser:
        if self._citer is None:
            lb = self.data("lawful_bases")
            statutes = self.terms("statutes")
            repealed = {e["code"] for e in self.data("misc")["statutes"] if e.get("code") and e.get("ingetrokken")}
            gdpr = {e["code"] for e in self.data("misc")["statutes"] if e.get("code") and e.get("gdpr")}
            self._citer = _CitationParser(statutes, lb.get("non_basis_provisions") or (), repealed, gdpr)
        return self._citer

    def is_none(self, text: str) -> bool:
        """True when a whole value says "nothing" (geen, none, n.v.t., -, ...), see misc.none_values."""
        answer = self._none_memo.get(text)
        if answer is None:  # the same few values ("geen", "Toestemming", …) come back on every row
            answer = _none_key(text) in self._none_keys()
            _remember(self._none_memo, text, answer)
        return answer

    def _none_keys(self) -> frozenset[str]:
        if self._none is None:
            self._none = frozenset(_none_key(v) for v in self.data("misc")["none_values"])
        return self._none

    def durations(self, text: str) -> list[Duration]:
        """Numbers with a time unit (retention periods), in text order."""
        found = self._dur_memo.get(text)
        if found is None:  # a register repeats its periods row after row
            found = tuple(self._durations(text))
            _remember(self._dur_memo, text, found)
        return list(found)

    def _durations(self, text: str) -> list[Duration]:
        rx, words, unit_ts, units = self._duration_reader()
        out: list[Duration] = []
        if not text:
            return out
        src, low, starts = _folded(text)
        for m in rx.finditer(low):
            um = unit_ts.match(src, m.end())
            if um is None:
                continue
            value = max(_num(m.group(g), words) for g in ("a", "b") if m.group(g))
            uid = um.entry["id"]
            s, e = _unmap(starts, m.start()), _unmap(starts, um.end)
            out.append(Duration(value, uid, value * units[uid], s, e, text[s:e]))
        return out

    def _duration_reader(self):
        if self._dur is None:
            r = self.data("retention")
            words = {normalise(k): float(v) for k, v in (r.get("number_words") or {}).items()}
            alts = sorted(words, key=len, reverse=True)
            num = r"\d+(?:[.,]\d+)?|" + "|".join(re.escape(w) for w in alts)
            rx = re.compile(
                r"(?<![\w.,])(?P<a>" + num + r")(?:[ \t]*(?:-|\u2013|tot(?:[ \t]+en[ \t]+met)?|t/m|a|of|to|or)[ \t]*"
                r"(?P<b>" + num + r"))?[ \t]*"
            )
            units = {e["id"]: float(e["days"]) for e in r["units"]}
            self._dur = (rx, words, self.terms("retention_units"), units)
        return self._dur


def _num(s: str, words: Mapping[str, float]) -> float:
    try:
        return float(s.replace(",", "."))
    except ValueError:
        return words[normalise(s)]


def _none_key(text: str) -> str:
    return normalise(str(text)).strip(" .;:,!()[]\"'") or str(text).strip()


_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def _validate_file(name: str, data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise VocabularyError(f"{where}: a vocabulary file is a mapping of sections")
    _validate_tree(data, where)
    for (fname, section), keys in _REQUIRED.items():
        if fname != name:
            continue
        entries = data.get(section)
        if not isinstance(entries, list):
            raise VocabularyError(f"{where}.{section}: missing or not a list")
        for n, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise VocabularyError(f"{where}.{section}[{n}]: expected a mapping")
            missing = [k for k in keys if k not in entry]
            if missing:
                raise VocabularyError(f"{where}.{section}[{n}] ({entry.get('id', '?')}): missing {', '.join(missing)}")
    termsets = data.get("termsets") or {}
    if not isinstance(termsets, dict):
        raise VocabularyError(f"{where}.termsets: expected a mapping of term-list names")
    for tsname, spec in termsets.items():
        if not isinstance(tsname, str) or not _NAME_RE.match(tsname):
            raise VocabularyError(f"{where}.termsets: {tsname!r} is not a valid name (lower_snake_case)")
        items, excepts = _termset_items(name, data, tsname, spec, f"{where}.termsets.{tsname}")
        for _, t, item_where in items:
            tw = item_where.replace(f"{name}.", f"{where}.", 1) if not item_where.startswith(where) else item_where
            spec_t = t
            if isinstance(t, Mapping):
                if "pattern" in t and "term" not in t:
                    _validate_pattern(t["pattern"], tw)
                    continue
                spec_t = t.get("term")
                if "near" in t and not isinstance(t["near"], list):
                    raise VocabularyError(f"{tw}.near: expected a list of terms")
                for nt in t.get("near") or ():
                    _parse_term(nt, f"{tw}.near")
            _parse_term(spec_t, tw, bool(isinstance(t, Mapping) and t.get("case_sensitive")))
        for t in excepts:
            _parse_term(t, f"{where}.termsets.{tsname}.except")
    if name == "lawful_bases":
        letters = [b.get("letter") for b in data["bases"]]
        if sorted(letters) != list(LETTERS):
            raise VocabularyError(f"{where}.bases: need exactly one entry per letter a-f, got {letters}")
        for n, m in enumerate(data.get("misnomers") or ()):
            if m.get("suggest") not in (None, *LETTERS):
                raise VocabularyError(f"{where}.misnomers[{n}].suggest: expected a letter a-f or null")
        for n, m in enumerate(data.get("ambiguous") or ()):
            cands = m.get("candidates")
            if not isinstance(cands, list) or not cands or any(c not in LETTERS for c in cands):
                raise VocabularyError(f"{where}.ambiguous[{n}].candidates: expected a list of letters a-f")
    if name == "dpia":
        nums = sorted(e.get("nummer") for e in data["ap_list"])
        if any(not isinstance(x, int) for x in nums) or len(set(nums)) != len(nums):
            raise VocabularyError(f"{where}.ap_list: 'nummer' must be distinct integers")
    if name == "retention":
        for n, u in enumerate(data["units"]):
            if not isinstance(u.get("days"), (int, float)) or u["days"] <= 0:
                raise VocabularyError(f"{where}.units[{n}].days: expected a positive number")
    if name == "misc":
        nv = data.get("none_values")
        if not isinstance(nv, list) or not all(isinstance(x, str) for x in nv):
            raise VocabularyError(f"{where}.none_values: expected a list of strings")
    return data


@functools.lru_cache(maxsize=1)
def _shipped_texts() -> dict[str, str]:
    """The shipped vocabulary files' text, by name (without .yaml)."""
    root = resources.files("avglint.rules") / "vocab"
    texts: dict[str, str] = {}
    for item in sorted(root.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            try:
                texts[item.name[: -len(".yaml")]] = item.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise VocabularyError(f"vocabulary file {item.name}: cannot read it: {exc}") from None
    if not texts:
        raise VocabularyError("no vocabulary files found in avglint.rules/vocab")
    return texts


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    files: dict[str, Any] = {}
    for name, text in _shipped_texts().items():
        try:
            files[name] = load_yaml(text)
        except Exception as exc:  # yaml.YAMLError
            raise VocabularyError(f"vocabulary file {name}.yaml: cannot read it: {exc}") from None
    return files


def _build(overrides: Mapping[str, Any] | None) -> Vocabularies:
    if not overrides:
        files = copy.deepcopy(_shipped())
        for fname in files:
            _validate_file(fname, files[fname], f"{fname}.yaml")
        return Vocabularies({k: _freeze(v) for k, v in files.items()})
    if not isinstance(overrides, Mapping):
        raise VocabularyError(f"vocabularies: expected a mapping of vocabulary names, got {_typename(overrides)}")
    base = _default()
    shipped = _shipped()
    files: dict[str, Any] = dict(base._files)
    for fname, over in overrides.items():
        if fname not in shipped:
            raise VocabularyError(f"vocabularies.{fname}: no such vocabulary{_suggest(fname, shipped)} "
                                  f"(known: {', '.join(shipped)})")
        data = _merge(copy.deepcopy(shipped[fname]), over, f"vocabularies.{fname}", top_level=True)
        files[fname] = _freeze(_validate_file(fname, data, f"vocabularies.{fname}"))
    # term lists of files the user did not touch are shared with the default set
    return Vocabularies(files, share=base, changed=set(overrides))


@functools.lru_cache(maxsize=1)
def _default() -> Vocabularies:
    """The shipped vocabularies, built and compiled once and then read from the cache between runs."""
    texts = _shipped_texts()
    try:
        code = Path(__file__).read_bytes()  # this module decides how the files are compiled
    except OSError:
        code = None
    content_key = None if code is None else cache.key(code, *(f"{n}\0{t}" for n, t in texts.items()))
    if content_key is not None:
        cached = cache.load("vocabularies", content_key, Vocabularies)
        if cached is not None:
            return cached
    vocab = _build(None)
    if content_key is not None:
        vocab.prepare()
        cache.store("vocabularies", content_key, vocab)
    return vocab


@functools.lru_cache(maxsize=8)
def _with_overrides(key: str) -> Vocabularies:
    return _build(json.loads(key))


def load(overrides: Mapping[str, Any] | None = None) -> Vocabularies:
    """The vocabularies, optionally merged with the user's ``vocabularies:`` configuration.

    Merge semantics (documented in rules/vocab/README.md): a mapping merges key by key;
    a list is extended (entries with an existing ``id`` are merged into that entry,
    new ones appended, duplicate terms ignored); ``{_replace: [...]}`` replaces a list,
    ``{_remove: [...]}`` removes items by id or value, ``{_add: [...]}`` extends;
    an entry with ``_replace: true`` replaces the entry of the same id, one with
    ``_remove: true`` removes it; a scalar replaces the scalar. Raises VocabularyError.
    Results are cached (the default set for the process, a few override sets by value).
    """
    if not overrides:
        if overrides is not None and not isinstance(overrides, Mapping):
            raise VocabularyError(f"vocabularies: expected a mapping, got {_typename(overrides)}")
        return _default()
    if not isinstance(overrides, Mapping):
        raise VocabularyError(f"vocabularies: expected a mapping of vocabulary names, got {_typename(overrides)}")
    try:  # dates from the user's YAML become ISO strings, which validation accepts
        key = json.dumps(overrides, sort_keys=True, ensure_ascii=False, default=_json_default)
    except (TypeError, ValueError):
        return _build(overrides)
    return _with_overrides(key)


def _json_default(obj: Any) -> Any:
    if isinstance(obj, _dt.date):
        return obj.isoformat()
    raise TypeError(type(obj).__name__)
