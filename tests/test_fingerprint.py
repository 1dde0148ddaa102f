"""avglint.formats.fingerprint against github/codeql-action's fingerprints.ts.

The expected values are the official ones: every ``testHash`` vector of
github/codeql-action ``src/fingerprints.test.ts`` (snapshot f3f1edb,
2026-06-13) and the two fingerprints of its ``addFingerprints`` end-to-end test
(``src/testdata/fingerprinting.expected.sarif`` over ``testFile1.js`` and
``testFile2.js``).  A straightforward unit-by-unit port of the upstream loop
(``_reference`` below, test-only) is the oracle for random inputs.
"""

from __future__ import annotations

import random

import pytest

from avglint.formats import fingerprint
from avglint.formats.fingerprint import line_hashes, line_hashes_at, primary_location_line_hash
from avglint.source import SourceFile

# fingerprints.test.ts, test("hash"): (input, expected hashes), in file order.
UPSTREAM_VECTORS = [
    ("", ["c129715d7a2bc9a3:1"]),
    (
        " a\nb\n  \t\tc\n d",
        ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"],
    ),
    (
        " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
        [
            "8b7cf3e952e7aeb2:1",
            "b1ae1287ec4718d9:1",
            "bff680108adb0fcc:1",
            "c6805c5e1288b612:1",
            "b86d3392aea1be30:1",
            "e6ceba753e1a442:1",
        ],
    ),
]
_GREETINGS = [
    "e9496ae3ebfced30:1",
    "fb7c023a8b9ccb3f:1",
    "ce8ba1a563dcdaca:1",
    "e20e36e16fcb0cc8:1",
    "b3edc88f2938467e:1",
    "c8e28b0b4002a3a0:1",
    "c129715d7a2bc9a3:1",
]
UPSTREAM_VECTORS += [
    (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", _GREETINGS),
    (" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", _GREETINGS),
    (" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", _GREETINGS),
    (" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", _GREETINGS),
    (
        "Lorem ipsum dolor sit amet.\n" * 10,
        [
            "a7f2ff13bc495cf2:1",
            "a7f2ff13bc495cf2:2",
            "a7f2ff13bc495cf2:3",
            "a7f2ff13bc495cf2:4",
            "a7f2ff13bc495cf2:5",
            "a7f2ff13bc495cf2:6",
            "a7f2ff1481e87703:1",
            "a9cf91f7bbf1862b:1",
            "55ec222b86bcae53:1",
            "cc97dc7b1d7d8f7b:1",
            "c129715d7a2bc9a3:1",
        ],
    ),
    (
        "x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
        [
            "e54938cc54b302f1:1",
            "bb609acbe9138d60:1",
            "1131fd5871777f34:1",
            "5c482a0f8b35ea28:1",
            "54517377da7028d2:1",
            "2c644846cb18d53e:1",
            "f1b89f20de0d133:1",
            "c129715d7a2bc9a3:1",
        ],
    ),
]

# addFingerprints end-to-end test: (file text, startLine, primaryLocationLineHash)
UPSTREAM_FILES = [
    ("var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n", 1, "5e4d5a9cf1294ad9:1"),
    ("var foo = 0;\nvar bar = 0;\nvar baz = 0;\nvar qux = 0;\n", 2, "f7592a95a9381ac0:1"),
]


def _reference(text: str) -> list[str]:
    """Unit-by-unit transcription of fingerprints.ts ``hash`` (the oracle)."""
    mask = (1 << 64) - 1
    first_mod = pow(37, 100, 1 << 64)
    window = [0] * 100
    line_numbers = [-1] * 100
    state = {"h": 0, "index": 0, "line": 0, "line_start": True, "prev_cr": False}
    counts: dict[str, int] = {}
    out: list[tuple[int, str]] = []

    def output() -> None:
        value = format(state["h"], "x")
        counts[value] = counts.get(value, 0) + 1
        out.append((line_numbers[state["index"]], f"{value}:{counts[value]}"))
        line_numbers[state["index"]] = -1

    def update(current: int) -> None:
        i = state["index"]
        begin = window[i]
        window[i] = current
        state["h"] = (37 * state["h"] + current - first_mod * begin) & mask
        state["index"] = (i + 1) % 100

    def process(current: int) -> None:
        if current in (0x20, 0x09) or (state["prev_cr"] and current == 0x0A):
            state["prev_cr"] = False
            return
        if current == 0x0D:
            current = 0x0A
            state["prev_cr"] = True
        else:
            state["prev_cr"] = False
        if line_numbers[state["index"]] != -1:
            output()
        if state["line_start"]:
            state["line_start"] = False
            state["line"] += 1
            line_numbers[state["index"]] = state["line"]
        if current == 0x0A:
            state["line_start"] = True
        update(current)

    data = text.encode("utf-16-le", "surrogatepass")
    for i in range(0, len(data), 2):
        process(data[i] | data[i + 1] << 8)
    process(65535)
    for _ in range(100):
        if line_numbers[state["index"]] != -1:
            output()
        update(0)
    assert [n for n, _ in out] == list(range(1, len(out) + 1))
    return [h for _, h in out]


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@pytest.mark.parametrize("text,expected", UPSTREAM_VECTORS)
def test_upstream_hash_vectors(text: str, expected: list[str]) -> None:
    assert line_hashes(text) == expected
    # the upstream test also checks one callback per line (split on \r\n|\r|\n)
    assert len(line_hashes(text)) == len(_split_lines(text))
    for i, value in enumerate(expected, start=1):
        assert primary_location_line_hash(text, i) == value


@pytest.mark.parametrize("text,line,expected", UPSTREAM_FILES)
def test_upstream_add_fingerprints_vectors(text: str, line: int, expected: str) -> None:
    assert primary_location_line_hash(text, line) == expected


def test_reference_port_agrees_with_upstream_vectors() -> None:
    for text, expected in UPSTREAM_VECTORS:
        assert _reference(text) == expected


REGISTER = (
    "# Verwerkingsregister Enpuls (excerpt)\n"
    'organisatie "Enpuls B.V." {\n'
    "    rol: verwerkingsverantwoordelijke\n"
    "    contact: privacy@enpuls.nl\n"
    "}\n"
    "\n"
    'groep "Zakelijke relaties" {\n'
    '    verwerking "Klachtenregistratie" {\n'
    "        id: 1.4\n"
    '        doel: "Enpuls legt de klachten en vragen van klanten vast"\n'
    "        betrokkenen: klanten, zakelijke relaties\n"
    "        gegevens: naam, e-mailadres, telefoonnummer,\n"
    '                  "inhoud van de klacht"\n'
    "        grondslag: Gerechtigd belang\n"
    "        bewaartermijn: 2 jaar na afhandeling   # zie beleid\n"
    "    }\n"
    "}\n"
)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_give_identical_hashes(newline: str) -> None:
    for text in [REGISTER, *(t for t, _ in UPSTREAM_VECTORS)]:
        lf = text.replace("\r\n", "\n").replace("\r", "\n")
        assert line_hashes(lf.replace("\n", newline)) == line_hashes(lf)


def test_mixed_line_endings() -> None:
    lf = REGISTER
    lines = lf.split("\n")
    mixed = ""
    for i, line in enumerate(lines[:-1]):
        ending = ("\r\n", "\r", "\n")[i % 3]
        if ending == "\r" and not lines[i + 1]:
            ending = "\r\n"  # "\r" then an empty line's "\n" would read as one "\r\n"
        mixed += line + ending
    mixed += lines[-1]
    assert "\r" in mixed.replace("\r\n", "")
    assert line_hashes(mixed) == line_hashes(lf)


def test_blank_between_cr_and_lf_is_two_line_breaks() -> None:
    # upstream: a blank resets the "previous was CR" flag
    assert line_hashes("a\r \nb") == line_hashes("a\n\nb")
    assert len(line_hashes("a\r\t\nb")) == 3


def test_inserting_lines_above_moves_line_but_keeps_hash() -> None:
    target = REGISTER.split("\n").index("        grondslag: Gerechtigd belang") + 1
    before = primary_location_line_hash(REGISTER, target)
    insert = (
        "# Afdeling HR, bijgewerkt 2024\n"
        'verwerker "Mailchimp" {\n'
        "    land: Verenigde Staten\n"
        "}\n"
    )
    moved = insert + REGISTER
    assert primary_location_line_hash(moved, target + 4) == before
    assert primary_location_line_hash(moved, target) != before
    # changing the line itself changes its hash
    edited = REGISTER.replace("Gerechtigd belang", "gerechtvaardigd belang")
    assert primary_location_line_hash(edited, target) != before


def test_whitespace_inside_lines_is_ignored() -> None:
    spaced = REGISTER.replace("    ", "\t").replace(": ", ":")
    assert line_hashes(spaced) == line_hashes(REGISTER)


def test_one_entry_per_line_including_last_empty_line() -> None:
    hashes = line_hashes(REGISTER)
    assert len(hashes) == REGISTER.count("\n") + 1
    assert hashes[-1] == "c129715d7a2bc9a3:1"
    assert len(line_hashes("no newline")) == 1


def test_duplicate_lines_are_counted() -> None:
    text = "}\n" * 3 + "x" * 200
    hashes = line_hashes(text)
    # each "}" line sees different following units, but the counts are per value
    values = [h.split(":")[0] for h in hashes]
    for i, h in enumerate(hashes):
        value, count = h.split(":")
        assert int(count) == values[: i + 1].count(value)


def test_out_of_range_line() -> None:
    with pytest.raises(ValueError):
        primary_location_line_hash("a\nb", 0)
    with pytest.raises(ValueError):
        primary_location_line_hash("a\nb", 3)
    assert primary_location_line_hash("a\nb", 2) == line_hashes("a\nb")[1]


def test_non_bmp_counts_as_two_utf16_units() -> None:
    text = "naam: 😀 é – ’\n" * 3 + "x\n"
    assert line_hashes(text) == _reference(text)
    # a surrogate pair is not the same as one unit
    assert line_hashes("😀\n") != line_hashes("\uffff\n")


def test_lone_surrogate_does_not_crash() -> None:
    text = "a\ud800b\nc"
    assert line_hashes(text) == _reference(text)


def test_random_texts_match_reference_port() -> None:
    rng = random.Random(20240613)
    alphabet = [
        "a", "Z", "0", " ", "\t", "\n", "\r", "\r\n", "\r \n", "é", "–", "😀",
        "\uffff", "\x00", '"', "#", "{", "}", "verwerking ", "x" * 60,
    ]  # fmt: skip
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        assert line_hashes(text) == _reference(text), repr(text)


def test_long_texts_match_reference_port() -> None:
    # exercise chunk boundaries (4096 units) and lines longer than a chunk
    rng = random.Random(7)
    parts = []
    for _ in range(120):
        parts.append("w" * rng.choice([0, 1, 5, 99, 100, 101, 4095, 4096, 4097, 9000]))
        parts.append(rng.choice(["\n", "\r\n", "  \n", "\t"]))
    text = "".join(parts)
    assert line_hashes(text) == _reference(text)


@pytest.mark.parametrize("piece", [None, 1, 5])
def test_hashes_of_lines_read_where_the_source_says_they_start_are_the_same(piece, monkeypatch) -> None:
    if piece:
        monkeypatch.setattr(fingerprint, "_PIECE", piece)
        monkeypatch.setattr(fingerprint, "_PIECE_LINES", piece)  # lines read at a time where their starts are known
    for text in _assorted_texts() + ["a\n" + " " * 300 + "\n\n" + "b" * 150 + "\nb\n" * 30,
                                     "é " * 60 + "\n" + "é" * 60 + "\n" + "é " * 60 + "x\n"]:  # alike in bytes only
        everything = line_hashes(text)
        starts = SourceFile("t.avg", text).line_starts  # "\r" ends no line here: then they are not used
        assert line_hashes_at(text, range(len(everything) + 2), starts) == dict(enumerate(everything, 1)), text


def test_line_hashes_returns_a_fresh_list() -> None:
    first = line_hashes("a\nb")
    first.append("junk")
    assert line_hashes("a\nb") == first[:2]
    assert len(line_hashes("a\nb")) == 2


def test_large_text() -> None:
    line = '        gegevens: naam, e-mailadres, "inhoud van de klacht", telefoonnummer\n'
    text = "".join(f"{i % 7} {line}" for i in range(60_000))  # ~4.5 MB, every window repeats
    hashes = line_hashes(text)
    assert len(hashes) == 60_001
    lines = [1, 2, 8, 9, 19_999, 20_000, 20_001, 30_000, 40_001, 59_999, 60_000, 60_001]  # across the pieces split at once
    assert line_hashes_at(text, lines) == {n: hashes[n - 1] for n in lines}
    assert hashes[7].endswith(":2") and hashes[59_999].endswith(":1")


def _assorted_texts() -> list[str]:
    rng = random.Random(8)
    alphabet = ["a", "b", " ", "\t", "\r", "\n", "\r\n", "é", "\ufeff", "\ud83d\ude00", "😀", "\ud800"]
    texts = [REGISTER, REGISTER * 5, *(t for t, _ in UPSTREAM_VECTORS), *(t for t, _, _ in UPSTREAM_FILES)]
    texts += ["", "\n", "x", "same\n" * 300 + "end", "line 😀\n" * 40]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 500))) for _ in range(200)]
    return texts


