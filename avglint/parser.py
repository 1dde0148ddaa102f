"""Text -> typed model, in one pass.

The Lark LALR parser (contextual lexer) reduces the coarse tokens of
grammar/avg.lark and calls ``_ModelBuilder`` at each reduction, so the model is
built while parsing and no parse tree is kept. Field values are split into items
here, with one compiled pattern that keeps their offsets, and each field is listed
under its key (``ParseResult.fields``): the engine finds the activities a rule can
report on from that index, without a pass of its own over the model.

Syntax errors never stop the parse: each is reported as an AVG001 finding in
plain words (never a Lark token name), the parser skips to the end of the line
and goes on, and blocks left open at the end of the file are closed so that
everything before the error is still checked.
"""

from __future__ import annotations

import gc
import re
import threading
from collections import defaultdict
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, NamedTuple

from .findings import Finding, Message
from .language import language
from .model import BLOCK_CLASSES, Block, Field, Item, Span, UnknownBlock, unescape
from .rules.structure import INVALID_ENCODING, SYNTAX_ERROR
from .shipped import folder
from .source import EncodingProblem, SourceFile

# One piece of a value: a quoted string, a comment (only after a continuation
# comma), a comma, or a run of other characters.
_PIECE = re.compile(r'"(?:[^"\\]|\\[\s\S])*+"|#[^\n]*+|,|[^,#"]++')
_HEAD = re.compile(r'(\w[\w-]*)[ \t]*([\s\S]*?)[ \t]*\{\Z')
_LEAD = re.compile(r'(?:#[^\n]*+)?(?:\r?\n[ \t]*+(?:#[^\n]*+)?)++')  # the LEAD of grammar/avg.lark
_DASH_PREFIX = re.compile(_LEAD.pattern + "-")
_COMMENT = re.compile(r'#[^\n]*')
_SPACE = " \t\r\n\f"
_BLANKS = re.compile(r"[ \t\r\n]*")  # what a LEAD is made of, but for its comments
_KEY_LIKE = re.compile(r"([^\W\d][\w -]*?)[ \t]*:")


class Comment(NamedTuple):
    start: int
    end: int
    text: str   # from "#" to the end of the line, "\r" removed


class ParseResult(NamedTuple):
    source: SourceFile
    blocks: list[Block]          # top-level blocks
    findings: list[Finding]      # AVG001 syntax errors and AVG002 encoding problems
    comments: list[Comment]
    fields: dict[str, list[Field]] | None = None  # canonical key -> its fields in force (inner blocks first)


def _split(value: str, comments: list[tuple[int, str]] | None) -> list[tuple[int, int, bool]]:
    """The items of a value with quoted strings or comments in it: for each, where in ``value`` its pieces start
    and end, and whether it is one quoted string (a phrase, or phrase and string mixed, keeps its words as
    written); each comment is added to ``comments`` as (where it starts, its text)."""
    items = []
    first = last = -1  # where the current item's pieces start and end, in value
    quoted = False     # whether its one piece so far is a quoted string
    pieces = 0
    for match in _PIECE.finditer(value + ","):  # the comma added closes the last item
        text = match.group()
        kind = text[0]
        if kind == ",":
            if pieces:
                items.append((first, last, pieces == 1 and quoted))
            pieces = 0
        elif kind == "#":
            if comments is not None:
                comments.append((match.start(), text))
        else:
            if kind == '"':
                begin, end = match.span()
            else:
                stripped = text.strip(_SPACE)
                if not stripped:
                    continue
                begin = match.start() + text.index(stripped[0])
                end = begin + len(stripped)
            if not pieces:
                first = begin
            last = end
            quoted = kind == '"'
            pieces += 1
    return items


# A field's value, on the lines a trailing comma continues it on, or a dash line's (``likely_values``).
# (A line goes on after a comma at its end, before blanks and a comment: read as runs between commas, each comma
# looked past once, not as the shortest text before a comma, which tries each character.)
_VALUE_LINES = re.compile(r'^[ \t]*+(?:[^\W\d][\w-]*+(?:[ \t]++[\w-]++)*+[ \t]*+:|-)[ \t]*+'
                          r'((?:[^\n,]*+(?:,(?![ \t]*+(?:#[^\n]*+)?\n)[^\n,]*+)*+,[ \t]*+(?:#[^\n]*+)?\n)*+[^\n]*+)',
                          re.MULTILINE)


