"""A Finnish school grade 4–10, and a section's overall grade ("KOKONAISARVIO …:").

``overall: true`` marks the form's overall grade: it leads the results (core/grade_items.py).
"""

from __future__ import annotations

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types.base import N_, ItemType
from surveyapp.core.instruments.values import AnswerValue, FieldError
from surveyapp.core.statements import Statement
from surveyapp.core.stats import share
from surveyapp.core.summaries import (
    ItemResult,
    grades_data,
    grades_from_counts,
    median_of,
    number,
)

GRADE_VALUES = {str(g): g for g in spec.GRADES}


def overall_flag(reader, raw, path) -> bool:
    return reader.boolean(raw.get("overall"), f"{path}.overall")


def check_overall(reader, items) -> None:
    """At most one overall grade per form: results lead with it."""
    marked = [i.code for i in items if getattr(i, "overall", False)]
    if len(marked) > 1:
        reader.error(
            "sections",
            N_("only one grade item may be 'overall: true' (%(items)s)"),
            items=", ".join(marked),
        )


class Grade(ItemType):
    name = "grade"
    keys = frozenset({"overall"})
    macro = "grade"

    def parse(self, reader, raw, path, common, scales):
        return spec.GradeItem(**common, overall=overall_flag(reader, raw, path))

    def answer(self, item, form, out, municipality_options):
        raw = (form.get(item.code) or "").strip()
        if not raw:
            if item.required:
                out.errors.append(FieldError(item.code, "required"))
            return
        if raw not in GRADE_VALUES:
            out.errors.append(FieldError(item.code, "grade", {"value": raw[:20]}))
            return
        out.answers.append(AnswerValue(item.code, grade=GRADE_VALUES[raw]))

    def summarise(self, item, counted):
        summary = grades_from_counts(counted.grades.get(item.code, {}))
        in_band = [
            (band, sum(summary.distribution[g] for g in range(band.min, band.max + 1)))
            for band in counted.bands
        ]
        return ItemResult(
            item=item,
            grades=summary,
            median=median_of(summary),
            bands=[(band, n, share(n, summary.n)) for band, n in in_band],
        )

    def data(self, result, min_cell):
        bands = {band.code: {"n": n, "percent": number(pct, 1)} for band, n, pct in result.bands}
        return {**grades_data(result.grades), "bands": bands}

    def statements(self, item):
        return (Statement(item.code, item.number, item.text),)

    def codebook(self, item, municipality_options=()):
        number_, question = item.number or "", item.text.fi
        return [
            [item.code, number_, question, item.type, str(g), str(g), str(g), ""]
            for g in spec.GRADES
        ]


class SectionGrade(Grade):
    """Shown as a grade, marked as the section's overall one."""

    name = "section_grade"

    def parse(self, reader, raw, path, common, scales):
        return spec.SectionGradeItem(**common, overall=overall_flag(reader, raw, path))


GRADE = Grade()
SECTION_GRADE = SectionGrade()
