"""Structural diagnostics (AVG0xx): the register is readable and consistent.

AVG001 and AVG002 are found by the parser, AVG009 and AVG010 by the engine: they are declared
here as constants that the code reporting them imports. The other rules read the typed model.
Cross-entry rules (duplicate ids, duplicate names, processor references) index by
key, so they cost time linear in the register.
"""

from __future__ import annotations

import difflib

from avglint.findings import Edit, Fix, Message, Related
from avglint.language import ACTIVITY, GROUP, ORGANISATION, PROCESSOR, language
from avglint.model import Activity, Group, Span, UnknownBlock, name_key
from avglint.registry import report, reported, rule

from ._common import written_language

SYNTAX_ERROR = reported(
    id="AVG001", slug="syntax-error", severity="error", scope="parser",
    title=("The file does not follow the register language.", "Het bestand volgt de registertaal niet."),
    module=__name__, docs="""
    ## What it checks
    That the file follows the register language: blocks `kind "Name" { … }`, fields
    `key: value` one per line, dash lists and quoted strings. The message says in plain
    words what was expected, and for a block that is never closed, where it opened.

    ## Why
    A register that cannot be read cannot be checked. avglint still checks everything
    around the error: it skips to the next line and goes on.

    ## Example
    ```avg
    verwerking "Nieuwsbrief" {
        doel: "nieuwsbrief versturen
    }
    ```

    ## Use instead
    ```avg
    verwerking "Nieuwsbrief" {
        doel: "nieuwsbrief versturen"
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat het bestand de registertaal volgt: blokken `soort "Naam" { … }`, velden
    `sleutel: waarde` één per regel, lijsten met streepjes en tekst tussen
    aanhalingstekens. De melding zegt in gewone woorden wat verwacht werd, en bij een
    blok dat niet gesloten wordt, waar het begon.

    ## Waarom
    Een register dat niet gelezen kan worden, kan niet gecontroleerd worden. avglint
    controleert alles rond de fout wel: het gaat verder op de volgende regel.

    ## Voorbeeld

    ## Beter
    """)


INVALID_ENCODING = reported(
    id="AVG002", slug="invalid-encoding", severity="error", scope="parser",
    title=("The file contains bytes that are not UTF-8 text.", "Het bestand bevat bytes die geen UTF-8-tekst zijn."),
    module=__name__, docs="""
    ## What it checks
    That the file is UTF-8 text: no invalid byte sequences, no NUL bytes, not UTF-16 and
    not a binary file. Each problem is reported at its line; the rest of the file is
    still checked.

    ## Why
    Registers exported from spreadsheets or old editors are often saved in another
    encoding. Characters such as "ë" then turn into garbage in every tool that reads
    the file, and in the register published from it.

    ## Use instead
    Save the file as UTF-8 (in most editors: "Save with encoding" → "UTF-8").
    <!-- nl -->
    ## Wat het controleert
    Dat het bestand UTF-8-tekst is: geen ongeldige bytes, geen NUL-bytes, geen UTF-16 en
    geen binair bestand. Elk probleem wordt op zijn regel gemeld; de rest van het
    bestand wordt wel gecontroleerd.

    ## Waarom
    Registers die uit een spreadsheet of oude editor komen, zijn vaak in een andere
    codering opgeslagen. Tekens als "ë" worden dan onleesbaar in elk programma dat het
    bestand leest, en in het register dat ervan gepubliceerd wordt.

    ## Beter
    Sla het bestand op als UTF-8 (in de meeste editors: "Opslaan met codering" → "UTF-8").
    """)


# Where each kind of block may stand: the kinds its parent may have (None = top level).
_ALLOWED_PARENTS = {
    ORGANISATION: {None},
    GROUP: {None, GROUP},
    ACTIVITY: {None, GROUP},
    PROCESSOR: {None, GROUP},
}


