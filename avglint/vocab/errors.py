"""The error every malformed vocabulary raises."""

from __future__ import annotations


class VocabularyError(ValueError):
    """A vocabulary file or the user's ``vocabularies:`` configuration is malformed."""
