"""Character offsets (code points, as ``SourceFile`` counts) to LSP positions and back.

A client counts a line's characters in the encoding negotiated at initialisation: UTF-16 code
units by default, UTF-8 bytes or UTF-32 code points when it offers them. Lines are split at
``\\n`` as avglint splits them (a CRLF line keeps its ``\\r`` at the end, where no position falls).
A byte that was not UTF-8 reads as one lone surrogate; the client shows it as U+FFFD.
"""

from __future__ import annotations

from lsprotocol import types

from ..model import Span
from ..source import SourceFile

UTF8, UTF16, UTF32 = (types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16,
                      types.PositionEncodingKind.Utf32)


def units(text: str, encoding: str) -> int:
    """How many units of ``encoding`` the client counts for ``text``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return sum(3 if "\udc80" <= c <= "\udcff" else len(c.encode("utf-8")) for c in text)
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text)


def code_points(line: str, count: int, encoding: str) -> int:
    """How many characters of ``line`` the first ``count`` units of ``encoding`` cover (a position
    inside a character is taken to its end; one past the line, to the line's end)."""
    if encoding == UTF32 or line.isascii():
        return min(count, len(line))
    seen = 0
    for index, character in enumerate(line):
        if seen >= count:
            return index
        seen += units(character, encoding)
    return len(line)


def position(source: SourceFile, offset: int, encoding: str) -> types.Position:
    line, column = source.line_col(offset)
    start = source.line_starts[line - 1]
    return types.Position(line=line - 1, character=units(source.text[start:offset], encoding))


def span_range(span: Span, encoding: str) -> types.Range:
    return types.Range(start=position(span.source, span.start, encoding), end=position(span.source, span.end, encoding))


def offset(source: SourceFile, where: types.Position, encoding: str) -> int:
    """The character offset of a client's position in ``source`` (clamped to the text)."""
    starts = source.line_starts
    if where.line >= len(starts):
        return len(source.text)
    start = starts[where.line]
    end = starts[where.line + 1] - 1 if where.line + 1 < len(starts) else len(source.text)
    return start + code_points(source.text[start:end], where.character, encoding)
