"""``avglint import``, ``avglint fmt``, ``avglint export`` and ``avglint report`` (registered in avglint/cli.py).

Only click is imported here at module level: the importer, the formatter and the
exporter are imported when the command runs, so that the CLI keeps starting fast.
"""

from __future__ import annotations

import os
import sys

import click

EXIT_CLEAN, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2


class _Problem(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file=None):
        click.echo(f"avglint: {self.format_message()}", err=True)


def _lang(lang: str | None) -> str:
    lang = lang or os.environ.get("AVGLINT_LANG", "en")
    return lang if lang in ("en", "nl") else "en"


# -- import --------------------------------------------------------------------------------

@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the register to this .avg file (default: standard output).")
@click.option("--force", is_flag=True, help="Overwrite the output file when it exists.")
@click.option("--sheet", default=None, metavar="NAME",
              help="XLSX: the one sheet to import, by name or number (default: every sheet that holds a register, "
                   "each as a groep).")
@click.option("--map", "mappings", multiple=True, metavar="'KOLOM=VELD'",
              help="Map a column to a field (doel, grondslag, …), or to naam, id, groep, commentaar or negeer. "
                   "Repeatable.")
@click.option("--unmapped", type=click.Choice(["comment", "omschrijving"]), default="comment", show_default=True,
              help="Keep columns that are no field as comments in each verwerking, or as 'omschrijving' items.")
@click.option("--split-commas", is_flag=True, help="Also split cells into items at commas (outside parentheses).")
@click.option("--organisatie", "--organisation", "organisation", default=None, metavar="NAME",
              help="Add an 'organisatie' block with this name.")
@click.option("--rol", "--role", "role", default=None, metavar="ROL",
              help="The organisation's role: verwerkingsverantwoordelijke (controller) or verwerker (processor).")
@click.option("--format", "file_format", type=click.Choice(["auto", "xlsx", "csv", "html", "markdown"]),
              default="auto", show_default=True, help="The input format (auto: from the extension and the content).")
@click.option("--encoding", default=None, help="Text input: the encoding (default: UTF-8, UTF-8 with BOM or cp1252, "
              "recognised).")
@click.option("--delimiter", default=None, metavar="CHAR",
              help="CSV: the separator ('tab' for a tab; default: recognised among tab ; , |).")
@click.option("--header-row", type=click.IntRange(min=1), default=None, metavar="N",
              help="The row (line) number of the header, when it is not found by its headings.")
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None,
              help="Language of the summary and of the comments written in the register.")
