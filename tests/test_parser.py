"""The register language, construct by construct, with positions checked by hand."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avglint.model import Activity, Group, Organisation, Processor, UnknownBlock
from avglint.parser import likely_values, parse
from avglint.source import decode


def parse_text(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    source, problems = decode("t.avg", data)
    return parse(source, problems)


def blocks(result):
    return [block for top in result.blocks for block in top.walk()]


def only_activity(text: str) -> Activity:
    result = parse_text(text)
    assert result.findings == []
    [activity] = [b for b in blocks(result) if isinstance(b, Activity)]
    return activity


def where(span):
    return (span.line, span.column, span.end_line, span.end_column)


def test_block_with_quoted_name_and_field_positions():
    activity = only_activity('verwerking "Klachten" {\n    doel: klachten oplossen\n}\n')
    assert activity.name == "Klachten"
    assert where(activity.name_span) == (1, 12, 1, 22)      # "Klachten" with its quotes
    assert where(activity.span) == (1, 1, 3, 2)
    field = activity.own("doel")
    assert where(field.key_span) == (2, 5, 2, 9)
    [item] = field.items
    assert item.value == "klachten oplossen"
    assert where(item.span) == (2, 11, 2, 28)


def test_bare_name_block_and_unnamed_block():
    result = parse_text("groep Zakelijke relaties {\n}\norganisatie {\n}\n")
    group, organisation = blocks(result)
    assert isinstance(group, Group) and group.name == "Zakelijke relaties"
    assert where(group.name_span) == (1, 7, 1, 25)
    assert isinstance(organisation, Organisation) and organisation.name is None


def test_comma_list_items_keep_offsets():
    activity = only_activity("verwerking X {\n  gegevens: naam, e-mailadres ,telefoon\n}\n")
    items = activity.own("gegevens").items
    assert [i.value for i in items] == ["naam", "e-mailadres", "telefoon"]
    assert [where(i.span) for i in items] == [(2, 13, 2, 17), (2, 19, 2, 30), (2, 32, 2, 40)]


def test_trailing_comma_continues_on_next_line():
    activity = only_activity('verwerking X {\n  gegevens: naam, adres,\n            "inhoud, klacht"\n  doel: x\n}\n')
    items = activity.own("gegevens").items
    assert [i.value for i in items] == ["naam", "adres", "inhoud, klacht"]
    assert where(items[2].span) == (3, 13, 3, 29)
    assert activity.own("doel").text == "x"


def test_trailing_comma_before_blank_line_ends_the_list():
    activity = only_activity("verwerking X {\n  gegevens: naam, adres,\n\n  doel: x\n}\n")
    assert activity.own("gegevens").values == ["naam", "adres"]
    assert activity.own("doel").values == ["x"]


def test_dash_list_with_several_items_per_line_blank_lines_and_comments():
    activity = only_activity(
        "verwerking X {\n  gegevens:\n    - naam, adres\n\n    # - bsn (vervallen)\n    - \"a, b\"\n  doel: y\n}\n")
    items = activity.own("gegevens").items
    assert [i.value for i in items] == ["naam", "adres", "a, b"]
    assert where(items[0].span) == (3, 7, 3, 11)
    assert where(items[2].span) == (6, 7, 6, 13)


def test_empty_field():
    activity = only_activity("verwerking X {\n  doorgifte:\n  doel: y\n}\n")
    assert activity.own("doorgifte").is_empty
    assert where(activity.own("doorgifte").key_span) == (2, 3, 2, 12)


def test_quoted_string_escapes_and_span_of_words_inside():
    activity = only_activity('verwerking X {\n  doel: "zeg \\"ja\\", \\\\ en\\nmeer"\n}\n')
    [item] = activity.own("doel").items
    assert item.value == 'zeg "ja", \\ en\nmeer'
    assert item.quoted
    assert item.span_of(4, 8).text == '\\"ja\\"'   # value[4:8] is '"ja"', written with escapes


def test_string_spanning_lines():
    activity = only_activity('verwerking X {\n  doel: "eerste regel\n   tweede regel"\n}\n')
    [item] = activity.own("doel").items
    assert item.value == "eerste regel\n   tweede regel"
    assert where(item.span) == (2, 9, 3, 17)


def test_keys_are_case_insensitive_with_space_dash_underscore_equivalent():
    activity = only_activity("verwerking X {\n  Bijzondere_Gegevens: geen\n  LAWFUL-basis: Toestemming\n}\n")
    assert activity.own("bijzondere gegevens").text == "geen"
    assert activity.own("grondslag").text == "Toestemming"


def test_english_aliases_for_blocks_and_fields():
    result = parse_text('organisation "O" {\n  dpo: x@y.nl\n}\nprocessor "P" {\n  country: VS\n}\n'
                        'activity "A" {\n  purpose: p\n}\n')
    organisation, processor, activity = blocks(result)
    assert isinstance(organisation, Organisation) and organisation.own("fg").text == "x@y.nl"
    assert isinstance(processor, Processor) and processor.own("land").text == "VS"
    assert isinstance(activity, Activity) and activity.own("doel").text == "p"


def test_comments_are_kept_with_positions():
    result = parse_text("# kop\nverwerking X {  # blok\n  doel: a  # veld\n}\n")
    assert [(c.text, c.start) for c in result.comments] == [("# kop", 0), ("# blok", 22), ("# veld", 40)]


def test_hash_inside_a_string_is_not_a_comment():
    activity = only_activity('verwerking X {\n  doel: "actie #1"\n}\n')
    assert activity.own("doel").text == "actie #1"


def test_nesting_group_path_and_inheritance():
    result = parse_text('organisatie "O" {\n  bewaartermijn: 1 jaar\n  contact: a@b.nl\n}\n'
                        'groep "A" {\n  beveiliging: versleuteling\n  groep "B" {\n    bewaartermijn: 2 jaar\n'
                        '    verwerking "X" {\n      id: 1\n    }\n  }\n}\n')
    from avglint.model import Register
    register = Register([result.source], result.blocks)
    [activity] = register.activities
    assert activity.group_path == ("A", "B")
    assert activity.get("bewaartermijn").text == "2 jaar"
    assert activity.get("bewaartermijn").block.name == "B"        # where the inherited value was written
    assert activity.get("beveiliging").block.name == "A"
    assert activity.inherited(activity.get("beveiliging"))
    assert activity.get("contact") is None                       # organisation-only fields are not inherited
    assert activity.id == "1"


def test_one_line_block():
    result = parse_text('verwerker "Mailchimp" { land: Verenigde Staten }\n')
    assert result.findings == []
    [processor] = blocks(result)
    assert processor.own("land").text == "Verenigde Staten"


def test_unknown_block_contents_are_still_parsed():
    result = parse_text('registratie "R" {\n  verwerking "X" {\n    doel: a\n  }\n}\n')
    unknown, activity = blocks(result)
    assert isinstance(unknown, UnknownBlock) and unknown.kind_written == "registratie"
    assert activity.own("doel").text == "a"


def test_tabs_count_as_one_column():
    activity = only_activity("verwerking X {\n\tdoel:\tzorg\n}\n")
    assert where(activity.own("doel").items[0].span) == (2, 8, 2, 12)


def test_non_ascii_columns_are_code_points_and_bytes_are_exact():
    activity = only_activity("verwerking \"Één\" {\n  doel: café, naïef\n}\n")
    items = activity.own("doel").items
    assert where(items[1].span) == (2, 15, 2, 20)
    assert items[1].span.start_byte == len("verwerking \"Één\" {\n  doel: café, ".encode())


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bom_and_crlf(newline):
    text = newline.join(["verwerking X {", "  gegevens: a, b", "  doel:", "    - c", "}", ""])
    result = parse_text(b"\xef\xbb\xbf" + text.encode())
    assert result.findings == []
    [activity] = blocks(result)
    items = activity.own("gegevens").items + activity.own("doel").items
    assert [i.value for i in items] == ["a", "b", "c"]
    assert where(items[1].span) == (2, 16, 2, 17)
    assert items[0].span.start_byte == 3 + len(f"verwerking X {{{newline}  gegevens: ".encode())


# -- bad input: every case gives diagnostics with positions, never an exception -------------

def diagnostics(data: bytes):
    return [(f.rule, f.span.line, f.span.column) for f in parse_text(data).findings]


def test_empty_file_and_comment_only_file():
    assert diagnostics(b"") == []
    assert diagnostics(b"# alleen commentaar\n# meer") == []


def test_unterminated_string():
    assert diagnostics(b'verwerking X {\n  doel: "abc\n  grondslag: x\n}\n') == [("AVG001", 2, 9)]


def test_unclosed_blocks_report_where_they_opened_and_keep_the_model():
    result = parse_text(b"groep A {\n  verwerking X {\n    doel: a\n")
    assert [(f.span.line, f.span.column) for f in result.findings] == [(1, 1), (2, 3)]
    assert "line 2" in result.findings[1].message.en and "regel 2" in result.findings[1].message.nl
    activity = [b for b in blocks(result) if isinstance(b, Activity)][0]
    assert activity.own("doel").text == "a"


def test_stray_closing_brace():
    assert diagnostics(b"}\nverwerking X {\n}\n}\n") == [("AVG001", 1, 1), ("AVG001", 4, 1)]


def test_field_outside_any_block():
    result = parse_text(b"doel: a\n  - b\nverwerking X {\n}\n")
    assert [(f.rule, f.span.line) for f in result.findings] == [("AVG001", 1)]
    assert "outside any block" in result.findings[0].message.en


def test_comments_before_every_kind_of_entry_are_kept_in_order_even_where_an_entry_is_wrong():
    # a block head, a field and "}" carry the comment lines before them (grammar/avg.lark): none is lost,
    # not even before a field outside any block, which error recovery drops
    text = ("# voor blok\ngroep A { # achter kop\n  # voor veld\n  doel: a # achter waarde\n"
            "  # voor sluiten\n}\n# voor los veld\r\ndoel: b\n# voor los sluiten\n}\n# aan het eind\n")
    result = parse_text(text)
    expected = ["# voor blok", "# achter kop", "# voor veld", "# achter waarde", "# voor sluiten",
                "# voor los veld", "# voor los sluiten", "# aan het eind"]
    assert [c.text for c in result.comments] == expected
    assert [text.encode()[c.start:c.end].decode() for c in result.comments] == expected
    assert [(f.span.line, f.span.column) for f in result.findings] == [(8, 1), (10, 1)]
    [group] = result.blocks
    assert (group.span.line, group.own("doel").span.line, group.own("doel").span.column) == (2, 4, 3)


def test_several_errors_in_one_file_are_all_reported():
    data = b'verwerking X {\n  doel:\n    klanten helpen\n  gegevens: a { b\n  - los\n  bewaartermijn: "x\n}\n'
    assert diagnostics(data) == [("AVG001", 3, 5), ("AVG001", 4, 15), ("AVG001", 6, 18)]


def test_messages_never_show_lark_token_names():
    data = b'}\n{\ndoel: a\nverwerking X {\n  doel:\n  x y\n  a: "b\n'
    findings = parse_text(data).findings
    assert len(findings) >= 5 and {f.rule for f in findings} == {"AVG001"}
    for finding in findings:
        for text in finding.message:
            assert "__ANON" not in text and "FIELD" not in text and "_NL" not in text and "Token" not in text


def test_invalid_utf8_in_the_middle_is_reported_and_the_rest_checked():
    result = parse_text(b"verwerking X {\n  doel: a\xff\xfeb\n  grondslag: c\n}\n")
    assert [(f.rule, f.span.line, f.span.column) for f in result.findings] == [("AVG002", 2, 10)]
    [activity] = blocks(result)
    assert activity.own("grondslag").text == "c"


def test_nul_bytes():
    assert diagnostics(b"verwerking X {\n  doel: a\x00b\n}\n") == [("AVG002", 2, 10)]


def test_binary_file():
    assert diagnostics(bytes(range(256)) * 40) == [("AVG002", 1, 1)]


def test_utf16_file_is_read_and_reported():
    result = parse_text("verwerking X {\n  doel: a\n}\n".encode("utf-16"))
    assert [(f.rule, f.span.line) for f in result.findings] == [("AVG002", 1)]
    assert blocks(result)[0].own("doel").text == "a"


def test_deep_nesting_has_no_recursion_limit():
    data = ("groep G {\n" * 5000 + "verwerking X {\n  doel: a\n}\n" + "}\n" * 5000).encode()
    result = parse_text(data)
    assert result.findings == []
    assert len(blocks(result)) == 5001
    from avglint.model import Register
    [activity] = Register([result.source], result.blocks).activities
    assert len(activity.group_path) == 5000


def test_unbalanced_braces_flood_is_bounded():
    result = parse_text(b"}" * 100_000)
    assert 1 <= len(result.findings) <= 201


def test_trailing_comma_that_swallows_the_next_field_is_reported():
    result = parse_text(b"verwerking X {\n  gegevens: naam, adres,\n  grondslag: Toestemming\n}\n")
    assert [(f.rule, f.span.line, f.span.column) for f in result.findings] == [("AVG001", 3, 3)]
    assert "Line 2 ends with a comma" in result.findings[0].message.en


def test_comment_spans_stop_before_the_carriage_return():
    result = parse_text(b"verwerking X {  # blok\r\n  doel: a,  # lijst\r\n    b\r\n}\r\n")
    assert [c.text for c in result.comments] == ["# blok", "# lijst"]
    for comment in result.comments:
        assert result.source.text[comment.start:comment.end] == comment.text
        assert not comment.text.endswith("\r")


def _dump(result):
    out = []
    for top in result.blocks:
        for block in top.walk():
            out.append((block.kind, block.name, block.start, block.end, tuple(
                (f.key, f.written, f.start, f.end, tuple((i.value, i.start, i.end, i.quoted) for i in f.items))
                for f in (*block.fields.values(), *block.unknown, *block.duplicates))))
    return out, [tuple(c) for c in result.comments], [(f.rule, f.span.start, f.message.en) for f in result.findings]


def test_fast_and_pure_python_parsers_build_the_same_model(monkeypatch):
    """lark-cython (when installed) and the pure-Python parser give identical models."""
    import importlib.util
    from pathlib import Path

    import avglint.parser as parser_module

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("generate", root / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    texts = [p.read_bytes() for p in sorted((root / "examples").glob("*.avg"))]
    texts += [text.encode() for _, text in generate.generate(300, files=3, seed=5)]
    fast = [_dump(parse_text(data)) for data in texts]
    original = parser_module._parser

    def pure_python_only(fast_wanted):
        return None if fast_wanted else original(False)

    monkeypatch.setattr(parser_module, "_parser", pure_python_only)
    assert [_dump(parse_text(data)) for data in texts] == fast


def test_passing_is_called_once_at_the_first_block_that_starts_at_the_position_or_beyond():
    text = 'verwerking "A" {\n    doel: x\n}\nverwerking "B" {\n    doel: y\n}\nverwerking "C" {\n    doel: z\n}\n'
    source, problems = decode("t.avg", text.encode())
    for position, expected in ((0, 1), (text.index('"B"'), 1), (len(text), 0)):
        calls: list[int] = []
        assert parse(source, problems, passing=(position, functools.partial(calls.append, 1))).blocks
        assert len(calls) == expected, position


def test_the_fast_parser_compares_its_rules_by_identity_and_other_layouts_are_left_alone():
    """lark-cython compares and looks up its grammar rules at every reduction; the fast parser's rules are
    compared by identity (the model is the same: the test above), and a Lark laid out otherwise is not touched."""
    from lark.grammar import Rule

    import avglint.parser as parser_module

    fast = parser_module._parser(True)
    if fast is None:
        pytest.skip("lark-cython is not installed")
    callbacks = fast[0].parser.parser_conf.callbacks
    assert callbacks and all(type(rule).__eq__ is object.__eq__ and callbacks[rule] for rule in callbacks)
    assert all(type(rule) is Rule for rule in parser_module._parser(False)[0].parser.parser_conf.callbacks)
    parser_module._rules_by_identity(object())  # no parser's attributes: nothing to do, nothing raised


def _parsed_values(result) -> set[str]:
    return {item.value for top in result.blocks for block in top.walk()
            for field in (*block.fields.values(), *block.unknown, *block.duplicates) for item in field.items}


@pytest.mark.parametrize("example", sorted((Path(__file__).parent.parent / "examples").glob("*.avg")),
                         ids=lambda path: path.name)
def test_likely_values_read_most_of_what_the_parser_reads_without_parsing(example):
    text = example.read_text(encoding="utf-8")
    result = parse(decode(str(example), text.encode("utf-8"))[0])
    read = set(likely_values(text))
    values = _parsed_values(result)
    names = {block.name for top in result.blocks for block in top.walk() if block.name}
    assert len(values & read) >= 0.9 * len(values)
    assert names <= read


def test_likely_values_read_items_quoted_strings_continuation_lines_and_names():
    text = ('verwerking "Werving \\"extern\\"" {\n'
            '    gegevens: naam, "adres, woonplaats", cv,   # zie beleid\n'
            '              referenties\n'
            '    - diploma\'s\n'
            '    - getuigschriften   # "bron: sollicitant"\n'
            '    bron: de sollicitant  # zie formulier\n'
            '}\n')
    read = likely_values(text)
    assert {'Werving "extern"', "naam", "adres, woonplaats", "cv", "referenties", "diploma's", "getuigschriften",
            "de sollicitant"} <= set(read)  # an item before a comment at the end of its line too
    assert read.index("naam") < read.index('naam, adres, woonplaats, cv, referenties')  # items first


@given(st.text())
def test_likely_values_read_any_text(text):
    assert all(type(value) is str for value in likely_values(text))
