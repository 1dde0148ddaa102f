"""Signs of the duty to appoint an FG (Art. 37(1)), one reading for the register (AVG102) and the
statement (AVG902).

Art. 13(1)(b) and 30(1)(a) ask for the FG "where applicable": only a public authority or body
(37(1)(a)), an organisation whose core activities need large-scale regular and systematic
monitoring (b) or large-scale processing of special categories or criminal data (c) must have
one. A rule claims the duty only on a sign of it; without a sign it stays silent, because a
small shop, club or practice without an FG shows no defect. The words are the `fg_duty_signs`
list of misc.yaml; its `grond` says which ground a sign points to.
"""

from __future__ import annotations

from typing import NamedTuple

from ._common import find_affirmed, has_value, value_of

# grounds of Art. 37(1) in the order a message names them, with the words that explain them
GROUNDS = {
    "a": ("a public authority or body, Art. 37(1)(a)",
          "een overheidsinstantie of publieke organisatie, art. 37 lid 1 sub a"),
    "b": ("systematic monitoring as a core activity, Art. 37(1)(b)",
          "stelselmatige observatie als kernactiviteit, art. 37 lid 1 sub b"),
    "schaal": ("processing on a large scale, Art. 37(1)(b)(c)", "verwerking op grote schaal, art. 37 lid 1 sub b en c"),
    "dpia": ("processing in the register on the AP's DPIA list, Art. 37(1)(b)(c)",
             "verwerking in het register op de DPIA-lijst van de AP, art. 37 lid 1 sub b en c"),
    "verwerker": ("processing on behalf of clients as a processor, Art. 37(1)",
                  "verwerking namens klanten als verwerker, art. 37 lid 1"),
}


class Sign(NamedTuple):
    """One sign of the duty: the ground it points to and the words that show it."""
    ground: str
    words: str

    def explain(self) -> tuple[str, str]:
        en, nl = GROUNDS[self.ground]
        return f"'{self.words}': {en}", f"'{self.words}': {nl}"


def wording_signs(vocab, text: str, *, self_description: bool) -> list[Sign]:
    """Signs in a text. A public body or school counts only where the organisation describes itself
    (its name, a title, an opening sentence): elsewhere "de gemeente" is a recipient or a place."""
    signs = []
    for match in find_affirmed(vocab, "fg_duty_signs", text):
        ground = match.entry.get("grond")
        if ground == "a" and not self_description:
            continue
        signs.append(Sign(ground, match.text))
    return signs


def public_body(organisation, vocab) -> Sign | None:
    """The organisation is a public authority or body by its `type` or by its name ("Gemeente Hoorn")."""
    kind = organisation.own("type")
    if has_value(kind) and find_affirmed(vocab, "public_authority", kind.text):
        return Sign("a", kind.text)
    for sign in wording_signs(vocab, organisation.name or "", self_description=True):
        if sign.ground == "a":
            return sign
    return None


def register_duty(register, vocab) -> tuple[str, Sign | None] | None:
    """What the register shows of the duty: ('public', sign) for a public body; ('likely', sign naming the
    activity) when an activity is on the AP DPIA list (systematic monitoring; the types that need large
    scale count only with a sign of it) or records Art. 9/10 data with a sign of large scale; ('scale',
    None) when it records such data without a sign of scale (the duty depends on it); None without any
    sign."""
    from .dpia import ap_list_types, large_scale, small_scale
    from .special_categories import declares_special

    organisation = register.organisation
    if organisation is not None:
        public = public_body(organisation, vocab)
        if public is not None:
            return "public", public
    strong = vocab.terms("special_categories")
    duty = None
    for activity in register.activities:
        if small_scale(activity, vocab):
            continue
        if ap_list_types(activity, vocab):
            return "likely", Sign("dpia", activity.name or "")
        if declares_special(activity, vocab) or any(
                find_affirmed(vocab, "special_categories", value_of(activity.get(key)))
                for key in ("gegevens", "doel", "betrokkenen") if strong.search(value_of(activity.get(key)))):
            if large_scale(activity, vocab):
                return "likely", Sign("schaal", activity.name or "")
            duty = ("scale", None)
    return duty
