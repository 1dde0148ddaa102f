"""avglint import: XLSX, CSV, HTML and Markdown tables -> faithful .avg files.

Fixtures are made here: workbooks written with openpyxl, CSVs in each encoding and
separator, HTML and Markdown documents; the seeds 000 and 002 are imported as they are.
"""

from __future__ import annotations

import collections
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from avglint.commands import import_command
from avglint.engine import Config, lint
from avglint.fmt import format_text
from avglint.importer import ImportProblem, Options, import_file, parse_mapping
from avglint.importer.cells import Cell, items_of
from avglint.importer.headings import vocabulary
from avglint.parser import parse
from avglint.source import SourceFile
from avglint.vocab import load
from conftest import seed

ROOT = Path(__file__).resolve().parent.parent
STRUCTURAL = ["AVG001", "AVG002", "AVG003", "AVG004", "AVG005", "AVG006"]


def structural(text: str) -> list:
    result = lint([("imported.avg", text.encode("utf-8"))], Config(select=STRUCTURAL))
    return [(f.rule, f.span.line, f.message.en) for f in result.findings]


def activities(text: str) -> list[tuple]:
    """(group path, name, {key: items}) of every activity: the model, item for item."""
    result = parse(SourceFile("t.avg", text))
    found = []
    for top in result.blocks:
        for block in top.walk():
            if block.kind == "verwerking":
                found.append((block.group_path, block.name, {k: f.values for k, f in block.fields.items()}))
    return found


def findings(text: str, path: str, select=("AVG0", "AVG1", "AVG2")) -> collections.Counter:
    result = lint([(path, text.encode("utf-8"))], Config(select=list(select)))
    return collections.Counter((f.rule, f.activity.qualified_name if f.activity else None) for f in result.findings)


def imported(name: str, data: bytes, **options) -> str:
    result = import_file(name, data, options=Options(**options))
    assert structural(result.text) == []
    assert format_text(result.text) == result.text  # already in the canonical layout
    return result.text


# -- the seeds, as they are --------------------------------------------------------------------

def test_seed_000_gives_the_hand_transcription_item_for_item():
    path = seed("000")
    text = imported(path.name, path.read_bytes(), organisation="Stedin")
    example = (ROOT / "examples" / "stedin-social-media.avg").read_text(encoding="utf-8")
    assert activities(text) == activities(example)
    assert findings(text, "imported.avg") == findings(example, "stedin-social-media.avg")
    assert "Gerechtigd belang (artikel 6.1.f AVG)" in text  # the typo stays: AVG202 still finds it
    assert "Laatste wijzigingsdatum: 28 mei 2024" in text     # text outside the table: a comment


def test_seed_002_html_cells_give_the_hand_transcription_but_for_the_transcribers_own_reading():
    path = seed("002")
    text = imported(path.name, path.read_bytes(), organisation="Telecom Service Leek B.V.", role="verwerker")
    example = (ROOT / "examples" / "telecom-service-leek.avg").read_text(encoding="utf-8")
    ours, theirs = activities(text), activities(example)
    assert [a[:2] for a in ours] == [a[:2] for a in theirs]
    differences = []
    for (_, name, mine), (_, _, hand) in zip(ours, theirs):
        for key in sorted(set(mine) | set(hand)):
            if mine.get(key) != hand.get(key):
                differences.append((name, key, mine.get(key), hand.get(key)))
    # The two differences are choices of the transcriber, not of the document:
    # - 'rol: verwerkingsverantwoordelijke' on "Algemeen" is the transcriber's reading (examples/…: "Die rol
    #   staat niet in het document");
    # - the transcriber split one "Systemen:" line at its comma; a comma is no list separator for the importer.
    assert differences == [
        ("Algemeen", "rol", None, ["verwerkingsverantwoordelijke"]),
        ("Service- en onderhoudswerkzaamheden aan telefoniesystemen en (IP) netwerken", "systemen",
         ["logsystemen in telefooncentrales, incidenteel toegepaste diagnose-systemen"],
         ["logsystemen in telefooncentrales", "incidenteel toegepaste diagnose-systemen"]),
    ]
    mine, hand = findings(text, "imported.avg"), findings(example, "telecom-service-leek.avg")
    delta = {key: mine[key] - hand[key] for key in set(mine) | set(hand) if mine[key] != hand[key]}
    # Only the activity the transcriber gave 'rol: verwerkingsverantwoordelijke' differs: imported, it is a
    # processor activity (AVG110: no controller named), not a controller's (AVG104 no data subjects,
    # AVG206 a processor agreement as basis).
    assert delta == {("AVG110", "Algemeen"): 1, ("AVG104", "Algemeen"): -1, ("AVG206", "Algemeen"): -1}


