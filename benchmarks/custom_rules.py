"""What custom rules cost: a check of a generated register with and without 20 custom rules.

    python benchmarks/custom_rules.py [--activities 10000] [--repeat 3]

The register is benchmarks/generate.py's (deterministic). Both checks run in this process on the
same files with every built-in rule; the second adds the 20 rules below, read from a configuration
file as a user writes them: the sample configuration's (examples/custom-rules/.avglint.yaml) and
twelve more of the same kinds (fields missing, present, matching, equal; lawful bases, special
and criminal data, transfers, role, group; all/any/not). Target (issue 17): at most 15 % more time.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "examples" / "custom-rules" / ".avglint.yaml"
TARGET = 1.15

MORE_RULES = """
  - {id: BEN001, slug: ben-no-owner, severity: note, message: "{activity} has no owner", when: {missing: eigenaar}}
  - {id: BEN002, slug: ben-profiling, severity: note, message: "{activity} profiles", when: {present: profilering}}
  - {id: BEN003, slug: ben-cv, severity: note, message: "{value}", when: {field: gegevens, matches: "\\\\bcv\\\\b"}}
  - {id: BEN004, slug: ben-recruitee, severity: note, message: "{value}",
     when: {field: systemen, equals: recruitee}}
  - {id: BEN005, slug: ben-consent, severity: note, message: "{activity}", when: {basis: [a]}}
  - {id: BEN006, slug: ben-contract-or-law, severity: note, message: "{activity}", when: {basis: [b, c]}}
  - {id: BEN007, slug: ben-special-no-exception, severity: note, message: "{activity}",
     when: {all: [{special-data: true}, {missing: uitzondering}]}}
  - {id: BEN008, slug: ben-criminal, severity: note, message: "{activity}", when: {criminal-data: true}}
  - {id: BEN009, slug: ben-transfer-no-dpia, severity: note, message: "{activity}",
     when: {all: [{transfer: true}, {not: {present: dpia}}]}}
  - {id: BEN010, slug: ben-processor, severity: note, message: "{activity}", when: {role: processor}}
  - {id: BEN011, slug: ben-hr-long, severity: note, message: "{value}",
     when: {all: [{in-group: Personeelszaken}, {field: bewaartermijn, matches: "[1-9][0-9]* jaar"}]}}
  - {id: BEN012, slug: ben-any, severity: note, message: "{activity}",
     when: {any: [{missing: doel}, {field: doel, matches: "marketing|nieuwsbrief"}, {missing: betrokkenen}]}}
"""

_spec = importlib.util.spec_from_file_location("generate", HERE / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(activities: int, repeat: int) -> dict:
    from avglint.config import load_project
    from avglint.engine import Config, lint

    files = [(name, text.encode("utf-8")) for name, text in generate.generate(activities)]
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / ".avglint.yaml"
        path.write_text(SAMPLE.read_text(encoding="utf-8") + MORE_RULES, encoding="utf-8")
        custom = load_project(path).config
    assert len(custom.custom_rules) == 20, len(custom.custom_rules)
    plain = Config(root=custom.root)
    lint(files, plain)  # the vocabularies loaded and the parser built once, for both
    counts = {}

    def check(config, name):
        result = lint(files, config)
        counts[name] = sum(1 for f in result.findings if f.rule in {r.id for r in custom.custom_rules})

    without = best_of(repeat, lambda: check(plain, "without"))
    with_rules = best_of(repeat, lambda: check(custom, "with"))
    return {"activities": activities, "without": without, "with": with_rules, "ratio": with_rules / without,
            "custom findings": counts["with"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args(argv)
    figures = measure(options.activities, options.repeat)
    print(f"{figures['activities']} activities: {figures['without']:.2f} s without custom rules, "
          f"{figures['with']:.2f} s with 20 ({figures['custom findings']} findings of theirs): "
          f"+{(figures['ratio'] - 1) * 100:.1f} % (target: at most +{(TARGET - 1) * 100:.0f} %)")
    return 0 if figures["ratio"] <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
