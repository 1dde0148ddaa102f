"""The command line: ``avglint check``, ``avglint rules``, ``avglint explain``.

Exit status: 0 nothing to report (notes and suppressed findings never fail a
run), 1 findings, 2 usage error, unreadable or binary input, bad configuration or an
internal error (one line on stderr; the traceback only with ``--debug``), 141
when the reader of standard output went away (``avglint check | head -1``):
quietly, as git and other tools that SIGPIPE ends (128 + 13).

Imports are lazy: ``avglint --version`` must start as fast as Python itself.
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_CLOSED_PIPE = 0, 1, 2, 141


class UsageProblem(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file=None):
        click.echo(f"avglint: {self.format_message()}", err=True)


def _fail(message: str) -> None:
    raise UsageProblem(message)


class _Commands(click.Group):
    """The command group; a command whose standard output is closed early ends quietly."""

    def invoke(self, ctx):
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # a pipe closed early fails here, not at interpreter exit
        except BrokenPipeError:
            # what is still buffered goes nowhere, without a second error when Python flushes at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_CLOSED_PIPE)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="avglint", message="%(prog)s %(version)s")
def cli() -> None:
    """avglint checks GDPR (AVG) processing registers (.avg files) and privacy statements.

    Run 'avglint check' in a folder with .avg files, or 'avglint check register.avg';
    add a privacy statement with 'avglint check register.avg --statement privacy.md'.
    Each finding names the rule (AVG401 …), the article of the GDPR and what to change;
    'avglint explain AVG401' tells more.
    """


def discover(paths: tuple[str, ...], *, quiet: bool = False) -> list[str]:
    """The .avg files named or found below the named directories, in a stable order.

    ``quiet``: a directory without .avg files is not an error (registers read only to
    cross-check a privacy statement)."""
    from .walk import files_below

    found: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            found.append(path)
        elif os.path.isdir(path):
            below = [name for name in files_below(path) if name.endswith(".avg")]
            if not below and not quiet:
                _fail(f"no .avg files found in {path}")
            found.extend(sorted(below))
        elif os.path.exists(path):
            found.append(path)
        else:
            _fail(f"{path}: no such file or directory")
    unique = []
    for path in found:
        key = os.path.realpath(path) if path != "-" else path
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def display_path(path: str) -> str:
    """Relative to the working directory when inside it, with '/' separators and no './'."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    shown = os.path.relpath(absolute, cwd) if absolute.startswith(cwd + os.sep) else path
    return shown.replace(os.sep, "/").removeprefix("./")


FORMATS = ["text", "json", "sarif", "github", "auto"]


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format; 'auto' is 'github' inside GitHub Actions, else 'text'.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None,
              help="Language of the messages (default: en, or AVGLINT_LANG, or 'lang' in the configuration).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: ids, id prefixes (AVG4) or slugs; comma-separated or repeated.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Leave out these rules.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: .avglint.yaml or [tool.avglint] in pyproject.toml, searched upward).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--register-context/--no-register-context", default=True, show_default=True,
              help="Also read the rest of the register of the files named (the .avg files of the repository, or the "
              "configuration's 'include'), so that checks across files stay right; findings are reported for the "
              "files named only.")
@click.option("--force-exclude", is_flag=True, help="Apply the configuration's 'exclude' also to files named "
              "on the command line (for pre-commit).")
@click.option("--stdin-filename", default=None, metavar="PATH",
              help="With '-' as the path: the name of the document read from standard input (for editors); a name "
              "ending in .md, .html, .htm or .txt reads it as a privacy statement.")
@click.option("--statement", "statements", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="A privacy statement (Markdown, HTML or plain text) to check, and to cross-check with the registers "
              "of the run; repeatable. A FILE ending in .md, .html, .htm or .txt given as a path is one too.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Suppress the findings recorded in this baseline file: only new findings count.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Record the current findings in this baseline file and exit 0.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply suggested (unsafe) fixes.")
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a diff without writing (exit 1 when "
              "there are any).")
@click.option("--category", default="avglint", show_default=True,
              help="SARIF: the code-scanning category (automationDetails.id).")
@click.option("--sarif-omit-suppressed", is_flag=True,
              help="SARIF: leave out suppressed findings (GitHub shows them as open alerts).")
@click.option("--show-source/--no-show-source", default=None,
              help="Text: show the source line under each finding (default: on a terminal).")
