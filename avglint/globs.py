"""Path globs of the configuration (``include``, ``exclude``, ``per-file-ignores``, ``statements``)."""

from __future__ import annotations

import re
from functools import lru_cache


def matches(relative: str, pattern: str) -> bool:
    """Path glob: '*' and '?' stay within a directory, '**/' is any number of directories (also none)."""
    return _compiled(pattern).fullmatch(relative) is not None


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    pattern = pattern.strip().removeprefix("./")
    if "/" not in pattern:
        pattern = "**/" + pattern  # a bare file pattern matches in any directory, as in .gitignore
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))
