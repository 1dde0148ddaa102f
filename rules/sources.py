"""Where the data come from (AVG912): data not obtained from the data subject, without their source, in the
register and in the privacy statement (Art. 14(1)(d), 14(2)(f), 14(3)).
"""

from __future__ import annotations

from avglint import clauses
from avglint.model import Activity
from avglint.registry import NAME, report, rule, statement_check
from avglint.statement import Statement

from ._common import field_span, has_value, mentions
from ._statement_reading import Reading, statement_reading

# ---------------------------------------------------------------------------------------------
# AVG912 source


def _source_stated(reading: Reading) -> bool:
    return bool(reading.sections_about("bron")) or reading.first("statement_elements", ids={"bron"}) is not None


_READ_KEYS = ("gegevens", "betrokkenen", "doel", "omschrijving")
_INDIRECT = mentions("indirect_sources")  # what AVG912 reports is one of these, in a text it reads


@rule(id="AVG912", slug="bron-ontbreekt", severity="warning", scope="activity", articles=("14(1)(d)", "14(2)(f)", "14(3)"),
      needs=dict.fromkeys((*_READ_KEYS, NAME), _INDIRECT),
      title=("Data not obtained from the data subject, without their source.",
             "Gegevens die niet van de betrokkene zelf komen, zonder de bron."))
def source_missing(activity: Activity, ctx):
    """
    ## What it checks
    That data obtained from someone other than the data subject — contact persons supplied
    by a client, employees of a client (data their employer supplies), prospects, public
    sources and public registers (Kadaster, cadastral data, BRP), media monitoring,
    purchased address lists — come with their source: the `bron` field in the register, and in a privacy statement a
    sentence or section saying where the data come from ("Deze gegevens ontvangen wij van
    uw werkgever", "Waar komen uw gegevens vandaan?"). Activities done as a processor are
    left out: the source is the controller's business.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): in a
    register it reads `gegevens`, `betrokkenen`, `doel`, `omschrijving` and the name; in a statement
    every sentence. Data about another person that the data subject supplies (an emergency contact,
    the parents of a minor member, references) come from another source for that person.

    ## Why
    Art. 14(1)(d) and 14(2)(f) require the categories of data and "from which source the
    personal data originate, and if applicable, whether it came from publicly accessible
    sources", within a month and at the latest at the first contact (Art. 14(3)). The
    register is where the source is recorded, so that the statement and the Art. 14 notice
    can say it.

    ## Example
    ```avg
    verwerking "Media monitoring" {
        gegevens: berichten geplaatst op social media
    }
    ```

    ```markdown
    # Privacyverklaring

    Wij verwerken gegevens van potentiële klanten om hen te benaderen.
    ```

    ## Use instead
    ```avg
    verwerking "Media monitoring" {
        gegevens: berichten geplaatst op social media
        bron: openbare berichten op X en Facebook, via een monitoringdienst
    }
    ```

    ```markdown
    # Privacyverklaring

    Wij verwerken gegevens van potentiële klanten om hen te benaderen. Deze gegevens
    verkrijgen wij van de Kamer van Koophandel.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat gegevens die van een ander dan de betrokkene komen — contactpersonen die een klant
    aanlevert, werknemers van een opdrachtgever (gegevens die hun werkgever aanlevert),
    prospects, openbare bronnen en openbare registers (Kadaster, kadastrale gegevens, BRP),
    mediamonitoring, gekochte adresbestanden — hun bron hebben: het veld `bron` in het register, en in een privacyverklaring een zin of
    deel dat zegt waar de gegevens vandaan komen ("Deze gegevens ontvangen wij van uw
    werkgever", "Waar komen uw gegevens vandaan?"). Verwerkingen als verwerker blijven
    buiten beschouwing: de bron is daar de zaak van de verwerkingsverantwoordelijke.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): in een register leest hij `gegevens`,
    `betrokkenen`, `doel`, `omschrijving` en de naam; in een verklaring elke zin. Gegevens over een
    ander die de betrokkene zelf opgeeft (een noodcontact, de ouders van een minderjarig lid,
    referenties) komen voor die ander uit een andere bron.

    ## Waarom
    Art. 14 lid 1 sub d en 14 lid 2 sub f vragen de categorieën van gegevens en "de bron
    waar de persoonsgegevens vandaan komen, en in voorkomend geval, of zij afkomstig zijn
    van openbare bronnen", binnen een maand en uiterlijk bij het eerste contact (art. 14
    lid 3). Het register is de plek waar de bron wordt vastgelegd, zodat de verklaring en
    de informatie van art. 14 haar kunnen noemen.

    ## Voorbeeld

    ## Beter
    """
    if activity.role != "controller":
        return
    source = activity.get("bron")
    if has_value(source):
        return
    reader = clauses.reader(ctx.vocab)
    for key in _READ_KEYS:
        field = activity.fields.get(key)
        if not has_value(field):
            continue
        match = next(iter(reader.affirmed("indirect_sources", field.text)), None)
        if match is not None:
            supplied_en, supplied_nl = _supplied_by_subject(match)
            yield report(field_span(field, match.start, match.end),
                         f"'{match.text}' ({key}): these data do not come from the data subject{supplied_en}; record "
                         "where they come from in 'bron', so that the statement can tell them (Art. 14(1)(d), 14(2)(f)).",
                         f"'{match.text}' ({key}): deze gegevens komen niet van de betrokkene zelf{supplied_nl}; leg in "
                         "'bron' vast waar ze vandaan komen, zodat de verklaring dat kan vermelden (art. 14 lid 1 sub d, "
                         "14 lid 2 sub f).", field=key)
            return
    if activity.name:
        match = next(iter(reader.affirmed("indirect_sources", activity.name)), None)
        if match is not None:
            yield report(activity.name_span,
                         f"'{match.text}': these data do not come from the data subject; record where they come from in "
                         "'bron' (Art. 14(1)(d), 14(2)(f)).",
                         f"'{match.text}': deze gegevens komen niet van de betrokkene zelf; leg in 'bron' vast waar ze "
                         "vandaan komen (art. 14 lid 1 sub d, 14 lid 2 sub f).")


def _supplied_by_subject(match) -> tuple[str, str]:
    """What to add when the data are about another person the data subject names (an emergency contact)."""
    if match.entry.get("id") != "via_betrokkene":
        return "", ""
    return (" (the person they are about did not give them: someone else, such as a member, did)",
            " (de persoon over wie ze gaan gaf ze niet zelf: iemand anders, zoals een lid, deed dat)")


@statement_check(source_missing)
def statement_source_missing(statement: Statement, ctx):
    reading = statement_reading(statement, ctx.vocab)
    if _source_stated(reading):
        return
    found = [(sentence, match) for sentence, match in reading.matches("indirect_sources")
             if reading.signal(sentence, match)]
    # a sentence that says the data are processed before a heading that only announces them
    found.sort(key=lambda pair: pair[0].block.kind in ("heading", "title"))
    for sentence, match in found:
        yield report(sentence.span_of(match.start, match.end),
                     f"'{match.text}': these data do not come from the data subjects themselves, but the statement never "
                     "says where they come from: name the source, e.g. 'Deze gegevens ontvangen wij van uw werkgever' "
                     "(Art. 14(1)(d), 14(2)(f)).",
                     f"'{match.text}': deze gegevens komen niet van de betrokkenen zelf, maar de verklaring zegt nergens "
                     "waar ze vandaan komen: noem de bron, bijvoorbeeld 'Deze gegevens ontvangen wij van uw werkgever' "
                     "(art. 14 lid 1 sub d, 14 lid 2 sub f).")
        return
