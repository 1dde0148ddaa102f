"""Transfers, processors and joint controllers (AVG6xx): Art. 26, 28, 44-49.

What the register says about data leaving the EEA: a recipient or processor that
implies a transfer nobody recorded (AVG601), a recorded transfer without a safeguard
(AVG602), a safeguard that is invalid or does not fit (AVG603), and social-media pages
that make the organisation a joint controller with the platform (AVG604).

A transfer is read from three places: an activity's `doorgifte` (which may be written
on a `groep` or the `organisatie`), a `verwerker` block's `land` and `waarborg`, and the
names in `verwerkers`, `ontvangers` and `systemen`. AVG601-603 run once over the whole
register: an inherited `doorgifte` and a `verwerker` block are judged once, where they
are written, not once for every activity that inherits or names them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from avglint import clauses
from avglint.model import Activity, Field, Processor
from avglint.readings import reading
from avglint.registry import NAME, EachItem, report, rule, statement_check

from ._common import field_span, has_value, mentions, screened_by, states, value_of

# ---------------------------------------------------------------------------------------------
# Reading transfers


def negated(vocab, text: str, start: int, end: int) -> bool:
    """A negation ("geen", "niet", "zonder") or a word of history ("voorheen", "vervallen") in the clause
    around ``text[start:end]``: "geen Google Analytics", "Privacy Shield (vervallen)" (the clause reader)."""
    return clauses.reader(vocab).negated(text, start, end, extra=vocab.terms("transfer_history"))


@reading(reader=None)
def _tables(vocab):
    data = vocab.data("transfers")
    countries = {entry["id"]: entry for entry in data["countries"]}
    adequacy = {entry["id"]: entry for entry in data["adequacy"]}
    return countries, adequacy


def country_name(vocab, code: str) -> str:
    entry = _tables(vocab)[0].get(code)
    return entry["naam"] if entry else code


def adequate(vocab, code: str) -> bool:
    """A third country whose adequacy decision covers every recipient there (not the US: DPF only)."""
    entry = _tables(vocab)[0].get(code)
    return bool(entry and (entry.get("eer") or (entry.get("adequaat") and not entry.get("adequaat_voorwaarde"))))


class Destination(NamedTuple):
    text: str
    start: int
    end: int
    codes: tuple[str, ...]   # ISO codes; empty for wording like "buiten de EER"
    kind: str                # country, entity, phrase


class Reading(NamedTuple):
    destinations: list[Destination]
    mechanisms: list          # TermMatch of transfer_mechanisms (valid ones)
    invalid: list             # TermMatch of invalid_transfer_mechanisms
    eea: bool                 # an EEA country is named

    @property
    def states_transfer(self) -> bool:
        return bool(self.destinations or self.mechanisms or self.invalid)


@reading(reader=0)
def read(vocab, text: str) -> Reading:
    """What a `doorgifte` or `waarborg` text says: destinations outside the EEA and mechanisms (a reading:
    do not change it)."""
    if not text or vocab.is_none(text):
        return Reading([], [], [], False)
    destinations, eea = [], False
    for match in vocab.terms("countries").find(text):
        if negated(vocab, text, match.start, match.end):
            continue
        if match.entry.get("eer"):
            eea = True
        else:
            destinations.append(Destination(match.text, match.start, match.end, (match.entry["id"],), "country"))
    entities = [Destination(m.text, m.start, m.end, tuple(m.entry.get("land") or ()), "entity")
                for m in vocab.terms("third_country_recipients").find(text) if not negated(vocab, text, m.start, m.end)]
    if not (eea and not destinations):   # "Microsoft (Ierland)": an EU establishment is named
        destinations.extend(entities)
    destinations.extend(Destination(m.text, m.start, m.end, (), "phrase")
                        for m in vocab.terms("third_country_phrases").find(text)
                        if not negated(vocab, text, m.start, m.end))
    destinations.sort(key=lambda d: d.start)
    all_invalid = vocab.terms("invalid_transfer_mechanisms").find(text)
    invalid = [m for m in all_invalid if not negated(vocab, text, m.start, m.end)]
    mechanisms = [m for m in vocab.terms("transfer_mechanisms").find(text)
                  if not any(m.start < bad.end and bad.start < m.end for bad in all_invalid)
                  and not negated(vocab, text, m.start, m.end)]
    return Reading(destinations, mechanisms, invalid, eea)


def needs_safeguard(vocab, destination: Destination) -> bool:
    """Outside the EEA and not fully covered by an adequacy decision (the US needs DPF certification)."""
    return not destination.codes or any(not adequate(vocab, code) for code in destination.codes)


def land_codes(vocab, processor: Processor) -> tuple[Field | None, list]:
    """The `land` field of a processor and the countries outside the EEA it names (TermMatch)."""
    land = processor.own("land")
    if not has_value(land):
        return land, []
    return land, [m for m in vocab.terms("countries").find(land.text)
                  if not m.entry.get("eer") and not negated(vocab, land.text, m.start, m.end)]


def _place(block) -> str:
    return f"{block.kind_written} '{block.name}'" if block.name else block.kind_written


def _codes_text(vocab, codes, lang: str) -> str:
    return ", ".join(code if lang == "en" else country_name(vocab, code) for code in sorted(codes))


# ---------------------------------------------------------------------------------------------
# AVG601


# every place an activity may name a party that receives the data: a tool in `beveiliging` ("bestanden in
# Dropbox") or `intrekken` ("de afmeldlink van Mailchimp") as much as in `verwerkers`. Not `gegevens` or `bron`:
# there a platform's name qualifies the data or where they come from ("WhatsApp-profiel", "bron: Facebook")
_MENTION_KEYS = ("verwerkers", "ontvangers", "systemen", "doel", "omschrijving", "beveiliging", "profilering",
                 "intrekken")
_PARTY_KEYS = ("verwerkers", "ontvangers", "systemen")   # where a country or generic cloud wording names a party


class Mention(NamedTuple):
    name: str
    codes: tuple[str, ...]   # where the party is based (empty for a country or "buiten de EER" itself)
    span: object
    own: bool          # written in the activity itself
    documented: bool   # a `verwerker` block records the country and a safeguard (or adequacy)
    block: object = None


@reading
def _entities(text: str, vocab) -> tuple[tuple[str, tuple[str, ...], int, int], ...]:
    """Third-country entities in an item, not negated: (name, countries, start, end); adjacent words of one
    entity ("Microsoft Teams") are one."""
    found: list[tuple[str, tuple[str, ...], int, int]] = []
    last = None
    for match in vocab.terms("third_country_recipients").find(text):
        if negated(vocab, text, match.start, match.end):
            continue
        if last is not None and last[0].entry["id"] == match.entry["id"] and not text[last[1]:match.start].strip(" -"):
            start = last[2]
            found[-1] = (text[start:match.end], found[-1][1], start, match.end)
            last = (match, match.end, start)
            continue
        found.append((_display(match), tuple(match.entry.get("land") or ()), match.start, match.end))
        last = (match, match.end, match.start)
    return tuple(found)


@reading
def _places(text: str, vocab) -> tuple:
    """Countries outside the EEA and wording such as "buiten de EER" in an item, not negated (TermMatch)."""
    return tuple(match for name in ("countries", "third_country_phrases") for match in vocab.terms(name).find(text)
                 if not match.entry.get("eer", False) and not negated(vocab, text, match.start, match.end))


@reading
def _clouds(text: str, vocab) -> tuple:
    """Generic cloud wording in an item ("cloud", "SaaS", "hosting"), not negated (TermMatch)."""
    return tuple(match for match in vocab.terms("generic_cloud").find(text)
                 if not negated(vocab, text, match.start, match.end))


@screened_by("third_country_recipients")
def _names_party(text: str, vocab) -> bool:
    """An item names a third-country entity (what AVG601 reads in every field it reads)."""
    # most items hold no term of the list: no reading of negations (nor a table entry) for them
    return bool(vocab.terms("third_country_recipients").find(text) and _entities(text, vocab))


@screened_by("third_country_recipients", "countries", "third_country_phrases", "generic_cloud")
def _names_party_or_place(text: str, vocab) -> bool:
    """An item names a third-country entity, a country outside the EEA, or generic cloud wording (what AVG601
    reads in the fields that name parties)."""
    terms = vocab.terms
    return bool(_names_party(text, vocab)
                or (terms("countries").find(text) or terms("third_country_phrases").find(text))
                and _places(text, vocab)
                or terms("generic_cloud").find(text) and _clouds(text, vocab))


def _entity_mentions(vocab, item, own: bool, documented: bool = False) -> list[Mention]:
    """Third-country entities in an item; adjacent words of one entity ("Microsoft Teams") are one mention."""
    return [Mention(name, codes, item.span_of(start, end), own, documented, item.field.block)
            for name, codes, start, end in _entities(item.value, vocab)]


def _display(match) -> str:
    """'Facebook' for a match 'Facebook-gegevens' of the term 'facebook*'."""
    term = match.term
    if term.endswith("*") and not term.startswith("*"):
        stem = len(term.rstrip("*").lstrip("="))
        if 0 < stem < len(match.text):
            return match.text[:stem]
    return match.text


class _Scanner:
    """The mentions of one register, each field and processor read once (inherited fields and processors
    named by many activities would otherwise be read again for every activity)."""

    def __init__(self, vocab, register):
        self.vocab, self.register = vocab, register
        self._fields: dict[int, tuple[list[Mention], list]] = {}
        self._processors: dict[int, tuple[tuple[str, ...], bool]] = {}

    def processor(self, processor: Processor) -> tuple[tuple[str, ...], bool]:
        """(countries outside the EEA in its `land`, whether its `waarborg` names a mechanism)."""
        found = self._processors.get(id(processor))
        if found is None:
            outside = land_codes(self.vocab, processor)[1]
            safeguarded = bool(read(self.vocab, value_of(processor.own("waarborg"))).mechanisms)
            found = self._processors[id(processor)] = (tuple(m.entry["id"] for m in outside), safeguarded)
        return found

    def field(self, key: str, field: Field) -> tuple[list[Mention], list]:
        """Mentions in one field (``own`` still to be set) and generic cloud wording (TermMatch, span)."""
        cached = self._fields.get(id(field))
        if cached is not None:
            return cached
        vocab = self.vocab
        found: list[Mention] = []
        cloud = []
        for item in field.items:
            text = item.value
            if key == "verwerkers" and vocab.is_none(text):
                continue
            processor = self.register.processor(text) if key == "verwerkers" and self.register else None
            if processor is not None:
                codes, safeguarded = self.processor(processor)
                if codes:
                    documented = safeguarded or all(adequate(vocab, code) for code in codes)
                    found.append(Mention(processor.name or text, codes, item.span, False, documented, field.block))
                else:   # no land, or one in the EEA: a parent outside the EEA may still reach the data (R7.4)
                    found.extend(_entity_mentions(vocab, item, False, safeguarded))
                continue
            if _entities(text, vocab):
                found.extend(_entity_mentions(vocab, item, False))
            if key in _PARTY_KEYS:
                found.extend(Mention(match.text, (), item.span_of(match.start, match.end), False, False, field.block)
                             for match in _places(text, vocab))
                cloud.extend((match, item.span_of(match.start, match.end)) for match in _clouds(text, vocab))
        self._fields[id(field)] = found, cloud
        return found, cloud

    def activity(self, activity: Activity) -> tuple[list[Mention], list]:
        """Third-country parties the activity names, and generic cloud wording (TermMatch, span, own)."""
        mentions: list[Mention] = []
        cloud = []
        for key in _MENTION_KEYS:
            field = activity.get(key)
            if not has_value(field):
                continue
            found, words = self.field(key, field)
            if found or words:
                own = field.block is activity
                mentions.extend(m._replace(own=own) for m in found)
                cloud.extend((match, span, own) for match, span in words)
        if activity.name:
            for match in self.vocab.terms("third_country_recipients").find(activity.name):
                mentions.append(Mention(_display(match), tuple(match.entry.get("land") or ()), activity.name_span,
                                        True, False, activity))
        return mentions, cloud


def _country_codes(vocab, text: str) -> set[str]:
    return {m.entry["id"] for m in vocab.terms("countries").find(text) if not m.entry.get("eer")}


def _example(vocab, codes: set[str]) -> str:
    """A `doorgifte` value to suggest: the country and the mechanism that usually fits it."""
    if not codes:
        return "<land> (<waarborg>)"
    code = "US" if "US" in codes else sorted(codes)[0]
    if code == "US":
        mechanism = "Data Privacy Framework"
    elif adequate(vocab, code):
        mechanism = "adequaatheidsbesluit"
    else:
        mechanism = "standaardcontractbepalingen 2021/914 met TIA"
    return f"{country_name(vocab, code)} ({mechanism})"


# where AVG601 reads a party in words: an item of a field it reads, or the name (besides a `verwerkers` item
# that names a `verwerker` block outside the EEA, which no reading of the item can tell)
_NAMES_A_PARTY = {**{key: EachItem(_names_party_or_place if key in _PARTY_KEYS else _names_party)
                     for key in _MENTION_KEYS}, NAME: mentions("third_country_recipients")}


def _names_processor(activity: Activity, processors: set[int]) -> bool:
    """The activity's `verwerkers` names one of these `verwerker` blocks (by id)."""
    field = activity.get("verwerkers")
    return has_value(field) and any(id(activity.register.processor(item.value)) in processors
                                    for item in field.items)


