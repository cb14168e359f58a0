"""What a submitted form becomes: answer values and field errors, collected item by item.

Errors are codes with parameters, translated at the web edge.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from surveyapp.core.characters import UNSTORABLE
from surveyapp.core.instruments import spec

# Control characters other than tab and newline, and lone surrogates, are never part of an answer.
CONTROL = UNSTORABLE


@dataclass(frozen=True)
class AnswerValue:
    item_code: str
    choice_code: str | None = None
    grade: int | None = None
    text: str | None = None


@dataclass(frozen=True)
class FieldError:
    field: str
    # required | grade | choice | too_long | control_chars | follow_up_mismatch | empty, or one of
    # an item type's own (ItemType.messages)
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Parsed:
    answers: list[AnswerValue] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    municipality_code: str | None = None
    # A pairing code given on the form (types/pairing.py): sealed when stored, never an answer.
    pairing: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and not self.unknown


def clean_text(raw: str, max_length: int, name: str, errors: list[FieldError]) -> str | None:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if CONTROL.search(text):
        errors.append(FieldError(name, "control_chars"))
        return None
    if len(text) > max_length:
        errors.append(FieldError(name, "too_long", {"max": max_length, "length": len(text)}))
        return None
    return text or None


def chosen_option(
    name: str, options: Iterable[spec.Option], required: bool, form: Mapping[str, str], out: Parsed
) -> spec.Option | None:
    """The option picked in field ``name``, or None (recording an error if it must be answered)."""
    raw = (form.get(name) or "").strip()
    if not raw:
        if required:
            out.errors.append(FieldError(name, "required"))
        return None
    option = next((o for o in options if o.code == raw), None)
    if option is None:
        out.errors.append(FieldError(name, "choice", {"value": raw[:40]}))
    return option
