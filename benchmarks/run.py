"""avglint's benchmarks: throughput against the floor, scaling, start-up and memory.

    python benchmarks/run.py [--sizes 100,1000,10000,50000] [--repeat 3] [--distinct 0.67] [--out benchmarks/out]
                             [--docs]
    python benchmarks/run.py --from-results benchmarks/out/results.json   # the report again, no measuring
    python benchmarks/run.py --startup-only   # the start-up figures alone, printed (no report)

writes benchmarks/out/report.md and benchmarks/out/benchmark.svg, and prints the
headline figures; with --docs also docs/benchmarks.md (above its hand-written sections)
and docs/benchmark.svg. Everything is measured side by side on the same machine and the
same generated files (benchmarks/generate.py, deterministic), so the ratios mean
something even where absolute times do not. The registers come in two kinds: the
generator's own, whose values repeat row after row (a few per cent of them distinct),
and the same registers with realistic distinctness (--distinct: two-thirds of the
activities' values distinct, as in real registers), so that what avglint remembers per
distinct text does not flatter the figures. Every figure that depends on the register is
measured on both:

- floor: read the file and run one compiled regular-expression tokenizer over it
  (a token per word, string, comment and punctuation mark) — the least any Python
  parser does; measured before the checks of a register and again after them, and the
  faster kept, so that a moment of a shared machine's slowness cannot flatter a ratio;
- Lark parse alone: the same grammar (grammar/avg.lark) with a plain Lark parser
  building a tree, without avglint's model;
- parse + model: avglint's parser building the typed model;
- full check: `avglint check --format sarif` in a fresh process (start-up, every rule
  and the SARIF log written; no cache from an earlier repeat but the one between runs),
  as the command runs by default: on a register of 2,000 activities or more its rules run
  in as many processes as it may use CPUs (up to 4); for those registers the same check
  in one process (`--jobs 1`) is measured too;
- peak memory of the full check, against the file size: the resident set of the full
  check's process (what the issue's target is about), and the peak of Python's heap
  (tracemalloc, in a separate process);
- start-up: `avglint --version` and a check of a file of five activities (text and SARIF), against
  `python -c pass`.

Every figure taken from a process (the full check, peak memory, start-up) runs avglint
as users run it: the wheel built from this checkout, installed with its `fast` extra
into a fresh virtual environment (not editable, bytecode compiled by pip), through its
`avglint` command; `python -c pass` is that environment's interpreter. An editable
install would add its import hook to every start, `python -c pass` included, and halve
the start-up ratios. The in-process figures (floor, Lark, parse + model) run here.

Targets (issues 8 and 15): full check of 10,000 activities at >= 10 % of the floor's
throughput; time(50,000) / time(5,000) <= 11; `--version` <= 3x and a 5-activity check
<= 12x `python -c pass`; peak resident memory for 50,000 activities <= 15x the file size;
on both kinds of register.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import cache, partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|#[^\n]*|[^\s,{}:#"]+|[,{}:\-]|\n')

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


def floor(paths: list[Path]) -> None:
    for path in paths:
        text = path.read_bytes().decode("utf-8-sig")
        for _ in TOKEN.finditer(text):
            pass


@cache  # built once, outside the timed runs after the first
def _plain_lark():
    from importlib import resources

    from lark import Lark

    grammar = resources.files("avglint.grammar").joinpath("avg.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual", cache=True)


def lark_alone(paths: list[Path]) -> None:
    parser = _plain_lark()
    for path in paths:
        text = path.read_bytes().decode("utf-8-sig")
        parser.parse(text if text.endswith("\n") else text + "\n")


def parse_and_model(paths: list[Path]):
    from avglint.model import Register
    from avglint.parser import parse
    from avglint.source import decode

    results = [parse(*decode(str(path), path.read_bytes())) for path in paths]
    return Register([r.source for r in results], [b for r in results for b in r.blocks])


def distinct_share(paths: list[Path]) -> float:
    """The share of the activities' field values (items, ids included) that are distinct."""
    values = [item.value for activity in parse_and_model(paths).activities for field in activity.fields.values()
              for item in field.items]
    return len(set(values)) / len(values)


