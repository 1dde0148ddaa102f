"""The error every malformed vocabulary raises, and where its message points."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

Path = tuple[str | int, ...]


class VocabularyError(ValueError):
    """A vocabulary file or the user's ``vocabularies:`` configuration is malformed."""


class Source:
    """Where a vocabulary came from, for error messages.

    A file (``file`` and its ``text``) gives ``file:line: bases[2] (c).letter``; the user's configuration
    (no text: the merged data no longer has lines of its own) gives ``vocabularies.lawful_bases.bases[2] (c).letter``.
    """

    def __init__(self, data: Any, prefix: str, text: str | None = None):
        self.data = data
        self.prefix = prefix
        self.text = text

    def at(self, path: Path) -> _At:
        return _At(self, tuple(path))

    def error(self, path: Path, problem: str) -> VocabularyError:
        return VocabularyError(f"{self.at(path)}: {problem}")


class _At:
    """The place of one item; the line is looked up only when a message is written (composing is slow)."""

    __slots__ = ("source", "path")

    def __init__(self, source: Source, path: Path):
        self.source, self.path = source, path

    def __str__(self) -> str:
        source = self.source
        dotted = dotted_path(source.data, self.path)
        if source.text is None:
            return f"{source.prefix}.{dotted}" if dotted else source.prefix
        from .._yaml import line_of  # YAML only for an error: a cache hit reads none

        where = f"{source.prefix}:{line_of(source.text, self.path)}"
        return f"{where}: {dotted}" if dotted else where

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def dotted_path(data: Any, path: Sequence[str | int]) -> str:
    """``bases[2] (c).letter``: keys joined by dots, list indices in brackets with the entry's id after them."""
    out = ""
    node = data
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
            node = node[step] if isinstance(node, Sequence) and 0 <= step < len(node) else None
            if isinstance(node, Mapping) and "id" in node:
                out += f" ({node['id']})"
        else:
            out += f".{step}" if out else str(step)
            node = node.get(step) if isinstance(node, Mapping) else None
    return out
