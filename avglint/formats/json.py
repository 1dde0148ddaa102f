"""JSON output: a stable list of findings (documented in docs/output.md)."""

from __future__ import annotations

import json
from typing import TextIO

from . import Options

VERSION = 1


def finding_data(finding, lang: str) -> dict:
    span = finding.span
    activity = finding.activity
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message.get(lang),
        "path": span.path,
        "line": span.line, "column": span.column, "end_line": span.end_line, "end_column": span.end_column,
        "activity": activity.name if activity is not None else None,
        "group_path": list(activity.group_path) if activity is not None else None,
        "field": finding.field,
        "fix": None if finding.fix is None else {
            "safe": finding.fix.safe, "description": finding.fix.description.get(lang),
            # an edit may stand in another file than the finding: a field inherited from the organisation is
            # reported where it is written, the field it needs is added to the activity
            "edits": [{"path": e.span.path, "line": e.span.line, "column": e.span.column, "end_line": e.span.end_line,
                       "end_column": e.span.end_column, "start_byte": e.span.start_byte, "end_byte": e.span.end_byte,
                       "text": e.text} for e in finding.fix.edits]},
        "suppressed": None if finding.suppression is None else {
            "kind": finding.suppression.kind, "justification": finding.suppression.justification},
        "related": [{"path": r.span.path, "line": r.span.line, "column": r.span.column,
                     "message": r.message.get(lang)} for r in finding.related],
        "fingerprint": finding.fingerprint,
    }


def write(result, out: TextIO, options: Options) -> None:
    slugs = {rule.id: rule.slug for rule in result.rules}
    findings = []
    for finding in result.findings:
        data = finding_data(finding, options.lang)
        data["slug"] = slugs.get(finding.rule)
        findings.append(data)
    json.dump({"version": VERSION, "files": len(result.parsed), "activities": result.activity_count,
               "findings": findings}, out, ensure_ascii=False, indent=2)
    out.write("\n")
