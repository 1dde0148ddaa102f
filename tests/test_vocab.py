"""Vocabularies (rules/vocab/*.yaml) and the matching library (avglint/vocab/)."""

from __future__ import annotations

import datetime
import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from avglint.engine import Config, lint
from avglint.vocab import VocabularyError, compile_terms, damerau_levenshtein, load
from avglint.vocab.validate import _termset_items


@pytest.fixture(scope="module")
def vocab():
    return load()


@pytest.fixture(scope="module")
def lb(vocab):
    return vocab.lawful_bases


CANONICAL = {"a": "Toestemming", "b": "Uitvoering overeenkomst", "c": "Wettelijke verplichting", "d": "Vitaal belang",
             "e": "Taak van algemeen belang / openbaar gezag", "f": "Gerechtvaardigd belang"}


# --------------------------------------------------------------------------------------------
# Loading


def test_every_file_loads_and_every_term_list_compiles(vocab):
    assert {"lawful_bases", "special_categories", "exceptions", "criminal", "bsn", "purposes", "data_categories",
            "recipients", "transfers", "retention", "consent", "legitimate_interest", "dpia", "statements",
            "misc"} <= set(vocab.names)
    vocab.compile_all()
    names = vocab.termset_names()
    for name in ("special_categories", "vague_purposes", "third_country_recipients", "dpia_ap_list", "statement_rights",
                 "vague_retention", "consent_withdrawal", "balancing_test", "bsn", "criminal_data", "countries"):
        assert name in names
        assert len(vocab.terms(name)) > 0
    assert load() is vocab  # cached


def test_unknown_term_list_name_suggests(vocab):
    with pytest.raises(KeyError, match="special_categories"):
        vocab.terms("special_categorie")


def test_data_is_frozen_and_dates_are_dates(vocab):
    uk = next(e for e in vocab.data("transfers")["adequacy"] if e["id"] == "verenigd_koninkrijk")
    assert uk["geldig_tot"] == datetime.date(2031, 12, 27)
    assert isinstance(uk["gecontroleerd_op"], datetime.date)
    with pytest.raises(TypeError):
        uk["naam"] = "x"  # read-only mapping: a rule cannot corrupt the cached vocabulary


def test_every_dated_entry_has_a_source(vocab):
    for file, section in (("transfers", "adequacy"), ("transfers", "invalid_mechanisms"), ("recipients", "entities"),
                          ("retention", "statutory_periods")):
        for entry in vocab.data(file)[section]:
            assert entry["bron"], entry["id"]
            assert "gecontroleerd_op" in entry, entry["id"]
    assert [e["nummer"] for e in vocab.data("dpia")["ap_list"]] == list(range(1, 18))


def test_plain_terms_match_themselves(vocab):
    """Every literal term, written as text, is found by its own list (catches trie/group mix-ups)."""
    failures = []
    for name in vocab.termset_names():
        ts = vocab.terms(name)
        fname, spec = vocab._spec(name)
        items, _ = _termset_items(vocab.data(fname), spec, ("termsets", name))
        for entry, t, _where in items:
            if not isinstance(t, str) or any(c in t for c in "[*") or t.startswith("="):
                continue
            found = ts.find(t)
            if not (len(found) == 1 and found[0].start == 0 and found[0].end in (len(t), len(t.rstrip(".")))):
                failures.append((name, t, found))
            elif entry.get("id") not in {e.get("id") for e in found[0].entries}:
                failures.append((name, t, "entry", entry.get("id"), found))
    assert failures == [], failures[:10]


# --------------------------------------------------------------------------------------------
# Citations


CITATION_FORMS = [
    "artikel 6.1.{x} AVG",
    "art. 6.1.{x}",
    "artikel 6.1 sub {x}",
    "art. 6.1({x})",
    "art. 6 lid 1 sub {x} AVG",
    "art. 6 lid 1 onder {x}",
    "artikel 6, eerste lid, onder {x}, AVG",
    "artikel 6, lid 1, punt {x})",
    "6(1)({x})",
    "art. 6(1)({x}) GDPR",
    "6.1{x}",
    "Art. 6 Abs. 1 lit. {x} DSGVO",
    "Art. 6 Abs. 1 S. 1 lit. {x} DSGVO",
    "artikel 6.1.{x} (\u201c{name}\u201d) van de AVG",
    "Article 6(1)({x}) GDPR",
    "art. 6 lid 1 aanhef en onder {x} AVG",
    "Art. 6 para. 1 lit. {x} GDPR",
    "ARTIKEL 6 LID 1 SUB {X} AVG",
    "art 6 lid 1 letter {x} van de Algemene Verordening Gegevensbescherming",
]


@pytest.mark.parametrize("form", CITATION_FORMS)
@pytest.mark.parametrize("letter", list("abcdef"))
def test_every_citation_form_of_every_letter(lb, form, letter):
    text = form.format(x=letter, X=letter.upper(), name=CANONICAL[letter].split(" / ")[0])
    reading = lb.read(text)
    assert reading.letters == {letter}, (text, reading)
    cits = [c for c in reading.citations if c.is_lawful_basis]
    assert len(cits) == 1 and cits[0].letter == letter and cits[0].problem is None, (text, reading.citations)
    c = cits[0]
    assert (c.article, c.paragraph, c.point) == ("6", "1", letter)
    assert text[c.start : c.end] == c.text
    assert c.text.lower().startswith(("art", "6")) and c.text.rstrip(")").lower().endswith(
        (letter, "avg", "gdpr", "dsgvo", "gegevensbescherming"))
    if "GDPR" in text:
        assert c.law == "GDPR"
    elif "DSGVO" in text:
        assert c.law == "DSGVO"
    elif "AVG" in text or "Gegevensbescherming" in text:
        assert c.law == "AVG"


