"""A form's grade items in results: which one leads, how each is named, and their figures by group.

A form may ask many grades (the life-situation assessment asks 22). Every one has its own figures;
none stands in for the others unnamed. The lead grade, charted and shown in the one-column tables,
is the item marked ``overall: true``; failing that the form's first section grade (its own
"KOKONAISARVIO"); failing that its first grade item.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable, Mapping

from surveyapp.core.instruments import spec
from surveyapp.core.stats import GradeSummary
from surveyapp.core.summaries import grades_from_counts


def of(instrument: spec.Instrument) -> tuple[spec.GradeItem, ...]:
    """Every grade item of the form (section grades too), in form order."""
    return tuple(i for i in instrument.items() if isinstance(i, spec.GradeItem))


def lead(instrument: spec.Instrument) -> spec.GradeItem | None:
    items = of(instrument)
    return (
        next((i for i in items if i.overall), None)
        or next((i for i in items if i.type == "section_grade"), None)
        or next(iter(items), None)
    )


def ordered(instrument: spec.Instrument) -> tuple[spec.GradeItem, ...]:
    """The lead grade first, then the others in form order."""
    first = lead(instrument)
    return tuple(i for i in (first, *(i for i in of(instrument) if i is not first)) if i)


def label(item: spec.Item, lang: str) -> str:
    """An item as the results name it: its printed number and its text."""
    text = item.text.get(lang)
    return f"{item.number} {text}" if item.number else text


def by_group(cells: Iterable, key: Callable[[object], str]) -> dict[str, dict[str, dict[int, int]]]:
    """Grade answer cells counted by group (``key`` of a cell), item code and grade."""
    counts: dict[str, dict[str, dict[int, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for cell in cells:
        counts[key(cell)][cell.item_code][cell.grade] += cell.n
    return counts


def summaries(
    counts: Mapping[str, Mapping[int, int]], members: Iterable[Mapping[str, Mapping[int, int]]] = ()
) -> dict[str, GradeSummary]:
    """Item code → its grade summary, over one group's counts and any further members' counts."""
    merged: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for part in (counts, *members):
        for code, grades in part.items():
            for grade, n in grades.items():
                merged[code][grade] += n
    return {code: grades_from_counts(grades) for code, grades in merged.items()}
