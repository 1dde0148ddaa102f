"""Hover: what a field key means and the article it serves; a rule's page on its id in a suppression
comment; how avglint reads a lawful basis; what a vocabulary term (a special category) stands for.
In the user's language (the configuration's ``lang``, or the one the editor passes)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from lsprotocol import types

from .. import docs
from ..language import language
from ..registry import resolve
from ..statement import is_statement_path
from ..vocab import load
from .locate import block_named_at, place
from .positions import offset as offset_at
from .positions import span_range

_RULE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_ARTICLE = re.compile(r"(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?")
LAW = {"en": "GDPR", "nl": "AVG"}
LABELS = {"en": {"basis": "Lawful basis", "not_basis": "not a lawful basis", "either": "may mean",
                 "special": "Special category of personal data", "proxy": "may reveal a special category"},
          "nl": {"basis": "Grondslag", "not_basis": "geen grondslag", "either": "kan betekenen",
                 "special": "Bijzondere categorie persoonsgegevens", "proxy": "kan een bijzondere categorie onthullen"}}


@lru_cache(maxsize=1)
def meanings() -> dict:
    from .._yaml import load_yaml

    return load_yaml(resources.files("avglint.lsp").joinpath("fields.yaml").read_text(encoding="utf-8"))


def article(reference: str, lang: str) -> str:
    """'30(1)(b)' as 'Art. 30(1)(b) GDPR' or 'art. 30 lid 1 sub b AVG' (several: '9, 10')."""
    if lang == "en":
        return f"Art. {reference} {LAW[lang]}"

    def dutch(match: re.Match) -> str:
        number, paragraph, letter = match.groups()
        return number + (f" lid {paragraph}" if paragraph else "") + (f" sub {letter}" if letter else "")

    return f"art. {_ARTICLE.sub(dutch, reference)} {LAW[lang]}"


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls, params: types.HoverParams):
        checked = await ls.state(params.text_document.uri)
        if checked is None or checked.parsed is None or is_statement_path(checked.source.path):
            return None
        where = offset_at(checked.source, params.position, ls.encoding)
        found = describe(checked, where, checked.lang)
        if found is None:
            return None
        text, span = found
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                           range=span_range(span, ls.encoding))


def describe(checked, where: int, lang: str):
    """(Markdown, span) for what is at ``where``, or None."""
    from ..model import Span

    parsed = checked.parsed
    for comment in parsed.comments:
        if comment.start <= where <= comment.end and "avglint" in comment.text.lower():
            return _rule_in_comment(checked.source, comment, where, lang)
    spot = place(parsed, where)
    if spot.field is not None and spot.on_key and spot.field.key:
        return _key(spot.field.key, lang), spot.field.key_span
    if spot.item is not None and spot.field.key is not None:
        vocab = load(checked.vocabularies)
        if spot.field.key == "grondslag":
            text = _basis(vocab, spot.item.value, lang)
            if text:
                return text, spot.item.span
        for name, label in (("special_categories", "special"), ("special_category_proxies", "proxy")):
            for match in vocab.terms(name).find(spot.item.value):
                span = spot.item.span_of(match.start, match.end)
                if span.start <= where <= span.end:
                    return _category(match.entry, label, lang), span
        return None
    block = block_named_at(parsed, where)
    if block is not None and block.kind and where <= block.start + len(block.kind_written):
        meaning = meanings()["blocks"][block.kind][lang]
        return f"**{block.kind}** ({language().block_en[block.kind]})\n\n{meaning}", \
            Span(checked.source, block.start, block.start + len(block.kind_written))
    return None


def _key(key: str, lang: str) -> str:
    info = language().field_info[key]
    lines = [f"**{info.name}** ({info.en})", "", meanings()["fields"][key][lang]]
    if info.article:
        lines += ["", article(info.article, lang)]
    return "\n".join(lines)


def _rule_in_comment(source, comment, where: int, lang: str):
    from ..model import Span

    for match in _RULE_NAME.finditer(comment.text):
        start, end = comment.start + match.start(), comment.start + match.end()
        if start <= where <= end:
            found = resolve(match.group())
            if len(found) == 1:
                return docs.page(found[0], lang), Span(source, start, end)
    return None


def _basis(vocab, text: str, lang: str) -> str | None:
    reading = vocab.lawful_bases.read(text)
    labels = LABELS[lang]
    bases = {entry["letter"]: entry for entry in vocab.data("lawful_bases")["bases"]}
    lines = []
    for letter in sorted(reading.letters):
        entry = bases[letter]
        name = entry["canonical_en"] if lang == "en" else entry["canonical_nl"]
        lines.append(f"**{labels['basis']}**: {article(entry['artikel'], lang)}, {name.lower() if lang == 'en' else name}")
    for mention in reading.mentions:
        if mention.note:
            lines.append(f"_{mention.note}_")
    for misnomer in reading.misnomers:
        lines.append(f"'{misnomer.text}': {labels['not_basis']}" + (f". {misnomer.note}" if misnomer.note else ""))
    for ambiguous in reading.ambiguous:
        options = ", ".join(article(bases[letter]["artikel"], lang) for letter in ambiguous.candidates
                            if letter in bases)
        lines.append(f"'{ambiguous.text}' {labels['either']} {options}")
    return "\n\n".join(lines) or None


def _category(entry, label: str, lang: str) -> str:
    name = entry.get("en") if lang == "en" else entry.get("naam")
    provision = article(entry["artikel"], lang) if entry.get("artikel") else ""
    heading = LABELS[lang]["special"] if label == "special" else LABELS[lang]["proxy"]
    return f"**{heading}**: {name or entry['id']}" + (f" ({provision})" if provision else "")
