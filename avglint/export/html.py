"""HTML: one self-contained page, accessible and printable, without script.

A ``<table>`` with a ``<caption>``, column headings ``<th scope="col">``, each activity's name as
its row's heading ``<th scope="row">`` and each group as a ``<tbody>`` opened by a heading row
``<th scope="rowgroup">`` with its path (the activities in no group first). Several items in a
cell are a list. The page prints on A4 landscape, every column on the page, with the column headings on
every page and a group's heading row kept with its first activity.
"""

from __future__ import annotations

from html import escape

from . import NAME, PATH_SEPARATOR, Table

STYLE = """
body { font-family: system-ui, sans-serif; font-size: 11pt; line-height: 1.35; margin: 1.5em; color: #111; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.4em 0; }
th, td { border: 1px solid #889; padding: 0.3em 0.45em; text-align: left; vertical-align: top; }
thead th { background: #dde4ee; }
tbody th[scope="rowgroup"] { background: #eef1f5; font-size: 1.05em; }
td ul { margin: 0; padding-left: 1.1em; }
.organisation { list-style: none; padding: 0; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 7pt; }
  th, td { padding: 0.15em 0.25em; overflow-wrap: anywhere; }
  td ul { padding-left: 0.9em; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  tr.group { break-after: avoid; }
}
""".strip()


def render(table: Table) -> bytes:
    width = len(table.columns)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{table.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(table.title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(table.title)}</h1>",
    ]
    if table.organisation:
        out.append('<ul class="organisation">')
        out += [f"<li><strong>{escape(label)}:</strong> {escape('; '.join(items))}</li>"
                for label, items in table.organisation]
        out.append("</ul>")
    out.append("<table>")
    out.append(f"<caption>{escape(table.caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{escape(c.heading)}</th>' for c in table.columns)
               + "</tr></thead>")
    for path, rows in table.sections():
        out.append("<tbody>")
        if path:
            out.append(f'<tr class="group"><th scope="rowgroup" colspan="{width}">{escape(PATH_SEPARATOR.join(path))}</th></tr>')
        for row in rows:
            cells = []
            for column in table.columns:
                content = _cell(row.items(column.key))
                cells.append(f'<th scope="row">{content}</th>' if column.key == NAME else f"<td>{content}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody>")
    out += ["</table>", "</main>", "</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")


def _cell(items: list[str]) -> str:
    if len(items) == 1:
        return _lines(items[0])
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{_lines(item)}</li>" for item in items) + "</ul>"


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))
