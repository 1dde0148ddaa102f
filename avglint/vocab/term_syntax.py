"""The term syntax of rules/vocab/*.yaml (described in rules/vocab/README.md), parsed into variants
and checked."""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Any

_TERM_KEYS = frozenset({"term", "case_sensitive", "near", "near_window"})
_DEFAULT_NEAR_WINDOW = 80
from .errors import VocabularyError
from .fold import _WS, _fold_1to1


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
