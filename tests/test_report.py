"""The HTML report (``avglint report``, ``check --format html``): what it counts, what it shows, what it
escapes and loads, and the page as headless Chromium renders it (docs/report.md)."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from avglint.cli import cli
from avglint.formats.html import stylesheet
from avglint.formats.sarif import DOCS_URI

ROOT = Path(__file__).resolve().parent.parent
RULE_PAGE = re.compile(re.escape(DOCS_URI).replace(r"\{id\}", r"(nl/)?AVG\d{3}") + "$")

REGISTER = """\
organisatie "Voorbeeld B.V." {
    rol: verwerkingsverantwoordelijke
    contact: privacy@voorbeeld.nl
    fg: "Functionaris Gegevensbescherming, fg@voorbeeld.nl"
    beveiliging: versleuteling, MFA, autorisatiebeheer
}

groep "Klantenservice" {
    bewaartermijn: 2 jaar na afhandeling

    verwerking "Klachtenregistratie" {
        id: 1
        doel: "klachten van klanten vastleggen en oplossen"
        betrokkenen: klanten
        gegevens: naam, e-mailadres
        ontvangers: geen
        doorgifte: geen
        grondslag: uitvoering van een overeenkomst
    }

    verwerking "Klanttevredenheid" {
        id: 2
        doel: "klanttevredenheid meten"
        betrokkenen: klanten
        gegevens: alle persoonsgegevens
        bewaartermijn: 1 jaar
        grondslag: toestemming
        intrekken: "via de afmeldlink"
    }
}

