"""What is at an offset of a parsed register: the innermost block, the field, the item."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Block, Field, Item
from ..parser import ParseResult


class Place(NamedTuple):
    block: Block | None      # the innermost block around the offset (None at the top level)
    field: Field | None      # the field whose key or value holds the offset
    item: Item | None        # the item of that field that holds the offset
    on_key: bool             # the offset is on the field's key


def blocks(parsed: ParseResult):
    for top in parsed.blocks:
        yield from top.walk()


def place(parsed: ParseResult, offset: int) -> Place:
    inner = None
    for block in blocks(parsed):
        if block.head_end <= offset <= max(block.end - 1, block.head_end) and \
                (inner is None or block.start >= inner.start):
            inner = block
    if inner is None:
        return Place(None, None, None, False)
    for field in (*inner.fields.values(), *inner.unknown, *inner.duplicates):
        if field.start <= offset <= field.key_end:
            return Place(inner, field, None, True)
        for item in field.items:
            if item.start <= offset <= item.end:
                return Place(inner, field, item, False)
    return Place(inner, None, None, False)


def block_named_at(parsed: ParseResult, offset: int) -> Block | None:
    """The block whose kind word or name holds the offset."""
    for block in blocks(parsed):
        if block.start <= offset <= block.start + len(block.kind_written) or \
                (block.name is not None and block.name_start <= offset <= block.name_end):
            return block
    return None