def test_seed_001_is_no_table_and_the_importer_says_so():
    path = seed("001")
    with pytest.raises(ImportProblem, match="PDF"):
        import_file(path.name, path.read_bytes())
    result = CliRunner().invoke(import_command, [str(path)])
    assert result.exit_code == 2 and "no table with register headings" in result.output


# -- XLSX -----------------------------------------------------------------------------------------

openpyxl = pytest.importorskip("openpyxl")


def workbook(build) -> bytes:
    book = openpyxl.Workbook()
    build(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def register_sheet(book):
    intro = book.active
    intro.title = "Toelichting"
    intro["A1"] = "Dit werkboek bevat het register op het tweede blad."
    ws = book.create_sheet("Register")
    ws["A1"] = "Verwerkingsregister Gemeente Voorbeeld"
    ws.merge_cells("A1:G1")
    ws["A2"] = "Versie 3"
    for column, heading in enumerate(["Nr.", "Naam verwerking", "Doel(en)", "Categorieën persoonsgegevens",
                                      "Grondslag", "Bewaartermijn", "Opmerkingen"], 1):
        ws.cell(row=3, column=column, value=heading)
    rows = [
        ["Personeelszaken"],                                                                   # 4: group, merged
        [1.1, "Salarisadministratie", "Uitbetalen van salaris", "naam\nadres\nBSN; IBAN",
         "Wettelijke verplichting", "7 jaar (fiscale bewaarplicht)", "zie ook HR-beleid"],   # 5
        [1.2, "Verzuimregistratie", "Begeleiden van zieke medewerkers", "• naam\n• verzuimdagen",
         "Gerechtigd belang", "2 jaar na herstel"],                                          # 6: name merged 6-7
        [None, None, None, "• datum herstelmelding"],                                          # 7
        ["Communicatie"],                                                                      # 8: group, unmerged
        [2, "Nieuwsbrief", "Versturen van de nieuwsbrief", "e-mailadres", "Toestemming", "tot afmelding"],  # 9
        [3, "Webformulier", "Beantwoorden van vragen", "naam, e-mailadres", None, "1 jaar"],  # 10: basis merged
    ]
    for r, row in enumerate(rows, 4):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    ws.merge_cells("A4:G4")
    ws.merge_cells("B6:B7")
    ws.merge_cells("E9:E10")


def test_xlsx_header_on_row_3_merged_cells_multiline_cells_and_sheet_choice():
    data = workbook(register_sheet)
    result = import_file("register.xlsx", data)
    text = result.text
    assert structural(text) == []
    assert activities(text) == [
        (("Personeelszaken",), "Salarisadministratie",
         {"id": ["1.1"], "doel": ["Uitbetalen van salaris"], "gegevens": ["naam", "adres", "BSN", "IBAN"],
          "grondslag": ["Wettelijke verplichting"], "bewaartermijn": ["7 jaar (fiscale bewaarplicht)"]}),
        (("Personeelszaken",), "Verzuimregistratie",
         {"id": ["1.2"], "doel": ["Begeleiden van zieke medewerkers"],
          "gegevens": ["naam", "verzuimdagen", "datum herstelmelding"], "grondslag": ["Gerechtigd belang"],
          "bewaartermijn": ["2 jaar na herstel"]}),
        (("Communicatie",), "Nieuwsbrief",
         {"id": ["2"], "doel": ["Versturen van de nieuwsbrief"], "gegevens": ["e-mailadres"],
          "grondslag": ["Toestemming"], "bewaartermijn": ["tot afmelding"]}),
        (("Communicatie",), "Webformulier",  # the merged basis holds for both rows
         {"id": ["3"], "doel": ["Beantwoorden van vragen"], "gegevens": ["naam, e-mailadres"],
          "grondslag": ["Toestemming"], "bewaartermijn": ["1 jaar"]}),
    ]
    assert "# Opmerkingen: zie ook HR-beleid" in text              # an unmapped column: kept, said so
    assert '"Opmerkingen" -> no field: kept as comments' in text
    assert "Verwerkingsregister Gemeente Voorbeeld" in text        # title rows: comments
    assert [table.where for table, _ in result.stats.tables] == ["sheet 'Register'"]
    assert text.startswith("# Imported by 'avglint import' from register.xlsx (XLSX; sheet 'Register').")
    assert findings(text, "r.avg")[("AVG202", "Personeelszaken / Verzuimregistratie")] == 1


def test_xlsx_sheet_option_and_errors():
    data = workbook(register_sheet)
    for sheet in ("register", "2"):
        assert [t.where for t, _ in import_file("r.xlsx", data, sheet=sheet).stats.tables] == ["sheet 'Register'"]
    with pytest.raises(ImportProblem, match="no sheet 'Blad9'.*Toelichting, Register"):
        import_file("r.xlsx", data, sheet="Blad9")
    with pytest.raises(ImportProblem, match="no column holds the name"):
        import_file("r.xlsx", data, sheet="Register", options=Options(mapping=parse_mapping(["Naam verwerking=doel"])))
    empty = workbook(lambda book: book.active.cell(row=1, column=1, value="niets"))
    with pytest.raises(ImportProblem, match="no sheet looks like a register"):
        import_file("r.xlsx", empty)


def test_xlsx_numbers_dates_and_english_headings():
    import datetime

    def build(book):
        ws = book.active
        ws.append(["Processing activity", "Purpose(s)", "Lawful basis", "Retention period", "DPIA", "Last review"])
        ws.append(["Payroll", "Paying salaries", "Legal obligation", 7, "no", datetime.datetime(2024, 5, 28)])

    text = import_file("r.xlsx", workbook(build)).text
    assert activities(text) == [((), "Payroll", {"doel": ["Paying salaries"], "grondslag": ["Legal obligation"],
                                                 "bewaartermijn": ["7"], "dpia": ["no"]})]
    assert "# Last review: 2024-05-28" in text


# -- CSV -------------------------------------------------------------------------------------------

CSV_ROWS = [
    ["Naam verwerking", "Doel", "Categorie betrokkenen", "Persoonsgegevens", "Wettelijke grondslag", "Bewaartermijn"],
    ["Ledenadministratie", "Bijhouden van het ledenbestand", "leden", "naam\nadres\ngeboortedatum",
     "Uitvoering overeenkomst", "2 jaar na opzegging"],
    ["Café-pasjes", "Toegang tot het clubhuis", "leden; donateurs", "naam; pasnummer", "Gerechtigd belang",
     "1 jaar"],
]
CSV_EXPECTED = [
    ((), "Ledenadministratie", {"doel": ["Bijhouden van het ledenbestand"], "betrokkenen": ["leden"],
                                "gegevens": ["naam", "adres", "geboortedatum"],
                                "grondslag": ["Uitvoering overeenkomst"], "bewaartermijn": ["2 jaar na opzegging"]}),
    ((), "Café-pasjes", {"doel": ["Toegang tot het clubhuis"], "betrokkenen": ["leden", "donateurs"],
                         "gegevens": ["naam", "pasnummer"], "grondslag": ["Gerechtigd belang"],
                         "bewaartermijn": ["1 jaar"]}),
]


def csv_bytes(delimiter: str, encoding: str, newline: str = "\r\n") -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerows(CSV_ROWS)
    return buffer.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding, shown", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"),
                                             ("cp1252", "cp1252 (Windows)")])
