"""benchmarks/generate.py: determinism, counts, file split, structural validity.

The generated registers are checked with a small scanner written here from the
language description (docs/language.md) alone (avglint's own parser is deliberately
not used): it tokenises strings, comments, commas and braces, rebuilds blocks and fields
(inline lists, continuation lines, dash lists) and checks what the generator
promises: known block kinds and keys, no key twice in a block, no empty field,
unique ids, unique activity names per group, resolvable processor names.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


def _load():
    spec = importlib.util.spec_from_file_location("avg_benchmark_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


gen = _load()

# --- the language, from docs/language.md ----------------------------------------------

BLOCK_KINDS = {
    "organisatie": "organisatie", "organisation": "organisatie", "organization": "organisatie",
    "groep": "groep", "group": "groep",
    "verwerking": "verwerking", "processing": "verwerking", "activity": "verwerking",
    "verwerker": "verwerker", "processor": "verwerker",
}  # fmt: skip
ACTIVITY_FIELDS = {
    "id": ["id"],
    "doel": ["doel", "doeleinden", "purpose", "purposes"],
    "omschrijving": ["omschrijving", "description"],
    "betrokkenen": ["betrokkenen", "subjects", "data subjects"],
    "gegevens": ["gegevens", "persoonsgegevens", "data", "personal data"],
    "bijzondere gegevens": ["bijzondere gegevens", "special data", "special categories"],
    "uitzondering": ["uitzondering", "exception"],
    "grondslag": ["grondslag", "basis", "lawful basis"],
    "belang": ["belang", "interest", "legitimate interest"],
    "intrekken": ["intrekken", "withdrawal"],
    "ontvangers": ["ontvangers", "recipients"],
    "verwerkers": ["verwerkers", "processors"],
    "doorgifte": ["doorgifte", "transfers"],
    "bewaartermijn": ["bewaartermijn", "retention"],
    "beveiliging": ["beveiliging", "security"],
    "systemen": ["systemen", "systems"],
    "bron": ["bron", "source"],
    "dpia": ["dpia"],
    "verantwoordelijke": ["verantwoordelijke", "controller"],
    "eigenaar": ["eigenaar", "owner"],
    "profilering": ["profilering", "profiling", "automated decisions"],
    "gezamenlijk": ["gezamenlijk", "joint controllers"],
    "schaal": ["schaal", "scale"],
    "rol": ["rol", "role"],
}
ORGANISATION_FIELDS = {
    "rol": ["rol", "role"],
    "contact": ["contact"],
    "fg": ["fg", "dpo"],
    "vertegenwoordiger": ["vertegenwoordiger", "representative"],
    "type": ["type"],
    "land": ["land", "country"],
    "gezamenlijk": ["gezamenlijk", "joint controllers"],
}
PROCESSOR_FIELDS = {
    "land": ["land", "country"],
    "waarborg": ["waarborg", "safeguard"],
    "overeenkomst": ["overeenkomst", "agreement"],
    "diensten": ["diensten", "services"],
}


def _alias_table(*tables: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for table in tables:
        for canonical, aliases in table.items():
            for alias in aliases:
                out[alias] = canonical
    return out


# groups and the organisation carry defaults for activities (activity fields)
FIELDS_BY_KIND = {
    "verwerking": _alias_table(ACTIVITY_FIELDS),
    "groep": _alias_table(ACTIVITY_FIELDS),
    "organisatie": _alias_table(ORGANISATION_FIELDS, ACTIVITY_FIELDS),
    "verwerker": _alias_table(PROCESSOR_FIELDS),
}
KEY_RE = re.compile(r"[A-Za-z0-9_-]+(?: [A-Za-z0-9_-]+)*")


def normalise_key(key: str) -> str:
    return re.sub(r"[ _-]", " ", key).lower()


# --- scanner ------------------------------------------------------------------------


class Tok:
    __slots__ = ("kind", "value", "line")

    def __init__(self, kind: str, value: str, line: int) -> None:
        self.kind, self.value, self.line = kind, value, line

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.kind}({self.value!r})@{self.line}"


def tokenize(text: str) -> tuple[list[list[Tok]], dict[str, int]]:
    """Lines of tokens (STR, TEXT, ',', '{', '}'); comments dropped."""
    features = {"escape_quote": 0, "escape_backslash": 0, "escape_newline": 0, "hash_in_string": 0,
                "comma_in_string": 0, "multiline_string": 0, "comments": 0}  # fmt: skip
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n")
    assert "\r" not in text, "lone CR"
    lines: list[list[Tok]] = [[]]
    comment_lines: set[int] = set()
    line = 1
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            start_line = line
            i += 1
            buf = []
            while True:
                assert i < n, f"unterminated string from line {start_line}"
                c = text[i]
                if c == "\\":
                    e = text[i + 1]
                    assert e in '"\\n', f"unknown escape \\{e} on line {line}"
                    features[{'"': "escape_quote", "\\": "escape_backslash", "n": "escape_newline"}[e]] += 1
                    buf.append("\n" if e == "n" else e)
                    i += 2
                    continue
                if c == '"':
                    i += 1
                    break
                if c == "\n":
                    line += 1
                    features["multiline_string"] += 1
                buf.append(c)
                i += 1
            value = "".join(buf)
            features["hash_in_string"] += "#" in value
            features["comma_in_string"] += "," in value
            lines[-1].append(Tok("STR", value, start_line))
        elif c == "#":
            features["comments"] += 1
            comment_lines.add(len(lines) - 1)
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c == "\n":
            line += 1
            lines.append([])
            i += 1
        elif c in ",{}":
            lines[-1].append(Tok(c, c, line))
            i += 1
        else:
            j = i
            while j < n and text[j] not in '",{}#\n':
                j += 1
            lines[-1].append(Tok("TEXT", text[i:j], line))
            i = j
    features["comment_lines"] = comment_lines  # type: ignore[assignment]
    # whitespace-only TEXT carries no meaning
    return [[t for t in toks if t.kind != "TEXT" or t.value.strip()] for toks in lines], features


def split_items(toks: list[Tok]) -> tuple[list[str], bool]:
    """Items of one line; second value: the line ends in ',' (continues)."""
    items: list[str] = []
    segment: list[Tok] = []
    for t in toks + [Tok(",", ",", -1)]:
        if t.kind == ",":
            if t.line == -1 and not segment and items:
                return items, True  # trailing comma
            assert len(segment) == 1, f"malformed item {segment!r}"
            (s,) = segment
            assert s.kind in ("STR", "TEXT"), s
            value = s.value if s.kind == "STR" else s.value.strip()
            assert value.strip(), f"empty item on line {s.line}"
            assert s.kind == "STR" or not value.startswith("-"), value
            items.append(value)
            segment = []
        else:
            assert t.kind in ("STR", "TEXT"), f"unexpected {t!r}"
            segment.append(t)
    return items, False


class Block:
    def __init__(self, kind: str, raw_kind: str, name: str, line: int, parent: "Block | None") -> None:
        self.kind, self.raw_kind, self.name, self.line, self.parent = kind, raw_kind, name, line, parent
        self.fields: dict[str, list[str]] = {}
        self.raw_keys: list[str] = []
        self.children: list[Block] = []

    def group_path(self) -> tuple[str, ...]:
        path = []
        b = self.parent
        while b is not None:
            if b.kind == "groep":
                path.append(b.name)
            b = b.parent
        return tuple(reversed(path))


def parse(text: str) -> tuple[list[Block], dict[str, int]]:
    lines, features = tokenize(text)
    comment_lines = features.pop("comment_lines")
    top: list[Block] = []
    stack: list[Block] = []
    features.update(dash_lists=0, dash_multi=0, continuation=0, dash_continuation=0, dash_comment=0)
    i = 0
    while i < len(lines):
        toks = lines[i]
        i += 1
        if not toks:
            continue
        if toks[-1].kind == "{":
            head = toks[:-1]
            assert head and head[0].kind == "TEXT", f"block without kind on line {toks[-1].line}"
            words = head[0].value.split(None, 1)
            raw_kind = words[0]
            assert raw_kind in BLOCK_KINDS, f"unknown block kind {raw_kind!r}"
            if len(words) == 2:
                assert len(head) == 1
                name = words[1].strip()
            else:
                assert len(head) == 2 and head[1].kind == "STR", head
                name = head[1].value
            assert name, f"unnamed block on line {head[0].line}"
            block = Block(BLOCK_KINDS[raw_kind], raw_kind, name, head[0].line, stack[-1] if stack else None)
            (stack[-1].children if stack else top).append(block)
            stack.append(block)
            continue
        if len(toks) == 1 and toks[0].kind == "}":
            assert stack, f"unbalanced '}}' on line {toks[0].line}"
            stack.pop()
            continue
        # a field
        assert stack, f"field outside a block on line {toks[0].line}"
        block = stack[-1]
        first = toks[0]
        assert first.kind == "TEXT" and ":" in first.value, f"not a field: {toks!r}"
        raw_key, _, rest = first.value.partition(":")
        raw_key = raw_key.strip()
        assert KEY_RE.fullmatch(raw_key), f"bad key {raw_key!r}"
        key = normalise_key(raw_key)
        table = FIELDS_BY_KIND[block.kind]
        assert key in table, f"unknown key {raw_key!r} in {block.kind} on line {first.line}"
        canonical = table[key]
        assert canonical not in block.fields, f"duplicate key {raw_key!r} on line {first.line}"
        value_toks = ([Tok("TEXT", rest, first.line)] if rest.strip() else []) + toks[1:]
        items: list[str] = []
        if value_toks:
            more, cont = split_items(value_toks)
            items += more
            while cont:
                features["continuation"] += 1
                more, cont = split_items(lines[i])
                i += 1
                items += more
        else:
            features["dash_lists"] += 1
            while i < len(lines):
                nxt = lines[i]
                if not nxt:  # comment line (or blank) inside the list
                    features["dash_comment"] += i in comment_lines
                    i += 1
                    continue
                if not (nxt[0].kind == "TEXT" and nxt[0].value.lstrip().startswith("-")):
                    break
                i += 1
                dash_text = nxt[0].value.lstrip()[1:]
                dash_toks = ([Tok("TEXT", dash_text, nxt[0].line)] if dash_text.strip() else []) + nxt[1:]
                more, cont = split_items(dash_toks)
                features["dash_multi"] += len(more) > 1
                items += more
                while cont:
                    features["dash_continuation"] += 1
                    more, cont = split_items(lines[i])
                    i += 1
                    items += more
        assert items, f"empty field {raw_key!r} on line {first.line}"
        block.fields[canonical] = items
        block.raw_keys.append(raw_key)
    assert not stack, f"unclosed block {stack[-1].name!r} from line {stack[-1].line}"
    return top, features


def walk(blocks: list[Block]):
    for b in blocks:
        yield b
        yield from walk(b.children)


def check_register(files: list[tuple[str, str]]) -> dict:
    """Parse all files and check the register-wide promises; returns a summary."""
    parsed = [(name, *parse(text)) for name, text in files]
    blocks = [(name, b) for name, top, _ in parsed for b in walk(top)]
    activities = [(name, b) for name, b in blocks if b.kind == "verwerking"]
    ids = [b.fields["id"][0] for _, b in activities]
    assert all(len(b.fields["id"]) == 1 for _, b in activities)
    assert len(ids) == len(set(ids)), "duplicate ids"
    seen: set[tuple] = set()
    for _, b in activities:
        key = (b.group_path(), " ".join(b.name.casefold().split()))
        assert key not in seen, f"duplicate activity name {key}"
        seen.add(key)
    for _, b in blocks:
        if b.kind in ("verwerking", "verwerker"):
            assert not b.children, "block inside an activity or processor"
    top_groups = [b.name for _, top, _ in parsed for b in top if b.kind == "groep"]
    assert len(top_groups) == len(set(top_groups)), "top-level group names repeat"
    processors = {b.name for _, b in blocks if b.kind == "verwerker"}
    for _, b in activities:
        for ref in b.fields.get("verwerkers", []):
            assert ref in processors, f"dangling processor {ref!r}"
    for _, b in blocks:  # group depth
        assert len(b.group_path()) <= 3
    return {
        "parsed": parsed,
        "blocks": blocks,
        "activities": activities,
        "ids": ids,
        "processors": processors,
    }


HEAD_RE = re.compile(r"^[ \t]*(verwerking|processing|activity)[ \t][^\n]*\{", re.M)


def count_heads(text: str) -> int:
    return len(HEAD_RE.findall(text.lstrip("\ufeff").replace("\r\n", "\n")))


# --- tests --------------------------------------------------------------------------


def test_same_seed_same_bytes() -> None:
    a = gen.generate(300, files=3, seed=7, defects=0.3)
    b = gen.generate(300, files=3, seed=7, defects=0.3)
    assert a == b
    assert [t.encode("utf-8") for _, t in a] == [t.encode("utf-8") for _, t in b]
    assert gen.generate(300, files=3, seed=8, defects=0.3) != a


def test_cli_output_identical_across_processes(tmp_path: Path) -> None:
    # different hash seeds: nothing may depend on set or dict-of-str ordering
    outputs = []
    for hashseed in ("1", "2"):
        out = tmp_path / hashseed
        env = dict(os.environ, PYTHONHASHSEED=hashseed)
        proc = subprocess.run(
            [sys.executable, str(GENERATOR), "--activities", "250", "--files", "2", "--seed", "5",
             "--defects", "0.2", "--out", str(out)],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        assert "total: 2 files" in proc.stdout and "250 activities" in proc.stdout
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert list(outputs[0]) == ["register-01.avg", "register-02.avg"]


def test_cli_reports_files_bytes_activities(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(GENERATOR), "--activities", "40", "--out", str(tmp_path / "o")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    path = tmp_path / "o" / "register.avg"
    size = path.stat().st_size
    assert f"{size} bytes" in proc.stdout
    assert "40 activities" in proc.stdout
    assert count_heads(path.read_bytes().decode("utf-8")) == 40


@pytest.mark.parametrize("n,files", [(0, 1), (1, 1), (37, 1), (500, 1), (101, 4), (5, 8)])
def test_activity_count_written(n: int, files: int) -> None:
    result = gen.generate(n, files=files, seed=n + files)
    assert len(result) == files
    assert sum(count_heads(text) for _, text in result) == n
    summary = check_register(result)
    assert len(summary["activities"]) == n


def test_multi_file_split() -> None:
    n, k = 1003, 5
    result = gen.generate(n, files=k, seed=11)
    names = [name for name, _ in result]
    assert names == [f"register-0{i}.avg" for i in range(1, k + 1)]
    per_file = [count_heads(text) for _, text in result]
    assert sum(per_file) == n
    assert max(per_file) - min(per_file) <= 1
    summary = check_register(result)
    kinds_per_file = [
        [b.kind for b in walk(top) if b.kind in ("organisatie", "verwerker")] for _, top, _ in summary["parsed"]
    ]
    assert kinds_per_file[0].count("organisatie") == 1
    assert all("organisatie" not in kinds for kinds in kinds_per_file[1:])
    assert all("verwerker" not in kinds for kinds in kinds_per_file[:-1])
    assert "verwerker" in kinds_per_file[-1]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_ids_and_names_unique_and_structure_valid(seed: int) -> None:
    result = gen.generate(1500, files=1 + seed, seed=seed, defects=0.5)
    summary = check_register(result)  # asserts uniqueness and structure
    assert len(summary["ids"]) == 1500
    names_per_group: dict[tuple, list[str]] = {}
    for _, b in summary["activities"]:
        names_per_group.setdefault(b.group_path(), []).append(b.name)
    for names in names_per_group.values():
        assert len(names) == len(set(names))


def test_groups_nest_two_or_three_levels_with_defaults() -> None:
    summary = check_register(gen.generate(2000, seed=4))
    depths = {len(b.group_path()) for _, b in summary["activities"]}
    assert depths == {2, 3}
    groups_with_fields = [b for _, b in summary["blocks"] if b.kind == "groep" and b.fields]
    assert groups_with_fields
    assert any("bewaartermijn" in b.fields for b in groups_with_fields)
    org = [b for _, b in summary["blocks"] if b.kind == "organisatie"]
    assert len(org) == 1 and {"beveiliging", "doorgifte"} <= set(org[0].fields)


def test_language_coverage() -> None:
    result = gen.generate(3000, files=6, seed=1, defects=0.2)
    summary = check_register(result)
    raw_keys = {k for _, b in summary["blocks"] for k in b.raw_keys}
    canon = {(b.kind, c) for _, b in summary["blocks"] for c in b.fields}
    # every field of every block kind
    for field in ACTIVITY_FIELDS:
        assert ("verwerking", field) in canon or ("groep", field) in canon, field
    for field in ORGANISATION_FIELDS:
        assert ("organisatie", field) in canon, field
    for field in PROCESSOR_FIELDS:
        assert ("verwerker", field) in canon, field
    # English aliases and spelling variants of multi-word keys
    normalised = {normalise_key(k) for k in raw_keys}
    for alias in ("purpose", "data subjects", "personal data", "special data", "lawful basis", "retention"):
        assert alias in normalised, alias
    assert "bijzondere gegevens" in raw_keys
    assert any(k in raw_keys for k in ("Bijzondere_Gegevens", "Bijzondere-Gegevens", "Bijzondere_gegevens"))
    assert any("_" in k for k in raw_keys) and any("-" in k for k in raw_keys)
    assert any(k != k.lower() for k in raw_keys)
    # block kind aliases
    raw_kinds = {b.raw_kind for _, b in summary["blocks"]}
    assert {"verwerking", "processing", "activity", "groep", "group", "verwerker", "processor"} <= raw_kinds
    # lexical features
    features: dict[str, int] = {}
    for _, _, f in summary["parsed"]:
        for k, v in f.items():
            features[k] = features.get(k, 0) + v
    for feature in ("escape_quote", "escape_backslash", "escape_newline", "hash_in_string", "comma_in_string",
                    "multiline_string", "comments", "dash_lists", "dash_multi", "dash_comment", "dash_continuation",
                    "continuation"):  # fmt: skip
        assert features[feature] > 0, feature
    texts = [t for _, t in result]
    assert any("\r\n" in t for t in texts) and any("\r\n" not in t for t in texts)
    assert any("\t" in t for t in texts)
    joined = "".join(texts)
    for ch in "éëö–’":
        assert ch in joined, ch
    # quoted and bare names
    assert re.search(r'^[ \t]*verwerking "', joined, re.M)
    assert re.search(r"^[ \t]*verwerking [^\"\s]", joined, re.M)


def test_no_defects_when_disabled() -> None:
    text = "".join(t for _, t in gen.generate(3000, files=2, seed=3, defects=0.0))
    assert "Gerechtigd belang" not in text
    assert "zo lang als nodig" not in text.lower()
    assert "SurveyFlow" not in text and "ChatBotly" not in text
    summary = check_register(gen.generate(800, seed=3, defects=0.0))
    for _, b in summary["activities"]:
        f = b.fields
        inherited = any(
            "bewaartermijn" in g.fields for _, g in summary["blocks"] if g.kind == "groep" and g.name in b.group_path()
        )
        assert "bewaartermijn" in f or inherited, b.name
        if "bijzondere gegevens" in f and f["bijzondere gegevens"] not in (["geen"], ["none"]):
            assert "uitzondering" in f, b.name


def test_defects_are_legal_not_structural() -> None:
    result = gen.generate(4000, files=3, seed=9, defects=1.0)
    summary = check_register(result)  # still structurally clean
    text = "".join(t for _, t in result)
    assert "Gerechtigd belang" in text
    assert "zo lang als nodig" in text.lower()
    acts = [b for _, b in summary["activities"]]
    consent = [b for b in acts if b.fields.get("grondslag", [""])[0].lower().startswith(("toestemming", "consent"))]
    assert any("intrekken" not in b.fields for b in consent)
    interest = [b for b in acts if "belang" in b.fields.get("grondslag", [""])[0].lower()]
    assert any("belang" not in b.fields for b in interest)
    special = [b for b in acts if "bijzondere gegevens" in b.fields and b.fields["bijzondere gegevens"] != ["geen"]]
    assert any("uitzondering" not in b.fields for b in special)
    processors = {b.name: b for _, b in summary["blocks"] if b.kind == "verwerker"}
    unsafe = [p for p in processors.values() if p.fields["land"] == ["Verenigde Staten"] and "waarborg" not in p.fields]
    assert unsafe
    assert any(any(r in (p.name for p in unsafe) for r in b.fields.get("verwerkers", [])) for b in acts)
    groups_with_retention = {b.name for _, b in summary["blocks"] if b.kind == "groep" and "bewaartermijn" in b.fields}
    assert any("bewaartermijn" not in b.fields and not set(b.group_path()) & groups_with_retention for b in acts)


def test_defect_share_roughly_follows_fraction() -> None:
    _, stats = gen._build(5000, 1, 0, 0.1)
    total = sum(stats.values())
    assert 350 < total < 650
    assert set(stats) == set(gen.DEFECT_KINDS)


def test_arguments_validated() -> None:
    with pytest.raises(ValueError):
        gen.generate(-1)
    with pytest.raises(ValueError):
        gen.generate(10, files=0)
    with pytest.raises(ValueError):
        gen.generate(10, defects=1.5)
    with pytest.raises(ValueError):
        gen.generate(10, distinct=1.5)


def test_the_largest_benchmark_register_has_every_activity() -> None:
    """The 50,000 of benchmarks/run.py (which reports how long generating it takes) are all written."""
    [(_, text)] = gen.generate(50_000, seed=1)
    assert count_heads(text) == 50_000
