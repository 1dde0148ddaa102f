"""The Markdown reader: markdown-it-py (CommonMark plus tables) with source positions.

Block tokens carry their source lines; the inline text is aligned back to the source
character by character (emphasis, links, escapes and entities are skipped or mapped
to their source). Raw HTML blocks inside Markdown go through the HTML reader.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from functools import cache
from typing import Callable

from ..model import Span
from ..source import SourceFile
from .html_reader import read_html_into
from .model import Comment, Link, Statement
from .segmentation import Assembler, BlockBuilder


@cache  # built on first use: importing markdown-it is paid only by runs that read Markdown
def _markdown_parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    parser.enable("table")
    return parser


_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?:.*\r?\n){0,80}?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


class _Inline:
    """Aligns markdown-it's inline tokens with the raw inline source (``token.content``)."""

    def __init__(self, raw: str, to_source: Callable[[int], int], builder: BlockBuilder, statement: Statement):
        self.raw, self.to_source, self.builder, self.statement = raw, to_source, builder, statement
        self.p = 0

    def text(self, text: str) -> None:
        raw, n = self.raw, len(self.raw)
        run_start = -1  # start of a verbatim run: raw index; run_text collects the plain text
        run: list[str] = []

        def flush():
            nonlocal run_start
            if run:
                self.builder.verbatim("".join(run), self.to_source(run_start))
                run.clear()
            run_start = -1

        for ch in text:
            q, skipped = self.p, 0
            while q < n:
                c = raw[q]
                if c == "&":
                    entity = _ENTITY.match(raw, q)
                    if entity:
                        if html.unescape(entity.group()) == ch:
                            flush()
                            self.builder.replaced(ch, self.to_source(q), self.to_source(q) + len(entity.group()))
                            self.p = entity.end()
                            break
                        q, skipped = q + 1, skipped + 1
                        continue
                if c == "\\" and q + 1 < n and raw[q + 1] == ch and ch in _ASCII_PUNCT:
                    flush()
                    self.builder.replaced(ch, self.to_source(q), self.to_source(q) + 2)
                    self.p = q + 2
                    break
                if c == ch:
                    if run_start >= 0 and q != run_start + len(run):
                        flush()
                    if run_start < 0:
                        run_start = q
                    run.append(ch)
                    self.p = q + 1
                    break
                q += 1
                skipped += 1
                if skipped > 400:  # markup this long does not exist: stop aligning, map to the cursor
                    q = n
            else:
                flush()
                at = self.to_source(min(self.p, max(n - 1, 0)))
                self.builder.replaced(ch, at, at)
        flush()

    def space(self) -> None:
        """A soft line break: one space standing for the line end."""
        at = self.raw.find("\n", self.p)
        if at < 0:
            at = self.p
        self.builder.replaced(" ", self.to_source(at), self.to_source(at) + 1)
        self.p = at + 1 if at < len(self.raw) else self.p

    def html(self, content: str) -> None:
        at = self.raw.find(content, self.p)
        if at < 0:
            return
        start = self.to_source(at)
        if content.startswith("<!--"):
            inner = content[4:].rsplit("--", 1)[0]
            self.statement.comments.append(Comment(start, start + len(content), inner))
        elif _BR.fullmatch(content.strip()):
            self.builder.line_break()
        self.p = at + len(content)

    def skip_link_target(self) -> None:
        raw, p = self.raw, self.p
        if p < len(raw) and raw[p] == "]":
            p += 1
            if p < len(raw) and raw[p] == "(":
                p = _after_balanced(raw, p + 1, "(", ")")
            elif p < len(raw) and raw[p] == "[":
                close = raw.find("]", p)
                p = close + 1 if close >= 0 else p
            self.p = p

    def skip_image(self) -> None:
        raw = self.raw
        at = raw.find("![", self.p)
        if at < 0:
            return
        self.p = _after_balanced(raw, at + 2, "[", "]") - 1
        self.skip_link_target()


def _line_map(source: SourceFile, first_line: int, content: str) -> Callable[[int], int]:
    """A function from an index in ``content`` (inline source lines, container markers stripped) to
    a file offset, for a token starting on 0-based line ``first_line``."""
    text = source.text
    starts = source.line_starts
    content_starts, file_starts = [], []
    position = 0
    for i, line in enumerate(content.split("\n")):
        number = first_line + i
        content_starts.append(position)
        if number < len(starts):
            line_start = starts[number]
            line_text = source.line_text(number + 1)
            at = line_text.find(line) if line else -1
            if at < 0 and line:
                stripped = line.strip()
                at = line_text.find(stripped) if stripped else -1
                at = at - (len(line) - len(line.lstrip())) if at >= 0 else len(line_text) - len(line)
            file_starts.append(line_start + max(at, 0))
        else:
            file_starts.append(len(text))
        position += len(line) + 1

    def to_source(index: int) -> int:
        k = bisect_right(content_starts, index) - 1
        return min(file_starts[k] + index - content_starts[k], len(text))

    return to_source


