"""Lawful basis (AVG2xx): Art. 6(1), read from the `grondslag` field.

The value is free text; ``vocab.lawful_bases.read`` finds the bases it names (in
every spelling and citation form), misnomers and citations. These rules judge
what it found.
"""

from __future__ import annotations

import re

from avglint.findings import Edit, Fix, Message, Related
from avglint.model import Activity
from avglint.readings import reading
from avglint.registry import report, rule, statement_check
from avglint.statement import Block, Statement

from ._common import (
    allocated,
    every_text,
    field_span,
    has_value,
    named_letters,
    names_basis,
    names_no_basis,
    statute_in_text,
    texts,
    value_of,
    written_language,
)
from ._statement_reading import Reading, list_lead, names_statute, statement_reading


@reading
def basis_reading(activity: Activity, vocab):
    """The reading of the activity's own `grondslag` (None when absent, empty or inherited)."""
    field = activity.get("grondslag")
    if not has_value(field) or field.block is not activity:
        return None, None
    return field, vocab.lawful_bases.read(field.text)


@reading
def _letters(text: str, vocab) -> frozenset[str]:
    """The bases a `grondslag` text names (``named_letters``)."""
    return frozenset(named_letters(vocab.lawful_bases.read(text)))


@rule(id="AVG201", slug="grondslag-onbekend", severity="error", scope="activity", articles=("6(1)",),
      needs={"grondslag": names_no_basis},
      fix="suggestion",
      title=("The lawful basis is not one of the six bases of Art. 6(1).",
             "De grondslag is niet een van de zes grondslagen van art. 6 lid 1."))
def unknown_basis(activity: Activity, ctx):
    """
    ## What it checks
    That `grondslag` names one of the six lawful bases of Art. 6(1): consent, contract,
    legal obligation, vital interests, public task or legitimate interests (in Dutch or
    English, by name, by article in every citation form — `art. 6 lid 1 sub f AVG`, "art. 6
    sub b AVG", "6.1.b", "6(1)(b)", "artikel 6, eerste lid, onder e", "Art. 6(1)(e) GDPR" —
    or by its letter alone: "Grondslag c", "rechtsgrond a en b", "sub b"). A citation of
    Art. 6 that does not say which point ("art. 6 AVG") is reported, not dropped. Words that are not a
    basis ("AVG", "privacybeleid", "klantrelatie", "verwerkersovereenkomst") are
    reported; "bedrijfsbelang" suggests legitimate interests, and "wettelijke grondslag"
    asks which of legal obligation (c) or public task (e) is meant.

    In a privacy statement: an item of a list that the statement introduces as its lawful
    bases ("De wettelijke grondslagen zijn:", "on the following legal grounds:") and that
    names none of the six ("richtlijnen volgens het uitleenreglement", "onze statuten").

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Processing is lawful only on one of the six bases (Art. 6(1)); each comes with its
    own conditions and rights (objection for e and f, withdrawal for a, portability for
    a and b). A register that does not say which one applies cannot be checked against
    any of them.

    ## Example
    ```avg
    verwerking "Klantcontact" {
        grondslag: klantrelatie
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klantcontact" {
        grondslag: Uitvoering overeenkomst
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat `grondslag` een van de zes grondslagen van art. 6 lid 1 noemt: toestemming,
    uitvoering van een overeenkomst, wettelijke verplichting, vitaal belang, taak van
    algemeen belang of gerechtvaardigd belang (Nederlands of Engels, bij naam of met het
    artikel in elke schrijfwijze — `art. 6 lid 1 sub f AVG`, "art. 6 sub b AVG", "6.1.b",
    "6(1)(b)", "artikel 6, eerste lid, onder e" — of alleen met de letter: "Grondslag c",
    "rechtsgrond a en b", "sub b"). Een verwijzing naar art. 6 die niet zegt welk onderdeel
    ("art. 6 AVG") wordt gemeld, niet weggelaten. Woorden die geen grondslag zijn
    ("AVG", "privacybeleid", "klantrelatie", "verwerkersovereenkomst") worden gemeld;
    bij "bedrijfsbelang" wordt gerechtvaardigd belang voorgesteld, en bij "wettelijke
    grondslag" de vraag of wettelijke verplichting (c) of taak van algemeen belang (e)
    bedoeld is.

    In een privacyverklaring: een punt van een lijst die de verklaring als haar grondslagen
    inleidt ("De wettelijke grondslagen zijn:", "op basis van de volgende grondslagen:") en
    dat geen van de zes noemt ("richtlijnen volgens het uitleenreglement", "onze statuten").

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Een verwerking is alleen rechtmatig op een van de zes grondslagen (art. 6 lid 1);
    elke grondslag heeft eigen voorwaarden en rechten (bezwaar bij e en f, intrekken bij
    a, dataportabiliteit bij a en b). Een register dat niet zegt welke geldt, is aan geen
    ervan te toetsen.

    ## Voorbeeld

    ## Beter
    """
    field, reading = basis_reading(activity, ctx.vocab)
    if reading is None or reading.letters:
        return
    for misnomer in reading.misnomers:
        span = field_span(field, misnomer.start, misnomer.end)
        if misnomer.suggestion:
            bases = ctx.vocab.lawful_bases
            nl_name, en_name = (bases.message_name(misnomer.suggestion, lang) for lang in ("nl", "en"))
            written_in = written_language(activity, activity.register)
            written = nl_name if written_in == "nl" else bases.canonical(misnomer.suggestion, "en")
            yield report(span,
                         f"'{misnomer.text}' is not a lawful basis of Art. 6(1); if the processing rests on the "
                         f"organisation's interest, the basis is '{nl_name}' ({en_name}, Art. 6(1)"
                         f"({misnomer.suggestion})) with the interest stated in 'belang'.",
                         f"'{misnomer.text}' is geen grondslag van art. 6 lid 1; rust de verwerking op een belang van "
                         f"de organisatie, dan is de grondslag '{nl_name}' (art. 6 lid 1 sub {misnomer.suggestion}), "
                         "met het belang in 'belang'.",
                         fix=Fix(Message(f"Replace with '{written}'", f"Vervang door '{written}'"),
                                 (Edit(span, written),), safe=False), field="grondslag")
        else:
            yield report(span,
                         f"'{misnomer.text}' is not a lawful basis: name one of the six bases of Art. 6(1) "
                         "(Toestemming, Uitvoering overeenkomst, Wettelijke verplichting, Vitaal belang, Taak van "
                         "algemeen belang, Gerechtvaardigd belang).",
                         f"'{misnomer.text}' is geen grondslag: noem een van de zes grondslagen van art. 6 lid 1 "
                         "(Toestemming, Uitvoering overeenkomst, Wettelijke verplichting, Vitaal belang, Taak van "
                         "algemeen belang, Gerechtvaardigd belang).", field="grondslag")
        return
    for ambiguous in reading.ambiguous:
        options = " or ".join(f"'{ctx.vocab.lawful_bases.message_name(c)}' ({c})" for c in ambiguous.candidates)
        options_nl = " of ".join(f"'{ctx.vocab.lawful_bases.message_name(c)}' ({c})" for c in ambiguous.candidates)
        yield report(field_span(field, ambiguous.start, ambiguous.end),
                     f"'{ambiguous.text}' can mean more than one basis: write {options}, and name the statute "
                     "(Art. 6(1), 6(3)).",
                     f"'{ambiguous.text}' kan meer dan één grondslag betekenen: schrijf {options_nl}, en noem de wet "
                     "(art. 6 lid 1 en 3).", field="grondslag")
        return
    if any(c.problem or c.other_law or c.is_lawful_basis for c in reading.citations):
        return  # a citation that is not a basis is AVG203's finding; another statute implies its basis
    if reading.citations:
        # "art. 6 AVG": a citation that does not say which basis, reported rather than dropped
        cited = reading.citations[0]
        yield report(field_span(field, cited.start, cited.end),
                     f"'{cited.text}' does not say which basis of Art. 6(1) applies: add the point, e.g. 'Art. "
                     "6(1)(c) GDPR', or name the basis (Art. 6(1)).",
                     f"'{cited.text}' zegt niet welke grondslag van art. 6 lid 1 geldt: voeg het onderdeel toe, "
                     "bijvoorbeeld 'art. 6 lid 1 sub c AVG', of noem de grondslag (art. 6 lid 1).", field="grondslag")
        return
    yield report(field.value_span,
                 f"'{field.text}' is not a lawful basis of Art. 6(1): name one of Toestemming, Uitvoering "
                 "overeenkomst, Wettelijke verplichting, Vitaal belang, Taak van algemeen belang or Gerechtvaardigd "
                 "belang.",
                 f"'{field.text}' is geen grondslag van art. 6 lid 1: noem Toestemming, Uitvoering overeenkomst, "
                 "Wettelijke verplichting, Vitaal belang, Taak van algemeen belang of Gerechtvaardigd belang.",
                 field="grondslag")


