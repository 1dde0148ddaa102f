"""Vocabularies (rules/vocab/*.yaml) and the matching the rules do with them.

The YAML files are data: term lists, tables and dated facts. This package loads
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

Modules, one job each: ``fold`` (folding text), ``term_syntax`` (the term syntax), ``terms`` (compiled
term lists), ``distance`` (edit distance), ``citations`` (article citations),
``bases`` (lawful bases), ``special_exceptions`` (Art. 9(2) exceptions), ``durations`` (periods),
``frozen`` (read-only data), ``validate`` (merging the user's overrides; what a schema cannot check),
``schema`` (checking a file against its JSON Schema, rules/vocab/schemas/), ``vocabularies`` (the
``Vocabularies`` object), ``loading`` (``load()`` and its caches), ``errors`` (``VocabularyError`` and where
it points: file and line).
"""

from .bases import AmbiguousBasis, BasisMention, BasisReading, LawfulBases, Misnomer
from .citations import Citation
from .distance import damerau_levenshtein
from .durations import Duration
from .errors import VocabularyError
from .fold import normalise
from .loading import load
from .special_exceptions import ExceptionReading, Exceptions
from .terms import TermMatch, TermSet, compile_terms
from .vocabularies import Vocabularies

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
