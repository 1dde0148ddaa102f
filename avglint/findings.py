"""Findings: the one type every rule produces and every formatter consumes."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, NamedTuple

from .source import printable

if TYPE_CHECKING:
    from .model import Activity, Span

SEVERITIES = ("error", "warning", "note")
SEVERITY_RANK = {"note": 0, "warning": 1, "error": 2}


class Message(NamedTuple):
    """A message in English and Dutch; formatters pick the language."""

    en: str
    nl: str

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


class Edit(NamedTuple):
    """Replace the text of ``span`` by ``text`` (an insertion when the span is empty)."""

    span: Span
    text: str


class Fix(NamedTuple):
    """Text edits that resolve a finding. ``safe`` fixes cannot change the legal meaning."""

    description: Message
    edits: tuple[Edit, ...]
    safe: bool


class Suppression(NamedTuple):
    """Why a finding is not counted: an inline ``# avglint: ignore[...]`` comment or the baseline."""

    kind: str           # "inSource" or "external" (baseline)
    justification: str  # the comment's reason as written, or BASELINE_REASON in English (the SARIF log's)
    span: Span | None   # the comment, for inline suppressions

    def reason(self, lang: str) -> str:
        """The justification as a person reads it in ``lang``: the baseline's in that language."""
        return BASELINE_REASON.get(lang) if self.kind == "external" else self.justification


BASELINE_REASON = Message("recorded in the baseline", "vastgelegd in de baseline")


class Related(NamedTuple):
    """Another place that matters to a finding (the first of two duplicate ids, say)."""

    span: Span
    message: Message


class Finding:
    """One problem at one place. Rules create them; the engine stamps rule id and severity."""

    __slots__ = ("rule", "severity", "message", "span", "activity", "fix", "related", "field", "suppression")

    def __init__(self, span: Span, message: Message, *, rule: str | None = None, severity: str | None = None,
                 activity: Activity | None = None, fix: Fix | None = None, related: tuple[Related, ...] = (),
                 field: str | None = None):
        self.rule = rule
        self.severity = severity
        self.message = message
        self.span = span
        self.activity = activity    # the activity concerned, when there is one
        self.fix = fix
        self.related = related
        self.field = field          # canonical key of the field concerned, when there is one
        self.suppression: Suppression | None = None

    def __repr__(self) -> str:
        return f"Finding({self.rule} {self.span!r} {self.message.en!r})"

    @property
    def identity(self) -> tuple[str, str, str, str, str]:
        """(rule, file, activity path, field, normalised text): stable across moved lines, so that a baseline
        survives edits elsewhere in the file. Input bytes that are not UTF-8 read as U+FFFD, as the baseline
        file holds them, so that an entry reads back equal."""
        activity = self.activity.qualified_name if self.activity is not None else ""
        words = " ".join(self.span.text.casefold().split())
        return (self.rule or "", printable(self.span.path), printable(activity), self.field or "", printable(words))

    @property
    def fingerprint(self) -> str:
        """A short hash of the identity (the JSON ``fingerprint``, SARIF partialFingerprints['avglint/v1'])."""
        return hashlib.sha256("\x1f".join(self.identity).encode("utf-8")).hexdigest()[:32]

    @property
    def sort_key(self) -> tuple:
        return (self.span.source.path, self.span.start, self.rule or "", self.span.end)
