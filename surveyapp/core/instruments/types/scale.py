"""One question answered on a named scale (e.g. "täysin samaa mieltä" … "en osaa sanoa")."""

from __future__ import annotations

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types.base import ItemType, option_lines, scale_of
from surveyapp.core.instruments.values import AnswerValue, chosen_option
from surveyapp.core.statements import Statement
from surveyapp.core.summaries import ItemResult, option_summary, options_data


class Scale(ItemType):
    name = "scale"
    keys = frozenset({"scale"})
    macro = "option_list"

    def parse(self, reader, raw, path, common, scales):
        return spec.ScaleItem(**common, scale=scale_of(reader, raw, path, scales))

    def options(self, item, municipality_options=()):
        return item.scale.options

    def answer(self, item, form, out, municipality_options):
        option = chosen_option(item.code, item.scale.options, item.required, form, out)
        if option:
            out.answers.append(AnswerValue(item.code, choice_code=option.code))

    def summarise(self, item, counted):
        options = self.options(item, counted.municipality_options)
        return ItemResult(
            item=item,
            options=option_summary(options, counted.choices.get(item.code, {})),
            follow_ups={
                o.code: counted.written(item.code, o.code)
                for o in options
                if counted.written(item.code, o.code)
            },
        )

    def data(self, result, min_cell):
        return {**options_data(result.options), "texts": result.follow_ups}

    def statements(self, item):
        scale = item.scale
        return (Statement(item.code, item.number, item.text, scale.options, scale.agreeing),)

    def codebook(self, item, municipality_options=()):
        options = self.options(item, municipality_options)
        return option_lines(item.code, item.number or "", item.text.fi, item.type, options)


SCALE = Scale()
