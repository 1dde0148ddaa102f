"""Cells: their text as paragraphs, read from plain text or HTML, and split into items.

A cell is a list of paragraphs (``Para``): a line of a spreadsheet cell, an HTML
``<p>`` or ``<li>``, a line after ``<br>``. HTML is read with the standard
library's ``html.parser`` into a small tree (``Element``), also for cells of a
text file that hold HTML markup (seeds 000 and 002 are such files).

Splitting never changes wording: items are the paragraphs, the parts of a line
that is written as a list ("- a - b", "•a •b"), and the parts between
semicolons; only the bullets, the semicolons and the white space at the ends of
an item go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BULLETS = "•◦▪‣·○■□●-*–"
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u200b]+")
_TAG = re.compile(r"</?(?:p|div|br|ul|ol|li|b|i|u|strong|em|span|table|tr|td|th|h[1-6]|a|font|sup|sub)\b[^>]*>",
                  re.IGNORECASE)
_ENTITY_END = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*)$")


@dataclass
class Para:
    text: str
    kind: str = "line"        # "line" (text), "p" (an HTML paragraph) or "li" (a list item)
    bold: bool = False        # all of the text is bold / italic / underlined
    italic: bool = False
    underline: bool = False


@dataclass(eq=False)
class Cell:
    paras: list[Para] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)

    @property
    def empty(self) -> bool:
        return not any(p.text.strip() for p in self.paras)

    @classmethod
    def from_text(cls, text: str, *, html: bool | None = None) -> Cell:
        """A cell from text; HTML markup in it is read as HTML (``html=None``: when it has tags)."""
        if html or (html is None and "<" in text and _TAG.search(text)):
            return cls(paragraphs(parse_fragment(text)))
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
        return cls([Para(line) for line in text.split("\n")])


# -- a small HTML tree ------------------------------------------------------------

VOID = {"br", "img", "hr", "meta", "link", "input", "col", "wbr", "area", "base", "source", "embed", "param"}
BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "thead",
          "tbody", "tfoot", "blockquote", "section", "article", "header", "footer", "dl", "dt", "dd", "caption",
          "pre", "nav", "aside", "main", "figure", "form"}
_CLOSES = {  # opening this tag closes an open one of these (up to the nearest boundary)
    "li": ({"li"}, {"ul", "ol"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody", "tfoot"}),
    "thead": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
}
SKIP = {"script", "style", "template", "noscript", "head", "title"}


class Element:
    __slots__ = ("tag", "attrs", "children", "parent", "line")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None, line: int = 0):
        self.tag, self.attrs, self.parent, self.line = tag, attrs, parent, line
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag}>"

    def iter(self, *tags: str):
        """Elements below this one with these tags, in document order (not below a match)."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            if isinstance(node, Element):
                if node.tag in tags:
                    yield node
                else:
                    stack.extend(reversed(node.children))

    def text(self) -> str:
        parts: list[str] = []
        stack = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
            elif node.tag not in SKIP:
                if node.tag == "br":
                    parts.append(" ")
                stack.extend(reversed(node.children))
        return _SPACES.sub(" ", "".join(parts)).strip()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        closes = _CLOSES.get(tag)
        if closes:
            targets, boundaries = closes
            for depth in range(len(self.stack) - 1, 0, -1):
                name = self.stack[depth].tag
                if name in boundaries:
                    break
                if name in targets:
                    del self.stack[depth:]
                    break
        elif tag in BLOCKS and tag not in ("ul", "ol", "table"):
            # a block closes an open <p> (HTML's implied end tags)
            for depth in range(len(self.stack) - 1, 0, -1):
                name = self.stack[depth].tag
                if name == "p":
                    del self.stack[depth:]
                    break
                if name in BLOCKS:
                    break
        element = Element(tag, {k.lower(): v or "" for k, v in attrs}, self.stack[-1], self.getpos()[0])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID and self.stack[-1].tag == tag.lower():
            self.stack.pop()

    def handle_endtag(self, tag):
        tag = tag.lower()
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
            if tag in ("table", "ul", "ol", "tr") and self.stack[depth].tag == "table" and tag != "table":
                return  # an end tag that does not belong to the open table is ignored

    def handle_data(self, data):
        if self.stack[-1].tag not in SKIP:
            self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def parse_fragment(text: str) -> Element:
    return parse_html(text)


