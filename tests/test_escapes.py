"""Escapes in quoted strings, form by form: every part of a value or name maps back to the exact
text that wrote it, and a whole check of each form runs in every format without an internal error."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from avglint.model import Activity, unescape
from avglint.parser import parse
from avglint.source import decode

FORMATS = ("text", "json", "sarif", "github", "html")

# (form, the register line that writes it, the item's value as read)
FIELD_FORMS = [
    ("escaped quote", r'doel: "zeg \"ja\" tegen klanten"', 'zeg "ja" tegen klanten'),
    ("escaped backslash", r'doel: "map \\ klanten"', "map \\ klanten"),
    ("escaped line break and tab", r'doel: "regel een\nregel\ttwee"', "regel een\nregel\ttwee"),
    ("other backslash kept as written", r'doel: "bestanden in C:\data\klanten voor algemene doeleinden"',
     r"bestanden in C:\data\klanten voor algemene doeleinden"),
    ("backslash before a kept escape", r'doel: "C:\\data en \\\data"', r"C:\data en \\data"),
    ("backslash before the closing quote's escape", r'doel: "eindigt op \\"', "eindigt op \\"),
    ("backslash at the end of a line inside quotes", 'doel: "eerste regel\\\n        tweede regel"',
     "eerste regel\\\n        tweede regel"),
    ("backslash before a line break with CRLF", 'doel: "eerste\\\r\n  tweede"', "eerste\\\r\n  tweede"),
    ("multi-line string with escapes on each line", 'doel: "a \\"b\\"\n   c:\\d\n   \\\\e"',
     'a "b"\n   c:\\d\n   \\e'),
    ("astral and combining characters around escapes", 'doel: "😀\\d\u0301 \\"é\\" 𝔸\\\\"',
     '😀\\d\u0301 "é" 𝔸\\'),
    ("backslash before an astral character", 'doel: "map \\😀 klanten"', "map \\😀 klanten"),
    ("backslash before an undecodable byte", b'doel: "map \\\xff klanten"', "map \\\udcff klanten"),
]


def _bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def register(line: str | bytes, name: str | bytes = '"Klachten"') -> bytes:
    return (b'organisatie "Gemeente X" {\n    rol: verwerkingsverantwoordelijke\n}\nverwerking ' + _bytes(name)
            + b" {\n    " + _bytes(line) + b"\n    grondslag: toestemming\n}\n")


def activity_of(data: bytes) -> Activity:
    source, problems = decode("t.avg", data)
    result = parse(source, problems)
    assert [f for f in result.findings if f.rule == "AVG001"] == []
    [activity] = [b for top in result.blocks for b in top.walk() if isinstance(b, Activity)]
    return activity


def assert_every_part_maps_back(value: str, span_of, whole_span) -> None:
    """Each value[i:j] has a span inside the written string whose text reads back as value[i:j]."""
    for i in range(len(value) + 1):
        for j in range(i, len(value) + 1):
            span = span_of(i, j)
            assert whole_span.start <= span.start <= span.end <= whole_span.end
            assert unescape(span.text) == value[i:j], (i, j)


@pytest.mark.parametrize("form, line, value", FIELD_FORMS, ids=[form for form, _, _ in FIELD_FORMS])
def test_item_spans_through_escapes(form, line, value):
    activity = activity_of(register(line))
    [item] = activity.own("doel").items
    assert item.quoted and item.value == value
    written = item.span.text
    assert written[0] == written[-1] == '"'
    assert item.span_of(0, len(value)).text == written[1:-1]
    assert_every_part_maps_back(value, item.span_of, item.span)


def test_other_backslash_points_at_the_words_after_it():
    activity = activity_of(register(r'doel: "bestanden in C:\data\klanten voor algemene doeleinden"'))
    [item] = activity.own("doel").items
    start = item.value.index("algemene doeleinden")
    span = item.span_of(start, start + len("algemene doeleinden"))
    assert span.text == "algemene doeleinden"
    assert (span.line, span.column, span.end_column) == (5, 46, 65)


def test_escaped_quote_points_at_both_written_characters():
    activity = activity_of(register(r'doel: "zeg \"ja\" tegen klanten"'))
    [item] = activity.own("doel").items
    assert item.span_of(4, 8).text == r'\"ja\"'
    assert item.span_of(5, 7).text == "ja"


def test_escapes_in_dash_items_and_after_a_continuation_comma():
    activity = activity_of(register('gegevens: "a\\\\b", C:\\plain,\n        "c\\d \\"e\\""\n    ontvangers:\n'
                                    '        - "f\\n\\g", h\n        - "i\\\\"'))
    items = [*activity.own("gegevens").items, *activity.own("ontvangers").items]
    assert [item.value for item in items] == ["a\\b", "C:\\plain", 'c\\d "e"', "f\n\\g", "h", "i\\"]
    for item in items:
        assert_every_part_maps_back(item.value, item.span_of, item.span)


@pytest.mark.parametrize("name, value", [
    (r'"Archief \"oud\""', 'Archief "oud"'),
    (r'"Map C:\data\klanten"', r"Map C:\data\klanten"),
    ('"Naam\\\nover twee regels"', "Naam\\\nover twee regels"),
    ('"😀 \\\\ \\\u0301x"', "😀 \\ \\\u0301x"),
    ("Map C:\\data", "Map C:\\data"),   # an unquoted name has no escapes at all
], ids=["escaped quote", "other backslash", "backslash at line end", "astral and combining", "unquoted"])
def test_name_spans_through_escapes(name, value):
    activity = activity_of(register("doel: klachten afhandelen", name=name))
    assert activity.name == value
    assert_every_part_maps_back(value, activity.name_span_of, activity.name_span)


def test_every_form_is_checked_in_every_format_without_internal_error(tmp_path):
    """All forms in one register, names with escapes included, through every rule and format."""
    body = b"".join(register(line, name=f'"Activiteit {i} C:\\\\d\\\\"'.encode())
                    .split(b"}\n", 1)[1] for i, (_, line, _) in enumerate(FIELD_FORMS))
    path = tmp_path / "escapes.avg"
    path.write_bytes(register("doel: klachten afhandelen", name=r'"C:\data \"oud\""') + body)
    for output_format in FORMATS:
        process = subprocess.run([sys.executable, "-m", "avglint", "check", "--no-config", "--format",
                                  output_format, str(path)], capture_output=True, cwd=tmp_path)
        assert process.returncode == 1, process.stderr
        assert b"internal error" not in process.stderr
        output = process.stdout.decode("utf-8")   # strict: raises on any byte that is not UTF-8
        if output_format in ("json", "sarif"):
            json.loads(output)