@pytest.mark.parametrize("delimiter, name", [(";", "';'"), (",", "','"), ("\t", "tab"), ("|", "'|'")])
def test_csv_in_every_encoding_and_delimiter(encoding, shown, delimiter, name):
    result = import_file("leden.csv", csv_bytes(delimiter, encoding))
    assert result.document.details == f"{shown}, {name}-separated"
    assert structural(result.text) == []
    assert activities(result.text) == CSV_EXPECTED


def test_csv_as_dutch_excel_writes_it():
    """Excel (nl-NL) writes ';'-separated cp1252 with CRLF and quotes cells with line breaks or ';'."""
    data = ('Verwerking;Doeleinden;Categorieën persoonsgegevens;Grondslag\r\n'
            'Sollicitaties;Werving;"naam\r\ncv; motivatie";Gerechtvaardigd belang\r\n').encode("cp1252")
    text = imported("export.csv", data)
    assert activities(text) == [((), "Sollicitaties", {"doel": ["Werving"], "gegevens": ["naam", "cv", "motivatie"],
                                                       "grondslag": ["Gerechtvaardigd belang"]})]


def test_cells_beyond_the_header_are_kept():
    text = imported("x.csv", b"Naam verwerking;Doel;Persoonsgegevens\nA;x;naam; pasnummer\n")
    assert "# kolom D: pasnummer" in text


def test_delimiter_and_encoding_options():
    data = "Verwerking;Doel\nA;één\n".encode("latin-1")
    result = import_file("x.csv", data, encoding="latin-1", delimiter=";")
    assert activities(result.text) == [((), "A", {"doel": ["één"]})]


# -- HTML and Markdown ------------------------------------------------------------------------------

HTML = b"""<!DOCTYPE html><html><head><title>Register</title></head><body>
<nav><table><tr><td>Home</td><td>Contact</td></tr></table></nav>
<h2>Klantenservice</h2>
<table>
<thead><tr><th>Verwerking</th><th>Doeleinden</th><th>Categorie&euml;n persoonsgegevens</th><th>Grondslag</th>
<th>Bewaartermijn</th></tr></thead>
<tbody>
<tr><td colspan="5"><b>Contact</b></td></tr>
<tr><td>Klachten</td><td><p>Afhandelen van klachten</p></td>
<td><ul><li>Naam</li><li>E-mailadres</li><li>Inhoud &amp; bijlagen</li></ul></td>
<td rowspan="2">Gerechtvaardigd belang</td><td>2 jaar na afhandeling</td></tr>
<tr><td>Terugbelverzoek</td><td>Terugbellen</td><td>Naam<br>Telefoonnummer</td><td>1 maand</td></tr>
</tbody></table>
<h2>Personeel</h2>
<table>
<tr><th>Naam verwerking</th><th>Doel</th><th>Grondslag</th><th>Notities</th></tr>
<tr><td>Salaris</td><td>Betalen</td><td>Wettelijke verplichting</td><td>zie <i>HR</i></td></tr>
</table>
</body></html>"""


