"""Output formats, registered by name behind one signature (as flake8 registers its formatters).

Every format is a module with ``write(result, out, options)``: the check result, a text stream and the
one ``Options`` of the run, of which each format reads what concerns it. The CLI chooses a format by
its name in ``FORMATS`` alone. A format's module is imported only when it is asked for (most runs
need one).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple, TextIO

if TYPE_CHECKING:
    from ..engine import LintResult

FORMATS = ("text", "json", "sarif", "github", "html")  # the name of each format is the name of its module here


class Options(NamedTuple):
    """What the user asked of the output; a format ignores what does not apply to it. (A named tuple: made
    in a fraction of the time a dataclass takes to make at start-up.)"""

    lang: str = "en"
    colour: bool = False                # text
    show_source: bool = False           # text: the source line and a caret under each finding
    show_suppressed: bool = False       # text
    summary: bool = True                # text: the closing count
    fail_on: str = "warning"            # text: the severity that fails the run, for the summary
    category: str = "avglint"           # sarif: automationDetails.id
    omit_suppressed: bool = False       # sarif: leave suppressed results out (GitHub shows them as open)
    root: Path | None = None            # sarif: URIs are relative to it (default: the git work tree)
    indent: bool = False                # sarif: indented for a person to read (compact otherwise)


Writer = Callable[["LintResult", TextIO, Options], None]


def writer(name: str) -> Writer:
    """The ``write`` of the format called ``name`` (one of ``FORMATS``)."""
    if name not in FORMATS:
        raise ValueError(f"unknown output format {name!r} (one of {', '.join(FORMATS)})")
    return importlib.import_module(f"{__name__}.{name}").write
