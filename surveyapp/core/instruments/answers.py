"""Turn submitted form values into validated answers, one small parser per item type.

Field names: an item's code; a matrix row's code; ``<item>.<option>`` for an option's
follow-up text. Errors are codes with parameters, translated at the web edge.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from surveyapp.core.characters import UNSTORABLE
from surveyapp.core.instruments import spec

# The field name of the "nothing answered" error: it belongs to the whole form, not to one item.
NOTHING_ANSWERED = "_empty"
GRADE_VALUES = {str(g): g for g in spec.GRADES}
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
    code: str  # required | grade | choice | too_long | control_chars | follow_up_mismatch | empty
    params: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Parsed:
    answers: list[AnswerValue] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    municipality_code: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and not self.unknown


def follow_up_field(item: spec.Item, option: spec.Option) -> str:
    return f"{item.code}.{option.code}"


def fields(instrument: spec.Instrument) -> list[tuple[str, spec.Item]]:
    """Every form field name the instrument's items own, in paper order, with its item."""
    out: list[tuple[str, spec.Item]] = []
    for item in instrument.items():
        out.extend((code, item) for code in item.field_codes())
        for option in getattr(item, "options", ()):
            if option.follow_up:
                out.append((follow_up_field(item, option), item))
    return out


def field_names(instrument: spec.Instrument) -> set[str]:
    return {name for name, _item in fields(instrument)}


def clean_text(raw: str, max_length: int, name: str, errors: list[FieldError]) -> str | None:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if CONTROL.search(text):
        errors.append(FieldError(name, "control_chars"))
        return None
    if len(text) > max_length:
        errors.append(FieldError(name, "too_long", {"max": max_length, "length": len(text)}))
        return None
    return text or None


def _grade(item: spec.Item, form: Mapping[str, str], out: Parsed, _ctx: dict) -> None:
    raw = (form.get(item.code) or "").strip()
    if not raw:
        if item.required:
            out.errors.append(FieldError(item.code, "required"))
        return
    if raw not in GRADE_VALUES:
        out.errors.append(FieldError(item.code, "grade", {"value": raw[:20]}))
        return
    out.answers.append(AnswerValue(item.code, grade=GRADE_VALUES[raw]))


def _scale_value(
    name: str, options: Iterable[spec.Option], required: bool, form: Mapping[str, str], out: Parsed
) -> spec.Option | None:
    raw = (form.get(name) or "").strip()
    if not raw:
        if required:
            out.errors.append(FieldError(name, "required"))
        return None
    option = next((o for o in options if o.code == raw), None)
    if option is None:
        out.errors.append(FieldError(name, "choice", {"value": raw[:40]}))
    return option


def _scale(item: spec.ScaleItem, form, out: Parsed, _ctx) -> None:
    option = _scale_value(item.code, item.scale.options, item.required, form, out)
    if option:
        out.answers.append(AnswerValue(item.code, choice_code=option.code))


def _matrix(item: spec.MatrixItem, form, out: Parsed, _ctx) -> None:
    for row in item.rows:
        option = _scale_value(row.code, item.scale.options, item.required, form, out)
        if option:
            out.answers.append(AnswerValue(row.code, choice_code=option.code))


def _choice(item: spec.ChoiceItem, form, out: Parsed, ctx: dict) -> None:
    # A municipality item offers the collection's municipalities, never a fixed list.
    options = ctx["municipality_options"] if item.role == "municipality" else item.options
    chosen = _scale_value(item.code, options, item.required, form, out)
    follow_ups = {}
    for option in options:
        if option.follow_up:
            name = follow_up_field(item, option)
            text = clean_text(form.get(name) or "", option.follow_up.max_length, name, out.errors)
            if text:
                follow_ups[option.code] = (name, text)
    for code, (name, _text) in follow_ups.items():
        if chosen is None or code != chosen.code:
            out.errors.append(FieldError(name, "follow_up_mismatch", {"option": code}))
    if chosen:
        text = follow_ups.get(chosen.code, (None, None))[1]
        out.answers.append(AnswerValue(item.code, choice_code=chosen.code, text=text))
        if item.role == "municipality" and chosen.code != spec.MUNICIPALITY_OTHER:
            out.municipality_code = chosen.code


def _text(item: spec.TextItem, form, out: Parsed, _ctx) -> None:
    text = clean_text(form.get(item.code) or "", item.max_length, item.code, out.errors)
    if text is None:
        if item.required and not any(e.field == item.code for e in out.errors):
            out.errors.append(FieldError(item.code, "required"))
        return
    out.answers.append(AnswerValue(item.code, text=text))


PARSERS: dict[str, Callable] = {
    "grade": _grade,
    "section_grade": _grade,
    "scale": _scale,
    "matrix": _matrix,
    "choice": _choice,
    "text": _text,
}


def municipality_options(
    codes_and_names: Iterable[tuple[str, str]], other_label: str
) -> tuple[spec.Option, ...]:
    """The options of a municipality item: the collection's municipalities plus "muu"."""
    options = [spec.Option(code, spec.Text(fi=name)) for code, name in codes_and_names]
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
    ctx = {"municipality_options": municipality_options}
    for item in instrument.items():
        PARSERS[item.type](item, form, out, ctx)
    if not out.answers and not out.errors:
        # Nothing answered is not a response: it would raise n without saying anything.
        out.errors.append(FieldError(NOTHING_ANSWERED, "empty"))
    return out
