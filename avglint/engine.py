"""The engine: files -> parse -> register -> rules -> findings (suppressed, sorted).

Rules never see configuration files, suppressions or output: the engine selects
the rules, gives each the vocabularies, stamps rule id and severity on what they
yield, applies inline suppressions and keeps only the findings in the files the
user asked about (cross-file rules still see the whole register).

Privacy statements (Markdown, HTML, plain text; ``avglint.statement``) are read
beside the registers. Rules with scope ``statement`` get each statement with the
register it belongs to in ``ctx.register`` (``avglint.registers.pair``; None when
no register of the organisation is checked in the same run), so they can
cross-check the two;
rules with scope ``statements`` get all statements at once. Register rules that
also read statements (AVG203 on citations in prose, ...) declare a statement check
with ``avglint.registry.statement_check``.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from . import suppress
from .findings import SEVERITY_RANK, Finding
from .globs import matches
from .model import Block, Register
from .parser import ParseResult, parse, paused_collector
from .readings import forget, reading, remember, table
from .registers import pair, partition
from .registry import NAME, EachItem, Reading, Rule, resolve
from .reparse import parse_again
from .rules.structure import INVALID_SUPPRESSION, UNUSED_SUPPRESSION
from .source import SourceFile, decode, looks_binary
from .statement import Statement, is_statement_path, read_statement


@dataclass
class Config:
    """What the engine needs to know; avglint.config builds it from files and options."""

    select: list[str] = field(default_factory=lambda: ["AVG"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)           # rule id/prefix/slug -> level or "off"
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> rule names
    vocabularies: dict[str, Any] | None = None
    lang: str = "en"
    fail_on: str = "warning"
    root: Path = field(default_factory=Path.cwd)
    custom_rules: list[Rule] = field(default_factory=list)      # the configuration's own (avglint.custom_rules)
    extra_fields: dict[str, str] = field(default_factory=dict)  # declared field keys: normalised -> as declared

    def resolve(self, name: str) -> list[Rule]:
        """The rules a name covers, custom rules included (``registry.resolve``)."""
        return resolve(name, self.custom_rules)

    def enabled_rules(self) -> list[Rule]:
        chosen: dict[str, Rule] = {}
        for name in self.select:
            for declared in self.resolve(name):
                chosen[declared.id] = declared
        for name in self.ignore:
            for declared in self.resolve(name):
                chosen.pop(declared.id, None)
        for name, level in self.severity.items():
            if level == "off":
                for declared in self.resolve(name):
                    chosen.pop(declared.id, None)
        return list(chosen.values())

    def severity_of(self, rule_id: str) -> str | None:
        for name, level in self.severity.items():
            if level != "off" and any(declared.id == rule_id for declared in self.resolve(name)):
                return level
        return None

    def ignored_in(self, path: str, rule_id: str) -> bool:
        relative = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        for pattern, names in self.per_file_ignores.items():
            if matches(relative, pattern):
                if any(self.covers(name, rule_id) for name in names):
                    return True
        return False

    def covers(self, name: str, rule_id: str) -> bool:
        """Whether a rule name as a user writes it (id, id prefix, slug) covers ``rule_id``."""
        upper = name.strip().upper()
        if rule_id.startswith(upper) and upper.startswith("AVG"):
            return True
        return any(declared.id == rule_id for declared in self.resolve(name))


class RuleContext:
    """What a rule may use besides the model: the register it belongs to and the vocabularies.

    ``register``: the register being checked, or for a statement rule the register of
    the statement's organisation (None when none is checked in the same run).
    ``activities``: the register's activities the rule can report on (what it ``needs``),
    in register order; ``where(needs)``: those where other needs hold.
    """

    __slots__ = ("register", "activities", "_vocab_overrides", "_vocab")

    def __init__(self, register: Register | None, vocab_overrides):
        self.register = register
        self.activities = register.activities if register is not None else []
        self._vocab_overrides = vocab_overrides
        self._vocab = None

    def where(self, needs: Mapping[str, Reading | EachItem | None]) -> list:
        """The register's activities where one of ``needs`` holds, read as ``@rule(needs=...)``: for a
        register rule that reports on an activity for several reasons, one of which no field shows."""
        return _where(tuple(needs.items()), self.register, self)

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
    parsed: list[ParseResult]        # every file checked: registers, then statements (without blocks)
    registers: list[Register]        # the files checked, partitioned by organisation
    rules: list[Rule]
    findings: list[Finding]          # sorted; suppressed ones included, with .suppression set
    statements: list[Statement] = field(default_factory=list)         # privacy statements checked
    reported: set[str] | None = None  # the display paths whose findings were kept (None: every file checked)

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


NOT_TEXT = "cannot read (a binary file, not text)"
LARGE = 2_000  # activities: on fewer, more processes for the rules (``lint(jobs=)``) save under a tenth of a second


class UnreadableInput(ValueError):
    """A file given to ``lint()`` is not text at all (an image, a PDF, an archive). ``path`` names it.

    The command line stops with exit status 2 for such a file; ``lint()`` raises this, before
    anything is checked, rather than report on a file it cannot read."""

    def __init__(self, path: str):
        self.path = path
        super().__init__(f"{path}: {NOT_TEXT}")


def lint(files: Iterable[tuple[str, bytes]], config: Config | None = None,
         report: set[str] | None = None, *, statements: Iterable[tuple[str, bytes]] = (),
         progress: Callable[[str, int, int], None] | None = None,
         previous: dict[str, ParseResult] | None = None, jobs: int = 1, jobs_from: int = LARGE) -> LintResult:
    """Check files given as (display path, bytes) together as one register.

    ``report``: display paths whose findings are kept (all when None) — the whole
    register is still read, so cross-file rules see everything; the registers of
    other organisations among the files are not checked (nor counted).
    ``statements``: privacy statements as (display path, bytes); a file in ``files``
    whose name ends in .md, .html, .htm or .txt is taken as a statement too.
    ``progress(stage, done, total)``: called as files are read ("files") and rules run ("rules").
    ``previous``: parse results of an earlier check by display path (a language server's; not of a check
    with ``extra_fields``, which changes them): such a file is read again only where it changed.
    ``jobs``: processes to run the register rules in (``avglint.parallel``; the command line's ``--jobs``)
    when the registers have ``jobs_from`` activities or more: the findings are the same.
    Leave it at 1 in a process that runs threads or must not fork (a server, an editor).

    Raises ``UnreadableInput`` (a ``ValueError``) naming the first file, register or statement,
    that is not text at all, as the command line stops on it; text with a few bad bytes, or
    saved as UTF-16, is checked and reported (AVG002).
    """
    config = config or Config()
    parsed = []
    documents = []
    files, statements = list(files), list(statements)
    for path, data in (*files, *statements):
        if looks_binary(data):
            raise UnreadableInput(path)
    with paused_collector():
        decoded = [None if is_statement_path(path) else decode(path, data) for path, data in files]
        ahead = _read_ahead([found[0] for found in decoded if found], config, jobs, jobs_from)
        near_the_end = _near_the_end(ahead, [found and found[0] for found in decoded])
        try:
            for number, ((path, data), found) in enumerate(zip(files, decoded), 1):
                if found is None:
                    documents.append(read_statement(path, data))
                else:
                    source, problems = found
                    parsed.append(parse_again(previous.get(path), source, problems) if previous else
                                  parse(source, problems, passing=near_the_end.get(number)))
                if progress:
                    progress("files", number, len(files))
            documents.extend(read_statement(path, data) for path, data in statements)
            if ahead is not None:
                ahead.take()
        finally:
            if ahead is not None:
                ahead.end()  # stopped when not taken (an error, an interruption); once taken, nothing is left
        try:
            return _check(parsed, config, report, documents, progress, jobs, jobs_from)
        finally:
            forget()  # the readings of this check, and the model objects they keep alive


def _read_ahead(sources: list[SourceFile], config: Config, jobs: int, jobs_from: int):
    """A process that reads ahead while the files are parsed (``avglint.parallel.ReadAhead``), for a check whose
    rules run in ``jobs`` processes: when the files hold ``jobs_from`` blocks or more (each block's head ends
    in a "{"); None when it cannot be started or is not worth it."""
    if jobs < 2 or not hasattr(os, "fork") or not _holds_braces(sources, jobs_from):
        return None
    from . import parallel

    try:
        return parallel.ReadAhead([source.text for source in sources], config.vocabularies)
    except Exception:  # noqa: BLE001 - vocabularies that cannot be loaded are reported by the rules that read them
        return None


def _holds_braces(sources: list[SourceFile], count: int) -> bool:
    """Whether the files hold ``count`` "{" or more, read up to the ``count``-th."""
    for source in sources:
        found = -1
        while count and (found := source.text.find("{", found + 1)) >= 0:
            count -= 1
    return not count


READ_AHEAD_END = 20  # the reader ahead is told to stop with a twentieth of the text left to parse


def _near_the_end(ahead, sources: list[SourceFile | None]) -> dict[int, tuple[int, Callable[[], None]]]:
    """Where the parser tells the reader ahead (``_read_ahead``) to stop, by the number of the file (from 1) and
    the position in it: with a twentieth of the registers' text left, so that the reader writes what it read
    while the parser reads the rest (``take`` tells it when it was not told). ``sources``: the files' sources,
    None for a privacy statement (not parsed)."""
    if ahead is None:
        return {}
    left = sum(len(source.text) for source in sources if source is not None)
    at = left - left // READ_AHEAD_END
    for number, source in enumerate(sources, 1):
        if source is not None:
            if at < len(source.text):
                return {number: (at, ahead.tell)}
            at -= len(source.text)
    return {}


def _check(parsed: list[ParseResult], config: Config, report: set[str] | None,
           statements: list[Statement] = (), progress: Callable[[str, int, int], None] | None = None,
           jobs: int = 1, jobs_from: int = LARGE) -> LintResult:
    statements = list(statements)
    rules = config.enabled_rules()
    enabled = {declared.id for declared in rules}
    if config.extra_fields:
        from .custom_rules import adopt_extra_fields

        adopt_extra_fields(parsed, config.extra_fields)
    groups = partition(parsed)
    registers = [Register([r.source for r in group], [block for r in group for block in r.blocks], _fields(group))
                 for group in groups]
    paired = pair(statements, registers) if statements else {}
    if report is not None:  # files read for their register: another organisation's register is not checked
        wanted = {id(paired.get(id(s))) for s in statements if s.source.path in report}
        concerned = [any(source.path in report for source in register.sources) or id(register) in wanted
                     for register in registers]
        registers = [register for register, kept in zip(registers, concerned) if kept]
        kept_files = {id(result) for group, kept in zip(groups, concerned) if kept for result in group}
        parsed = [result for result in parsed if id(result) in kept_files]
    findings: list[Finding] = [f for r in parsed for f in r.findings if f.rule in enabled]
    large = jobs > 1 and sum(len(register.activities) for register in registers) >= jobs_from
    ran = _run_shared(rules, registers, config, progress, jobs) if large else {}
    done = len(ran)
    for declared in rules:
        if progress and declared.id not in ran:
            done += 1
            progress("rules", done, len(rules))
        if declared.scope in ("parser", "engine"):
            continue
        if declared.check is not None:
            if declared.scope == "statement":
                for statement in statements:
                    context = RuleContext(paired.get(id(statement)), config.vocabularies)
                    findings.extend(_run_on(declared, declared.check, statement, context))
            elif declared.scope == "statements":
                if statements:
                    findings.extend(_run_on(declared, declared.check, statements,
                                            RuleContext(None, config.vocabularies)))
            else:
                found = ran.get(declared.id)
                findings.extend(_run_registers(declared, registers, config) if found is None else found)
        companions = declared.statement_checks
        for statement in statements if companions else ():
            context = RuleContext(paired.get(id(statement)), config.vocabularies)
            earlier: set[int] = set()
            for companion in companions:  # two checks of one rule (two families) on one line: keep the first
                lines = set()
                for finding in _run_on(declared, companion, statement, context):
                    if finding.span.line not in earlier:
                        lines.add(finding.span.line)
                        findings.append(finding)
                earlier |= lines
    for finding in findings:
        finding.severity = config.severity_of(finding.rule) or finding.severity
    if config.per_file_ignores:
        findings = [f for f in findings if not config.ignored_in(f.span.path, f.rule)]
    directives = []
    known = lambda name: bool(config.resolve(name))  # noqa: E731
    for result in parsed:
        found, problems = suppress.parse_directives(result.source, result.comments, result.blocks, known=known)
        directives.extend(found)
        findings.extend(p for p in problems if INVALID_SUPPRESSION.id in enabled)
    for statement in statements:
        found, problems = suppress.statement_directives(statement, known)
        directives.extend(found)
        findings.extend(p for p in problems if INVALID_SUPPRESSION.id in enabled)
    unused = suppress.apply(findings, directives, config.covers)
    for finding in unused:
        if finding.span.source.encoding != "utf-8":
            finding.fix = None
    if UNUSED_SUPPRESSION.id in enabled:
        findings.extend(unused)
    if report is not None:
        findings = [f for f in findings if f.span.path in report]
    findings.sort(key=lambda f: f.sort_key)
    documents = [ParseResult(statement.source, [], [], []) for statement in statements]
    return LintResult(parsed + documents, registers, rules, findings, statements=statements, reported=report)


def _run_registers(declared: Rule, registers: list[Register], config: Config) -> list[Finding]:
    return [finding for register in registers
            for finding in _run(declared, register, RuleContext(register, config.vocabularies))]


def _run_shared(rules: list[Rule], registers: list[Register], config: Config, progress,
                jobs: int) -> dict[str, list[Finding]]:
    """The findings of the register rules that ran in ``jobs`` processes (``avglint.parallel``), by rule
    id. The rest run in the loop of ``_check``, in rule order."""
    from . import parallel

    shared = [declared for declared in rules
              if declared.check is not None and declared.scope in ("register", "activity", "processor")]
    count_done = (lambda count: progress("rules", count, len(rules))) if progress else None
    return parallel.run(shared, lambda declared: _run_registers(declared, registers, config), registers, jobs=jobs,
                        vocabularies=config.vocabularies, progress=count_done,
                        meanwhile=functools.partial(_line_starts, registers))


def _line_starts(registers: list[Register]) -> list:
    """Where the lines of the registers' files start: every format gives the line of each finding (for a large
    file, a pass over all of it, made while the other processes end their last rules)."""
    return [source.line_starts for register in registers for source in register.sources]


def _fields(results: list[ParseResult]) -> dict[str, list] | None:
    """The parser's indexes of fields by key, of files checked as one register (None when one has none)."""
    if any(result.fields is None for result in results):
        return None
    if len(results) == 1:
        return results[0].fields
    fields: dict[str, list] = {}
    for result in results:
        for key, found in result.fields.items():
            fields.setdefault(key, []).extend(found)
    return fields


