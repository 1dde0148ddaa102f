"""The clause reader (avglint/clauses.py): clauses, negation, conditions, inverted word order."""

from __future__ import annotations

import pytest

from avglint import clauses
from avglint.vocab import load


@pytest.fixture(scope="module")
def reader():
    return clauses.reader(load())


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _negated(reader, text: str, words: str) -> bool:
    return reader.negated(text, *_at(text, words))


NEGATED = [
    # Dutch, negation before the words
    ("Wij verwerken geen BSN.", "BSN"),
    ("geen gezondheidsgegevens", "gezondheidsgegevens"),
    ("Aanmelden kan zonder camera.", "camera"),
    ("Er is geen sprake van cameratoezicht.", "cameratoezicht"),
    ("Wij gebruiken nooit Google Analytics.", "Google Analytics"),
    ("Wij verwerken niet uw BSN.", "BSN"),
    ("Persoonsgegevens worden op geen enkel moment naar een land buiten de Europese Unie gestuurd.",
     "buiten de Europese Unie"),
    ("Wij geven geen gegevens door aan landen buiten de EER.", "buiten de EER"),
    ("Wij verstrekken geen persoonsgegevens aan partijen in de Verenigde Staten.", "Verenigde Staten"),
    ("In geen geval sturen wij uw gegevens naar China.", "China"),
    ("Wij maken nergens gebruik van tracking.", "tracking"),
    ("Wij zien geen gebruik van profilering.", "profilering"),
    ("niet-gepersonaliseerde advertenties", "gepersonaliseerde"),
    ("niet-medische gegevens", "niet-medische"),
    # Dutch, negation after the words
    ("Uw gegevens worden niet doorgegeven.", "gegevens"),
    ("Camerabeelden worden nooit bewaard.", "Camerabeelden"),
    ("De diagnose wordt bij de aanmelding niet gevraagd.", "diagnose"),
    ("Geautomatiseerde besluitvorming vindt niet plaats.", "Geautomatiseerde besluitvorming"),
    ("Profilering is niet van toepassing.", "Profilering"),
    ("Cameratoezicht: nee", "Cameratoezicht"),
    ("Cameratoezicht: n.v.t.", "Cameratoezicht"),
    ("Camerabeelden: niet bewaard", "Camerabeelden"),
    ("Google Analytics (niet meer in gebruik)", "Google Analytics"),
    ("Gezondheidsgegevens zijn uitgesloten.", "Gezondheidsgegevens"),
    # English
    ("We do not transfer data outside the EEA.", "outside the EEA"),
    ("We never sell your data.", "sell"),
    ("No health data.", "health data"),
    ("Sign up without a camera.", "camera"),
    ("At no time are your data sent to the United States.", "United States"),
    ("Your data are not transferred.", "data"),
    ("We don't use tracking cookies.", "tracking cookies"),
    ("We share no personal data with advertisers.", "advertisers"),
    ("Under no circumstances do we sell data to brokers.", "brokers"),
    ("Profiling: not applicable", "Profiling"),
]

