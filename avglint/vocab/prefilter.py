"""What a text must contain for a term list to match it, known before its expression runs.

Nineteen of twenty scans of a term list find nothing, and a scan costs a regular-expression
search over the text (two when it has in-word hyphens). Every match of a term contains the
term's letters: each run of letters or digits in a term starts a word in the text, except a
compound-end or compound-part term's first, which may stand inside a word; and a run that
something follows in the term ends a word in the text, as a term's last run does with the
endings its kind allows. So a list keeps, for each of its terms, its longest run that starts
a word: the whole word (a *word key*, with its endings when it may take them) when the run
ends one, else its first ``KEY_LENGTH`` letters (a *prefix key*); when only a first run inside
a word is left, that run whole (an *inner key*); a raw pattern gives the literal text every
match of it contains (``pattern_literals``), or nothing when it has none, and then the list is
always scanned.

A text is read once: each of its words, in the text and in its copy without in-word hyphens
(``TermSet`` scans both), gives through ``_WHOLE`` and ``_STARTS`` the lists whose word and prefix
keys it holds (one bit per list); an inner key made only of letters or digits stands inside one
word, so each word (read once for all texts) also gives the lists whose such keys it holds. Only
the other inner keys ("as long as", "o.a.") are looked for in a text, list by list. A list
registers when it is made or read back from the cache, and gets its bit when it first scans;
then the texts read so far are read again.
"""

from __future__ import annotations

import functools
import operator
import re
from typing import NamedTuple, Sequence

from ..readings import reading, table
from .fold import _fold_1to1, _prepare

try:  # the parser of Python's own regular expressions; without it patterns are not prefiltered
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11 is not supported; a later one may move them
    _sre = _sre_parse = None

KEY_LENGTH = 12  # letters of a key words start with: enough to tell compounds apart
# The endings a term's last word may take (terms._INFLECT_TAIL: -en -n -e -s; -'s is a word of its own).
INFLECTIONS = ("", "e", "n", "en", "s")
_KEY_CHAR = re.compile(r"[^\W_]")  # what a term's run is made of (as the expression's word boundary sees it)
# A run of letters or digits: a text's words (each run starts one; finding word starts with a look-behind
# tried at every character cost thrice as much), and inner keys read with them.
_RUN = re.compile(r"[^\W_]+")
# A run of hyphens between letters or digits (the expression starts with the hyphen so that the
# engine jumps from hyphen to hyphen instead of trying a look-behind at every character).
INWORD_HYPHENS = re.compile(r"-(?<=[^\W_]-)-*(?=[^\W_])")

# a key words start with, and each start of one -> the lists (bits) that have it as their key (or 0): a word's
# starts are looked up until one is no key's start
_STARTS: dict[str, int] = {}
_WHOLE: dict[str, int] = {}  # a word -> the lists (bits) with a key that is this word
_INSIDE: dict[str, int] = {}  # an inner key that is a run of letters or digits -> the lists (bits) that have it
_WORDS: dict[str, int] = {}  # a text's word -> the lists with a key it is, starts with or holds
_WORDS_LIMIT = 50_000  # starts again when full: a register's common words come back at once
_MASKS: dict[int, int] = {}  # one object for each set of lists: words and texts share a few thousand
_waiting: list = []  # lists made since the last text was read, without a bit
_bits = 0
# Texts whose keys are remembered: a mask is a shared object, so a text costs a slot of a table, and the
# 450,000 distinct texts of a large register fit (at the general limit, each rule would read them again).
TEXTS_LIMIT = 1_000_000


def term_keys(atoms: Sequence[str], kind: str) -> tuple[str, str]:
    """The key of one term (its atoms as compiled, its kind as the term syntax reads it) and how a text holds it:

    - ``"prefix"``: a word of the text starts with the key (the term's run may go on: ``gezondheid*``);
    - ``"word"``: a word of the text is the key (a run with something after it in the term, or a last run
      that takes no ending: ``=BSN``, digits);
    - ``"inflected"``: a word is the key with one of ``INFLECTIONS`` (a ``word`` or compound-end term's last
      run, as ``terms._INFLECT_TAIL`` lets it end);
    - ``"text"``: the folded text contains the key (when the runs that start words are short: ``o.a.``,
      ``en/of``; or a compound end or part, whose first run may stand inside a word: ``*camera``).

    A run is the key when it starts a word, which every run does but the first of a compound end or part;
    of those the longest, where a run that ends a word counts a letter more than one that may go on (fewer
    words are ``patient`` than start with ``dossier``), and of equals the longer run."""
    runs: list[tuple[str, str]] = []  # (run of letters and digits, how a text holds it)
    literals: list[str] = []  # runs of characters the expression takes as written
    run = literal = ""
    for atom in atoms:
        if _KEY_CHAR.fullmatch(atom):
            run += atom
            literal += atom
            continue
        if run:
            runs.append((run, "word"))  # something follows: the text's word ends where the run does
            run = ""
        if atom in (" ", "-"):  # white space and/or hyphens; an optional hyphen
            literals.append(literal)
            literal = ""
        elif atom == ".":  # a full stop and perhaps a space
            literals.append(literal + ".")
            literal = ""
        else:
            literal += atom
    if run:
        ending = ("prefix" if kind in ("start", "part") else "word" if kind == "exact" or not run[-1].isalpha()
                  else "inflected")
        runs.append((run, ending))
    literals.append(literal)
    starting = runs[1:] if kind in ("end", "part") else runs
    best, how = max(starting, key=lambda r: (len(r[0]) + (r[1] != "prefix"), len(r[0])), default=("", "prefix"))
    if len(best) >= 3:
        return (best[:KEY_LENGTH], how) if how == "prefix" else (best, how)
    longest = max(literals, key=len)
    if len(longest) > len(best):
        return longest, "text"
    return best, how


