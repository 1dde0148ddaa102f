"""The outline (document symbols), and go to definition / find references between the items of
``verwerkers:`` and the ``verwerker`` blocks they name, across the files of the register."""

from __future__ import annotations

from lsprotocol import types

from ..model import Activity, Block, Group, Organisation, Processor, Span, name_key
from .diagnostics import uri_of
from .locate import block_named_at, place
from .positions import offset as offset_at
from .positions import span_range

SYMBOL_KINDS = {Organisation: types.SymbolKind.Namespace, Group: types.SymbolKind.Package,
                Activity: types.SymbolKind.Function, Processor: types.SymbolKind.Class}


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbol(ls, params: types.DocumentSymbolParams):
        checked = await ls.state(params.text_document.uri)
        if checked is None or checked.parsed is None:
            return None
        return [_symbol(top, ls.encoding) for top in checked.parsed.blocks]

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls, params: types.DefinitionParams):
        checked = await ls.state(params.text_document.uri)
        if checked is None or checked.parsed is None:
            return None
        name = _processor_name_at(checked, offset_at(checked.source, params.position, ls.encoding))
        register = _register(checked)
        processor = register.processor(name) if name and register else None
        if processor is None:
            return None
        return [_location(processor.name_span, ls.encoding)]

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    async def references(ls, params: types.ReferenceParams):
        checked = await ls.state(params.text_document.uri)
        if checked is None or checked.parsed is None:
            return None
        name = _processor_name_at(checked, offset_at(checked.source, params.position, ls.encoding))
        register = _register(checked)
        if name is None or register is None:
            return None
        key = name_key(name)
        found = []
        if params.context.include_declaration and (processor := register.processor(name)) is not None:
            found.append(_location(processor.name_span, ls.encoding))
        for top in register.blocks:
            for block in top.walk():
                field = block.own("verwerkers")
                for item in field.items if field is not None else ():
                    if name_key(item.value) == key:
                        found.append(_location(item.span, ls.encoding))
        return found


def _symbol(block: Block, encoding: str) -> types.DocumentSymbol:
    return types.DocumentSymbol(
        name=block.name or block.kind_written, detail=block.kind_written,
        kind=SYMBOL_KINDS.get(type(block), types.SymbolKind.Object),
        range=span_range(block.span, encoding), selection_range=span_range(block.name_span, encoding),
        children=[_symbol(child, encoding) for child in block.children])


def _location(span: Span, encoding: str) -> types.Location:
    return types.Location(uri=uri_of(span.path), range=span_range(span, encoding))


def _register(checked):
    """The register (all its files, as the last check read them) that the document belongs to."""
    for register in checked.result.registers:
        if any(source is checked.source for source in register.sources):
            return register
    return None


def _processor_name_at(checked, where: int) -> str | None:
    """The processor named at ``where``: an item of ``verwerkers:``, or a ``verwerker`` block's name."""
    spot = place(checked.parsed, where)
    if spot.item is not None and spot.field.key == "verwerkers":
        return spot.item.value
    block = block_named_at(checked.parsed, where)
    if isinstance(block, Processor) and block.name:
        return block.name
    return None
