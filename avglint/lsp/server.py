"""The server: document state, the scheduling of checks, and the wiring of every feature.

Checks run one at a time on a worker thread (the engine keeps per-run state in module
globals), so the server goes on reading messages while one runs. A change waits ``debounce``
seconds for the next keystroke; open and save check at once. Every check takes a snapshot of
all open documents (the rest of the register and the configured statements come from disk
through ``avglint.app``), and its diagnostics are published only for documents that are still
at the version it checked: a newer version has a newer check on its way, so an older result
never follows a newer one.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__, app, readings
from ..engine import LintResult, RuleCrash
from ..findings import Finding
from ..parser import ParseResult
from ..source import SourceFile
from ..statement import is_statement_path
from . import positions

# What a check must see again when it changes on disk (the configuration, the rest of the register).
WATCHED = ("**/*.avg", "**/.avglint.yaml", "**/.avglint.yml", "**/avglint.yaml", "**/pyproject.toml",
           "**/*.md", "**/*.html", "**/*.htm", "**/*.txt")


@dataclass
class Checked:
    """The last check of one document: what it found and the model it was found in."""

    version: int | None
    source: SourceFile
    parsed: ParseResult | None       # None for a privacy statement
    findings: list[Finding]          # not suppressed, in this document
    result: LintResult               # the whole check (every register read, for processors across files)
    lang: str
    vocabularies: dict | None        # the configuration's additions to the vocabularies


class AvglintServer(LanguageServer):
    def __init__(self, debounce: float = 0.05):
        super().__init__("avglint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.lang: str | None = os.environ.get("AVGLINT_LANG") or None
        self.checked: dict[str, Checked] = {}
        self.published: dict[str, int | None] = {}
        self.parses: dict[str, ParseResult] = {}  # of the last check, by display path (on the worker only)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="avglint-check")
        self._timer: asyncio.TimerHandle | None = None
        self._shown_problems: set[str] = set()
        self.shutdown_requested = False       # the exit status at ``exit``: 0 only after ``shutdown``
        self._checking = 0                    # checks under way (the collector waits for them)

    # -- negotiated facts ------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or positions.UTF16

    def supports(self, *path: str) -> bool:
        """Whether the client's capabilities have this (nested, snake_case) flag set."""
        node = self.client_capabilities
        for name in path:
            node = getattr(node, name, None)
            if node is None:
                return False
        return bool(node)

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    # -- which documents are checked -------------------------------------------------------
    def wanted(self, uri: str) -> bool:
        """A register or statement on disk, or a register not saved yet (an editor's "untitled:" document)."""
        if not uri.startswith("file:"):
            document = self.workspace.text_documents.get(uri)
            return document is not None and document.language_id == "avg"
        path = to_fs_path(uri)
        return bool(path) and (path.endswith(".avg") or is_statement_path(path))

    def schedule(self, delay: float) -> None:
        """Check the open documents after ``delay`` seconds (a later call replaces an earlier wait)."""
        if self._timer is not None:
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(delay, lambda: asyncio.ensure_future(self.check_open_documents()))

    async def check_open_documents(self) -> None:
        """Check the open documents and publish; the cyclic garbage collector waits until they are
        published. A check of a large register makes a million objects and leaves the results it
        replaces as garbage: left to itself, the collector went over them just before the diagnostics,
        every few edits for tenths of a second. One full collection after publishing costs about as much
        and falls in the pause in typing that the check was waiting for."""
        self._checking += 1
        gc.disable()
        try:
            await self._check_and_publish()
        finally:
            self._checking -= 1
            if not self._checking:  # the last of overlapping checks (a hover may ask for one) is done
                gc.enable()
                gc.collect()

    async def _check_and_publish(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        snapshot = [(uri, document.version, document.source)
                    for uri, document in list(self.workspace.text_documents.items()) if self.wanted(uri)]
        if not snapshot:
            return
        loop = asyncio.get_running_loop()
        try:
            outcome = await loop.run_in_executor(self._worker, self._check, snapshot, self.encoding)
        except Exception:  # noqa: BLE001 - a bug must not stop the server: it is logged, the editor goes on
            self.log(f"avglint: the check failed:\n{traceback.format_exc()}", types.MessageType.Error)
            return
        published, states, messages = outcome
        for message, kind in messages:
            self.log(message, kind)
            if kind == types.MessageType.Error and message not in self._shown_problems:
                self._shown_problems.add(message)
                self.window_show_message(types.ShowMessageParams(type=kind, message=message))
        for uri, (version, diagnostics) in published.items():
            document = self.workspace.text_documents.get(uri)
            if document is not None and document.version != version:
                continue  # edited since: the check of the newer version publishes
            last = self.published.get(uri)
            if version is not None and last is not None and last > version:
                continue
            self.published[uri] = version
            if uri in states:
                self.checked[uri] = states[uri]
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def _check(self, snapshot, encoding):
        """On the worker: check the snapshot, one run per project. Returns the diagnostics per uri,
        the state per open document and the messages for the log."""
        projects: dict[str, list] = {}
        messages: list[tuple[str, types.MessageType]] = []
        published, states, parses = {}, {}, {}
        for uri, version, text in snapshot:
            if not uri.startswith("file:"):
                self._check_unsaved(uri, version, text, encoding, published, states, messages)
                continue
            path = to_fs_path(uri)
            try:
                project = app.load_project((path,), None, False)
            except app.RequestError as error:
                messages.append((f"avglint: {error}", types.MessageType.Error))
                continue
            key = project.path or str(project.register_root or os.path.dirname(path))
            projects.setdefault(key, [project, []])[1].append((uri, path, version, text))
        for project, documents in projects.values():
            outcome, crashes = self._run(project, documents, messages)
            messages.extend((message, types.MessageType.Error) for message in crashes)
            if outcome is None:
                continue
            if not outcome.config.extra_fields:  # a check with 'extra-fields' changed its parse results
                parses.update((result.source.path, result) for result in outcome.result.parsed)
            by_path: dict[str, list[Finding]] = {}
            for finding in outcome.result.findings:
                if finding.suppression is None:
                    by_path.setdefault(os.path.abspath(finding.span.path), []).append(finding)
            versions = {os.path.abspath(path): (uri, version) for uri, path, version, _ in documents}
            parsed = {os.path.abspath(result.source.path): result for result in outcome.result.parsed}
            for path in outcome.files_read:
                absolute = os.path.abspath(path)
                uri, version = versions.get(absolute, (from_fs_path(absolute), None))
                if absolute not in versions and not is_statement_path(absolute):
                    continue  # the rest of the register: read, not reported
                result = parsed.get(absolute) if absolute in versions else None
                register = None if is_statement_path(absolute) else result
                self._record(uri, version, result, register, by_path.get(absolute, []), outcome, encoding, published,
                             states)
        self.parses = parses  # the next check reads these files again only where they changed
        return published, states, messages

    def _run(self, project, documents, messages):
        """``avglint check`` of the open documents of one project, with their unsaved texts, and of the
        privacy statements its configuration names (an open document that is not one of them is not
        a statement of this project: a README, say). A rule that raises is logged and left out, so
        that the other rules' findings still arrive."""
        configured = {os.path.realpath(p): p for p in app.project_statements(project)}
        documents = [d for d in documents if not is_statement_path(d[1]) or os.path.realpath(d[1]) in configured]
        open_paths = {os.path.realpath(path) for _, path, _, _ in documents}
        statements = [p for real, p in configured.items() if real not in open_paths]
        if not documents:
            return None, []
        overlays = {os.path.realpath(path): text.encode("utf-8", "surrogatepass") for _, path, _, text in documents}
        return self._checked(app.CheckRequest(
            paths=tuple(path for _, path, _, _ in documents), statements=tuple(statements), overlays=overlays,
            lang=self.lang, previous=self.parses), messages)

    def _check_unsaved(self, uri, version, text, encoding, published, states, messages) -> None:
        """A register the editor has not saved yet: checked on its own, without a configuration (it is in no
        folder), under the name the editor gives it."""
        name = uri.partition(":")[2].rsplit("/", 1)[-1] or "untitled"
        outcome, crashes = self._checked(app.CheckRequest(
            paths=("-",), stdin=text.encode("utf-8", "surrogatepass"), stdin_filename=name, no_config=True,
            register_context=False, lang=self.lang), messages)
        messages.extend((message, types.MessageType.Error) for message in crashes)
        if outcome is None or not outcome.result.parsed:
            return
        found = [finding for finding in outcome.result.findings if finding.suppression is None]
        parsed = outcome.result.parsed[0]
        self._record(uri, version, parsed, parsed, found, outcome, encoding, published, states)

    def _record(self, uri, version, result, register, found, outcome, encoding, published, states) -> None:
        """What a check says of one document: its diagnostics (``published``) and, for an open document that was
        read (``result``), what hover and code actions read of it (``states``)."""
        from .diagnostics import diagnostic

        lang = outcome.config.lang
        published[uri] = (version, [diagnostic(f, lang, encoding, self) for f in found])
        if result is not None:
            states[uri] = Checked(version, result.source, register, found, outcome.result, lang,
                                  outcome.config.vocabularies)

    def _checked(self, request: app.CheckRequest, messages):
        """``app.check(request)`` and the crashes of rules left out to get it (None: it could not be made)."""
        crashes: list[str] = []
        while True:
            try:
                return app.check(request), crashes
            except RuleCrash as crash:
                crashes.append(f"avglint: {crash}; its findings are left out until it is fixed\n"
                               + "".join(traceback.format_exception(crash.error)))
                request = replace(request, ignore=[*request.ignore, crash.rule.id])
            except app.RequestError as error:
                messages.append((f"avglint: {error}", types.MessageType.Error))
                return None, crashes

    async def state(self, uri: str) -> Checked | None:
        """The check of the document as it is now (checked first when it has changed since)."""
        document = self.workspace.text_documents.get(uri)
        checked = self.checked.get(uri)
        if document is None or not self.wanted(uri):
            return None
        if checked is None or checked.version != document.version:
            await self.check_open_documents()
            checked = self.checked.get(uri)
        return checked if checked is not None and checked.version == document.version else None

    def run_in_worker(self, function, *args):
        return asyncio.get_running_loop().run_in_executor(self._worker, function, *args)


def build(debounce: float = 0.05) -> AvglintServer:
    from . import actions, completion, formatting, hover, navigation

    server = AvglintServer(debounce)
    readings.keep_text_readings()  # an edit leaves most values as they were: read each text once

    @server.feature(types.INITIALIZE)
    def initialize(ls: AvglintServer, params: types.InitializeParams):
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        if options.get("lang") in ("en", "nl"):
            ls.lang = options["lang"]
        if isinstance(options.get("debounce"), (int, float)):
            ls.debounce = float(options["debounce"])

    @server.feature(types.INITIALIZED)
    def initialized(ls: AvglintServer, params: types.InitializedParams):
        if ls.supports("workspace", "did_change_watched_files", "dynamic_registration"):
            watchers = [types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
            ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="avglint-watched-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: AvglintServer, params: None):
        ls.shutdown_requested = True

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: AvglintServer, params: types.DidOpenTextDocumentParams):
        if ls.wanted(params.text_document.uri):
            ls.schedule(0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: AvglintServer, params: types.DidChangeTextDocumentParams):
        if ls.wanted(params.text_document.uri):
            ls.schedule(ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: AvglintServer, params: types.DidSaveTextDocumentParams):
        ls.schedule(0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: AvglintServer, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        ls.checked.pop(uri, None)
        ls.published.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        ls.schedule(ls.debounce)  # the other documents now see this file as it is on disk

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: AvglintServer, params: types.DidChangeWatchedFilesParams):
        # the configuration is read again by every check; readings made with the vocabularies it replaced
        # would only take memory: they go, on the worker, between checks
        ls.run_in_worker(partial(readings.forget, everything=True))
        ls.schedule(0)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: AvglintServer, params: types.DidChangeConfigurationParams):
        ls.schedule(0)

    actions.register(server)
    hover.register(server)
    completion.register(server)
    navigation.register(server)
    formatting.register(server)
    return server


def main() -> None:
    # the protocol has standard output to itself: anything else printed goes to standard error
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    server = build()
    server.start_io(sys.stdin.buffer, channel)
    # pygls's reader thread is still blocked reading standard input, which only the client's closing
    # ends, and the interpreter would wait for it at exit: the client waits for this process first
    sys.stderr.flush()
    os._exit(0 if server.shutdown_requested else 1)
