"""GitHub code scanning's ``primaryLocationLineHash``.

A port of the line hash that github/codeql-action's ``src/fingerprints.ts``
(function ``hash``) computes when ``upload-sarif`` fills in
``partialFingerprints.primaryLocationLineHash``.  Supplying the identical value
ourselves keeps alerts stable across commits and avoids the upload warning
"found existing inconsistent fingerprint value".

The upstream algorithm, restated:

* The file is read as UTF-8 and walked as UTF-16 code units (JavaScript
  ``charCodeAt``).  Spaces (0x20) and tabs (0x09) are skipped entirely;
  ``\\r\\n`` and a lone ``\\r`` both count as one ``\\n``.
* A rolling polynomial hash with base 37 over a window of 100 units, in
  wrap-around 64-bit arithmetic: ``h = 37*h + c - 37**100 * c_leaving``.
* The hash of a line is the hash of the 100 units that start at the line's
  first unit.  After the last unit of the file the sentinel 65535 is fed,
  followed by 100 zeros, so lines near the end still have 100 units.
* A line's value is the unsigned 64-bit hash in lower-case hex without zero
  padding, ``:``, and how many times that hash has occurred so far in the
  file (``"a7f2ff13bc495cf2:2"``).
* Every line gets one value, including the empty last line after a final
  newline (which hashes to ``c129715d7a2bc9a3``).

Implementation.  Walking the file unit by unit in Python costs a few hundred
nanoseconds per character.  Instead we use that 37 is invertible modulo 2**64:
with ``G(k) = sum(c_i * 37**-i for i < k)`` the window hash of the line that
starts at unit ``p`` is ``37**(p+99) * (G(p+100) - G(p))`` (mod 2**64).  ``G``
is evaluated only where it is needed (each line start and 100 units later),
segment by segment with ``sum(map(mul, units, weights))`` so that the per-unit
work runs in C.  The result is computed once per text and cached.

Most callers need a few lines, not all: ``line_hashes_at`` hashes only those
lines (a direct sum over their 100 units) and finds the ``:count`` by comparing
windows as text: it counts the earlier lines whose 100 units are the same.
Equal windows have equal hashes; unequal windows with equal 64-bit hashes
(which upstream would count too) are astronomically unlikely in real files.
Text with characters outside the BMP (two UTF-16 units each) takes the exact
all-lines path.

Exactness notes for callers.  Upstream reads the file with Node's UTF-8
decoder, which does *not* strip a byte-order mark and turns invalid bytes into
U+FFFD.  For identical values pass the file decoded with
``data.decode("utf-8", "replace")``, BOM kept (``"utf-8-sig"`` would drop it
and change the hash of line 1).  Lone surrogates in ``text`` are hashed as
their code unit, as in a JavaScript string.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import itemgetter, mul
from typing import Iterator, Sequence

__all__ = ["line_hashes", "line_hashes_at", "primary_location_line_hash"]

_MOD = 1 << 64
_MASK = _MOD - 1
_BASE = 37
_WINDOW = 100  # BLOCK_SIZE upstream
_EOF = 65535  # sentinel fed after the last unit of the file
_INV = pow(_BASE, -1, _MOD)  # 37 is odd, hence a unit modulo 2**64

# Units are processed in chunks of this many; tables of powers cover a chunk.
_CHUNK = 4096


def _powers(base: int, n: int) -> tuple[int, ...]:
    out = [1] * n
    for i in range(1, n):
        out[i] = out[i - 1] * base & _MASK
    return tuple(out)


_INV_POW = _powers(_INV, _CHUNK)  # 37**-j for j < _CHUNK
_POW = _powers(_BASE, _CHUNK)  # 37**j for j < _CHUNK
_INV_CHUNK = pow(_INV, _CHUNK, _MOD)

_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"


def _prefix_sums(units: memoryview, positions: list[int]) -> list[int]:
    """``G(pos) mod 2**64`` for each of the ascending ``positions`` (each <= len(units))."""
    out: list[int] = []
    append = out.append
    g = 0  # G(q)
    inv_q = 1  # 37**-q
    q = 0
    for pos in positions:
        while pos - q >= _CHUNK:
            g = (g + inv_q * sum(map(mul, units[q : q + _CHUNK], _INV_POW))) & _MASK
            inv_q = inv_q * _INV_CHUNK & _MASK
            q += _CHUNK
        if pos > q:
            # map() stops at the end of the shorter slice: weights 37**-0, 37**-1, ...
            g = (g + inv_q * sum(map(mul, units[q:pos], _INV_POW))) & _MASK
            inv_q = inv_q * _INV_POW[pos - q] & _MASK
            q = pos
        append(g)
    return out


def _units_text(text: str) -> str:
    """The text upstream hashes: line breaks as "\\n", no spaces or tabs."""
    t = text
    # Newline normalisation must precede the removal of blanks: upstream a
    # blank between "\r" and "\n" makes them two line breaks ("\r \n").
    if "\r" in t:
        t = t.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in t:  # seldom: without it, one copy of a large file less at a time (the peak of a check's memory)
        t = t.replace("\t", "")
    return t.replace(" ", "")


@lru_cache(maxsize=2)
def _hashes(text: str) -> tuple[str, ...]:
    t = _units_text(text)
    data = t.encode(_UTF16, "surrogatepass")
    units = memoryview(data).cast("H")
    n = len(units)  # number of real units; the EOF sentinel sits at index n

    lines = t.split("\n")
    if n == len(t):  # no surrogate pairs: one unit per character
        lengths = [len(line) for line in lines]
    else:
        lengths = [len(line.encode(_UTF16, "surrogatepass")) >> 1 for line in lines]
    # Unit offset of each line's first unit (a line's first unit is its first
    # non-blank character, or its "\n", or the EOF sentinel).
    starts = list(accumulate((length + 1 for length in lengths[:-1]), initial=0))

    # G is needed at every start and 100 units later.  The extended stream is
    # units + [EOF] + zeros, so G(k) for k > n+1 equals G(n+1) and
    # G(n+1) = G(n) + EOF * 37**-n.
    end_cap = n + 1
    ends = [p + _WINDOW if p + _WINDOW < end_cap else end_cap for p in starts]
    inner = sorted(set(starts).union([e if e <= n else n for e in ends]))
    gvals = dict(zip(inner, _prefix_sums(units, inner)))
    if ends[-1] == end_cap:  # the last line always has the largest end
        gvals[end_cap] = (gvals[n] + _EOF * pow(_INV, n, _MOD)) & _MASK

    result: list[str] = []
    append = result.append
    counts: dict[str, int] = {}
    prev = 0
    scale = pow(_BASE, _WINDOW - 1, _MOD)  # 37**(p+99) for p = 0
    for p, e in zip(starts, ends):
        gap = p - prev
        if gap:
            scale = scale * (_POW[gap] if gap < _CHUNK else pow(_BASE, gap, _MOD)) & _MASK
            prev = p
        h = format(scale * (gvals[e] - gvals[p]) & _MASK, "x")
        c = counts.get(h, 0) + 1
        counts[h] = c
        append(f"{h}:{c}")
    return tuple(result)


_WEIGHTS = tuple(reversed(_POW[:_WINDOW]))  # 37**99 ... 37**0
_TAIL = (_EOF,) + (0,) * (_WINDOW - 1)


def line_hashes_at(text: str, lines, starts: Sequence[int] | None = None) -> dict[int, str]:
    """``{line: "hash:count"}`` for the 1-based ``lines`` of ``text`` (those past the end are left out).

    The same values as ``line_hashes`` at a fraction of the cost for a large file, and without a copy of it:
    the text is read a piece at a time. ``starts``: where each line of ``text`` starts, when known
    (``SourceFile.line_starts``): the lines asked for are then read where they are.
    """
    if _astral(text):  # two units in a character
        hashes = _hashes(text)
        return {line: hashes[line - 1] for line in lines if 1 <= line <= len(hashes)}
    if "\r" in text:  # a lone "\r" is a line break upstream too: the lines are not those of ``starts``
        starts = None
    wanted = sorted({line - 1 for line in lines if line >= 1})  # as indexes of the lines upstream counts
    # A line's window is the text from its start on. Lines with equal windows start alike: both shorter
    # than a window and the same, or both as long and the same over a window. Only such lines can count
    # towards a wanted line's ``:count``: they are found by comparing the lines' beginnings in C, and only
    # their windows are compared.
    beginnings: set[str] = set()
    windows: set[str] = set()
    found: list[int] = []
    if starts is not None:
        total = len(starts)
        for index in wanted[:bisect_left(wanted, total)]:
            end = starts[index + 1] - 1 if index + 1 < total else len(text)
            beginnings.add(_units_text(text[starts[index]:end])[:_WINDOW])
            windows.add(_window_at(text, starts[index]))
            found.append(index)
    else:
        for first, piece, end in _pieces(text):
            for index in wanted[bisect_left(wanted, first):bisect_left(wanted, first + len(piece))]:
                beginnings.add(piece[index - first][:_WINDOW])
                windows.add(_window(piece, index - first, text, end))
                found.append(index)
    if not found:
        return {}
    wanted_set, last = set(found), found[-1]
    if starts is not None:
        alike = _starting_alike(text, starts, {_encoded(beginning) for beginning in beginnings}, last)
        windows_of = ((index, window or _window_at(text, starts[index])) for index, window in alike)
    else:
        windows_of = _windows_starting_alike(text, beginnings, last)
    seen: dict[str, int] = {}
    out: dict[int, str] = {}
    for index, window in windows_of:
        if window in windows:
            number = seen[window] = seen.get(window, 0) + 1
            if index in wanted_set:
                units = list(memoryview(window.encode(_UTF16, "surrogatepass")).cast("H"))
                if len(units) < _WINDOW:
                    units += _TAIL[: _WINDOW - len(units)]
                out[index + 1] = f"{sum(map(mul, units, _WEIGHTS)) & _MASK:x}:{number}"
    return out


def _windows_starting_alike(text: str, beginnings: set[str], last: int) -> Iterator[tuple[int, str]]:
    """(index, window) of each line up to ``last`` whose first units are one of ``beginnings``, read a piece at
    a time (``_pieces``)."""
    for first, piece, end in _pieces(text):
        if first > last:
            return
        for local in compress(count(), map(beginnings.__contains__, map(itemgetter(slice(_WINDOW)), piece))):
            if first + local > last:
                return
            yield first + local, _window(piece, local, text, end)


def _encoded(units: str) -> bytes:
    """The first ``_WINDOW`` bytes of ``units`` in UTF-8: what ``_starting_alike`` compares."""
    return units.encode("utf-8", "surrogatepass")[:_WINDOW]


_PIECE_LINES = 1 << 14  # lines of the text read at a time where their starts are known


def _starting_alike(text: str, starts: Sequence[int], beginnings: set[bytes],
                    last: int) -> Iterator[tuple[int, str | None]]:
    """The indexes, up to ``last``, of the lines of ``text`` (without a "\r"; a line starts at each of ``starts``)
    whose first units start as one of ``beginnings`` (``_encoded``) do, in bytes: lines with equal windows do;
    each with its window where the piece's lines give it whole in ASCII (else None). The blanks are taken out of
    a piece's bytes, which costs a fraction of taking them out of its characters."""
    total = len(starts)
    for first in range(0, min(last + 1, total), _PIECE_LINES):
        upto = min(first + _PIECE_LINES, last + 1, total)
        end = starts[upto] if upto < total else len(text)
        lines = text[starts[first]:end].encode("utf-8", "surrogatepass").translate(None, b" \t").split(b"\n")
        del lines[upto - first:]  # the empty rest after the piece's last line break
        for local in compress(count(), map(beginnings.__contains__, map(itemgetter(slice(_WINDOW)), lines))):
            window, below = lines[local], local + 1
            while len(window) < _WINDOW and below < len(lines):  # a short line: the window goes on below it
                window += b"\n" + lines[below]
                below += 1
            window = window[:_WINDOW]
            yield first + local, window.decode("ascii") if len(window) == _WINDOW and window.isascii() else None


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _astral(text: str) -> bool:
    """Whether ``text`` has a character outside the BMP. A string keeps fewer than four bytes a character
    only when it has none (CPython, PEP 393): then a large file is not searched."""
    if text.isascii():
        return False
    try:
        if sys.getsizeof(text) < 4 * len(text):
            return False
    except TypeError:  # an implementation without object sizes
        pass
    return _ASTRAL.search(text) is not None


