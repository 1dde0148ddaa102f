"""The application: what ``avglint check`` does, without a command line.

``check(CheckRequest) -> CheckOutcome``: find the files (the paths named, the rest
of their register, the configuration's statements), read them, check them with
the engine, apply a baseline, write one or apply (or show) fixes. Everything
comes in and goes out as plain values: the command line (avglint/cli.py) turns
its options into a request and the outcome into a report and an exit status,
and a language server can do the same. A request that cannot be carried out
raises ``RequestError`` with a message for the user.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from . import baseline
from .config import ConfigError, Project, find_config
from .config import load_project as load_configuration
from .engine import NOT_TEXT, Config, LintResult, lint
from .globs import excluded, matches_any
from .parser import ParseResult
from .source import looks_binary
from .statement import is_statement_path
from .walk import files_below

if TYPE_CHECKING:
    from .fix import FileFix


class RequestError(Exception):
    """The request cannot be carried out: a path that is not there, an unreadable file, a configuration
    error, an unknown rule. The message is for the user, as it stands."""


@dataclass
class CheckRequest:
    """What to check and how, as the user asked for it.

    ``paths``: registers and statements, files or directories ('-': ``stdin``, named ``stdin_filename``);
    empty means the current directory (or with a configuration file, the whole project).
    ``statements``: privacy statements to check besides. ``overlays``: the text of files as an editor
    holds it (unsaved changes), by real path, read instead of what is on disk. ``select``/``ignore``: rule names
    (ids, prefixes, slugs). ``lang``: the messages' language (None: the configuration's). ``previous``: parse
    results of an earlier check, by display path, for files to be read again only where they changed
    (``engine.lint``; a language server's, the command line has none).
    """

    paths: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    stdin: bytes = b""
    stdin_filename: str | None = None
    overlays: dict[str, bytes] = field(default_factory=dict)
    config_path: str | None = None
    no_config: bool = False
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    lang: str | None = None
    register_context: bool = True
    force_exclude: bool = False
    baseline_path: str | None = None
    write_baseline_path: str | None = None
    apply_fixes: bool = False
    unsafe_fixes: bool = False
    show_diff: bool = False
    jobs: int = 1   # processes for the rules of a large register (avglint.parallel; the command line's --jobs)
    progress: Callable[[str, int, int], None] | None = None
    warn: Callable[[str], None] = lambda message: None   # what the user should know that does not stop the run
    previous: dict[str, ParseResult] = field(default_factory=dict)


@dataclass
class CheckOutcome:
    """What the check found.

    ``result``: the findings to report (those of the files named, after baseline and fixes).
    ``failed``: whether the run fails (findings that count at the configuration's ``fail-on``, or
    fixes shown with ``show_diff``). ``diffs``: with ``show_diff``, the fixes as diffs (the report is
    then the diffs alone). ``baseline_written``: with ``write_baseline_path``, the number of findings
    recorded. ``fixed_findings``/``fixed_files``: what ``apply_fixes`` wrote.
    """

    result: LintResult
    config: Config
    failed: bool
    files_read: list[str]
    diffs: list[str] = field(default_factory=list)
    baseline_written: int | None = None
    fixed_findings: int = 0
    fixed_files: int = 0


def check(request: CheckRequest) -> CheckOutcome:
    project = load_project(request.paths, request.config_path, request.no_config)
    config = project.config
    for name in [*request.select, *request.ignore]:
        if not config.resolve(name):
            raise RequestError(f"unknown rule '{name}' (see 'avglint rules')")
    if request.select:
        config.select = list(request.select)
    config.ignore = [*config.ignore, *request.ignore]
    config.lang = request.lang or config.lang
    if "-" in request.paths and request.apply_fixes:
        raise RequestError("--fix cannot rewrite standard input; use --diff to see the fixes")
    inputs, statements, report, disk = _read_inputs(request, project)
    files_read = [path for path, _ in inputs] + [path for path, _ in statements]
    result = lint(inputs, config, report, statements=statements, progress=request.progress, previous=request.previous,
                  jobs=request.jobs)
    if request.write_baseline_path:
        count = baseline.write(request.write_baseline_path, result.findings)
        return CheckOutcome(result, config, False, files_read, baseline_written=count)
    baseline_path = request.baseline_path or project.baseline and str(config.root / project.baseline)
    known = None
    if baseline_path:
        try:
            known = baseline.load(baseline_path)
        except baseline.BaselineError as error:
            raise RequestError(str(error)) from None
        baseline.apply(result.findings, known)
    outcome = CheckOutcome(result, config, False, files_read)
    if request.apply_fixes or request.show_diff:
        from . import fix  # only for a run that asks for fixes: left out of start-up

        plans = [p for p in fix.plan(result.findings, unsafe=request.unsafe_fixes)
                 if report is None or p.source.path in report]
        if request.show_diff:
            outcome.diffs = [fix.diff(file_fix) for file_fix in plans]
            outcome.failed = bool(plans)
            if plans:
                return outcome
        elif _apply_fixes(outcome, plans, inputs, statements, report, disk, request.warn, request.jobs) \
                and known is not None:
            baseline.apply(outcome.result.findings, known)  # the findings of the fixed files are new ones
    outcome.failed = bool(outcome.result.counted(config.fail_on))
    return outcome


def _apply_fixes(outcome: CheckOutcome, plans: list[FileFix], inputs, statements, report, disk, warn,
                 jobs: int) -> bool:
    """Write the fixes; the outcome's result becomes that of checking the fixed files again (then True)."""
    from . import fix

    fixed_bytes = {}
    for file_fix in plans:
        path = file_fix.source.path
        try:
            fix.write(file_fix, disk[path])
        except fix.ChangedOnDisk:
            warn(f"{path} changed since it was read; not fixed")
            continue
        fixed_bytes[path] = file_fix.fixed
        outcome.fixed_findings += len(file_fix.findings)
    if not fixed_bytes:
        return False
    outcome.fixed_files = len(fixed_bytes)
    outcome.result = lint([(path, fixed_bytes.get(path, data)) for path, data in inputs], outcome.config, report,
                          statements=[(path, fixed_bytes.get(path, data)) for path, data in statements], jobs=jobs)
    return True


def discover(paths: tuple[str, ...], *, quiet: bool = False, project: Project | None = None) -> list[str]:
    """The .avg files named or found below the named directories, in a stable order.

    ``quiet``: a directory without .avg files is not an error (registers read only to
    cross-check a privacy statement). ``project``: its ``exclude`` globs hold for what the walk
    of a named directory finds (a path named is taken as named; ``--force-exclude`` is the caller's)."""
    found: list[str] = []
    for path in paths:
        if path == "-":
            found.append(path)
        elif os.path.isdir(path):
            exclude = _exclusions_below(path, project)
            root = project.config.root if exclude else None
            below = [name for name in files_below(path, exclude=exclude, base=root)
                     if name.endswith(".avg") and not (exclude and excluded(_relative(name, root), exclude))]
            if not below and not quiet:
                raise RequestError(f"no .avg files found in {path}")
            found.extend(sorted(below))
        elif os.path.exists(path):
            found.append(path)
        else:
            raise RequestError(f"{path}: no such file or directory")
    return _unique(found)


def _exclusions_below(directory: str, project: Project | None) -> list[str]:
    """The exclude globs that hold below a named directory: none without a configuration, outside
    its project, or when the directory named is excluded itself (it was named all the same)."""
    if project is None or project.path is None:
        return []
    relative = _relative(directory, project.config.root)
    outside = relative == ".." or relative.startswith("../")
    if outside or relative != "." and excluded(relative + "/", project.exclude):
        return []
    return project.exclude


def display_path(path: str) -> str:
    """Relative to the working directory when inside it, with '/' separators and no './'."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    shown = os.path.relpath(absolute, cwd) if absolute.startswith(cwd + os.sep) else path
    return shown.replace(os.sep, "/").removeprefix("./")


def is_an_input(target: str, inputs) -> bool:
    """Whether writing ``target`` would replace one of the files read (``-o register.avg`` by mistake)."""
    return os.path.exists(target) and any(
        path != "-" and os.path.isfile(path) and os.path.samefile(target, path) for path in inputs)


def load_project(paths: tuple[str, ...], config_path: str | None, no_config: bool) -> Project:
    """The configuration of the run: the file named, the one found from the first path upward, or none."""
    from pathlib import Path

    start = paths[0] if paths and paths[0] != "-" else "."
    try:
        if no_config:
            return load_configuration(None, start=start)
        found = Path(config_path) if config_path else find_config(start)
        if config_path and not found.is_file():
            raise RequestError(f"{config_path}: no such configuration file")
        return load_configuration(found, start=start)
    except ConfigError as error:
        raise RequestError(f"configuration error: {error}") from None


def project_statements(project: Project) -> list[str]:
    """The privacy statements the configuration's 'statements' globs select, below the project root."""
    if not project.statements:
        return []
    root = project.config.root
    found = []
    for path in files_below(root, exclude=project.exclude):
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        if matches_any(relative, project.statements) and not excluded(relative, project.exclude):
            found.append(path)
    return found


def _read_inputs(request: CheckRequest, project: Project):
    """(display path, bytes) of every register file and of every statement, the paths to report on
    (None: all), and where each displayed path is on disk."""
    paths = request.paths
    config = project.config
    stdin_statement = bool(request.stdin_filename) and is_statement_path(request.stdin_filename)
    named_statements = [p for p in paths if (p == "-" and stdin_statement) or
                        (p != "-" and is_statement_path(p) and not os.path.isdir(p))]
    for path in [*named_statements, *request.statements]:
        if path != "-" and not os.path.isfile(path):
            raise RequestError(f"{path}: no such file")
    named_statements += list(request.statements)
    register_paths = tuple(p for p in paths if p not in named_statements)
    statements_only = bool(named_statements) and not register_paths
    if statements_only:  # only statements named: the project's register is read to cross-check, if there is one
        named = []
    else:
        named = discover(register_paths or (".",), project=project)
    if project.path is not None and request.force_exclude:
        named = [p for p in named if p == "-" or project.selects(_relative(p, config.root))]
        named_statements = [p for p in named_statements if p == "-" or not excluded(
            _relative(p, config.root), project.exclude)]
    files = named
    report = None
    if request.register_context and project.register_root is not None:
        # read the whole register, report on what was named (with a configuration and no paths: on all of it)
        register = project.register_files()
        if paths or named_statements or project.path is None:
            report = {_shown(p, request) for p in named if not statements_only}
        known = {os.path.realpath(p) for p in named if p != "-"}
        if request.stdin_filename:
            known.add(os.path.realpath(request.stdin_filename))
        files = named + [p for p in register if os.path.realpath(p) not in known]
        # one stable order, so that "the first of two duplicates" does not depend on which files were named
        files.sort(key=lambda p: _shown(p, request))
    statement_files = list(named_statements)
    if project.path is not None and not paths and not named_statements:
        statement_files = project_statements(project)
    if report is not None:
        report |= {_shown(p, request) for p in statement_files}
    context = {p for p in files if p not in named} if report is not None else set()
    inputs, disk = _read(files, request, context=context)
    statements, statement_disk = _read(_unique(statement_files), request)
    disk.update(statement_disk)
    return inputs, statements, report, disk


def _read(paths, request: CheckRequest, *, context=frozenset()) -> tuple[list[tuple[str, bytes]], dict[str, str]]:
    """The bytes of each file; one that cannot be read, or is not text at all, cannot be checked.

    A file in ``context`` is read only as the rest of the register of the files named: one that cannot
    be read is left out with a warning, since the files named can still be checked."""
    inputs, disk = [], {}
    for path in paths:
        problem = None
        if path == "-":
            data = request.stdin
        elif os.path.realpath(path) in request.overlays:
            data = request.overlays[os.path.realpath(path)]
        else:
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError as error:
                problem = f"cannot read ({error.strerror or error})"
        if problem is None and looks_binary(data):
            problem = NOT_TEXT
        if problem is not None and path in context:
            request.warn(f"warning: {display_path(path)}: {problem}; left out of the register it would belong to")
            continue
        if problem is not None:
            raise RequestError(f"{path}: {problem}")
        if path == "-":
            inputs.append((_shown(path, request), data))
        else:
            inputs.append((display_path(path), data))
            disk[display_path(path)] = path
    return inputs, disk


def _unique(paths: list[str]) -> list[str]:
    """The paths without the second naming of a file (by its real path), in their order."""
    seen, unique = set(), []
    for path in paths:
        key = os.path.realpath(path) if path != "-" else path
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _shown(path: str, request: CheckRequest) -> str:
    if path == "-":
        return display_path(request.stdin_filename) if request.stdin_filename else "<stdin>"
    return display_path(path)


def _relative(path: str, root) -> str:
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
