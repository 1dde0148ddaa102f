"""The one directory walker: the files below a directory, in a stable order.

Directories no register or statement lives in are never entered: hidden ones
(``.git``, ``.venv``, ...), virtual environments, dependencies and build output,
so that reading the rest of a register from the repository root stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

SKIP_DIRS = {"venv", "node_modules", "__pycache__", "build", "dist"}


def files_below(root: str | os.PathLike) -> Iterator[str]:
    """Every file below ``root`` (its path joined to ``root``), directories and names sorted."""
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            yield os.path.join(directory, name)
