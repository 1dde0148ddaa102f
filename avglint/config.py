"""Configuration: ``.avglint.yaml`` or ``[tool.avglint]`` in ``pyproject.toml``.

Found from the checked paths upward (stopping at the repository root); the
directory of the file found is the project root, against which ``include``,
``exclude``, ``per-file-ignores`` and ``statements`` globs are matched. Without a
configuration file the repository (git) root is the project root, so that a check
of some files still reads the rest of their register. Keys may be written with
``-`` or ``_``. Anything unknown or malformed is a ``ConfigError``
that names the file, the line and what to write instead (exit status 2).
YAML is only ever loaded with safe loading.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine import Config
from .findings import SEVERITIES
from .globs import matches_any

CONFIG_NAMES = (".avglint.yaml", ".avglint.yml", "avglint.yaml")

# key -> (what it holds, for messages)
KEYS = {
    "lang": "'en' or 'nl'",
    "fail-on": "'error', 'warning' or 'note'",
    "select": "a list of rule ids, id prefixes (AVG4) or slugs",
    "ignore": "a list of rule ids, id prefixes or slugs",
    "severity": "a mapping of rule names to 'error', 'warning', 'note' or 'off'",
    "per-file-ignores": "a mapping of file globs to lists of rule names",
    "include": "a list of file globs that make up the register",
    "exclude": "a list of file globs left out of the register",
    "statements": "a list of globs of privacy statements",
    "vocabularies": "a mapping of vocabulary names to additions",
    "baseline": "the path of a baseline file",
    "publish": "a list of the columns 'avglint export' writes (or leaves out, as '-name')",
}


class ConfigError(Exception):
    """A configuration problem, with the place it was found."""

    def __init__(self, path: str, line: int | None, message: str):
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line


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


def _read_yaml(path: Path) -> tuple[dict, dict[str, int]]:
    import yaml

    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(str(path), mark.line + 1 if mark else None, f"not valid YAML: {problem}") from None
    if data is not None and not isinstance(data, dict):
        raise ConfigError(str(path), 1, "the configuration must be a mapping of keys to values")
    lines = {}
    if node is not None and hasattr(node, "value") and isinstance(node.value, list):
        for key_node, _ in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1
    return data or {}, lines


def _read_pyproject(path: Path) -> tuple[dict, dict[str, int]]:
    import tomllib

    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), getattr(error, "lineno", None), f"not valid TOML: {error}") from None
    section = data.get("tool", {}).get("avglint", {})
    lines = {}
    for number, line in enumerate(text.splitlines(), 1):
        key = line.split("=", 1)[0].strip()
        if "=" in line and key:
            lines.setdefault(key, number)
    return section, lines


def _build(data: dict, lines: dict[str, int], shown: str, root: Path) -> Project:
    from .registry import resolve

    def fail(key: str, message: str):
        raise ConfigError(shown, lines.get(key), message)

    normalised: dict[str, tuple[str, Any]] = {}
    for written, value in data.items():
        key = str(written).replace("_", "-")
        if key not in KEYS:
            close = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(KEYS)}"
            fail(written, f"unknown key '{written}'{hint}")
        normalised[key] = (written, value)

    def get(key: str, default=None):
        return normalised[key][1] if key in normalised else default

    def names(key: str) -> list[str]:
        value = get(key, [])
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(normalised[key][0], f"'{key}' must be {KEYS[key]}")
        return value

    def rule_names(key: str, values: list[str]) -> list[str]:
        for name in values:
            if not resolve(name):
                fail(normalised[key][0], f"'{key}' names an unknown rule '{name}' (see 'avglint rules')")
        return values

    config = Config(root=root)
    lang = get("lang", "en")
    if lang not in ("en", "nl"):
        fail(normalised["lang"][0], f"'lang' must be {KEYS['lang']}, not {lang!r}")
    config.lang = lang
    fail_on = get("fail-on", "warning")
    if fail_on not in SEVERITIES:
        fail(normalised["fail-on"][0], f"'fail-on' must be {KEYS['fail-on']}, not {fail_on!r}")
    config.fail_on = fail_on
    if "select" in normalised:
        config.select = rule_names("select", names("select"))
    config.ignore = rule_names("ignore", names("ignore")) if "ignore" in normalised else []
    severity = get("severity", {})
    if not isinstance(severity, dict):
        fail(normalised["severity"][0], f"'severity' must be {KEYS['severity']}")
    for name, level in severity.items():
        rule_names("severity", [str(name)])
        if level not in (*SEVERITIES, "off"):
            fail(normalised["severity"][0], f"severity of {name} must be error, warning, note or off, not {level!r}")
    config.severity = {str(k): v for k, v in severity.items()}
    per_file = get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        fail(normalised["per-file-ignores"][0], f"'per-file-ignores' must be {KEYS['per-file-ignores']}")
    for pattern, written in per_file.items():
        values = [written] if isinstance(written, str) else written
        if not isinstance(values, list):
            fail(normalised["per-file-ignores"][0], f"'per-file-ignores' must be {KEYS['per-file-ignores']}")
        config.per_file_ignores[str(pattern)] = rule_names("per-file-ignores", [str(v) for v in values])
    vocabularies = get("vocabularies")
    if vocabularies is not None and not isinstance(vocabularies, dict):
        fail(normalised["vocabularies"][0], f"'vocabularies' must be {KEYS['vocabularies']}")
    if vocabularies:
        from .vocab import VocabularyError, load

        try:
            load(vocabularies)  # validated now, so that a mistake is a configuration error, not a crash
        except VocabularyError as error:
            fail(normalised["vocabularies"][0], f"'vocabularies': {error}")
    config.vocabularies = vocabularies
    baseline = get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        fail(normalised["baseline"][0], f"'baseline' must be {KEYS['baseline']}")
    include = names("include") if "include" in normalised else ["**/*.avg"]
    exclude = names("exclude") if "exclude" in normalised else []
    statements = names("statements") if "statements" in normalised else []
    publish = names("publish") if "publish" in normalised else []  # the names are checked by 'avglint export'
    return Project(config, shown, include, exclude, statements, baseline, root, publish)
