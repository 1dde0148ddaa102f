"""Diagnostics: on open, change and save; their fields; the rest of the register and the configured
statements; the newest version only; configuration changes; a rule that raises; positions in every
encoding."""

from __future__ import annotations

import asyncio
import os
import textwrap

import pytest
from lsprotocol import types

from .conftest import change_document, diagnostics, open_document, session, uri, workspace

pytestmark = pytest.mark.asyncio

HR = textwrap.dedent("""\
    organisatie "Acme B.V." {
      contact: privacy@acme.nl
      beveiliging: versleuteling, toegangsbeheer
      doorgifte: geen
    }

    verwerking "Salarisadministratie" {
      id: HR-1
      doel: salaris betalen
      betrokkenen: medewerkers
      gegevens: naam, adres, rekeningnummer
      grondslag: Gerechtigd belang
      belang: tijdige betaling van salaris aan medewerkers
      bewaartermijn: 7 jaar na uitdiensttreding
      verwerkers: Loonservice
    }
    """)
PROCESSORS = 'verwerker "Loonservice" {\n  land: Nederland\n  overeenkomst: getekend 2024\n}\n'


def codes(found) -> list[str]:
    return [d.code for d in found]


async def test_open_publishes_every_field_of_a_diagnostic(tmp_path):
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        found = await diagnostics(client, document, 1)
    assert codes(found) == ["AVG202"]
    basis = found[0]
    assert basis.source == "avglint"
    assert basis.severity == types.DiagnosticSeverity.Warning
    assert basis.code_description.href.endswith("/docs/rules/AVG202.md")
    assert basis.range == types.Range(start=types.Position(line=11, character=13),
                                      end=types.Position(line=11, character=30))
    assert "Gerechtvaardigd belang" in basis.message


async def test_the_rest_of_the_register_is_read_from_disk(tmp_path):
    """An id taken in another file of the register (unopened, on disk) is a duplicate in the open one,
    with the other file's place as related information."""
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        alone = await diagnostics(client, document, 1)
        (root / "a.avg").write_text('verwerking "Ander" {\n  id: HR-1\n}\n', encoding="utf-8")
        start = len(client.published)
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
            uri=uri(root / "a.avg"), type=types.FileChangeType.Created)]))
        together = await diagnostics(client, document, 1, after=start)
    assert codes(alone) == ["AVG202"]
    duplicate = [d for d in together if d.code == "AVG007"]
    assert duplicate and duplicate[0].range.start.line == 7
    related = duplicate[0].related_information[0].location
    assert related.uri == uri(root / "a.avg") and related.range.start.line == 1


async def test_change_and_save_publish_for_the_newest_version_only(tmp_path):
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        await diagnostics(client, document, 1)
        start = len(client.published)
        fixed = HR.replace("Gerechtigd", "Gerechtvaardigd")
        for version in range(2, 12):  # typed faster than the debounce: only the last version is checked
            change_document(client, document, version, fixed if version == 11 else HR)
        assert await diagnostics(client, document, 11, after=start) == []
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=document)))
        await diagnostics(client, document, 11, after=len(client.published))
        versions = [p.version for p in client.published[start:] if p.uri == document]
    assert versions and set(versions) == {11}


async def test_unsaved_text_is_checked_not_the_file_on_disk(tmp_path):
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg", HR.replace("Gerechtigd", "Gerechtvaardigd"))
        assert await diagnostics(client, document, 1) == []


async def test_a_register_not_saved_yet_is_checked_on_its_own(tmp_path):
    """An editor's new, unsaved register ("untitled:") is checked by itself, without the register or the
    configuration of the folder the editor has open; a new document in another language is not."""
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS, ".avglint.yaml": "ignore: [AVG202]\n"})
    unsaved, note = "untitled:Untitled-1", "untitled:Untitled-2"
    async with session(root) as client:
        for document, language in ((note, "plaintext"), (unsaved, "avg")):
            client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
                uri=document, language_id=language, version=1, text=HR + PROCESSORS)))
        found = await diagnostics(client, unsaved, 1)
        key = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=unsaved), position=types.Position(line=8, character=4)))
        start = len(client.published)
        change_document(client, unsaved, 2, (HR + PROCESSORS).replace("Gerechtigd", "Gerechtvaardigd"))
        fixed = await diagnostics(client, unsaved, 2, after=start)
        start = len(client.published)
        client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=unsaved)))
        closed = await diagnostics(client, unsaved, None, after=start)
        published = {params.uri for params in client.published}
    assert codes(found) == ["AVG202", "AVG114"]  # the folder's configuration ignores AVG202
    assert found[0].range.start == types.Position(line=11, character=13)
    assert "**doel** (purpose)" in key.contents.value
    assert codes(fixed) == ["AVG114"] and closed == []
    assert note not in published


