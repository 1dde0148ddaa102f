"""Findings as LSP diagnostics: code, link to the rule's page, severity, related places, tags."""

from __future__ import annotations

import os

from lsprotocol import types
from pygls.uris import from_fs_path

from ..findings import Finding
from ..formats.sarif import help_uri
from ..registry import all_rules
from ..rules.structure import UNUSED_SUPPRESSION
from .positions import span_range

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "note": types.DiagnosticSeverity.Information}


def rule_page(rule_id: str, lang: str) -> str | None:
    """The rule's documentation page, in the user's language (the link SARIF gives as helpUri); none for
    a configuration's own rule (it is not among avglint's rules)."""
    rule = all_rules().get(rule_id)
    return help_uri(rule, lang) if rule is not None else None


def uri_of(path: str) -> str:
    return from_fs_path(os.path.abspath(path))


def diagnostic(finding: Finding, lang: str, encoding: str, server) -> types.Diagnostic:
    related = None
    if finding.related and server.supports("text_document", "publish_diagnostics", "related_information"):
        related = [types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri_of(r.span.path), range=span_range(r.span, encoding)),
            message=r.message.get(lang)) for r in finding.related]
    return types.Diagnostic(
        range=span_range(finding.span, encoding),
        message=finding.message.get(lang),
        severity=SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=page) if (page := rule_page(finding.rule, lang)) else None,
        source="avglint",
        tags=[types.DiagnosticTag.Unnecessary] if finding.rule == UNUSED_SUPPRESSION.id else None,
        related_information=related,
    )