def _activities(declared: Rule, register: Register, context: RuleContext) -> list:
    """The activities ``declared`` can report on: where a field it needs is in force with its reading
    holding, of its text or of one of its items (every activity when it declares no needs). Each
    reading is made once per distinct text, and rules that declare the same needs share the answer."""
    return _where(declared.needs, register, context)


def _where(needs: tuple, register: Register, context: RuleContext) -> list:
    """The activities where one of ``needs`` holds (see ``_activities``)."""
    if not needs or register.fields is None:
        return register.activities
    shared = table(_activities, register)
    found = shared.get(needs)
    if found is None:
        vocab = context.vocab
        carriers = []
        for key, need in needs:
            holds, texts = (need.reading, _items) if isinstance(need, EachItem) else (need, _texts)
            said = table(holds, vocab)
            carriers_of = texts(register, key)
            screen = getattr(holds, "termsets", None)
            for text in carriers_of if not screen else vocab.may_match(screen, carriers_of):
                blocks = carriers_of[text]
                if holds is not None:
                    answer = said.get(text)
                    if answer is None:
                        answer = remember(said, text, bool(holds(text, vocab)))
                    if not answer:
                        continue
                if type(blocks) is list:
                    carriers.extend(blocks)
                else:
                    carriers.append(blocks)
        found = shared[needs] = register.activities_under(carriers)
    return found


