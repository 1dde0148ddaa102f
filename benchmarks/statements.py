"""How the time to read and check a privacy statement grows with its length.

    python benchmarks/statements.py [--copies 4,16,64] [--repeat 3]

checks examples/statements/megawatt.md with N copies of its body added as further
sections, with every rule, in this process, and prints the best time of each size.
Target: four times the text takes at most eight times as long (linear with room for
noise; a quadratic step would take sixteen). Exit status 1 when a step misses it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

STATEMENT = Path(__file__).resolve().parent.parent / "examples" / "statements" / "megawatt.md"


def statement_with(copies: int) -> bytes:
    base = STATEMENT.read_text(encoding="utf-8")
    body = base.split("\n", 3)[3]
    return (base + "\n".join(f"## Deel {i}\n\n{body}" for i in range(copies))).encode("utf-8")


def seconds(copies: int, repeat: int) -> float:
    from avglint.engine import Config, lint

    data = statement_with(copies)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        lint([], Config(select=["AVG", "AVG9"]), statements=[("privacy.md", data)])
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", default="4,16,64")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(n) for n in args.copies.split(",")]
    seconds(1, 1)  # vocabularies compiled and rules imported before anything is timed
    times = {n: seconds(n, args.repeat) for n in sizes}
    missed = False
    for n in sizes:
        print(f"{n:>4} copies ({len(statement_with(n)) / 1e3:7.1f} kB): {times[n]:.3f} s")
    for small, large in zip(sizes, sizes[1:]):
        ratio = times[large] / times[small]
        allowed = 2 * large / small
        missed |= ratio > allowed
        print(f"time({large}) / time({small}) = {ratio:.1f} (at most {allowed:.0f})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