@rule(id="AVG003", slug="unknown-block", severity="error", scope="register", fix="suggestion",
      title=("Unknown block kind, or a block where it cannot stand.", "Onbekende bloksoort, of een blok op een plek "
             "waar het niet kan staan."))
def unknown_block(register, ctx):
    """
    ## What it checks
    That every block is one of `organisatie`, `groep`, `verwerking` or `verwerker` (or
    their English aliases), and stands where it can: a `verwerking` inside a `groep` or
    at the top, never inside another `verwerking`; the `organisatie` at the top. The
    message suggests the kind you probably meant. The contents of an unknown block are
    still read, so later findings stay correct.

    ## Why
    A misspelled block kind ("verwerkng") would silently drop a whole processing
    activity from the checks.

    ## Example
    ```avg
    verwerkng "Salarisadministratie" {
        doel: salarisbetaling
    }
    ```

    ## Use instead
    ```avg
    verwerking "Salarisadministratie" {
        doel: salarisbetaling
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elk blok een `organisatie`, `groep`, `verwerking` of `verwerker` is (of de
    Engelse variant), en staat waar het kan staan: een `verwerking` in een `groep` of
    bovenaan, nooit in een andere `verwerking`; de `organisatie` bovenaan. De melding
    stelt de bedoelde soort voor. De inhoud van een onbekend blok wordt wel gelezen.

    ## Waarom
    Een verkeerd gespelde bloksoort ("verwerkng") zou een hele verwerking stilzwijgend
    buiten de controles houden.

    ## Voorbeeld

    ## Beter
    """
    lang = language()
    for top in register.blocks:
        for block in top.walk():
            kind_span = Span(block.source, block.start, block.start + len(block.kind_written))
            if isinstance(block, UnknownBlock):
                suggestion = lang.suggest_block(block.kind_written)
                if suggestion:
                    suggestion = lang.block_spelling(suggestion, written_language(block, register))
                    yield report(kind_span,
                                 f"Unknown block kind '{block.kind_written}' (did you mean '{suggestion}'?).",
                                 f"Onbekende bloksoort '{block.kind_written}' (bedoelt u '{suggestion}'?).",
                                 fix=Fix(Message(f"Replace with '{suggestion}'", f"Vervang door '{suggestion}'"),
                                         (Edit(kind_span, suggestion),), safe=False))
                else:
                    yield report(kind_span,
                                 f"Unknown block kind '{block.kind_written}'; use organisatie, groep, verwerking "
                                 "or verwerker.",
                                 f"Onbekende bloksoort '{block.kind_written}'; gebruik organisatie, groep, "
                                 "verwerking of verwerker.")
                continue
            parent_kind = block.parent.kind if block.parent is not None else None
            if isinstance(block.parent, UnknownBlock) or parent_kind in _ALLOWED_PARENTS[block.kind]:
                continue
            yield report(kind_span,
                         f"A '{block.kind_written}' block cannot stand inside a '{block.parent.kind_written}' "
                         "block; is a '}' missing above it?",
                         f"Een blok '{block.kind_written}' kan niet binnen een blok '{block.parent.kind_written}' "
                         "staan; ontbreekt er een '}' erboven?")


@rule(id="AVG004", slug="unknown-field", severity="warning", scope="register", fix="suggestion",
      title=("Field key not known for this kind of block.", "Veldnaam onbekend voor deze soort blok."))
