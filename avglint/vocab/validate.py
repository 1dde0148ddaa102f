"""Merging the user's overrides into the vocabulary files, and validating the result: its shape against the
file's JSON Schema (``schema``), then what a schema cannot say, here in code: ids and a few other keys unique
within their list, a term list's ``section`` naming a section of its file, and every term and pattern
parsing (the term syntax is ours; a pattern must compile). Every error points at the offending item."""

from __future__ import annotations

import difflib
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from . import schema
from .citations import LETTERS
from .errors import Path, Source, VocabularyError
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


# Keys besides ``id`` that must be unique within their list (JSON Schema cannot say "unique by key").
_UNIQUE_KEYS: dict[tuple[str, str], str] = {("dpia", "ap_list"): "nummer"}


def _validate_file(name: str, data: Any, source: Source) -> dict[str, Any]:
    """``data`` (one vocabulary file, merged) checked; its dates become ``datetime.date``."""
    schema.check(name, data, source)
    _check_unique_ids(data, (), source)
    for (file, section), key in _UNIQUE_KEYS.items():
        if file == name:
            _check_unique(data[section], (section,), key, source)
    if name == "lawful_bases":  # the schema allows the letters a-f; exactly one of each is a count across entries
        letters = sorted(str(basis["letter"]) for basis in data["bases"])
        if letters != list(LETTERS):
            raise source.error(("bases",), f"need exactly one entry per letter a-f, got {', '.join(letters)}")
    for tsname, spec in (data.get("termsets") or {}).items():
        for path, part in _parts(spec, ("termsets", tsname)):
            section = part["section"]
            if not _is_entry_list(data.get(section)):
                sections = [s for s, v in data.items() if _is_entry_list(v)]
                raise source.error((*path, "section"), f"{section!r} is not a list of entries in {name}"
                                                       f"{_suggest(section, sections)}")
        items, excepts = _termset_items(data, spec, ("termsets", tsname))
        for _, term, path in items:
            _check_term(term, source, path)
        for term, path in excepts:
            _parse_term(term, source.at(path))
    return data


def _is_entry_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(entry, dict) for entry in value)


def _check_unique_ids(node: Any, path: Path, source: Source) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _check_unique_ids(value, (*path, key), source)
    elif isinstance(node, list):
        if any(isinstance(item, dict) and "id" in item for item in node):
            _check_unique(node, path, "id", source)
        for n, item in enumerate(node):
            _check_unique_ids(item, (*path, n), source)


def _check_unique(entries: list, path: Path, key: str, source: Source) -> None:
    seen: set = set()
    for n, entry in enumerate(entries):
        if isinstance(entry, dict) and key in entry:
            if entry[key] in seen:
                raise source.error((*path, n, key), f"duplicate {key} {entry[key]!r}")
            seen.add(entry[key])


def _check_term(term: Any, source: Source, path: Path) -> None:
    """A term (or pattern) of a term list parses; its place is written out only for an error message."""
    if isinstance(term, Mapping):
        if "pattern" in term:
            _validate_pattern(term["pattern"], source.at(path))
            return
        for n, near_term in enumerate(term.get("near") or ()):
            _parse_term(near_term, source.at((*path, "near", n)))
        _parse_term(term["term"], source.at(path), bool(term.get("case_sensitive")))
    else:
        _parse_term(term, source.at(path))


def _parts(spec: Mapping[str, Any], path: Path) -> list[tuple[Path, Mapping[str, Any]]]:
    """The parts of a term list with their paths: its ``parts``, or the term list itself."""
    if "parts" in spec:
        return [((*path, "parts", n), part) for n, part in enumerate(spec["parts"])]
    return [(path, spec)]


def _termset_items(data: Mapping[str, Any], spec: Mapping[str, Any], path: Path):
    """What a term list is built from: (entry, term, path of the term) for every term and pattern of the
    entries its parts select, and (veto, path) for its vetoes and those of the entries."""
    items: list[tuple[Mapping[str, Any], Any, Path]] = []
    excepts: list[tuple[str, Path]] = [(t, (*path, "except", n)) for n, t in enumerate(spec.get("except") or ())]
    for _, part in _parts(spec, path):
        section = part["section"]
        keys = part.get("terms", "terms")
        keymap = {keys: None} if isinstance(keys, str) else dict(keys) if isinstance(keys, Mapping) else dict.fromkeys(keys)
        tag = part.get("tag")
        const = part.get("set") or {}
        cond = part.get("where") or {}
        for en, entry in enumerate(data[section]):
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
                for tn, t in enumerate(terms or ()):
                    items.append((base, t, (section, en, key, tn)))
                for pn, p in enumerate(pats or ()):
                    items.append((base, {"pattern": p}, (section, en, "patterns", pn)))
        for en, entry in enumerate(data[section]):
            for xn, t in enumerate(entry.get("except") or ()):
                if all(t != seen for seen, _ in excepts):
                    excepts.append((t, (section, en, "except", xn)))
    return items, excepts
