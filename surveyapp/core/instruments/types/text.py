"""A free-text answer, on one line or several."""

from __future__ import annotations

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types.base import ItemType
from surveyapp.core.instruments.values import AnswerValue, FieldError, clean_text


class Text(ItemType):
    name = "text"
    keys = frozenset({"multiline", "max_length", "lines"})
    macro = "text"

    def parse(self, reader, raw, path, common, scales):
        return spec.TextItem(
            **common,
            multiline=reader.boolean(raw.get("multiline"), f"{path}.multiline"),
            max_length=reader.integer(raw.get("max_length"), f"{path}.max_length", 2000),
            lines=reader.integer(raw.get("lines"), f"{path}.lines", 1),
        )

    def answer(self, item, form, out, municipality_options):
        text = clean_text(form.get(item.code) or "", item.max_length, item.code, out.errors)
        if text is None:
            if item.required and not any(e.field == item.code for e in out.errors):
                out.errors.append(FieldError(item.code, "required"))
            return
        out.answers.append(AnswerValue(item.code, text=text))


TEXT = Text()