@rule(id="AVG601", slug="doorgifte-impliciet", severity="warning", scope="register",
      articles=("44", "30(1)(e)", "30(2)(c)", "13(1)(f)"),
      title=("A recipient, processor or system implies a transfer outside the EEA that 'doorgifte' does not record.",
             "Een ontvanger, verwerker of systeem wijst op een doorgifte buiten de EER die 'doorgifte' niet vermeldt."))
def implied_transfer(register, ctx):
    """
    ## What it checks
    That an activity which names a party outside the EEA also records the transfer in
    `doorgifte`. The party is found in `verwerkers`, `ontvangers`, `systemen`, `doel`,
    `omschrijving`, `beveiliging` ("bestanden in Dropbox"), `profilering`, `intrekken` or
    the activity's name (not in `gegevens` or `bron`, where a platform's name qualifies the
    data or their source: "WhatsApp-profiel"): services whose parent company is outside the
    EEA (Google and YouTube, Meta's Facebook, Instagram and WhatsApp, Microsoft and
    LinkedIn, X/Twitter, AWS, Salesforce, HubSpot, Mailchimp, Zoom, OpenAI, TikTok, …), a
    country outside the EEA, or a `verwerker` block whose `land` is outside the EEA. The
    finding is a **warning** when `doorgifte` is missing, or when it says `geen` (or names
    nothing outside the EEA) while such a party is named. One finding per activity names
    all the parties.

    Generic wording (`cloud`, `SaaS`, `IaaS`, `datacenter`, `hosting`) in `verwerkers`,
    `ontvangers` or `systemen` of an activity without `doorgifte` gives a **note**: a
    transfer is possible but cannot be judged. A mention after "geen", "niet" or
    "zonder" ("geen Google Analytics") does not count. A processor whose own block
    records the country and a safeguard counts as recorded.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every field where a register names a party that receives the data (`verwerkers`, `ontvangers`,
    `systemen`, `doel`, `omschrijving`, `beveiliging`, `profilering`, `intrekken`) and every
    `verwerker` block; a party named in a negation ("geen Google
    Analytics") does not count.

    ## Why
    Art. 30(1)(e) (and 30(2)(c) for a processor) requires transfers to third countries to
    be recorded with the country, and Chapter V (Art. 44) allows them only under its
    conditions. Many of these services keep or reach the data from the United States,
    even when the contract is with a European subsidiary (remote access and onward
    transfer to the parent count). A register that names the platform but not the
    transfer has not checked either.

    ## Example
    ```avg
    verwerking "Webcare" {
        doel: vragen beantwoorden via onze Facebook- en Instagram-accounts
    }
    ```

    ## Use instead
    ```avg
    verwerking "Webcare" {
        doel: vragen beantwoorden via onze Facebook- en Instagram-accounts
        doorgifte: "Verenigde Staten (Meta Platforms, Inc.): Data Privacy Framework"
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking die een partij buiten de EER noemt, de doorgifte ook vastlegt in
    `doorgifte`. De partij wordt gezocht in `verwerkers`, `ontvangers`, `systemen`,
    `doel`, `omschrijving`, `beveiliging` ("bestanden in Dropbox"), `profilering`,
    `intrekken` en de naam van de verwerking (niet in `gegevens` of `bron`, waar de naam van
    een platform de gegevens of hun herkomst aanduidt: "WhatsApp-profiel"): diensten met een moederbedrijf
    buiten de EER (Google en YouTube, Facebook, Instagram en WhatsApp van Meta, Microsoft
    en LinkedIn, X/Twitter, AWS, Salesforce, HubSpot, Mailchimp, Zoom, OpenAI, TikTok, …),
    een land buiten de EER, of een blok `verwerker` met een `land` buiten de EER. Het is
    een **waarschuwing** als `doorgifte` ontbreekt, of `geen` zegt (of niets buiten de
    EER noemt) terwijl zo'n partij genoemd wordt. Eén melding per verwerking noemt alle
    partijen.

    Algemene woorden (`cloud`, `SaaS`, `IaaS`, `datacenter`, `hosting`) in `verwerkers`,
    `ontvangers` of `systemen` van een verwerking zonder `doorgifte` geven een
    **opmerking**: een doorgifte is mogelijk maar niet te beoordelen. Een vermelding na
    "geen", "niet" of "zonder" ("geen Google Analytics") telt niet. Een verwerker
    waarvan het eigen blok het land en een waarborg vastlegt, geldt als vastgelegd.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elk veld waarin een register een
    partij noemt die de gegevens ontvangt (`verwerkers`, `ontvangers`, `systemen`, `doel`,
    `omschrijving`, `beveiliging`, `profilering`, `intrekken`) en elk
    `verwerker`-blok; een partij in een ontkenning ("geen Google Analytics") telt niet.

    ## Waarom
    Art. 30 lid 1 sub e (en lid 2 sub c voor een verwerker) vraagt doorgiften naar derde
    landen vast te leggen met vermelding van het land, en hoofdstuk V (art. 44) staat ze
    alleen onder zijn voorwaarden toe. Veel van deze diensten bewaren of benaderen de
    gegevens vanuit de Verenigde Staten, ook als het contract met een Europese
    dochteronderneming is (toegang op afstand en verdere doorgifte aan het moederbedrijf
    tellen mee). Een register dat het platform noemt maar de doorgifte niet, heeft geen
    van beide gecontroleerd.

    ## Voorbeeld

    ## Beter
    """
    # Register scope: a mention written on a groep or the organisatie, or a 'doorgifte: geen'
    # an activity writes itself, is reported once at the place where it is written.
    vocab = ctx.vocab
    scanner = _Scanner(vocab, register)
    abroad = {id(processor) for processor in register.processors if scanner.processor(processor)[0]}
    named = {id(activity) for activity in ctx.where(_NAMES_A_PARTY)}
    seen: set[tuple[str, int]] = set()
    for activity in register.activities:
        if id(activity) not in named and not (abroad and _names_processor(activity, abroad)):
            continue  # no party named: nothing to report
        transfer = activity.get("doorgifte")
        absent = not has_value(transfer)
        if not absent and read(vocab, transfer.text).states_transfer:
            continue
        mentions, cloud = scanner.activity(activity)
        mentions = [m for m in mentions if not (absent and m.documented)]
        if not absent and transfer.block is activity:
            # the activity's own 'doorgifte' is more specific than a groep's default systems or processors
            mentions = [m for m in mentions if m.own]
        if mentions:
            mentions.sort(key=lambda m: not m.own)
            if not absent and transfer.block is activity:
                span = transfer.value_span
            else:
                span = mentions[0].span
            key = (span.path, span.start)
            if key in seen:
                continue
            seen.add(key)
            names: dict[str, str] = {}
            for mention in sorted(mentions, key=lambda m: (m.span.path, m.span.start)):
                names.setdefault(mention.name.casefold(), mention.name)
            codes = {code for m in mentions for code in m.codes}
            listed = ", ".join(names.values())
            en_where = f" (based in {_codes_text(vocab, codes, 'en')})" if codes else ""
            nl_where = f" (gevestigd in {_codes_text(vocab, codes, 'nl')})" if codes else ""
            first = mentions[0]
            if first.own:
                who_en = who_nl = f"'{activity.name}'"
            else:
                who_en = f"{_place(first.block)} (inherited by '{activity.name}')"
                who_nl = f"{_place(first.block)} (geldt voor '{activity.name}')"
            example = _example(vocab, codes or {c for m in mentions for c in _country_codes(vocab, m.name)})
            if absent:
                state_en, state_nl = "the activity records no 'doorgifte'", "de verwerking vermeldt geen 'doorgifte'"
            else:
                inherited_en = "" if transfer.block is activity else f", written on {_place(transfer.block)}"
                inherited_nl = "" if transfer.block is activity else f", op {_place(transfer.block)}"
                state_en = f"'doorgifte' says '{transfer.text}'{inherited_en}"
                state_nl = f"'doorgifte' zegt '{transfer.text}'{inherited_nl}"
            yield report(span,
                         f"{who_en} names {listed}{en_where}, which implies a transfer outside the EEA, but "
                         f"{state_en}: record the country and the safeguard, e.g. 'doorgifte: {example}', or remove "
                         "the party (Art. 44, 30(1)(e)).",
                         f"{who_nl} noemt {listed}{nl_where}, wat wijst op een doorgifte buiten de EER, maar "
                         f"{state_nl}: leg het land en de waarborg vast, bijvoorbeeld 'doorgifte: {example}', of haal "
                         "de partij weg (art. 44, 30 lid 1 sub e).",
                         activity=activity if activity.span.contains(span) else None, field="doorgifte")
        elif absent and cloud:
            cloud.sort(key=lambda c: not c[2])
            match, span, own = cloud[0]
            key = (span.path, span.start)
            if key in seen:
                continue
            seen.add(key)
            words = ", ".join(dict.fromkeys(f"'{m.text}'" for m, _, _ in cloud))
            yield report(span,
                         f"'{activity.name}' uses {words}: the provider may keep or reach the data outside the EEA. "
                         "Name the provider and its country, and record 'doorgifte' (the country and safeguard, or "
                         "'geen' once checked) (Art. 44, 30(1)(e)).",
                         f"'{activity.name}' gebruikt {words}: de aanbieder kan de gegevens buiten de EER bewaren of "
                         "benaderen. Noem de aanbieder en zijn land, en leg 'doorgifte' vast (het land en de waarborg, "
                         "of 'geen' na controle) (art. 44, 30 lid 1 sub e).",
                         severity="note", activity=activity if activity.span.contains(span) else None,
                         field="doorgifte")


