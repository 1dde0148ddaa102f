"""Latency of the language server: after an edit in a large register, how long until the new
diagnostics arrive, against a cold ``avglint check`` process on the same file.

    python benchmarks/lsp_latency.py [--activities 1000] [--edits 15] [--repeat 5]

The register comes from benchmarks/generate.py (deterministic), in a fresh repository. The cold
check is ``avglint check register.avg`` in a new process (start-up, every rule, the text report;
with the caches and compiled bytecode between runs, as a user has them), median of ``--repeat`` runs
after one that is not counted. The server is started
once and the register opened; then each edit changes one line (an incremental change, as editors
send them) and the time from sending it to the publication of that version's diagnostics is
measured, the server's debounce included. Goal (issue 16): median latency <= 0.5x the cold check.
Prints the figures and the ratio; exits 1 when the goal is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

GOAL = 0.5


def cold_check(root: Path, path: Path, repeat: int) -> list[float]:
    # As an installed package starts: its bytecode compiled (PYTHONDONTWRITEBYTECODE in the environment would
    # make each run compile every module, and flatter the ratio), after one run that is not counted.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for run in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "avglint", "check", path.name], cwd=root, capture_output=True,
                       check=False, env=env)  # findings: exit status 1
        if run:
            times.append(time.perf_counter() - start)
    return times


async def server_latency(root: Path, path: Path, edits: int) -> list[float]:
    client = LanguageClient("avglint-benchmark", "1")
    arrived: dict[int, float] = {}
    news = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams):
        if params.version is not None:
            arrived.setdefault(params.version, time.perf_counter())
            news.set()

    async def until(version: int) -> None:
        while version not in arrived:  # waiting on an event, not polling: the client takes no CPU from the server
            news.clear()
            await news.wait()

    await client.start_io(sys.executable, "-m", "avglint", "lsp", cwd=str(root))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=from_fs_path(str(root))))
    client.initialized(types.InitializedParams())
    uri = from_fs_path(str(path))
    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="avg", version=1, text=text)))
    await until(1)
    lines = text.splitlines()
    targets = [number for number, line in enumerate(lines) if line.strip().startswith("doel")][:edits]
    latencies = []
    for version, line in enumerate(targets, 2):
        column = len(lines[line])
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=column),
                              end=types.Position(line=line, character=column)), text=" en archiveren")
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))
        await until(version)
        latencies.append(arrived[version] - sent)
        await asyncio.sleep(0.2)  # a pause in typing
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="avglint-lsp-latency-") as directory:
        root = Path(directory)
        (root / ".git").mkdir()
        [(name, text)] = generate(args.activities)
        path = root / name
        path.write_text(text, encoding="utf-8")
        cold = cold_check(root, path, args.repeat)
        latencies = asyncio.run(server_latency(root, path, args.edits))
    cold_median, latency_median = statistics.median(cold), statistics.median(latencies)
    ratio = latency_median / cold_median
    print(f"register: {args.activities} activities, {len(text.encode('utf-8')):,} bytes")
    print(f"cold `avglint check`: median {cold_median:.2f} s over {len(cold)} runs")
    print(f"server, edit to new diagnostics: median {latency_median:.2f} s over {len(latencies)} edits "
          f"(min {min(latencies):.2f}, max {max(latencies):.2f})")
    print(f"ratio: {ratio:.2f}x (goal <= {GOAL}x): {'met' if ratio <= GOAL else 'missed'}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
