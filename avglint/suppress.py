"""Inline suppressions: ``# avglint: ignore[AVG301] reason`` and friends.

Scopes (documented in docs/language.md, "Suppressing a finding"):
- a comment at the end of a line covers findings that start on that line; when a
  field starts on that line, its whole value; when a block opens on that line, the
  whole block (a line that starts inside a quoted string spanning lines is read
  with the line the string began on, as ``avglint fmt`` writes it);
- a comment alone on its line covers the next line that is not blank or a comment,
  with the same widening;
- ``# avglint: ignore-file[AVG702] reason`` anywhere covers the whole file;
- in a privacy statement, ``<!-- avglint: ignore[AVG910] reason -->`` covers the block it ends or
  precedes (``statement_directives``).

Suppressed findings are kept, with the justification; a suppression that covers
nothing is AVG009, a malformed one AVG010.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from .findings import Edit, Finding, Fix, Message, Suppression
from .model import Block, Span
from .parser import Comment
from .rules.structure import INVALID_SUPPRESSION, UNUSED_SUPPRESSION
from .source import SourceFile
from .statement import Statement

_DIRECTIVE = re.compile(r"#\s*avglint\s*:\s*(?P<body>.*)$", re.IGNORECASE)
_FORM = re.compile(r"(?P<kind>ignore-file|ignore)\s*\[(?P<names>[^\]]*)\]\s*(?P<reason>.*)$", re.IGNORECASE)
_NAME = re.compile(r"^(AVG\d{0,3}|[a-z][a-z0-9-]*)$", re.IGNORECASE)


class Directive(NamedTuple):
    comment: Comment
    source: SourceFile
    whole_file: bool
    names: tuple[str, ...]       # as written: ids, id prefixes or slugs
    reason: str
    target: tuple[int, int]      # character range of the file it covers


def parse_directives(source: SourceFile, comments: Iterable[Comment], blocks: list[Block],
                     known: callable) -> tuple[list[Directive], list[Finding]]:
    """Read the avglint comments of one file. ``known(name)`` says whether a rule name resolves."""
    directives: list[Directive] = []
    problems: list[Finding] = []
    wanted = [c for c in comments if "avglint" in c.text.lower()]
    if not wanted:
        return directives, problems
    text = source.text
    heads, fields = _line_starts_of(source, blocks)
    string_starts = string_start_lines(source, blocks)
    for comment in wanted:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        span = Span(source, comment.start, comment.end)
        form = _FORM.match(match.group("body").strip())
        if not form:
            problems.append(_invalid(span, "write it as '# avglint: ignore[AVG301] reason' or "
                                           "'# avglint: ignore-file[AVG702] reason'",
                                     "schrijf '# avglint: ignore[AVG301] reden' of "
                                     "'# avglint: ignore-file[AVG702] reden'"))
            continue
        names = tuple(n.strip() for n in form.group("names").split(",") if n.strip())
        bad = [n for n in names if not _NAME.match(n) or not known(n)]
        if not names or bad:
            shown = ", ".join(bad) if bad else "(none)"
            problems.append(_invalid(span, f"unknown rule {shown}; name rules by id (AVG301), id prefix (AVG3) "
                                           "or slug",
                                     f"onbekende regel {shown}; noem regels bij id (AVG301), begin van een id "
                                     "(AVG3) of naam"))
            continue
        whole_file = form.group("kind").lower() == "ignore-file"
        if whole_file:
            target = (0, len(text))
        else:
            line, _ = source.line_col(comment.start)
            line_start = source.line_starts[line - 1]
            if not text[line_start:comment.start].strip():  # alone on its line: covers the next line
                line = first = _next_content_line(source, line)
            else:
                first = string_starts.get(line, line)
            target = heads.get(first) or fields.get(first) or _line_range(source, first, line)
        directives.append(Directive(comment, source, whole_file, names, form.group("reason").strip(), target))
    return directives, problems


def _invalid(span: Span, en: str, nl: str) -> Finding:
    return Finding(span, Message(f"Malformed suppression: {en}.", f"Onjuiste onderdrukking: {nl}."),
                   rule=INVALID_SUPPRESSION.id, severity=INVALID_SUPPRESSION.severity)


def _line_starts_of(source: SourceFile, blocks: list[Block]) -> tuple[dict[int, tuple[int, int]], dict]:
    """Line number -> range of the block that opens there, and of the field that starts there."""
    heads: dict[int, tuple[int, int]] = {}
    fields: dict[int, tuple[int, int]] = {}
    for top in blocks:
        for block in top.walk():
            heads.setdefault(source.line_col(block.start)[0], (block.start, block.end))
            for field in (*block.fields.values(), *block.unknown, *block.duplicates):
                fields.setdefault(source.line_col(field.start)[0], (field.start, field.end))
    return heads, fields


def _next_content_line(source: SourceFile, line: int) -> int:
    for number in range(line + 1, source.line_count + 1):
        stripped = source.line_text(number).strip()
        if stripped and not stripped.startswith("#"):
            return number
    return line


def string_start_lines(source: SourceFile, blocks: list[Block]) -> dict[int, int]:
    """Line number -> the line the quoted string it starts inside began on, for each line that starts inside a
    block name or an item spanning lines. ``avglint fmt`` writes such a string on one line (with ``\\n``), so a
    comment at the end of its last line is read as at the end of its first: the same in either layout."""
    starts: dict[int, int] = {}
    strings = []
    for top in blocks:
        for block in top.walk():
            if block.name is not None:
                strings.append((block.name_start, block.name_end))
            for field in (*block.fields.values(), *block.unknown, *block.duplicates):
                strings.extend((item.start, item.end) for item in field.items)
    for start, end in sorted(strings):  # in order, so that a string starting on a continued line maps further up
        first, last = source.line_col(start)[0], source.line_col(end)[0]
        first = starts.get(first, first)
        for line in range(first + 1, last + 1):
            starts.setdefault(line, first)
    return starts


def _line_range(source: SourceFile, first: int, last: int) -> tuple[int, int]:
    return source.line_starts[first - 1], source.line_starts[last - 1] + len(source.line_text(last))


def apply(findings: list[Finding], directives: list[Directive], covers: callable) -> list[Finding]:
    """Mark suppressed findings; return AVG009 findings for directives that covered nothing.

    ``covers(name, rule_id)`` says whether a written rule name covers a rule id.
    """
    by_source: dict[int, list[Directive]] = {}
    for directive in directives:
        by_source.setdefault(id(directive.source), []).append(directive)
    used: set[int] = set()
    for finding in findings:
        candidates = by_source.get(id(finding.span.source))
        if not candidates or finding.rule in (UNUSED_SUPPRESSION.id, INVALID_SUPPRESSION.id):
            continue
        for directive in candidates:
            start, end = directive.target
            if start <= finding.span.start and finding.span.start <= end and \
                    any(covers(name, finding.rule) for name in directive.names):
                finding.suppression = Suppression("inSource", directive.reason,
                                                  Span(directive.source, directive.comment.start,
                                                       directive.comment.end))
                used.add(id(directive))
                break
    unused = []
    for directive in directives:
        if id(directive) in used:
            continue
        comment = directive.comment
        span = Span(directive.source, comment.start, comment.end)
        names = ", ".join(directive.names)
        unused.append(Finding(span, Message(
            f"This suppression of {names} suppresses nothing; remove it.",
            f"Deze onderdrukking van {names} onderdrukt niets; verwijder die."),
            rule=UNUSED_SUPPRESSION.id, severity=UNUSED_SUPPRESSION.severity, fix=_removal(directive)))
    return unused


def _removal(directive: Directive) -> Fix:
    source, comment = directive.source, directive.comment
    line, _ = source.line_col(comment.start)
    line_start = source.line_starts[line - 1]
    before = source.text[line_start:comment.start]
    if before.strip():  # trailing comment: remove it and the spaces before it
        start = comment.start - (len(before) - len(before.rstrip()))
        edit = Edit(Span(source, start, comment.end), "")
    else:  # a line of its own: remove the line
        end = source.line_starts[line] if line < source.line_count else len(source.text)
        edit = Edit(Span(source, line_start, end), "")
    return Fix(Message("Remove the unused suppression", "Verwijder de ongebruikte onderdrukking"), (edit,), safe=True)


def statement_directives(statement: Statement, known) -> tuple[list[Directive], list[Finding]]:
    """Suppression comments of a statement, ``<!-- avglint: ignore[AVG910] reason -->``.

    Read by ``avglint.suppress`` like register comments; what a comment covers follows
    the statement's structure: a comment alone on its line covers the next block (the
    whole section when that block is a heading); a comment after text covers the block
    it ends (the whole section on a heading line); ``ignore-file`` the whole file.
    """
    comments = [Comment(c.start, c.end, "# " + " ".join(c.text.split()))
                for c in statement.comments if "avglint" in c.text.lower()]
    if not comments:
        return [], []
    found, problems = parse_directives(statement.source, comments, [], known=known)
    return [d if d.whole_file else d._replace(target=_statement_target(statement, d.comment)) for d in found], \
        problems


def _statement_target(statement: Statement, comment: Comment) -> tuple[int, int]:
    source = statement.source
    text = source.text
    line, _ = source.line_col(comment.start)
    line_start = source.line_starts[line - 1]
    chosen = None
    if not text[line_start:comment.start].strip():  # alone on its line: the next block
        chosen = statement.block_after(comment.end)
    else:  # after text: the block that ends on (or runs through) this line
        block = statement.block_at(line_start + len(source.line_text(line)))
        if block is not None and source.line_col(block.extent[1])[0] >= line:
            chosen = block
    if chosen is None:
        end = text.find("\n", comment.end)
        return line_start, len(text) if end < 0 else end
    if chosen.kind == "heading" and chosen.section is not None:
        return chosen.extent[0], max(chosen.section.end, chosen.extent[1])
    return chosen.extent
