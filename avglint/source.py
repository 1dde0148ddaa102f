"""Source files: decoding, and turning character offsets into positions.

Everything downstream works on character offsets into ``SourceFile.text``;
lines and columns (1-based, in Unicode code points, as SARIF's
``unicodeCodePoints``) and byte offsets are computed only when asked for, so a
large register costs nothing for the positions nobody looks at.

Bytes that are not UTF-8 are decoded with ``surrogateescape``: each bad byte
becomes one lone surrogate, so the rest of the file is still checked, columns
stay meaningful and the original bytes can be written back unchanged.
"""

from __future__ import annotations

import codecs
import re
from array import array
from bisect import bisect_right
from itertools import chain

UTF8_BOM = b"\xef\xbb\xbf"
_NEWLINE = re.compile("\n")
_BAD_BYTE = re.compile("[\udc80-\udcff]")


class SourceFile:
    """The decoded text of one input file and the facts needed to point into it."""

    __slots__ = ("path", "text", "bom", "encoding", "escaped", "_line_starts", "_line_bytes")

    def __init__(self, path: str, text: str, *, bom: bool = False, encoding: str = "utf-8", escaped: bool = True):
        self.path = path          # as displayed: relative to the working directory or project root
        self.text = text          # without the byte-order mark
        self.bom = bom
        self.encoding = encoding  # "utf-8", or "utf-16" for a file read despite being UTF-16
        self.escaped = escaped    # whether the text may hold bytes that are not UTF-8 (``printable``)
        self._line_starts: array[int] | None = None
        self._line_bytes: array[int] | None = None

    def __repr__(self) -> str:
        return f"SourceFile({self.path!r})"

    # -- positions ---------------------------------------------------------
    @property
    def line_starts(self) -> array[int]:
        if self._line_starts is None:
            # machine integers, not a list: a large register has a million lines, and a list of their
            # offsets would keep an int object for each (40 MB for a file of 50 MB)
            self._line_starts = array("q", chain((0,), map(re.Match.end, _NEWLINE.finditer(self.text))))
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and code-point column of a character offset."""
        starts = self.line_starts
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based line and column."""
        return self.line_starts[line - 1] + column - 1

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def byte_offset(self, offset: int) -> int:
        """Byte offset in the file on disk (BOM included) of a character offset."""
        base = 3 if self.bom else 0
        if self.text.isascii():
            return base + offset
        if self._line_bytes is None:
            sizes, total = array("q"), base
            starts = self.line_starts
            for i, start in enumerate(starts):
                sizes.append(total)
                end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
                total += len(self.text[start:end].encode("utf-8", "surrogateescape"))
            self._line_bytes = sizes
        line, _ = self.line_col(offset)
        start = self.line_starts[line - 1]
        return self._line_bytes[line - 1] + len(self.text[start:offset].encode("utf-8", "surrogateescape"))

    def encode(self, text: str | None = None) -> bytes:
        """Bytes of ``text`` (default: the whole file) as they are written to disk."""
        data = (self.text if text is None else text).encode("utf-8", "surrogateescape")
        return UTF8_BOM + data if self.bom else data


class EncodingProblem:
    """A place where the bytes are not clean UTF-8 text (reported as AVG002)."""

    __slots__ = ("start", "end", "kind")

    def __init__(self, start: int, end: int, kind: str):
        self.start, self.end, self.kind = start, end, kind  # kind: invalid-utf8 | nul | utf16 | binary


def looks_binary(data: bytes) -> bool:
    """True for data that is not text at all (an image, an archive, a spreadsheet)."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text, handled separately
    if head.startswith((b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xd0\xcf\x11\xe0", b"GIF8", b"\xff\xd8\xff")):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) // 10


def decode(path: str, data: bytes) -> tuple[SourceFile, list[EncodingProblem]]:
    """Decode a file's bytes; never raises. Problems are returned, not thrown."""
    problems: list[EncodingProblem] = []
    if looks_binary(data):
        return SourceFile(path, ""), [EncodingProblem(0, 0, "binary")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", "replace").lstrip("\ufeff")
        source = SourceFile(path, text, encoding="utf-16")
        return source, [EncodingProblem(0, 0, "utf16")]
    bom = data.startswith(UTF8_BOM)
    if bom:
        data = data[3:]
    escaped = False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "surrogateescape")
        problems.extend(_per_line(text, _BAD_BYTE, "invalid-utf8"))
        escaped = True
    if data.find(b"\x00") >= 0:  # in the bytes: a text with a character beyond U+00FF is read twice as slowly
        problems.extend(_per_line(text, re.compile("\x00+"), "nul"))
        problems.sort(key=lambda p: p.start)
    return SourceFile(path, text, bom=bom, escaped=escaped), problems


def _per_line(text: str, pattern: re.Pattern[str], kind: str) -> list[EncodingProblem]:
    """One problem per line: the first run of offending characters on it."""
    found: list[EncodingProblem] = []
    last_line_end = -1
    for match in pattern.finditer(text):
        if match.start() < last_line_end:
            continue
        end = match.end()
        while end < len(text) and pattern.match(text, end):  # extend over adjacent bad bytes
            end = pattern.match(text, end).end()
        found.append(EncodingProblem(match.start(), end, kind))
        newline = text.find("\n", match.start())
        last_line_end = len(text) if newline < 0 else newline
    return found


def printable(text: str) -> str:
    """Text safe to print or write as UTF-8: undecodable bytes become U+FFFD."""
    try:  # fails on any lone surrogate; in C, three times faster than searching; a piece at a time, so that
        for start in range(0, len(text), _PIECE):  # a large file is not held twice, as text and as bytes
            text[start:start + _PIECE].encode("utf-8")
    except UnicodeEncodeError:
        return _BAD_BYTE.sub("\ufffd", text)
    return text


_PIECE = 1 << 20


def _replace_unwritable(error: UnicodeError) -> tuple[bytes, int]:
    """Each character UTF-8 cannot write becomes U+FFFD: the only such characters are lone
    surrogates, which is how an input byte that is not UTF-8 reads. (Bytes, because the UTF-8
    encoder takes only ASCII text from a handler.)"""
    if not isinstance(error, UnicodeEncodeError) or error.encoding.replace("-", "").lower() != "utf8":
        raise error
    return "\ufffd".encode("utf-8") * (error.end - error.start), error.end


# The codec error handler of every report stream (avglint.cli._emit): whatever a format writes,
# names, values, comments, paths and snippets taken from the input included, the bytes are UTF-8.
PRINTABLE = "avglint.printable"
codecs.register_error(PRINTABLE, _replace_unwritable)
