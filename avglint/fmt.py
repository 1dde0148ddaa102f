"""``avglint fmt``: the canonical layout of ``.avg`` files.

The layout (docs/import-and-fmt.md describes it for users):

- four spaces per nesting level; one field per line; ``}`` on its own line;
- block names always quoted; items quoted only where the language needs it
  (a ``,`` ``{`` ``}`` ``#`` ``"`` or a line break in the value, white space at
  either end, an empty value, or a value that starts like a field key);
- an inline list that does not fit in the line length is wrapped after a
  comma, the continuation lines aligned under its first item; a dash list stays
  a dash list, its dashes four spaces in from the key, one dash line per dash
  line of the source;
- one blank line between blocks (activities, groups, processors) and between a
  block and a field next to it; blank lines between fields are kept (at most
  one); none directly after ``{`` or before ``}``; none at the start of the file;
- keys and block kinds in lower case with single spaces (``Bijzondere_Gegevens``
  becomes ``bijzondere gegevens``); English aliases stay English;
- the file keeps its line endings (LF or CRLF) and its byte-order mark.

Comments stay with what they belong to, so that suppressions keep covering
exactly what they covered: a comment at the end of a line stays at the end of
the line of the block head, field or item it followed (after a quoted string
that spans lines: of the line the string started on, where fmt writes it, with
``\n``); a comment on a line of its own stays above the line it preceded. A
list that holds comments keeps its line breaks (only its indentation changes).

The formatter never changes meaning: the formatted text is parsed again and its
model (blocks, names, keys, items) compared with the original's, item for item;
when they differ, nothing is written (``FormatError``). A file with syntax
errors (AVG001) or bytes that are not UTF-8 (AVG002) is not formatted at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterable

from .custom_rules import adopt_extra_fields
from .language import language, normalize_key
from .model import Block, Field, Item
from .parser import Comment, ParseResult, parse
from .rules.structure import INVALID_ENCODING, SYNTAX_ERROR
from .source import SourceFile, decode
from .suppress import string_start_lines

INDENT = "    "
LINE_LENGTH = 100
_NEEDS_QUOTES = re.compile(r'[,{}#"\n\r]')
_KEY_LIKE = re.compile(r"([^\W\d][\w -]*?)[ \t]*:")


class NotFormattable(Exception):
    """The file has syntax errors or is not UTF-8 text: it is left alone."""

    def __init__(self, findings):
        self.findings = findings
        first = findings[0]
        super().__init__(f"line {first.span.line}: {first.message.en}")


class FormatError(Exception):
    """The formatter would have changed the meaning (a bug): nothing is written."""


# -- quoting ------------------------------------------------------------------

def quote(value: str) -> str:
    """``value`` as a quoted string of the language."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def needs_quotes(value: str) -> bool:
    """Whether an item must be quoted to be read back as exactly ``value``."""
    # any white space at an end, a no-break space too: the writer trims its lines
    if not value or value != value.strip() or _NEEDS_QUOTES.search(value):
        return True
    match = _KEY_LIKE.match(value)
    # "systemen: CRM" on a continuation line would be read as a field swallowed by a trailing comma
    return bool(match) and normalize_key(match.group(1)) in language().all_fields


def item_text(value: str) -> str:
    """An item as the formatter writes it: bare when it can be, else quoted."""
    return quote(value) if needs_quotes(value) else value


def name_text(name: str) -> str:
    """Block names are always quoted, as in every example of the language."""
    return quote(name)


# -- comments: where each one belongs -------------------------------------------

@dataclass
class _Attached:
    comment: Comment
    blank_before: bool = False


