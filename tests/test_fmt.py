"""avglint fmt: the canonical layout, comments and suppressions kept, idempotent, meaning-preserving."""

from __future__ import annotations

import collections
import importlib.util
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

import generation
from avglint.commands import fmt_command
from avglint.engine import Config, lint
from avglint.fmt import FormatError, NotFormattable, format_bytes, format_text, needs_quotes, signature
from avglint.parser import parse
from avglint.source import SourceFile, decode

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted(ROOT.glob("examples/*.avg")) + sorted((ROOT / "tests").glob("**/*.avg"))


def _load_generator():
    spec = importlib.util.spec_from_file_location("avg_benchmark_generate_fmt", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _load_generator().generate


def model(text: str):
    return signature(parse(SourceFile("t.avg", text)).blocks)


def comments(text: str) -> list[str]:
    return sorted(c.text.rstrip() for c in parse(SourceFile("t.avg", text)).comments)


def outcome(text: str, path: str = "t.avg"):
    """What checking says, in a form that does not depend on lines: rule, activity, suppression.
    (The rule families of the foundation; suppressions of other rules show as AVG009, before and after.
    Activity names in any case: an unnamed block is named by its kind as written, which fmt writes in lower case.)"""
    result = lint([(path, text.encode("utf-8", "surrogateescape"))], Config(select=["AVG0", "AVG1", "AVG2"]))
    return collections.Counter(
        (f.rule, f.activity.qualified_name.casefold() if f.activity else None,
         f.suppression.justification if f.suppression else None) for f in result.findings)


def assert_formats_well(path: str, data: bytes) -> bytes:
    """Formatting gives the same model and comments, and formatting again changes nothing."""
    source, formatted = format_bytes(path, data)
    before = parse(*decode(path, data))
    after = parse(*decode(path, formatted))
    assert [f for f in after.findings if f.rule in ("AVG001", "AVG002")] == []
    assert signature(after.blocks) == signature(before.blocks)
    assert sorted(c.text.rstrip() for c in after.comments) == sorted(c.text.rstrip() for c in before.comments)
    assert format_bytes(path, formatted)[1] == formatted, "not idempotent"
    return formatted


# -- the layout ------------------------------------------------------------------------

def test_canonical_layout():
    text = (
        '\n\n# kop\n\n'
        'Organisatie   Voorbeeld B.V.{\n'
        '\tRol:    verwerkingsverantwoordelijke\n'
        '}\n'
        'verwerker "Mailchimp" { land: Verenigde Staten }\n'
        'groep Klanten {\n\n\n'
        '  verwerking "Klachten" {\n'
        '      id:1.4\n'
        '      Bijzondere_Gegevens :geen\n'
        '      gegevens:   naam,e-mailadres ,   "telefoonnummer"\n'
        '      betrokkenen:\n'
        '            -   klanten\n'
        '        - "zakelijke relaties",   leveranciers\n'
        '  }\n'
        '  verwerking "Enquête" {\n'
        '  }\n\n\n'
        '}\n'
    )
    assert format_text(text) == (
        '# kop\n'
        '\n'
        'organisatie "Voorbeeld B.V." {\n'
        '    rol: verwerkingsverantwoordelijke\n'
        '}\n'
        '\n'
        'verwerker "Mailchimp" {\n'
        '    land: Verenigde Staten\n'
        '}\n'
        '\n'
        'groep "Klanten" {\n'
        '    verwerking "Klachten" {\n'
        '        id: 1.4\n'
        '        bijzondere gegevens: geen\n'
        '        gegevens: naam, e-mailadres, telefoonnummer\n'
        '        betrokkenen:\n'
        '            - klanten\n'
        '            - zakelijke relaties, leveranciers\n'
        '    }\n'
        '\n'
        '    verwerking "Enquête" {\n'
        '    }\n'
        '}\n'
    )


def test_long_inline_lists_wrap_after_a_comma_aligned_under_the_first_item():
    items = [f"categorie {n:02d}" for n in range(20)]
    text = 'verwerking "A" {\n    gegevens: ' + ", ".join(items) + "\n}\n"
    out = format_text(text, line_length=60)
    lines = out.splitlines()[1:-1]
    assert all(len(line) <= 60 for line in lines)
    assert all(line.endswith(",") for line in lines[:-1]) and not lines[-1].endswith(",")
    column = lines[0].index("categorie")
    assert all(line.index("categorie") == column for line in lines)
    assert model(out) == model(text)
    # and a wrapped list that fits is joined again
    short = 'verwerking "A" {\n    gegevens: ' + ", ".join(items[:6]) + "\n}\n"
    wrapped = format_text(short, line_length=60)
    assert wrapped.count("\n") > short.count("\n")
    assert format_text(wrapped) == short


def test_dash_lists_stay_dash_lists_and_mixed_fields_become_one():
    text = 'verwerking "A" {\n  gegevens: naam\n    - adres,\n      woonplaats\n  - telefoon\n}\n'
    assert format_text(text) == ('verwerking "A" {\n    gegevens:\n        - naam\n        - adres, woonplaats\n'
                                 '        - telefoon\n}\n')


@pytest.mark.parametrize("value, quoted", [
    ("naam", False), ("Gerechtigd belang (artikel 6.1.f AVG) – het belang", False), ("e-mailadres", False),
    ("naam, adres", True), ("a # b", True), ('het "slimme" meten', True), ("{x}", True), ("", True),
    (" spatie", True), ("spatie ", True), ("twee\nregels", True), ("systemen: CRM", True),
    ("Aanvullend: e-mail", False),
    ("back\\slash", False), ("-", False), ("- naam", False), ("tab\tin", False),
    ("\u00a0", True), ("naam\u2028", True), ("no\u00a0break", False),
])
def test_items_are_quoted_exactly_when_needed(value, quoted):
    assert needs_quotes(value) is quoted
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    text = 'verwerking "A" {\n    omschrijving: x, "' + escaped + '"\n}\n'
    out = format_text(text)
    assert model(out) == model(text)
    assert (('"' + escaped + '"') in out) is quoted


def test_block_names_are_always_quoted_and_keep_their_value():
    text = 'groep Klanten en leveranciers {\n  verwerking "Met \\"quotes\\", komma" {\n  }\n}\n'
    out = format_text(text)
    assert 'groep "Klanten en leveranciers" {' in out
    assert 'verwerking "Met \\"quotes\\", komma" {' in out
    assert model(out) == model(text)


def test_crlf_bom_and_tabs():
    data = b'\xef\xbb\xbf# kop\r\nverwerking "A" {\r\n\tdoel:\tx\r\n}\r\n'
    _, out = format_bytes("t.avg", data)
    assert out == b'\xef\xbb\xbf# kop\r\nverwerking "A" {\r\n    doel: x\r\n}\r\n'


def test_empty_file_and_comment_only_file():
    assert format_text("") == ""
    assert format_text("\n\n") == ""
    assert format_text("# alleen commentaar\n\n# nog een\n") == "# alleen commentaar\n\n# nog een\n"


def test_blank_lines_between_fields_are_kept_but_collapsed():
    text = 'verwerking "A" {\n    doel: x\n\n\n\n    grondslag: y\n    bron: z\n}\n'
    assert format_text(text) == 'verwerking "A" {\n    doel: x\n\n    grondslag: y\n    bron: z\n}\n'


# -- comments and suppressions ------------------------------------------------------------

COMMENTED = '''\
# avglint: ignore-file[AVG109] beveiliging staat in het ISMS
organisatie "Voorbeeld" {   # avglint: ignore[AVG101] contact staat op de website
    rol: verwerkingsverantwoordelijke
}

# avglint: ignore[AVG108] bewaartermijn volgt uit de archiefwet
verwerking "Archief" {
    doel: archiveren
    grondslag: Gerechtigd belang   # avglint: ignore[AVG202] zo staat het in het besluit
    gegevens: naam,   # na naam
        adres,
        # tussen de regels
        woonplaats   # avglint: ignore[AVG1] regel
    betrokkenen:
        # boven de eerste
        - klanten   # achter klanten
        - leveranciers
    # avglint: ignore[AVG106] ontvangers volgen
    ontvangers:
    # onderaan het blok
}   # na het blok

verwerker "X" { land: Nederland }   # avglint: ignore[AVG0] een regel
# einde
'''


def test_every_comment_stays_where_it_belongs():
    out = format_text(COMMENTED)
    assert comments(out) == comments(COMMENTED)
    assert out == '''\
# avglint: ignore-file[AVG109] beveiliging staat in het ISMS
organisatie "Voorbeeld" {  # avglint: ignore[AVG101] contact staat op de website
    rol: verwerkingsverantwoordelijke
}

# avglint: ignore[AVG108] bewaartermijn volgt uit de archiefwet
verwerking "Archief" {
    doel: archiveren
    grondslag: Gerechtigd belang  # avglint: ignore[AVG202] zo staat het in het besluit
    gegevens: naam,  # na naam
              adres,
              # tussen de regels
              woonplaats  # avglint: ignore[AVG1] regel
    betrokkenen:
        # boven de eerste
        - klanten  # achter klanten
        - leveranciers
    # avglint: ignore[AVG106] ontvangers volgen
    ontvangers:
    # onderaan het blok
}  # na het blok

verwerker "X" {  # avglint: ignore[AVG0] een regel
    land: Nederland
}
# einde
'''


def test_suppressions_cover_the_same_findings_after_formatting():
    out = format_text(COMMENTED)
    assert outcome(out) == outcome(COMMENTED)
    suppressed = {k for k in outcome(out) if k[2]}
    assert {rule for rule, _, _ in suppressed} >= {"AVG101", "AVG108", "AVG202"}


def test_a_comment_after_a_string_spanning_lines_belongs_to_the_line_the_string_began_on():
    # read from either layout, the comment is the field's: fmt writes the string on the field's line
    text = ('verwerking "x" {\n    doel: a, "' + "b" * 54 + '\n    ' + "c" * 36 + '" # c\n'
            '    grondslag: "onbekend\n    ding"  # avglint: ignore[AVG201] r\n}\n')
    out = format_text(text)
    assert out == ('verwerking "x" {\n    doel: a,  # c\n          "' + "b" * 54 + "\\n    " + "c" * 36 + '"\n'
                   '    grondslag: "onbekend\\n    ding"  # avglint: ignore[AVG201] r\n}\n')
    assert format_text(out) == out
    assert ("AVG201", "x", "r") in outcome(text)
    assert outcome(out) == outcome(text)


@pytest.mark.parametrize("path", [p for p in CORPUS if b"avglint:" in p.read_bytes()],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_suppressions_in_the_corpus_keep_their_effect(path):
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    try:
        out = format_text(text, path=path.name)
    except NotFormattable:
        pytest.skip("a syntax-error fixture")
    assert outcome(out, path.name) == outcome(text, path.name)


# -- every file we have --------------------------------------------------------------------

@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_idempotent_and_meaning_preserving_on_the_corpus(path):
    data = path.read_bytes()
    source, problems = decode(path.name, data)
    if any(f.rule in ("AVG001", "AVG002") for f in parse(source, problems).findings):
        with pytest.raises(NotFormattable):
            format_bytes(path.name, data)
        return
    assert_formats_well(path.name, data)


def test_the_corpus_is_not_empty():
    assert len(CORPUS) > 50


# -- property tests -------------------------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, Phase, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), activities=st.integers(0, 12), files=st.integers(1, 2))
def test_generated_registers(seed, activities, files):
    for name, text in generate(activities, files=files, seed=seed):
        assert_formats_well(name, text.encode("utf-8", "surrogateescape"))


WORDS = st.sampled_from(["naam", "adres", "e-mailadres", "klanten", "Gerechtigd belang", "toestemming",
                         "2 jaar na afhandeling", "Nederland", "systemen: CRM", "a, b", 'het "slimme" meten',
                         "x # y", "", " spatie", "Aanvullend: info", "{x}", "regel\nbreuk", "back\\slash", "-",
                         "é ë – ’", "grondslag"])
KEYS = st.sampled_from(["doel", "gegevens", "Betrokkenen", "bijzondere_gegevens", "grondslag", "ontvangers",
                        "bewaartermijn", "onbekend veld", "purpose", "data subjects"])
COMMENT = st.sampled_from(["# notitie", "# avglint: ignore[AVG1] reden", "# avglint: ignore[AVG202] x",
                           "#", "# avglint: ignore[AVG108] y"])


def _item(value: str, rng) -> str:
    needs = needs_quotes(value)
    if needs or rng.random() < 0.3:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return value


@st.composite
def registers(draw):
    """Registers in every layout the language allows, with comments anywhere a comment may stand."""
    import random

    rng = random.Random(draw(st.integers(0, 2**32)))
    lines: list[str] = []

    def maybe_comment(indent: str) -> None:
        if rng.random() < 0.25:
            lines.append(indent + draw(COMMENT))
        if rng.random() < 0.15:
            lines.append("")

    def trailing() -> str:
        return ("   " + draw(COMMENT)) if rng.random() < 0.25 else ""

    def field(indent: str) -> None:
        key = draw(KEYS)
        values = draw(st.lists(WORDS, min_size=0, max_size=5))
        items = [_item(v, rng) for v in values]
        style = rng.choice(["inline", "continued", "dash", "dash-multi"]) if items else "empty"
        maybe_comment(indent)
        if style == "empty":
            lines.append(f"{indent}{key}:{trailing()}")
        elif style == "inline":
            lines.append(f"{indent}{key}: {', '.join(items)}{trailing()}")
        elif style == "continued":
            lines.append(f"{indent}{key}: {items[0]}" + ("," + trailing() if len(items) > 1 else trailing()))
            for position, item in enumerate(items[1:], 1):
                if rng.random() < 0.2:
                    lines.append(indent + "      " + draw(COMMENT))
                last = position == len(items) - 1
                lines.append(f"{indent}      {item}" + ("" if last else ",") + trailing())
        else:
            lines.append(f"{indent}{key}:{trailing()}")
            position = 0
            while position < len(items):
                take = 1 if style == "dash" else rng.randint(1, 2)
                group = items[position:position + take]
                position += take
                if rng.random() < 0.2:
                    lines.append(indent + "    " + draw(COMMENT))
                lines.append(f"{indent}    - {', '.join(group)}{trailing()}")

    def block(kind: str, indent: str, depth: int) -> None:
        maybe_comment(indent)
        name = rng.choice(['"Klachten"', "Klanten en leveranciers", '"Met \\"quote\\", komma"', '""', None])
        head = f"{indent}{kind} {name} {{" if name is not None else f"{indent}{kind} {{"
        if kind == "verwerker" and rng.random() < 0.3:
            lines.append(head + f" land: {draw(WORDS) or 'x'} }}" + trailing())
            return
        lines.append(head + trailing())
        for _ in range(rng.randint(0, 4)):
            field(indent + rng.choice(["    ", "\t", "  "]))
        if kind == "groep" and depth < 2:
            for _ in range(rng.randint(0, 2)):
                block(rng.choice(["verwerking", "groep"]), indent + "    ", depth + 1)
        maybe_comment(indent + "    ")
        lines.append(f"{indent}}}{trailing()}")

    for _ in range(draw(st.integers(0, 4))):
        block(rng.choice(["organisatie", "groep", "verwerking", "verwerker"]), "", 0)
    maybe_comment("")
    newline = "\r\n" if rng.random() < 0.2 else "\n"
    return newline.join(lines) + newline


def assert_any_register_formats_well(data: bytes) -> None:
    """As :func:`assert_formats_well`, and checking says the same before and after, for any register that parses."""
    source, problems = decode("t.avg", data)
    if any(f.rule in ("AVG001", "AVG002") for f in parse(source, problems).findings):
        return  # e.g. a continuation line read as a field: not the formatter's business
    formatted = assert_formats_well("t.avg", data)
    assert outcome(decode("t.avg", formatted)[0].text) == outcome(source.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=registers())
def test_any_register_layout(text):
    assert_any_register_formats_well(text.encode("utf-8"))


# AVGLINT_PROPERTY_EXAMPLES sets how many registers are tried (docs/testing.md): a few in the normal suite, thousands
# in a long run. No shrinking, as in tests/test_properties.py: a generated register is readable as it is.
@settings(max_examples=int(os.environ.get("AVGLINT_PROPERTY_EXAMPLES", "30")), deadline=None,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=[HealthCheck.too_slow])
@given(data=generation.registers())
# a string spanning lines, then a comment: the comment belonged to the item on the first run, to the field on the next
@example(data=b'verwerking "x" {\n    doel: a, "' + b"b" * 54 + b'\n    ' + b"c" * 36 + b'" # c\n}\n')
def test_registers_generated_from_the_grammar(data):
    assert_any_register_formats_well(data)


# -- files with errors are left alone --------------------------------------------------------

BROKEN = 'verwerking "A" {\n    doel: x\n    dit is geen veld\n}\n'


def test_syntax_errors_are_not_formatted():
    with pytest.raises(NotFormattable) as problem:
        format_text(BROKEN)
    assert problem.value.findings[0].rule == "AVG001"
    with pytest.raises(NotFormattable):
        format_bytes("t.avg", b'verwerking "A" {\n    doel: caf\xe9\n}\n')


def test_the_command_leaves_a_broken_file_alone_and_says_so(tmp_path):
    path = tmp_path / "r.avg"
    path.write_text(BROKEN)
    before = path.stat().st_mtime_ns
    result = CliRunner().invoke(fmt_command, [str(path)])
    assert result.exit_code == 1
    assert "not formatted" in result.output and "AVG001" in result.output and ":3:" in result.output
    assert path.read_text() == BROKEN and path.stat().st_mtime_ns == before


def test_a_formatter_bug_writes_nothing(tmp_path, monkeypatch):
    import avglint.fmt as fmt

    path = tmp_path / "r.avg"
    path.write_text('verwerking "A" {\ndoel: x\n}\n')
    monkeypatch.setattr(fmt, "signature", lambda blocks: object())
    result = CliRunner().invoke(fmt_command, [str(path)])
    assert result.exit_code == 2 and "internal error" in result.output
    assert path.read_text() == 'verwerking "A" {\ndoel: x\n}\n'
    with pytest.raises(FormatError):
        fmt.format_text('verwerking "A" {\ndoel: x\n}\n')


# -- the command -------------------------------------------------------------------------------

UGLY = 'verwerking  A {\n  doel:x\n}\n'
PRETTY = 'verwerking "A" {\n    doel: x\n}\n'


def test_check_exits_1_and_names_the_files_that_would_change(tmp_path):
    (tmp_path / "a.avg").write_text(UGLY)
    (tmp_path / "b.avg").write_text(PRETTY)
    result = CliRunner().invoke(fmt_command, ["--check", str(tmp_path)])
    assert result.exit_code == 1
    assert "would reformat" in result.output and "a.avg" in result.output and "b.avg" not in \
        result.output.split("would reformat")[1].splitlines()[0]
    assert (tmp_path / "a.avg").read_text() == UGLY
    result = CliRunner().invoke(fmt_command, ["--check", str(tmp_path / "b.avg")])
    assert result.exit_code == 0


def test_a_directory_is_formatted_without_the_files_the_configuration_excludes(tmp_path, monkeypatch):
    """fmt reads below a directory what check reads: a file the configuration excludes (an archived or a
    vendored register) is not rewritten; named, it is formatted as named."""
    (tmp_path / ".avglint.yaml").write_text("exclude: ['archief/**']\n")
    (tmp_path / "archief").mkdir()
    (tmp_path / "archief" / "oud.avg").write_text(UGLY)
    (tmp_path / "a.avg").write_text(UGLY)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(fmt_command, ["."])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.avg").read_text() == PRETTY
    assert (tmp_path / "archief" / "oud.avg").read_text() == UGLY
    assert CliRunner().invoke(fmt_command, []).exit_code == 0
    assert (tmp_path / "archief" / "oud.avg").read_text() == UGLY
    named = CliRunner().invoke(fmt_command, ["archief/oud.avg"])
    assert named.exit_code == 0 and (tmp_path / "archief" / "oud.avg").read_text() == PRETTY


def test_diff_shows_the_change_and_writes_nothing(tmp_path):
    path = tmp_path / "a.avg"
    path.write_text(UGLY)
    result = CliRunner().invoke(fmt_command, ["--diff", str(path)])
    assert result.exit_code == 1
    assert '-verwerking  A {' in result.output and '+verwerking "A" {' in result.output
    assert path.read_text() == UGLY


def test_formats_in_place_keeping_permissions(tmp_path):
    path = tmp_path / "a.avg"
    path.write_text(UGLY)
    os.chmod(path, 0o640)
    result = CliRunner().invoke(fmt_command, [str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text() == PRETTY
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "reformatted" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["a.avg"]  # no temporary file left
    again = CliRunner().invoke(fmt_command, ["--check", str(path)])
    assert again.exit_code == 0


def test_a_file_changed_while_formatting_is_left_alone(tmp_path, monkeypatch):
    import avglint.fmt as fmt

    path = tmp_path / "a.avg"
    path.write_text(UGLY)
    real = fmt.format_bytes

    def meanwhile(*args, **kwargs):
        result = real(*args, **kwargs)
        path.write_text("# someone else's edit\n" + UGLY)
        return result

    monkeypatch.setattr(fmt, "format_bytes", meanwhile)
    result = CliRunner().invoke(fmt_command, [str(path)])
    assert result.exit_code == 1 and "changed since it was read" in result.output
    assert path.read_text() == "# someone else's edit\n" + UGLY


def test_standard_input(tmp_path):
    result = CliRunner().invoke(fmt_command, ["-"], input=UGLY)
    assert result.exit_code == 0 and result.output == PRETTY
    result = CliRunner().invoke(fmt_command, ["--check", "-"], input=UGLY)
    assert result.exit_code == 1


def test_the_pre_commit_hook_is_declared():
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks["avglint-fmt"]
    assert hook["entry"] == "avglint fmt" and hook["files"] == r"\.avg$" and hook["language"] == "python"


def test_the_pre_commit_hook_rewrites_files(tmp_path, pre_commit):
    """The hook as pre-commit runs it: it rewrites the file (pre-commit then reports a failure), and passes
    on the second run."""
    repo = pre_commit.repository(tmp_path / "repo", {".pre-commit-config.yaml": pre_commit.config("avglint-fmt"),
                                                     "r.avg": UGLY})
    first = pre_commit("run", "--all-files", cwd=repo)
    assert first.returncode == 1, first.stdout + first.stderr
    assert (repo / "r.avg").read_text() == PRETTY
    pre_commit.add(repo)
    second = pre_commit("run", "--all-files", cwd=repo)
    assert second.returncode == 0, second.stdout + second.stderr
