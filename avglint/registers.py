"""The registers of a run: the files checked together split by organisation, and the register each
privacy statement belongs to (the one its statement rules cross-check it with)."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from .model import Organisation, Register, name_key
from .parser import ParseResult

if TYPE_CHECKING:  # annotations only: reading statements is not needed to partition registers
    from .statement import Statement


def partition(parsed: list[ParseResult]) -> list[list[ParseResult]]:
    """Split the files checked together into registers, one per organisation.

    Files naming the same ``organisatie`` are one register. A file without one
    belongs to the organisation of its own directory (or the nearest directory
    above it) when that is a single one. With at most one organisation in all the
    files, they are all one register, however they are laid out.
    """
    by_organisation: dict[str, list[ParseResult]] = {}
    loose: list[ParseResult] = []
    for result in parsed:
        names = [name_key(b.name or "") for b in result.blocks if isinstance(b, Organisation)]
        (by_organisation.setdefault(names[0], []) if names else loose).append(result)
    if len(by_organisation) <= 1:
        return [parsed]
    directories: dict[str, set[str]] = {}
    for key, results in by_organisation.items():
        for result in results:
            directories.setdefault(os.path.dirname(result.source.path), set()).add(key)
    unplaced = []
    for result in loose:
        directory = os.path.dirname(result.source.path)
        while True:
            keys = directories.get(directory)
            parent = os.path.dirname(directory)
            if keys is not None or parent == directory:  # found, or at the top ("" or "/")
                break
            directory = parent
        if keys is not None and len(keys) == 1:
            by_organisation[next(iter(keys))].append(result)
        else:
            unplaced.append(result)
    groups = [sorted(results, key=parsed.index) for results in by_organisation.values()]
    return groups + ([unplaced] if unplaced else [])


def pair(statements: list[Statement], registers: list[Register]) -> dict[int, Register | None]:
    """The register each statement belongs to (by ``id`` of the statement).

    A statement belongs to the register whose organisation it names (its name, with or
    without the legal form). A register without a named organisation is taken when it
    is the only one, or failing that the one in the statement's directory or the
    nearest directory above it. None when nothing settles it: a statement is never
    cross-checked with another organisation's register.
    """
    from .vocab import normalise

    found: dict[int, Register | None] = {}
    kept = [r for r in registers if r.activities or r.organisations]
    for statement in statements:
        text = " " + " ".join(re.sub(r"[^\w.&@-]+", " ", normalise(statement.source.text)).split()) + " "
        named = [r for r in kept if any(f" {name} " in text or f" {name}. " in text for name in _organisation_names(r))]
        if len(named) == 1:
            found[id(statement)] = named[0]
            continue
        anonymous = [r for r in kept if not _organisation_names(r)]
        if not named and len(anonymous) == 1 and len(kept) == 1:
            found[id(statement)] = anonymous[0]
            continue
        candidates = named or anonymous
        directory = os.path.dirname(statement.source.path)
        chosen = None
        while candidates:
            here = [r for r in candidates if any(os.path.dirname(s.path) == directory for s in r.sources)]
            if len(here) == 1:
                chosen = here[0]
            parent = os.path.dirname(directory)
            if here or parent == directory:
                break
            directory = parent
        found[id(statement)] = chosen
    return found


_LEGAL_FORM = re.compile(r"\s*,?\s*\b(?:b\.?v\.?|n\.?v\.?|v\.?o\.?f\.?|c\.?v\.?|ltd\.?|inc\.?|gmbh|u\.?a\.?)\s*$")


def _organisation_names(register: Register) -> list[str]:
    from .vocab import normalise

    names = []
    for organisation in register.organisations:
        if organisation.name:
            full = " ".join(re.sub(r"[^\w.&@-]+", " ", normalise(organisation.name)).split())
            names.append(full)
            short = _LEGAL_FORM.sub("", full).strip()
            if len(short) >= 4 and short != full:
                names.append(short)
    return names
