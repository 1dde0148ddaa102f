"""Art. 30 completeness and register hygiene (AVG1xx).

What a record of processing activities must contain (Art. 30(1) for a
controller, 30(2) for a processor), and wording that fills a column without
saying anything. Missing-field findings point at the activity's name.
"""

from __future__ import annotations

import re

from avglint import clauses
from avglint.model import Activity
from avglint.readings import reading
from avglint.registry import EachItem, report, rule, statement_check

from ._common import (
    each_once,
    field_span,
    filled,
    find_affirmed,
    has_value,
    mentions,
    own_retention_text,
    sentences_with,
    texts,
    where,
)
from ._fg_duty import register_duty
from ._statement_reading import statement_reading


@rule(id="AVG101", slug="organisatie-identiteit-ontbreekt", severity="error", scope="register",
      articles=("30(1)(a)", "30(2)(a)"),
      title=("The register does not identify the organisation and how to contact it.",
             "Het register noemt de organisatie of haar contactgegevens niet."))
def organisation_identity(register, ctx):
    """
    ## What it checks
    That the register has an `organisatie` block with a name and a `contact` field that
    gives at least one way to reach the organisation: an e-mail address, a phone number,
    a postal address (postcode) or a website or form.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 30(1)(a) (and 30(2)(a) for a processor) requires "the name and contact details
    of the controller". A register that is shown to the Autoriteit Persoonsgegevens
    (Art. 30(4)) must say whose it is and how to reach them.

    ## Example
    ```avg
    verwerking "Klachten" {
        doel: klachten afhandelen
    }
    ```

    ## Use instead
    ```avg
    organisatie "Voorbeeld B.V." {
        contact: privacy@voorbeeld.nl, Stationsplein 1 3511 ED Utrecht
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat het register een blok `organisatie` heeft met een naam en een veld `contact` dat
    ten minste één manier geeft om de organisatie te bereiken: een e-mailadres, een
    telefoonnummer, een postadres (postcode) of een website of formulier.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 30 lid 1 sub a (en lid 2 sub a voor een verwerker) vraagt "de naam en de
    contactgegevens van de verwerkingsverantwoordelijke". Een register dat aan de
    Autoriteit Persoonsgegevens wordt getoond (art. 30 lid 4) moet zeggen van wie het is
    en hoe die te bereiken is.

    ## Voorbeeld

    ## Beter
    """
    organisation = register.organisation
    if organisation is None:
        first = register.blocks[0].head_span if register.blocks else None
        if first is None:
            return
        yield report(first,
                     "The register names no organisation: add an 'organisatie' block with the name and contact "
                     "details of the controller (Art. 30(1)(a)).",
                     "Het register noemt geen organisatie: voeg een blok 'organisatie' toe met de naam en "
                     "contactgegevens van de verwerkingsverantwoordelijke (art. 30 lid 1 sub a).")
        return
    if not organisation.name:
        yield report(organisation.name_span,
                     "The 'organisatie' block has no name: write the legal name, e.g. organisatie \"Voorbeeld B.V.\" "
                     "(Art. 30(1)(a)).",
                     "Het blok 'organisatie' heeft geen naam: schrijf de statutaire naam, bijvoorbeeld organisatie "
                     "\"Voorbeeld B.V.\" (art. 30 lid 1 sub a).")
    contact = organisation.own("contact")
    if contact is None or not ctx.vocab.terms("contact_channels").search(contact.text):
        span = contact.value_span if contact is not None else organisation.name_span
        yield report(span,
                     f"No contact details for '{organisation.name or 'the organisation'}': add 'contact' with an "
                     "e-mail address, phone number, postal address or website (Art. 30(1)(a)).",
                     f"Geen contactgegevens van '{organisation.name or 'de organisatie'}': voeg 'contact' toe met "
                     "een e-mailadres, telefoonnummer, postadres of website (art. 30 lid 1 sub a).")


@rule(id="AVG102", slug="fg-ontbreekt", severity="warning", scope="register",
      articles=("30(1)(a)", "37(1)", "37(7)"),
      title=("The register does not name the FG (data protection officer).",
             "Het register noemt de functionaris gegevensbescherming (FG) niet."))
def data_protection_officer(register, ctx):
    """
    ## What it checks
    That the `organisatie` names its functionaris gegevensbescherming (FG, DPO) in `fg`.
    The severity depends on whether an FG is mandatory (Art. 37(1)):
    - **error** for a public authority, which must appoint one: by its `type`
      (`type: overheid`) or by its name ("Gemeente Hoorn", "Hoogheemraadschap van
      Delfland", "Example County Council", a school board: the words of `fg_duty_signs`,
      the reading AVG902 shares);
    - **warning** when the register records processing on the AP's DPIA list, or
      special-category data with a sign of large scale (`schaal: grootschalig`, "alle
      inwoners"), where an FG is likely mandatory (core activities on a large scale,
      37(1)(b)(c));
    - **note** when it records special-category data without a sign of scale: the duty
      depends on the scale, so the note asks for `schaal`;
    Otherwise nothing is reported: Art. 30(1)(a) asks for the FG only "where applicable",
    and a register that shows no sign of the duty shows no defect (`fg: geen FG aangesteld
    (niet verplicht)` still documents that the question was considered).
    A "privacy officer" or "privacycoördinator" is not an FG; naming one gets a note.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 30(1)(a) requires the contact details of the FG in the register, and Art. 37(7)
    requires them to be published and communicated to the AP.

    ## Example
    ```avg
    organisatie "Gemeente Voorbeeld" {
        type: overheid
        contact: privacy@voorbeeld.nl
    }
    ```

    ## Use instead
    ```avg
    organisatie "Gemeente Voorbeeld" {
        type: overheid
        contact: privacy@voorbeeld.nl
        fg: "mr. A. Jansen, fg@voorbeeld.nl"
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat de `organisatie` haar functionaris gegevensbescherming (FG) noemt in `fg`. De
    ernst hangt af van de vraag of een FG verplicht is (art. 37 lid 1):
    - **fout** voor een overheidsinstantie, die er een moet aanstellen: volgens haar `type`
      (`type: overheid`) of haar naam ("Gemeente Hoorn", "Hoogheemraadschap van Delfland",
      een schoolbestuur: de woorden van `fg_duty_signs`, de lezing die AVG902 deelt);
    - **waarschuwing** als het register verwerkingen van de DPIA-lijst van de AP vastlegt,
      of bijzondere persoonsgegevens met een teken van grote schaal (`schaal:
      grootschalig`, "alle inwoners"), waar een FG waarschijnlijk verplicht is
      (kernactiviteit op grote schaal, lid 1 sub b en c);
    - **opmerking** bij bijzondere persoonsgegevens zonder teken van schaal: de plicht hangt
      van de schaal af, dus de opmerking vraagt om `schaal`;
    Anders wordt niets gemeld: art. 30 lid 1 sub a vraagt de FG alleen "in voorkomend
    geval", en een register zonder teken van de plicht laat geen gebrek zien (`fg: geen FG
    aangesteld (niet verplicht)` legt nog steeds vast dat de vraag is overwogen).
    Een "privacy officer" of "privacycoördinator" is geen FG; dan volgt een opmerking.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 30 lid 1 sub a vraagt de contactgegevens van de FG in het register, en art. 37
    lid 7 vraagt ze te publiceren en aan de AP door te geven.

    ## Voorbeeld

    ## Beter
    """
    organisation = register.organisation
    if organisation is None:
        return  # AVG101
    vocab = ctx.vocab
    fg = organisation.own("fg")
    duty = register_duty(register, vocab)
    ground, sign = duty if duty is not None else (None, None)
    if filled(fg, vocab):
        if vocab.is_none(fg.text) and ground == "public":
            yield report(fg.value_span,
                         "A public authority must appoint an FG (Art. 37(1)(a)); name the FG and how to reach them.",
                         "Een overheidsinstantie moet een FG aanstellen (art. 37 lid 1 sub a); noem de FG en hoe die "
                         "te bereiken is.", severity="error")
        elif not vocab.terms("fg").search(fg.text) and vocab.terms("not_fg").search(fg.text):
            yield report(fg.value_span,
                         f"'{fg.text}' is not a functionaris gegevensbescherming in the sense of Art. 37–39; name the "
                         "FG, or write 'geen FG aangesteld' when there is none.",
                         f"'{fg.text}' is geen functionaris gegevensbescherming in de zin van art. 37–39; noem de FG, "
                         "of schrijf 'geen FG aangesteld' als die er niet is.", severity="note")
        return
    name = organisation.name or "the organisation"
    if ground == "public":
        yield report(organisation.name_span,
                     f"'{name}' is a public authority ('{sign.words}') and must have an FG (Art. 37(1)(a)): add 'fg' "
                     "with the FG's name and contact details (Art. 30(1)(a)).",
                     f"'{organisation.name or 'de organisatie'}' is een overheidsinstantie ('{sign.words}') en moet een "
                     "FG hebben (art. 37 lid 1 sub a): voeg 'fg' toe met naam en contactgegevens van de FG (art. 30 "
                     "lid 1 sub a).",
                     severity="error")
        return
    if ground == "likely":
        yield report(organisation.name_span,
                     "No FG is named while the register records large-scale processing of special-category data or "
                     "processing on the AP's DPIA list, where an FG is likely mandatory (Art. 37(1)(b)(c)): add "
                     "'dpo' with the DPO's contact details (Art. 30(1)(a)).",
                     "Er is geen FG genoemd terwijl het register grootschalige verwerking van bijzondere "
                     "persoonsgegevens of verwerkingen van de DPIA-lijst van de AP vastlegt, waarvoor een FG "
                     "waarschijnlijk verplicht is (art. 37 lid 1 sub b en c): voeg 'fg' toe met de contactgegevens "
                     "van de FG (art. 30 lid 1 sub a).", severity="warning")
    elif ground == "scale":
        yield report(organisation.name_span,
                     "No FG is named. The register records special-category data; an FG is mandatory only when "
                     "processing them is a core activity on a large scale (Art. 37(1)(c)). Record the scale ('scale: small' or 'scale: large-scale'), and 'dpo' with the "
                     "DPO's contact details or 'dpo: none appointed (not required)' (Art. 30(1)(a), 37).",
                     "Er is geen FG genoemd. Het register legt bijzondere persoonsgegevens vast; een FG is alleen "
                     "verplicht als de verwerking daarvan een kernactiviteit op grote schaal is (art. 37 lid 1 sub c). Leg de schaal vast ('schaal: klein' of 'schaal: "
                     "grootschalig'), en 'fg' met de contactgegevens van de FG of 'fg: geen FG aangesteld (niet "
                     "verplicht)' (art. 30 lid 1 sub a, 37).", severity="note")


