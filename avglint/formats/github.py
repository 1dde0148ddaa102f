"""GitHub Actions workflow commands: annotations on the pull request without code scanning.

GitHub shows at most 10 error and 10 warning annotations per step; when there are
more, a closing notice says how many and where to see them all. Control characters taken from the
input (an escape sequence, a line break in a quoted name) are shown as symbols, as in the text format:
GitHub renders escape sequences in its log, and a line break would end the command.
"""

from __future__ import annotations

from typing import TextIO

from . import Options
from .controls import visible
from .github_escape import annotation, escape_data

SHOWN_PER_LEVEL = 10


def write(result, out: TextIO, options: Options) -> None:
    slugs = {rule.id: rule.slug for rule in result.rules}
    counts = {"error": 0, "warning": 0, "note": 0}
    for finding in result.findings:
        if finding.suppression is not None:
            continue
        counts[finding.severity] += 1
        span = finding.span
        message = visible(f"{span.path}:{span.line}:{span.column}: {finding.rule} {finding.message.get(options.lang)}")
        out.write(annotation(finding.severity, message, file=visible(span.path), line=span.line,
                             end_line=span.end_line, col=span.column, end_column=span.end_column,
                             title=f"{finding.rule} {slugs.get(finding.rule, '')}".strip()) + "\n")
    if counts["error"] > SHOWN_PER_LEVEL or counts["warning"] > SHOWN_PER_LEVEL:
        text = (f"avglint found {counts['error']} errors and {counts['warning']} warnings; GitHub shows at most "
                f"{SHOWN_PER_LEVEL} of each as annotations. All findings are in this log; upload SARIF to code "
                "scanning to see every one on the pull request (docs/github-actions.md).")
        out.write(f"::notice title=avglint::{escape_data(text)}\n")