def _match_case(original: str, canonical: str) -> str:
    return canonical[0].lower() + canonical[1:] if original[:1].islower() else canonical


def _misspells_basis(text: str, vocab) -> bool:
    return bool(vocab.lawful_bases.read(text).misspellings)


@rule(id="AVG202", slug="grondslag-spelling", severity="warning", scope="activity", articles=("6(1)",), fix="yes",
      needs={"grondslag": _misspells_basis},
      title=("The lawful basis is misspelled or not in its usual form.",
             "De grondslag is verkeerd gespeld of niet in de gangbare vorm."))
def misspelled_basis(activity: Activity, ctx):
    """
    ## What it checks
    That the lawful basis is spelled as the law spells it: "Gerechtigd belang",
    "Gerechtvaardigde belang", "Toestemmming", "Overeenkompst" and other misspellings are
    reported with the correct form. "Legitiem belang" (a Flemish or English form) and
    "rechtmatig belang" (a different concept) are corrected to "Gerechtvaardigd belang"
    with a note.

    ## Kind
    A *not recognisable* rule (see [the open world](../rule-writing.md#the-open-world)): it fires
    on positive evidence of vagueness; wording it merely does not recognise is at most a note,
    never treated as wrong.

    ## Why
    The register is a legal document that the Autoriteit Persoonsgegevens may ask for
    (Art. 30(4)), and the basis is its key legal statement. A misspelled basis also hides
    it from every search, export and check that looks for the real one.

    ## Example
    ```avg
    verwerking "Testen van applicaties" {
        grondslag: Gerechtigd belang (artikel 6.1.f AVG)
    }
    ```

    ## Use instead
    ```avg
    verwerking "Testen van applicaties" {
        grondslag: Gerechtvaardigd belang (artikel 6.1.f AVG)
    }
    ```

    ## Fix safety
    The fix replaces only the misspelled words by the canonical name of the same basis
    (the letter a–f does not change), so the legal meaning stays the same.
    <!-- nl -->
    ## Wat het controleert
    Dat de grondslag gespeld is zoals de wet hem spelt: "Gerechtigd belang",
    "Gerechtvaardigde belang", "Toestemmming", "Overeenkompst" en andere
    spelfouten worden gemeld met de juiste vorm. "Legitiem belang" (Vlaams of Engels) en
    "rechtmatig belang" (een ander begrip) worden verbeterd tot "Gerechtvaardigd belang",
    met een toelichting.

    ## Soort
    Een regel over *wat niet herkenbaar is* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij meldt op grond van positieve aanwijzingen voor vaagheid; tekst die hij alleen niet
    herkent, geeft hooguit een opmerking en geldt nooit als fout.

    ## Waarom
    Het register is een juridisch document dat de Autoriteit Persoonsgegevens kan opvragen
    (art. 30 lid 4), en de grondslag is er de belangrijkste juridische uitspraak in. Een
    verkeerd gespelde grondslag is bovendien onvindbaar voor elke zoekopdracht, export of
    controle die de echte zoekt.

    ## Voorbeeld

    ## Beter

    ## Veiligheid van de correctie
    De correctie vervangt alleen de verkeerd gespelde woorden door de gangbare naam van
    dezelfde grondslag (de letter a–f verandert niet), dus de juridische betekenis blijft
    gelijk.
    """
    field, reading = basis_reading(activity, ctx.vocab)
    if reading is None or not reading.misspellings:
        return
    english = written_language(activity, activity.register) == "en"
    for mention in reading.misspellings:
        span = field_span(field, mention.start, mention.end)
        correct = _match_case(mention.text, mention.canonical_en if english else mention.canonical_nl)
        note_en = note_nl = ""
        if mention.note:
            note_nl = f" {mention.note}"
            note_en = f" ({mention.note})"
        yield report(span,
                     f"'{mention.text}' is misspelled: write '{correct}' (Art. 6(1)({mention.letter})).{note_en}",
                     f"'{mention.text}' is verkeerd gespeld: schrijf '{correct}' (art. 6 lid 1 sub "
                     f"{mention.letter}).{note_nl}",
                     fix=Fix(Message(f"Write '{correct}'", f"Schrijf '{correct}'"), (Edit(span, correct),), safe=True),
                     field="grondslag")


