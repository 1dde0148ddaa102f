"""The explanations the server shows (avglint/lsp/fields.yaml) cover the whole language, and
positions convert both ways in every encoding."""

from __future__ import annotations

import pytest

from avglint.language import language
from avglint.lsp.hover import article, meanings
from avglint.lsp.positions import UTF8, UTF16, UTF32, offset, position
from avglint.source import SourceFile


def test_every_block_kind_and_key_has_a_meaning_in_both_languages():
    data = meanings()
    assert set(data["blocks"]) == set(language().block_en)
    assert set(data["fields"]) == set(language().field_info)
    for entry in [*data["blocks"].values(), *data["fields"].values()]:
        assert entry["en"].strip() and entry["nl"].strip()


def test_articles_in_both_languages():
    assert article("30(1)(b)", "en") == "Art. 30(1)(b) GDPR"
    assert article("30(1)(b)", "nl") == "art. 30 lid 1 sub b AVG"
    assert article("4(7), 4(8)", "nl") == "art. 4 lid 7, 4 lid 8 AVG"


@pytest.mark.parametrize("encoding, column", [(UTF16, 4), (UTF8, 7), (UTF32, 3)])
def test_positions_round_trip(encoding, column):
    source = SourceFile("r.avg", "a\n\U0001F600e\u0301x\r\nz")  # astral, combining mark, CRLF
    x = source.text.index("x")
    assert position(source, x, encoding).character == column
    assert offset(source, position(source, x, encoding), encoding) == x
    assert offset(source, position(source, len(source.text), encoding), encoding) == len(source.text)
