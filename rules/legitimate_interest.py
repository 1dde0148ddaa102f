"""Legitimate interest (AVG3xx): Art. 6(1)(f) and the ePrivacy overlap.

Legitimate interests is the basis that asks the most of the register: the interest
itself (Art. 13(1)(d)), a balancing test (Art. 6(1)(f), 5(2)), and it is closed to
public authorities for their tasks and, through the Telecommunicatiewet, to
tracking cookies and electronic marketing without consent.

These rules run once per register and walk the activities themselves, so that a
basis or text written on a `groep` or the `organisatie` (and so in force for many
activities) is reported once, where it is written, and not once per activity.
Activities of a processor (``rol: verwerker``) are skipped: the basis and the
interest are the controller's (AVG110 asks who that is).

The helpers in ``_common`` (``find_affirmed``, ``each_once``, ``basis_of``,
``written_on``, ``texts``) are shared with the consent family (AVG4xx).
"""

from __future__ import annotations

from avglint.model import Activity, Field
from avglint.registry import report, rule, statement_check
from avglint.statement import Statement

from ._common import (
    ON_LEGITIMATE_INTEREST,
    WORDS,
    allocated,
    basis_of,
    basis_span,
    controller_basis,
    each_once,
    either,
    find_affirmed,
    is_public_authority,
    mentions,
    named_letters,
    span_in,
    states,
    texts,
    written_on,
)
from ._statement_reading import statement_reading

# --------------------------------------------------------------------------------------------
# AVG301


def _interest_after_basis(field: Field, reading, vocab) -> bool:
    """'Gerechtvaardigd belang om fraude te voorkomen': the basis is followed by what it is for."""
    text = reading.text
    spans = sorted((p.start, p.end) for p in [*reading.mentions, *reading.citations])
    connectors = vocab.terms("interest_connectors")
    for part in reading.mentions:
        if part.letter != "f":
            continue
        pos = part.end
        while True:  # skip white space, citations, brackets that hold only a citation, closing quotes
            while pos < len(text) and text[pos] in " \t\r\n\u00a0\"'\u201d\u2019":
                pos += 1
            nxt = next((e for s, e in spans if s == pos and e > pos), None)
            if nxt is not None:
                pos = nxt
                continue
            if pos < len(text) and text[pos] == "(":
                close = text.find(")", pos)
                if close > 0 and any(pos < s and e <= close + 1 for s, e in spans):
                    pos = close + 1
                    continue
            break
        hit = connectors.match(text, pos) if pos < len(text) else None
        if hit is None:
            continue
        rest = text[hit.end:]
        rest = rest.split(", ", 1)[0]  # the item, not the next one
        if len([w for w in WORDS.findall(rest) if len(w) >= 3]) >= 2:
            return True
    return False


def interest_stated(activity: Activity, field: Field, reading, vocab) -> bool:
    return (states(activity.get("belang"), vocab) or reading.inline_interest is not None
            or _interest_after_basis(field, reading, vocab)
            or vocab.terms("balancing_test").search(field.text) is not None)


def _li_without_interest(activity: Activity, ctx):
    vocab = ctx.vocab
    found = controller_basis(activity, vocab, "f")
    if found is None:
        return
    field, reading, letters = found
    if len(letters) > 1 and not allocated(field, vocab, activity.get("doel")):
        return  # several bases without allocation: AVG204/AVG405 ask to allocate first
    if interest_stated(activity, field, reading, vocab):
        return
    where_en, where_nl = written_on(field, activity)
    yield report(basis_span(field, reading, "f"),
                 f"'{field.text}' names legitimate interests but not the interest pursued{where_en}: add 'belang' "
                 "with the interest (e.g. 'interest: being able to handle complaints') and a reference to the balancing test "
                 "(Art. 6(1)(f), 13(1)(d); C-621/22).",
                 f"'{field.text}' noemt gerechtvaardigd belang maar niet welk belang wordt behartigd{where_nl}: voeg "
                 "'belang' toe met het belang (bijvoorbeeld 'belang: klachten kunnen afhandelen') en een verwijzing "
                 "naar de belangenafweging (art. 6 lid 1 sub f, 13 lid 1 sub d; C-621/22).", field="grondslag")


@rule(id="AVG301", slug="gerechtvaardigd-belang-zonder-afweging", severity="warning", scope="register",
      needs=ON_LEGITIMATE_INTEREST,
      articles=("6(1)(f)", "13(1)(d)", "5(2)"),
      title=("Legitimate interests without the interest pursued or a balancing test.",
             "Gerechtvaardigd belang zonder het belang of een belangenafweging."))
