"""Column headings -> fields, through rules/vocab/import_headings.yaml."""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from ..language import ACTIVITY, language, normalize_key

NAME, GROUP, COMMENT, IGNORE = "naam", "groep", "commentaar", "negeer"
SPECIAL_TARGETS = {
    "naam": NAME, "name": NAME, "verwerking": NAME,
    "groep": GROUP, "group": GROUP,
    "commentaar": COMMENT, "comment": COMMENT, "opmerking": COMMENT,
    "negeer": IGNORE, "ignore": IGNORE, "-": IGNORE,
}
_DROP = re.compile(r"[^\w\s/()#]+")
_PARENS = re.compile(r"\([^)]*\)")


def fold(text: str) -> str:
    """A heading folded for comparison: lower case, no accents, no punctuation but / ( ) #."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DROP.sub(" ", text.replace("_", " "))
    return " ".join(text.split())


class Match(NamedTuple):
    target: str      # a canonical field key, or NAME / GROUP / COMMENT / IGNORE
    how: str         # "vocabulary", "field name", "part", "keyword", "spelling", "--map"
    detail: str = ""  # the word or heading that decided, for "keyword" and "spelling"


class Vocabulary:
    def __init__(self, data: dict):
        self.headings: dict[str, str] = {}
        for target, names in (data.get("headings") or {}).items():
            for name in names:
                self.headings.setdefault(fold(str(name)), str(target))
        self.keywords: list[tuple[str, list[str]]] = [
            (str(entry["field"]), [fold(str(word)) for word in entry["words"]]) for entry in data.get("keywords") or ()]
        self.subject_prefixes = tuple(fold(str(p)) for p in data.get("subject_prefixes") or ())
        self.organisation: dict[str, str] = {fold(str(label)): str(target)
                                             for target, labels in (data.get("organisation") or {}).items()
                                             for label in labels}

    def match(self, heading: str) -> Match | None:
        folded = fold(heading)
        if not folded:
            return None
        found = self._exact(folded)
        if found:
            return found
        if "/" in folded:
            for part in folded.split("/"):
                found = self._exact(part.strip())
                if found and found.target not in (NAME, GROUP):
                    return Match(found.target, "part", part.strip())
        for target, words in self.keywords:
            for word in words:
                if re.search(rf"(?<![^\W\d_]){re.escape(word)}" if len(word) <= 4 else re.escape(word), folded):
                    return Match(target, "keyword", word)
        close = difflib.get_close_matches(folded, list(self.headings), n=1, cutoff=0.88)
        if close:
            return Match(self.headings[close[0]], "spelling", close[0])
        return None

    def _exact(self, folded: str) -> Match | None:
        if folded in self.headings:
            return Match(self.headings[folded], "vocabulary")
        bare = " ".join(_PARENS.sub(" ", folded).split())
        if bare and bare != folded and bare in self.headings:
            return Match(self.headings[bare], "vocabulary")
        key = language().field_key(ACTIVITY, bare or folded)
        if key:
            return Match(key, "field name")
        return None

    def organisation_field(self, line: str) -> tuple[str, str] | None:
        """(field, value) of a line "label: value" that gives one of the organisation's details."""
        label, colon, value = line.partition(":")
        target = self.organisation.get(fold(label)) if colon and value.strip() else None
        return (target, value.strip()) if target else None

    def label(self, text: str) -> str | None:
        """The field a label such as "Systemen" names (an exact heading or field name only)."""
        found = self._exact(fold(text))
        return found.target if found and found.target not in (NAME, GROUP) else None


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    from .._yaml import load_yaml

    text = (resources.files("avglint.rules") / "vocab" / "import_headings.yaml").read_text(encoding="utf-8")
    return Vocabulary(load_yaml(text))


def target_of(written: str) -> str | None:
    """The target a user names in ``--map "Kolom=veld"``: a field key or alias, or a special target."""
    folded = normalize_key(written)
    if folded in SPECIAL_TARGETS:
        return SPECIAL_TARGETS[folded]
    return language().field_key(ACTIVITY, folded)


def describe(target: str, lang: str = "en") -> str:
    if target == NAME:
        return "naam (the name of each verwerking)" if lang == "en" else "naam (de naam van elke verwerking)"
    if target == GROUP:
        return "groep (rows with one value form a groep)" if lang == "en" else \
            "groep (rijen met dezelfde waarde vormen een groep)"
    return target