def test_html_every_register_table_with_its_heading_as_groep():
    result = import_file("register.html", HTML)
    assert structural(result.text) == []
    assert activities(result.text) == [
        (("Klantenservice", "Contact"), "Klachten",
         {"doel": ["Afhandelen van klachten"], "gegevens": ["Naam", "E-mailadres", "Inhoud & bijlagen"],
          "grondslag": ["Gerechtvaardigd belang"], "bewaartermijn": ["2 jaar na afhandeling"]}),
        (("Klantenservice", "Contact"), "Terugbelverzoek",
         {"doel": ["Terugbellen"], "gegevens": ["Naam", "Telefoonnummer"], "grondslag": ["Gerechtvaardigd belang"],
          "bewaartermijn": ["1 maand"]}),
        (("Personeel",), "Salaris", {"doel": ["Betalen"], "grondslag": ["Wettelijke verplichting"]}),
    ]
    assert "# Notities: zie HR" in result.text
    assert [s.text("en") for s in result.document.skipped] == ["table 1 (line 2): no register headings"]


MARKDOWN = """# Register

## Marketing

| Verwerking | Doel | Gegevens | Grondslag |
|---|---|---|---|
| Nieuwsbrief | Nieuws sturen | naam<br>e-mailadres | Toestemming |
| Enquête | Onderzoek \\| analyse | • naam • antwoorden | Gerechtigd belang |

| a | b |
|---|---|
| 1 | 2 |
"""


def test_markdown_tables():
    result = import_file("register.md", MARKDOWN.encode())
    assert structural(result.text) == []
    assert activities(result.text) == [
        (("Marketing",), "Nieuwsbrief", {"doel": ["Nieuws sturen"], "gegevens": ["naam", "e-mailadres"],
                                         "grondslag": ["Toestemming"]}),
        (("Marketing",), "Enquête", {"doel": ["Onderzoek | analyse"], "gegevens": ["naam", "antwoorden"],
                                     "grondslag": ["Gerechtigd belang"]}),
    ]


# -- nothing is left out without a word --------------------------------------------------------------

def two_registers(book):
    """A workbook as a municipality keeps it: one register sheet per domain, an explanation, a list."""
    intro = book.active
    intro.title = "Toelichting"
    intro["A1"] = "Elk domein heeft zijn eigen blad."
    for title, rows in (("Burgerzaken", [["Paspoorten", "Reisdocumenten verstrekken", "Wettelijke verplichting"],
                                         ["Rijbewijzen", "Rijbewijzen verstrekken", "Wettelijke verplichting"]]),
                        ("Sociaal domein", [["Bijstand", "Uitkering verstrekken", "Wettelijke verplichting"]])):
        ws = book.create_sheet(title)
        ws.append(["Verwerking", "Doel", "Grondslag"])
        for row in rows:
            ws.append(row)
    book.create_sheet("Leeg")
    hidden = book.create_sheet("Oud")
    hidden.append(["Verwerking", "Doel", "Grondslag"])
    hidden.append(["Archief", "Bewaren", "Wettelijke verplichting"])
    hidden.sheet_state = "hidden"


def test_every_register_sheet_is_imported_as_a_groep_and_the_others_are_named(tmp_path):
    data = workbook(two_registers)
    result = import_file("r.xlsx", data)
    assert structural(result.text) == []
    assert [(path, name) for path, name, _ in activities(result.text)] == [
        (("Burgerzaken",), "Paspoorten"), (("Burgerzaken",), "Rijbewijzen"), (("Sociaal domein",), "Bijstand")]
    assert [s.text("en") for s in result.document.skipped] == [
        "sheet 'Toelichting': no header row of register headings", "sheet 'Leeg': empty",
        "sheet 'Oud': hidden; import it with --sheet 'Oud'"]
    source = tmp_path / "r.xlsx"
    source.write_bytes(data)
    command = CliRunner().invoke(import_command, [str(source), "-q"])  # said even with --quiet
    assert command.exit_code == 0
    assert command.stderr.splitlines() == [f"avglint: warning: not imported: {skipped.text('en')}"
                                           for skipped in result.document.skipped]
    summary = CliRunner().invoke(import_command, [str(source)]).stderr
    assert "Imported 3 activities in 2 groups" in summary
    assert "  sheet 'Burgerzaken':\n    \"Verwerking\" -> naam" in summary
    assert "  sheet 'Sociaal domein':\n    \"Verwerking\" -> naam" in summary
    dutch = CliRunner().invoke(import_command, [str(source), "-q", "--lang", "nl"])
    assert "avglint: waarschuwing: niet geïmporteerd: sheet 'Oud': verborgen; importeer het met --sheet 'Oud'" \
        in dutch.stderr.splitlines()
    assert "# Niet geïmporteerd: sheet 'Toelichting': geen kopregel met koppen van een register;" in dutch.stdout


