"""Code actions, hover, completion, the outline, definition and references, formatting."""

from __future__ import annotations

import pytest
from lsprotocol import types

from .conftest import diagnostics, open_document, session, uri, workspace
from .test_lsp_diagnostics import HR, PROCESSORS

pytestmark = pytest.mark.asyncio


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def apply(text: str, edits) -> str:
    """The text after a client applies ``edits`` (ranges in UTF-16, all on the original text)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(p):
        return starts[p.line] + p.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        new = edit.new_text if isinstance(edit, types.TextEdit) else edit.snippet.value.replace("$0", "")
        text = text[:offset(edit.range.start)] + new + text[offset(edit.range.end):]
    return text


def edits_of(action: types.CodeAction):
    if action.edit.document_changes:
        return [e for change in action.edit.document_changes for e in change.edits]
    return [e for changes in action.edit.changes.values() for e in changes]


async def actions(client, document, line, *, only=None, context=()):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=document),
        range=types.Range(start=at(line, 0), end=at(line, 0)),
        context=types.CodeActionContext(diagnostics=list(context), only=only)))


async def test_a_safe_fix_is_the_preferred_quick_fix_and_removes_its_finding(tmp_path):
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        found = await diagnostics(client, document, 1)
        offered = await actions(client, document, 11, context=found)
        preferred = [a for a in offered if a.is_preferred]
        assert len(preferred) == 1 and preferred[0].title.startswith("avglint (AVG202):")
        assert preferred[0].kind == types.CodeActionKind.QuickFix
        fixed = apply(HR, edits_of(preferred[0]))
        assert "grondslag: Gerechtvaardigd belang\n" in fixed
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=document, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
        assert await diagnostics(client, document, 2) == []


async def test_suppress_here_leaves_the_cursor_for_the_reason(tmp_path):
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    async with session(root, snippets=True) as client:
        document = open_document(client, root / "hr.avg")
        await diagnostics(client, document, 1)
        offered = await actions(client, document, 11)
        suppress = [a for a in offered if a.title == "avglint (AVG202): suppress AVG202 here"]
        assert suppress and not suppress[0].is_preferred
        edit = edits_of(suppress[0])[0]
        assert isinstance(edit, types.SnippetTextEdit)
        assert edit.snippet.value == "  # avglint: ignore[AVG202] $0"
        suppressed = apply(HR, [edit]).replace("ignore[AVG202] ", "ignore[AVG202] spelling van de AP")
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=document, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=suppressed)]))
        assert await diagnostics(client, document, 2) == []


async def test_suppress_without_snippets_and_fix_all(tmp_path):
    text = HR.replace("  doel: salaris betalen\n", "  doel: salaris betalen  # avglint: ignore[AVG703] waarom\n")
    root = workspace(tmp_path, {"hr.avg": text, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        await diagnostics(client, document, 1)
        unused = [a for a in await actions(client, document, 8) if "AVG009" in a.title]
        assert unused and unused[0].is_preferred
        fix_all = await actions(client, document, 0, only=["source.fixAll"])
        assert [a.kind for a in fix_all] == ["source.fixAll.avglint"]
        fixed = apply(text, edits_of(fix_all[0]))
        suppress = [a for a in await actions(client, document, 11) if "suppress" in a.title][0]
        plain = apply(text, edits_of(suppress))
    assert fixed == HR.replace("Gerechtigd", "Gerechtvaardigd")
    assert "  grondslag: Gerechtigd belang  # avglint: ignore[AVG202] \n" in plain


async def hover(client, document, line, character):
    return await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=document), position=at(line, character)))


async def test_hover_on_keys_rule_ids_bases_and_terms(tmp_path):
    text = HR.replace("  id: HR-1\n", "  id: HR-1  # avglint: ignore[AVG703] reden\n").replace(
        "naam, adres, rekeningnummer", "naam, adres, gezondheidsgegevens")
    root = workspace(tmp_path, {"hr.avg": text, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        await diagnostics(client, document, 1)
        key = await hover(client, document, 8, 4)
        rule = await hover(client, document, 7, 32)
        basis = await hover(client, document, 11, 16)
        term = await hover(client, document, 10, 30)
        kind = await hover(client, document, 6, 3)
    assert "**doel** (purpose)" in key.contents.value and "Art. 30(1)(b) GDPR" in key.contents.value
    assert key.range == types.Range(start=at(8, 2), end=at(8, 6))
    assert rule.contents.value.startswith("# AVG703 ")
    assert "Art. 6(1)(f) GDPR, legitimate interest" in basis.contents.value
    assert "Special category of personal data" in term.contents.value and "health" in term.contents.value
    assert "processing activity" in kind.contents.value


async def test_hover_in_dutch(tmp_path):
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS, ".avglint.yaml": "lang: nl\n"})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        await diagnostics(client, document, 1)
        key = await hover(client, document, 13, 5)
        basis = await hover(client, document, 11, 16)
    assert "art. 30 lid 1 sub f AVG" in key.contents.value and "Hoe lang" in key.contents.value
    assert "art. 6 lid 1 sub f AVG, Gerechtvaardigd belang" in basis.contents.value


async def complete(client, document, line, character):
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=document), position=at(line, character)))
    return [item.label for item in result.items] if result else []


async def test_completion_of_keys_blocks_and_values(tmp_path):
    text = HR.replace("  verwerkers: Loonservice\n", "  bewa\n  grondslag: \n  verwerkers: \n"
                      "  bijzondere gegevens: \n  bewaartermijn: \n")
    root = workspace(tmp_path, {"hr.avg": text, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        await diagnostics(client, document, 1)
        keys = await complete(client, document, 14, 6)
        top = await complete(client, document, 21, 0)
        organisation = await complete(client, document, 1, 0)
        bases = await complete(client, document, 15, 13)
        processors = await complete(client, document, 16, 14)
        categories = await complete(client, document, 17, 23)
        retention = await complete(client, document, 18, 17)
    assert "bewaartermijn" not in keys  # already in the block
    assert {"profilering", "dpia", "beveiliging"} <= set(keys) and "waarborg" not in keys
    assert top == ["organisatie", "groep", "verwerking", "verwerker"]
    assert {"groep", "verwerking", "fg", "vertegenwoordiger"} <= set(organisation)
    assert {"Toestemming", "Gerechtvaardigd belang", "Consent"} <= set(bases)
    assert processors == ["Loonservice"]
    assert "gezondheid" in " ".join(categories)
    assert any(label.startswith("… jaar na") for label in retention)


async def test_outline_definition_references_and_formatting(tmp_path):
    text = 'organisatie "Acme" {\n  groep "HR" {\n    verwerking "Salaris" {\n      verwerkers: Loonservice\n' \
           '    }\n  }\n}\nverwerking   "Werving"  {\n  verwerkers:   loonservice\n}\n'
    root = workspace(tmp_path, {"hr.avg": text, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        await diagnostics(client, document, 1)
        symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
            text_document=types.TextDocumentIdentifier(uri=document)))
        definition = await client.text_document_definition_async(types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=document), position=at(3, 20)))
        references = await client.text_document_references_async(types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=document), position=at(8, 17),
            context=types.ReferenceContext(include_declaration=True)))
        formatted = await client.text_document_formatting_async(types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=document),
            options=types.FormattingOptions(tab_size=4, insert_spaces=True)))
    outline = [(s.name, s.kind, [(c.name, [g.name for g in c.children]) for c in s.children]) for s in symbols]
    assert outline == [("Acme", types.SymbolKind.Namespace, [("HR", ["Salaris"])]),
                       ("Werving", types.SymbolKind.Function, [])]
    assert [(d.uri, d.range.start.line) for d in definition] == [(uri(root / "verwerkers.avg"), 0)]
    assert sorted((r.uri.rsplit("/", 1)[1], r.range.start.line) for r in references) == [
        ("hr.avg", 3), ("hr.avg", 8), ("verwerkers.avg", 0)]
    assert len(formatted) == 1 and 'verwerking "Werving" {\n' in formatted[0].new_text


async def test_suppress_here_in_a_privacy_statement(tmp_path):
    """In a statement the suppression is an HTML comment before the paragraph; with a reason it silences it."""
    statement = "# Privacyverklaring\n\nWij verwerken uw gegevens.\n"
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS,
                                ".avglint.yaml": "statements: [privacy.md]\n", "privacy.md": statement})
    async with session(root) as client:
        document = open_document(client, root / "privacy.md")
        found = await diagnostics(client, document, 1)
        line = found[0].range.start.line
        rule_id = found[0].code
        suppress = [a for a in await actions(client, document, line) if a.title == f"avglint ({rule_id}): "
                    f"suppress {rule_id} here"]
        assert suppress and not suppress[0].is_preferred
        suppressed = apply(statement, edits_of(suppress[0]))
        assert f"<!-- avglint: ignore[{rule_id}] " in suppressed
        with_reason = suppressed.replace(f"ignore[{rule_id}] ", f"ignore[{rule_id}] staat in de bijlage")
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=document, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=with_reason)]))
        remaining = await diagnostics(client, document, 2)
    # the suppressed finding goes; the others stay, one line further down
    assert [(d.code, d.range.start.line) for d in remaining] == \
        [(d.code, d.range.start.line + 1) for d in found if d.code != rule_id]
