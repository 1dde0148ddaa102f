"""CSV: the organisation's details as lines above the table, then the table; ';'-separated, UTF-8 with a
byte order mark, as a Dutch spreadsheet program opens it without asking. Several items in a cell are
lines of that cell."""

from __future__ import annotations

import csv
import io

from . import Table


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
            writer.writerow(["\n".join(row.items(column.key)) for column in table.columns])
    return out.getvalue().encode("utf-8-sig")
