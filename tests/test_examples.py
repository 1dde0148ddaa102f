"""The examples: seed transcriptions stay faithful and parse cleanly; spans slice back to the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from avglint.engine import Config, lint
from avglint.model import unescape
from avglint.parser import parse
from avglint.source import decode
from conftest import seed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REGISTERS = sorted(EXAMPLES.glob("*.avg"))


@pytest.mark.parametrize("path", REGISTERS, ids=lambda p: p.name)
def test_example_parses_without_structural_findings(path):
    result = lint([(path.name, path.read_bytes())], Config(select=["AVG001", "AVG002", "AVG003", "AVG004",
                                                                   "AVG005", "AVG006"]))
    assert [(f.rule, f.span.line, f.message.en) for f in result.findings] == []


@pytest.mark.parametrize("path", REGISTERS, ids=lambda p: p.name)
def test_every_span_slices_back_to_its_text(path):
    source, problems = decode(path.name, path.read_bytes())
    result = parse(source, problems)
    count = 0
    for top in result.blocks:
        for block in top.walk():
            assert block.span.text.startswith(block.kind_written) and block.span.text.endswith("}")
            if block.name is not None:
                raw = block.name_span.text
                assert (unescape(raw[1:-1]) if raw.startswith('"') else raw) == block.name
            for field in block.fields.values():
                assert field.key_span.text == field.written
                for item in field.items:
                    raw = item.span.text
                    assert (unescape(raw[1:-1]) if item.quoted else raw) == item.value
                    count += 1
    assert count > 20


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[’'][^\W_]+)*", text)


@pytest.mark.parametrize("number, statement", [("003", "megawatt.md"), ("004", "centric-rmm.md")])
def test_statements_are_verbatim(number, statement):
    source = seed(number)
    markdown = (EXAMPLES / "statements" / statement).read_text(encoding="utf-8")
    without_markup = re.sub(r"^#+ ", "", markdown, flags=re.M)  # list numbers are words of the seed too
    assert words(without_markup) == words(source.read_text(encoding="utf-8"))