def test_citation_in_a_sentence_of_seed_003(lb):
    text = "Op basis van artikel 6.1.f (\u201cgerechtvaardigd belang\u201d) van de AVG menen we dat een opt-out constructie afdoende is."
    r = lb.read(text, fuzzy=False)
    (c,) = r.citations
    assert c.letter == "f" and c.law == "AVG" and c.problem is None
    assert c.text == "artikel 6.1.f (\u201cgerechtvaardigd belang\u201d) van de AVG"
    assert r.letters == {"f"}


def test_several_points_in_one_citation(lb):
    r = lb.read("art. 6 lid 1 sub a, b en f AVG")
    assert sorted(c.letter for c in r.citations) == ["a", "b", "f"]
    assert r.letters == {"a", "b", "f"}


@pytest.mark.parametrize("text, provision, problem", [
    ("in overeenstemming met artikel 7.4 van de AVG", "7(4)", "not-a-basis"),
    ("Op grond van artikel 21.6 van de AVG menen we", "21(6)", "not-a-basis"),
    ("(conform artikel 32 van de AVG)", "32", "not-a-basis"),
    ("art. 5 AVG", "5", "not-a-basis"),
    ("artikel 9 AVG", "9", "not-a-basis"),
    ("art. 13 AVG", "13", "not-a-basis"),
    ("art. 28 lid 3 AVG", "28(3)", "not-a-basis"),
    ("artikel 30 van de AVG", "30", "not-a-basis"),
    ("art. 6 lid 4 AVG", "6(4)", "not-a-basis"),
    ("art. 8 sub f Wbp", "8(f)", "repealed-law"),
    ("artikel 8, onder f, van de Wet bescherming persoonsgegevens", "8(f)", "repealed-law"),
    ("art. 9 lid 2 sub a AVG", "9(2)(a)", None),
    ("recht op inzage (conform artikel 15 van de AVG)", "15", None),
    ("art. 52 AWR", "52", None),
    ("art. 7:454 BW", "7:454", None),
])
def test_provisions_that_are_not_a_basis(lb, text, provision, problem):
    (c,) = lb.read(text).citations
    assert c.provision == provision
    assert c.problem == problem
    assert not c.is_lawful_basis and c.letter is None
    assert text[c.start : c.end] == c.text


def test_other_statutes_are_named_in_citations(vocab):
    (c,) = vocab.citations("Wettelijke verplichting (art. 52 lid 4 AWR)")
    assert c.other_law == "AWR" and c.law is None
    (c,) = vocab.citations("artikel 7:454 BW")
    assert c.article == "7:454" and c.other_law == "BW"
    (c,) = vocab.citations("artikel 10 van de Gemeentewet")
    assert c.other_law == "Gemeentewet" and c.problem is None


@pytest.mark.parametrize("text, article, law", [
    ("art. 2.3.2 Wmo 2015", "2.3.2", "Wmo 2015"),          # numbered by chapter and section
    ("Wmo 2015, art. 2.3.2 en 2.3.5", "2.3.2", "Wmo 2015"),  # the statute named first
    ("Participatiewet art. 11", "11", "Participatiewet"),
    ("Wet publieke gezondheid, art. 6", "6", "Wet publieke gezondheid"),
    ("Jeugdwet (art. 7.3.8)", "7.3.8", "Jeugdwet"),
])
def test_articles_of_other_statutes_in_their_own_numbering_and_order(vocab, text, article, law):
    (c, *_) = vocab.citations(text)
    assert (c.article, c.other_law, c.law) == (article, law, None)
    assert not c.is_lawful_basis and c.problem is None


def test_a_statutes_numbering_without_its_name_is_no_gdpr_article(vocab):
    assert vocab.citations("art. 2.3.2 en 2.3.5") == []  # not "art. 2" of the GDPR
    (c,) = vocab.citations("art. 6.1.c AVG")              # the GDPR's own dotted form still reads
    assert c.is_lawful_basis and c.letter == "c"
    (c,) = vocab.citations("AVG, art. 6 lid 1 sub e")     # a GDPR code before the article still reads
    assert c.law == "AVG" and c.letter == "e"


def test_a_cited_letter_that_contradicts_the_name(lb):
    (c,) = lb.read("Toestemming (art. 6.1.f)").citations
    assert c.problem == "contradicts-name"
    (c,) = lb.read("Gerechtvaardigd belang (artikel 6.1.f AVG)").citations
    assert c.problem is None
    (c,) = lb.read("artikel 6.1.a (\u201cgerechtvaardigd belang\u201d) van de AVG").citations
    assert c.problem == "contradicts-name"
    (c,) = lb.read("Wettelijke verplichting, conform artikel 6.1.c van de AVG").citations
    assert c.problem is None


@pytest.mark.parametrize("text", [
    "1.4 Klachtenregistratie", "4.5 Verbruiksgegevens elektra en gas", "43 Klantenservice", "versie 2.3",
    "6.1 Contactgegevens", "Laatste wijzigingsdatum: 28 mei 2024", "binnen 30 dagen", "06-12345678",
    "3.1 Specifieke vastlegging", "6.1 e-mailadres",
])
def test_numbers_that_are_not_citations(vocab, text):
    assert vocab.citations(text) == []