def _head_name(written: str) -> str | None:
    """A block's name as its head writes it after the kind: a quoted string's text, or the words; None for none."""
    if not written:
        return None
    return unescape(written[1:-1]) if written[0] == '"' else written


def likely_values(text: str) -> list[str]:
    """The items, values and block names the text of a register appears to hold, items first, read line by
    line without parsing (for reading ahead while the parser reads the file, ``avglint.parallel``): most are
    what the parser reads, and one read wrongly costs only the time it took."""
    items: dict[str, None] = {}
    values: dict[str, None] = {}
    for line in _VALUE_LINES.findall(text):
        value = line[:line.index("#")] if "#" in line and '"' not in line and "\n" not in line else line
        if not value.strip(_SPACE) and value is not line:
            continue  # a comment to the end of the one line, and nothing before it
        if '"' in value or "#" in value:
            parts = [unescape(value[first + 1:last - 1]) if quoted else value[first:last]
                     for first, last, quoted in _split(value + "\n", None)]  # a comment ends at the line end
        elif "," in value:
            parts = [part for part in [part.strip(_SPACE) for part in value.split(",")] if part]
        else:
            items[value.strip(_SPACE)] = None
            continue
        for part in parts:
            items[part] = None
        if len(parts) > 1:
            values[", ".join(parts)] = None
    after = 0  # a block head is the end of the line before a "{" (not before the "{" before it)
    while (brace := text.find("{", after)) >= 0:
        line_start = text.rfind("\n", after, brace) + 1 or after
        head = _HEAD.match(text[line_start:brace].lstrip(_SPACE) + "{")
        name = _head_name(head.group(2)) if head else None
        if name:
            items[name] = None
        after = brace + 1
    return [*items, *values]


def _lead_of(value: str) -> int:
    """The length of the line breaks, blank lines and comment lines a block head, field or "}" token starts
    with (the LEAD of grammar/avg.lark: tokens carry it, so that there are half as many)."""
    if value[:1] not in ("\n", "\r", "#"):
        return 0
    body = value.lstrip(" \t\r\n")  # past the LEAD, unless it holds a comment
    return len(value) - len(body) if body[:1] != "#" else _LEAD.match(value).end()


def _comment(start: int, text: str) -> Comment:
    """A comment up to the end of its line, not including the CR of a CRLF line ending."""
    text = text.rstrip("\r")
    return Comment(start, start + len(text), text)