def legitimate_interest_without_balancing(register, ctx):
    """
    ## What it checks
    That an activity on legitimate interests (Art. 6(1)(f)) says which interest it pursues.
    Any of these is enough:
    - a `belang` field;
    - the interest written after the basis, after a dash or colon
      ("Gerechtvaardigd belang – klachten kunnen oplossen") or with "om", "voor", "ten
      behoeve van" ("Gerechtvaardigd belang om fraude te voorkomen");
    - a reference to a documented balancing test in `grondslag` ("belangenafweging",
      "LIA-2024-07", "DPIA-2024-02").

    A basis written on a `groep` is reported once, where it is written. When the basis
    names several bases without saying which covers what, AVG204 (or AVG405 for
    consent) asks for that first, and this rule waits. A processor's activities are
    skipped: the interest is the controller's.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Legitimate interests is a basis only when the interest is identified, the processing
    is necessary for it, and it is not overridden by the data subject's interests
    (Art. 6(1)(f)). The controller must be able to show that balancing (Art. 5(2)) and
    must tell data subjects the interest (Art. 13(1)(d)). A purely commercial interest
    can be legitimate (CJEU C-621/22 KNLTB), but it has to be named (C-394/23 Mousse).

    ## Example
    ```avg
    verwerking "Klachtenregistratie" {
        doel: klachten van klanten vastleggen en oplossen
        grondslag: Gerechtvaardigd belang
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klachtenregistratie" {
        doel: klachten van klanten vastleggen en oplossen
        grondslag: Gerechtvaardigd belang
        belang: klachten kunnen onderzoeken en oplossen (belangenafweging LIA-2024-07)
    }
    ```

    ## References
    - CJEU C-621/22 KNLTB (4 October 2024); C-394/23 Mousse (9 January 2025).
    - EDPB Guidelines 1/2024 on processing based on Article 6(1)(f) GDPR.
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking op gerechtvaardigd belang (art. 6 lid 1 sub f) zegt welk belang
    wordt behartigd. Elk van deze is genoeg:
    - een veld `belang`;
    - het belang na de grondslag, na een gedachtestreepje of dubbele punt
      ("Gerechtvaardigd belang – klachten kunnen oplossen") of met "om", "voor", "ten
      behoeve van" ("Gerechtvaardigd belang om fraude te voorkomen");
    - een verwijzing naar een vastgelegde belangenafweging in `grondslag`
      ("belangenafweging", "LIA-2024-07", "DPIA-2024-02").

    Een grondslag op een `groep` wordt één keer gemeld, waar hij staat. Noemt de grondslag
    meerdere grondslagen zonder te zeggen welke waarvoor geldt, dan vraagt AVG204 (of
    AVG405 bij toestemming) daar eerst om, en wacht deze regel. Verwerkingen van een
    verwerker worden overgeslagen: het belang is dat van de verwerkingsverantwoordelijke.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Gerechtvaardigd belang is alleen een grondslag als het belang benoemd is, de
    verwerking daarvoor noodzakelijk is en de belangen van de betrokkene niet zwaarder
    wegen (art. 6 lid 1 sub f). De verwerkingsverantwoordelijke moet die afweging kunnen
    aantonen (art. 5 lid 2) en het belang aan betrokkenen meedelen (art. 13 lid 1 sub d).
    Een zuiver commercieel belang kan gerechtvaardigd zijn (HvJ EU C-621/22 KNLTB), maar
    het moet genoemd worden (C-394/23 Mousse).

    ## Voorbeeld

    ## Beter

    ## Bronnen
    - HvJ EU C-621/22 KNLTB (4 oktober 2024); C-394/23 Mousse (9 januari 2025).
    - EDPB-richtsnoeren 1/2024 over verwerking op grond van artikel 6 lid 1 sub f AVG.
    """
    yield from each_once(register, ctx, _li_without_interest)


# --------------------------------------------------------------------------------------------
# AVG302


def _authority_on_li(activity: Activity, ctx):
    if activity.role != "controller":
        return
    vocab = ctx.vocab
    if not is_public_authority(activity, vocab):
        return
    field, reading = basis_of(activity, vocab)
    if reading is None or "f" not in named_letters(reading):
        return
    for _key, _field, text in texts(activity, ("grondslag", "belang", "doel", "omschrijving")):
        if find_affirmed(vocab, "outside_public_task", text):
            return  # the authority says it acts outside its public tasks
    where_en, where_nl = written_on(field, activity)
    organisation = activity.register.organisation
    yield report(basis_span(field, reading, "f"),
                 f"'{organisation.name or 'The organisation'}' is a public authority, and legitimate interests is not "
                 f"a basis for processing in the performance of its tasks{where_en}: use the statutory task "
                 "('Taak van algemeen belang' with the law that lays it down) or a legal obligation; if this "
                 "processing falls outside the public tasks, say so in 'belang' (Art. 6(1), second subparagraph; "
                 "recital 47).",
                 f"'{organisation.name or 'De organisatie'}' is een overheidsinstantie, en gerechtvaardigd belang is "
                 f"geen grondslag voor verwerking bij de uitoefening van haar taken{where_nl}: gebruik de wettelijke "
                 "taak ('Taak van algemeen belang' met de wet waarin die staat) of een wettelijke verplichting; valt "
                 "deze verwerking buiten de publieke taak, zeg dat dan in 'belang' (art. 6 lid 1, tweede alinea; "
                 "overweging 47).", field="grondslag")