_PROBLEMS = {
    "repealed-law": ("cites the Wbp, which was repealed on 25 May 2018: cite the GDPR (AVG), e.g. 'art. 6 lid 1 "
                     "sub f AVG'", "verwijst naar de Wbp, die op 25 mei 2018 is vervallen: verwijs naar de AVG, "
                     "bijvoorbeeld 'art. 6 lid 1 sub f AVG'"),
    "not-a-basis": ("is not a lawful basis: the bases are in Art. 6(1)(a)–(f)",
                    "is geen grondslag: de grondslagen staan in art. 6 lid 1 sub a–f"),
    "contradicts-name": ("contradicts the basis named next to it: the letter must match the basis",
                         "spreekt de genoemde grondslag tegen: de letter moet bij de grondslag passen"),
}


def _cites_wrongly(text: str, vocab) -> bool:
    return bool(vocab.lawful_bases.read(text).problems)


@rule(id="AVG203", slug="artikelverwijzing-onjuist", severity="error", scope="activity", articles=("6(1)",),
      needs={"grondslag": _cites_wrongly},
      title=("The article cited is not the lawful basis named, or not a lawful basis at all.",
             "Het genoemde artikel past niet bij de grondslag, of is geen grondslag."))
def wrong_citation(activity: Activity, ctx):
    """
    ## What it checks
    That an article cited as the basis is one: its letter matches the basis named next to
    it ("Toestemming (art. 6.1.f)" does not), it is not a provision that is never a basis
    (art. 5, 7(4), 9 without a 9(2) letter, 13, 21(6), 28, 30, 32), and it is not the
    repealed Wbp ("art. 8 sub f Wbp").

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    A wrong citation shows that the basis was not chosen with care, and it misleads the
    data subject about their rights (objection applies to e and f, withdrawal to a). The
    Wbp was repealed on 25 May 2018.

    ## Example
    ```avg
    verwerking "Nieuwsbrief" {
        grondslag: Toestemming (art. 6.1.f AVG)
    }
    ```

    ## Use instead
    ```avg
    verwerking "Nieuwsbrief" {
        grondslag: Toestemming (art. 6.1.a AVG)
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een artikel dat als grondslag wordt genoemd er ook een is: de letter past bij de
    grondslag die ernaast staat ("Toestemming (art. 6.1.f)" niet), het is geen bepaling
    die nooit een grondslag is (art. 5, 7 lid 4, 9 zonder letter van lid 2, 13, 21 lid 6,
    28, 30, 32), en het is niet de vervallen Wbp ("art. 8 sub f Wbp").

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Een verkeerde verwijzing laat zien dat de grondslag niet zorgvuldig is gekozen, en
    misleidt de betrokkene over zijn rechten (bezwaar geldt bij e en f, intrekken bij a).
    De Wbp is op 25 mei 2018 vervallen.

    ## Voorbeeld

    ## Beter
    """
    field, reading = basis_reading(activity, ctx.vocab)
    if reading is None:
        return
    for citation in reading.problems:
        en, nl = _PROBLEMS.get(citation.problem, _PROBLEMS["not-a-basis"])
        yield report(field_span(field, citation.start, citation.end),
                     f"'{citation.text}' {en}.", f"'{citation.text}' {nl}.", field="grondslag")


def _names_bases_but_consent(text: str, vocab) -> bool:
    letters = _letters(text, vocab)
    return len(letters) >= 2 and "a" not in letters


@rule(id="AVG204", slug="meerdere-grondslagen-niet-toegewezen", severity="warning", scope="activity",
      articles=("6(1)", "13(1)(c)"), needs={"grondslag": _names_bases_but_consent},
      title=("Several lawful bases without saying which covers what.",
             "Meerdere grondslagen zonder te zeggen welke waarvoor geldt."))
