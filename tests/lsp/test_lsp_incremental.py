"""Edits read again only in part (avglint/reparse.py) give the diagnostics a fresh open of the same text gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from .conftest import diagnostics, open_document, session, workspace

pytestmark = pytest.mark.asyncio

REGISTER = (Path(__file__).resolve().parents[2] / "examples" / "telecom-service-leek.avg").read_text(encoding="utf-8")
ADDED = '\nverwerking "Nieuwsbrief – café 𝄞" {\n    doel: nieuwsbrief sturen\n    gegevens: naam, e-mailadres\n}\n'


def position(text: str, offset: int) -> types.Position:
    """The LSP position (UTF-16, the default) of a character offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=text.count("\n", 0, offset),
                          character=len(text[line_start:offset].encode("utf-16-le")) // 2)


def edit(text: str, start: int, end: int, inserted: str) -> tuple[str, types.TextDocumentContentChangePartial]:
    """The text after the edit, and the edit as an editor sends it."""
    change = types.TextDocumentContentChangePartial(
        range=types.Range(start=position(text, start), end=position(text, end)), text=inserted)
    return text[:start] + inserted + text[end:], change


def edits(text: str):
    """Typing in a value, a block added, a syntax error made and mended, a block removed, non-ASCII text."""
    value = text.index("\n", text.index("doel:"))
    yield edit(text, value, value, " en archiveren")
    text = text[:value] + " en archiveren" + text[value:]
    yield edit(text, len(text), len(text), ADDED)
    text += ADDED
    brace = text.index("\n}\n") + 1
    yield edit(text, brace, brace + 1, "")
    text = text[:brace] + text[brace + 1:]
    yield edit(text, brace, brace, "}")
    text = text[:brace] + "}" + text[brace:]
    yield edit(text, len(text) - len(ADDED), len(text), "")
    text = text[:len(text) - len(ADDED)]
    value = text.index("\n", text.index("gegevens:"))
    yield edit(text, value, value, ", e\u0301tudes 👩‍👩‍👧")


def shown(found: list[types.Diagnostic], folder: str = ""):
    """What the editor shows of the diagnostics, the file's ``folder`` left out of messages; related places
    by file name."""
    return [(d.range, d.message.replace(folder, ""), d.code, d.severity, d.tags,
             [(r.location.uri.rsplit("/", 1)[-1], r.location.range, r.message) for r in d.related_information or ()])
            for d in found]


async def test_each_edit_gets_the_diagnostics_of_a_fresh_open_of_its_text(tmp_path):
    root = workspace(tmp_path / "edited", {"register.avg": REGISTER})
    texts, published = [], []
    async with session(root) as client:
        document = open_document(client, root / "register.avg")
        await diagnostics(client, document, 1)
        for version, (text, change) in enumerate(edits(REGISTER), 2):
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=document, version=version),
                content_changes=[change]))
            texts.append(text)
            published.append(await diagnostics(client, document, version))
    assert any(d.code == "AVG001" for d in published[2]) and not any(d.code == "AVG001" for d in published[3])
    fresh = workspace(tmp_path / "fresh", {f"v{number}/register.avg": text for number, text in enumerate(texts)})
    for number in range(len(texts)):
        (fresh / f"v{number}" / ".git").mkdir()  # each its own register
    async with session(fresh) as client:
        opened = [open_document(client, fresh / f"v{number}" / "register.avg") for number in range(len(texts))]
        for number, document in enumerate(opened):
            found = await diagnostics(client, document, 1)
            assert shown(found, f"v{number}/") == shown(published[number]), f"edit {number + 1}"
