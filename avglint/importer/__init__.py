"""``avglint import``: registers kept in Excel, CSV, HTML or Markdown tables -> a faithful .avg file.

``import_file(path, data, …)`` returns the text of the register and what was
done (``ImportResult``); avglint/commands.py prints the summary. The parts:
readers.py (formats -> tables of cells), cells.py (cell text, HTML, items),
headings.py (the heading vocabulary, rules/vocab/import_headings.yaml) and
build.py (header, rows, activities, the text).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .build import Activity, Options, Stats, build
from .headings import fold, target_of
from .readers import FORMATS, Document, ImportProblem, detect_format

__all__ = ["ImportProblem", "ImportResult", "Options", "import_file", "parse_mapping", "FORMATS"]


@dataclass
class ImportResult:
    text: str
    document: Document
    stats: Stats
    activities: list[Activity]


def parse_mapping(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["Kolom=veld", …]`` -> {folded heading: target}; raises ImportProblem for a wrong pair."""
    from ..language import ACTIVITY, language

    mapping: dict[str, str] = {}
    for pair in pairs:
        heading, sep, written = pair.rpartition("=")
        if not sep or not heading.strip() or not written.strip():
            raise ImportProblem(f"--map '{pair}': write it as --map 'Kolom=veld' "
                                "(the column's heading, then the field)")
        target = target_of(written.strip())
        if target is None:
            suggestion = language().suggest_field(ACTIVITY, written)
            hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
            raise ImportProblem(f"--map '{pair}': '{written.strip()}' is not a field{hint}; use a field of "
                                "'verwerking' (doel, grondslag, …), or naam, id, groep, commentaar or negeer")
        mapping[fold(heading)] = target
    return mapping


def import_file(path: str, data: bytes, *, file_format: str | None = None, sheet: str | None = None,
                encoding: str | None = None, delimiter: str | None = None,
                options: Options | None = None) -> ImportResult:
    from . import readers
    from .build import find_header

    options = options or Options()

    def looks_like_register(table) -> int:
        header = find_header(table, options)
        return max(1, header.score()) if header is not None else 0

    kind = file_format or detect_format(path, data)
    if kind == "xlsx":
        document = readers.read_xlsx(path, data, sheet, looks_like_register)
    elif kind == "html":
        document = readers.read_html(path, data, encoding=encoding, looks_like_register=looks_like_register)
    elif kind == "markdown":
        document = readers.read_markdown(path, data, encoding=encoding, looks_like_register=looks_like_register)
    else:
        document = readers.read_delimited(path, data, encoding=encoding, delimiter=delimiter,
                                          looks_like_register=looks_like_register)
    if options.mapping:
        _check_mapping(document, options)
    text, stats, activities = build(document, os.path.basename(path), options)
    from ..fmt import format_text

    return ImportResult(format_text(text, path=path), document, stats, activities)


def _check_mapping(document: Document, options: Options) -> None:
    """Every --map names a heading of the file: a typo there must not go unnoticed."""
    from .build import _heading

    headings: dict[str, str] = {}
    for table in document.tables:
        for row in table.rows[:40]:
            for cell in row:
                text = _heading(cell)
                if text and len(text) <= 120:
                    headings.setdefault(fold(text), text)
    missing = [h for h in options.mapping if h not in headings]
    if missing:
        raise ImportProblem(f"--map: no column with the heading '{missing[0]}' in the file")
