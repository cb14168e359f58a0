"""Statements (rows) each answered on the same named scale; each row is a field of its own."""

from __future__ import annotations

from surveyapp.core import batteries
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types.base import ItemType, option_lines, scale_of
from surveyapp.core.instruments.values import AnswerValue, chosen_option
from surveyapp.core.statements import Statement
from surveyapp.core.summaries import ItemResult, number, option_summary, options_data


class Matrix(ItemType):
    name = "matrix"
    keys = frozenset({"scale", "rows"})
    macro = "matrix"

    def parse(self, reader, raw, path, common, scales):
        scale = scale_of(reader, raw, path, scales)
        rows = reader.listing(raw.get("rows"), f"{path}.rows", lambda v, p: _row(reader, v, p))
        return spec.MatrixItem(**common, scale=scale, rows=rows)

    def options(self, item, municipality_options=()):
        return item.scale.options

    def texts(self, item):
        yield item.text
        if item.help:
            yield item.help
        for row in item.rows:
            yield row.text
        for option in self.options(item):
            yield option.label

    def answer(self, item, form, out, municipality_options):
        for row in item.rows:
            option = chosen_option(row.code, item.scale.options, item.required, form, out)
            if option:
                out.answers.append(AnswerValue(row.code, choice_code=option.code))

    def summarise(self, item, counted):
        return ItemResult(
            item=item,
            rows=[
                (row, option_summary(item.scale.options, counted.choices.get(row.code, {})))
                for row in item.rows
            ],
        )

    def data(self, result, min_cell):
        whole = batteries.overall(result)
        return {
            "rows": {row.code: options_data(s) for row, s in result.rows},
            # The mean of every coded statement answer together (response-weighted), and the
            # statements from the highest mean down.
            "overall": {"answers": whole.answers, "mean": number(whole.mean, 2)},
            "ranking": [row.code for row, _s in batteries.ranked(result)],
        }

    def statements(self, item):
        scale = item.scale
        return tuple(
            Statement(row.code, row.number, row.text, scale.options, scale.agreeing)
            for row in item.rows
        )

    def codebook(self, item, municipality_options=()):
        return [
            line
            for row in item.rows
            for line in option_lines(
                row.code,
                row.number or "",
                f"{item.text.fi} / {row.text.fi}",
                "matrix_row",
                item.scale.options,
            )
        ]


def _row(reader, value, path: str) -> spec.Row:
    row = reader.mapping(value, path, {"code", "number", "text"}, ("code", "text")) or {}
    return spec.Row(
        code=reader.code(row.get("code"), f"{path}.code"),
        text=reader.text(row.get("text"), f"{path}.text"),
        number=reader.number(row.get("number"), f"{path}.number"),
    )


MATRIX = Matrix()
