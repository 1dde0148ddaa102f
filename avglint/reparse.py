"""Parse a file again after an edit, reading only the top-level blocks the edit touched.

The language server checks a file after every pause in typing, and reading a large register
again is a third of such a check. An edit leaves the text before and after it as it was, and a
top-level block written wholly before or wholly after the edit parses to what it parsed to
before, only further on or back by the difference in length. So: the common prefix and suffix
of the old and the new text are found; the top-level blocks of the previous parse inside the
prefix are kept, those inside the suffix are kept and moved; the text between them (it starts
right after a block's ``}`` and ends where a block starts: at the top level both times) is
parsed on its own by ``parser.parse`` and put in its place.

The result is the one a full parse gives: the same blocks, fields, items, comments (in the
parser's order) and index of fields, with the same positions in the new ``SourceFile``. Kept
blocks are copies: an earlier check's result may still be read (hover, code actions), so its
objects are not changed. Why the pieces fit together: in a parse without syntax errors no
token, nor any attempt of the lexer at one, reaches over a top-level block's closing ``}``
(only quoted strings and comments could, and either would have made the ``}`` part of them),
and a token depends on the text from its start on only. The one way the text between could
reach into the block after it is a comment on its last line, which would run on into that
block; that case, and every other one where this cannot be sure, is parsed in full: a previous
parse with findings (where the parser recovered from a syntax error, its blocks are no parse of
the text alone), a new text with encoding problems, another file, or a text between with a
syntax error of its own.
"""

from __future__ import annotations

from .model import Block, Field, Item
from .parser import Comment, ParseResult, parse
from .source import EncodingProblem, SourceFile


def parse_again(previous: ParseResult | None, source: SourceFile,
                encoding_problems: list[EncodingProblem] = ()) -> ParseResult:
    """``parse(source, encoding_problems)``, reusing ``previous`` (a parse of an earlier text of the same
    file, left unchanged since) for the top-level blocks an edit did not touch."""
    if (previous is None or encoding_problems or previous.findings or previous.fields is None
            or previous.source.path != source.path or previous.source.encoding != source.encoding):
        return parse(source, encoding_problems)
    old, new = previous.source.text, source.text
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old, new, min(len(old), len(new)) - prefix)
    blocks = previous.blocks
    first_changed = 0  # blocks[:first_changed] lie in the common prefix
    while first_changed < len(blocks) and blocks[first_changed].end <= prefix:
        first_changed += 1
    first_after = len(blocks)  # blocks[first_after:] lie in the common suffix
    while first_after > first_changed and blocks[first_after - 1].start >= len(old) - suffix:
        first_after -= 1
    delta = len(new) - len(old)
    start = blocks[first_changed - 1].end if first_changed else 0
    end = blocks[first_after].start + delta if first_after < len(blocks) else len(new)
    between = new[start:end]
    if first_after < len(blocks) and "#" in between[between.rfind("\n") + 1:]:
        return parse(source, encoding_problems)  # a comment that would run on into the block after it
    middle = parse(SourceFile(source.path, between))
    if middle.findings:
        return parse(source, encoding_problems)
    index: dict[str, list[Field]] = {}
    kept = [_moved(block, 0, source, index) for block in blocks[:first_changed]]
    for block in middle.blocks:
        _shift(block, start, source)
    for key, fields in middle.fields.items():
        index.setdefault(key, []).extend(fields)
    moved = [_moved(block, delta, source, index) for block in blocks[first_after:]]
    comments = [comment for comment in previous.comments if comment.start < start]
    comments.extend(Comment(c.start + start, c.end + start, c.text) for c in middle.comments)
    comments.extend(Comment(c.start + delta, c.end + delta, c.text)
                    for c in previous.comments if c.start >= end - delta)
    return ParseResult(source, kept + middle.blocks + moved, [], comments, index)


def _common_prefix(old: str, new: str) -> int:
    """The length of the longest common prefix (halving the part still in doubt: C compares the text)."""
    same, limit = 0, min(len(old), len(new))
    while same < limit:
        middle = (same + limit + 1) // 2
        if old[same:middle] == new[same:middle]:
            same = middle
        else:
            limit = middle - 1
    return same


def _common_suffix(old: str, new: str, limit: int) -> int:
    """The length of the longest common suffix, at most ``limit``."""
    same = 0
    while same < limit:
        middle = (same + limit + 1) // 2
        if old[len(old) - middle:len(old) - same] == new[len(new) - middle:len(new) - same]:
            same = middle
        else:
            limit = middle - 1
    return same


def _moved(top: Block, delta: int, source: SourceFile, index: dict[str, list[Field]]) -> Block:
    """A copy of a top-level block and all inside it, ``delta`` characters further on, in ``source``; its
    fields go into ``index`` in the parser's order (a block after the blocks inside it). Iterative:
    blocks may nest thousands deep."""
    copy = _moved_block(top, delta, source, None)
    order = []  # the copies, each block before those inside it, the last inside first
    stack = [(top, copy)]
    while stack:
        old, new = stack.pop()
        order.append(new)
        if old.children:
            new.children = [_moved_block(child, delta, source, new) for child in old.children]
            stack.extend(zip(old.children, new.children))
    for block in reversed(order):  # reversed: the order in which the parser finished the blocks
        for key, field in block.fields.items():
            carriers = index.get(key)
            if carriers is None:
                index[key] = [field]
            else:
                carriers.append(field)
    return copy


def _moved_block(old: Block, delta: int, source: SourceFile, parent: Block | None) -> Block:
    """A copy of one block with copies of its fields (not of the blocks inside it)."""
    block = type(old)(old.kind, old.kind_written, old.name, old.name_start + delta, old.name_end + delta,
                      old.start + delta, old.head_end + delta, old.end + delta, source)
    block.parent = parent
    fields = block.fields
    for key, field in old.fields.items():
        fields[key] = _moved_field(field, delta, block)
    if old.unknown:
        block.unknown = [_moved_field(field, delta, block) for field in old.unknown]
    if old.duplicates:
        block.duplicates = [_moved_field(field, delta, block) for field in old.duplicates]
    return block


def _moved_field(old: Field, delta: int, block: Block) -> Field:
    field = Field(old.written, (), old.start + delta, old.end + delta)
    # items keep their place from the start of their field: only which field they belong to changes
    field.items = tuple([Item(item.value, item._offset, item._size, item.quoted, field) for item in old.items])
    field.key, field.block, field._text = old.key, block, old._text
    return field


def _shift(top: Block, delta: int, source: SourceFile) -> None:
    """Move a block just parsed (no one else holds it) ``delta`` characters on, into ``source``."""
    for block in top.walk():
        block.start += delta
        block.source = source
        for field in (*block.fields.values(), *block.unknown, *block.duplicates):
            field.start += delta
