"""Term lists compiled into one leftmost-longest regular expression each (``TermSet``, ``compile_terms``)."""

from __future__ import annotations

import bisect
import itertools
import re
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

from .. import cache
from ..readings import reading, table
from .errors import VocabularyError
from .fold import _LB, _SEP, _TAIL, _folded, _unmap, words_pattern
from .frozen import _freeze
from .prefilter import (
    INWORD_HYPHENS,
    TEXT_MASKS,
    ListKeys,
    bit_of,
    joined,
    junction_keys,
    junction_mask,
    list_keys,
    pattern_literals,
    register,
    term_keys,
    text_keys,
)
from .term_syntax import _DEFAULT_NEAR_WINDOW, _TERM_KEYS, _parse_term, _strip_marks, _validate_pattern


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

    def __reduce__(self):  # in the cache between runs: a call reads back faster than the slots' state
        return _Item, (self.entry, self.near, self.window, self.letters)


class _Slot:
    __slots__ = ("term", "kind", "items", "veto")

    def __init__(self, term: str, kind: str, items: list[_Item] | None = None, veto: bool = False):
        self.term = term
        self.kind = kind
        self.items: list[_Item] = [] if items is None else items
        self.veto = veto

    def __reduce__(self):  # as _Item's
        return _Slot, (self.term, self.kind, self.items, self.veto)


class _Node:
    __slots__ = ("kids", "ends")

    def __init__(self) -> None:
        self.kids: dict[str, _Node] = {}
        self.ends: dict[str, _Slot] = {}


def _stored_termset(name: str, entries: tuple, has_s: bool, np_: int, size: int, keys: ListKeys | None,
                    firsts: frozenset[str] | None, stored: cache.Deferred) -> TermSet:
    """A term list read back from the cache, its expression and slots still stored (see TermSet.__reduce__)."""
    termset = TermSet.__new__(TermSet)
    termset.name, termset.entries, termset._has_s, termset._np, termset._size = name, entries, has_s, np_, size
    termset._keys, termset._bit, termset._firsts = keys, None, firsts
    if keys is not None:
        register(termset)
    termset._stored = stored
    return termset


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