def test_sheet_option_imports_one_sheet_without_a_groep_and_a_hidden_register_alone_is_imported():
    data = workbook(two_registers)
    assert [(path, name) for path, name, _ in activities(import_file("r.xlsx", data, sheet="Sociaal domein").text)] \
        == [((), "Bijstand")]
    assert [name for _, name, _ in activities(import_file("r.xlsx", data, sheet="Oud").text)] == ["Archief"]

    def only_hidden(book):
        two_registers(book)
        for title in ("Burgerzaken", "Sociaal domein"):
            del book[title]

    result = import_file("r.xlsx", workbook(only_hidden))
    assert [(path, name) for path, name, _ in activities(result.text)] == [((), "Archief")]


def test_a_formula_without_a_saved_result_and_cell_notes_are_named():
    from openpyxl.comments import Comment

    def build(book):
        ws = book.active
        ws.append(["Verwerking", "Doel", "Grondslag"])
        ws.append(["Salaris", "=B3", "Wettelijke verplichting"])
        ws["C2"].comment = Comment("Nagaan bij juridische zaken", "FG")

    result = import_file("r.xlsx", workbook(build))
    assert [s.text("en") for s in result.document.skipped] == [
        "sheet 'Sheet', cells B2: a formula whose result was never saved: open the workbook in a spreadsheet "
        "program, save it and import again",
        "sheet 'Sheet', cells C2: cell notes, which are not imported"]


@pytest.mark.parametrize("name", ["register.csv", "register.tsv"])
def test_a_title_above_a_spreadsheet_export_is_a_comment_not_a_groep(name):
    data = ("Verwerkingsregister Vereniging De Kleine Club\nVersie 2024\n\n" +
            "Naam verwerking;Doel;Grondslag\nLedenadministratie;Bijhouden van leden;Overeenkomst\n")
    if name.endswith(".tsv"):
        data = data.replace(";", "\t")
    text = imported(name, data.encode())
    assert activities(text) == [((), "Ledenadministratie", {"doel": ["Bijhouden van leden"],
                                                            "grondslag": ["Overeenkomst"]})]
    assert "#   Verwerkingsregister Vereniging De Kleine Club\n#   Versie 2024\n" in text


def test_lines_that_tell_tables_of_an_export_apart_are_groeps():
    data = ("Verwerkingsregister\nBurgerzaken\nVerwerking;Doel\nPaspoorten;Reisdocumenten\n\n"
            "Sociaal domein\nVerwerking;Doel\nBijstand;Uitkering\n").encode()
    text = imported("r.csv", data)
    assert [(path, name) for path, name, _ in activities(text)] == [
        (("Burgerzaken",), "Paspoorten"), (("Sociaal domein",), "Bijstand")]
    assert "#   Verwerkingsregister\n" in text


def test_a_line_without_separators_between_rows_is_a_row_of_the_table():
    data = ("Verwerking;Doel;Grondslag\nLeden\nLedenlijst;Bijhouden;Overeenkomst\n\n"
            "Bestuur\nNotulen;Vastleggen;Gerechtvaardigd belang\nOnderaan: versie 3\n").encode()
    text = imported("r.csv", data)
    assert [(path, name) for path, name, _ in activities(text)] == [
        (("Leden",), "Ledenlijst"), (("Bestuur",), "Notulen")]
    assert "#   Onderaan: versie 3" in text


def test_rows_after_blank_rows_and_columns_without_a_heading_are_kept():
    def build(book):
        ws = book.active
        ws.append(["Verwerking", "Doel", None, "Grondslag"])
        ws.append(["A", "x", "losse notitie", "Toestemming"])
        ws.append([])
        ws.append([])
        ws.append(["B", "y", None, "Overeenkomst"])

    text = import_file("r.xlsx", workbook(build)).text
    assert [name for _, name, _ in activities(text)] == ["A", "B"]
    assert "# kolom C: losse notitie" in text
    text = imported("r.csv", b"Verwerking;Doel;;Grondslag\nA;x;losse notitie;Toestemming\n;;;\n\nB;y;;Overeenkomst\n")
    assert [name for _, name, _ in activities(text)] == ["A", "B"]
    assert "# kolom C: losse notitie" in text