verwerking "Loonadministratie voor klant" {
    id: 3
    rol: verwerker
    doel: "salarissen berekenen in opdracht"
    doorgifte: geen
}
"""

# The matrix of REGISTER, column by column (purpose, subjects, data, recipients, transfers, retention, security,
# controller): own fields, the group's retention and the organisation's security inherited, a catch-all flagged,
# what a controller's record needs missing, and for the processor's activity what Art. 30(2) does not ask for.
MATRIX = {
    "Klachtenregistratie": ["filled", "filled", "filled", "filled", "filled", "inherited", "inherited", "optional"],
    "Klanttevredenheid": ["filled", "filled", "flagged", "missing", "missing", "filled", "inherited", "optional"],
    "Loonadministratie voor klant": ["filled", "optional", "optional", "optional", "filled", "optional", "inherited",
                                     "missing"],
}


def run(*args, cwd: Path, env: dict | None = None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


def report(cwd: Path, *args, env: dict | None = None, target: Path | None = None) -> tuple[str, ElementTree.Element]:
    """The page ``avglint report`` writes for ``args`` in ``cwd`` (to ``target``, default cwd/report.html), as
    text and parsed (the page is XML too)."""
    target = target or cwd / "report.html"
    result = run("report", *args, "-o", str(target), cwd=cwd, env=env)
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    return page, ElementTree.fromstring(page.split("\n", 1)[1])  # after the doctype


def by_id(root: ElementTree.Element, element_id: str) -> ElementTree.Element:
    found = root.find(f".//*[@id='{element_id}']")
    assert found is not None, element_id
    return found


def text_of(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """One report and one SARIF log of examples/, each from its own run."""
    page, root = report(ROOT, "examples", target=tmp_path_factory.mktemp("examples") / "report.html")
    sarif = run("check", "examples", "--format", "sarif", cwd=ROOT)
    return page, root, json.loads(sarif.stdout)


@pytest.fixture
def small(tmp_path):
    (tmp_path / "register.avg").write_text(REGISTER, encoding="utf-8")
    return tmp_path


# -- what it counts ---------------------------------------------------------------------------

def test_totals_equal_the_sarif_logs(examples):
    _, root, log = examples
    results = log["runs"][0]["results"]
    counted = [r for r in results if not r["suppressions"]]
    for level in ("error", "warning", "note"):
        assert int(text_of(by_id(root, f"total-{level}"))) == sum(r["level"] == level for r in counted), level
    assert int(text_of(by_id(root, "total-counted"))) == len(counted) > 0
    set_aside = [r for r in results if r["suppressions"]]
    for kind, name in (("inSource", "suppressed"), ("external", "baselined")):
        assert int(text_of(by_id(root, f"total-{name}"))) == sum(r["suppressions"][0]["kind"] == kind
                                                                 for r in set_aside)
    families = {}
    for result in counted:
        families[result["ruleId"][:4] + "xx"] = families.get(result["ruleId"][:4] + "xx", 0) + 1
    for family, count in families.items():
        assert int(by_id(root, f"family-{family}").findall("td")[-1].text) == count, family


def test_every_finding_is_listed_once_with_its_place_and_rule_page(examples):
    _, root, log = examples
    counted = [r for r in log["runs"][0]["results"] if not r["suppressions"]]
    items = [li for li in root.iter("li") if li.get("id", "").startswith("f")]
    assert len(items) == len(counted)
    shown = sorted((text_of(li.find("a")), text_of(li.find("code"))) for li in items)
    places = sorted((r["ruleId"], f"{r['locations'][0]['physicalLocation']['artifactLocation']['uri']}:"
                     f"{r['locations'][0]['physicalLocation']['region']['startLine']}") for r in counted)
    assert shown == places
    rules = {rule["id"]: rule["helpUri"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert all(li.find("a").get("href") == rules[text_of(li.find("a"))] for li in items)


def test_the_facts_of_the_run(examples):
    _, root, log = examples
    from avglint import __version__

    assert text_of(by_id(root, "version")) == __version__
    files = [text_of(li) for li in by_id(root, "files")]
    assert files == [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    assert root.find(".//time").get("datetime")


def test_the_rest_of_the_register_is_read_but_not_reported_on(tmp_path):
    (tmp_path / ".avglint.yaml").write_text('include: ["*.avg"]\n', encoding="utf-8")
    (tmp_path / "a.avg").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "b.avg").write_text('verwerking "Elders" {\n    doel: "iets anders"\n}\n', encoding="utf-8")
    _, root = report(tmp_path, "a.avg")
    assert [text_of(li) for li in by_id(root, "files")] == ["a.avg"]
    assert [text_of(li) for li in by_id(root, "context-files")] == ["b.avg"]
    assert "Elders" not in text_of(root.find(".//main"))
    assert "in 1 file and 3 activities." in text_of(by_id(root, "lead"))


def test_suppressed_and_baselined_findings_are_counted_apart_with_their_reasons(small):
    assert run("check", "--no-config", "register.avg", "--write-baseline", "baseline.json", cwd=small).exit_code == 0
    recorded = len(json.loads((small / "baseline.json").read_text())["findings"])
    # after the baseline: a new activity, and a suppression with its reason
    (small / "register.avg").write_text(REGISTER + 'verwerking "Nieuw" {  # avglint: ignore[AVG106] staat in '
                                        'het contract <b>\n    doel: "iets nieuws"\n}\n', encoding="utf-8")
    _, root = report(small, "--no-config", "register.avg", "--baseline", "baseline.json")
    assert int(text_of(by_id(root, "total-baselined"))) == recorded > 0
    assert int(text_of(by_id(root, "total-suppressed"))) == 1
    table = by_id(root, "set-aside-table")
    reasons = [text_of(row.findall("td")[-1]) for row in table.iter("tr") if row.get("data-kind")]
    assert reasons.count("recorded in the baseline") == recorded
    assert "staat in het contract <b>" in reasons
    counted = int(text_of(by_id(root, "total-counted")))
    new = [li for li in root.iter("li") if li.get("id", "").startswith("f")]
    assert counted == len(new) > 0 and all("Nieuw" in text_of(li) for li in new)
    # the Dutch page says it in Dutch; the suppression's own reason stays as written
    _, dutch = report(small, "--no-config", "register.avg", "--baseline", "baseline.json", "--lang", "nl")
    rows = [row for row in by_id(dutch, "set-aside-table").iter("tr") if row.get("data-kind")]
    reasons = [text_of(row.findall("td")[-1]) for row in rows]
    assert reasons.count("vastgelegd in de baseline") == recorded and "recorded in the baseline" not in reasons
    assert "staat in het contract <b>" in reasons


def test_a_privacy_statement_has_a_row_of_its_own(small):
    (small / "privacy.md").write_text("# Privacyverklaring\n\nWij verwerken uw gegevens.\n", encoding="utf-8")
    _, root = report(small, "--no-config", "register.avg", "--statement", "privacy.md")
    table = next(t for t in root.iter("table") if "privacy.md" in text_of(t.find("caption")))
    row = table.find("tbody/tr")
    assert text_of(row.find("th")) == "The privacy statement"
    rules = {text_of(li.find("a")) for li in row.iter("li")}
    assert rules and all(rule.startswith("AVG9") for rule in rules)
    assert all(text_of(li.find("code")).startswith("privacy.md:") for li in row.iter("li"))


def test_check_writes_the_same_page_and_fails_as_check_does(small):
    result = run("check", "--no-config", "register.avg", "--format", "html", cwd=small)
    assert result.exit_code == 1
    page, _ = report(small, "--no-config", "register.avg")
    without_time = re.compile(r"<time[^>]*>[^<]*</time>")
    assert without_time.sub("", result.stdout) == without_time.sub("", page)


def test_a_check_that_cannot_run_fails_without_a_page(tmp_path):
    result = run("report", "missing.avg", "-o", "report.html", cwd=tmp_path)
    assert result.exit_code == 2 and "missing.avg" in result.output
    assert not (tmp_path / "report.html").exists()


# -- what it shows ----------------------------------------------------------------------------

def test_the_matrix_shows_filled_inherited_missing_and_flagged_fields(small):
    _, root = report(small, "--no-config", "register.avg")
    matrix = root.find(".//table[@class='matrix wide']")
    rows = {text_of(row.find("th")): [cell.get("data-state") for cell in row.findall("td")]
            for row in matrix.iter("tr") if row.find("th[@scope='row']") is not None}
    assert rows == MATRIX
    flagged = next(cell for row in matrix.iter("tr") for cell in row.findall("td")
                   if cell.get("data-state") == "flagged")
    assert "AVG112" in text_of(flagged) and flagged.find("a").get("href").startswith("#f")


def test_tables_are_real_tables_with_captions_and_scoped_headings(examples):
    _, root, _ = examples
    tables = list(root.iter("table"))
    assert len(tables) >= 4
    for table in tables:
        assert text_of(table.find("caption"))
        assert all(th.get("scope") in ("col", "row", "rowgroup") for th in table.iter("th"))
        assert table.find("thead/tr/th[@scope='col']") is not None


def test_states_and_severities_are_words_as_well_as_colours(examples):
    _, root, _ = examples
    for cell in root.iter("td"):
        if cell.get("data-state"):
            assert re.search(r"[a-z]{3}|n/a", text_of(cell)), ElementTree.tostring(cell)
    for badge in root.iter("span"):
        if "sev" in (badge.get("class") or "").split():
            assert text_of(badge) in ("error", "warning", "note")


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_colour_pair_of_the_style_has_enough_contrast():
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", stylesheet()))
    pairs = [(name[:-3], colours[name], colours[name[:-3] + "-bg"]) for name in colours if name.endswith("-fg")]
    assert len(pairs) >= 8
    for name, foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, name
    assert contrast(colours["ink"], colours["paper"]) >= 7


def test_the_page_follows_the_message_language(small):
    page, root = report(small, "--no-config", "register.avg", env={"AVGLINT_LANG": "nl"})
    assert root.get("lang") == "nl" and "Volledigheid art. 30" in page and "ontbreekt" in page
    links = [a.get("href") for a in root.iter("a") if a.get("href", "").startswith("https:")]
    assert links and all("/docs/rules/nl/AVG" in href for href in links)
    _, english = report(small, "--no-config", "register.avg", "--lang", "en", env={"AVGLINT_LANG": "nl"})
    assert english.get("lang") == "en"


# -- what it escapes and loads ----------------------------------------------------------------

HOSTILE = """\
organisatie "<script>alert('organisation')</script>" {
    contact: "<img src=https://example.com/x.png>"
}
groep "</table><script>alert('group')</script>" {
    verwerking "<script>alert('activity')</script> & \x1b[31m" {
        doel: "<iframe src='https://example.com'></iframe>"
        gegevens: alle persoonsgegevens <b>
        grondslag: toestemming   # avglint: ignore[AVG401] reden <script>alert('reason')</script>
    }
}
"""


def test_everything_from_the_input_is_escaped(tmp_path):
    name = "<script>x.avg"
    (tmp_path / name).write_text(HOSTILE, encoding="utf-8")
    page, root = report(tmp_path, "--no-config", name)
    assert [element.tag for element in root.iter() if element.tag in ("script", "img", "iframe", "b")] == []
    text = text_of(root)
    for written in ("<script>alert('organisation')</script>", "</table><script>alert('group')</script>",
                    "<script>alert('activity')</script> & \u241b[31m", "<script>alert('reason')</script>",
                    "<script>x.avg"):
        assert written in text, written
    assert "\x1b" not in page


def test_nothing_is_loaded_from_outside_and_only_rule_pages_are_linked(examples):
    page, root, _ = examples
    for element in root.iter():
        assert element.tag not in ("script", "link", "img", "iframe", "object", "embed"), element.tag
        assert "src" not in element.attrib and "srcset" not in element.attrib
        assert not [name for name in element.attrib if name.startswith("on")]  # no script in an event handler
        href = element.get("href")
        if href is not None and not href.startswith("#"):
            assert RULE_PAGE.match(href), href
    assert not re.search(r"url\(|@import", stylesheet())
    assert re.findall(r"(?:src|href)\s*=\s*[\"']?https?:", page) == re.findall(r'href="https:', page)


# -- rendered in a real browser ---------------------------------------------------------------

def chromium_binary() -> str | None:
    return next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)


@pytest.fixture(scope="module")
def chromium():
    binary = chromium_binary()
    if binary is None:
        pytest.skip("Chromium is not installed (Debian's 'chromium' package): the page cannot be rendered")

    def render(page: Path, *args: str) -> subprocess.CompletedProcess:
        # no network: every host name resolves to nothing. (JavaScript stays on: headless Chromium dumps and
        # prints through it; that the page has no script of its own is tested above.)
        flags = ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                 "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND",
                 f"--user-data-dir={page.parent / 'profile'}"]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        return subprocess.run([binary, *flags, *args, page.as_uri()], capture_output=True, timeout=300)

    return render


@pytest.fixture(scope="module")
def rendered_examples(tmp_path_factory, examples):
    page, _, _ = examples
    folder = tmp_path_factory.mktemp("rendered")
    (folder / "report.html").write_text(page, encoding="utf-8")
    return folder / "report.html"


class _Texts(HTMLParser):
    """The text of each element with an id, in the DOM Chromium dumped."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.texts: dict[str, str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ("meta", "br"):
            self.open.append((tag, dict(attrs).get("id")))

    def handle_endtag(self, tag):
        while self.open:
            closed, _ = self.open.pop()
            if closed == tag:
                break

    def handle_data(self, data):
        for _, element_id in self.open:
            if element_id:
                self.texts[element_id] = self.texts.get(element_id, "") + data