@rule(id="AVG302", slug="overheid-op-gerechtvaardigd-belang", severity="error", scope="register",
      needs=ON_LEGITIMATE_INTEREST,
      articles=("6(1)",),
      title=("A public authority relies on legitimate interests.",
             "Een overheidsinstantie beroept zich op gerechtvaardigd belang."))
def authority_on_legitimate_interest(register, ctx):
    """
    ## What it checks
    That an organisation whose `type` is a public authority (`overheid`, `gemeente`,
    `bestuursorgaan`, `public authority` …) does not base an activity on legitimate
    interests. An activity that says it falls outside the public tasks ("buiten de
    publieke taak", "als private partij") passes. A basis written on a `groep` is
    reported once, where it is written.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 6(1), second subparagraph: point (f) "shall not apply to processing carried out
    by public authorities in the performance of their tasks". The legislator provides the
    basis for public authorities (recital 47): a public task (e) or a legal obligation
    (c), laid down by law (Art. 6(3)).

    ## Example
    ```avg
    organisatie "Gemeente Voorbeeld" {
        type: overheid
    }
    verwerking "Handhaving parkeervergunningen" {
        grondslag: Gerechtvaardigd belang
    }
    ```

    ## Use instead
    ```avg
    organisatie "Gemeente Voorbeeld" {
        type: overheid
    }
    verwerking "Handhaving parkeervergunningen" {
        grondslag: Taak van algemeen belang (art. 225 Gemeentewet)
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een organisatie waarvan `type` een overheidsinstantie is (`overheid`, `gemeente`,
    `bestuursorgaan`, `public authority` …) geen verwerking op gerechtvaardigd belang
    baseert. Een verwerking die zegt buiten de publieke taak te vallen ("buiten de
    publieke taak", "als private partij") is in orde. Een grondslag op een `groep` wordt
    één keer gemeld, waar hij staat.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 6 lid 1, tweede alinea: punt f "geldt niet voor de verwerking door
    overheidsinstanties in het kader van de uitoefening van hun taken". De wetgever geeft
    overheidsinstanties hun grondslag (overweging 47): een taak van algemeen belang (e) of
    een wettelijke verplichting (c), vastgelegd in de wet (art. 6 lid 3).

    ## Voorbeeld

    ## Beter
    """
    yield from each_once(register, ctx, _authority_on_li)


# --------------------------------------------------------------------------------------------
# AVG303

_CHANNEL_KEYS = ("doel", "omschrijving", "naam", "gegevens", "systemen")
_OPT_OUT_KEYS = (*_CHANNEL_KEYS, "grondslag", "belang")
_EXCEPTION_KEYS = (*_CHANNEL_KEYS, "betrokkenen", "grondslag", "belang")
_RANK = {"note": 0, "warning": 1, "error": 2}


def _is_opt_out(match) -> bool:
    return match.entry.get("kanaal") == "opt-out"


def _is_channel(match) -> bool:
    return match.entry.get("kanaal") != "opt-out"


def _not_exempt(match) -> bool:
    return match.entry.get("niveau", "warning") in _RANK


# what AVG303 reports is always one of these, in a text it reads: cookies that are not exempt, or a marketing channel
_COOKIES_OR_CHANNEL = either(mentions("eprivacy_cookies", _not_exempt), mentions("eprivacy_marketing", _is_channel))


def _first(activity: Activity, vocab, termset: str, keys, accept=lambda m: True):
    """The first affirmed match in the fields named, as (key, field, match)."""
    for key, field, text in texts(activity, keys):
        for match in find_affirmed(vocab, termset, text):
            if accept(match):
                return key, field, match
    return None


def _cookie_message(level: str, quoted: str, how_en: str, how_nl: str) -> tuple[str, str]:
    if level == "note":
        return (f"{quoted} {how_en}: cookies that are not strictly necessary or low-impact analytics need prior "
                "consent (Telecommunicatiewet 11.7a); say which cookies are placed, and put tracking or advertising "
                "cookies on 'Toestemming'.",
                f"{quoted} {how_nl}: cookies die niet strikt noodzakelijk of analytisch met weinig impact zijn, vragen "
                "vooraf toestemming (Telecommunicatiewet 11.7a); zeg welke cookies worden geplaatst, en baseer "
                "tracking- of advertentiecookies op 'Toestemming'.")
    return (f"{quoted} {how_en}: tracking cookies, pixels and remarketing need prior consent (Telecommunicatiewet "
            "11.7a; CJEU C-673/17 Planet49); use 'Toestemming' with 'intrekken' (e.g. 'via de cookie-instellingen').",
            f"{quoted} {how_nl}: trackingcookies, pixels en remarketing vragen vooraf toestemming "
            "(Telecommunicatiewet 11.7a; HvJ EU C-673/17 Planet49); gebruik 'Toestemming' met 'intrekken' "
            "(bijvoorbeeld 'via de cookie-instellingen').")