def _cell_map(source: SourceFile, line: int, content: str, cursor: list[int]) -> Callable[[int], int]:
    """Like _line_map for a table cell: cells are found left to right on their row's line."""
    line_start = source.line_starts[line] if line < len(source.line_starts) else len(source.text)
    line_text = source.line_text(line + 1) if line < len(source.line_starts) else ""
    at = line_text.find(content, cursor[0]) if content else -1
    if at < 0:
        at = cursor[0]
    else:
        cursor[0] = at + len(content)
    base = line_start + at
    return lambda index: min(base + index, len(source.text))


def _inline_into(token, to_source, builder: BlockBuilder, statement: Statement) -> None:
    aligner = _Inline(token.content, to_source, builder, statement)
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "text_special", "code_inline"):
            aligner.text(child.content)
        elif kind == "softbreak":
            aligner.space()
        elif kind == "hardbreak":
            builder.line_break()
            aligner.space()
        elif kind == "html_inline":
            aligner.html(child.content)
        elif kind == "link_open":
            href = child.attrs.get("href") if child.attrs else None
            if href:
                at = to_source(aligner.p)
                statement.links.append(Link(str(href), Span(statement.source, at, at)))
        elif kind == "link_close":
            aligner.skip_link_target()
        elif kind == "image":
            aligner.skip_image()


_LONE_CR = re.compile(r"\r(?!\n)")


def read_markdown(source: SourceFile, statement: Statement | None = None) -> Statement:
    statement = statement or Statement(source, "markdown")
    assembler = Assembler(statement)
    text = source.text
    front = _FRONT_MATTER.match(text)
    if front:  # YAML front matter (Jekyll, Hugo): not text; its title is the document's title
        title = re.search(r"^title:[ \t]*[\"']?(.*?)[\"']?[ \t]*$", front.group(0), re.M)
        if title and title.group(1).strip():
            builder = BlockBuilder(False)
            builder.verbatim(title.group(1), title.start(1))
            assembler.add(builder.build("title", source))
        text = re.sub(r"[^\n]", " ", front.group(0)) + text[front.end():]
    # markdown-it takes a lone CR for a line break, avglint (and its line table) does not: keep the lines
    # the same for both, and every offset where it is
    tokens = _markdown_parser().parse(_LONE_CR.sub(" ", text) if "\r" in text else text)
    item_depth = 0
    row: BlockBuilder | None = None
    row_header = False
    row_cursor = [0]
    row_line = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "list_item_open":
            item_depth += 1
        elif kind == "list_item_close":
            item_depth -= 1
        elif kind == "heading_open":
            inline = tokens[i + 1]
            builder = BlockBuilder(False)
            builder.mark(source.line_starts[token.map[0]])
            _inline_into(inline, _line_map(source, inline.map[0], inline.content), builder, statement)
            assembler.add(builder.build("heading", source, level=int(token.tag[1])))
            i += 3
            continue
        elif kind == "paragraph_open":
            inline = tokens[i + 1]
            builder = BlockBuilder(False)
            _inline_into(inline, _line_map(source, inline.map[0], inline.content), builder, statement)
            assembler.add(builder.build("item" if item_depth else "paragraph", source, level=item_depth))
            i += 3
            continue
        elif kind == "tr_open":
            row = BlockBuilder(False)
            row_header = False
            row_cursor = [0]
            row_line = token.map[0] if token.map else 0
        elif kind in ("th_open", "td_open"):
            row_header = row_header or kind == "th_open"
            inline = tokens[i + 1]
            if row is not None:
                if row.length:
                    at = row.last if row.last >= 0 else 0
                    row.replaced(" | ", at, at)
                _inline_into(inline, _cell_map(source, row_line, inline.content, row_cursor), row, statement)
            i += 3
            continue
        elif kind == "tr_close":
            if row is not None:
                assembler.add(row.build("row", source, header=row_header))
            row = None
        elif kind == "html_block" and token.map:
            start = source.line_starts[token.map[0]]
            end = source.line_starts[token.map[1]] if token.map[1] < len(source.line_starts) else len(source.text)
            read_html_into(source, start, end, assembler, statement)
        elif kind in ("fence", "code_block"):
            pass  # code is not prose
        i += 1
    return assembler.finish()


def _after_balanced(raw: str, p: int, opening: str, closing: str) -> int:
    """The position just after the bracket that closes one opened before ``p`` (backslash escapes skipped)."""
    depth = 1
    while p < len(raw) and depth:
        if raw[p] == "\\":
            p += 1
        elif raw[p] == opening:
            depth += 1
        elif raw[p] == closing:
            depth -= 1
        p += 1
    return p