class Installation:
    """avglint installed as a user installs it: the wheel of this checkout in a fresh virtual environment."""

    def __init__(self, where: Path):
        import venv

        self.where = where
        dist = where / "dist"
        subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q",
                        "-w", str(dist)], check=True)
        [wheel] = dist.glob("avglint-*.whl")
        environment = where / "venv"
        venv.EnvBuilder(with_pip=True, clear=True).create(environment)
        scripts = environment / ("Scripts" if os.name == "nt" else "bin")
        self.python = str(scripts / "python")
        self.avglint = str(scripts / "avglint")
        subprocess.run([self.python, "-m", "pip", "install", "-q", "--compile", f"{wheel}[fast]"], check=True)
        # the first run builds the caches every installation keeps (parser tables, vocabularies)
        self.run([self.avglint, "rules"], check=True, stdout=subprocess.DEVNULL)

    def environment(self) -> dict[str, str]:
        """A user's environment, without what a developer's shell may add: no source tree on the path
        (the working directory is outside it too), bytecode files read and written. The cache between
        runs is this installation's own, as a user's is, so that other installations of the machine
        neither share nor evict it."""
        env = dict(os.environ)
        for name in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV", "AVGLINT_NO_CACHE"):
            env.pop(name, None)
        env["AVGLINT_CACHE_DIR"] = str(self.where / "cache")
        return env

    def run(self, command: list[str], *, check: bool, **options) -> subprocess.CompletedProcess:
        """``command`` in a user's environment (see environment())."""
        return subprocess.run(command, env=self.environment(), cwd=self.where, check=check, **options)


def _full_check_command(installed: Installation, paths: list[Path], output: str, *options: str) -> list[str]:
    return [installed.avglint, "check", "--no-config", "--exit-zero", "--format", "sarif", "--output", output,
            *options, *map(str, paths)]


def full_check(installed: Installation, paths: list[Path], *options: str) -> None:
    """``avglint check --format sarif`` in a fresh process, as a user or CI runs it: start-up,
    every rule and the SARIF log written included, nothing remembered from an earlier repeat."""
    with tempfile.TemporaryDirectory() as scratch:
        installed.run(_full_check_command(installed, paths, os.path.join(scratch, "out.sarif"), *options), check=True,
                      stdout=subprocess.DEVNULL)


