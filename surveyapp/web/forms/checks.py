"""Checks shared by the coordinator forms.

Each stops at a field's first problem (StopValidation): the field and the error summary show one
reason per field, the first in the order the checks are listed.
"""

from __future__ import annotations

from typing import Callable

from wtforms import Field, StringField, TextAreaField
from wtforms.validators import StopValidation

from surveyapp.core.characters import storable

Message = Callable[[Field], str]


def check(passes: Callable[[Field], bool], message: Message):
    """A validator from a test of the field and the message it gives when the test fails."""

    def validator(form, field: Field) -> None:
        if not passes(field):
            raise StopValidation(message(field))

    return validator


def present(field: Field) -> bool:
    """The field has a value that can be stored (an unstorable one counts as none)."""
    return bool(field.data) and storable(str(field.data))


def one_of(allowed, message: Message):
    return check(lambda field: field.data in allowed, message)


def text(value) -> str:
    """A posted or stored value as text: None (nothing posted) is empty."""
    return "" if value is None else str(value)


class KeepsTyped:
    """A text field that shows what was typed, as typed, when the form comes back with a problem.

    Its filters tidy the value that is checked and saved, never what the page shows.
    """

    def _value(self):
        raw = getattr(self, "raw_data", None)
        return raw[0] if raw else super()._value()


class TextField(KeepsTyped, StringField):
    pass


class MultilineField(KeepsTyped, TextAreaField):
    pass
