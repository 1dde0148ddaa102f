"""Score avglint against the development corpus of real documents (issue 13, point 6).

Every directory under tests/corpus/ with an ``expected.yaml`` is one document, annotated by
legal reasoning before avglint was run on it. This module checks the annotation strictly,
runs avglint in-process on the document (all rules, no configuration file; a statement is
read as with ``--statement``, together with the directory's register.avg when
``with_register: true``) and matches the findings in the document:

- an ``expected`` entry is *found* when one of its rules is reported (any severity) at its
  place; a ``must_not_fire`` entry *holds* when none of its rules is reported there;
- the place is the activity (a finding's ``activity``, by name), the sentence containing the
  quote (a finding whose words overlap it: a paragraph of a statement is often one line, and
  a finding elsewhere in the paragraph is not at the quote), both when both are given, and the
  whole document when neither is.

Recall = found / expected; must-not-fire = held / must_not_fire, over the corpus and per
rule family. ``python -m tests.corpus.scoring`` prints the Markdown table for
docs/judgement.md and every miss and false alarm.

Held-out documents land with the misses of their first run, so the corpus figures measure
documents nobody here tuned for, and a floor on them cannot guard against regressions alone.
``ratchet.yaml`` lists every entry that is found or held now (by document, section, rules and
place); the suite fails when one of them is lost. ``python -m tests.corpus.scoring --ratchet``
writes it anew, after a change that finds more (or an annotation correction, with its reason
in the entry's ``notes``).

expected.yaml: ``document`` (register.avg, or the statement file), ``kind`` (register or
statement), ``with_register`` (statements), ``annotated`` (the date of the first annotation),
and the lists ``expected`` and ``must_not_fire`` of entries with ``rule`` (an id or a list of
ids; must_not_fire also takes a family prefix such as AVG7), ``activity`` and/or ``quote``,
``article``, ``why`` and, for a later correction, ``notes`` with its reason.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from avglint._yaml import load_yaml
from avglint.engine import Config, lint
from avglint.findings import Finding
from avglint.model import name_key
from avglint.registry import all_rules
from avglint.source import decode
from avglint.statement import is_statement_path

CORPUS = Path(__file__).resolve().parent

FAMILIES = {
    "AVG0": "AVG0xx syntax",
    "AVG1": "AVG1xx completeness",
    "AVG2": "AVG2xx bases",
    "AVG3": "AVG3xx interest",
    "AVG4": "AVG4xx consent",
    "AVG5": "AVG5xx special categories",
    "AVG6": "AVG6xx transfers",
    "AVG7": "AVG7xx retention",
    "AVG8": "AVG8xx DPIA",
    "AVG9": "AVG9xx statements",
}
TOP_KEYS = {"document", "kind", "with_register", "annotated", "expected", "must_not_fire"}
REQUIRED_TOP_KEYS = {"document", "kind", "annotated", "expected", "must_not_fire"}
ENTRY_KEYS = {"rule", "activity", "quote", "article", "why", "notes"}


class AnnotationError(Exception):
    """An expected.yaml outside the schema: unknown keys or rules, an activity or quote not in the document."""


@dataclass
class Entry:
    """One annotated point: an expected finding or a must-not-fire check."""

    document: str          # the corpus directory's name
    section: str           # "expected" or "must_not_fire"
    rules: tuple[str, ...]  # rule ids, or family prefixes (must_not_fire only)
    activity: str | None
    quote: str | None
    why: str
    matched: list[Finding] = field(default_factory=list)  # the findings at its place

    @property
    def family(self) -> str:
        return FAMILIES[self.rules[0][:4]]

    @property
    def ok(self) -> bool:
        """Found (expected) or held (must_not_fire)."""
        return bool(self.matched) == (self.section == "expected")

    @property
    def key(self) -> str:
        """The entry's name in ratchet.yaml: rules and place, stable when other entries are added."""
        return f"{'/'.join(self.rules)} @ {self.activity or ''} | {' '.join((self.quote or '').split())}"

    def describe(self) -> str:
        place = " ".join(part for part in (
            f"activity {self.activity!r}" if self.activity else "",
            f"quote {self.quote!r}" if self.quote else "") if part) or "anywhere"
        text = f"{self.document}: {'/'.join(self.rules)} at {place} — {self.why.strip()}"
        for finding in self.matched:
            text += f"\n    reported: {finding.rule} line {finding.span.line}: {finding.message.en}"
        return text