async def test_related_information_and_the_unnecessary_tag(tmp_path):
    text = HR.replace("  id: HR-1\n", "  id: HR-1  # avglint: ignore[AVG703] niet nodig\n") + \
        'verwerking "Tweede" {\n  id: HR-1\n  doel: x\n}\n'
    root = workspace(tmp_path, {"hr.avg": text, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        found = await diagnostics(client, document, 1)
    unused = [d for d in found if d.code == "AVG009"]
    assert unused and list(unused[0].tags) == [types.DiagnosticTag.Unnecessary]
    duplicate = [d for d in found if d.related_information]
    assert duplicate, codes(found)
    assert duplicate[0].related_information[0].location.uri == document
    assert duplicate[0].related_information[0].location.range.start.line == 7


async def test_configured_statements_get_diagnostics(tmp_path):
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS,
                                ".avglint.yaml": "statements: [privacy.md]\n",
                                "privacy.md": "# Privacyverklaring\n\nWij verwerken uw gegevens.\n"})
    async with session(root) as client:
        open_document(client, root / "hr.avg")
        found = await diagnostics(client, uri(root / "privacy.md"))
    assert found and all(d.code.startswith("AVG9") for d in found)


async def test_a_configuration_change_applies_without_a_restart(tmp_path):
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        assert codes(await diagnostics(client, document, 1)) == ["AVG202"]
        (root / ".avglint.yaml").write_text("ignore: [AVG202]\nlang: nl\n", encoding="utf-8")
        start = len(client.published)
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
            uri=uri(root / ".avglint.yaml"), type=types.FileChangeType.Created)]))
        assert await diagnostics(client, document, 1, after=start) == []
        (root / ".avglint.yaml").unlink()
        (root / "pyproject.toml").write_text("[tool.avglint]\nlang = 'nl'\n", encoding="utf-8")
        start = len(client.published)
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
            uri=uri(root / "pyproject.toml"), type=types.FileChangeType.Created)]))
        dutch = await diagnostics(client, document, 1, after=start)
    assert codes(dutch) == ["AVG202"] and "is verkeerd gespeld" in dutch[0].message or "schrijf" in dutch[0].message
    assert dutch[0].code_description.href.endswith("/docs/rules/nl/AVG202.md")


async def test_a_configuration_error_is_shown_and_the_server_goes_on(tmp_path):
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS, ".avglint.yaml": "selekt: [AVG2]\n"})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg")
        while not client.messages:
            await asyncio.sleep(0.02)
        assert "selekt" in client.messages[0].message
        (root / ".avglint.yaml").write_text("select: [AVG2]\n", encoding="utf-8")
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
            uri=uri(root / ".avglint.yaml"), type=types.FileChangeType.Changed)]))
        assert codes(await diagnostics(client, document, 1)) == ["AVG202"]


CRASHING_PLUGIN = '''
from avglint.registry import rule


@rule(id="AVG991", slug="valt-om", severity="warning", title=("Crashes.", "Valt om."))
def crashes(activity, ctx):
    """
    ## What it checks
    Nothing: it raises.

    ## Why
    To test.
    <!-- nl -->
    ## Wat het controleert
    Niets: het faalt.

    ## Waarom
    Om te testen.
    """
    raise ZeroDivisionError("on purpose")
    yield
'''


async def test_a_rule_that_raises_is_logged_and_the_other_findings_still_arrive(tmp_path):
    site = tmp_path / "site"
    (site / "crash_rules-1.0.dist-info").mkdir(parents=True)
    (site / "crash_rules-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: crash-rules\nVersion: 1.0\n", encoding="utf-8")
    (site / "crash_rules-1.0.dist-info" / "entry_points.txt").write_text(
        "[avglint.rules]\ncrash = crash_rules\n", encoding="utf-8")
    (site / "crash_rules.py").write_text(CRASHING_PLUGIN, encoding="utf-8")
    root = workspace(tmp_path / "ws", {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    async with session(root, env=env) as client:
        document = open_document(client, root / "hr.avg")
        found = await diagnostics(client, document, 1)
        logged = [m.message for m in client.log_messages]
    assert codes(found) == ["AVG202"]
    assert any("AVG991" in message and "ZeroDivisionError" in message for message in logged)


async def test_nothing_in_a_document_stops_the_server(tmp_path):
    root = workspace(tmp_path, {"hr.avg": HR, "verwerkers.avg": PROCESSORS})
    async with session(root) as client:
        document = open_document(client, root / "hr.avg", "\x00\udcff{{{ \"\n}}}}\ufeff" * 3 + "verwerking {")
        assert await diagnostics(client, document, 1)
        change_document(client, document, 2, HR)
        assert codes(await diagnostics(client, document, 2)) == ["AVG202"]


@pytest.mark.parametrize("encoding, start, end", [(None, 25, 42), ("utf-8", 28, 45), ("utf-32", 24, 41)])
async def test_positions_in_the_negotiated_encoding(tmp_path, encoding, start, end):
    """One astral character (two UTF-16 units, four UTF-8 bytes) and a combining acute (two UTF-8
    bytes) before the finding: the column counts them as the client does."""
    text = HR.replace("  bewaartermijn: 7 jaar na uitdiensttreding\n",
                      '  bewaartermijn: "\U0001F600 e\u0301" zo lang als nodig\n')
    root = workspace(tmp_path, {"hr.avg": text, "verwerkers.avg": PROCESSORS})
    async with session(root, encodings=[encoding] if encoding else None) as client:
        negotiated = client.server_info.capabilities.position_encoding
        document = open_document(client, root / "hr.avg")
        found = await diagnostics(client, document, 1)
    assert negotiated == (encoding or "utf-16")
    vague = [d for d in found if d.range.start.line == 13]
    assert vague, codes(found)
    assert (vague[0].range.start.character, vague[0].range.end.character) == (start, end)
