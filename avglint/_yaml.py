"""Safe YAML loading, with libyaml's C loader when it is available (it is much faster)."""

from __future__ import annotations

from typing import Any

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def load_yaml(text: str) -> Any:
    """Parse YAML with safe loading only: tags that would construct objects are refused."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - the loader is a SafeLoader
