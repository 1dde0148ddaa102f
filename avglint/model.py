"""The typed model of a register: what the parser builds and the rules read.

Every object keeps character offsets into its ``SourceFile``; ``Span`` turns
them into lines and columns on demand. Objects use ``__slots__``: a register of
tens of thousands of activities must stay small in memory.

Fields written on an ``organisatie`` or ``groep`` are defaults for the
activities inside; ``Activity.get`` resolves them (the activity's own field
wins) and the returned ``Field`` still knows the block it was written in.
"""

from __future__ import annotations

import operator
import re
from typing import Iterable, Iterator, Sequence

from .language import ACTIVITY, GROUP, NOT_INHERITED, ORGANISATION, PROCESSOR, language
from .source import SourceFile

# Inside quotes, \" \\ \n and \t each stand for one character; a backslash before any other
# character (C:\data, or one at the end of a line) is kept as written, backslash and all.
ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}
_ESCAPE = re.compile(r"\\([\s\S])")


def unescape(raw: str) -> str:
    """The text of a quoted string written as ``raw`` (without its quotes)."""
    return _ESCAPE.sub(lambda m: ESCAPES.get(m.group(1), m.group(0)), raw) if "\\" in raw else raw


def escape_positions(raw: str) -> list[int]:
    """Where each character of ``unescape(raw)`` was written in ``raw``, then ``len(raw)``:
    ``unescape(raw)[i:j]`` was written as ``raw[positions[i]:positions[j]]``."""
    positions: list[int] = []
    written = 0
    for match in _ESCAPE.finditer(raw):
        positions.extend(range(written, match.start()))
        if match.group(1) in ESCAPES:
            positions.append(match.start())             # two characters written, one meant
        else:
            positions.extend((match.start(), match.start() + 1))  # kept as written
        written = match.end()
    positions.extend(range(written, len(raw) + 1))
    return positions


def _quoted_span(source: SourceFile, quote: int, end_quote: int, start: int, end: int) -> Span:
    """The span of ``value[start:end]`` of the string written between the quotes at these offsets."""
    raw = source.text[quote + 1:end_quote]
    if "\\" not in raw:
        return Span(source, quote + 1 + start, quote + 1 + end)
    positions = escape_positions(raw)
    return Span(source, quote + 1 + positions[start], quote + 1 + positions[end])


class Span:
    """A region of a source file: character offsets, with positions computed on demand."""

    __slots__ = ("source", "start", "end")

    def __init__(self, source: SourceFile, start: int, end: int):
        self.source, self.start, self.end = source, start, end

    def __repr__(self) -> str:
        return f"Span({self.source.path}:{self.line}:{self.column}-{self.end_line}:{self.end_column})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and (self.source, self.start, self.end) == (other.source, other.start, other.end)

    def __hash__(self) -> int:
        return hash((id(self.source), self.start, self.end))

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def line(self) -> int:
        return self.source.line_col(self.start)[0]

    @property
    def column(self) -> int:
        return self.source.line_col(self.start)[1]

    @property
    def end_line(self) -> int:
        return self.source.line_col(self.end)[0]

    @property
    def end_column(self) -> int:
        """Exclusive: the column just after the last character."""
        return self.source.line_col(self.end)[1]

    @property
    def start_byte(self) -> int:
        return self.source.byte_offset(self.start)

    @property
    def end_byte(self) -> int:
        return self.source.byte_offset(self.end)

    @property
    def text(self) -> str:
        return self.source.text[self.start:self.end]

    def contains(self, other: Span) -> bool:
        return self.source is other.source and self.start <= other.start and other.end <= self.end