def _marketing_message(channel: str | None, quoted: str, how_en: str, how_nl: str) -> tuple[str, str]:
    if channel == "telefoon":
        return (f"{quoted} {how_en}: telemarketing to natural persons needs prior consent unless they are customers "
                "(Telecommunicatiewet 11.7, since 1 July 2021); use 'Toestemming', or state the customer relationship "
                "the calls rely on.",
                f"{quoted} {how_nl}: telemarketing naar natuurlijke personen vraagt vooraf toestemming, tenzij zij "
                "klant zijn (Telecommunicatiewet 11.7, sinds 1 juli 2021); gebruik 'Toestemming', of noem de "
                "klantrelatie waarop de gesprekken steunen.")
    return (f"{quoted} {how_en}: electronic marketing messages need prior consent, except to existing customers for "
            "similar own products with an opt-out in every message (Telecommunicatiewet 11.7); use 'Toestemming' "
            "with 'intrekken', or state that only existing customers receive them.",
            f"{quoted} {how_nl}: elektronische reclameberichten vragen vooraf toestemming, behalve aan bestaande "
            "klanten voor eigen soortgelijke producten met een afmeldmogelijkheid in elk bericht "
            "(Telecommunicatiewet 11.7); gebruik 'Toestemming' met 'intrekken', of zeg dat alleen bestaande klanten "
            "ze ontvangen.")


def _how(on_li: bool) -> tuple[str, str]:
    return ("on legitimate interests", "op gerechtvaardigd belang") if on_li else ("as opt-out", "als opt-out")


def _strongest_cookie(vocab, text: str, on_li: bool):
    """(level, match) of the most serious affirmed cookie/tracking wording in ``text``, or None."""
    best = None
    for match in find_affirmed(vocab, "eprivacy_cookies", text):
        level = match.entry.get("niveau", "warning")
        if level not in _RANK:
            continue  # exempt cookies (functional, low-impact analytics)
        if not on_li and level == "error":
            level = "warning"
        if best is None or _RANK[level] > _RANK[best[0]]:
            best = (level, match)
    return best


def _eprivacy(activity: Activity, ctx):
    if activity.role != "controller":
        return
    vocab = ctx.vocab
    field, reading = basis_of(activity, vocab)
    letters = named_letters(reading) if reading is not None else set()
    if "a" in letters:
        return  # consent: how it is asked is AVG402's business
    on_li = "f" in letters
    opt_out = _first(activity, vocab, "eprivacy_marketing", _OPT_OUT_KEYS, _is_opt_out)
    if not on_li and opt_out is None:
        return
    how_en, how_nl = _how(on_li)
    # cookies, pixels, remarketing: Tw 11.7a has no customer exception
    best = None
    for key, fld, text in texts(activity, _CHANNEL_KEYS):
        found = _strongest_cookie(vocab, text, on_li)
        if found is not None and (best is None or _RANK[found[0]] > _RANK[best[0]]):
            best = (found[0], key, fld, found[1])
    if best is not None:
        level, key, fld, match = best
        en, nl = _cookie_message(level, f"'{match.text}' ({key})", how_en, how_nl)
        yield report(span_in(activity, fld, match.start, match.end), en, nl, severity=level, field=key)
    marketing = _first(activity, vocab, "eprivacy_marketing", _CHANNEL_KEYS, _is_channel)
    if marketing is None or _first(activity, vocab, "customer_relation_exception", _EXCEPTION_KEYS):
        return
    key, fld, match = marketing
    en, nl = _marketing_message(match.entry.get("kanaal"), f"'{match.text}' ({key})", how_en, how_nl)
    yield report(span_in(activity, fld, match.start, match.end), en, nl,
                 severity=match.entry.get("niveau", "warning"), field=key)


@rule(id="AVG303", slug="eprivacy-toestemming-vereist", severity="warning", scope="register",
      needs=dict.fromkeys(_CHANNEL_KEYS, _COOKIES_OR_CHANNEL),
      articles=("6(1)(a)", "6(1)(f)", "Tw 11.7", "Tw 11.7a"),
      title=("Tracking cookies or electronic marketing without consent.",
             "Trackingcookies of elektronische marketing zonder toestemming."))
