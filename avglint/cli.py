"""The command line: ``avglint check``, ``avglint rules``, ``avglint explain``.

What ``check`` does is avglint/app.py's: this module turns the options into a
``CheckRequest`` and the ``CheckOutcome`` into a report, messages and an exit status.

Exit status: 0 nothing to report (notes and suppressed findings never fail a
run), 1 findings, 2 usage error, unreadable or binary input, bad configuration or an
internal error (one line on stderr; the traceback only with ``--debug``), 141
when the reader of standard output went away (``avglint check | head -1``):
quietly, as git and other tools that SIGPIPE ends (128 + 13).

Imports are lazy: a command imports what it uses when it runs (``avglint --version`` is answered
before this module is imported, by avglint/__main__.py).
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from . import __version__
from .formats import FORMATS, Options, writer

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_CLOSED_PIPE = 0, 1, 2, 141


class UsageProblem(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file=None):
        click.echo(f"avglint: {self.format_message()}", err=True)


def _fail(message: str) -> NoReturn:
    raise UsageProblem(message)


class _Commands(click.Group):
    """The command group; a command whose standard output is closed early ends quietly.

    The commands of avglint/commands.py join the group when a command other than those defined here is
    asked for, or all are listed (click's lazy group): a check does not build their options."""

    def get_command(self, ctx, cmd_name):
        if cmd_name not in self.commands:
            self._add_the_other_commands()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx):
        self._add_the_other_commands()
        return super().list_commands(ctx)

    def _add_the_other_commands(self) -> None:
        from .commands import export_command, fmt_command, import_command, lsp_command, report_command

        for command in (import_command, fmt_command, export_command, report_command, lsp_command):
            self.add_command(command)

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


OUTPUT_FORMATS = [*FORMATS, "auto"]  # auto: github inside GitHub Actions, text elsewhere


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True,
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
@click.option("--report", "reports", multiple=True, metavar="FORMAT=PATH",
              help="Also write the findings of this run in FORMAT (text, json, sarif, github) to PATH, next to "
              "the output of --format; repeatable, e.g. --report sarif=avglint.sarif --report json=avglint.json.")
@click.option("--category", default="avglint", show_default=True,
              help="SARIF: the code-scanning category (automationDetails.id).")
@click.option("--sarif-omit-suppressed", is_flag=True,
              help="SARIF: leave out suppressed findings (GitHub shows them as open alerts).")
@click.option("--show-source/--no-show-source", default=None,
              help="Text: show the source line under each finding (default: on a terminal).")
@click.option("--show-suppressed", is_flag=True, help="Text: also list findings suppressed by a comment.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--jobs", "-j", default="auto", show_default=True, metavar="N|auto",
              help="Processes to run the rules of a large register (2,000 activities or more) in: a number, or 'auto' "
              "for the CPUs this process may use (up to 4); 1 keeps the check in one process. The findings are the same.")
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
    options["reports"] = _report_files(options["reports"], options["output"])
    from .app import is_an_input

    for target in [options["output"], *(path for _, path in options["reports"])]:
        if target and is_an_input(target, (*options["paths"], *options["statements"])):
            _fail(f"{target} is one of the files checked: write the report to another file")
        if target and target.lower().endswith(".avg"):  # the next check would read it as part of the register
            _fail(f"{target}: a report in an .avg file would be read as a register by the next check: "
                  "name it .sarif, .json or .txt")
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


# Processes 'auto' goes up to: the rules are shared out by family, and beyond four shares the heaviest family
# sets the time while every worker still holds its own copy of what it reads (memory a large CI machine pays).
AUTO_JOBS = 4


def _jobs(value: str) -> int:
    """``--jobs`` as a number of processes (read here, not by click: 'avglint report' passes the default as written)."""
    if value == "auto":  # the CPUs this process may run on, up to AUTO_JOBS
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        return min(cpus, AUTO_JOBS)
    if not value.isdigit() or int(value) < 1:
        _fail(f"--jobs '{value}': a number of processes (1 or more) or 'auto'")
    return int(value)