@dataclass
class Score:
    documents: list[str]
    entries: list[Entry]

    def of(self, section: str, family: str | None = None) -> tuple[int, int]:
        """(ok, total) of one section, over the corpus or one family."""
        chosen = [e for e in self.entries if e.section == section and family in (None, e.family)]
        return sum(e.ok for e in chosen), len(chosen)

    def rate(self, section: str, family: str | None = None) -> float:
        ok, total = self.of(section, family)
        return ok / total if total else 1.0

    @property
    def recall(self) -> float:
        return self.rate("expected")

    @property
    def must_not_fire(self) -> float:
        return self.rate("must_not_fire")

    @property
    def misses(self) -> list[Entry]:
        return [e for e in self.entries if e.section == "expected" and not e.ok]

    @property
    def false_alarms(self) -> list[Entry]:
        return [e for e in self.entries if e.section == "must_not_fire" and not e.ok]

    def table(self) -> str:
        """The Markdown table per rule family, as docs/judgement.md shows it."""
        rows = ["| Family | Found / expected | Recall | Held / must not fire | Must-not-fire |",
                "|---|---:|---:|---:|---:|"]
        for family in FAMILIES.values():
            found, expected = self.of("expected", family)
            held, checks = self.of("must_not_fire", family)
            if expected or checks:
                rows.append(f"| {family} | {found} / {expected} | {_percent(found, expected)} "
                            f"| {held} / {checks} | {_percent(held, checks)} |")
        found, expected = self.of("expected")
        held, checks = self.of("must_not_fire")
        rows.append(f"| **All ({len(self.documents)} documents)** | {found} / {expected} | "
                    f"**{_percent(found, expected)}** | {held} / {checks} | **{_percent(held, checks)}** |")
        return "\n".join(rows)

    def report(self) -> str:
        lines = [self.table(), "", f"Misses ({len(self.misses)}):"]
        lines += [f"- {entry.describe()}" for entry in self.misses]
        lines += ["", f"False alarms ({len(self.false_alarms)}):"]
        lines += [f"- {entry.describe()}" for entry in self.false_alarms]
        return "\n".join(lines)


    def ratchet(self) -> dict[str, dict[str, list[str]]]:
        """What is found or held now, per document and section (ratchet.yaml)."""
        kept: dict[str, dict[str, list[str]]] = {}
        for entry in self.entries:
            if entry.ok:
                kept.setdefault(entry.document, {}).setdefault(entry.section, []).append(entry.key)
        return {document: {section: sorted(keys) for section, keys in sorted(sections.items())}
                for document, sections in sorted(kept.items())}

    def lost(self, ratchet: dict) -> list[str]:
        """The entries of ``ratchet`` that are no longer found or held (or no longer annotated)."""
        now = self.ratchet()
        return [f"{document}: {section}: {key}" for document, sections in ratchet.items()
                for section, keys in sections.items() for key in keys
                if key not in now.get(document, {}).get(section, ())]


RATCHET = CORPUS / "ratchet.yaml"


