"""Progress on a terminal for long runs: files read, rules run.

Shown on standard error only when it is a terminal, not with --quiet, and only
once a run has taken longer than half a second, so short runs (a pre-commit hook)
never flicker. The line is cleared when the run ends.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 0.5


class Progress:
    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.shown = False
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.started < DELAY or (now - self.last < 0.1 and done != total):
            return
        self.last = now
        what = "reading files" if stage == "files" else "checking rules"
        self.stream.write(f"\ravglint: {what} {done:,}/{total:,}\033[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def for_terminal(quiet: bool) -> Progress | None:
    """A Progress when standard error is a terminal and the user did not ask for quiet."""
    if quiet or not sys.stderr.isatty():
        return None
    return Progress()