# ---------------------------------------------------------------------------------------------
# AVG602 / AVG603: every doorgifte field in force and every verwerker block, each once


def _states_transfer(text: str, vocab) -> bool:
    """A `doorgifte` text names a destination outside the EEA or a mechanism (what AVG602 and 603 judge)."""
    return read(vocab, text).states_transfer


_RECORDS_A_TRANSFER = {"doorgifte": _states_transfer}


def _doorgifte_fields(activities):
    """(field, activity) for each `doorgifte` in force, each field once (with the first activity using it)."""
    seen: set[int] = set()
    for activity in activities:
        field = activity.get("doorgifte")
        if has_value(field) and id(field) not in seen:
            seen.add(id(field))
            yield field, activity


def _activity_processors(activity: Activity):
    field = activity.get("verwerkers")
    if not has_value(field) or activity.register is None:
        return
    for item in field.items:
        processor = activity.register.processor(item.value)
        if processor is not None:
            yield processor


@reading
def transfer_key(activity: Activity, vocab) -> str | None:
    """Where this family reads a transfer outside the EEA for the activity: 'doorgifte' when the one in
    force names a destination outside the EEA, 'verwerkers' when a `verwerker` block the activity names
    has its `land` outside the EEA; None otherwise. For custom rules."""
    field = activity.get("doorgifte")
    if has_value(field) and read(vocab, field.text).destinations:
        return "doorgifte"
    if any(_abroad(processor, vocab) for processor in _activity_processors(activity)):
        return "verwerkers"
    return None