def several_bases(activity: Activity, ctx):
    """
    ## What it checks
    That an activity with more than one basis says which basis covers which purpose or
    data: one item per basis, each with what it covers. "Overeenkomst Gerechtigd belang"
    does not; "Uitvoering overeenkomst voor de levering, Wettelijke verplichting (art. 52
    AWR) voor de facturen" does. What an item says besides the official wording of Art. 6(1)
    counts: "noodzakelijk ter bescherming van de vitale belangen van de betrokkene,
    noodzakelijk voor de vervulling van een taak van algemeen belang" allocates nothing.
    When every basis but one is given its part ("Art. 6(1)(b); legitimate interests for
    third-party data inside documents"), that one covers the rest; an interest stated beside
    a basis ("legitimate interest in facilitating research") gives it no part. A legal
    obligation or public task named by its statute or its area of law says what it
    covers ("uitvoering arbeidsovereenkomst; wettelijke verplichting (Wet op de loonbelasting
    1964)", "Art. 6(1)(b) contract; Art. 6(1)(c) accounting law obligations"), and a label
    before a basis gives it its part ("Google-login op basis van toestemming"); within one
    item, ";" or a "/" or "+" between spaces separates the bases. Bases that
    line up one-to-one with distinct items of `doel` ("doel: bestellingen leveren, facturen
    bewaren" with "grondslag: b, c") are allocated. (Consent combined with another basis is
    AVG405.)

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    The basis is chosen per purpose before the processing starts and cannot be swapped
    afterwards (EDPB Guidelines 05/2020 on consent, §121–123). Two bases without
    allocation leave the data subject unable to know which rights apply (Art. 13(1)(c)).

    ## Example
    ```avg
    verwerking "Klantadministratie" {
        grondslag: Overeenkomst Gerechtvaardigd belang
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klantadministratie" {
        grondslag: Uitvoering overeenkomst voor levering en facturatie,
                   Gerechtvaardigd belang voor klantcontact met zakelijke relaties
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking met meer dan één grondslag zegt welke grondslag voor welk doel of
    welke gegevens geldt: één item per grondslag, elk met waarvoor die geldt.
    "Overeenkomst Gerechtigd belang" doet dat niet; "Uitvoering overeenkomst voor de
    levering, Wettelijke verplichting (art. 52 AWR) voor de facturen" wel. Wat een item
    zegt naast de officiële tekst van art. 6 lid 1 telt: "noodzakelijk ter bescherming van
    de vitale belangen van de betrokkene, noodzakelijk voor de vervulling van een taak van
    algemeen belang" wijst niets toe. Krijgt elke grondslag op één na haar deel ("uitvoering
    van de overeenkomst; gerechtvaardigd belang voor gegevens van derden in de documenten"),
    dan geldt die ene voor de rest; een belang naast een grondslag ("gerechtvaardigd belang
    in het bevorderen van onderzoek") geeft haar geen deel. Een wettelijke verplichting of
    publieke taak met haar wet of rechtsgebied zegt waarvoor ze geldt ("uitvoering
    arbeidsovereenkomst; wettelijke verplichting (Wet op de loonbelasting 1964)", "Art.
    6(1)(b) contract; Art. 6(1)(c) accounting law obligations"), en een label vóór een
    grondslag geeft haar deel ("Google-login op basis van toestemming"); binnen één item
    scheiden ";" of een "/" of "+" tussen spaties de grondslagen. Grondslagen die één op één naast
    verschillende items van `doel` staan ("doel: bestellingen leveren, facturen bewaren" met
    "grondslag: b, c") zijn toegewezen. (Toestemming naast een andere grondslag is AVG405.)

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    De grondslag wordt per doel gekozen vóór de verwerking begint en kan achteraf niet
    worden gewisseld (EDPB-richtsnoeren 05/2020 over toestemming, §121–123). Twee
    grondslagen zonder toedeling maken voor de betrokkene onduidelijk welke rechten gelden
    (art. 13 lid 1 sub c).

    ## Voorbeeld

    ## Beter
    """
    field, reading = basis_reading(activity, ctx.vocab)
    if reading is None:
        return
    letters = named_letters(reading)
    if len(letters) < 2 or "a" in letters or allocated(field, ctx.vocab, activity.get("doel")):
        return
    names = " and ".join(f"'{ctx.vocab.lawful_bases.message_name(letter)}'" for letter in sorted(letters))
    names_nl = " en ".join(f"'{ctx.vocab.lawful_bases.message_name(letter)}'" for letter in sorted(letters))
    yield report(field.value_span,
                 f"'{field.text}' names {names} without saying which covers which purpose: give each basis as its own "
                 "item with what it covers, or split the activity (Art. 6(1), 13(1)(c)).",
                 f"'{field.text}' noemt {names_nl} zonder te zeggen welke voor welk doel geldt: geef elke grondslag "
                 "als eigen item met waarvoor die geldt, of splits de verwerking (art. 6 lid 1, 13 lid 1 sub c).",
                 field="grondslag")


@rule(id="AVG205", slug="wettelijke-grondslag-niet-benoemd", severity="warning", scope="activity",
      needs={"grondslag": names_basis("c", "e")},
      articles=("6(1)(c)", "6(1)(e)", "6(3)"),
      title=("A legal obligation or public task without the statute that lays it down.",
             "Een wettelijke verplichting of publieke taak zonder de wet waarin die staat."))
