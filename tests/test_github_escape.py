"""avglint.formats.github_escape: workflow-command escaping and annotations."""

from __future__ import annotations

import pytest

from avglint.formats.github_escape import annotation, escape_data, escape_property

# --- escaping (actions/toolkit packages/core/src/command.ts) -------------------


@pytest.mark.parametrize(
    "raw,escaped",
    [
        ("plain text", "plain text"),
        ("100%", "100%25"),
        ("a\nb", "a%0Ab"),
        ("a\rb", "a%0Db"),
        ("a\r\nb", "a%0D%0Ab"),
        ("%0A", "%250A"),  # % first: an existing escape is not left intact
        ("%25", "%2525"),
        ("key: a, b", "key: a, b"),  # data keeps : and ,
        ("Gerechtigd belang – ’t", "Gerechtigd belang – ’t"),
        ("", ""),
    ],
)
def test_escape_data(raw: str, escaped: str) -> None:
    assert escape_data(raw) == escaped


@pytest.mark.parametrize(
    "raw,escaped",
    [
        ("registers/hr.avg", "registers/hr.avg"),
        ("a:b", "a%3Ab"),
        ("a,b", "a%2Cb"),
        ("C:\\reg,1.avg", "C%3A\\reg%2C1.avg"),
        ("50%", "50%25"),
        ("x\ny\rz", "x%0Ay%0Dz"),
        ("%3A", "%253A"),  # % escaped before the : escape is introduced
        ("avglint (AVG301)", "avglint (AVG301)"),
        ("avglint: a, b", "avglint%3A a%2C b"),
    ],
)
def test_escape_property(raw: str, escaped: str) -> None:
    assert escape_property(raw) == escaped


def _unescape_data(s: str) -> str:
    return s.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def _unescape_property(s: str) -> str:
    return _unescape_data(s.replace("%3A", ":").replace("%2C", ","))


@pytest.mark.parametrize("raw", ["%0A%", "a%2C,:%3A\n\r%", "%%%", "::,,", "100%\n%0D"])
def test_escaping_round_trips(raw: str) -> None:
    # the runner unescapes %0A/%0D/%3A/%2C before %25, so escaping % first is lossless
    assert _unescape_data(escape_data(raw)) == raw
    assert _unescape_property(escape_property(raw)) == raw
    assert "\n" not in escape_data(raw) and "\r" not in escape_data(raw)
    assert ":" not in escape_property(raw) and "," not in escape_property(raw)


# --- annotations -----------------------------------------------------------------


def test_full_single_line_annotation() -> None:
    out = annotation(
        "warning",
        "registers/hr.avg:12:20: AVG301 Activity 'Marketing' states no interest.",
        file="registers/hr.avg",
        line=12,
        end_line=12,
        col=20,
        end_column=37,
        title="avglint (AVG301)",
    )
    assert out == (
        "::warning file=registers/hr.avg,line=12,endLine=12,col=20,endColumn=37,"
        "title=avglint (AVG301)::registers/hr.avg:12:20: AVG301 Activity 'Marketing' states no interest."
    )


@pytest.mark.parametrize("level,command", [("error", "error"), ("warning", "warning"), ("note", "notice")])
def test_level_mapping(level: str, command: str) -> None:
    out = annotation(level, "m", file="a.avg", line=1, end_line=1)
    assert out == f"::{command} file=a.avg,line=1,endLine=1::m"


def test_level_notice_and_case_are_accepted() -> None:
    assert annotation("notice", "m", file="a.avg", line=1, end_line=1).startswith("::notice ")
    assert annotation("ERROR", "m", file="a.avg", line=1, end_line=1).startswith("::error ")


@pytest.mark.parametrize("level", ["info", "fatal", "", "none"])
def test_unknown_level_rejected(level: str) -> None:
    with pytest.raises(ValueError):
        annotation(level, "m", file="a.avg", line=1, end_line=1)


def test_multi_line_range_omits_columns() -> None:
    out = annotation("error", "m", file="a.avg", line=3, end_line=5, col=4, end_column=2)
    assert out == "::error file=a.avg,line=3,endLine=5::m"
    assert "col=" not in out and "endColumn=" not in out


