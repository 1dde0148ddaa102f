"""AVG801/AVG802 beyond the fixtures: the AP-list vocabulary, the `dpia` field reader,
negations and the ``ap_list_types`` helper that AVG102 uses."""

from __future__ import annotations

import pytest

from avglint import clauses
from avglint.engine import Config, lint
from avglint.rules.dpia import APType, ap_list_types, read_dpia, small_scale
from avglint.vocab import compile_terms, load
from avglint.vocab.term_syntax import _expand_options

# Longer terms that deliberately keep a word to one type: a helmet or vehicle camera is
# type 10 (flexible camera surveillance), not type 9 or 11.
ONE_TYPE_ONLY = {"helmcamera*", "voertuigcamera*"}


@pytest.fixture(scope="module")
def vocab():
    return load()


def _samples(term: str) -> list[str]:
    core = term.lstrip("=").strip("*")
    return _expand_options(core, term)


def test_a_word_of_two_types_reports_both(vocab):
    """When a strong term of type Y matches all of a term of type X, the combined list must
    report Y as well: a word that belongs to two types is written identically in both
    (leftmost-longest matching keeps one term per word)."""
    entries = vocab.data("dpia")["ap_list"]
    combined = vocab.terms("dpia_ap_list")
    strong = {e["nummer"]: compile_terms([t for t in e["terms"] if isinstance(t, str)]) for e in entries}
    problems = []
    for entry in entries:
        for term in [*entry["terms"], *(entry.get("zwak") or ())]:
            if not isinstance(term, str) or term in ONE_TYPE_ONLY:
                continue
            for sample in _samples(term):
                found = [m for m in combined.find(sample) if m.start == 0]
                if not found:
                    continue  # vetoed on purpose (an `except` of the list)
                numbers = {e["nummer"] for e in found[0].entries}
                if entry["nummer"] not in numbers:
                    problems.append((term, sample, entry["nummer"], numbers))
                for other, terms in strong.items():
                    whole = [m for m in terms.find(sample) if m.start == 0 and m.end == found[0].end]
                    if whole and other not in numbers:
                        problems.append((term, sample, "also", other, numbers))
    assert problems == []


@pytest.mark.parametrize("text, numbers", [
    ("Cameratoezicht", {9, 11}),
    ("camerabeelden", {9, 11}),
    ("GPS", {11, 12}),
    ("live tracking", {11, 12}),
    ("track- & tracesysteem", {11, 12}),
    ("rittenregistratie", {11, 12}),
    ("rijgedrag", {11, 15}),
    ("risicoprofiel", {3, 15}),
    ("drones", {9, 10}),
    ("wijkteam", {7, 8}),
    ("slimme camera's", {9, 11, 14}),
    ("fraudeonderzoek", {1, 3}),
    ("met wie, waar, wanneer en hoeveel is gebeld", {13}),
    ("slimme thermostaten", {14}),
])
def test_shared_words(vocab, text, numbers):
    match = vocab.terms("dpia_ap_list").search(text)
    assert match is not None and {e["nummer"] for e in match.entries} == numbers


@pytest.mark.parametrize("text", [
    "meterstanden", "zorgvuldig", "zorg dragen voor", "gedragscode", "verklaring omtrent het gedrag", "rondgedragen",
    "ongewenst gedrag", "schoolverzuim", "toegangscontrole", "controle van diploma's", "urenregistratie",
    "CIS (klantinformatiesysteem)", "IVR-menu", "EDR op de laptops", "chatberichten", "metadata van documenten",
])
def test_near_misses_are_not_on_the_list(vocab, text):
    assert vocab.terms("dpia_ap_list").search(text) is None


@pytest.mark.parametrize("text, word, expected", [
    ("geen camera's", "camera's", True),
    ("zonder locatiegegevens", "locatiegegevens", True),
    ("er is geen sprake van profilering", "profilering", True),
    ("profilering vindt niet plaats", "profilering", True),
    ("geautomatiseerde besluitvorming: niet van toepassing", "geautomatiseerde besluitvorming", True),
    ("geen naam, wel camerabeelden", "camerabeelden", False),
    ("geen naam maar camerabeelden", "camerabeelden", False),
    ("niet alleen camerabeelden", "camerabeelden", False),
    ("camerabeelden van de ingang", "camerabeelden", False),
    ("er worden geen namen vastgelegd en de camerabeelden 4 weken bewaard", "camerabeelden", False),
    ("aanvragen automatisch afwijzen als de score niet voldoende is", "automatisch afwijzen", False),
])
def test_negations(vocab, text, word, expected):
    start = text.index(word)
    assert clauses.reader(vocab).negated(text, start, start + len(word)) is expected


def _activity(body: str):
    source = f'organisatie "X" {{\n    contact: x@x.example\n}}\nverwerking "A" {{\n{body}\n}}\n'
    result = lint([("t.avg", source.encode())], Config(select=["AVG801"]))
    return result.registers[0].activities[0]


@pytest.mark.parametrize("value, state", [
    ("ja, DPIA-2024-02 (vastgesteld 12-03-2024)", "ja"),
    ("ja, zie DPIA-register", "ja"),
    ("DPIA-2023-07", "ja"),
    ("uitgevoerd door de verwerkingsverantwoordelijke", "ja"),
    ("ja", "ja_zonder_ref"),
    ("ja, uitgevoerd", "ja_zonder_ref"),
    ("nee, niet grootschalig", "nee"),
    ("nee, pre-scan: minder dan twee criteria", "nee"),
    ("nee, de verwerking valt niet onder de AP-lijst", "nee"),
    ("nee", "nee_zonder_reden"),
    ("nee, niet nodig", "nee_zonder_reden"),
    ("geen DPIA uitgevoerd", "nee_zonder_reden"),
    ("in uitvoering", "lopend"),
    ("nog niet uitgevoerd", "lopend"),
    ("onbekend", "onduidelijk"),
    ("misschien", "onduidelijk"),
])
def test_read_dpia(vocab, value, state):
    assert read_dpia(_activity(f'    dpia: "{value}"'), vocab).state == state


def test_ap_list_types_for_avg102(vocab):
    activity = _activity("    betrokkenen: chauffeurs\n    gegevens: GPS-locatie van de bus, camerabeelden")
    types = ap_list_types(activity, vocab)
    assert all(isinstance(t, APType) for t in types)
    assert [(t.nummer, t.naam) for t in types] == [(9, "Cameratoezicht"), (11, "Controle werknemers"),
                                                   (12, "Locatiegegevens")]
    assert types[0].words == ("camerabeelden",)
    assert types[2].words == ("GPS-locatie",)


def test_ap_list_types_weak_words_need_large_scale(vocab):
    assert ap_list_types(_activity("    doel: media monitoring"), vocab) == []
    found = ap_list_types(_activity("    doel: media monitoring\n    schaal: grootschalig"), vocab)
    assert [t.nummer for t in found] == [16]


def test_scale(vocab):
    assert small_scale(_activity("    schaal: klein"), vocab)
    assert not small_scale(_activity("    schaal: grootschalig"), vocab)
    assert not small_scale(_activity("    doel: x"), vocab)
