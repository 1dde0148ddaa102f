"""Privacy statements (AVG905, AVG906): who receives the data, and transfers outside the EEA.

Art. 13(1)(e) and (f). When a register of the same organisation is checked in the same
run (``ctx.register``), the rules also report processors the statement says nothing of
(AVG905) and transfers it does not mention (AVG906), with a related location in the register.
"""

from __future__ import annotations

from typing import NamedTuple

from avglint.model import Register
from avglint.registry import report, rule
from avglint.statement import Sentence, Statement

from ._common import has_value
from ._statement_reading import Reading, list_lead, related_field, statement_reading, where_missing

# ---------------------------------------------------------------------------------------------
# AVG905 recipients


class _RecipientWording(NamedTuple):
    """What the statement says about recipients: where it states them, where it denies any, and where it
    denies them with an exception it does not fill in ("niet met derden, tenzij dit nodig is")."""
    stated: bool
    denial: tuple[Sentence, object] | None
    exception: tuple[Sentence, object] | None


def _recipient_wording(reading: Reading) -> _RecipientWording:
    contrast = reading.vocab.terms("contrast_words")
    entities = reading.vocab.terms("third_country_recipients")
    stated = False
    denial = exception = None

    def names_recipient(sentence, after: int = 0) -> bool:
        """The sentence names a recipient after ``after``: the organisation before it is the one that shares
        ("creative key b.v. verstrekt uitsluitend aan derden en alleen als …")."""
        return any(m.start >= after for m in entities.find(sentence.text)) or any(
            m.start >= after for _, m in reading.matches("statement_elements", ids={"rechtsvorm"}, sentences=[sentence]))

    # a heading asks or announces ("When do we share personal data?"); what it heads says whether anything is shared
    mentions = [(sentence, match) for sentence, match in reading.matches("statement_elements", ids={"ontvangers"})
                if sentence.block.kind != "heading"]
    # one negated mention denies the sentence's others: "We do not share your data with third parties"
    denied = {sentence.index for sentence, match in mentions if reading.negated(sentence, match.start, match.end)}
    unsaid: set[int] = set()  # sentences that deny recipients or share only on conditions, naming nobody
    for sentence, match in mentions:
        if sentence.index not in denied:
            # shared only on conditions, naming nobody: "Persoonsgegevens worden uitsluitend gedeeld indien:"
            if contrast.search(sentence.text[:match.start]) and (
                    sentence.text.rstrip().endswith(":") or reading.clauses.condition_after(sentence.text, match.end)) \
                    and not names_recipient(sentence, match.start):
                exception = exception or (sentence, match)
                unsaid.add(sentence.index)
                continue
            stated = True
            continue
        after = sentence.text[match.end:]
        if not contrast.search(after):
            denial = denial or (sentence, match)
            unsaid.add(sentence.index)
        elif names_recipient(sentence):
            stated = True   # "niet met derden, behalve met Mailer B.V.": the exception names the recipient
        else:
            exception = exception or (sentence, match)
            unsaid.add(sentence.index)
    # a section about recipients states them, unless all it says is a denial or a condition (and the conditions
    # listed under it)
    def said(sentence) -> bool:
        lead = list_lead(reading.statement, sentence.block)
        return sentence.block.kind != "heading" and sentence.index not in unsaid and not (
            lead is not None and lead.sentences and lead.sentences[-1].index in unsaid)

    stated = stated or any(any(said(s) for s in section.sentences()) for section in reading.sections_about("ontvangers"))
    return _RecipientWording(stated, denial, exception)


def _implied_recipient(reading: Reading, *, named_counts: bool):
    """The first word that implies a recipient ("hosting", "zorgverzekeraar", "PayPal"). Where the sentence
    names the vendor ("de nieuwsbrief via Mailchimp") the recipient is named, which counts as telling
    it only when ``named_counts`` (not when the statement also says nothing is shared)."""
    entities = reading.vocab.terms("third_country_recipients")
    for sentence, match in reading.matches("statement_elements", ids={"verwerker_impliciet", "ontvanger_impliciet"}):
        if not reading.signal(sentence, match):
            continue
        if named_counts and (entities.search(sentence.text) or reading.first(
                "statement_elements", ids={"rechtsvorm"}, sentences=[sentence])):
            continue
        return sentence, match
    if not named_counts:
        for sentence, match in reading.matches("third_country_recipients"):
            if reading.signal(sentence, match):
                return sentence, match
    return None