def test_exception_citations_and_names(vocab):
    ex = vocab.exceptions
    assert ex.read("uitdrukkelijke toestemming (art. 9 lid 2 sub a AVG)").grounds == {"a"}
    assert ex.read("artikel 9.2.h AVG").grounds == {"h"}
    assert ex.read("art. 9(2)(j) GDPR").grounds == {"j"}
    assert ex.read("art. 22 lid 2 sub a UAVG").grounds == {"a"}
    assert ex.read("artikel 30, derde lid, UAVG").grounds == {"h"}
    assert ex.read("art. 29 UAVG: noodzakelijk voor authenticatie of beveiliging").grounds == {"g"}
    assert ex.read("artikel 24 UAVG").grounds == {"j"}
    assert ex.read("kennelijk openbaar gemaakt door de betrokkene").grounds == {"e"}
    crim = ex.read("art. 33 UAVG")
    assert crim.grounds == set() and [u["id"] for u in crim.uavg] == ["uavg_33"]
    assert not ex.read("Gerechtvaardigd belang").recognised


# --------------------------------------------------------------------------------------------
# Names, misspellings, misnomers


def _listed_misspellings(vocab):
    for base in vocab.data("lawful_bases")["bases"]:
        for t in base["misspellings"]:
            term = t["term"] if isinstance(t, dict) or hasattr(t, "get") else t
            yield base["letter"], term.lstrip("="), (t.get("note") if hasattr(t, "get") else None)


def test_every_listed_misspelling_is_caught(vocab, lb):
    seen = 0
    for letter, text, note in _listed_misspellings(vocab):
        for written in (text, text.capitalize(), text.upper()):
            r = lb.read(written)
            assert r.letters == {letter}, (written, r)
            (m,) = r.mentions
            assert m.form == "misspelling" and m.letter == letter
            assert m.canonical_nl == CANONICAL[letter]
            assert (m.start, m.end) == (0, len(written)) and m.text == written
            assert m.note == note
        seen += 1
    assert seen >= 60


def test_seed_misspellings(lb):
    for text in ("Gerechtigd belang (artikel 6.1.f AVG) \u2013 goed beveiligen van applicaties, systemen en platforms",
                 "Gerechtigd belang (artikel 6.1.f AVG) \u2013 het gebruik van datamodellen"):
        r = lb.read(text)
        (m,) = r.misspellings
        assert m.text == "Gerechtigd belang" and m.canonical_nl == "Gerechtvaardigd belang"
    r = lb.read("Overeenkomst Gerechtigd belang")
    assert r.letters == {"b", "f"}
    assert [(m.text, m.form) for m in r.mentions] == [("Overeenkomst", "variant"), ("Gerechtigd belang", "misspelling")]


def test_misspelling_notes(lb):
    (m,) = lb.read("Legitiem belang").mentions
    assert m.letter == "f" and "Vlaams" in m.note
    (m,) = lb.read("Rechtmatig belang").mentions
    assert m.letter == "f" and "ander begrip" in m.note
    (m,) = lb.read("Uitdrukkelijke toestemming").mentions
    assert m.letter == "a" and m.form == "variant" and "9 lid 2" in m.note


@pytest.mark.parametrize("text, letter", [
    ("Gerechtvaadrigd belang", "f"), ("Gerechtvaardiigd belang", "f"), ("Wettelijke verplichtng", "c"),
    ("Overeenkmst", "b"), ("Toestemminq", "a"), ("Gerechtvaardigd belanq", "f"), ("Legitimate intersts", "f"),
    ("Uitvoering overeenkomsr", "b"), ("Wettelijke verplichtinq (Wwft)", "c"), ("Gerechtvaardigd belaang", "f"),
])
def test_edit_distance_finds_unlisted_misspellings(lb, text, letter):
    r = lb.read(text)
    assert r.letters == {letter}, r
    assert r.misspellings and all(m.letter == letter for m in r.misspellings)
    assert r.ambiguous == [] and r.misnomers == []
    assert lb.read(text, fuzzy=False).misspellings == []  # found by edit distance, not by the list


CORRECT_BASES = [
    "Toestemming",
    "toestemming van de betrokkene",
    "Toestemming (art. 6 lid 1 sub a AVG)",
    "Uitvoering overeenkomst",
    "Uitvoering van de overeenkomst",
    "Uitvoering van een overeenkomst met de betrokkene",
    "Noodzakelijk voor de uitvoering van de overeenkomst",
    "Overeenkomst",
    "Arbeidsovereenkomst",
    "Uitvoering arbeidsovereenkomst",
    "Behandelovereenkomst (WGBO)",
    "Precontractuele maatregelen",
    "Uitvoering overeenkomst (precontractuele maatregelen op verzoek van de sollicitant)",
    "Wettelijke verplichting",
    "Wettelijke verplichting (art. 52 AWR)",
    "Wettelijke verplichting: artikel 7:454 BW",
    "Wettelijke verplichting op grond van de Wet op de loonbelasting 1964",
    "Wettelijke verplichting (Wet verbetering poortwachter)",
    "Wettelijke plicht (Wwft)",
    "wettelijk verplicht",
    "Vitaal belang",
    "Vitale belangen van de betrokkene",
    "Taak van algemeen belang",
    "Taak van algemeen belang / openbaar gezag",
    "Publiekrechtelijke taak (Gemeentewet)",
    "Publieke taak",
    "Uitoefening van het openbaar gezag",
    "Gerechtvaardigd belang",
    "Gerechtvaardigde belangen van de verwerkingsverantwoordelijke",
    "Gerechtvaardigd belang (artikel 6.1.f AVG) \u2013 het mogelijk maken van digitaal contact met klanten",
    "Gerechtvaardigd belang: beveiliging van het gebouw",
    "gerechtvaardigd belang, namelijk het voorkomen van fraude",
    "Gerechtvaardigd belang van een derde",
    "Art. 6 lid 1 sub f AVG",
    "artikel 6, eerste lid, onder c, AVG",
    "art. 6(1)(b) GDPR",
    "Consent",
    "Contract",
    "Legal obligation",
    "Vital interests",
    "Public task",
    "Legitimate interests",
    "Legitimate interest (fraud prevention)",
    "Performance of a contract",
    "Uitvoering overeenkomst; gerechtvaardigd belang voor direct marketing aan bestaande klanten",
    "Toestemming (cookiebanner)",
    "Toestemmingsformulier ouders",
    "Dienstverleningsovereenkomst",
    "Wettelijke verplichting uit de Archiefwet",
    "Taak van algemeen belang (artikel 3 Jeugdwet)",
    "Gerechtvaardígd belang",  # accent typed by mistake: diacritics are ignored, not a misspelling
    "Gerechtvaardigd-belang",
]