def unknown_field(register, ctx):
    """
    ## What it checks
    That every field key is one the block kind knows (Dutch or English, case-insensitive,
    with spaces, `-` and `_` equivalent). The message suggests the key you probably meant.

    ## Why
    A misspelled key ("bewaartermein") means the value is never checked, and rules that
    look for the field report it as missing.

    ## Example
    ```avg
    verwerking "Werving" {
        bewaartermein: 4 weken na afloop van de procedure
    }
    ```

    ## Use instead
    ```avg
    verwerking "Werving" {
        bewaartermijn: 4 weken na afloop van de procedure
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elke veldnaam bekend is voor de soort blok (Nederlands of Engels, hoofdletters
    maken niet uit, spaties, `-` en `_` zijn gelijk). De melding stelt de bedoelde naam voor.

    ## Waarom
    Een verkeerd gespelde naam ("bewaartermein") betekent dat de waarde nooit wordt
    gecontroleerd, en regels die het veld zoeken melden het als ontbrekend.

    ## Voorbeeld

    ## Beter
    """
    lang = language()
    for top in register.blocks:
        for block in top.walk():
            for field in block.unknown:
                where = block.kind_written
                suggestion = lang.suggest_field(block.kind, field.written)
                if isinstance(block, UnknownBlock):
                    continue  # the block itself is reported (AVG003)
                if suggestion:
                    suggestion = lang.field_spelling(suggestion, written_language(block, register))
                    yield report(field.key_span,
                                 f"Unknown field '{field.written}' in a '{where}' block (did you mean '{suggestion}'?).",
                                 f"Onbekend veld '{field.written}' in een blok '{where}' (bedoelt u '{suggestion}'?).",
                                 fix=Fix(Message(f"Rename to '{suggestion}'", f"Hernoem naar '{suggestion}'"),
                                         (Edit(field.key_span, suggestion),), safe=False),
                                 activity=block if isinstance(block, Activity) else None)
                else:
                    yield report(field.key_span,
                                 f"Unknown field '{field.written}' in a '{where}' block; see 'avglint explain AVG004' "
                                 "for the keys.",
                                 f"Onbekend veld '{field.written}' in een blok '{where}'; zie 'avglint explain AVG004' "
                                 "voor de namen.",
                                 activity=block if isinstance(block, Activity) else None)


@rule(id="AVG005", slug="duplicate-field", severity="error", scope="register",
      title=("The same field twice in one block.", "Hetzelfde veld twee keer in één blok."))
def duplicate_field(register, ctx):
    """
    ## What it checks
    That a block gives each field once. `doel` and `purpose`, or `gegevens` and
    `persoonsgegevens`, are the same field.

    ## Why
    With two values for one field, a reader cannot tell which one holds; avglint uses
    the first and reports the second.

    ## Example
    ```avg
    verwerking "Klantcontact" {
        grondslag: Uitvoering overeenkomst
        basis: Gerechtvaardigd belang
    }
    ```

    ## Use instead
    One field, with the basis that applies (one basis per purpose):
    ```avg
    verwerking "Klantcontact" {
        grondslag: Uitvoering overeenkomst
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat een blok elk veld één keer geeft. `doel` en `purpose`, of `gegevens` en
    `persoonsgegevens`, zijn hetzelfde veld.

    ## Waarom
    Met twee waarden voor één veld is niet te zien welke geldt; avglint gebruikt de
    eerste en meldt de tweede.

    ## Voorbeeld

    ## Beter
    Eén veld, met de grondslag die geldt (één grondslag per doel):
    """
    for top in register.blocks:
        for block in top.walk():
            for field in block.duplicates:
                first = block.fields[field.key]
                line = first.key_span.line
                yield report(field.key_span,
                             f"'{field.written}' repeats the field '{first.written}' of line {line}; keep one.",
                             f"'{field.written}' herhaalt het veld '{first.written}' van regel {line}; houd er één.",
                             related=(Related(first.key_span, Message("First given here.", "Eerst hier gegeven.")),),
                             activity=block if isinstance(block, Activity) else None, field=field.key)


@rule(id="AVG006", slug="empty-field", severity="warning", scope="register",
      title=("A field without a value.", "Een veld zonder waarde."))
