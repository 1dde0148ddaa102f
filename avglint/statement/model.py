"""The document model of a privacy statement: sections, blocks and sentences with exact positions.

Every block keeps a map from its plain text (markup removed, entities decoded,
white space collapsed in HTML) to offsets in the file as written, so a rule can
point at the exact words: ``sentence.span_of(start, end)`` is a ``Span`` with the
line and code-point column of the original file. A finding about something the
statement lacks points at ``Statement.start_span``: the title, else the start of
the document.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterator, NamedTuple

from ..model import Span
from ..readings import reading
from ..source import EncodingProblem, SourceFile


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
                 "problems")

    def __init__(self, source: SourceFile, format: str):
        self.source, self.format = source, format
        self.blocks: list[Block] = []
        self.sections: list[Section] = []       # document order; sections[0] is the part before any heading
        self.sentences: list[Sentence] = []
        self.comments: list[Comment] = []
        self.links: list[Link] = []
        self.title: Block | None = None
        self.problems: list[EncodingProblem] = []

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
        index = bisect_right(block_starts(self), offset) - 1
        return self.blocks[index] if index >= 0 else None

    def list_under(self, block: Block) -> list[Block]:
        """The list items that belong to ``block``: for an item, the items nested in it; for a paragraph that
        introduces a list ("bijvoorbeeld:"), the list right after it; for a heading, the list its section opens
        with ("## Grondslagen" followed by "- Toestemming: …")."""
        if block.kind not in ("item", "paragraph", "heading") or block.index < 0:
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
        index = bisect_right(block_starts(self), offset - 1)
        return self.blocks[index] if index < len(self.blocks) else None


@reading(reader=None)
def block_starts(statement: Statement) -> list[int]:
    """Where each block of a read statement starts, in document order (for ``block_at``, ``block_after``)."""
    return [block.extent[0] for block in statement.blocks]
