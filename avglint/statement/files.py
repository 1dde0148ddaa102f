"""Statement files: which file names are privacy statements, and how their bytes become text.

The encoding is decided as a browser would: a byte-order mark, then (HTML) a
``<meta charset>`` in the first 1024 bytes, then UTF-8, then windows-1252.
"""

from __future__ import annotations

import codecs
import re

from ..source import EncodingProblem, SourceFile, looks_binary

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".txt": "text", ".text": "text"}


def statement_format(path: str) -> str | None:
    """'markdown', 'html' or 'text' for a statement's file name; None for anything else."""
    lowered = path.lower()
    for suffix, kind in SUFFIXES.items():
        if lowered.endswith(suffix):
            return kind
    return None


def is_statement_path(path: str) -> bool:
    return statement_format(path) is not None


def _c1_fallback(error: UnicodeDecodeError):
    """windows-1252 leaves five bytes undefined; browsers map them to the C1 controls."""
    return chr(error.object[error.start]), error.start + 1


codecs.register_error("avglint-c1", _c1_fallback)

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


def sniff_charset(data: bytes) -> str | None:
    """The encoding an HTML document declares in its first 1024 bytes (WHATWG prescan, simplified)."""
    match = _META_CHARSET.search(data[:1024])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").strip().lower()
    if label in ("utf-16", "utf-16le", "utf-16be", "x-user-defined"):
        return "utf-8"  # the HTML standard: a meta charset cannot switch to UTF-16
    if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252", "cp1252", "l1"):
        return "windows-1252"  # the HTML standard reads all of these as windows-1252
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_statement(path: str, data: bytes, kind: str | None = None) -> tuple[SourceFile, list[EncodingProblem]]:
    """Decode a statement as a browser would; never raises."""
    kind = kind or statement_format(path) or "markdown"
    if data.startswith(b"\xef\xbb\xbf"):
        return SourceFile(path, data[3:].decode("utf-8", "replace"), bom=True), []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return SourceFile(path, data.decode("utf-16", "replace").lstrip("\ufeff"), encoding="utf-16"), []
    if looks_binary(data):
        return SourceFile(path, ""), [EncodingProblem(0, 0, "binary")]
    declared = sniff_charset(data) if kind == "html" else None
    if declared and declared not in ("utf-8", "utf_8"):
        codec = "cp1252" if declared == "windows-1252" else declared
        try:
            return SourceFile(path, data.decode(codec, "avglint-c1"), encoding=declared), []
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return SourceFile(path, data.decode("utf-8")), []
    except UnicodeDecodeError:
        return SourceFile(path, data.decode("cp1252", "avglint-c1"), encoding="windows-1252"), []