@rule(id="AVG103", slug="doel-ontbreekt", severity="error", scope="activity", articles=("30(1)(b)", "5(1)(b)"),
      title=("The activity states no purpose.", "De verwerking noemt geen doel."))
def purpose_missing(activity: Activity, ctx):
    """
    ## What it checks
    That every activity says what it is for: a `doel`, or at least an `omschrijving`. A
    description that only says how the data are collected or where they are kept
    ("Deelnemers melden zich aan via onze website. Al deze gegevens worden bewaard in de
    database") and nothing about what for ("om …", "ten behoeve van", "so that") gets a
    note.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    The purposes of the processing are the first content element of the register
    (Art. 30(1)(b)), and purpose limitation (Art. 5(1)(b)) can only be judged against a
    stated purpose.

    ## Example
    ```avg
    verwerking "Klantenbestand" {
        gegevens: naam, adres
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klantenbestand" {
        doel: bestellingen leveren en factureren
        gegevens: naam, adres
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elke verwerking zegt waarvoor die is: een `doel`, of ten minste een `omschrijving`.
    Een omschrijving die alleen zegt hoe de gegevens worden verzameld of waar ze worden
    bewaard ("Deelnemers melden zich aan via onze website. Al deze gegevens worden bewaard
    in de database") en niets over waarvoor ("om …", "ten behoeve van", "zodat"), geeft een
    opmerking.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    De verwerkingsdoeleinden zijn het eerste inhoudelijke onderdeel van het register
    (art. 30 lid 1 sub b), en doelbinding (art. 5 lid 1 sub b) is alleen te beoordelen
    tegen een genoemd doel.

    ## Voorbeeld

    ## Beter
    """
    if filled(activity.get("doel"), ctx.vocab):
        return
    description = activity.get("omschrijving")
    if not filled(description, ctx.vocab):
        yield report(where(activity),
                     f"'{activity.name}' states no purpose: add 'doel' with what the processing is for "
                     "(Art. 30(1)(b)).",
                     f"'{activity.name}' noemt geen doel: voeg 'doel' toe met waarvoor de verwerking dient "
                     "(art. 30 lid 1 sub b).")
    elif ctx.vocab.terms("collection_wording").search(description.text) and \
            not ctx.vocab.terms("purpose_markers").search(description.text):
        # it says how data are collected or kept, and nothing says what for; open world: only a note
        yield report(where(activity),
                     f"'{activity.name}' has no 'doel', and its description does not say what the data are for "
                     "(only how or where they are processed): add 'doel' with the purpose (Art. 30(1)(b)).",
                     f"'{activity.name}' heeft geen 'doel', en de omschrijving zegt niet waarvoor de gegevens dienen "
                     "(alleen hoe of waar ze worden verwerkt): voeg 'doel' toe met het doel (art. 30 lid 1 sub b).",
                     severity="note")


def _missing(activity: Activity, key: str, en_what: str, nl_what: str, article_en: str, article_nl: str, vocab):
    field = activity.get(key)
    if filled(field, vocab):
        return
    if has_value(field):  # only placeholders ("TODO")
        yield report(where(activity),
                     f"'{activity.name}' does not record {en_what}: '{field.written}' holds only '{field.text}'; fill "
                     f"it in ({article_en}).",
                     f"'{activity.name}' legt {nl_what} niet vast: '{field.written}' bevat alleen '{field.text}'; vul "
                     f"het in ({article_nl}).")
        return
    yield report(where(activity),
                 f"'{activity.name}' does not record {en_what}: add '{key}' ({article_en}).",
                 f"'{activity.name}' legt {nl_what} niet vast: voeg '{key}' toe ({article_nl}).")


@rule(id="AVG104", slug="betrokkenen-ontbreken", severity="error", scope="activity", articles=("30(1)(c)",),
      title=("The activity does not record the categories of data subjects.",
             "De verwerking legt de categorieën betrokkenen niet vast."))