OTHER_FIELD_VALUES = [
    "Enpuls legt de klachten en vragen van klanten vast zodat deze kunnen worden opgelost",
    "Contactgegevens van klant voor communicatie- en commerciële doeleinden",
    "naam, e-mailadres, telefoonnummer, inhoud van de klacht",
    "Het faciliteren van controle omtrent de locatie van voertuigen en bestuurders",
    "2 jaar na afhandeling",
    "gerechtelijk bevel",
    "gerecht",
    "belangrijk",
    "toestand van de installatie",
    "de prijs die overeenkomt met het tarief",
    "uitvoerig contact met de klant",
    "contact opnemen met de contactpersoon",
    "legitimatiebewijs controleren bij binnenkomst",
    "bestemming van de zending",
    "verplichtingen uit het contract",
    "algemene voorwaarden",
    "belastingaangifte",
    "Klanttevredenheidsonderzoek ten behoeve van kwaliteitsverbetering",
    "Verbruiksgegevens elektra en gas",
    "Zorgalarmering voor bewoners",
    "instemmingsrecht van de ondernemingsraad",
    "publieke zaak",
    "Wettelijke termijnen",
    "Medewerkers van de klant",
    "Gerechtelijke procedures en rechtsvorderingen",
]


def test_correct_register_phrases_read_cleanly(lb):
    assert len(CORRECT_BASES) >= 40
    for text in CORRECT_BASES:
        r = lb.read(text)
        assert r.letters, (text, r)
        assert r.misspellings == [], (text, r)
        assert r.misnomers == [] and r.ambiguous == [], (text, r)
        assert r.problems == [], (text, r)


def test_other_field_values_are_never_misspellings(lb):
    for text in OTHER_FIELD_VALUES:
        assert lb.read(text).misspellings == [], text


def test_forms(lb):
    assert [m.form for m in lb.read("Toestemming").mentions] == ["canonical"]
    assert [m.form for m in lb.read("Legitimate interests").mentions] == ["canonical"]
    assert [m.form for m in lb.read("toestemmingsverklaring").mentions] == ["variant"]
    assert lb.canonical("e") == "Taak van algemeen belang / openbaar gezag"
    assert lb.canonical("f", "en") == "Legitimate interests"


def test_misnomers_and_ambiguous_phrases(lb):
    r = lb.read("Verwerkersovereenkomst")
    assert r.letters == set() and [(m.id, m.suggestion) for m in r.misnomers] == [("verwerkersovereenkomst", None)]
    r = lb.read("Bedrijfsbelang")
    assert r.letters == set() and r.misnomers[0].suggestion == "f"
    assert lb.read("zakelijk belang").misnomers[0].suggestion == "f"
    for text in ("AVG", "privacybeleid", "klantrelatie"):
        r = lb.read(text)
        assert r.letters == set() and len(r.misnomers) == 1, text
    r = lb.read("Wettelijke grondslag")
    assert r.letters == set() and r.ambiguous[0].candidates == ("c", "e")
    assert lb.read("wettelijke taak").ambiguous[0].candidates == ("c", "e")
    # "AVG" inside a citation is not a misnomer
    assert lb.read("Gerechtvaardigd belang (art. 6 lid 1 sub f AVG)").misnomers == []


# --------------------------------------------------------------------------------------------
# Inline interest


SEED_000 = [
    ("Gerechtvaardigd belang (artikel 6.1.f AVG) \u2013 het mogelijk maken van digitaal contact met klanten en andere "
     "stakeholders.", "het mogelijk maken van digitaal contact met klanten en andere stakeholders."),
    ("Gerechtvaardigd belang (artikel 6.1.f AVG) \u2013 monitoren van berichten die zien op Stedin en/of\n\nde "
     "energie-netbeheerders branche in het algemeen of die Stedin's dienstverlening raken (bijv. over storingen, "
     "congestie, klachten, etc.)", None),
    ("Gerechtigd belang (artikel 6.1.f AVG) \u2013 goed beveiligen van applicaties, systemen en platforms en "
     "zorgdragen voor goedwerkende applicaties, systemen en platforms met juiste data.",
     "goed beveiligen van applicaties, systemen en platforms en zorgdragen voor goedwerkende applicaties, systemen en "
     "platforms met juiste data."),
    ("Gerechtigd belang (artikel 6.1.f AVG) \u2013 het gebruik van datamodellen om processen te verbeteren, te "
     "versnellen of om meer inzichten te krijgen", "het gebruik van datamodellen om processen te verbeteren, te "
     "versnellen of om meer inzichten te krijgen"),
]