@reading
def _texts(register: Register, key: str) -> dict[str, Block | list[Block]]:
    """The distinct texts of the fields in force with ``key`` (``NAME``: activity names), each with
    the block that carries it, or a list of the blocks when there are more (see ``_carried``)."""
    texts: dict[str, Block | list[Block]] = {}
    if key == NAME:
        for activity in register.activities:
            if activity.name:
                _carried(texts, activity.name, activity)
    else:
        for field in register.fields.get(key, ()):
            if field.items:
                _carried(texts, field.text, field.block)
    return texts


@reading
def _items(register: Register, key: str) -> dict[str, Block | list[Block]]:
    """The distinct items of the fields in force with ``key`` (for ``NAME``, the names), each with the
    block or blocks that carry it (as ``_texts``)."""
    if key == NAME:
        return _texts(register, key)
    items: dict[str, Block | list[Block]] = {}
    for carrier in register.fields.get(key, ()):
        for item in carrier.items:
            _carried(items, item.value, carrier.block)
    return items


def _carried(texts: dict[str, Block | list[Block]], text: str, block: Block) -> None:
    """Add ``block`` to those carrying ``text``: a block alone, a list from the second on (most texts of a
    register written as people write have one block, and a list for each would be most of this index)."""
    found = texts.get(text)
    if found is None:
        texts[text] = block
    elif type(found) is list:
        found.append(block)
    else:
        texts[text] = [found, block]


def _stamp(declared: Rule, finding: Finding) -> Finding:
    finding.rule = declared.id
    finding.severity = finding.severity or declared.severity
    return finding


def _run_on(declared: Rule, check, subject, context: RuleContext) -> list[Finding]:
    """Run a statement check (the rule's own, or a companion of a rule of another family)."""
    try:
        return [_stamp(declared, finding) for finding in check(subject, context)]
    except Exception as error:  # noqa: BLE001 - reported as an internal error, with the rule named
        raise RuleCrash(declared, error) from error


def _run(declared: Rule, register: Register, context: RuleContext) -> list[Finding]:
    found: list[Finding] = []
    severity = declared.severity
    try:
        context.activities = _activities(declared, register, context)
        if declared.scope == "register":
            for finding in declared.check(register, context):
                finding.rule = declared.id
                finding.severity = finding.severity or severity
                found.append(finding)
        elif declared.scope == "activity":
            check = declared.check
            for activity in context.activities:
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