def _resolve_format(name: str) -> str:
    if name != "auto":
        return name
    inside_actions = os.environ.get("GITHUB_ACTIONS") == "true" and not os.environ.get("PRE_COMMIT")
    return "github" if inside_actions else "text"


def _report_files(specs: tuple[str, ...], output: str | None) -> list[tuple[str, str]]:
    """``--report FORMAT=PATH`` options as (format, path); a wrong one stops the run before it starts."""
    reports: list[tuple[str, str]] = []
    for spec in specs:
        name, sep, path = spec.partition("=")
        name = name.strip().lower()
        if not sep or not name or not path.strip():
            _fail(f"--report '{spec}': write it as FORMAT=PATH, e.g. --report sarif=avglint.sarif")
        if name not in FORMATS:
            _fail(f"--report '{spec}': unknown format '{name}' (one of {', '.join(FORMATS)})")
        taken = [other for _, other in reports] + ([output] if output else [])
        if any(os.path.abspath(path) == os.path.abspath(other) for other in taken):
            _fail(f"--report '{spec}': {path} is written by another option of this run")
        reports.append((name, path))
    return reports


def _write_failed_sarif(options, message: str, configuration: bool = False) -> None:
    """A SARIF run that failed says so (executionSuccessful false), so it never looks clean."""
    files = [path for name, path in options["reports"] if name == "sarif"]
    if options["output_format"] != "sarif" and not files:
        return
    from .formats.sarif import SarifWriter, dump

    log = SarifWriter(category=options["category"]).failed(message, configuration=configuration)

    def write(out) -> None:
        dump(log, out)

    for path in files:
        try:
            _write_file(path, write)
        except OSError:
            pass  # as below
    if options["output_format"] != "sarif":
        return
    try:
        _emit(options, lambda out: dump(log, out, indent=2 if _on_terminal(options) else None))
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
    try:
        _write_file(options["output"], write)
    except OSError as error:  # a missing or read-only directory: the user's to fix, not an internal error
        _fail(f"{options['output']}: cannot write ({error.strerror or error})")


def _write_file(path: str, write) -> None:
    """Run ``write(stream)`` into ``path``, written whole, then renamed (see ``_emit``)."""
    import io

    from . import atomic
    from .source import PRINTABLE

    text = io.StringIO()
    write(text)
    atomic.write(path, text.getvalue().encode("utf-8", errors=PRINTABLE))


def _split(names: tuple[str, ...]) -> list[str]:
    return [part.strip() for name in names for part in name.split(",") if part.strip()]


def _check(options) -> int:
    from .app import CheckRequest, RequestError, check
    from .progress import for_terminal

    paths = options["paths"]
    request = CheckRequest(
        paths=paths, statements=options["statements"], stdin=sys.stdin.buffer.read() if "-" in paths else b"",
        stdin_filename=options["stdin_filename"], config_path=options["config_path"], no_config=options["no_config"],
        select=_split(options["select"]), ignore=_split(options["ignore"]),
        lang=options["lang"] or os.environ.get("AVGLINT_LANG"), register_context=options["register_context"],
        force_exclude=options["force_exclude"], baseline_path=options["baseline_path"],
        write_baseline_path=options["write_baseline_path"], apply_fixes=options["apply_fixes"],
        unsafe_fixes=options["unsafe_fixes"], show_diff=options["show_diff"], jobs=_jobs(options["jobs"]),
        progress=for_terminal(options["quiet"]), warn=lambda message: click.echo(f"avglint: {message}", err=True))
    try:
        outcome = check(request)
    except RequestError as problem:
        _fail(str(problem))
    finally:
        if request.progress:
            request.progress.close()
    if outcome.baseline_written is not None:
        if not options["quiet"]:
            click.echo(f"Wrote {outcome.baseline_written} findings to the baseline {options['write_baseline_path']}.")
        return EXIT_CLEAN
    if outcome.diffs:
        sys.stdout.flush()
        for diff in outcome.diffs:  # the file's own bytes, those that are not UTF-8 too, so that the patch applies
            sys.stdout.buffer.write(diff.encode("utf-8", "surrogateescape"))
        return EXIT_FINDINGS
    if outcome.fixed_files and not options["quiet"] and options["output_format"] == "text":
        count, files = outcome.fixed_findings, outcome.fixed_files
        click.echo(f"Fixed {count} {'finding' if count == 1 else 'findings'} in {files} "
                   f"{'file' if files == 1 else 'files'}.", err=True)
    _report(outcome.result, outcome.config, options)
    return EXIT_FINDINGS if outcome.failed else EXIT_CLEAN


