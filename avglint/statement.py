"""Privacy statements: Markdown, HTML or plain text read into sections, blocks and sentences.

A privacy statement ("privacyverklaring") is prose that data subjects read. The
AVG9xx rules judge it sentence by sentence, so this module turns a file into::

    Statement
      .sections   Section: a heading and what follows it (heading path, topics)
      .blocks     Block: a heading, paragraph, list item or table row, with its text
      .sentences  Sentence: one sentence of a block

Every block keeps a map from its plain text (markup removed, entities decoded,
white space collapsed in HTML) to offsets in the file as written, so a rule can
point at the exact words: ``sentence.span_of(start, end)`` is a ``Span`` with the
line and code-point column of the original file. A finding about something the
statement lacks points at ``Statement.start_span``: the title, else the start of
the document.

Readers:

- Markdown with markdown-it-py (CommonMark plus tables): block tokens carry their
  source lines; the inline text is aligned back to the source character by character
  (emphasis, links, escapes and entities are skipped or mapped to their source).
  Raw HTML blocks inside Markdown go through the HTML reader.
- HTML with the standard library's tolerant ``html.parser`` (no network, no DTDs,
  no external entities: it never fetches anything). Text of ``script``, ``style``,
  ``nav``, ``template``, ``noscript`` and hidden elements is ignored; ``<br>`` ends a
  sentence; table rows become blocks whose cells are joined with " | ".
- Plain text: blank lines separate paragraphs; short lines without a full stop are
  headings; lines starting with "-", "*", "•" or "1." are list items.

HTML comments (``<!-- ... -->``) are never text: they are collected in
``Statement.comments`` (inline suppressions ``<!-- avglint: ignore[AVG910] reden -->``
and test markers live there). The encoding is decided as a browser would: a
byte-order mark, then (HTML) a ``<meta charset>`` in the first 1024 bytes, then
UTF-8, then windows-1252.

Reading is linear in the size of the file.
"""

from __future__ import annotations

import codecs
import html
import re
from bisect import bisect_right
from functools import cache
from html.parser import HTMLParser
from typing import Callable, Iterator, NamedTuple

from .model import Span
from .source import EncodingProblem, SourceFile, looks_binary

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".txt": "text", ".text": "text"}

# Rules of other families that also read statements (AVG203 on citations in prose, ...):
# rule id -> functions ``check(statement, ctx)``. Filled by ``statement_check``; the engine
# runs them when that rule is enabled, stamping the rule's id and severity.
COMPANIONS: dict[str, list[Callable]] = {}


def statement_check(rule_id: str):
    """Declare a statement check for a rule declared elsewhere (its docs say what it checks)."""

    def register(function: Callable) -> Callable:
        COMPANIONS.setdefault(rule_id, []).append(function)
        return function

    return register


def statement_format(path: str) -> str | None:
    """'markdown', 'html' or 'text' for a statement's file name; None for anything else."""
    lowered = path.lower()
    for suffix, kind in SUFFIXES.items():
        if lowered.endswith(suffix):
            return kind
    return None


def is_statement_path(path: str) -> bool:
    return statement_format(path) is not None


# ---------------------------------------------------------------------------------------------
# Encoding


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


# ---------------------------------------------------------------------------------------------
# The model


class Comment(NamedTuple):
    """An HTML comment: character offsets of ``<!--`` … ``-->`` and the text inside."""

    start: int
    end: int
    text: str


class Link(NamedTuple):
    """A hyperlink target (``href``) and where the link is written."""

    href: str
    span: Span


class Sentence:
    """One sentence of a block: plain text with offsets into the block's text."""

    __slots__ = ("block", "start", "end", "text", "index")

    def __init__(self, block: Block, start: int, end: int):
        self.block, self.start, self.end = block, start, end
        self.text = block.text[start:end]
        self.index = -1

    def __repr__(self) -> str:
        return f"Sentence({self.span.line}:{self.span.column} {self.text[:40]!r})"

    @property
    def section(self) -> Section:
        return self.block.section

    @property
    def span(self) -> Span:
        return self.block.span_of(self.start, self.end)

    def span_of(self, start: int, end: int) -> Span:
        """The span of ``self.text[start:end]`` in the file."""
        return self.block.span_of(self.start + start, self.start + end)