def _register_recipients(register: Register | None, vocab):
    if register is None:
        return None
    for activity in register.activities:
        for key in ("verwerkers", "ontvangers"):
            field = activity.get(key)
            if has_value(field) and not vocab.is_none(field.text):
                return field
    return None


@rule(id="AVG905", slug="verklaring-ontvangers", severity="warning", scope="statement", articles=("13(1)(e)",),
      title=("The privacy statement says nothing about recipients, although it implies them.",
             "De privacyverklaring zegt niets over ontvangers, terwijl die er wel zijn."))
def recipients(statement: Statement, ctx):
    """
    ## What it checks
    That a statement which implies that others handle the data (a CRM tool, hosting, a
    mailing tool, analytics or advertising networks, a payroll administrator, Google or
    another platform) says who receives the data: a section such as "Met wie delen wij uw
    gegevens?", or sentences naming recipients, processors or categories of them. With a
    register in the same run, processors or recipients recorded there count as implied
    too (related location: the register's field). What a statement does also implies
    recipients: a carrier for a delivery, the health insurer for a claim, a referral, a
    company doctor, a shop or payment platform. A vendor named as the tool ("de nieuwsbrief
    via Mailchimp") names its recipient. Two denials are read as such: "niet met derden,
    tenzij dit nodig is" announces recipients without naming them (reported there), and
    "No information is shared" beside a named vendor (PayPal) or an implied recipient is
    contradicted by the statement itself (reported at the denial). A heading that asks
    ("When do we share personal data?") names no recipient: what it heads says. Sharing
    only on conditions ("Persoonsgegevens worden uitsluitend gedeeld indien:" followed by
    the conditions, "Voorbeeld b.v. verstrekt uitsluitend aan derden en alleen als dit nodig
    is …": the organisation that shares is no recipient) names no recipient either, and a section about recipients that says
    no more than a denial or such conditions does not state them.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count
    as naming a recipient.

    ## Why
    Art. 13(1)(e) requires "the recipients or categories of recipients of the personal
    data, if any". Processors are recipients (Art. 4(9)): a statement that mentions "ons
    CRM-tool" but never says who runs it hides a recipient.

    ## Example
    ```markdown
    # Privacyverklaring

    Wij versturen mailings met ons CRM-tool.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    Wij versturen mailings met ons CRM-tool.

    ## Met wie delen wij uw gegevens?

    Ons CRM-tool wordt gehost door Hosting Noord B.V., die de gegevens als verwerker in
    onze opdracht bewaart.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verklaring waaruit blijkt dat anderen de gegevens verwerken (een CRM-tool,
    hosting, een mailingprogramma, analyse- of advertentienetwerken, een salarisadministratie,
    Google of een ander platform) zegt wie de gegevens ontvangen: een deel zoals "Met wie
    delen wij uw gegevens?", of zinnen die ontvangers, verwerkers of categorieën daarvan
    noemen. Met een register in dezelfde run tellen de verwerkers of ontvangers uit het
    register ook mee (gerelateerde plek: dat veld in het register). Ook wat een verklaring
    doet, brengt ontvangers mee: een vervoerder voor een bezorging, de zorgverzekeraar voor
    een declaratie, een doorverwijzing, een bedrijfsarts, een winkel- of betaalplatform.
    Een leverancier die als middel genoemd wordt ("de nieuwsbrief via Mailchimp") noemt
    zijn ontvanger. Twee ontkenningen worden als zodanig gelezen: "niet met derden, tenzij
    dit nodig is" kondigt ontvangers aan zonder ze te noemen (daar gemeld), en "er wordt
    niets gedeeld" naast een genoemde leverancier (PayPal) of een ontvanger die eruit
    volgt, wordt door de verklaring zelf weersproken (gemeld bij de ontkenning). Een kop die
    vraagt ("Wanneer delen wij persoonsgegevens?") noemt geen ontvanger: wat eronder staat zegt het.
    Alleen onder voorwaarden delen ("Persoonsgegevens worden uitsluitend gedeeld indien:" met de
    voorwaarden eronder, "Voorbeeld b.v. verstrekt uitsluitend aan derden en alleen als dit
    nodig is …": de organisatie die deelt is geen ontvanger) noemt ook geen ontvanger, en een deel over ontvangers dat niet meer
    zegt dan een ontkenning of zulke voorwaarden, noemt ze niet.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet als het noemen van een ontvanger.

    ## Waarom
    Art. 13 lid 1 sub e vraagt "in voorkomend geval, de ontvangers of categorieën van
    ontvangers van de persoonsgegevens". Verwerkers zijn ontvangers (art. 4 sub 9): een
    verklaring die "ons CRM-tool" noemt maar nergens zegt wie dat beheert, verzwijgt een
    ontvanger.

    ## Voorbeeld

    ## Beter
    """
    reading = statement_reading(statement, ctx.vocab)
    wording = _recipient_wording(reading)
    if wording.stated:
        return
    if wording.exception is not None:
        sentence, match = wording.exception
        yield report(sentence.span,
                     "The statement says data are shared with others in some cases but not with whom: name the "
                     "recipients or their categories (for example the health insurer, the carrier, processors) "
                     "(Art. 13(1)(e)).",
                     "De verklaring zegt dat gegevens in sommige gevallen met anderen gedeeld worden, maar niet met "
                     "wie: noem de ontvangers of hun categorieën (bijvoorbeeld de zorgverzekeraar, de vervoerder, "
                     "verwerkers) (art. 13 lid 1 sub e).")
        return
    implied = _implied_recipient(reading, named_counts=wording.denial is None)
    if implied is not None and wording.denial is not None:
        sentence, match = wording.denial
        used = implied[1].text
        yield report(sentence.span,
                     f"The statement says nothing is shared, yet it names '{used}', which receives the data: name the "
                     "recipients or their categories, processors included (Art. 13(1)(e), 4(9)).",
                     f"De verklaring zegt dat niets gedeeld wordt, maar noemt '{used}', dat de gegevens ontvangt: noem "
                     "de ontvangers of hun categorieën, verwerkers inbegrepen (art. 13 lid 1 sub e, 4 sub 9).")
        return
    if implied is not None:
        sentence, match = implied
        yield report(sentence.span_of(match.start, match.end),
                     f"'{match.text}' implies that others process the data, but the statement never says who receives "
                     "them: add a section 'Met wie delen wij uw gegevens?' naming the recipients or categories of "
                     "recipients, processors included (Art. 13(1)(e)).",
                     f"'{match.text}' betekent dat anderen de gegevens verwerken, maar de verklaring zegt nergens wie ze "
                     "ontvangen: voeg een deel 'Met wie delen wij uw gegevens?' toe met de ontvangers of categorieën "
                     "van ontvangers, verwerkers inbegrepen (art. 13 lid 1 sub e).")
        return
    field = _register_recipients(ctx.register, ctx.vocab)
    if field is not None:
        yield report(where_missing(statement),
                     f"The register records recipients or processors ('{field.text}') but the statement says nothing "
                     "about recipients: name them or their categories (Art. 13(1)(e)).",
                     f"Het register noemt ontvangers of verwerkers ('{field.text}') maar de verklaring zegt niets over "
                     "ontvangers: noem ze of hun categorieën (art. 13 lid 1 sub e).",
                     related=(related_field(field, "Recipients in the register.", "Ontvangers in het register."),))