def test_chromium_shows_the_totals(chromium, rendered_examples, examples):
    _, root, _ = examples
    process = chromium(rendered_examples, "--dump-dom")
    assert process.returncode == 0, process.stderr.decode(errors="replace")[-2000:]
    dom = _Texts()
    dom.feed(process.stdout.decode("utf-8"))
    for name in ("error", "warning", "note", "counted", "suppressed", "baselined"):
        assert dom.texts[f"total-{name}"].strip() == text_of(by_id(root, f"total-{name}")), name
    assert "script" not in dom.tags
    assert f"Counted: {text_of(by_id(root, 'total-counted'))} findings (" in " ".join(dom.texts["lead"].split())


def test_chromium_renders_the_escaped_page_without_running_anything(chromium, tmp_path):
    (tmp_path / "register.avg").write_text(HOSTILE, encoding="utf-8")
    report(tmp_path, "--no-config", "register.avg")
    process = chromium(tmp_path / "report.html", "--dump-dom")
    dom = _Texts()
    dom.feed(process.stdout.decode("utf-8"))
    assert {"script", "img", "iframe"}.isdisjoint(dom.tags)
    assert "<script>alert('activity')</script>" in process.stdout.decode("utf-8").replace("&lt;", "<") \
        .replace("&gt;", ">").replace("&amp;", "&")


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the rows of RGB(A) bytes of an 8-bit PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = {}, 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunks.setdefault(kind, []).append(data[position + 8:position + 8 + length])
        position += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[b"IHDR"][0][:10])
    assert depth == 8 and colour_type in (2, 6)
    size = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    stride = width * size
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                nearest = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))[2]
                line[x] = (line[x] + nearest) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(b for i, b in enumerate(row) if i % size < 3) for row in rows]


def test_chromium_paints_the_page_with_its_style(chromium, rendered_examples, tmp_path):
    shot = tmp_path / "report.png"
    process = chromium(rendered_examples, f"--screenshot={shot}", "--window-size=900,700")
    assert process.returncode == 0 and shot.exists(), process.stderr.decode(errors="replace")[-2000:]
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (900, 700)
    pixels = [row[i:i + 3] for row in rows for i in range(0, len(row), 3)]
    white = sum(pixel == b"\xff\xff\xff" for pixel in pixels)
    assert white < 0.97 * len(pixels), "the screenshot is blank"
    colours = dict(re.findall(r"--([\w-]+):\s*#([0-9a-fA-F]{6})", stylesheet()))
    painted = set(pixels)
    for name in ("error-bg", "warning-bg", "head"):  # the badges and table headings are styled
        assert bytes.fromhex(colours[name]) in painted, name


def test_chromium_prints_it_on_a4(chromium, rendered_examples, tmp_path):
    pdf = tmp_path / "report.pdf"
    process = chromium(rendered_examples, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert process.returncode == 0 and pdf.exists(), process.stderr.decode(errors="replace")[-2000:]
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes()))
    assert boxes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)  # A4 in points