@click.option("-q", "--quiet", is_flag=True, help="No summary; warnings only.")
def import_command(file, output, force, sheet, mappings, unmapped, split_commas, organisation, role, file_format,
                   encoding, delimiter, header_row, lang, quiet):
    """Turn a register kept as a table (XLSX, CSV, HTML or Markdown) into an .avg file.

    Cells keep their exact wording; lists in a cell become items; columns map to fields by their
    headings (Dutch or English); columns that are no field are kept and reported. Then run
    'avglint check' on the result.
    """
    from .importer import ImportProblem, Options, import_file, parse_mapping

    lang = _lang(lang)
    if output and os.path.exists(output) and not force:
        raise _Problem(f"{output} exists; use --force to overwrite it")
    if delimiter is not None:
        delimiter = {"tab": "\t", "\\t": "\t", "tabs": "\t"}.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1:
            raise _Problem("--delimiter: give one character, or 'tab'")
    try:
        with open(file, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise _Problem(f"{file}: cannot read ({error.strerror or error})") from None
    from .app import RequestError, load_project

    try:  # the configuration where the register will live: its extra-fields are fields, not comments
        home = os.path.dirname(output) or "." if output else "."
        extra_fields = load_project((home,), None, False).config.extra_fields
    except RequestError as problem:
        raise _Problem(str(problem)) from None
    try:
        options = Options(mapping=parse_mapping(mappings), unmapped=unmapped, header_row=header_row,
                          organisation=organisation, role=role, lang=lang, split_commas=split_commas,
                          extra_fields=extra_fields)
        result = import_file(file, data, file_format=None if file_format == "auto" else file_format, sheet=sheet,
                             encoding=encoding, delimiter=delimiter, options=options)
    except ImportProblem as problem:
        raise _Problem(f"{file}: {problem}") from None
    for line in _warnings(result, options, lang):
        click.echo(line, err=True)
    if output:
        from . import atomic

        try:
            atomic.write(output, result.text.encode("utf-8"))
        except OSError as error:
            raise _Problem(f"{output}: cannot write ({error.strerror or error})") from None
    else:
        click.echo(result.text, nl=False)
    if not quiet:
        for line in _summary(file, output, result, options, lang):
            click.echo(line, err=True)


def _warnings(result, options, lang: str) -> list[str]:
    from .importer.build import _column_has_data, _column_letter

    lines = []
    for table, header in result.stats.tables:
        for column in header.columns:
            if column.target is not None or not _column_has_data(table, header, column.index):
                continue
            heading = column.heading or _column_letter(column.index)
            kept = ("kept as comments in each verwerking" if options.unmapped == "comment" else
                    "kept as 'omschrijving' items") if lang == "en" else \
                ("als commentaar bij elke verwerking bewaard" if options.unmapped == "comment" else
                 "als 'omschrijving' bewaard")
            if lang == "en":
                lines.append(f"avglint: warning: column \"{heading}\" ({table.where}) is no field; {kept}. "
                             f"Map it with --map \"{heading}=veld\".")
            else:
                lines.append(f"avglint: waarschuwing: kolom \"{heading}\" ({table.where}) is geen veld; {kept}. "
                             f"Koppel die met --map \"{heading}=veld\".")
    for skipped in result.document.skipped:  # said even with --quiet: nothing is left out unnoticed
        lines.append(f"avglint: warning: not imported: {skipped.text(lang)}" if lang == "en" else
                     f"avglint: waarschuwing: niet geïmporteerd: {skipped.text(lang)}")
    stats = result.stats
    for name in stats.name_only:
        lines.append(f"avglint: note: row '{name}' has a name and nothing else: imported as an empty verwerking"
                     if lang == "en" else
                     f"avglint: let op: rij '{name}' heeft alleen een naam: geïmporteerd als lege verwerking")
    for label in stats.nameless:
        lines.append(f"avglint: note: data without a name at {label}: imported as a verwerking without a name"
                     if lang == "en" else
                     f"avglint: let op: gegevens zonder naam bij {label}: geïmporteerd als verwerking zonder naam")
    return lines


def _summary(file, output, result, options, lang: str) -> list[str]:
    from .importer.build import column_line

    stats = result.stats
    activities = result.activities
    groups = {a.path[:depth] for a in activities for depth in range(1, len(a.path) + 1)}
    where = "; ".join(table.where for table, _ in stats.tables)
    document = result.document
    en = lang == "en"
    lines = [(f"Imported {len(activities)} {'activity' if len(activities) == 1 else 'activities'} in "
              f"{len(groups)} {'group' if len(groups) == 1 else 'groups'} from {file} ({document.details}; {where})."
              if en else
              f"{len(activities)} {'verwerking' if len(activities) == 1 else 'verwerkingen'} in {len(groups)} "
              f"{'groep' if len(groups) == 1 else 'groepen'} geïmporteerd uit {file} ({document.details}; {where}).")]
    lines.append("Columns:" if en else "Kolommen:")
    comments = []
    for table, header in stats.tables:
        from .importer.build import _column_has_data

        indent = "  "
        if len(stats.tables) > 1:  # the columns of each sheet or table under its name
            lines.append(f"  {table.where}:")
            indent = "    "
        for column in header.columns:
            if not column.heading and not _column_has_data(table, header, column.index):
                continue
            lines.append(indent + column_line(column, lang))
            if column.target is None or column.target == "commentaar":
                comments.append(column.heading or f"column {column.index + 1}")
    for (column, key), count in stats.labels.items():
        lines.append(f'  lines "{key.capitalize()}: …" in "{column}" -> {key} ({count}×)' if en else
                     f'  regels "{key.capitalize()}: …" in "{column}" -> {key} ({count}×)')
    for column, count in stats.subjects.items():
        lines.append(f'  lines "Van …:" above a list in "{column}" -> betrokkenen ({count}×)' if en else
                     f'  regels "Van …:" boven een opsomming in "{column}" -> betrokkenen ({count}×)')
    if stats.organisation:
        lines.append(f"  lines above the table -> organisatie: {', '.join(stats.organisation)}" if en else
                     f"  regels boven de tabel -> organisatie: {', '.join(stats.organisation)}")
    if stats.ids_from_names:
        lines.append(f"  ids: the number in front of {stats.ids_from_names} names" if en else
                     f"  ids: het nummer voor {stats.ids_from_names} namen")
    if comments:
        what = "as comments" if options.unmapped == "comment" else "as 'omschrijving' items"
        lines.append(f"Kept {what}: {', '.join(comments)}." if en else
                     f"Bewaard {'als commentaar' if options.unmapped == 'comment' else 'als omschrijving'}: "
                     f"{', '.join(comments)}.")
    else:
        lines.append("Kept as comments: no column (every column is a field)." if en else
                     "Als commentaar bewaard: geen kolom (elke kolom is een veld).")
    if stats.continued:
        rows = "row" if stats.continued == 1 else "rows"
        lines.append(f"{stats.continued} {rows} without a name continued the activity above." if en else
                     f"{stats.continued} {'rij' if stats.continued == 1 else 'rijen'} zonder naam horen bij de "
                     "verwerking erboven.")
    outside = sum(len(t.before) for t in document.tables) + len(document.after)
    if outside:
        lines.append(f"Text outside the tables ({outside} lines) is kept as comments at the top." if en else
                     f"Tekst buiten de tabellen ({outside} regels) staat als commentaar bovenaan.")
    if output:
        lines.append(f"Wrote {output}. Next: avglint check {output}" if en else
                     f"{output} geschreven. Daarna: avglint check {output}")
    return lines


# -- fmt -------------------------------------------------------------------------------------

@click.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--check", is_flag=True, help="Change nothing; exit 1 and name the files that would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Change nothing; print what would change as a diff.")
@click.option("--line-length", type=click.IntRange(min=40), default=100, show_default=True,
              help="Wrap inline lists longer than this.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def fmt_command(paths, check, show_diff, line_length, quiet):
    """Lay out registers (.avg files) in the canonical layout, keeping every comment.

    FILES, or the .avg files below DIRECTORIES (default: the current directory) that the
    configuration's 'exclude' does not exclude; '-' reads standard input and writes the result to
    standard output. A file with syntax errors is not changed.
    """
    from . import fix
    from .app import RequestError, discover, display_path, load_project
    from .fmt import FormatError, NotFormattable, format_bytes

    try:
        project = load_project(paths, None, False)
        files = discover(paths or (".",), project=project)  # what check reads below a directory, no more
        extra_fields = project.config.extra_fields  # declared keys: laid out as declared
    except RequestError as problem:
        raise _Problem(str(problem)) from None
    changed = unchanged = refused = 0
    status = EXIT_CLEAN
    for path in files:
        shown = "<stdin>" if path == "-" else display_path(path)
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
            else:
                with open(path, "rb") as handle:
                    data = handle.read()
        except OSError as error:
            raise _Problem(f"{path}: cannot read ({error.strerror or error})") from None
        try:
            source, formatted = format_bytes(shown, data, line_length=line_length, extra_fields=extra_fields)
        except NotFormattable as problem:
            first = problem.findings[0]
            click.echo(f"avglint: {shown}:{first.span.line}:{first.span.column}: not formatted: "
                       f"{first.message.en} ({first.rule}; fix the syntax first)", err=True)
            if path == "-" and not (check or show_diff):
                sys.stdout.buffer.write(data)
            refused += 1
            status = max(status, EXIT_CHANGED)
            continue
        except FormatError as error:
            click.echo(f"avglint: internal error: {error}", err=True)
            if path == "-" and not (check or show_diff):
                sys.stdout.buffer.write(data)
            status = EXIT_ERROR
            continue
        if formatted == data:
            unchanged += 1
            if path == "-" and not (check or show_diff):
                sys.stdout.buffer.write(data)
            continue
        changed += 1
        file_fix = fix.FileFix(source, data, formatted)
        if show_diff:
            sys.stdout.write(fix.diff(file_fix))
        if check or show_diff:
            if check:
                click.echo(f"would reformat {shown}", err=True)
            status = max(status, EXIT_CHANGED)
            continue
        if path == "-":
            sys.stdout.buffer.write(formatted)
            continue
        try:
            fix.write(file_fix, path)
        except fix.ChangedOnDisk:
            click.echo(f"avglint: {shown} changed since it was read; not formatted", err=True)
            changed -= 1
            status = max(status, EXIT_CHANGED)
            continue
        except OSError as error:
            raise _Problem(f"{shown}: cannot write ({error.strerror or error})") from None
        if not quiet:
            click.echo(f"reformatted {shown}", err=True)
    if not quiet and files != ["-"]:
        verb = "would be reformatted" if check or show_diff else "reformatted"
        parts = [f"{changed} {'file' if changed == 1 else 'files'} {verb}",
                 f"{unchanged} {'file' if unchanged == 1 else 'files'} left unchanged"]
        if refused:
            parts.append(f"{refused} {'file' if refused == 1 else 'files'} with syntax errors not formatted")
        click.echo(", ".join(parts) + ".", err=True)
    sys.exit(status)


# -- export ----------------------------------------------------------------------------------

@click.command("export")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--to", "to", type=click.Choice(["csv", "xlsx", "md", "html"]), required=True,
              help="The format: csv, xlsx, md (Markdown) or html.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (written whole or not at all; default: standard output).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the headings and labels.")
@click.option("--columns", multiple=True, metavar="COLUMNS",
              help="The columns to publish, in this order (doel,grondslag,…; naam and groep too), or the ones to "
                   "leave out (--columns=-beveiliging); comma-separated or repeated. Default: 'publish' in the "
                   "configuration, else every column in use.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: .avglint.yaml or [tool.avglint] in pyproject.toml, searched upward).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
def export_command(paths, to, output, lang, columns, config_path, no_config):
    """Write a register as one table for publication: one row per activity, columns in the order of
    Art. 30(1) GDPR (30(2) for a processor's register), defaults written out in each row.

    FILES, or the .avg files below DIRECTORIES (default: the current directory). 'avglint import'
    reads every export back to the same register.
    """
    from .app import RequestError, discover, display_path, is_an_input, load_project
    from .export import ExportProblem, read_register, render, table_of

    if to == "xlsx" and not output and sys.stdout.isatty():
        raise _Problem("an XLSX workbook is binary: write it to a file with -o")
    try:
        files = discover(paths or (".",))
        project = load_project(paths, config_path, no_config)
    except RequestError as problem:
        raise _Problem(str(problem)) from None
    if output and is_an_input(output, files):
        raise _Problem(f"{output} is one of the files exported: write the table to another file")
    inputs = []
    for path in files:
        try:
            if path == "-":
                inputs.append(("<stdin>", sys.stdin.buffer.read()))
            else:
                with open(path, "rb") as handle:
                    inputs.append((display_path(path), handle.read()))
        except OSError as error:
            raise _Problem(f"{path}: cannot read ({error.strerror or error})") from None
    selection = [part.strip() for written in columns for part in written.split(",") if part.strip()]
    where = "--columns" if selection else f"{project.path}: 'publish'"
    try:
        extra_fields = project.config.extra_fields
        data = render(table_of(read_register(inputs, extra_fields), lang, selection or project.publish, where,
                               extra_fields), to)
    except ExportProblem as problem:
        raise _Problem(str(problem)) from None
    if not output:
        # a pipe whose reader stops early takes part of a large write without an error; the next write
        # raises BrokenPipeError, which ends the run quietly with 141
        rest = memoryview(data)
        while rest:
            rest = rest[sys.stdout.buffer.write(rest):]
        return
    from . import atomic

    try:
        atomic.write(output, data)
    except OSError as error:
        raise _Problem(f"{output}: cannot write ({error.strerror or error})") from None


# -- report ----------------------------------------------------------------------------------

@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the page to this file (default: standard output).")
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None,
              help="Language of the page (default: en, or AVGLINT_LANG, or 'lang' in the configuration).")
@click.option("--statement", "statements", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="A privacy statement to check with the registers; repeatable.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Findings recorded in this baseline file are counted apart, as baselined.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules: ids, id prefixes (AVG4) or slugs.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Leave out these rules.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: .avglint.yaml or [tool.avglint] in pyproject.toml, searched upward).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--register-context/--no-register-context", default=True, show_default=True,
              help="Also read the rest of the register of the files named, as 'avglint check' does.")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@click.pass_context
def report_command(ctx, **options):
    """Write an HTML report of the register's state: totals, an Art. 30 completeness matrix, every
    activity with its findings, and the suppressed and baselined findings with their reasons.

    The same check as 'avglint check' over the same PATHS, configuration and baseline, written as one
    self-contained page ('avglint check --format html' writes the same page). Exit status 0 when the
    page is written, whatever it shows; 2 when the check cannot run.
    """
    # the group's own 'check', the one way a check runs from the command line (same request, errors and
    # writer); found through the context, since importing avglint.cli here would close an import circle
    check = ctx.find_root().command.get_command(ctx, "check")
    ctx.invoke(check, output_format="html", exit_zero=True, **options)
# -- lsp -----------------------------------------------------------------------------------

@click.command("lsp")
def lsp_command():
    """Run the language server on standard input and output (needs avglint[lsp])."""
    try:
        from .lsp.server import main
    except ImportError as error:
        raise _Problem(f"the language server needs pygls ({error.name} is missing): "
                       "pip install 'avglint[lsp]'") from None
    main()