class _ModelBuilder:
    """Lark callbacks: one per grammar rule (or alternative), called as the parser reduces."""

    def __init__(self) -> None:
        self.source: SourceFile | None = None
        self.comments: list[Comment] = []
        self.open_blocks: list = []   # BLOCK_HEAD tokens not yet closed (for "not closed" messages)
        self.passing: tuple[int, Callable[[], object]] | None = None  # see ``parse``
        # one copy of each key, kind and value of the file: a register repeats its values row after
        # row, and a large one would otherwise keep hundreds of thousands of copies
        self.strings: dict[str, str] = {}
        self.fields: defaultdict[str, list[Field]] = defaultdict(list)  # the index of ParseResult.fields
        self.keys: dict[str | None, dict[str, str | None]] = {}  # block kind -> key as written -> canonical key
        self.findings: list[Finding] = []
        self.language = language()
        self.all_keys = self.language.all_fields

    def lead(self, token) -> int:
        """The length of a block head's or field's LEAD (see ``_lead_of``), whose comments are collected."""
        text = token.value  # .value: Lark's and lark-cython's tokens alike
        lead = _lead_of(text)
        if lead and "#" in text[:lead]:
            self.collect_comments(text[:lead], token.start_pos)
        return lead

    def collect_comments(self, text: str, offset: int) -> None:
        """Comments in a stretch of line breaks, blank lines and comment lines."""
        for match in _COMMENT.finditer(text):
            self.comments.append(_comment(offset + match.start(), match.group()))

    # lexer callbacks -----------------------------------------------------
    def on_newline(self, token):
        text = token.value
        if "#" in text:
            self.collect_comments(text, token.start_pos)
        return token

    def on_block_head(self, token):
        self.open_blocks.append(token)
        if self.passing is not None and token.start_pos >= self.passing[0]:
            call, self.passing = self.passing[1], None
            call()
        return token

    def on_rbrace(self, token):
        if self.open_blocks:
            self.open_blocks.pop()
        if "#" in token.value:
            self.collect_comments(token.value, token.start_pos)
        return token

    # rule callbacks ------------------------------------------------------
    def block_field(self, children) -> Block:
        """A field of a block, from its FIELD token and the DASH_ITEM tokens of its dash lines."""
        block, token = children[0], children[1]
        text = token.value  # read in place: most fields have a LEAD, and a copy without it costs a copy of each
        lead = _BLANKS.match(text).end()
        if text[lead:lead + 1] == "#":  # comment lines before it: rare
            lead = self.lead(token)
        start = token.start_pos + lead
        colon = text.index(":", lead)
        strings = self.strings
        written = text[lead:colon].rstrip(" \t")
        written = strings.setdefault(written, written)
        value_offset = colon + 1 - lead  # from the start of the field
        field = Field(written, (), start, start + value_offset)
        field.block = block
        value = text[colon + 1:]
        if "," in value or '"' in value or "#" in value:
            items = self._items(field, value, value_offset)
        else:  # the common case: one plain phrase, or nothing
            stripped = value.strip(_SPACE)
            items = [Item(strings.setdefault(stripped, stripped), value_offset + value.index(stripped[0]),
                          len(stripped), False, field)] if stripped else []
        if len(children) > 2:
            for dash_token in children[2:]:
                dash = dash_token.value
                prefix = _DASH_PREFIX.match(dash).end()
                if "#" in dash[:prefix]:
                    self.collect_comments(dash[:prefix], dash_token.start_pos)
                items.extend(self._items(field, dash[prefix:], dash_token.start_pos + prefix - start))
        if items:
            field.items = tuple(items)
            field._size = items[-1]._offset + items[-1]._size
            if "\n" in value:
                self._check_continuation(written, items, text[lead:], start)
        kind = block.kind
        try:  # a register writes the same few keys in every block
            key = self.keys[kind][written]
        except KeyError:
            key = self.keys.setdefault(kind, {})[written] = self.language.field_key(kind, written)
        if key is None:
            if block.unknown:
                block.unknown.append(field)
            else:
                block.unknown = [field]
        else:
            field.key = key
            if block.fields.setdefault(key, field) is not field:
                if block.duplicates:
                    block.duplicates.append(field)
                else:
                    block.duplicates = [field]
        return block

    def _items(self, field: Field, value: str, offset: int) -> list[Item]:
        """Split a value into the items of ``field``; ``offset``: where ``value`` starts, from the start of the
        field (items keep their position from there)."""
        strings = self.strings
        items = []
        if '"' not in value and "#" not in value:  # plain phrases
            for part in value.split(","):
                stripped = part.strip(_SPACE)
                if stripped:
                    items.append(Item(strings.setdefault(stripped, stripped), offset + part.index(stripped[0]),
                                      len(stripped), False, field))
                offset += len(part) + 1
            return items
        comments: list[tuple[int, str]] = []
        for first, last, quoted in _split(value, comments):
            text = unescape(value[first + 1:last - 1]) if quoted else value[first:last]
            items.append(Item(strings.setdefault(text, text), offset + first, last - first, quoted, field))
        for start, text in comments:
            self.comments.append(_comment(field.start + offset + start, text))
        return items

    def _check_continuation(self, written: str, items: list[Item], token: str, start: int) -> None:
        """A trailing comma that swallowed the next field ('gegevens: a,' above 'grondslag: x')."""
        first_line_end = start + token.index("\n")
        for item in items:
            match = _KEY_LIKE.match(item.value) if not item.quoted and item.start > first_line_end else None
            if match and " ".join(match.group(1).casefold().replace("_", " ").replace("-", " ").split()) \
                    in self.all_keys:
                line = self.source.line_col(item.start)[0] - 1
                self.findings.append(Finding(Span(self.source, item.start, item.start + len(match.group(0))), Message(
                    f"Line {line} ends with a comma, so '{item.value}' is read as one more item of '{written}'; "
                    f"remove the comma at the end of line {line}.",
                    f"Regel {line} eindigt op een komma, daardoor wordt '{item.value}' gelezen als nog een item van "
                    f"'{written}'; verwijder de komma aan het eind van regel {line}."), rule=SYNTAX_ERROR.id, severity=SYNTAX_ERROR.severity))
                return

    def block_head(self, children) -> Block:
        """A block as soon as its head is read; its entries are added as they are read, its end at "}"."""
        head = children[0]
        lead = self.lead(head)
        start = head.start_pos + lead
        match = _HEAD.match(head.value, lead)
        kind_written, name_text = match.group(1), match.group(2)
        kind_written = self.strings.setdefault(kind_written, kind_written)
        kind = self.language.block_kind(kind_written)
        name = _head_name(name_text)
        name_start = name_end = start
        if name_text:
            name_start = head.start_pos + match.start(2)
            name_end = name_start + len(name_text)
        return BLOCK_CLASSES.get(kind, UnknownBlock)(kind, kind_written, name, name_start, name_end, start,
                                                     head.end_pos, head.end_pos, self.source)

    def block_child(self, children) -> Block:
        block, child = children
        child.parent = block
        if block.children:
            block.children.append(child)
        else:
            block.children = [child]
        return block

    def block(self, children) -> Block:
        block, close = children
        block._size = close.end_pos - block.start
        index = self.fields
        for key, field in block.fields.items():  # so the index lists a block's fields after those of the blocks inside
            index[key].append(field)
        return block

    def start(self, children) -> list[Block]:
        return children


