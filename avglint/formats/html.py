"""HTML output: one self-contained page on the state of a register, for people who would rather look than
read (``avglint report``, or ``avglint check --format html``; described in docs/report.md).

The page shows the totals by severity and by rule family, an Art. 30 completeness matrix (each activity
against each field Art. 30 asks for: filled, inherited, missing or flagged), every activity with its
findings, the suppressed and baselined findings with their reasons, the date, avglint's version and the
files checked. It loads nothing: the style is inline and there is no script, so it works offline, without
JavaScript, and prints on A4. The only links that leave the page are those to the rules' pages (the same
help URI as in SARIF). Every text taken from the input is escaped (a register may hold ``<script>``), and
its control characters shown as symbols, as in the other formats.

The markup is well-formed XML as well as HTML, so that tests read it with an XML parser.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache
from html import escape
from importlib import resources
from itertools import groupby
from typing import Iterator, TextIO

from .. import __version__
from ..docs import SEVERITY_NAMES
from ..findings import SEVERITIES, Finding, Message
from ..language import language
from ..model import Activity
from . import Options
from .controls import visible
from .sarif import help_uri

# The columns of the completeness matrix: what Art. 30 asks each record to say, and the fields that say it.
# A column applies to a controller's activity when it cites 30(1), to a processor's when it cites 30(2).
ART30_COLUMNS = (
    (("doel", "omschrijving"), ("30(1)(b)", "30(2)(b)")),  # a description stands in for a purpose (AVG103)
    (("betrokkenen",), ("30(1)(c)",)),
    (("gegevens",), ("30(1)(c)",)),
    (("ontvangers", "verwerkers"), ("30(1)(d)",)),   # processors are recipients too
    (("doorgifte",), ("30(1)(e)", "30(2)(c)")),
    (("bewaartermijn",), ("30(1)(f)",)),
    (("beveiliging",), ("30(1)(g)", "30(2)(d)")),
    (("verantwoordelijke",), ("30(2)(a)",)),
)
ROLE_PARAGRAPH = {"controller": "30(1)", "processor": "30(2)"}

# Families by id prefix (the SARIF tag 'AVG1xx'); a plugin's family is shown by its module name.
FAMILY_TITLES = {
    "structure": Message("structure", "structuur"),
    "completeness": Message("Art. 30 completeness", "volledigheid art. 30"),
    "lawful_basis": Message("lawful basis", "grondslag"),
    "legitimate_interest": Message("legitimate interest", "gerechtvaardigd belang"),
    "consent": Message("consent", "toestemming"),
    "special_categories": Message("special categories", "bijzondere gegevens"),
    "transfers": Message("transfers and processors", "doorgifte en verwerkers"),
    "retention": Message("retention", "bewaartermijnen"),
    "dpia": Message("DPIA and automated decisions", "DPIA en geautomatiseerde besluiten"),
    "statements": Message("privacy statements", "privacyverklaringen"),
}

# A cell of the matrix: its symbol and word (never colour alone).
CELL_STATES = {
    "filled": ("✓", Message("filled", "ingevuld")),
    "inherited": ("↑", Message("inherited", "geërfd")),
    "missing": ("✗", Message("missing", "ontbreekt")),
    "flagged": ("⚑", Message("flagged", "gemeld")),
    "optional": ("–", Message("n/a", "n.v.t.")),
}
CELL_HELP = {
    "filled": Message("written in the activity itself", "in de verwerking zelf ingevuld"),
    "inherited": Message("a default of its group or organisation", "een standaardwaarde van de groep of organisatie"),
    "missing": Message("required, and not written here or above", "vereist, en hier noch erboven ingevuld"),
    "flagged": Message("written, with a finding about it (the rule is named)",
                       "ingevuld, met een melding erover (de regel staat erbij)"),
    "optional": Message("not required for this role (controller: 30(1), processor: 30(2))",
                        "niet vereist voor deze rol (verwerkingsverantwoordelijke: 30(1), verwerker: 30(2))"),
}

TEXT = {
    "title": Message("Register report", "Rapport over het register"),
    "date": Message("Date", "Datum"),
    "version": Message("avglint version", "Versie van avglint"),
    "files": Message("Files checked", "Gecontroleerde bestanden"),
    "context": Message("Read as the rest of their register, not reported on",
                       "Gelezen als de rest van hun register, niet gerapporteerd"),
    "contents": Message("Contents", "Inhoud"),
    "totals": Message("Totals", "Totalen"),
    "by_severity": Message("Findings by severity", "Meldingen naar ernst"),
    "by_family": Message("Findings by rule family", "Meldingen naar regelfamilie"),
    "severity": Message("Severity", "Ernst"),
    "family": Message("Rule family", "Regelfamilie"),
    "findings": Message("Findings", "Meldingen"),
    "total": Message("Total", "Totaal"),
    "suppressed": Message("Suppressed by a comment", "Onderdrukt met een commentaar"),
    "baselined": Message("In the baseline", "In de baseline"),
    "not_counted": Message("Not counted", "Niet geteld"),
    "matrix": Message("Art. 30 completeness", "Volledigheid art. 30"),
    "matrix_intro": Message("Each activity against what Art. 30 asks its record to say. Legend:",
                            "Elke verwerking naast wat art. 30 in het register vraagt. Legenda:"),
    "matrix_caption": Message("Art. 30 fields of the activities in {file}", "Velden van art. 30 per verwerking in {file}"),
    "activity": Message("Activity", "Verwerking"),
    "by_activity": Message("Findings by activity", "Meldingen per verwerking"),
    "activity_caption": Message("Activities and their findings in {file}", "Verwerkingen en hun meldingen in {file}"),
    "where": Message("Where", "Waar"),
    "other": Message("Not about one activity (organisation, processors, the file)",
                     "Niet over één verwerking (organisatie, verwerkers, het bestand)"),
    "document": Message("The privacy statement", "De privacyverklaring"),
    "none": Message("No findings.", "Geen meldingen."),
    "no_activities": Message("No activities in this file.", "Geen verwerkingen in dit bestand."),
    "set_aside": Message("Suppressed and baselined findings", "Onderdrukte meldingen en meldingen in de baseline"),
    "set_aside_intro": Message("Not counted in the totals above; each with the reason it was set aside.",
                               "Niet meegeteld in de totalen hierboven; elk met de reden waarom."),
    "set_aside_caption": Message("Findings set aside", "Terzijde gelegde meldingen"),
    "kind": Message("How", "Hoe"),
    "rule": Message("Rule", "Regel"),
    "message": Message("Message", "Melding"),
    "reason": Message("Reason", "Reden"),
    "no_reason": Message("(no reason given)", "(geen reden opgegeven)"),
    "none_set_aside": Message("No findings were suppressed or baselined.",
                              "Geen meldingen onderdrukt of in de baseline."),
    "lead": Message("Counted: {counted} ({parts}) in {files} and {activities}. Not counted: {suppressed} suppressed "
                    "by a comment, {baselined} in the baseline.",
                    "Geteld: {counted} ({parts}) in {files} en {activities}. Niet geteld: {suppressed} onderdrukt met "
                    "een commentaar, {baselined} in de baseline."),
    "footer": Message("Made by avglint {version}. Each rule links to its page, which says what it checks and why. "
                      "avglint is not legal advice: it finds what a register shows, and an FG decides.",
                      "Gemaakt door avglint {version}. Elke regel linkt naar zijn pagina, met wat hij controleert "
                      "en waarom. avglint is geen juridisch advies: het vindt wat een register laat zien, en de FG "
                      "beslist."),
}
NOUNS = {  # singular and plural
    "en": {"error": ("error", "errors"), "warning": ("warning", "warnings"), "note": ("note", "notes"),
           "finding": ("finding", "findings"), "file": ("file", "files"), "activity": ("activity", "activities")},
    "nl": {"error": ("fout", "fouten"), "warning": ("waarschuwing", "waarschuwingen"), "note": ("opmerking", "opmerkingen"),
           "finding": ("melding", "meldingen"), "file": ("bestand", "bestanden"),
           "activity": ("verwerking", "verwerkingen")},
}


def write(result, out: TextIO, options: Options) -> None:
    # row by row: a reader that goes away (a closed pipe) is noticed at the next write, as in the other formats
    for part in parts(result, options.lang, datetime.now(timezone.utc)):
        out.write(part)


def parts(result, lang: str, moment: datetime) -> Iterator[str]:
    """The page for a check result, in ``lang``, dated ``moment``, in pieces."""
    return _Page(result, "nl" if lang == "nl" else "en", moment).parts()


def cell_state(activity: Activity, keys: tuple[str, ...], articles: tuple[str, ...],
               flagged: dict[tuple[int, str], list[Finding]]) -> tuple[str, list[Finding]]:
    """The state of one cell of the matrix and the findings that flag it."""
    fields = [field for field in map(activity.get, keys) if field is not None and not field.is_empty]
    findings = [finding for key in keys for finding in flagged.get((id(activity), key), ())]
    if not fields:
        required = any(article.startswith(ROLE_PARAGRAPH[activity.role]) for article in articles)
        return ("missing" if required else "optional"), []
    if findings:
        return "flagged", findings
    return ("filled" if any(not activity.inherited(field) for field in fields) else "inherited"), []


# Noncharacters are parse errors in HTML (and not XML at all): shown as U+FFFD, as undecodable bytes are
_NONCHARACTER = re.compile("[\ufdd0-\ufdef" + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}"
                                                     for plane in range(0, 0x110000, 0x10000)) + "]")


def _text(value: str) -> str:
    """Input text as HTML: escaped, control characters as symbols, noncharacters replaced."""
    return escape(_NONCHARACTER.sub("\ufffd", visible(value)), quote=True)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return resources.files(__package__).joinpath("report.css").read_text(encoding="utf-8")


class _Page:
    def __init__(self, result, lang: str, moment: datetime):
        self.result, self.lang, self.moment = result, lang, moment
        self.counted = [f for f in result.findings if f.suppression is None]
        self.set_aside = [f for f in result.findings if f.suppression is not None]
        self.anchors = {id(finding): f"f{number}" for number, finding in enumerate(self.counted, 1)}
        self.rules = {rule.id: rule for rule in result.rules}
        self.flagged: dict[tuple[int, str], list[Finding]] = {}
        for finding in self.counted:
            if finding.activity is not None and finding.field:
                self.flagged.setdefault((id(finding.activity), finding.field), []).append(finding)
        self.statement_paths = {statement.source.path for statement in result.statements}
        # the files reported on; the others were read only as the rest of their register, their findings not kept
        self.sources = [s for s in result.sources if result.reported is None or s.path in result.reported]
        self.context = [s for s in result.sources if result.reported is not None and s.path not in result.reported]
        self.activities: dict[str, list[Activity]] = {}
        self.organisation: dict[str, str] = {}
        for register in result.registers:
            name = register.organisation.name if register.organisation is not None else None
            for source in register.sources:
                if name:
                    self.organisation[source.path] = name
            for activity in register.activities:
                self.activities.setdefault(activity.source.path, []).append(activity)

    def t(self, key: str, **values) -> str:
        """A text of the page in its language; the values are escaped here."""
        return TEXT[key].get(self.lang).format(**{name: _text(str(value)) for name, value in values.items()})

    def parts(self) -> Iterator[str]:
        files = len(self.sources)
        yield (f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8"/>\n'
               '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
               f'<meta name="generator" content="avglint {_text(__version__)}"/>\n'
               f'<title>{self.t("title")} · avglint</title>\n<style>\n{stylesheet()}</style>\n</head>\n<body>\n')
        yield self._header(files)
        yield '<main>\n'
        yield self._totals(files)
        yield from self._matrix()
        yield from self._by_activity()
        yield from self._set_aside()
        yield f'</main>\n<footer><p>{self.t("footer", version=__version__)}</p></footer>\n</body>\n</html>\n'

    # -- parts of the page ---------------------------------------------------------------------

    def _header(self, files: int) -> str:
        stamp = self.moment.strftime("%Y-%m-%d %H:%M UTC")
        paths = "".join(f"<li><code>{_text(source.path)}</code></li>" for source in self.sources)
        context = "".join(f"<li><code>{_text(source.path)}</code></li>" for source in self.context)
        if context:
            context = (f'<dt>{self.t("context")} ({len(self.context)})</dt><dd><ul id="context-files">{context}'
                       '</ul></dd>\n')
        return (f'<header>\n<h1>{self.t("title")}</h1>\n<dl class="facts">\n'
                f'<dt>{self.t("date")}</dt><dd><time datetime="{self.moment.isoformat(timespec="seconds")}">'
                f'{stamp}</time></dd>\n'
                f'<dt>{self.t("version")}</dt><dd id="version">{_text(__version__)}</dd>\n'
                f'<dt>{self.t("files")} ({files})</dt><dd><ul id="files">{paths}</ul></dd>\n{context}</dl>\n'
                f'{self._contents()}'
                '</header>\n')

    def _contents(self) -> str:
        links = "".join(f'<li><a href="#{anchor}">{self.t(key)}</a></li>' for anchor, key in (
            ("totals", "totals"), ("matrix", "matrix"), ("by-activity", "by_activity"), ("set-aside", "set_aside")))
        return f'<nav aria-label="{self.t("contents")}"><ul>{links}</ul></nav>\n'

    def _totals(self, files: int) -> str:
        severity_counts = {severity: 0 for severity in SEVERITIES}
        for finding in self.counted:
            severity_counts[finding.severity] += 1
        kinds = [f.suppression.kind for f in self.set_aside]
        suppressed, baselined = kinds.count("inSource"), kinds.count("external")
        parts = ", ".join(self._count(count, severity) for severity, count in severity_counts.items())
        activities = sum(len(self.activities.get(source.path, ())) for source in self.sources)
        lead = self.t("lead", counted=self._count(len(self.counted), "finding"), parts=parts,
                      files=self._count(files, "file"), activities=self._count(activities, "activity"),
                      suppressed=suppressed, baselined=baselined)
        rows = "".join(f'<tr><th scope="row">{self._severity(severity)}</th>'
                       f'<td class="number" id="total-{severity}">{count}</td></tr>\n'
                       for severity, count in severity_counts.items())
        rows += (f'<tr class="sum"><th scope="row">{self.t("total")}</th>'
                 f'<td class="number" id="total-counted">{len(self.counted)}</td></tr>\n</tbody>\n<tbody>\n'
                 f'<tr><th scope="rowgroup" colspan="2">{self.t("not_counted")}</th></tr>\n'
                 f'<tr><th scope="row">{self.t("suppressed")}</th><td class="number" id="total-suppressed">'
                 f'{suppressed}</td></tr>\n<tr><th scope="row">{self.t("baselined")}</th>'
                 f'<td class="number" id="total-baselined">{baselined}</td></tr>\n')
        by_severity = (f'<table id="by-severity"><caption>{self.t("by_severity")}</caption>\n'
                       f'<thead><tr><th scope="col">{self.t("severity")}</th>'
                       f'<th scope="col" class="number">{self.t("findings")}</th></tr></thead>\n<tbody>\n{rows}'
                       f'</tbody>\n</table>\n')
        return (f'<section aria-labelledby="totals">\n<h2 id="totals">{self.t("totals")}</h2>\n'
                f'<p class="lead" id="lead">{lead}</p>\n<div class="tables">\n{by_severity}'
                f'{self._by_family()}</div>\n</section>\n')

    def _by_family(self) -> str:
        counts: dict[str, dict[str, int]] = {}
        titles: dict[str, str] = {}
        for rule in sorted(self.result.rules, key=lambda r: r.id):
            prefix = family_of(rule.id)
            counts.setdefault(prefix, {severity: 0 for severity in SEVERITIES})
            title = FAMILY_TITLES.get(rule.family)
            titles.setdefault(prefix, title.get(self.lang) if title else rule.family.replace("_", " "))
        for finding in self.counted:
            counts.setdefault(family_of(finding.rule), {severity: 0 for severity in SEVERITIES})
            counts[family_of(finding.rule)][finding.severity] += 1
        head = "".join(f'<th scope="col" class="number">{_text(NOUNS[self.lang][s][1])}</th>'
                       for s in SEVERITIES)
        rows = []
        for prefix in sorted(counts):
            cells = "".join(f'<td class="number">{counts[prefix][s]}</td>' for s in SEVERITIES)
            rows.append(f'<tr id="family-{prefix}"><th scope="row">{prefix} {_text(titles.get(prefix, ""))}</th>'
                        f'{cells}<td class="number">{sum(counts[prefix].values())}</td></tr>\n')
        return (f'<table id="by-family"><caption>{self.t("by_family")}</caption>\n<thead><tr>'
                f'<th scope="col">{self.t("family")}</th>{head}<th scope="col" class="number">{self.t("total")}</th>'
                f'</tr></thead>\n<tbody>\n{"".join(rows)}</tbody>\n</table>\n')

    def _matrix(self) -> Iterator[str]:
        info = language().field_info
        headings = []
        for keys, articles in ART30_COLUMNS:
            names = " / ".join(info[key].en if self.lang == "en" else key for key in keys)
            headings.append(f'<th scope="col">{_text(names)}<br/><small>art. {_text(", ".join(articles))}</small></th>')
        legend = "".join(f'<li><span class="cell-{state}"><span aria-hidden="true">{symbol}</span> '
                         f'{_text(word.get(self.lang))}</span>: {_text(CELL_HELP[state].get(self.lang))}</li>'
                         for state, (symbol, word) in CELL_STATES.items())
        yield (f'<section aria-labelledby="matrix">\n<h2 id="matrix">{self.t("matrix")}</h2>\n'
               f'<p>{self.t("matrix_intro")}</p>\n<ul class="legend">{legend}</ul>\n')
        for source in self.sources:
            activities = self.activities.get(source.path)
            if not activities:
                continue
            caption = self.t("matrix_caption", file=self._file_label(source.path))
            # a narrow screen scrolls the table sideways (focusable, so that a keyboard can too)
            yield (f'<div class="scroll" role="region" tabindex="0" aria-label="{caption}">\n'
                   f'<table class="matrix wide"><caption>{caption}</caption>\n<thead><tr>'
                   f'<th scope="col">{self.t("activity")}</th>{"".join(headings)}</tr></thead>\n')
            for path, members in groupby(activities, key=lambda a: a.group_path):
                yield "<tbody>\n"
                if path:
                    yield (f'<tr><th scope="rowgroup" colspan="{len(ART30_COLUMNS) + 1}">'
                           f'{_text(" / ".join(path))}</th></tr>\n')
                for activity in members:
                    cells = "".join(self._cell(activity, keys, articles) for keys, articles in ART30_COLUMNS)
                    yield f'<tr><th scope="row">{_text(activity.name or "")}</th>{cells}</tr>\n'
                yield "</tbody>\n"
            yield "</table>\n</div>\n"
        yield "</section>\n"

    def _cell(self, activity: Activity, keys, articles) -> str:
        state, findings = cell_state(activity, keys, articles, self.flagged)
        symbol, word = CELL_STATES[state]
        rules = "".join(f' <a href="#{self.anchors[id(f)]}">{_text(f.rule)}</a>' for f in findings)
        return (f'<td class="cell-{state}" data-state="{state}"><span aria-hidden="true">{symbol}</span> '
                f'{_text(word.get(self.lang))}{rules}</td>')

    def _by_activity(self) -> Iterator[str]:
        by_activity: dict[int, list[Finding]] = {}
        elsewhere: dict[str, list[Finding]] = {}
        for finding in self.counted:
            if finding.activity is not None:
                by_activity.setdefault(id(finding.activity), []).append(finding)
            else:
                elsewhere.setdefault(finding.span.path, []).append(finding)
        yield f'<section aria-labelledby="by-activity">\n<h2 id="by-activity">{self.t("by_activity")}</h2>\n'
        for source in self.sources:
            activities = self.activities.get(source.path, [])
            where = _text(source.path).replace("/", "/<wbr/>")  # a narrow column breaks the path at its slashes
            caption = self.t("activity_caption", file=self._file_label(source.path))
            yield (f'<table class="wide activities"><caption>{caption}</caption>\n'
                   '<colgroup><col class="activity"/><col class="where"/><col/></colgroup>\n<thead><tr>'
                   f'<th scope="col">{self.t("activity")}</th><th scope="col">{self.t("where")}</th>'
                   f'<th scope="col">{self.t("findings")}</th></tr></thead>\n')
            if elsewhere.get(source.path) or not activities:
                label = self.t("other") if activities else self.t("document") if source.path in self.statement_paths \
                    else self.t("no_activities")
                yield (f'<tbody>\n<tr><th scope="row" colspan="2">{label}</th>'
                       f'<td>{self._findings(elsewhere.get(source.path, []))}</td></tr>\n</tbody>\n')
            for path, members in groupby(activities, key=lambda a: a.group_path):
                yield "<tbody>\n"
                if path:
                    yield f'<tr><th scope="rowgroup" colspan="3">{_text(" / ".join(path))}</th></tr>\n'
                for activity in members:
                    yield (f'<tr><th scope="row">{_text(activity.name or "")}</th>'
                           f'<td><code class="where">{where}:{activity.head_span.line}</code></td>'
                           f'<td>{self._findings(by_activity.get(id(activity), []))}</td></tr>\n')
                yield "</tbody>\n"
            yield "</table>\n"
        yield "</section>\n"

    def _findings(self, findings: list[Finding]) -> str:
        if not findings:
            return f'<span class="clean">{self.t("none")}</span>'
        items = "".join(f'<li id="{self.anchors[id(f)]}">{self._severity(f.severity)} {self._rule_link(f.rule)} '
                        f'{_text(f.message.get(self.lang))} <code class="where">{self._where(f)}</code></li>'
                        for f in findings)
        return f'<ul class="findings">{items}</ul>'

    def _set_aside(self) -> Iterator[str]:
        yield f'<section aria-labelledby="set-aside">\n<h2 id="set-aside">{self.t("set_aside")}</h2>\n'
        if not self.set_aside:
            yield f'<p>{self.t("none_set_aside")}</p>\n</section>\n'
            return
        yield (f'<p>{self.t("set_aside_intro")}</p>\n<table class="wide" id="set-aside-table">'
               f'<caption>{self.t("set_aside_caption")}</caption>\n<thead><tr>'
               + "".join(f'<th scope="col">{self.t(key)}</th>' for key in ("kind", "rule", "where", "message", "reason"))
               + '</tr></thead>\n<tbody>\n')
        for f in self.set_aside:
            written = f.suppression.reason(self.lang)
            reason = _text(written) if written else self.t("no_reason")
            yield (f'<tr data-kind="{_text(f.suppression.kind)}"><td>'
                   f'{self.t("baselined" if f.suppression.kind == "external" else "suppressed")}</td>'
                   f'<td>{self._severity(f.severity)} {self._rule_link(f.rule)}</td><td><code>{self._where(f)}</code>'
                   f'</td><td>{_text(f.message.get(self.lang))}</td><td>{reason}</td></tr>\n')
        yield '</tbody>\n</table>\n</section>\n'

    # -- small pieces --------------------------------------------------------------------------

    def _file_label(self, path: str) -> str:
        organisation = self.organisation.get(path)
        return f"{path} ({organisation})" if organisation else path

    def _count(self, number: int, noun: str) -> str:
        return f"{number} {NOUNS[self.lang][noun][number != 1]}"

    def _severity(self, severity: str) -> str:
        return f'<span class="sev sev-{severity}">{_text(SEVERITY_NAMES[self.lang][severity])}</span>'

    def _rule_link(self, rule_id: str) -> str:
        rule = self.rules.get(rule_id)
        page = help_uri(rule, self.lang) if rule is not None else None
        if page is None:
            return _text(rule_id)
        return f'<a href="{_text(page)}" title="{_text(rule.title.get(self.lang))}">{_text(rule_id)}</a>'

    @staticmethod
    def _where(finding: Finding) -> str:
        return f"{_text(finding.span.path)}:{finding.span.line}"


def family_of(rule_id: str) -> str:
    """'AVG1xx': the family of a rule by its id, as SARIF tags it."""
    return rule_id[:4] + "xx"
