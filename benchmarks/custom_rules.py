"""What custom rules cost: a check of a generated register with and without 20 custom rules.

    python benchmarks/custom_rules.py [--activities 10000] [--repeat 3]

The register is benchmarks/generate.py's (deterministic). Both checks run in this process on the
same files with every built-in rule, alternately, and the best processor time of each counts; the
second adds the 20 rules below, read from a configuration file as a user writes them: the sample
configuration's (examples/custom-rules/.avglint.yaml) and ten more of the same kinds (fields missing,
present, matching, equal; lawful bases, special and criminal data, transfers, role, group;
all/any/not). Target (issue 17): at most 15 % more time.
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
  - {id: BEN002, slug: ben-profiling, severity: note, message: "{activity} profiles", when: {present: profilering}}
  - {id: BEN003, slug: ben-cv, severity: note, message: "{value}", when: {field: gegevens, matches: "\\\\bcv\\\\b"}}
  - {id: BEN004, slug: ben-recruitee, severity: note, message: "{value}",
     when: {field: systemen, equals: recruitee}}
  - {id: BEN005, slug: ben-consent, severity: note, message: "{activity}", when: {basis: [a]}}
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


def cpu_time(work) -> float:
    """The processor time ``work`` takes: on a shared machine, less disturbed by the other processes
    than the wall-clock time (the check is single-threaded and does no I/O here)."""
    gc.collect()
    start = time.process_time()
    work()
    return time.process_time() - start


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
    ids = {declared.id for declared in custom.custom_rules}
    found = sum(1 for finding in lint(files, custom).findings if finding.rule in ids)  # and warmed up, for both
    without, with_rules = [], []
    for _ in range(repeat):  # alternately, so that a slow moment of the machine falls on both
        without.append(cpu_time(lambda: lint(files, plain)))
        with_rules.append(cpu_time(lambda: lint(files, custom)))
    without, with_rules = min(without), min(with_rules)
    return {"activities": activities, "without": without, "with": with_rules, "ratio": with_rules / without,
            "custom findings": found}


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