AFFIRMED = [
    # a clause mark or a contrast word ends the reach
    ("Geen nieuwsbrief, maar wel remarketing.", "remarketing"),
    ("geen nieuwsbrief maar wel remarketing", "remarketing"),
    ("Geen BSN; wel gezondheidsgegevens.", "gezondheidsgegevens"),
    ("Geen BSN. Gezondheidsgegevens worden bewaard.", "Gezondheidsgegevens"),
    ("geen BSN, gezondheidsgegevens", "gezondheidsgegevens"),
    ("Wij geven geen gegevens door, behalve aan onze hostingpartij in de Verenigde Staten.", "Verenigde Staten"),
    ("No newsletter, but we do use remarketing.", "remarketing"),
    ("We do not sell data, except to partners in the United States.", "United States"),
    # too far from the words
    ("Aanmelden gaat zonder tussenkomst van derden via Google.", "Google"),
    ("Wij verwerken uw naam en e-mailadres; bij vragen kunt u ons niet altijd direct bereiken.", "naam"),
    # a negation in a subordinate clause after the words is about them, it does not deny them
    ("Sollicitanten die niet zijn aangenomen", "Sollicitanten"),
    ("Applicants who were not hired", "Applicants"),
    # a hyphenated negation is part of its word
    ("niet-klanten ontvangen de nieuwsbrief", "nieuwsbrief"),
    ("Non-members receive the newsletter.", "newsletter"),
    # words that look like a negation but are not one
    ("Wij verwerken niet alleen uw naam maar ook uw adres.", "naam"),
    ("We process not only your name.", "name"),
    # "niet altijd" qualifies (sometimes), it does not deny
    ("Foto's worden niet altijd op de website geplaatst.", "Foto's"),
    ("Wij vragen niet altijd uw geboortedatum.", "geboortedatum"),
    ("Camera images are not always stored.", "Camera images"),
    ("We do not necessarily share your data with our partners.", "partners"),
    ("Wij bewaren uw gegevens niet langer dan wettelijk verplicht.", "wettelijk verplicht"),
    ("We keep your data no longer than legally required.", "legally required"),
    ("Dat is geen enkel probleem voor uw gegevens.", "gegevens"),
    # a colon after the words opens a comment: only "nee", "n.v.t." and the like reach into it
    ("Recht op rectificatie: kloppen uw gegevens niet, dan kunt u ze laten corrigeren.", "rectificatie"),
    # a negation that qualifies the words instead of denying them
    ("telefoonnummer (niet verplicht)", "telefoonnummer"),
    ("Het BSN is niet verplicht.", "BSN"),
    ("date of birth (not required)", "date of birth"),
    # a negation in another sentence
    ("Wij gebruiken Google Analytics. Wij delen niets met derden.", "Google Analytics"),
    # an abbreviation does not end the clause, so the negation still reaches
    ("Wij verwerken uw naam op grond van art. 6 lid 1 sub b AVG.", "naam"),
]


@pytest.mark.parametrize("text, words", NEGATED)
def test_negated(reader, text, words):
    assert _negated(reader, text, words), reader.negation(text, *_at(text, words))


@pytest.mark.parametrize("text, words", AFFIRMED)
def test_not_negated(reader, text, words):
    assert not _negated(reader, text, words), reader.negation(text, *_at(text, words))


def test_abbreviation_keeps_the_negation_in_reach(reader):
    text = "Wij verwerken geen art. 9 gegevens."
    assert _negated(reader, text, "gegevens")
    assert not _negated(reader, "Geen BSN. Gegevens", "Gegevens")


def test_negation_returns_the_cue(reader):
    text = "Persoonsgegevens worden op geen enkel moment naar een land buiten de Europese Unie gestuurd."
    assert reader.negation(text, *_at(text, "buiten de Europese Unie")).text == "op geen enkel moment"


def test_extra_take_back_words(reader):
    vocab = load()
    history = vocab.terms("transfer_history")
    text = "Privacy Shield (vervallen)"
    assert not reader.negated(text, *_at(text, "Privacy Shield"))
    assert reader.negated(text, *_at(text, "Privacy Shield"), extra=history)
    text = "voorheen Privacy Shield"
    assert reader.negated(text, *_at(text, "Privacy Shield"), extra=history)


@pytest.mark.parametrize("text, words, led", [
    ("het voorkomen van diefstal, inbraak en vandalisme", "vandalisme", True),
    ("het voorkomen van diefstal, inbraak, strafbare feiten", "strafbare feiten", True),
    ("to prevent theft, fraud or assault", "assault", True),
    # a contrast word or another mark ends the list
    ("het voorkomen van diefstal, maar ook strafbare feiten", "strafbare feiten", False),
    ("to prevent theft; criminal convictions of staff", "criminal convictions", False),
    # a long clause after the comma is not a list item
    ("het voorkomen van diefstal, waarbij wij gegevens over strafbare feiten", "strafbare feiten", False),
])
def test_list_lead_reaches_over_commas(reader, text, words, led):
    aims = load().terms("criminal_preventive_aims")
    assert reader.negated(text, *_at(text, words), extra=aims) is led
    # the negations of clauses.yaml stop at a comma
    assert not reader.negated("geen BSN, gezondheidsgegevens", *_at("geen BSN, gezondheidsgegevens", "gezondheidsgegevens"))


def test_affirmed(reader):
    found = reader.affirmed("special_categories", "geen gezondheidsgegevens, wel religie")
    assert [m.text for m in found] == ["religie"]


def test_window_is_data(reader):
    data = load().data("clauses")["windows"]
    assert data["negation_before"] >= 1 and data["negation_after"] >= 1