# Started by a small interpreter of its own: a process's peak resident memory as the kernel keeps it
# includes what the process that started it had resident when it did (the mapping it leaves at exec),
# and this benchmark holds every generated register; `python -c pass` started from here "peaked" at it.
PEAK_PROBE = """
import resource, subprocess, sys
status = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
if status:
    sys.exit(status)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_resident(installed: Installation, paths: list[Path]) -> int:
    """The peak resident memory of one full check, in bytes."""
    with tempfile.TemporaryDirectory() as scratch:
        output = installed.run([installed.python, "-c", PEAK_PROBE,
                                *_full_check_command(installed, paths, os.path.join(scratch, "out.sarif"))],
                               check=True, capture_output=True, text=True)
    return int(output.stdout.split()[-1]) * (1 if sys.platform == "darwin" else 1024)  # KB except on macOS


MEMORY_PROBE = """
import json, sys, tracemalloc
paths = sys.argv[1:]
tracemalloc.start()
from avglint.engine import Config, lint
import avglint.rules, avglint.vocab
avglint.vocab.load().compile_all()
base = tracemalloc.get_traced_memory()[0]
tracemalloc.reset_peak()
result = lint([(p, open(p, 'rb').read()) for p in paths], Config())
print(json.dumps({"peak": tracemalloc.get_traced_memory()[1] - base, "findings": len(result.findings)}))
"""


def peak_memory(installed: Installation, paths: list[Path]) -> int:
    output = installed.run([installed.python, "-c", MEMORY_PROBE, *map(str, paths)], capture_output=True,
                           text=True, check=True).stdout
    return json.loads(output)["peak"]


PARALLEL_FROM = 2_000  # activities: from here `avglint check` runs its rules in more processes (engine.LARGE)
SMALL = "".join(f'verwerking "Activiteit {n}" {{\n  doel: iets\n  grondslag: toestemming\n}}\n' for n in range(1, 6))


def startup(installed: Installation, repeat: int) -> dict[str, float]:
    """Median wall time of each command, the commands taken in turn so that a slower spell of the
    machine falls on all of them."""
    five = installed.where / "five.avg"  # five activities
    five.write_text('organisatie "X" {\n  contact: a@b.nl\n}\n' + SMALL, encoding="utf-8")
    commands = {"python -c pass": [installed.python, "-c", "pass"],
                "avglint --version": [installed.avglint, "--version"],
                "avglint check five.avg": [installed.avglint, "check", str(five)],
                "avglint check --format sarif five.avg": [installed.avglint, "check", "--format", "sarif", str(five)]}
    runs: dict[str, list[float]] = {name: [] for name in commands}
    for turn in range(1 + repeat * 10):  # the first turn warms the page cache and is not counted
        for name, command in commands.items():
            start = time.perf_counter()
            installed.run(command, capture_output=True, check=False)  # findings exit 1
            if turn:
                runs[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in runs.items()}


def exponent(sizes, times, low, high) -> float | None:
    by_size = dict(zip(sizes, times))
    if low in by_size and high in by_size and high > low:
        return math.log(by_size[high] / by_size[low]) / math.log(high / low)
    return None


KINDS = {"generator": "generator's values", "realistic": "realistic distinctness"}
PAGE = ROOT / "docs" / "benchmarks.md"
HAND_WRITTEN = "## The language server"  # the page's sections from here on are written by hand and kept


def svg(single: dict[str, list[dict]], path: Path) -> None:
    """Two panels: throughput (MB/s) and time (s) against the number of activities, log scales; the
    registers with realistic distinctness dashed."""
    width, height, pad = 900, 360, 60
    series = [("floor", "#888888", "generator"), ("lark", "#1f77b4", "generator"), ("model", "#2ca02c", "generator"),
              ("check", "#d62728", "generator"), ("model", "#2ca02c", "realistic"), ("check", "#d62728", "realistic")]
    series = [(name, colour, values) for name, colour, values in series if values in single]
    xs = sorted({row["activities"] for rows in single.values() for row in rows})
    x_min, x_max = math.log10(min(xs)), math.log10(max(xs))

    def panel(offset_x, unit, label):
        def values(name, kind):
            return [(row["activities"], row[f"{name}_{unit}"]) for row in single[kind] if row[f"{name}_{unit}"] > 0]

        flat = [y for name, _, kind in series for _, y in values(name, kind)]
        y_min, y_max = math.log10(min(flat)), math.log10(max(flat))
        pw = width / 2 - pad * 1.5

        def point(x, y):
            px = offset_x + pad + (math.log10(x) - x_min) / max(x_max - x_min, 1e-9) * pw
            py = height - pad - (math.log10(y) - y_min) / max(y_max - y_min, 1e-9) * (height - 2 * pad)
            return px, py

        parts = [f'<text x="{offset_x + pad}" y="20" font-size="14">{label}</text>',
                 f'<line x1="{offset_x + pad}" y1="{height - pad}" x2="{offset_x + pad + pw}" y2="{height - pad}" '
                 'stroke="black"/>',
                 f'<line x1="{offset_x + pad}" y1="{pad}" x2="{offset_x + pad}" y2="{height - pad}" stroke="black"/>']
        for x in xs:
            px, _ = point(x, 10 ** y_min)
            parts.append(f'<text x="{px - 15}" y="{height - pad + 18}" font-size="11">{x:,}</text>')
        for i, (name, colour, kind) in enumerate(series):
            points = [point(x, y) for x, y in values(name, kind)]
            dash = ' stroke-dasharray="6,4"' if kind == "realistic" else ""
            parts.append('<polyline fill="none" stroke="{}" stroke-width="2"{} points="{}"/>'.format(
                colour, dash, " ".join(f"{px:.1f},{py:.1f}" for px, py in points)))
            for px, py in points:
                parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>')
            legend = name if kind == "generator" else f"{name}, realistic (dashed)"
            # below the axis, three to a row, clear of the lines
            parts.append(f'<text x="{offset_x + pad + 125 * (i % 3)}" y="{height - pad + 36 + 14 * (i // 3)}" '
                         f'font-size="11" fill="{colour}">{legend}</text>')
        return parts

    parts = panel(0, "mbs", "throughput, MB/s (log)") + panel(width / 2, "s", "time, s (log)")
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                    f'font-family="sans-serif">{"".join(parts)}</svg>\n', encoding="utf-8")


def check_and_peak(installed: Installation, paths: list[Path], repeat: int) -> tuple[float, int]:
    """The best time of ``repeat`` full checks, and the peak resident memory of one more."""
    seconds = best_of(repeat, lambda: full_check(installed, paths))
    return seconds, peak_resident(installed, paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000,10000,50000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", type=int, default=10, help="files for the multi-file variant")
    parser.add_argument("--distinct", type=float, default=0.67, metavar="SHARE",
                        help="share of distinct values in the registers with realistic distinctness (default 0.67)")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--docs", action="store_true",
                        help=f"also write the report into {PAGE.relative_to(ROOT)} (above '{HAND_WRITTEN}') "
                             "and its plot into docs/")
    parser.add_argument("--from-results", type=Path, metavar="JSON",
                        help="write the report again from an earlier run's results.json, measuring nothing")
    parser.add_argument("--startup-only", action="store_true",
                        help="measure the start-up figures alone and print them; the report is not written")
    args = parser.parse_args()
    if args.startup_only:
        with tempfile.TemporaryDirectory(prefix="avglint-bench-") as work:
            start = startup(Installation(Path(work) / "installed"), args.repeat)
        for name, seconds in start.items():
            print(f"{name:>40}: {seconds * 1000:6.1f} ms = {seconds / start['python -c pass']:4.1f}x python -c pass")
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    if args.from_results:
        earlier = json.loads(args.from_results.read_text(encoding="utf-8"))
        write_report(earlier["rows"], earlier["startup"], sorted({r["activities"] for r in earlier["rows"]}), args.out,
                     earlier.get("load", []))
    else:
        with tempfile.TemporaryDirectory(prefix="avglint-bench-") as work:  # the wheel's venv and the registers
            measure(args, sizes, Path(work))
    print(f"report: {args.out / 'report.md'}")
    if args.docs:
        publish(args.out)
        print(f"page: {PAGE}")


def measure(args, sizes: list[int], work: Path) -> None:
    load = [os.getloadavg()[1]]  # the machine's load (5-minute average), at the start and at the end
    installed = Installation(work / "installed")
    rows = []
    variants = [("one file", 1, None), (f"{args.files} files", args.files, None), ("one file", 1, args.distinct)]
    for layout, files, distinct in variants:
        values = "generator" if distinct is None else "realistic"
        for size in sizes:
            directory = work / f"{size}-{files}-{values}"
            directory.mkdir()
            paths = []
            started = time.perf_counter()
            generated = generate.generate(size, files=files, seed=1, distinct=distinct)
            generate_s = time.perf_counter() - started
            for name, text in generated:
                (directory / name).write_text(text, encoding="utf-8", newline="")
                paths.append(directory / name)
            megabytes = sum(p.stat().st_size for p in paths) / 1e6
            repeat = args.repeat if size <= 10_000 else 1
            row = {"layout": layout, "values": values, "distinct": distinct_share(paths), "activities": size,
                   "mb": megabytes, "generate_s": generate_s,
                   "floor_s": best_of(repeat, partial(floor, paths)),
                   "lark_s": best_of(repeat, partial(lark_alone, paths)),
                   "model_s": best_of(repeat, partial(parse_and_model, paths))}
            row["check_s"], row["rss_bytes"] = check_and_peak(installed, paths, repeat)
            if size >= PARALLEL_FROM:  # where the default check runs its rules in more processes
                row["check_one_s"] = best_of(repeat, partial(full_check, installed, paths, "--jobs", "1"))
            # the floor again, after the checks, and the best kept: one measured while the machine was slow
            # would flatter every ratio taken against it
            row["floor_s"] = min(row["floor_s"], best_of(repeat, partial(floor, paths)))
            for name in ("floor", "lark", "model", "check", "check_one"):
                if f"{name}_s" in row:
                    row[f"{name}_mbs"] = megabytes / row[f"{name}_s"]
            if files == 1 and size == max(sizes):
                row["peak_bytes"] = peak_memory(installed, paths)
            rows.append(row)
            print(f"{layout:>9} {KINDS[values]:>22} {size:>7,} activities {megabytes:6.1f} MB "
                  f"({row['distinct']:.0%} distinct): floor {row['floor_mbs']:6.1f} MB/s, "
                  f"check {row['check_mbs']:5.2f} MB/s ({row['check_mbs'] / row['floor_mbs']:.1%}); "
                  f"generated in {generate_s:.1f} s", flush=True)
    start = startup(installed, args.repeat)
    load.append(os.getloadavg()[1])
    write_report(rows, start, sizes, args.out, load)


# What the measurements showed when a target was missed (keyed by the target's first word); the
# full check's entry is completed with the measured breakdown (see breakdown()).
WHY = {
    "full": "Full check: on the generator's registers the rules are now under half of the check (each visits only "
            "the activities where it can report, and reads each distinct text once); reading the file into the typed "
            "model takes the rest: Lark with lark-cython alone runs at about a third of the floor's speed, and building the "
            "model costs about as much again. On registers of realistic distinctness (two-thirds of the values "
            "distinct) the rules' text analysis dominates: it runs once per distinct text, and there are three "
            "times as many. Term lists skip the texts that hold none of their keys (a word, the start of one, "
            "a piece of text: most texts), and a rule's needs screen a field's texts for its lists at once; "
            "what is left is the first reading of each distinct text's words (about a fifth of the check), "
            "the scans of texts that hold a key of a list but none of its terms (a tenth: a term is known by "
            "one of its words), and the rules' own reading of the texts that pass. On a register this large the check "
            "runs its rules in as many processes as it may use CPUs, each a share of the rule families; a share "
            "reads the texts its rules need, so texts two shares read are read twice, and parsing stays in one "
            "process.",
    "time(50,000)": "Scaling: nothing compares pairs (cross-entry rules index by key). On the generator's registers "
                    "the extra time at 50,000 activities comes with the memory (allocation and cache misses cost "
                    "more per object; the ratio moves by a tenth from run to run, as the 5,000-activity check takes "
                    "about a second). On registers of realistic distinctness, a 50,000-activity register has about "
                    "450,000 distinct texts; the keys of each are kept for all of them, and the rest of what "
                    "avglint remembers per text starts again at 100,000 (readings.TABLE_LIMIT): with no limit the "
                    "check took as long and 120 MB more, so what grows is the cost of each object and lookup in "
                    "tables and a model several times the processor's caches, not work done again.",
    "check": "Start-up of a small check (in-process CPU time, Python 3.11, a 5-activity file, caches warm; "
             "measured on a loaded machine, about a fifth above a quiet one's): click with the standard library "
             "it needs about 28 ms, avglint's command line and formats about 7 ms, Lark with lark-cython about 30 "
             "ms (the package imports its grammar compiler too), the parser, model and vocabulary modules about "
             "16 ms, the application (app, engine, configuration) about 8 ms, the rule families about 10 ms; the "
             "check itself about 26 ms (the cached vocabularies about 8 ms, the parser from its cached tables "
             "about 1.5 ms, the rules about 11 ms). No longer paid: the interpreter's teardown (about 20 ms: the "
             "process ends when the command does, after the exit handlers), the garbage collector's passes (about "
             "10 ms: paused for the whole check), working out the rules' documentation (about 4 ms: done when "
             "explain, SARIF or the docs read it) and building the other commands' options (about 2.5 ms); a "
             "SARIF log no longer imports sarif-om and attrs (about 40 ms). A first run after installing or "
             "upgrading also builds the vocabularies (about 0.5 s).",
    "peak": "Memory: the model keeps every field and item with its offsets.",
}


def _one_process(row: dict) -> str:
    """The full check in one process (``--jobs 1``) against the floor, where it differs from the default."""
    return f"{row['check_one_mbs'] / row['floor_mbs']:.1%}" if "check_one_mbs" in row else ""


def breakdown(row: dict, start: dict) -> str:
    """Where the time of one full check goes, from what was measured."""
    startup = start["avglint check five.avg"]
    model = row["model_s"]
    rest = max(row["check_s"] - startup - model, 0.0)
    return (f"{KINDS[row['values']].capitalize()}: of the {row['check_s']:.2f} s of the {row['activities']:,}-activity "
            f"check, start-up takes about {startup:.2f} s, parsing and the model {model:.2f} s "
            f"({row['model_mbs'] / row['floor_mbs']:.1%} of the floor's throughput on their own) and the rules with "
            f"the SARIF log {rest:.2f} s"
            + (f" ({row['check_one_s'] - startup - model:.2f} s in one process)" if "check_one_s" in row else "")
            + f". At 10 % of the floor the whole check would have {row['mb'] / (0.1 * row['floor_mbs']):.2f} s.")


def targets_of(kind_rows: list[dict], start: dict, sizes: list[int]) -> list[tuple[str, str, bool]]:
    """The issue's targets that depend on the register, measured on one kind of register: (target, figure, met)."""
    targets = []
    ten = next((r for r in kind_rows if r["activities"] == 10_000), None)
    if ten:
        ratio = ten["check_mbs"] / ten["floor_mbs"]
        one = f" (one process: {_one_process(ten)})" if "check_one_mbs" in ten else ""
        targets.append(("full check of 10,000 activities >= 10 % of the floor", f"{ratio:.1%}{one}", ratio >= 0.10))
    # growth is judged on the check without the start-up that every run pays once
    startup_s = start["avglint check five.avg"]
    work = {r["activities"]: max(r["check_s"] - startup_s, 1e-9) for r in kind_rows}
    if 5000 in work and 50_000 in work:
        ratio = work[50_000] / work[5000]
        targets.append(("time(50,000) / time(5,000) <= 11 (start-up left out)", f"{ratio:.1f}", ratio <= 11))
    largest = next((r for r in kind_rows if r["activities"] == max(sizes) and "rss_bytes" in r), None)
    if largest:
        size = largest["mb"] * 1e6
        ratio = largest["rss_bytes"] / size
        heap = f"; Python's heap {largest['peak_bytes'] / size:.1f}x" if "peak_bytes" in largest else ""
        targets.append((f"peak memory for {largest['activities']:,} activities <= 15x the file size",
                        f"{ratio:.1f}x ({largest['rss_bytes'] / 1e6:.0f} MB resident for {largest['mb']:.1f} MB"
                        f"{heap})", ratio <= 15))
    return targets


