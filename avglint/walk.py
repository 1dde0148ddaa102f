"""The one directory walker: the files below a directory, in a stable order.

Directories no register or statement lives in are never entered: hidden ones
(``.git``, ``.venv``, ...), virtual environments, dependencies and build output,
so that reading the rest of a register from the repository root stays cheap.
Nor are directories the configuration's ``exclude`` globs exclude: like git with
an ignored directory, the walk does not look inside, so nothing below it is read
(and a ``!`` glob cannot take back a file in it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from .globs import directory_excluded

SKIP_DIRS = {"venv", "node_modules", "__pycache__", "build", "dist"}


def files_below(root: str | os.PathLike, *, exclude: Sequence[str] = (),
                base: str | os.PathLike | None = None) -> Iterator[str]:
    """Every file below ``root`` (its path joined to ``root``), directories and names sorted.

    ``exclude``: globs relative to ``base`` (the project root; default ``root``); the
    directories they exclude are not entered. Below a ``root`` outside ``base`` they do not apply."""
    base = os.path.abspath(root if base is None else base)
    for directory, subdirs, files in os.walk(root):
        kept = [d for d in subdirs if d not in SKIP_DIRS and not d.startswith(".")]
        if exclude:
            relative = os.path.relpath(os.path.abspath(directory), base).replace(os.sep, "/")
            if relative != ".." and not relative.startswith("../"):
                prefix = "" if relative == "." else relative + "/"
                kept = [d for d in kept if not directory_excluded(prefix + d, exclude)]
        subdirs[:] = sorted(kept)
        for name in sorted(files):
            yield os.path.join(directory, name)