def test_end_column_before_col_omits_columns() -> None:
    out = annotation("error", "m", file="a.avg", line=3, end_line=3, col=10, end_column=9)
    assert out == "::error file=a.avg,line=3,endLine=3::m"


def test_equal_columns_are_kept() -> None:
    out = annotation("error", "m", file="a.avg", line=3, end_line=3, col=9, end_column=9)
    assert out == "::error file=a.avg,line=3,endLine=3,col=9,endColumn=9::m"


def test_col_without_end_column_on_one_line() -> None:
    out = annotation("error", "m", file="a.avg", line=3, end_line=3, col=9)
    assert out == "::error file=a.avg,line=3,endLine=3,col=9::m"


def test_end_column_without_col_is_omitted() -> None:
    out = annotation("error", "m", file="a.avg", line=3, end_line=3, end_column=9)
    assert out == "::error file=a.avg,line=3,endLine=3::m"


def test_properties_and_message_are_escaped() -> None:
    out = annotation(
        "error",
        "first line\nsecond: 100%, done\r",
        file="dir,with:odd/reg%1.avg",
        line=2,
        end_line=2,
        col=1,
        end_column=5,
        title="avglint (AVG301): a, b",
    )
    assert out == (
        "::error file=dir%2Cwith%3Aodd/reg%251.avg,line=2,endLine=2,col=1,endColumn=5,"
        "title=avglint (AVG301)%3A a%2C b::first line%0Asecond: 100%25, done%0D"
    )
    assert "\n" not in out and "\r" not in out
    head, _, message = out.partition("::")[2].partition("::")
    assert message == "first line%0Asecond: 100%25, done%0D"
    assert head.count(",") == 5  # exactly the six property separators


def test_empty_title_is_left_out() -> None:
    assert annotation("warning", "m", file="a.avg", line=1, end_line=1, title="") == (
        "::warning file=a.avg,line=1,endLine=1::m"
    )


# --- the github format: control characters from the input ----------------------------------

ESC_NAME = "Kla\x1b[31mchten\r\n::error file=x.avg::%0A"
ESC_VALUE = "toe\x1b]8;;https://example.org\x07stemming\n::warning::\x85\u2028y"
ESC_REGISTER = (
    'organisatie "O" {\n    rol: verwerkingsverantwoordelijke\n}\n'
    f'verwerking "{ESC_NAME}" {{\n'
    f'    grondslag: "{ESC_VALUE}"\n'
    "    kleur: blauw  # avglint: ignore[AVG004] re\x1b[5mden ::error::z %0A\x7f\n"
    "    doel: x  # avglint: ignore[AVG\x1b[2J1] ::error::\x00\n"
    "}\n"
)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_github_format_shows_control_characters_from_the_input(lang: str) -> None:
    import io
    import re
    import unicodedata

    from avglint.engine import Config, lint
    from avglint.formats import Options, github
    from avglint.formats.controls import visible

    path = "r\x1b[1m::error::.avg"
    result = lint([(path, ESC_REGISTER.encode("utf-8"))], Config())
    shown = [f for f in result.findings if f.suppression is None]
    assert {f.rule for f in shown} >= {"AVG104", "AVG201", "AVG010"}  # a name, a value, a suppression quoted
    assert [f.rule for f in result.findings if f.suppression is not None] == ["AVG004"]
    out = io.StringIO()
    github.write(result, out, Options(lang=lang))
    lines = out.getvalue().split("\n")
    assert lines.pop() == ""
    assert len(lines) == len(shown)  # no line break from the input ends a command and starts another
    for finding, line in zip(shown, lines):
        assert not any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in line), line
        command = re.fullmatch(r"::(error|warning|notice) file=([^,:]*),[^:]*::(.*)", line)
        assert command, line
        assert _unescape_property(command.group(2)) == visible(path)
        span = finding.span
        assert _unescape_data(command.group(3)) == visible(
            f"{path}:{span.line}:{span.column}: {finding.rule} {finding.message.get(lang)}")
    assert "%250A" in out.getvalue()  # the input's own % is escaped, not read as a line break
    assert "re\u241b[5mden" not in out.getvalue()  # a suppressed finding's reason is not shown at all