_PIECE = 1 << 20  # characters of the text read at a time


def _pieces(text: str) -> Iterator[tuple[int, list[str], int | None]]:
    """The lines upstream hashes (``_units_text``), a piece of the text at a time: (the index of the piece's
    first line, its lines, where in ``text`` the next piece starts, or None for the last). Pieces end after a
    line break, so that a "\r\n" is never cut."""
    start, first, size = 0, 0, len(text)
    while True:
        cut = text.find("\n", start + _PIECE) + 1
        end = cut or size
        lines = _units_text(text[start:end]).split("\n")
        if cut:
            lines.pop()  # the empty rest after the piece's last line break: the next piece starts there
        yield first, lines, cut or None
        if not cut:
            return
        first += len(lines)
        start = end


def _window(lines: list[str], index: int, text: str, end: int | None) -> str:
    """The first units from the start of ``lines[index]`` on (fewer at the end of the text); ``end``: where in
    ``text`` the next piece starts, into which the window may run on (None: ``lines`` are the last)."""
    window = lines[index]
    last = len(lines) - 1
    while len(window) < _WINDOW and index < last:
        index += 1
        window += "\n" + lines[index]
    if len(window) < _WINDOW and end is not None:
        window += "\n" + _window_at(text, end)
    return window[:_WINDOW]