def empty_field(register, ctx):
    """
    ## What it checks
    That every field has a value. To say that something does not apply, write it:
    `doorgifte: geen`, `bijzondere gegevens: geen`. A placeholder is not a value: a
    value that is one ("TODO", "n.t.b.", "nog invullen", "?") or holds one ("Contact
    data, such as TODO") is reported, and the completeness rules (AVG103–AVG111) read
    a field of placeholders only as missing.

    ## Why
    An empty field says nothing: it may be forgotten or mean "none". An FG reviewing the
    register cannot tell which. A placeholder says the work is not done.

    ## Example
    ```avg
    verwerking "Bezoekersregistratie" {
        doorgifte:
    }
    ```

    ## Use instead
    ```avg
    verwerking "Bezoekersregistratie" {
        doorgifte: geen
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elk veld een waarde heeft. Schrijf op als iets niet van toepassing is:
    `doorgifte: geen`, `bijzondere gegevens: geen`. Een plaatshouder is geen waarde: een
    waarde die er een is ("TODO", "n.t.b.", "nog invullen", "?") of er een bevat
    ("Contact data, such as TODO") wordt gemeld, en de volledigheidsregels (AVG103–AVG111)
    lezen een veld met alleen plaatshouders als ontbrekend.

    ## Waarom
    Een leeg veld zegt niets: het kan vergeten zijn of "geen" betekenen. Een FG die het
    register beoordeelt, kan dat niet zien. Een plaatshouder zegt dat het werk niet af is.

    ## Voorbeeld

    ## Beter
    """
    vocab = ctx.vocab
    for top in register.blocks:
        for block in top.walk():
            activity = block if isinstance(block, Activity) else None
            for fields in (block.fields.values(), block.duplicates):  # not copied into one: most blocks have many
                for field in fields:
                    if not field.items:
                        yield report(field.key_span,
                                     f"The field '{field.written}' is empty; give a value, or 'geen' when it does not "
                                     "apply.",
                                     f"Het veld '{field.written}' is leeg; geef een waarde, of 'geen' als het niet "
                                     "van toepassing is.",
                                     activity=activity, field=field.key)
                    for item in field.items:
                        placeholder = vocab.placeholder(item.value)
                        if placeholder is not None:
                            yield report(item.span,
                                         f"'{placeholder}' in '{field.written}' is a placeholder, not a value: write "
                                         "what it stands for, or 'geen' when it does not apply.",
                                         f"'{placeholder}' in '{field.written}' is een plaatshouder, geen waarde: "
                                         "schrijf op waar het voor staat, of 'geen' als het niet van toepassing is.",
                                         activity=activity, field=field.key)


@rule(id="AVG007", slug="duplicate-id", severity="error", scope="register",
      title=("Two activities with the same id.", "Twee verwerkingen met hetzelfde id."))
def duplicate_id(register, ctx):
    """
    ## What it checks
    That every activity's `id` is unique across the whole register, over all its files
    (compared without regard to case and surrounding spaces).

    ## Why
    Ids are how a register is referred to: in DPIAs, in processing logs (the VNG
    "verwerkingenlogging" standard logs each action against an activity id), in answers
    to data subjects. Two rows with one id make those references ambiguous.

    ## Example
    ```avg
    verwerking "Klachten" { id: 1.4 }
    verwerking "Klantvragen" { id: 1.4 }
    ```

    ## Use instead
    ```avg
    verwerking "Klachten" { id: 1.4 }
    verwerking "Klantvragen" { id: 1.5 }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elk `id` van een verwerking uniek is in het hele register, over al zijn bestanden
    (zonder verschil tussen hoofd- en kleine letters of spaties eromheen).

    ## Waarom
    Met ids wordt naar het register verwezen: in DPIA's, in verwerkingenlogging (de
    VNG-standaard logt elke handeling bij een verwerkingsactiviteit), in antwoorden aan
    betrokkenen. Twee rijen met één id maken die verwijzingen dubbelzinnig.

    ## Voorbeeld

    ## Beter
    """
    first_by_id: dict[str, Activity] = {}
    for activity in register.activities:
        field = activity.fields.get("id")
        if field is None or not field.items:
            continue
        key = name_key(field.text)
        first = first_by_id.setdefault(key, activity)
        if first is activity:
            continue
        where = first.fields["id"].value_span
        yield report(field.value_span,
                     f"The id '{field.text}' is also used by '{first.name}' ({where.path}:{where.line}); ids must "
                     "be unique.",
                     f"Het id '{field.text}' wordt ook gebruikt door '{first.name}' ({where.path}:{where.line}); "
                     "ids moeten uniek zijn.",
                     activity=activity, field="id",
                     related=(Related(where, Message(f"First used by '{first.name}'.",
                                                     f"Eerst gebruikt door '{first.name}'.")),))