class Item:
    """One value in a field: a phrase or a quoted string (``value`` is unquoted and unescaped).

    ``offset`` and ``size``: where it is written, counted from the start of its field. Positions are
    kept small because a small int (below 257) is shared, where an offset into a large file is one
    more object per item; ``start`` and ``end`` are the offsets in the file."""

    __slots__ = ("value", "_offset", "_size", "quoted", "field")

    def __init__(self, value: str, offset: int, size: int, quoted: bool, field: Field | None = None):
        self.value, self._offset, self._size, self.quoted, self.field = value, offset, size, quoted, field

    @property
    def start(self) -> int:
        return self.field.start + self._offset

    @property
    def end(self) -> int:
        return self.field.start + self._offset + self._size

    def __repr__(self) -> str:
        return f"Item({self.value!r})"

    @property
    def source(self) -> SourceFile:
        return self.field.source

    @property
    def span(self) -> Span:
        return Span(self.field.source, self.start, self.end)

    def span_of(self, start: int, end: int) -> Span:
        """The span of ``value[start:end]`` in the file, through quotes and escapes."""
        item_start = self.start
        if not self.quoted:
            return Span(self.field.source, item_start + start, item_start + end)
        return _quoted_span(self.field.source, item_start, item_start + self._size - 1, start, end)


_VALUE = operator.attrgetter("value")


class Field:
    """``key: item, item`` (or a dash list) inside a block."""

    __slots__ = ("key", "written", "items", "start", "_size", "block", "_text")

    def __init__(self, written: str, items: Iterable[Item], start: int, end: int):
        self.key: str | None = None   # canonical key; None when unknown for its block
        self.written = written        # the key as written
        self.items = tuple(items)     # a tuple holds its items inline: smaller than the list they were built in
        self.start, self._size = start, end - start  # the size: a small shared int, as for an Item
        self.block: Block | None = None
        self._text: str | None = None

    @property
    def key_end(self) -> int:
        return self.start + len(self.written)

    @property
    def end(self) -> int:
        return self.start + self._size

    def __repr__(self) -> str:
        return f"Field({self.key or self.written!r}: {self.text!r})"

    @property
    def source(self) -> SourceFile:
        return self.block.source

    @property
    def span(self) -> Span:
        return Span(self.block.source, self.start, self.end)

    @property
    def key_span(self) -> Span:
        return Span(self.block.source, self.start, self.key_end)

    @property
    def value_span(self) -> Span:
        """From the first item to the last; the key when there are none."""
        if not self.items:
            return self.key_span
        return Span(self.block.source, self.items[0].start, self.items[-1].end)

    @property
    def text(self) -> str:
        """The items joined with ", " (computed once: rules read it many times)."""
        text = self._text
        if text is None:
            items = self.items
            text = self._text = items[0].value if len(items) == 1 else ", ".join(map(_VALUE, items))
        return text

    @property
    def values(self) -> list[str]:
        return [item.value for item in self.items]

    @property
    def is_empty(self) -> bool:
        return not self.items


