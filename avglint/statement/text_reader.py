"""The plain-text reader: blank lines separate paragraphs; short lines without a full stop are headings;
lines starting with "-", "*", "•" or "1." are list items.
"""

from __future__ import annotations

import re

from ..source import SourceFile
from .model import Comment, Statement
from .segmentation import Assembler, BlockBuilder

_HTML_COMMENT = re.compile(r"<!--(.*?)(?:-->|--!>)", re.DOTALL)
_ITEM = re.compile(r"[ \t]*(?:[-*•·–◦▪]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+(?=\S)")
_RULE = re.compile(r"[ \t]*(?:[-=_*#~]{3,})[ \t]*$")


def read_text(source: SourceFile, statement: Statement | None = None) -> Statement:
    statement = statement or Statement(source, "text")
    assembler = Assembler(statement)
    text = source.text
    hidden: list[tuple[int, int]] = []  # comments are not text
    for match in _HTML_COMMENT.finditer(text):
        statement.comments.append(Comment(match.start(), match.end(), match.group(1)))
        hidden.append((match.start(), match.end()))

    def visible(start: int, end: int) -> list[tuple[int, int]]:
        pieces, position = [], start
        for a, b in hidden:
            if b <= start or a >= end:
                continue
            if a > position:
                pieces.append((position, a))
            position = max(position, b)
        if position < end:
            pieces.append((position, end))
        return pieces

    def shown(start: int, end: int) -> str:
        return " ".join(text[a:b] for a, b in visible(start, end)).strip()

    def emit(kind: str, ranges: list[tuple[int, int]], level: int = 0) -> None:
        builder = BlockBuilder(False)
        for start, end in ranges:
            for a, b in visible(start, end):
                piece = text[a:b]
                stripped = piece.strip()
                if not stripped:
                    continue
                if builder.length:
                    builder.replaced(" ", a, a)
                builder.verbatim(stripped, a + len(piece) - len(piece.lstrip()))
        assembler.add(builder.build(kind, source, level=level))

    paragraph: list[tuple[int, int]] = []

    def close_paragraph() -> None:
        if not paragraph:
            return
        first = shown(*paragraph[0])
        level = 1 if not statement.blocks else 2
        if len(paragraph) == 1 and _looks_like_heading(first):
            emit("heading", paragraph, level=level)
        elif len(paragraph) > 1 and _looks_like_heading(first, strict=True) and \
                shown(*paragraph[1])[:1].isupper():
            emit("heading", paragraph[:1], level=level)  # a heading line directly above its text
            emit("paragraph", paragraph[1:])
        else:
            emit("paragraph", paragraph)
        paragraph.clear()

    for number in range(1, source.line_count + 1):
        start = source.line_starts[number - 1]
        end = start + len(source.line_text(number))
        line = shown(start, end)
        if not line or _RULE.fullmatch(line):
            close_paragraph()
            continue
        item = _ITEM.match(text, start, end)
        if item:
            close_paragraph()
            indent = len(item.group()) - len(item.group().lstrip(" \t"))
            emit("item", [(item.end(), end)], level=1 + indent // 2)   # "  - " is nested one deeper
            continue
        paragraph.append((start, end))
    close_paragraph()
    return assembler.finish()


def _looks_like_heading(line: str, strict: bool = False) -> bool:
    """A short line that starts with a capital and does not end like a sentence part."""
    if not line or line[-1] in ".,;:" or not (line[0].isupper() or line[0].isdigit()):
        return False
    if strict:
        return len(line) <= 60 and len(line.split()) <= 8 and line[-1] not in ":-–"
    return len(line) <= 90 and len(line.split()) <= 12
