"""SARIF 2.1.0 output.

The only module that knows SARIF. It follows GitHub code scanning's rules
(docs/github-actions.md): one run, every enabled rule listed, one location per
result with all four region fields (code-point columns, end exclusive),
repository-relative URIs, ``partialFingerprints.primaryLocationLineHash``
computed as GitHub's upload action does, ``results`` present even when empty,
``suppressions`` on every result (empty unless suppressed).

The log is built as plain JSON data, each object written with the property names of
SARIF's object model as sarif-om declares it (tests/test_sarif.py holds every object of
the logs it builds against sarif-om's classes): building sarif-om objects first and
turning them into JSON by reflection cost more than checking a large register's
findings. A property is left out when it has no value, as sarif-om leaves out unset ones.
The log is written compact, in one call of the JSON encoder; indented for a person
(``indent``: on a terminal).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from .. import __version__
from ..findings import Finding
from ..source import printable
from . import Options
from .fingerprint import line_hashes_at

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/avglint/avglint"
DOCS_URI = INFORMATION_URI + "/blob/main/docs/rules/{id}.md"
MAX_RESULTS = 25_000          # GitHub keeps at most this many results per run
MAX_DESCRIPTION = 1024        # GitHub's limit on short/full descriptions
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}


def repository_root(start: Path) -> Path:
    """The git work tree containing ``start`` (URIs are relative to it, as GitHub expects), else ``start``."""
    from ..config import repository_root as work_tree

    return work_tree(start) or start.resolve()


def artifact_uri(path: str, root: Path) -> str:
    """A repository-relative, percent-encoded POSIX URI; a file:// URI outside the root."""
    absolute = Path(os.path.realpath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return absolute.as_uri()
    return quote(relative.as_posix(), safe="/", errors="surrogateescape")  # a byte of the name as %XX


def _artifact_location(uri: str) -> dict:
    """A uriBaseId only goes with a relative URI (SARIF1004); files outside the root get a file:// URI alone."""
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _message(text: str) -> dict:
    return {"text": _sentence(text)}


def _first_paragraphs(markdown: str, limit: int) -> str:
    """Plain text of the first section ('What it checks'), within ``limit`` characters."""
    body = markdown
    if body.startswith("## "):
        body = body.split("\n", 1)[1] if "\n" in body else ""
    body = body.split("\n## ", 1)[0]
    text = re.sub(r"`([^`]*)`", r"\1", " ".join(body.split()))
    text = re.sub(r"\*\*([^*]*)\*\*", r"\1", text)
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    return cut[:cut.rfind(" ")].rstrip(",;:") + "…"


def _plain(markdown: str) -> str:
    return re.sub(r"^#+ ", "", markdown, flags=re.M)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(".") else text + "."  # SARIF2001: messages end with a period


class SarifWriter:
    """Builds the log for one run of ``avglint check``."""

    def __init__(self, *, lang: str = "en", root: Path | None = None, category: str = "avglint",
                 omit_suppressed: bool = False):
        self.lang = lang
        self.root = root or repository_root(Path.cwd())
        self.category = category.rstrip("/") + "/"
        self.omit_suppressed = omit_suppressed

    def log(self, result, *, notifications: list[tuple[str, str]] = ()) -> dict:
        rules = sorted(result.rules, key=lambda r: r.id)
        index = {rule.id: i for i, rule in enumerate(rules)}
        uris: dict[str, str] = {}
        for source in result.sources:
            uris[source.path] = artifact_uri(source.path, self.root)
        findings = [f for f in result.findings if not (self.omit_suppressed and f.suppression is not None)]
        notes = [self._notification("warning", text, rule) for rule, text in notifications]
        if len(findings) > MAX_RESULTS:
            order = {"error": 0, "warning": 1, "note": 2}
            findings = sorted(findings, key=lambda f: order[f.severity])[:MAX_RESULTS]
            notes.append(self._notification("warning", f"Only the {MAX_RESULTS} most severe findings are in this "
                                            "log (GitHub's limit per run).", "AVG000"))
        lines: dict[str, set[int]] = {}
        sources = {}
        for finding in findings:
            lines.setdefault(finding.span.path, set()).add(finding.span.line)
            sources[finding.span.path] = finding.span.source
        hashes = {path: line_hashes_at(("\ufeff" if source.bom else "") + printable(source.text), lines[path])
                  for path, source in sources.items()}
        run = {
            "tool": self._tool([self._rule(rule) for rule in rules]),
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notes}],
            "artifacts": [{"location": _artifact_location(uris[s.path]), "roles": ["analysisTarget"],
                           "encoding": "UTF-8"} for s in result.sources],
            "results": [self._result(finding, index, uris, hashes) for finding in findings],
            "automationDetails": {"id": self.category},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": self.root.as_uri() + "/"}},
        }
        return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}

    def failed(self, message: str, *, configuration: bool = False) -> dict:
        """The log of a run that could not be completed (exit status 2): never looks like a clean run."""
        note = self._notification("error", message, "AVG000")
        invocation = {"executionSuccessful": False,
                      "toolConfigurationNotifications" if configuration else "toolExecutionNotifications": [note]}
        run = {"tool": self._tool([]), "invocations": [invocation], "results": [],
               "automationDetails": {"id": self.category}}
        return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}

    @staticmethod
    def _tool(rules: list[dict]) -> dict:
        return {"driver": {"name": "avglint", "version": __version__, "semanticVersion": __version__,
                           "informationUri": INFORMATION_URI, "rules": rules}}

    @staticmethod
    def _notification(level: str, text: str, rule_id: str) -> dict:
        return {"message": _message(text), "level": level, "descriptor": {"id": rule_id}}

    def _rule(self, rule) -> dict:
        docs = rule.docs.get(self.lang)
        title = rule.title.get(self.lang)
        return {
            "id": rule.id, "name": rule.slug,
            "shortDescription": {"text": title[:MAX_DESCRIPTION]},
            "fullDescription": {"text": _first_paragraphs(docs, MAX_DESCRIPTION)},
            "help": {"text": _plain(docs), "markdown": docs},
            "helpUri": DOCS_URI.format(id=rule.id) if self.lang == "en" else DOCS_URI.format(id=f"nl/{rule.id}"),
            "defaultConfiguration": {"level": rule.severity},
            "properties": {"tags": list(rule.tags), "precision": rule.precision,
                           "problem.severity": PROBLEM_SEVERITY[rule.severity]},
        }

    @staticmethod
    def _region(span, *, snippet: bool = True) -> dict:
        region = {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line,
                  "endColumn": span.end_column}
        if snippet:
            text = span.text
            if text:
                region["snippet"] = {"text": text[:1000]}
        return region

    def _location(self, span, uris, *, message: str | None = None, id: int | None = None) -> dict:
        uri = uris.get(span.path) or artifact_uri(span.path, self.root)
        location = {} if id is None else {"id": id}
        location["physicalLocation"] = {"artifactLocation": _artifact_location(uri), "region": self._region(span)}
        if message:
            location["message"] = _message(message)
        return location

    def _result(self, finding: Finding, index, uris, hashes) -> dict:
        span = finding.span
        location = self._location(span, uris)
        activity = finding.activity
        if activity is not None:
            location["logicalLocations"] = [{"name": activity.name or "", "fullyQualifiedName":
                                             activity.qualified_name, "kind": "object"}]
        result = {"ruleId": finding.rule}
        rule_index = index.get(finding.rule)
        if rule_index is not None:
            result["ruleIndex"] = rule_index
        result["level"] = finding.severity
        result["message"] = _message(finding.message.get(self.lang))
        result["locations"] = [location]
        if finding.related:
            result["relatedLocations"] = [
                self._location(related.span, uris, message=related.message.get(self.lang), id=i)
                for i, related in enumerate(finding.related, 1)]
        fingerprints = result["partialFingerprints"] = {"avglint/v1": finding.fingerprint}
        line_hash = hashes[span.path].get(span.line)
        if line_hash:
            fingerprints["primaryLocationLineHash"] = line_hash
        # SARIF: suppressions on every result or on none; GitHub shows suppressed results as open alerts,
        # so with omit_suppressed they are left out altogether
        if not self.omit_suppressed:
            result["suppressions"] = [] if finding.suppression is None else [self._suppression(finding.suppression,
                                                                                                uris)]
        if finding.fix is not None:
            result["fixes"] = [self._fix(finding.fix, uris)]
            if not finding.fix.safe:
                result["properties"] = {"fixSafety": "unsafe"}
        return result

    def _suppression(self, suppression, uris) -> dict:
        """The final SARIF 2.1.0 ``status`` (sarif-om, from 2.1.0-rtm.4, names it ``state``)."""
        written = {"kind": suppression.kind, "status": "accepted"}
        if suppression.justification:
            written["justification"] = suppression.justification
        if suppression.span is not None:
            written["location"] = self._location(suppression.span, uris)
        return written

    def _fix(self, fix, uris) -> dict:
        changes: dict[str, list] = {}
        for edit in fix.edits:
            changes.setdefault(edit.span.path, []).append(
                {"deletedRegion": self._region(edit.span, snippet=False), "insertedContent": {"text": edit.text}})
        return {"description": _message(fix.description.get(self.lang)),
                "artifactChanges": [{"artifactLocation": _artifact_location(uris.get(path) or
                                                                            artifact_uri(path, self.root)),
                                     "replacements": replacements} for path, replacements in changes.items()]}


def dump(log: dict, out: TextIO, *, indent: int | None = None) -> None:
    """Write the log: compact in one call of the C encoder (``json.dump`` and any ``indent`` go through
    the slower Python encoder), or indented for a person to read."""
    if indent is None:
        out.write(json.dumps(log, ensure_ascii=False, separators=(",", ":")))
    else:
        out.write(json.dumps(log, ensure_ascii=False, indent=indent))
    out.write("\n")


def write(result, out: TextIO, options: Options) -> None:
    log = SarifWriter(lang=options.lang, root=options.root, category=options.category,
                      omit_suppressed=options.omit_suppressed).log(result)
    dump(log, out, indent=2 if options.indent else None)