def eprivacy_consent_required(register, ctx):
    """
    ## What it checks
    Activities that place tracking or advertising cookies, pixels or remarketing tags,
    send e-mail, SMS or app marketing, or do telemarketing, on legitimate interests or
    described as opt-out ("opt-out", "afmelden", "tenzij u bezwaar maakt"). It reads the
    activity's name, `doel`, `omschrijving`, `gegevens` and `systemen`; negated wording
    ("geen tracking cookies") does not count.
    - **error**: tracking cookies, pixels or remarketing on legitimate interests;
    - **warning**: e-mail, SMS or telephone marketing, unless the activity says it
      reaches existing customers only ("bestaande klanten", "soft opt-in") or the
      association's own members ("aan uitsluitend alle leden", "ledenblad"), or tracking
      described as opt-out on another basis;
    - **note**: cookies without saying which kind. Functional and analytics cookies
      ("functionele cookies", "analytische cookies") are exempt and not reported.

    Consent-based activities are left to AVG401/AVG402. A processor's activities are
    skipped. Text written on a `groep` is reported once, where it is written.

    In a privacy statement the same is read per paragraph or list item, and also e-mail
    marketing for what others offer ("onze diensten, of die van een beperkt aantal bevriende
    verenigingen", "advertorials via email", "aanbiedingen van onze partners") without consent
    in the same sentence: the soft opt-in covers the organisation's own similar products only.
    And tracking the statement describes ("volgt jouw surfgedrag over verschillende websites",
    "tracking cookies", a pixel) while it asks no consent to cookies anywhere: no consent in a
    sentence about cookies or in the cookie section, no cookie banner, no separate cookie
    policy. Refusing cookies in the browser is no consent. And Google Analytics (a third
    party's analytics) where the statement asks no consent to cookies and describes no
    privacy-friendly set-up (the IP address masked, data sharing switched off): only so set
    up is it an exempt analytics cookie (AP).

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    The Telecommunicatiewet (implementing the ePrivacy Directive) requires prior consent
    for reading or storing information on a user's device, except for functional and
    low-impact analytics cookies (art. 11.7a), and for unsolicited electronic marketing
    (art. 11.7), with a soft opt-in for existing customers. Since 1 July 2021 telemarketing
    to natural persons also needs consent unless they are customers. Legitimate interests
    cannot replace that consent, and a pre-ticked box or silence is no consent (CJEU
    C-673/17 Planet49).

    ## Example
    ```avg
    verwerking "Remarketing" {
        doel: websitebezoekers advertenties tonen met remarketing
        grondslag: Gerechtvaardigd belang
        belang: eigen producten onder de aandacht brengen
    }
    ```

    ## Use instead
    ```avg
    verwerking "Remarketing" {
        doel: websitebezoekers advertenties tonen met remarketing
        grondslag: Toestemming
        intrekken: te allen tijde via de cookie-instellingen onderaan elke pagina
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Verwerkingen die tracking- of advertentiecookies, pixels of remarketingtags plaatsen,
    reclame per e-mail, sms of app versturen, of aan telemarketing doen, op gerechtvaardigd
    belang of als opt-out beschreven ("opt-out", "afmelden", "tenzij u bezwaar maakt"). De
    regel leest de naam van de verwerking, `doel`, `omschrijving`, `gegevens` en
    `systemen`; ontkende tekst ("geen trackingcookies") telt niet.
    - **fout**: trackingcookies, pixels of remarketing op gerechtvaardigd belang;
    - **waarschuwing**: marketing per e-mail, sms of telefoon, tenzij de verwerking zegt
      alleen bestaande klanten te benaderen ("bestaande klanten", "soft opt-in") of de
      eigen leden van de vereniging ("aan uitsluitend alle leden", "ledenblad"), of
      tracking als opt-out op een andere grondslag;
    - **opmerking**: cookies zonder te zeggen welke. Functionele en analytische cookies
      ("functionele cookies", "analytische cookies") zijn vrijgesteld en worden niet gemeld.

    Verwerkingen op toestemming laat de regel aan AVG401/AVG402. Verwerkingen van een
    verwerker worden overgeslagen. Tekst op een `groep` wordt één keer gemeld, waar hij
    staat.

    In een privacyverklaring leest de regel hetzelfde per alinea of opsommingsteken, en ook
    e-mailmarketing voor wat anderen aanbieden ("onze diensten, of die van een beperkt aantal
    bevriende verenigingen", "advertorials via email", "aanbiedingen van onze partners")
    zonder toestemming in dezelfde zin: de soft opt-in geldt alleen voor eigen vergelijkbare
    producten. En volgen dat de verklaring beschrijft ("volgt jouw surfgedrag over verschillende
    websites", "tracking cookies", een pixel) terwijl ze nergens toestemming voor cookies vraagt:
    geen toestemming in een zin over cookies of in het deel over cookies, geen cookiebanner, geen
    apart cookiebeleid. Cookies weigeren in de browser is geen toestemming. En Google Analytics
    (analyse door een derde) waar de verklaring geen toestemming voor cookies vraagt en geen
    privacyvriendelijke instelling beschrijft (IP-adres gemaskeerd, gegevens delen uitgezet):
    alleen zo ingesteld is het een vrijgestelde analytische cookie (AP).

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    De Telecommunicatiewet (de Nederlandse uitvoering van de ePrivacyrichtlijn) vraagt
    vooraf toestemming voor het plaatsen of uitlezen van informatie op het apparaat van
    de gebruiker, behalve voor functionele en analytische cookies met weinig impact (art.
    11.7a), en voor ongevraagde elektronische reclameberichten (art. 11.7), met een
    uitzondering voor bestaande klanten. Sinds 1 juli 2021 vraagt ook telemarketing naar
    natuurlijke personen toestemming, tenzij zij klant zijn. Gerechtvaardigd belang kan die
    toestemming niet vervangen, en een vooraf aangevinkt vakje of zwijgen is geen
    toestemming (HvJ EU C-673/17 Planet49).

    ## Voorbeeld

    ## Beter
    """
    yield from each_once(register, ctx, _eprivacy)


# --------------------------------------------------------------------------------------------
# AVG304