class Block:
    """``kind "Name" { … }``: the common part of every block."""

    __slots__ = ("kind", "kind_written", "name", "_name_offset", "_name_size", "start", "_head_size", "_size",
                 "fields", "unknown", "duplicates", "children", "parent", "source")

    def __init__(self, kind: str | None, kind_written: str, name: str | None, name_start: int, name_end: int,
                 start: int, head_end: int, end: int, source: SourceFile):
        self.kind = kind                  # canonical kind; None for an unknown kind
        self.kind_written = kind_written
        self.name = name                  # None when the block has no name
        # positions other than the start as sizes and offsets from it: small shared ints (see Item)
        self.start, self._size, self._head_size = start, end - start, head_end - start
        self._name_offset, self._name_size = name_start - start, name_end - name_start
        self.fields: dict[str, Field] = {}   # known keys, by canonical key
        # most blocks have none of these: an empty tuple is shared, an empty list would be one per block
        self.unknown: Sequence[Field] = ()      # keys the block kind does not know
        self.duplicates: Sequence[Field] = ()   # second and later occurrences of a key
        self.children: Sequence[Block] = ()
        self.parent: Block | None = None
        self.source = source

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    @property
    def end(self) -> int:
        return self.start + self._size

    @property
    def head_end(self) -> int:
        return self.start + self._head_size

    @property
    def name_start(self) -> int:
        return self.start + self._name_offset

    @property
    def name_end(self) -> int:
        return self.start + self._name_offset + self._name_size

    @property
    def span(self) -> Span:
        return Span(self.source, self.start, self.end)

    @property
    def head_span(self) -> Span:
        """``kind "Name" {``."""
        return Span(self.source, self.start, self.head_end)

    @property
    def name_span(self) -> Span:
        """The name as written (quotes included); the kind word when the block has no name."""
        if self.name is None:
            return Span(self.source, self.start, self.start + len(self.kind_written))
        return Span(self.source, self.name_start, self.name_end)

    def name_span_of(self, start: int, end: int) -> Span:
        """The span of ``name[start:end]`` in the file, through quotes and escapes."""
        if self.source.text[self.name_start] != '"':
            return Span(self.source, self.name_start + start, self.name_start + end)
        return _quoted_span(self.source, self.name_start, self.name_end - 1, start, end)

    def own(self, key: str) -> Field | None:
        """The field written in this block itself."""
        return self.fields.get(key)

    def walk(self) -> Iterator[Block]:
        """This block and every block inside it, in source order (iterative: nesting may be deep)."""
        stack = [self]
        while stack:
            block = stack.pop()
            yield block
            stack.extend(reversed(block.children))

    @property
    def ancestors(self) -> Iterator[Block]:
        block = self.parent
        while block is not None:
            yield block
            block = block.parent


class Organisation(Block):
    __slots__ = ()


class Processor(Block):
    __slots__ = ()


class UnknownBlock(Block):
    __slots__ = ()