def write_report(rows, start, sizes, out: Path, load: list[float]) -> None:
    for row in rows:
        row.setdefault("values", "generator")  # the results of a run from before realistic registers
    single = {values: [r for r in rows if r["layout"] == "one file" and r["values"] == values] for values in KINDS}
    single = {values: kind_rows for values, kind_rows in single.items() if kind_rows}
    svg(single, out / "benchmark.svg")
    shares = "; ".join(f"{KINDS[values]}: {kind_rows[-1]['distinct']:.0%} of the activities' values distinct"
                       for values, kind_rows in single.items() if "distinct" in kind_rows[-1])
    lines = ["# avglint benchmarks", "",
             f"Python {sys.version.split()[0]} on {os.cpu_count()} cores"
             + (f" (load average {' at the start, '.join(f'{value:.1f}' for value in load)} at the end: other work "
                "shared the machine, and absolute times are longer than on an idle one; the ratios are taken side "
                "by side)" if load else "")
             + "; generated registers "
             "(benchmarks/generate.py, seed 1). Times are the best of the repeats. The full check is "
             "`avglint check --format sarif` run as a command (a fresh process: start-up included, nothing "
             "remembered from an earlier repeat but the vocabulary cache every installation keeps). Every process "
             "(full check, peak memory, start-up) runs the wheel of this checkout installed with its `fast` extra in "
             "a fresh virtual environment, not editable, as users run it; `python -c pass` is that environment's.", "",
             "The registers come in two kinds. The generator's own repeat their values row after row; real "
             "registers are about two-thirds distinct values, and avglint reads each distinct text once, so the "
             "same registers are measured again with realistic distinctness (`generate.py --distinct`: the "
             "activities' free-text values composed from the templates' wording and parts such as segments, towns, "
             "units, systems and reference numbers; the same lines and the same findings otherwise)"
             + (f" ({shares} at the largest size)" if shares else "") + ".", "",
             "| layout | values | distinct | activities | MB | floor MB/s | Lark parse MB/s | parse+model MB/s "
             "| full check MB/s | check / floor | activities/s | one process: check / floor |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        distinct = f"{row['distinct']:.0%}" if "distinct" in row else ""
        lines.append(f"| {row['layout']} | {KINDS[row['values']]} | {distinct} | {row['activities']:,} | "
                     f"{row['mb']:.2f} | {row['floor_mbs']:.1f} | {row['lark_mbs']:.2f} | {row['model_mbs']:.2f} | "
                     f"{row['check_mbs']:.2f} | {row['check_mbs'] / row['floor_mbs']:.1%} | "
                     f"{row['activities'] / row['check_s']:,.0f} | {_one_process(row)} |")
    measured = [(name, KINDS[values], figure, met) for values, kind_rows in single.items()
                for name, figure, met in targets_of(kind_rows, start, sizes)]
    order = list(dict.fromkeys(name for name, *_ in measured))
    targets = sorted(measured, key=lambda target: order.index(target[0]))  # each target on both kinds in turn
    base = start["python -c pass"]
    five = "five activities"
    targets.append(("avglint --version <= 3x python -c pass", "—", f"{start['avglint --version'] / base:.1f}x",
                    start["avglint --version"] / base <= 3))
    targets.append(("check of a 5-activity file <= 12x python -c pass", five,
                    f"{start['avglint check five.avg'] / base:.1f}x", start["avglint check five.avg"] / base <= 12))
    lines += ["", "## Targets", "", "| target | register | measured | met |", "|---|---|---|---|"]
    lines += [f"| {name} | {register} | {value} | {'yes' if met else '**no**'} |"
              for name, register, value, met in targets]
    misses = dict.fromkeys(WHY[name.split(" ")[0]] for name, _, _, met in targets
                           if not met and name.split(" ")[0] in WHY)
    if misses:
        lines += ["", "### Why a target is missed", ""] + [f"- {text}" for text in misses]
    tens = [row for kind_rows in single.values() for row in kind_rows if row["activities"] == 10_000]
    if tens:
        lines += ["", "### Where the time goes", ""] + [f"- {breakdown(row, start)}" for row in tens]
    startup_s = start["avglint check five.avg"]
    for values, kind_rows in single.items():
        growth = exponent([r["activities"] for r in kind_rows], [max(r["check_s"] - startup_s, 1e-9) for r in kind_rows],
                          1000, max(sizes))
        if growth is not None:
            lines += ["", f"Growth exponent of the full check (start-up left out) from 1,000 to {max(sizes):,} "
                      f"activities, {KINDS[values]}: {growth:.2f} (1.00 is linear)."]
    lines += ["", "## Start-up", "", "| command | median s | × python -c pass |", "|---|---:|---:|"]
    lines += [f"| `{name}` | {value:.3f} | {value / base:.1f} |" for name, value in start.items()]
    lines += ["", "![throughput and time against size, both kinds of register](benchmark.svg)", ""]
    (out / "report.md").write_text("\n".join(lines), encoding="utf-8")
    (out / "results.json").write_text(json.dumps({"rows": rows, "startup": start, "load": load}, indent=1),
                                      encoding="utf-8")


def publish(out: Path) -> None:
    """The report as docs/benchmarks.md, above the page's hand-written sections (kept as they are), and its plot."""
    page = PAGE.read_text(encoding="utf-8")
    kept = page[page.index(HAND_WRITTEN):] if HAND_WRITTEN in page else ""
    report = (out / "report.md").read_text(encoding="utf-8").rstrip("\n") + "\n"
    PAGE.write_text(report + ("\n" + kept if kept else ""), encoding="utf-8")
    shutil.copyfile(out / "benchmark.svg", PAGE.parent / "benchmark.svg")


if __name__ == "__main__":
    main()
