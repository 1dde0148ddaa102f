"""Consent (AVG4xx): Art. 4(11), 7, 8 and UAVG 5.

An activity rests on consent when its `grondslag` names consent (Art. 6(1)(a)), or
its `uitzondering` names explicit consent for special-category data (Art. 9(2)(a)).
These rules judge what the register says about that consent: how it is withdrawn,
whether it is really given, whether it can be free, children, and consent used next
to another basis.

Like the legitimate-interest family, these rules run once per register and walk the
activities, so that a field written on a `groep` or the `organisatie` is reported
once, where it is written. Activities of a processor are skipped: consent is the
controller's.
"""

from __future__ import annotations

from avglint import clauses
from avglint.model import Activity, Field, Span
from avglint.readings import reading
from avglint.registry import report, rule, statement_check  # AVG402-405 also read privacy statements

from ._common import (
    allocated,
    basis_of,
    basis_span,
    controller_basis,
    each_once,
    every_text,
    field_span,
    find_affirmed,
    has_value,
    is_public_authority,
    named_letters,
    names_basis,
    screened_by,
    span_in,
    states,
    texts,
    written_on,
)
from ._statement_reading import list_lead, statement_reading


@reading
def consent_of(activity: Activity, vocab) -> tuple[Field, Span, str] | None:
    """(field, span, kind) when the activity rests on consent; kind 'basis', 'exception' (9(2)(a)) or 'retention'
    (keeping the data longer)."""
    field, reading = basis_of(activity, vocab)
    if reading is not None and "a" in named_letters(reading):
        return field, basis_span(field, reading, "a"), "basis"
    exception = activity.get("uitzondering")
    if has_value(exception) and "a" in vocab.exceptions.read(exception.text).grounds:
        return exception, exception.value_span, "exception"
    # no `grondslag`: the activity's own description may say it ("Wij vragen toestemming om …"); and keeping the
    # data longer may rest on consent whatever the basis of the rest ("met toestemming van het lid 7 jaar")
    for key in ("omschrijving", "bewaartermijn") if field is None else ("bewaartermijn",):
        prose = activity.own(key)
        if has_value(prose):
            text = prose.text
            for mention in vocab.lawful_bases.read(text, fuzzy=False).mentions:
                if mention.letter == "a" and not _not_given(text, mention, vocab):
                    return prose, field_span(prose, mention.start, mention.end), \
                        "retention" if key == "bewaartermijn" else "basis"
    return None


def _not_given(text: str, mention, vocab) -> bool:
    """Consent the text denies, or names only as the end of keeping the data ("tot intrekking van de toestemming":
    the basis is the activity's, in `grondslag`)."""
    return clauses.reader(vocab).negated(text, mention.start, mention.end) or any(
        until.start <= mention.start <= until.end + _UNTIL_REACH
        for until in vocab.terms("consent_withdrawal_until").find(text))


_UNTIL_REACH = 20  # characters after "tot intrekking" that still belong to it: " van de toestemming"


def _consent_exception(text: str, vocab) -> bool:
    return "a" in vocab.exceptions.read(text).grounds


@screened_by("lawful_bases")  # a basis named in words is a match of the list of their names
def _consent_in_prose(text: str, vocab) -> bool:
    return any(mention.letter == "a" for mention in vocab.lawful_bases.read(text, fuzzy=False).mentions)


# Where ``consent_of`` finds consent: what the rules on consent need (``@rule(needs=...)``).
CONSENT = {"grondslag": names_basis("a"), "uitzondering": _consent_exception, "omschrijving": _consent_in_prose,
           "bewaartermijn": _consent_in_prose}


def controller_consent(activity: Activity, vocab) -> tuple[Field, Span, str] | None:
    """``consent_of`` for a controller's activity; None for a processor's (consent is the controller's to get)."""
    return consent_of(activity, vocab) if activity.role == "controller" else None


def _consent_text(kind: str) -> tuple[str, str]:
    if kind == "exception":
        return "explicit consent (Art. 9(2)(a))", "uitdrukkelijke toestemming (art. 9 lid 2 sub a)"
    if kind == "retention":
        return "consent to keep the data longer", "toestemming om de gegevens langer te bewaren"
    return "consent", "toestemming"


# --------------------------------------------------------------------------------------------
# AVG401

