#!/usr/bin/env python3
"""Deterministic generator of realistic processing registers in the ``.avg`` language.

    python benchmarks/generate.py --activities N [--files K] [--seed S]
                                  [--defects FRACTION] [--distinct SHARE] --out DIR

writes one file (or K files, the activities spread over them as evenly as
possible; the ``organisatie`` block only in the first file, the ``verwerker``
blocks in the last) and prints what it wrote.  ``generate()`` returns the same
files as ``(file name, text)`` pairs without touching the disk.

The output is written from a reading of the language description
(``docs/language.md``) alone (not from any parser), so that it doubles as proof
that the parser accepts the whole surface language:

* all block kinds and their English aliases, nested ``groep`` blocks (2-3
  levels) with defaults written on groups and on the ``organisatie``;
* every field of ``verwerking``, ``organisatie`` and ``verwerker``, with Dutch
  and English key aliases and case / space / ``-`` / ``_`` variants of
  multi-word keys (``bijzondere gegevens``, ``Bijzondere_Gegevens``,
  ``special data``);
* quoted and bare names and items, strings with commas, ``#``, ``\\"``,
  ``\\\\`` and ``\\n`` escapes, strings that span lines, dash lists (one or
  several items per dash line), trailing-comma continuation lines, full-line
  and trailing comments (also inside dash lists), blank lines, tab indentation,
  aligned values, non-ASCII text (é, ë, ö, –, ’), the occasional CRLF file and
  byte-order mark.

Every file is syntactically valid and structurally clean: only known block
kinds and keys, no key twice in a block (aliases counted as the same key), no
empty field, unique ``id`` values across the register, unique activity names
within a group, every ``verwerkers`` name defined by a ``verwerker`` block.
With ``--defects`` a share of the activities carries one *legal* defect that
the rules are expected to report: the misspelt basis "Gerechtigd belang",
consent without ``intrekken``, legitimate interest without ``belang``, special
data without ``uitzondering``, the vague retention "zo lang als nodig", a US
processor without a safeguard, or no ``bewaartermijn`` at all (only where no
group default supplies one; the organisation never sets a retention default).

The templates' values repeat row after row (a register of 10,000 activities
holds about 700 distinct values besides its ids); real registers are about
two-thirds distinct values.  ``--distinct SHARE`` makes that share of the
activities' field values distinct, composing purposes, data categories,
subjects, recipients, retention periods, systems and references from the
template's wording and parts (segments, towns, units, systems, reference
numbers, dates), and leaves the rest of the register as it is without it.

Same arguments, same bytes: the only sources of randomness are
``random.Random(seed)`` and, for ``--distinct``, a second stream seeded from
``seed``.  Standard library only.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

__all__ = ["generate", "DEFECT_KINDS", "main"]

# =============================================================================
# Keys: canonical name -> (Dutch spellings, English aliases)
# =============================================================================

ACTIVITY_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "id": (("id",), ()),
    "doel": (("doel", "doeleinden"), ("purpose", "purposes")),
    "omschrijving": (("omschrijving",), ("description",)),
    "betrokkenen": (("betrokkenen",), ("subjects", "data subjects")),
    "gegevens": (("gegevens", "persoonsgegevens"), ("data", "personal data")),
    "bijzondere gegevens": (("bijzondere gegevens",), ("special data", "special categories")),
    "uitzondering": (("uitzondering",), ("exception",)),
    "grondslag": (("grondslag",), ("basis", "lawful basis")),
    "belang": (("belang",), ("interest", "legitimate interest")),
    "intrekken": (("intrekken",), ("withdrawal",)),
    "ontvangers": (("ontvangers",), ("recipients",)),
    "verwerkers": (("verwerkers",), ("processors",)),
    "doorgifte": (("doorgifte",), ("transfers",)),
    "bewaartermijn": (("bewaartermijn",), ("retention",)),
    "beveiliging": (("beveiliging",), ("security",)),
    "systemen": (("systemen",), ("systems",)),
    "bron": (("bron",), ("source",)),
    "dpia": (("dpia",), ()),
    "verantwoordelijke": (("verantwoordelijke",), ("controller",)),
    "eigenaar": (("eigenaar",), ("owner",)),
    "profilering": (("profilering",), ("profiling", "automated decisions")),
    "gezamenlijk": (("gezamenlijk",), ("joint controllers",)),
    "schaal": (("schaal",), ("scale",)),
    "rol": (("rol",), ("role",)),
}
ORGANISATION_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "rol": (("rol",), ("role",)),
    "contact": (("contact",), ()),
    "fg": (("fg",), ("dpo",)),
    "vertegenwoordiger": (("vertegenwoordiger",), ("representative",)),
    "type": (("type",), ()),
    "land": (("land",), ("country",)),
    "gezamenlijk": (("gezamenlijk",), ("joint controllers",)),
    # activity fields written on the organisation are register-wide defaults
    "beveiliging": ACTIVITY_KEYS["beveiliging"],
    "doorgifte": ACTIVITY_KEYS["doorgifte"],
}
PROCESSOR_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "land": (("land",), ("country",)),
    "waarborg": (("waarborg",), ("safeguard",)),
    "overeenkomst": (("overeenkomst",), ("agreement",)),
    "diensten": (("diensten",), ("services",)),
}

DEFECT_KINDS = (
    "misspelled-basis",  # grondslag "Gerechtigd belang"
    "consent-without-withdrawal",  # basis a, no intrekken
    "interest-without-belang",  # basis f, no belang
    "special-without-exception",  # bijzondere gegevens, no uitzondering
    "vague-retention",  # bewaartermijn "zo lang als nodig"
    "us-processor-without-safeguard",  # verwerker in the US without waarborg
    "missing-retention",  # no bewaartermijn, none inherited
)

# =============================================================================
# Register content
# =============================================================================

# Lawful bases as written in practice: canonical names, variants, citations.
BASIS_FORMS = {
    "a": (
        "toestemming", "Toestemming", "Toestemming (art. 6 lid 1 sub a AVG)", "toestemming betrokkene",
        "artikel 6.1.a AVG", "consent", "6(1)(a)",
    ),
    "b": (
        "uitvoering overeenkomst", "Uitvoering van de overeenkomst", "overeenkomst (art. 6 lid 1 onder b AVG)",
        "art. 6.1.b AVG", "contract", "6(1)(b)",
    ),
    "d": ("vitaal belang", "vitale belangen (art. 6 lid 1 sub d AVG)"),
    "f": (
        "gerechtvaardigd belang", "Gerechtvaardigd belang", "Gerechtvaardigd belang (artikel 6.1.f AVG)",
        "gerechtvaardigde belangen", "art. 6 lid 1 sub f AVG", "artikel 6, eerste lid, onder f, AVG",
        "legitimate interests", "6(1)(f)",
    ),
}  # fmt: skip
LEGAL_OBLIGATION_FORMS = (
    "Wettelijke verplichting ({law})",
    "wettelijke verplichting – {law}",
    "art. 6 lid 1 sub c AVG jo. {law}",
    "legal obligation ({law})",
)
MISSPELLED_F = ("Gerechtigd belang", "Gerechtigd belang (artikel 6.1.f AVG)")
VAGUE_RETENTION = ("zo lang als nodig", "Zo lang als nodig", "zo lang als nodig voor het doel")


class Processor:
    __slots__ = ("name", "land", "waarborg", "overeenkomst", "diensten", "transfer")

    def __init__(self, name, land, diensten, overeenkomst, waarborg=None, transfer=None):
        self.name = name
        self.land = land
        self.diensten = diensten
        self.overeenkomst = overeenkomst
        self.waarborg = waarborg  # None: inside the EEA, or a defect
        self.transfer = transfer  # doorgifte items an activity using it states


DPF = "EU-VS Data Privacy Framework (certificering gecontroleerd 2025-01-15)"
SCC = "standaardcontractbepalingen (Uitvoeringsbesluit (EU) 2021/914), module 2"
PROCESSORS = {
    p.name: p
    for p in (
        Processor("AFAS Software B.V.", "Nederland", ("salarisverwerking", "HR-portaal"),
                  "verwerkersovereenkomst d.d. 2021-04-01"),
        Processor("Recruitee B.V.", "Nederland", ("wervingssoftware",), "verwerkersovereenkomst d.d. 2022-09-12"),
        Processor("Verzuimportaal Nederland B.V.", "Nederland", ("verzuimregistratie", "casemanagement"),
                  "verwerkersovereenkomst d.d. 2020-01-15"),
        Processor("Zendesk Inc.", "Verenigde Staten", ("klantenservicesoftware", "ticketbeheer"),
                  "Data Processing Agreement, versie 2024-02", DPF,
                  ("Verenigde Staten (Zendesk Inc.)", "EU-VS Data Privacy Framework")),
        Processor("Enquêtepartner B.V.", "Nederland", ("online enquêtes",), "verwerkersovereenkomst d.d. 2023-05-30"),
        Processor("Intercom R&D Unlimited Company", "Ierland", ("webchat",),
                  "Data Processing Agreement d.d. 2023-01-09", SCC,
                  ("Verenigde Staten (Intercom Inc.)", "standaardcontractbepalingen")),
        Processor("The Rocket Science Group LLC (Mailchimp)", "Verenigde Staten", ("e-mailmarketing",),
                  "Data Processing Addendum, versie 2023-10", DPF,
                  ("Verenigde Staten (Mailchimp/Intuit)", "EU-VS Data Privacy Framework")),
        Processor("Piwik PRO GmbH", "Duitsland", ("webanalyse",), "verwerkersovereenkomst d.d. 2022-03-01"),
        Processor("Exact Group B.V.", "Nederland", ("boekhouding", "facturatie"),
                  "verwerkersovereenkomst d.d. 2019-11-20"),
        Processor("Incassobureau Van Dijk & Partners B.V.", "Nederland", ("incasso",),
                  "verwerkersovereenkomst d.d. 2021-06-01"),
        Processor("Securitas Nederland B.V.", "Nederland", ("beveiliging", "camerabeheer"),
                  "verwerkersovereenkomst d.d. 2020-08-17"),
        Processor("Nedap N.V.", "Nederland", ("toegangscontrole",), "verwerkersovereenkomst d.d. 2021-02-02"),
        Processor("Ritregistratie Nederland B.V.", "Nederland", ("rittenregistratie",),
                  "verwerkersovereenkomst d.d. 2022-12-01"),
        Processor("Microsoft Ireland Operations Ltd.", "Ierland", ("Microsoft 365", "Entra ID"),
                  "Microsoft Products and Services DPA, versie 2024-01", SCC,
                  ("Verenigde Staten (Microsoft Corporation)", "EU-VS Data Privacy Framework")),
        Processor("TOPdesk Nederland B.V.", "Nederland", ("servicemanagement",),
                  "verwerkersovereenkomst d.d. 2018-05-25"),
        Processor("TransIP B.V.", "Nederland", ("hosting",), "verwerkersovereenkomst d.d. 2020-10-05"),
        Processor("Amazon Web Services EMEA SARL", "Luxemburg", ("cloudhosting",),
                  "AWS GDPR Data Processing Addendum", SCC,
                  ("Verenigde Staten (Amazon.com Inc., beheer op afstand)", "standaardcontractbepalingen")),
        Processor("Webcare Solutions Ltd.", "Verenigd Koninkrijk", ("social-mediamonitoring",),
                  "verwerkersovereenkomst d.d. 2024-03-11", "adequaatheidsbesluit Verenigd Koninkrijk",
                  ("Verenigd Koninkrijk (Webcare Solutions Ltd.)", "adequaatheidsbesluit")),
    )
}  # fmt: skip
# Processors in the United States without any safeguard: used only by defects.
DEFECT_PROCESSORS = (
    Processor("SurveyFlow Inc.", "Verenigde Staten", ("online formulieren",), "terms of service, versie 2024"),
    Processor("ChatBotly Inc.", "Verenigde Staten", ("chatbot",), "Data Processing Agreement d.d. 2024-06-01"),
)


class Template:
    """One kind of register row.  ``fields`` holds item lists per canonical key."""

    __slots__ = ("name", "basis", "law", "fields", "processors")

    def __init__(self, name, basis, law=None, processors=(), **fields):
        self.name = name
        self.basis = basis  # "a", "b", "c", "d", "f" or None (processor record)
        self.law = law  # statute for basis c
        self.processors = tuple(processors)
        self.fields = {key.replace("_", " "): value for key, value in fields.items()}


T = Template
DEPARTMENTS = (
    ("Personeelszaken", "PZ", "Manager Personeelszaken", (
        ("Werving en selectie", None, (
            T("Werving, selectie en onboarding", "f", processors=["Recruitee B.V."],
              doel=["Werven en selecteren van nieuwe medewerkers voor openstaande vacatures"],
              betrokkenen=["sollicitanten"],
              gegevens=["naam", "adres", "e-mailadres", "telefoonnummer", "cv", "motivatiebrief",
                        "opleiding, werkervaring en referenties", "gespreksverslagen"],
              belang=["zorgvuldige beoordeling van kandidaten voordat een arbeidsovereenkomst wordt aangeboden"],
              ontvangers=["selectiecommissie", "leidinggevende van de vacature"],
              bewaartermijn=["4 weken na afloop van de sollicitatieprocedure"],
              systemen=["Recruitee"]),
            T("Talentenpool", "a", processors=["Recruitee B.V."],
              doel=["Bewaren van gegevens van afgewezen sollicitanten om hen te benaderen voor toekomstige vacatures"],
              betrokkenen=["sollicitanten (na afwijzing)"],
              gegevens=["naam", "e-mailadres", "cv", "voorkeursfuncties"],
              intrekken=["via de link in elke vacaturemail", "of per e-mail aan werving@{domain}"],
              ontvangers=["recruiters"],
              bewaartermijn=["1 jaar na het geven van toestemming, of eerder na intrekking"]),
            T("Assessments", "f",
              doel=["Laten afnemen van een capaciteitentest voor leidinggevende functies"],
              betrokkenen=["sollicitanten in de laatste selectieronde"],
              gegevens=["naam", "testresultaten", "rapportage van het assessmentbureau"],
              belang=["objectieve onderbouwing van benoemingen in sleutelfuncties"],
              ontvangers=["selectiecommissie"],
              profilering=["geen geautomatiseerde besluitvorming; de uitslag is een advies aan de selectiecommissie"],
              bewaartermijn=["4 weken na afloop van de sollicitatieprocedure"]),
        )),
        ("Personeelsadministratie", "2 jaar na uitdiensttreding", (
            T("Personeelsdossier", "b", processors=["AFAS Software B.V."],
              doel=["Vastleggen van gegevens die nodig zijn voor de uitvoering van de arbeidsovereenkomst"],
              betrokkenen=["medewerkers", "stagiairs"],
              gegevens=["NAW-gegevens", "privé-e-mailadres", "geboortedatum", "functie en afdeling",
                        "arbeidsovereenkomst", "verslagen van functioneringsgesprekken"],
              ontvangers=["leidinggevenden", "afdeling Personeelszaken"],
              bewaartermijn=["2 jaar na uitdiensttreding"],
              systemen=["AFAS Profit"]),
            T("Salarisadministratie", "c", law="art. 28 Wet op de loonbelasting 1964",
              processors=["AFAS Software B.V."],
              doel=["Berekenen en uitbetalen van salarissen en afdragen van loonheffingen"],
              betrokkenen=["medewerkers"],
              gegevens=["naam", "burgerservicenummer (BSN)", "bankrekeningnummer", "salaris en toeslagen",
                        "loonbeslagen"],
              ontvangers=["Belastingdienst", "pensioenfonds", "UWV"],
              bewaartermijn=["7 jaar (art. 52 lid 4 AWR)"]),
            T("Verlofregistratie", "b",
              doel=["Registreren en afhandelen van verlofaanvragen"],
              betrokkenen=["medewerkers"],
              gegevens=["naam", "personeelsnummer", "aangevraagd en opgenomen verlof"],
              ontvangers=["leidinggevenden"]),
        )),
        ("Verzuim en re-integratie", None, (
            T("Verzuimregistratie", "c", law="Wet verbetering poortwachter",
              processors=["Verzuimportaal Nederland B.V."],
              doel=["Registreren van ziekmeldingen en begeleiden van zieke medewerkers bij hun re-integratie"],
              betrokkenen=["medewerkers"],
              gegevens=["naam", "personeelsnummer", "datum ziekmelding en hersteldmelding",
                        "verwachte verzuimduur", "afspraken over werkhervatting"],
              bijzondere_gegevens=["gegevens over gezondheid (belastbaarheid volgens de bedrijfsarts)"],
              uitzondering=["art. 9 lid 2 sub b AVG jo. art. 30 lid 1 UAVG"],
              ontvangers=["bedrijfsarts", "UWV"],
              bewaartermijn=["2 jaar na afronding van de re-integratie"],
              dpia=["ja", "DPIA-2022-03 (vastgesteld 14-06-2022)"]),
            T("Re-integratiedossier", "c", law="art. 7:658a BW",
              doel=["Opstellen en bijhouden van het plan van aanpak en de eerstejaarsevaluatie"],
              betrokkenen=["langdurig zieke medewerkers"],
              gegevens=["naam", "plan van aanpak", "eerstejaarsevaluatie", "re-integratieverslag"],
              bijzondere_gegevens=["gegevens over gezondheid (alleen functionele beperkingen)"],
              uitzondering=["art. 9 lid 2 sub b AVG", "art. 30 lid 1 onder a UAVG"],
              ontvangers=["bedrijfsarts", "re-integratiebedrijf", "UWV"],
              bewaartermijn=["2 jaar na afronding van de re-integratie"],
              dpia=["ja", "DPIA-2022-03 (vastgesteld 14-06-2022)"]),
        )),
        ("Opleiding en ontwikkeling", "2 jaar na uitdiensttreding", (
            T("Opleidingsadministratie", "b",
              doel=["Registreren van gevolgde opleidingen, certificaten en het persoonlijk opleidingsbudget"],
              betrokkenen=["medewerkers"],
              gegevens=["naam", "gevolgde opleidingen", "certificaten", "opleidingsbudget"],
              ontvangers=["opleidingsinstituten"],
              systemen=["leerplatform"]),
            T("Gesprekscyclus", "b",
              doel=["Voeren en vastleggen van planning-, voortgangs- en beoordelingsgesprekken"],
              betrokkenen=["medewerkers"],
              gegevens=["naam", "functie", "afspraken en doelen", "beoordeling"],
              ontvangers=["leidinggevenden"]),
        )),
    )),
    ("Klantcontact", "KC", "Manager Klantcontact", (
        ("Klachten en vragen", None, (
            T("Klachtenregistratie", "f", processors=["Zendesk Inc."],
              doel=["Registreren en afhandelen van klachten en vragen van klanten zodat deze kunnen worden opgelost"],
              betrokkenen=["klanten", "zakelijke relaties"],
              gegevens=["naam", "e-mailadres", "telefoonnummer", "klantnummer", "inhoud van de klacht"],
              belang=["klachten kunnen oplossen en de dienstverlening verbeteren"],
              ontvangers=["behandelende afdeling"],
              bewaartermijn=["2 jaar na afhandeling"]),
            T("Klanttevredenheidsonderzoek", "a", processors=["Enquêtepartner B.V."],
              doel=["Regelmatig onderzoek naar klanttevredenheid ten behoeve van kwaliteitsverbetering"],
              betrokkenen=["klanten"],
              gegevens=["naam", "e-mailadres", "antwoorden op de enquête"],
              intrekken=["via de afmeldlink in elke uitnodiging"],
              ontvangers=["afdeling Kwaliteit"],
              bewaartermijn=["1 jaar na afloop van het onderzoek"]),
            T("Webchat", "f", processors=["Intercom R&D Unlimited Company"],
              doel=["Beantwoorden van vragen via de chatfunctie op de website"],
              betrokkenen=["websitebezoekers", "klanten"],
              gegevens=["naam", "e-mailadres", "inhoud van het chatgesprek", "IP-adres"],
              belang=["klanten snel en laagdrempelig te woord kunnen staan"],
              ontvangers=["klantenservice"],
              bewaartermijn=["6 maanden na het gesprek"]),
        )),
        ("Telefonie", None, (
            T("Opnemen van klantgesprekken", "a",
              doel=["Opnemen van telefoongesprekken met de klantenservice voor training en kwaliteitsbewaking"],
              betrokkenen=["bellers", "medewerkers klantenservice"],
              gegevens=["telefoonnummer", "gespreksopname", "datum en tijd van het gesprek"],
              intrekken=["door de opname in het keuzemenu te weigeren", "of later via klantenservice@{domain}"],
              ontvangers=["teamleiders klantenservice"],
              bewaartermijn=["30 dagen"],
              dpia=["ja", "DPIA-2023-07 (vastgesteld 02-10-2023)"],
              schaal=["grootschalig"]),
            T("Terugbelverzoeken", "f",
              doel=["Terugbellen van klanten die daarom via de website hebben gevraagd"],
              betrokkenen=["klanten"],
              gegevens=["naam", "telefoonnummer", "onderwerp van de vraag"],
              belang=["klanten op een door hen gekozen moment helpen"],
              ontvangers=["geen"],
              bewaartermijn=["3 maanden na afhandeling"]),
        )),
    )),
    ("Marketing en communicatie", "MC", "Manager Marketing en Communicatie", (
        ("Online", None, (
            T("Nieuwsbrief", "a", processors=["The Rocket Science Group LLC (Mailchimp)"],
              doel=["Versturen van de maandelijkse nieuwsbrief over energiebesparing en storingen"],
              betrokkenen=["abonnees"],
              gegevens=["naam", "e-mailadres", "interesses", "open- en klikgedrag"],
              intrekken=["via de afmeldlink onderaan elke nieuwsbrief"],
              ontvangers=["geen"],
              bewaartermijn=["tot afmelding", "daarna verwijderd binnen 1 maand"],
              profilering=["indeling op opgegeven interesses", "geen geautomatiseerde besluitvorming"],
              dpia=["nee", "niet grootschalig en alleen zelf opgegeven interesses"]),
            T("Websitestatistieken", "a", processors=["Piwik PRO GmbH"],
              doel=["Meten van het gebruik van de website om de inhoud en navigatie te verbeteren"],
              betrokkenen=["websitebezoekers"],
              gegevens=["IP-adres (ingekort)", "cookie-ID", "bezochte pagina’s", "browser en apparaattype"],
              intrekken=["via de cookie-instellingen onderaan elke pagina"],
              ontvangers=["geen"],
              bewaartermijn=["14 maanden"]),
            T("Webcare social media", "f", processors=["Webcare Solutions Ltd."],
              doel=["Beantwoorden van vragen en reacties op onze social-mediakanalen"],
              betrokkenen=["volgers en andere gebruikers van social media"],
              gegevens=["naam", "social media account / gebruikersnaam", "inhoud van berichten"],
              belang=["het mogelijk maken van digitaal contact met klanten en andere stakeholders"],
              ontvangers=["klantenservice"],
              doorgifte=["Verenigde Staten (Meta Platforms Inc.)", "EU-VS Data Privacy Framework"],
              gezamenlijk=["Meta Platforms Ireland Ltd. (Page Insights Controller Addendum)"],
              bron=["openbare berichten op social media"],
              bewaartermijn=["1 jaar na het laatste bericht"]),
        )),
        ("Pers en evenementen", None, (
            T("Relatie-evenementen", "f",
              doel=["Uitnodigen en registreren van deelnemers aan relatie-evenementen"],
              betrokkenen=["contactpersonen van zakelijke relaties"],
              gegevens=["naam", "organisatie", "functie", "e-mailadres", "aanwezigheid"],
              belang=["onderhouden van de relatie met gemeenten, aannemers en andere partners"],
              ontvangers=["evenementenbureau", "evenementencoördinator"],
              bewaartermijn=["1 jaar na het evenement"]),
            T("Mediamonitoring", "f", processors=["Webcare Solutions Ltd."],
              doel=["Volgen van berichtgeving over de organisatie om tijdig te kunnen reageren"],
              betrokkenen=["journalisten", "auteurs van openbare berichten"],
              gegevens=["naam", "social media account", "inhoud van openbare berichten"],
              belang=["bewaken van de reputatie en tijdig corrigeren van onjuiste informatie"],
              ontvangers=["afdeling Communicatie"],
              bron=["openbare bronnen: nieuwssites en social media"],
              bewaartermijn=["3 maanden"]),
        )),
    )),
    ("Financiën", "FI", "Manager Financiën", (
        ("Debiteuren", "7 jaar (art. 52 lid 4 AWR)", (
            T("Facturatie", "b", processors=["Exact Group B.V."],
              doel=["Opstellen en versturen van facturen voor geleverde diensten"],
              betrokkenen=["klanten"],
              gegevens=["naam", "factuuradres", "klantnummer", "verbruiks- en tariefgegevens", "IBAN"],
              ontvangers=["accountant"],
              systemen=["Exact Online"]),
            T("Debiteurenbeheer en incasso", "b", processors=["Incassobureau Van Dijk & Partners B.V."],
              doel=["Bewaken van betalingen en innen van openstaande vorderingen"],
              betrokkenen=["klanten met een betalingsachterstand"],
              gegevens=["naam", "adres", "openstaande bedragen", "betalingsafspraken"],
              ontvangers=["gerechtsdeurwaarder"]),
            T("Kredietcontrole zakelijke klanten", "f",
              doel=["Beoordelen van het betalingsrisico bij nieuwe zakelijke contracten"],
              betrokkenen=["bestuurders van zakelijke klanten"],
              gegevens=["bedrijfsnaam", "KvK-nummer", "naam bestuurder", "kredietwaardigheidsscore"],
              belang=["beperken van betalingsrisico bij nieuwe zakelijke contracten"],
              ontvangers=["geen"],
              bron=["Kamer van Koophandel", "kredietinformatiebureau"],
              profilering=["kredietscore van het informatiebureau", "het besluit neemt altijd een medewerker"],
              dpia=["ja", "DPIA-2021-11 (vastgesteld 09-12-2021)"],
              bewaartermijn=["2 jaar na de beoordeling"]),
        )),
        ("Crediteuren", "7 jaar (art. 52 lid 4 AWR)", (
            T("Crediteurenadministratie", "c", law="art. 52 AWR", processors=["Exact Group B.V."],
              doel=["Verwerken en betalen van inkoopfacturen"],
              betrokkenen=["leveranciers (eenmanszaken)", "contactpersonen van leveranciers"],
              gegevens=["naam", "adres", "IBAN", "factuurgegevens"],
              ontvangers=["accountant", "Belastingdienst"]),
            T("Declaraties", "b",
              doel=["Vergoeden van door medewerkers gemaakte onkosten"],
              betrokkenen=["medewerkers"],
              gegevens=["naam", "personeelsnummer", "IBAN", "bonnen en declaratiebedragen"],
              ontvangers=["salarisadministratie"]),
        )),
    )),
    ("Facilitair en veiligheid", "FV", "Manager Facilitaire Zaken", (
        ("Beveiliging", None, (
            T("Cameratoezicht", "f", processors=["Securitas Nederland B.V."],
              doel=["Beveiligen van gebouwen, terreinen en installaties met camera’s"],
              betrokkenen=["medewerkers", "bezoekers", "voorbijgangers"],
              gegevens=["camerabeelden", "datum, tijd en locatie van de opname"],
              belang=["bescherming van eigendommen en de veiligheid van medewerkers en bezoekers"],
              ontvangers=["politie (alleen bij een incident)"],
              bewaartermijn=["4 weken, bij een incident tot de afhandeling"],
              dpia=["ja", "DPIA-2020-02 (geactualiseerd 2024)"],
              schaal=["klein"]),
            T("Bezoekersregistratie", "f",
              doel=["Registreren van bezoekers bij binnenkomst en vertrek"],
              betrokkenen=["bezoekers"],
              gegevens=["naam", "organisatie", "tijdstip van binnenkomst en vertrek", "kenteken"],
              belang=["weten wie er in het gebouw aanwezig is, ook bij een calamiteit"],
              ontvangers=["receptie", "BHV-organisatie"],
              bewaartermijn=["4 weken"]),
            T("Toegangsbeheer", "f", processors=["Nedap N.V."],
              doel=["Verlenen en registreren van toegang tot gebouwen en technische ruimtes"],
              betrokkenen=["medewerkers", "externe monteurs"],
              gegevens=["naam", "personeelsnummer", "pasnummer", "toegangslog (deur, datum, tijd)"],
              belang=["beveiliging van gebouwen en vitale installaties"],
              ontvangers=["afdeling Beveiliging"],
              bewaartermijn=["3 maanden"]),
        )),
        ("Gebouwen en wagenpark", None, (
            T("BHV-registratie", "c", law="art. 15 Arbeidsomstandighedenwet",
              doel=["Bijhouden van de bedrijfshulpverleners en hun certificaten"],
              betrokkenen=["bedrijfshulpverleners"],
              gegevens=["naam", "telefoonnummer", "BHV-certificaat en geldigheid"],
              ontvangers=["opleider BHV"],
              bewaartermijn=["1 jaar na beëindiging van de BHV-taak"]),
            T("Wagenparkbeheer en rittenregistratie", "c", law="art. 13bis Wet op de loonbelasting 1964",
              processors=["Ritregistratie Nederland B.V."],
              doel=["Registreren van zakelijke ritten met bedrijfsauto’s voor de bijtelling"],
              betrokkenen=["medewerkers met een bedrijfsauto"],
              gegevens=["naam", "kenteken", "ritgegevens (datum, begin- en eindadres, kilometerstand)",
                        "GPS-locatie tijdens zakelijke ritten"],
              ontvangers=["Belastingdienst (op verzoek)"],
              bewaartermijn=["7 jaar (art. 52 lid 4 AWR)"],
              dpia=["ja", "DPIA-2022-09 (vastgesteld 30-11-2022)"],
              schaal=["small"]),
            T("Noodhulp bij calamiteiten", "d",
              doel=["Verstrekken van gegevens aan hulpdiensten bij een ongeval op het terrein"],
              betrokkenen=["medewerkers", "bezoekers"],
              gegevens=["naam", "contactpersoon bij noodgevallen"],
              ontvangers=["hulpdiensten"],
              bewaartermijn=["1 maand na het incident"]),
        )),
    )),
    ("ICT", "IT", "Chief Information Officer", (
        ("Werkplek en accounts", None, (
            T("Gebruikersbeheer en autorisaties", "b", processors=["Microsoft Ireland Operations Ltd."],
              doel=["Aanmaken en beheren van accounts en toegangsrechten"],
              betrokkenen=["medewerkers", "inhuurkrachten"],
              gegevens=["naam", "gebruikersnaam", "functie en afdeling", "rollen en rechten"],
              ontvangers=["ICT-beheer"],
              bewaartermijn=["6 maanden na uitdiensttreding"],
              systemen=["Entra ID", "Microsoft 365"]),
            T("Servicedesk", "f", processors=["TOPdesk Nederland B.V."],
              doel=["Registreren en afhandelen van ICT-meldingen"],
              betrokkenen=["medewerkers"],
              gegevens=["naam", "e-mailadres", "telefoonnummer", "omschrijving van de melding"],
              belang=["werkende ICT-voorzieningen voor de bedrijfsvoering"],
              ontvangers=["ICT-beheer", "leveranciers (alleen indien nodig)"],
              bewaartermijn=["1 jaar na afhandeling"]),
        )),
        ("Informatiebeveiliging", None, (
            T("Logging van ICT-systemen", "f", processors=["Amazon Web Services EMEA SARL"],
              doel=["Vastleggen van gebeurtenissen in systemen om misbruik en incidenten te kunnen onderzoeken"],
              betrokkenen=["gebruikers van ICT-systemen"],
              gegevens=["gebruikersnaam", "IP-adres", "tijdstip en soort handeling"],
              belang=["beveiliging van systemen en netwerken en het onderzoeken van incidenten"],
              ontvangers=["securityteam"],
              bewaartermijn=["6 maanden"],
              beveiliging=["logbestanden alleen toegankelijk voor het securityteam", "alleen-lezen opslag"]),
            T("Registratie van datalekken", "c", law="art. 33 lid 5 AVG",
              doel=["Documenteren van inbreuken in verband met persoonsgegevens"],
              betrokkenen=["betrokkenen bij een datalek", "melders"],
              gegevens=["omschrijving van het incident", "betrokken categorieën van persoonsgegevens",
                        "naam van de melder"],
              ontvangers=["Autoriteit Persoonsgegevens (bij een melding)"],
              bewaartermijn=["5 jaar na afhandeling"]),
        )),
    )),
    ("Netbeheer", "NB", "Directeur Netbeheer", (
        ("Aansluitingen", None, (
            T("Aansluitingen en aanvragen", "b", processors=["TransIP B.V."],
              doel=["Behandelen van aanvragen voor nieuwe en gewijzigde aansluitingen"],
              betrokkenen=["aanvragers", "klanten"],
              gegevens=["naam", "adres", "EAN-code", "telefoonnummer", "gegevens over de aansluiting"],
              ontvangers=["aannemers", "energieleverancier van de klant"],
              bewaartermijn=["7 jaar na beëindiging van de aansluiting"]),
            T("Meetgegevens slimme meter", "c", law="art. 26ab Elektriciteitswet 1998",
              doel=["Uitlezen van meterstanden voor facturatie, verhuizing en leverancierswissel"],
              betrokkenen=["aangeslotenen"],
              gegevens=["EAN-code", "meterstanden", "kwartier- en uurwaarden (alleen met toestemming)"],
              ontvangers=["energieleverancier van de klant"],
              bewaartermijn=["7 jaar"],
              dpia=["ja", "DPIA-2019-01 (geactualiseerd 12-05-2023)"],
              schaal=["grootschalig"]),
        )),
        ("Storingen en onderhoud", None, (
            T("Storingsregistratie", "f",
              doel=["Registreren van storingsmeldingen en informeren van getroffen klanten"],
              betrokkenen=["melders", "getroffen klanten"],
              gegevens=["naam", "adres", "telefoonnummer", "omschrijving van de storing"],
              belang=["snel verhelpen van storingen en informeren van getroffen klanten"],
              ontvangers=["monteurs", "aannemers"],
              bewaartermijn=["2 jaar na oplossing"]),
            T("Graafmeldingen", "c",
              law="Wet informatie-uitwisseling bovengrondse en ondergrondse netten en netwerken",
              doel=["Afhandelen van graafmeldingen en verstrekken van kabel- en leidinginformatie"],
              betrokkenen=["grondroerders", "contactpersonen van aannemers"],
              gegevens=["naam", "bedrijfsnaam", "telefoonnummer", "locatie van de graafwerkzaamheden"],
              ontvangers=["Kadaster"],
              bron=["Kadaster (KLIC-melding)"],
              bewaartermijn=["5 jaar na de melding"]),
        )),
    )),
    ("Dienstverlening voor opdrachtgevers", "DV", "Manager Dienstverlening", (
        ("Hosting en beheer",
         "tot het einde van de verwerkersovereenkomst; daarna teruggave en verwijdering binnen 30 dagen", (
            T("Beheer huurdersportaal", None, processors=["TransIP B.V."],
              doel=["Hosten en beheren van het huurdersportaal in opdracht van de woningcorporatie"],
              betrokkenen=["huurders"],
              gegevens=["naam", "adres", "e-mailadres", "huurcontractnummer", "reparatieverzoeken"],
              ontvangers=["geen"],
              verantwoordelijke=["Woningstichting Lingehof"]),
            T("Zorgalarmering", None,
              doel=["Doorschakelen en registreren van alarmmeldingen voor de zorginstelling"],
              betrokkenen=["cliënten van de zorginstelling"],
              gegevens=["naam", "adres", "alarmmeldingen (datum en tijd)", "locatiegegevens bij een alarm"],
              bijzondere_gegevens=["gegevens over gezondheid (alarmmeldingen)"],
              uitzondering=["art. 9 lid 2 sub h AVG jo. art. 30 lid 3 UAVG (grondslag van de zorginstelling)"],
              ontvangers=["zorgcentrale van de opdrachtgever"],
              verantwoordelijke=["Zorggroep De Linde"],
              dpia=["ja", "uitgevoerd door de verwerkingsverantwoordelijke (DPIA-ZG-2023-02)"],
              schaal=["large-scale"]),
        )),
    )),
)  # fmt: skip
del T

DEPARTMENT_SUFFIXES = (
    "regio Noord", "regio Oost", "regio Zuid", "regio West", "divisie Zakelijk", "divisie Particulier",
    "cluster Betuwe", "cluster Rijk van Nijmegen", "cluster Achterhoek", "cluster Veluwe", "programma Energietransitie",
)  # fmt: skip
LOCATIONS = (
    "Arnhem", "Nijmegen", "Tiel", "Doetinchem", "Ede", "Apeldoorn", "Zutphen", "Culemborg", "Wageningen", "Zevenaar",
)  # fmt: skip
QUALIFIERS = (
    "zakelijke markt", "particuliere markt", 'actie "Bespaar Slim"', "pilot #2", "team Noord", "team Zuid",
    "vestiging Arnhem", "vestiging Nijmegen", "vestiging Tiel", "jongerenteam", "programma Energietransitie",
    "grootzakelijk", "mkb", "flexpool",
)  # fmt: skip
SECURITY_DEFAULT = (
    "ISO 27001-gecertificeerd informatiebeveiligingsbeleid",
    "versleuteling van gegevens in rust en tijdens transport",
    "toegang op basis van rollen, met MFA",
    "jaarlijkse penetratietest",
)
FULL_LINE_COMMENTS = (
    "# Afgestemd met de FG in het privacyoverleg van maart 2024.",
    "# Let op: bewaartermijn herzien na audit 2023.",
    "# Eigenaar bevestigd door de proceseigenaar.",
    "# ---------------------------------------------------------------",
    "# Zie ook het informatiebeveiligingsbeleid, hoofdstuk 4 – toegang.",
    "# Wijziging 2024-05-28: doel aangescherpt na DPIA.",
    "#",
)
TRAILING_COMMENTS = (
    "# zie verwerkersovereenkomst",
    "# bijgewerkt 2024",
    "# conform bewaarbeleid v3",
    "# gecontroleerd door FG",
    "# nog bevestigen met proceseigenaar",
    "# vgl. register 2022",
    "#",
    "# “bron: interview”",
)
ORGANISATIONS = (
    ("Netbeheer Lingewaard N.V.", "lingewaardnet.nl", "Postbus 1234, 6800 AB Arnhem"),
    ("Energiecoöperatie Betuwe U.A.", "betuwe-energie.nl", "Stationsweg 12, 4001 AB Tiel"),
    ("Rivierenland Netwerken B.V.", "rivierenlandnet.nl", "Postbus 77, 6500 AB Nijmegen"),
)

# =============================================================================
# Realistic distinctness (--distinct)
# =============================================================================

# The templates above repeat their values row after row; a real register is about two-thirds
# distinct values. With ``distinct`` the free-text values of activities are made distinct by
# composing them from the template's wording and parts a register writes about its own
# organisation: segments, towns, units, systems, projects, forms and policy references, with
# numbers. A part never carries a character that needs quoting, so a value keeps its rendering
# and the register its shape: only the wording of values differs from the register without it.
# Lawful bases, processors, exceptions, transfers, DPIA and profiling statements, special
# categories and the words "geen"/"none" are left as they are: rules read their meaning.
SEGMENTS = (
    "particuliere klanten", "zakelijke klanten", "mkb-klanten", "grootzakelijke klanten", "woningcorporaties",
    "gemeenten in het verzorgingsgebied", "aannemers", "projectontwikkelaars", "nieuwe klanten", "bestaande klanten",
    "huurders van bedrijfsruimte", "agrarische ondernemers", "sportverenigingen",
)  # fmt: skip
TOWNS = LOCATIONS + (
    "Elst", "Bemmel", "Huissen", "Duiven", "Westervoort", "Druten", "Wijchen", "Beuningen", "Geldermalsen",
    "Buren", "Maasdriel", "Zaltbommel", "Winterswijk", "Lochem", "Barneveld", "Renkum", "Rheden", "Rozendaal",
)  # fmt: skip
UNITS = (
    "Klantenservice", "Planning", "Aansluitingen", "Meetbedrijf", "Storingsdienst", "Projectbureau", "Inkoop",
    "Juridische Zaken", "Kwaliteit", "Netontwerp", "Assetmanagement", "Werkvoorbereiding",
    "Communicatie", "Facilitaire Zaken", "Informatievoorziening", "Bestuurssecretariaat",
)  # fmt: skip
SYSTEMS = (
    "Klantportaal", "Meterdataplatform", "Planningstool", "Documentbeheersysteem", "Zaaksysteem",
    "Archiefsysteem", "Netinformatiesysteem", "Aansluitregister", "Storingsregistratie", "Urenregistratie",
    "Contractbeheer", "Inkoopportaal", "Relatiebeheersysteem", "Werkorderbeheer", "Kennisbank", "Intranet",
)  # fmt: skip
UNIT_CODES = ("PZ", "KC", "MC", "FI", "FV", "IT", "NB", "DV", "JZ", "IV")
YEARS = tuple(range(2016, 2026))


def _vary_purpose(value: str, rng: random.Random) -> str:
    r = rng.randrange(5)
    if r == 0:
        return f"{value} voor {SEGMENTS[rng.randrange(len(SEGMENTS))]}"
    if r == 1:
        return f"{value} voor {SEGMENTS[rng.randrange(len(SEGMENTS))]} in {TOWNS[rng.randrange(len(TOWNS))]}"
    if r == 2:
        return f"{value} binnen de afdeling {UNITS[rng.randrange(len(UNITS))]} ({_code(rng)})"
    if r == 3:
        return f"{value} in het kader van project {_code(rng)}"
    return f"{value} (werkinstructie {_code(rng)} versie {1 + rng.randrange(9)}.{rng.randrange(10)})"


def _vary_subjects(value: str, rng: random.Random) -> str:
    r = rng.randrange(4)
    if r == 0:
        return f"{value} in {TOWNS[rng.randrange(len(TOWNS))]}"
    if r == 1:
        return f"{value} (registratie {_code(rng)})"
    if r == 2:
        return f"{value} (werkgebied {TOWNS[rng.randrange(len(TOWNS))]} en {TOWNS[rng.randrange(len(TOWNS))]})"
    return f"{value} (peildatum {_date(rng)})"


def _vary_data(value: str, rng: random.Random) -> str:
    system = SYSTEMS[rng.randrange(len(SYSTEMS))]
    r = rng.randrange(4)
    if r == 0:
        return f"{value} (uit {system} {_code(rng)})"
    if r == 1:
        return f"{value} (veld {1 + rng.randrange(60)} in {system} {_code(rng)})"
    if r == 2:
        return f"{value} (formulier {_code(rng)})"
    return f"{value} (vastgelegd in {system} sinds {_date(rng)})"


def _vary_recipient(value: str, rng: random.Random) -> str:
    r = rng.randrange(3)
    if r == 0:
        return f"{value} (afdeling {UNITS[rng.randrange(len(UNITS))]} {_code(rng)})"
    if r == 1:
        return f"{value} in {TOWNS[rng.randrange(len(TOWNS))]} (afspraak {_code(rng)})"
    return f"{value} via {SYSTEMS[rng.randrange(len(SYSTEMS))]} {_code(rng)}"


def _vary_retention(value: str, rng: random.Random) -> str:
    r = rng.randrange(3)
    if r == 0:
        return f"{value} (bewaarbeleid versie {1 + rng.randrange(9)}.{rng.randrange(10)} regel {1 + rng.randrange(400)})"
    if r == 1:
        return f"{value} (vastgesteld {_date(rng)} in besluit {_code(rng)})"
    return f"{value} (archiefcode {_code(rng)})"


def _vary_reference(value: str, rng: random.Random) -> str:
    """A value with the reference of the record it comes from: systems, owners, sources, withdrawal."""
    r = rng.randrange(3)
    if r == 0:
        return f"{value} ({_code(rng)})"
    if r == 1:
        return f"{value} – {TOWNS[rng.randrange(len(TOWNS))]} ({_code(rng)})"
    return f"{value} (bijgewerkt {_date(rng)})"


def _code(rng: random.Random) -> str:
    """A reference number as organisations write them: unit, year, sequence."""
    return f"{UNIT_CODES[rng.randrange(len(UNIT_CODES))]}-{YEARS[rng.randrange(len(YEARS))]}-{1 + rng.randrange(999):03d}"


def _date(rng: random.Random) -> str:
    return f"{1 + rng.randrange(28)}-{1 + rng.randrange(12):02d}-{YEARS[rng.randrange(len(YEARS))]}"


VARIED = {
    "doel": _vary_purpose, "belang": _vary_purpose, "betrokkenen": _vary_subjects, "gegevens": _vary_data,
    "ontvangers": _vary_recipient, "bewaartermijn": _vary_retention, "systemen": _vary_reference,
    "intrekken": _vary_reference, "omschrijving": _vary_reference, "eigenaar": _vary_reference,
    "bron": _vary_reference,
}  # fmt: skip
UNVARIED_WORDS = frozenset({"geen", "none"})


class _Distinct:
    """Makes a share of the activities' field values distinct.

    A value that was written before is composed anew (from a random stream of its own, so that the
    register's shape follows the seed alone) while the distinct values so far fall short of
    ``share`` of all values so far; the share of a register is thus what was asked, at any size, up
    to what the values left as they are allow (about 0.8)."""

    def __init__(self, share: float, seed: int) -> None:
        self.share = share
        self.rng = random.Random(f"distinct-{seed}")
        self.seen: set[str] = set()
        self.values = 0

    def fields(self, fields: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
        return [(key, [self.value(key, item) for item in items]) for key, items in fields]

    def value(self, key: str, item: str) -> str:
        self.values += 1
        vary = VARIED.get(key)
        if (item in self.seen and vary is not None and item.lower() not in UNVARIED_WORDS
                and len(self.seen) < self.share * self.values):
            composed = vary(item, self.rng)
            while composed in self.seen:
                composed = vary(item, self.rng)
            item = composed
        self.seen.add(item)
        return item


# =============================================================================
# Rendering
# =============================================================================

_NEEDS_QUOTES = frozenset(',{}#"\\\n')


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class _Writer:
    """Renders blocks and fields into ``self.lines`` in one file's house style."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []
        r = rng.random()
        self.indent = "    " if r < 0.6 else ("\t" if r < 0.85 else "  ")
        self.aligned = rng.random() < 0.35  # values aligned in a column
        self.capital_keys = rng.random() < 0.15  # "Doel:", "Grondslag:" like table headers

    # -- keys -----------------------------------------------------------------
    def key(self, spellings: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
        rng = self.rng
        dutch, english = spellings
        if english and rng.random() < 0.12:
            base = english[rng.randrange(len(english))]
        elif len(dutch) > 1 and rng.random() < 0.25:
            base = dutch[rng.randrange(1, len(dutch))]
        else:
            base = dutch[0]
        words = base.split(" ")
        r = rng.random()
        if len(words) > 1 and r < 0.4:
            sep = ("_", "-", " ")[rng.randrange(3)]
            case = rng.randrange(3)
            if case == 0:
                words = [w.capitalize() for w in words]  # Bijzondere_Gegevens
            elif case == 1:
                words[0] = words[0].capitalize()  # Bijzondere-gegevens
            return sep.join(words)
        if self.capital_keys or r > 0.93:
            return base[0].upper() + base[1:]
        if r > 0.91:
            return base.upper()
        return base

    # -- values ---------------------------------------------------------------
    def item(self, text: str) -> str:
        """A bare PHRASE where the text allows it (and mostly), else a quoted STRING."""
        if not _NEEDS_QUOTES.isdisjoint(text) or text[0] == "-" or self.rng.random() < 0.08:
            return _quote(text)
        return text

    def field(self, indent: str, key: str, items: list[str], width: int, allow_dash: bool = True) -> None:
        """Write ``key: items`` in one of the list forms of the language."""
        rng = self.rng
        lines = self.lines
        rendered = [self.item(it) for it in items]
        head = f"{indent}{key}:"
        r = rng.random()
        if allow_dash and r < (0.16 if len(items) > 1 else 0.03):
            # dash list, one or several items per dash line, comments inside
            if rng.random() < 0.1:
                head += " " + TRAILING_COMMENTS[rng.randrange(len(TRAILING_COMMENTS))]
            lines.append(head)
            dash_indent = indent + ("    " if self.indent != "\t" else "\t")
            i = 0
            n = len(rendered)
            first = True
            while i < n:
                take = 1 if rng.random() < 0.7 else min(n - i, 1 + rng.randrange(3))
                chunk = rendered[i : i + take]
                i += take
                if not first and rng.random() < 0.08:
                    lines.append(dash_indent + FULL_LINE_COMMENTS[rng.randrange(len(FULL_LINE_COMMENTS))])
                first = False
                line = f"{dash_indent}- " + ", ".join(chunk)
                if i < n and rng.random() < 0.05:
                    # a dash line may itself continue after a trailing comma
                    nxt = rendered[i]
                    i += 1
                    lines.append(line + ",")
                    line = f"{dash_indent}  {nxt}"
                if rng.random() < 0.06:
                    line += "   " + TRAILING_COMMENTS[rng.randrange(len(TRAILING_COMMENTS))]
                lines.append(line)
            return
        sep = " " * max(1, width - len(key)) if self.aligned else (" " if rng.random() < 0.95 else "\t")
        if len(rendered) > 2 and r < 0.30:
            # continuation lines after a trailing comma
            pad = " " * (len(head.expandtabs(4)) + len(sep)) if rng.random() < 0.6 else indent + "    "
            cut = 1 + rng.randrange(len(rendered) - 1)
            first_line = head + sep + ", ".join(rendered[:cut]) + ","
            if rng.random() < 0.05:
                first_line += "  " + TRAILING_COMMENTS[rng.randrange(len(TRAILING_COMMENTS))]
            lines.append(first_line)
            rest = rendered[cut:]
            while rest:
                take = 1 + rng.randrange(len(rest))
                chunk, rest = rest[:take], rest[take:]
                lines.append(pad + ", ".join(chunk) + ("," if rest else ""))
            return
        joiner = ", " if rng.random() < 0.9 else ","
        line = head + sep + joiner.join(rendered)
        x = rng.random()
        if x < 0.05:
            line += "   " + TRAILING_COMMENTS[rng.randrange(len(TRAILING_COMMENTS))]
        elif x < 0.07:
            line += " \t"  # trailing white space is trimmed
        lines.append(line)

    def block_head(self, indent: str, kind: str, name: str, comment: bool = False) -> None:
        rng = self.rng
        if _NEEDS_QUOTES.isdisjoint(name) and rng.random() < 0.25:
            shown = name  # bare name, up to the "{"
        else:
            shown = _quote(name)
        r = rng.random()
        if r < 0.04:
            line = f"{indent}{kind}\t{shown}\t{{"
        elif r < 0.07 and shown[-1] == '"':
            line = f"{indent}{kind} {shown}{{"
        else:
            line = f"{indent}{kind} {shown} {{"
        if comment:
            line += "   " + TRAILING_COMMENTS[rng.randrange(len(TRAILING_COMMENTS))]
        self.lines.append(line)

    def write_fields(
        self,
        indent: str,
        keyset: dict[str, tuple[tuple[str, ...], tuple[str, ...]]],
        fields: list[tuple[str, list[str]]],
    ) -> None:
        keys = [self.key(keyset[name]) for name, _ in fields]
        width = max((len(k) for k in keys), default=0) + 2
        rng = self.rng
        for (name, items), key in zip(fields, keys):
            if rng.random() < 0.015:
                self.lines.append(indent + FULL_LINE_COMMENTS[rng.randrange(len(FULL_LINE_COMMENTS))])
            if name == "omschrijving" and rng.random() < 0.3:
                self._multiline_string(indent, key, items[0])
            else:
                self.field(indent, key, items, width, allow_dash=name not in ("id", "grondslag"))

    def _multiline_string(self, indent: str, key: str, text: str) -> None:
        # A STRING may span lines; the line break (and the indentation after
        # it) is then part of the value.
        parts = [p.replace("\\", "\\\\").replace('"', '\\"') for p in text.split("\n")]
        lines = self.lines
        if len(parts) == 1:
            lines.append(f'{indent}{key}: "{parts[0]}"')
            return
        lines.append(f'{indent}{key}: "{parts[0]}')
        for part in parts[1:-1]:
            lines.append(indent + "    " + part)
        lines.append(indent + "    " + parts[-1] + '"')


# =============================================================================
# Register model
# =============================================================================


class _Register:
    def __init__(self, rng: random.Random, defects: float, distinct: _Distinct | None = None) -> None:
        self.rng = rng
        self.defects = defects
        self.distinct = distinct
        org_name, domain, address = ORGANISATIONS[rng.randrange(len(ORGANISATIONS))]
        self.org_name = org_name
        self.domain = domain
        self.address = address
        self.used_dept_names: set[str] = set()
        self.dept_counter = 0
        self.processors_used: list[str] = []  # in order of first use
        self.processors_seen: set[str] = set()
        self.ids: set[str] = set()

    # -- departments ------------------------------------------------------------
    def department_name(self, base: str) -> str:
        if base not in self.used_dept_names:
            name = base
        else:
            rng = self.rng
            name = f"{base} – {DEPARTMENT_SUFFIXES[rng.randrange(len(DEPARTMENT_SUFFIXES))]}"
            n = 2
            while name in self.used_dept_names:
                name = f"{base} – {DEPARTMENT_SUFFIXES[rng.randrange(len(DEPARTMENT_SUFFIXES))]} {n}"
                n += 1
        self.used_dept_names.add(name)
        return name

    def use_processor(self, name: str) -> None:
        if name not in self.processors_seen:
            self.processors_seen.add(name)
            self.processors_used.append(name)

    # -- one activity -------------------------------------------------------------
    def activity_fields(
        self, template, act_id: str, inherited_retention: bool, group_systems: bool
    ) -> tuple[list[tuple[str, list[str]]], str | None]:
        """The fields of one activity (canonical key, items) and its defect, if any."""
        rng = self.rng
        f = template.fields
        defect = None
        if self.defects > 0 and rng.random() < self.defects:
            options = ["vague-retention", "us-processor-without-safeguard"]
            if template.basis == "f":
                options += ["misspelled-basis", "interest-without-belang"]
            if template.basis == "a":
                options.append("consent-without-withdrawal")
            if "bijzondere gegevens" in f:
                options.append("special-without-exception")
            if not inherited_retention:
                options.append("missing-retention")
            defect = options[rng.randrange(len(options))]

        out: list[tuple[str, list[str]]] = [("id", [act_id])]
        out.append(("doel", f["doel"]))
        if rng.random() < 0.18:
            out.append(("omschrijving", [self.description(template)]))
        out.append(("betrokkenen", f["betrokkenen"]))
        out.append(("gegevens", f["gegevens"]))
        if "bijzondere gegevens" in f:
            out.append(("bijzondere gegevens", f["bijzondere gegevens"]))
            if defect != "special-without-exception":
                out.append(("uitzondering", f["uitzondering"]))
        elif rng.random() < 0.2:
            out.append(("bijzondere gegevens", ["geen" if rng.random() < 0.85 else "none"]))

        basis = template.basis
        if basis is not None:
            if defect == "misspelled-basis":
                form = MISSPELLED_F[rng.randrange(len(MISSPELLED_F))]
            elif basis == "c":
                form = LEGAL_OBLIGATION_FORMS[rng.randrange(len(LEGAL_OBLIGATION_FORMS))].format(law=template.law)
            else:
                forms = BASIS_FORMS[basis]
                form = forms[rng.randrange(len(forms))]
            out.append(("grondslag", [form]))
        if "belang" in f and defect != "interest-without-belang":
            out.append(("belang", f["belang"]))
        if "intrekken" in f and defect != "consent-without-withdrawal":
            out.append(("intrekken", [s.replace("{domain}", self.domain) for s in f["intrekken"]]))

        processors = list(template.processors)
        if defect == "us-processor-without-safeguard":
            processors.append(DEFECT_PROCESSORS[rng.randrange(len(DEFECT_PROCESSORS))].name)
        if "ontvangers" in f and (not processors or rng.random() < 0.7):
            out.append(("ontvangers", f["ontvangers"]))
        transfers: list[str] = list(f.get("doorgifte", ()))
        if processors:
            out.append(("verwerkers", processors))
            for name in processors:
                self.use_processor(name)
                p = PROCESSORS.get(name)
                if p is not None and p.transfer:
                    transfers.extend(t for t in p.transfer if t not in transfers)
        if transfers:
            out.append(("doorgifte", transfers))
        elif rng.random() < 0.25:
            out.append(("doorgifte", ["geen" if rng.random() < 0.85 else "none"]))

        if defect == "vague-retention":
            out.append(("bewaartermijn", [VAGUE_RETENTION[rng.randrange(len(VAGUE_RETENTION))]]))
        elif defect != "missing-retention":
            own = f.get("bewaartermijn")
            if own is not None and (not inherited_retention or rng.random() < 0.4):
                out.append(("bewaartermijn", own))
            elif own is None and not inherited_retention:
                out.append(("bewaartermijn", ["2 jaar na afhandeling"]))
        if "beveiliging" in f:
            out.append(("beveiliging", f["beveiliging"]))
        if "systemen" in f and (not group_systems or rng.random() < 0.3):
            out.append(("systemen", f["systemen"]))
        if "bron" in f:
            out.append(("bron", f["bron"]))
        if "dpia" in f:
            out.append(("dpia", f["dpia"]))
        if "profilering" in f:
            out.append(("profilering", f["profilering"]))
        elif rng.random() < 0.05:
            out.append(("profilering", ["geen"]))
        if "schaal" in f:
            out.append(("schaal", f["schaal"]))
        if "gezamenlijk" in f:
            out.append(("gezamenlijk", f["gezamenlijk"]))
        if rng.random() < 0.1:
            out.append(("eigenaar", [f"teamleider {template.name.lower()}"]))
        if "verantwoordelijke" in f:
            out.append(("verantwoordelijke", f["verantwoordelijke"]))
        if basis is None and rng.random() < 0.3:
            out.append(("rol", ["verwerker" if rng.random() < 0.8 else "processor"]))
        if self.distinct is not None:
            out = self.distinct.fields(out)
        return out, defect

    def description(self, template) -> str:
        rng = self.rng
        r = rng.randrange(5)
        name = template.name
        if r == 0:
            return f"Zie werkinstructie \"{name}\", versie 3"
        if r == 1:
            return f"Proces {name.lower()}: intake, vastlegging, afhandeling\nVastgelegd in {name} #2024-01"
        if r == 2:
            return f"Bestanden staan op \\\\fs01\\privacy\\{name.replace(' ', '_')}, alleen-lezen"
        if r == 3:
            return f"{name} – één keer per kwartaal gecontroleerd door de ‘privacy champion’"
        return f"Onderdeel van het proces {name.lower()}, zie ook de DPIA-checklist"


# =============================================================================
# Files
# =============================================================================


def _split(n: int, k: int) -> list[int]:
    base, extra = divmod(n, k)
    return [base + (1 if i < extra else 0) for i in range(k)]


def _file_name(i: int, k: int) -> str:
    if k == 1:
        return "register.avg"
    width = max(2, len(str(k)))
    return f"register-{i + 1:0{width}d}.avg"


def _organisation(reg: _Register, w: _Writer) -> None:
    rng = reg.rng
    kind = ("organisatie", "organisatie", "organisatie", "organisation", "organization")[rng.randrange(5)]
    w.block_head("", kind, reg.org_name)
    ind = w.indent
    fields: list[tuple[str, list[str]]] = [
        ("rol", ["verwerkingsverantwoordelijke" if rng.random() < 0.8 else "controller"]),
        ("contact", [f"privacy@{reg.domain}", reg.address, "+31 26 123 45 67"]),
        ("fg", [f"Functionaris Gegevensbescherming, fg@{reg.domain}"]),
        ("vertegenwoordiger", ["niet van toepassing (gevestigd in de EU)"]),
        ("type", ["privaat" if rng.random() < 0.8 else "private"]),
        ("land", ["Nederland"]),
        ("gezamenlijk", ["Netbeheer Nederland (gezamenlijke storingsregistratie, regeling van 1 februari 2023)"]),
        ("beveiliging", list(SECURITY_DEFAULT)),
        ("doorgifte", ["geen"]),
    ]
    w.write_fields(ind, ORGANISATION_KEYS, fields)
    w.lines.append("}")


def _processors(reg: _Register, w: _Writer) -> None:
    rng = reg.rng
    defect_by_name = {p.name: p for p in DEFECT_PROCESSORS}
    if not reg.processors_used:
        return
    w.lines.append("# Verwerkers (art. 28 AVG)")
    for name in reg.processors_used:
        p = PROCESSORS.get(name) or defect_by_name[name]
        w.lines.append("")
        w.block_head("", "verwerker" if rng.random() < 0.85 else "processor", p.name, comment=rng.random() < 0.05)
        fields: list[tuple[str, list[str]]] = [("land", [p.land])]
        if p.waarborg:
            fields.append(("waarborg", [p.waarborg]))
        fields.append(("overeenkomst", [p.overeenkomst]))
        fields.append(("diensten", list(p.diensten)))
        w.write_fields(w.indent, PROCESSOR_KEYS, fields)
        w.lines.append("}")


def _activities(reg: _Register, w: _Writer, count: int, stats: dict[str, int]) -> None:
    """Write ``count`` activities as departments > teams (> locations) > activities."""
    rng = reg.rng
    lines = w.lines
    ind = w.indent
    written = 0
    while written < count:
        dept_base, code, owner, subgroups = DEPARTMENTS[reg.dept_counter % len(DEPARTMENTS)]
        reg.dept_counter += 1
        dept_no = reg.dept_counter
        dept_name = reg.department_name(dept_base)
        dotted_ids = rng.random() < 0.5
        seq = 0
        lines.append("")
        if rng.random() < 0.3:
            lines.append(f"# === {dept_name} ===")
        w.block_head("", "groep" if rng.random() < 0.85 else "group", dept_name, comment=rng.random() < 0.05)
        dept_fields: list[tuple[str, list[str]]] = [("eigenaar", [owner])]
        if code == "DV":
            dept_fields.append(("rol", ["verwerker" if rng.random() < 0.8 else "processor"]))
        if rng.random() < 0.2:
            dept_fields.append(("schaal", ["klein" if rng.random() < 0.8 else "small"]))
        w.write_fields(ind, ACTIVITY_KEYS, dept_fields)

        for team_name, team_retention, templates in subgroups:
            if written >= count:
                break
            team_size = min(count - written, 1 + rng.randrange(9))
            lines.append("")
            w.block_head(ind, "groep" if rng.random() < 0.85 else "group", team_name)
            team_fields: list[tuple[str, list[str]]] = []
            if team_retention:
                team_fields.append(("bewaartermijn", [team_retention]))
            systems = None
            for t in templates:
                if "systemen" in t.fields:
                    systems = t.fields["systemen"]
                    break
            if systems and rng.random() < 0.4:
                team_fields.append(("systemen", systems))
            w.write_fields(ind * 2, ACTIVITY_KEYS, team_fields)
            # a third level: locations, some of them with their own owner
            if team_size >= 4 and rng.random() < 0.35:
                parts = 2 + rng.randrange(2)
                sizes = _split(team_size, parts)
                start = rng.randrange(len(LOCATIONS))
                units = [(f"Locatie {LOCATIONS[(start + j) % len(LOCATIONS)]}", sizes[j]) for j in range(parts)]
            else:
                units = [(None, team_size)]
            for loc_name, size in units:
                depth = 2
                if loc_name is not None:
                    lines.append("")
                    w.block_head(ind * 2, "groep", loc_name)
                    if rng.random() < 0.5:
                        w.write_fields(ind * 3, ACTIVITY_KEYS, [("eigenaar", [f"vestigingsmanager {loc_name[8:]}"])])
                    depth = 3
                names: set[str] = set()
                for _ in range(size):
                    template = templates[rng.randrange(len(templates))]
                    name = template.name
                    key = name.casefold()
                    if key in names:
                        q = QUALIFIERS[rng.randrange(len(QUALIFIERS))]
                        name = f"{template.name} – {q}" if rng.random() < 0.6 else f"{template.name} ({q})"
                        n = 2
                        while name.casefold() in names:
                            name = f"{template.name} – {q} {n}"
                            n += 1
                        key = name.casefold()
                    names.add(key)
                    seq += 1
                    act_id = f"{dept_no}.{seq}" if dotted_ids else f"{code}{dept_no}-{seq:03d}"
                    fields, defect = reg.activity_fields(
                        template, act_id, inherited_retention=bool(team_retention),
                        group_systems=any(k == "systemen" for k, _ in team_fields),
                    )
                    if defect:
                        stats[defect] = stats.get(defect, 0) + 1
                    a_ind = ind * depth
                    lines.append("")
                    if rng.random() < 0.06:
                        lines.append(a_ind + FULL_LINE_COMMENTS[rng.randrange(len(FULL_LINE_COMMENTS))])
                    r = rng.random()
                    kind = "verwerking" if r < 0.86 else ("processing" if r < 0.95 else "activity")
                    w.block_head(a_ind, kind, name, comment=rng.random() < 0.03)
                    w.write_fields(a_ind + ind, ACTIVITY_KEYS, fields)
                    lines.append(a_ind + "}")
                    written += 1
                if loc_name is not None:
                    lines.append(ind * 2 + "}")
            lines.append(ind + "}" + ("   # einde " + team_name if rng.random() < 0.1 else ""))
        lines.append("}")


def generate(
    n_activities: int, *, files: int = 1, seed: int = 0, defects: float = 0.1, distinct: float | None = None
) -> list[tuple[str, str]]:
    """Generate a register of ``n_activities`` activities over ``files`` files.

    Returns ``[(file name, text), ...]``.  The ``organisatie`` block is in the
    first file, the ``verwerker`` blocks in the last.  ``defects`` is the
    probability that an activity carries one legal defect (0 disables them).
    ``distinct`` is the share of the activities' field values that are distinct
    (about 0.67 in real registers; None: the templates' values, repeated); the
    register is otherwise the one of the same arguments without it.
    The same arguments always give the same texts.
    """
    return _build(n_activities, files, seed, defects, distinct)[0]


def _build(
    n_activities: int, files: int, seed: int, defects: float, distinct: float | None = None
) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """``generate()`` plus the number of activities per defect kind."""
    if n_activities < 0:
        raise ValueError("n_activities must be >= 0")
    if files < 1:
        raise ValueError("files must be >= 1")
    if not 0.0 <= defects <= 1.0:
        raise ValueError("defects must be between 0 and 1")
    if distinct is not None and not 0.0 <= distinct <= 1.0:
        raise ValueError("distinct must be between 0 and 1")
    rng = random.Random(seed)
    reg = _Register(rng, defects, None if distinct is None else _Distinct(distinct, seed))
    stats: dict[str, int] = {}
    writers: list[_Writer] = []
    for i, count in enumerate(_split(n_activities, files)):
        w = _Writer(rng)
        part = f" – deel {i + 1} van {files}" if files > 1 else ""
        w.lines.append(f"# Verwerkingsregister {reg.org_name}{part}")
        w.lines.append(f"# Gegenereerd door benchmarks/generate.py (seed {seed}); {count} verwerkingen")
        if rng.random() < 0.5:
            w.lines.append("# Laatst gewijzigd: 28 mei 2024")
        if i == 0:
            w.lines.append("")
            _organisation(reg, w)
        _activities(reg, w, count, stats)
        writers.append(w)
    # processors are known only once every activity has been written
    _processors(reg, writers[-1])

    out: list[tuple[str, str]] = []
    for i, w in enumerate(writers):
        text = "\n".join(w.lines) + "\n"
        if files > 1 or rng.random() < 0.2:
            r = rng.random()
            if r < 0.25:
                text = text.replace("\n", "\r\n")
            elif r < 0.33:
                text = "\ufeff" + text  # a byte-order mark is ignored
        out.append((_file_name(i, files), text))
    return out, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate realistic .avg processing registers.")
    parser.add_argument("--activities", type=int, required=True, help="number of processing activities")
    parser.add_argument("--files", type=int, default=1, help="number of files to spread them over (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--defects", type=float, default=0.1,
                        help="share of activities with one legal defect, 0..1 (default 0.1)")
    parser.add_argument("--distinct", type=float, metavar="SHARE",
                        help="share of the activities' field values that are distinct, 0..1 (real registers: "
                             "about 0.67; default: the templates' values, repeated)")
    parser.add_argument("--out", required=True, help="output directory (created if missing)")
    args = parser.parse_args(argv)
    try:
        start = time.perf_counter()
        result, defects = _build(args.activities, args.files, args.seed, args.defects, args.distinct)
        elapsed = time.perf_counter() - start
    except ValueError as exc:
        parser.error(str(exc))
    os.makedirs(args.out, exist_ok=True)
    counts = _split(args.activities, args.files)
    total = 0
    for (name, text), count in zip(result, counts):
        data = text.encode("utf-8")
        path = os.path.join(args.out, name)
        with open(path, "wb") as fh:
            fh.write(data)
        total += len(data)
        print(f"{path}\t{len(data)} bytes\t{count} activities")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(defects.items())) or "none"
    print(f"total: {len(result)} files, {total} bytes, {args.activities} activities "
          f"(seed {args.seed}, defects: {summary}), generated in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