@reading
def _abroad(processor: Processor, vocab) -> bool:
    """The `verwerker` block's `land` is outside the EEA (read once, for every activity naming it)."""
    return bool(land_codes(vocab, processor)[1])


_SAFEGUARD_EN = ("standard contractual clauses (Decision (EU) 2021/914) with a transfer impact assessment, binding "
                 "corporate rules, or for a US organisation its certification under the Data Privacy Framework")
_SAFEGUARD_NL = ("standaardcontractbepalingen (Besluit (EU) 2021/914) met een doorgiftetoets (TIA), bindende "
                 "bedrijfsvoorschriften, of voor een Amerikaanse organisatie haar certificering onder het Data "
                 "Privacy Framework")


@rule(id="AVG602", slug="doorgifte-zonder-waarborg", severity="error", scope="register",
      needs=_RECORDS_A_TRANSFER,
      articles=("44", "45", "46", "49", "30(1)(e)"),
      title=("A transfer outside the EEA without a safeguard.", "Een doorgifte buiten de EER zonder waarborg."))
def transfer_without_safeguard(register, ctx):
    """
    ## What it checks
    That a transfer to a country outside the EEA names the ground it rests on. The
    transfer is a `doorgifte` that names a country outside the EEA, a recipient based
    there, or wording such as "buiten de EER"; or a `verwerker` block whose `land` is
    outside the EEA. The ground is a mechanism in the same `doorgifte`, or in the
    `waarborg` of the processor: an adequacy decision, the Data Privacy Framework,
    standard contractual clauses, binding corporate rules, an approved code or
    certification, or an Art. 49 derogation (AVG603 judges whether it fits).

    A country with an adequacy decision (Art. 45) needs no further safeguard: Andorra,
    Argentina, Canada (commercial organisations), the Faroe Islands, Guernsey, Israel,
    the Isle of Man, Japan, Jersey, New Zealand, South Korea, Switzerland, the United
    Kingdom (decision renewed on 19 December 2025, valid until 27 December 2031) and
    Uruguay. The United States has one only for organisations certified under the EU-US
    Data Privacy Framework (Implementing Decision (EU) 2023/1795), so a US recipient
    needs `Data Privacy Framework` or another safeguard written down. The list is
    shipped as dated vocabulary (`transfers.yaml`), not in code.

    A `doorgifte` that calls processing by an organisation established in the EEA a transfer
    ("… insofar as the data is processed by Personio SE & Co. KG (https://www.personio.de)"),
    known by its legal form or country domain, and names no country or organisation outside
    it, records none.

    Each `doorgifte` and each `verwerker` block is reported once, where it is written. A
    `doorgifte` of an activity whose processor outside the EEA has no safeguard is left to
    the finding on that processor.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    `doorgifte` wherever it is written (activity, `groep`, `organisatie`) and every `verwerker`
    block's `land`; a transfer the text denies ("op geen enkel moment naar een land buiten de EU",
    "we do not transfer") is no transfer.

    ## Why
    Personal data may leave the EEA only under Chapter V: an adequacy decision (Art. 45),
    appropriate safeguards (Art. 46, 47) or, for occasional transfers, a derogation
    (Art. 49). Art. 30(1)(e) asks the register to document the safeguards. A transfer
    without any is unlawful (Art. 44).

    ## Example
    ```avg
    verwerker "MailStroom Inc." {
        land: Verenigde Staten
        overeenkomst: verwerkersovereenkomst VO-2025-07
    }
    ```

    ## Use instead
    ```avg
    verwerker "MailStroom Inc." {
        land: Verenigde Staten
        waarborg: "standaardcontractbepalingen (Besluit (EU) 2021/914, module 2) met TIA-2025-02"
        overeenkomst: verwerkersovereenkomst VO-2025-07
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een doorgifte naar een land buiten de EER de grond noemt waarop zij rust. De
    doorgifte is een `doorgifte` die een land buiten de EER noemt, een ontvanger die daar
    gevestigd is, of woorden als "buiten de EER"; of een blok `verwerker` met een `land`
    buiten de EER. De grond is een mechanisme in dezelfde `doorgifte` of in de
    `waarborg` van de verwerker: een adequaatheidsbesluit, het Data Privacy Framework,
    standaardcontractbepalingen, bindende bedrijfsvoorschriften, een goedgekeurde
    gedragscode of certificering, of een afwijking van art. 49 (AVG603 beoordeelt of die
    past).

    Een land met een adequaatheidsbesluit (art. 45) heeft geen verdere waarborg nodig:
    Andorra, Argentinië, Canada (commerciële organisaties), de Faeröer, Guernsey, Israël,
    het eiland Man, Japan, Jersey, Nieuw-Zeeland, Zuid-Korea, Zwitserland, het Verenigd
    Koninkrijk (besluit vernieuwd op 19 december 2025, geldig tot 27 december 2031) en
    Uruguay. Voor de Verenigde Staten geldt het besluit alleen voor organisaties die
    onder het EU-US Data Privacy Framework zijn gecertificeerd (Uitvoeringsbesluit (EU)
    2023/1795); een Amerikaanse ontvanger heeft dus `Data Privacy Framework` of een
    andere waarborg nodig. De lijst staat als gedateerde woordenlijst in
    `transfers.yaml`, niet in de code.

    Een `doorgifte` die verwerking door een organisatie in de EER een doorgifte noemt ("… insofar
    as the data is processed by Personio SE & Co. KG (https://www.personio.de)"), herkend aan
    haar rechtsvorm of landendomein, en geen land of organisatie daarbuiten noemt, vermeldt
    er geen.

    Elke `doorgifte` en elk blok `verwerker` wordt één keer gemeld, waar het staat. Een
    `doorgifte` van een verwerking waarvan de verwerker buiten de EER geen waarborg heeft,
    wordt aan de melding bij die verwerker overgelaten.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest `doorgifte` waar die ook staat
    (verwerking, `groep`, `organisatie`) en het `land` van elk `verwerker`-blok; een doorgifte die
    de tekst ontkent ("op geen enkel moment naar een land buiten de EU", "we do not transfer") is
    geen doorgifte.

    ## Waarom
    Persoonsgegevens mogen de EER alleen verlaten onder hoofdstuk V: een
    adequaatheidsbesluit (art. 45), passende waarborgen (art. 46, 47) of, bij incidentele
    doorgifte, een afwijking (art. 49). Art. 30 lid 1 sub e vraagt het register de
    waarborgen te documenteren. Een doorgifte zonder waarborg is onrechtmatig (art. 44).

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    unprotected: set[int] = set()   # processors reported below
    for processor in register.processors:
        land, outside = land_codes(vocab, processor)
        codes = [m.entry["id"] for m in outside]
        if not codes or all(adequate(vocab, code) for code in codes):
            continue
        reading = read(vocab, value_of(processor.own("waarborg")))
        if reading.mechanisms or reading.invalid:
            continue   # an invalid or unfitting safeguard is AVG603's finding
        unprotected.add(id(processor))
        countries = ", ".join(m.text for m in outside)
        dpf_en = " (a US organisation certified under the Data Privacy Framework: write 'waarborg: Data Privacy " \
                 "Framework')" if "US" in codes else ""
        dpf_nl = " (een Amerikaanse organisatie met een certificering onder het Data Privacy Framework: schrijf " \
                 "'waarborg: Data Privacy Framework')" if "US" in codes else ""
        yield report(land.value_span,
                     f"The processor '{processor.name}' is in {countries}, outside the EEA, and no safeguard is "
                     f"recorded{dpf_en}: add 'waarborg' with the mechanism, e.g. {_SAFEGUARD_EN} (Art. 44-46).",
                     f"De verwerker '{processor.name}' zit in {countries}, buiten de EER, en er is geen waarborg "
                     f"vastgelegd{dpf_nl}: voeg 'waarborg' toe met het mechanisme, bijvoorbeeld {_SAFEGUARD_NL} "
                     "(art. 44-46).", field="land")
    for field, activity in _doorgifte_fields(ctx.activities):
        reading = read(vocab, field.text)
        if reading.mechanisms or reading.invalid:
            continue
        needing = [d for d in reading.destinations if needs_safeguard(vocab, d)]
        if not needing:
            continue
        if all(d.kind == "phrase" for d in needing) and _only_eea_organisations(activity, field, vocab):
            continue  # "a transfer to a third country … insofar as the data is processed by Personio SE & Co. KG"
        if field.block is activity:
            processors = [p for p in _activity_processors(activity) if land_codes(vocab, p)[1]]
            if any(id(p) in unprotected for p in processors):
                continue   # reported at the processor
            if any(read(vocab, value_of(p.own("waarborg"))).mechanisms for p in processors):
                continue   # the processor's block records the safeguard
        first = needing[0]
        if first.kind == "phrase":
            what_en, what_nl = f"'{field.text}' records a transfer outside the EEA", \
                f"'{field.text}' vermeldt een doorgifte buiten de EER"
        else:
            what_en, what_nl = f"'{first.text}' is outside the EEA", f"'{first.text}' ligt buiten de EER"
        yield report(field_span(field, first.start, first.end),
                     f"{what_en}, but 'doorgifte' names no safeguard: add the mechanism, e.g. {_SAFEGUARD_EN}, or an "
                     "adequacy decision where one applies (Art. 44-46, 30(1)(e)).",
                     f"{what_nl}, maar 'doorgifte' noemt geen waarborg: voeg het mechanisme toe, bijvoorbeeld "
                     f"{_SAFEGUARD_NL}, of een adequaatheidsbesluit waar dat geldt (art. 44-46, 30 lid 1 sub e).",
                     activity=activity if field.block is activity else None, field="doorgifte")


def _only_eea_organisations(activity: Activity, field: Field, vocab) -> bool:
    """The `doorgifte` names organisations, all established in the EEA by legal form or domain, and neither it nor
    the activity's recipients and processors name one with a legal form of a country outside it ("SmartRecruiters,
    Inc." among the recipients: the transfer may be that one)."""
    forms = vocab.terms("eea_organisations")
    if {m.entry["id"] for m in forms.find(field.text)} != {"rechtsvorm"}:
        return False
    return not any(m.entry["id"] == "buiten_eer" for key in ("ontvangers", "verwerkers")
                   if (other := activity.get(key)) is not None for m in forms.find(other.text))


