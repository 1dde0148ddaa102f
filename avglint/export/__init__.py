"""``avglint export``: a register as one table for publication, in CSV, XLSX, Markdown or HTML.

A published register is read by people who see no inheritance and no syntax, so the table is
flat: one row per activity, every field in force written out (a default of a ``groep`` or the
``organisatie`` in each row it applies to), the values as written, the group path in a column.
Columns follow Art. 30(1) GDPR (Art. 30(2) for a processor's register), then the other fields
in use; the organisation's own details (name, contact, FG, …) go above the table.

``table_of(register, …)`` builds the ``Table`` every format writes; ``render(table, fmt)`` writes
it through the format's module (delimited.py, spreadsheet.py, markdown.py, html.py). Headings
and the organisation's labels are ones ``avglint import`` reads back to the same fields
(tests/test_export.py imports every export of every example and compares the findings).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from ..language import ACTIVITY, language
from ..model import Activity, Register, role_of

FORMATS = {"csv": "delimited", "xlsx": "spreadsheet", "md": "markdown", "html": "html"}  # name -> module here
NAME, GROUP = "naam", "groep"
PATH_SEPARATOR = " / "   # a group path in one cell, as findings name an activity ("Klanten / Facturatie")

# Art. 30(1)(b)-(g): what a controller's record holds, in the order of the article
# (the name of the controller, (a), is above the table). Art. 30(2)(a)-(d): a processor's.
CONTROLLER_COLUMNS = ("id", GROUP, NAME, "doel", "betrokkenen", "gegevens", "bijzondere gegevens", "ontvangers",
                      "verwerkers", "doorgifte", "bewaartermijn", "beveiliging")
PROCESSOR_COLUMNS = ("id", GROUP, NAME, "verantwoordelijke", "omschrijving", "doel", "betrokkenen", "gegevens",
                     "bijzondere gegevens", "doorgifte", "beveiliging")
# The other fields, when in use: the reading of the basis first, the register's own bookkeeping last
OTHER_COLUMNS = ("omschrijving", "grondslag", "belang", "intrekken", "uitzondering", "verantwoordelijke", "gezamenlijk",
                 "bron", "profilering", "dpia", "schaal", "systemen", "eigenaar", "rol")
ORGANISATION_FIELDS = ("contact", "fg", "vertegenwoordiger", "rol", "type", "land")

# The headings registers usually carry (the AP's and VNG's model registers); any other field is headed
# by its own name. Each reads back as its field in `avglint import` (rules/vocab/import_headings.yaml).
HEADINGS = {
    "id": ("Nr", "No"),
    GROUP: ("Groep", "Group"),
    NAME: ("Verwerking", "Processing activity"),
    "doel": ("Doel(en)", "Purposes"),
    "betrokkenen": ("Categorieën betrokkenen", "Categories of data subjects"),
    "gegevens": ("Categorieën persoonsgegevens", "Categories of personal data"),
    "bijzondere gegevens": ("Bijzondere persoonsgegevens", "Special categories of personal data"),
    "ontvangers": ("Categorieën ontvangers", "Categories of recipients"),
    "verwerkers": ("Verwerkers", "Processors"),
    "doorgifte": ("Doorgifte aan derde landen", "Transfers to third countries"),
    "bewaartermijn": ("Bewaartermijn", "Retention period"),
    "beveiliging": ("Beveiligingsmaatregelen", "Security measures"),
    "verantwoordelijke": ("Verwerkingsverantwoordelijke", "Controller"),
    "grondslag": ("Grondslag", "Lawful basis"),
    "belang": ("Gerechtvaardigd belang", "Legitimate interest"),
    "intrekken": ("Intrekken toestemming", "Withdrawal of consent"),
    "gezamenlijk": ("Gezamenlijke verwerkingsverantwoordelijken", "Joint controllers"),
    "dpia": ("DPIA", "DPIA"),
}
ORGANISATION_LABELS = {
    NAME: ("Organisatie", "Organisation"),
    "contact": ("Contactgegevens", "Contact details"),
    "fg": ("Functionaris gegevensbescherming", "Data protection officer"),
    "vertegenwoordiger": ("Vertegenwoordiger", "Representative"),
    "rol": ("Rol", "Role"),
    "type": ("Type", "Type"),
    "land": ("Land", "Country"),
}
TEXT = {
    "nl": {"title": "Verwerkingsregister", "controller": "Register van verwerkingsactiviteiten (art. 30 lid 1 AVG)",
           "processor": "Register van categorieën verwerkingsactiviteiten (art. 30 lid 2 AVG)"},
    "en": {"title": "Record of processing activities", "controller": "Record of processing activities "
           "(Art. 30(1) GDPR)", "processor": "Record of categories of processing activities (Art. 30(2) GDPR)"},
}


class ExportProblem(Exception):
    """The register cannot be exported as asked; the message says why."""


@dataclass
class Column:
    key: str        # a field key, NAME or GROUP
    heading: str


@dataclass
class Row:
    path: tuple[str, ...]               # the groups the activity is in, outermost first
    values: dict[str, list[str]]        # column key -> the items, as written

    def items(self, key: str) -> list[str]:
        return self.values.get(key, [])


@dataclass
class Table:
    lang: str
    title: str                          # "Verwerkingsregister Gemeente Voorbeeld"
    caption: str                        # what the table is: Art. 30(1) or 30(2)
    organisation: list[tuple[str, list[str]]]   # (label, items) above the table
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)

    def sections(self) -> list[tuple[tuple[str, ...], list[Row]]]:
        """The rows by group path, in register order; rows outside any group first (so that the
        groups after them, as headings or group rows, never seem to hold them)."""
        by_path: dict[tuple[str, ...], list[Row]] = {}
        for row in sorted(self.rows, key=lambda row: bool(row.path)):
            by_path.setdefault(row.path, []).append(row)
        return list(by_path.items())


def heading(key: str, lang: str) -> str:
    if key in HEADINGS:
        return HEADINGS[key][lang == "en"]
    name = language().field_info[key].en if lang == "en" else key
    return name[:1].upper() + name[1:]


def column_key(written: str) -> str | None:
    """The column a user names (``--columns``, ``publish:``): a field by any of its names, or naam/groep."""
    folded = " ".join(written.strip().casefold().replace("_", " ").replace("-", " ").split())
    if folded in ("naam", "name", "verwerking", "activity", "processing activity"):
        return NAME
    if folded in ("groep", "group"):
        return GROUP
    return language().field_key(ACTIVITY, folded)


def choose_columns(in_use: list[str], selection: list[str], where: str) -> list[str]:
    """The columns to write: ``in_use`` unless ``selection`` names them (in its order) or leaves some
    out ("-beveiliging"). The name column is always written: it is what identifies a row."""
    if not selection:
        return in_use
    leave_out = [name[1:] for name in selection if name.startswith("-")]
    if leave_out and len(leave_out) != len(selection):
        raise ExportProblem(f"{where}: either name the columns to publish or the ones to leave out ('-name'), "
                            "not both")
    keys = []
    for name in leave_out or selection:
        key = column_key(name)
        if key is None:
            suggestion = language().suggest_field(ACTIVITY, name)
            hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
            raise ExportProblem(f"{where}: unknown column '{name}'{hint}; name a field of 'verwerking' "
                                "(doel, grondslag, …), naam or groep")
        keys.append(key)
    if leave_out:
        if NAME in keys:
            raise ExportProblem(f"{where}: the name column identifies each row and is always written")
        return [key for key in in_use if key not in keys]
    chosen = list(dict.fromkeys(keys))
    return chosen if NAME in chosen else [NAME, *chosen]


def is_processor_register(register: Register) -> bool:
    organisation = register.organisation
    role = organisation.own("rol") if organisation is not None else None
    return role is not None and role_of(role.text) == "processor"


def table_of(register: Register, lang: str = "nl", selection: list[str] = (), where: str = "--columns") -> Table:
    """The register as one flat table (see the module's docstring)."""
    text = TEXT[lang]
    processor = is_processor_register(register)
    article = PROCESSOR_COLUMNS if processor else CONTROLLER_COLUMNS
    used = {key for activity in register.activities for key in _keys_in_force(activity)}
    ordered = [*OTHER_COLUMNS, *(key for key in language().field_info if key not in OTHER_COLUMNS)]
    others = [key for key in ordered if key in language().activity_fields and key not in article and key in used]
    if any(activity.group_path for activity in register.activities):
        used.add(GROUP)
    # the articles' columns are written even when empty (a gap is what a reader should see); a number and
    # a group only when the register has them
    in_use = [key for key in article if key not in ("id", GROUP) or key in used] + others
    columns = [Column(key, heading(key, lang)) for key in choose_columns(in_use, list(selection), where)]
    organisation = register.organisation
    details: list[tuple[str, list[str]]] = []
    if organisation is not None:
        if organisation.name:
            details.append((ORGANISATION_LABELS[NAME][lang == "en"], [organisation.name]))
        for key in ORGANISATION_FIELDS:
            own = organisation.own(key)
            if own is not None and own.items:
                details.append((ORGANISATION_LABELS[key][lang == "en"], own.values))
    name = organisation.name if organisation is not None and organisation.name else ""
    table = Table(lang, f"{text['title']} {name}".strip(), text["processor" if processor else "controller"],
                  details, columns)
    for activity in register.activities:
        table.rows.append(_row(activity, columns))
    return table


def _keys_in_force(activity: Activity):
    """The fields in force for the activity: its own and those it inherits."""
    return [key for key in language().activity_fields if activity.get(key) is not None]


def _row(activity: Activity, columns: list[Column]) -> Row:
    values: dict[str, list[str]] = {}
    for column in columns:
        if column.key == NAME:
            values[NAME] = [activity.name] if activity.name else []
        elif column.key == GROUP:
            values[GROUP] = [PATH_SEPARATOR.join(activity.group_path)] if activity.group_path else []
        else:
            in_force = activity.get(column.key)  # the activity's own, or the default it inherits
            values[column.key] = in_force.values if in_force is not None else []
    return Row(activity.group_path, values)


def render(table: Table, fmt: str) -> bytes:
    """The table written in format ``fmt`` (one of ``FORMATS``)."""
    return importlib.import_module(f"{__name__}.{FORMATS[fmt]}").render(table)


def read_register(files: list[tuple[str, bytes]]) -> Register:
    """The one register the files make up; a file with syntax errors is refused (what it would lose is
    not known), as are files of several organisations (export each on its own)."""
    from ..parser import SYNTAX_ERROR, parse
    from ..registers import partition
    from ..source import decode, looks_binary

    parsed = []
    for path, data in files:
        if looks_binary(data):
            raise ExportProblem(f"{path}: not a register (binary data)")
        result = parse(*decode(path, data))
        syntax = [finding for finding in result.findings if finding.rule == SYNTAX_ERROR.id]
        if syntax:
            first = syntax[0]
            raise ExportProblem(f"{path}:{first.span.line}:{first.span.column}: not exported: {first.message.en} "
                                "(fix the syntax first)")
        parsed.append(result)
    groups = partition(parsed)
    if len(groups) > 1:
        names = ", ".join(sorted({block.name or "?" for group in groups for result in group
                                  for block in result.blocks if block.kind == "organisatie"}))
        raise ExportProblem(f"the files hold the registers of several organisations ({names}): export each "
                            "on its own")
    return Register([result.source for result in parsed], [block for result in parsed for block in result.blocks])