def _window_at(text: str, start: int) -> str:
    """The first units of ``text`` from ``start`` on (fewer at the end of the text)."""
    size = 2 * _WINDOW
    while True:  # blanks take no units: read on until there are enough, or the text ends
        units = _units_text(text[start:start + size])
        if len(units) >= _WINDOW or start + size >= len(text):
            return units[:_WINDOW]
        size *= 4


def line_hashes(text: str) -> list[str]:
    """One ``"hash:count"`` per line of ``text``; line ``i`` (1-based) is at index ``i-1``.

    Lines are separated by ``\\n``, ``\\r\\n`` or ``\\r``; the list always has
    ``number of line breaks + 1`` entries (an empty file has one line, and a
    text ending in a line break has a final empty line).
    """
    return list(_hashes(text))


def primary_location_line_hash(text: str, line: int) -> str:
    """The ``primaryLocationLineHash`` of 1-based ``line`` in ``text``.

    Hashes are computed once per text (the last two texts are cached), so
    asking for many lines of one file is cheap.  Raises ``ValueError`` for a
    line outside ``1..len(line_hashes(text))`` (upstream then sets no
    fingerprint at all).
    """
    hashes = _hashes(text)
    if not 1 <= line <= len(hashes):
        raise ValueError(f"line {line} out of range 1..{len(hashes)}")
    return hashes[line - 1]
