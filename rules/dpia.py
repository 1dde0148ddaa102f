"""DPIA and automated decisions (AVG8xx): Art. 35 and the AP list, Art. 22.

AVG801 reads an activity's name and description fields against the 17 processing
types of the Autoriteit Persoonsgegevens' DPIA list and the WP248 criteria
(rules/vocab/dpia.yaml) and asks for the `dpia` field: `ja` with a date or
reference, or `nee` with a reason. AVG802 finds automated individual decisions
(Art. 22) without a 22(2) ground and without information about the logic.

``ap_list_types(activity, vocab)`` is the plain helper other families use (AVG102,
the FG duty): the AP types an activity matches, each with its number, name and the
words that matched.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from avglint import clauses
from avglint.findings import Finding, Message, Related
from avglint.model import Activity, Field, Span
from avglint.readings import reading
from avglint.registry import report, rule

from ._common import field_span, has_value, screened_by, states

# What AVG801 reads: the name and these fields (own or inherited: a default on a group
# describes every activity in it, and `dpia` on the same group settles them all).
SCANNED = ("doel", "omschrijving", "gegevens", "betrokkenen", "systemen", "profilering")
WORDS_PER_TYPE = 3
_LETTERS = re.compile(r"[^\W\d_]{3,}")


class APType(NamedTuple):
    """An AP DPIA-list type an activity matches (what ``ap_list_types`` returns)."""

    nummer: int                 # 1–17, as in the AP list
    naam: str                   # the AP's (Dutch) name, e.g. "Cameratoezicht"
    en: str                     # English name
    words: tuple[str, ...]      # the words that matched, as written, without duplicates


class _Text(NamedTuple):
    key: str                    # "naam" for the activity name, else the field key
    text: str
    field: Field | None         # None for the name
    own: bool                   # written in the activity itself


class _Hit(NamedTuple):
    source: _Text
    start: int
    end: int
    text: str


# ---------------------------------------------------------------------------------------------
# Reading


class _Doc:
    """The texts AVG801 reads: the activity's name and fields."""

    __slots__ = ("texts",)

    def __init__(self, texts: list[_Text]):
        self.texts = texts

    def __iter__(self):
        return iter(self.texts)


def _texts(activity: Activity, vocab) -> _Doc:
    texts = [_Text("naam", activity.name, None, True)] if activity.name else []
    for key in SCANNED:
        field = activity.get(key)
        if has_value(field):
            texts.append(_Text(key, field.text, field, field.block is activity))
    return _Doc(texts)


def _scanned(activity: Activity) -> list[str]:
    """The texts of ``_texts``, without where they are written (the cheap bound ``_in_reach`` reads)."""
    texts = [activity.name] if activity.name else []
    for key in SCANNED:
        field = activity.get(key)
        if has_value(field):
            texts.append(field.text)
    return texts


def _hits(termset, doc: _Doc, vocab):
    """(text, match) for every match of ``termset`` in the activity's texts that is not negated.
    Each text is searched on its own: registers repeat their values row after row, and the
    term lists remember what they found in a text."""
    for source in doc.texts:
        for match in termset.find(source.text):
            if not clauses.reader(vocab).negated(source.text, match.start, match.end):
                yield source, match


def _any(name: str, doc: _Doc, vocab) -> bool:
    return any(True for _ in _hits(vocab.terms(name), doc, vocab))


def _scale(activity: Activity, vocab) -> str | None:
    """'klein' or 'grootschalig' from the `schaal` field in force, else None."""
    field = activity.get("schaal")
    if not has_value(field):
        return None
    match = vocab.terms("scale").search(field.text)
    return match.entry["id"] if match else None