@lru_cache(maxsize=2)
def _parser(fast: bool):
    """The Lark parser and its model builder, built once per process; its tables are kept in avglint's
    cache between runs (avglint/cache.py), like the vocabularies.

    ``fast``: with lark-cython when it is installed (the same LALR tables, about a third
    faster), or None when it is not. The pure-Python parser is the one with error
    recovery: it is used for files that have a syntax error.
    """
    import io

    import lark as lark_package
    from lark import Lark

    from . import cache

    options = {}
    if fast:
        try:
            import lark_cython
        except ImportError:
            return None
        options["_plugins"] = lark_cython.plugins
    builder = _ModelBuilder()
    options.update(transformer=_Transformer(builder), lexer_callbacks={
        "_NL": builder.on_newline, "BLOCK_HEAD": builder.on_block_head, "RBRACE": builder.on_rbrace})
    grammar = (folder("avglint.grammar") / "avg.lark").read_text(encoding="utf-8")
    settings = {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": False}
    # the tables depend on the grammar, these settings and Lark; the callbacks and plugins are given at load
    content_key = cache.key(grammar, repr(sorted(settings.items())), lark_package.__version__)
    tables = cache.load("parser", content_key, bytes)
    lark = None
    if tables is not None:
        try:
            lark = Lark.__new__(Lark)._load(io.BytesIO(tables), **options)
        except Exception:  # tables another Lark wrote, or damaged: build them again
            pass
    if lark is None:
        lark = Lark(grammar, **settings, **options)
        saved = io.BytesIO()
        lark.save(saved, exclude_options=("transformer", "lexer_callbacks", "_plugins"))
        cache.store("parser", content_key, saved.getvalue())
    if fast:
        _rules_by_identity(lark)
    return lark, builder


def _rules_by_identity(lark) -> None:
    """Let lark-cython's parser compare and look up its grammar rules by identity. At each reduction it asks
    whether the rule it reduces by is the end state (an int) and looks up the rule's callback: both call Lark's
    ``Rule.__eq__`` and ``__hash__``, written in Python, twice for each field of a register (a twentieth of a
    parse). The table and the callbacks of one parser hold the same rule objects, so that compared by identity
    they are the same rules; a Lark laid out otherwise is left as it is."""
    from lark.grammar import Rule

    try:
        callbacks = lark.parser.parser_conf.callbacks
        states = lark.parser.parser._parse_table.states
    except AttributeError:
        return
    held = {id(rule) for rule in callbacks}
    if any(type(rule) is not Rule for rule in callbacks) or not all(
            isinstance(arg, int) or id(arg) in held for state in states.values() for _, arg in state.values()):
        return

    class IdentityRule(Rule):
        __slots__ = ()
        __eq__ = object.__eq__
        __hash__ = object.__hash__

    found = list(callbacks.items())
    callbacks.clear()  # the parser holds this dict: filled again under the rules' new hashes
    for rule, _ in found:
        rule.__class__ = IdentityRule
    callbacks.update(found)


def _Transformer(builder: _ModelBuilder):
    """A Lark transformer whose rule callbacks are the builder's own methods (no call in between)."""
    from lark import Transformer

    transformer = Transformer()
    for name in ("block_head", "block_field", "block_child", "block", "start"):
        setattr(transformer, name, getattr(builder, name))
    return transformer


_lock = threading.Lock()


@contextmanager
def paused_collector():
    """Pause the cyclic garbage collector: parsing and checking allocate millions of small
    objects that are never cyclic garbage, and its passes over them would cost a fifth of
    the time (more as the register grows). Nested use leaves the outermost in charge."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(source: SourceFile, encoding_problems: list[EncodingProblem] = (), *,
          passing: tuple[int, Callable[[], object]] | None = None) -> ParseResult:
    """Parse one file into blocks; syntax and encoding problems become findings. ``passing``: (position, call):
    ``call()`` once, when the parser reads the head of a block that starts at ``position`` or beyond."""
    findings = [_encoding_finding(source, problem) for problem in encoding_problems]
    if any(problem.kind == "binary" for problem in encoding_problems):
        return ParseResult(source, [], findings, [], {})
    from lark.exceptions import UnexpectedInput  # every syntax error Lark raises; anything else is a bug

    text = source.text if source.text.endswith("\n") else source.text + "\n"
    with _lock, paused_collector():
        fast = _parser(True)
        if fast is not None:
            try:
                return _finish(source, findings, *_run(fast, source, text, None, passing))
            except UnexpectedInput:  # a syntax error: parse again, with recovery
                pass
        slow = _parser(False)
        errors = _ErrorRecovery(source, text, slow[1])
        try:
            blocks, comments, built, fields = _run(slow, source, text, errors, passing)
        except UnexpectedInput as error:  # one that recovery cannot get past must still be a diagnostic
            errors.give_up(error)
            blocks, comments, built, fields = [], [], [], {}
        findings.extend(errors.findings)
        return _finish(source, findings, blocks, comments, built, fields)


def _run(parser, source: SourceFile, text: str, on_error, passing) -> tuple[list[Block], list[Comment],
                                                                           list[Finding], dict[str, list[Field]]]:
    lark, builder = parser
    builder.source, builder.comments, builder.open_blocks, builder.findings = source, [], [], []
    builder.strings, builder.fields, builder.keys, builder.passing = {}, defaultdict(list), {}, passing
    try:
        blocks = lark.parse(text, on_error=on_error) if on_error else lark.parse(text)
        builder.comments.sort()  # a token's comments are picked up when it is reduced, after the next one's
        return blocks or [], builder.comments, builder.findings, dict(builder.fields)
    finally:
        builder.source, builder.comments, builder.open_blocks, builder.findings = None, [], [], []
        builder.strings, builder.fields, builder.keys, builder.passing = {}, defaultdict(list), {}, None


def _finish(source, findings, blocks, comments, built, fields) -> ParseResult:
    findings.extend(built)
    findings.sort(key=lambda finding: finding.span.start)
    return ParseResult(source, blocks, findings, comments, fields)


def _encoding_finding(source: SourceFile, problem: EncodingProblem) -> Finding:
    span = Span(source, problem.start, max(problem.end, problem.start))
    if problem.kind == "binary":
        message = Message("This is a binary file, not a register; avglint reads UTF-8 text.",
                          "Dit is een binair bestand, geen register; avglint leest UTF-8-tekst.")
    elif problem.kind == "utf16":
        message = Message("The file is saved as UTF-16; save it as UTF-8 (it was read as UTF-16 for this check).",
                          "Het bestand is opgeslagen als UTF-16; sla het op als UTF-8 (voor deze controle is het als "
                          "UTF-16 gelezen).")
    elif problem.kind == "nul":
        message = Message("NUL byte in the text; remove it (the file may be corrupt or not a text file).",
                          "NUL-byte in de tekst; verwijder die (het bestand is mogelijk beschadigd of geen tekst).")
    else:
        message = Message("Bytes that are not valid UTF-8; save the file as UTF-8 (the rest of the file is still "
                          "checked).",
                          "Bytes die geen geldige UTF-8 zijn; sla het bestand op als UTF-8 (de rest van het bestand "
                          "wordt wel gecontroleerd).")
    return Finding(span, message, rule=INVALID_ENCODING.id, severity=INVALID_ENCODING.severity)


def _snippet(text: str, start: int, limit: int = 40) -> str:
    end = text.find("\n", start)
    line = text[start:end if end >= 0 else len(text)].rstrip()
    return line if len(line) <= limit else line[:limit - 1] + "…"


class _ErrorRecovery:
    """The ``on_error`` handler: report in plain words, skip to the next line, go on."""

    MAX_ERRORS = 200  # a file that is not a register at all need not list every line

    def __init__(self, source: SourceFile, text: str, builder: _ModelBuilder):
        self.source, self.text, self.builder = source, text, builder
        self.findings: list[Finding] = []
        self.error_lines: set[int] = set()
        self.skipping_field = False

    def __call__(self, error) -> bool:
        from lark.exceptions import UnexpectedCharacters, UnexpectedToken

        if isinstance(error, UnexpectedCharacters):
            self._unexpected_characters(error)
            return True
        if isinstance(error, UnexpectedToken):
            return self._unexpected_token(error)
        return False

    def _report(self, start: int, end: int, en: str, nl: str) -> None:
        line = self.source.line_col(min(start, len(self.source.text)))[0]
        if line in self.error_lines or len(self.findings) > self.MAX_ERRORS:
            return
        self.error_lines.add(line)
        if len(self.findings) == self.MAX_ERRORS:
            en, nl = (f"Too many syntax errors; the rest of the file is not reported (is it a register?). {en}",
                      f"Te veel syntaxfouten; de rest van het bestand wordt niet gemeld (is dit een register?). {nl}")
        limit = len(self.source.text)
        self.findings.append(Finding(Span(self.source, min(start, limit), min(max(end, start), limit)),
                                     Message(en, nl), rule=SYNTAX_ERROR.id, severity=SYNTAX_ERROR.severity))

    def _unexpected_characters(self, error) -> None:
        state = error.interactive_parser.lexer_thread.state
        position = state.line_ctr.char_pos
        text = self.text
        newline = text.find("\n", position)
        line_end = newline if newline >= 0 else len(text)
        char = text[position]
        expected = error.allowed or set()
        snippet = _snippet(text, position)
        if char == "-" and self.skipping_field:
            pass  # the dash lines of a field already reported as outside any block
        elif char == '"':
            self._report(position, line_end,
                         'This string is never closed: add the closing ".',
                         'Deze tekst tussen aanhalingstekens wordt niet afgesloten: voeg het sluitende " toe.')
        elif char == "{" and text[text.rfind("\n", 0, position) + 1:position].strip():
            self._report(position, position + 1,
                         f"'{char}' cannot appear in a value; put the value in quotes (\"…\").",
                         f"'{char}' kan niet in een waarde staan; zet de waarde tussen aanhalingstekens (\"…\").")
        elif char == "-" and "FIELD" in expected:
            self._report(position, line_end,
                         f"'{snippet}': a '- item' line must follow a field whose value is on the lines below "
                         "(for example 'gegevens:').",
                         f"'{snippet}': een regel '- item' hoort onder een veld waarvan de waarde op de volgende "
                         "regels staat (bijvoorbeeld 'gegevens:').")
        elif "FIELD" in expected:
            self._report(position, line_end,
                         f"Expected a field ('key: value'), a block ('verwerking \"Name\" {{') or '}}', found "
                         f"'{snippet}'. A value belongs on the same line as its key, or on '- item' lines below it.",
                         f"Verwacht een veld ('sleutel: waarde'), een blok ('verwerking \"Naam\" {{') of '}}', maar "
                         f"vond '{snippet}'. Een waarde staat op dezelfde regel als de sleutel, of op regels "
                         "'- item' eronder.")
        else:
            self._report(position, line_end,
                         f"Expected a block such as 'verwerking \"Name\" {{', found '{snippet}'. Fields belong "
                         "inside a block.",
                         f"Verwacht een blok zoals 'verwerking \"Naam\" {{', maar vond '{snippet}'. Velden horen "
                         "binnen een blok.")
        # skip the rest of the line; the line break is acceptable in every parser state
        state.line_ctr.feed(text[position:line_end])

    def _unexpected_token(self, error) -> bool:
        token = error.token
        kind = token.type
        if kind != "FIELD":
            self.skipping_field = False
        if kind == "$END":
            self._close_open_blocks(error.interactive_parser)
            return True
        start, end = token.start_pos, token.end_pos
        if kind == "RBRACE":
            start += _lead_of(token.value)  # its comments were read as it was lexed
        elif kind != "DASH_ITEM":  # a dash line's line breaks are part of what it is
            start += self.builder.lead(token)  # dropped before its comments were read: read them here
        if kind == "RBRACE":
            self._report(start, end, "'}' without an open block; remove it.",
                         "'}' zonder open blok; verwijder die.")
        elif kind == "FIELD":
            self.skipping_field = True
            key = self.text[start:self.text.index(":", start)].strip()
            self._report(start, start + len(key) + 1,
                         f"The field '{key}' is outside any block; move it inside a block "
                         "('organisatie', 'groep', 'verwerking' or 'verwerker').",
                         f"Het veld '{key}' staat buiten een blok; zet het binnen een blok "
                         "('organisatie', 'groep', 'verwerking' of 'verwerker').")
            return True
        elif kind == "DASH_ITEM":
            if not self.skipping_field:
                dash = start + _DASH_PREFIX.match(token.value).end() - 1
                self._report(dash, end, "A '- item' line must follow a field such as 'gegevens:'.",
                             "Een regel '- item' hoort onder een veld zoals 'gegevens:'.")
            return True
        else:
            self._report(start, end, f"Unexpected '{_snippet(self.text, start)}'.",
                         f"Onverwacht: '{_snippet(self.text, start)}'.")
        return True

    def _close_open_blocks(self, interactive) -> None:
        """At the end of the file, report each block still open and close it so the model is kept."""
        from lark import Token

        open_blocks = list(self.builder.open_blocks)
        for head in open_blocks:  # outermost first: when there are very many, the report is capped
            lead = _lead_of(head.value)
            text, start = head.value[lead:], head.start_pos + lead
            line = self.source.line_col(start)[0]
            shown = _snippet(self.text, start, 60).rstrip("{ \t")
            end = start + len(text.rstrip())
            self.error_lines.discard(line)
            self._report(start, end,
                         f"'{shown}' (line {line}) is never closed: add '}}' where the block ends.",
                         f"'{shown}' (regel {line}) wordt nergens gesloten: voeg '}}' toe waar het blok eindigt.")
        for _ in open_blocks:
            interactive.feed_token(Token("RBRACE", "}", start_pos=len(self.source.text),
                                         end_pos=len(self.source.text)))
        self.builder.open_blocks.clear()

    def give_up(self, error: Exception) -> None:
        self._report(0, 0, f"The file could not be parsed ({type(error).__name__}); please report this.",
                     f"Het bestand kon niet worden gelezen ({type(error).__name__}); meld dit alstublieft.")

