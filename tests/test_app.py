"""The application layer (avglint/app.py) as a language server would call it: plain values in and out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from avglint.app import CheckRequest, RequestError, check
from avglint.engine import Config, UnreadableInput, lint

RULES = Path(__file__).resolve().parent / "rules"


def test_a_document_from_standard_input_is_checked_under_its_name():
    data = (RULES / "AVG104" / "bad.avg").read_bytes()
    outcome = check(CheckRequest(paths=("-",), stdin=data, stdin_filename="editor/open.avg", no_config=True,
                                 register_context=False, select=["AVG104"]))
    assert outcome.files_read == ["editor/open.avg"]
    assert [(f.rule, f.span.path, f.span.line) for f in outcome.result.findings] == [("AVG104", "editor/open.avg", 1)]
    assert outcome.failed


def test_a_clean_file_does_not_fail(tmp_path):
    clean = tmp_path / "good.avg"
    clean.write_bytes((RULES / "AVG104" / "good.avg").read_bytes())
    outcome = check(CheckRequest(paths=(str(clean),), no_config=True, register_context=False, select=["AVG104"]))
    assert outcome.result.findings == [] and not outcome.failed


def test_warnings_go_to_the_callers_callback(tmp_path):
    (tmp_path / ".git").mkdir()
    named = tmp_path / "a.avg"
    named.write_bytes((RULES / "AVG104" / "good.avg").read_bytes())
    (tmp_path / "b.avg").write_bytes(b"\x00\x01binary")
    warnings = []
    check(CheckRequest(paths=(str(named),), no_config=True, warn=warnings.append))
    assert len(warnings) == 1 and "b.avg: cannot read (a binary file, not text)" in warnings[0]


def test_the_python_api_refuses_a_file_that_is_not_text_as_the_command_line_does():
    """lint() raises UnreadableInput naming the file (the command line: exit 2); text with a bad byte
    is still checked and reported (AVG002)."""
    good = (RULES / "AVG104" / "good.avg").read_bytes()
    with pytest.raises(UnreadableInput, match=re.escape("scans/kapot.avg: cannot read (a binary file, not text)")) \
            as raised:
        lint([("a.avg", good), ("scans/kapot.avg", b"\x00\x01binary\x00" * 50)], Config())
    assert raised.value.path == "scans/kapot.avg" and isinstance(raised.value, ValueError)
    result = lint([("a.avg", good + b"# caf\xe9\n")], Config(select=["AVG002"]))
    assert [(f.rule, f.span.path) for f in result.findings] == [("AVG002", "a.avg")]


@pytest.mark.parametrize("request_, message", [
    (CheckRequest(paths=("no-such.avg",), no_config=True), "no-such.avg: no such file or directory"),
    (CheckRequest(select=["AVG999"], no_config=True), "unknown rule 'AVG999' (see 'avglint rules')"),
])
def test_a_request_that_cannot_be_carried_out_says_why(request_, message):
    with pytest.raises(RequestError, match=re.escape(message)):
        check(request_)
