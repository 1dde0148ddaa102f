"""The register language's vocabulary: block kinds and field keys (grammar/language.yaml)."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

_SEPARATORS = re.compile(r"[\s_-]+")

ORGANISATION, GROUP, ACTIVITY, PROCESSOR = "organisatie", "groep", "verwerking", "verwerker"

# Fields that describe one row and are never inherited from a groep or organisatie.
NOT_INHERITED = frozenset({"id"})


def normalize_key(text: str) -> str:
    """Case-insensitive, with spaces, "-" and "_" equivalent: 'Bijzondere_Gegevens' -> 'bijzondere gegevens'."""
    return _SEPARATORS.sub(" ", text.strip().casefold())


class FieldInfo(NamedTuple):
    name: str            # canonical (Dutch) key
    en: str              # English name
    article: str | None  # GDPR provision the field records


class Language:
    """Lookup tables built once from grammar/language.yaml."""

    def __init__(self, data: dict):
        self.block_kinds: dict[str, str] = {}
        self.block_en: dict[str, str] = {}
        self.block_aliases: dict[str, list[str]] = {}
        for kind, spec in data["blocks"].items():
            self.block_en[kind] = spec.get("en", kind)
            self.block_aliases[kind] = spec.get("aliases", [])
            for name in [kind, *spec.get("aliases", [])]:
                self.block_kinds[normalize_key(name)] = kind
        self.dutch_aliases = frozenset(normalize_key(alias) for alias in data.get("dutch_aliases") or ())
        self.fields: dict[str, dict[str, str]] = {}
        self.field_info: dict[str, FieldInfo] = {}
        activity = self._table(data["activity_fields"])
        self.fields[ACTIVITY] = activity
        # organisatie and groep accept every activity field as a default for the activities inside
        self.fields[ORGANISATION] = {**activity, **self._table(data["organisation_fields"])}
        self.fields[GROUP] = {**activity, **self._table(data.get("group_fields") or {})}
        self.fields[PROCESSOR] = self._table(data["processor_fields"])
        self.activity_fields = frozenset(activity.values())
        self._field_keys: dict[tuple[str | None, str], str | None] = {}
        self._kinds: dict[str, str | None] = {}  # block kind as written -> canonical kind

    def _table(self, spec: dict) -> dict[str, str]:
        table: dict[str, str] = {}
        for name, written in spec.items():
            info = written or {}
            self.field_info.setdefault(name, FieldInfo(name, info.get("en", name), info.get("article")))
            for alias in [name, *info.get("aliases", [])]:
                table[normalize_key(alias)] = name
        return table

    def block_kind(self, written: str) -> str | None:
        try:  # a register writes the same few kinds on every block
            return self._kinds[written]
        except KeyError:
            pass
        if len(self._kinds) >= 10_000:  # as for field keys
            self._kinds.clear()
        kind = self._kinds[written] = self.block_kinds.get(normalize_key(written))
        return kind

    def field_key(self, block_kind: str | None, written: str) -> str | None:
        memo_key = (block_kind, written)
        try:  # a register writes the same few keys on every row
            return self._field_keys[memo_key]
        except KeyError:
            pass
        table = self.fields.get(block_kind) if block_kind else None
        if table is None:  # inside an unknown block: accept any known key
            table = self.all_fields
        key = table.get(normalize_key(written))
        if len(self._field_keys) >= 10_000:  # a file of made-up keys must not grow it without end
            self._field_keys.clear()
        self._field_keys[memo_key] = key
        return key

    def key_language(self, written: str) -> str | None:
        """'nl' or 'en': the language a field key is written in (None for an unknown key, or
        one both languages write alike: 'dpia', 'contact')."""
        name = self.field_key(None, written)
        if name is None:
            return None
        written_key = normalize_key(written)
        if written_key == name:
            return None if name == normalize_key(self.field_info[name].en) else "nl"
        return "nl" if written_key in self.dutch_aliases else "en"

    def field_spelling(self, name: str, lang: str) -> str:
        """How a register written in ``lang`` writes the field ``name`` (a canonical key)."""
        return name if lang == "nl" else self.field_info[name].en.casefold()

    def block_spelling(self, kind: str, lang: str) -> str:
        """How a register written in ``lang`` writes the block kind ``kind``: its English
        name when that is a spelling the parser reads, else its first English alias."""
        if lang == "nl":
            return kind
        english = self.block_en[kind]
        if self.block_kinds.get(normalize_key(english)) == kind:
            return english
        return next(alias for alias in self.block_aliases[kind] if normalize_key(alias) not in self.dutch_aliases)

    @property
    def all_fields(self) -> dict[str, str]:
        merged: dict[str, str] = {}
        for table in self.fields.values():
            merged.update(table)
        return merged

    def suggest_block(self, written: str) -> str | None:
        return _closest(normalize_key(written), self.block_kinds)

    def suggest_field(self, block_kind: str | None, written: str) -> str | None:
        table = self.fields.get(block_kind) if block_kind else self.all_fields
        return _closest(normalize_key(written), table)


def _closest(word: str, table: dict[str, str]) -> str | None:
    """The canonical name whose spelling (or alias) is nearest to ``word``, if any is close."""
    match = difflib.get_close_matches(word, list(table), n=1, cutoff=0.72)
    if match:
        return table[match[0]]
    # "doelen" for "doel", "bewaartermijnen" for "bewaartermijn": a known key as prefix
    for known in sorted(table, key=len, reverse=True):
        if len(known) >= 4 and (word.startswith(known) or known.startswith(word) and len(word) >= 4):
            return table[known]
    return None


@lru_cache(maxsize=1)
def language() -> Language:
    """The tables of grammar/language.yaml, kept in avglint's cache between runs (avglint/cache.py) like
    the vocabularies: reading YAML costs more than the tables are worth to a small check."""
    from . import cache
    from .shipped import folder

    text = (folder("avglint.grammar") / "language.yaml").read_text(encoding="utf-8")
    try:  # how the tables are built is part of what they are
        content_key = cache.key(Path(__file__).read_bytes(), text)
    except OSError:
        content_key = None
    tables = cache.load("language", content_key, Language) if content_key else None
    if tables is None:
        from ._yaml import load_yaml

        tables = Language(load_yaml(text))
        if content_key:
            cache.store("language", content_key, tables)
    return tables
