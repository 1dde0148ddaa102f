"""Safe YAML loading, with libyaml's C loader when it is available (it is much faster)."""

from __future__ import annotations

from typing import Any, Sequence

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def load_yaml(text: str) -> Any:
    """Parse YAML with safe loading only: tags that would construct objects are refused."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - the loader is a SafeLoader


def line_of(text: str, path: Sequence[str | int]) -> int:
    """The line (1-based) in ``text`` of the item that ``path`` leads to (mapping keys and list indices).

    Where the path leaves the document (a key that is missing), the line of the deepest item it reaches.
    A key's line is that of the key itself, so an unknown or mistyped key points at where it is written.
    Only called for an error message: composing the node tree costs more than loading.
    """
    node = yaml.compose(text, Loader=_Loader)
    line = node.start_mark.line + 1 if node is not None else 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = next(((key, value) for key, value in node.value if key.value == str(step)), None)
            if found is None:
                break
            key, node = found
            line = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line
