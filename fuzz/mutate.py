"""The mutation run: registers from examples/ mutated at random, checked through the real command line.

    python fuzz/mutate.py                                  # 1,800 mutants, text and SARIF (a few minutes)
    python fuzz/mutate.py --mutants 60 --seed 7 --jobs 2   # a quick one
    python fuzz/mutate.py --out /tmp/failing               # where failing mutants go (default fuzz/failures)

Each mutant is one of examples/*.avg with one to three mutations: a deletion of up to 20
bytes, an insertion of one of ``{ } " , # : \\ \\xff \\x00`` or of ``groep x {``, or a
duplicated span. Each mutant is checked twice, ``avglint check register.avg --format text``
and ``--format sarif`` (with ``--no-config``), each check a process of its own, forked from
this one after it has imported avglint and run one check (so that each costs milliseconds,
not a second of start-up), running ``avglint.cli.main`` as the ``avglint`` command does, with
its standard output and error going to files.

A check fails when it exits other than 0 or 1 (or 2 for input that is not text), shows a
traceback or an internal error, writes anything that is not UTF-8, or writes a SARIF log that
does not parse as JSON. The run prints the counts; each failing mutant is written to the
output directory with what went wrong (``NNNN.avg`` and ``NNNN.txt``). Exit status 1 when any
check failed. POSIX only (fork).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSERTIONS = [b"{", b"}", b'"', b",", b"#", b":", b"\\", b"\xff", b"\x00", b"groep x {"]
FORMATS = ("text", "sarif")
FILE_NAME = "register.avg"


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random deletions, insertions or duplicated spans."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(data))
        action = rng.choice(("delete", "insert", "insert", "duplicate"))
        if action == "delete":
            data = data[:at] + data[at + rng.randint(1, 20):]
        elif action == "insert":
            data = data[:at] + rng.choice(INSERTIONS) + data[at:]
        else:
            span = data[at:at + rng.randint(1, 80)]
            where = rng.randint(0, len(data))
            data = data[:where] + span + data[where:]
    return data


def mutants(count: int, seed: int) -> list[tuple[str, bytes]]:
    """``count`` mutants (name of the example, bytes), the same for the same seed."""
    rng = random.Random(seed)
    sources = [(path.name, path.read_bytes()) for path in sorted(ROOT.glob("examples/*.avg"))]
    return [(name, mutate(data, rng)) for name, data in (sources[n % len(sources)] for n in range(count))]


def check_in_child(directory: Path, output_format: str) -> None:
    """In a forked process: ``avglint check`` on the mutant, as the command runs it; never returns."""
    status = 1
    try:
        os.chdir(directory)
        for fd, name in ((1, "out"), (2, "err")):
            handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(handle, fd)
            os.close(handle)
        sys.argv = ["avglint", "check", FILE_NAME, "--format", output_format, "--no-config"]
        from avglint.cli import main

        main()
        status = 0
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
    except BaseException:  # noqa: BLE001 - what Python does with an uncaught exception: traceback, exit 1
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - an unwritable stream is found by the parent in the output
                pass
        os._exit(status)


def problems_of(directory: Path, output_format: str, status: int) -> list[str]:
    out, err = (directory / "out").read_bytes(), (directory / "err").read_bytes()
    found = []
    unreadable = status == 2 and b"cannot read" in err  # documented: input that is not text
    if status not in (0, 1) and not unreadable or b"Traceback" in err or b"internal error" in err:
        found.append(f"internal error ({output_format}, exit {status}): {err.decode('utf-8', 'replace').strip()}")
    for stream, data in (("stdout", out), ("stderr", err)):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            found.append(f"non-UTF-8 {stream} ({output_format}): {error}")
    if output_format == "sarif" and status in (0, 1):
        try:
            json.loads(out.decode("utf-8", "surrogateescape"))
        except ValueError as error:
            found.append(f"SARIF log that does not parse: {error}")
    return found


def warm_up() -> None:
    """Run the command once per format, on an example and on a broken copy, so that every forked check starts
    with what they build on first use (imports, vocabularies, the parser and its error-recovering twin)."""
    from avglint.cli import main

    example = sorted(ROOT.glob("examples/*.avg"))[0].read_bytes()
    saved, argv, cwd = sys.stdout, sys.argv, os.getcwd()
    with tempfile.TemporaryDirectory() as directory, open(os.devnull, "w", encoding="utf-8") as devnull:
        os.chdir(directory)
        sys.stdout = devnull
        try:
            for data in (example, example + b"\n}\n{ groep x {"):
                Path(FILE_NAME).write_bytes(data)
                for output_format in FORMATS:
                    sys.argv = ["avglint", "check", FILE_NAME, "--format", output_format, "--no-config"]
                    try:
                        main()
                    except SystemExit:
                        pass
        finally:
            sys.stdout, sys.argv = saved, argv
            os.chdir(cwd)


def run(count: int, seed: int, jobs: int, out: Path) -> dict[str, int]:
    warm_up()
    work = Path(tempfile.mkdtemp(prefix="avglint-mutants-"))
    counts = {"checks": 0, "internal error": 0, "non-UTF-8": 0, "SARIF log that does not parse": 0}
    failed: dict[int, list[str]] = {}
    pending = [(number, output_format) for number in range(count) for output_format in FORMATS]
    inputs = mutants(count, seed)
    for number, (_, data) in enumerate(inputs):
        for output_format in FORMATS:
            (work / f"{number:04d}-{output_format}").mkdir()
            (work / f"{number:04d}-{output_format}" / FILE_NAME).write_bytes(data)
    running: dict[int, tuple[int, str]] = {}
    try:
        while pending or running:
            while pending and len(running) < jobs:
                number, output_format = pending.pop()
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    check_in_child(work / f"{number:04d}-{output_format}", output_format)
                running[pid] = (number, output_format)
            pid, wait_status = os.wait()
            number, output_format = running.pop(pid)
            directory = work / f"{number:04d}-{output_format}"
            found = problems_of(directory, output_format, os.waitstatus_to_exitcode(wait_status))
            counts["checks"] += 1
            for problem in found:
                kind = next(k for k in counts if problem.startswith(k))
                counts[kind] += 1
            if found:
                failed.setdefault(number, []).extend(found)
            shutil.rmtree(directory)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        out.mkdir(parents=True, exist_ok=True)
    for number, found in sorted(failed.items()):
        source, data = inputs[number]
        (out / f"{number:04d}.avg").write_bytes(data)
        (out / f"{number:04d}.txt").write_text(f"mutant {number} of examples/{source} (seed {seed})\n" +
                                               "\n".join(found) + "\n", encoding="utf-8")
    counts["failing mutants"] = len(failed)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=1800, help="how many mutants (default 1800)")
    parser.add_argument("--seed", type=int, default=0, help="the same seed gives the same mutants")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="checks at a time (default: CPUs)")
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz" / "failures",
                        help="where failing mutants are written (default fuzz/failures)")
    options = parser.parse_args(argv)
    started = time.monotonic()
    counts = run(options.mutants, options.seed, max(1, options.jobs), options.out)
    print(f"{options.mutants} mutants of examples/*.avg (seed {options.seed}), {counts['checks']} checks "
          f"({', '.join(FORMATS)}): {counts['internal error']} internal errors, {counts['non-UTF-8']} non-UTF-8 "
          f"outputs, {counts['SARIF log that does not parse']} SARIF logs that do not parse; "
          f"{time.monotonic() - started:.0f} s")
    if counts["failing mutants"]:
        print(f"{counts['failing mutants']} failing mutants written to {options.out}")
    return 1 if counts["failing mutants"] else 0


if __name__ == "__main__":
    sys.exit(main())
