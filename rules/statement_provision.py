"""Privacy statements (AVG911): whether the data must be provided, and automated decisions (Art. 13(2)(e), (f))."""

from __future__ import annotations

from avglint.registry import report, rule
from avglint.statement import Statement

from ._statement_reading import statement_reading, where_missing

# ---------------------------------------------------------------------------------------------
# AVG911 provision and automated decisions


@rule(id="AVG911", slug="verklaring-verstrekkingsplicht-adm", severity="note", scope="statement",
      articles=("13(2)(e)", "13(2)(f)", "14(2)(g)"),
      title=("The privacy statement does not say whether data must be provided, or leaves out automated decisions.",
             "De privacyverklaring zegt niet of gegevens verplicht zijn, of zwijgt over geautomatiseerde besluiten."))
def provision_and_adm(statement: Statement, ctx):
    """
    ## What it checks
    That the statement says whether providing the data is a statutory or contractual
    requirement (or voluntary) and what happens if the data are not provided ("Indien u
    deze gegevens niet verstrekt, kunnen wij geen overeenkomst met u sluiten"), and, where
    it mentions profiling, whether automated decisions with legal or similarly significant
    effect are taken. A note: whether these items apply depends on facts the statement may
    not show.

    ## Kind
    A *substantive defect* rule (see [the open world](../rule-writing.md#the-open-world)): it reads
    every sentence of the statement — headings, paragraphs, list items and the items nested in them,
    table rows — not a fixed section, and wording the clause reader finds negated does not count.

    ## Why
    Art. 13(2)(e) requires "whether the provision of personal data is a statutory or
    contractual requirement, or a requirement necessary to enter into a contract, as well
    as whether the data subject is obliged to provide the personal data and of the possible
    consequences of failure to provide such data"; Art. 13(2)(f) and 14(2)(g) the existence
    of automated decision-making, including profiling, with meaningful information about
    the logic involved.

    ## Example
    ```markdown
    # Privacyverklaring

    Wij gebruiken uw naam en adres om uw bestelling te leveren.
    ```

    ## Use instead
    ```markdown
    # Privacyverklaring

    Wij gebruiken uw naam en adres om uw bestelling te leveren. Indien u deze gegevens niet
    verstrekt, kunnen wij uw bestelling niet leveren.
    ```
    <!-- nl -->
    ## Wat het controleert
    Dat de verklaring zegt of het verstrekken van de gegevens een wettelijke of
    contractuele verplichting is (of vrijwillig) en wat er gebeurt als de gegevens niet
    worden verstrekt ("Indien u deze gegevens niet verstrekt, kunnen wij geen overeenkomst
    met u sluiten"), en, waar profilering genoemd wordt, of er geautomatiseerde besluiten
    met rechtsgevolgen of vergelijkbare gevolgen worden genomen. Een opmerking: of deze
    punten gelden, hangt af van feiten die de verklaring niet altijd laat zien.

    ## Soort
    Een regel over *een inhoudelijk gebrek* (zie [de open
    wereld](../../rule-writing.md#the-open-world)): hij leest elke zin van de verklaring — koppen,
    alinea's, opsommingen en de punten daarbinnen, tabelrijen — niet één vaste paragraaf, en tekst
    die de zinslezer ontkend vindt, telt niet mee.

    ## Waarom
    Art. 13 lid 2 sub e vraagt "of de verstrekking van persoonsgegevens een wettelijke of
    contractuele verplichting is dan wel een noodzakelijke voorwaarde om een overeenkomst
    te sluiten, en of de betrokkene verplicht is de persoonsgegevens te verstrekken en wat
    de mogelijke gevolgen zijn wanneer deze gegevens niet worden verstrekt"; art. 13 lid 2
    sub f en 14 lid 2 sub g het bestaan van geautomatiseerde besluitvorming, met inbegrip
    van profilering, met nuttige informatie over de onderliggende logica.

    ## Voorbeeld

    ## Beter
    """
    if statement_reading(statement, ctx.vocab).processes_nothing:
        return  # nothing is collected: nothing to inform about
    reading = statement_reading(statement, ctx.vocab)
    consequence = reading.first("statement_elements", ids={"verstrekking_gevolg"})
    requirement = reading.first("statement_elements", ids={"verstrekkingsplicht"})
    if consequence is None:
        if requirement is None:
            yield report(where_missing(statement),
                         "The statement does not say whether data subjects must provide their data and what happens if "
                         "they do not: add it, e.g. 'Indien u deze gegevens niet verstrekt, kunnen wij geen overeenkomst "
                         "met u sluiten' (Art. 13(2)(e)).",
                         "De verklaring zegt niet of betrokkenen hun gegevens moeten verstrekken en wat er gebeurt als "
                         "zij dat niet doen: vermeld het, bijvoorbeeld 'Indien u deze gegevens niet verstrekt, kunnen "
                         "wij geen overeenkomst met u sluiten' (art. 13 lid 2 sub e).")
        elif any(c.valid and c.letter in ("b", "c") for c in reading.claims):
            sentence, match = requirement
            yield report(sentence.span,
                         "The statement says when data need not be provided, but not for the purposes on a contract or "
                         "a legal obligation: say which data are required there and what happens if they are not "
                         "provided (Art. 13(2)(e)).",
                         "De verklaring zegt wanneer gegevens niet nodig zijn, maar niet voor de doelen op grond van een "
                         "overeenkomst of wettelijke verplichting: zeg welke gegevens daar verplicht zijn en wat er "
                         "gebeurt als ze niet worden verstrekt (art. 13 lid 2 sub e).")
    profiling = reading.first("statement_elements", ids={"profilering"})
    if profiling is not None and reading.first("statement_elements", ids={"adm"}) is None:
        sentence, match = profiling
        if not reading.negated(sentence, match.start, match.end):
            yield report(sentence.span_of(match.start, match.end),
                         f"'{match.text}' is mentioned without saying whether automated decisions with legal or "
                         "similarly significant effect are taken: say so, and if they are, explain the logic and its "
                         "consequences (Art. 13(2)(f), 22).",
                         f"'{match.text}' wordt genoemd zonder te zeggen of er geautomatiseerde besluiten met "
                         "rechtsgevolgen of vergelijkbare gevolgen worden genomen: vermeld het, en zo ja, de "
                         "onderliggende logica en de gevolgen (art. 13 lid 2 sub f, 22).")