_AI_KEYS = ("doel", "naam", "omschrijving")
_KIND = {
    "ai": ("training or building models and algorithms", "het trainen of bouwen van modellen en algoritmen"),
    "analyse": ("data analyses on personal data collected for other purposes",
                "data-analyses op persoonsgegevens die voor andere doelen zijn verzameld"),
    "test": ("testing systems with (production) personal data",
             "het testen van systemen met (productie)persoonsgegevens"),
}


def _ai_without_balancing(activity: Activity, ctx):
    if activity.role != "controller":
        return
    vocab = ctx.vocab
    field, reading = basis_of(activity, vocab)
    if reading is None or "f" not in named_letters(reading):
        return
    if states(activity.get("dpia"), vocab) or states(activity.get("belang"), vocab):
        return
    if vocab.terms("balancing_test").search(field.text):
        return  # a documented balancing test or DPIA is referred to in the basis itself
    found = _first(activity, vocab, "ai_testdata", _AI_KEYS)
    if found is None:
        return
    if _first(activity, vocab, "ai_testdata_anonymous", (*_AI_KEYS, "gegevens")):
        return  # synthetic or anonymised data
    key, fld, match = found
    what_en, what_nl = _KIND.get(match.entry.get("soort"), _KIND["ai"])
    yield report(span_in(activity, fld, match.start, match.end),
                 f"'{match.text}' ({key}): {what_en} on legitimate interests, without 'belang' or 'dpia'. Record the "
                 "interest and the balancing test in 'belang' and the DPIA in 'dpia', including why this further use "
                 "is compatible and how data are minimised or pseudonymised (Art. 6(1)(f), 6(4), 25, 35; EDPB "
                 "Opinion 28/2024).",
                 f"'{match.text}' ({key}): {what_nl} op gerechtvaardigd belang, zonder 'belang' of 'dpia'. Leg het "
                 "belang en de belangenafweging vast in 'belang' en de DPIA in 'dpia', met waarom dit verdere gebruik "
                 "verenigbaar is en hoe de gegevens worden beperkt of gepseudonimiseerd (art. 6 lid 1 sub f, 6 lid 4, "
                 "25, 35; EDPB-advies 28/2024).", field=key)


@rule(id="AVG304", slug="ai-of-testdata-zonder-afweging", severity="warning", scope="register",
      needs=ON_LEGITIMATE_INTEREST,
      articles=("6(1)(f)", "6(4)", "5(1)(b)", "5(1)(c)", "25", "35"),
      title=("Model training or testing with personal data on legitimate interests, without a recorded balancing "
             "test or DPIA.",
             "Modellen trainen of testen met persoonsgegevens op gerechtvaardigd belang, zonder vastgelegde "
             "belangenafweging of DPIA."))
def ai_or_test_data_without_balancing(register, ctx):
    """
    ## What it checks
    Activities whose `doel`, name or `omschrijving` is training or building models or
    algorithms (AI, machine learning, "datamodellen"), data analyses, or testing
    systems with (production) personal data ("testen van applicaties", "testdata",
    "productiegegevens"), on legitimate interests, while the activity has no `belang`
    field and no `dpia` field. An interest written after the basis ("Gerechtigd belang –
    het gebruik van datamodellen …") does not count: it names a goal, not the balancing
    test and safeguards this use needs. A reference to a documented balancing test or
    DPIA in `grondslag` ("LIA-2024-07", "DPIA-2024-02") does. Activities that say they use
    synthetic or anonymised data pass.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Training models and testing on real personal data is usually further use of data
    collected for other purposes: it needs a compatibility test (Art. 6(4)), minimisation
    or pseudonymisation (Art. 5(1)(c), 25), a documented balancing test under Art. 6(1)(f),
    and often a DPIA (Art. 35). The EDPB sets out the three-step test for AI models in
    Opinion 28/2024.

    ## Example
    ```avg
    verwerking "Ontwikkelen en trainen van datamodellen" {
        doel: datamodellen trainen om storingen te voorspellen
        grondslag: Gerechtvaardigd belang – processen verbeteren
    }
    ```

    ## Use instead
    ```avg
    verwerking "Ontwikkelen en trainen van datamodellen" {
        doel: datamodellen trainen om storingen te voorspellen
        grondslag: Gerechtvaardigd belang
        belang: storingen eerder opsporen; gepseudonimiseerde meetgegevens (belangenafweging LIA-2025-02)
        dpia: ja, DPIA-2025-04 (vastgesteld 10-03-2025)
    }
    ```

    ## References
    - EDPB Opinion 28/2024 on certain data protection aspects related to the processing
      of personal data in the context of AI models.
    <!-- nl -->
    ## Wat het controleert
    Verwerkingen waarvan `doel`, naam of `omschrijving` het trainen of bouwen van modellen
    of algoritmen is (AI, machine learning, "datamodellen"), data-analyses, of het testen
    van systemen met (productie)persoonsgegevens ("testen van applicaties", "testdata",
    "productiegegevens"), op gerechtvaardigd belang, terwijl de verwerking geen veld
    `belang` en geen veld `dpia` heeft. Een belang na de grondslag ("Gerechtigd belang –
    het gebruik van datamodellen …") telt niet: dat noemt een doel, niet de
    belangenafweging en waarborgen die dit gebruik vraagt. Een verwijzing naar een
    vastgelegde belangenafweging of DPIA in `grondslag` ("LIA-2024-07", "DPIA-2024-02")
    telt wel. Verwerkingen die zeggen synthetische of geanonimiseerde gegevens te
    gebruiken, zijn in orde.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Modellen trainen en testen met echte persoonsgegevens is meestal verder gebruik van
    gegevens die voor andere doelen zijn verzameld: dat vraagt een
    verenigbaarheidstoets (art. 6 lid 4), minimalisatie of pseudonimisering (art. 5 lid 1
    sub c, 25), een vastgelegde belangenafweging onder art. 6 lid 1 sub f, en vaak een
    DPIA (art. 35). De EDPB beschrijft de driestappentoets voor AI-modellen in advies
    28/2024.

    ## Voorbeeld

    ## Beter

    ## Bronnen
    - EDPB-advies 28/2024 over gegevensbescherming bij de verwerking van persoonsgegevens
      in AI-modellen.
    """
    yield from each_once(register, ctx, _ai_without_balancing)