@pytest.mark.parametrize("text, interest", SEED_000)
def test_inline_interest_on_seed_000(lb, text, interest):
    r = lb.read(text)
    assert r.inline_interest is not None
    s, e = r.inline_interest
    expected = interest if interest is not None else text[text.index("monitoren") :]
    assert text[s:e] == expected == r.interest_text


@pytest.mark.parametrize("text, interest", [
    ("Gerechtvaardigd belang: fraudepreventie", "fraudepreventie"),
    ("Gerechtvaardigd belang - beveiliging van het pand", "beveiliging van het pand"),
    ("Gerechtvaardigd belang (fraudepreventie)", "fraudepreventie"),
    ("gerechtvaardigd belang, namelijk het voorkomen van fraude", "het voorkomen van fraude"),
    ("art. 6 lid 1 sub f AVG: netwerkbeveiliging", "netwerkbeveiliging"),
    ("Gerechtvaardigd belang (art. 6.1.f) \u2013 klachten afhandelen; Toestemming \u2013 nieuwsbrief", "klachten afhandelen"),
    ("Gerechtvaardigd belang", None),
    ("Gerechtvaardigd belang (artikel 6.1.f AVG)", None),
    ("Toestemming \u2013 nieuwsbrief", None),
    ("Gerechtvaardigd belang-afweging", None),
])
def test_inline_interest_forms(lb, text, interest):
    assert lb.read(text).interest_text == interest


# --------------------------------------------------------------------------------------------
# Compounds, diacritics, hyphens, word boundaries


@pytest.mark.parametrize("termset, text, expected", [
    ("special_categories", "ras", "ras"),
    ("special_categories", "Ras of etnische afkomst", "Ras"),
    ("special_categories", "rasterfoto van de meterkast", None),
    ("special_categories", "terras", None),
    ("special_categories", "afkomst", "afkomst"),
    ("special_categories", "afkomstig uit het CRM", None),
    ("special_categories", "gezondheidsgegevens", "gezondheidsgegevens"),
    ("special_categories", "Gezondheids-gegevens", "Gezondheids-gegevens"),
    ("special_categories", "volksgezondheid", None),
    ("special_categories", "zorg-alarmering", "zorg-alarmering"),
    ("special_categories", "zorgalarmeringssystemen", "zorgalarmeringssystemen"),
    ("special_categories", "Patiënten", "Patiënten"),
    ("special_categories", "patienten", "patienten"),
    ("special_categories", "reïntegratie", "reïntegratie"),
    ("special_categories", "re-integratietraject", "re-integratietraject"),
    ("special_categories", "geloofwaardigheid", None),
    ("special_categories", "incidenteel toegepaste diagnose-systemen", None),
    ("special_categories", "Contact- en diagnostische gegevens", None),
    ("special_categories", "de medewerker heeft dat verzuimd", None),
    ("special_categories", "zorgdragen voor goedwerkende applicaties", None),
    ("special_categories", "hartziekten", "hartziekten"),
    ("special_category_proxies", "foto's", "foto's"),
    ("special_category_proxies", "voorbeelden", None),
    ("dpia_ap_list", "camerabeelden", "camerabeelden"),
    ("dpia_ap_list", "Bewakingscamera", "Bewakingscamera"),
    ("dpia_ap_list", "bewakings-camerasysteem", "bewakings-camerasysteem"),
    ("lawful_bases", "toestemmingsverklaring", "toestemmingsverklaring"),
    ("statement_elements", "het apparaat", None),
    ("statement_elements", "een klacht bij de AP", "een klacht"),
    ("third_country_recipients", "Facebook-gegevens", "Facebook-gegevens"),
    ("third_country_recipients", "Bewaartermijn X jaar", None),
    ("third_country_recipients", "x", None),
    ("third_country_recipients", "X", "X"),
    ("third_country_recipients", "metadata", None),
    ("criminal_data", "VOG-verklaring", "VOG"),
    ("bsn", "BSN-nummer", "BSN-nummer"),
    ("bsn", "absoluut", None),
    # words that once matched by accident (found by running the lists over a Dutch word list)
    ("special_categories", "muziekteam", None),
    ("special_categories", "genomen besluiten", None),
    ("special_categories", "beroepsziekten", "beroepsziekten"),
    ("countries", "servies", None),
    ("countries", "Servië", "Servië"),
    ("countries", "servers in de VS", "VS"),
    ("dpia_ap_list", "rondgedragen", None),
    ("dpia_ap_list", "rijgedrag", "rijgedrag"),
    ("third_country_recipients", "de Amazone", None),
    ("third_country_recipients", "Amazon", "Amazon"),
    ("generic_cloud", "Saasveld", None),
    ("dpia_wp248", "uitsluitend medewerkers", "medewerkers"),
    ("contact_channels", "02-04-2024", None),
    ("contact_channels", "bel 050-1234567", "050-1234567"),
    ("lawful_bases", "verwerkersovereenkomst", None),
    ("lawful_basis_ambiguous", "Gerechtvaardigd belang", None),
])
def test_compounds_diacritics_and_boundaries(vocab, termset, text, expected):
    m = vocab.terms(termset).search(text)
    if expected is None:
        assert m is None, m
    else:
        assert m is not None and m.text == expected, m


