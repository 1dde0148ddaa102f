"""Parsing again after an edit (avglint/reparse.py) gives exactly what a full parse gives.

Each test edits a register step by step and compares, after every step, the result of
``parse_again`` (from the previous step's result) with a full parse of the new text: every
block, field, item, comment and finding with every position and slot, and the index of fields
in its order. The previous result must come out of it unchanged (an earlier check may still be
read), and edits the parser need not read in full must not be read in full.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import generation
from avglint import reparse
from avglint.engine import lint
from avglint.parser import ParseResult, parse
from avglint.source import SourceFile, decode

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.avg"))
PATH = "register.avg"
ACTIVITY = 'verwerking "Nieuw – café 𝄞" {\n    doel: klantcontact\n    gegevens: naam, e-mailadres\n}\n'


def _slots(cls) -> list[str]:
    return [name for klass in reversed(cls.__mro__) for name in getattr(klass, "__slots__", ())]


def structure(result: ParseResult):
    """Everything ``result`` holds as plain values. Its source is named as such (another source is an
    error); an object met a second time (a field's block, an item's field, a field in the index) is
    named by when it was first met."""
    met: dict[int, int] = {}

    def value(thing):
        if thing is result.source:
            return "<the source>"
        if isinstance(thing, SourceFile):
            return ("<another source>", thing.path)
        if isinstance(thing, dict):
            return ("dict", [(key, value(item)) for key, item in thing.items()])
        if isinstance(thing, (list, tuple)):
            return (type(thing).__name__, [value(item) for item in thing])
        if hasattr(type(thing), "__slots__") and not isinstance(thing, (str, int)):
            if id(thing) in met:
                return ("again", met[id(thing)])
            met[id(thing)] = len(met)
            return (type(thing).__name__, [(name, value(getattr(thing, name, "<unset>")))
                                           for name in _slots(type(thing))])
        return thing

    return value(result.blocks), value(result.findings), value(result.comments), value(result.fields)


class Editing:
    """A file being edited: each ``edit`` checks ``parse_again`` against a full parse and says whether
    only part of the text was read."""

    def __init__(self, text: str, monkeypatch):
        self.text = text
        self.result = parse(SourceFile(PATH, text))
        self.shape = structure(self.result)
        self.parsed: list[SourceFile] = []
        monkeypatch.setattr(reparse, "parse", self._parse)

    def _parse(self, source, problems=()):
        self.parsed.append(source)
        return parse(source, problems)

    def edit(self, start: int, end: int, inserted: str = "") -> bool:
        text = self.text[:start] + inserted + self.text[end:]
        source, problems = decode(PATH, text.encode("utf-8", "surrogateescape"))
        self.parsed.clear()
        again = reparse.parse_again(self.result, source, problems)
        partly = self.parsed[-1] is not source
        full = parse(*decode(PATH, text.encode("utf-8", "surrogateescape")))
        shape = structure(again)
        assert again.source is source
        assert shape == structure(full), f"edit {start}:{end} -> {inserted!r}"
        assert structure(self.result) == self.shape, "the previous result was changed"
        self.text, self.result, self.shape = text, again, shape
        return partly

    def field_ends(self) -> list[int]:
        return [field.end for top in self.result.blocks for block in top.walk() for field in block.fields.values()]

    def replace(self, old: str, new: str, occurrence: int = 0) -> bool:
        start = [match.start() for match in re.finditer(re.escape(old), self.text)][occurrence]
        return self.edit(start, start + len(old), new)


def scenario(editing: Editing, seed: int) -> None:
    """Edits of every kind, chosen with ``seed``: inside a block, across two, adding and removing blocks,
    a syntax error made and mended, at the very start and end, non-ASCII text."""
    choose = random.Random(seed)
    for _ in range(6):  # a value typed into: never a reason to read the file in full
        clean = not editing.result.findings
        partly = editing.edit(at := choose.choice(editing.field_ends()), at, choose.choice(
            [" en archiveren", ", naam", " – café 👩‍👩‍👧 e\u0301", '"x, \\"y\\""']))
        assert partly or not clean
    for _ in range(4):  # a stretch of one line deleted or replaced
        line = choose.choice([m for m in re.finditer(r"(?m)^[ \t]+\S.*$", editing.text)])
        start = choose.randrange(line.start(), line.end())
        editing.edit(start, choose.randrange(start, line.end() + 1), choose.choice(["", "x", "ü", ": "]))
    blocks = editing.result.blocks
    if len(blocks) >= 2:  # from inside one top-level block into the next
        first = choose.randrange(len(blocks) - 1)
        editing.edit(choose.randrange(blocks[first].start, blocks[first].end),
                     choose.randrange(blocks[first + 1].start, blocks[first + 1].end))
    at = choose.choice([block.end for block in editing.result.blocks] or [0])
    assert editing.edit(at, at, "\n\n" + ACTIVITY) or editing.result.findings  # a block added
    blocks = editing.result.blocks
    if blocks:  # a block removed
        removed = choose.choice(blocks)
        editing.edit(removed.start, removed.end)
    for broken in ("}", '"', "{"):  # a syntax error made, then mended
        places = [m.start() for m in re.finditer(re.escape(broken), editing.text)]
        if places:
            at = choose.choice(places)
            editing.edit(at, at + 1)
            editing.edit(at, at, broken)
    at = choose.choice(editing.field_ends() or [0])
    editing.edit(at, at, ' "open')
    editing.edit(at, at + 6)
    editing.edit(0, 0, "# avglint: ignore-file[AVG401] kop\n")  # the very start
    editing.edit(0, 1)
    editing.edit(0, 0, "#")
    editing.edit(len(editing.text), len(editing.text), "\n" + ACTIVITY)  # the very end
    editing.edit(len(editing.text) - 1, len(editing.text))
    editing.edit(len(editing.text), len(editing.text), "  # slot")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_edits_of_every_kind_in_the_examples(example, monkeypatch):
    scenario(Editing(example.read_text(encoding="utf-8"), monkeypatch), seed=len(example.name))


@pytest.mark.parametrize("seed", range(12))
def test_edits_of_every_kind_in_generated_registers(seed, monkeypatch):
    text = generation.register_text(generation.seeded(seed))
    scenario(Editing(text.replace("\n", "\r\n") if seed % 3 == 0 else text, monkeypatch), seed)


def test_an_edit_in_one_block_reads_that_block_alone(monkeypatch):
    editing = Editing((EXAMPLES[0].parent / "telecom-service-leek.avg").read_text(encoding="utf-8"), monkeypatch)
    assert editing.replace("doel:", "doel: archiveren,", occurrence=5)
    [middle] = editing.parsed
    assert len(editing.result.blocks) > 3 and len(middle.text) < len(editing.text) / 3
    assert middle.text.lstrip().startswith(("verwerking", "groep", "verwerker", "organisatie"))


def test_a_comment_that_would_run_on_into_the_next_block_is_read_in_full(monkeypatch):
    editing = Editing('verwerking "A" {\n  doel: x\n}\nverwerking "B" {\n  doel: y\n}\n', monkeypatch)
    assert not editing.replace('verwerking "B"', '# verwerking "B"')  # B is now commented out
    assert editing.result.findings  # and its fields and '}' are outside any block


def test_an_earlier_result_with_findings_or_of_another_file_is_not_used(monkeypatch):
    editing = Editing('verwerking "A" {\n  doel: x\n\nverwerking "B" {\n  doel: y\n}\n', monkeypatch)
    assert not editing.replace("doel: y", "doel: z")
    assert not editing.replace("doel: x\n", "doel: x\n}\n")  # mended: the earlier result still had the error
    assert editing.replace("doel: z", "doel: w")
    source = SourceFile("another.avg", editing.text)
    assert reparse.parse_again(editing.result, source).blocks[0].source is source


def test_a_check_given_the_earlier_parse_reads_the_edit_alone_and_finds_the_same(monkeypatch):
    text = (EXAMPLES[0].parent / "telecom-service-leek.avg").read_text(encoding="utf-8")
    earlier = lint([(PATH, text.encode("utf-8"))])
    at = text.index("\n", text.index("gegevens:", len(text) // 2))
    edited = [(PATH, (text[:at] + ", burgerservicenummer  # avglint: ignore[AVG301] wettelijk" + text[at:]).encode())]
    parsed = []
    monkeypatch.setattr(reparse, "parse", lambda source, problems=(): parsed.append(source) or parse(source, problems))
    again = lint(edited, previous={result.source.path: result for result in earlier.parsed})

    def findings(result):
        return [(f.rule, f.span.start, f.span.end, f.message, f.severity, f.suppression and f.suppression.justification)
                for f in result.findings]

    [middle] = parsed
    assert len(middle.text) < len(text) / 4
    assert findings(again) == findings(lint(edited)) != findings(earlier)


# AVGLINT_PROPERTY_EXAMPLES sets how many registers are tried (docs/testing.md), as in tests/test_properties.py
@settings(max_examples=int(os.environ.get("AVGLINT_PROPERTY_EXAMPLES", "30")), deadline=None,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=[HealthCheck.too_slow])
@given(text=generation.valid_registers(), crlf=st.booleans(),
       edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 12),
                                st.text(alphabet='{}"#,:-\\ \t\r\nax€𝄞\u0301', max_size=6)), min_size=1, max_size=8))
def test_random_edits_of_generated_registers(text, crlf, edits):
    with pytest.MonkeyPatch.context() as monkeypatch:
        editing = Editing(text.replace("\n", "\r\n") if crlf else text, monkeypatch)
        for where, deleted, inserted in edits:
            start = round(where * len(editing.text))
            editing.edit(start, min(start + deleted, len(editing.text)), inserted)
