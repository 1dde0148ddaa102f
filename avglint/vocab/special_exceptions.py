"""Reading the exceptions of Art. 9(2) GDPR that allow special categories of data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from ..readings import reading
from .citations import Citation
from .terms import TermMatch

if TYPE_CHECKING:
    from .vocabularies import Vocabularies


class ExceptionReading:
    """What an ``uitzondering`` value says: 9(2) grounds named or cited, UAVG articles cited."""

    __slots__ = ("text", "mentions", "citations", "grounds", "uavg")

    def __init__(self, text, mentions, citations, grounds, uavg):
        self.text: str = text
        self.mentions: list[TermMatch] = mentions
        self.citations: list[Citation] = citations
        self.grounds: set[str] = grounds  # Art. 9(2) letters a-j
        self.uavg: list[Mapping[str, Any]] = uavg  # matched entries of exceptions.uavg_articles

    @property
    def recognised(self) -> bool:
        return bool(self.grounds or self.uavg)

    def __repr__(self) -> str:
        return f"ExceptionReading(grounds={sorted(self.grounds)}, uavg={[u.get('id') for u in self.uavg]})"


class Exceptions:
    """Reads Art. 9(2) / UAVG exception values."""

    def __init__(self, vocab: Vocabularies):
        self._vocab = vocab
        self._terms = vocab.terms("special_category_exceptions")
        self._uavg = vocab.data("exceptions")["uavg_articles"]

    @reading(reader=0)
    def read(self, text: str) -> ExceptionReading:
        """Read an `uitzondering` value (a reading, once per text: treat it as read-only)."""
        mentions = self._terms.find(text)
        citations = self._vocab.citations(text)
        grounds = {m.entry["letter"] for m in mentions if m.entry.get("letter")}
        uavg: list[Mapping[str, Any]] = []
        for c in citations:
            if c.article == "9" and c.paragraph == "2" and c.point and c.law in (None, "AVG", "GDPR", "DSGVO"):
                grounds.add(c.point)
            elif c.law == "UAVG":
                hits = [u for u in self._uavg if str(u.get("artikel")) == c.article]
                if c.paragraph:
                    hits = [u for u in hits if u.get("lid") is None or str(u.get("lid")) == c.paragraph]
                if c.point:
                    hits = [u for u in hits if u.get("onderdeel") is None or str(u.get("onderdeel")) == c.point]
                uavg.extend(h for h in hits if h not in uavg)
                letters = {h.get("grond") for h in hits}
                if len(letters) == 1 and None not in letters:
                    grounds.add(letters.pop())
        return ExceptionReading(text, mentions, citations, grounds, uavg)
