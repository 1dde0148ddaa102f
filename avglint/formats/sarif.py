"""SARIF 2.1.0 output, built with sarif-om's object model.

The only module that knows SARIF. It follows GitHub code scanning's rules
(docs/github-actions.md): one run, every enabled rule listed, one location per
result with all four region fields (code-point columns, end exclusive),
repository-relative URIs, ``partialFingerprints.primaryLocationLineHash``
computed as GitHub's upload action does, ``results`` present even when empty,
``suppressions`` on every result (empty unless suppressed).

sarif-om is the object model: the log is built of its classes (``om.Result(...)``), each
made directly as the JSON object it stands for, from a table of the classes' fields
(avglint/formats/sarif_fields.py, generated from sarif-om by ``python -m avglint.formats.sarif``).
sarif-om itself and attrs, which took longer to import than a small check takes, are imported
only to write that table and by the tests, which build the logs with sarif-om's own classes too
and hold the two to the same JSON. The log is written compact in one call of the JSON encoder;
indented for a person (``indent``: on a terminal).
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


# the classes of sarif-om that the logs are built of
CLASSES = ("SarifLog", "Run", "Tool", "ToolComponent", "ReportingDescriptor", "MultiformatMessageString",
           "ReportingConfiguration", "RunAutomationDetails", "Invocation", "Notification", "Message",
           "ReportingDescriptorReference", "Artifact", "ArtifactLocation", "Result", "Location", "PhysicalLocation",
           "Region", "ArtifactContent", "LogicalLocation", "Suppression", "Fix", "ArtifactChange", "Replacement")
KEEP = {"results", "suppressions", "level"}  # written even when equal to the schema default


class JsonModel:
    """sarif-om's classes by name, each making the JSON object that its object would be written as: the
    SARIF property names in the order of the class's fields, unset (None) and default values left out."""

    def __init__(self, fields: dict[str, tuple[tuple[str, str, Any], ...]]):
        self._fields = fields

    def __getattr__(self, name: str):
        if name not in self._fields:
            raise AttributeError(name)
        fields = self._fields[name]
        plans: dict[tuple[str, ...], tuple[tuple[str, str, Any, bool], ...]] = {}

        def plan(given: tuple[str, ...]) -> tuple[tuple[str, str, Any, bool], ...]:
            """The fields to read for these arguments, in the class's order: those given, and those kept
            with a default of their own."""
            unknown = set(given) - {attribute for attribute, *_ in fields}
            if unknown:
                raise TypeError(f"{name} has no field {', '.join(sorted(unknown))}")
            missing = [attribute for attribute, _, default in fields if default is ... and attribute not in given]
            if missing:
                raise TypeError(f"{name} needs {missing[0]}")
            return tuple((attribute, json_name, default, attribute in KEEP) for attribute, json_name, default in fields
                         if attribute in given or (attribute in KEEP and default is not None))

        def make(**values) -> dict:
            given = tuple(values)
            read = plans.get(given)
            if read is None:
                read = plans[given] = plan(given)
            out = {}
            for attribute, json_name, default, keep in read:
                value = values.get(attribute, default)
                if value is None or (value == default and not keep):
                    continue
                out[json_name] = value
            return out

        setattr(self, name, make)  # made once per class; a plan once per set of arguments
        return make


def sarif_om_classes() -> dict[str, type]:
    """sarif-om's classes of ``CLASSES``. sarif-om was generated from SARIF 2.1.0-rtm.4, whose Suppression
    has 'state' where the final 2.1.0 has 'status': its Suppression here adds the final property."""
    import attr
    import sarif_om

    @attr.s
    class Suppression(sarif_om.Suppression):
        status = attr.ib(default=None, metadata={"schema_property_name": "status"})

    return {name: Suppression if name == "Suppression" else getattr(sarif_om, name) for name in CLASSES}


def sarif_om_fields() -> dict[str, tuple[tuple[str, str, Any], ...]]:
    """(attribute, SARIF property, default) per field of each class of ``sarif_om_classes``, in their
    order; ``...`` for a field without a default."""
    import attr

    def default(field):
        if field.default is attr.NOTHING:
            return ...
        return field.default.factory() if isinstance(field.default, attr.Factory) else field.default

    return {name: tuple((field.name, field.metadata.get("schema_property_name", field.name), default(field))
                        for field in attr.fields(cls))
            for name, cls in sarif_om_classes().items()}


def _write_fields() -> None:
    """Write avglint/formats/sarif_fields.py from the installed sarif-om."""
    lines = ['"""The fields of the sarif-om classes that avglint\'s SARIF logs are built of: per class,',
             "(attribute, SARIF property, default) in sarif-om's order; ``...``: no default.",
             "",
             "Generated from sarif-om by ``python -m avglint.formats.sarif``: do not edit.",
             '"""', "", "FIELDS = {"]
    def literal(value) -> str:
        if isinstance(value, str):
            return json.dumps(value)
        if isinstance(value, list):
            return f"[{', '.join(map(literal, value))}]"
        return "..." if value is ... else repr(value)

    for name, fields in sarif_om_fields().items():
        lines.append(f'    "{name}": (')
        lines += [f"        ({', '.join(map(literal, field))})," for field in fields]
        lines.append("    ),")
    lines.append("}")
    from .. import atomic

    atomic.write(Path(__file__).parent / "sarif_fields.py", ("\n".join(lines) + "\n").encode("utf-8"))