# ---------------------------------------------------------------------------------------------
# In privacy statements: the statement side of AVG303


@statement_check(eprivacy_consent_required)
def statement_eprivacy(statement: Statement, ctx):
    """E-mail or telephone marketing, or tracking cookies, on legitimate interests or with an opt-out."""
    reading = statement_reading(statement, ctx.vocab)
    vocab = ctx.vocab
    marketing = vocab.terms("eprivacy_marketing")
    cookies = vocab.terms("eprivacy_cookies")
    customers = vocab.terms("customer_relation_exception")
    withdrawal, consent_words = vocab.terms("consent_withdrawal"), vocab.terms("consent_topic")
    for block in reading.units():
        if reading.in_rights_section(block):
            continue
        claims = reading.block_claims.get(block.index, [])
        letters = {c.letter for c in claims if c.valid}
        consent = [c.sentence.text for c in claims if c.valid and c.letter == "a"]
        if consent and ("f" not in letters or any(
                marketing.search(t) or any(m.entry.get("niveau") == "error" for m in cookies.find(t)) for t in consent)):
            continue  # consent to it: AVG909 and AVG401/402 are about how it is given and withdrawn
        text = block.text
        if "f" not in letters and withdrawal.search(text) and consent_words.search(text):
            continue  # "OPT-OUT: The User can withdraw his or her consent … for sending the newsletter": on consent
        found = marketing.find(text)
        opt_out = [m for m in found if m.entry.get("kanaal") == "opt-out"]
        if "f" not in letters and not opt_out:
            continue
        where = next((c for c in claims if c.valid and c.letter == "f"), None)
        span = where.span if where is not None else block.span_of(opt_out[0].start, opt_out[0].end)
        tracking = [m for m in cookies.find(text) if m.entry.get("niveau") == "error"]
        if tracking and "f" in letters:
            yield report(span,
                         f"Tracking cookies or pixels ('{tracking[0].text}') on legitimate interests: they need prior "
                         "consent (Telecommunicatiewet 11.7a; CJEU C-673/17 Planet49).",
                         f"Trackingcookies of pixels ('{tracking[0].text}') op grond van gerechtvaardigd belang: daarvoor "
                         "is vooraf toestemming nodig (Telecommunicatiewet art. 11.7a; HvJ C-673/17 Planet49).",
                         severity="error")
            continue
        if customers.search(text):
            continue
        channels = [m for m in found if m.entry.get("kanaal") not in (None, "opt-out")]
        channels += [m for s in block.sentences for m in reading.find("statement_elements", s)
                     if m.entry.get("id") == "direct_contact"]
        if not channels:
            continue
        yield report(span,
                     f"'{channels[0].text}' on legitimate interests with an opt-out: e-mail and SMS marketing need "
                     "prior consent except for existing customers (soft opt-in), and telemarketing to consumers needs "
                     "consent since 1 July 2021 (Telecommunicatiewet 11.7).",
                     f"'{channels[0].text}' op grond van gerechtvaardigd belang met een opt-out: marketing per e-mail en "
                     "sms vraagt vooraf toestemming, behalve bij bestaande klanten (soft opt-in), en telemarketing aan "
                     "consumenten vraagt sinds 1 juli 2021 toestemming (Telecommunicatiewet art. 11.7).")


def _cookie_consent_asked(reading) -> bool:
    """The statement asks consent to cookies: a cookie banner or policy, or consent in a sentence about cookies or
    in the cookie section."""
    cookies = reading.vocab.terms("eprivacy_cookies")
    return reading.first("cookie_consent_tools") is not None or any(
        c.valid and c.letter == "a" and (cookies.search(c.sentence.block.text) or "cookies" in reading.topics(
            c.sentence.section)) for c in reading.claims)


