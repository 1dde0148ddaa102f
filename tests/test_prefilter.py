"""The prefilter (avglint/vocab/prefilter.py) may only spare scans that would find nothing: a term list
answers every text with the matches its expression finds, whether the words of the text let the scan
run or not."""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avglint.readings import forget
from avglint.vocab import load, terms
from avglint.vocab.fold import _folded
from avglint.vocab.prefilter import INWORD_HYPHENS, pattern_literals, term_keys
from avglint.vocab.term_syntax import _parse_term
from avglint.vocab.terms import TermSet, compile_terms, may_match

ROOT = Path(__file__).resolve().parents[1]


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.term) for m in matches]


def _unfiltered(termset: TermSet, text: str) -> list[tuple[int, int, str]]:
    """What the list's expression finds, its copy without in-word hyphens scanned whatever ``junction_mask`` says."""
    if not text:
        return []
    saved = terms.junction_mask
    terms.junction_mask = lambda text: -1  # every list may match across every hyphen
    try:
        return _spans(termset._scan(text, 0, False, False))
    finally:
        terms.junction_mask = saved


def _texts() -> list[str]:
    """Every distinct line of the registers and statements in the repository: wording from the seeds, the
    corpus, the judgement cases and the rule fixtures, in Dutch and English."""
    lines: set[str] = set()
    for folder in ("examples", "tests/seeds", "tests/corpus", "tests/judgement", "tests/rules"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".avg", ".md", ".txt", ".html") and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                lines.update(line.strip() for line in text.splitlines() if len(line.strip()) > 2)
    return sorted(lines)


def test_no_shipped_list_misses_a_match_in_the_repositorys_wording():
    vocab = load()
    texts = _texts()
    assert len(texts) > 5_000
    spared = 0
    for name in vocab.termset_names():
        termset = vocab.terms(name)
        for text in texts:
            if termset._cannot_match(text):
                spared += 1
                assert _unfiltered(termset, text) == [], (name, text)
    forget(everything=True)
    assert spared > len(texts) * len(vocab.termset_names()) // 2  # the filter does spare most scans


def test_no_shipped_list_misses_a_match_across_an_in_word_hyphen_in_the_repositorys_wording():
    vocab = load()
    texts = [text for text in _texts() if INWORD_HYPHENS.search(_folded(text)[1])]
    assert len(texts) > 500
    spared = 0
    for name in vocab.termset_names():
        termset = vocab.terms(name)
        for text in texts:
            found = _spans(termset.find(text))
            assert found == _unfiltered(termset, text), (name, text)
            spared += termset._bit is not None and not terms.junction_mask(text) & termset._bit
    forget(everything=True)
    assert spared > len(texts) * len(vocab.termset_names()) // 2  # most copies need no scan


# Terms of every kind the syntax has, and text around them that moves word starts and hyphens.
_TERMS = ["gezondheid*", "*camera", "*gegevens*", "=BSN", "o.a.", "en/of", "e-mail", "zorg-alarmering", "klant",
          "gegevens van klanten", "artikel 12", "*beelden van camera's", "ouder(s) of voogd",
          "bijzondere persoonsgegevens", "ad hoc", "'s-Hertogenbosch", "art. 9 AVG", "locatie-/ritgegevens",
          "kind", "Ouder(s)", "cookies", "x", "7 jaar", {"term": "IT", "case_sensitive": True},
          {"term": "pas", "near": ["paspoort", "kopie"]}, {"pattern": r"\bkopie(?:en)? (?:van )?(?:een )?paspoort"},
          {"pattern": r"jonger dan 1[0-6]"}]
_FRAGMENTS = ["gezondheid", "Gezondheids", "camera", "bewakings", "gegevens", "persoons", "BSN", "bsn", "o.a.",
              "o. a.", "en/of", "e-mail", "email", "e - mail", "zorg", "alarmering", "-", "--", " ", ".", "'",
              "s-Hertogenbosch", "Hertogenbosch", "art.", "art", "9", "AVG", "locatie-/rit", "kind", "kinderen",
              "ouders", "Ouder(s)", "cookie", "x", "7", "jaar", "IT", "it", "pas", "paspoort", "kopie", "kopieen",
              "van", "een", "jonger dan", "12", "ad", "hoc", "é", "ë", "\u2011", "\u00ad", "_", "/", ",", "klant", "klanten",
              "klants", "klantportaal", "n", "en", "e", "s", "'s", "artikel", "123", "beelden", "voogd", "(", ")"]