def _line_hashes(source, lines: set[int]) -> dict[int, str]:
    """GitHub's line hashes of ``lines`` of the file as it is on disk (its byte-order mark included)."""
    text = printable(source.text) if source.escaped else source.text  # a large file is not read once more
    if source.bom:
        return line_hashes_at("\ufeff" + text, lines)
    return line_hashes_at(text, lines, source.line_starts if text is source.text else None)


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
                 omit_suppressed: bool = False, model: Any = None):
        """``model``: what builds the log's objects, by sarif-om's class names (default: as JSON)."""
        self.lang = lang
        self.root = root or repository_root(Path.cwd())
        self.category = category.rstrip("/") + "/"
        self.omit_suppressed = omit_suppressed
        self.model = model or _json_model()

    def log(self, result, *, notifications: list[tuple[str, str]] = ()) -> dict:
        om = self.model
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
        hashes = {path: _line_hashes(source, lines[path]) for path, source in sources.items()}
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
        return om.SarifLog(schema_uri=SCHEMA, version="2.1.0", runs=[run])

    def failed(self, message: str, *, configuration: bool = False) -> dict:
        """The log of a run that could not be completed (exit status 2): never looks like a clean run."""
        om = self.model
        note = self._notification(om, "error", message, "AVG000")
        invocation = om.Invocation(execution_successful=False,
                                   tool_configuration_notifications=[note] if configuration else None,
                                   tool_execution_notifications=None if configuration else [note])
        run = om.Run(tool=om.Tool(driver=om.ToolComponent(name="avglint", semantic_version=__version__,
                                                          version=__version__, information_uri=INFORMATION_URI,
                                                          rules=[])),
                     automation_details=om.RunAutomationDetails(id=self.category), invocations=[invocation],
                     results=[])
        return om.SarifLog(schema_uri=SCHEMA, version="2.1.0", runs=[run])

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
        (start_line, start_column), (end_line, end_column) = span.source.line_col(span.start), \
            span.source.line_col(span.end)  # each found once: a line of a large file is a search of its lines
        return om.Region(start_line=start_line, start_column=start_column, end_line=end_line, end_column=end_column,
                         snippet=om.ArtifactContent(text=text[:1000]) if snippet and text else None)

    def _location(self, om, span, uris, *, message: str | None = None, id: int | None = None,
                  logical_locations: list | None = None):
        uri = uris.get(span.path) or artifact_uri(span.path, self.root)
        return om.Location(
            id=id, message=om.Message(text=_sentence(message)) if message else None,
            physical_location=om.PhysicalLocation(artifact_location=_artifact_location(om, uri),
                                                  region=self._region(om, span)),
            logical_locations=logical_locations)

    def _result(self, om, finding: Finding, index, uris, hashes):
        span = finding.span
        activity = finding.activity
        location = self._location(om, span, uris, logical_locations=None if activity is None else [
            om.LogicalLocation(name=activity.name or "", fully_qualified_name=activity.qualified_name, kind="object")])
        line_hash = hashes[span.path].get(span.line)
        fingerprints = {"avglint/v1": finding.fingerprint}
        if line_hash:
            fingerprints["primaryLocationLineHash"] = line_hash
        suppressions = []
        if finding.suppression is not None:
            suppressions.append(om.Suppression(kind=finding.suppression.kind, status="accepted",
                                               justification=finding.suppression.justification or None,
                                               location=self._location(om, finding.suppression.span, uris)
                                               if finding.suppression.span is not None else None))
        fixes = properties = None
        if finding.fix is not None:
            changes: dict[str, list] = {}
            for edit in finding.fix.edits:
                changes.setdefault(edit.span.path, []).append(om.Replacement(
                    deleted_region=self._region(om, edit.span, snippet=False),
                    inserted_content=om.ArtifactContent(text=edit.text)))
            fixes = [om.Fix(description=om.Message(text=_sentence(finding.fix.description.get(self.lang))),
                            artifact_changes=[om.ArtifactChange(
                                artifact_location=_artifact_location(
                                    om, uris.get(path) or artifact_uri(path, self.root)), replacements=replacements)
                                for path, replacements in changes.items()])]
            if not finding.fix.safe:
                properties = {"fixSafety": "unsafe"}
        return om.Result(
            rule_id=finding.rule, rule_index=index.get(finding.rule, -1), level=finding.severity,
            message=om.Message(text=_sentence(finding.message.get(self.lang))),
            locations=[location],
            related_locations=[self._location(om, related.span, uris, message=related.message.get(self.lang), id=i)
                               for i, related in enumerate(finding.related, 1)] or None,
            partial_fingerprints=fingerprints,
            # SARIF: suppressions on every result or on none; GitHub shows suppressed results as open alerts,
            # so with omit_suppressed they are left out altogether
            suppressions=None if self.omit_suppressed else suppressions,
            fixes=fixes, properties=properties,
        )


@lru_cache(maxsize=1)
def _json_model() -> JsonModel:
    from .sarif_fields import FIELDS

    return JsonModel(FIELDS)


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


if __name__ == "__main__":
    _write_fields()
