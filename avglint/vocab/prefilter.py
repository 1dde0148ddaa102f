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
the other inner keys ("as long as", "o.a.") are looked for in a text, list by list, and only in a
text that holds one of their marks ("." of "o.a.", ``marks``) when each has one. A list
registers when it is made or read back from the cache, and gets its bit when it first scans;
then the texts read so far are read again.

A list that scans a text with in-word hyphens scans its copy without them as well, for matches
across a hyphen ("zorg-alarmering", "bewakings-camera"), and most find none. Such a match takes
letters of a word that the hyphens join, and every letter it takes is matched by a run of its
term (an ending follows a run without a break), which lies wholly in that word. So the run is the
word (a run that something follows in the term), the word with an ending (a last run), the word's
start (``gezondheid*``) or, for a compound end's or part's first run, somewhere inside it. The
copy is scanned only when a joined word holds a run of one of the list's terms or exceptions in
that way (``junction_mask``; an exception's match takes matches away), or when the list has
patterns.
"""

from __future__ import annotations

import array
import functools
import itertools
import operator
import re
from types import MappingProxyType
from typing import Iterable, Mapping, NamedTuple, Sequence

from ..readings import reading, table
from .fold import _FOLD, _fold_1to1, _folded, _prepare

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
# An ASCII text's words, as bytes split in C (a third of the cost of ``_RUN``): its bytes with the letters and
# digits in lower case and the rest spaces, and with hyphens kept, the runs in-word hyphens join.
_ASCII_WORDS = bytes(byte if chr(byte).isalnum() and byte < 128 else 32 for byte in range(256)).lower()
_ASCII_HYPHENATED = _ASCII_WORDS[:45] + b"-" + _ASCII_WORDS[46:]
_ASCII_JOINS = re.compile(rb"(?<![a-z0-9])[a-z0-9]++(?:-++[a-z0-9]++)++")
# A run of hyphens between letters or digits (the expression starts with the hyphen so that the
# engine jumps from hyphen to hyphen instead of trying a look-behind at every character).
INWORD_HYPHENS = re.compile(r"-(?<=[^\W_]-)-*(?=[^\W_])")

_WORDS_LIMIT = 50_000  # starts again when full: a register's common words come back at once
_MASKS: dict[int, int] = {}  # one object for each set of lists: words and texts share a few thousand
_waiting: list = []  # lists made since the last text was read, without a bit
_given: list = []  # the lists with a bit, in the order of their bits
_bits = 0
# Texts whose keys are remembered: a mask is a shared object, so a text costs a slot of a table, and the
# 450,000 distinct texts of a large register fit (at the general limit, each rule would read them again).
TEXTS_LIMIT = 1_000_000


def _runs(atoms: Sequence[str], kind: str) -> tuple[list[tuple[str, str]], list[str]]:
    """A term's runs of letters and digits, each with how a text's word holds it when the run starts that word
    (``term_keys``), and the runs of characters its expression takes as written."""
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
    return runs, literals


def term_keys(atoms: Sequence[str], kind: str, frequent: Mapping[str, int] = MappingProxyType({})) -> tuple[str, str]:
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
    words are ``patient`` than start with ``dossier``), and of equals the longer run; a word of ``frequent``
    only when the term has no other, as most texts of a register hold it and the key would let them all be
    scanned: ``frequent`` gives how common each such word is, and the commonest is taken last (1 for
    ``misc.frequent_words``: "medewerkers", "klanten"; 2 for ``misc.function_words``: "van", "in")."""
    runs, literals = _runs(atoms, kind)
    starting = runs[1:] if kind in ("end", "part") else runs
    best, how = max(starting, key=lambda r: (-frequent.get(r[0], 0), len(r[0]) + (r[1] != "prefix"), len(r[0])),
                    default=("", "prefix"))
    if len(best) >= 3:
        return (best[:KEY_LENGTH], how) if how == "prefix" else (best, how)
    longest = max(literals, key=len)
    if len(longest) > len(best):
        return longest, "text"
    return best, how


def junction_keys(atoms: Sequence[str], kind: str) -> list[tuple[str, str]]:
    """Every run of a term, with how a word holds it where a match of the term takes letters of that word
    (``junction_mask``): as ``term_keys`` says of a run that starts a word, and ``"inside"`` (anywhere in the
    word) for the first run of a compound end or part."""
    runs = _runs(atoms, kind)[0]
    if kind in ("end", "part"):
        runs[0] = (runs[0][0], "inside")
    return runs


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
    # every run of every term and exception, as ``junction_keys`` reads it (``texts`` empty); None when
    # the list has patterns, which may match anything across an in-word hyphen
    joins: ListKeys | None = None
    # characters one of which a text holds, as written, when it holds one of ``texts`` (``marks``); "" when
    # some key has none ("as long as")
    marks: str = ""


def list_keys(keys: dict[str, set[str]], runs: dict[str, set[str]] | None = None) -> ListKeys:
    """A list's keys as it keeps them, from its terms' keys by how a text holds them (``term_keys``), and
    the runs of its terms and exceptions by how a word holds them (``junction_keys``; None: it has patterns)."""
    inner = {_inner_run(key) for key in keys["text"]}
    inside = frozenset(key for key in inner if _RUN.fullmatch(key))
    joins = None if runs is None else ListKeys(frozenset(key[:KEY_LENGTH] for key in runs["prefix"]), (),
                                               frozenset(runs["inside"]), _words(runs))
    texts = tuple(sorted(inner - inside))
    return ListKeys(frozenset(keys["prefix"]), texts, inside, _words(keys), joins, marks(texts))


def _inner_run(key: str) -> str:
    """A text key as the list keeps it: its longest run of letters or digits when that has three or more (the
    run stands inside a word of any text that holds the key, where the word index finds it: "jonger dan" of
    a pattern's "jonger dan \\d+"), else the key itself ("o.a.", "en/of")."""
    run = max(_RUN.findall(key), key=len, default="")
    return run if len(run) >= 3 else key


def marks(keys: Iterable[str]) -> str:
    """Characters one of which a text holds, as written, when its folded copy without in-word hyphens
    (``joined``) holds one of ``keys``: for each key, the characters that fold to a mark of it (not a letter,
    digit or white space: "." of "o.a.", "/" of "n/a"); "" when a key has no such mark. Most texts hold none,
    and are then known to hold no key without being folded."""
    found = ""
    for key in keys:
        mark = next((ch for ch in key if not ch.isalnum() and not ch.isspace()), None)
        if mark is None:
            return ""
        found += "".join(_written_as(mark))
    return "".join(sorted(set(found)))


@functools.lru_cache(maxsize=None)
def _written_as(mark: str) -> frozenset[str]:
    """The characters that fold to ``mark`` (itself among them)."""
    return frozenset([mark, *(chr(point) for point, folded in _FOLD.items() if folded == mark),
                      *(ch for ch in (mark.upper(), mark.lower()) if _fold_1to1(ch) == mark)])


def _words(keys: dict[str, set[str]]) -> frozenset[str]:
    return frozenset(keys["word"] | {key + ending for key in keys["inflected"] for ending in INFLECTIONS})


def register(termset) -> None:
    """A new list (with word keys): it gets its bit when it is first asked about a text (``bit_of``)."""
    _waiting.append(termset)


class _Index:
    """The lists (bits) with a key a word is, starts with, or holds inside it."""

    __slots__ = ("starts", "whole", "inside", "words", "ascii_words", "_finder")

    def __init__(self) -> None:
        # a key words start with, and each start of one -> the lists that have it as their key (or 0): a
        # word's starts are looked up until one is no key's start
        self.starts: dict[str, int] = {}
        self.whole: dict[str, int] = {}   # a word -> the lists with a key that is this word
        self.inside: dict[str, int] = {}  # a key that stands inside a word -> the lists that have it
        self.words: dict[str, int] = {}   # a word read -> the lists with a key it is, starts with or holds
        self.ascii_words: dict[bytes, int] = {}  # the same, for words of ASCII texts, as their bytes
        self._finder: tuple[re.Pattern, dict[str, int]] | None = None

    def add(self, keys: ListKeys, bit: int) -> None:
        starts, inside, whole = self.starts, self.inside, self.whole  # at start-up: some 25,000 keys in all
        for key in keys.starts:
            for n in range(1, len(key)):
                starts.setdefault(key[:n], 0)
            starts[key] = starts.get(key, 0) | bit
        for key in keys.inside:
            inside[key] = inside.get(key, 0) | bit
        for key in keys.words:
            whole[key] = whole.get(key, 0) | bit
        if keys.inside:
            self._finder = None  # made again with these keys
        self._forget_words()

    def _forget_words(self) -> None:
        """Read every word again: the lists changed, or the words read are too many."""
        self.words.clear()
        self.ascii_words.clear()

    def mask(self, words: list[str], mask: int = 0) -> int:
        """``mask`` with the lists whose keys ``words`` hold (one shared object for each set of lists)."""
        known = self.words
        for word in words:
            got = known.get(word)
            mask |= self.word_mask(word) if got is None else got
        return _MASKS.setdefault(mask, mask)

    def ascii_mask(self, words: list[bytes], mask: int = 0) -> int:
        """``mask`` for the words of an ASCII text, as bytes (``_ASCII_WORDS``): when all were read before, as
        most are, their lists are joined in one pass in C (a word not read yet makes it -1)."""
        known = self.ascii_words
        joined = functools.reduce(operator.or_, map(known.get, words, itertools.repeat(-1)), mask)
        if joined >= 0:
            mask = joined
        else:
            for word in words:
                got = known.get(word)
                if got is None:
                    got = known[word] = self.word_mask(word.decode("ascii"))
                mask |= got
        return _MASKS.setdefault(mask, mask)

    def word_mask(self, word: str) -> int:
        mask = self.whole.get(word, 0)
        for n in range(1, min(len(word), KEY_LENGTH) + 1):
            found = self.starts.get(word[:n])
            if found is None:
                break
            mask |= found
        if self.inside:
            finder, bits = self._finder or self._inside()
            for key in finder.findall(word):
                mask |= bits[key]
        if len(self.words) >= _WORDS_LIMIT:
            self._forget_words()
            _MASKS.clear()
        mask = self.words[word] = _MASKS.setdefault(mask, mask)
        return mask

    def _inside(self) -> tuple[re.Pattern, dict[str, int]]:
        """An expression that finds, at each position of a word, the longest key of ``inside`` that starts
        there, and for each key the lists (bits) of the keys it starts with (they start there too), its own
        included."""
        trie: dict = {}
        for key in self.inside:
            node = trie
            for ch in key:
                node = node.setdefault(ch, {})
            node[""] = {}
        bits = {key: self.inside[key] | functools.reduce(operator.or_,
                                                         (self.inside.get(key[:n], 0) for n in range(1, len(key))), 0)
                for key in self.inside}

        def emit(node: dict) -> str:
            alts = [re.escape(ch) + emit(kid) for ch, kid in node.items() if ch]
            if not alts:
                return ""
            body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
            return f"(?:{body})?" if "" in node else body  # greedy: the longer key first

        self._finder = re.compile("(?=(" + emit(trie) + "))"), bits
        return self._finder


_KEYS = _Index()  # the lists' keys (``text_keys``)
_JOINS = _Index()  # the runs of their terms (``junction_mask``)
_joins_always = 0  # the lists with patterns


def _give_bits() -> None:
    global _bits, _joins_always  # noqa: PLW0603 - the index is the process's, like the readings' tables
    for termset in _waiting:
        bit = 1 << _bits
        _bits += 1
        keys = termset._keys
        _KEYS.add(keys, bit)
        if keys.joins is None:
            _joins_always |= bit
        else:
            _JOINS.add(keys.joins, bit)
        termset._bit = bit
        _given.append(termset)
    _waiting.clear()
    _MASKS.clear()
    table(text_keys).clear()  # read without these lists' bits
    table(junction_mask).clear()


def bit_of(termset) -> int:
    if termset._bit is None:
        _give_bits()
    return termset._bit


@reading(reader=None, limit=TEXTS_LIMIT)
def text_keys(text: str) -> int:
    """The lists (bits) with a key that is one of ``text``'s words, starts one, or is a run inside one."""
    if ", " in text:  # a field's text is its items joined so: the keys of its items, when they were read
        mask = 0
        for part in text.split(", "):
            found = TEXT_MASKS.get(part)
            if found is None:
                break
            mask |= found
        else:
            return _MASKS.setdefault(mask, mask)
    if text.isascii():  # most texts (nothing to fold but case)
        data = text.encode("ascii")
        mask = _KEYS.ascii_mask(data.translate(_ASCII_WORDS).split())
        if "-" in text:  # the joined words on their own: often read for the first time (codes, dates), and a
            # word not read yet has the others looked up again
            joined = _ASCII_JOINS.findall(data.translate(_ASCII_HYPHENATED))
            mask = _KEYS.ascii_mask([run.replace(b"-", b"") for run in joined], mask)
        return mask
    low = _fold_1to1(_prepare(text)[0])  # not _folded: a text no list scans is not kept
    words = _RUN.findall(low)
    if "-" in low:  # and the words in-word hyphens join (no hyphen is removed beside white space)
        words += _joined_words(low)
    return _KEYS.mask(words)


def _joined_words(low: str) -> list[str]:
    """The words of ``low`` (a folded text) that in-word hyphens join."""
    words: list[str] = []
    for token in low.split():
        if "-" in token:
            words += _RUN.findall(INWORD_HYPHENS.sub("", token))
    return words


@reading(reader=None, limit=TEXTS_LIMIT)  # asked only where a list scans a text with hyphens
def junction_mask(text: str) -> int:
    """The lists (bits) that may match across an in-word hyphen of ``text``, in the copy without such hyphens
    that lists scan as well: those with patterns, and those with a run of a term or exception that a word the
    hyphens join holds as a match would hold it (see the module doc)."""
    return _JOINS.mask(_joined_words(_folded(text)[1]), _joins_always)


TEXT_MASKS = table(text_keys)  # what ``text_keys`` read so far: look here first (a reading's table is kept)


class ReadKeys(NamedTuple):
    """Keys another process read (``read_keys``), in a form that is quick to send and take: each mask once."""

    lists: list[int]    # the ids of the lists, in the order of their bits
    texts: list[str]    # the texts read (as the reading keeps them: not the longest)
    masks: list[int]    # each mask of theirs once
    which: array.array  # for each text, the index of its mask


def read_keys(texts: Iterable[str]) -> ReadKeys:
    """Read the keys of ``texts`` (``text_keys``), for a process that shares this one's lists (forked after
    they were made): every text's keys read so far, with the lists in the order of their bits."""
    if _waiting:
        _give_bits()
    for text in texts:
        text_keys(text)
    masks = list(dict.fromkeys(TEXT_MASKS.values()))
    numbers = dict(zip(masks, itertools.count()))
    which = array.array("I", map(numbers.__getitem__, TEXT_MASKS.values()))
    return ReadKeys([id(termset) for termset in _given], list(TEXT_MASKS), masks, which)


def adopt(read: ReadKeys) -> int:
    """Take the keys another process read (``read_keys``) as if read here, when the lists' bits are the same
    (they are given in the order the lists were made: a list made here since gives other bits); how many."""
    if _waiting:
        _give_bits()
    if read.lists != [id(termset) for termset in _given]:
        return 0
    masks = [_MASKS.setdefault(mask, mask) for mask in read.masks]  # one object for each set of lists
    room = max(TEXTS_LIMIT - len(TEXT_MASKS), 0)
    before = len(TEXT_MASKS)
    TEXT_MASKS.update(itertools.islice(zip(read.texts, map(masks.__getitem__, read.which)), room))
    return len(TEXT_MASKS) - before


@reading(reader=None)
def joined(text: str) -> str:
    """``text`` folded, without in-word hyphens: where a list's other keys must stand as written."""
    low = _fold_1to1(_prepare(text)[0])
    return INWORD_HYPHENS.sub("", low) if "-" in low else low