@pytest.mark.parametrize("piece", [None, 1, 7, 64])  # the text is read a piece at a time: pieces of any size
def test_hashes_of_some_lines_equal_the_hashes_of_all_lines(piece, monkeypatch) -> None:
    if piece:
        monkeypatch.setattr(fingerprint, "_PIECE", piece)
    texts = _assorted_texts()
    if piece:  # blank lines and runs of blanks longer than a window, across pieces
        texts += ["a\n" + " " * 300 + "\n" * 3 + "\t" * 150 + "b\n" * 40, ("x \r\n" * 90 + "\r") * 3]
    for text in texts:
        everything = line_hashes(text)
        expected = {n: value for n, value in enumerate(everything, 1)}
        assert line_hashes_at(text, range(len(everything))) == {n: expected[n] for n in range(1, len(everything))}
        assert line_hashes_at(text, [len(everything), len(everything) + 1, 0, -3]) == {
            len(everything): everything[-1]}
        assert line_hashes_at(text, []) == {}


@pytest.mark.parametrize("last", ["", "😀", "\ud800", "€"])
def test_a_large_text_is_hashed_by_its_widest_character(last) -> None:
    # a text stored two bytes a character has no character outside the BMP; one stored in four may
    text = "naam: café – ’ b\n" * 400 + last + "\n"
    everything = line_hashes(text)
    assert everything == _reference(text)
    assert line_hashes_at(text, range(1, len(everything) + 1)) == dict(enumerate(everything, 1))
