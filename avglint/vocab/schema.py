"""Checking a vocabulary file against its JSON Schema (rules/vocab/schemas/NAME.schema.json).

The schemas say what each file may hold: its sections, the keys of their entries and the type of each,
which keys are required, the allowed values of a few (letters, levels), dates, term lists. They are
compiled by fastjsonschema (pure Python, no dependencies: it turns a schema into Python code once per
process) and only when the vocabularies are built: a run that reads them from the cache never imports it.
An error names the file and line of the offending item (or its path below ``vocabularies.NAME``) and says
in plain words what is wrong.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import json
import re
from typing import Any, Callable, Mapping

from ..shipped import folder
from .errors import Path, Source, VocabularyError

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TYPE_NAMES = {"string": "a string", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "null": "null", "array": "a list", "object": "a mapping"}


def _folder():
    return folder("avglint.rules") / "vocab" / "schemas"


@functools.lru_cache(maxsize=1)
def schema_texts() -> dict[str, str]:
    """Every schema's text, by file name (they decide what is accepted, so they are part of the cache key)."""
    return {item.name: item.read_text(encoding="utf-8")
            for item in sorted(_folder().iterdir(), key=lambda p: p.name) if item.name.endswith(".schema.json")}


def _schema(file_name: str) -> dict[str, Any]:
    try:
        return json.loads(schema_texts()[file_name])
    except KeyError:
        raise VocabularyError(f"no schema {file_name} in avglint.rules/vocab/schemas") from None


def _is_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=None)
def _validator(name: str) -> Callable[[Any], Any]:
    import fastjsonschema  # only here: building the vocabularies is the only time a schema is read

    return fastjsonschema.compile(_schema(f"{name}.schema.json"), handlers={"": _schema}, formats={"date": _is_date},
                                  use_default=False)


@functools.lru_cache(maxsize=1)
def _date_keys() -> frozenset[str]:
    """The keys whose values are dates (``{"$ref": "...#/definitions/date"}`` in a schema): loaded as dates."""
    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and str(sub.get("$ref", "")).endswith("/definitions/date"):
                    keys.add(key)
            for sub in node.values():
                walk(sub)
        elif isinstance(node, list):
            for sub in node:
                walk(sub)

    for file_name in schema_texts():
        walk(_schema(file_name))
    return frozenset(keys)


def check(name: str, data: Any, source: Source) -> Any:
    """``data`` (one vocabulary file) checked against its schema, with its dates as ``datetime.date``."""
    try:
        _validator(name)(_as_json(data, (), source))
    except VocabularyError:
        raise
    except Exception as error:  # fastjsonschema.JsonSchemaValueException, imported only with the validator
        if not hasattr(error, "rule"):
            raise
        raise _explain(error, data, source) from None
    return _with_dates(data, _date_keys())


def _as_json(node: Any, path: Path, source: Source) -> Any:
    """The data as JSON has it: dates as ISO strings (YAML reads them as dates), keys that are strings."""
    if isinstance(node, Mapping):
        for key in node:
            if not isinstance(key, str):
                raise source.error(path, f"keys must be strings, got {key!r}")
        return {key: _as_json(value, (*path, key), source) for key, value in node.items()}
    if isinstance(node, (list, tuple)):
        return [_as_json(value, (*path, n), source) for n, value in enumerate(node)]
    if isinstance(node, _dt.date) and not isinstance(node, _dt.datetime):
        return node.isoformat()
    return node


def _with_dates(node: Any, date_keys: frozenset[str]) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in date_keys and isinstance(value, str):
                node[key] = _dt.date.fromisoformat(value)
            else:
                _with_dates(value, date_keys)
    elif isinstance(node, list):
        for value in node:
            _with_dates(value, date_keys)
    return node


def _data_path(data: Any, steps: list[str]) -> Path:
    """fastjsonschema's path (``['data', 'bases', '2', 'letter']``) as keys and list indices."""
    path: list[str | int] = []
    node = data
    for step in steps[1:]:
        if isinstance(node, (list, tuple)) and step.isdigit():
            path.append(int(step))
            node = node[int(step)] if int(step) < len(node) else None
        else:
            path.append(step)
            node = node.get(step) if isinstance(node, Mapping) else None
    return tuple(path)


def _explain(error: Any, data: Any, source: Source) -> VocabularyError:
    """A plain sentence for what the schema found, at the offending item."""
    path = _data_path(data, error.path)
    rule, expected, value, definition = error.rule, error.rule_definition, error.value, error.definition or {}
    if rule == "required":
        missing = [key for key in expected if key not in value]
        return source.error(path, f"missing {', '.join(missing)} (required)")
    if rule == "dependencies":  # {"key": ["needed", ...]}: a key that only makes sense with others
        pairs = [(key, needed) for key, needs in expected.items() if key in value
                 for needed in needs if needed not in value]
        return source.error(path, f"{pairs[0][0]!r} needs {pairs[0][1]!r} as well")
    if rule == "additionalProperties":
        known = list(definition.get("properties") or ())
        unknown = [key for key in value if key not in known]
        what = "section" if not path else "key"
        close = difflib.get_close_matches(unknown[0], known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return source.error((*path, unknown[0]), f"unknown {what} {unknown[0]!r}{hint} "
                                                 f"(known: {', '.join(known)})")
    if rule == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return source.error(path, f"expected {' or '.join(_TYPE_NAMES[k] for k in kinds)}, got {_describe(value)}")
    if rule == "enum":
        return source.error(path, f"expected one of {', '.join(_show(v) for v in expected)}; got {_show(value)}")
    if rule == "format":
        return source.error(path, f"expected an ISO date (YYYY-MM-DD) or null, got {value!r}")
    if rule == "minLength":
        return source.error(path, "must not be empty")
    if rule == "minItems":
        return source.error(path, f"expected at least {expected} item{'s' * (expected != 1)}, got {len(value)}")
    if rule == "maxItems":
        return source.error(path, f"expected at most {expected} item{'s' * (expected != 1)}, got {len(value)}")
    if rule in ("minimum", "exclusiveMinimum"):
        bound = "at least" if rule == "minimum" else "more than"
        return source.error(path, f"expected a number {bound} {expected}, got {value!r}")
    if rule == "pattern":  # the schemas use patterns for names only
        return source.error(path, f"{value!r} is not a valid name (lower_snake_case)")
    if rule == "propertyNames":
        pattern = re.compile(expected.get("pattern", ""))
        key = next(key for key in value if not pattern.search(key))
        return source.error((*path, key), f"{key!r} is not a valid name (lower_snake_case)")
    return source.error(path, error.message.split(" ", 1)[-1])  # fastjsonschema's own words, without 'data...'


def _describe(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None or isinstance(value, bool):
        return json.dumps(value)  # null, true, false: as written in YAML
    if isinstance(value, str):
        return f"a string {value!r}"
    return f"the number {value!r}"


def _show(value: Any) -> str:
    return "null" if value is None else repr(value)