def _judge(reading: Reading, text: str, field: Field, known: bool, vocab, structural: bool):
    """AVG603 findings for one `doorgifte` or `waarborg`: (span, en, nl, severity)."""
    def span(match):
        return field_span(field, match.start, match.end)

    seen_invalid = set()
    for bad in reading.invalid:
        if bad.entry["id"] in seen_invalid:
            continue
        seen_invalid.add(bad.entry["id"])
        since = bad.entry.get("datum")
        since_text = f" since {since.isoformat()}" if since else ""
        since_nl = f" sinds {since.isoformat()}" if since else ""
        yield (span(bad),
               f"'{bad.text}' is no longer a valid transfer mechanism{since_text} ({bad.entry.get('naam')}; "
               f"{bad.entry.get('reden')}): use the Data Privacy Framework for a certified US organisation, or the "
               "standard contractual clauses of Decision (EU) 2021/914 with a transfer impact assessment "
               "(Art. 44-46; CJEU C-362/14, C-311/18).",
               f"'{bad.text}' is{since_nl} geen geldig doorgiftemechanisme meer ({bad.entry.get('naam')}; "
               f"{bad.entry.get('reden')}): gebruik het Data Privacy Framework voor een gecertificeerde Amerikaanse "
               "organisatie, of de standaardcontractbepalingen van Besluit (EU) 2021/914 met een doorgiftetoets "
               "(art. 44-46; HvJ C-362/14, C-311/18).", "error")
    ids = {m.entry["id"] for m in reading.mechanisms}
    kinds = {m.entry.get("soort") for m in reading.mechanisms}
    coded = [d for d in reading.destinations if d.codes]
    phrase_only = any(not d.codes for d in reading.destinations)
    codes = {code for d in coded for code in d.codes}
    adequacy = next((m for m in reading.mechanisms if m.entry["id"] == "adequaatheidsbesluit"), None)
    dpf = next((m for m in reading.mechanisms if m.entry["id"] == "dpf"), None)
    if adequacy is not None:
        for destination in coded:
            wrong = [c for c in destination.codes if not adequate(vocab, c) and c != "US"]
            if wrong and len(wrong) == len(destination.codes):
                explicit = destination.kind == "country"
                yield (span(adequacy),
                       f"'{adequacy.text}' is claimed for '{destination.text}', but "
                       f"{_codes_text(vocab, wrong, 'nl')} has no adequacy decision of the European Commission: "
                       "use standard contractual clauses (Decision (EU) 2021/914) or binding corporate rules "
                       "(Art. 45, 46).",
                       f"'{adequacy.text}' wordt genoemd voor '{destination.text}', maar voor "
                       f"{_codes_text(vocab, wrong, 'nl')} bestaat geen adequaatheidsbesluit van de Europese "
                       "Commissie: gebruik standaardcontractbepalingen (Besluit (EU) 2021/914) of bindende "
                       "bedrijfsvoorschriften (art. 45, 46).", "error" if explicit else "warning")
                break
        else:
            if "US" in codes and dpf is None and not kinds & {"passende_waarborg"}:
                yield (span(adequacy),
                       f"'{adequacy.text}' for the United States covers only organisations certified under the EU-US "
                       "Data Privacy Framework (Implementing Decision (EU) 2023/1795): write 'Data Privacy Framework' "
                       "and check that the recipient is on the DPF list (Art. 45).",
                       f"'{adequacy.text}' voor de Verenigde Staten geldt alleen voor organisaties die onder het EU-US "
                       "Data Privacy Framework zijn gecertificeerd (Uitvoeringsbesluit (EU) 2023/1795): schrijf 'Data "
                       "Privacy Framework' en controleer of de ontvanger op de DPF-lijst staat (art. 45).", "warning")
    if dpf is not None and known and coded and not phrase_only and "US" not in codes:
        where_ = ", ".join(d.text for d in coded)
        yield (span(dpf),
               f"'{dpf.text}' covers only certified organisations in the United States, but the recipient is in "
               f"{where_}: name the mechanism that applies there, e.g. standard contractual clauses (Decision (EU) "
               "2021/914) (Art. 45, 46).",
               f"'{dpf.text}' geldt alleen voor gecertificeerde organisaties in de Verenigde Staten, maar de ontvanger "
               f"zit in {where_}: noem het mechanisme dat daar geldt, bijvoorbeeld standaardcontractbepalingen "
               "(Besluit (EU) 2021/914) (art. 45, 46).", "error")
    derogations = [m for m in reading.mechanisms if m.entry.get("soort") == "afwijking"]
    if derogations and not kinds & {"adequaatheid", "passende_waarborg"} and structural \
            and not vocab.terms("occasional_transfer").search(text):
        first = derogations[0]
        yield (span(first),
               f"'{first.text}' is a derogation of Art. 49, which covers only occasional transfers, while this is a "
               "structural one: use standard contractual clauses (Decision (EU) 2021/914), binding corporate rules "
               "or an adequacy decision, or say why the transfer is occasional (Art. 46, 49; EDPB Guidelines "
               "2/2018).",
               f"'{first.text}' is een afwijking van art. 49, die alleen incidentele doorgiften dekt, terwijl deze "
               "doorgifte structureel is: gebruik standaardcontractbepalingen (Besluit (EU) 2021/914), bindende "
               "bedrijfsvoorschriften of een adequaatheidsbesluit, of leg uit waarom de doorgifte incidenteel is "
               "(art. 46, 49; EDPB-richtsnoeren 2/2018).", "warning")
    contractual = next((m for m in reading.mechanisms if m.entry["id"] in ("scc", "bcr")), None)
    all_adequate = known and coded and not phrase_only and all(adequate(vocab, c) for c in codes)
    if contractual is not None and "tia" not in ids and not kinds & {"adequaatheid"} and not all_adequate:
        yield (span(contractual),
               f"'{contractual.text}' without a transfer impact assessment: record the assessment of the law in the "
               "third country and the supplementary measures (e.g. 'met TIA-2025-02') (Art. 46; CJEU C-311/18; "
               "EDPB Recommendations 01/2020).",
               f"'{contractual.text}' zonder doorgiftetoets (TIA): leg de beoordeling van het recht in het derde land "
               "en de aanvullende maatregelen vast (bijvoorbeeld 'met TIA-2025-02') (art. 46; HvJ C-311/18; "
               "EDPB-aanbevelingen 01/2020).", "note")