@settings(max_examples=1_500, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=12))
def test_lists_find_what_their_expression_finds_in_any_text(parts):
    for termset in _example_lists():
        for text in ("".join(parts), " ".join(parts)):
            assert _spans(termset.find(text)) == _unfiltered(termset, text), (termset, text)
            if termset._cannot_match(text):
                assert termset.search(text) is None


_EXAMPLES: list[TermSet] = []


def _example_lists() -> list[TermSet]:
    """The example terms; again without the patterns and with exceptions: a list with patterns always scans
    its copy without in-word hyphens, one without only where a word the hyphens join may take a match."""
    if not _EXAMPLES:
        _EXAMPLES.append(compile_terms(_TERMS, name="prefilter-example"))
        plain = [(MappingProxyType({}), term) for term in _TERMS if not (isinstance(term, dict) and "pattern" in term)]
        _EXAMPLES.append(TermSet("prefilter-plain", plain, excepts=["zorg van camera's", "*beelden", "kind*"]))
    return _EXAMPLES


def test_a_list_made_after_a_text_was_read_still_finds_its_terms_there():
    first = compile_terms(["kopie paspoort"], name="first")
    text = "een kopie paspoort en gezondheidsgegevens"
    assert [m.text for m in first.find(text)] == ["kopie paspoort"]  # the text's words are read now
    later = compile_terms(["gezondheidsgegevens"], name="later")
    assert [m.text for m in later.find(text)] == ["gezondheidsgegevens"]
    assert later.find("een kopie paspoort") == ()


def test_keys_inside_a_word_that_start_alike_or_overlap_are_each_read():
    """A word is read for all lists' keys that stand inside words at once (the longest key at each
    position): a key that starts a longer one, or overlaps another, is found as well."""
    terms = ["*cam*", "*camera*", "*amera*", "*ramen*", "*cameraman*"]
    lists = [compile_terms([term], name=f"inside-{n}") for n, term in enumerate(terms)]
    for text in ("bewakingscameramen", "Bewakings-cameramen"):
        for termset in lists[:4]:
            assert not termset._cannot_match(text), (termset, text)
            assert termset.find(text), (termset, text)
        assert lists[4]._cannot_match(text) and lists[4].find(text) == ()


def _keys(term: str) -> list[tuple[str, str]]:
    return [term_keys(variant.atoms, variant.kind) for variant in _parse_term(term, "test")]


@pytest.mark.parametrize(("term", "keys"), [
    ("gegevens van klanten", [("gegevens", "word")]),  # the longest word tells lists apart best
    ("klanten", [("klanten", "inflected")]),  # a term's last word, with the endings it may take
    ("Gezondheid*", [("gezondheid", "prefix")]),
    ("=BSN", [("bsn", "word")]),
    ("artikel 1234", [("artikel", "word")]),
    ("7 jaar", [("jaar", "inflected")]),
    ("nummer 1234", [("nummer", "word")]),
    ("*camera", [("camera", "text")]),  # a compound end may stand inside a word: found anywhere
    ("*beelden van camera's", [("camera", "word")]),  # ... unless a later word starts a word
    ("*gegevens van kind*", [("kind", "prefix")]),
    ("patient dossier*", [("patient", "word")]),  # a word counts a letter more than the start of one
    ("van de klant*", [("klant", "prefix")]),
    ("o.a.", [("o.", "text"), ("o.", "text")]),  # short words: the literal text is the better key
    ("en/of", [("en/of", "text")]),
    ("e-mail", [("email", "inflected")]),  # a hyphen between letters may or may not be written
    ("verwerkingsregisterhouder", [("verwerkingsregisterhouder", "inflected")]),
    ("verwerkingsregisterhouder*", [("verwerkingsr", "prefix")]),
])
def test_a_terms_key_is_what_every_match_of_it_holds(term, keys):
    assert _keys(term) == keys


