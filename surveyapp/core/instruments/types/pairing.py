"""A pairing code: optional, kept only as a sealed keyed hash (core/pairing.py), never as an answer.

``kind: card`` asks for the code on a random code card (pairing_codes.py: six characters and a
check character); ``kind: self`` builds a self-generated code from four facts the person always
knows (self_codes.py). Either way the item stores no answer row and nothing of it is in results,
exports or imports: the parsed code goes to ``Parsed.pairing``, which the submission seals under
the app's pairing key. Left empty, or with "I don't have my code" ticked, the answers are stored
unpaired. A mistyped card code (its check character does not match) is refused with a message,
every other answer kept on the page.

Form fields: ``<item>`` (kind card) or ``<item>.mother``, ``.father``, ``.day``, ``.month`` (kind
self), and ``<item>.none``: "1" when "I don't have my code" is ticked.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveyapp.core import pairing_codes, self_codes
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types.base import N_, ItemType
from surveyapp.core.instruments.values import FieldError

KINDS = ("card", "self")
NONE, TICKED = "none", "1"
# What a code field takes on the page: a card code with its hyphen and a few spaces.
MAX_TYPED = 20


@dataclass(frozen=True)
class PairingItem(spec.Item):
    """A pairing code of one kind: a code card's (``card``) or self-generated (``self``)."""

    kind: str = "card"

    type = "pairing"

    def field_codes(self) -> tuple[str, ...]:
        """It stores no answers (the code is sealed apart from them)."""
        return ()


def element_field(item: spec.Item, element: str) -> str:
    return f"{item.code}.{element}"


def none_field(item: spec.Item) -> str:
    return f"{item.code}.{NONE}"


def card_item(instrument: spec.Instrument) -> PairingItem | None:
    """The form's code-card item (which printed code cards fill in), or None."""
    return next((i for i in instrument.items() if i.type == "pairing" and i.kind == "card"), None)


class Pairing(ItemType):
    name = "pairing"
    keys = frozenset({"kind"})
    macro = "pairing"
    in_results = False
    in_exports = False
    messages = {
        "pairing_shape": N_(
            "A code has six letters and digits and a check character, for example ACD-EF3X. "
            "Check the code on your card, or tick “I don't have my code”."
        ),
        "pairing_check": N_(
            "This code does not check: one character is probably mistyped. Compare it with your "
            "card letter by letter, or tick “I don't have my code”."
        ),
        "pairing_letter": N_("Give one letter, or a hyphen (-) if you do not know."),
        "pairing_number": N_("Give a number: a day from 1 to 31, a month from 1 to 12."),
        "pairing_date": N_("That month has no such day."),
    }

    def parse(self, reader, raw, path, common, scales):
        kind = raw.get("kind", "card")
        if kind not in KINDS:
            reader.error(
                f"{path}.kind",
                N_("expected one of %(allowed)s, got %(value)s"),
                allowed=", ".join(KINDS),
                value=repr(kind),
            )
            kind = "card"
        if common.get("required"):
            reader.error(f"{path}.required", N_("a pairing code is always optional"))
            common = {**common, "required": False}
        return PairingItem(**common, kind=kind)

    def fields(self, item):
        own = (
            (item.code,)
            if item.kind == "card"
            else tuple(element_field(item, e) for e in self_codes.ELEMENTS)
        )
        return (*own, none_field(item))

    def answer(self, item, form, out, municipality_options):
        if (form.get(none_field(item)) or "").strip() == TICKED:
            return
        if item.kind == "card":
            self._card(item, form, out)
        else:
            self._self(item, form, out)

    def _card(self, item, form, out):
        typed = (form.get(item.code) or "").strip()
        if not typed:
            return
        code = pairing_codes.normalise(typed[:MAX_TYPED]) if len(typed) <= MAX_TYPED else None
        if code is not None:
            out.pairing = code
            return
        body = typed.translate(str.maketrans("", "", " -–")).upper()
        shaped = len(body) == pairing_codes.LENGTH and all(
            ch in pairing_codes.ALPHABET for ch in body
        )
        out.errors.append(FieldError(item.code, "pairing_check" if shaped else "pairing_shape"))

    def _self(self, item, form, out):
        raw = {e: (form.get(element_field(item, e)) or "").strip() for e in self_codes.ELEMENTS}
        if not any(raw.values()):
            return
        code, problems = self_codes.parse(**raw)
        if code is not None:
            out.pairing = "self:" + code.canonical()
            return
        for element, problem in problems.items():
            out.errors.append(FieldError(element_field(item, element), f"pairing_{problem}"))

    def export(self, item, stored):
        return {}

    def codebook(self, item, municipality_options=()):
        return []


PAIRING = Pairing()
