"""Registers generated from grammar/avg.lark, valid and near-valid, for property tests and fuzzing.

How the grammar drives it: grammar/avg.lark is compiled with Lark and its rules are walked
from ``start`` (``block*``, a block's head, its entries and ``RBRACE``, ``FIELD DASH_ITEM*``), each
choice between a rule's expansions drawn from the caller's source of randomness, so every
structure the grammar allows is reached (nested groups, empty blocks, fields with dash lines)
and a change to the grammar's rules changes what is generated. hypothesis's own
``from_lark`` does not fit this grammar: its tokens are deliberately coarse (a whole field
line, continuation lines included, is one FIELD token, a dash line one DASH_ITEM) and what
makes them realistic depends on the enclosing block (which keys a ``verwerking`` has), which
a context-free terminal strategy cannot know. So each terminal has its own writer here, with
the enclosing blocks as context:

- BLOCK_HEAD: the block kinds of grammar/language.yaml, Dutch and English, in any case, and
  sometimes an unknown one; no name, a plain name or a quoted one (escapes, several lines).
- FIELD and DASH_ITEM: the keys of the enclosing kind (every alias, other separators and
  case, sometimes an unknown key); values taken from the registers in examples/ and the rule
  fixtures in tests/rules/, written plain or quoted with every escape form (``\\"``, ``\\\\``,
  a backslash before any character and at the end of a line), as multi-line quoted text,
  as continuation lines (a line ending in a comma, comment lines between) and as dash lists.
- What the grammar ignores (_NL and white space) between tokens: line breaks, blank lines,
  comment lines and the four suppression forms (end of line, next line, block, file).

Names and values get non-ASCII and astral text (emoji and emoji sequences, combining marks,
right-to-left text and controls). Every token written is checked against the terminal's own
regular expression in the grammar, so the generator cannot drift from the grammar unnoticed.
A valid register then becomes bytes: UTF-8, sometimes with a byte-order mark or CRLF line
ends, and for a near-valid one with one or two mutations (a brace or quote dropped, a stray
``\\xff``, lone lead byte, NUL, backslash or quote inserted, the file cut short).

Randomness comes from a ``Choices`` object: ``registers()`` is a hypothesis strategy (it would
shrink towards short, plain registers); ``sample(count, seed)`` gives a fixed list without
hypothesis, for the fuzzing harness's seed corpus (``python tests/generation.py DIR`` writes one).
avglint is imported inside the functions, so that the harness can instrument it first.
"""

from __future__ import annotations

import random
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
GRAMMAR = ROOT / "grammar" / "avg.lark"
INDENT = "    "
MAX_DEPTH = 4
# Odds of a rule's richer expansions against its cheapest one (weight 2): a register is seldom empty.
RICHER = {"start": 60}
# Odds of a list's end (its cheapest expansion) where 2 would end it too seldom: a block's entries.
ENDS = {"open_block": 70}
# Odds that a list goes on, by what it holds.
GOES_ON = {"block": 4, "FIELD": 8, "DASH_ITEM": 3}

# Text that is not plain ASCII, each piece chosen for what it does to positions and output:
# astral code points (two UTF-16 units), emoji sequences, combining marks, right-to-left text
# and controls, a line separator that is not a line break in the language, a no-break space.
FOREIGN_TEXT = ["é", "ë", "Ø", "ß", "–", "’", "€", "数据", "😀", "🔒", "👩\u200d💻", "🇳🇱", "𝔸𝔹", "𐍈",
                "e\u0301", "a\u0308\u0332", "עברית", "العربية", "\u200f", "\u202eabc\u202c", "\u2028", "\u00a0",
                "\u200b", "\ufeff"]
# A backslash before these inside quotes: the documented escapes, other letters, a quote-like
# character, an astral one, and the line break (a backslash at the end of a line).
ESCAPED = ['"', "\\", "n", "t", "d", "k", "x", "0", "é", "😀", " ", "'", "\n"]
UNKNOWN_KINDS = ["registratie", "activiteit", "afdeling", "Verwerkingen", "x"]
UNKNOWN_KEYS = ["doell", "notitie", "opmerking", "purpose of processing", "Rechtsgrond", "bewaar-termijnen"]
PLAIN_WORDS = ["klantenservice", "HR", "de afdeling Zorg", "Marketing & Sales", "1.4", "ZR-04", "x", "C:\\data",
               "a:b", "tel. 010-123", "Ü-bahn"]