def statute_not_named(activity: Activity, ctx):
    """
    ## What it checks
    That a basis of legal obligation (c) or public task (e) names the law it rests on:
    a statute ("Wet", "Besluit", "AWR", "BW"), or an article of one ("art. 52 AWR",
    "artikel 7:454 BW"). A statute is recognised by the form of its name
    ("Participatiewet", "Wet op het primair onderwijs", "de wet Inburgering 2021",
    "Companies Act 2006", a country's law on a subject: "Finnish accounting law"), anywhere
    in the activity (`grondslag`, `omschrijving`, …). An obligation the GDPR itself lays
    down counts as named: a data subject's right or the breach notification, cited with or
    without "GDPR" ("Provide users with a copy of their data (Art. 15, 20)", "(Art. 17)").

    In a privacy statement the same is read where the bases are set out, and "wettelijke
    taak" there ("Uitvoering van een wettelijke taak: onderwijsverzorging") needs its statute
    as a public task does. A duty named by way of example ("wanneer wij daartoe wettelijk
    verplicht zijn, bijvoorbeeld voor de loonaangifte") is not the statute. The right to
    object explained ("to object to processing on the basis of Art. 6(1)(e) or (f)") claims
    no basis: the statement names the bases the right applies to.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Bases c and e must be laid down in Union or Member State law (Art. 6(3)). "Wettelijk
    verplicht" without the statute cannot be checked, and it often turns out that no
    statute requires the processing.

    ## Example
    ```avg
    verwerking "Facturen" {
        grondslag: Wettelijke verplichting
    }
    ```

    ## Use instead
    ```avg
    verwerking "Facturen" {
        grondslag: Wettelijke verplichting (art. 52 AWR)
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een grondslag wettelijke verplichting (c) of taak van algemeen belang (e) de wet
    noemt waarop die rust: een wet ("Wet", "Besluit", "AWR", "BW") of een artikel daarvan
    ("art. 52 AWR", "artikel 7:454 BW"). Een wet wordt aan de vorm van haar naam herkend
    ("Participatiewet", "Wet op het primair onderwijs", "de wet Inburgering 2021"), waar
    ook in de verwerking (`grondslag`, `omschrijving`, …). Een verplichting die de AVG zelf
    oplegt, telt als genoemd: een recht van de betrokkene of de melding van een datalek,
    met of zonder "AVG" aangehaald ("verzoeken om inzage afhandelen (artikel 15)",
    "(art. 17)").

    In een privacyverklaring wordt hetzelfde gelezen waar de grondslagen staan, en vraagt
    "wettelijke taak" daar ("Uitvoering van een wettelijke taak: onderwijsverzorging") om de
    wet, zoals een publieke taak. Een plicht die als voorbeeld genoemd wordt ("wanneer wij
    daartoe wettelijk verplicht zijn, bijvoorbeeld voor de loonaangifte") is niet de wet. Het
    uitgelegde recht van bezwaar ("bezwaar maken tegen een verwerking op grond van artikel 6
    lid 1 sub e of f") claimt geen grondslag: de verklaring noemt de grondslagen waarvoor het
    recht geldt.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Grondslagen c en e moeten in Unierecht of lidstatelijk recht zijn vastgelegd (art. 6
    lid 3). "Wettelijk verplicht" zonder de wet is niet te controleren, en vaak blijkt geen
    wet de verwerking te eisen.

    ## Voorbeeld

    ## Beter
    """
    field, reading = basis_reading(activity, ctx.vocab)
    if reading is None or not named_letters(reading) & {"c", "e"}:
        return
    # the statute may be named anywhere in the activity ("omschrijving: op grond van de Participatiewet"),
    # most often beside the basis: that is read first
    if statute_in_text(field.text, ctx.vocab) or any(
            statute_in_text(text, ctx.vocab) for _key, _field, text in every_text(activity)):
        return
    mention = next((m for m in reading.mentions if m.letter in "ce"), None)
    span = field_span(field, mention.start, mention.end) if mention else field.value_span
    yield report(span,
                 "Name the statute that lays down this obligation or task, e.g. 'Legal obligation (art. 52 AWR, "
                 "the Dutch tax act)' (Art. 6(3)).",
                 "Noem de wet waarin deze verplichting of taak staat, bijvoorbeeld 'Wettelijke verplichting (art. 52 "
                 "AWR)' (art. 6 lid 3).", field="grondslag")


@rule(id="AVG206", slug="overeenkomst-zonder-contractpartij", severity="warning", scope="activity",
      articles=("6(1)(b)",), needs={"grondslag": names_basis("b")},
      title=("Contract as the basis for people who are not party to the contract.",
             "Uitvoering overeenkomst als grondslag voor mensen die geen partij zijn bij de overeenkomst."))
