"""Terms match across a hyphen between two letters or digits ("zorg-alarmering", "e-mailadres"): the
pattern that finds those hyphens starts with the hyphen itself (fast to search for) and must find exactly
the runs the plain definition does: hyphens with a letter or digit on both sides."""

from __future__ import annotations

import itertools
import re

from avglint.vocab.prefilter import INWORD_HYPHENS
from avglint.vocab.terms import compile_terms

# The definition, written the obvious way (a look-behind tried at every character).
DEFINITION = re.compile(r"(?<=[^\W_])-+(?=[^\W_])")


def test_the_runs_found_are_those_of_the_definition():
    alphabet = ["a", "é", "7", "-", "--", " ", "_", ".", "ß"]
    texts = ["".join(parts) for n in range(1, 6) for parts in itertools.product(alphabet, repeat=n)]
    for text in texts:
        found = [m.span() for m in INWORD_HYPHENS.finditer(text)]
        assert found == [m.span() for m in DEFINITION.finditer(text)], text
        assert INWORD_HYPHENS.sub("", text) == DEFINITION.sub("", text), text


def test_a_term_matches_across_an_inword_hyphen_and_not_across_a_loose_one():
    terms = compile_terms(["zorgalarmering", "e-mailadres"])
    assert [m.text for m in terms.find("de zorg-alarmering en het e-mail-adres")] == [
        "zorg-alarmering", "e-mail-adres"]
    assert terms.find("zorg - alarmering") == ()
    assert terms.find("zorg_-alarmering") == ()