class _Anchors:
    """Which comment belongs to which block head, field, item or closing brace."""

    HEAD, FIELD, ITEM, CLOSE = "head", "field", "item", "close"

    def __init__(self, source: SourceFile, blocks: list[Block], comments: list[Comment]):
        self.source = source
        self.leading: dict[tuple[str, int], list[_Attached]] = {}
        self.trailing: dict[tuple[str, int], list[Comment]] = {}
        self.tail: list[_Attached] = []   # comments after the last block of the file
        anchors: list[tuple[int, str, object]] = []
        for top in blocks:
            for block in top.walk():
                anchors.append((block.start, self.HEAD, block))
                anchors.append((block.end - 1, self.CLOSE, block))
                for field in _fields(block):
                    anchors.append((field.start, self.FIELD, field))
                    for item in field.items:
                        anchors.append((item.start, self.ITEM, item))
        anchors.sort(key=lambda a: a[0])
        self.anchors = anchors
        self.offsets = [a[0] for a in anchors]
        # a line that starts inside a string spanning lines is read with the line the string began on, where fmt
        # writes the string whole: a comment after it belongs to the same thing in either layout
        self.string_starts = string_start_lines(source, blocks)
        seen: set[int] = set()
        for comment in sorted(comments, key=lambda c: c.start):
            if comment.start in seen:
                continue
            seen.add(comment.start)
            self._attach(comment)

    def line(self, offset: int) -> int:
        return self.source.line_col(offset)[0]

    def on_line(self, line: int) -> list[tuple[int, str, object]]:
        """The anchors that start on a line, in order."""
        starts = self.source.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.source.text) + 1
        return self.anchors[bisect_left(self.offsets, start):bisect_left(self.offsets, end)]

    def blank_before(self, offset: int) -> bool:
        line = self.line(offset)
        return line > 1 and not self.source.line_text(line - 1).strip()

    def _attach(self, comment: Comment) -> None:
        source = self.source
        line = self.line(comment.start)
        line_start = source.line_starts[line - 1]
        if not source.text[line_start:comment.start].strip():  # a comment line of its own
            attached = _Attached(comment, self.blank_before(comment.start))
            for number in range(line + 1, source.line_count + 1):
                stripped = source.line_text(number).strip()
                if stripped and not stripped.startswith("#"):
                    on_line = self.on_line(number)
                    if on_line:  # (a line without anything, such as an empty "-", is passed over)
                        _, kind, obj = on_line[0]
                        self.leading.setdefault((kind, id(obj)), []).append(attached)
                        return
            self.tail.append(attached)
            return
        first = self.string_starts.get(line, line)
        before = self.anchors[:bisect_left(self.offsets, comment.start)]
        on_line = before[bisect_left(self.offsets, source.line_starts[first - 1]):]
        for wanted in (self.HEAD, self.FIELD):
            for _, kind, obj in on_line:
                if kind == wanted:
                    self.trailing.setdefault((kind, id(obj)), []).append(comment)
                    return
        if on_line:
            _, kind, obj = on_line[0]
        else:  # a line without anything before the comment, such as an empty "-": what came before it
            before = [a for a in before if a[1] != self.CLOSE]
            if not before:
                self.tail.append(_Attached(comment))
                return
            _, kind, obj = before[-1]
        self.trailing.setdefault((kind, id(obj)), []).append(comment)

    def leading_of(self, kind: str, obj) -> list[_Attached]:
        return self.leading.get((kind, id(obj)), [])

    def trailing_of(self, kind: str, obj) -> list[Comment]:
        return self.trailing.get((kind, id(obj)), [])


def _fields(block: Block) -> list[Field]:
    return sorted([*block.fields.values(), *block.unknown, *block.duplicates], key=lambda f: f.start)


# -- the writer ---------------------------------------------------------------