def pattern_literals(pattern: str) -> tuple[str, ...] | None:
    """Texts one of which every match of ``pattern`` contains (no hyphens: they may be gone from the copy
    the lists also scan), or None when none is known."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern, 0)
    except Exception:  # noqa: BLE001 - whatever the private parser does, the list is still scanned in full
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _required(parsed)
    return tuple(sorted(found)) if found else None


def _required(sub) -> frozenset[str] | None:
    """The best set of texts one of which a match of ``sub`` (a parsed pattern) contains."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        parts = [p for p in "".join(run).split("-") if p]
        if parts:
            candidates.append(frozenset([max(parts, key=len)]))
        run.clear()

    for op, av in sub.data:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        close()
        found = None
        if op is _sre.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            found = None if add_flags & re.IGNORECASE else _required(inner)
        elif op is _sre.BRANCH:
            alternatives = [_required(inner) for inner in av[1]]
            if all(alternatives):
                found = frozenset().union(*alternatives)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            low_count, _high, inner = av
            found = _required(inner) if low_count >= 1 else None
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            found = _required(av)
        if found:
            candidates.append(found)
    close()
    good = [c for c in candidates if min(map(len, c)) >= 3]
    if good:  # fewest texts to look for, then the longest
        return min(good, key=lambda c: (len(c), -min(map(len, c))))
    return max(candidates, key=lambda c: min(map(len, c)), default=None)


class ListKeys(NamedTuple):
    """A list's keys as it keeps them (see ``term_keys``)."""

    starts: frozenset[str]  # keys a word of the text starts with
    texts: tuple[str, ...]  # keys looked for in the text itself ("as long as", "o.a.")
    inside: frozenset[str]  # keys made only of letters or digits, which stand inside one word
    words: frozenset[str]   # words the text may have (inflected keys with each of their endings)


def list_keys(keys: dict[str, set[str]]) -> ListKeys:
    """A list's keys as it keeps them, from its terms' keys by how a text holds them (``term_keys``)."""
    inner = keys["text"]
    runs = frozenset(key for key in inner if _RUN.fullmatch(key))
    words = keys["word"] | {key + ending for key in keys["inflected"] for ending in INFLECTIONS}
    return ListKeys(frozenset(keys["prefix"]), tuple(sorted(inner - runs)), runs, frozenset(words))


def register(termset) -> None:
    """A new list (with word keys): it gets its bit when it is first asked about a text (``bit_of``)."""
    _waiting.append(termset)


def _give_bits() -> None:
    global _bits  # noqa: PLW0603 - the index is the process's, like the readings' tables
    for termset in _waiting:
        bit = 1 << _bits
        _bits += 1
        keys = termset._keys
        for key in keys.starts:
            for n in range(1, len(key)):
                _STARTS.setdefault(key[:n], 0)
            _STARTS[key] = _STARTS.get(key, 0) | bit
        for key in keys.inside:
            _INSIDE[key] = _INSIDE.get(key, 0) | bit
        for key in keys.words:
            _WHOLE[key] = _WHOLE.get(key, 0) | bit
        termset._bit = bit
    _inside.cache_clear()  # made again with the keys of these lists
    _waiting.clear()
    _WORDS.clear()
    _MASKS.clear()
    table(text_keys).clear()  # read without these lists' bits


@functools.lru_cache(maxsize=1)
def _inside() -> tuple[re.Pattern, dict[str, int]]:
    """An expression that finds, at each position of a word, the longest key of ``_INSIDE`` that starts there,
    and for each key the lists (bits) of the keys it starts with (they start there too), its own included."""
    trie: dict = {}
    for key in _INSIDE:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    bits = {key: _INSIDE[key] | functools.reduce(operator.or_, (_INSIDE.get(key[:n], 0) for n in range(1, len(key))), 0)
            for key in _INSIDE}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(kid) for ch, kid in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer key first

    return re.compile("(?=(" + emit(trie) + "))"), bits


def bit_of(termset) -> int:
    if termset._bit is None:
        _give_bits()
    return termset._bit


def _word_mask(word: str) -> int:
    mask = _WHOLE.get(word, 0)
    for n in range(1, min(len(word), KEY_LENGTH) + 1):
        found = _STARTS.get(word[:n])
        if found is None:
            break
        mask |= found
    if _INSIDE:
        finder, bits = _inside()
        for key in finder.findall(word):
            mask |= bits[key]
    if len(_WORDS) >= _WORDS_LIMIT:
        _WORDS.clear()
        _MASKS.clear()
    mask = _WORDS[word] = _MASKS.setdefault(mask, mask)
    return mask


@reading(reader=None, limit=TEXTS_LIMIT)
def text_keys(text: str) -> int:
    """The lists (bits) with a key that is one of ``text``'s words, starts one, or is a run inside one."""
    low = _fold_1to1(_prepare(text)[0])  # not _folded: a text no list scans is not kept
    words = _RUN.findall(low)
    if "-" in low:  # and the words in-word hyphens join (no hyphen is removed beside white space)
        for token in low.split():
            if "-" in token:
                words += _RUN.findall(INWORD_HYPHENS.sub("", token))
    known = _WORDS
    mask = 0
    for word in words:
        got = known.get(word)
        mask |= _word_mask(word) if got is None else got
    return _MASKS.setdefault(mask, mask)


TEXT_MASKS = table(text_keys)  # what ``text_keys`` read so far: look here first (a reading's table is kept)


@reading(reader=None)
def joined(text: str) -> str:
    """``text`` folded, without in-word hyphens: where a list's other keys must stand as written."""
    low = _fold_1to1(_prepare(text)[0])
    return INWORD_HYPHENS.sub("", low) if "-" in low else low