@rule(id="AVG008", slug="unknown-processor", severity="warning", scope="register", fix="suggestion",
      title=("A processor named in 'verwerkers' that no 'verwerker' block defines.",
             "Een verwerker in 'verwerkers' die geen blok 'verwerker' heeft."))
def unknown_processor(register, ctx):
    """
    ## What it checks
    When the register defines `verwerker` blocks, that every name in an activity's
    `verwerkers` refers to one of them (case and spacing do not matter). Registers
    without any `verwerker` block may name processors as free text.

    ## Why
    The `verwerker` block records the processing agreement, country and safeguard
    (Art. 28, 44–46). A reference that does not resolve, often a typo, leaves those facts
    unchecked for that activity.

    ## Example
    ```avg
    verwerker "Mailchimp" { land: Verenigde Staten }
    verwerking "Nieuwsbrief" {
        verwerkers: MailChimp Inc
    }
    ```

    ## Use instead
    ```avg
    verwerker "Mailchimp" { land: Verenigde Staten }
    verwerking "Nieuwsbrief" {
        verwerkers: Mailchimp
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Als het register blokken `verwerker` heeft: dat elke naam in `verwerkers` van een
    verwerking naar een van die blokken verwijst (hoofdletters en spaties maken niet
    uit). Registers zonder blok `verwerker` mogen verwerkers als vrije tekst noemen.

    ## Waarom
    Het blok `verwerker` legt de verwerkersovereenkomst, het land en de waarborg vast
    (art. 28, 44–46). Een verwijzing die nergens heen wijst, vaak een typefout, laat die
    feiten voor die verwerking ongecontroleerd.

    ## Voorbeeld

    ## Beter
    """
    if not register.processors:
        return
    names = {name_key(p.name): p.name for p in register.processors if p.name}
    vocab = ctx.vocab
    for field in _carried(register, "verwerkers"):  # each field once, also where a group gives it as a default
        activity = field.block if isinstance(field.block, Activity) else None
        for item in field.items:
            value = item.value
            if vocab.is_none(value) or register.processor(value) is not None:
                continue
            close = difflib.get_close_matches(name_key(value), list(names), n=1, cutoff=0.6)
            if close:
                suggestion = names[close[0]]
                yield report(item.span,
                             f"No 'verwerker' block is called '{value}' (did you mean '{suggestion}'?).",
                             f"Geen blok 'verwerker' heet '{value}' (bedoelt u '{suggestion}'?).",
                             fix=Fix(Message(f"Replace with '{suggestion}'", f"Vervang door '{suggestion}'"),
                                     (Edit(item.span, _quoted(suggestion)),), safe=False),
                             activity=activity, field="verwerkers")
            else:
                yield report(item.span,
                             f"No 'verwerker' block is called '{value}'; add one (with its agreement, country "
                             "and safeguard) or correct the name.",
                             f"Geen blok 'verwerker' heet '{value}'; voeg er een toe (met overeenkomst, land en "
                             "waarborg) of verbeter de naam.",
                             activity=activity, field="verwerkers")


def _carried(register, key: str):
    """The fields with ``key`` in every block of the register: the parser's index of them, when it has one."""
    if register.fields is not None:
        return register.fields.get(key, ())
    return [block.fields[key] for top in register.blocks for block in top.walk() if key in block.fields]


def _quoted(text: str) -> str:
    if any(char in text for char in ',{}#"') or text != text.strip():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