class _Writer:
    def __init__(self, source: SourceFile, blocks: list[Block], comments: list[Comment], line_length: int,
                 extra_fields: dict[str, str]):
        self.source = source
        self.extra_fields = extra_fields
        self.anchors = _Anchors(source, blocks, comments)
        self.line_length = line_length
        self.lines: list[str] = []
        self.language = language()

    # lines -----------------------------------------------------------------
    def emit(self, text: str, trailing: Iterable[Comment] = ()) -> None:
        trailing = list(trailing)
        if trailing:
            text = f"{text}  {trailing[0].text.rstrip()}" if text.strip() else trailing[0].text.rstrip()
        self.lines.append(text.rstrip())
        indent = text[:len(text) - len(text.lstrip())]
        for extra in trailing[1:]:  # only when a string spanning lines ends on a commented line
            self.lines.append(indent + extra.text.rstrip())

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    # structure -------------------------------------------------------------
    def file(self, blocks: list[Block]) -> str:
        self.body(blocks, "", self.anchors.tail)
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n" if self.lines else ""

    def body(self, entries: list, indent: str, closing: list[_Attached]) -> None:
        previous = None  # the kind of the previous entry: "block" or "field"
        for entry in entries:
            is_block = isinstance(entry, Block)
            kind = _Anchors.HEAD if is_block else _Anchors.FIELD
            leading = self.anchors.leading_of(kind, entry)
            own_blank = self.anchors.blank_before(entry.start)
            first_blank = leading[0].blank_before if leading else own_blank
            if previous is not None and (is_block or previous == "block" or first_blank):
                self.blank()
            for position, attached in enumerate(leading):
                if position and attached.blank_before:
                    self.blank()
                self.emit(indent + attached.comment.text)
            if leading and own_blank:
                self.blank()
            if is_block:
                self.block(entry, indent)
            else:
                self.field(entry, indent)
            previous = "block" if is_block else "field"
        for position, attached in enumerate(closing):
            if previous is not None or position:
                if attached.blank_before:
                    self.blank()
            self.emit(indent + attached.comment.text)
            previous = previous or "comment"

    def block(self, block: Block, indent: str) -> None:
        kind = block.kind_written
        if block.kind is not None and self.language.block_kind(kind.lower()) == block.kind:
            kind = kind.lower()
        head = f"{indent}{kind} {name_text(block.name)} {{" if block.name is not None else f"{indent}{kind} {{"
        self.emit(head, self.anchors.trailing_of(_Anchors.HEAD, block))
        entries = sorted([*_fields(block), *block.children], key=lambda e: e.start)
        self.body(entries, indent + INDENT, self.anchors.leading_of(_Anchors.CLOSE, block))
        self.emit(indent + "}", self.anchors.trailing_of(_Anchors.CLOSE, block))

    def key_of(self, field: Field) -> str:
        written = field.written
        if field.key in self.extra_fields:  # a key of the configuration's own: as it declares it
            return self.extra_fields[field.key]
        if field.key is not None:
            normal = normalize_key(written)
            kind = field.block.kind if field.block is not None else None
            if self.language.field_key(kind, normal) == field.key:
                return normal
        return written

    def field(self, field: Field, indent: str) -> None:
        key = self.key_of(field)
        trailing = self.anchors.trailing_of(_Anchors.FIELD, field)
        items = field.items
        if not items:
            self.emit(f"{indent}{key}:", trailing)
            return
        breaks = self.breaks(field)
        commented = any(self.anchors.leading_of(_Anchors.ITEM, item) or self.anchors.trailing_of(_Anchors.ITEM, item)
                        for item in items)
        if commented:
            self.lines_as_written(field, key, indent, breaks, trailing)
            return
        if "dash" not in breaks:
            prefix = f"{indent}{key}: "
            self.wrapped(prefix, " " * len(prefix), [item_text(i.value) for i in items], trailing)
            return
        self.emit(f"{indent}{key}:", trailing)
        groups: list[list[Item]] = []
        for item, kind in zip(items, breaks):
            if kind == "dash" or not groups:
                groups.append([])
            groups[-1].append(item)
        dash = indent + INDENT
        for group in groups:
            self.wrapped(dash + "- ", dash + "  ", [item_text(i.value) for i in group], ())

    def wrapped(self, prefix: str, continuation: str, texts: list[str], trailing) -> None:
        """``prefix`` and the items, wrapped after a comma where a line would be too long."""
        line = prefix + texts[0]
        first = True
        for text in texts[1:]:
            if len(line) + 2 + len(text) <= self.line_length:
                line += ", " + text
            else:
                self.emit(line + ",", trailing if first else ())
                first = False
                line = continuation + text
        self.emit(line, trailing if first else ())

    def breaks(self, field: Field) -> list[str]:
        """Per item: 'same' (on the line of the item before it), 'line' (a continuation line) or 'dash'."""
        text = self.source.text
        kinds = []
        previous_end = field.key_end
        for item in field.items:
            between = re.sub(r"#[^\n]*", "", text[previous_end:item.start])
            if "\n" not in between:
                kinds.append("same")
            elif "-" in between:
                kinds.append("dash")
            else:
                kinds.append("line")
            previous_end = item.end
        return kinds

    def lines_as_written(self, field: Field, key: str, indent: str, breaks: list[str], trailing) -> None:
        """A list with comments in it: its line breaks are kept, so every comment keeps its items."""
        # physical lines: (kind of line, items); the first line is the key's
        lines: list[tuple[str, list[Item]]] = [("key", [])]
        for item, kind in zip(field.items, breaks):
            if kind == "same" or (kind == "line" and lines[-1][0] == "key" and not lines[-1][1]):
                lines[-1][1].append(item)
            else:
                lines.append((kind, [item]))
        prefix = f"{indent}{key}: "
        dash = indent + INDENT
        in_dash = False
        for number, (kind, line_items) in enumerate(lines):
            following = lines[number + 1][0] if number + 1 < len(lines) else None
            texts = ", ".join(item_text(i.value) for i in line_items)
            comma = "," if following == "line" else ""
            if kind == "key":
                head, comments = (prefix + texts if texts else f"{indent}{key}:"), list(trailing)
            else:
                first = line_items[0]
                if kind == "dash":
                    in_dash = True
                    lead = dash
                    head = f"{dash}- {texts}"
                else:
                    lead = dash + "  " if in_dash else " " * len(prefix)
                    head = lead + texts
                for attached in self.anchors.leading_of(_Anchors.ITEM, first):
                    self.emit(lead + attached.comment.text)
                comments = []
            for item in line_items:
                comments.extend(self.anchors.trailing_of(_Anchors.ITEM, item))
            self.emit(head + comma, comments)