def paragraphs(element: Element) -> list[Para]:
    """The paragraphs of an element's content, with the styles that cover each whole paragraph."""
    result: list[Para] = []
    runs: list[tuple[str, bool, bool, bool]] = []
    kind = ["p"]

    def flush(next_kind: str = "p") -> None:
        text = _SPACES.sub(" ", "".join(r[0] for r in runs)).strip()
        if text:
            styled = [r for r in runs if r[0].strip()]
            result.append(Para(text, kind[0], all(r[1] for r in styled), all(r[2] for r in styled),
                               all(r[3] for r in styled)))
        runs.clear()
        kind[0] = next_kind

    def walk(node: Element | str, bold: bool, italic: bool, underline: bool) -> None:
        if isinstance(node, str):
            runs.append((node, bold, italic, underline))
            return
        tag = node.tag
        if tag in SKIP:
            return
        if tag == "br":
            flush(kind[0] if kind[0] != "li" else "p")
            return
        bold = bold or tag in ("b", "strong", "th") or _style(node, "font-weight", ("bold", "700", "800", "900"))
        italic = italic or tag in ("i", "em") or _style(node, "font-style", ("italic",))
        underline = underline or tag == "u" or _style(node, "text-decoration", ("underline",))
        block = tag in BLOCKS
        if block:
            flush("li" if tag == "li" else "p")
        for child in node.children:
            walk(child, bold, italic, underline)
        if block:
            flush()

    for child in element.children:
        walk(child, False, False, False)
    flush()
    return result


def _style(node: Element, prop: str, values: tuple[str, ...]) -> bool:
    style = node.attrs.get("style", "").lower()
    if prop not in style:
        return False
    match = re.search(rf"{prop}\s*:\s*([^;]+)", style)
    return bool(match) and any(v in match.group(1) for v in values)


# -- splitting into items ------------------------------------------------------------

def strip_bullet(text: str) -> str:
    """The text without a list bullet in front ("• Naam", "- Naam", "•Naam")."""
    if len(text) > 1 and text[0] in "•◦▪‣·○■□●":
        return text[1:].strip()
    if len(text) > 2 and text[0] in "-*–" and text[1] in " \t\u00a0":
        return text[2:].strip()
    return text


def inline_list(text: str) -> list[str]:
    """A line written as a list: "- a - b - c" or "•a •b" (the bullets of a list whose line breaks were lost)."""
    if not text:
        return []
    first = text[0]
    if first in "•◦▪‣·○■□●" and len(text) > 1:
        return [part.strip() for part in text.split(first) if part.strip()]
    if first in "-*–" and len(text) > 2 and text[1] == " ":
        return [part.strip() for part in (" " + text).split(f" {first} ") if part.strip()]
    return [text]


def split_semicolons(text: str, separator: str = ";") -> list[str]:
    """Parts between semicolons, not inside parentheses or brackets, nor ending an entity ("&amp;")."""
    if separator not in text:
        return [text]
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char == separator and depth == 0 and not (separator == ";" and _ENTITY_END.search(text[start:index])):
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def items_of(paras: list[Para], *, semicolons: bool = True, commas: bool = False) -> list[str]:
    """The items of a cell: one per paragraph, list bullet and (optionally) semicolon and comma."""
    items: list[str] = []
    for para in paras:
        text = para.text.strip()
        if not text:
            continue
        if len(text) == 1 and text in BULLETS:
            items.append(text)  # a cell holding only "-": kept, it says something ("nothing")
            continue
        parts = inline_list(text)
        for written in parts:
            part = strip_bullet(written) if para.kind == "li" or len(parts) == 1 else written
            for piece in (split_semicolons(part) if semicolons else [part]):
                for bit in (split_semicolons(piece, ",") if commas else [piece]):
                    if stripped := bit.strip():
                        items.append(stripped)
    return items
