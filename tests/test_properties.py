"""Properties over arbitrary input: never an exception, spans inside the file and slicing back to the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avglint.engine import Config, lint
from avglint.model import unescape
from avglint.parser import parse
from avglint.source import decode

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces of the language, so that random text gets deep into the grammar, not only into its error paths
PIECES = st.sampled_from([
    "verwerking", "groep", "organisatie", "verwerker", "activity", "registratie", '"Naam"', '"a, b"', '"x\\"y"',
    "{", "}", "{\n", "}\n", ":", ",", ", ", ",\n", "\n", "\r\n", "\n\n", "  ", "\t", "-", "- ", "#", "# avglint: ",
    "ignore[AVG301]", "ignore-file[AVG7]", "doel", "gegevens", "grondslag", "bijzondere gegevens", "Gerechtigd belang",
    "Toestemming", "geen", "naam", "é", "ë", "–", "\u200f", "e\u0301", "\ufeff", "\x00", '"', "\\", "a", "1.4",
])


def check_spans(data: bytes) -> None:
    source, problems = decode("t.avg", data)
    result = parse(source, problems)
    size = len(source.text)
    for finding in result.findings:
        assert 0 <= finding.span.start <= finding.span.end <= size
        assert finding.span.line >= 1 and finding.span.column >= 1
    for comment in result.comments:
        assert source.text[comment.start:comment.end] == comment.text
    for top in result.blocks:
        for block in top.walk():
            assert 0 <= block.start <= block.end <= size
            for field in (*block.fields.values(), *block.unknown, *block.duplicates):
                assert field.key_span.text == field.written
                for item in field.items:
                    raw = item.span.text
                    assert (unescape(raw[1:-1]) if item.quoted else raw) == item.value


@FAST
@given(st.binary(max_size=600))
def test_any_bytes_give_findings_not_exceptions(data):
    check_spans(data)
    lint([("t.avg", data)], Config())


@FAST
@given(st.lists(PIECES, max_size=80).map("".join))
def test_language_like_text_parses_with_valid_spans(text):
    data = text.encode("utf-8")
    check_spans(data)
    result = lint([("t.avg", data)], Config())
    for finding in result.findings:
        assert finding.message.en.strip() and finding.message.nl.strip()
        assert finding.rule and finding.severity in ("error", "warning", "note")