def test_hyphenation_both_ways():
    assert compile_terms(["emailadres"]).search("ons e-mailadres").text == "e-mailadres"
    assert compile_terms(["e-mailadres"]).search("ons emailadres").text == "emailadres"
    assert compile_terms(["e-mailadres"]).search("ons e\u2011mail\u00adadres").text == "e\u2011mail\u00adadres"
    assert compile_terms(["zo lang als nodig"]).search("zo  lang\nals nodig").text == "zo  lang\nals nodig"
    assert compile_terms(["zo[ ]lang als nodig"]).search("zolang als nodig") is not None


def test_x_needs_company(vocab):
    ts = vocab.terms("third_country_recipients")
    found = ts.find("via onze WhatsApp, Facebook, X, Instagram, YouTube en/of LinkedIn accounts")
    assert [(m.text, m.id) for m in found] == [("WhatsApp", "meta"), ("Facebook", "meta"), ("X", "x_twitter"),
                                               ("Instagram", "meta"), ("YouTube", "google"), ("LinkedIn", "microsoft")]
    assert ts.find("persoon X vraagt om inzage") == ()


def test_leftmost_longest_non_overlapping():
    ts = compile_terms(["data", "data analyse*", "*analyse", "analyses uitvoeren", "=AI"])
    found = ts.find("Data-analyses uitvoeren met AI en data")
    assert [m.text for m in found] == ["Data-analyses", "AI", "data"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_entries_share_a_term(vocab):
    m = vocab.terms("dpia_ap_list").search("GPS")
    assert {e["nummer"] for e in m.entries} == {11, 12}


def test_vetoes_and_term_overlays(vocab):
    m = vocab.terms("special_categories").search("Ras")
    assert m.entry["id"] == "ras_etnisch" and m.entry["sterkte"] == "sterk"
    assert vocab.terms("special_category_proxies").search("nationaliteit").entry["sterkte"] == "proxy"
    m = vocab.terms("lawful_bases").search("rechtmatig belang")
    assert m.entry["letter"] == "f" and m.entry["form"] == "misspelling" and m.entry["note"]


# --------------------------------------------------------------------------------------------
# Offsets


@pytest.mark.parametrize("text", [
    "Van bewoners/patiënten zorginstelling: locatiegegevens via GPS en reïntegratie-dossiers",
    "Réïntégratie, GEZONDHEIDS-GEGEVENS en bewakings\u00adcamera's; ras; vingerafdrukken",
    unicodedata.normalize("NFD", "Patiënten met een reïntegratie-traject, gezondheidsgegevens en camerabeelden"),
    "\u00e9\u00e9n patiënt \u2014 ziekteverzuim",
])
def test_offsets_slice_back_to_the_words(vocab, text):
    hits = []
    for name in ("special_categories", "special_category_proxies", "dpia_ap_list"):
        for m in vocab.terms(name).find(text):
            assert text[m.start : m.end] == m.text
            assert m.text and m.text[0].isalnum() and m.text[-1].isalnum() or m.text.endswith("'s")
            hits.append(m.text)
    assert hits


def test_offsets_for_decomposed_text(vocab):
    text = unicodedata.normalize("NFD", "de patiënt, de reïntegratie")
    found = vocab.terms("special_categories").find(text)
    assert [unicodedata.normalize("NFC", m.text) for m in found] == ["patiënt", "reïntegratie"]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_basis_offsets_with_diacritics(lb):
    text = "Gerechtvaardígd  belang (artikel 6.1.f AVG) – fraudepreventie"
    r = lb.read(text)
    (m,) = r.mentions
    assert text[m.start : m.end] == m.text == "Gerechtvaardígd  belang"
    (c,) = r.citations
    assert text[c.start : c.end] == "artikel 6.1.f AVG"


# --------------------------------------------------------------------------------------------
# Other helpers


def test_durations(vocab):
    def d(text):
        return [(x.value, x.unit, x.text) for x in vocab.durations(text)]

    assert d("2 jaar na afhandeling") == [(2, "jaar", "2 jaar")]
    assert d("zeven jaar (art. 52 AWR)") == [(7, "jaar", "zeven jaar")]
    assert d("een half jaar") == [(0.5, "jaar", "half jaar")]
    assert d("4 weken") == [(4, "week", "4 weken")]
    assert d("6-12 maanden") == [(12, "maand", "6-12 maanden")]
    assert vocab.durations("28 dagen")[0].days == 28
    assert d("zo lang als nodig") == []
    assert d("versie 3 van het beleid") == []


def test_none_values(vocab):
    for text in ("geen", "Geen.", "n.v.t.", "N.V.T", "-", "\u2013", "none", "niet van toepassing"):
        assert vocab.is_none(text), text
    for text in ("geen idee waarom", "gegevens", "Toestemming"):
        assert not vocab.is_none(text), text


def test_covers(vocab):
    generic, filler = vocab.terms("generic_controllers"), vocab.data("misc")["filler_words"]
    assert generic.covers("de klant", filler)
    assert generic.covers("diverse klanten en/of opdrachtgevers", filler)
    assert not generic.covers("Gemeente Utrecht", filler)
    assert not generic.covers("de klant (Gemeente Utrecht)", filler)
    assert not generic.covers("diverse klanten en/of opdrachtgevers", ["de"])  # the words are the data's


def test_damerau_levenshtein():
    assert damerau_levenshtein("gerechtvaardigd", "gerechtvaardgd") == 1
    assert damerau_levenshtein("ab", "ba") == 1
    assert damerau_levenshtein("toestemming", "toestand", 2) == 3
    assert damerau_levenshtein("", "abc") == 3


def test_term_syntax_errors():
    for bad in ("", "*", "a*b", "=abc*", "[van", "van]", "[[a]]", "---", "*- "):
        with pytest.raises(VocabularyError):
            compile_terms([bad])
    with pytest.raises(VocabularyError):
        compile_terms([{"term": "abc*", "case_sensitive": True}])
    with pytest.raises(VocabularyError):
        compile_terms([{"pattern": "(a)b"}])


# --------------------------------------------------------------------------------------------
# Overrides


def test_overrides_extend_merge_remove_and_replace(vocab):
    v = load({
        "recipients": {"entities": [
            {"id": "acme", "naam": "Acme Cloud", "land": ["US"], "bron": "contract 2026-014",
             "gecontroleerd_op": "2026-10-01", "terms": ["acme*"]},
            {"id": "google", "terms": ["=Gemini Advanced"]},
            {"id": "tiktok", "_remove": True},
        ]},
        "lawful_bases": {"bases": [{"id": "f", "misspellings": ["gerechtvaardigd belangh"]}]},
        "purposes": {"vague_purposes": {"_remove": ["marketing"]}},
        "special_categories": {"categories": [
            {"id": "gezondheid", "sterk": {"_add": ["leefstijl"]}},
            {"id": "vakbond", "proxy": {"_replace": []}},
        ]},
        "transfers": {"adequacy": [
            {"id": "verenigd_koninkrijk", "_replace": True, "naam": "Verenigd Koninkrijk", "land": "GB",
             "geldig_tot": "2031-12-27", "bron": "eigen controle", "gecontroleerd_op": "2026-12-01"},
        ]},
        "dpia": {"meta": {"versie": "Stcrt. 2019, 64418 (gecontroleerd)"}},
    })
    rec = v.terms("third_country_recipients")
    assert [(m.text, m.id) for m in rec.find("AcmeCloud en Gemini Advanced, TikTok")] == [
        ("AcmeCloud", "acme"), ("Gemini Advanced", "google")]
    google = next(e for e in v.data("recipients")["entities"] if e["id"] == "google")
    assert "google*" in google["terms"] and "=Gemini Advanced" in google["terms"]  # extended, not replaced
    assert v.lawful_bases.read("Gerechtvaardigd belangh").misspellings[0].letter == "f"
    assert v.terms("vague_purposes").search("marketingdoeleinden") is None
    assert v.terms("special_categories").search("leefstijl").id == "gezondheid"
    assert v.terms("special_category_proxies").search("FNV") is None
    uk = next(e for e in v.data("transfers")["adequacy"] if e["id"] == "verenigd_koninkrijk")
    assert uk["gecontroleerd_op"] == datetime.date(2026, 12, 1) and "opmerking" not in uk
    assert v.data("dpia")["meta"]["versie"].endswith("(gecontroleerd)")
    # the defaults are untouched
    assert vocab.terms("vague_purposes").search("marketingdoeleinden") is not None
    assert vocab.terms("third_country_recipients").search("acme") is None
    assert load({"purposes": {"vague_purposes": {"_remove": ["marketing"]}}}) is load(
        {"purposes": {"vague_purposes": {"_remove": ["marketing"]}}})


def test_message_names_of_the_bases_come_from_the_vocabulary(vocab):
    assert [vocab.lawful_bases.message_name(letter, "en") for letter in "af"] == ["consent", "legitimate interests"]
    v = load({"lawful_bases": {"bases": [{"id": "f", "message_nl": "Gerechtvaardigde belangen",
                                          "message_en": "legitimate interest"}]}})
    assert (v.lawful_bases.message_name("f"), v.lawful_bases.message_name("f", "en")) == (
        "Gerechtvaardigde belangen", "legitimate interest")


@pytest.mark.parametrize("overrides, message", [
    ({"recipient": {}}, "did you mean 'recipients'"),
    ({"recipients": {"entites": []}}, "unknown section 'entites'"),
    ({"recipients": {"entities": "acme"}}, "expected a list"),
    ({"recipients": {"entities": [{"naam": "Acme"}]}}, "with an 'id'"),
    ({"recipients": {"entities": [{"id": "acme", "naam": "Acme", "terms": ["acme"]}]}}, "missing land, bron, gecontroleerd_op"),
    ({"purposes": {"vague_purposes": [{"id": "x", "level": "warning", "terms": ["a*b"]}]}},
     r"vague_purposes\[\d+\] \(x\)\.terms\[0\]"),
    ({"purposes": {"vague_purposes": [{"id": "x", "patterns": ["(a)"]}]}}, "capturing groups"),
    ({"purposes": {"vague_purposes": {"_remove": ["nope"]}}}, "'nope' is not in the list"),
    ({"purposes": {"vague_purposes": {"_replace": [], "_add": []}}}, "cannot be combined"),
    ({"transfers": {"adequacy": [{"id": "x", "naam": "X", "bron": "b", "gecontroleerd_op": "gisteren"}]}}, "ISO date"),
    ({"lawful_bases": {"bases": [{"id": "g", "letter": "g", "canonical_nl": "x", "canonical_en": "y",
                                   "message_nl": "x", "message_en": "y", "canonical": ["x"]}]}},
     r"bases\[6\] \(g\)\.letter: expected one of 'a', 'b', 'c', 'd', 'e', 'f'; got 'g'"),
    ({"lawful_bases": {"bases": [{"id": "f", "letter": "e"}]}}, "need exactly one entry per letter a-f, got a, b, c, d, e, e"),
    ({"lawful_bases": {"misnomers": [{"id": "x", "terms": ["x"], "suggest": "z"}]}}, "suggest"),
    ({"lawful_bases": {"fuzzy": {"min_length": [1]}}}, "expected a single value"),
    ({"misc": {"none_values": [{"a": 1}]}}, "none_values"),
    (["recipients"], "expected a mapping"),
])
def test_bad_overrides_raise(overrides, message):
    with pytest.raises(VocabularyError, match=message):
        load(overrides)


def test_readme_documents_every_term_list(vocab):
    from importlib import resources

    readme = (resources.files("avglint.rules") / "vocab" / "README.md").read_text(encoding="utf-8")
    missing = [n for n in vocab.termset_names() if f"`{n}`" not in readme]
    assert missing == []
    files = {p.name[:-5] for p in (resources.files("avglint.rules") / "vocab").iterdir() if p.name.endswith(".yaml")}
    assert all(f"`{f}.yaml`" in readme for f in files)
    assert re.search(r"_replace", readme) and "VocabularyError" in readme


def test_readme_override_example_loads():
    """The override example in rules/vocab/README.md is valid and does what the text says."""
    from importlib import resources

    from avglint._yaml import load_yaml

    readme = (resources.files("avglint.rules") / "vocab" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(vocabularies:\n.*?)```", readme, re.S).group(1)
    overrides = load_yaml(block)["vocabularies"]
    v = load(overrides)
    assert v.terms("third_country_recipients").search("Acme-portaal").id == "acme_cloud"
    assert v.terms("third_country_recipients").search("TikTok") is None
    assert v.lawful_bases.read("Gerechtvaardigd belangh").letters == {"f"}
    uk = next(e for e in v.data("transfers")["adequacy"] if e["id"] == "verenigd_koninkrijk")
    assert uk["gecontroleerd_op"] == datetime.date(2026, 12, 1)


@pytest.mark.parametrize("text, letters", [
    # every way registers write a basis is read into the same letters (issue 13, G6)
    ("Grondslag c", {"c"}),
    ("rechtsgrond a en b", {"a", "b"}),
    ("rechtsgrond b, rechtsgrond f", {"b", "f"}),
    ("sub b", {"b"}),
    ("b", {"b"}),
    ("c, e", {"c", "e"}),
    ("a (toestemming), f", {"a", "f"}),
    ("art. 6 sub b AVG", {"b"}),
    ("6.1.b", {"b"}),
    ("6(1)(b)", {"b"}),
    ("artikel 6, eerste lid, onder e", {"e"}),
    ("Art. 6(1)(e) GDPR", {"e"}),
    ("Art. 6(1)(b) and (f) GDPR", {"b", "f"}),
    ("performance of a contract", {"b"}),
    ("legal obligation", {"c"}),
    # not a basis letter: words, enumerations, a letter of another provision
    ("b2b klanten", set()),
    ("e-mail", set()),
    ("a. naam en adres; b. e-mailadres", set()),
    ("b) uw adres", set()),
    ("artikel 8, onder f, van de Wet bescherming persoonsgegevens", set()),
])
def test_basis_notations(lb, text, letters):
    assert lb.read(text).letters == letters


def test_the_words_that_say_what_an_analysis_is_for_are_vocabulary():
    """An 'analyse' followed by what it is for is a note (AVG113); the opening words are purposes.yaml's."""
    register = ('organisatie "Acme B.V." {\n    contact: privacy@acme.example\n}\n\nverwerking "Website" {\n'
                '    doel: data-analyse gericht op het verbeteren van de website\n}\n').encode()
    found = {}
    for name, overrides in (("default", {}), ("extended", {"purposes": {"purpose_clause_openers": ["gericht op"]}})):
        result = lint([("r.avg", register)], Config(select=["AVG113"], vocabularies=overrides))
        found[name] = [(finding.span.text, finding.severity) for finding in result.findings]
    assert found == {"default": [("data-analyse", "warning")], "extended": [("data-analyse", "note")]}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
@example("".join(map(chr, range(128))))  # every ASCII character, each folded as its tables fold it
def test_an_ascii_text_is_normalised_as_any_text_is(text):
    """``normalise`` folds ASCII text without its translation tables: the same result as with them."""
    from avglint.vocab.fold import _DROP_JOINERS, _FOLD_EXTRA, _WS, normalise

    assert normalise(text) == _WS.sub(" ", text.lower().translate(_FOLD_EXTRA).translate(_DROP_JOINERS)).strip()


@pytest.mark.parametrize("text", ["7 jaar", "13-05-2016, 5 jaar", "2016-207 en 3 maanden", "een jaar",
                                  "vijftien dagen", "5 tot 10 jaar", "2 - 3x per jaar", "1 of 2 weken", "0,5 jaar",
                                  "DV-2016-207 (12 mnd)", "2, 3 jaar", "eenmalig, 4 kwartalen", "10jaar", "ten years"])
def test_durations_are_those_read_at_every_number(text):
    """A number is read as a duration only where a unit may start after it: the same durations as when every
    number is tried."""
    from avglint.readings import forget
    from avglint.vocab.fold import _folded

    vocab = load()
    rx, words, units, days = vocab._duration_reader()
    src, low, _ = _folded(text)
    every = re.compile(rx.pattern[:rx.pattern.rindex("(?=")])
    expected = [(m.start(), units.match(src, m.end()).end) for m in every.finditer(low) if units.match(src, m.end())]
    assert [(d.start, d.end) for d in vocab.durations(text)] == expected
    forget(everything=True)
