"""Turn submitted form values into validated answers; each item's type reads its own fields.

Field names: an item's code; a matrix row's code; ``<item>.<option>`` for an option's
follow-up text. Errors are codes with parameters, translated at the web edge.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from surveyapp.core.instruments import spec, types
from surveyapp.core.instruments.values import AnswerValue, FieldError, Parsed

# AnswerValue, FieldError and Parsed are read from here by the rest of the app.
__all__ = [
    "NOTHING_ANSWERED",
    "AnswerValue",
    "FieldError",
    "Parsed",
    "field_names",
    "fields",
    "municipality_options",
    "parse",
]

# The field name of the "nothing answered" error: it belongs to the whole form, not to one item.
NOTHING_ANSWERED = "_empty"


def fields(instrument: spec.Instrument) -> list[tuple[str, spec.Item]]:
    """Every form field name the instrument's items own, in paper order, with its item."""
    return [(name, item) for item in instrument.items() for name in types.of(item).fields(item)]


def field_names(instrument: spec.Instrument) -> set[str]:
    return {name for name, _item in fields(instrument)}


def municipality_options(
    codes_and_names: Iterable[tuple[str, str | spec.Text]], other_label: str
) -> tuple[spec.Option, ...]:
    """The options of a municipality item: the collection's municipalities (a name, or a Text with
    the Swedish name too) plus "muu"."""
    options = [
        spec.Option(code, name if isinstance(name, spec.Text) else spec.Text(fi=name))
        for code, name in codes_and_names
    ]
    options.append(spec.Option(spec.MUNICIPALITY_OTHER, spec.Text(fi=other_label)))
    return tuple(options)


def parse(
    instrument: spec.Instrument,
    form: Mapping[str, str],
    *,
    municipality_options: tuple[spec.Option, ...] = (),
    ignore: Iterable[str] = (),
) -> Parsed:
    """Validate ``form`` against ``instrument``; unknown field names are reported, never stored."""
    out = Parsed()
    known = field_names(instrument) | set(ignore)
    out.unknown = sorted(name for name in form if name not in known)
    for item in instrument.items():
        types.of(item).answer(item, form, out, municipality_options)
    if not out.answers and not out.errors:
        # Nothing answered is not a response: it would raise n without saying anything.
        out.errors.append(FieldError(NOTHING_ANSWERED, "empty"))
    return out
