"""The one way avglint writes a file: whole or not at all, with the permissions a user expects.

The data goes to a new file in the target's own directory, is flushed to disk and then
renamed over the target, so a crash, a full disk or a kill leaves the old file or the new
one, never half of one, and never a temporary file. Permissions:

- an existing file keeps its mode (a register kept 0640 stays 0640);
- a new file gets what the user's umask gives any new file (``0666 & ~umask``: with umask
  022 a SARIF report is readable by the CI step that uploads it);
- an explicit ``mode`` wins over both (the cache writes its pickles 0600).

The temporary file is never more permissive than the file it becomes: it is created with
the final mode (the kernel applies the umask) before a byte is written.
"""

from __future__ import annotations

import os
import stat


class ChangedOnDisk(Exception):
    """The file is not what was read: it is left alone."""


def write(path: str | os.PathLike, data: bytes, *, mode: int | None = None, expected: bytes | None = None) -> None:
    """Replace (or create) ``path`` with ``data`` atomically.

    ``expected``: the bytes the file held when it was read; when it holds anything else now
    (or is gone), ``ChangedOnDisk`` is raised and nothing is written. A symbolic link is
    followed, so the link stays a link to the new contents.
    """
    target = os.path.realpath(path)
    if expected is not None:
        try:
            with open(target, "rb") as handle:
                if handle.read() != expected:
                    raise ChangedOnDisk(os.fspath(path))
        except FileNotFoundError:
            raise ChangedOnDisk(os.fspath(path)) from None
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            pass  # a new file: the umask decides, as for any file the user creates
    temporary, handle = _create(os.path.dirname(target), 0o666 if mode is None else mode)
    try:
        if mode is not None:
            os.chmod(temporary, mode)  # exact: bits the umask removed at creation are the file's own
        with os.fdopen(handle, "wb") as out:
            handle = None
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        if handle is not None:
            os.close(handle)
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _create(directory: str, mode: int) -> tuple[str, int]:
    """A new, exclusively created file in ``directory``: its path and an open descriptor.

    ``tempfile.mkstemp`` always creates 0600, which is what made reports unreadable to others;
    ``os.open`` with ``mode`` lets the umask apply as for any other new file.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    while True:
        temporary = os.path.join(directory, f".avglint-{os.urandom(4).hex()}.tmp")
        try:
            return temporary, os.open(temporary, flags, mode)
        except FileExistsError:
            continue