# ---------------------------------------------------------------------------------------------
# AVG906 transfers


def _register_transfer(register: Register | None, vocab):
    """The register's first record of a transfer outside the EEA (a field), or None."""
    if register is None:
        return None
    countries = vocab.terms("countries")
    for activity in register.activities:
        field = activity.get("doorgifte")
        if has_value(field) and not vocab.is_none(field.text):
            return field
    for processor in register.processors:
        field = processor.own("land")
        if has_value(field):
            match = countries.search(field.text)
            if match is not None and match.entry.get("eer") is False:
                return field
    return None


@rule(id="AVG906", slug="verklaring-doorgifte", severity="warning", scope="statement",
      articles=("13(1)(f)", "14(1)(f)"),
      title=("Recipients outside the EEA without information on the transfer.",
             "Ontvangers buiten de EER zonder informatie over de doorgifte."))
def transfers(statement: Statement, ctx):
    """
    ## What it checks
    That a statement mentioning a recipient that implies a transfer outside the EEA
    (Google, Meta/Facebook, LinkedIn, Microsoft, Mailchimp and the other entities of the
    recipients vocabulary), a third country (not the country in a law's name: "UK GDPR"),
    or "buiten de EER" also says how the transfer is protected: an adequacy decision, the EU-US Data Privacy Framework, standard
    contractual clauses, binding corporate rules. A statement that still relies on Privacy
    Shield or Safe Harbor is an error. With a register in the same run, a transfer the
    register records (`doorgifte`, or a `verwerker` outside the EEA) that the statement
    never mentions is reported too, with the register's field as related location.

    Each such recipient, country or wording is reported once, where the statement first
    says data go there (else where it says it uses it), unless the statement names a
    safeguard for transfers in general (in a paragraph or a section about transfers); a
    safeguard in one recipient's own item ("Acuity: boekingen (VS,
    standaardcontractbepalingen)") covers that item only, and so does one a party states for
    its own transfers ("FastSpring (Bright Market, LLC) … FastSpring may transfer data … with
    Standard Contractual Clauses"): it says nothing of the organisation's transfers. A
    passage that relies on Privacy Shield gets that error, not a second finding. A payment
    service provider the customer pays through (PayPal, Stripe, Amazon Pay) is a controller
    of the payment in its own right (EDPB Guidelines 06/2020): the shop transfers nothing to
    it. A controller outside
    the EEA that names its own supervisory authority or law (a UK group pointing to the ICO
    or the UK GDPR) is at home in that country: "a right to work in the UK" is no transfer.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count.

    ## Why
    Art. 13(1)(f) and 14(1)(f) require "the fact that the controller intends to transfer
    personal data to a third country … and the existence or absence of an adequacy
    decision, or … reference to the appropriate or suitable safeguards and the means by
    which to obtain a copy of them". Privacy Shield was invalidated by the CJEU
    (C-311/18 Schrems II, 16 July 2020).

    ## Example
    ```markdown
    # Privacyverklaring

    Wij geven profielinformatie door aan LinkedIn en Google Ads.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    Wij geven profielinformatie door aan LinkedIn en Google Ads. Deze bedrijven verwerken
    gegevens in de Verenigde Staten; zij zijn gecertificeerd onder het EU-US Data Privacy
    Framework, waarvoor een adequaatheidsbesluit van de Europese Commissie geldt.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verklaring die een ontvanger noemt waarbij gegevens buiten de EER gaan
    (Google, Meta/Facebook, LinkedIn, Microsoft, Mailchimp en de andere partijen uit de
    woordenlijst van ontvangers), een derde land (niet het land in de naam van een wet: "UK
    GDPR"), of "buiten de EER", ook zegt hoe die
    doorgifte beschermd is: een adequaatheidsbesluit, het EU-US Data Privacy Framework,
    standaardcontractbepalingen, bindende bedrijfsvoorschriften. Een verklaring die nog op
    Privacy Shield of Safe Harbor steunt, is een fout. Met een register in dezelfde run
    wordt ook een doorgifte gemeld die het register vastlegt (`doorgifte`, of een
    `verwerker` buiten de EER) maar die de verklaring nergens noemt, met dat veld in het
    register als gerelateerde plek.

    Elke zulke ontvanger, elk land en elke formulering wordt één keer gemeld, waar de
    verklaring voor het eerst zegt dat gegevens erheen gaan (anders waar ze zegt die te
    gebruiken), tenzij de verklaring een waarborg noemt voor doorgifte in het algemeen (in
    een alinea of een paragraaf over doorgifte); een waarborg in het eigen punt van één
    ontvanger ("Acuity: boekingen (VS, standaardcontractbepalingen)") dekt alleen dat punt, en
    ook een waarborg die een partij voor haar eigen doorgifte noemt ("FastSpring (Bright
    Market, LLC) … FastSpring may transfer data … with Standard Contractual Clauses"): die
    zegt niets over de doorgifte van de organisatie. Een passage die op Privacy Shield steunt,
    krijgt die fout, geen tweede melding. Een betaaldienst waarmee de klant betaalt (PayPal,
    Stripe, Amazon Pay) is zelf verwerkingsverantwoordelijke
    voor de betaling (EDPB-richtsnoeren 06/2020): de winkel geeft er niets aan door. Een
    verwerkingsverantwoordelijke buiten de EER die zijn eigen toezichthouder of wet noemt (een
    Britse vereniging die naar de ICO of de UK GDPR verwijst) is in dat land thuis: "a right to
    work in the UK" is geen doorgifte.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee.

    ## Waarom
    Art. 13 lid 1 sub f en 14 lid 1 sub f vragen "dat de verwerkingsverantwoordelijke het
    voornemen heeft de persoonsgegevens door te geven aan een derde land … en het al dan
    niet bestaan van een adequaatheidsbesluit van de Commissie, of … de passende of
    geschikte waarborgen, hoe er een kopie van kan worden verkregen". Privacy Shield is
    door het Hof van Justitie ongeldig verklaard (C-311/18 Schrems II, 16 juli 2020).

    ## Voorbeeld

    ## Beter
    """
    reading = statement_reading(statement, ctx.vocab)
    history = ctx.vocab.terms("transfer_history")
    invalid: set[int] = set()  # the blocks that rely on an invalid mechanism: reported here, once
    for sentence, match in reading.matches("invalid_transfer_mechanisms"):
        if any(m.entry.get("id") == "vervallen" for m in history.find(sentence.text)) or \
                reading.negated(sentence, match.start, match.end):
            continue   # the sentence tells of its end ("Privacy Shield, dat het Hof ongeldig verklaarde")
        invalid.add(sentence.block.index)
        yield report(sentence.span_of(match.start, match.end),
                     f"'{match.text}' is no longer a valid basis for transfers (CJEU C-311/18 Schrems II; C-362/14): "
                     "name the mechanism used now, e.g. the EU-US Data Privacy Framework or standard contractual "
                     "clauses (Art. 13(1)(f), 45, 46).",
                     f"'{match.text}' is geen geldige grondslag voor doorgifte meer (HvJ C-311/18 Schrems II; "
                     "C-362/14): noem het mechanisme dat nu wordt gebruikt, bijvoorbeeld het EU-US Data Privacy "
                     "Framework of standaardcontractbepalingen (art. 13 lid 1 sub f, 45, 46).", severity="error")
    transfer_words = ctx.vocab.terms("third_country_phrases")

    def about_transfers(sentence) -> bool:
        return transfer_words.search(sentence.text) is not None or "doorgifte" in reading.topics(sentence.section)

    mechanisms = [(s, m) for s, m in reading.matches("transfer_mechanisms")
                  if not reading.negated(s, m.start, m.end)
                  and (m.entry.get("soort") in ("adequaatheid", "passende_waarborg") or about_transfers(s))]
    own_voice, parties = ctx.vocab.terms("own_voice"), ctx.vocab.terms("eea_organisations")

    def of_a_party(sentence) -> bool:
        """A safeguard a party outside the EEA states for its own transfers: its paragraph names it ("FastSpring
        (Bright Market, LLC)"), and the sentence does not speak for the organisation ("wij", "we")."""
        return own_voice.search(sentence.text) is None and (
            any(m.entry.get("id") == "buiten_eer" for m in parties.find(sentence.block.text))
            or any(s.block is sentence.block for s, _ in reading.matches("third_country_recipients")))

    # a safeguard said of transfers in general covers them all; one said in a recipient's own list item or row
    # ("Acuity Scheduling: boekingsbeheer (VS, EU-standaardcontractbepalingen)") or by a party of its own
    # transfers covers that recipient only
    if any((about_transfers(s) or s.block.kind == "paragraph") and not of_a_party(s) for s, _ in mechanisms):
        return
    covered = {s.block.index for s, _ in mechanisms} | invalid
    signals = []
    for sentence, match in reading.matches("third_country_recipients"):
        if reading.signal(sentence, match) and not match.entry.get("betaaldienst"):
            signals.append((sentence, match))
    for sentence, match in reading.matches("third_country_phrases"):
        if reading.signal(sentence, match):
            signals.append((sentence, match))
    law_names = ctx.vocab.terms("country_law_names")
    # a controller established outside the EEA (its own authority or law named: the ICO, the UK GDPR) is at
    # home there: the country is no destination
    home = {m.entry["land"] for s, m in reading.matches("home_country_signs") if reading.signal(s, m)}
    for sentence, match in reading.matches("countries"):
        if match.entry.get("id") in home:
            continue
        rest = sentence.text[match.end:]
        in_law_name = law_names.match(sentence.text, match.end + len(rest) - len(rest.lstrip())) is not None
        if match.entry.get("eer") is False and reading.signal(sentence, match) and not in_law_name:
            signals.append((sentence, match))   # not the "UK" of "UK GDPR": a country in a law's name
    signals = [(sentence, match) for sentence, match in signals if sentence.block.index not in covered]
    by_party: dict[str, list] = {}
    for sentence, match in signals:
        by_party.setdefault(match.entry.get("id") or match.text.casefold(), []).append((sentence, match))
    # one finding per recipient, country or wording outside the EEA: each needs its own safeguard (where the
    # statement first says data go there, "overgebracht naar en door Google opgeslagen", else where it says it uses
    # or shares something, "maakt gebruik van Firebase", else where it first names it)
    reported: set[int] = set()
    for found in sorted(by_party.values(), key=lambda pairs: min(s.index for s, _ in pairs)):
        found.sort(key=lambda pair: (not reading.cues(pair[0], "overbrengen"), not reading.cues(pair[0], "gebruik"),
                                     pair[0].index, pair[1].start))
        sentence, match = found[0]
        if sentence.index in reported:
            continue  # a country named with a recipient ("Google … servers in de Verenigde Staten"): one transfer
        reported.add(sentence.index)
        others = sorted({m.text for s, m in signals if s is sentence} - {match.text})
        also_en = f" (also: {', '.join(others[:6])})" if others else ""
        also_nl = f" (ook: {', '.join(others[:6])})" if others else ""
        means_en, means_nl = ("may mean", "kan betekenen") if match.entry.get("id") == "buitenland" else \
            ("means", "betekent")
        yield report(sentence.span_of(match.start, match.end),
                     f"'{match.text}'{also_en} {means_en} data go outside the EEA, but the statement says nothing about "
                     "the transfer: name the country, the safeguard (adequacy decision, Data Privacy Framework, standard "
                     "contractual clauses) and how to obtain a copy (Art. 13(1)(f)).",
                     f"'{match.text}'{also_nl} {means_nl} dat gegevens buiten de EER gaan, maar de verklaring zegt niets "
                     "over die doorgifte: noem het land, de waarborg (adequaatheidsbesluit, Data Privacy Framework, "
                     "standaardcontractbepalingen) en hoe een kopie te krijgen is (art. 13 lid 1 sub f).")
    if signals:
        return
    field = _register_transfer(ctx.register, ctx.vocab)
    if field is not None:
        yield report(where_missing(statement),
                     f"The register records a transfer outside the EEA ('{field.text}') that the statement does not "
                     "mention: name the country, the safeguard and how to obtain a copy (Art. 13(1)(f)).",
                     f"Het register legt een doorgifte buiten de EER vast ('{field.text}') die de verklaring niet noemt: "
                     "vermeld het land, de waarborg en hoe een kopie te krijgen is (art. 13 lid 1 sub f).",
                     related=(related_field(field, "The transfer in the register.", "De doorgifte in het register."),))