@rule(id="AVG011", slug="duplicate-activity", severity="warning", scope="register",
      title=("Two activities with the same name in one group.", "Twee verwerkingen met dezelfde naam in één groep."))
def duplicate_activity(register, ctx):
    """
    ## What it checks
    That two activities in the same group do not have the same name (case and spacing
    do not matter).

    ## Why
    Two rows with one name are usually a copy that was meant to be edited, or the same
    processing recorded twice, possibly with different bases or retention periods. Give
    each its own name, or merge them.

    ## Example
    ```avg
    groep "Website" {
        verwerking "Cookies" { grondslag: Toestemming }
        verwerking "Cookies" { grondslag: Gerechtvaardigd belang }
    }
    ```

    ## Use instead
    ```avg
    groep "Website" {
        verwerking "Analytische cookies" { grondslag: Gerechtvaardigd belang }
        verwerking "Marketingcookies" { grondslag: Toestemming }
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat twee verwerkingen in dezelfde groep niet dezelfde naam hebben (hoofdletters en
    spaties maken niet uit).

    ## Waarom
    Twee rijen met één naam zijn meestal een kopie die nog aangepast moest worden, of
    dezelfde verwerking twee keer vastgelegd, misschien met verschillende grondslagen of
    bewaartermijnen. Geef elke verwerking een eigen naam, of voeg ze samen.

    ## Voorbeeld

    ## Beter
    """
    seen: dict[tuple[int, str], Activity] = {}
    for activity in register.activities:
        if not activity.name:
            continue
        group = activity.parent
        scope = id(group) if isinstance(group, Group) else id(None)
        first = seen.setdefault((scope, name_key(activity.name)), activity)
        if first is activity:
            continue
        where = first.name_span
        yield report(activity.name_span,
                     f"Another activity in this group is also called '{activity.name}' ({where.path}:{where.line}); "
                     "give each its own name or merge them.",
                     f"Een andere verwerking in deze groep heet ook '{activity.name}' ({where.path}:{where.line}); "
                     "geef elk een eigen naam of voeg ze samen.",
                     activity=activity,
                     related=(Related(where, Message("The other activity.", "De andere verwerking.")),))


@rule(id="AVG012", slug="duplicate-organisation", severity="error", scope="register",
      title=("More than one 'organisatie' block in the register.", "Meer dan één blok 'organisatie' in het register."))
def duplicate_organisation(register, ctx):
    """
    ## What it checks
    That the register, over all its files, has at most one `organisatie` block.

    ## Why
    A register (Art. 30) is kept by one controller or processor. Its fields are defaults
    for every activity, so a second organisation makes it unclear whose register it is
    and which defaults apply; avglint uses the first. Keep a separate register (a
    separate set of files checked on its own) for each legal entity.

    ## Example
    ```avg
    organisatie "Voorbeeld B.V." { contact: privacy@voorbeeld.nl }
    organisatie "Voorbeeld Holding B.V." { contact: info@voorbeeld.nl }
    ```

    ## Use instead
    One `organisatie` per register; check each entity's register separately.
    <!-- nl -->
    ## Wat het controleert
    Dat het register, over al zijn bestanden, ten hoogste één blok `organisatie` heeft.

    ## Waarom
    Een register (art. 30) wordt gehouden door één verwerkingsverantwoordelijke of
    verwerker. De velden van de organisatie gelden voor elke verwerking, dus met een
    tweede organisatie is onduidelijk wiens register het is en wat er geldt; avglint
    gebruikt de eerste. Houd per rechtspersoon een eigen register bij (eigen bestanden,
    apart gecontroleerd).

    ## Voorbeeld

    ## Beter
    Eén `organisatie` per register; controleer het register van elke rechtspersoon apart.
    """
    first, *others = register.organisations or [None]
    for organisation in others:
        where = first.name_span
        yield report(organisation.name_span,
                     f"A second 'organisatie' block; the register already has '{first.name}' "
                     f"({where.path}:{where.line}).",
                     f"Een tweede blok 'organisatie'; het register heeft al '{first.name}' "
                     f"({where.path}:{where.line}).",
                     related=(Related(where, Message("The first organisation.", "De eerste organisatie.")),))


