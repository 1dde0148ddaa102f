"""Configuration: ``.avglint.yaml`` or ``[tool.avglint]`` in ``pyproject.toml``.

Found from the checked paths upward (stopping at the repository root); the
directory of the file found is the project root, against which ``include``,
``exclude``, ``per-file-ignores`` and ``statements`` globs are matched. Without a
configuration file the repository (git) root is the project root, so that a check
of some files still reads the rest of their register. Keys may be written with
``-`` or ``_``. The keys are one table, ``KEYS`` (name, type, meaning, default), from which
the configuration is read and validated: anything unknown or malformed is a ``ConfigError``
that names the file, the line of the value (nested ones too) and what to write instead
(exit status 2). ``custom-rules`` and ``extra-fields`` are read by avglint.custom_rules.
YAML is only ever loaded with safe loading.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from .engine import Config
from .findings import SEVERITIES
from .globs import matches_any

CONFIG_NAMES = (".avglint.yaml", ".avglint.yml", "avglint.yaml")


class ConfigError(Exception):
    """A configuration problem, with the place it was found."""

    def __init__(self, path: str, line: int | None, message: str):
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line


class _Place:
    """Where each value of a configuration file was written: ``lines`` maps a path of keys and list
    positions, ``("severity", "AVG302")`` or ``("custom-rules", 0, "when")``, to its line."""

    def __init__(self, shown: str, lines: dict[tuple, int]):
        self.shown, self.lines = shown, lines

    def line(self, path: tuple) -> int | None:
        """The line of ``path``, or of the nearest enclosing value whose line is known."""
        for length in range(len(path), 0, -1):
            if path[:length] in self.lines:
                return self.lines[path[:length]]
        return None

    def fail(self, path: tuple, message: str) -> NoReturn:
        raise ConfigError(self.shown, self.line(path), message)


# -- the value types of the keys ------------------------------------------------------------
# Each reads a value as written (YAML or TOML) into what the configuration holds, or fails at
# its place; ``describe`` is what a message says the value must be.

class Choice:
    def __init__(self, *values: str):
        self.values = values
        self.describe = " or ".join([", ".join(f"'{v}'" for v in values[:-1]), f"'{values[-1]}'"])

    def read(self, value, path: tuple, place: _Place, config: Config):
        if value not in self.values:
            place.fail(path, f"'{_shown(path)}' must be {self.describe}, not {value!r}")
        return value


class Text:
    def __init__(self, describe: str):
        self.describe = describe

    def read(self, value, path: tuple, place: _Place, config: Config):
        if not isinstance(value, str):
            place.fail(path, f"'{_shown(path)}' must be {self.describe}")
        return value


class Names:
    """A list of texts, or one text of comma-separated ones; ``rules``: each names a rule."""

    def __init__(self, describe: str, *, rules: bool = False):
        self.describe, self.rules = describe, rules

    def read(self, value, path: tuple, place: _Place, config: Config):
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            place.fail(path, f"'{_shown(path)}' must be {self.describe}")
        for position, name in enumerate(value):
            if self.rules and not config.resolve(name):
                place.fail((*path, position), f"'{path[0]}' names an unknown rule '{name}' (see 'avglint rules')")
        return value


class Mapping:
    """A mapping of texts (``keys``: each names a rule, when ``rule_keys``) to values of ``values``."""

    def __init__(self, describe: str, values, *, rule_keys: bool = False):
        self.describe, self.values, self.rule_keys = describe, values, rule_keys

    def read(self, value, path: tuple, place: _Place, config: Config):
        if not isinstance(value, dict):
            place.fail(path, f"'{_shown(path)}' must be {self.describe}")
        read = {}
        for key, entry in value.items():
            if self.rule_keys and not config.resolve(str(key)):
                place.fail((*path, key), f"'{path[0]}' names an unknown rule '{key}' (see 'avglint rules')")
            read[str(key)] = self.values.read(entry, (*path, key), place, config)
        return read


class Vocabularies:
    describe = "a mapping of vocabulary names to additions"

    def read(self, value, path: tuple, place: _Place, config: Config):
        if not isinstance(value, dict):
            place.fail(path, f"'{path[0]}' must be {self.describe}")
        if value:
            from .vocab import VocabularyError, load

            try:
                load(value)  # validated now, so that a mistake is a configuration error, not a crash
            except VocabularyError as error:
                place.fail(path[:1], f"'{path[0]}': {error}")
        return value


class CustomRules:
    describe = "a list of rules, each a mapping (docs/custom-rules.md)"

    def read(self, value, path: tuple, place: _Place, config: Config):
        from .custom_rules import CustomRuleError, read_rules

        try:
            return read_rules(value, config.extra_fields, shown=Path(place.shown).name)
        except CustomRuleError as error:
            place.fail((*path, *error.path), error.message)


class ExtraFields:
    describe = "a list of field keys of the organisation's own"

    def read(self, value, path: tuple, place: _Place, config: Config):
        from .custom_rules import CustomRuleError, read_extra_fields

        try:
            return read_extra_fields(value)
        except CustomRuleError as error:
            place.fail((*path, *error.path), error.message)


SEVERITY_LEVEL = Choice(*SEVERITIES, "off")
RULE_NAMES = "a list of rule ids, id prefixes (AVG4) or slugs"


class Key(NamedTuple):
    name: str
    type: Any          # one of the value types above
    meaning: str
    default: Any       # the value without the key (a list or mapping is copied before use)


# Every key of the configuration, in the order they are read: a custom rule must be known before
# 'select', 'ignore', 'severity' and 'per-file-ignores' may name it, a declared field before a custom
# rule may test it.
KEYS = (
    Key("lang", Choice("en", "nl"), "the language of the messages", "en"),
    Key("fail-on", Choice(*SEVERITIES), "the lowest severity that fails the run", "warning"),
    Key("extra-fields", ExtraFields(), "field keys of the organisation's own, accepted in the register", []),
    Key("custom-rules", CustomRules(), "the organisation's own rules, written as data", []),
    Key("select", Names(RULE_NAMES, rules=True), "the rules to run", ["AVG"]),
    Key("ignore", Names("a list of rule ids, id prefixes or slugs", rules=True), "the rules left out", []),
    Key("severity", Mapping("a mapping of rule names to 'error', 'warning', 'note' or 'off'", SEVERITY_LEVEL,
                            rule_keys=True), "another severity for some rules, or 'off'", {}),
    Key("per-file-ignores", Mapping("a mapping of file globs to lists of rule names",
                                    Names("a list of rule names", rules=True)),
        "rules left out for the files a glob matches", {}),
    Key("include", Names("a list of file globs that make up the register"), "the register's files", ["**/*.avg"]),
    Key("exclude", Names("a list of file globs left out of the register"), "files left out of the register", []),
    Key("statements", Names("a list of globs of privacy statements"), "the project's privacy statements", []),
    Key("vocabularies", Vocabularies(), "additions to the shipped vocabularies", None),
    Key("baseline", Text("the path of a baseline file"), "the baseline file whose findings do not count", None),
    # the names are checked by 'avglint export'
    Key("publish", Names("a list of the columns 'avglint export' writes (or leaves out, as '-name')"),
        "the columns 'avglint export' writes", []),
)
KEY_NAMES = [key.name for key in KEYS]


def _shown(path: tuple) -> str:
    """How a message names a value: 'lang', or 'severity: AVG006' for one entry of a mapping."""
    return ": ".join(str(part) for part in path if not isinstance(part, int))


@dataclass
class Project:
    """Where the configuration came from and which files make up the register."""

    config: Config
    path: str | None              # the configuration file, None when there is none
    include: list[str]
    exclude: list[str]
    statements: list[str]
    baseline: str | None
    register_root: Path | None    # where the register's files are: config.root, None outside a repository
    publish: list[str] = field(default_factory=list)  # the columns 'avglint export' writes ('publish')

    def register_files(self) -> list[str]:
        """Every file under the register root that the include/exclude globs select."""
        from .walk import files_below

        if self.register_root is None:
            return []
        return [path for path in files_below(self.register_root)
                if self.selects(os.path.relpath(path, self.register_root).replace(os.sep, "/"))]

    def selects(self, relative: str) -> bool:
        return matches_any(relative, self.include) and not matches_any(relative, self.exclude)


def find_config(start: str) -> Path | None:
    """The nearest configuration file at or above ``start``; stops at a repository root."""
    directory = Path(start).resolve()
    if directory.is_file() or not directory.exists():
        directory = directory.parent
    while True:
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and "[tool.avglint" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
        if (directory / ".git").exists() or directory.parent == directory:
            return None
        directory = directory.parent


def repository_root(start: str | os.PathLike) -> Path | None:
    """The nearest directory at or above ``start`` that holds ``.git``; None outside a repository."""
    directory = Path(start).resolve()
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def load_project(path: Path | None, *, start: str = ".") -> Project:
    """Read and validate a configuration file; for ``None``, the defaults with the repository
    around ``start`` (a checked path) as the project root."""
    if path is None:
        root = repository_root(start)
        return Project(Config(root=root or Path.cwd()), None, ["**/*.avg"], [], [], None, root)
    shown = str(path)
    if path.name == "pyproject.toml":
        data, lines = _read_pyproject(path)
    else:
        data, lines = _read_yaml(path)
    return _build(data or {}, lines, shown, path.parent)


def _read_yaml(path: Path) -> tuple[dict, dict[tuple, int]]:
    import yaml

    text = path.read_text(encoding="utf-8", errors="replace")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(str(path), mark.line + 1 if mark else None, f"not valid YAML: {problem}") from None
    if data is not None and not isinstance(data, dict):
        raise ConfigError(str(path), 1, "the configuration must be a mapping of keys to values")
    lines: dict[tuple, int] = {}
    _node_lines(node, (), lines)
    return data or {}, lines


def _node_lines(node, path: tuple, lines: dict[tuple, int]) -> None:
    """The line of every key and list entry below ``node``, by its path (keys as YAML reads them)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (*path, yaml.safe_load(key_node.value) if key_node.tag.endswith((":int", ":bool", ":null",
                                                                                    ":float")) else key_node.value)
                lines.setdefault(key, key_node.start_mark.line + 1)
                _node_lines(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for position, entry in enumerate(node.value):
            lines[(*path, position)] = entry.start_mark.line + 1
            _node_lines(entry, (*path, position), lines)


_TOML_TABLE = re.compile(r"^\s*(\[\[?)\s*tool\s*\.\s*avglint\s*((?:\.[^\]]*)?)\]")
_TOML_KEY = re.compile(r"^\s*([A-Za-z0-9_.\-\s\"']+?)\s*=")


def _read_pyproject(path: Path) -> tuple[dict, dict[tuple, int]]:
    import tomllib

    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), getattr(error, "lineno", None), f"not valid TOML: {error}") from None
    return data.get("tool", {}).get("avglint", {}), _toml_lines(text)


