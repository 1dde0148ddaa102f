"""Readings (avglint.readings): computed once per subject and reader, forgotten after a check."""

from __future__ import annotations

from pathlib import Path

from avglint import readings
from avglint.engine import Config, lint
from avglint.readings import TEXT_LIMIT, forget, reading, table
from avglint.rules import _statement_reading
from avglint.vocab import load

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES / "enpuls.avg"


class Subject:
    pass


def test_computed_once_per_subject_and_reader():
    calls = []

    @reading
    def analysis(subject, vocab):
        calls.append((subject, vocab))
        return [len(calls)]

    one, two, vocab, other_vocab = Subject(), Subject(), object(), object()
    assert analysis(one, vocab) is analysis(one, vocab)
    assert analysis(two, vocab) == [2]
    assert analysis(one, other_vocab) == [3]
    forget()
    assert analysis(one, other_vocab) == [4]
    assert len(calls) == 4


def test_a_method_of_the_reader_and_a_function_of_the_subject_alone():
    calls = []

    class Reader:
        @reading(reader=0)
        def length(self, text):
            calls.append(text)
            return len(text)

    @reading(reader=None)
    def upper(text):
        calls.append(text)
        return text.upper()

    reader = Reader()
    assert [reader.length("abc"), reader.length("abc"), upper("abc"), upper("abc")] == [3, 3, "ABC", "ABC"]
    assert calls == ["abc", "abc"]
    assert table(Reader.length, reader) == {"abc": 3}


def test_long_texts_are_read_but_not_remembered():
    bsn = load().terms("bsn")
    long_text = "BSN " + "x " * TEXT_LIMIT
    short_text = "alleen het BSN"
    assert [m.text for m in bsn.find(long_text)] == ["BSN"]
    assert [m.text for m in bsn.find(short_text)] == ["BSN"]
    found = table(type(bsn)._find, bsn)
    assert long_text not in found and short_text in found


def test_a_check_forgets_its_readings():
    first = lint([(str(EXAMPLE), EXAMPLE.read_bytes())], Config())
    assert not any(readings._TABLES.values())  # nothing kept alive after the check (a table itself may stay)
    second = lint([(str(EXAMPLE), EXAMPLE.read_bytes())], Config())
    assert [(f.rule, f.span.start, f.message.en) for f in first.findings] == \
        [(f.rule, f.span.start, f.message.en) for f in second.findings]
    assert first.findings


def test_a_long_running_process_keeps_the_readings_of_texts(monkeypatch):
    """The language server: after an edit most values are the texts they were; model objects are new."""
    monkeypatch.setattr(readings, "_keep_texts", True)
    first = lint([(str(EXAMPLE), EXAMPLE.read_bytes())], Config())
    kept = dict(readings._TABLES)
    assert kept and all(type(next(iter(results))) in (str, tuple) for results in kept.values() if results)
    assert not any(isinstance(subject, (Subject, type(first.registers[0].activities[0])))
                   for results in kept.values() for subject in results)
    second = lint([(str(EXAMPLE), EXAMPLE.read_bytes())], Config())
    assert [(f.rule, f.span.start, f.message.en) for f in first.findings] == \
        [(f.rule, f.span.start, f.message.en) for f in second.findings]
    forget(everything=True)
    assert not any(readings._TABLES.values())


def test_a_statement_is_read_once_per_check_and_forgotten_after(monkeypatch):
    built = []

    class CountedReading(_statement_reading.Reading):
        def __init__(self, statement, vocab):
            built.append(statement.path)
            super().__init__(statement, vocab)

    monkeypatch.setattr(_statement_reading, "Reading", CountedReading)
    statements = [(name, (EXAMPLES / "statements" / name).read_bytes()) for name in ("megawatt.md", "centric-rmm.md")]
    first = lint([], Config(), statements=statements)
    # the statement rules that report on each statement all read it: it is read once, for all of them
    for name, _ in statements:
        assert len({f.rule for f in first.findings if f.span.source.path == name}) > 5
    assert sorted(built) == sorted(name for name, _ in statements)
    assert not any(readings._TABLES.values())
    lint([], Config(), statements=statements[:1])
    assert built[len(statements):] == [statements[0][0]]  # read again: the first check's reading is gone


def test_a_reading_of_its_subject_alone_keeps_one_table():
    """Its table is emptied after a check, never replaced: what looks it up directly (the prefilter's
    ``TEXT_MASKS``) sees the same table in the next check."""
    from avglint.vocab.prefilter import TEXT_MASKS, text_keys

    load().terms("bsn").find("alleen het BSN")
    assert TEXT_MASKS and table(text_keys) is TEXT_MASKS
    forget(everything=True)
    assert not TEXT_MASKS and table(text_keys) is TEXT_MASKS
    load().terms("bsn").find("het BSN van de klant")
    assert "het BSN van de klant" in TEXT_MASKS