class Group(Block):
    __slots__ = ("_defaults",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._defaults: dict[str, Field] | None = None


class Activity(Block):
    """One processing activity: one row of the register."""

    __slots__ = ("register", "_path", "_inherited", "_role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register: Register | None = None
        self._path: tuple[str, ...] | None = None
        self._inherited: dict[str, Field] | None = None  # the defaults in force here, shared with siblings
        self._role: str | None = None

    @property
    def id(self) -> str | None:
        field = self.fields.get("id")
        return field.text if field and field.items else None

    @property
    def group_path(self) -> tuple[str, ...]:
        """Names of the enclosing groups, outermost first."""
        if self._path is None:
            names = [block.name or block.kind_written for block in self.ancestors if isinstance(block, Group)]
            self._path = tuple(reversed(names))
        return self._path

    @property
    def qualified_name(self) -> str:
        """Group path and name, joined with " / ": how findings name the activity."""
        return " / ".join((*self.group_path, self.name or ""))

    def get(self, key: str) -> Field | None:
        """The field in force: the activity's own, else the nearest group's, else the organisation's."""
        field = self.fields.get(key)
        if field is None and key not in NOT_INHERITED:  # the rules ask ~100 times per activity: kept lean
            inherited = self._inherited
            if inherited is None:
                inherited = self._inherited = self._defaults()
            return inherited.get(key)
        return field

    def inherited(self, field: Field) -> bool:
        return field.block is not self

    def _defaults(self) -> dict[str, Field]:
        parent = self.parent
        while parent is not None and not isinstance(parent, Group):
            parent = parent.parent
        if parent is not None:
            return _group_defaults(parent, self.register)
        organisation = self.register.organisation if self.register else None
        return _organisation_defaults(organisation)

    @property
    def role(self) -> str:
        """'controller' or 'processor' (the organisation's role unless the activity says otherwise)."""
        if self._role is None:  # read once: most rules ask
            field = self.get("rol")
            if field is None and self.register and self.register.organisation:
                field = self.register.organisation.own("rol")
            self._role = role_of(field.text if field else "")
        return self._role


def role_of(text: str) -> str:
    """Read a `rol` value: 'processor' when it says verwerker/processor only, else 'controller'."""
    lowered = text.casefold()
    processor = "verwerker" in lowered.replace("verantwoordelijke", "") or "processor" in lowered
    controller = "verantwoordelijk" in lowered or "controller" in lowered
    return "processor" if processor and not controller else "controller"


def _organisation_defaults(organisation: Organisation | None) -> dict[str, Field]:
    if organisation is None:
        return {}
    lang = language()
    activity_fields = lang.activity_fields
    # the organisation's own fields (contact, fg, ...) are not defaults; a key declared under the
    # configuration's 'extra-fields' (unknown to the language) is
    return {key: field for key, field in organisation.fields.items()
            if (key in activity_fields or key not in lang.field_info) and key not in NOT_INHERITED}


def _group_defaults(group: Group, register: Register | None) -> dict[str, Field]:
    """Defaults in force inside a group, computed once per group and shared by its activities."""
    if group._defaults is not None:
        return group._defaults
    chain = [group]  # walk up iteratively: groups may nest thousands deep
    parent = group.parent
    while parent is not None:
        if isinstance(parent, Group):
            if parent._defaults is not None:
                break
            chain.append(parent)
        parent = parent.parent
    inherited = parent._defaults if parent is not None else _organisation_defaults(
        register.organisation if register else None)
    for block in reversed(chain):
        own = {key: field for key, field in block.fields.items() if key not in NOT_INHERITED}
        block._defaults = {**inherited, **own} if own else inherited
        inherited = block._defaults
    return group._defaults


BLOCK_CLASSES = {ORGANISATION: Organisation, GROUP: Group, ACTIVITY: Activity, PROCESSOR: Processor}


class Register:
    """All files checked together: the whole register.

    ``fields``: the parser's index of the fields by canonical key (``ParseResult.fields`` of every
    file), or None when the blocks were not built by the parser in one go."""

    __slots__ = ("sources", "blocks", "fields", "organisations", "activities", "processors", "groups",
                 "_processor_index")

    def __init__(self, sources: list[SourceFile], blocks: list[Block], fields: dict[str, list[Field]] | None = None):
        self.sources = sources
        self.blocks = blocks  # top-level blocks of every file, in order
        self.fields = fields
        self.organisations: list[Organisation] = []
        self.activities: list[Activity] = []
        self.processors: list[Processor] = []
        self.groups: list[Group] = []
        for top in blocks:
            for block in top.walk():
                if isinstance(block, Activity):
                    block.register = self
                    block._inherited = block._role = None  # both depend on the register's organisation
                    self.activities.append(block)
                elif isinstance(block, Group):
                    self.groups.append(block)
                elif isinstance(block, Processor):
                    self.processors.append(block)
                elif isinstance(block, Organisation):
                    self.organisations.append(block)
        self._processor_index: dict[str, Processor] | None = None

    @property
    def organisation(self) -> Organisation | None:
        """The register's organisation (the first, when a register wrongly has several)."""
        return self.organisations[0] if self.organisations else None

    def activities_under(self, blocks: Iterable[Block]) -> list[Activity]:
        """The activities, in order, that are among ``blocks`` or inherit fields from one of them
        (every activity for an organisation: the register's organisation may be in another file)."""
        chosen: set[int] = set()
        for block in blocks:
            if isinstance(block, Activity):
                chosen.add(id(block))
            elif isinstance(block, Group):
                chosen.update(id(inside) for inside in block.walk() if isinstance(inside, Activity))
            elif isinstance(block, Organisation):
                return self.activities
        return [activity for activity in self.activities if id(activity) in chosen]

    def processor(self, name: str) -> Processor | None:
        """The `verwerker` block with this name (case- and space-insensitive)."""
        if self._processor_index is None:
            self._processor_index = {}
            for processor in self.processors:
                if processor.name:
                    self._processor_index.setdefault(name_key(processor.name), processor)
        return self._processor_index.get(name_key(name))


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())