@rule(id="AVG603", slug="waarborg-ongeldig-of-ongepast", severity="error", scope="register",
      needs=_RECORDS_A_TRANSFER,
      articles=("45", "46", "49"),
      title=("The transfer safeguard is invalid or does not fit the transfer.",
             "De waarborg voor de doorgifte is ongeldig of past niet bij de doorgifte."))
def unfit_safeguard(register, ctx):
    """
    ## What it checks
    The mechanism a `doorgifte` or a processor's `waarborg` names:
    - **error** for a mechanism that is no longer valid: Safe Harbor (CJEU C-362/14,
      2015), the EU-US Privacy Shield (C-311/18, 2020), or the old standard contractual
      clauses (2001/497/EC, 2004/915/EC, 2010/87/EU, repealed from 27 September 2021);
    - **error** for an adequacy decision claimed for a country that has none, and for the
      Data Privacy Framework used for a recipient outside the United States;
    - **warning** for "adequaat" for the United States without the Data Privacy Framework
      (only certified organisations are covered), and for an Art. 49 derogation (consent
      to the transfer, necessity for a contract, …) as the only ground for a structural
      transfer — every register activity and every processor is structural unless the
      text says the transfer is occasional ("incidenteel", "eenmalig");
    - **note** for standard contractual clauses or binding corporate rules without a
      transfer impact assessment (TIA).

    A mention after "voorheen" or followed by "vervallen" ("DPF, voorheen Privacy
    Shield") is history, not the ground. Each field is judged once, where it is written.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every safeguard written in `doorgifte` or a `verwerker` block's `waarborg`; a mechanism marked
    as history ("voorheen Privacy Shield", "Privacy Shield (vervallen)") is not relied on.

    ## Why
    The CJEU invalidated Safe Harbor and the Privacy Shield; contracts on the old clauses
    lapsed on 27 December 2022. Adequacy is decided by the European Commission per country
    (Art. 45); the Data Privacy Framework (Implementing Decision (EU) 2023/1795) covers only
    certified US organisations. Art. 49 derogations are for occasional transfers only
    (EDPB Guidelines 2/2018). After Schrems II, clauses and BCR need an assessment of the
    law of the third country and supplementary measures where needed (EDPB
    Recommendations 01/2020).

    ## Example
    ```avg
    verwerker "Nieuwsbriefdienst Inc." {
        land: Verenigde Staten
        waarborg: EU-US Privacy Shield
    }
    ```

    ## Use instead
    ```avg
    verwerker "Nieuwsbriefdienst Inc." {
        land: Verenigde Staten
        waarborg: "Data Privacy Framework (certificering gecontroleerd op 2025-06-01)"
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Het mechanisme dat een `doorgifte` of de `waarborg` van een verwerker noemt:
    - **fout** bij een mechanisme dat niet meer geldig is: Safe Harbor (HvJ C-362/14,
      2015), het EU-US Privacy Shield (C-311/18, 2020), of de oude
      standaardcontractbepalingen (2001/497/EG, 2004/915/EG, 2010/87/EU, ingetrokken per
      27 september 2021);
    - **fout** bij een adequaatheidsbesluit voor een land dat er geen heeft, en bij het
      Data Privacy Framework voor een ontvanger buiten de Verenigde Staten;
    - **waarschuwing** bij "adequaat" voor de Verenigde Staten zonder het Data Privacy
      Framework (alleen gecertificeerde organisaties vallen eronder), en bij een afwijking
      van art. 49 (toestemming voor de doorgifte, noodzaak voor een overeenkomst, …) als
      enige grond voor een structurele doorgifte — elke verwerking in het register en
      elke verwerker is structureel, tenzij de tekst zegt dat de doorgifte incidenteel is
      ("incidenteel", "eenmalig");
    - **opmerking** bij standaardcontractbepalingen of bindende bedrijfsvoorschriften
      zonder doorgiftetoets (TIA).

    Een vermelding na "voorheen" of gevolgd door "vervallen" ("DPF, voorheen Privacy
    Shield") is geschiedenis, niet de grond. Elk veld wordt één keer beoordeeld, waar het
    staat.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke waarborg in `doorgifte` of in de
    `waarborg` van een `verwerker`-blok; een mechanisme dat als verleden is aangeduid ("voorheen
    Privacy Shield", "Privacy Shield (vervallen)") telt niet.

    ## Waarom
    Het Hof van Justitie verklaarde Safe Harbor en het Privacy Shield ongeldig;
    overeenkomsten op de oude bepalingen vervielen op 27 december 2022. Over adequaatheid
    beslist de Europese Commissie per land (art. 45); het Data Privacy Framework
    (Uitvoeringsbesluit (EU) 2023/1795) geldt alleen voor gecertificeerde Amerikaanse
    organisaties. Afwijkingen van art. 49 zijn alleen voor incidentele doorgiften
    (EDPB-richtsnoeren 2/2018). Sinds Schrems II vragen contractbepalingen en BCR een
    beoordeling van het recht van het derde land en waar nodig aanvullende maatregelen
    (EDPB-aanbevelingen 01/2020).

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    for processor in register.processors:
        safeguard = processor.own("waarborg")
        if not has_value(safeguard):
            continue
        reading = read(vocab, safeguard.text)
        land, outside = land_codes(vocab, processor)
        known = has_value(land) and vocab.terms("countries").search(land.text) is not None
        destinations = [Destination(m.text, m.start, m.end, (m.entry["id"],), "country") for m in outside]
        reading = reading._replace(destinations=destinations or reading.destinations)
        for span, en, nl, severity in _judge(reading, safeguard.text, safeguard, known or bool(destinations), vocab,
                                             structural=True):
            yield report(span, f"The processor '{processor.name}': {en}", f"De verwerker '{processor.name}': {nl}",
                         severity=severity, field="waarborg")
    for field, activity in _doorgifte_fields(ctx.activities):
        reading = read(vocab, field.text)
        if not reading.states_transfer:
            continue
        for span, en, nl, severity in _judge(reading, field.text, field, bool(reading.destinations), vocab,
                                             structural=True):
            yield report(span, en, nl, severity=severity, activity=activity if field.block is activity else None,
                         field="doorgifte")


# ---------------------------------------------------------------------------------------------
# AVG604


_JOINT_KEYS = ("doel", "omschrijving", "gegevens", "systemen", "verwerkers", "ontvangers", "belang")
_ARRANGEMENT_KEYS = ("gezamenlijk", "doel", "omschrijving", "grondslag", "belang", "ontvangers", "verwerkers")
_LEGAL_FORM = re.compile(r"^[A-Z]{1,4}$|\.")


@reading
def _own_by_name(name: str, vocab) -> re.Pattern | None:
    """'account van Enpuls', 'pagina van Stedin': the organisation's own page, by its name
    (``own_page_by_name`` in recipients.yaml)."""
    words = name.split()
    while words and _LEGAL_FORM.search(words[-1]):
        words.pop()   # B.V., N.V., BV, Inc.
    core = " ".join(words).strip(" ,")
    if len(core) < 3:
        return None
    words = vocab.data("recipients")["own_page_by_name"]
    pages, prepositions = "|".join(map(re.escape, words["pages"])), "|".join(map(re.escape, words["prepositions"]))
    return re.compile(rf"(?:{pages})\w*\s+(?:{prepositions})\s+" + re.escape(core) + r"\b", re.IGNORECASE)


def _texts(activity: Activity, keys):
    """(text, item or None) for the activity's own fields, and its name."""
    for key in keys:
        field = activity.fields.get(key)
        if has_value(field):
            for item in field.items:
                yield item.value, item
    if activity.name:
        yield activity.name, None


