"""A score from a licensed measure: one whole number in a declared range, never the measure's items.

Some measures may be used but not reproduced (the Kykyviisari, for instance, is licensed): the
form records only the total the measure gives, typed from the measure's own sheet, e.g.
``type: score, min: 0, max: 100, higher_is_better: true``. Stored as the number (in the answer's
choice code, as text), counted in results as n, mean and median, compared in a measurement
series' change report in the declared direction, and exported as the number.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from fractions import Fraction

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types.base import N_, ItemType
from surveyapp.core.instruments.values import AnswerValue, FieldError
from surveyapp.core.stats import OptionSummary
from surveyapp.core.summaries import ItemResult, options_data

# The answer's choice code column is 40 characters; a score is far shorter.
LIMIT = 10**9


@dataclass(frozen=True)
class ScoreItem(spec.Item):
    min: int = 0
    max: int = 100
    higher_is_better: bool = True

    type = "score"


class Score(ItemType):
    name = "score"
    keys = frozenset({"min", "max", "higher_is_better"})
    macro = "score"
    messages = {
        "score": N_("Give a whole number from %(min)s to %(max)s."),
    }

    def parse(self, reader, raw, path, common, scales):
        bounds = {}
        for key in ("min", "max"):
            value = raw.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or abs(value) >= LIMIT:
                reader.error(
                    f"{path}.{key}", N_("expected a whole number, got %(value)s"), value=repr(value)
                )
                value = 0
            bounds[key] = value
        if bounds["min"] >= bounds["max"]:
            reader.error(
                f"{path}.max",
                N_("%(max)s is not more than min (%(min)s)"),
                max=bounds["max"],
                min=bounds["min"],
            )
        better = raw.get("higher_is_better")
        if not isinstance(better, bool):
            reader.error(
                f"{path}.higher_is_better",
                N_(
                    "say whether a higher score is better (true or false): "
                    "the change report needs it"
                ),
            )
            better = True
        return ScoreItem(**common, **bounds, higher_is_better=better)

    def answer(self, item, form, out, municipality_options):
        raw = (form.get(item.code) or "").strip().replace("\u2212", "-")
        if not raw:
            if item.required:
                out.errors.append(FieldError(item.code, "required"))
            return
        digits = raw[1:] if raw.startswith("-") else raw
        if not (digits.isascii() and digits.isdigit() and len(digits) <= 9):
            out.errors.append(FieldError(item.code, "score", {"min": item.min, "max": item.max}))
            return
        value = int(raw)
        if not item.min <= value <= item.max:
            out.errors.append(FieldError(item.code, "score", {"min": item.min, "max": item.max}))
            return
        out.answers.append(AnswerValue(item.code, choice_code=str(value)))

    def summarise(self, item, counted):
        counts = dict(counted.choices.get(item.code, {}))
        return ItemResult(
            item=item, options=OptionSummary(counts=counts, values={c: int(c) for c in counts})
        )

    def data(self, result, min_cell):
        return {**options_data(result.options), "min": result.item.min, "max": result.item.max}

    def table(self, result, lang, _, printed=False):
        from surveyapp.core.result_tables import Cell, Row, Table

        scores = result.options
        values = [int(c) for c, k in scores.counts.items() for _i in range(k)]
        median = Fraction(statistics.median_low(values) + statistics.median_high(values), 2)
        rows = (
            Row("n", (Cell(scores.n),)),
            Row(_("Mean"), (Cell(scores.mean, "number"),)),
            Row(_("Median"), (Cell(median if values else None, "number", 1),)),
        )
        caption = _(
            "Scores from %(min)s to %(max)s (n = %(n)s)",
            min=result.item.min,
            max=result.item.max,
            n=scores.n,
        )
        return Table(
            caption, () if printed else ("", _("Score")), rows, None if printed else "data"
        )

    def codebook(self, item, municipality_options=()):
        return [
            [
                item.code,
                item.number or "",
                item.text.fi,
                "score",
                f"{item.min}–{item.max}",
                "",
                "",
                "",
            ]
        ]


SCORE = Score()