class Block:
    """A heading, paragraph, list item or table row: plain text mapped back to the source.

    ``kind``: heading, paragraph, item, row or title (an HTML ``<title>``). ``level``: a
    heading's level, a list item's depth (1 at the top, 2 for an item inside an item).
    """

    __slots__ = ("kind", "level", "text", "header", "source", "section", "sentences", "index",
                 "_plain", "_src", "_len", "_verbatim", "breaks", "_extent")

    def __init__(self, kind: str, source: SourceFile, text: str, segments: list[tuple[int, int, int, bool]],
                 breaks: list[int], level: int = 0, header: bool = False):
        self.kind, self.level, self.header, self.source = kind, level, header, source
        self.text = text
        self._plain = [s[0] for s in segments]
        self._src = [s[1] for s in segments]
        self._len = [s[2] for s in segments]
        self._verbatim = [s[3] for s in segments]
        self.breaks = breaks           # plain offsets where a <br> or hard break ends a sentence
        self.section: Section | None = None
        self.sentences: list[Sentence] = []
        self.index = -1
        self._extent: tuple[int, int] | None = None

    def __repr__(self) -> str:
        return f"Block({self.kind} {self.span.line} {self.text[:40]!r})"

    def _source_offset(self, position: int, end: bool) -> int:
        if not self._plain:
            return 0
        k = bisect_right(self._plain, position) - 1
        if end and k > 0 and position == self._plain[k]:
            k -= 1  # the end of a range belongs to the segment before
        k = max(k, 0)
        start, length = self._src[k], self._len[k]
        if self._verbatim[k]:
            return start + min(max(position - self._plain[k], 0), length)
        return start + length if end else start

    def span_of(self, start: int, end: int) -> Span:
        """The span of ``self.text[start:end]`` in the file (through markup and entities)."""
        first = self._source_offset(start, False)
        last = self._source_offset(end, True) if end > start else first
        return Span(self.source, first, max(first, last))

    @property
    def span(self) -> Span:
        return self.span_of(0, len(self.text))

    @property
    def extent(self) -> tuple[int, int]:
        """Character range of the file this block occupies (markup included)."""
        return self._extent or (self.span.start, self.span.end)


class Section:
    """A heading and the blocks up to the next heading of the same or a higher level."""

    __slots__ = ("heading", "level", "parent", "children", "blocks", "index", "end")

    def __init__(self, heading: Block | None, level: int, parent: Section | None):
        self.heading, self.level, self.parent = heading, level, parent
        self.children: list[Section] = []
        self.blocks: list[Block] = []   # the section's own blocks (not those of subsections)
        self.index = -1
        self.end = 0                    # character offset where the section ends

    def __repr__(self) -> str:
        return f"Section({self.title!r})"

    @property
    def title(self) -> str:
        return self.heading.text if self.heading is not None else ""

    @property
    def path(self) -> tuple[str, ...]:
        """Headings from the outermost section down to this one."""
        titles = []
        section: Section | None = self
        while section is not None:
            if section.heading is not None:
                titles.append(section.heading.text)
            section = section.parent
        return tuple(reversed(titles))

    @property
    def ancestors(self) -> Iterator[Section]:
        section = self.parent
        while section is not None:
            yield section
            section = section.parent

    def walk(self) -> Iterator[Section]:
        stack = [self]
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def all_blocks(self) -> Iterator[Block]:
        """The section's blocks and those of its subsections, in document order."""
        for section in self.walk():
            yield from section.blocks

    def sentences(self) -> Iterator[Sentence]:
        for block in self.all_blocks():
            yield from block.sentences


