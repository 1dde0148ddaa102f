"""Control characters taken from the input, made visible in what the formats write.

A line break in a quoted name or an escape sequence in a value must not reach a terminal or a log
that renders it (GitHub's does), nor start a new line of output, where a workflow command could begin.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")  # all but the tab


def _control_symbol(match: re.Match) -> str:
    """One character for one (the caret under a source line stays aligned): U+2400's pictures
    of C0 controls and DEL, U+FFFD for the rest."""
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """``text`` with every control character but the tab shown as a symbol."""
    return _CONTROL.sub(_control_symbol, text)