def read_ratchet(path: Path = RATCHET) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def write_ratchet(result: Score, path: Path = RATCHET) -> None:
    header = ("# Every corpus entry that avglint finds (expected) or holds (must_not_fire) now: the suite fails when\n"
              "# one is lost. Written by `python -m tests.corpus.scoring --ratchet`; see scoring.py.\n")
    path.write_text(header + yaml.safe_dump(result.ratchet(), allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


def _percent(ok: int, total: int) -> str:
    return f"{100 * ok / total:.0f} %" if total else "–"


def documents(corpus: Path = CORPUS) -> list[Path]:
    """The corpus directories: those holding an expected.yaml."""
    return sorted(path.parent for path in corpus.glob("*/expected.yaml"))


def score(corpus: Path = CORPUS) -> Score:
    """Check every annotation, run avglint on every document and match the findings."""
    directories = documents(corpus)
    entries = [entry for directory in directories for entry in score_document(directory)]
    return Score([directory.name for directory in directories], entries)


def score_document(directory: Path) -> list[Entry]:
    annotation = _load(directory)
    document = directory / annotation["document"]
    register = directory / "register.avg"
    if annotation["kind"] == "register":
        result = lint([(str(document), document.read_bytes())], Config())
    else:
        registers = [(str(register), register.read_bytes())] if annotation.get("with_register") else []
        result = lint(registers, Config(), statements=[(str(document), document.read_bytes())])
    activities = {name_key(a.name) for r in result.registers for a in r.activities if a.name}
    text = decode(str(document), document.read_bytes())[0].text   # the text the findings' offsets count in
    findings = [f for f in result.counted() if f.span.path == str(document)]
    entries = []
    for section in ("expected", "must_not_fire"):
        for number, raw in enumerate(annotation[section], 1):
            entry = _entry(directory.name, section, number, raw, activities, text)
            quoted = _sentences_quoting(entry.quote, text) if entry.quote else None
            entry.matched = [f for f in findings if _at(f, entry, quoted)]
            entries.append(entry)
    return entries


def _load(directory: Path) -> dict:
    where = f"{directory.name}/expected.yaml"
    try:
        annotation = load_yaml((directory / "expected.yaml").read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise AnnotationError(f"{where}: not valid YAML ({error})") from None
    if not isinstance(annotation, dict):
        raise AnnotationError(f"{where}: not a mapping")
    _keys(where, annotation, TOP_KEYS, REQUIRED_TOP_KEYS)
    kind, document = annotation["kind"], str(annotation["document"])
    if kind not in ("register", "statement"):
        raise AnnotationError(f"{where}: kind {kind!r} is neither 'register' nor 'statement'")
    fits = document == "register.avg" if kind == "register" else is_statement_path(document)
    if not fits:
        raise AnnotationError(f"{where}: document {document!r} is not a {kind} "
                              "(a register is register.avg; a statement .md, .html, .htm or .txt)")
    if not (directory / document).is_file():
        raise AnnotationError(f"{where}: document {document!r} does not exist")
    if annotation.get("with_register") not in (None, True, False):
        raise AnnotationError(f"{where}: with_register must be true or false")
    if annotation.get("with_register") and (kind != "statement" or not (directory / "register.avg").is_file()):
        raise AnnotationError(f"{where}: with_register needs a statement and a register.avg beside it")
    for section in ("expected", "must_not_fire"):
        if not isinstance(annotation[section], list):
            raise AnnotationError(f"{where}: {section} must be a list")
    return annotation


def _keys(where: str, mapping: dict, allowed: set[str], required: set[str]) -> None:
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        raise AnnotationError(f"{where}: unknown key(s) {', '.join(unknown)}")
    missing = sorted(required - set(mapping))
    if missing:
        raise AnnotationError(f"{where}: missing key(s) {', '.join(missing)}")


def _entry(document: str, section: str, number: int, raw, activities: set[str], text: str) -> Entry:
    where = f"{document}/expected.yaml, {section} #{number}"
    if not isinstance(raw, dict):
        raise AnnotationError(f"{where}: not a mapping")
    _keys(where, raw, ENTRY_KEYS, {"rule", "why"})
    rules = tuple(raw["rule"]) if isinstance(raw["rule"], list) else (raw["rule"],)
    known = all_rules()
    for rule_id in rules:
        is_family = section == "must_not_fire" and isinstance(rule_id, str) and rule_id[:4] in FAMILIES \
            and any(known_id.startswith(rule_id) for known_id in known)
        if rule_id not in known and not is_family:
            raise AnnotationError(f"{where}: unknown rule {rule_id!r}")
    activity, quote = raw.get("activity"), raw.get("quote")
    if activity is not None and name_key(str(activity)) not in activities:
        raise AnnotationError(f"{where}: activity {activity!r} is not in the register")
    if quote is not None and not _sentences_quoting(str(quote), text):
        raise AnnotationError(f"{where}: quote {quote!r} is nowhere in the document")
    return Entry(document, section, rules, activity and str(activity), quote and str(quote), str(raw["why"]))


# where a sentence ends: a full stop, question or exclamation mark before a space, or a line end
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentences_quoting(quote: str, text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of ``text`` that contains the quote (whitespace runs in the
    quote match any whitespace); a sentence is taken around the quote, so marks inside it do not cut it."""
    pattern = re.compile(r"\s+".join(map(re.escape, quote.split())))
    sentences = []
    for match in pattern.finditer(text):
        before = [end.end() for end in _SENTENCE_END.finditer(text, 0, match.start())]
        after = _SENTENCE_END.search(text, match.end())
        sentences.append((before[-1] if before else 0, after.end() if after else len(text)))
    return sentences


def _at(finding: Finding, entry: Entry, quoted: list[tuple[int, int]] | None) -> bool:
    if not any(finding.rule.startswith(rule) for rule in entry.rules):  # an id, or a family prefix
        return False
    if entry.activity is not None and (finding.activity is None or finding.activity.name is None
                                       or name_key(finding.activity.name) != name_key(entry.activity)):
        return False
    if quoted is not None:
        start, end = finding.span.start, max(finding.span.end, finding.span.start + 1)
        return any(start < sentence_end and sentence_start < end for sentence_start, sentence_end in quoted)
    return True


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        result = score()
    except AnnotationError as error:
        print(f"corpus annotation error: {error}", file=sys.stderr)
        return 2
    if args == ["--ratchet"]:
        write_ratchet(result)
        print(f"wrote {RATCHET} ({sum(e.ok for e in result.entries)} entries found or held)")
        return 0
    print(result.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
