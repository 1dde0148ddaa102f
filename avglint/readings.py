"""Readings: what avglint works out from a text or a model object, computed once per check.

The one caching scheme for derived results (the built vocabularies themselves are kept
between runs by ``avglint.cache``). A reading is a function of a *subject* — a text, or a
model object (which hash by identity) — and of the *reader* it reads with: the vocabularies,
a term list, or nothing. ``@reading`` remembers each result in a table per (reading, reader),
so a register that repeats its values row after row is read once per distinct text, and an
analysis several rules make of one activity is made once.

The engine calls ``forget()`` after each check: what the tables hold goes, and with it the
model objects they keep alive (a reading of its subject alone keeps its one, empty table, so
that it finds it without a lookup; a table of another reader goes with the reader); a
long-running process keeps the tables of texts (``keep_text_readings``). Between checks
(tests, the language server) texts stay bounded: a text over ``TEXT_LIMIT`` characters is
seldom repeated and is not remembered, and a table of texts that reaches ``TABLE_LIMIT`` starts
again. The limit is above the number of distinct values of a register of 10,000 activities
written as people write (about two-thirds distinct): a table that starts again in the middle of
a check makes every rule after it read the same texts again (a fifth of such a check at
20,000), for about a third more memory there. A result is shared: never change it.

    @reading                      # check(subject, reader): a rule's analysis of an activity
    def _letters(activity, vocab): ...

    @reading(reader=0)            # a method of the reader: TermSet.find(self, text)
    def find(self, text): ...

    @reading(reader=None)         # a function of the subject alone
    def _folded(text): ...
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

TEXT_LIMIT = 2_000     # characters: longer texts are read every time they come
TABLE_LIMIT = 100_000  # texts per table: every distinct value of a register of 10,000 activities

_TABLES: dict[tuple[Any, Any], dict[Any, Any]] = {}


def table(reading: Callable, reader: Any = None) -> dict[Any, Any]:
    """The results of ``reading`` with ``reader`` so far in this check (to look, not to store)."""
    found = _TABLES.get((reading, reader))
    if found is None:
        found = _TABLES[(reading, reader)] = {}
    return found


def _text_of(subject: Any) -> str | None:
    """The text a subject is (a text, or a tuple that starts with one); None for a model object."""
    if type(subject) is str:
        return subject
    if type(subject) is tuple and subject and type(subject[0]) is str:
        return subject[0]
    return None


def remember(results: dict[Any, Any], subject: Any, value: Any, limit: int = TABLE_LIMIT) -> Any:
    """Store ``value`` for ``subject`` (a text, a tuple that starts with one, or a model object); a table of
    texts starts again at ``limit`` texts."""
    text = _text_of(subject)
    if text is not None:
        if len(text) > TEXT_LIMIT:
            return value
        if len(results) >= limit:
            results.clear()
    results[subject] = value
    return value


def reading(function: F | None = None, *, reader: int | None = 1, limit: int = TABLE_LIMIT) -> F | Callable[[F], F]:
    """Remember ``function``'s results for the check; ``reader`` is the position of the argument
    it reads with (the other is the subject), or None when the subject is its only argument; ``limit``:
    the texts a table holds before it starts again (a reading whose results are small may keep more)."""
    if function is None:
        return functools.partial(reading, reader=reader, limit=limit)

    # A register written as people write misses more than it hits: a miss raises no exception (it cost half
    # of the call), a hit costs what it did.
    if reader is None:
        def once(subject):
            found = results.get(subject, _MISSING)
            if found is not _MISSING:
                return found
            return remember(results, subject, function(subject), limit)
        results = table(once)  # the reading's one table: ``forget`` empties it, never replaces it
    elif reader == 0:
        def once(by, subject):
            try:
                results = _TABLES[(once, by)]
            except KeyError:  # the first call in this check
                results = table(once, by)
            found = results.get(subject, _MISSING)
            if found is not _MISSING:
                return found
            return remember(results, subject, function(by, subject), limit)
    else:
        def once(subject, by):
            try:
                results = _TABLES[(once, by)]
            except KeyError:  # the first call in this check
                results = table(once, by)
            found = results.get(subject, _MISSING)
            if found is not _MISSING:
                return found
            return remember(results, subject, function(subject, by), limit)
    return functools.wraps(function)(once)


_MISSING = object()  # not read yet (None is a result like any other)


_keep_texts = False


def keep_text_readings() -> None:
    """In a long-running process (the language server), keep the readings of texts between checks:
    after an edit most values are the texts they were, and are not read again. Readings of model
    objects still go after each check (the next check has new objects); the limits above bound the rest."""
    global _keep_texts  # noqa: PLW0603 - a setting of the process, made once at its start
    _keep_texts = True


def forget(*, everything: bool = False) -> None:
    """Drop the readings of this check (the engine calls this after each check): all of them, or where
    ``keep_text_readings()`` was called and not ``everything``, those of model objects."""
    for key, results in list(_TABLES.items()):
        if everything or not _keep_texts or _text_of(next(iter(results), None)) is None:
            if key[1] is None:
                results.clear()  # a reading of its subject alone keeps its table (see ``reading``)
            else:
                del _TABLES[key]  # a table per reader: the reader goes with it
