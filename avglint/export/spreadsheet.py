"""XLSX: a sheet per top-level group (one sheet when some activities are in no group), each with the
title and the organisation's details above a header row that is styled, frozen and filtered; columns
as wide as their text allows, cells wrapped, printed landscape on A4 with the header on every page."""

from __future__ import annotations

import io
import re

from . import NAME, Row, Table

SHEET_TITLE_MAX = 31                    # Excel's limit
_NOT_IN_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")
WIDTH_MIN, WIDTH_MAX = 8, 60            # characters
HEADER_FILL = "DDE4EE"
SHEET = "Register"                      # the one sheet's title, in either language


def render(table: Table) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for number, (title, rows) in enumerate(_sheets(table)):
        _sheet(book.create_sheet(title), table, rows, details=number == 0)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheets(table: Table) -> list[tuple[str, list[Row]]]:
    """(title, rows) per sheet: a sheet per top-level group when every activity is in one and each group's
    name is a sheet title as it stands (short enough, no character Excel refuses), else one sheet."""
    by_group: dict[str, list[Row]] = {}
    for _path, rows in table.sections():
        for row in rows:
            by_group.setdefault(row.path[0] if row.path else "", []).append(row)
    titles = [name.casefold() for name in by_group]
    if len(by_group) < 2 or "" in by_group or len(set(titles)) != len(titles) or \
            any(len(name) > SHEET_TITLE_MAX or _NOT_IN_SHEET_TITLE.search(name) or name.startswith("'")
                for name in by_group):
        return [(SHEET, [row for _path, rows in table.sections() for row in rows])]
    return list(by_group.items())


def _sheet(ws, table: Table, rows: list[Row], *, details: bool) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws.append([_text(table.title)])
    ws.cell(1, 1).font = Font(bold=True, size=14)
    if details:
        for label, items in table.organisation:
            ws.append([_text(f"{label}: {'; '.join(items)}")])
    ws.append([])
    ws.append([_text(column.heading) for column in table.columns])
    header = ws.max_row
    line = Side(style="thin", color="8899AA")
    for index in range(1, len(table.columns) + 1):
        cell = ws.cell(header, index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", start_color=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(bottom=line)
    top = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        values = ["\n".join(row.items(column.key)) for column in table.columns]
        ws.append([_text(value) if value else None for value in values])
        for index, value in enumerate(values, 1):
            cell = ws.cell(ws.max_row, index)
            cell.alignment = top
            if value:
                cell.data_type = "s"  # "=…" is a value as written, never a formula
    last = get_column_letter(len(table.columns))
    name = next((i for i, c in enumerate(table.columns, 1) if c.key == NAME), 1)
    ws.freeze_panes = ws.cell(header + 1, name + 1)  # the header and the names stay in view
    ws.auto_filter.ref = f"A{header}:{last}{max(ws.max_row, header)}"
    for index, column in enumerate(table.columns, 1):
        longest = max([len(column.heading)] + [len(line) for row in rows for item in row.items(column.key)
                                               for line in item.split("\n")])
        ws.column_dimensions[get_column_letter(index)].width = min(WIDTH_MAX, max(WIDTH_MIN, longest + 2))
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _text(value: str) -> str:
    """The value as a cell can hold it: characters XML cannot carry (control characters) as U+FFFD."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