def test_a_second_table_below_an_empty_row_is_read_by_its_own_headings():
    def build(book):
        ws = book.active
        ws.append(["Verwerking", "Doel"])
        ws.append(["A", "x"])
        ws.append([])
        ws.append(["Naam verwerking", "Grondslag", "Bewaartermijn"])
        ws.append(["B", "Toestemming", "1 jaar"])

    result = import_file("r.xlsx", workbook(build))
    assert activities(result.text) == [((), "A", {"doel": ["x"]}),
                                       ((), "B", {"grondslag": ["Toestemming"], "bewaartermijn": ["1 jaar"]})]
    assert [table.where for table, _ in result.stats.tables] == ["sheet 'Sheet', rows 1-3", "sheet 'Sheet', rows 4-5"]
    text = imported("r.csv", b"Verwerking;Doel\nA;x\n\nNaam verwerking;Grondslag\nB;Toestemming\n")
    assert activities(text) == [((), "A", {"doel": ["x"]}), ((), "B", {"grondslag": ["Toestemming"]})]
    assert "(UTF-8, ';'-separated; lines 1-3; lines 4-5)" in text


def test_a_heading_merged_over_two_columns_keeps_both_columns():
    def build(book):
        ws = book.active
        ws.append(["Verwerking", "Persoonsgegevens", None, "Grondslag"])
        ws.merge_cells("B1:C1")
        ws.append(["A", "naam", "adres", "Toestemming"])

    text = import_file("r.xlsx", workbook(build)).text
    assert activities(text) == [((), "A", {"gegevens": ["naam"], "grondslag": ["Toestemming"]})]
    assert "# kolom C: adres" in text


def test_a_groep_cell_of_two_lines_keeps_both():
    def build(book):
        ws = book.active
        ws.append(["Domein", "Verwerking", "Doel"])
        ws.append(["Personeel\n(HR)", "Salaris", "Betalen"])

    assert activities(import_file("r.xlsx", workbook(build)).text)[0][0] == ("Personeel (HR)",)


HTML_TITLED = b"""<html><body><header><p>Gemeente Voorbeeld</p><nav><ul><li>Home</li></ul></nav></header>
<h1>Verwerkingsregister</h1>
<p>Dit register is vastgesteld op 1 mei 2024.</p>
<table><tr><th>Verwerking</th><th>Doel</th><th>Grondslag</th></tr>
<tr><td>Paspoorten</td><td>Reisdocumenten</td><td>Wettelijke verplichting</td></tr></table>
<table><tr><td>Telefoon</td><td>14 010</td></tr></table>
<p>Vragen? Bel ons.</p>
<footer><p>Privacy | Cookies</p></footer>
</body></html>"""


def test_an_html_title_and_text_around_the_table_are_comments_not_groeps():
    result = import_file("r.html", HTML_TITLED)
    assert [(path, name) for path, name, _ in activities(result.text)] == [((), "Paspoorten")]
    comments = result.text.split("\n\n", 1)[0]
    for kept in ("Verwerkingsregister", "Dit register is vastgesteld op 1 mei 2024.", "Vragen? Bel ons."):
        assert f"#   {kept}\n" in comments
    assert "Gemeente Voorbeeld" not in comments and "Cookies" not in comments  # the page's frame and menus
    assert [s.text("en") for s in result.document.skipped] == ["table 2 (line 6): no register headings"]


def test_a_caption_names_a_groep_only_among_several_tables():
    table = ("<table><caption>{caption}</caption><tr><th>Verwerking</th><th>Doel</th></tr>"
             "<tr><td>{name}</td><td>x</td></tr></table>")
    lone = import_file("r.html", table.format(caption="Register 2024", name="A").encode()).text
    assert activities(lone) == [((), "A", {"doel": ["x"]})] and "#   Register 2024\n" in lone
    both = (table.format(caption="Burgerzaken", name="A") + table.format(caption="Zorg", name="B")).encode()
    assert [(path, name) for path, name, _ in activities(import_file("r.html", both).text)] == [
        (("Burgerzaken",), "A"), (("Zorg",), "B")]


def test_markdown_text_around_the_tables_is_kept_and_sections_are_groeps():
    data = ("# Register\n\nVastgesteld op 1 mei.\n\n## Burgerzaken\n\n| Verwerking | Doel |\n|---|---|\n"
            "| Paspoorten | Reisdocumenten |\n\n## Sociaal domein\n\n| Verwerking | Doel |\n|---|---|\n"
            "| Bijstand | Uitkering |\n\nLaatst gewijzigd: mei.\n").encode()
    text = imported("r.md", data)
    assert [(path, name) for path, name, _ in activities(text)] == [
        (("Burgerzaken",), "Paspoorten"), (("Sociaal domein",), "Bijstand")]
    for kept in ("Register", "Vastgesteld op 1 mei.", "Laatst gewijzigd: mei."):
        assert f"#   {kept}\n" in text
    lone = imported("r.md", b"# Verwerkingsregister\n\n| Verwerking | Doel |\n|---|---|\n| A | x |\n")
    assert activities(lone) == [((), "A", {"doel": ["x"]})]


