"""SARIF 2.1.0 output, built with sarif-om's object model.

The only module that knows SARIF. It follows GitHub code scanning's rules
(docs/github-actions.md): one run, every enabled rule listed, one location per
result with all four region fields (code-point columns, end exclusive),
repository-relative URIs, ``partialFingerprints.primaryLocationLineHash``
computed as GitHub's upload action does, ``results`` present even when empty,
``suppressions`` on every result (empty unless suppressed).

sarif-om is imported only here, and only when SARIF is asked for: it is slow to
import and most runs do not need it. Its objects become JSON through a field map made
once per class (no reflection per object), and the log is written compact in one call
of the JSON encoder; indented for a person (``indent``: on a terminal).
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..findings import Finding
from ..source import printable
from . import Options
from .fingerprint import line_hashes_at

if TYPE_CHECKING:
    from ..registry import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/avglint/avglint"
DOCS_URI = INFORMATION_URI + "/blob/main/docs/rules/{id}.md"
MAX_RESULTS = 25_000          # GitHub keeps at most this many results per run
MAX_DESCRIPTION = 1024        # GitHub's limit on short/full descriptions
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}


def help_uri(rule: Rule, lang: str) -> str | None:
    """The rule's documentation page in the language of the messages (also the HTML report's link);
    a configuration's own rule has no page of avglint's."""
    if rule.family == "custom":
        return None
    return DOCS_URI.format(id=rule.id if lang == "en" else f"nl/{rule.id}")


def to_json(value: Any) -> Any:
    """sarif-om objects to JSON data, with SARIF's property names; unset and default values left out."""
    cls = type(value)
    plan = _PLANS.get(cls, _UNPLANNED)
    if plan is _UNPLANNED:
        plan = _PLANS[cls] = _plan(cls)
    if plan is not None:
        out = {}
        for name, json_name, default, keep in plan:
            item = getattr(value, name)
            if item is None or (item == default and not keep):
                continue
            out[json_name] = to_json(item)
        return out
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    return value


_PLANS: dict[type, tuple | None] = {}
_UNPLANNED = object()


def _plan(cls: type) -> tuple | None:
    """(attribute, SARIF property, default, always written) per field of a sarif-om class; None for other types."""
    import attr

    if not attr.has(cls):
        return None
    plan = []
    for field in attr.fields(cls):
        default = field.default.factory() if isinstance(field.default, attr.Factory) else field.default
        plan.append((field.name, field.metadata.get("schema_property_name", field.name), default,
                     field.name in _KEEP))
    return tuple(plan)


_KEEP = {"results", "suppressions", "level"}  # written even when equal to the schema default


@lru_cache(maxsize=1)
def _suppression_class():
    """sarif-om was generated from SARIF 2.1.0-rtm.4, whose Suppression has 'state' where the final
    2.1.0 has 'status'; this subclass adds the final property to the object model."""
    import attr
    import sarif_om

    @attr.s
    class Suppression(sarif_om.Suppression):
        status = attr.ib(default=None, metadata={"schema_property_name": "status"})

    return Suppression


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