def contract_without_party(activity: Activity, ctx):
    """
    ## What it checks
    That the contract basis (b) is used only for people who are party to the contract (or
    asked for it): not for contact persons or employees of a business customer, visitors,
    prospects, residents, patients or other third parties. When `betrokkenen` is absent,
    the `gegevens` and `doel` are read for such people. It also looks at which contract is
    named: a contract between organisations ("samenwerkingsovereenkomst", "raamovereenkomst
    met de provincie", "cooperation agreement between …") does not make the data subjects a
    party.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 6(1)(b) covers processing necessary for a contract "to which the data subject is
    party". The contact person of a business customer is not; their data are normally
    processed on legitimate interests, with the interest stated (EDPB Guidelines 2/2019).

    ## Example
    ```avg
    verwerking "Zakelijke klanten" {
        betrokkenen: contactpersonen van klanten
        grondslag: Uitvoering overeenkomst
    }
    ```

    ## Use instead
    ```avg
    verwerking "Zakelijke klanten" {
        betrokkenen: contactpersonen van klanten
        grondslag: Gerechtvaardigd belang
        belang: contact onderhouden met klanten over de uitvoering van hun contract
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat de grondslag uitvoering van een overeenkomst (b) alleen gebruikt wordt voor wie
    partij is bij de overeenkomst (of erom vroeg): niet voor contactpersonen of
    medewerkers van een zakelijke klant, bezoekers, prospects, bewoners, patiënten of
    andere derden. Als `betrokkenen` ontbreekt, worden `gegevens` en `doel` op zulke
    personen gelezen. De regel kijkt ook welke overeenkomst genoemd wordt: een overeenkomst
    tussen organisaties ("samenwerkingsovereenkomst", "raamovereenkomst met de provincie")
    maakt de betrokkenen geen partij.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 6 lid 1 sub b dekt verwerking die nodig is voor een overeenkomst "waarbij de
    betrokkene partij is". De contactpersoon van een zakelijke klant is dat niet; diens
    gegevens worden gewoonlijk op gerechtvaardigd belang verwerkt, met het belang erbij
    (EDPB-richtsnoeren 2/2019).

    ## Voorbeeld

    ## Beter
    """
    if activity.role != "controller":
        return  # for a processor the basis is the controller's (AVG110)
    field = activity.fields.get("grondslag")  # its own, as ``basis_reading``: letters read once per text
    if not has_value(field) or "b" not in _letters(field.text, ctx.vocab):
        return
    precontract = ctx.vocab.terms("precontract_steps")
    if precontract.search(field.text) or precontract.search(value_of(activity.get("doel"))):
        return  # steps taken at the data subject's request before entering into a contract
    subjects = ctx.vocab.terms("non_contract_subjects")
    sources = ["betrokkenen"] if has_value(activity.get("betrokkenen")) else ["gegevens", "doel"]
    for key in sources:
        match = subjects.search(value_of(activity.get(key)))
        if match:
            yield report(field.value_span,
                         f"'{match.text}' ({key}) are not party to the contract, so 'Uitvoering overeenkomst' does not "
                         "cover them: use 'Gerechtvaardigd belang' with the interest stated, or another basis "
                         "(Art. 6(1)(b); EDPB Guidelines 2/2019).",
                         f"'{match.text}' ({key}) zijn geen partij bij de overeenkomst, dus 'Uitvoering overeenkomst' "
                         "dekt hen niet: gebruik 'Gerechtvaardigd belang' met het belang erbij, of een andere "
                         "grondslag (art. 6 lid 1 sub b; EDPB-richtsnoeren 2/2019).", field="grondslag")
            return
    for key, _field, text in texts(activity, ("grondslag", "doel", "omschrijving")):
        contract = ctx.vocab.terms("organisation_contracts").search(text)
        if contract:
            yield report(field.value_span,
                         f"'{contract.text}' ({key}) is a contract between organisations: the data subjects are not "
                         "party to it, so 'Uitvoering overeenkomst' does not cover them. Use the basis that does "
                         "(consent for a newsletter, 'Taak van algemeen belang' with its statute, or legitimate "
                         "interests with the interest stated) (Art. 6(1)(b); EDPB Guidelines 2/2019).",
                         f"'{contract.text}' ({key}) is een overeenkomst tussen organisaties: de betrokkenen zijn "
                         "daar geen partij bij, dus 'Uitvoering overeenkomst' dekt hen niet. Gebruik de grondslag die "
                         "dat wel doet (toestemming voor een nieuwsbrief, 'Taak van algemeen belang' met de wet, of "
                         "gerechtvaardigd belang met het belang erbij) (art. 6 lid 1 sub b; EDPB-richtsnoeren "
                         "2/2019).", field="grondslag")
            return


_NOISE = re.compile(r"[^\w]+")


def _compared(text: str) -> str:
    """How AVG207 compares a purpose or name: case, punctuation and spacing left out."""
    return _NOISE.sub(" ", text.casefold()).strip()


@reading(reader=None)
def _purpose_key(text: str) -> str:
    return "p:" + _compared(text)


@reading(reader=None)
def _name_key(text: str) -> str:
    return "n:" + _compared(text)


def _purpose_keys(activity: Activity) -> list[str]:
    keys = []
    for field_name in ("doel", "omschrijving"):
        field = activity.get(field_name)
        if has_value(field) and len(field.text) >= 20:
            keys.append(_purpose_key(field.text))
    if activity.name:
        keys.append(_name_key(activity.name))
    return keys


@rule(id="AVG207", slug="grondslag-inconsistent", severity="warning", scope="register", articles=("6(1)", "5(2)"),
      title=("The same processing recorded twice with different lawful bases.",
             "Dezelfde verwerking twee keer vastgelegd met verschillende grondslagen."))
