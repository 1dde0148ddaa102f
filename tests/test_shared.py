"""Analyses shared by several rules (avglint.registry.shared): computed once, forgotten after a check."""

from __future__ import annotations

from pathlib import Path

from avglint import registry
from avglint.engine import Config, lint
from avglint.registry import forget_shared, shared

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "enpuls.avg"


class Subject:
    pass


def test_computed_once_per_subject_and_vocabulary():
    calls = []

    @shared
    def analysis(subject, vocab):
        calls.append((subject, vocab))
        return [len(calls)]

    one, two, vocab, other_vocab = Subject(), Subject(), object(), object()
    assert analysis(one, vocab) is analysis(one, vocab)
    assert analysis(two, vocab) == [2]
    assert analysis(one, other_vocab) == [3]
    forget_shared()
    assert analysis(one, other_vocab) == [4]
    assert len(calls) == 4


def test_a_check_forgets_what_it_shared():
    first = lint([(str(EXAMPLE), EXAMPLE.read_bytes())], Config())
    assert not any(registry._SHARED)  # no model object kept alive after the check
    second = lint([(str(EXAMPLE), EXAMPLE.read_bytes())], Config())
    assert [(f.rule, f.span.start, f.message.en) for f in first.findings] == \
        [(f.rule, f.span.start, f.message.en) for f in second.findings]
    assert first.findings