@rule(id="AVG604", slug="gezamenlijke-verantwoordelijkheid-niet-vermeld", severity="note", scope="activity",
      articles=("26", "30(1)(a)"),
      title=("Own social-media pages, pixels or audiences without a joint-controller arrangement.",
             "Eigen socialemediapagina's, pixels of doelgroepen zonder regeling voor gezamenlijke "
             "verwerkingsverantwoordelijkheid."))
def joint_controllers(activity: Activity, ctx):
    """
    ## What it checks
    That an activity on the organisation's own social-media presence names the
    arrangement with the platform. It fires on a page and its statistics ("Facebook-
    pagina", "fanpagina", "Page Insights", "paginastatistieken"), a pixel, custom or
    lookalike audiences, ads, like buttons or other social plug-ins; and on the
    organisation's own accounts on a platform ("via onze Facebook- en LinkedIn-accounts",
    "het twitter account van <organisatie>"), with likes and followers. It is silent when
    a `gezamenlijk` field (on the activity, a `groep` or the `organisatie`) names the
    joint controller, or when the activity refers to the arrangement ("Page Insights
    Controller Addendum", "regeling ex art. 26"). Monitoring what others post (media
    monitoring) is not a page of one's own and does not count.

    A privacy statement that names a page of its own on a platform, a pixel, custom
    audiences or a like button ("advertentie-effectiviteit via de Meta Pixel") says who is
    responsible with the platform too: without any word on joint controllers or the
    arrangement, the first such place gets the note.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    the activity's name and every field where a social-media page can be named; a negated mention
    does not count.

    ## Why
    The administrator of a Facebook page is a joint controller with Meta for the
    statistics about its visitors (CJEU C-210/16 Wirtschaftsakademie), and a website that
    embeds a like button is one for collecting and transmitting the data (C-40/17 Fashion
    ID). Joint controllers must lay down their respective responsibilities in an
    arrangement whose essence is made available to the data subjects (Art. 26), and the
    register names them (Art. 30(1)(a)).

    ## Example
    ```avg
    verwerking "Facebook" {
        doel: berichten plaatsen op onze Facebook-pagina en de paginastatistieken bekijken
    }
    ```

    ## Use instead
    ```avg
    verwerking "Facebook" {
        doel: berichten plaatsen op onze Facebook-pagina en de paginastatistieken bekijken
        gezamenlijk: "Meta Platforms Ireland Ltd. (Page Insights Controller Addendum)"
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een verwerking op de eigen aanwezigheid van de organisatie op sociale media de
    regeling met het platform noemt. De regel reageert op een pagina en haar statistieken
    ("Facebook-pagina", "fanpagina", "Page Insights", "paginastatistieken"), een pixel,
    aangepaste of vergelijkbare doelgroepen, advertenties, vind-ik-leuk-knoppen of andere
    sociale plug-ins; en op de eigen accounts van de organisatie op een platform ("via
    onze Facebook- en LinkedIn-accounts", "het twitter account van <organisatie>"), met
    likes en volgers. Hij zwijgt als een veld `gezamenlijk` (op de verwerking, een `groep`
    of de `organisatie`) de gezamenlijke verwerkingsverantwoordelijke noemt, of als de
    verwerking naar de regeling verwijst ("Page Insights Controller Addendum", "regeling
    ex art. 26"). Volgen wat anderen plaatsen (mediamonitoring) is geen eigen pagina en
    telt niet.

    Een privacyverklaring die een eigen pagina op een platform, een pixel, aangepaste
    doelgroepen of een like-knop noemt ("advertentie-effectiviteit via de Meta Pixel"),
    zegt ook wie er samen met het platform verantwoordelijk is: zonder enig woord over
    gezamenlijke verantwoordelijkheid of de regeling krijgt de eerste zulke plek de
    opmerking.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest de naam van de verwerking en elk veld
    waarin een socialemediapagina kan staan; een ontkende vermelding telt niet.

    ## Waarom
    De beheerder van een Facebookpagina is samen met Meta verwerkingsverantwoordelijke
    voor de statistieken over de bezoekers (HvJ C-210/16 Wirtschaftsakademie), en een
    website met een vind-ik-leuk-knop is dat voor het verzamelen en doorsturen van de
    gegevens (C-40/17 Fashion ID). Gezamenlijke verwerkingsverantwoordelijken leggen hun
    verantwoordelijkheden vast in een regeling waarvan de hoofdlijnen aan de betrokkenen
    beschikbaar worden gesteld (art. 26), en het register noemt hen (art. 30 lid 1 sub a).

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    joint = activity.get("gezamenlijk")
    if states(joint, vocab):
        return
    arrangement = vocab.terms("joint_arrangement")
    for key in _ARRANGEMENT_KEYS:
        if arrangement.search(value_of(activity.get(key))):
            return
    signals, own_words = vocab.terms("joint_control_signals"), vocab.terms("own_presence")
    platforms = vocab.terms("social_platforms")
    organisation = activity.register.organisation if activity.register else None
    by_name = _own_by_name(organisation.name, vocab) if organisation is not None and organisation.name else None
    strong = weak = own = None
    platform = False
    for text, item in _texts(activity, _JOINT_KEYS):
        for match in signals.find(text):
            if negated(vocab, text, match.start, match.end):
                continue
            if match.entry.get("sterkte") == "sterk":
                strong = strong or (match, item)
            else:
                weak = weak or (match, item)
        if own is None:
            found = own_words.search(text)
            if found is not None and not negated(vocab, text, found.start, found.end):
                own = (found.start, found.end, item)
            elif by_name is not None:
                named = by_name.search(text)
                if named is not None:
                    own = (named.start(), named.end(), item)
        platform = platform or platforms.search(text) is not None
    if strong is not None:
        match, item = strong
        span = item.span_of(match.start, match.end) if item is not None else activity.name_span
        what = match.text
    elif own is not None and (platform or weak is not None):
        start, end, item = own
        span = item.span_of(start, end) if item is not None else activity.name_span
        what = item.value[start:end] if item is not None else activity.name
    else:
        return
    said_none_en = said_none_nl = ""
    if has_value(joint):
        said_none_en = f" 'gezamenlijk' says '{joint.text}', but the page administrator is a joint controller."
        said_none_nl = f" 'gezamenlijk' zegt '{joint.text}', maar de beheerder van de pagina is gezamenlijk " \
                       "verantwoordelijk."
    yield report(span,
                 f"'{what}': on its own pages, pixels and audiences the organisation is a joint controller with the "
                 f"platform (Art. 26; CJEU C-210/16, C-40/17).{said_none_en} Name the platform and the arrangement in "
                 "'gezamenlijk', e.g. 'gezamenlijk: Meta Platforms Ireland Ltd. (Page Insights Controller Addendum)'.",
                 f"'{what}': voor de eigen pagina's, pixels en doelgroepen is de organisatie samen met het platform "
                 f"verwerkingsverantwoordelijke (art. 26; HvJ C-210/16, C-40/17).{said_none_nl} Noem het platform en "
                 "de regeling in 'gezamenlijk', bijvoorbeeld 'gezamenlijk: Meta Platforms Ireland Ltd. (Page Insights "
                 "Controller Addendum)'.", field="gezamenlijk")


@statement_check(joint_controllers)
def statement_joint_controllers(statement, ctx):
    """A page of one's own on a platform, a pixel or custom audiences in a statement that says nothing of joint
    controllers (only the strong signals: likes and followers need an own account the statement rarely names)."""
    vocab = ctx.vocab
    if any(vocab.terms("joint_arrangement").search(s.text) for s in statement.sentences):
        return
    signals, platforms = vocab.terms("joint_control_signals"), vocab.terms("social_platforms")
    for sentence in statement.sentences:
        if sentence.block.kind in ("heading", "title"):
            continue
        for match in signals.find(sentence.text):
            # a bare "pixel" is a platform's only beside one: a newsletter's tracking pixel is none
            if match.text.casefold() == "pixel" and not platforms.search(sentence.block.text):
                continue
            if match.entry.get("sterkte") == "sterk" and not negated(vocab, sentence.text, match.start, match.end):
                yield report(sentence.span_of(match.start, match.end),
                             f"'{match.text}': on its own pages, pixels and audiences the organisation is a joint "
                             "controller with the platform (Art. 26; CJEU C-210/16, C-40/17): say so, and where the "
                             "essence of the arrangement can be read (Art. 26(2)).",
                             f"'{match.text}': voor de eigen pagina's, pixels en doelgroepen is de organisatie samen met "
                             "het platform verwerkingsverantwoordelijke (art. 26; HvJ C-210/16, C-40/17): vermeld dat, en "
                             "waar de hoofdlijnen van de regeling te lezen zijn (art. 26 lid 2).")
                return