class Statement:
    """A privacy statement read from one file."""

    __slots__ = ("source", "format", "blocks", "sections", "sentences", "comments", "links", "title",
                 "problems", "cache")

    def __init__(self, source: SourceFile, format: str):
        self.source, self.format = source, format
        self.blocks: list[Block] = []
        self.sections: list[Section] = []       # document order; sections[0] is the part before any heading
        self.sentences: list[Sentence] = []
        self.comments: list[Comment] = []
        self.links: list[Link] = []
        self.title: Block | None = None
        self.problems: list[EncodingProblem] = []
        self.cache: dict = {}                   # for the rules: analyses computed once per statement

    def __repr__(self) -> str:
        return f"Statement({self.source.path!r}, {len(self.sections)} sections, {len(self.sentences)} sentences)"

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def root(self) -> Section:
        return self.sections[0]

    @property
    def start_span(self) -> Span:
        """Where a finding about something missing points: the title, else the first block."""
        if self.title is not None:
            return self.title.span
        if self.blocks:
            first = self.blocks[0]
            return first.sentences[0].span if first.sentences else first.span
        return Span(self.source, 0, 0)

    def block_at(self, offset: int) -> Block | None:
        """The last block that starts at or before ``offset`` (blocks are in document order)."""
        starts = self.cache.get("block starts")
        if starts is None or len(starts) != len(self.blocks):
            starts = self.cache["block starts"] = [b.extent[0] for b in self.blocks]
        index = bisect_right(starts, offset) - 1
        return self.blocks[index] if index >= 0 else None

    def list_under(self, block: Block) -> list[Block]:
        """The list items that belong to ``block``: for an item, the items nested in it; for a paragraph that
        introduces a list ("bijvoorbeeld:"), the list right after it."""
        if block.kind not in ("item", "paragraph") or block.index < 0:
            return []
        if block.kind == "paragraph" and not block.text.rstrip().endswith(":"):
            return []
        depth = block.level if block.kind == "item" else 0
        found = []
        for following in self.blocks[block.index + 1:]:
            if following.kind != "item" or following.level <= depth or following.section is not block.section:
                break
            found.append(following)
        return found

    def block_after(self, offset: int) -> Block | None:
        """The first block that starts at or after ``offset``."""
        self.block_at(offset)
        starts = self.cache["block starts"]
        index = bisect_right(starts, offset - 1)
        return self.blocks[index] if index < len(self.blocks) else None


# ---------------------------------------------------------------------------------------------
# Building blocks: plain text with a map to the source


class _Builder:
    """Accumulates the plain text of one block and the segments mapping it to the source."""

    __slots__ = ("parts", "segments", "length", "breaks", "collapse", "first", "last")

    def __init__(self, collapse: bool):
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int, bool]] = []  # plain start, source start, source length, verbatim
        self.length = 0
        self.breaks: list[int] = []
        self.collapse = collapse        # collapse runs of white space (HTML)
        self.first = -1                 # source extent of the block
        self.last = -1

    def _note(self, start: int, end: int) -> None:
        if self.first < 0 or start < self.first:
            self.first = start
        self.last = max(self.last, end)

    def _ends_in_space(self) -> bool:
        return not self.parts or self.parts[-1][-1:].isspace()

    def verbatim(self, text: str, start: int) -> None:
        """Text copied from the source at ``start``."""
        if not text:
            return
        if self.collapse:
            position = 0
            for match in _SPACE_RUN.finditer(text):
                if match.start() > position:
                    self._add(text[position:match.start()], start + position, True)
                if not self._ends_in_space():
                    self._add(" ", start + match.start(), True)
                position = match.end()
            if position < len(text):
                self._add(text[position:], start + position, True)
            self._note(start, start + len(text))
            return
        self._add(text, start, True)
        self._note(start, start + len(text))

    def replaced(self, text: str, start: int, end: int) -> None:
        """Text that stands for the source range ``start:end`` (an entity, a separator)."""
        if not text:
            return
        if self.collapse and text.isspace():
            if self._ends_in_space():
                return
            text = " "
        self._add(text, start, False, end - start)
        self._note(start, end)

    def _add(self, text: str, start: int, verbatim: bool, length: int | None = None) -> None:
        self.segments.append((self.length, start, len(text) if length is None else length, verbatim))
        self.parts.append(text)
        self.length += len(text)

    def line_break(self) -> None:
        if self.length and (not self.breaks or self.breaks[-1] != self.length):
            self.breaks.append(self.length)

    def empty(self) -> bool:
        return not "".join(self.parts).strip()

    def mark(self, start: int) -> None:
        """The block starts at ``start`` in the file (a heading's "#" or "<h2>")."""
        self._note(start, start)

    def build(self, kind: str, source: SourceFile, level: int = 0, header: bool = False) -> Block | None:
        text = "".join(self.parts)
        stripped = text.strip()
        if not stripped:
            return None
        lead = len(text) - len(text.lstrip())
        end = lead + len(stripped)
        trimmed = []
        for n, (plain, start, length, verbatim) in enumerate(self.segments):
            size = len(self.parts[n])
            if plain + size <= lead or plain >= end:
                continue
            if verbatim:
                cut_front = max(lead - plain, 0)
                cut_back = max(plain + size - end, 0)
                trimmed.append((max(plain - lead, 0), start + cut_front, length - cut_front - cut_back, True))
            else:
                trimmed.append((max(plain - lead, 0), start, length, False))
        breaks = [b - lead for b in self.breaks if lead < b < end]
        block = Block(kind, source, stripped, trimmed, breaks, level, header)
        if self.first >= 0:
            block._extent = (self.first, self.last)
        return block