_SENTENCE_END = (".", ";", "!", "?", "\n")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``."""
    lo = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END) + 1
    ends = [i for i in (text.find(mark, end) for mark in _SENTENCE_END) if i >= 0]
    return lo, min(ends) if ends else len(text)


def _withdrawal_elsewhere(activity: Activity, vocab) -> bool:
    """Withdrawal wording in another field, in a sentence about consent, a channel or "at any time".

    "Afmeldingen voor evenementen verwerken" is the activity's content, not how consent is
    withdrawn, and "tot intrekking" (the end of a retention period) does not say how either.
    """
    context = (vocab.terms("consent_withdrawal_easy"), vocab.terms("consent_anytime"))
    for _key, _field, text in every_text(activity, skip=("intrekken",)):
        until = vocab.terms("consent_withdrawal_until").find(text)
        for match in find_affirmed(vocab, "consent_withdrawal", text):
            if any(u.start <= match.start < u.end or match.start <= u.start < match.end for u in until):
                continue
            if match.entry.get("zelfstandig"):
                return True   # "niet benaderd wenst te worden": the data subject saying stop
            lo, hi = _sentence(text, match.start, match.end)
            sentence = text[lo:hi]
            if match.entry.get("plaats") and not vocab.terms("consent_anytime").search(sentence) and not any(
                    not other.entry.get("plaats") for other in find_affirmed(vocab, "consent_withdrawal", sentence)):
                continue   # "Consent (cookie banner)": where consent is given, not how it is withdrawn
            if any(terms.search(sentence) for terms in context) or \
                    "a" in vocab.lawful_bases.read(sentence, fuzzy=False).letters:
                return True
    return False


def _withdrawal(activity: Activity, ctx):
    vocab = ctx.vocab
    consent = controller_consent(activity, vocab)
    if consent is None:
        return
    field, span, kind = consent
    what_en, what_nl = _consent_text(kind)
    withdraw = activity.get("intrekken")
    if states(withdraw, vocab):
        text = withdraw.text
        refused = vocab.terms("consent_withdrawal_refused").search(text)
        if refused:
            yield report(field_span(withdraw, refused.start, refused.end),
                         f"'{refused.text}': {what_en} can be withdrawn at any time; the register may not rule that "
                         "out. Say how the data subject withdraws, as easily as they gave it (Art. 7(3)).",
                         f"'{refused.text}': {what_nl} kan te allen tijde worden ingetrokken; het register mag "
                         "dat niet uitsluiten. Zeg hoe de betrokkene intrekt, even eenvoudig als het geven "
                         "(art. 7 lid 3).",
                         field="intrekken")
            return
        where_en, where_nl = written_on(withdraw, activity)
        detriment = find_affirmed(vocab, "consent_withdrawal_detriment", text)
        if detriment and not any(all(easy.end <= m.start or m.end <= easy.start for m in detriment)
                                 for easy in vocab.terms("consent_withdrawal_easy").find(text)) \
                and not _withdrawal_elsewhere(activity, vocab):
            match = detriment[0]
            yield report(field_span(withdraw, match.start, match.end),
                         f"'{match.text}': withdrawing {what_en} means giving up the service{where_en}, but consent "
                         "must be withdrawable at any time without detriment (Art. 7(3), 7(4); recital 42): offer a "
                         "way that keeps the service, e.g. a toggle under Settings.",
                         f"'{match.text}': wie {what_nl} intrekt, verliest de dienst{where_nl}, maar toestemming moet "
                         "altijd zonder nadeel kunnen worden ingetrokken (art. 7 lid 3 en 4; overweging 42): bied een "
                         "manier die de dienst laat bestaan, bijvoorbeeld een schakelaar onder Instellingen.",
                         field="intrekken")
            return
        harder = find_affirmed(vocab, "consent_withdrawal_harder", text)
        always = [m for m in harder if m.entry.get("altijd")]
        if always:
            match = always[0]
            yield report(field_span(withdraw, match.start, match.end),
                         f"'{match.text}' makes withdrawing {what_en} harder than giving it{where_en}: do not ask for "
                         "identification to withdraw; the channel used to give consent is enough (Art. 7(3)).",
                         f"'{match.text}' maakt het intrekken van {what_nl} moeilijker dan het geven{where_nl}: vraag "
                         "geen identificatie om in te trekken; het kanaal waarmee toestemming is gegeven volstaat "
                         "(art. 7 lid 3).", field="intrekken")
        elif harder and not vocab.terms("consent_withdrawal_easy").search(text) and not any(
                vocab.terms("consent_given_in_writing").search(t)
                for _k, _f, t in texts(activity, ("omschrijving", "doel", "grondslag", "gegevens"))):
            match = harder[0]
            yield report(field_span(withdraw, match.start, match.end),
                         f"'{match.text}' makes withdrawing {what_en} harder than giving it{where_en}: offer the "
                         "same channel (e.g. 'via the unsubscribe link in every e-mail', 'in the app under Settings') "
                         "(Art. 7(3)).",
                         f"'{match.text}' maakt het intrekken van {what_nl} moeilijker dan het geven{where_nl}: "
                         "bied hetzelfde kanaal aan (bijvoorbeeld 'via de afmeldlink in elke e-mail', 'in de app "
                         "onder Instellingen') (art. 7 lid 3).", field="intrekken")
        return
    for _key, fld, text in every_text(activity, skip=("intrekken",)):
        refused = vocab.terms("consent_withdrawal_refused").search(text)
        if refused:
            yield report(field_span(fld, refused.start, refused.end),
                         f"'{refused.text}': {what_en} can be withdrawn at any time; the register may not rule that "
                         "out. Add 'intrekken' with how the data subject withdraws, as easily as they gave it "
                         "(Art. 7(3)).",
                         f"'{refused.text}': {what_nl} kan te allen tijde worden ingetrokken; het register mag "
                         "dat niet uitsluiten. Voeg 'intrekken' toe met hoe de betrokkene intrekt, even eenvoudig "
                         "als het geven (art. 7 lid 3).", field=fld.key)
            return
    if _withdrawal_elsewhere(activity, vocab):
        return
    if withdraw is not None and has_value(withdraw):
        # 'intrekken: n.v.t.' / 'geen'
        where_en, where_nl = written_on(withdraw, activity)
        yield report(withdraw.value_span,
                     f"'{withdraw.text}': the activity rests on {what_en}, which can be withdrawn at any time"
                     f"{where_en}. Say how, as easily as it was given (Art. 7(3), 13(2)(c)).",
                     f"'{withdraw.text}': de verwerking rust op {what_nl}, die te allen tijde kan worden ingetrokken"
                     f"{where_nl}. Zeg hoe, even eenvoudig als het geven (art. 7 lid 3, 13 lid 2 sub c).",
                     field="intrekken")
        return
    name_en, name_nl = activity.name or "the activity", activity.name or "de verwerking"
    if field.block is activity or field.block is None:
        subject_en = f"'{name_en}' rests on {what_en} but does not say how it is withdrawn"
        subject_nl = f"'{name_nl}' rust op {what_nl} maar zegt niet hoe die wordt ingetrokken"
        add_en, add_nl = "add 'intrekken'", "voeg 'intrekken' toe"
    else:
        kind_en, kind_nl = ("the organisation", "de organisatie") if field.block.kind == "organisatie" else \
            (f"group '{field.block.name}'", f"groep '{field.block.name}'")
        subject_en = (f"{what_en[0].upper()}{what_en[1:]} is the basis written on {kind_en}, but '{name_en}' (and "
                      "any other activity there without 'intrekken') does not say how it is withdrawn")
        subject_nl = (f"{what_nl[0].upper()}{what_nl[1:]} is de grondslag op {kind_nl}, maar '{name_nl}' (en elke "
                      "andere verwerking daarin zonder 'intrekken') zegt niet hoe die wordt ingetrokken")
        add_en, add_nl = f"add 'intrekken' to {kind_en} or to each activity", \
            f"voeg 'intrekken' toe aan {kind_nl} of aan elke verwerking"
    yield report(span,
                 f"{subject_en}: {add_en}, with a channel as easy as giving consent (e.g. 'withdrawal: at any time "
                 "via the unsubscribe link in every e-mail') (Art. 7(3), 13(2)(c)).",
                 f"{subject_nl}: {add_nl}, met een kanaal dat even eenvoudig is als het geven (bijvoorbeeld "
                 "'intrekken: te allen tijde via de afmeldlink in elke e-mail') (art. 7 lid 3, 13 lid 2 sub c).",
                 field=field.key)


@rule(id="AVG401", slug="toestemming-zonder-intrekking", severity="error", scope="register",
      needs=CONSENT,
      articles=("7(3)", "13(2)(c)"),
      title=("Consent without a way to withdraw it, or with a harder one.",
             "Toestemming zonder manier om die in te trekken, of met een moeilijkere."))
def consent_without_withdrawal(register, ctx):
    """
    ## What it checks
    That every activity on consent (`grondslag` consent, or `uitzondering` explicit
    consent under Art. 9(2)(a)) says how consent is withdrawn: in `intrekken`, or in any
    other field of the activity — `omschrijving` ("afmelden via de link in elke
    nieuwsbrief"), `bewaartermijn` ("Tot afmelding. U kunt uw toestemming altijd
    intrekken via de link onderaan elke e-mail"), `bron`, … An activity without `grondslag`
    whose own `omschrijving` asks for consent ("Wij vragen toestemming om …") rests on
    consent too, and so does keeping the data longer on consent in `bewaartermijn` ("met
    toestemming van de sollicitant 1 jaar", "with your consent, one more year"; "tot
    intrekking van de toestemming" only ends the period); the data subject saying stop
    ("niet benaderd wenst te worden") is a way to withdraw. It reports:
    - no `intrekken` and no withdrawal wording elsewhere ("tot intrekking", the end of a
      retention period, does not say how);
    - `intrekken: n.v.t.` or `geen`, or wording anywhere that rules withdrawal out
      ("niet mogelijk", "kan niet worden ingetrokken", "onherroepelijk");
    - `intrekken` that only offers a harder channel than an online consent ("uitsluitend
      schriftelijk", "per aangetekende brief") with no easy one next to it (consent that
      is itself given on paper may be withdrawn by post), or that asks for an ID copy;
    - `intrekken` whose only way costs the service ("Account deletion", "door het
      lidmaatschap op te zeggen"), when no other way is given there or elsewhere in the
      activity ("user-revocable in Settings"): consent is withdrawn without detriment.

    A basis written on a `groep` is reported once, where it is written.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    "The data subject shall have the right to withdraw his or her consent at any time …
    It shall be as easy to withdraw as to give consent" (Art. 7(3)), and data subjects
    must be told so (Art. 13(2)(c)). A register that does not record how gives no
    assurance that this works.

    ## Example
    ```avg
    verwerking "Klanttevredenheidsonderzoek" {
        doel: klanttevredenheid meten
        grondslag: Toestemming
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klanttevredenheidsonderzoek" {
        doel: klanttevredenheid meten
        grondslag: Toestemming
        intrekken: te allen tijde via de afmeldlink in elke uitnodiging
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elke verwerking op toestemming (`grondslag` toestemming, of `uitzondering`
    uitdrukkelijke toestemming volgens art. 9 lid 2 sub a) zegt hoe de toestemming wordt
    ingetrokken: in `intrekken`, of in elk ander veld van de verwerking — `omschrijving`
    ("afmelden via de link in elke nieuwsbrief"), `bewaartermijn` ("Tot afmelding. U kunt
    uw toestemming altijd intrekken via de link onderaan elke e-mail"), `bron`, … Een
    verwerking zonder `grondslag` waarvan de eigen `omschrijving` om toestemming vraagt
    ("Wij vragen toestemming om …") rust ook op toestemming, en langer bewaren met
    toestemming in `bewaartermijn` ook ("met toestemming van de sollicitant 1 jaar"; "tot
    intrekking van de toestemming" beëindigt alleen de termijn); de betrokkene die zegt te
    willen stoppen ("niet benaderd wenst te worden") is een manier van intrekken. De regel
    meldt:
    - geen `intrekken` en nergens anders tekst over intrekken ("tot intrekking", het
      einde van een bewaartermijn, zegt niet hoe);
    - `intrekken: n.v.t.` of `geen`, of tekst waar dan ook die intrekken uitsluit ("niet
      mogelijk", "kan niet worden ingetrokken", "onherroepelijk");
    - `intrekken` met alleen een moeilijker kanaal dan een online gegeven toestemming
      ("uitsluitend schriftelijk", "per aangetekende brief") zonder eenvoudig kanaal
      ernaast (toestemming die zelf op papier is gegeven, mag per post worden
      ingetrokken), of die om een kopie van een identiteitsbewijs vraagt;
    - `intrekken` waarvan de enige manier de dienst kost ("Account deletion", "door het
      lidmaatschap op te zeggen"), als er daar of elders in de verwerking geen andere
      manier staat ("user-revocable in Settings"): intrekken gaat zonder nadeel.

    Een grondslag op een `groep` wordt één keer gemeld, waar hij staat.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    "De betrokkene heeft het recht zijn toestemming te allen tijde in te trekken … Het
    intrekken van de toestemming is even eenvoudig als het geven ervan" (art. 7 lid 3),
    en de betrokkene moet dat te horen krijgen (art. 13 lid 2 sub c). Een register dat niet
    vastlegt hoe, geeft geen zekerheid dat het werkt.

    ## Voorbeeld

    ## Beter
    """
    yield from each_once(register, ctx, _withdrawal)


# --------------------------------------------------------------------------------------------
# AVG402

_IMPLIED_KEYS = ("naam", "doel", "omschrijving", "grondslag", "betrokkenen", "uitzondering")
def _implied(activity: Activity, ctx):
    vocab = ctx.vocab
    consent = controller_consent(activity, vocab)
    if consent is None:
        return
    what_en, what_nl = _consent_text(consent[2])
    withdrawal = vocab.terms("consent_withdrawal")
    for key, field, text in texts(activity, _IMPLIED_KEYS):
        for match in find_affirmed(vocab, "implied_consent", text):
            if match.entry.get("id") == "opt_out":
                lo, hi = _sentence(text, match.start, match.end)
                sentence = text[lo:hi]
                if any(not (w.start + lo < match.end and match.start < w.end + lo)
                       for w in withdrawal.find(sentence)):
                    continue  # "opt-out" used for withdrawal ("afmelden kan via opt-out")
            if match.entry.get("id") == "voorwaarden":
                yield report(span_in(activity, field, match.start, match.end),
                             f"'{match.text}' ({key}) bundles {what_en} with accepting the terms: consent must be a "
                             "separate, specific act, distinguishable from other matters, and cannot be a condition of "
                             "the service (Art. 4(11), 7(2), 7(4); recital 43; EDPB Guidelines 05/2020). Ask for it "
                             "apart from the terms, or choose another basis.",
                             f"'{match.text}' ({key}) koppelt {what_nl} aan het aanvaarden van de voorwaarden: "
                             "toestemming is een aparte, specifieke handeling, te onderscheiden van andere zaken, en "
                             "geen voorwaarde voor de dienst (art. 4 lid 11, 7 lid 2, 7 lid 4; overweging 43; "
                             "EDPB-richtsnoeren 05/2020). Vraag haar los van de voorwaarden, of kies een andere "
                             "grondslag.", field=None if key == "naam" else key)
                return
            yield report(span_in(activity, field, match.start, match.end),
                         f"'{match.text}' ({key}) describes implied or opt-out consent, but {what_en} needs a clear "
                         "affirmative act: silence, inactivity, continued use or a pre-ticked box is not consent "
                         "(Art. 4(11), 7(1); recital 32; CJEU C-673/17 Planet49). Ask for an active opt-in, or choose "
                         "another basis.",
                         f"'{match.text}' ({key}) beschrijft stilzwijgende of opt-out-toestemming, maar {what_nl} "
                         "vraagt een ondubbelzinnige actieve handeling: zwijgen, niets doen, doorgaan met gebruik of "
                         "een vooraf aangevinkt vakje is geen toestemming (art. 4 lid 11, 7 lid 1; overweging 32; HvJ "
                         "EU C-673/17 Planet49). Vraag om een actieve opt-in, of kies een andere grondslag.",
                         field=None if key == "naam" else key)
            return


@rule(id="AVG402", slug="toestemming-als-opt-out", severity="error", scope="register",
      needs=CONSENT,
      articles=("4(11)", "7(1)"),
      title=("Consent described as opt-out, implied or pre-ticked.",
             "Toestemming beschreven als opt-out, stilzwijgend of vooraf aangevinkt."))
def consent_as_opt_out(register, ctx):
    """
    ## What it checks
    That an activity on consent does not describe consent that is not given actively:
    opt-out ("tenzij u bezwaar maakt"), pre-ticked boxes ("vooraf aangevinkt"), consent
    by continued use ("door gebruik te maken van deze website") or silence
    ("stilzwijgend", "indien u niet reageert"), and consent bundled into accepting the
    terms ("via Terms acceptance", "door akkoord te gaan met de algemene voorwaarden"). It
    reads the activity's name, `doel`, `omschrijving`, `grondslag`, `betrokkenen` and
    `uitzondering`, not `intrekken` (where "opt-out" describes withdrawal). Negated wording
    ("niet vooraf aangevinkt") does not count.

    In a privacy statement it reads the sentence that claims consent and the lead-in of its
    list item: consent by conduct or attendance ("Door het betreden van het
    evenemententerrein: - geef je toestemming voor het maken van foto's", "By using this
    website you consent"), by silence, pre-ticked, or with the terms (once per statement;
    "opt-out" there usually means unsubscribing and is not read). A sentence that has the reader
    agree by using the website, without the word consent ("Door gebruik te maken van deze
    website ... stem je in met de voorwaarden van het privacybeleid", "By using this site you
    agree to this policy"), is consent by use too.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Consent is "a freely given, specific, informed and unambiguous indication … by a
    statement or by a clear affirmative action" (Art. 4(11)). "Silence, pre-ticked boxes
    or inactivity should not therefore constitute consent" (recital 32; CJEU C-673/17
    Planet49). The register itself then shows that the consent it relies on does not
    exist.

    ## Example
    ```avg
    verwerking "Nieuwsbrief" {
        omschrijving: "Klanten ontvangen de nieuwsbrief, tenzij u bezwaar maakt bij uw aanmelding"
        grondslag: Toestemming
        intrekken: via de afmeldlink in elke nieuwsbrief
    }
    ```

    ## Use instead
    ```avg
    verwerking "Nieuwsbrief" {
        omschrijving: "Abonnees melden zich zelf aan; het vakje is niet vooraf aangevinkt"
        grondslag: Toestemming
        intrekken: via de afmeldlink in elke nieuwsbrief
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking op toestemming geen toestemming beschrijft die niet actief wordt
    gegeven: opt-out ("tenzij u bezwaar maakt"), vooraf aangevinkte vakjes ("vooraf
    aangevinkt"), toestemming door gebruik ("door gebruik te maken van deze website") of
    door zwijgen ("stilzwijgend", "indien u niet reageert"), en toestemming die samenvalt
    met het aanvaarden van de voorwaarden ("via Terms acceptance", "door akkoord te gaan met
    de algemene voorwaarden"). De regel leest de naam van
    de verwerking, `doel`, `omschrijving`, `grondslag`, `betrokkenen` en `uitzondering`,
    niet `intrekken` (waar "opt-out" het intrekken beschrijft). Ontkende tekst ("niet
    vooraf aangevinkt") telt niet.

    In een privacyverklaring leest de regel de zin die toestemming claimt en de inleiding van
    zijn opsommingsteken: toestemming door gedrag of aanwezigheid ("Door het betreden van het
    evenemententerrein: - geef je toestemming voor het maken van foto's", "By using this
    website you consent"), door zwijgen, vooraf aangevinkt, of met de voorwaarden (één keer
    per verklaring; "opt-out" betekent daar meestal afmelden en wordt niet gelezen). Een zin
    die de lezer laat instemmen door de website te gebruiken, zonder het woord toestemming
    ("Door gebruik te maken van deze website ... stem je in met de voorwaarden van het
    privacybeleid", "By using this site you agree to this policy"), is ook toestemming door
    gebruik.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Toestemming is "elke vrije, specifieke, geïnformeerde en ondubbelzinnige wilsuiting …
    door middel van een verklaring of een ondubbelzinnige actieve handeling" (art. 4 lid
    11). "Stilzwijgen, het gebruik van reeds aangekruiste vakjes of inactiviteit mogen
    derhalve niet als toestemming gelden" (overweging 32; HvJ EU C-673/17 Planet49). Het
    register laat dan zelf zien dat de toestemming waarop het steunt, er niet is.

    ## Voorbeeld

    ## Beter
    """
    yield from each_once(register, ctx, _implied)


# --------------------------------------------------------------------------------------------
# AVG403


def _subjects(activity: Activity) -> tuple[str, ...]:
    """Where to read who the data subjects are: `betrokkenen`, else the activity's name and the basis itself ("de
    door sollicitanten gegeven toestemming", "consent of the employee")."""
    return ("betrokkenen",) if has_value(activity.get("betrokkenen")) else ("naam", "grondslag")


def _educational(activity: Activity, vocab) -> bool:
    """The organisation may be a school or another educational institution: its `type` or name says so, or the
    register does not name it (a school's register split over files)."""
    organisation = activity.register.organisation if activity.register is not None else None
    if organisation is None or not organisation.name:
        return True
    kind = organisation.own("type")
    return any(find_affirmed(vocab, "education_organisations", text)
               for text in (organisation.name, kind.text if has_value(kind) else ""))


def _dependent(activity: Activity, ctx):
    vocab = ctx.vocab
    consent = controller_consent(activity, vocab)
    if consent is None or consent[2] == "retention":
        return  # consent to keep the data once the procedure, membership or employment is over: no longer dependent
    field, span, kind = consent
    what_en, what_nl = _consent_text(kind)
    public = is_public_authority(activity, vocab)
    for _key, _field, text in texts(activity, ("omschrijving", "doel", "grondslag", "betrokkenen", "intrekken")):
        if vocab.terms("consent_freely_given").search(text):
            return  # the register says why refusing has no consequences
    for key, fld, text in texts(activity, _subjects(activity)):
        for match in find_affirmed(vocab, "dependent_subjects", text):
            if match.entry.get("alleen_overheid") and not public or \
                    match.entry.get("alleen_onderwijs") and not _educational(activity, vocab):
                continue  # (the organisation is read only where pupils are named)
            yield report(span_in(activity, fld, match.start, match.end),
                         f"'{match.text}' ({key}) depend on the controller, so their {what_en} is presumed not to be "
                         "freely given (Art. 7(4); recitals 42–43; EDPB Guidelines 05/2020 §16–24): use another basis "
                         "(contract, legal obligation, public task), or record in 'omschrijving' why refusing has no "
                         "consequences for them.",
                         f"'{match.text}' ({key}) zijn afhankelijk van de verwerkingsverantwoordelijke, dus hun "
                         f"{what_nl} geldt niet als vrij gegeven (art. 7 lid 4; overwegingen 42–43; EDPB-richtsnoeren "
                         "05/2020 §16–24): gebruik een andere grondslag (overeenkomst, wettelijke verplichting, "
                         "publieke taak), of leg in 'omschrijving' vast waarom weigeren voor hen geen gevolgen heeft.",
                         field=None if key == "naam" else key)
            return
    if public:
        where_en, where_nl = written_on(field, activity)
        name = activity.register.organisation.name or "The organisation"
        yield report(span,
                     f"'{name}' is a public authority, and {what_en} given to a public authority is rarely free "
                     f"(recital 43){where_en}: base the processing on the statutory task or obligation, or record in "
                     "'omschrijving' why refusing has no consequences (Art. 7(4)).",
                     f"'{activity.register.organisation.name or 'De organisatie'}' is een overheidsinstantie, en "
                     f"{what_nl} aan een overheidsinstantie is zelden vrij (overweging 43){where_nl}: baseer de "
                     "verwerking op de wettelijke taak of verplichting, of leg in 'omschrijving' vast waarom weigeren "
                     "geen gevolgen heeft (art. 7 lid 4).", field=field.key)


@rule(id="AVG403", slug="toestemming-bij-afhankelijkheid", severity="warning", scope="register",
      needs=CONSENT,
      articles=("7(4)",),
      title=("Consent from people who depend on the controller.",
             "Toestemming van mensen die afhankelijk zijn van de verwerkingsverantwoordelijke."))
def consent_in_dependency(register, ctx):
    """
    ## What it checks
    That consent is not the basis for data subjects who depend on the controller: own
    employees and applicants, pupils and students (of a school or other educational
    institution, by the organisation's type or name: not of an app maker they use),
    benefit recipients, patients and
    clients of care, applicants for a grant or scholarship, and, for a public authority
    (`type: overheid`), citizens and residents. It reads `betrokkenen` (when there is none,
    the activity's name and the basis itself: "de door sollicitanten gegeven
    toestemming"). Staff of
    a client or supplier ("medewerkers van klanten") are not dependent on the controller.
    For a public authority, consent is reported even when the subjects are not named.
    The rule passes when the register says why refusing is free of consequences
    ("weigeren heeft geen gevolgen voor de sollicitatie") or the consent is to an extra
    such as a newsletter or mailing list (the EDPB's example of free consent to a public
    authority is a municipality's e-mail list about road works), and consent only to keep
    the data longer ("met toestemming van de sollicitant 1 jaar") is not reported: it is
    asked when the procedure, membership or employment is over.

    A privacy statement whose title addresses the organisation's own staff or job
    applicants ("Privacy notice for employees", "Privacyverklaring sollicitanten") is read
    the same way: the first use it rests on their consent is reported, not consent to a
    newsletter or to keep the data longer, and not how consent is withdrawn. In any
    statement, consent in a sentence about applying for a job ("toestemming … als u
    solliciteert bij de gemeente") is reported too.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Consent must be freely given. "Consent should not provide a valid legal ground …
    where there is a clear imbalance between the data subject and the controller, in
    particular where the controller is a public authority" (recital 43); the EDPB names
    employers the same way (Guidelines 05/2020 §16–24). Sometimes it is still free (an
    optional staff photo on the intranet): then the register should say why.

    ## Example
    ```avg
    verwerking "Verjaardagskalender" {
        betrokkenen: medewerkers
        grondslag: Toestemming
        intrekken: via HR of in het intranetprofiel
    }
    ```

    ## Use instead
    ```avg
    verwerking "Verjaardagskalender" {
        betrokkenen: medewerkers van klanten die zich aanmelden voor de klantendag
        grondslag: Toestemming
        intrekken: via de afmeldlink in elke uitnodiging
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat toestemming niet de grondslag is voor betrokkenen die afhankelijk zijn van de
    verwerkingsverantwoordelijke: eigen werknemers en sollicitanten, leerlingen en
    studenten (van een school of andere onderwijsinstelling, naar type of naam van de
    organisatie: niet van de maker van een app die ze gebruiken), uitkeringsgerechtigden,
    patiënten en cliënten in de zorg, aanvragers van een beurs of subsidie, en, bij een
    overheidsinstantie (`type: overheid`), burgers en inwoners. De regel leest `betrokkenen` (als die er niet is, de naam van de verwerking en
    de grondslag zelf: "de door sollicitanten gegeven toestemming"). Medewerkers van een
    klant of leverancier ("medewerkers van klanten") zijn niet afhankelijk van de
    verwerkingsverantwoordelijke. Bij een overheidsinstantie wordt toestemming ook gemeld
    als de betrokkenen niet genoemd zijn. De regel is tevreden als het register zegt
    waarom weigeren zonder gevolgen is ("weigeren heeft geen gevolgen voor de
    sollicitatie") of de toestemming voor iets extra's is, zoals een nieuwsbrief of
    mailinglijst (het voorbeeld van de EDPB van vrije toestemming aan een overheid is de
    e-maillijst van een gemeente over wegwerkzaamheden), en toestemming alleen om de
    gegevens langer te bewaren ("met toestemming van de sollicitant 1 jaar") wordt niet
    gemeld: die wordt gevraagd als de procedure, het lidmaatschap of het dienstverband
    voorbij is.

    Een privacyverklaring waarvan de titel zich richt tot de eigen medewerkers of
    sollicitanten ("Privacyverklaring sollicitanten", "Privacy notice for employees") wordt
    zo ook gelezen: het eerste gebruik dat op hun toestemming rust, wordt gemeld, niet
    toestemming voor een nieuwsbrief of om de gegevens langer te bewaren, en niet hoe
    toestemming wordt ingetrokken. In elke verklaring wordt ook toestemming gemeld in een
    zin over solliciteren ("toestemming … als u solliciteert bij de gemeente").

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Toestemming moet vrij gegeven zijn. "Toestemming [vormt] geen geldige rechtsgrond …
    wanneer er sprake is van een duidelijke wanverhouding tussen de betrokkene en de
    verwerkingsverantwoordelijke, met name wanneer de verwerkingsverantwoordelijke een
    overheidsinstantie is" (overweging 43); de EDPB noemt werkgevers op dezelfde manier
    (richtsnoeren 05/2020 §16–24). Soms is toestemming toch vrij (een vrijwillige foto van
    medewerkers op het intranet): dan hoort het register te zeggen waarom.

    ## Voorbeeld

    ## Beter
    """
    yield from each_once(register, ctx, _dependent)


# --------------------------------------------------------------------------------------------
# AVG404

_PARENTAL_KEYS = ("betrokkenen", "grondslag", "intrekken", "omschrijving", "doel", "gegevens", "uitzondering", "naam")
_AGE_KEYS = ("betrokkenen", "omschrijving", "doel", "naam")


def _cites_child_consent(activity: Activity, vocab) -> bool:
    """Art. 8 GDPR or art. 5 UAVG cited: the rules on a child's consent were considered."""
    for _key, _field, text in texts(activity, ("grondslag", "uitzondering", "omschrijving", "intrekken")):
        for citation in vocab.citations(text):
            if (citation.article == "8" and citation.law in ("AVG", "GDPR", "DSGVO")) or \
                    (citation.article == "5" and citation.law == "UAVG"):
                return True
    return False


def _children(activity: Activity, ctx):
    vocab = ctx.vocab
    consent = controller_consent(activity, vocab)
    if consent is None:
        return
    found = None
    for key, fld, text in texts(activity, _subjects(activity)):
        matches = find_affirmed(vocab, "children", text)
        if matches:
            found = key, fld, matches[0]
            break
    if found is None:
        return
    for _key, _field, text in texts(activity, _PARENTAL_KEYS):
        if find_affirmed(vocab, "parental_consent", text):
            return
    for _key, _field, text in texts(activity, _AGE_KEYS):
        if find_affirmed(vocab, "age_16_plus", text):
            return  # only children of 16 or older
    if _cites_child_consent(activity, vocab):
        return
    key, fld, match = found
    what_en, what_nl = _consent_text(consent[2])
    yield report(span_in(activity, fld, match.start, match.end),
                 f"'{match.text}' ({key}): below 16, {what_en} is given or authorised by the parent or legal "
                 "representative (Art. 8(1); UAVG art. 5). Say how that consent is obtained and checked (e.g. "
                 "'toestemming van ouder of voogd, gecontroleerd via …'), or that only children of 16 or older take "
                 "part.",
                 f"'{match.text}' ({key}): onder de 16 geeft of machtigt de ouder of wettelijk vertegenwoordiger de "
                 f"{what_nl} (art. 8 lid 1 AVG; art. 5 UAVG). Zeg hoe die toestemming wordt verkregen en gecontroleerd "
                 "(bijvoorbeeld 'toestemming van ouder of voogd, gecontroleerd via …'), of dat alleen kinderen van 16 "
                 "jaar of ouder meedoen.", field=None if key == "naam" else key)


_DUTCH_AGE = 16  # UAVG art. 5 and the Dutch choice under Art. 8(1)


@rule(id="AVG404", slug="kind-zonder-ouderlijke-toestemming", severity="warning", scope="register",
      needs=CONSENT,
      articles=("8(1)", "UAVG 5"),
      title=("Consent of children without the consent of a parent or legal representative.",
             "Toestemming van kinderen zonder toestemming van een ouder of wettelijk vertegenwoordiger."))
def child_without_parental_consent(register, ctx):
    """
    ## What it checks
    That an activity on consent whose data subjects include children ("kinderen",
    "minderjarigen", "jongeren", "leerlingen", "jonger dan 16") says that a parent,
    guardian or legal representative gives or authorises the consent ("ouders", "voogd",
    "wettelijk vertegenwoordiger", "ouderlijke toestemming"), or that only children of
    16 or older take part ("vanaf 16 jaar"), or cites art. 8 AVG or art. 5 UAVG. It
    reads `betrokkenen` (the activity's name when there is none); "geen kinderen" does
    not count. In a privacy statement it reports an age limit below 16 for children or for
    who may consent ("niet bedoeld voor kinderen jonger dan 13 jaar", "consent may only be
    given by users older than 13"); a limit of 16 or higher passes.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    For information society services offered directly to a child, consent is valid from
    16; below that the holder of parental responsibility must give or authorise it
    (Art. 8(1); the Netherlands kept 16). UAVG art. 5 extends this to other consent of
    children under 16: the legal representative consents. Children merit specific
    protection (recital 38).

    ## Example
    ```avg
    verwerking "Jeugdclub" {
        betrokkenen: kinderen van 8 tot 14 jaar
        grondslag: Toestemming
        intrekken: via de afmeldlink in elke clubmail
    }
    ```

    ## Use instead
    ```avg
    verwerking "Jeugdclub" {
        betrokkenen: kinderen van 8 tot 14 jaar
        grondslag: Toestemming van ouder of voogd
        intrekken: door de ouder of voogd, via de afmeldlink in elke clubmail
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking op toestemming waarvan de betrokkenen kinderen omvatten
    ("kinderen", "minderjarigen", "jongeren", "leerlingen", "jonger dan 16") zegt dat een
    ouder, voogd of wettelijk vertegenwoordiger de toestemming geeft of machtigt
    ("ouders", "voogd", "wettelijk vertegenwoordiger", "ouderlijke toestemming"), of dat
    alleen kinderen van 16 jaar of ouder meedoen ("vanaf 16 jaar"), of art. 8 AVG of art. 5
    UAVG noemt. De regel leest `betrokkenen` (de naam van de verwerking als die er niet
    is); "geen kinderen" telt niet. In een privacyverklaring meldt de regel een
    leeftijdsgrens onder de 16 voor kinderen of voor wie toestemming mag geven ("niet
    bedoeld voor kinderen jonger dan 13 jaar", "toestemming kan alleen worden gegeven door
    gebruikers ouder dan 13 jaar"); een grens van 16 jaar of hoger is in orde.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Bij diensten van de informatiemaatschappij die rechtstreeks aan een kind worden
    aangeboden, is toestemming geldig vanaf 16 jaar; daaronder moet de
    ouderverantwoordelijke haar geven of machtigen (art. 8 lid 1; Nederland hield 16
    aan). Art. 5 UAVG breidt dat uit tot andere toestemming van kinderen onder de 16: de
    wettelijk vertegenwoordiger stemt in. Kinderen verdienen specifieke bescherming
    (overweging 38).

    ## Voorbeeld

    ## Beter
    """
    yield from each_once(register, ctx, _children)


@statement_check(child_without_parental_consent)
def child_age_in_statement(statement, ctx):
    """In a privacy statement: an age limit below 16 for children, or for who may consent ("kinderen jonger dan 13
    jaar", "consent may only be given by users older than 13")."""
    vocab = ctx.vocab
    for sentence in statement.sentences:
        text = sentence.text
        ages = vocab.terms("age_thresholds").find(text)
        if not ages or not (vocab.terms("children").search(text) or vocab.terms("consent_topic").search(text)):
            continue
        for match in ages:
            age = match.entry.get("leeftijd")
            if isinstance(age, int) and age < _DUTCH_AGE:
                yield report(sentence.span_of(match.start, match.end),
                             f"'{match.text}': in the Netherlands a child can consent on its own from 16; below that "
                             "the parent or legal representative consents (Art. 8(1); UAVG art. 5). Use 16 as the age "
                             "limit.",
                             f"'{match.text}': in Nederland kan een kind vanaf 16 jaar zelf toestemming geven; "
                             "daaronder geeft de ouder of wettelijk vertegenwoordiger die (art. 8 lid 1 AVG; art. 5 "
                             "UAVG). Gebruik 16 jaar als leeftijdsgrens.")
                break


@statement_check(consent_in_dependency)
def consent_in_dependency_in_statement(statement, ctx):
    """Consent of the organisation's own staff or job applicants: in a statement whose title addresses them
    ("Privacy notice for employees", "Job applicant privacy notice"), the first use it rests on their consent; in any
    statement, consent in a sentence that names applicants ("toestemming … als u solliciteert bij de gemeente"). Only the
    employment relation, the EDPB's first example of imbalance (05/2020 §21-24): a care provider must ask its
    patients' consent to share their file, and a school its pupils' parents' consent for photos."""
    vocab = ctx.vocab
    reading = statement_reading(statement, vocab)
    title = statement.blocks[0] if statement.blocks and statement.blocks[0].kind in ("heading", "title") else None
    audience = _staff(vocab, title.text, ("werknemers", "sollicitanten")) if title is not None else None
    retention = vocab.terms("retention_verbs")
    found = []
    for sentence in statement.sentences:
        if sentence.block.kind in ("heading", "title") or reading.in_rights_section(sentence.block):
            continue
        named = _staff(vocab, sentence.text, ("sollicitanten",))
        if named is None and audience is None:
            continue
        extras = vocab.terms("consent_freely_given").find(sentence.block.text if named is None else sentence.text)
        if named is not None and any(_one_phrase(sentence.text, extra, named) for extra in extras):
            named = None   # "a newsletter for applicants": an extra for them, not their dependency
        if named is None and extras:
            continue  # ("een nieuwsbrief of als u solliciteert": the applicants' consent still counts)
        elements = {m.entry.get("id") for m in reading.find("statement_elements", sentence)}
        if "intrekken" in elements:
            continue   # how consent is withdrawn, not what rests on it
        for mention in vocab.lawful_bases.read(sentence.text, fuzzy=False).mentions:
            if mention.letter != "a" or reading.negated(sentence, mention.start, mention.end):
                continue
            # consent to keep the data longer is asked once the procedure or employment is over
            after = " ".join(sentence.text[mention.end:].split()[:6])
            if retention.search(sentence.text[:mention.start]) or retention.search(after):
                continue
            found.append((sentence, mention, named or audience))
    if not found:
        return
    # where consent is tied to a use ("We use consent to collect references"), rather than listed among the bases
    sentence, mention, who = next(((s, m, w) for s, m, w in found if reading.cues(s, "gebruik")), found[0])
    yield report(sentence.span_of(mention.start, mention.end),
                 f"'{mention.text}': consent of people who depend on the organisation ('{who.text}') is rarely free "
                 "(recital 43, Art. 7(4)): rest this use on another basis, or say why refusing has no consequences for "
                 "them.",
                 f"'{mention.text}': toestemming van mensen die afhankelijk zijn van de organisatie ('{who.text}') is "
                 "zelden vrij (overweging 43, art. 7 lid 4): baseer dit gebruik op een andere grondslag, of zeg waarom "
                 "weigeren voor hen geen gevolgen heeft.")


def _one_phrase(text: str, first, second) -> bool:
    """Two matches stand in one phrase: at most one word between them, and no comma."""
    a, b = sorted((first, second), key=lambda m: m.start)
    gap = text[a.end:b.start]
    return "," not in gap and len(gap.split()) <= 1


def _staff(vocab, text: str, kinds: tuple[str, ...]):
    """The organisation's own staff or job applicants (``kinds`` of dependent_subjects) named in ``text``, or None."""
    return next((m for m in find_affirmed(vocab, "dependent_subjects", text) if m.entry["id"] in kinds), None)


# --------------------------------------------------------------------------------------------
# AVG405


def _fallback(activity: Activity, ctx):
    vocab = ctx.vocab
    found = controller_basis(activity, vocab, "a")
    if found is None:
        return
    field, reading, letters = found
    wording = None
    for _key, fld, text in texts(activity, ("grondslag", "belang")):
        matches = vocab.terms("consent_fallback").find(text)
        if matches:
            wording = fld, matches[0]
            break
    if wording is None and (len(letters) < 2 or allocated(field, vocab, activity.get("doel"))):
        return
    others = ", ".join(vocab.lawful_bases.canonical(letter) for letter in sorted(letters - {"a"})) or "another basis"
    others_nl = ", ".join(vocab.lawful_bases.canonical(letter) for letter in sorted(letters - {"a"})) or \
        "een andere grondslag"
    where_en, where_nl = written_on(field, activity)
    if wording is not None:
        fld, match = wording
        span, quoted = field_span(fld, match.start, match.end), fld.text
    else:
        span, quoted = field.value_span, field.text
    yield report(span,
                 f"'{quoted}' puts consent next to {others} for the same purpose{where_en}: choose one basis per "
                 "purpose before processing starts. Falling back on another basis when consent is refused or "
                 "withdrawn is not allowed (EDPB Guidelines 05/2020 §121–123). If each basis covers a different "
                 "purpose, say which (one item per basis).",
                 f"'{quoted}' zet toestemming naast {others_nl} voor hetzelfde doel{where_nl}: kies één grondslag per "
                 "doel voordat de verwerking begint. Terugvallen op een andere grondslag als toestemming wordt "
                 "geweigerd of ingetrokken mag niet (EDPB-richtsnoeren 05/2020 §121–123). Geldt elke grondslag voor "
                 "een ander doel, zeg dan welke (één item per grondslag).", field="grondslag")


@rule(id="AVG405", slug="toestemming-als-vangnet", severity="warning", scope="register",
      needs={"grondslag": names_basis("a")},
      articles=("6(1)", "7"),
      title=("Consent combined with another basis for the same purpose, or as a fallback.",
             "Toestemming naast een andere grondslag voor hetzelfde doel, of als vangnet."))
def consent_as_fallback(register, ctx):
    """
    ## What it checks
    That consent is not one of several bases for the same purpose: "Toestemming en/of
    gerechtvaardigd belang", "toestemming, anders uitvoering overeenkomst", "indien geen
    toestemming dan gerechtvaardigd belang", or consent and another basis in one
    `grondslag` without saying which covers what. Bases that each say what they cover
    ("Toestemming voor de nieuwsbrief, Uitvoering overeenkomst voor de levering") pass.

    In a privacy statement: consent hedged beside another basis ("To the extent required by
    law, we have obtained your consent", "toestemming en/of gerechtvaardigd belang"), or
    offered as the alternative to it or added to it for the same use ("based on Art. 6 (1) f.
    GDPR or with the explicit consent", "your explicit consent … as well as the legal basis
    of Art. 6 (1) b.").

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    The basis is chosen before the processing starts, per purpose. A controller that
    asks for consent and then falls back on another basis when consent is refused or
    withdrawn misleads the data subject and makes consent meaningless (EDPB Guidelines
    05/2020 on consent, §121–123; Art. 6(1), 7).

    ## Example
    ```avg
    verwerking "Klantonderzoek" {
        grondslag: Toestemming en/of gerechtvaardigd belang
    }
    ```

    ## Use instead
    ```avg
    verwerking "Klantonderzoek" {
        grondslag: Gerechtvaardigd belang
        belang: de dienstverlening verbeteren met de antwoorden van klanten (belangenafweging LIA-2025-01)
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat toestemming niet een van meerdere grondslagen voor hetzelfde doel is:
    "Toestemming en/of gerechtvaardigd belang", "toestemming, anders uitvoering
    overeenkomst", "indien geen toestemming dan gerechtvaardigd belang", of toestemming en
    een andere grondslag in één `grondslag` zonder te zeggen welke waarvoor geldt.
    Grondslagen die elk zeggen waarvoor ze gelden ("Toestemming voor de nieuwsbrief,
    Uitvoering overeenkomst voor de levering") zijn in orde.

    In een privacyverklaring: toestemming met een voorbehoud naast een andere grondslag
    ("voor zover wettelijk vereist vragen wij uw toestemming", "toestemming en/of
    gerechtvaardigd belang"), of als alternatief voor of aanvulling op die grondslag voor
    hetzelfde gebruik ("op grond van ons gerechtvaardigd belang of met uw toestemming",
    "toestemming … alsmede op grond van de overeenkomst").

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    De grondslag wordt gekozen voordat de verwerking begint, per doel. Wie om toestemming
    vraagt en bij weigering of intrekking terugvalt op een andere grondslag, misleidt de
    betrokkene en maakt de toestemming betekenisloos (EDPB-richtsnoeren 05/2020 over
    toestemming, §121–123; art. 6 lid 1, 7).

    ## Voorbeeld

    ## Beter
    """
    yield from each_once(register, ctx, _fallback)


# what makes consent no consent in a statement, in its own words: conduct, silence, a pre-ticked box, the terms (not
# "opt-out", which statements use for unsubscribing)
_NOT_GIVEN = frozenset({"gedrag", "stilzwijgend", "vooraf_aangevinkt", "voorwaarden"})


@statement_check(consent_as_opt_out)
def consent_as_opt_out_in_statement(statement, ctx):
    """Consent the statement says is given by conduct or silence ("Door het betreden van het evenemententerrein: - geef
    je toestemming voor het maken van foto's"), in the consent's sentence or the lead-in of its list item; reported
    where the consent is claimed."""
    reading = statement_reading(statement, ctx.vocab)
    for claim in reading.claims:
        if not claim.valid or claim.letter != "a":
            continue
        lead = list_lead(statement, claim.sentence.block)
        for sentence in (claim.sentence, *(lead.sentences[-1:] if lead is not None else ())):
            found = next((m for m in find_affirmed(ctx.vocab, "implied_consent", sentence.text)
                          if m.entry.get("id") in _NOT_GIVEN), None)
            if found is None:
                continue
            yield report(claim.span,
                         f"'{found.text}': consent given by conduct, silence or with the terms is no consent; it needs a "
                         "clear affirmative act, asked apart from anything else (Art. 4(11), 7(1), 7(2); recital 32; "
                         "CJEU C-673/17 Planet49). Ask for it actively, or rest the processing on another basis and "
                         "say so.",
                         f"'{found.text}': toestemming door gedrag, zwijgen of met de voorwaarden is geen toestemming; "
                         "ze vraagt een ondubbelzinnige actieve handeling, los van al het andere gevraagd (art. 4 lid "
                         "11, 7 lid 1, 7 lid 2; overweging 32; HvJ EU C-673/17 Planet49). Vraag haar actief, of baseer "
                         "de verwerking op een andere grondslag en zeg dat.")
            return  # one finding: the statement's way of asking consent
    # agreement by use without the word consent: "Door gebruik te maken van deze website ... stem je in met de
    # voorwaarden van het privacybeleid", "By using this site you agree to this policy"
    agreement = ctx.vocab.terms("consent_agreement")
    for block in statement.blocks:
        for sentence, after in zip(block.sentences, (*block.sentences[1:], None)):
            found = next((m for m in find_affirmed(ctx.vocab, "implied_consent", sentence.text)
                          if m.entry.get("id") == "gedrag"), None)
            if found is None:
                continue
            # a name with "!" ends a sentence that goes on: "gegevens aan BAM! Festival verstrekt, stem je in"
            agreed = agreement.search(sentence.text) or (
                after is not None and sentence.text.rstrip().endswith("!") and agreement.search(after.text))
            if not agreed:
                continue
            yield report(sentence.span_of(found.start, found.end),
                         f"'{found.text}': agreeing by using the website or service is no consent; consent needs a "
                         "clear affirmative act, asked apart from anything else, and a privacy statement informs, it "
                         "is not agreed to (Art. 4(11), 7(1), 7(2); recital 32; EDPB Guidelines 05/2020). Drop the "
                         "sentence, and ask for consent actively where the processing rests on it.",
                         f"'{found.text}': instemmen door de website of dienst te gebruiken is geen toestemming; "
                         "toestemming vraagt een ondubbelzinnige actieve handeling, los van al het andere gevraagd, en "
                         "een privacyverklaring informeert, ze wordt niet aanvaard (art. 4 lid 11, 7 lid 1, 7 lid 2; "
                         "overweging 32; EDPB-richtsnoeren 05/2020). Schrap de zin, en vraag toestemming actief waar "
                         "de verwerking erop berust.")
            return


@statement_check(consent_as_fallback)
def consent_as_fallback_in_statement(statement, ctx):
    """Consent named as a fallback or hedge beside another basis ("To the extent required by law, we have obtained
    your consent"), at its first place in the statement."""
    vocab = ctx.vocab
    for sentence in statement.sentences:
        for match in find_affirmed(vocab, "consent_fallback", sentence.text):
            yield report(sentence.span_of(match.start, match.end),
                         f"'{match.text}': consent as a fallback or a hedge beside another basis leaves open which "
                         "basis holds; choose one per purpose and say it (EDPB Guidelines 05/2020 §121–123; Art. "
                         "13(1)(c)).",
                         f"'{match.text}': toestemming als vangnet of voorbehoud naast een andere grondslag laat open "
                         "welke grondslag geldt; kies er één per doel en noem die (EDPB-richtsnoeren 05/2020 §121–123; "
                         "art. 13 lid 1 sub c).")
            return
