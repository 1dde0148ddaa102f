"""GitHub Actions workflow-command helpers (``::error file=…::message``).

Escaping follows actions/toolkit ``packages/core/src/command.ts``:

* message data: ``%`` -> ``%25``, ``\\r`` -> ``%0D``, ``\\n`` -> ``%0A``;
* property values: the same, plus ``:`` -> ``%3A`` and ``,`` -> ``%2C``;

``%`` is always escaped first so that the escapes themselves are not escaped
again.  Like the toolkit, a property whose value is empty is left out.

The runner refuses columns it cannot place: "'col' and 'endColumn' cannot be
set if 'line' and 'endLine' are different values" and "'endColumn' cannot be
less than 'col'".  :func:`annotation` therefore writes ``col``/``endColumn``
only for a single-line range with ``end_column >= col`` (and ``col`` alone
when only ``col`` is known on a single line); otherwise both are omitted and
the annotation covers whole lines.
"""

from __future__ import annotations

__all__ = ["escape_data", "escape_property", "annotation", "LEVELS"]

# avglint severity (SARIF level) -> workflow command
LEVELS: dict[str, str] = {
    "error": "error",
    "warning": "warning",
    "note": "notice",
    "notice": "notice",
}


def escape_data(s: str) -> str:
    """Escape a workflow-command message: ``%``, then ``\\r`` and ``\\n``."""
    return str(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a workflow-command property value: as :func:`escape_data`, plus ``:`` and ``,``."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(
    level: str,
    message: str,
    *,
    file: str,
    line: int,
    end_line: int,
    col: int | None = None,
    end_column: int | None = None,
    title: str | None = None,
) -> str:
    """One workflow-command line (without the trailing newline).

    ``level`` is ``error``, ``warning`` or ``note`` (``notice`` is accepted
    too) and becomes ``::error``, ``::warning`` or ``::notice``.  Properties
    are written in the order ``file, line, endLine, col, endColumn, title``;
    ``file`` should be repo-relative without a ``./`` prefix.  Lines and
    columns are 1-based; ``end_column`` is passed through as given.
    """
    try:
        command = LEVELS[level.lower()]
    except (KeyError, AttributeError):
        raise ValueError(f"unknown annotation level {level!r}; expected error, warning or note") from None

    props: list[tuple[str, object]] = [("file", file), ("line", line), ("endLine", end_line)]
    if line == end_line and col is not None:
        if end_column is None:
            props.append(("col", col))
        elif end_column >= col:
            props.append(("col", col))
            props.append(("endColumn", end_column))
    props.append(("title", title))

    rendered = ",".join(
        f"{key}={escape_property(value)}" for key, value in props if value is not None and value != ""
    )
    return f"::{command} {rendered}::{escape_data(message)}"