def _on_terminal(options) -> bool:
    return not options["output"] and sys.stdout.isatty()


def _report(result, config, options) -> None:
    tty = _on_terminal(options)
    write = writer(options["output_format"])
    output = Options(
        lang=config.lang, colour=tty and not os.environ.get("NO_COLOR"),
        show_source=tty if options["show_source"] is None else options["show_source"],
        show_suppressed=options["show_suppressed"], summary=not options["quiet"], fail_on=config.fail_on,
        category=options["category"], omit_suppressed=options["sarif_omit_suppressed"], indent=tty)
    plain = output._replace(colour=False, show_source=False, indent=False)  # a file is no terminal
    for name, path in options["reports"]:  # written first: a console closed early must not lose them
        report = writer(name)
        try:
            _write_file(path, lambda out, report=report: report(result, out, plain))
        except OSError as error:
            _fail(f"--report {name}={path}: cannot write ({error.strerror or error})")
    _emit(options, lambda out: write(result, out, output))


def main() -> None:
    cli(prog_name="avglint")


_CONFIG_OPTIONS = (
    click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                 help="Configuration file whose custom rules to include (default: found from here upward)."),
    click.option("--no-config", is_flag=True, help="Ignore configuration files: avglint's own rules only."))


def _configuration(config_path: str | None, no_config: bool):
    """The configuration found from the current directory (or named): its custom rules are rules too."""
    from .app import RequestError, load_project

    try:
        return load_project((), config_path, no_config).config
    except RequestError as problem:
        _fail(str(problem))


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None, help="Language of the titles.")
@_CONFIG_OPTIONS[0]
@_CONFIG_OPTIONS[1]
def list_rules(output_format, lang, config_path, no_config):
    """List every rule: id, slug, severity, articles, fix; then the configuration's custom rules."""
    import json

    from .registry import all_rules

    lang = lang or os.environ.get("AVGLINT_LANG", "en")
    rules = [*all_rules().values(), *_configuration(config_path, no_config).custom_rules]
    if output_format == "json":
        click.echo(json.dumps([{"id": r.id, "slug": r.slug, "severity": r.severity, "articles": list(r.articles),
                                "fix": r.fix, "reads_statements": r.reads_statements, "title": r.title.get(lang)}
                               for r in rules],
                              ensure_ascii=False, indent=2))
        return
    for r in rules:
        articles = ", ".join(r.articles) or "-"
        click.echo(f"{r.id}  {r.slug:<34} {r.severity:<8} fix:{r.fix:<10} art. {articles:<20} {r.title.get(lang)}")


@cli.command()
@click.argument("rule_name")
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None, help="Language of the documentation.")
@_CONFIG_OPTIONS[0]
@_CONFIG_OPTIONS[1]
def explain(rule_name, lang, config_path, no_config):
    """Show the documentation of a rule (by id, like AVG003 or a custom rule's ORG001, or slug)."""
    lang = lang or os.environ.get("AVGLINT_LANG", "en")
    found = _configuration(config_path, no_config).resolve(rule_name)
    if len(found) != 1:
        _fail(f"unknown rule '{rule_name}' (see 'avglint rules')")
    rule = found[0]
    articles = ", ".join(rule.articles)
    click.echo(f"# {rule.id} {rule.slug}\n")
    click.echo(f"{rule.title.get(lang)}\n")
    facts = [f"severity: {rule.severity}", f"fix: {rule.fix}"] + ([f"articles: {articles}"] if articles else [])
    if rule.statement_checks:  # a register rule that privacy statements can break too
        facts.append("also checks privacy statements")
    click.echo(" · ".join(facts) + "\n")
    click.echo(rule.docs.get(lang))

