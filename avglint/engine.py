"""The engine: files -> parse -> register -> rules -> findings (suppressed, sorted).

Rules never see configuration files, suppressions or output: the engine selects
the rules, gives each its options, stamps rule id and severity on what they
yield, applies inline suppressions and keeps only the findings in the files the
user asked about (cross-file rules still see the whole register).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import suppress
from .findings import SEVERITY_RANK, Finding
from .model import Organisation, Register, name_key
from .parser import ParseResult, parse
from .registry import Rule, all_rules, resolve
from .source import decode


@dataclass
class Config:
    """What the engine needs to know; avglint.config builds it from files and options."""

    select: list[str] = field(default_factory=lambda: ["AVG"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)           # rule id/prefix/slug -> level or "off"
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> rule names
    options: dict[str, dict[str, Any]] = field(default_factory=dict)     # rule id -> options
    vocabularies: dict[str, Any] | None = None
    lang: str = "en"
    fail_on: str = "warning"
    root: Path = field(default_factory=Path.cwd)

    def enabled_rules(self) -> list[Rule]:
        chosen: dict[str, Rule] = {}
        for name in self.select:
            for declared in resolve(name):
                chosen[declared.id] = declared
        for name in self.ignore:
            for declared in resolve(name):
                chosen.pop(declared.id, None)
        for name, level in self.severity.items():
            if level == "off":
                for declared in resolve(name):
                    chosen.pop(declared.id, None)
        return list(chosen.values())

    def severity_of(self, rule_id: str) -> str | None:
        for name, level in self.severity.items():
            if level != "off" and any(declared.id == rule_id for declared in resolve(name)):
                return level
        return None

    def ignored_in(self, path: str, rule_id: str) -> bool:
        from .config import _glob

        relative = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        for pattern, names in self.per_file_ignores.items():
            if _glob(relative, pattern):
                if any(covers(name, rule_id) for name in names):
                    return True
        return False


def covers(name: str, rule_id: str) -> bool:
    """Whether a rule name as a user writes it (id, id prefix, slug) covers ``rule_id``."""
    upper = name.strip().upper()
    if rule_id.startswith(upper) and upper.startswith("AVG"):
        return True
    return any(declared.id == rule_id for declared in resolve(name))


class RuleContext:
    """What a rule may use besides the model: its options and the vocabularies."""

    __slots__ = ("options", "register", "_vocab_overrides", "_vocab")

    def __init__(self, options: dict[str, Any], register: Register | None, vocab_overrides):
        self.options = options
        self.register = register
        self._vocab_overrides = vocab_overrides
        self._vocab = None

    @property
    def vocab(self):
        if self._vocab is None:
            from .vocab import load

            self._vocab = load(self._vocab_overrides)
        return self._vocab


class RuleCrash(Exception):
    """A rule raised: a bug in avglint or a plugin, reported with exit status 2."""

    def __init__(self, rule: Rule, error: BaseException):
        super().__init__(f"rule {rule.id} ({rule.slug}) failed: {type(error).__name__}: {error}")
        self.rule, self.error = rule, error


@dataclass
class LintResult:
    parsed: list[ParseResult]
    registers: list[Register]        # the files checked, partitioned by organisation
    rules: list[Rule]
    findings: list[Finding]          # sorted; suppressed ones included, with .suppression set
    unreadable: list[tuple[str, str]] = field(default_factory=list)   # (path, reason)

    @property
    def activity_count(self) -> int:
        return sum(len(register.activities) for register in self.registers)

    @property
    def sources(self):
        return [result.source for result in self.parsed]

    def counted(self, fail_on: str = "note") -> list[Finding]:
        """Findings that count: not suppressed, at or above the level."""
        floor = SEVERITY_RANK[fail_on]
        return [f for f in self.findings if f.suppression is None and SEVERITY_RANK[f.severity] >= floor]


def read_file(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def lint(files: Iterable[tuple[str, bytes]], config: Config | None = None,
         report: set[str] | None = None) -> LintResult:
    """Check files given as (display path, bytes) together as one register.

    ``report``: display paths whose findings are kept (all when None) — the whole
    register is still read, so cross-file rules see everything.
    """
    config = config or Config()
    parsed = []
    for path, data in files:
        source, problems = decode(path, data)
        parsed.append(parse(source, problems))
    return _check(parsed, config, report)


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
            if keys is not None or not directory:
                break
            directory = os.path.dirname(directory)
        if keys is not None and len(keys) == 1:
            by_organisation[next(iter(keys))].append(result)
        else:
            unplaced.append(result)
    groups = [sorted(results, key=parsed.index) for results in by_organisation.values()]
    return groups + ([unplaced] if unplaced else [])


def _check(parsed: list[ParseResult], config: Config, report: set[str] | None) -> LintResult:
    rules = config.enabled_rules()
    enabled = {declared.id for declared in rules}
    findings: list[Finding] = [f for r in parsed for f in r.findings if f.rule in enabled]
    registers = [Register([r.source for r in group], [block for r in group for block in r.blocks])
                 for group in partition(parsed)]
    for declared in rules:
        if declared.scope in ("parser", "engine") or declared.check is None:
            continue
        options = {**declared.options, **config.options.get(declared.id, {})}
        for register in registers:
            findings.extend(_run(declared, register, RuleContext(options, register, config.vocabularies)))
    for finding in findings:
        finding.severity = config.severity_of(finding.rule) or finding.severity
    if config.per_file_ignores:
        findings = [f for f in findings if not config.ignored_in(f.span.path, f.rule)]
    directives = []
    for result in parsed:
        found, problems = suppress.parse_directives(result.source, result.comments, result.blocks,
                                                    known=lambda name: bool(resolve(name)))
        directives.extend(found)
        findings.extend(p for p in problems if "AVG010" in enabled)
    unused = suppress.apply(findings, directives, covers)
    if "AVG009" in enabled:
        findings.extend(unused)
    if report is not None:
        findings = [f for f in findings if f.span.path in report]
    findings.sort(key=lambda f: f.sort_key)
    return LintResult(parsed, registers, rules, findings)


def _run(declared: Rule, register: Register, context: RuleContext) -> list[Finding]:
    found: list[Finding] = []
    severity = declared.severity
    try:
        if declared.scope == "register":
            for finding in declared.check(register, context):
                finding.rule = declared.id
                finding.severity = finding.severity or severity
                found.append(finding)
        elif declared.scope == "activity":
            check = declared.check
            for activity in register.activities:
                for finding in check(activity, context):
                    finding.rule = declared.id
                    finding.severity = finding.severity or severity
                    if finding.activity is None:
                        finding.activity = activity
                    found.append(finding)
        elif declared.scope == "processor":
            for processor in register.processors:
                for finding in declared.check(processor, context):
                    finding.rule = declared.id
                    finding.severity = finding.severity or severity
                    found.append(finding)
    except Exception as error:  # noqa: BLE001 - reported as an internal error, with the rule named
        raise RuleCrash(declared, error) from error
    return found
