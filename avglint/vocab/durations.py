"""Periods found in a text (``2 jaar``, ``6-12 maanden``)."""

from __future__ import annotations

from typing import Mapping

from .fold import normalise


class Duration:
    """A period in a text: ``2 jaar``, ``vier weken``, ``6-12 maanden`` (``value`` is the upper bound)."""

    __slots__ = ("value", "unit", "days", "start", "end", "text")

    def __init__(self, value, unit, days, start, end, text):
        self.value: float = value
        self.unit: str = unit  # id of the unit entry in retention.yaml (dag, week, maand, jaar, ...)
        self.days: float = days
        self.start: int = start
        self.end: int = end
        self.text: str = text

    def __repr__(self) -> str:
        return f"Duration({self.value} {self.unit} = {self.days:g} days, {self.text!r})"


def _num(s: str, words: Mapping[str, float]) -> float:
    try:
        return float(s.replace(",", "."))
    except ValueError:
        return words[normalise(s)]