def subjects_missing(activity: Activity, ctx):
    """
    ## What it checks
    That every activity of a controller records whose data it processes, in
    `betrokkenen` (customers, employees, applicants, visitors …). A processor's record
    (Art. 30(2)) does not need it, and an activity whose name is the category ("Website
    visitors", "Sollicitanten") says it; a name of a task ("Ledenadministratie") does not.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 30(1)(c) requires "a description of the categories of data subjects". Without
    it, nobody can answer an access request or judge whether vulnerable groups are
    involved.

    ## Example
    ```avg
    verwerking "Nieuwsbrief" {
        gegevens: naam, e-mailadres
    }
    ```

    ## Use instead
    ```avg
    verwerking "Nieuwsbrief" {
        betrokkenen: abonnees
        gegevens: naam, e-mailadres
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elke verwerking van een verwerkingsverantwoordelijke vastlegt van wie de gegevens
    zijn, in `betrokkenen` (klanten, medewerkers, sollicitanten, bezoekers …). Het
    register van een verwerker (art. 30 lid 2) hoeft dit niet, en een verwerking waarvan de
    naam de categorie is ("Website visitors", "Sollicitanten") zegt het; de naam van een
    taak ("Ledenadministratie") niet.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 30 lid 1 sub c vraagt "een beschrijving van de categorieën van betrokkenen".
    Zonder die beschrijving kan niemand een inzageverzoek beantwoorden of beoordelen of er
    kwetsbare groepen bij betrokken zijn.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    if activity.role != "controller" or filled(activity.get("betrokkenen"), vocab) or vocab.terms(
            "data_subject_names").covers(activity.name or "", vocab.data("misc")["filler_words"]):
        return  # recorded, or the name is the category ("Website visitors"); the name is read only when needed
    yield from _missing(activity, "betrokkenen", "the categories of data subjects", "de categorieën betrokkenen",
                        "Art. 30(1)(c)", "art. 30 lid 1 sub c", vocab)


@rule(id="AVG105", slug="gegevens-ontbreken", severity="error", scope="activity", articles=("30(1)(c)",),
      title=("The activity does not record the categories of personal data.",
             "De verwerking legt de categorieën persoonsgegevens niet vast."))
def data_missing(activity: Activity, ctx):
    """
    ## What it checks
    That every activity of a controller records which personal data it processes, in
    `gegevens` (name, address, e-mail address, …).

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 30(1)(c) requires "a description of … the categories of personal data". It is
    also the basis for data minimisation (Art. 5(1)(c)) and for finding special
    categories.

    ## Example
    ```avg
    verwerking "Klachtenregistratie" {
        doel: klachten afhandelen
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klachtenregistratie" {
        doel: klachten afhandelen
        gegevens: naam, e-mailadres, inhoud van de klacht
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elke verwerking van een verwerkingsverantwoordelijke vastlegt welke
    persoonsgegevens zij verwerkt, in `gegevens` (naam, adres, e-mailadres, …).

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 30 lid 1 sub c vraagt "een beschrijving van … de categorieën van
    persoonsgegevens". Dat is ook de basis voor dataminimalisatie (art. 5 lid 1 sub c) en
    voor het vinden van bijzondere persoonsgegevens.

    ## Voorbeeld

    ## Beter
    """
    if activity.role == "controller":
        yield from _missing(activity, "gegevens", "the categories of personal data",
                            "de categorieën persoonsgegevens", "Art. 30(1)(c)", "art. 30 lid 1 sub c", ctx.vocab)


@reading(reader=None)
def _via_name(vocab) -> re.Pattern:
    """The name that data go through: "via Groene Motor" (``disclosure_via`` in misc.yaml)."""
    via = vocab.data("misc")["disclosure_via"]
    words, articles = "|".join(map(re.escape, via["words"])), "|".join(map(re.escape, via["articles"]))
    return re.compile(rf"\b(?:{words})\s+(?:(?:{articles}) )?([A-Z][\w-]*)")


def _discloses(activity: Activity, vocab) -> bool:
    """The activity's own text says to whom data go, or that they go to nobody: "doorgegeven aan de verzekeraar",
    "shared with the insurer", "wordt niet gedeeld met derden", "Verzekering van de deelnemers (via Groene Motor)"
    (a name with a capital, not a channel such as "via E-mail")."""
    channels = {word.casefold() for word in vocab.data("misc")["disclosure_channels"]}
    for _key, _field, text in texts(activity, ("doel", "omschrijving", "gegevens", "betrokkenen")):
        if vocab.terms("disclosures").search(text):
            return True
        if any(match.group(1).casefold() not in channels for match in _via_name(vocab).finditer(text)):
            return True
    return False


@rule(id="AVG106", slug="ontvangers-ontbreken", severity="warning", scope="activity", articles=("30(1)(d)",),
      title=("The activity names no recipients or processors.", "De verwerking noemt geen ontvangers of verwerkers."))
def recipients_missing(activity: Activity, ctx):
    """
    ## What it checks
    That every activity of a controller says to whom the data are disclosed:
    `ontvangers`, or `verwerkers`. When there are none, say so: `ontvangers: geen`. A
    disclosure written in the activity's own text answers the question too: "doorgegeven
    aan de verzekeraar", "shared with the insurer", "Verzekering van de deelnemers (via
    Groene Motor)", or "wordt niet gedeeld met derden"; a channel ("via e-mail") is no
    recipient.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 30(1)(d) requires "the categories of recipients to whom the personal data have
    been or will be disclosed". An absent field cannot be told apart from a forgotten one.

    ## Example
    ```avg
    verwerking "Personeelsdossier" {
        doel: personeelsbeheer
    }
    ```

    ## Use instead
    ```avg
    verwerking "Personeelsdossier" {
        doel: personeelsbeheer
        ontvangers: Belastingdienst, pensioenfonds
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elke verwerking van een verwerkingsverantwoordelijke zegt aan wie de gegevens
    worden verstrekt: `ontvangers`, of `verwerkers`. Als er geen zijn, schrijf dat op:
    `ontvangers: geen`. Een verstrekking in de eigen tekst van de verwerking beantwoordt de
    vraag ook: "doorgegeven aan de verzekeraar", "shared with the insurer", "Verzekering van
    de deelnemers (via Groene Motor)", of "wordt niet gedeeld met derden"; een kanaal ("via
    e-mail") is geen ontvanger.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 30 lid 1 sub d vraagt "de categorieën van ontvangers aan wie de persoonsgegevens
    zijn of zullen worden verstrekt". Een ontbrekend veld is niet te onderscheiden van een
    vergeten veld.

    ## Voorbeeld

    ## Beter
    """
    if activity.role == "controller" and not filled(activity.get("ontvangers"), ctx.vocab) \
            and not filled(activity.get("verwerkers"), ctx.vocab) and not _discloses(activity, ctx.vocab):
        yield report(where(activity),
                     f"'{activity.name}' names no recipients: add 'ontvangers' (or 'verwerkers'), or write "
                     "'ontvangers: geen' (Art. 30(1)(d)).",
                     f"'{activity.name}' noemt geen ontvangers: voeg 'ontvangers' (of 'verwerkers') toe, of schrijf "
                     "'ontvangers: geen' (art. 30 lid 1 sub d).")


@rule(id="AVG107", slug="doorgifte-niet-vermeld", severity="warning", scope="activity",
      articles=("30(1)(e)", "30(2)(c)"),
      title=("The activity does not say whether data go outside the EEA.",
             "De verwerking zegt niet of gegevens buiten de EER gaan."))
def transfers_not_stated(activity: Activity, ctx):
    """
    ## What it checks
    That every activity states its transfers to countries outside the EEA: `doorgifte:
    geen`, or the country and the safeguard. Write it once on the `organisatie` or a
    `groep` when it holds for every activity inside.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 30(1)(e) and 30(2)(c) require transfers to third countries to be recorded, with
    the country and, for Art. 49 transfers, the safeguards. Cloud services often transfer
    without anyone noticing; stating `geen` is a checked fact, silence is not.

    ## Example
    ```avg
    verwerking "Klantenservice" {
        doel: vragen beantwoorden
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klantenservice" {
        doel: vragen beantwoorden
        doorgifte: geen
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elke verwerking haar doorgiften naar landen buiten de EER vermeldt: `doorgifte:
    geen`, of het land en de waarborg. Schrijf het één keer op de `organisatie` of een
    `groep` als het voor elke verwerking daarbinnen geldt.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 30 lid 1 sub e en lid 2 sub c vragen doorgiften naar derde landen vast te leggen,
    met het land en, bij doorgiften op grond van art. 49, de waarborgen. Clouddiensten
    geven vaak door zonder dat iemand het merkt; `geen` opschrijven is een gecontroleerd
    feit, zwijgen niet.

    ## Voorbeeld

    ## Beter
    """
    if not filled(activity.get("doorgifte"), ctx.vocab):
        yield report(where(activity),
                     f"'{activity.name}' does not say whether data are transferred outside the EEA: add 'doorgifte: "
                     "geen', or the country and safeguard (Art. 30(1)(e)).",
                     f"'{activity.name}' zegt niet of gegevens buiten de EER worden doorgegeven: voeg 'doorgifte: "
                     "geen' toe, of het land en de waarborg (art. 30 lid 1 sub e).")


@rule(id="AVG108", slug="bewaartermijn-ontbreekt", severity="warning", scope="activity",
      articles=("30(1)(f)", "5(1)(e)"),
      title=("The activity records no retention period.", "De verwerking legt geen bewaartermijn vast."))
def retention_missing(activity: Activity, ctx):
    """
    ## What it checks
    That every activity of a controller records how long the data are kept, in
    `bewaartermijn` (or a default on its `groep` or the `organisatie`), or in its own
    `omschrijving` or `doel` ("De incassobestanden bewaren wij 7 jaar …"). For an activity
    carried out as a processor it is a note: the processor's record must show what happens
    to the data at the end of the service (deletion or return, Art. 28(3)(g)).

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 30(1)(f) asks for "the envisaged time limits for erasure of the different
    categories of data" where possible, and storage limitation (Art. 5(1)(e)) cannot be
    shown without them.

    ## Example
    ```avg
    verwerking "Sollicitaties" {
        doel: werving en selectie
    }
    ```

    ## Use instead
    ```avg
    verwerking "Sollicitaties" {
        doel: werving en selectie
        bewaartermijn: 4 weken na afloop van de sollicitatieprocedure
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elke verwerking van een verwerkingsverantwoordelijke vastlegt hoe lang de
    gegevens bewaard worden, in `bewaartermijn` (of als standaard op haar `groep` of de
    `organisatie`), of in de eigen `omschrijving` of het eigen `doel` ("De
    incassobestanden bewaren wij 7 jaar …"). Voor een verwerking als verwerker is het een opmerking: het register
    van de verwerker moet laten zien wat er aan het eind van de dienst met de gegevens
    gebeurt (wissen of teruggeven, art. 28 lid 3 sub g).

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 30 lid 1 sub f vraagt, waar mogelijk, "de beoogde termijnen waarbinnen de
    verschillende categorieën van gegevens moeten worden gewist", en opslagbeperking
    (art. 5 lid 1 sub e) is zonder termijnen niet aan te tonen.

    ## Voorbeeld

    ## Beter
    """
    if filled(activity.get("bewaartermijn"), ctx.vocab):
        return
    if any(ctx.vocab.durations(field.text[start:end]) or ctx.vocab.terms("retention_end_events").search(
            field.text[start:end]) or ctx.vocab.terms("unlimited_retention").search(field.text[start:end])
           for field, start, end in own_retention_text(activity, ctx.vocab)):
        return   # the activity's own description says how long (AVG701-704 judge it)
    if activity.role == "controller":
        yield report(where(activity),
                     f"'{activity.name}' records no retention period: add 'bewaartermijn' with a period and the "
                     "moment it starts, e.g. '2 years after the request is handled' (Art. 30(1)(f), 5(1)(e)).",
                     f"'{activity.name}' legt geen bewaartermijn vast: voeg 'bewaartermijn' toe met een termijn en "
                     "het moment waarop die ingaat, bijvoorbeeld '2 jaar na afhandeling' (art. 30 lid 1 sub f, "
                     "5 lid 1 sub e).")
    else:
        yield report(where(activity),
                     f"'{activity.name}' is carried out as a processor: record what happens to the data when the "
                     "service ends (deletion or return) and the controller's retention instruction (Art. 28(3)(g)).",
                     f"'{activity.name}' wordt als verwerker uitgevoerd: leg vast wat er met de gegevens gebeurt als "
                     "de dienst eindigt (wissen of teruggeven) en de bewaarinstructie van de "
                     "verwerkingsverantwoordelijke (art. 28 lid 3 sub g).", severity="note")


@rule(id="AVG109", slug="beveiliging-ontbreekt-of-vaag", severity="note", scope="register",
      articles=("30(1)(g)", "30(2)(d)", "32(1)"),
      title=("Security measures are not described, or only in general words.",
             "Beveiligingsmaatregelen ontbreken of staan er alleen in algemene woorden."))
def security(register, ctx):
    """
    ## What it checks
    That the register describes its technical and organisational security measures in
    `beveiliging`, on the activities or once on the `organisatie` as a default, and that
    the description names measures (encryption, multi-factor authentication, access
    control, logging, back-ups, ISO 27001 …) rather than only saying they are "passende
    maatregelen" or "conform de AVG".

    ## Kind
    A *not recognisable* rule (see [the open world](../rule-writing.md#the-open-world)): it fires
    on positive evidence of vagueness; wording it merely does not recognise is at most a note,
    never treated as wrong.

    ## Why
    Art. 30(1)(g) and 30(2)(d) ask for "a general description of the technical and
    organisational security measures referred to in Article 32(1)" where possible. "We
    take appropriate measures" repeats the law; it does not describe anything.

    ## Example
    ```avg
    organisatie "Voorbeeld B.V." {
        beveiliging: passende technische en organisatorische maatregelen
    }
    ```

    ## Use instead
    ```avg
    organisatie "Voorbeeld B.V." {
        beveiliging: versleuteling van opslag en verkeer, MFA, autorisatie op rol, logging
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat het register zijn technische en organisatorische beveiligingsmaatregelen beschrijft
    in `beveiliging`, bij de verwerkingen of één keer als standaard op de `organisatie`, en
    dat die beschrijving maatregelen noemt (versleuteling, tweefactorauthenticatie,
    toegangsbeheer, logging, back-ups, ISO 27001 …) in plaats van alleen "passende
    maatregelen" of "conform de AVG".

    ## Soort
    Een regel over *wat niet herkenbaar is* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij meldt op grond van positieve aanwijzingen voor vaagheid; tekst die hij alleen niet
    herkent, geeft hooguit een opmerking en geldt nooit als fout.

    ## Waarom
    Art. 30 lid 1 sub g en lid 2 sub d vragen, waar mogelijk, "een algemene beschrijving
    van de technische en organisatorische beveiligingsmaatregelen als bedoeld in artikel 32,
    lid 1". "Wij nemen passende maatregelen" herhaalt de wet; het beschrijft niets.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    vague, concrete = vocab.terms("vague_security"), vocab.terms("security_measures")
    seen = set()
    for top in register.blocks:
        for block in top.walk():
            field = block.fields.get("beveiliging")
            if field is None or not field.items or id(field) in seen:
                continue
            seen.add(id(field))
            match = vague.search(field.text)
            if match and not concrete.search(field.text):
                yield report(field_span(field, match.start, match.end),
                             f"'{match.text}' does not describe a measure: name the measures taken, such as "
                             "encryption, MFA, access control or logging (Art. 30(1)(g), 32(1)).",
                             f"'{match.text}' beschrijft geen maatregel: noem de genomen maatregelen, zoals "
                             "versleuteling, MFA, toegangsbeheer of logging (art. 30 lid 1 sub g, 32 lid 1).",
                             activity=block if isinstance(block, Activity) else None, field="beveiliging")
    missing = [a for a in register.activities if not filled(a.get("beveiliging"), ctx.vocab)]
    if not missing:
        return
    if len(missing) == len(register.activities) and register.organisation is not None:
        organisation = register.organisation
        yield report(organisation.name_span,
                     "The register describes no security measures: add 'beveiliging' to the organisation (a default "
                     "for every activity) or to the activities (Art. 30(1)(g), 32(1)).",
                     "Het register beschrijft geen beveiligingsmaatregelen: voeg 'beveiliging' toe aan de organisatie "
                     "(geldt dan voor elke verwerking) of aan de verwerkingen (art. 30 lid 1 sub g, 32 lid 1).")
        return
    for activity in missing:
        yield report(where(activity),
                     f"'{activity.name}' describes no security measures: add 'beveiliging' (Art. 30(1)(g), 32(1)).",
                     f"'{activity.name}' beschrijft geen beveiligingsmaatregelen: voeg 'beveiliging' toe "
                     "(art. 30 lid 1 sub g, 32 lid 1).", activity=activity)


@rule(id="AVG110", slug="verwerker-zonder-verantwoordelijke", severity="error", scope="activity",
      articles=("30(2)(a)", "30(2)(b)", "28(3)"),
      title=("A processing done as a processor does not name the controller it is done for.",
             "Een verwerking als verwerker noemt niet voor welke verwerkingsverantwoordelijke die gebeurt."))
def processor_without_controller(activity: Activity, ctx):
    """
    ## What it checks
    For an activity carried out as a processor (`rol: verwerker` on the organisation or
    the activity), that `verantwoordelijke` names the controller(s) on whose behalf it is
    done, not only "de klant" or "opdrachtgever". When such an activity gives
    "Overeenkomst" as its basis, the message adds that the Art. 6 basis is the
    controller's: the processor acts on a processing agreement (Art. 28(3)).

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    A processor's record contains "the name and contact details of … each controller on
    behalf of which the processor is acting" and "the categories of processing carried out
    on behalf of each controller" (Art. 30(2)(a)(b)). When the clients are many, name
    them in an annex or by category of client with a reference to the list.

    ## Example
    ```avg
    organisatie "Hosting B.V." { rol: verwerker }
    verwerking "Beheer van klantomgevingen" {
        verantwoordelijke: de klant
    }
    ```

    ## Use instead
    ```avg
    organisatie "Hosting B.V." { rol: verwerker }
    verwerking "Beheer van klantomgevingen" {
        verantwoordelijke: "zorginstellingen met een verwerkersovereenkomst, lijst in bijlage A"
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Voor een verwerking die als verwerker wordt uitgevoerd (`rol: verwerker` op de
    organisatie of de verwerking): dat `verantwoordelijke` noemt voor welke
    verwerkingsverantwoordelijke(n) die gebeurt, niet alleen "de klant" of
    "opdrachtgever". Noemt zo'n verwerking "Overeenkomst" als grondslag, dan zegt de
    melding erbij dat de grondslag van art. 6 die van de verwerkingsverantwoordelijke is:
    de verwerker handelt op grond van een verwerkersovereenkomst (art. 28 lid 3).

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Het register van een verwerker bevat "de naam en de contactgegevens van … iedere
    verwerkingsverantwoordelijke voor rekening waarvan de verwerker handelt" en "de
    categorieën van verwerkingen die voor rekening van iedere verwerkingsverantwoordelijke
    zijn uitgevoerd" (art. 30 lid 2 sub a en b). Bij veel klanten: noem ze in een bijlage
    of per soort klant met een verwijzing naar de lijst.

    ## Voorbeeld

    ## Beter
    """
    if activity.role != "processor":
        return
    vocab = ctx.vocab
    controller = activity.get("verantwoordelijke")
    hint_en = hint_nl = ""
    basis = activity.get("grondslag")
    if has_value(basis):
        reading = vocab.lawful_bases.read(basis.text)
        if "b" in reading.letters or any(m.id == "verwerkersovereenkomst" for m in reading.misnomers):
            hint_en = (f" Its basis '{basis.text}' is the controller's to choose: as a processor you act on the "
                       "processing agreement (Art. 28(3)).")
            hint_nl = (f" De grondslag '{basis.text}' kiest de verwerkingsverantwoordelijke: als verwerker handelt u "
                       "op grond van de verwerkersovereenkomst (art. 28 lid 3).")
    if not has_value(controller):
        yield report(where(activity),
                     f"'{activity.name}' is done as a processor but names no controller: add 'verantwoordelijke' "
                     f"with the controller(s) it is done for (Art. 30(2)(a)).{hint_en}",
                     f"'{activity.name}' wordt als verwerker uitgevoerd maar noemt geen verwerkingsverantwoordelijke: "
                     f"voeg 'verantwoordelijke' toe met voor wie het gebeurt (art. 30 lid 2 sub a).{hint_nl}")
    elif vocab.terms("generic_controllers").covers(controller.text, vocab.data("misc")["filler_words"]):
        yield report(controller.value_span,
                     f"'{controller.text}' does not identify the controller: name the controller(s), or the category "
                     f"with a reference to the list of clients (Art. 30(2)(a)).{hint_en}",
                     f"'{controller.text}' identificeert de verwerkingsverantwoordelijke niet: noem de "
                     "verwerkingsverantwoordelijke(n), of de soort klant met een verwijzing naar de klantenlijst "
                     f"(art. 30 lid 2 sub a).{hint_nl}", field="verantwoordelijke")


@rule(id="AVG111", slug="grondslag-ontbreekt", severity="error", scope="activity", articles=("6(1)", "5(2)", "24"),
      title=("The activity records no lawful basis.", "De verwerking legt geen grondslag vast."))
def basis_missing(activity: Activity, ctx):
    """
    ## What it checks
    That every activity of a controller records its lawful basis (Art. 6(1)) in
    `grondslag`.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 30 does not list the basis, but the controller must be able to demonstrate
    lawfulness (accountability, Art. 5(2) and 24), and the Autoriteit Persoonsgegevens'
    own register records the basis for every activity. Every other lawful-basis check
    depends on it.

    ## Example
    ```avg
    verwerking "Ledenadministratie" {
        doel: lidmaatschap beheren
    }
    ```

    ## Use instead
    ```avg
    verwerking "Ledenadministratie" {
        doel: lidmaatschap beheren
        grondslag: Uitvoering overeenkomst
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elke verwerking van een verwerkingsverantwoordelijke haar grondslag (art. 6 lid 1)
    vastlegt in `grondslag`.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 30 noemt de grondslag niet, maar de verwerkingsverantwoordelijke moet de
    rechtmatigheid kunnen aantonen (verantwoordingsplicht, art. 5 lid 2 en 24), en het
    register van de Autoriteit Persoonsgegevens zelf noemt bij elke verwerking de
    grondslag. Alle andere controles op de grondslag hangen ervan af.

    ## Voorbeeld

    ## Beter
    """
    if activity.role == "controller" and not filled(activity.get("grondslag"), ctx.vocab):
        yield report(where(activity),
                     f"'{activity.name}' records no lawful basis: add 'grondslag' with one of the six bases of "
                     "Art. 6(1), e.g. 'Uitvoering overeenkomst' (Art. 5(2)).",
                     f"'{activity.name}' legt geen grondslag vast: voeg 'grondslag' toe met een van de zes "
                     "grondslagen van art. 6 lid 1, bijvoorbeeld 'Uitvoering overeenkomst' (art. 5 lid 2).")


_DATA_KEYS = ("gegevens", "bijzondere gegevens")
_DATA_KEYS_AND_DESCRIPTION = (*_DATA_KEYS, "omschrijving")  # a description is read when there is no 'gegevens'
_DATA_WORDS = ("gegeve", "data", "informatie", "information")  # "gegeve" also catches typos like "gegevevens"


def _answers_own_request(activity: Activity, vocab) -> bool:
    """The activity answers a data subject's own request (access, a copy, portability, erasure): its name, purpose
    or description says so, or cites the GDPR right (Art. 15-22)."""
    for _key, _field, text in texts(activity, ("naam", "doel", "omschrijving")):
        if find_affirmed(vocab, "rights_requests", text):
            return True
        if any(not c.other_law and c.article.isdigit() and 15 <= int(c.article) <= 22
               for c in vocab.citations(text)):
            return True
    return False


@rule(id="AVG112", slug="gegevenscategorie-vangnet", severity="warning", scope="activity",
      articles=("30(1)(c)", "5(1)(c)"), needs=dict.fromkeys(_DATA_KEYS_AND_DESCRIPTION, EachItem(mentions("data_catch_all"))),
      title=("A catch-all instead of a category of personal data.",
             "Een vangnetformulering in plaats van een categorie persoonsgegevens."))
def data_catch_all(activity: Activity, ctx):
    """
    ## What it checks
    That `gegevens` and `bijzondere gegevens` name categories of personal data, not
    catch-alls: "alle mogelijke persoonsgegevens", "diverse gegevens", "overige data",
    "mogelijk persoonsgegevens", a placeholder ("Default Category", "Overig"), or an open
    list ("e.d.", "etc.", or "zoals", "o.a." after a generic word for data: "gegevens zoals
    naam"). Connector words that introduce an
    example of a named category ("telefoonnummer, waaronder ook het mobiele nummer, bijv.
    voor een sms", "in voorkomende gevallen") are never reported as categories. When an
    activity has no `gegevens`, the same wording in its `omschrijving` is checked. An
    activity that answers a data subject's own request (access, a copy, portability,
    erasure: "Provide users with a copy of their data (Art. 15, 20)") processes everything
    held about the requester, so "All data associated with user account" is its scope there.

    ## Kind
    A *not recognisable* rule (see [the open world](../rule-writing.md#the-open-world)): it fires
    on positive evidence of vagueness; wording it merely does not recognise is at most a note,
    never treated as wrong.

    ## Why
    Art. 30(1)(c) asks for a description of the categories of personal data; a catch-all
    describes nothing and hides special categories. It is also a sign that data
    minimisation (Art. 5(1)(c)) has not been considered.

    ## Example
    ```avg
    verwerking "Testomgeving" {
        gegevens: alle mogelijke persoonsgegevens
    }
    ```

    ## Use instead
    ```avg
    verwerking "Testomgeving" {
        gegevens: gepseudonimiseerde klantnummers, postcode, verbruik per maand
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat `gegevens` en `bijzondere gegevens` categorieën persoonsgegevens noemen, geen
    vangnet: "alle mogelijke persoonsgegevens", "diverse gegevens", "overige data",
    "mogelijk persoonsgegevens", een plaatshouder ("Default Category", "Overig"), of een
    open opsomming ("e.d.", "etc.", of "zoals", "o.a." na een algemeen woord voor gegevens:
    "gegevens zoals naam"). Verbindingswoorden die een
    voorbeeld van een genoemde categorie inleiden ("telefoonnummer, waaronder ook het
    mobiele nummer, bijv. voor een sms", "in voorkomende gevallen") worden nooit als
    categorie gemeld. Heeft een verwerking geen `gegevens`, dan wordt dezelfde formulering in haar
    `omschrijving` gecontroleerd. Een verwerking die een verzoek van de betrokkene zelf
    afhandelt (inzage, een kopie, overdraagbaarheid, verwijdering) verwerkt alles wat over
    de verzoeker is vastgelegd; daar is "alle gegevens van het account" haar reikwijdte.

    ## Soort
    Een regel over *wat niet herkenbaar is* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij meldt op grond van positieve aanwijzingen voor vaagheid; tekst die hij alleen niet
    herkent, geeft hooguit een opmerking en geldt nooit als fout.

    ## Waarom
    Art. 30 lid 1 sub c vraagt een beschrijving van de categorieën persoonsgegevens; een
    vangnet beschrijft niets en verbergt bijzondere persoonsgegevens. Het is ook een teken
    dat dataminimalisatie (art. 5 lid 1 sub c) niet is overwogen.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    catch_all = vocab.terms("data_catch_all")
    own_request = None  # read only for a match it can excuse: most activities have no catch-all at all
    own = activity.fields  # an inherited value is checked where it is written
    for key in _DATA_KEYS if has_value(activity.get("gegevens")) else _DATA_KEYS_AND_DESCRIPTION:
        field = own.get(key)
        if field is None:
            continue
        for item in field.items:
            for match in catch_all.find(item.value):
                if match.entry.get("whole_value") and item.value.strip(" .").casefold() != match.text.casefold():
                    continue
                if match.entry.get("id") == "alle":
                    if own_request is None:
                        own_request = _answers_own_request(activity, vocab)
                    if own_request:
                        continue  # an access, export or erasure request covers everything held about the requester
                if key == "omschrijving" and match.entry.get("soort") == "open_opsomming" and not any(
                        word in item.value[max(0, match.start - 40):match.start].casefold() for word in _DATA_WORDS):
                    continue  # in a description, an open list counts only when it lists data
                if match.entry.get("na_vangnet") and not vocab.terms("generic_data_words").search(
                        item.value[:match.start]):
                    continue  # "telefoonnummer, waaronder ook het mobiele nummer": an example of a named category
                if match.entry.get("soort") == "open_opsomming":   # a connector word is never called a category
                    yield report(item.span_of(match.start, match.end),
                                 f"'{match.text}' leaves the list of personal data open: name every category "
                                 "(name, address, …), not examples (Art. 30(1)(c), 5(1)(c)).",
                                 f"'{match.text}' laat de opsomming van persoonsgegevens open: noem elke categorie "
                                 "(naam, adres, …), geen voorbeelden (art. 30 lid 1 sub c, 5 lid 1 sub c).", field=key)
                    break
                yield report(item.span_of(match.start, match.end),
                             f"'{match.text}' is not a category of personal data: list the categories instead "
                             "(name, address, …) (Art. 30(1)(c), 5(1)(c)).",
                             f"'{match.text}' is geen categorie persoonsgegevens: noem de categorieën (naam, adres, "
                             "…) (art. 30 lid 1 sub c, 5 lid 1 sub c).", field=key)
                break


@rule(id="AVG113", slug="doel-vaag", severity="warning", scope="activity", articles=("5(1)(b)", "30(1)(b)"),
      needs=dict.fromkeys(("doel", "omschrijving"), EachItem(mentions("vague_purposes"))),
      title=("The purpose is open-ended or names a business area, not a purpose.",
             "Het doel is open of noemt een bedrijfsonderdeel in plaats van een doel."))
def vague_purpose(activity: Activity, ctx):
    """
    ## What it checks
    That `doel` (or the `omschrijving` when there is no `doel`) states a specified
    purpose, not a business area or an open end: "commerciële doeleinden",
    "bedrijfsvoering", "diverse doeleinden", "meer inzichten krijgen",
    "data-analyses", "onder andere", or a retention setting in place of a purpose ("13
    Month Retention", "2 jaar bewaren"). "Verbeteren van de dienstverlening" gets a note. The
    purpose is judged as a whole: a product's name ("analyseren met Google Analytics") or a
    label in brackets ("klanten informeren over aanbiedingen (marketing)") inside a specific
    purpose does not make it vague, nor does an example ("bijvoorbeeld nieuwsbrieven")
    beside a sentence that states the purpose plainly ("om met leden contact op te nemen").

    In a privacy statement the rule reads the purposes themselves: the items of a list the
    statement introduces as purposes ("for the following purposes:") and the paragraphs and
    items of a section about purposes ("Other purposes, if agreed with the patient
    beforehand").

    ## Kind
    A *not recognisable* rule (see [the open world](../rule-writing.md#the-open-world)): it fires
    on positive evidence of vagueness; wording it merely does not recognise is at most a note,
    never treated as wrong.

    ## Why
    Purposes must be "specified, explicit and legitimate" (Art. 5(1)(b)); the Article 29
    Working Party (WP203) names "improving users' experience", "marketing purposes" and
    "future research" as too vague. A vague purpose makes every further use "compatible".

    ## Example
    ```avg
    verwerking "Klantgegevens" {
        doel: commerciële doeleinden
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klantgegevens" {
        doel: klanten per e-mail informeren over nieuwe energiecontracten
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat `doel` (of de `omschrijving` als er geen `doel` is) een welbepaald doel noemt, geen
    bedrijfsonderdeel of open einde: "commerciële doeleinden", "bedrijfsvoering",
    "diverse doeleinden", "meer inzichten krijgen", "data-analyses", "onder andere", of een
    bewaarinstelling op de plaats van het doel ("13 Month Retention", "2 jaar bewaren").
    "Verbeteren van de dienstverlening" geeft een opmerking. Het doel wordt als geheel
    beoordeeld: een productnaam ("analyseren met Google Analytics") of een label tussen
    haakjes ("klanten informeren over aanbiedingen (marketing)") in een welbepaald doel
    maakt het niet vaag, en een voorbeeld ("bijvoorbeeld nieuwsbrieven") naast een zin die
    het doel gewoon noemt ("om met leden contact op te nemen") ook niet.

    In een privacyverklaring leest de regel de doelen zelf: de punten van een lijst die de
    verklaring als doelen inleidt ("voor de volgende doelen:") en de alinea's en punten van
    een paragraaf over doelen ("Andere doeleinden, mits vooraf met de patiënt
    overeengekomen").

    ## Soort
    Een regel over *wat niet herkenbaar is* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij meldt op grond van positieve aanwijzingen voor vaagheid; tekst die hij alleen niet
    herkent, geeft hooguit een opmerking en geldt nooit als fout.

    ## Waarom
    Doeleinden moeten "welbepaald, uitdrukkelijk omschreven en gerechtvaardigd" zijn
    (art. 5 lid 1 sub b); de Artikel 29-werkgroep (WP203) noemt "verbeteren van de
    gebruikerservaring", "marketingdoeleinden" en "toekomstig onderzoek" te vaag. Met een
    vaag doel is elk later gebruik "verenigbaar".

    ## Voorbeeld

    ## Beter
    """
    field = activity.get("doel")
    if not has_value(field):
        field = activity.get("omschrijving")
    if field is None or field.block is not activity:
        return
    vague = ctx.vocab.terms("vague_purposes")
    matches = [(item, match) for item in field.items for match in vague.find(item.value)
               if not _label_or_name(item.value, match)]
    # an open end ("bijvoorbeeld nieuwsbrieven") illustrates, and a project or research named as such ("for research
    # purposes") is a heading, when the field also states the purpose plainly ("the goal of our research is to …")
    if not matches or (all(match.entry.get("id") in _SPELLED_OUT for _, match in matches)
                       and _stated_plainly(field, ctx.vocab)):
        return
    # one finding per field: the most serious wording, the first of those
    item, match = max(matches, key=lambda pair: _level(*pair, ctx.vocab) == "warning")
    yield report(item.span_of(match.start, match.end),
                 f"'{match.text}' does not specify a purpose: say what is done with the data and for what "
                 "result (Art. 5(1)(b), 30(1)(b)).",
                 f"'{match.text}' is geen welbepaald doel: zeg wat er met de gegevens gebeurt en met welk "
                 "resultaat (art. 5 lid 1 sub b, 30 lid 1 sub b).",
                 severity=_level(item, match, ctx.vocab), field=field.key)


_SPELLED_OUT = frozenset({"open_eind", "project"})  # vague wording the field's own plain purpose can spell out


@statement_check(vague_purpose)
def vague_purpose_in_statement(statement, ctx):
    """A purpose of the statement's list or section of purposes that is open-ended or a business area."""
    reading = statement_reading(statement, ctx.vocab)
    vague = ctx.vocab.terms("vague_purposes")
    listed = reading.introduced_by("doelen_intro")
    for block in reading.units():
        if block.index not in listed and "doeleinden" not in reading.own_topics.get(block.section.index, ()):
            continue
        for sentence in block.sentences:
            match = next((m for m in vague.find(sentence.text) if m.entry.get("level", "warning") == "warning"
                          and not _label_or_name(sentence.text, m)
                          and not reading.negated(sentence, m.start, m.end)), None)
            if match is not None:
                yield report(sentence.span_of(match.start, match.end),
                             f"'{match.text}' does not specify a purpose: say what is done with the data and for what "
                             "result (Art. 5(1)(b), 13(1)(c)).",
                             f"'{match.text}' is geen welbepaald doel: zeg wat er met de gegevens gebeurt en met welk "
                             "resultaat (art. 5 lid 1 sub b, 13 lid 1 sub c).")
                break


def _stated_plainly(field, vocab) -> bool:
    """A sentence of the field says what the data are for ("om met leden contact op te nemen", "noodzakelijk
    voor de ledenadministratie") with no vague or open-ended wording in it."""
    vague = vocab.terms("vague_purposes")
    return any(not vague.search(item.value[start:end])
               for item in field.items for start, end in sentences_with(vocab, "purpose_markers", item.value))


_WORD = re.compile(r"[^\W\d_][\w-]*")
_LABEL = re.compile(r"\s*[:\u2013\u2014]|\s+-\s")  # "Marketing: …", "Marketing – …"


def _label_or_name(text: str, match) -> bool:
    """The vague word is not the purpose itself but a label beside it, in brackets ("klanten informeren over
    aanbiedingen (marketing)") or as a heading ("Marketing: klanten informeren over aanbiedingen"), or part of
    a product's name ("analyseren met Google Analytics")."""
    before, after = text[:match.start], text[match.end:]
    if before.count("(") > before.count(")") and _WORD.search(text[:before.rfind("(")]):
        return True
    if not before.strip() and _LABEL.match(after) and len(_WORD.findall(after)) >= 3:
        return True
    if not match.text[:1].isupper():
        return False
    neighbours = _WORD.findall(before)[-1:] + _WORD.findall(after)[:1]
    return any(word[:1].isupper() for word in neighbours)


@reading(reader=None)
def _purpose_clause(vocab) -> re.Pattern:
    """The words that open what a purpose is for (``purpose_clause_openers`` in purposes.yaml)."""
    openers = "|".join(map(re.escape, vocab.data("purposes")["purpose_clause_openers"]))
    return re.compile(rf"\s*(?:{openers})\b", re.IGNORECASE)


def _level(item, match, vocab) -> str:
    """'Analyses' that go on to say what they are for are a note, not an open end."""
    level = match.entry.get("level", "warning")
    if level == "warning" and "analys" in match.text.casefold() and _purpose_clause(vocab).match(item.value, match.end):
        return "note"
    return level


@rule(id="AVG114", slug="verwerker-zonder-overeenkomst", severity="warning", scope="register",
      needs={"verwerkers": None},
      articles=("28(2)", "28(3)", "28(4)"),
      title=("A processor without a recorded processing agreement.",
             "Een verwerker zonder vastgelegde verwerkersovereenkomst."))
def processor_without_agreement(register, ctx):
    """
    ## What it checks
    That every processor an activity names in `verwerkers` that has a `verwerker` block
    records its processing agreement in `overeenkomst` (a date or reference). Processors
    named only as a category ("Aanbieders van cloudoplossingen") get a note: prior
    authorisation of (sub-)processors and the flow-down of obligations cannot be checked.
    Every `verwerker` block is read too: one without `overeenkomst` that no activity names
    is reported at the block; an `overeenkomst` that denies an agreement ("no individual
    DPA required", "geen verwerkersovereenkomst nodig", "n.v.t.") or says it is not
    concluded yet ("Must be signed — see resend.com/legal/dpa", "nog te tekenen") is a
    warning, and one not recognised as a processing agreement ("Apple's developer
    agreement", terms of use) a note.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Processing by a processor is governed by a contract with the content of Art. 28(3);
    a processor engages sub-processors only with the controller's authorisation (28(2))
    and under the same obligations (28(4)).

    ## Example
    ```avg
    verwerker "Salarisbureau" { land: Nederland }
    verwerking "Salarisadministratie" {
        verwerkers: Salarisbureau
    }
    ```

    ## Use instead
    ```avg
    verwerker "Salarisbureau" {
        land: Nederland
        overeenkomst: verwerkersovereenkomst 2024-03-01
    }
    verwerking "Salarisadministratie" {
        verwerkers: Salarisbureau
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elke verwerker die een verwerking in `verwerkers` noemt en die een blok
    `verwerker` heeft, de verwerkersovereenkomst vastlegt in `overeenkomst` (datum of
    kenmerk). Verwerkers die alleen als soort genoemd worden ("Aanbieders van
    cloudoplossingen") geven een opmerking: voorafgaande toestemming voor
    (sub)verwerkers en het doorleggen van verplichtingen zijn niet te controleren.
    Ook elk blok `verwerker` wordt gelezen: een blok zonder `overeenkomst` dat geen
    verwerking noemt, wordt bij het blok gemeld; een `overeenkomst` die een overeenkomst
    ontkent ("no individual DPA required", "geen verwerkersovereenkomst nodig", "n.v.t.")
    of zegt dat ze nog niet gesloten is ("Must be signed — see resend.com/legal/dpa", "nog
    te tekenen") geeft een waarschuwing, en een die niet als verwerkersovereenkomst herkend wordt
    ("Apple's developer agreement", gebruiksvoorwaarden) een opmerking.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Verwerking door een verwerker wordt geregeld in een overeenkomst met de inhoud van
    art. 28 lid 3; een verwerker schakelt subverwerkers alleen in met toestemming van de
    verwerkingsverantwoordelijke (lid 2) en onder dezelfde verplichtingen (lid 4).

    ## Voorbeeld

    ## Beter
    """
    named: set[int] = set()  # the processors activities name (each looked up once, as they are reported)
    yield from each_once(register, ctx, lambda activity, ctx: _named_processors(activity, ctx, named))
    vocab = ctx.vocab
    for processor in register.processors:
        agreement = processor.own("overeenkomst")
        if not has_value(agreement):
            if id(processor) not in named:   # a processor an activity names is reported there
                yield report(processor.name_span,
                             f"The processor '{processor.name}' has no processing agreement recorded: add "
                             "'overeenkomst' (date or reference) (Art. 28(3)).",
                             f"Bij de verwerker '{processor.name}' is geen verwerkersovereenkomst vastgelegd: voeg "
                             "'overeenkomst' (datum of kenmerk) toe (art. 28 lid 3).", field="overeenkomst")
            continue
        # not concluded yet ("Must be signed — see resend.com/legal/dpa"), unless a part of its own records one
        # ("publieke DPA; zero-data-retention-addendum aangevraagd")
        pending_words = vocab.terms("processor_agreement_pending")
        pending = pending_words.search(agreement.text)
        if pending is not None and not any(vocab.terms("processor_agreement").search(part) and not
                                           pending_words.search(part) for part in agreement.text.split(";")):
            yield report(field_span(agreement, pending.start, pending.end),
                         f"'{pending.text}': the processing agreement with '{processor.name}' is not concluded yet; "
                         "Art. 28(3) requires it before the processor processes personal data for you: conclude it "
                         "and record its date or reference.",
                         f"'{pending.text}': de verwerkersovereenkomst met '{processor.name}' is nog niet gesloten; "
                         "art. 28 lid 3 eist haar voordat de verwerker persoonsgegevens voor u verwerkt: sluit haar "
                         "en leg de datum of het kenmerk vast.", field="overeenkomst")
            continue
        terms = vocab.terms("processor_agreement").find(agreement.text)
        reader = clauses.reader(vocab)
        if any(not reader.negated(agreement.text, m.start, m.end) for m in terms):
            continue
        if terms or vocab.is_none(agreement.text):
            yield report(agreement.value_span,
                         f"'{agreement.text}': the processor '{processor.name}' works without a processing agreement, "
                         "which Art. 28(3) requires whenever it processes personal data for you (also an IP address "
                         "or a location sent to an API): conclude one, or record why it is not a processor.",
                         f"'{agreement.text}': de verwerker '{processor.name}' werkt zonder verwerkersovereenkomst, "
                         "die art. 28 lid 3 eist zodra hij persoonsgegevens voor u verwerkt (ook een IP-adres of een "
                         "locatie die naar een API gaat): sluit er een, of leg vast waarom hij geen verwerker is.",
                         field="overeenkomst")
        else:  # open world: an agreement in words not recognised may still be one
            yield report(agreement.value_span,
                         f"'{agreement.text}' is not recognised as a processing agreement in the sense of Art. 28(3) "
                         "(terms of use or a developer agreement are not one): if it is one, nothing needs to change; "
                         "otherwise conclude one, e.g. 'agreement: data processing agreement 2025-03-01'.",
                         f"'{agreement.text}' is niet herkend als verwerkersovereenkomst in de zin van art. 28 lid 3 "
                         "(gebruiksvoorwaarden of een ontwikkelaarsovereenkomst zijn dat niet): is het er een, dan "
                         "hoeft er niets te veranderen; sluit er anders een, bijvoorbeeld 'overeenkomst: "
                         "verwerkersovereenkomst 2025-03-01'.", severity="note", field="overeenkomst")


def _named_processors(activity: Activity, ctx, named: set[int]):
    """The processors an activity names in its own `verwerkers`: each needs an agreement (or is only a kind).
    Adds the id of each item's processor (of None, for an item that names none) to ``named``."""
    field = activity.get("verwerkers")
    if field is None or field.block is not activity:
        return
    register, vocab = activity.register, ctx.vocab
    categories = vocab.terms("processor_categories")
    for item in field.items:
        processor = register.processor(item.value) if register else None
        named.add(id(processor))
        if vocab.is_none(item.value):
            continue
        if processor is not None:
            if not has_value(processor.own("overeenkomst")):
                yield report(item.span,
                             f"The processor '{processor.name}' has no processing agreement recorded: add "
                             "'overeenkomst' (date or reference) to its 'verwerker' block (Art. 28(3)).",
                             f"Bij de verwerker '{processor.name}' is geen verwerkersovereenkomst vastgelegd: voeg "
                             "'overeenkomst' (datum of kenmerk) toe aan zijn blok 'verwerker' (art. 28 lid 3).",
                             field="verwerkers")
        elif categories.search(item.value):
            yield report(item.span,
                         f"'{item.value}' names a kind of processor, not a processor: name the (sub-)processors so that "
                         "their authorisation and agreements can be checked (Art. 28(2), 28(4)).",
                         f"'{item.value}' noemt een soort verwerker, geen verwerker: noem de (sub)verwerkers, zodat "
                         "toestemming en overeenkomsten te controleren zijn (art. 28 lid 2 en 4).",
                         severity="note", field="verwerkers")
