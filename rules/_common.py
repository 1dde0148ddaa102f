"""Small helpers the rule families share (not rules themselves)."""

from __future__ import annotations

from avglint.model import Activity, Field, Span


def value_of(field: Field | None) -> str:
    return field.text if field is not None else ""


def has_value(field: Field | None) -> bool:
    """The field is there and says something (an empty field is AVG006's business)."""
    return field is not None and bool(field.items)


def states(field: Field | None, vocab) -> bool:
    """The field is there with a real value, not 'geen' / 'none' / '-'."""
    return has_value(field) and not vocab.is_none(field.text)


def where(activity: Activity) -> Span:
    """Where a finding about something missing from an activity points: its name."""
    return activity.name_span


def field_span(field: Field, start: int, end: int) -> Span:
    """The span of ``field.text[start:end]`` (the items joined with ', ') in the file."""
    position = 0
    for item in field.items:
        length = len(item.value)
        if position <= start < position + length or (start == position + length and end == start):
            item_end = min(end - position, length)
            return item.span_of(start - position, max(item_end, start - position))
        position += length + 2
    return field.value_span