COMMENTS = ["# opmerking", "#", "# TODO: nakijken", "# © 2024 — Gemeente Ékster", "# 😀 emoji", "# \u202eRTL",
            '# "quoted" #', "# { niet } , een blok"]


class Choices:
    """A source of random choices, built on one primitive: ``integer(low, high)``, both ends included."""

    def __init__(self, integer):
        self.integer = integer

    def chance(self, percent: int) -> bool:
        """True with the given probability; shrinks towards False."""
        return self.integer(0, 99) >= 100 - percent

    def pick(self, options):
        """One of ``options``; shrinks towards the first."""
        return options[self.integer(0, len(options) - 1)]


def seeded(seed: int) -> Choices:
    return Choices(random.Random(seed).randint)


def drawn(draw) -> Choices:
    """Choices drawn by hypothesis (inside ``st.composite``)."""
    from hypothesis import strategies as st

    return Choices(lambda low, high: draw(st.integers(low, high)))


class Grammar(NamedTuple):
    expansions: dict[str, list[tuple[str, ...]]]   # nonterminal -> its expansions, cheapest first
    patterns: dict[str, re.Pattern[str]]           # terminal -> its regular expression
    cost: dict[str, int]                           # fewest tokens a symbol can produce


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    from lark import Lark

    lark = Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr", lexer="contextual")
    terminals, rules, _ = lark.grammar.compile(["start"], ())
    patterns = {terminal.name: re.compile(terminal.pattern.to_regexp()) for terminal in terminals}
    expansions: dict[str, list[tuple[str, ...]]] = {}
    for rule in rules:
        expansions.setdefault(rule.origin.name, []).append(tuple(symbol.name for symbol in rule.expansion))
    cost = {name: 1 for name in patterns}
    changed = True
    while changed:  # fixpoint: the cheapest expansion of each nonterminal
        changed = False
        for name, options in expansions.items():
            best = min((sum(cost.get(s, 10**6) for s in option) for option in options), default=10**6)
            if best < cost.get(name, 10**6):
                cost[name], changed = best, True
    for options in expansions.values():
        options.sort(key=lambda option: sum(cost[s] for s in option))
    return Grammar(expansions, patterns, cost)


class Vocabulary(NamedTuple):
    kinds: dict[str, list[str]]          # canonical block kind -> every way to write it
    keys: dict[str, list[str]]           # canonical block kind -> every key written in it
    canonical: dict[str, str]            # normalised key -> canonical key
    values: dict[str, list[str]]         # canonical key -> values found in real registers
    rule_names: list[str]                # rule ids, prefixes and slugs, for suppressions


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    from avglint.language import language, normalize_key
    from avglint.parser import parse
    from avglint.registry import all_rules
    from avglint.source import decode

    lang = language()
    kinds: dict[str, list[str]] = {}
    for written, kind in lang.block_kinds.items():
        kinds.setdefault(kind, []).append(written)
    keys = {kind: sorted(table) for kind, table in lang.fields.items()}
    values: dict[str, set[str]] = {}
    registers = sorted([*ROOT.glob("examples/*.avg"), *ROOT.glob("tests/rules/**/*.avg")])
    for path in registers:
        source, problems = decode(path.name, path.read_bytes())
        for top in parse(source, problems).blocks:
            for block in top.walk():
                for field in block.fields.values():
                    values.setdefault(field.key, set()).update(item.value for item in field.items if item.value)
    rules = all_rules()
    names = sorted({*rules, *(r.slug for r in rules.values()), *(r[:4] for r in rules), *(r[:5] for r in rules)})
    return Vocabulary(kinds, keys, {normalize_key(k): v for k, v in lang.all_fields.items()},
                      {key: sorted(found) for key, found in values.items()}, names)


