"""Loading the vocabularies: the shipped files, cached between runs, merged with the user's overrides."""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import json
from pathlib import Path
from typing import Any, Mapping

from .. import cache
from ..shipped import folder
from .errors import Source, VocabularyError
from .frozen import _freeze
from .schema import schema_texts
from .validate import _merge, _suggest, _typename, _validate_file
from .vocabularies import Vocabularies


def _folder():
    return folder("avglint.rules") / "vocab"


def _shipped_path(name: str) -> str:
    """Where a shipped file is, as its errors name it."""
    return str(_folder() / f"{name}.yaml")


@functools.lru_cache(maxsize=1)
def _shipped_texts() -> dict[str, str]:
    """The shipped vocabulary files' text, by name (without .yaml)."""
    root = _folder()
    texts: dict[str, str] = {}
    for item in sorted(root.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            try:
                texts[item.name[: -len(".yaml")]] = item.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise VocabularyError(f"vocabulary file {item.name}: cannot read it: {exc}") from None
    if not texts:
        raise VocabularyError("no vocabulary files found in avglint.rules/vocab")
    return texts


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    from .._yaml import load_yaml  # only when the files are read: not when the cache answers

    files: dict[str, Any] = {}
    for name, text in _shipped_texts().items():
        try:
            files[name] = load_yaml(text)
        except Exception as exc:  # yaml.YAMLError
            raise VocabularyError(f"vocabulary file {name}.yaml: cannot read it: {exc}") from None
    return files


def _build(overrides: Mapping[str, Any] | None) -> Vocabularies:
    if not overrides:
        files = copy.deepcopy(_shipped())
        texts = _shipped_texts()
        for fname in files:
            _validate_file(fname, files[fname], Source(files[fname], _shipped_path(fname), texts[fname]))
        return Vocabularies({k: _freeze(v) for k, v in files.items()})
    if not isinstance(overrides, Mapping):
        raise VocabularyError(f"vocabularies: expected a mapping of vocabulary names, got {_typename(overrides)}")
    base = _default()
    shipped = _shipped()
    files: dict[str, Any] = dict(base._files)
    for fname, over in overrides.items():
        if fname not in shipped:
            raise VocabularyError(f"vocabularies.{fname}: no such vocabulary{_suggest(fname, shipped)} "
                                  f"(known: {', '.join(shipped)})")
        data = _merge(copy.deepcopy(shipped[fname]), over, f"vocabularies.{fname}", top_level=True)
        files[fname] = _freeze(_validate_file(fname, data, Source(data, f"vocabularies.{fname}")))
    # term lists of files the user did not touch are shared with the default set
    return Vocabularies(files, share=base, changed=set(overrides))


def _content_key(texts: Mapping[str, str]) -> str | None:
    """The cache key of the shipped vocabularies, or None when the code cannot be read: the files' text, their
    schemas and the source of every module of this package, since together they decide what is accepted, how
    the files are compiled and what is stored."""
    try:
        code = [f"{path.name}\0".encode() + path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py"))]
    except OSError:
        return None
    return cache.key(*code, *(f"{n}\0{t}" for n, t in texts.items()), *(f"{n}\0{t}" for n, t in schema_texts().items()))


@functools.lru_cache(maxsize=1)
def _default() -> Vocabularies:
    """The shipped vocabularies, built and compiled once and then read from the cache between runs."""
    content_key = _content_key(_shipped_texts())
    if content_key is not None:
        cached = cache.load("vocabularies", content_key, Vocabularies)
        if cached is not None:
            return cached
    vocab = _build(None)
    if content_key is not None:
        vocab.prepare()
        cache.store("vocabularies", content_key, vocab)
    return vocab


@functools.lru_cache(maxsize=8)
def _with_overrides(key: str) -> Vocabularies:
    return _build(json.loads(key))


def load(overrides: Mapping[str, Any] | None = None) -> Vocabularies:
    """The vocabularies, optionally merged with the user's ``vocabularies:`` configuration.

    Merge semantics (documented in rules/vocab/README.md): a mapping merges key by key;
    a list is extended (entries with an existing ``id`` are merged into that entry,
    new ones appended, duplicate terms ignored); ``{_replace: [...]}`` replaces a list,
    ``{_remove: [...]}`` removes items by id or value, ``{_add: [...]}`` extends;
    an entry with ``_replace: true`` replaces the entry of the same id, one with
    ``_remove: true`` removes it; a scalar replaces the scalar. Raises VocabularyError.
    Results are cached (the default set for the process, a few override sets by value).
    """
    if not overrides:
        if overrides is not None and not isinstance(overrides, Mapping):
            raise VocabularyError(f"vocabularies: expected a mapping, got {_typename(overrides)}")
        return _default()
    if not isinstance(overrides, Mapping):
        raise VocabularyError(f"vocabularies: expected a mapping of vocabulary names, got {_typename(overrides)}")
    try:  # dates from the user's YAML become ISO strings, which validation accepts
        key = json.dumps(overrides, sort_keys=True, ensure_ascii=False, default=_json_default)
    except (TypeError, ValueError):
        return _build(overrides)
    return _with_overrides(key)


def _json_default(obj: Any) -> Any:
    if isinstance(obj, _dt.date):
        return obj.isoformat()
    raise TypeError(type(obj).__name__)
