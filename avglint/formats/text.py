"""The default output: one finding per line, ``path:line:col: severity AVG401 message``.

The severity is a word (``error``, ``warning``, ``note``; English in both languages,
like the rule id) so that logs without colour and problem matchers can tell them
apart (docs/editors.md).

With ``show_source`` (default on a terminal) each finding is followed by its
source line and a caret under the words concerned. Colours only on a terminal and
never when ``NO_COLOR`` is set. Control characters taken from the input (a line
break in a quoted name, an escape sequence) are shown as symbols, so that a finding
stays one line and the input cannot drive the terminal.
"""

from __future__ import annotations

from typing import TextIO

from ..findings import Finding
from . import Options
from .controls import visible

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "note": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def finding_line(finding: Finding, lang: str) -> str:
    span = finding.span
    return f"{span.path}:{span.line}:{span.column}: {finding.severity} {finding.rule} {finding.message.get(lang)}"


def write(result, out: TextIO, options: Options) -> None:
    lang, colour = options.lang, options.colour
    shown = [f for f in result.findings if f.suppression is None or options.show_suppressed]
    for finding in shown:
        line = finding_line(finding, lang)
        if finding.suppression is not None:
            line += f"  [suppressed: {finding.suppression.reason(lang) or '-'}]"
        line = visible(line)
        if colour:
            head, _, rest = line.partition(f" {finding.severity} {finding.rule} ")
            line = f"{_BOLD}{head}{_RESET} {_COLOURS[finding.severity]}{finding.severity}{_RESET} {finding.rule} {rest}"
        out.write(line + "\n")
        if options.show_source:
            out.write(_source_excerpt(finding, colour))
    if options.summary:
        out.write(summary_line(result, lang, options.fail_on) + "\n")


def _source_excerpt(finding: Finding, colour: bool) -> str:
    span = finding.span
    source = span.source
    if not source.text:
        return ""
    line_text = visible(source.line_text(span.line)).expandtabs(1)
    start = span.column - 1
    end = span.end_column - 1 if span.end_line == span.line else len(line_text)
    width = max(1, end - start)
    caret = " " * start + "^" * width
    if colour:
        caret = _COLOURS[finding.severity] + caret + _RESET
    number = str(span.line)
    gutter = " " * len(number)
    return f"  {number} | {line_text}\n  {gutter} | {caret}\n"


def summary_line(result, lang: str, fail_on: str = "warning") -> str:
    counts = {"error": 0, "warning": 0, "note": 0}
    suppressed = 0
    for finding in result.findings:
        if finding.suppression is None:
            counts[finding.severity] += 1
        else:
            suppressed += 1
    files = len(result.parsed)
    activities = result.activity_count
    total = sum(counts.values())
    if lang == "nl":
        names = {"error": ("fout", "fouten"), "warning": ("waarschuwing", "waarschuwingen"),
                 "note": ("opmerking", "opmerkingen")}
        parts = [f"{n} {names[k][n != 1]}" for k, n in counts.items() if n]
        where = f"{files} {'bestand' if files == 1 else 'bestanden'}, {activities} " \
                f"{'verwerking' if activities == 1 else 'verwerkingen'}"
        text = f"{total} {'melding' if total == 1 else 'meldingen'} ({', '.join(parts)}) in {where}" if total \
            else f"Geen meldingen in {where}"
        if suppressed:
            text += f"; {suppressed} onderdrukt"
    else:
        names = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "note": ("note", "notes")}
        parts = [f"{n} {names[k][n != 1]}" for k, n in counts.items() if n]
        where = f"{files} {'file' if files == 1 else 'files'}, {activities} " \
                f"{'activity' if activities == 1 else 'activities'}"
        text = f"Found {total} {'problem' if total == 1 else 'problems'} ({', '.join(parts)}) in {where}" if total \
            else f"No problems found in {where}"
        if suppressed:
            text += f"; {suppressed} suppressed"
    return text + "."