# -- cells and headings -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, items", [
    ("naam\nadres", ["naam", "adres"]),
    ("• naam\n• adres", ["naam", "adres"]),
    ("- naam\n- adres", ["naam", "adres"]),
    ("* naam\n* adres", ["naam", "adres"]),
    ("- naam - adres - woonplaats, postcode", ["naam", "adres", "woonplaats, postcode"]),
    ("•Naam •Adres", ["Naam", "Adres"]),
    ("naam; adres;telefoon", ["naam", "adres", "telefoon"]),
    ("naam (voornaam; achternaam)", ["naam (voornaam; achternaam)"]),
    ("-", ["-"]),
    ("bedrijfs- of productbeslissingen", ["bedrijfs- of productbeslissingen"]),
    ("Gerechtigd belang – het mogelijk maken", ["Gerechtigd belang – het mogelijk maken"]),
    ("<ul><li>•Naam</li><li>•Adres</li></ul><p>Daarnaast: meer</p>", ["Naam", "Adres", "Daarnaast: meer"]),
    ("  ", []),
])
def test_lists_in_a_cell_become_items_and_the_wording_stays(text, items):
    assert items_of(Cell.from_text(text).paras) == items


@pytest.mark.parametrize("heading, target", [
    ("Verwerking", "naam"), ("Naam verwerking", "naam"), ("Dienst", "naam"), ("Processing activity", "naam"),
    ("Doel(en)", "doel"), ("Doeleinde", "doel"), ("Omschrijving / Doeleinden", "doel"), ("Purposes", "doel"),
    ("Categorie betrokkenen", "betrokkenen"), ("Categorieën persoonsgegevens", "gegevens"),
    ("Type persoonsgegevens", "gegevens"), ("Bijzondere persoonsgegevens", "bijzondere gegevens"),
    ("Bijzondere categorieën van persoonsgegevens", "bijzondere gegevens"), ("Grondslag", "grondslag"),
    ("Wettelijke grondslag", "grondslag"), ("Grondslag (art. 6 AVG)", "grondslag"),
    ("Grondslag voor verwerking", "grondslag"), ("Bewaartermijn", "bewaartermijn"), ("Ontvangers", "ontvangers"),
    ("Doorgifte derde landen", "doorgifte"), ("Beveiligingsmaatregelen", "beveiliging"),
    ("Verwerkers", "verwerkers"), ("Betrokken (sub)verwerkers", "verwerkers"), ("Lawful basis", "grondslag"),
    ("Categories of data subjects", "betrokkenen"), ("Retention period", "bewaartermijn"),
    ("Nr.", "id"), ("Omschrijving", "omschrijving"), ("Grondslag bijzondere persoonsgegevens", "uitzondering"),
    ("Termijn waarna gegevens worden vernietigd", "bewaartermijn"),     # by a keyword
    ("Bewaartermijnn", "bewaartermijn"),                                 # a typo in a heading
])
def test_heading_vocabulary(heading, target):
    assert vocabulary().match(heading).target == target


def test_headings_that_are_no_field():
    for heading in ("Opmerkingen", "Laatst gewijzigd", "Status"):
        assert vocabulary().match(heading) is None


# -- options ---------------------------------------------------------------------------------------------

SMALL = b'Verwerking;Doel;Wat;Status\nA;x;"naam\nadres";concept\n'


def test_map_overrides_and_unmapped_columns():
    text = imported("x.csv", SMALL, mapping=parse_mapping(["Wat=gegevens", "status=negeer"]))
    assert activities(text) == [((), "A", {"doel": ["x"], "gegevens": ["naam", "adres"]})]
    assert "concept" not in text.split("\n\n", 1)[1]
    text = imported("x.csv", SMALL)
    assert "# Wat: naam" in text and "#   adres" in text and "# Status: concept" in text
    text = imported("x.csv", SMALL, unmapped="omschrijving")
    assert activities(text)[0][2]["omschrijving"] == ["Wat: naam", "Wat: adres", "Status: concept"]
    text = imported("x.csv", SMALL, mapping=parse_mapping(["Wat=commentaar"]))
    assert "# Wat: naam" in text


def test_map_errors():
    with pytest.raises(ImportProblem, match="did you mean 'grondslag'"):
        parse_mapping(["Kolom=grondslg"])
    with pytest.raises(ImportProblem, match="write it as"):
        parse_mapping(["Kolom"])
    with pytest.raises(ImportProblem, match="no column with the heading 'wta'"):
        import_file("x.csv", SMALL, options=Options(mapping=parse_mapping(["Wta=gegevens"])))