UNUSED_SUPPRESSION = reported(
    id="AVG009", slug="unused-suppression", severity="warning", scope="engine", fix="yes",
    title=("A suppression comment that suppresses nothing.", "Een onderdrukking die niets onderdrukt."),
    module=__name__, docs="""
    ## What it checks
    That every `# avglint: ignore[…]` comment suppresses at least one finding.

    ## Why
    A suppression records a decision ("belangenafweging vastgelegd in DPIA-2024-07").
    When the finding it was written for is gone, because the register was corrected or
    the line moved, the comment is stale and may later hide a new problem on that line.

    ## Example
    The id was made unique, but the suppression written for the old duplicate stayed:
    ```avg
    verwerking "Nieuwsbrief" {
        id: 12   # avglint: ignore[AVG007] id gedeeld met het oude CRM
    }
    ```

    ## Use instead
    ```avg
    verwerking "Nieuwsbrief" {
        id: 12
    }
    ```

    ## Fix safety
    The fix removes the comment (or its line, when the comment stands alone); it does
    not change what the register says.
    <!-- nl -->
    ## Wat het controleert
    Dat elk commentaar `# avglint: ignore[…]` ten minste één melding onderdrukt.

    ## Waarom
    Een onderdrukking legt een besluit vast ("belangenafweging vastgelegd in
    DPIA-2024-07"). Als de melding waarvoor die geschreven is verdwenen is, omdat het
    register is verbeterd of de regel is verschoven, is het commentaar verouderd en kan
    het later een nieuw probleem op die regel verbergen.

    ## Voorbeeld
    Het id is uniek gemaakt, maar de onderdrukking voor het oude dubbele id is blijven staan:

    ## Beter

    ## Veiligheid van de correctie
    De correctie verwijdert het commentaar (of de regel, als het commentaar alleen
    staat); wat het register zegt verandert niet.
    """)


INVALID_SUPPRESSION = reported(
    id="AVG010", slug="invalid-suppression", severity="warning", scope="engine",
    title=("A malformed suppression comment, or one naming an unknown rule.",
           "Een onjuist geschreven onderdrukking, of een die een onbekende regel noemt."),
    module=__name__, docs="""
    ## What it checks
    That every comment starting with `# avglint:` is a suppression avglint understands:
    `# avglint: ignore[AVG301] reason` (this line, field or block) or
    `# avglint: ignore-file[AVG702] reason` (the whole file), naming rules by id
    (`AVG301`), id prefix (`AVG3`) or slug (`gerechtvaardigd-belang-zonder-afweging`).

    ## Why
    A suppression that avglint cannot read suppresses nothing, while the author believes
    the finding is handled.

    ## Example
    ```avg
    verwerking "Camerabewaking" {
        id: 7   # avglint: ignore AVG007 id uit het bronsysteem
    }
    ```

    ## Use instead
    ```avg
    verwerking "Camerabewaking" {
        id: 7   # avglint: ignore[AVG007] id uit het bronsysteem
    }
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat elk commentaar dat met `# avglint:` begint een onderdrukking is die avglint
    begrijpt: `# avglint: ignore[AVG301] reden` (deze regel, dit veld of blok) of
    `# avglint: ignore-file[AVG702] reden` (het hele bestand), met regels genoemd bij id
    (`AVG301`), begin van een id (`AVG3`) of naam (`gerechtvaardigd-belang-zonder-afweging`).

    ## Waarom
    Een onderdrukking die avglint niet kan lezen, onderdrukt niets, terwijl de schrijver
    denkt dat de melding is afgehandeld.

    ## Voorbeeld

    ## Beter
    """)
