"""Markdown: the title, the organisation's details as a list, then a table per group under a heading
that names its path (the activities in no group first, under the title). Several items in a cell are
separated by ``<br>``; characters Markdown would read as markup are escaped, so that the text shown
(and read back by ``avglint import``) is the value as written."""

from __future__ import annotations

import re

from . import PATH_SEPARATOR, Table

# ASCII punctuation that would start emphasis, code, a link, HTML or an entity, or end a cell
_MARKUP = re.compile(r"([\\`*_\[\]<>|&!~])")


def render(table: Table) -> bytes:
    lines = [f"# {_escape(table.title)}", ""]
    if table.organisation:
        lines += [f"- {label}: {'; '.join(items)}" for label, items in table.organisation] + [""]
    lines += [table.caption, ""]
    for path, rows in table.sections():
        if path:
            lines += [f"## {_escape(PATH_SEPARATOR.join(path))}", ""]
        lines.append("| " + " | ".join(_escape(column.heading) for column in table.columns) + " |")
        lines.append("|" + "|".join("---" for _ in table.columns) + "|")
        for row in rows:
            cells = ["<br>".join(_escape(item) for item in row.items(column.key)) for column in table.columns]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def _escape(text: str) -> str:
    """Inline text that Markdown shows as written: markup characters escaped, a line break as ``<br>``."""
    return "<br>".join(_MARKUP.sub(r"\\\1", line) for line in text.split("\n"))
