"""Privacy statements: Markdown, HTML or plain text read into sections, blocks and sentences.

A privacy statement ("privacyverklaring") is prose that data subjects read. The
AVG9xx rules judge it sentence by sentence, so this package turns a file into::

    Statement
      .sections   Section: a heading and what follows it (heading path, topics)
      .blocks     Block: a heading, paragraph, list item or table row, with its text
      .sentences  Sentence: one sentence of a block

The modules, in the order a file goes through them:

- ``files``: which file names are statements; decoding their bytes as a browser would.
- ``markdown_reader``, ``html_reader``, ``text_reader``: one reader per format, each
  turning the text into blocks whose plain text maps back to the file.
- ``segmentation``: blocks into sections (by heading level) and sentences.
- ``model``: ``Statement``, ``Section``, ``Block``, ``Sentence``, ``Comment``, ``Link``.

HTML comments (``<!-- ... -->``) are never text: they are collected in
``Statement.comments`` (inline suppressions ``<!-- avglint: ignore[AVG910] reden -->``
and test markers live there).

Reading is linear in the size of the file.
"""

from __future__ import annotations

from ..source import EncodingProblem, SourceFile
from .files import SUFFIXES, decode_statement, is_statement_path, sniff_charset, statement_format
from .model import Block, Comment, Link, Section, Sentence, Statement

__all__ = ["SUFFIXES", "Block", "Comment", "Link", "Section", "Sentence", "Statement", "decode_statement",
           "is_statement_path", "parse_statement", "read_html", "read_markdown", "read_statement", "read_text",
           "sniff_charset", "statement_format"]


def read_statement(path: str, data: bytes, kind: str | None = None) -> Statement:
    """Read a statement's bytes: decode, parse, split into sections, blocks and sentences."""
    kind = kind or statement_format(path) or ("html" if data.lstrip()[:1] == b"<" else "markdown")
    source, problems = decode_statement(path, data, kind)
    return parse_statement(source, kind, problems)


def parse_statement(source: SourceFile, kind: str, problems: list[EncodingProblem] = ()) -> Statement:
    statement = Statement(source, kind)
    statement.problems = list(problems)
    return _reader(kind)(source, statement)


def _reader(kind: str):
    """The reader of a format, imported when a statement is read: a check of registers alone needs none."""
    if kind == "markdown":
        from .markdown_reader import read_markdown
        return read_markdown
    if kind == "html":
        from .html_reader import read_html
        return read_html
    if kind == "text":
        from .text_reader import read_text
        return read_text
    raise KeyError(kind)


def __getattr__(name: str):
    if name in ("read_markdown", "read_html", "read_text"):
        return _reader(name[len("read_"):])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
