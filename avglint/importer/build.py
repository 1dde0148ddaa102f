"""Tables -> activities -> the text of an .avg file.

The steps, the same for every format:

1. The header row: the first of the first rows whose cells name at least two
   fields, one of them the activity's name (or three fields without it), by the
   heading vocabulary (rules/vocab/import_headings.yaml) or ``--map``.
2. Each column gets a target: a field, ``naam``, ``id``, ``groep``, a comment,
   or nothing (then it is kept as comments or ``omschrijving``, and reported).
3. Each row after the header is an activity (a name and more), a group row (a
   name and nothing else, followed by an activity), the rest of the activity
   above it (no name: the activity's cells continue, as when a cell is merged
   over several rows or a row was wrapped), or nothing (empty, or the header
   repeated). A merged or spanned cell counts once per activity.
4. Cells become items (avglint/importer/cells.py): every paragraph, list
   bullet and semicolon separates items; the wording stays as it is.
5. The register is written and laid out by the formatter (avglint/fmt.py),
   which parses it again and checks that nothing changed on the way.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from .cells import Cell, Para, items_of, split_semicolons
from .headings import COMMENT, GROUP, IGNORE, NAME, Match, describe, fold, vocabulary
from .readers import Document, ImportProblem, Skipped, Table, text_line

MAX_HEADER_SCAN = 40
HEADING_MAX = 120
EXACT = ("vocabulary", "field name", "part", "--map")
_LABEL = re.compile(r"^([^:\n]{1,40}?)\s*:\s*(.*)$", re.DOTALL)
_ID_PREFIX = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$", re.DOTALL)
_DIRECTIVE = re.compile(r"\s*avglint\s*:", re.IGNORECASE)
NO_SEMICOLONS = {"omschrijving", "intrekken"}  # prose: a semicolon there is punctuation, not a list
SUBJECT_FIELDS = {"gegevens", "bijzondere gegevens"}


@dataclass
class Options:
    mapping: dict[str, str] = field(default_factory=dict)   # folded heading -> target
    unmapped: str = "comment"                               # "comment" or "omschrijving"
    header_row: int | None = None                           # 1-based row of the header, when given
    organisation: str | None = None
    role: str | None = None
    lang: str = "en"
    split_commas: bool = False                              # also split cells at commas


@dataclass
class Column:
    index: int
    heading: str
    target: str | None        # field key, NAME, GROUP, COMMENT, IGNORE; None: no field
    how: str                  # how the heading was matched (EXACT, "keyword", "spelling", "unmapped", …)
    detail: str = ""


@dataclass
class Header:
    row: int
    columns: list[Column]
    name: int | None = None
    id: int | None = None
    group: int | None = None

    def score(self) -> int:
        return sum(1 for c in self.columns if c.how in EXACT and c.target not in (COMMENT, IGNORE, None))


@dataclass
class Activity:
    name: str | None
    path: tuple[str, ...]
    label: str                                  # where it starts: "line 12", "row 5"
    rows: list[int] = field(default_factory=list)
    id: str | None = None
    fields: dict[str, list[str]] = field(default_factory=dict)
    comments: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Stats:
    tables: list[tuple[Table, Header]] = field(default_factory=list)
    labels: dict[tuple[str, str], int] = field(default_factory=dict)       # (column, field) -> count
    subjects: dict[str, int] = field(default_factory=dict)                 # column -> count
    continued: int = 0
    name_only: list[str] = field(default_factory=list)
    ids_from_names: int = 0
    nameless: list[str] = field(default_factory=list)
    group_ids: dict[tuple[str, ...], str] = field(default_factory=dict)  # a group row's own id
    organisation: dict[str, list[str]] = field(default_factory=dict)   # details above the table: field -> items
    organisation_lines: set[str] = field(default_factory=set)          # the lines they were read from


# -- the header ------------------------------------------------------------------------

def _heading(cell: Cell) -> str:
    return " ".join(p.text.strip() for p in cell.paras if p.text.strip())


def read_header(table: Table, row: int, options: Options) -> Header:
    vocab = vocabulary()
    columns: list[Column] = []
    seen: set[int] = set()
    cells = table.rows[row]
    for index, cell in enumerate(cells):
        if id(cell) in seen:  # a heading spanning several columns names only the first
            heading = ""
        else:
            heading = _heading(cell)
            seen.add(id(cell))
        if not heading:
            columns.append(Column(index, "", None, "unmapped"))
            continue
        target = options.mapping.get(fold(heading))
        if target is not None:
            columns.append(Column(index, heading, target, "--map"))
            continue
        match: Match | None = vocab.match(heading) if len(heading) <= HEADING_MAX else None
        if match is None:
            columns.append(Column(index, heading, None, "unmapped"))
        else:
            columns.append(Column(index, heading, match.target, match.how, match.detail))
    width = max((len(r) for r in table.rows), default=0)
    for index in range(len(cells), width):  # cells beyond the header: kept, never dropped
        columns.append(Column(index, "", None, "unmapped"))
    header = Header(row, columns)
    for column in columns:
        if column.target == NAME:
            if header.name is None:
                header.name = column.index
            else:
                column.target, column.how = "omschrijving", "second name column"
        elif column.target == "id":
            if header.id is None:
                header.id = column.index
            else:
                column.target, column.how = None, "second id column"
        elif column.target == GROUP:
            if header.group is None:
                header.group = column.index
            else:
                column.target, column.how = None, "second group column"
    return header


def find_header(table: Table, options: Options) -> Header | None:
    if options.header_row is not None:
        row = options.header_row - 1
        return read_header(table, row, options) if 0 <= row < len(table.rows) else None
    for row in range(min(len(table.rows), MAX_HEADER_SCAN)):
        if sum(1 for cell in table.rows[row] if not cell.empty) < 2:
            continue
        header = read_header(table, row, options)
        score = header.score()
        if score >= 3 or (score >= 2 and header.name is not None):
            return header
    return None


# -- rows -> activities ------------------------------------------------------------------

def activities_of(table: Table, header: Header, options: Options, stats: Stats) -> list[Activity]:
    rows = table.rows
    if header.name is None:
        headings = ", ".join(f'"{c.heading}"' for c in header.columns if c.heading)
        raise ImportProblem(f"{table.where}: no column holds the name of each activity (a heading such as "
                            f"'Verwerking', 'Naam verwerking', 'Activiteit', 'Dienst'); name it with "
                            f"--map 'Kolom=naam'. Headings: {headings}")
    name_col, id_col, group_col = header.name, header.id, header.group
    header_texts = [_heading(c) for c in rows[header.row]]
    special = {i for i in (name_col, id_col, group_col) if i is not None}

    # 1. what each row is: (kind, row, value of the group column, text of a heading row)
    records: list[tuple[str, int, str | None, str]] = []
    group_value: str | None = None
    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        if all(cell.empty for cell in row):
            continue
        if [_heading(c) for c in row] == header_texts:
            continue  # the header again (repeated on every page)
        name_cell = row[name_col] if name_col < len(row) else Cell()
        above = rows[r - 1][name_col] if r - 1 > header.row and name_col < len(rows[r - 1]) else None
        new_name = not name_cell.empty and name_cell is not above
        if group_col is not None and group_col < len(row) and not row[group_col].empty:
            group_value = _heading(row[group_col])  # every line of the cell: a groep name on two lines
        others = [c for i, c in enumerate(row) if i not in special and not c.empty and c is not name_cell]
        if new_name:
            records.append(("named" if others else "name-only", r, group_value, _heading(name_cell)))
            continue
        heading_text = _heading_row(rows, r, header)
        if heading_text is not None:
            records.append(("name-only", r, group_value, heading_text))
        elif others or (id_col is not None and not row[id_col].empty):
            records.append(("continued", r, group_value, ""))
    # 2. a row with only a name is a group when an activity follows it
    kinds = [kind for kind, _, _, _ in records]
    for position, kind in enumerate(kinds):
        if kind == "name-only":
            following = kinds[position + 1] if position + 1 < len(kinds) else None
            kinds[position] = "group" if following == "named" else "named-empty"
    # 3. activities
    names = [text for (_, _, _, text), k in zip(records, kinds) if k.startswith("named")]
    split_ids = id_col is None and names and sum(1 for n in names if _ID_PREFIX.match(n)) * 2 >= len(names)
    activities: list[Activity] = []
    row_group: str | None = None
    group_ids: dict[tuple[str, ...], str] = {}
    last_column_group: str | None = None
    current: Activity | None = None
    for (kind, r, column_group, text), resolved in zip(records, kinds):
        if column_group != last_column_group:
            row_group, last_column_group = None, column_group
        path = _group_path(table.heading, column_group, row_group)
        label = table.row_labels[r] if r < len(table.row_labels) else f"row {r + 1}"
        if resolved == "group":
            row_group = text
            path = _group_path(table.heading, column_group, row_group)
            id_cell = rows[r][id_col] if id_col is not None and id_col < len(rows[r]) else None
            if id_cell is not None and not id_cell.empty and _heading(id_cell) != text:
                group_ids[path] = _heading(id_cell)
            current = None
            continue
        if resolved.startswith("named"):
            current = Activity(None, path, label)
            current.rows.append(r)
            if kind == "name-only" and rows[r][name_col].empty:
                current.name = text  # a heading row in another column, with nothing after it
            activities.append(current)
            if resolved == "named-empty":
                stats.name_only.append(text)
            continue
        if current is None:  # data before any name: an activity without a name
            current = Activity(None, path, label)
            activities.append(current)
            stats.nameless.append(current.label)
        current.rows.append(r)
        stats.continued += 1
    for activity in activities:
        _fill(activity, table, header, options, stats, split_ids)
    stats.group_ids.update(group_ids)
    return activities


def _group_path(heading: str | None, column_group: str | None, row_group: str | None) -> tuple[str, ...]:
    """The groups of a row: its table's heading (a sheet's name, a section's heading), its group column and
    a group row above it. A heading or group row that only repeats the group column (all of it, or the
    start of a path "A / B" written in it) is no level of its own."""
    if column_group:
        written = fold(column_group)
        heading, row_group = (None if part and (written == fold(part) or written.startswith(fold(part) + " /"))
                              else part for part in (heading, row_group))
    return tuple(part for part in (heading, column_group, row_group) if part)


def _heading_row(rows: list[list[Cell]], r: int, header: Header) -> str | None:
    """The text of a row that is one heading and nothing else, outside the name column: one cell
    spanning the row (merged, colspan), or one cell in the first column that is not an id."""
    row = rows[r]
    filled = []
    for index, cell in enumerate(row):
        if not cell.empty and all(cell is not other for _, other in filled):
            filled.append((index, cell))
    if len(filled) != 1:
        return None
    index, cell = filled[0]
    above = rows[r - 1][index] if r - 1 > header.row and index < len(rows[r - 1]) else None
    if cell is above:
        return None
    spans = sum(1 for other in row if other is cell) > 1
    text = _heading(cell)
    first_column = index == 0 and index != header.name and header.columns[0].target in ("id", GROUP, None) \
        and not re.fullmatch(r"[\d.\-/ ]+", text)
    return text if spans or first_column else None


def _column_paras(activity: Activity, table: Table, column: int, soft_wrap: bool, skip: set[int]) -> list[Para]:
    """The paragraphs of one column over the rows of an activity; a spanned cell once."""
    paras: list[Para] = []
    seen: set[int] = set()
    for position, r in enumerate(activity.rows):
        row = table.rows[r]
        if column >= len(row):
            continue
        cell = row[column]
        if cell.empty or id(cell) in seen or id(cell) in skip.get(r, ()):  # type: ignore[union-attr]
            continue
        seen.add(id(cell))
        new = [Para(p.text, p.kind, p.bold, p.italic, p.underline) for p in cell.paras if p.text.strip()]
        if position and soft_wrap and paras and new and new[0].text.strip()[:1].islower():
            # the rest of a row that was wrapped onto the next line: the sentence goes on
            last, first = paras[-1], new[0]
            before, after = last.text.rstrip(), first.text.strip()
            joiner = "" if before.endswith("-") and len(before) > 1 and before[-2].isalpha() else " "
            paras[-1] = Para(before + joiner + after, last.kind, last.bold, last.italic, last.underline)
            new = new[1:]
        paras.extend(new)
    return paras


def _fill(activity: Activity, table: Table, header: Header, options: Options, stats: Stats, split_ids: bool) -> None:
    vocab = vocabulary()
    # cells that are the name cell spanning the row (a heading row) are not data
    skip = {r: {id(table.rows[r][header.name])} for r in activity.rows if header.name < len(table.rows[r])}
    fields = activity.fields

    def add(key: str, items: list[str]) -> None:
        if items:
            fields.setdefault(key, []).extend(items)

    if activity.rows and activity.name is None:
        first = activity.rows[0]
        name_cell = table.rows[first][header.name] if header.name < len(table.rows[first]) else Cell()
        paras = [p for p in name_cell.paras if p.text.strip()]
        if paras:
            activity.name = paras[0].text.strip()
            if split_ids:
                match = _ID_PREFIX.match(activity.name)
                if match:
                    activity.id, activity.name = match.group(1), match.group(2).strip()
                    stats.ids_from_names += 1
            heading = header.columns[header.name].heading
            label: str | None = None
            for para in paras[1:]:
                text = para.text.strip()
                match = _LABEL.match(text)
                named = vocab.label(match.group(1)) if match else None
                if named:
                    label = named
                    stats.labels[(heading, named)] = stats.labels.get((heading, named), 0) + 1
                    text = match.group(2).strip()
                    if not text:
                        continue
                add(label or "omschrijving", items_of([Para(text, para.kind)],
                                                      semicolons=(label or "omschrijving") not in NO_SEMICOLONS))
    if header.id is not None:
        id_paras = _column_paras(activity, table, header.id, False, {})
        text = " ".join(p.text.strip() for p in id_paras).strip()
        if text:
            activity.id = text
    for column in header.columns:
        if column.index in (header.name, header.id, header.group):
            continue
        paras = _column_paras(activity, table, column.index, table.soft_wrap, skip)
        if not paras:
            continue
        target = column.target
        heading = column.heading or _column_letter(column.index)
        if target == IGNORE:
            continue
        if target is None or target == COMMENT:
            if target is None and options.unmapped == "omschrijving":
                add("omschrijving", [f"{heading}: {p.text.strip()}" for p in paras])
            else:
                activity.comments.append((heading, [p.text.strip() for p in paras]))
            continue
        if target in SUBJECT_FIELDS:
            rest: list[Para] = []
            for para in paras:
                text = para.text.strip()
                words = fold(text).split()
                if text.endswith(":") and para.kind != "li" and words and words[0] in vocab.subject_prefixes \
                        and len(text) <= 200:
                    add("betrokkenen", [text[:-1].rstrip()])
                    stats.subjects[heading] = stats.subjects.get(heading, 0) + 1
                else:
                    rest.append(para)
            paras = rest
        add(target, items_of(paras, semicolons=target not in NO_SEMICOLONS,
                             commas=options.split_commas and target not in NO_SEMICOLONS))


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"kolom {letters}"


# -- writing -------------------------------------------------------------------------------

def comment_lines(text: str, indent: str = "", width: int = 96, first: str = "# ", rest: str = "# ") -> list[str]:
    """Text as comment lines, wrapped; never an ``avglint:`` directive by accident."""
    lines = []
    for number, wrapped in enumerate(textwrap.wrap(text, width=max(40, width - len(indent)),
                                                   break_long_words=False, break_on_hyphens=False) or [""]):
        prefix = first if number == 0 else rest
        line = "(" + wrapped + ")" if _DIRECTIVE.match(wrapped) else wrapped
        lines.append(f"{indent}{prefix}{line}".rstrip())
    return lines


TEXT = {
    "en": {
        "imported": "Imported by 'avglint import' from {source} ({details}).",
        "faithful": "Every cell is kept as written, typos included; lists in a cell (lines, bullets, semicolons) "
                    "became items.",
        "faithful_commas": "Every cell is kept as written, typos included; lists in a cell (lines, bullets, "
                           "semicolons, commas) became items.",
        "columns": "Columns:",
        "comments": "Columns that are no field are kept as comments in each verwerking: {names}.",
        "as_description": "Columns that are no field are kept as 'omschrijving' items (\"Kolom: tekst\"): {names}.",
        "outside": "Text in the document outside the table(s):",
        "skipped": "Not imported: {what}.",
        "labels": "lines \"{label}: …\" in \"{column}\" -> {field}",
        "subjects": "lines \"Van …:\" above a list in \"{column}\" -> betrokkenen",
        "organisation": "lines above the table -> organisatie: {fields}",
    },
    "nl": {
        "imported": "Geïmporteerd met 'avglint import' uit {source} ({details}).",
        "faithful": "Elke cel staat er zoals in het document, spelfouten inbegrepen; lijsten in een cel (regels, "
                    "opsommingstekens, puntkomma's) zijn items geworden.",
        "faithful_commas": "Elke cel staat er zoals in het document, spelfouten inbegrepen; lijsten in een cel "
                           "(regels, opsommingstekens, puntkomma's, komma's) zijn items geworden.",
        "columns": "Kolommen:",
        "comments": "Kolommen die geen veld zijn staan als commentaar bij elke verwerking: {names}.",
        "as_description": "Kolommen die geen veld zijn staan als 'omschrijving' (\"Kolom: tekst\"): {names}.",
        "outside": "Tekst in het document buiten de tabel(len):",
        "skipped": "Niet geïmporteerd: {what}.",
        "labels": "regels \"{label}: …\" in \"{column}\" -> {field}",
        "subjects": "regels \"Van …:\" boven een opsomming in \"{column}\" -> betrokkenen",
        "organisation": "regels boven de tabel -> organisatie: {fields}",
    },
}


def column_line(column: Column, lang: str) -> str:
    heading = column.heading or _column_letter(column.index)
    if column.target == "id":
        target = "id"
    elif column.target == COMMENT:
        target = "comment" if lang == "en" else "commentaar"
    elif column.target == IGNORE:
        target = "ignored (--map)" if lang == "en" else "genegeerd (--map)"
    elif column.target is None:
        target = "no field: kept as comments" if lang == "en" else "geen veld: als commentaar bewaard"
    else:
        target = describe(column.target, lang)
    how = ""
    if column.how == "keyword":
        how = f" (by the word '{column.detail}')" if lang == "en" else f" (op het woord '{column.detail}')"
    elif column.how == "spelling":
        how = f" (read as '{column.detail}')" if lang == "en" else f" (gelezen als '{column.detail}')"
    elif column.how == "--map":
        how = " (--map)"
    elif column.how == "second name column":
        how = " (a second name column)" if lang == "en" else " (een tweede naamkolom)"
    return f'"{heading}" -> {target}{how}'


def write(document: Document, source_name: str, options: Options, stats: Stats,
          activities: list[Activity]) -> str:
    from ..fmt import item_text, name_text

    text = TEXT[options.lang]
    out: list[str] = []
    where = "; ".join(table.where for table, _ in stats.tables)
    details = f"{document.details}; {where}" if document.details else where
    out += comment_lines(text["imported"].format(source=source_name, details=details))
    out += comment_lines(text["faithful"] if not options.split_commas else text["faithful_commas"])
    out.append("#")
    out += comment_lines(text["columns"])
    unmapped: list[str] = []
    for table, header in stats.tables:
        if len(stats.tables) > 1:
            out += comment_lines(f"{table.where}:", first="#   ")
        for column in header.columns:
            if not column.heading and not _column_has_data(table, header, column.index):
                continue
            if column.target is None and options.unmapped == "omschrijving":
                line = column_line(Column(column.index, column.heading, "omschrijving", column.how), options.lang)
            else:
                line = column_line(column, options.lang)
            out += comment_lines(line, first="#   ", rest="#       ")
            if column.target is None:
                unmapped.append(f'"{column.heading or _column_letter(column.index)}"')
    for (column, key), _count in stats.labels.items():
        out += comment_lines(text["labels"].format(label=key.capitalize(), column=column, field=key),
                             first="#   ", rest="#       ")
    for column in stats.subjects:
        out += comment_lines(text["subjects"].format(column=column), first="#   ", rest="#       ")
    if stats.organisation:
        out += comment_lines(text["organisation"].format(fields=", ".join(stats.organisation)),
                             first="#   ", rest="#       ")
    if unmapped:
        key = "as_description" if options.unmapped == "omschrijving" else "comments"
        out += comment_lines(text[key].format(names=", ".join(dict.fromkeys(unmapped))))
    outside = [line for table in document.tables for raw in table.before if raw not in stats.organisation_lines
               for line in text_line(raw)] + [line for raw in document.after for line in text_line(raw)]
    outside = [line for line in outside if any(c.isalnum() for c in line)]
    if outside:
        out.append("#")
        out += comment_lines(text["outside"])
        for line in outside:
            out += comment_lines(line, first="#   ", rest="#   ")
    if document.skipped:
        out += comment_lines(text["skipped"].format(what="; ".join(s.text(options.lang) for s in document.skipped)))
    out.append("")
    details = dict(stats.organisation)  # --organisatie and --rol win over what the file says
    if options.organisation is not None:
        details[NAME] = [options.organisation]
    if options.role is not None:
        details["rol"] = [options.role]
    if details:
        name = details.pop(NAME, [None])[0]
        out.append(f"organisatie {name_text(name)} {{" if name else "organisatie {")
        for key, items in details.items():
            if len(items) == 1:
                out.append(f"    {key}: {item_text(items[0])}")
            else:
                out.append(f"    {key}:")
                out += [f"        - {item_text(item)}" for item in items]
        out.append("}")
        out.append("")
    path: tuple[str, ...] = ()
    for activity in activities:
        common = 0
        while common < min(len(path), len(activity.path)) and path[common] == activity.path[common]:
            common += 1
        for depth in range(len(path) - 1, common - 1, -1):
            out.append("    " * depth + "}")
        for depth in range(common, len(activity.path)):
            out.append("    " * depth + f"groep {name_text(activity.path[depth])} {{")
            group_id = stats.group_ids.get(activity.path[:depth + 1])
            if group_id:
                out += comment_lines(f"id: {group_id}", "    " * (depth + 1))
        path = activity.path
        indent = "    " * len(path)
        out += _activity(activity, indent)
    for depth in range(len(path) - 1, -1, -1):
        out.append("    " * depth + "}")
    return "\n".join(out) + "\n"


def _column_has_data(table: Table, header: Header, index: int) -> bool:
    return any(index < len(row) and not row[index].empty for row in table.rows[header.row + 1:])


def _activity(activity: Activity, indent: str) -> list[str]:
    from ..fmt import item_text, name_text

    inner = indent + "    "
    head = f"{indent}verwerking {name_text(activity.name)} {{" if activity.name is not None else \
        f"{indent}verwerking {{"
    lines = [head]
    if activity.id:
        lines.append(f"{inner}id: {item_text(activity.id)}")
    for key, items in activity.fields.items():
        if len(items) == 1:
            lines.append(f"{inner}{key}: {item_text(items[0])}")
        else:
            lines.append(f"{inner}{key}:")
            lines += [f"{inner}    - {item_text(item)}" for item in items]
    for heading, texts in activity.comments:
        lines += comment_lines(f"{heading}: {texts[0]}", inner)
        for more in texts[1:]:
            lines += comment_lines(more, inner, first="#   ")
    lines.append(f"{indent}}}")
    lines.append("")
    return lines


def split_at_headers(table: Table, options: Options) -> list[Table]:
    """The tables of one grid: a row that reads as a header of its own after an empty row starts another
    (two tables on one sheet), so that its rows are read by their own headings, not as activities."""
    first = find_header(table, options) if options.header_row is None else None
    if first is None:
        return [table]
    rows = table.rows
    repeated = [_heading(cell) for cell in rows[first.row]]  # the header again (every printed page): no new table
    starts = [0] + [r for r in range(first.row + 2, len(rows))
                    if all(cell.empty for cell in rows[r - 1]) and not all(cell.empty for cell in rows[r])
                    and [_heading(cell) for cell in rows[r]] != repeated
                    and find_header(Table([rows[r]], table.where), options) is not None]
    if len(starts) == 1:
        return [table]
    parts = []
    for start, end in zip(starts, starts[1:] + [len(rows)]):
        labels = table.row_labels[start:end] or [f"row {r + 1}" for r in range(start, end)]
        kind, first_number = labels[0].split()
        span = f"{kind}s {first_number}-{labels[-1].split()[-1]}"  # "rows 12-30", "lines 4-9"
        where = span if table.where.startswith(f"{kind}s ") else f"{table.where}, {span}"
        parts.append(Table(rows[start:end], where, table.heading, table.before if start == 0 else [],
                           table.soft_wrap, table.row_labels[start:end]))
    return parts


def _read_organisation(lines: list[str], stats: Stats) -> None:
    """The organisation's details in the lines above the first table ("Organisatie: …", "FG: …"), each
    field from its first line; the value's parts between semicolons are its items, the name is one."""
    vocab = vocabulary()
    for line in lines:
        found = vocab.organisation_field(line)
        if found is None or found[0] in stats.organisation:
            continue
        key, value = found
        stats.organisation[key] = [value] if key == NAME else split_semicolons(value)
        stats.organisation_lines.add(line)


def build(document: Document, source_name: str, options: Options) -> tuple[str, Stats, list[Activity]]:
    stats = Stats()
    activities: list[Activity] = []
    for table in [part for whole in document.tables for part in split_at_headers(whole, options)]:
        header = find_header(table, options)
        if header is None:
            document.skipped.append(Skipped(table.where, "no header row found", "geen kopregel gevonden"))
            continue
        stats.tables.append((table, header))
        # rows above the header (a title in a spreadsheet) are text outside the table
        for r in range(header.row):
            for cell in table.rows[r]:
                text = _heading(cell)
                if text and text not in table.before:
                    table.before.append(text)
        activities += activities_of(table, header, options, stats)
    if not stats.tables:
        raise ImportProblem("no table with a header row of register headings found")
    _read_organisation(stats.tables[0][0].before, stats)
    return write(document, source_name, options, stats, activities), stats, activities
