"""Code actions: each finding's fix (safe ones preferred), "suppress AVGnnn here", and
``source.fixAll.avglint`` (every safe fix, as ``avglint check --fix`` applies them)."""

from __future__ import annotations

import re

from lsprotocol import types

from .. import fix
from ..findings import Finding, Message
from ..statement import is_statement_path
from ..suppress import string_start_lines
from .diagnostics import diagnostic
from .positions import position, span_range

FIX_ALL = "source.fixAll.avglint"
SUPPRESS = Message("suppress {rule} here", "onderdruk {rule} hier")
FIX_ALL_TITLE = Message("avglint: apply every safe fix", "avglint: pas alle veilige correcties toe")
_IGNORE_LIST = re.compile(r"#\s*avglint\s*:\s*ignore\s*\[[^\]]*(?=\])", re.IGNORECASE)


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    async def code_action(ls, params: types.CodeActionParams):
        checked = await ls.state(params.text_document.uri)
        if checked is None:
            return None
        return code_actions(ls, params, checked)


def code_actions(ls, params: types.CodeActionParams, checked) -> list[types.CodeAction]:
    uri, encoding, lang = params.text_document.uri, ls.encoding, checked.lang
    only = params.context.only

    def wanted(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    found = []
    if wanted(types.CodeActionKind.QuickFix):
        for finding in checked.findings:
            if not _overlaps(span_range(finding.span, encoding), params.range):
                continue
            shown = diagnostic(finding, lang, encoding, ls)
            if finding.fix is not None and finding.span.source.encoding == "utf-8":
                edits = [types.TextEdit(range=span_range(edit.span, encoding), new_text=edit.text)
                         for edit in finding.fix.edits if edit.span.source is finding.span.source]
                found.append(types.CodeAction(
                    title=f"avglint ({finding.rule}): {finding.fix.description.get(lang)}",
                    kind=types.CodeActionKind.QuickFix, diagnostics=[shown], is_preferred=finding.fix.safe,
                    edit=_workspace_edit(ls, uri, checked.version, edits)))
            found.append(types.CodeAction(
                title=f"avglint ({finding.rule}): {SUPPRESS.get(lang).format(rule=finding.rule)}",
                kind=types.CodeActionKind.QuickFix, diagnostics=[shown],
                edit=_workspace_edit(ls, uri, checked.version, [_suppression(ls, checked, finding)])))
    if wanted(FIX_ALL):
        plans = [p for p in fix.plan(checked.findings) if p.source is checked.source]
        if plans:
            fixed = plans[0].fixed.decode("utf-8", "surrogateescape").removeprefix("\ufeff" if checked.source.bom
                                                                                   else "")
            whole = types.Range(start=types.Position(line=0, character=0),
                                end=position(checked.source, len(checked.source.text), encoding))
            found.append(types.CodeAction(title=FIX_ALL_TITLE.get(lang), kind=FIX_ALL,
                                          edit=_workspace_edit(ls, uri, checked.version,
                                                               [types.TextEdit(range=whole, new_text=fixed)])))
    return found


def _overlaps(finding: types.Range, asked: types.Range) -> bool:
    """Whether the finding is on the lines asked about (a cursor anywhere on its line finds it)."""
    return finding.start.line <= asked.end.line and asked.start.line <= finding.end.line


def _workspace_edit(ls, uri: str, version: int | None, edits: list) -> types.WorkspaceEdit:
    if ls.supports("workspace", "workspace_edit", "document_changes"):
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def _suppression(ls, checked, finding: Finding):
    """The edit that suppresses the finding where it starts, with the cursor left for the reason.

    In a register: a comment at the end of the finding's line, or the rule added to the
    suppression already there; a comment line above when the line ends in another comment or lies
    inside a string spanning lines (it then goes above the line the string starts on, whose
    suppression covers the whole field). In a privacy statement: an HTML comment before the
    paragraph."""
    source, encoding = checked.source, ls.encoding
    rule = finding.rule
    line = finding.span.line
    if is_statement_path(source.path):
        while line > 1 and source.line_text(line - 1).strip():
            line -= 1
        where = source.line_starts[line - 1]
        return _insert(ls, source, where, f"<!-- avglint: ignore[{rule}] ", " -->\n", encoding)
    line = string_start_lines(source, checked.parsed.blocks).get(line, line)
    text = source.line_text(line)
    start = source.line_starts[line - 1]
    comment = next((c for c in checked.parsed.comments if source.line_col(c.start)[0] == line), None)
    if comment is None and line == finding.span.line:
        return _insert(ls, source, start + len(text), f"  # avglint: ignore[{rule}] ", "", encoding)
    if comment is not None and (existing := _IGNORE_LIST.match(comment.text)):
        return _insert(ls, source, comment.start + existing.end(), f", {rule}", "", encoding, snippet=False)
    indent = text[:len(text) - len(text.lstrip())]
    return _insert(ls, source, start, f"{indent}# avglint: ignore[{rule}] ", "\n", encoding)


def _insert(ls, source, where: int, before: str, after: str, encoding: str, *, snippet: bool = True):
    at = position(source, where, encoding)
    span = types.Range(start=at, end=at)
    if snippet and ls.supports("workspace", "workspace_edit", "snippet_edit_support") and \
            ls.supports("workspace", "workspace_edit", "document_changes"):
        escaped = before.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")
        tail = after.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")
        return types.SnippetTextEdit(range=span, snippet=types.StringValue(value=f"{escaped}$0{tail}"))
    return types.TextEdit(range=span, new_text=before + after)