_SPACE_RUN = re.compile(r"[ \t\r\n\f\u200b]+")


# ---------------------------------------------------------------------------------------------
# Sentences

# Words that end in a full stop without ending the sentence (compared in lower case, without the stop).
_ABBREVIATIONS = frozenset("""
art artt nr nrs no bijv bv b.v n.v v.o.f c.v o.a e.d e.a m.b.t t.a.v t.z.t z.s.m i.v.m i.p.v i.c.m m.u.v n.a.v o.b.v
v.w.b ca incl excl min max resp jo jl mr dr ir ing drs prof dhr mevr mw st etc e.g i.e vs inc ltd co corp tel fax blz
hfst par pag p pp zgn z.g.n dd d.d evt ev wo vlg sub lid al pt cf ggf gebr mln mld mrd
""".split())
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[^\W_a-z])|[.!?…]+[\"'”’»)\]]*(?=\s*$)")


def _sentence_ranges(text: str, breaks: list[int]) -> list[tuple[int, int]]:
    cuts: list[int] = []
    for match in _SENTENCE_END.finditer(text):
        stop = match.start()
        if text[stop] == ".":
            word_start = stop
            while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "(\"'“‘":
                word_start -= 1
            word = text[word_start:stop].lower()
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or (
                    "." in word and all(len(part) <= 2 for part in word.split("."))):
                continue  # "art. 6", "A. de Vries", "B.V. Deze"
            if stop > 0 and text[stop - 1].isdigit() and match.end() < len(text) and text[match.end():].lstrip()[:1].isdigit():
                continue
        cuts.append(match.end())
    cuts.extend(breaks)
    cuts = sorted(set(c for c in cuts if 0 < c < len(text)))
    ranges = []
    start = 0
    for cut in [*cuts, len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            ranges.append((s, e))
        start = cut
    return ranges


# ---------------------------------------------------------------------------------------------
# Assembling a statement from blocks


class _Assembler:
    """Collects blocks in document order, builds sections and sentences."""

    def __init__(self, statement: Statement):
        self.statement = statement
        root = Section(None, 0, None)
        self.statement.sections.append(root)
        self.current = root

    def add(self, block: Block | None) -> None:
        if block is None:
            return
        statement = self.statement
        if block.kind == "heading":
            parent = self.current
            while parent.parent is not None and parent.level >= block.level:
                parent = parent.parent
            section = Section(block, block.level, parent)
            parent.children.append(section)
            statement.sections.append(section)
            self.current = section
            block.section = section
        else:
            block.section = self.current
            self.current.blocks.append(block)
        block.index = len(statement.blocks)
        statement.blocks.append(block)
        ranges = [(0, len(block.text))] if block.kind in ("heading", "title") else \
            _sentence_ranges(block.text, block.breaks)
        for start, end in ranges:
            sentence = Sentence(block, start, end)
            sentence.index = len(statement.sentences)
            block.sentences.append(sentence)
            statement.sentences.append(sentence)

    def finish(self) -> Statement:
        statement = self.statement
        statement.comments.sort()
        for index, section in enumerate(statement.sections):
            section.index = index
        # where each section ends: at the next heading of the same or a higher level
        size = len(statement.source.text)
        open_sections: list[Section] = []   # a stack: each heading closes the open ones of its level or deeper
        for section in statement.sections:
            section.end = size
            if section.heading is None:
                continue
            while open_sections and open_sections[-1].level >= section.level:
                open_sections.pop().end = section.heading.extent[0]
            open_sections.append(section)
        # the title: the first level-1 heading, else a <title>, else a heading that opens the document
        titles = [b for b in statement.blocks if b.kind == "heading" and b.level == 1]
        if titles:
            statement.title = titles[0]
        else:
            html_title = next((b for b in statement.blocks if b.kind == "title"), None)
            first = statement.blocks[0] if statement.blocks else None
            statement.title = html_title or (first if first is not None and first.kind == "heading" else None)
        return statement


# ---------------------------------------------------------------------------------------------
# Markdown


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
_HTML_COMMENT = re.compile(r"<!--(.*?)(?:-->|--!>)", re.DOTALL)


class _Inline:
    """Aligns markdown-it's inline tokens with the raw inline source (``token.content``)."""

    def __init__(self, raw: str, to_source: Callable[[int], int], builder: _Builder, statement: Statement):
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
                depth, p = 1, p + 1
                while p < len(raw) and depth:
                    if raw[p] == "\\":
                        p += 1
                    elif raw[p] == "(":
                        depth += 1
                    elif raw[p] == ")":
                        depth -= 1
                    p += 1
            elif p < len(raw) and raw[p] == "[":
                close = raw.find("]", p)
                p = close + 1 if close >= 0 else p
            self.p = p

    def skip_image(self) -> None:
        raw = self.raw
        at = raw.find("![", self.p)
        if at < 0:
            return
        depth, p = 1, at + 2
        while p < len(raw) and depth:
            if raw[p] == "\\":
                p += 1
            elif raw[p] == "[":
                depth += 1
            elif raw[p] == "]":
                depth -= 1
            p += 1
        self.p = p - 1
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


def _inline_into(token, to_source, builder: _Builder, statement: Statement) -> None:
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
    assembler = _Assembler(statement)
    text = source.text
    front = _FRONT_MATTER.match(text)
    if front:  # YAML front matter (Jekyll, Hugo): not text; its title is the document's title
        title = re.search(r"^title:[ \t]*[\"']?(.*?)[\"']?[ \t]*$", front.group(0), re.M)
        if title and title.group(1).strip():
            builder = _Builder(False)
            builder.verbatim(title.group(1), title.start(1))
            assembler.add(builder.build("title", source))
        text = re.sub(r"[^\n]", " ", front.group(0)) + text[front.end():]
    # markdown-it takes a lone CR for a line break, avglint (and its line table) does not: keep the lines
    # the same for both, and every offset where it is
    tokens = _markdown_parser().parse(_LONE_CR.sub(" ", text) if "\r" in text else text)
    item_depth = 0
    row: _Builder | None = None
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
            builder = _Builder(False)
            builder.mark(source.line_starts[token.map[0]])
            _inline_into(inline, _line_map(source, inline.map[0], inline.content), builder, statement)
            assembler.add(builder.build("heading", source, level=int(token.tag[1])))
            i += 3
            continue
        elif kind == "paragraph_open":
            inline = tokens[i + 1]
            builder = _Builder(False)
            _inline_into(inline, _line_map(source, inline.map[0], inline.content), builder, statement)
            assembler.add(builder.build("item" if item_depth else "paragraph", source, level=item_depth))
            i += 3
            continue
        elif kind == "tr_open":
            row = _Builder(False)
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
            _read_html_into(source, start, end, assembler, statement)
        elif kind in ("fence", "code_block"):
            pass  # code is not prose
        i += 1
    return assembler.finish()


# ---------------------------------------------------------------------------------------------
# HTML

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

    def __init__(self, source: SourceFile, start: int, end: int, assembler: _Assembler, statement: Statement):
        super().__init__(convert_charrefs=False)
        self.source, self.base, self.assembler, self.statement = source, start, assembler, statement
        self.text = source.text[start:end]
        self.local_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.skip: list[str] = []       # open elements whose text is ignored
        self.builder = _Builder(True)
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
        self.builder = _Builder(True)
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


def _read_html_into(source: SourceFile, start: int, end: int, assembler: _Assembler, statement: Statement) -> None:
    reader = _HtmlReader(source, start, end, assembler, statement)
    reader.feed(reader.text)
    reader.close()


def read_html(source: SourceFile, statement: Statement | None = None) -> Statement:
    statement = statement or Statement(source, "html")
    assembler = _Assembler(statement)
    _read_html_into(source, 0, len(source.text), assembler, statement)
    return assembler.finish()


# ---------------------------------------------------------------------------------------------
# Plain text

_ITEM = re.compile(r"[ \t]*(?:[-*•·–◦▪]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+(?=\S)")
_RULE = re.compile(r"[ \t]*(?:[-=_*#~]{3,})[ \t]*$")


def read_text(source: SourceFile, statement: Statement | None = None) -> Statement:
    statement = statement or Statement(source, "text")
    assembler = _Assembler(statement)
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
        builder = _Builder(False)
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


# ---------------------------------------------------------------------------------------------


def read_statement(path: str, data: bytes, kind: str | None = None) -> Statement:
    """Read a statement's bytes: decode, parse, split into sections, blocks and sentences."""
    kind = kind or statement_format(path) or ("html" if data.lstrip()[:1] == b"<" else "markdown")
    source, problems = decode_statement(path, data, kind)
    return parse_statement(source, kind, problems)


def parse_statement(source: SourceFile, kind: str, problems: list[EncodingProblem] = ()) -> Statement:
    statement = Statement(source, kind)
    statement.problems = list(problems)
    reader = {"markdown": read_markdown, "html": read_html, "text": read_text}[kind]
    return reader(source, statement)