@click.option("--show-suppressed", is_flag=True, help="Text: also list findings suppressed by a comment.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("-q", "--quiet", is_flag=True, help="Text: no summary line.")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
def check(**options):
    """Check registers: FILES, or the .avg files below DIRECTORIES (default: the current directory),
    and privacy statements (--statement, or FILES ending in .md, .html, .htm or .txt).

    The rest of the register of the files named is read too, so that checks across files stay
    right, and findings are reported for the files named: the .avg files of the same
    organisation in the repository, or those a configuration file's 'include'/'exclude' select
    (--no-register-context: the files named alone). With a configuration file, a run without
    FILES checks the whole register and the statements of its 'statements' globs. Statements
    are cross-checked with the register of their organisation when it is read in the same run.
    """
    from .parser import paused_collector

    options["output_format"] = _resolve_format(options["output_format"])
    try:
        with paused_collector():  # the process ends after one check: its objects need no collecting
            status = _check(options)
    except click.ClickException as problem:
        _write_failed_sarif(options, problem.format_message(), configuration="configuration" in problem.message)
        raise
    except BrokenPipeError:
        raise  # not an internal error: the command group ends the run quietly
    except Exception as error:  # noqa: BLE001 - exit 2 with one line, as documented
        if options["debug"]:
            raise
        _write_failed_sarif(options, f"internal error: {error}")
        click.echo(f"avglint: internal error: {error} (run with --debug for details)", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_CLEAN if options["exit_zero"] else status)


def _resolve_format(name: str) -> str:
    if name != "auto":
        return name
    inside_actions = os.environ.get("GITHUB_ACTIONS") == "true" and not os.environ.get("PRE_COMMIT")
    return "github" if inside_actions else "text"


def _write_failed_sarif(options, message: str, configuration: bool = False) -> None:
    """A SARIF run that failed says so (executionSuccessful false), so it never looks clean."""
    if options["output_format"] != "sarif":
        return
    import json

    from .formats.sarif import SarifWriter

    log = SarifWriter(category=options["category"]).failed(message, configuration=configuration)
    try:
        _emit(options, lambda out: json.dump(log, out, ensure_ascii=False, indent=2))
    except OSError:
        pass  # the output file cannot be written (that may be the failure): the message on stderr remains


def _emit(options, write) -> None:
    """Run ``write(stream)`` on the output file (written whole, then renamed) or standard output.

    Both streams write UTF-8, and input bytes that are not UTF-8 as U+FFFD (``source.PRINTABLE``):
    every format is valid UTF-8 whatever it takes from the input."""
    from .source import PRINTABLE

    if not options["output"]:
        sys.stdout.reconfigure(encoding="utf-8", errors=PRINTABLE)
        write(sys.stdout)
        return
    import io

    from . import atomic

    text = io.StringIO()
    write(text)
    atomic.write(options["output"], text.getvalue().encode("utf-8", errors=PRINTABLE))


def _split(names: tuple[str, ...]) -> list[str]:
    return [part.strip() for name in names for part in name.split(",") if part.strip()]


def load_project(paths, config_path, no_config):
    from pathlib import Path

    from .config import ConfigError, find_config
    from .config import load_project as load

    start = paths[0] if paths and paths[0] != "-" else "."
    try:
        if no_config:
            return load(None, start=start)
        found = Path(config_path) if config_path else find_config(start)
        if config_path and not found.is_file():
            _fail(f"{config_path}: no such configuration file")
        return load(found, start=start)
    except ConfigError as error:
        _fail(f"configuration error: {error}")


def _read_inputs(options, project):
    """(display path, bytes) of every register file and of every statement, the paths to report on
    (None: all), and where each displayed path is on disk."""
    from .statement import is_statement_path

    paths = options["paths"]
    config = project.config
    stdin_statement = bool(options["stdin_filename"]) and is_statement_path(options["stdin_filename"])
    named_statements = [p for p in paths if (p == "-" and stdin_statement) or
                        (p != "-" and is_statement_path(p) and not os.path.isdir(p))]
    for path in [*named_statements, *options["statements"]]:
        if path != "-" and not os.path.isfile(path):
            _fail(f"{path}: no such file")
    named_statements += list(options["statements"])
    register_paths = tuple(p for p in paths if p not in named_statements)
    statements_only = bool(named_statements) and not register_paths
    if statements_only:  # only statements named: the project's register is read to cross-check, if there is one
        named = []
    else:
        named = discover(register_paths or (".",))
    if project.path is not None and options["force_exclude"]:
        named = [p for p in named if p == "-" or project.selects(_relative(p, config.root))]
        named_statements = [p for p in named_statements if p == "-" or not any(
            _glob(_relative(p, config.root), pattern) for pattern in project.exclude)]
    files = named
    report = None
    if options["register_context"] and project.register_root is not None:
        # read the whole register, report on what was named (with a configuration and no paths: on all of it)
        register = project.register_files()
        if paths or named_statements or project.path is None:
            report = {_shown(p, options) for p in named if not statements_only}
        known = {os.path.realpath(p) for p in named if p != "-"}
        if options["stdin_filename"]:
            known.add(os.path.realpath(options["stdin_filename"]))
        files = named + [p for p in register if os.path.realpath(p) not in known]
        # one stable order, so that "the first of two duplicates" does not depend on which files were named
        files.sort(key=lambda p: _shown(p, options))
    statement_files = list(named_statements)
    if project.path is not None and not paths and not named_statements:
        statement_files = project_statements(project)
    if report is not None:
        report |= {_shown(p, options) for p in statement_files}
    context = {p for p in files if p not in named} if report is not None else set()
    inputs, disk = _read(files, options, context=context)
    statements, statement_disk = _read(_unique(statement_files), options)
    disk.update(statement_disk)
    return inputs, statements, report, disk


def _read(paths, options, *, context=frozenset()) -> tuple[list[tuple[str, bytes]], dict[str, str]]:
    """The bytes of each file; one that cannot be read, or is not text at all, cannot be checked (exit 2).

    A file in ``context`` is read only as the rest of the register of the files named: one that cannot
    be read is left out with a warning, since the files named can still be checked."""
    from .source import looks_binary

    inputs, disk = [], {}
    for path in paths:
        problem = None
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError as error:
                problem = f"cannot read ({error.strerror or error})"
        if problem is None and looks_binary(data):
            problem = "cannot read (a binary file, not text)"
        if problem is not None and path in context:
            click.echo(f"avglint: warning: {display_path(path)}: {problem}; left out of the register it would "
                       "belong to",
                       err=True)
            continue
        if problem is not None:
            _fail(f"{path}: {problem}")
        if path == "-":
            inputs.append((_shown(path, options), data))
        else:
            inputs.append((display_path(path), data))
            disk[display_path(path)] = path
    return inputs, disk


def _unique(paths: list[str]) -> list[str]:
    seen, unique = set(), []
    for path in paths:
        key = os.path.realpath(path) if path != "-" else path
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def project_statements(project) -> list[str]:
    """The privacy statements the configuration's 'statements' globs select, below the project root."""
    if not project.statements:
        return []
    from .walk import files_below

    root = project.config.root
    found = []
    for path in files_below(root):
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        if any(_glob(relative, pattern) for pattern in project.statements) and \
                not any(_glob(relative, pattern) for pattern in project.exclude):
            found.append(path)
    return found


def _glob(relative: str, pattern: str) -> bool:
    from .config import _glob as glob

    return glob(relative, pattern)


def _shown(path: str, options) -> str:
    if path == "-":
        return display_path(options["stdin_filename"]) if options["stdin_filename"] else "<stdin>"
    return display_path(path)


def _check(options) -> int:
    from .engine import lint
    from .registry import resolve

    project = load_project(options["paths"], options["config_path"], options["no_config"])
    config = project.config
    select, ignore = _split(options["select"]), _split(options["ignore"])
    for name in [*select, *ignore]:
        if not resolve(name):
            _fail(f"unknown rule '{name}' (see 'avglint rules')")
    if select:
        config.select = select
    config.ignore = [*config.ignore, *ignore]
    config.lang = options["lang"] or os.environ.get("AVGLINT_LANG") or config.lang
    if "-" in options["paths"] and options["apply_fixes"]:
        _fail("--fix cannot rewrite standard input; use --diff to see the fixes")
    inputs, statements, report, disk = _read_inputs(options, project)
    from .progress import for_terminal

    progress = for_terminal(options["quiet"])
    try:
        result = lint(inputs, config, report, statements=statements, progress=progress)
    finally:
        if progress:
            progress.close()
    if options["write_baseline_path"]:
        from . import baseline

        count = baseline.write(options["write_baseline_path"], result.findings)
        if not options["quiet"]:
            click.echo(f"Wrote {count} findings to the baseline {options['write_baseline_path']}.")
        return EXIT_CLEAN
    baseline_path = options["baseline_path"] or project.baseline and str(config.root / project.baseline)
    if baseline_path:
        from . import baseline

        try:
            known = baseline.load(baseline_path)
        except baseline.BaselineError as error:
            _fail(str(error))
        baseline.apply(result.findings, known)
    if options["apply_fixes"] or options["show_diff"]:
        result = _fix(result, inputs, statements, report, disk, config, options)
        if result is None:
            return EXIT_FINDINGS
        if baseline_path:
            baseline.apply(result.findings, known)
    _report(result, config, options)
    return EXIT_FINDINGS if result.counted(config.fail_on) else EXIT_CLEAN


def _fix(result, inputs, statements, report, disk, config, options):
    """Apply (or with --diff, show) the fixes; return the result of checking the fixed files again."""
    from . import fix
    from .engine import lint

    plans = [p for p in fix.plan(result.findings, unsafe=options["unsafe_fixes"])
             if report is None or p.source.path in report]
    if options["show_diff"]:
        sys.stdout.flush()
        for file_fix in plans:  # the file's own bytes, those that are not UTF-8 too, so that the patch applies
            sys.stdout.buffer.write(fix.diff(file_fix).encode("utf-8", "surrogateescape"))
        return None if plans else result
    fixed_bytes, count = {}, 0
    for file_fix in plans:
        path = file_fix.source.path
        try:
            fix.write(file_fix, disk[path])
        except fix.ChangedOnDisk:
            click.echo(f"avglint: {path} changed since it was read; not fixed", err=True)
            continue
        fixed_bytes[path] = file_fix.fixed
        count += len(file_fix.findings)
    if not fixed_bytes:
        return result
    again = lint([(path, fixed_bytes.get(path, data)) for path, data in inputs], config, report,
                 statements=[(path, fixed_bytes.get(path, data)) for path, data in statements])
    if not options["quiet"] and options["output_format"] == "text":
        files = len(fixed_bytes)
        click.echo(f"Fixed {count} {'finding' if count == 1 else 'findings'} in {files} "
                   f"{'file' if files == 1 else 'files'}.", err=True)
    return again


def _report(result, config, options) -> None:
    output_format = options["output_format"]
    if output_format == "sarif":
        import json

        from .formats.sarif import SarifWriter

        log = SarifWriter(lang=config.lang, category=options["category"],
                          omit_suppressed=options["sarif_omit_suppressed"]).log(result)
        _emit(options, lambda out: (json.dump(log, out, ensure_ascii=False, indent=2), out.write("\n")))
    elif output_format == "json":
        from .formats import json as json_format

        _emit(options, lambda out: json_format.write(result, out, lang=config.lang))
    elif output_format == "github":
        from .formats import github

        _emit(options, lambda out: github.write(result, out, lang=config.lang))
    else:
        from .formats import text

        tty = not options["output"] and sys.stdout.isatty()
        show_source = tty if options["show_source"] is None else options["show_source"]
        _emit(options, lambda out: text.write(
            result, out, lang=config.lang, colour=tty and not os.environ.get("NO_COLOR"), show_source=show_source,
            show_suppressed=options["show_suppressed"], summary=not options["quiet"], fail_on=config.fail_on))


def _relative(path: str, root) -> str:
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def main() -> None:
    cli(prog_name="avglint")


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None, help="Language of the titles.")
def list_rules(output_format, lang):
    """List every rule: id, slug, severity, articles, fix."""
    import json

    from .registry import all_rules

    lang = lang or os.environ.get("AVGLINT_LANG", "en")
    rules = list(all_rules().values())
    if output_format == "json":
        click.echo(json.dumps([{"id": r.id, "slug": r.slug, "severity": r.severity, "articles": list(r.articles),
                                "fix": r.fix, "title": r.title.get(lang)} for r in rules],
                              ensure_ascii=False, indent=2))
        return
    for r in rules:
        articles = ", ".join(r.articles) or "-"
        click.echo(f"{r.id}  {r.slug:<34} {r.severity:<8} fix:{r.fix:<10} art. {articles:<20} {r.title.get(lang)}")


@cli.command()
@click.argument("rule_name")
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None, help="Language of the documentation.")
def explain(rule_name, lang):
    """Show the documentation of a rule (by id, like AVG003, or slug)."""
    from .registry import resolve

    lang = lang or os.environ.get("AVGLINT_LANG", "en")
    found = resolve(rule_name)
    if len(found) != 1:
        _fail(f"unknown rule '{rule_name}' (see 'avglint rules')")
    rule = found[0]
    articles = ", ".join(rule.articles)
    click.echo(f"# {rule.id} {rule.slug}\n")
    click.echo(f"{rule.title.get(lang)}\n")
    facts = [f"severity: {rule.severity}", f"fix: {rule.fix}"] + ([f"articles: {articles}"] if articles else [])
    click.echo(" · ".join(facts) + "\n")
    click.echo(rule.docs.get(lang))


# avglint import / avglint fmt (avglint/commands.py imports their work only when they run)
from .commands import fmt_command, import_command  # noqa: E402

cli.add_command(import_command)
cli.add_command(fmt_command)
