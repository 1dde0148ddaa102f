"""Where the files shipped with avglint are: the directories of its data packages (``avglint.rules``
with the vocabularies, ``avglint.grammar``), found from their import specs, without importing them
and without importlib.resources, whose import and readers cost a small check several milliseconds.
The packages are directories on disk, as a wheel or an editable install lays them out."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def folder(package: str) -> Path:
    """The directory of the regular package ``package``."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"avglint's data package {package} is not installed", name=package)
    return Path(spec.submodule_search_locations[0])
