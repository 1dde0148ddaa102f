"""The HTML reader: the standard library's tolerant ``html.parser``, with source positions.

No network, no DTDs, no external entities: it never fetches anything. Text of
``script``, ``style``, ``nav``, ``template``, ``noscript`` and hidden elements is
ignored; ``<br>`` ends a sentence; table rows become blocks whose cells are joined
with " | ".
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..model import Span
from ..source import SourceFile
from .model import Comment, Link, Statement
from .segmentation import Assembler, BlockBuilder

_SKIP = frozenset({"script", "style", "nav", "template", "noscript", "svg", "math", "iframe", "object", "select",
                   "datalist", "canvas", "audio", "video"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
                     "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header",
                     "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary",
                     "table", "tbody", "tfoot", "thead", "tr", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "title",
                     "option", "output"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


class _HtmlReader(HTMLParser):
    """html.parser with positions: every piece of text is mapped back to the file."""

    def __init__(self, source: SourceFile, start: int, end: int, assembler: Assembler, statement: Statement):
        super().__init__(convert_charrefs=False)
        self.source, self.base, self.assembler, self.statement = source, start, assembler, statement
        self.text = source.text[start:end]
        self.local_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.skip: list[str] = []       # open elements whose text is ignored
        self.builder = BlockBuilder(True)
        self.kind, self.level = "paragraph", 0
        self.in_row = False
        self.row_header = False
        self.cells = 0
        self.items = 0                  # open <li>, <dd>, <dt>

    # positions ---------------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self.base + self.local_starts[line - 1] + column

    # blocks ------------------------------------------------------------------------------
    def _default_kind(self) -> tuple[str, int]:
        if self.in_row:
            return "row", 0
        return ("item" if self.items else "paragraph"), self.items

    def _flush(self) -> None:
        builder = self.builder
        if not builder.empty():
            self.assembler.add(builder.build(self.kind, self.source, level=self.level, header=self.row_header))
        self.builder = BlockBuilder(True)
        self.kind, self.level = self._default_kind()

    def _flush_row(self) -> None:
        self.in_row = False
        self._flush()
        self.row_header = False

    @staticmethod
    def _hidden(attrs) -> bool:
        for written, value in attrs:
            name = written.lower()
            if name == "hidden" or (name == "aria-hidden" and (value or "").lower() == "true"):
                return True
            if name == "style" and value and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", value, re.I):
                return True
        return False

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if tag == "title":
            self._flush()
            self.kind = "title"
            return
        if tag in _SKIP or (tag not in _VOID and self._hidden(attrs)):
            self.skip.append(tag)
            return
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                at = self._offset()
                self.statement.links.append(Link(href, Span(self.source, at, at)))
            return
        if tag == "br":
            self.builder.line_break()
            at = self._offset()
            self.builder.replaced(" ", at, at)
            return
        if tag == "tr":
            if self.in_row:
                self._flush_row()
            self._flush()
            self.in_row, self.row_header, self.cells = True, False, 0
            self.kind, self.level = "row", 0
            return
        if tag in ("td", "th") and self.in_row:
            self.row_header = self.row_header or tag == "th"
            if self.cells:
                at = self._offset()
                self.builder.replaced(" | ", at, at)
            self.cells += 1
            return
        if self.in_row and tag in _BLOCKS and tag not in ("table", "tbody", "thead", "tfoot"):
            at = self._offset()
            self.builder.replaced(" ", at, at)
            return
        if tag in _BLOCKS:
            if self.in_row:
                self._flush_row()
            self._flush()
            if tag in _HEADINGS:
                self.kind, self.level = "heading", _HEADINGS[tag]
                self.builder.mark(self._offset())
            elif tag in ("li", "dd", "dt"):
                self.items += 1
                self.kind, self.level = "item", self.items

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag == "title":
            self._flush()
            return
        if tag == "tr" and self.in_row:
            self._flush_row()
            return
        if self.in_row:
            if tag in ("table", "tbody", "thead", "tfoot"):
                self._flush_row()
            return
        if tag in _BLOCKS:
            if tag in ("li", "dd", "dt"):
                self._flush()
                self.items = max(self.items - 1, 0)
                self.kind, self.level = self._default_kind()
                return
            self._flush()

    def handle_data(self, data):
        if self.skip:
            return
        self.builder.verbatim(data, self._offset())

    def handle_entityref(self, name):
        self._reference("&" + name)

    def handle_charref(self, name):
        self._reference("&#" + name)

    def _reference(self, written: str) -> None:
        if self.skip:
            return
        start = self._offset()
        length = len(written)
        if self.source.text[start + length:start + length + 1] == ";":
            length += 1
        raw = self.source.text[start:start + length]
        decoded = html.unescape(raw)
        if decoded == "\xad":
            return  # a soft hyphen is not text
        if decoded == raw:
            self.builder.verbatim(decoded, start)
        else:
            self.builder.replaced(decoded.replace("\xa0", " ") if decoded == "\xa0" else decoded, start, start + length)

    def handle_comment(self, data):
        start = self._offset()
        close = self.source.text.find("-->", start)
        end = close + 3 if close >= 0 else start + len(data) + 7
        self.statement.comments.append(Comment(start, end, data))

    def close(self):
        super().close()
        if self.in_row:
            self._flush_row()
        self._flush()


def read_html_into(source: SourceFile, start: int, end: int, assembler: Assembler, statement: Statement) -> None:
    reader = _HtmlReader(source, start, end, assembler, statement)
    reader.feed(reader.text)
    reader.close()


def read_html(source: SourceFile, statement: Statement | None = None) -> Statement:
    statement = statement or Statement(source, "html")
    assembler = Assembler(statement)
    read_html_into(source, 0, len(source.text), assembler, statement)
    return assembler.finish()
