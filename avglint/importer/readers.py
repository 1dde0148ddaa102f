"""Readers: a file -> tables of cells, with the text around them.

Every reader returns a ``Document``: the tables in document order, each a grid
of cells in which a merged (XLSX) or spanned (HTML ``rowspan``/``colspan``)
cell is one ``Cell`` object at every position it covers, and the headings and
text lines outside the tables. Which row is the header and what each column
holds is decided later (avglint/importer/build.py), the same way for every format.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field

from .cells import SKIP, Cell, Element, Para, paragraphs, parse_html


class ImportProblem(Exception):
    """The file cannot be imported; the message says why and what to do."""


@dataclass
class Table:
    rows: list[list[Cell]]
    where: str                           # "sheet 'Register'", "table 2", "lines 4-30" (for messages)
    heading: str | None = None           # its section's heading (a sheet's name, a heading): becomes a groep
    before: list[str] = field(default_factory=list)   # text between the previous table and this one
    soft_wrap: bool = False              # a row with an empty name cell is the rest of a wrapped row
    row_labels: list[str] = field(default_factory=list)  # "row 5", "line 12" per row


@dataclass(frozen=True)
class Skipped:
    """Something in the file that is not imported, and why: named on stderr and in the register."""
    where: str    # "sheet 'Toelichting'", "table 1 (line 2)", "sheet 'Register', cells B2"
    why: str      # in English
    waarom: str   # in Dutch

    def text(self, lang: str) -> str:
        return f"{self.where}: {self.why if lang == 'en' else self.waarom}"


@dataclass
class Document:
    tables: list[Table]
    kind: str                            # "xlsx", "csv", "html", "markdown"
    details: str = ""                    # "sheet 'Register'", "UTF-8, ';'-separated"
    after: list[str] = field(default_factory=list)    # text after the last table
    skipped: list[Skipped] = field(default_factory=list)  # sheets, tables and cells not imported


FORMATS = ("xlsx", "csv", "html", "markdown")


def detect_format(path: str, data: bytes) -> str:
    extension = os.path.splitext(path)[1].lower()
    if extension in (".xlsx", ".xlsm", ".xltx", ".xltm") or data[:4] == b"PK\x03\x04":
        return "xlsx"
    if extension in (".html", ".htm", ".xhtml"):
        return "html"
    if extension in (".md", ".markdown", ".mdown"):
        return "markdown"
    if extension in (".csv", ".tsv", ".tab"):
        return "csv"
    if data[:2] in (b"\xd0\xcf",):
        raise ImportProblem("this is an old Excel file (.xls); save it as .xlsx or .csv and import that")
    head = decode_text(data[:65536])[0]
    if re.search(r"<table\b", head, re.IGNORECASE) and not re.search(r"\t", head):
        return "html"
    if re.search(r"^\s*\|.*\|\s*$\n^\s*\|?\s*:?-{3,}", head, re.MULTILINE):
        return "markdown"
    return "csv"


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and the encoding it was read in: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as error:
            raise ImportProblem(f"cannot read the file as {encoding}: {error}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252 (Windows)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


# -- XLSX ------------------------------------------------------------------------------

def read_xlsx(path: str, data: bytes, sheet: str | None, looks_like_register) -> Document:
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation, headers, …
            book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # noqa: BLE001 - any failure to open is the user's file, not a bug
        raise ImportProblem(f"cannot open the workbook: {error}") from None
    sheets = book.worksheets
    names = [ws.title for ws in sheets]
    if sheet is not None:
        chosen = [ws for ws in sheets if ws.title == sheet] or \
                 [ws for ws in sheets if ws.title.casefold() == sheet.casefold()]
        if not chosen and sheet.isdigit() and 1 <= int(sheet) <= len(sheets):
            chosen = [sheets[int(sheet) - 1]]
        if not chosen:
            raise ImportProblem(f"no sheet '{sheet}' in the workbook; its sheets: {', '.join(names)}")
        rows, labels = _sheet_grid(chosen[0])
        return Document([Table(rows, f"sheet '{chosen[0].title}'", row_labels=labels)], "xlsx", "XLSX",
                        skipped=_unread_cells(data, chosen))
    registers: list[tuple] = []  # (worksheet, table)
    hidden: list[tuple] = []
    skipped: list[Skipped] = []
    for ws in sheets:
        rows, labels = _sheet_grid(ws)
        table = Table(rows, f"sheet '{ws.title}'", ws.title, row_labels=labels)
        if not rows:
            skipped.append(Skipped(f"sheet '{ws.title}'", "empty", "leeg"))
        elif not looks_like_register(table):
            skipped.append(Skipped(f"sheet '{ws.title}'", "no header row of register headings",
                                   "geen kopregel met koppen van een register"))
        elif ws.sheet_state != "visible":
            hidden.append((ws, table))
        else:
            registers.append((ws, table))
    if not registers:  # a register kept on a hidden sheet only is still the register
        registers, hidden = hidden, []
    for ws, _ in hidden:  # hidden by its author next to visible registers: an old version, a copy
        skipped.append(Skipped(f"sheet '{ws.title}'", f"hidden; import it with --sheet '{ws.title}'",
                               f"verborgen; importeer het met --sheet '{ws.title}'"))
    if not registers:
        raise ImportProblem("no sheet looks like a register (a header row with headings such as 'Verwerking', "
                            f"'Doel', 'Grondslag'); sheets: {', '.join(names)}. Name one with --sheet and map its "
                            "columns with --map 'Kolom=veld'")
    tables = [table for _, table in registers]
    if len(tables) == 1:
        tables[0].heading = None  # the name of the only register sheet ("Blad1", "Register") is no groep
    skipped += _unread_cells(data, [ws for ws, _ in registers])
    return Document(tables, "xlsx", "XLSX", skipped=skipped)


def _unread_cells(data: bytes, sheets) -> list[Skipped]:
    """What a sheet holds beyond the values read: formulas without a saved result (a workbook written by a
    program and never opened in Excel reads as empty cells there) and cell notes, named so none is lost
    unnoticed."""
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        formulas = load_workbook(io.BytesIO(data))
    found = []
    for ws in sheets:
        cells = [cell for row in formulas[ws.title].iter_rows() for cell in row]
        unsaved = [cell.coordinate for cell in cells if cell.data_type == "f" and ws[cell.coordinate].value is None]
        if unsaved:
            found.append(Skipped(
                f"sheet '{ws.title}', cells {_coordinates(unsaved)}",
                "a formula whose result was never saved: open the workbook in a spreadsheet program, save it "
                "and import again",
                "een formule waarvan de uitkomst nooit is opgeslagen: open de werkmap in een spreadsheetprogramma, "
                "sla hem op en importeer opnieuw"))
        noted = [cell.coordinate for cell in cells if cell.comment is not None]
        if noted:
            found.append(Skipped(f"sheet '{ws.title}', cells {_coordinates(noted)}",
                                 "cell notes, which are not imported", "opmerkingen bij cellen, die niet worden "
                                 "geïmporteerd"))
    return found


def _coordinates(cells: list[str]) -> str:
    return ", ".join(cells[:5]) + (f" and {len(cells) - 5} more" if len(cells) > 5 else "")


def _sheet_grid(ws) -> tuple[list[list[Cell]], list[str]]:
    max_row, max_col = ws.max_row or 0, ws.max_column or 0
    values: dict[tuple[int, int], Cell] = {}
    for row in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
        for cell in row:
            if cell.value is not None and str(cell.value).strip() != "":
                values[(cell.row, cell.column)] = Cell.from_text(_cell_text(cell), html=False)
    merged: dict[tuple[int, int], Cell] = {}
    for rng in ws.merged_cells.ranges:
        anchor = values.get((rng.min_row, rng.min_col))
        if anchor is None:
            continue
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = anchor
    # trim empty trailing rows and columns
    used = set(values) | set(merged)
    if not used:
        return [], []
    last_row = max(r for r, _ in used)
    last_col = max(c for _, c in used)
    grid, labels = [], []
    for r in range(1, last_row + 1):
        grid.append([merged.get((r, c)) or values.get((r, c)) or Cell() for c in range(1, last_col + 1)])
        labels.append(f"row {r}")
    return grid, labels


def _cell_text(cell) -> str:
    import datetime

    value = cell.value
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


# -- delimited text (CSV, TSV, text copied from a web page or PDF) ------------------------

DELIMITERS = ("\t", ";", ",", "|")
DELIMITER_NAMES = {"\t": "tab", ";": "';'", ",": "','", "|": "'|'"}


def read_delimited(path: str, data: bytes, *, encoding: str | None, delimiter: str | None,
                   looks_like_register) -> Document:
    text, used_encoding = decode_text(data, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    extension = os.path.splitext(path)[1].lower()
    exported = extension in (".csv", ".tsv", ".tab")  # a spreadsheet's export, not text copied from a page
    candidates = [delimiter] if delimiter else list(DELIMITERS)
    best = None
    for candidate in candidates:
        document = _delimited(text, candidate, not exported, looks_like_register)
        scores = [looks_like_register(table) for table in document.tables]
        widths = sum(max((len(r) for r in table.rows), default=0) for table in document.tables)
        key = (sum(scores), widths)
        if best is None or key > best[0]:
            best = (key, candidate, document, scores)
    (score, _), chosen, document, scores = best
    if not score and not delimiter:
        raise ImportProblem("no table with register headings found (tried tab, ';', ',' and '|' as the separator). "
                            "If this is text copied from a PDF, its columns are lost: export the register from "
                            "its original (Excel, Word, a web page) instead")
    if exported and sum(1 for table_score in scores if table_score) < 2:
        # A spreadsheet has no section headings: a line above its one table is its title or a preamble
        # (kept as comments). Only lines that tell several tables apart name a groep, as sheet names do.
        for table in document.tables:
            table.heading = None
    document.details = f"{used_encoding}, {DELIMITER_NAMES.get(chosen, repr(chosen))}-separated"
    return document


def _delimited(text: str, delimiter: str, soft_wrap: bool, looks_like_register) -> Document:
    import sys

    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records: list[tuple[int, int, list[str]]] = []  # (first line, last line, fields)
    line = 0
    try:
        for record in reader:
            records.append((line + 1, reader.line_num, record))
            line = reader.line_num
    except csv.Error as error:
        raise ImportProblem(f"line {line + 1}: cannot read the file as delimited text ({error})") from None
    tables: list[Table] = []
    pending: list[str] = []   # text lines since the last table
    rows: list[list[Cell]] = []
    labels: list[str] = []
    start_line = end_line = 0

    def close() -> None:
        nonlocal rows, labels
        if rows:
            heading = _heading_of(pending)
            tables.append(Table(rows, f"lines {start_line}-{end_line}", heading, list(pending), soft_wrap, labels))
            pending.clear()
        rows, labels = [], []

    def filled(record: list[str]) -> bool:
        return any(cell.strip() for cell in record)

    for position, (first_line, last_line, record) in enumerate(records):
        if not filled(record):
            if rows:  # an empty row inside a table (where a second table may start)
                rows.append([Cell() for _ in rows[-1]])
                labels.append(f"line {first_line}")
            continue
        cells = record
        if len(record) == 1:  # a line without separators: text outside the tables, or a row of one cell
            following = next((r for _, _, r in records[position + 1:] if filled(r)), None)
            if not rows or following is None or len(following) == 1 or \
                    looks_like_register(Table([[Cell.from_text(cell) for cell in following]], "")):
                close()  # text between tables: a title, a heading, a note
                pending.append(record[0].strip())
                continue
            # between rows of one table (a group heading written without separators): a row of the table
            cells = record + [""] * (len(rows[0]) - 1)
        if not rows:
            start_line = first_line
        rows.append([Cell.from_text(_unguarded(cell)) for cell in cells])
        labels.append(f"line {first_line}")
        end_line = last_line
    close()
    return Document(tables, "csv", after=list(pending))


_HEADING_MAX = 80


def _unguarded(cell: str) -> str:
    """The cell without the apostrophe that keeps a spreadsheet program from running it as a formula
    (as avglint export and other programs write a cell starting with '=', '+', '-' or '@')."""
    from ..export.delimited import FORMULA_GUARD, FORMULA_STARTS

    guarded = cell.startswith(FORMULA_GUARD) and cell[len(FORMULA_GUARD):].startswith(FORMULA_STARTS)
    return cell[len(FORMULA_GUARD):] if guarded else cell


def _heading_of(lines: list[str]) -> str | None:
    """The last text line before a table, when it reads like a heading (short, no sentence, no markup)."""
    if not lines:
        return None
    text = lines[-1].strip()
    if "<" in text:
        text = _markup_text(text)
    if not text or len(text) > _HEADING_MAX or text.endswith((".", ":", ";", ",")) or \
            not any(c.isalpha() for c in text):
        return None
    return text


def _markup_text(html: str) -> str:
    return " ".join(p.text for p in paragraphs(parse_html(html)))


def text_line(line: str) -> list[str]:
    """A line outside the tables as comment lines (HTML markup read as text)."""
    if "<" in line:
        paras = paragraphs(parse_html(line))
        return [p.text for p in paras if p.text]
    return [line] if line.strip() else []


# -- HTML -------------------------------------------------------------------------------

_CHROME = {"nav", "header", "footer", "aside"}   # a web page's menus and frame: not the register's text
_TEXT_BLOCKS = {"p", "li", "dt", "dd", "pre", "blockquote", "figcaption", "address"}


def read_html(path: str, data: bytes, *, encoding: str | None, looks_like_register) -> Document:
    text, used_encoding = decode_text(data, encoding)
    root = parse_html(text)
    events: list[tuple] = []
    count = 0
    stack: list[tuple[Element | str, bool]] = [(child, False) for child in reversed(root.children)]
    while stack:
        node, chrome = stack.pop()
        if isinstance(node, str):
            if not chrome and node.strip():
                events.append(("text", " ".join(node.split())))
            continue
        if node.tag == "table":
            count += 1
            caption = next(node.iter("caption"), None)
            caption_text = caption.text() if caption is not None else ""
            events.append(("table", Table(_html_grid(node), f"table {count} (line {node.line})"), caption_text))
            continue
        if node.tag in SKIP:
            continue
        if not chrome and node.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if node.text():
                events.append(("heading", int(node.tag[1]), node.text()))
            continue
        if not chrome and node.tag in _TEXT_BLOCKS and next(node.iter("table"), None) is None:
            if node.text():
                events.append(("text", node.text()))
            continue
        inside = chrome or node.tag in _CHROME
        stack.extend((child, inside) for child in reversed(node.children))
    document = _sections(events, looks_like_register, "html", used_encoding)
    if not document.tables:
        raise ImportProblem("no table with register headings found in the HTML"
                            + (f" ({len(document.skipped)} other tables)" if document.skipped else ""))
    return document


def _sections(events: list[tuple], looks_like_register, kind: str, details: str) -> Document:
    """Tables under their headings (HTML, Markdown): ``events`` are ("heading", level, text), ("text", text)
    and ("table", Table, caption) in document order.

    The heading a table is under becomes its groep, except the document's title: the one heading of the
    highest level, as a page's ``<h1>`` or a Markdown file's ``#``. A caption names the groep of its table
    when there are several register tables; the caption of the only one is its title. Titles and all other
    text outside the register tables are kept as comments.
    """
    levels = [event[1] for event in events if event[0] == "heading"]
    top = min(levels, default=0)
    title_level = top if levels.count(top) == 1 else 0
    found: list[tuple[Table, str, str | None]] = []  # a register table, its caption, the section it is in
    skipped: list[Skipped] = []
    pending: list[str] = []
    section: str | None = None
    for event in events:
        if event[0] == "heading":
            _, level, text = event
            pending.append(text)
            section = None if level == title_level else text
        elif event[0] == "text":
            pending.append(event[1])
        else:
            _, table, caption = event
            if looks_like_register(table):
                table.before, pending = pending + ([caption] if caption else []), []
                found.append((table, caption, section))
            else:
                skipped.append(Skipped(table.where, "no register headings", "geen koppen van een register"))
    for table, caption, section in found:
        table.heading = caption if caption and len(found) > 1 else section
    tables = [table for table, _, _ in found]
    return Document(tables, kind, details, after=pending, skipped=skipped)


def _html_grid(table: Element) -> list[list[Cell]]:
    rows = [tr for tr in table.iter("tr")]
    grid: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.iter("td", "th"):
            while (r, c) in grid:
                c += 1
            cell = Cell(paragraphs(td))
            rowspan = _span(td.attrs.get("rowspan"))
            colspan = _span(td.attrs.get("colspan"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = cell
            c += colspan
            width = max(width, c)
    height = len(rows)
    return [[grid.get((r, c)) or Cell() for c in range(width)] for r in range(height)]


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


# -- Markdown -----------------------------------------------------------------------------

def read_markdown(path: str, data: bytes, *, encoding: str | None, looks_like_register) -> Document:
    from markdown_it import MarkdownIt

    text, used_encoding = decode_text(data, encoding)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    events: list[tuple] = []
    heading_level = 0
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    start = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "inline" and heading_level:  # the text shown: escapes (\<, \*) and markup taken off
            if _inline_text(token).strip():
                events.append(("heading", heading_level, _inline_text(token).strip()))
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            events += [("text", line) for line in _inline_text(token).split("\n") if line.strip()]
        elif token.type in ("fence", "code_block", "html_block"):
            events += [("text", line) for line in token.content.split("\n") if line.strip()]
        elif token.type == "table_open":
            rows, start = [], (token.map[0] + 1 if token.map else 0)
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(row)
        elif token.type in ("th_open", "td_open"):
            inline = tokens[index + 1]
            row.append(Cell([Para(line) for line in _inline_text(inline).split("\n")]))
        elif token.type == "table_close":
            width = max((len(r) for r in rows), default=0)
            grid = [r + [Cell() for _ in range(width - len(r))] for r in rows]
            events.append(("table", Table(grid, f"table at line {start}"), ""))
    document = _sections(events, looks_like_register, "markdown", used_encoding)
    if not document.tables:
        raise ImportProblem("no Markdown table with register headings found")
    return document


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _inline_text(inline) -> str:
    """The text of a Markdown cell: markup dropped, <br> a line break, the words as written."""
    if inline.type != "inline":
        return ""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline":
            parts.append("\n" if _BR.fullmatch(child.content.strip()) else "")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)