def _artifact_location(om, uri: str):
    """A uriBaseId only goes with a relative URI (SARIF1004); files outside the root get a file:// URI alone."""
    return om.ArtifactLocation(uri=uri, uri_base_id=None if uri.startswith("file:") else "%SRCROOT%")


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
        import sarif_om as om

        rules = sorted(result.rules, key=lambda r: r.id)
        index = {rule.id: i for i, rule in enumerate(rules)}
        uris: dict[str, str] = {}
        for source in result.sources:
            uris[source.path] = artifact_uri(source.path, self.root)
        findings = [f for f in result.findings if not (self.omit_suppressed and f.suppression is not None)]
        notes = [self._notification(om, "warning", text, rule) for rule, text in notifications]
        if len(findings) > MAX_RESULTS:
            order = {"error": 0, "warning": 1, "note": 2}
            findings = sorted(findings, key=lambda f: order[f.severity])[:MAX_RESULTS]
            notes.append(self._notification(om, "warning", f"Only the {MAX_RESULTS} most severe findings are in this "
                                            "log (GitHub's limit per run).", "AVG000"))
        lines: dict[str, set[int]] = {}
        sources = {}
        for finding in findings:
            lines.setdefault(finding.span.path, set()).add(finding.span.line)
            sources[finding.span.path] = finding.span.source
        hashes = {path: line_hashes_at(("\ufeff" if source.bom else "") + printable(source.text), lines[path])
                  for path, source in sources.items()}
        results = [self._result(om, finding, index, uris, hashes) for finding in findings]
        run = om.Run(
            tool=om.Tool(driver=om.ToolComponent(
                name="avglint", semantic_version=__version__, version=__version__, information_uri=INFORMATION_URI,
                rules=[self._rule(om, rule) for rule in rules])),
            automation_details=om.RunAutomationDetails(id=self.category),
            column_kind="unicodeCodePoints",
            original_uri_base_ids={"%SRCROOT%": om.ArtifactLocation(uri=self.root.as_uri() + "/")},
            invocations=[om.Invocation(execution_successful=True, tool_execution_notifications=notes)],
            artifacts=[om.Artifact(location=_artifact_location(om, uris[s.path]),
                                   roles=["analysisTarget"], encoding="UTF-8") for s in result.sources],
            results=results,
        )
        return to_json(om.SarifLog(schema_uri=SCHEMA, version="2.1.0", runs=[run]))

    def failed(self, message: str, *, configuration: bool = False) -> dict:
        """The log of a run that could not be completed (exit status 2): never looks like a clean run."""
        import sarif_om as om

        note = self._notification(om, "error", message, "AVG000")
        invocation = om.Invocation(execution_successful=False,
                                   tool_configuration_notifications=[note] if configuration else None,
                                   tool_execution_notifications=None if configuration else [note])
        run = om.Run(tool=om.Tool(driver=om.ToolComponent(name="avglint", semantic_version=__version__,
                                                          version=__version__, information_uri=INFORMATION_URI,
                                                          rules=[])),
                     automation_details=om.RunAutomationDetails(id=self.category), invocations=[invocation],
                     results=[])
        return to_json(om.SarifLog(schema_uri=SCHEMA, version="2.1.0", runs=[run]))

    @staticmethod
    def _notification(om, level: str, text: str, rule_id: str):
        return om.Notification(message=om.Message(text=_sentence(text)), level=level,
                               descriptor=om.ReportingDescriptorReference(id=rule_id))

    def _rule(self, om, rule):
        docs = rule.docs.get(self.lang)
        title = rule.title.get(self.lang)
        return om.ReportingDescriptor(
            id=rule.id, name=rule.slug,
            short_description=om.MultiformatMessageString(text=title[:MAX_DESCRIPTION]),
            full_description=om.MultiformatMessageString(text=_first_paragraphs(docs, MAX_DESCRIPTION)),
            help=om.MultiformatMessageString(text=_plain(docs), markdown=docs),
            help_uri=help_uri(rule, self.lang),
            default_configuration=om.ReportingConfiguration(level=rule.severity),
            properties={"tags": list(rule.tags), "precision": rule.precision,
                        "problem.severity": PROBLEM_SEVERITY[rule.severity]},
        )

    def _region(self, om, span, *, snippet: bool = True):
        text = span.text
        return om.Region(start_line=span.line, start_column=span.column, end_line=span.end_line,
                         end_column=span.end_column,
                         snippet=om.ArtifactContent(text=text[:1000]) if snippet and text else None)

    def _location(self, om, span, uris, *, message: str | None = None, id: int | None = None):
        uri = uris.get(span.path) or artifact_uri(span.path, self.root)
        return om.Location(
            id=id, message=om.Message(text=_sentence(message)) if message else None,
            physical_location=om.PhysicalLocation(artifact_location=_artifact_location(om, uri),
                                                  region=self._region(om, span)))

    def _result(self, om, finding: Finding, index, uris, hashes):
        span = finding.span
        location = self._location(om, span, uris)
        activity = finding.activity
        if activity is not None:
            location.logical_locations = [om.LogicalLocation(name=activity.name or "",
                                                             fully_qualified_name=activity.qualified_name,
                                                             kind="object")]
        line_hash = hashes[span.path].get(span.line)
        fingerprints = {"avglint/v1": finding.fingerprint}
        if line_hash:
            fingerprints["primaryLocationLineHash"] = line_hash
        suppressions = []
        if finding.suppression is not None:
            suppressions.append(_suppression_class()(kind=finding.suppression.kind, status="accepted",
                                               justification=finding.suppression.justification or None,
                                               location=self._location(om, finding.suppression.span, uris)
                                               if finding.suppression.span is not None else None))
        result = om.Result(
            rule_id=finding.rule, rule_index=index.get(finding.rule, -1), level=finding.severity,
            message=om.Message(text=_sentence(finding.message.get(self.lang))),
            locations=[location],
            related_locations=[self._location(om, related.span, uris, message=related.message.get(self.lang), id=i)
                               for i, related in enumerate(finding.related, 1)] or None,
            partial_fingerprints=fingerprints,
            # SARIF: suppressions on every result or on none; GitHub shows suppressed results as open alerts,
            # so with omit_suppressed they are left out altogether
            suppressions=None if self.omit_suppressed else suppressions,
        )
        if finding.fix is not None:
            changes: dict[str, list] = {}
            for edit in finding.fix.edits:
                changes.setdefault(edit.span.path, []).append(om.Replacement(
                    deleted_region=self._region(om, edit.span, snippet=False),
                    inserted_content=om.ArtifactContent(text=edit.text)))
            result.fixes = [om.Fix(description=om.Message(text=_sentence(finding.fix.description.get(self.lang))),
                                   artifact_changes=[om.ArtifactChange(
                                       artifact_location=_artifact_location(
                                           om, uris.get(path) or artifact_uri(path, self.root)), replacements=replacements)
                                       for path, replacements in changes.items()])]
            if not finding.fix.safe:
                result.properties = {"fixSafety": "unsafe"}
        return result


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