def test_quotes_exactly_where_the_language_needs_them():
    data = 'Verwerking;Gegevens\nA, B en "C";"naam, adres\n# geen commentaar\n{x}\nsystemen: CRM\ngewoon"\n'
    text = imported("x.csv", data.encode())
    body = text.split("\n\n", 1)[1]
    assert 'verwerking "A, B en \\"C\\"" {' in body
    assert '- "naam, adres"' in body and '- "# geen commentaar"' in body and '- "{x}"' in body
    assert '- "systemen: CRM"' in body and "- gewoon\n" in body
    assert activities(text) == [((), 'A, B en "C"', {"gegevens": ["naam, adres", "# geen commentaar", "{x}",
                                                                   "systemen: CRM", "gewoon"]})]


def test_name_only_rows_ids_in_names_and_header_row_option():
    data = ("Verwerking;Grondslag\n1.1 Klachten;Gerechtvaardigd belang\n1.2 Vragen;Toestemming\n"
            "Losse rij\n").encode()
    text = imported("x.txt", data)
    assert activities(text) == [((), "Klachten", {"id": ["1.1"], "grondslag": ["Gerechtvaardigd belang"]}),
                                ((), "Vragen", {"id": ["1.2"], "grondslag": ["Toestemming"]})]
    assert "Losse rij" in text
    data = b"Iets;Anders\nWie;Waarom\nA;x\n"
    text = imported("x.csv", data, header_row=2, mapping=parse_mapping(["Wie=naam", "Waarom=doel"]))
    assert activities(text) == [((), "A", {"doel": ["x"]})]


def test_split_commas_option():
    text = imported("x.csv", b'Verwerking;Gegevens\nA;"naam, adres (straat, nummer)"\n', split_commas=True)
    assert activities(text) == [((), "A", {"gegevens": ["naam", "adres (straat, nummer)"]})]
    assert "commas)" in text


def test_organisation_option():
    text = imported("x.csv", SMALL, organisation="Voorbeeld B.V.", role="verwerker")
    assert 'organisatie "Voorbeeld B.V." {\n    rol: verwerker\n}' in text


# -- the command --------------------------------------------------------------------------------------------

def test_command_writes_the_file_and_reports_on_stderr(tmp_path):
    source = tmp_path / "register.csv"
    source.write_bytes(SMALL)
    out = tmp_path / "register.avg"
    runner = CliRunner()
    result = runner.invoke(import_command, [str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Imported by 'avglint import' from register.csv")
    assert "Imported 1 activity in 0 groups" in result.output
    assert '"Wat" -> no field: kept as comments' in result.output
    assert 'warning: column "Wat"' in result.output and '--map "Wat=veld"' in result.output
    assert "Kept as comments: Wat, Status." in result.output
    again = runner.invoke(import_command, [str(source), "-o", str(out)])
    assert again.exit_code == 2 and "exists" in again.output
    assert runner.invoke(import_command, [str(source), "-o", str(out), "--force", "-q"]).exit_code == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_command_to_standard_output_and_dutch(tmp_path):
    source = tmp_path / "register.csv"
    source.write_bytes(SMALL)
    result = CliRunner().invoke(import_command, [str(source), "--lang", "nl", "--map", "Wat=gegevens"])
    assert result.exit_code == 0
    assert "verwerking \"A\" {" in result.output
    assert "1 verwerking in 0 groepen geïmporteerd" in result.output
    assert "# Geïmporteerd met 'avglint import'" in result.output


def test_command_errors(tmp_path):
    runner = CliRunner()
    assert runner.invoke(import_command, [str(tmp_path / "nope.csv")]).exit_code == 2
    bad = tmp_path / "x.csv"
    bad.write_bytes(SMALL)
    result = runner.invoke(import_command, [str(bad), "--map", "Wat=onzin"])
    assert result.exit_code == 2 and "not a field" in result.output
    result = runner.invoke(import_command, [str(bad), "--delimiter", ";;"])
    assert result.exit_code == 2


# -- any wording survives -------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CELL_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                           blacklist_characters=";\u00a0\u200b\u2028\u2029\ufeff\u0085"),
                    min_size=1, max_size=40).map(str.strip).filter(
    lambda t: t and t[0] not in "•◦▪‣·○■□●-*–=" and "<" not in t and "_x000D_" not in t)  # "=": a formula


@settings(max_examples=150, deadline=None)
@given(name=CELL_TEXT.filter(lambda t: not re.match(r"\d+(?:\.\d+)*\.?\s", t)),
       # a cell that is a placeholder ("?", "TODO") comes back as written too, and AVG006 rightly reports it
       value=CELL_TEXT.filter(lambda t: load().placeholder(t) is None))
def test_any_cell_text_comes_back_as_written(name, value):
    def build(book):
        ws = book.active
        ws.append(["Verwerking", "Doel", "Grondslag"])
        ws.append([name, value, "Toestemming"])

    text = import_file("r.xlsx", workbook(build)).text
    assert structural(text) == []
    [(_, found_name, fields)] = activities(text)
    assert found_name == name
    assert fields["doel"] == [value]