class TermSet:
    """A named list of terms compiled into one regular expression (see the module doc).

    The expression runs on a folded copy of the text that has the same length as the
    text (lower case, no diacritics, hyphen variants as '-', apostrophes as "'"), so
    match offsets are offsets into the original. Raw ``patterns`` see that folded text.
    """

    __slots__ = ("name", "entries", "_re", "_has_s", "_np", "_slots", "_size", "_keys", "_bit", "_stored", "_firsts")

    def __init__(self, name: str, items: Iterable[tuple[Mapping[str, Any], Any]], excepts: Iterable[str] = (),
                 where: str | None = None, prefilter: bool = True, frequent: Mapping[str, int] = MappingProxyType({})):
        """``items``: (entry, term) pairs; a term is a string or a mapping {term, case_sensitive, near, ...}
        or {pattern: regex}; ``excepts``: terms that veto a match of this list at their position;
        ``prefilter``: skip texts that cannot match (see prefilter; not for the short windows a ``near``
        list reads, whose list is read back from the cache only when its own is first scanned); ``frequent``:
        folded words most texts hold, with how common each is, not taken as a term's key where it has another
        (``prefilter.term_keys``)."""
        self.name = name
        self._stored = None
        where = where or f"termset {name!r}"
        p_trie, s_trie = _Node(), _Node()  # plain/exact/start terms; compound-end/part terms
        raws: list[tuple[str, _Slot]] = []
        entries: list[Mapping[str, Any]] = []
        seen_entries: set[int] = set()
        size = 0
        # what a text must hold for a match (see prefilter); a veto only takes matches away
        keys: dict[str, set[str]] | None = {"prefix": set(), "word": set(), "inflected": set(), "text": set()}
        # how the runs of terms and exceptions stand in a word that in-word hyphens join (see prefilter)
        runs: dict[str, set[str]] | None = {"prefix": set(), "word": set(), "inflected": set(), "inside": set()}
        # the letters or digits a match starts with at a word start (``match``); None when a match may start
        # with anything (a pattern) or inside a word (a compound end or part)
        firsts: set[str] | None = set()

        def add(entry, term_spec, where_t, veto=False):
            nonlocal size, keys, runs, firsts
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
                    near = TermSet(f"{name}.near", [({}, t) for t in near_terms], where=f"{where_t}.near",
                                   prefilter=False)
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
                    runs = firsts = None
                    literals = pattern_literals(pat)
                    if literals is None:
                        keys = None
                    elif keys is not None:
                        keys["text"].update(literals)
                    return
                term = term_spec["term"]
            else:
                term = term_spec
            for var in _parse_term(term, where_t, case):
                if var.kind in ("end", "part") or not var.atoms[0].isalnum():
                    firsts = None
                elif firsts is not None:
                    firsts.add(var.atoms[0])
                if not veto and keys is not None:
                    key, how = term_keys(var.atoms, var.kind, frequent)
                    keys[how].add(key)
                if runs is not None:
                    for run, how in junction_keys(var.atoms, var.kind):
                        runs[how].add(run)
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
        self._firsts = None if firsts is None else frozenset(firsts)
        self._keys = None if keys is None or not prefilter else list_keys(keys, runs)
        self._bit: int | None = None
        if self._keys is not None:
            register(self)

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

    def __reduce__(self):
        # In the cache between runs the expression and its slots (nine tenths of a list) are stored
        # apart and read back when the list is first scanned: a small check scans fewer than half.
        return _stored_termset, (self.name, self.entries, self._has_s, self._np, self._size, self._keys,
                                 self._firsts, cache.Deferred((self._re, self._slots)))

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

    def _cannot_match(self, text: str) -> bool:
        """True when ``text`` holds none of the list's keys (see prefilter): so it is for most texts and lists,
        and this costs far less than a scan, or remembering that a scan found nothing (``may_match`` asks it of
        many texts and lists at once)."""
        bit = self._bit
        mask = TEXT_MASKS.get(text) if bit is not None else None  # most often: the text was read, the list has its bit
        if mask is None:
            if self._keys is None or not text:
                return not text
            bit = bit_of(self)  # first: a list given its bit makes the texts read so far be read again
            mask = text_keys(text)
        if mask & bit:
            return False
        texts = self._keys.texts
        if texts and _marked(self._keys.marks, text):
            folded = joined(text)
            for key in texts:
                if key in folded:
                    return False
        return True

    def _scan(self, text: str, pos: int, anchored: bool, first: bool) -> list[TermMatch]:
        out: list[TermMatch] = []
        if self._stored is not None:
            self._re, self._slots = self._stored.get()
            self._stored = None
        if self._re is None:
            return out
        src, low, starts = _folded(text)
        if starts is not None and pos:
            pos = bisect.bisect_left(starts, pos)
        spans = self._spans(low, pos, anchored)
        if "-" in low and (self._bit is None or junction_mask(text) & self._bit):
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
        """All matches, leftmost-longest, non-overlapping, in text order (shared: do not change them)."""
        if self._cannot_match(text):
            return ()
        return self._find(text)

    @reading(reader=0)  # registers repeat their values row after row: each text is scanned once
    def _find(self, text: str) -> tuple[TermMatch, ...]:
        return tuple(self._scan(text, 0, False, False))

    def search(self, text: str) -> TermMatch | None:
        """The first match, or None."""
        if self._cannot_match(text):
            return None
        found = table(TermSet._find, self).get(text)
        if found is not None:
            return found[0] if found else None
        return self._first(text)

    @reading(reader=0)
    def _first(self, text: str) -> TermMatch | None:
        got = self._scan(text, 0, False, True)
        return got[0] if got else None

    def first_letters(self) -> frozenset[str] | None:
        """The folded characters every match starts with (None: a match may start with any, as a compound end's
        or a pattern's may)."""
        return self._firsts

    def match(self, text: str, pos: int = 0) -> TermMatch | None:
        """A match that starts exactly at ``pos`` (which must be a word start), or None."""
        if self._cannot_match(text):
            return None
        firsts = self._firsts
        if firsts is not None:  # most positions asked about ("2016" in "13-05-2016 in besluit") start no term
            _, low, starts = _folded(text)
            if starts is None and (pos >= len(low) or low[pos] not in firsts):
                return None
        got = self._scan(text, pos, True, True)
        return got[0] if got else None

    def covers(self, text: str, filler_words: Sequence[str]) -> bool:
        """True when matches cover ``text`` except punctuation and ``filler_words`` (``misc.filler_words``:
        en/of, de, the, ...).

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
        leftover = _filler_pattern(tuple(filler_words)).sub(" ", " ".join(rest))
        return not any(ch.isalnum() for ch in leftover)


def may_match(termsets: Sequence[TermSet], texts: Iterable[str]) -> list[str]:
    """The texts of ``texts`` in which one of ``termsets`` may have a match: the others have none (as
    ``TermSet._cannot_match`` tells, for many texts at once)."""
    bits = 0
    inner: list[str] = []  # keys looked for in the text itself (see prefilter)
    inner_marks: str | None = ""  # characters one of which a text holds when it holds one of them (None: unknown)
    for termset in termsets:
        if termset._keys is None:  # a list that is always scanned
            return [text for text in texts if text]
        bits |= bit_of(termset)
        if termset._keys.texts:
            inner += termset._keys.texts
            marked = termset._keys.marks
            inner_marks = inner_marks + marked if inner_marks is not None and marked else None
    texts = list(texts)
    masks = list(map(TEXT_MASKS.get, texts))  # most texts were read: their keys are looked up in one pass
    if None in masks:
        masks = [(text_keys(text) if text else 0) if mask is None else mask for text, mask in zip(texts, masks)]
    if not inner:
        return list(itertools.compress(texts, map(bits.__and__, masks)))
    out = []
    for text, mask in zip(texts, masks):
        if mask & bits:
            out.append(text)
        elif text and _marked(inner_marks, text):
            folded = joined(text)
            for key in inner:
                if key in folded:
                    out.append(text)
                    break
    return out


def _marked(marks: str | None, text: str) -> bool:
    """Whether ``text`` may hold a key with these marks (``prefilter.marks``; "" or None: they are not known)."""
    if not marks:
        return True
    for mark in marks:
        if mark in text:
            return True
    return False


_WORDRUN = re.compile(r"(?:[^\W_]|-(?=[^\W_]))*")


# Kept for the last texts only: the lists a rule asks about a text scan it one after another, and a copy
# kept for every text was a twentieth of a large check's memory.
@reading(reader=None, limit=10_000)
def _dehyphenated(low: str) -> tuple[str, list[int], list[int]] | None:
    """``low`` without hyphens between letters, the removed positions (in ``low``) and, for each,
    the position in the copy where it was; None when there are none."""
    removed = [i for m in INWORD_HYPHENS.finditer(low) for i in range(m.start(), m.end())]
    if not removed:
        return None
    moved = [h - k for k, h in enumerate(removed)]
    return INWORD_HYPHENS.sub("", low), removed, moved


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


@reading(reader=None)
def _filler_pattern(words: tuple[str, ...]) -> re.Pattern:
    """The words as whole words, in any case."""
    return re.compile(r"(?i)(?<![^\W_])(?:" + words_pattern(words) + r")(?![^\W_])")


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
