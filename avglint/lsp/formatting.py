"""Formatting: the document as ``avglint fmt`` writes it (nothing when it has a syntax error)."""

from __future__ import annotations

from functools import partial

from lsprotocol import types

from ..fmt import NotFormattable, format_text
from .positions import position


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    async def formatting(ls, params: types.DocumentFormattingParams):
        checked = await ls.state(params.text_document.uri)
        if checked is None or checked.parsed is None:
            return None
        source = checked.source
        try:
            formatted = await ls.run_in_worker(partial(format_text, source.text, path=source.path))
        except NotFormattable:
            return None  # the syntax error is a diagnostic already
        if formatted == source.text:
            return []
        whole = types.Range(start=types.Position(line=0, character=0),
                            end=position(source, len(source.text), ls.encoding))
        return [types.TextEdit(range=whole, new_text=formatted)]
