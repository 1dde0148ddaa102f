"""Helpers for the language server's end-to-end tests: a pytest-lsp client talking to
``python -m avglint lsp`` over standard input and output, in a workspace of the test's own."""

from __future__ import annotations

import asyncio
import sys
from contextlib import asynccontextmanager
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

WAIT = 120  # seconds before a diagnostic that never comes fails the test instead of hanging it


def uri(path: Path) -> str:
    return from_fs_path(str(path))


def workspace(root: Path, files: dict[str, str]) -> Path:
    """A repository (so that its files are one register) holding ``files``."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def capabilities(*, encodings: list[str] | None = None, snippets: bool = False) -> types.ClientCapabilities:
    """VS Code's capabilities as pytest-lsp records them, with the position encodings offered."""
    offered = client_capabilities("visual-studio-code")
    offered.general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
    if snippets and offered.workspace and offered.workspace.workspace_edit:
        offered.workspace.workspace_edit.snippet_edit_support = True
    return offered


@asynccontextmanager
async def session(root: Path, *, encodings=None, snippets=False, env=None, options=None):
    """A started and initialised server; yields the client, which records every publication in
    ``client.published`` (the params, in order) besides pytest-lsp's own bookkeeping."""
    published: list[types.PublishDiagnosticsParams] = []

    def record(client: LanguageClient, params: types.PublishDiagnosticsParams):
        published.append(params)
        client.diagnostics[params.uri] = params.diagnostics

    def register_capability(client: LanguageClient, params: types.RegistrationParams):
        client.registrations.extend(params.registrations)

    client = LanguageClient(converter_factory=default_converter)
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: record,
                                   types.CLIENT_REGISTER_CAPABILITY: register_capability})
    client.registrations = []
    client.published = published
    await client.start_io(sys.executable, "-m", "avglint", "lsp", env=env, cwd=str(root))
    try:
        result = await client.initialize_session(types.InitializeParams(
            capabilities=capabilities(encodings=encodings, snippets=snippets), root_uri=uri(root),
            workspace_folders=[types.WorkspaceFolder(uri=uri(root), name="ws")], initialization_options=options))
        client.server_info = result
        yield client
        await client.shutdown_session()
    finally:
        if client._server is not None and client._server.returncode is None:
            client._server.kill()  # a failed test leaves the server running: stop() would wait for it
        await client.stop()


def open_document(client, path: Path, text: str | None = None, version: int = 1) -> str:
    text = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri(path), language_id="avg", version=version, text=text)))
    return uri(path)


def change_document(client, document: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=document, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def diagnostics(client, document: str, version: int | None = None, *, after: int = 0):
    """The first publication for ``document`` (at ``version``, when given) among those from index
    ``after`` on; waits for it."""
    async def first():
        while True:
            for params in client.published[after:]:
                if params.uri == document and (version is None or params.version == version):
                    return list(params.diagnostics)
            await asyncio.sleep(0.02)

    try:
        return await asyncio.wait_for(first(), WAIT)
    except TimeoutError:
        seen = [(p.uri.rsplit("/", 1)[-1], p.version) for p in client.published]
        raise AssertionError(f"no diagnostics for {document} at version {version} after {after}: {seen}, "
                             f"log: {[m.message for m in client.log_messages]}") from None