class Writer:
    """Walks the grammar from ``start`` and writes each terminal; the text is in ``parts``."""

    def __init__(self, choices: Choices):
        self.choices = choices
        self.grammar = grammar()
        self.vocabulary = vocabulary()
        self.parts: list[str] = []
        self.kinds: list[str | None] = []   # the enclosing blocks, innermost last
        self.used: list[set[str]] = []      # the keys each of them has so far
        self.budget = choices.integer(1, 60)  # tokens to write before taking the cheapest way out
        self.last: str | None = None
        self.key: str | None = None           # canonical key of the field being written

    # -- the grammar --------------------------------------------------------
    def expand(self, symbol: str, following: tuple[str, ...] = ()) -> None:
        if symbol in self.grammar.patterns:
            self.terminal(symbol, following)
            return
        options = self.grammar.expansions[symbol]
        first = [option for option in options if option[:1] != (symbol,)]
        self.write(self.expansion(symbol, first))
        if len(first) == len(options):
            return
        # A list (left recursion, ``X: X a | b``: Lark's ``x*``, a block's entries) is written as it is read, from
        # the left: its first part, then each further part chosen as it comes, knowing what is written before it
        # (the block it is in); drawing a first part again ends it.
        while (option := self.expansion(symbol, options))[:1] == (symbol,):
            self.write(option[1:])

    def write(self, option: tuple[str, ...]) -> None:
        for index, part in enumerate(option):
            self.expand(part, option[index + 1:])

    def expansion(self, symbol: str, options: list[tuple[str, ...]]) -> tuple[str, ...]:
        if self.budget <= 0:
            return options[0]
        weights = [self.weight(symbol, option) for option in options]
        roll = self.choices.integer(0, sum(weights) - 1)
        for option, weight in zip(options, weights):
            if roll < weight:
                return option
            roll -= weight
        raise AssertionError("unreachable")

    def weight(self, symbol: str, option: tuple[str, ...]) -> int:
        """How likely an expansion is: registers and blocks are seldom empty, lists go on, blocks hold
        mostly fields and nest in a groep (elsewhere a nested block is a mistake, so a rare one)."""
        weight = ENDS.get(symbol, 2) if option == self.grammar.expansions[symbol][0] else RICHER.get(symbol, 2)
        if symbol in option:  # a list that goes on: a few dash lines, more fields
            weight *= GOES_ON[option[1]]
        if "FIELD" in option:  # a field, which has dash lines now and then (one in three)
            weight *= 20 if option[-1] == "FIELD" else 10
        if "block" in option and self.kinds:
            weight *= 0 if len(self.kinds) >= MAX_DEPTH else 10 if self.kinds[-1] in ("groep", None) else 1
        return weight

    # -- terminals ------------------------------------------------------------
    def terminal(self, name: str, following: tuple[str, ...]) -> None:
        self.budget -= 1
        if name != "DASH_ITEM" and self.last is not None:
            self.separator(name)
        text = getattr(self, f"write_{name.lower()}")(following)
        assert self.grammar.patterns[name].fullmatch(text), (name, text)
        self.parts.append(text)
        self.last = name

    def separator(self, before: str) -> None:
        """What the grammar ignores between two tokens: spaces, comments, line breaks."""
        choose = self.choices
        if before == "RBRACE" and self.last in ("BLOCK_HEAD", "FIELD") and choose.chance(20):
            self.parts.append(" ")  # a block on one line
            return
        if before == "FIELD" and self.last == "BLOCK_HEAD" and choose.chance(5):
            self.parts.append(" ")
            return
        text = ""
        if choose.chance(15):
            text += choose.pick(["  ", " ", "\t"]) + self.comment(inline=True)
        text += "\n"
        for _ in range(choose.integer(1, 3) if choose.chance(30) else 0):  # blank lines and comment lines
            text += choose.pick(["", INDENT, "  \t"]) + (self.comment(inline=False) if choose.chance(40) else "") + "\n"
        depth = len(self.kinds) - (before == "RBRACE")
        text += choose.pick([INDENT * depth, "\t" * depth, " " * depth])
        spaces = len(text) - len(text.lstrip(" \t"))
        assert not text[:spaces] or self.grammar.patterns["__IGNORE_1"].fullmatch(text[:spaces])
        assert self.grammar.patterns["_NL"].fullmatch(text[spaces:]), text
        self.parts.append(text)

    def write_block_head(self, following) -> str:
        choose, vocabulary = self.choices, self.vocabulary
        parent = self.kinds[-1] if self.kinds else "top"
        allowed = {"top": ["verwerking", "groep", "organisatie", "verwerker"],
                   "groep": ["verwerking", "groep", "verwerker"]}.get(parent, ["verwerking", "groep"])
        if choose.chance(6):
            kind, written = None, choose.pick(UNKNOWN_KINDS)
        else:
            kind = choose.pick(allowed)
            written = self.spelling(choose.pick(sorted(vocabulary.kinds[kind])), key=False)
        self.kinds.append(kind)
        self.used.append(set())
        name = ""
        if not choose.chance(8):
            name = " " + (self.quoted(self.name_text()) if choose.chance(50) else self.plain_name())
        return f"{written}{name}{choose.pick([' ', '', '  ', chr(9)])}{{"

    def write_rbrace(self, following) -> str:
        self.kinds.pop()
        self.used.pop()
        return "}"

    def write_field(self, following) -> str:
        choose = self.choices
        kind = self.kinds[-1]
        keys = self.vocabulary.keys.get(kind) or self.vocabulary.keys["verwerking"]
        fresh = [key for key in keys if self.vocabulary.canonical[key] not in self.used[-1]]
        if choose.chance(4):
            written = choose.pick(UNKNOWN_KEYS)
        else:  # a key twice in a block is reported; now and then it happens
            written = self.spelling(choose.pick(fresh if fresh and not choose.chance(3) else keys), key=True)
        from avglint.language import normalize_key

        self.key = self.vocabulary.canonical.get(normalize_key(written))
        self.used[-1].add(self.key)
        colon = choose.pick([":", " :", ":"])
        if following and choose.chance(85):
            return written + colon  # the items follow on dash lines
        if choose.chance(3):
            return written + colon  # empty: reported, never a crash
        return f"{written}{colon} {self.items(continued=True)}"

    def write_dash_item(self, following) -> str:
        choose = self.choices
        text = ""
        if choose.chance(10):
            self.parts.append(choose.pick([" ", "  "]))  # white space, ignored, then the comment
            text += self.comment(inline=True)
        text += "\n" + INDENT * len(self.kinds)
        if choose.chance(8):
            text += self.comment(inline=False) + "\n" + INDENT * len(self.kinds)
        return text + INDENT + "-" + choose.pick([" ", "  ", ""]) + self.items(continued=choose.chance(20))

    # -- pieces ---------------------------------------------------------------
    def items(self, continued: bool) -> str:
        """One or more items separated by commas; some lines end in a comma and go on below."""
        choose = self.choices
        text = self.item()
        for _ in range(choose.integer(0, 4) if choose.chance(40) else 0):
            if continued and choose.chance(30):
                text += "," + (choose.pick(["  ", " "]) + self.comment(inline=True) if choose.chance(20) else "")
                if choose.chance(15):
                    text += "\n" + INDENT * len(self.kinds) + self.comment(inline=False)
                text += "\n" + INDENT * (len(self.kinds) + 1)
            else:
                text += choose.pick([", ", ",", " , "])
            text += self.item()
        return text

    def item(self) -> str:
        choose = self.choices
        pool = self.vocabulary.values.get(self.key or "") or PLAIN_WORDS
        value = choose.pick(pool)
        if choose.chance(20):
            value = self.foreign(value)
        plain = value.strip() == value and value and not re.search(r'[,{}#"\n]', value) \
            and not value.startswith("-")
        if plain and not choose.chance(25):
            return value
        return self.quoted(value)

    def quoted(self, value: str) -> str:
        """``value`` in quotes: escaped where it must be, and with extra escapes and line breaks."""
        choose = self.choices
        pieces = []
        for character in value:
            if character in '"\\':
                pieces.append("\\" + character)
            elif character == "\n":
                pieces.append(choose.pick(["\\n", "\n"]))
            else:
                pieces.append(character)
        for _ in range(choose.integer(0, 3) if choose.chance(40) else 0):
            at = choose.integer(0, len(pieces))
            pieces.insert(at, "\\" + choose.pick(ESCAPED) if choose.chance(80) else "\n" + INDENT)
        return '"' + "".join(pieces) + '"'

    def name_text(self) -> str:
        choose = self.choices
        kind = self.kinds[-1]
        pool = {"verwerker": ["Mailchimp", "Microsoft Ireland", "AFAS Software B.V.", "Zivver"]}.get(
            kind, ["Klachten", "Werving en selectie", "Klachten, vragen", 'Het "slimme" meten', "Salaris\\HR",
                   "Sociaal domein", "Voorbeeld B.V.", "C:\\data\\klanten"])
        name = choose.pick(pool)
        return self.foreign(name) if choose.chance(30) else name

    def plain_name(self) -> str:
        name = re.sub(r'[,{}#"\n\\]', "", self.name_text()).strip() or "x"
        return name

    def foreign(self, text: str) -> str:
        at = self.choices.integer(0, len(text))
        return text[:at] + self.choices.pick(FOREIGN_TEXT) + text[at:]

    def spelling(self, word: str, *, key: bool) -> str:
        """``word`` as people write it: in other case, with ``_`` or ``-`` for spaces (keys)."""
        choose = self.choices
        if choose.chance(15):
            word = choose.pick([word.upper(), word.title(), word.capitalize()])
        if key and " " in word and choose.chance(20):
            word = word.replace(" ", choose.pick(["_", "-", "  "]))
        return word

    def comment(self, *, inline: bool) -> str:
        """A comment: plain, or a suppression (at a line's end: that line, field or block; alone: the next line,
        or with ignore-file the whole file), sometimes one avglint cannot read."""
        choose = self.choices
        if not choose.chance(50):
            text = choose.pick(COMMENTS)
            return "#" + self.foreign(text[1:]) if choose.chance(20) else text
        names = ",".join(choose.pick(self.vocabulary.rule_names) for _ in range(choose.integer(1, 3)))
        form = choose.pick(["ignore"] * 8 + ["ignore-file"] * 3 + ["ignore ", "negeer"])
        reason = choose.pick(["", " reden", " belangenafweging in DPIA-2024-07", " 😀 zie \u202eDPIA", " ]"])
        bracketed = choose.pick([f"[{names}]"] * 12 + [f"[{names}", "[]", f"[AVG999,{names}]"])
        return f"# avglint: {form}{bracketed}{reason}"


