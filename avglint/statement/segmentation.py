"""Segmentation: the readers' plain text with its map to the source, cut into blocks, sections and sentences.

A reader feeds a ``BlockBuilder`` the text of one block (verbatim from the file, or
replacing an entity or separator) and hands the built block to the ``Assembler``,
which nests sections under their headings and cuts each block into sentences.
"""

from __future__ import annotations

import re

from ..source import SourceFile
from .model import Block, Section, Sentence, Statement


class BlockBuilder:
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
hfst par para abs pag p pp zgn z.g.n dd d.d evt ev wo vlg sub lid al pt cf ggf gebr mln mld mrd
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


class Assembler:
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