@pytest.mark.parametrize(("term", "key"), [
    ("werknemers van klanten", "werknemers"),  # frequent words, but far less common than "van"
    ("in de EU", "eu"),  # short words: the one that is no article or preposition
    ("employees of our clients", "employees"),
    ("gegevens van derden", "derden"),  # a word that is neither
    ("van", "van"),  # the term has no other word
])
def test_a_terms_key_is_its_least_common_word_by_the_shipped_word_lists(term, key):
    frequent = load()._frequent()
    assert {found for variant in _parse_term(term, "test")
            for found, _ in [term_keys(variant.atoms, variant.kind, frequent)]} == {key}


def test_the_endings_of_word_keys_are_those_a_terms_expression_lets_its_last_word_take():
    from avglint.vocab.prefilter import INFLECTIONS
    from avglint.vocab.terms import _INFLECT_TAIL

    letters = "abcdefghijklmnopqrstuvwxyz"
    endings = [""] + [a + b for a in letters for b in [""] + list(letters)]
    allowed = [ending for ending in endings if re.fullmatch("klant" + _INFLECT_TAIL, "klant" + ending)]
    assert sorted(allowed) == sorted(INFLECTIONS)


@pytest.mark.parametrize(("pattern", "literals"), [
    (r"\bkopie(?:en|ën)? (?:van )?(?:een )?paspoort", ("paspoort",)),
    (r"(?:jonger dan|onder de) (?:1[0-8]|[1-9])", ("jonger dan", "onder de")),
    (r"id-kaart|rijbewijs", ("kaart", "rijbewijs")),  # no hyphen: the copy without in-word hyphens has none
    (r"met wie,? waar,? wanneer", (" wanneer",)),
    (r"\d{4}", None),  # nothing every match holds: the list is always scanned
    (r"(?i:paspoort)", None),
    (r"(?:ab)?cd", ("cd",)),  # shorter than three characters, but still a text every match holds
])
def test_a_patterns_literals_are_texts_every_match_holds(pattern, literals):
    assert pattern_literals(pattern) == literals
    if literals:
        for text in ("een kopie van een paspoort", "jonger dan 12", "onder de 9", "ID-kaart", "id-kaart",
                     "rijbewijs", "met wie waar wanneer"):
            for match in re.finditer(pattern, text.lower()):
                assert any(literal in match.group().replace("-", "") for literal in literals)


def test_the_shipped_lists_are_mostly_filtered():
    vocab = load()
    unfiltered = [name for name in vocab.termset_names() if vocab.terms(name)._keys is None]
    assert len(unfiltered) <= len(vocab.termset_names()) // 10, unfiltered


def test_texts_that_may_match_are_those_no_list_rules_out():
    """``may_match`` screens many texts at once for a rule's needs: exactly the texts where one of the
    lists may match, whatever keys (words, starts of words, text) the lists have."""
    vocab = load()
    texts = _texts()[:3_000] + ["", "o.a. camera", "en/of", "bewakingscamera's"]
    for names in (["data_catch_all"], ["bsn", "id_copies"], ["special_categories", "criminal_data", "children"],
                  ["vague_retention", "indirect_sources"], ["bsn", "contact_channels"]):
        lists = [vocab.terms(name) for name in names]
        expected = [text for text in texts if not all(termset._cannot_match(text) for termset in lists)]
        assert vocab.may_match(names, texts) == expected
        assert expected and len(expected) < len(texts)
    forget(everything=True)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=6).map("".join), min_size=2, max_size=5))
def test_a_text_joined_from_items_has_the_keys_it_has_when_read_whole(items):
    """A field's text is its items joined by ', ': once the items were read, its keys come from theirs."""
    from avglint.vocab import prefilter

    _example_lists()
    for termset in _EXAMPLES:
        prefilter.bit_of(termset)
    text = ", ".join(items)
    forget(everything=True)
    whole = prefilter.text_keys(text)
    forget(everything=True)
    for item in items:
        prefilter.text_keys(item)
    assert prefilter.text_keys(text) == whole
    forget(everything=True)


