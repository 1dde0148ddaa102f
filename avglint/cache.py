"""A cache between runs, for work that depends only on files shipped with avglint.

Building the vocabularies (reading 16 YAML files, validating them, compiling every
term list into a regular expression) takes about half a second, which a pre-commit
hook would pay on every commit. The built object is stored here, pickled, and read
back in a few milliseconds. Regular expressions are stored with their compiled
form (the ``_sre`` code that ``re`` hands to the C engine), so reading them back
does not run Python's regex compiler either; the key includes the Python version
and the regex engine's magic number, so that code is only ever read by the
interpreter that wrote it. Parts of an object that a run may not need (the
compiled term lists: a small check scans fewer than half) are pickled apart inside
it (``Deferred``) and read back when first used. Lark's parser tables, the
language tables and the plugins' entry points are kept here too.

Where: ``$AVGLINT_CACHE_DIR``, else the platform's user cache directory
(``$XDG_CACHE_HOME/avglint`` or ``~/.cache/avglint``, ``~/Library/Caches/avglint``,
``%LOCALAPPDATA%\\avglint\\Cache``). ``AVGLINT_NO_CACHE=1`` turns it off. A cache
that cannot be read or written is silently skipped: it only ever costs speed.
A file is read only when it is owned by the current user and not writable by
anybody else (pickles are code), and written atomically with mode 0600.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import sys
from array import array
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable

from . import __version__, atomic


def directory() -> Path | None:
    """The cache directory, or None when caching is off."""
    if os.environ.get("AVGLINT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("AVGLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "avglint" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "avglint"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "avglint"


def key(*parts: bytes | str) -> str:
    """A key for content: this module, avglint's version, this interpreter and regex engine, and ``parts``."""
    import _sre

    h = hashlib.sha256()
    try:
        this = Path(__file__).read_bytes()  # how objects are stored is part of what they are
    except OSError:
        this = b""
    for part in (this, __version__, sys.version, sys.implementation.cache_tag or "", str(_sre.MAGIC), *parts):
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:32]


def _trusted(path: Path) -> bool:
    if not hasattr(os, "getuid"):
        return True  # Windows: the user's own profile directory
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def load(name: str, content_key: str, kind: type) -> Any | None:
    """The object stored under ``name`` for ``content_key``, when it is there, trusted and a ``kind``."""
    try:
        folder = directory()
        if folder is None:
            return None
        path = folder / f"{name}-{content_key}.pickle"
        if not _trusted(path):
            return None
        with open(path, "rb") as fh:
            obj = pickle.load(fh)
    except Exception:  # missing, unreadable, truncated or from another build: rebuild
        return None
    return obj if isinstance(obj, kind) else None


def store(name: str, content_key: str, obj: Any) -> bool:
    """Store ``obj`` for later runs; older files of ``name`` beyond the newest few are removed.
    False when it could not."""
    try:
        folder = directory()
        if folder is None:
            return False
        buf = io.BytesIO()
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic.write(folder / f"{name}-{content_key}.pickle", buf.getvalue(), mode=0o600)
        _remove_stale(folder.glob(f"{name}-*.pickle"))
    except Exception:  # read-only home, full disk, an object that cannot be pickled: run uncached
        return False
    return True


_KEEP = 4  # files per name: installations side by side (another Python, another avglint) keep theirs


def _remove_stale(paths: Iterable[Path]) -> None:
    """Remove all but the most recently written files."""
    dated = []
    for path in paths:
        try:
            dated.append((path.stat().st_mtime, path))
        except OSError:
            pass
    for _, path in sorted(dated, reverse=True)[_KEEP:]:
        try:
            path.unlink()
        except OSError:
            pass


class Deferred:
    """A part of a stored object that is pickled apart within it and read back when first asked for
    (``get``), so that a run reads only the parts it uses. What the part shares with the rest of the
    object is stored with each: equal, no longer the same object, once read back."""

    __slots__ = ("_value", "_pickled")

    def __init__(self, value: Any = None, pickled: bytes | None = None):
        self._value = value
        self._pickled = pickled

    def get(self) -> Any:
        if self._pickled is not None:
            self._value = pickle.loads(self._pickled)
            self._pickled = None
        return self._value

    def __reduce__(self) -> tuple:
        if self._pickled is not None:
            return Deferred, (None, self._pickled)
        buf = io.BytesIO()
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(self._value)
        return Deferred, (None, buf.getvalue())


def _proxy(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


def _compiled_pattern(pattern: re.Pattern) -> tuple:
    """The arguments ``re`` passes to ``_sre.compile`` for ``pattern`` (see re/_compiler.py), with the
    code packed as ``_pattern`` takes it."""
    from re import _compiler, _parser

    tree = _parser.parse(pattern.pattern, pattern.flags)
    code = [int(op) for op in _compiler._code(tree, pattern.flags)]
    groupindex = tree.state.groupdict
    indexgroup = [None] * tree.state.groups
    for group_name, number in groupindex.items():
        indexgroup[number] = group_name
    typecode = "H" if max(code) <= 0xFFFF else "I"
    return (pattern.pattern, pattern.flags | tree.state.flags, typecode, array(typecode, code).tobytes(),
            tree.state.groups - 1, dict(groupindex), tuple(indexgroup))


def _pattern(pattern: str, flags: int, typecode: str, code: bytes, groups: int, groupindex: dict,
             indexgroup: tuple) -> re.Pattern:
    """A compiled pattern from its code. The code travels as an array's bytes: a pickled list of
    hundreds of thousands of small ints takes longer to read than all the other vocabulary objects."""
    import _sre

    return _sre.compile(pattern, flags, array(typecode, code).tolist(), groups, groupindex, indexgroup)


class _Pickler(pickle.Pickler):
    """Pickles read-only mappings, and compiled patterns with their compiled code."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is MappingProxyType:
            return _proxy, (dict(obj),)
        if type(obj) is re.Pattern and isinstance(obj.pattern, str):
            return _pattern, _compiled_pattern(obj)
        return NotImplemented