def register_text(choices: Choices) -> str:
    """A register as the grammar allows it: no syntax error, whatever the rules think of it."""
    writer = Writer(choices)
    if choices.chance(15):
        writer.parts.append(writer.comment(inline=False) + "\n")
    writer.expand("start")
    return "".join(writer.parts) + ("\n" if choices.chance(90) else "")


# (action, bytes): a brace or quote dropped, a stray byte inserted, the file cut short
MUTATIONS = (("drop", b"{"), ("drop", b"}"), ("drop", b'"'), ("insert", b"\xff"), ("insert", b"\xff"),
             ("insert", b"\xc3"), ("insert", b"\x00"), ("insert", b"\\"), ("insert", b'"'), ("cut", b""))


def register_bytes(choices: Choices, *, near_valid: bool = True) -> bytes:
    """A generated register as file bytes: BOM and CRLF sometimes, one mutation for a near-valid one."""
    text = register_text(choices)
    if choices.chance(15):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if choices.chance(10):
        data = b"\xef\xbb\xbf" + data
    for _ in range(choices.integer(1, 2) if near_valid and choices.chance(40) else 0):
        data = mutate(data, *choices.pick(MUTATIONS), choices)
    return data


def mutate(data: bytes, action: str, what: bytes, choices: Choices) -> bytes:
    if action == "cut":
        return data[:choices.integer(0, len(data))]
    if action == "drop":
        places = [match.start() for match in re.finditer(re.escape(what), data)]
        if not places:
            return data
        at = choices.pick(places)
        return data[:at] + data[at + 1:]
    # anywhere, or at the start of a block's name or of a quoted value, from where it reaches the output
    places = [match.end() for match in re.finditer(rb'(?m)^[ \t]*\w+[ \t]+"?|"', data)]
    at = choices.pick(places) if places and choices.chance(60) else choices.integer(0, len(data))
    return data[:at] + what + data[at:]


def registers(*, near_valid: bool = True):
    """A hypothesis strategy for registers as file bytes."""
    from hypothesis import strategies as st

    return st.composite(lambda draw: register_bytes(drawn(draw), near_valid=near_valid))()


def valid_registers():
    """A hypothesis strategy for registers as text, before any mutation."""
    from hypothesis import strategies as st

    return st.composite(lambda draw: register_text(drawn(draw)))()


def sample(count: int, seed: int = 0) -> list[bytes]:
    """``count`` registers, always the same for the same seed (no hypothesis needed)."""
    return [register_bytes(seeded(seed * 1_000_003 + number)) for number in range(count)]


def write_corpus(directory: Path, count: int = 500, seed: int = 0) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for number, data in enumerate(sample(count, seed)):
        path = directory / f"generated-{number:04d}.avg"
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Write generated registers (a fuzzing seed corpus).")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args(argv)
    written = write_corpus(options.directory, options.count, options.seed)
    print(f"wrote {len(written)} registers to {options.directory}")


if __name__ == "__main__":
    main(sys.argv[1:])