@statement_check(eprivacy_consent_required)
def statement_tracking_without_consent(statement: Statement, ctx):
    """Tracking described ("volgt jouw surfgedrag over verschillende websites") while the statement asks no consent
    to cookies anywhere: no consent in a sentence about cookies, in the cookie section, or by a cookie banner (the
    common template offers only the browser's settings to refuse cookies, which is no consent)."""
    reading = statement_reading(statement, ctx.vocab)
    vocab = ctx.vocab
    cookies = vocab.terms("eprivacy_cookies")
    if _cookie_consent_asked(reading):
        return  # consent to cookies is asked: how, is AVG909's and AVG402's business
    for block in reading.units():
        if reading.in_rights_section(block) or any(c.valid and c.letter == "f" for c in
                                                    reading.block_claims.get(block.index, ())):
            continue  # on legitimate interests: statement_eprivacy reports it
        for sentence in block.sentences:
            tracking = next((m for m in cookies.find(sentence.text) if m.entry.get("niveau") == "error"
                             and not reading.negated(sentence, m.start, m.end)), None)
            if tracking is None:
                continue
            yield report(sentence.span_of(tracking.start, tracking.end),
                         f"'{tracking.text}': tracking needs prior consent (Telecommunicatiewet 11.7a; CJEU C-673/17 "
                         "Planet49), and the statement asks none; refusing cookies in the browser's settings is no "
                         "consent. Say that tracking cookies are placed only with consent, given in a cookie banner, "
                         "and how it is withdrawn.",
                         f"'{tracking.text}': volgen vraagt vooraf toestemming (Telecommunicatiewet art. 11.7a; HvJ "
                         "C-673/17 Planet49), en de verklaring vraagt die niet; cookies weigeren in de instellingen van "
                         "de browser is geen toestemming. Zeg dat trackingcookies alleen met toestemming worden "
                         "geplaatst, gegeven in een cookiebanner, en hoe die wordt ingetrokken.")


@statement_check(eprivacy_consent_required)
def statement_analytics_without_consent(statement: Statement, ctx):
    """Google Analytics (a third party's analytics) while the statement asks no consent to cookies and says nothing
    of a privacy-friendly configuration (the IP address masked, data sharing off): then it is no exempt analytics
    cookie (Telecommunicatiewet 11.7a lid 3; AP)."""
    reading = statement_reading(statement, ctx.vocab)
    if _cookie_consent_asked(reading) or reading.first("analytics_privacy_settings") is not None:
        return
    found = [(sentence, match) for sentence, match in reading.matches("third_party_analytics")
             if not reading.in_rights_section(sentence.block) and not reading.negated(sentence, match.start, match.end)]
    if not found:
        return
    # where the statement says it uses it, rather than a heading that names it
    sentence, match = min(found, key=lambda pair: pair[0].block.kind == "heading")
    yield report(sentence.span_of(match.start, match.end),
                 f"'{match.text}' places cookies that need prior consent unless it is set up in a privacy-friendly way, "
                 "and the statement asks none and describes no such set-up: ask consent (a cookie banner), or say "
                 "that the IP address is masked, data sharing is switched off and a processor agreement is in place "
                 "(Telecommunicatiewet 11.7a; AP).",
                 f"'{match.text}' plaatst cookies waarvoor vooraf toestemming nodig is, tenzij het privacyvriendelijk "
                 "is ingesteld, en de verklaring vraagt die niet en beschrijft zo'n instelling niet: vraag toestemming "
                 "(een cookiebanner), of zeg dat het IP-adres wordt gemaskeerd, gegevens delen is uitgezet en er een "
                 "verwerkersovereenkomst is (Telecommunicatiewet art. 11.7a; AP).")


@statement_check(eprivacy_consent_required)
def statement_third_party_marketing(statement: Statement, ctx):
    """E-mail marketing for what others offer (other associations, sponsors) without consent in the sentence."""
    reading = statement_reading(statement, ctx.vocab)
    vocab = ctx.vocab
    others, channels = vocab.terms("third_party_marketing"), vocab.terms("electronic_channels")
    consent_sentences = {c.sentence.index for c in reading.claims if c.valid and c.letter == "a"}
    for block in reading.units():
        if reading.in_rights_section(block):
            continue
        for sentence in block.sentences:
            if sentence.index in consent_sentences:
                continue  # "met uw toestemming sturen wij ook aanbiedingen van partners"
            found = next((m for m in others.find(sentence.text)
                          if not reading.negated(sentence, m.start, m.end)), None)
            if found is None or not (channels.search(sentence.text) or vocab.terms("eprivacy_marketing").search(
                    sentence.text)):
                continue
            yield report(sentence.span_of(found.start, found.end),
                         f"'{found.text}' by e-mail without consent: the soft opt-in covers only the organisation's own "
                         "similar products or services; e-mail marketing for others needs prior consent "
                         "(Telecommunicatiewet 11.7).",
                         f"'{found.text}' per e-mail zonder toestemming: de soft opt-in geldt alleen voor eigen "
                         "vergelijkbare producten of diensten; e-mailmarketing voor anderen vraagt vooraf toestemming "
                         "(Telecommunicatiewet art. 11.7).")
            break
