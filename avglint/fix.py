"""Applying fixes: text edits on exact spans, written atomically.

Every byte outside the edited spans stays as it was (line endings, BOM, tabs,
trailing spaces, even bytes that are not UTF-8: the text was decoded with
surrogateescape and is encoded back the same way). A file is replaced whole, keeping
its permissions (avglint/atomic.py), so a crash or a kill never leaves half a file. A
file that changed on disk since it was read is not touched.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from . import atomic
from .atomic import ChangedOnDisk  # noqa: F401 - what callers of write() catch
from .findings import Finding
from .source import SourceFile


@dataclass
class FileFix:
    source: SourceFile
    original: bytes
    fixed: bytes
    findings: list[Finding] = field(default_factory=list)


def plan(findings: list[Finding], *, unsafe: bool = False) -> list[FileFix]:
    """The new contents of each file with fixable findings (overlapping edits: the first wins)."""
    by_source: dict[int, tuple[SourceFile, list[Finding]]] = {}
    for finding in findings:
        fix = finding.fix
        if finding.suppression is not None or fix is None or not (fix.safe or unsafe):
            continue
        if finding.span.source.encoding != "utf-8":
            continue  # a UTF-16 file is reported (AVG002), never rewritten
        by_source.setdefault(id(finding.span.source), (finding.span.source, []))[1].append(finding)
    plans = []
    for source, fixable in by_source.values():
        edits: list[tuple[int, int, str, Finding]] = []
        for finding in fixable:
            for edit in finding.fix.edits:
                if edit.span.source is source:
                    edits.append((edit.span.start, edit.span.end, edit.text, finding))
        edits.sort(key=lambda e: (e[0], e[1]))
        text, parts, position, applied = source.text, [], 0, []
        for start, end, new, finding in edits:
            if start < position:
                continue  # overlaps an edit already taken; the re-check will show it again
            parts.append(text[position:start])
            parts.append(new)
            position = end
            if not applied or applied[-1] is not finding:
                applied.append(finding)
        parts.append(text[position:])
        original = source.encode()
        fixed = source.encode("".join(parts))
        if fixed != original:
            plans.append(FileFix(source, original, fixed, applied))
    return plans


def diff(file_fix: FileFix) -> str:
    before = file_fix.original.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    after = file_fix.fixed.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    path = file_fix.source.path
    return "".join(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"))


def write(file_fix: FileFix, disk_path: str) -> None:
    """Replace the file atomically, unless it no longer holds what was read (``ChangedOnDisk``)."""
    atomic.write(disk_path, file_fix.fixed, expected=file_fix.original)