def _toml_lines(text: str) -> dict[tuple, int]:
    """The lines of the keys of ``[tool.avglint]`` and of its tables (``[tool.avglint.severity]``,
    ``[[tool.avglint.custom-rules]]``), by path as in ``_node_lines``. Keys inside inline tables or
    arrays get the line of the key that holds them."""
    lines: dict[tuple, int] = {}
    table: tuple | None = None       # the path of the table the lines are in; None outside [tool.avglint]
    entries: dict[tuple, int] = {}   # the number of [[...]] entries seen per array of tables
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            match = _TOML_TABLE.match(line)
            table = None
            if match:
                table = tuple(part.strip().strip('"\'') for part in match.group(2).split(".")[1:])
                if match.group(1) == "[[":
                    position = entries[table] = entries.get(table, -1) + 1
                    table = (*table, position)
                lines.setdefault(table, number)
            continue
        match = _TOML_KEY.match(line) if table is not None else None
        if match:
            key = (*table, *(part.strip().strip('"\'') for part in match.group(1).split(".")))
            lines.setdefault(key, number)
    return lines


def _build(data: dict, lines: dict[tuple, int], shown: str, root: Path) -> Project:
    place = _Place(shown, lines)
    written: dict[str, str] = {}   # key -> the key as written ('fail_on' for 'fail-on')
    for key in data:
        name = str(key).replace("_", "-")
        if name not in KEY_NAMES:
            close = difflib.get_close_matches(name, KEY_NAMES, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(KEY_NAMES)}"
            place.fail((key,), f"unknown key '{key}'{hint}")
        written[name] = key
    config = Config(root=root)
    values: dict[str, Any] = {}
    for key in KEYS:
        if key.name in written:
            value = key.type.read(data[written[key.name]], (written[key.name],), place, config)
        else:
            value = copy.deepcopy(key.default)
        values[key.name] = value
        if key.name == "extra-fields":
            config.extra_fields = value
        elif key.name == "custom-rules":
            config.custom_rules = value
    config.lang, config.fail_on = values["lang"], values["fail-on"]
    # without 'select', every built-in rule and every custom rule runs
    config.select = values["select"] if "select" in written else [*values["select"], *(r.id for r in config.custom_rules)]
    config.ignore, config.severity = values["ignore"], values["severity"]
    config.per_file_ignores, config.vocabularies = values["per-file-ignores"], values["vocabularies"]
    return Project(config, shown, values["include"], values["exclude"], values["statements"], values["baseline"], root,
                   values["publish"])
