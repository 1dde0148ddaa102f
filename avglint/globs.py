"""Path globs of the configuration (``include``, ``exclude``, ``per-file-ignores``, ``statements``).

They mean what they mean in a ``.gitignore`` (pathspec's ``GitIgnoreSpec``): a pattern without a
slash matches in any directory, ``docs/`` is everything in a directory, ``*.[ch]`` a character class,
``**/`` any number of directories, and ``!pattern`` in a list takes back what an earlier one matched,
except a file inside a directory that is excluded itself (as in git).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from pathspec import GitIgnoreSpec


def matches(relative: str, pattern: str) -> bool:
    """Whether the path (relative to the project root, '/'-separated) matches one glob."""
    return matches_any(relative, (pattern,))


def matches_any(relative: str, patterns: Iterable[str]) -> bool:
    """Whether the path matches a list of globs read as one .gitignore (the last match decides)."""
    return _spec(tuple(patterns)).match_file(relative)


def excluded(relative: str, patterns: Iterable[str]) -> bool:
    """Whether the path is excluded as git excludes it: matched itself, or below a directory that
    is (a file inside an excluded directory cannot be taken back with '!': the directory is not
    even entered, see avglint/walk.py)."""
    parts = relative.split("/")
    return any(directory_excluded("/".join(parts[:depth]), patterns) for depth in range(1, len(parts))) \
        or matches_any(relative, patterns)


def directory_excluded(relative: str, patterns: Iterable[str]) -> bool:
    """Whether the globs exclude the directory itself ('build/', '**/node_modules'), not only some
    files in it ('docs/*.avg')."""
    return matches_any(relative + "/", patterns)


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    """The compiled list; configurations are read once, so each list is compiled once."""
    return GitIgnoreSpec.from_lines(pattern.strip().removeprefix("./") for pattern in patterns)