CONDITIONAL = [
    ("Bakkerij Voorbeeld verwerkt ook gegevens wanneer wij daartoe wettelijk verplicht zijn.", "wettelijk verplicht",
     "wanneer"),
    ("Wij geven uw gegevens door indien wij daartoe verplicht zijn.", "verplicht", "indien"),
    ("Als wij wettelijk verplicht zijn, geven wij uw gegevens door.", "wettelijk verplicht", "Als wij"),
    ("Indien de wet dat vereist, geven wij uw gegevens aan de Belastingdienst.", "Belastingdienst", "Indien"),
    ("Voor zover de wet dat voorschrijft bewaren wij uw gegevens.", "bewaren", "Voor zover"),
    ("We share your data with the police if required by law.", "required by law", "if"),
    ("Where the law requires it, we share your data with the police.", "police", "Where the law requires"),
    ("We keep your data in case of a dispute.", "dispute", "in case"),
    ("Where we are legally obliged to, we keep ticket records for the tax office.", "legally obliged", "Where we are"),
]


@pytest.mark.parametrize("text, words, marker", CONDITIONAL)
def test_condition(reader, text, words, marker):
    found = reader.condition(text, *_at(text, words))
    assert found is not None and found.text == marker


@pytest.mark.parametrize("text, words", [
    ("Wij verwerken uw gegevens op grond van een wettelijke verplichting.", "wettelijke verplichting"),
    ("Als grondslag geldt de uitvoering van de overeenkomst.", "overeenkomst"),
    ("Wij gebruiken uw e-mailadres als gebruikersnaam.", "gebruikersnaam"),
    ("Wanneer u belt. Wij bewaren uw gegevens twee jaar.", "bewaren"),
    ("We process your data to perform the contract.", "contract"),
])
def test_no_condition(reader, text, words):
    assert reader.condition(text, *_at(text, words)) is None


@pytest.mark.parametrize("text, words", [
    ("Door het aanmeldformulier te versturen geeft u toestemming voor de nieuwsbrief.", "toestemming"),
    ("Met het aanvinken van het vakje geeft u ons toestemming.", "toestemming"),
    ("Geeft u toestemming, dan sturen wij u de nieuwsbrief.", "toestemming"),
    ("Bij aanmelding stem je in met het ontvangen van e-mail.", "in met"),
    ("Daarom vragen wij uw toestemming.", "toestemming"),
])
def test_inverted(reader, text, words):
    assert reader.inverted(text, *_at(text, words))


@pytest.mark.parametrize("text, words", [
    ("U geeft toestemming voor de nieuwsbrief.", "toestemming"),
    ("Wij nemen contact met u op.", "op"),
    ("Wanneer u toestemming geeft, sturen wij de nieuwsbrief.", "toestemming"),
    ("Als je je aanmeldt, ontvang je de nieuwsbrief. U geeft toestemming.", "toestemming"),
])
def test_not_inverted(reader, text, words):
    assert not reader.inverted(text, *_at(text, words))


def test_subject_order_keeps_offsets(reader):
    text = "Door het formulier te versturen geeft u toestemming. Geeft u toestemming, dan kunt u die intrekken."
    ordered = reader.subject_order(text)
    assert len(ordered) == len(text)
    assert "versturen u geeft toestemming" in ordered
    assert ordered.count("toestemming") == 2 and ordered.index("toestemming") == text.index("toestemming")
    assert ordered.startswith("Door het") and ". U geeft toestemming, dan u kunt" in ordered
    assert reader.subject_order("Wij nemen contact met u op.") == "Wij nemen contact met u op."


def test_split(reader):
    text = "Wij verwerken: naam, adres. Geen BSN (niet nodig) - klaar; art. 6 lid 1 sub b AVG"
    assert [text[a:b] for a, b in reader.split(text)] == \
        ["Wij verwerken", "naam", "adres", "Geen BSN", "niet nodig", "klaar", "art. 6 lid 1 sub b AVG"]
    assert reader.split("") == []


def test_clause_around(reader):
    text = "Gegevens: naam en adres, geen BSN. Bewaard: 2 jaar"
    start, end = reader.clause(text, *_at(text, "adres"))
    assert text[start:end] == " naam en adres"
    start, end = reader.clause(text, *_at(text, "BSN"))
    assert text[start:end].strip() == "geen BSN"


def test_history_words_read_as_take_back_after_the_words(reader):
    history = load().terms("transfer_history")
    text = "Google Analytics (no longer used)"
    assert reader.negated(text, *_at(text, "Google Analytics"), extra=history)
    text = "Mailchimp, dat wij niet meer gebruiken"
    assert not reader.negated(text, *_at(text, "Mailchimp"), extra=history)   # a comma ends the clause
