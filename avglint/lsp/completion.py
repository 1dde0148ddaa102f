"""Completion: the keys valid in the enclosing block, block kinds, and values for the fields that take
known ones: lawful bases, special categories, retention skeletons, the processors the register
declares. Every word offered comes from grammar/language.yaml, the vocabularies or the register."""

from __future__ import annotations

import re

from lsprotocol import types

from ..fmt import item_text
from ..language import ACTIVITY, GROUP, ORGANISATION, PROCESSOR, language
from ..model import Field
from ..vocab import load
from .hover import article, meanings
from .locate import place
from .positions import offset as offset_at
from .positions import position

# the blocks each kind may hold (the top level: every kind)
INNER_BLOCKS = {None: (ORGANISATION, GROUP, ACTIVITY, PROCESSOR), ORGANISATION: (GROUP, ACTIVITY, PROCESSOR),
                GROUP: (GROUP, ACTIVITY)}
_TYPING_KEY = re.compile(r"[ \t]*([^\W\d][\w -]*)?\Z")
_KEY_THEN_VALUE = re.compile(r"[ \t]*([^\W\d][\w -]*?)[ \t]*:(.*)\Z")
_DASH = re.compile(r"[ \t]*-")
_OPTIONAL = re.compile(r"\[([^\]]*)\]")


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":"]))
    async def completion(ls, params: types.CompletionParams):
        checked = await ls.state(params.text_document.uri)
        if checked is None or checked.parsed is None:
            return None
        return complete(ls, checked, offset_at(checked.source, params.position, ls.encoding))


def complete(ls, checked, where: int) -> types.CompletionList | None:
    source = checked.source
    line = source.line_col(where)[0]
    before = source.text[source.line_starts[line - 1]:where]
    spot = place(checked.parsed, where)
    kind = spot.block.kind if spot.block is not None else None
    snippets = ls.supports("text_document", "completion", "completion_item", "snippet_support")
    if _TYPING_KEY.match(before):
        items = [_block_item(inner, checked.lang, snippets) for inner in INNER_BLOCKS.get(kind, ())]
        if spot.block is not None and kind is not None:
            present = set(spot.block.fields)
            keys = dict.fromkeys(language().fields[kind].values())
            items += [_key_item(key, checked.lang) for key in keys if key not in present]
        return types.CompletionList(is_incomplete=False, items=items)
    key = _value_key(checked, spot, before, where)
    if key is None:
        return None
    typed = re.split(r"[:,]|\A[ \t]*-", before)[-1].lstrip(" \t")
    start = position(source, where - len(typed), ls.encoding)
    replace = types.Range(start=start, end=position(source, where, ls.encoding))
    vocab = load(checked.vocabularies)
    values = VALUES.get(key)
    items = values(vocab, checked, snippets) if values else []
    for item in items:
        item.text_edit = types.TextEdit(range=replace, new_text=item.insert_text or item.label)
        item.insert_text = None
    return types.CompletionList(is_incomplete=False, items=items)


def _value_key(checked, spot, before: str, where: int) -> str | None:
    """The canonical key of the field whose value is being written: on this line after ``key:``, or on a
    dash or continuation line below it."""
    if spot.block is None:
        return None
    written = _KEY_THEN_VALUE.match(before)
    if written:
        return language().field_key(spot.block.kind, written.group(1))
    fields: list[Field] = [f for f in spot.block.fields.values() if f.start < where]
    if not fields:
        return None
    last = max(fields, key=lambda f: f.start)
    continued = _DASH.match(before) or checked.source.text[last.start:where].rstrip(" \t\r\n").endswith((",", ":"))
    return last.key if continued else None


def _block_item(kind: str, lang: str, snippets: bool) -> types.CompletionItem:
    insert = f'{kind} "${{1:}}" {{\n\t$0\n}}' if snippets else f'{kind} "" {{\n}}'
    return types.CompletionItem(
        label=kind, kind=types.CompletionItemKind.Module, detail=language().block_en[kind],
        documentation=meanings()["blocks"][kind][lang], insert_text=insert,
        insert_text_format=types.InsertTextFormat.Snippet if snippets else types.InsertTextFormat.PlainText)


def _key_item(key: str, lang: str) -> types.CompletionItem:
    info = language().field_info[key]
    detail = info.en + (f" · {article(info.article, lang)}" if info.article else "")
    return types.CompletionItem(label=key, kind=types.CompletionItemKind.Field, detail=detail,
                                documentation=meanings()["fields"][key][lang], insert_text=f"{key}: ")


def _bases(vocab, checked, snippets):
    items = []
    for entry in vocab.data("lawful_bases")["bases"]:
        names = [entry["canonical_nl"]] + ([entry["canonical_en"]] if checked.lang == "en" else [])
        for name in names:
            items.append(types.CompletionItem(label=name, kind=types.CompletionItemKind.EnumMember,
                                              detail=article(entry["artikel"], checked.lang)))
    return items


def _special_categories(vocab, checked, snippets):
    items = []
    for entry in vocab.data("special_categories")["categories"]:
        names = [entry["naam"]] + ([entry["en"]] if checked.lang == "en" and entry.get("en") else [])
        for name in names:
            items.append(types.CompletionItem(label=name, kind=types.CompletionItemKind.EnumMember,
                                              detail=article(entry["artikel"], checked.lang)))
    return items


def _retention(vocab, checked, snippets):
    """'<n> <unit> na <event>' for each unit of the retention vocabulary, the event chosen among its
    start events (the wording AVG701 takes as a definite period)."""
    data = vocab.data("retention")
    events = []
    for entry in data["end_events"]:
        if entry.get("soort") == "start":
            for term in entry.get("terms", ()):
                if not any(mark in term for mark in "*=|"):
                    events.append(" ".join(_OPTIONAL.sub(r"\1", term).split()))
    events = list(dict.fromkeys(events))
    items = []
    for unit in data["units"]:
        word = unit["terms"][0].lstrip("=")
        label = f"… {word} {events[0]}" if events else f"… {word}"
        if snippets and events:
            choices = ",".join(event.replace(",", "\\,").replace("|", "\\|") for event in events)
            insert, fmt = f"${{1:1}} {word} ${{2|{choices}|}}", types.InsertTextFormat.Snippet
        else:
            insert, fmt = label.replace("…", "1", 1), types.InsertTextFormat.PlainText
        items.append(types.CompletionItem(label=label, kind=types.CompletionItemKind.Snippet,
                                          insert_text=insert, insert_text_format=fmt))
    return items


def _processors(vocab, checked, snippets):
    names = []
    for register in checked.result.registers:
        if any(source.path == checked.source.path for source in register.sources):
            names += [processor.name for processor in register.processors if processor.name]
    return [types.CompletionItem(label=name, kind=types.CompletionItemKind.Reference, detail="verwerker",
                                 insert_text=item_text(name)) for name in dict.fromkeys(names)]


VALUES = {"grondslag": _bases, "bijzondere gegevens": _special_categories, "bewaartermijn": _retention,
          "verwerkers": _processors}