def _words(hits: list[_Hit]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for hit in hits:
        seen.setdefault(" ".join(hit.text.casefold().split()), hit.text)
    return tuple(seen.values())[:WORDS_PER_TYPE]


class _APResult(NamedTuple):
    definite: dict[int, tuple[dict, list[_Hit]]]     # nummer -> (entry, hits)
    possible: dict[int, tuple[dict, list[_Hit]]]     # weak terms only, no sign of large scale


class _WP248(NamedTuple):
    score: float                                     # strong criteria + half the weak-only ones
    criteria: dict[str, tuple[dict, bool, list[_Hit]]]   # id -> (entry, strong, hits)

    @property
    def large_scale(self) -> bool:
        found = self.criteria.get("grootschalig")
        return bool(found and found[1])


def _field_hit(field: Field, activity: Activity, label: str) -> _Hit:
    """A field that counts as a whole (`bijzondere gegevens`, `schaal`), named by its key."""
    first = field.items[0].value
    return _Hit(_Text(field.key or label, field.text, field, field.block is activity), 0, len(first), label)


def _score(criteria: dict[str, list]) -> float:
    """Strong criteria count 1, criteria met only by weak terms count half."""
    return sum(1.0 if found[1] else 0.5 for found in criteria.values())


def _gain(criteria: dict[str, list], entry) -> float:
    found = criteria.get(entry["id"])
    return 0.0 if found and found[1] else 0.5 if found else 1.0


def _strengthen(criteria: dict[str, list], entry, hits: list[_Hit]) -> None:
    found = criteria.setdefault(entry["id"], [entry, True, []])
    found[1] = True
    found[2].extend(hits)


@reading(reader=None)
def _wp248_extras(vocab) -> tuple:
    """The WP248 criteria that fields or other term lists also meet: those read from fields
    first, then by the size of their term lists, smallest first (searched only while they
    can still bring the score to 2)."""
    extras = [e for e in vocab.data("dpia")["wp248_criteria"]
              if e.get("schaal") or e.get("velden") or e.get("also_termsets")]
    return tuple(sorted(extras, key=lambda e: (bool(e.get("also_termsets")),
                                               sum(len(vocab.terms(name)) for name in e.get("also_termsets") or ()))))


@reading(reader=None)
def _named_lists(vocab) -> tuple[str, ...]:
    """The term lists ``_named`` reads."""
    return ("dpia_wp248", "dpia_ap_list", *(name for entry in _wp248_extras(vocab)
                                            for name in entry.get("also_termsets") or ()))


@reading
def _named(text: str, vocab) -> tuple[bool, dict[str, bool]]:
    """What a text may contribute, negated or not: whether it names a type of the AP list, and the WP248
    criteria its words may meet, each with whether a strong term meets it (the extra term lists count
    as strong, as in ``_wp248``)."""
    criteria: dict[str, bool] = {}
    for match in vocab.terms("dpia_wp248").find(text):
        for entry in match.entries:
            criteria[entry["id"]] = criteria.get(entry["id"], False) or entry.get("sterkte") == "sterk"
    for entry in _wp248_extras(vocab):
        if any(vocab.terms(name).find(text) for name in entry.get("also_termsets") or ()):
            criteria[entry["id"]] = True
    return bool(vocab.terms("dpia_ap_list").find(text)), criteria


def _in_reach(activity: Activity, scale: str | None, vocab) -> bool:
    """Whether AVG801 can report on the activity: a text it reads names a type of the AP list, or its
    WP248 score can reach 2 (the score it would have if no word were negated). A bound read per distinct
    text, before the analysis: most activities reach neither."""
    reach: dict[str, list] = {}
    for text in vocab.may_match(_named_lists(vocab), _scanned(activity)):  # most name nothing: asked at once
        listed, met = _named(text, vocab)
        if listed:
            return True
        for key, strong in met.items():
            found = reach.setdefault(key, [None, False])   # the shape _score reads: [entry, strong]
            found[1] = found[1] or strong
    for entry in _wp248_extras(vocab):
        if (scale is not None and scale == entry.get("schaal")) or \
                any(states(activity.get(key), vocab) for key in entry.get("velden") or ()):
            reach[entry["id"]] = [None, True]
    return _score(reach) >= 2


def _wp248(activity: Activity, texts: _Doc, vocab) -> _WP248:
    criteria: dict[str, list] = {}
    for source, match in _hits(vocab.terms("dpia_wp248"), texts, vocab):
        hit = _Hit(source, match.start, match.end, match.text)
        for entry in match.entries:
            found = criteria.setdefault(entry["id"], [entry, False, []])
            found[1] = found[1] or entry.get("sterkte") == "sterk"
            found[2].append(hit)
    # Fields that count (`schaal: grootschalig`, `bijzondere gegevens`), then other term lists,
    # smallest first, searched only while they can still bring the score to 2: most
    # activities stay far below it.
    scale = _scale(activity, vocab)
    listed = []
    for entry in _wp248_extras(vocab):
        extra: list[_Hit] = []
        if scale is not None and scale == entry.get("schaal"):
            extra = [_field_hit(activity.get("schaal"), activity, "schaal")]
        for key in entry.get("velden") or ():
            if not extra and states(field := activity.get(key), vocab):
                extra = [_field_hit(field, activity, key)]
        if extra:
            _strengthen(criteria, entry, extra)
        elif entry.get("also_termsets"):
            listed.append(entry)
    for n, entry in enumerate(listed):
        if _score(criteria) + sum(_gain(criteria, e) for e in listed[n:]) < 2:
            break
        if not _gain(criteria, entry):
            continue
        for name in entry["also_termsets"]:
            extra = [_Hit(s, m.start, m.end, m.text) for s, m in _hits(vocab.terms(name), texts, vocab)]
            if extra:
                _strengthen(criteria, entry, extra)
                break
    score = _score(criteria)
    return _WP248(score, {key: (e, strong, h) for key, (e, strong, h) in criteria.items()})


def _ap(activity: Activity, texts: _Doc, vocab, wp248=None) -> tuple[_APResult, _WP248 | None]:
    """AP types matched, split in definite and possible (weak terms without a sign of large scale)."""
    strong: dict[int, list] = {}
    weak: dict[int, list] = {}
    required: dict[str, bool] = {}
    for source, match in _hits(vocab.terms("dpia_ap_list"), texts, vocab):
        hit = _Hit(source, match.start, match.end, match.text)
        for entry in match.entries:
            need = entry.get("requires_termset")
            if need:
                if need not in required:
                    required[need] = _any(need, texts, vocab)
                if not required[need]:
                    continue
            target = strong if entry.get("sterkte") == "sterk" else weak
            target.setdefault(entry["nummer"], [entry, []])[1].append(hit)
    # monitoring types do not count for occasional processing started by the data subject
    monitoring = {n for n, (e, _) in {**weak, **strong}.items() if e.get("vereist_stelselmatig")}
    if monitoring and _any("dpia_occasional", texts, vocab) and not _any("dpia_systematic", texts, vocab) and \
            _scale(activity, vocab) != "grootschalig":
        wp248 = wp248 or _wp248(activity, texts, vocab)
        if not wp248.large_scale:
            strong = {n: v for n, v in strong.items() if n not in monitoring}
            weak = {n: v for n, v in weak.items() if n not in monitoring}
    # weak words, and types that require large scale, count only with a sign of large scale
    definite = {n: (e, h) for n, (e, h) in strong.items() if not e.get("vereist_grootschalig")}
    possible: dict[int, tuple[dict, list[_Hit]]] = {}
    scaled = {n: v for n, v in strong.items() if n not in definite}
    scaled.update((n, v) for n, v in weak.items() if n not in strong)
    if scaled:
        large = _scale(activity, vocab) == "grootschalig"
        if not large:
            wp248 = wp248 or _wp248(activity, texts, vocab)
            large = wp248.large_scale
        for n, (entry, hits) in scaled.items():
            (definite if large else possible)[n] = (entry, hits)
    return _APResult(dict(sorted(definite.items())), dict(sorted(possible.items()))), wp248


def ap_list_types(activity: Activity, vocab) -> list[APType]:
    """The AP DPIA-list types ``activity`` matches, by number, with the words that matched.

    Pure and cheap (one pass of one term list over the name and six fields). Weak words
    ("telefoongesprekken", "media monitoring") count only when the activity shows large
    scale. Neither `dpia` nor `schaal: klein` is considered: the caller decides what they
    mean (AVG801 treats `schaal: klein` as settling the DPIA question).
    """
    result, _ = _ap(activity, _texts(activity, vocab), vocab)
    return [APType(n, entry["naam"], entry.get("en") or entry["naam"], _words(hits))
            for n, (entry, hits) in result.definite.items()]


def small_scale(activity: Activity, vocab) -> bool:
    """The activity says it is small-scale (`schaal: klein`, own or inherited)."""
    return _scale(activity, vocab) == "klein"


def large_scale(activity: Activity, vocab) -> bool:
    """The activity shows large scale: `schaal: grootschalig`, or wording such as "alle inwoners"."""
    return _scale(activity, vocab) == "grootschalig" or _wp248(activity, _texts(activity, vocab), vocab).large_scale


# ---------------------------------------------------------------------------------------------
# The `dpia` field


class _DPIA(NamedTuple):
    state: str      # absent, ja, ja_zonder_ref, nee, nee_zonder_reden, lopend, onduidelijk
    field: Field | None

    @property
    def settled(self) -> bool:
        return self.state in ("ja", "nee")


def _leftover(text: str, matches) -> bool:
    """Whether ``text`` says something besides the ``matches`` (a reason after "nee")."""
    keep = list(text)
    for match in matches:
        keep[match.start:match.end] = " " * (match.end - match.start)
    return bool(_LETTERS.search("".join(keep)))


def read_dpia(activity: Activity, vocab) -> _DPIA:
    field = activity.get("dpia")
    if not has_value(field):
        return _DPIA("absent", field)
    return _DPIA(_dpia_state(field.text, vocab), field)


@reading
def _dpia_state(text: str, vocab) -> str:
    """What a `dpia` value says (see ``_DPIA.state``)."""
    status = vocab.terms("dpia_status").find(text)
    kinds = {match.entry["id"] for match in status}
    answers = vocab.terms("dpia_answers").find(text)
    said = {match.entry["id"] for match in answers}
    if "lopend" in kinds:
        return "lopend"
    if "onbekend" in kinds:
        return "onduidelijk"
    if "nee" in said or "niet_uitgevoerd" in kinds:
        filler = vocab.terms("dpia_filler").find(text)
        reason = "reden" in said or _leftover(text, [*answers, *status, *filler])
        return "nee" if reason else "nee_zonder_reden"
    reference = "verwijzing" in kinds or any(ch.isdigit() for ch in text)
    if reference:
        return "ja"
    if "ja" in said:
        return "ja_zonder_ref"
    return "onduidelijk"


# ---------------------------------------------------------------------------------------------
# Messages


def _span(activity: Activity, hit: _Hit) -> Span:
    """Where a hit is in the file; the activity's name when it is in an inherited field."""
    source = hit.source
    if source.field is None:
        return activity.name_span_of(hit.start, hit.end)
    if not source.own:
        return activity.name_span
    return field_span(source.field, hit.start, hit.end)


def _first(hits: Iterable[_Hit], activity: Activity) -> _Hit:
    """The first hit in the file, preferring the activity's own text over inherited text."""
    def key(hit: _Hit):
        span = _span(activity, hit)
        return (not hit.source.own, span.start)
    return min(hits, key=key)


def _related(activity: Activity, hit: _Hit, dpia: _DPIA) -> tuple[Related, ...]:
    related = []
    if hit.source.field is not None and not hit.source.own:
        related.append(Related(field_span(hit.source.field, hit.start, hit.end),
                               Message(f"'{hit.text}', inherited from here.", f"'{hit.text}', hier overgenomen.")))
    if dpia.field is not None:
        related.append(Related(dpia.field.value_span, Message("The dpia field.", "Het veld dpia.")))
    return tuple(related)


def _quote(words: Iterable[str]) -> str:
    return ", ".join(f"'{word}'" for word in words)


def _types(found: dict[int, tuple[dict, list[_Hit]]]) -> tuple[str, str]:
    en = "; ".join(f"type {n} {entry.get('en') or entry['naam']} ({_quote(_words(hits))})"
                   for n, (entry, hits) in found.items())
    nl = "; ".join(f"type {n} {entry['naam']} ({_quote(_words(hits))})" for n, (entry, hits) in found.items())
    for n, (entry, _) in found.items():
        caveat = entry.get("voorbehoud")
        if caveat:
            en += f"; type {n} {caveat['en']}"
            nl += f"; type {n} {caveat['nl']}"
    return en, nl


def _state(dpia: _DPIA) -> tuple[str, str]:
    value = dpia.field.text if dpia.field is not None else ""
    return {
        "absent": ("there is no 'dpia' field", "het veld 'dpia' ontbreekt"),
        "nee_zonder_reden": (f"'dpia: {value}' gives no reason", f"'dpia: {value}' geeft geen reden"),
        "ja_zonder_ref": (f"'dpia: {value}' gives no date or reference",
                          f"'dpia: {value}' noemt geen datum of kenmerk"),
        "lopend": (f"the DPIA is not finished ('dpia: {value}'), while it must be carried out before the processing "
                   "starts",
                   f"de DPIA is niet af ('dpia: {value}'), terwijl die vóór de start van de verwerking moet zijn "
                   "uitgevoerd"),
        "onduidelijk": (f"'dpia: {value}' does not say whether a DPIA was carried out",
                        f"'dpia: {value}' zegt niet of er een DPIA is uitgevoerd"),
    }[dpia.state]


def _fix(activity: Activity) -> tuple[str, str]:
    if activity.role == "processor":
        return ("As processor you do not carry out this DPIA yourself: the controller must (Art. 35(1)) and you must "
                "assist (Art. 28(3)(f)); record the controller's DPIA as 'dpia: ja, <reference of the controller> "
                "(<date>)', or why none is needed as 'dpia: nee, <reason>'.",
                "Als verwerker voert u deze DPIA niet zelf uit: de verwerkingsverantwoordelijke moet dat doen (art. 35 "
                "lid 1) en u moet daarbij helpen (art. 28 lid 3 sub f); leg die DPIA vast als 'dpia: ja, <kenmerk van "
                "de verwerkingsverantwoordelijke> (<datum>)', of waarom er geen nodig is als 'dpia: nee, <reden>'.")
    return ("Record 'dpia: yes, <reference> (<date>)' when a DPIA was carried out, or 'dpia: no, <reason>' (for "
            "example not large-scale), or the scale as 'scale: small' or 'scale: large-scale'.",
            "Schrijf 'dpia: ja, <kenmerk> (<datum>)' als er een DPIA is uitgevoerd, of 'dpia: nee, <reden>' "
            "(bijvoorbeeld niet grootschalig), of de schaal als 'schaal: klein' of 'schaal: grootschalig'.")


# ---------------------------------------------------------------------------------------------
# Rules


@rule(id="AVG801", slug="dpia-ap-lijst", severity="warning", scope="activity",
      articles=("35(1)", "35(4)", "28(3)(f)"),
      title=("The activity is on the AP's DPIA list, and the register does not record the DPIA.",
             "De verwerking staat op de DPIA-lijst van de AP, en het register legt de DPIA niet vast."))
def dpia_ap_list(activity: Activity, ctx):
    """
    ## What it checks
    Whether an activity matches one of the 17 processing types for which the Autoriteit
    Persoonsgegevens (AP) always requires a DPIA (camera surveillance, employee
    monitoring, location data, communication data, smart meters and other connected
    devices, profiling, health data, …), read from its name, `doel`, `omschrijving`,
    `gegevens`, `betrokkenen`, `systemen` and `profilering`. It then asks the `dpia` field
    to settle the question:
    - `dpia: ja, <reference> (<date>)` — the DPIA was carried out;
    - `dpia: nee, <reason>` — none is needed (for example `niet grootschalig`);
    - or `schaal: klein`: most types on the list apply only to large-scale or systematic
      processing, which a register cannot show.

    A **warning** when a type matches and `dpia` is absent, says `nee` without a reason,
    `ja` without a date or reference, or that the DPIA is still in progress. The message
    names the types (number and name) and the words that matched. Words that also occur
    in ordinary processing ("telefoongesprekken", "media monitoring", "klantprofiel"),
    and the types whose description requires large-scale processing (4 credit scoring, 7
    health data, 16 behaviour: "ziekteverzuim van de twee medewerkers" is not "on the
    list"), count only when the activity shows large scale (`schaal: grootschalig`,
    "grootschalig", "alle inwoners"); otherwise they give a **note**, as do two or more
    WP248 criteria (evaluation or scoring, large scale, combining datasets, new
    technology, vulnerable people, …) without a type from the list. `dpia: ja` without a
    date or reference on an activity that matches nothing gives a note too. Negations
    ("geen camera's", "zonder locatiegegevens") do not count. The types about monitoring
    (11 employees, 12 location data) do not count for processing that is occasional or
    started by the data subject each time ("a bug report submitted voluntarily", "de
    locatie eenmalig doorgeven op verzoek van de gebruiker"), unless the activity shows
    large scale or systematic processing ("continuously", "stelselmatig", "real-time").

    For an activity carried out as processor (`rol: verwerker`), the message says that
    the controller must carry out the DPIA and the processor must assist.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 35(1) requires a DPIA before processing that is likely to result in a high risk,
    and Art. 35(4) lets the supervisory authority list such processing: the AP did so in
    its "Besluit inzake lijst van verwerkingen van persoonsgegevens waarvoor een DPIA
    verplicht is" (Stcrt. 2019, 64418). Outside the list, the EDPB's WP248 guidelines say
    a DPIA is required when two or more of nine criteria apply. A processor must help the
    controller with the DPIA (Art. 28(3)(f)). Recording the outcome in the register shows
    that the question was asked (Art. 5(2)).

    ## Example
    ```avg
    verwerking "Cameratoezicht winkel" {
        doel: diefstal voorkomen
        gegevens: camerabeelden van de winkelvloer
    }
    ```

    ## Use instead
    ```avg
    verwerking "Cameratoezicht winkel" {
        doel: diefstal voorkomen
        gegevens: camerabeelden van de winkelvloer
        dpia: ja, DPIA-2024-02 (vastgesteld 12-03-2024)
    }
    ```

    ## References
    - AP, Besluit lijst DPIA, Stcrt. 2019, 64418 (BWBR0042812).
    - Article 29 Working Party, Guidelines on DPIA, WP248 rev.01 (endorsed by the EDPB).
    <!-- nl -->
    ## Wat het controleert
    Of een verwerking overeenkomt met een van de 17 soorten verwerkingen waarvoor de
    Autoriteit Persoonsgegevens (AP) altijd een DPIA vraagt (cameratoezicht, controle
    van werknemers, locatiegegevens, communicatiegegevens, slimme meters en andere
    verbonden apparaten, profilering, gezondheidsgegevens, …), gelezen uit de naam,
    `doel`, `omschrijving`, `gegevens`, `betrokkenen`, `systemen` en `profilering`.
    Daarna moet het veld `dpia` de vraag beantwoorden:
    - `dpia: ja, <kenmerk> (<datum>)` — de DPIA is uitgevoerd;
    - `dpia: nee, <reden>` — er is geen nodig (bijvoorbeeld `niet grootschalig`);
    - of `schaal: klein`: de meeste soorten op de lijst gelden alleen voor grootschalige
      of stelselmatige verwerking, en dat kan een register niet laten zien.

    Een **waarschuwing** als een soort overeenkomt en `dpia` ontbreekt, `nee` zegt zonder
    reden, `ja` zonder datum of kenmerk, of zegt dat de DPIA nog loopt. De melding noemt
    de soorten (nummer en naam) en de woorden die overeenkwamen. Woorden die ook bij
    gewone verwerkingen voorkomen ("telefoongesprekken", "media monitoring",
    "klantprofiel"), en de soorten waarvan de omschrijving grootschalige verwerking eist (4
    kredietwaardigheid, 7 gezondheid, 16 gedrag: "ziekteverzuim van de twee medewerkers"
    staat niet "op de lijst"), tellen alleen als de verwerking grootschalig is (`schaal:
    grootschalig`, "grootschalig", "alle inwoners"); anders volgt een **opmerking**, net
    als bij twee of meer WP248-criteria (evaluatie of scoring, grootschalig, koppelen van
    datasets, nieuwe technologie, kwetsbare personen, …) zonder soort van de lijst. Ook
    `dpia: ja` zonder datum of kenmerk bij een verwerking die nergens op lijkt geeft een
    opmerking. Ontkenningen ("geen camera's", "zonder locatiegegevens") tellen niet. De
    soorten over monitoring (11 werknemers, 12 locatiegegevens) tellen niet voor een
    verwerking die incidenteel is of telkens door de betrokkene zelf wordt gestart ("a bug
    report submitted voluntarily", "de locatie eenmalig doorgeven op verzoek van de
    gebruiker"), tenzij de verwerking grootschalig of stelselmatig is ("continu",
    "stelselmatig", "realtime").

    Bij een verwerking als verwerker (`rol: verwerker`) zegt de melding dat de
    verwerkingsverantwoordelijke de DPIA moet uitvoeren en de verwerker moet helpen.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 35 lid 1 vraagt een DPIA vóór een verwerking die waarschijnlijk een hoog risico
    inhoudt, en art. 35 lid 4 laat de toezichthouder zulke verwerkingen op een lijst
    zetten: de AP deed dat in het "Besluit inzake lijst van verwerkingen van
    persoonsgegevens waarvoor een DPIA verplicht is" (Stcrt. 2019, 64418). Buiten de lijst
    zeggen de WP248-richtlijnen van de EDPB dat een DPIA nodig is als twee of meer van
    negen criteria gelden. Een verwerker moet de verwerkingsverantwoordelijke bij de DPIA
    helpen (art. 28 lid 3 sub f). Door de uitkomst in het register vast te leggen laat u
    zien dat de vraag is gesteld (art. 5 lid 2).

    ## Voorbeeld

    ## Beter

    ## Bronnen
    - AP, Besluit lijst DPIA, Stcrt. 2019, 64418 (BWBR0042812).
    - Artikel 29-werkgroep, Richtsnoeren voor DPIA's, WP248 rev.01 (overgenomen door de EDPB).
    """
    vocab = ctx.vocab
    scale = _scale(activity, vocab)
    if scale == "klein":
        return  # schaal: klein settles the question (the list is about large-scale processing)
    dpia = read_dpia(activity, vocab)
    if dpia.settled:
        return
    finding = _listed_or_likely(activity, _texts(activity, vocab), dpia, vocab) \
        if _in_reach(activity, scale, vocab) else None
    if finding is not None:
        yield finding
    elif dpia.state == "ja_zonder_ref" and dpia.field.block is activity:
        # Only where it is written: an inherited 'dpia: ja' would repeat this note per activity.
        yield report(dpia.field.value_span,
                     f"'dpia: {dpia.field.text}' gives no date or reference: write 'dpia: ja, <reference> (<date>)' "
                     "so that the DPIA can be found and reviewed (Art. 35(11), 5(2)).",
                     f"'dpia: {dpia.field.text}' noemt geen datum of kenmerk: schrijf 'dpia: ja, <kenmerk> "
                     "(<datum>)', zodat de DPIA te vinden en te herzien is (art. 35 lid 11, 5 lid 2).",
                     severity="note", field="dpia")


def _listed_or_likely(activity: Activity, texts: _Doc, dpia: _DPIA, vocab) -> Finding | None:
    """AVG801's finding when the activity is on the AP's list, or may need a DPIA; else None."""
    name = activity.name or ""
    result, wp248 = _ap(activity, texts, vocab)
    fix_en, fix_nl = _fix(activity)
    if result.definite:
        hit = _first((h for _, hits in result.definite.values() for h in hits), activity)
        types_en, types_nl = _types(result.definite)
        state_en, state_nl = _state(dpia)
        return report(_span(activity, hit),
                      f"'{name}' is on the AP's DPIA list: {types_en}; and {state_en} (Art. 35(1), 35(4)). {fix_en}",
                      f"'{name}' staat op de DPIA-lijst van de AP: {types_nl}; en {state_nl} (art. 35 lid 1 en 4). "
                      f"{fix_nl}",
                      related=_related(activity, hit, dpia), field="dpia")
    wp248 = wp248 or _wp248(activity, texts, vocab)
    if result.possible or wp248.score >= 2:
        parts_en, parts_nl, hits = [], [], []
        if result.possible:
            types_en, types_nl = _types(result.possible)
            scale_only = all(entry.get("vereist_grootschalig") for entry, _ in result.possible.values())
            scale_en, scale_nl = ("large-scale", "grootschalig") if scale_only else \
                ("large-scale or systematic", "grootschalig of stelselmatig")
            parts_en.append(f"the AP's DPIA list applies if the processing is {scale_en} ({types_en})")
            parts_nl.append(f"de DPIA-lijst van de AP geldt als de verwerking {scale_nl} is ({types_nl})")
            hits += [h for _, found in result.possible.values() for h in found]
        if wp248.score >= 2:
            met = [(entry, found) for entry, strong, found in wp248.criteria.values()]
            listed_en = "; ".join(f"{e.get('en') or e['naam']}" + (f" ({_quote(_words(f))})" if f else "")
                                  for e, f in met)
            listed_nl = "; ".join(f"{e['naam']}" + (f" ({_quote(_words(f))})" if f else "") for e, f in met)
            parts_en.append(f"it meets WP248 criteria ({listed_en}), and two or more call for a DPIA")
            parts_nl.append(f"de verwerking voldoet aan WP248-criteria ({listed_nl}), en bij twee of meer is een "
                            "DPIA nodig")
            hits += [h for _, found in met for h in found]
        state_en, state_nl = _state(dpia)
        hit = _first(hits, activity) if hits else None
        return report(_span(activity, hit) if hit else activity.name_span,
                      f"'{name}' may need a DPIA: {' and '.join(parts_en)}; {state_en} (Art. 35(1), WP248 rev.01). "
                      f"{fix_en}",
                      f"'{name}' heeft mogelijk een DPIA nodig: {' en '.join(parts_nl)}; {state_nl} (art. 35 lid 1, "
                      f"WP248 rev.01). {fix_nl}",
                      severity="note", related=_related(activity, hit, dpia) if hit else (), field="dpia")
    return None


# ---------------------------------------------------------------------------------------------
# AVG802


ADM_KEYS = ("profilering", "doel", "omschrijving")
SAFEGUARD_KEYS = ("profilering", "doel", "omschrijving", "grondslag", "uitzondering")


@reading
def _decision(text: str, vocab):
    """The automated decision a field's text describes (not negated) and whether it is only a score:
    the first decision word ("automatisch afgewezen"), else the first score that decides on
    something (an effect named in the same field); (None, False) when there is none."""
    effects = None
    score = None
    for match in vocab.terms("adm").find(text):
        if clauses.reader(vocab).negated(text, match.start, match.end):
            continue
        needs = [entry["requires_termset"] for entry in match.entries if entry.get("requires_termset")]
        if len(needs) < len(match.entries):
            return match, False
        if score is None:
            if effects is None:
                effects = bool(clauses.reader(vocab).affirmed(needs[0], text))
            if effects:
                score = match
    return score, score is not None


def _safeguards(fields: Iterable[Field], vocab) -> set[str]:
    found: set[str] = set()
    termset = vocab.terms("adm_safeguards")
    for field in fields:
        for match in termset.find(field.text):
            if not clauses.reader(vocab).negated(field.text, match.start, match.end):
                found.update(entry["id"] for entry in match.entries)
    return found


@screened_by("adm")
def _describes_decision(text: str, vocab) -> bool:
    """The text describes an automated decision (what AVG802 needs of a field)."""
    return _decision(text, vocab)[0] is not None


@rule(id="AVG802", slug="geautomatiseerde-besluitvorming", severity="warning", scope="register",
      articles=("22", "13(2)(f)", "14(2)(g)", "35(3)(a)"), needs=dict.fromkeys(ADM_KEYS, _describes_decision),
      title=("An automated decision is recorded without an Art. 22(2) ground or the logic involved.",
             "Een geautomatiseerd besluit staat in het register zonder grond uit art. 22 lid 2 of de logica."))
def automated_decisions(register, ctx):
    """
    ## What it checks
    Whether `profilering`, `doel` or `omschrijving` describes an automated decision
    with legal or similarly significant effect: "geautomatiseerde besluitvorming",
    "automatisch afgewezen", "zonder menselijke tussenkomst", or a score
    (scoring, risicoscore, kredietwaardigheid, creditscore, profilering) that decides on
    an application, a contract, a price or a benefit. Then it looks, in the same fields
    and in `grondslag` and `uitzondering`, for
    - the Art. 22(2) ground: necessary for a contract, authorised by law, or explicit
      consent (`art. 22 lid 2 sub a`, `uitdrukkelijke toestemming`); and
    - information about the logic involved and the safeguards: the logic, human
      intervention, the right to contest the decision.

    A **warning** when both are missing, a **note** when one is. Negations ("er vindt
    geen geautomatiseerde besluitvorming plaats") and `profilering: geen` are fine.
    A `profilering` field on the organisation or a group is reported once, where it is
    written.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it
    reads every place where the register may say it, in every notation it is written in, and
    the activity's own text overrides a default it inherits.

    ## Why
    Art. 22(1) gives everyone the right not to be subject to a decision based solely on
    automated processing that has legal effects or similarly significantly affects them,
    unless one of the grounds of Art. 22(2) applies, with the safeguards of Art. 22(3)
    (human intervention, the right to express one's view and to contest the decision).
    Art. 13(2)(f) and 14(2)(g) require meaningful information about the logic involved,
    and Art. 35(3)(a) requires a DPIA. The CJEU held that a credit score can itself be
    such a decision when it plays a determining role (C-634/21 SCHUFA, 7-12-2023).

    ## Example
    ```avg
    verwerking "Kredietaanvragen" {
        doel: aanvragen met een te lage risicoscore automatisch afwijzen
    }
    ```

    ## Use instead
    ```avg
    verwerking "Kredietaanvragen" {
        doel: aanvragen met een te lage risicoscore automatisch afwijzen
        profilering:
            - art. 22 lid 2 sub a AVG
            - "onderliggende logica: scoremodel op betaalgedrag"
            - recht op menselijke tussenkomst
    }
    ```

    ## References
    - CJEU C-634/21 SCHUFA Holding (Scoring), 7 December 2023.
    - Article 29 Working Party, Guidelines on automated individual decision-making and
      profiling, WP251 rev.01.
    <!-- nl -->
    ## Wat het controleert
    Of `profilering`, `doel` of `omschrijving` een geautomatiseerd besluit beschrijft
    met rechtsgevolgen of een vergelijkbaar aanmerkelijk effect: "geautomatiseerde
    besluitvorming", "automatisch afgewezen", "zonder menselijke tussenkomst", of een
    score (scoring, risicoscore, kredietwaardigheid, creditscore, profilering) die beslist
    over een aanvraag, een contract, een prijs of een uitkering. Daarna zoekt het, in
    dezelfde velden en in `grondslag` en `uitzondering`, naar
    - de grond uit art. 22 lid 2: noodzakelijk voor een overeenkomst, bij wet toegestaan,
      of uitdrukkelijke toestemming (`art. 22 lid 2 sub a`, `uitdrukkelijke toestemming`); en
    - informatie over de onderliggende logica en de waarborgen: de logica, menselijke
      tussenkomst, het recht om het besluit aan te vechten.

    Een **waarschuwing** als beide ontbreken, een **opmerking** als één ontbreekt.
    Ontkenningen ("er vindt geen geautomatiseerde besluitvorming plaats") en
    `profilering: geen` zijn in orde. Een veld `profilering` op de organisatie of een groep
    wordt één keer gemeld, waar het staat.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open wereld](../../rule-writing.md#the-open-world)):
    hij leest elke plaats waar het register het kan zeggen, in elke schrijfwijze, en de eigen
    tekst van de verwerking gaat voor op een standaard die ze erft.

    ## Waarom
    Art. 22 lid 1 geeft iedereen het recht niet te worden onderworpen aan een uitsluitend
    op geautomatiseerde verwerking gebaseerd besluit met rechtsgevolgen of een
    vergelijkbaar aanmerkelijk effect, tenzij een grond uit art. 22 lid 2 geldt, met de
    waarborgen van lid 3 (menselijke tussenkomst, het recht een standpunt kenbaar te maken
    en het besluit aan te vechten). Art. 13 lid 2 sub f en 14 lid 2 sub g vragen nuttige
    informatie over de onderliggende logica, en art. 35 lid 3 sub a vraagt een DPIA. Het
    Hof van Justitie oordeelde dat een kredietscore zelf zo'n besluit kan zijn als die
    doorslaggevend is (C-634/21 SCHUFA, 7-12-2023).

    ## Voorbeeld

    ## Beter

    ## Bronnen
    - HvJ EU C-634/21 SCHUFA Holding (Scoring), 7 december 2023.
    - Artikel 29-werkgroep, Richtsnoeren inzake geautomatiseerde individuele besluitvorming
      en profilering, WP251 rev.01.
    """
    vocab = ctx.vocab
    # `profilering` on the organisation or a group: judged once, where it is written, with the
    # safeguards written on the same block.
    for block in (*register.organisations, *register.groups):
        field = block.own("profilering")
        if has_value(field):
            yield from _adm_finding(field, None, lambda b=block: [f for k in SAFEGUARD_KEYS
                                                                 if has_value(f := b.own(k))], vocab)
    for activity in ctx.activities:
        for key in ADM_KEYS:
            field = activity.own(key)
            if not has_value(field):
                continue
            found = list(_adm_finding(field, activity, lambda a=activity: [f for k in SAFEGUARD_KEYS
                                                                           if has_value(f := a.get(k))], vocab))
            if found:
                yield from found
                break   # one finding per activity


def _adm_finding(field: Field, activity: Activity | None, safeguard_fields, vocab):
    """``safeguard_fields()`` gives the fields to search for the 22(2) ground and the logic (only
    called when the field describes a decision: most activities never get that far)."""
    match, only_score = _decision(field.text, vocab)
    if match is None:
        return
    found = _safeguards(safeguard_fields(), vocab)
    if only_score and "menselijk" in found:
        return      # a person takes the decision: not "based solely on automated processing"
    ground, logic = "grond_22_2" in found, bool(found & {"logica", "menselijk"})
    if ground and logic:
        return
    key = field.key or field.written
    where_en = f"'{match.text}' in '{key}'" + (f" of '{activity.name}'" if activity is not None else "")
    where_nl = f"'{match.text}' in '{key}'" + (f" van '{activity.name}'" if activity is not None else "")
    if not ground and not logic:
        yield report(field_span(field, match.start, match.end),
                     f"{where_en} describes an automated decision with legal or similarly significant effect "
                     "(Art. 22(1)), but neither an Art. 22(2) ground nor the logic involved is recorded: state the "
                     "ground (necessary for a contract, authorised by law, or explicit consent) and, in 'profilering', "
                     "the logic, its consequences and the right to human intervention (Art. 13(2)(f), 22(3)); such "
                     "processing also needs a DPIA (Art. 35(3)(a)).",
                     f"{where_nl} beschrijft een geautomatiseerd besluit met rechtsgevolgen of een vergelijkbaar "
                     "aanmerkelijk effect (art. 22 lid 1), maar er staat geen grond uit art. 22 lid 2 en geen "
                     "onderliggende logica: noem de grond (noodzakelijk voor een overeenkomst, bij wet toegestaan of "
                     "uitdrukkelijke toestemming) en, in 'profilering', de logica, de gevolgen en het recht op "
                     "menselijke tussenkomst (art. 13 lid 2 sub f, 22 lid 3); zo'n verwerking vraagt ook een DPIA "
                     "(art. 35 lid 3 sub a).",
                     activity=activity, field=field.key)
    elif not ground:
        yield report(field_span(field, match.start, match.end),
                     f"{where_en} describes an automated decision (Art. 22(1)) without an Art. 22(2) ground: state "
                     "whether it is necessary for a contract, authorised by law, or based on explicit consent.",
                     f"{where_nl} beschrijft een geautomatiseerd besluit (art. 22 lid 1) zonder grond uit art. 22 "
                     "lid 2: noem of het noodzakelijk is voor een overeenkomst, bij wet is toegestaan of berust op "
                     "uitdrukkelijke toestemming.",
                     severity="note", activity=activity, field=field.key)
    else:
        yield report(field_span(field, match.start, match.end),
                     f"{where_en} describes an automated decision (Art. 22(1)) without the logic involved: describe "
                     "in 'profilering' the logic, its consequences and the right to human intervention "
                     "(Art. 13(2)(f), 22(3)).",
                     f"{where_nl} beschrijft een geautomatiseerd besluit (art. 22 lid 1) zonder de onderliggende "
                     "logica: beschrijf in 'profilering' de logica, de gevolgen en het recht op menselijke "
                     "tussenkomst (art. 13 lid 2 sub f, 22 lid 3).",
                     severity="note", activity=activity, field=field.key)
