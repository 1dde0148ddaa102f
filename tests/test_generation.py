"""The register generator (tests/generation.py) writes every form it promises (that each token it writes is one
of the grammar's, it asserts itself as it writes)."""

from __future__ import annotations

import re

import pytest

import generation
from avglint.model import Group
from avglint.parser import parse
from avglint.source import decode


@pytest.fixture(scope="module")
def sample():
    return generation.sample(300, seed=5)


# what the generated registers must hold between them, as it appears in their bytes
FORMS = {
    "escaped quote": rb'\\"',
    "escaped backslash": rb"\\\\",
    "backslash before another character": rb'\\[^"\\\s]',
    "backslash at the end of a line": rb'\\\r?\n',
    "quoted text over several lines": rb'"[^"\n]*\n[^"\n]*"',
    "continuation line": rb"(?m)^[ \t]*[^\W\d][\w -]*:[^\n#]*,[ \t]*\r?\n",
    "dash list": rb"(?m)^[ \t]*-",
    "comment line": rb"(?m)^[ \t]*# ",
    "suppression at the end of a line": rb"[^\s#][ \t]+# avglint: ignore\[",
    "suppression alone on its line": rb"(?m)^[ \t]*# avglint: ignore\[",
    "suppression of a block": rb"\{[ \t]+# avglint: ignore\[",
    "suppression of the file": rb"# avglint: ignore-file\[",
    "processor block": rb"(?mi)^[ \t]*(verwerker|processor)\b",
    "Dutch block kind": rb"(?mi)^[ \t]*(verwerking|groep|organisatie)\b",
    "English block kind": rb"(?mi)^[ \t]*(processing|activity|group|organi[sz]ation)\b",
    "Dutch key": rb"(?mi)^[ \t]*(doel|grondslag|bewaartermijn):",
    "English key": rb"(?mi)^[ \t]*(purpose|lawful basis|retention):",
    "astral character": "😀".encode(),
    "combining mark": "\u0301".encode(),
    "right-to-left text": "\u202e".encode(),
    "CRLF line ends": rb"\r\n",
    "stray byte": rb"\xff",
    "NUL": rb"\x00",
}


@pytest.mark.parametrize("form", FORMS)
def test_the_sample_holds_every_form(form, sample):
    pattern = re.compile(FORMS[form])
    assert any(pattern.search(data) for data in sample)


def test_the_sample_has_byte_order_marks_and_groups_in_groups(sample):
    assert any(data.startswith(b"\xef\xbb\xbf") for data in sample)
    nested = 0
    for data in sample:
        source, problems = decode("t.avg", data)
        nested += sum(isinstance(block, Group) and isinstance(block.parent, Group)
                      for top in parse(source, problems).blocks for block in top.walk())
    assert nested


def test_the_same_seed_gives_the_same_registers(sample):
    assert generation.sample(5, seed=5) == sample[:5]