# -- entry points -------------------------------------------------------------

def _newline(text: str) -> str:
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def format_parsed(result: ParseResult, *, line_length: int = LINE_LENGTH, verify: bool = True,
                  extra_fields: dict[str, str] | None = None) -> str:
    """The canonical text of a parsed file (with the file's own line endings, without BOM).

    ``extra_fields``: the keys the configuration declares (``avglint.custom_rules.read_extra_fields``),
    written as declared, like the language's own keys."""
    source = result.source
    blocking = [f for f in result.findings if f.rule in (SYNTAX_ERROR.id, INVALID_ENCODING.id)]
    if blocking:
        raise NotFormattable(blocking)
    extra_fields = extra_fields or {}
    if extra_fields:
        adopt_extra_fields([result], extra_fields)
    text = _Writer(source, result.blocks, result.comments, line_length, extra_fields).file(result.blocks)
    newline = _newline(source.text)
    if newline != "\n":
        text = text.replace("\n", newline)
    if verify:
        _verify(result, text, extra_fields)
    return text


def format_text(text: str, *, path: str = "<text>", line_length: int = LINE_LENGTH) -> str:
    """Format a register given as text."""
    source = SourceFile(path, text)
    return format_parsed(parse(source), line_length=line_length)


def format_bytes(path: str, data: bytes, *, line_length: int = LINE_LENGTH,
                 extra_fields: dict[str, str] | None = None) -> tuple[SourceFile, bytes]:
    """Format a file's bytes; returns the source and the new bytes (BOM kept)."""
    source, problems = decode(path, data)
    result = parse(source, problems)
    return source, source.encode(format_parsed(result, line_length=line_length, extra_fields=extra_fields))


# -- meaning preservation ------------------------------------------------------

def signature(blocks: list[Block]) -> list:
    """The model of a file as plain data: what formatting must never change."""
    lang = language()

    def block_sig(block: Block):
        kind = block.kind if block.kind is not None else block.kind_written
        fields = [(f.key if f.key is not None else f.written, normalize_key(f.written) if f.key else f.written,
                   f.values, "unknown" if f in block.unknown else "duplicate" if f in block.duplicates else "known")
                  for f in _fields(block)]
        kind_written = block.kind_written.lower() if lang.block_kind(block.kind_written.lower()) else \
            block.kind_written
        return (kind, kind_written, block.name, fields, [block_sig(child) for child in block.children])

    return [block_sig(block) for block in blocks]


def _verify(result: ParseResult, text: str, extra_fields: dict[str, str]) -> None:
    again = parse(SourceFile(result.source.path, text))
    if extra_fields:
        adopt_extra_fields([again], extra_fields)
    problems = [f for f in again.findings if f.rule in (SYNTAX_ERROR.id, INVALID_ENCODING.id)]
    if problems:
        raise FormatError(f"{result.source.path}: the formatted text does not parse "
                          f"(line {problems[0].span.line}: {problems[0].message.en}); the file was not changed")
    if signature(again.blocks) != signature(result.blocks):
        raise FormatError(f"{result.source.path}: formatting would change the register; the file was not changed")
    before = sorted(c.text.rstrip() for c in {c.start: c for c in result.comments}.values())
    after = sorted(c.text.rstrip() for c in {c.start: c for c in again.comments}.values())
    if before != after:
        raise FormatError(f"{result.source.path}: formatting would lose a comment; the file was not changed")
