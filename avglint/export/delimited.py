"""CSV: the organisation's details as lines above the table, then the table; ';'-separated, UTF-8 with a
byte order mark, as a Dutch spreadsheet program opens it without asking. Several items in a cell are
lines of that cell. A cell that a spreadsheet program would run as a formula (one starting with '=', '+', '-', '@',
a tab or a carriage return) starts with an apostrophe, the usual guard; avglint import takes it off again."""

from __future__ import annotations

import csv
import io

from . import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def render(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([table.title])
    for label, items in table.organisation:
        writer.writerow([f"{label}: {'; '.join(items)}"])
    writer.writerow([])
    writer.writerow([column.heading for column in table.columns])
    for _path, rows in table.sections():
        for row in rows:
            writer.writerow([_guarded("\n".join(row.items(column.key))) for column in table.columns])
    return out.getvalue().encode("utf-8-sig")


def _guarded(cell: str) -> str:
    # Excel runs '=cmd|…' or '@SUM(…)' in an opened CSV file; the apostrophe makes it text
    return FORMULA_GUARD + cell if cell.startswith(FORMULA_STARTS) else cell
