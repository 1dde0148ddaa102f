"""The ``Vocabularies`` object: every vocabulary file, frozen, with its term lists compiled on first use."""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Sequence

from ..readings import reading
from .bases import LawfulBases
from .citations import Citation, _CitationParser
from .durations import Duration, _num
from .errors import VocabularyError, dotted_path
from .fold import _fold_1to1, _folded, _unmap, normalise
from .special_exceptions import Exceptions
from .terms import TermSet, may_match
from .validate import _suggest, _termset_items


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
        self._placeholders: tuple[frozenset[str], tuple[str, ...], str, str] | None = None
        self._dur = None
        self._frequent_words: dict[str, int] | None = None

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

    def may_match(self, names: Sequence[str], texts: Iterable[str]) -> list[str]:
        """The texts of ``texts`` in which one of the term lists ``names`` may have a match (the others have none)."""
        return may_match([self.terms(name) for name in names], texts)

    def terms(self, name: str) -> TermSet:
        """A named term list (see ``termsets:`` in the YAML files and rules/vocab/README.md)."""
        ts = self._cache.get(name)
        if ts is None:
            fname, spec = self._spec(name)
            if self._share is not None and fname not in self._changed:
                ts = self._cache[name] = self._share.terms(name)
                return ts
            data = self._files[fname]
            items, excepts = _termset_items(data, spec, ("termsets", name))
            ts = TermSet(name, [(entry, term, f"{fname}.{dotted_path(data, path)}") for entry, term, path in items],
                         [term for term, _ in excepts], where=f"{fname}.termsets.{name}", frequent=self._frequent())
            self._cache[name] = ts
        return ts

    def _frequent(self) -> dict[str, int]:
        """How common the words of ``misc.frequent_words`` (1) and ``misc.function_words`` (2) are, folded as
        term keys are (``prefilter.term_keys``)."""
        if self._frequent_words is None:
            misc = self._files.get("misc") or {}
            self._frequent_words = {_fold_1to1(word.lower()).replace("-", ""): commonness
                                    for commonness, name in ((1, "frequent_words"), (2, "function_words"))
                                    for word in misc.get(name) or ()}
        return self._frequent_words

    def compile_all(self) -> None:
        """Compile every term list now (validation; normally they compile on first use)."""
        for name in self._specs:
            self.terms(name)

    def prepare(self) -> None:
        """Build every term list and reader now (before the set is cached between runs)."""
        self.compile_all()
        self._citation_parser()
        self._none_keys()
        self._placeholder_readers()
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
        return list(self._citations(text))

    @reading(reader=0)
    def _citations(self, text: str) -> tuple[Citation, ...]:
        if not text or not any(ch.isdigit() for ch in text):
            return ()
        return tuple(self._citation_parser().parse(text))

    def _citation_parser(self) -> _CitationParser:
        if self._citer is None:
            lb = self.data("lawful_bases")
            statutes = self.terms("statutes")
            repealed = {e["code"] for e in self.data("misc")["statutes"] if e.get("code") and e.get("ingetrokken")}
            gdpr = {e["code"] for e in self.data("misc")["statutes"] if e.get("code") and e.get("gdpr")}
            codes = {e["code"] for e in self.data("misc")["statutes"] if e.get("code")}
            self._citer = _CitationParser(statutes, lb.get("non_basis_provisions") or (), repealed, gdpr, codes,
                                          self.data("citations"))
        return self._citer

    @reading(reader=0)  # the same few values ("geen", "Toestemming", …) come back on every row
    def is_none(self, text: str) -> bool:
        """True when a whole value says "nothing" (geen, none, n.v.t., -, ...), see misc.none_values."""
        return _none_key(text) in self._none_keys()

    def placeholder(self, text: str) -> str | None:
        """The placeholder a value is ("TODO", "n.t.b.", "nog invullen") or starts or ends with ("TODO (Wolters
        Kluwer)", "Contact data, such as TODO"), see misc.placeholders; None for a value that is written out. Not
        remembered: it runs on every item of a register (AVG006), and these checks are cheaper than a memo."""
        values, markers, firsts, lasts = self._placeholders or self._placeholder_readers()
        if not text:
            return None
        if len(text) <= 24 and _placeholder_key(text) in values:
            return text.strip()
        # a marker's first or last letter before the comparisons: most values have neither at either end
        if text[0] in firsts and text.startswith(markers):
            return next(marker for marker in markers if text.startswith(marker))
        if text[-1] in lasts and text.endswith(markers):
            return next(marker for marker in markers if text.endswith(marker))
        return None

    def is_placeholder(self, text: str) -> bool:
        """True when a whole value is a placeholder, or starts with a marker ("TODO (Wolters Kluwer)")."""
        found = self.placeholder(text)
        return found is not None and text.lstrip().startswith(found)

    def _placeholder_readers(self) -> tuple[frozenset[str], tuple[str, ...], str, str]:
        if self._placeholders is None:
            spec = self.data("misc")["placeholders"]
            markers = tuple(spec["markers"])
            self._placeholders = (frozenset(_placeholder_key(v) for v in spec["values"]), markers,
                                  "".join({m[0] for m in markers}), "".join({m[-1] for m in markers}))
        return self._placeholders

    def _none_keys(self) -> frozenset[str]:
        if self._none is None:
            self._none = frozenset(_none_key(v) for v in self.data("misc")["none_values"])
        return self._none

    def durations(self, text: str) -> list[Duration]:
        """Numbers with a time unit (retention periods), in text order."""
        return list(self._durations(text))

    @reading(reader=0)  # a register repeats its periods row after row
    def _durations(self, text: str) -> tuple[Duration, ...]:
        rx, words, unit_ts, units = self._duration_reader()
        out: list[Duration] = []
        if not text:
            return ()
        src, low, starts = _folded(text)
        for m in rx.finditer(low):
            um = unit_ts.match(src, m.end())
            if um is None:
                continue
            value = max(_num(m.group(g), words) for g in ("a", "b") if m.group(g))
            uid = um.entry["id"]
            s, e = _unmap(starts, m.start()), _unmap(starts, um.end)
            out.append(Duration(value, uid, value * units[uid], s, e, text[s:e]))
        return tuple(out)

    def _duration_reader(self):
        if self._dur is None:
            r = self.data("retention")
            words = {normalise(k): float(v) for k, v in (r.get("number_words") or {}).items()}
            alts = sorted(words, key=len, reverse=True)
            num = r"\d+(?:[.,]\d+)?|" + "|".join(re.escape(w) for w in alts)
            unit_ts = self.terms("retention_units")
            # a number is read only where a unit may start after it (``TermSet.match`` would find none elsewhere):
            # most numbers of a register are dates and codes
            firsts = unit_ts.first_letters()
            ahead = "" if firsts is None else "(?=[" + "".join(map(re.escape, sorted(firsts))) + "])"
            rx = re.compile(
                r"(?<![\w.,])(?P<a>" + num + r")(?:[ \t]*(?:-|\u2013|tot(?:[ \t]+en[ \t]+met)?|t/m|a|of|to|or)[ \t]*"
                r"(?P<b>" + num + r"))?[ \t]*" + ahead
            )
            units = {e["id"]: float(e["days"]) for e in r["units"]}
            self._dur = (rx, words, unit_ts, units)
        return self._dur


# what is trimmed from both ends of a value before it is compared with the placeholders (ASCII words: no folding)
_PLACEHOLDER_EDGES = " \t.;:,!()[]<>\"'"


def _placeholder_key(text: str) -> str:
    """A value as compared with the placeholders: trimmed and in lower case; punctuation alone ("...") as written."""
    return text.strip(_PLACEHOLDER_EDGES).casefold() or text.strip()


def _none_key(text: str) -> str:
    return normalise(str(text)).strip(" .;:,!()[]\"'") or str(text).strip()
