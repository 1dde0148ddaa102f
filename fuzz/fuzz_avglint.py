"""Coverage-guided fuzzing of avglint's parser, model, rules and statement reader (atheris).

    pip install atheris
    python fuzz/fuzz_avglint.py -max_total_time=1800 fuzz/corpus      # a 30-minute campaign
    python fuzz/fuzz_avglint.py -runs=20000 fuzz/corpus                # a quick one

The input is fed to the whole check (decode, parse, model, every rule, SARIF) as a
register and as a Markdown and an HTML statement. Any exception is a crash (but
``UnreadableInput``, lint()'s answer to bytes that are not text at all): atheris
stops and writes the input to crash-<hash>; add it to tests/malformed/ with its
expected diagnostic, fix the bug, and keep the file as a regression test.

The seed corpus, written into an empty corpus directory on the first run: the
examples, the rule fixtures, and 500 registers from the grammar-driven generator
(tests/generation.py), which reach escapes, continuations, suppressions and non-ASCII
text that mutation from the examples alone seldom reaches. More generated seeds, into
any directory: ``python tests/generation.py --count 2000 --seed 1 fuzz/corpus``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from avglint.engine import Config, UnreadableInput, lint
    from avglint.formats.sarif import SarifWriter

ROOT = Path(__file__).resolve().parent.parent
WRITER = SarifWriter(root=ROOT)
CONFIG = Config()
GENERATED_SEEDS = 500


def seed_corpus(directory: Path) -> None:
    if directory.exists() and any(directory.iterdir()):
        return
    directory.mkdir(parents=True, exist_ok=True)
    sources = [*ROOT.glob("examples/**/*.avg"), *ROOT.glob("examples/**/*.md"), *ROOT.glob("tests/rules/**/*.avg")]
    for number, path in enumerate(sources):
        shutil.copy(path, directory / f"seed-{number:04d}{path.suffix}")
    sys.path.insert(0, str(ROOT / "tests"))
    import generation  # after the instrumented imports: it imports avglint too

    generation.write_corpus(directory, GENERATED_SEEDS)


def test_one_input(data: bytes) -> None:
    try:
        result = lint([("fuzz.avg", data)], CONFIG)
    except UnreadableInput:  # not text at all: refused by design, as the command line does
        return
    WRITER.log(result)
    for finding in result.findings:  # positions are computed lazily: exercise them
        _ = (finding.span.line, finding.span.column, finding.span.end_line, finding.span.end_column)
    for name in ("fuzz.md", "fuzz.html"):
        lint([(name, data)], CONFIG)


def main() -> None:
    corpus = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    for directory in corpus:
        seed_corpus(Path(directory))
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
