"""Merging the user's overrides into the vocabulary files and validating the result, with the path of
the offending item in every error."""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

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
from .citations import LETTERS
from .errors import VocabularyError
from .frozen import _thaw
from .term_syntax import _parse_term, _validate_pattern


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
        for n, period in enumerate(data["statutory_periods"]):
            if "suggestie" in period and "suggestie_en" not in period:  # AVG702's fix writes either
                raise VocabularyError(f"{where}.statutory_periods[{n}]: 'suggestie' needs 'suggestie_en'")
    if name == "misc":
        nv = data.get("none_values")
        if not isinstance(nv, list) or not all(isinstance(x, str) for x in nv):
            raise VocabularyError(f"{where}.none_values: expected a list of strings")
    return data