def test_a_match_at_a_position_is_the_lists_own_whatever_letter_it_starts_with():
    """``match`` at a position no term of the list starts with finds nothing before it scans; a compound end
    or a pattern may start with anything, and is scanned."""
    units = compile_terms(["=jaar", "=maanden", "=Jr."], name="units-at")
    text = "13-05-2016 in besluit, 7 jaar en 3 maanden, 2 JR."
    assert [units.match(text, pos) for pos in (0, 3, 6, 11)] == [None] * 4
    assert [units.match(text, text.index(word)).text for word in ("jaar", "maanden", "JR.")] == \
        ["jaar", "maanden", "JR."]
    assert units.match(text, len(text)) is None
    ends = compile_terms(["*camera"], name="ends-at")
    assert ends.match("de bewakingscamera hangt", 3).text == "bewakingscamera"
    patterns = compile_terms([{"pattern": r"\d+ jaar"}], name="patterns-at")
    assert patterns.match(text, text.index("7")).text == "7 jaar"


def test_keys_looked_for_in_the_text_are_known_absent_from_a_text_without_their_marks():
    """A list whose keys are looked for in the text itself ("o.a.", "cv's") rules out a text without any
    character that folds to one of their marks, before it folds the text; with one, it looks."""
    from avglint.vocab.prefilter import marks

    assert marks(["e.", "o."]) == "."
    assert set(marks(["cv's"])) >= {"'", "\u2019", "`"}
    assert marks(["as long as", "o."]) == ""  # a key without a mark: every text is looked at
    abbreviations = compile_terms(["o.a.", "cv's"], name="marked")
    assert abbreviations._keys.marks
    for text in ("naam, adres en o.a. telefoon", "O.A. telefoon", "CV\u2019s van sollicitanten"):
        assert abbreviations.find(text), text
    assert not abbreviations.find("naam, adres, telefoon")
    assert may_match([abbreviations], ["naam", "o.a. naam", "cv\u2019s"]) == ["o.a. naam", "cv\u2019s"]


def test_a_text_key_with_a_run_of_three_letters_is_kept_as_that_run_inside_a_word():
    """A pattern's literal with white space ("jonger dan" of "jonger dan \\d+") has runs that stand inside a word
    of every text with a match: the list keeps the longest, which the word index finds, rather than a text to look
    for in each text it is asked about; a literal without such a run ("<", "o.a.") stays a text to look for."""
    children = compile_terms([{"pattern": r"(?:jonger dan|younger than) (?:1[0-6]|[1-9])"}, {"pattern": r"<\s?1[0-8]"}],
                             name="children-example")
    assert children._keys.inside == {"jonger", "younger"}
    assert children._keys.texts == ("<",) and children._keys.marks == "<"
    for text in ("kinderen jonger dan 12", "JONGER DAN 16 jaar", "jon-ger dan 13", "younger than 9", "< 12"):
        assert children.find(text), text
    assert may_match([children], ["kinderen van 12", "jonger dan 12", "ouder dan 12", "<12"]) == ["jonger dan 12", "<12"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"aZe9-_ .,/()'\t\n\x0b\x1c~", "--", "DV-2016", "e-mail", "ip-Adres", "_x",
                                 "Afkomst", "ARBO-arts", "arbo", "Medisch", "allergie", "S"]),
                max_size=20).map("".join))
def test_an_ascii_text_split_as_bytes_has_the_keys_of_its_folded_words(text):
    """ASCII texts are split into words as bytes (``_ASCII_WORDS``); they have the lists of the words of their
    folded copy and of what its in-word hyphens join, as every other text has."""
    from avglint.vocab import prefilter

    prefilter.bit_of(load().terms("special_categories"))  # a list with a bit, compound parts among its keys
    forget(everything=True)
    low = text.lower()
    words = prefilter._RUN.findall(low) + (prefilter._joined_words(low) if "-" in low else [])
    assert prefilter.text_keys(text) == prefilter._KEYS.mask(words)
    forget(everything=True)