def inconsistent_basis(register, ctx):
    """
    ## What it checks
    That activities with the same name or the same purpose text (ignoring case and
    punctuation), anywhere in the register, do not give different lawful bases.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    One purpose has one basis (Art. 6(1); EDPB Guidelines 05/2020 §121–123). Two rows that
    describe the same processing with different bases, such as a satisfaction survey on
    consent in one department and on legitimate interest in another, mean that at least
    one of them is wrong, and the data subject cannot know which rights apply.

    ## Example
    ```avg
    verwerking "Klanttevredenheidsonderzoek" {
        doel: "klanttevredenheid meten ten behoeve van kwaliteitsverbetering"
        grondslag: Toestemming
    }
    verwerking "Klantonderzoek" {
        doel: "klanttevredenheid meten ten behoeve van kwaliteitsverbetering"
        grondslag: Gerechtvaardigd belang
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klanttevredenheidsonderzoek" {
        doel: "klanttevredenheid meten ten behoeve van kwaliteitsverbetering"
        grondslag: Gerechtvaardigd belang
    }
    verwerking "Klantonderzoek" {
        doel: "klanttevredenheid meten ten behoeve van kwaliteitsverbetering"
        grondslag: Gerechtvaardigd belang
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat verwerkingen met dezelfde naam of dezelfde doeltekst (zonder verschil in
    hoofdletters en leestekens), waar ook in het register, geen verschillende grondslagen
    noemen.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Eén doel heeft één grondslag (art. 6 lid 1; EDPB-richtsnoeren 05/2020 §121–123). Twee
    rijen die dezelfde verwerking met verschillende grondslagen beschrijven, zoals een
    tevredenheidsonderzoek op toestemming bij de ene afdeling en op gerechtvaardigd belang
    bij de andere, betekenen dat ten minste één ervan fout is, en de betrokkene kan niet
    weten welke rechten gelden.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    first: dict[str, tuple[Activity, frozenset[str]]] = {}
    for activity in register.activities:
        field = activity.get("grondslag")
        if not has_value(field):
            continue
        letters = _letters(field.text, vocab)
        if not letters:
            continue
        for key in _purpose_keys(activity):
            earlier = first.setdefault(key, (activity, letters))
            if earlier[0] is activity or earlier[1] == letters:
                continue
            other, other_letters = earlier
            what_en = "purpose" if key.startswith("p:") else "name"
            what_nl = "doel" if key.startswith("p:") else "naam"
            theirs = ", ".join(vocab.lawful_bases.message_name(letter) for letter in sorted(other_letters))
            where = other.name_span
            yield report(field.value_span,
                         f"'{other.name}' ({where.path}:{where.line}) has the same {what_en} but the basis "
                         f"'{theirs}': one purpose has one basis; make them agree or tell the two apart "
                         "(Art. 6(1), 5(2)).",
                         f"'{other.name}' ({where.path}:{where.line}) heeft hetzelfde {what_nl} maar de grondslag "
                         f"'{theirs}': één doel heeft één grondslag; maak ze gelijk of maak het verschil duidelijk "
                         "(art. 6 lid 1, 5 lid 2).",
                         related=(Related(where, Message("The other activity.", "De andere verwerking.")),),
                         activity=activity, field="grondslag")
            break


# ---------------------------------------------------------------------------------------------
# In privacy statements: the statement side of AVG203, AVG205 and AVG206


PROVISIONS_EN = {"5": "the principles of processing", "6(4)": "the compatibility of further processing",
                 "7(4)": "consent made a condition of a service", "9": "the ban on special categories of data",
                 "13": "the duty to inform", "21(6)": "the right to object to research and statistics",
                 "28": "processors", "30": "the record of processing activities", "32": "security of processing"}


def _provision_subject(vocab, citation) -> tuple[str, str]:
    key = citation.article + (f"({citation.paragraph})" if citation.paragraph else "")
    for entry in vocab.data("lawful_bases").get("non_basis_provisions", ()):
        lid = entry.get("lid")
        if str(entry.get("artikel")) == citation.article and (lid is None or str(lid) == (citation.paragraph or "")):
            nl = entry.get("onderwerp") or ""
            return PROVISIONS_EN.get(key) or PROVISIONS_EN.get(citation.article) or nl, nl
    return "", ""


@statement_check(unknown_basis)
def statement_unknown_basis(statement: Statement, ctx):
    """An item of a list the statement introduces as its lawful bases that names none of the six."""
    reading = statement_reading(statement, ctx.vocab)
    for lead in statement.blocks:
        # "De wettelijke grondslagen zijn:", "on the following legal grounds:"; not a list of "voorwaarden" or
        # "conditions", which paraphrase bases (the Wbp's own wording of them)
        if lead.kind not in ("paragraph", "item") or not lead.sentences or not any(
                _BASES_NAMED.search(cue.text) for cue in reading.cues(lead.sentences[-1], "grondslag_lijst")):
            continue
        yield from _items_naming_no_basis(reading, statement.list_under(lead), ctx.vocab)


_BASES_NAMED = re.compile(r"grondslag|rechtsgrond|legal bas|lawful bas|legal ground", re.IGNORECASE)


def _items_naming_no_basis(reading: Reading, items: list[Block], vocab):
    """AVG201 at each of ``items`` (a list of lawful bases) that names no basis of Art. 6(1) or 9(2)."""
    for block in items:
        text = block.text.strip()
        if not re.search(r"[^\W\d_]{3,}", text) or reading.block_claims.get(block.index) or \
                vocab.lawful_bases.read(text).letters or vocab.exceptions.read(text).grounds:
            continue
        yield report(block.span,
                     f"'{text}' is listed as a lawful basis but is none of the six of Art. 6(1): name the basis it "
                     "stands for (an organisation's own rules or statutes are none), e.g. 'uitvoering van de "
                     "overeenkomst' (Art. 6(1), 13(1)(c)).",
                     f"'{text}' staat bij de grondslagen maar is geen van de zes van art. 6 lid 1: noem de grondslag "
                     "waarvoor het staat (eigen reglementen of statuten zijn dat niet), bijvoorbeeld 'uitvoering van de "
                     "overeenkomst' (art. 6 lid 1, 13 lid 1 sub c).")


@statement_check(wrong_citation)
def statement_wrong_citation(statement: Statement, ctx):
    """Citations in the statement that are claimed as a basis but are not one (or contradict the basis named)."""
    reading = statement_reading(statement, ctx.vocab)
    for claim in reading.claims:
        if claim.problem is None:
            continue
        citation = claim.citation
        if claim.problem == "not-a-basis":
            en_subject, nl_subject = _provision_subject(ctx.vocab, citation)
            about_en = f" (it is about {en_subject})" if en_subject else ""
            about_nl = f" (het gaat over {nl_subject})" if nl_subject else ""
            yield report(claim.span,
                         f"'{claim.text}' is cited as a legal ground, but art. {citation.provision}{about_en} is not a "
                         "lawful basis: cite the basis of Art. 6(1) that applies, e.g. 'artikel 6 lid 1 sub f AVG' with "
                         "the interest pursued.",
                         f"'{claim.text}' wordt als grondslag aangehaald, maar art. {citation.provision}{about_nl} is geen "
                         "grondslag: noem de grondslag van art. 6 lid 1 die geldt, bijvoorbeeld 'artikel 6 lid 1 sub f "
                         "AVG' met het nagestreefde belang.")
        elif claim.problem == "repealed-law":
            yield report(claim.span,
                         f"'{claim.text}' cites the Wbp, repealed on 25 May 2018: cite the GDPR, e.g. 'artikel 6 lid 1 "
                         "sub f AVG'.",
                         f"'{claim.text}' verwijst naar de Wbp, die op 25 mei 2018 is vervallen: verwijs naar de AVG, "
                         "bijvoorbeeld 'artikel 6 lid 1 sub f AVG'.")
        elif claim.problem == "contradicts-name":
            yield report(claim.span,
                         f"'{claim.text}' does not match the basis named next to it: the letter of Art. 6(1) must be "
                         "that of the basis (a consent, b contract, c legal obligation, d vital interests, e public "
                         "task, f legitimate interests).",
                         f"'{claim.text}' past niet bij de grondslag die ernaast staat: de letter van art. 6 lid 1 moet "
                         "die van de grondslag zijn (a toestemming, b overeenkomst, c wettelijke verplichting, d vitaal "
                         "belang, e publieke taak, f gerechtvaardigd belang).")


@statement_check(statute_not_named)
def statement_statute_not_named(statement: Statement, ctx):
    """A legal obligation or public task claimed in the statement without the statute."""
    reading = statement_reading(statement, ctx.vocab)
    for block in reading.units():
        claimed = [c for c in reading.block_claims.get(block.index, ()) if c.valid and c.letter in ("c", "e")]
        claims, texts, letters = [c.span for c in claimed], [c.text for c in claimed], {c.letter for c in claimed}
        if not claims and _setting_out_bases(reading, block):
            # where the statement sets out its bases (a section or a list about them), a legal obligation or
            # public task named there is one ("De wettelijke verplichting om financiële gegevens zeven jaar te
            # bewaren", "noodzakelijk om aan een wettelijke verplichting te voldoen, zoals de bewaarplicht")
            for sentence in block.sentences:
                said = ctx.vocab.lawful_bases.read(sentence.text, fuzzy=False)
                # and a statutory task, a legal obligation or a public task either way ("Uitvoering van een
                # wettelijke taak: onderwijsverzorging")
                for mention in (*said.mentions, *(a for a in said.ambiguous if a.id in _needing_statute(ctx.vocab))):
                    letter = getattr(mention, "letter", "e")
                    if letter in ("c", "e") and not reading.negated(sentence, mention.start, mention.end):
                        claims.append(sentence.span_of(mention.start, mention.end))
                        texts.append(sentence.text[mention.start:mention.end])
                        letters.add(letter)
        if not claims or names_statute(block, ctx.vocab):
            continue
        # or in a paragraph of the section that explains the same basis ("De inzet ter uitvoering van deze
        # publieke taak is te vinden in artikel 6d van de Wet publieke gezondheid", "Deze taak is vastgelegd in …")
        if block.section.heading is not None and any(
                part is not block and names_statute(part, ctx.vocab)
                and (letters & {m.letter for m in ctx.vocab.lawful_bases.read(part.text, fuzzy=False).mentions}
                     or any(reading.cues(sentence, "terugverwijzing") for sentence in part.sentences))
                for part in block.section.all_blocks()):
            continue
        yield report(claims[0],
                     f"'{texts[0]}' without the statute that lays down the obligation or task: name it, e.g. "
                     "'wettelijke verplichting uit artikel 52 AWR' (Art. 6(3), 13(1)(c)).",
                     f"'{texts[0]}' zonder de wet waarin de verplichting of taak staat: noem die, bijvoorbeeld "
                     "'wettelijke verplichting uit artikel 52 AWR' (art. 6 lid 3, 13 lid 1 sub c).")


@reading(reader=None)
def _needing_statute(vocab) -> frozenset[str]:
    """The ambiguous phrases that name a task the law assigns (``wet_nodig`` in lawful_bases.yaml)."""
    return frozenset(e["id"] for e in vocab.data("lawful_bases")["ambiguous"] if e.get("wet_nodig"))


def _setting_out_bases(reading: Reading, block: Block) -> bool:
    """The block stands where the statement sets out its lawful bases: in a section about them, or as an
    item of a list introduced by them ("DWH verwerkt deze gegevens op basis van volgende grondslagen:")."""
    if "grondslag" in reading.own_topics.get(block.section.index, frozenset()):
        return True
    lead = list_lead(reading.statement, block)
    return lead is not None and any(m.entry.get("id") == "grondslag" for s in lead.sentences
                                    for m in reading.find("statement_elements", s))


@statement_check(contract_without_party)
def statement_contract_without_party(statement: Statement, ctx):
    """The contract basis claimed for people who are not party to the contract (contact persons, visitors)."""
    reading = statement_reading(statement, ctx.vocab)
    subjects = ctx.vocab.terms("non_contract_subjects")
    for block in reading.units():
        claims = [c for c in reading.block_claims.get(block.index, ()) if c.valid and c.letter == "b"]
        if not claims or ctx.vocab.terms("precontract_steps").search(block.text):
            continue
        claim = claims[0]
        # the people may be named in the list the claim introduces or in its nested items
        found = next((m for part in (block, *statement.list_under(block)) for m in subjects.find(part.text)
                      if not reading.clauses.negated(part.text, m.start, m.end)), None)
        own = reading.own_topics.get(block.section.index, frozenset())
        if found is None and "grondslag" in own and "doeleinden" not in own and {
                letter for b in block.section.blocks for letter in reading.letters(b)} == {"b"}:
            # the one basis of the whole statement (a section of its own): the people the statement is about
            for sentence in statement.sentences:
                found = subjects.search(sentence.text)
                if found is not None:
                    break
        if found is None:
            continue
        yield report(claim.span,
                     f"'{claim.text}' (contract) for '{found.text}', who are not party to the contract: use legitimate "
                     "interests with the interest stated, or another basis (Art. 6(1)(b); EDPB Guidelines 2/2019).",
                     f"'{claim.text}' (overeenkomst) voor '{found.text}', die geen partij zijn bij de overeenkomst: "
                     "gebruik gerechtvaardigd belang met het belang erbij, of een andere grondslag (art. 6 lid 1 sub b; "
                     "EDPB-richtsnoeren 2/2019).")
