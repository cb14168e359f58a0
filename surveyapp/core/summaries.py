"""What an item's results are made of: counted answers in, grade and option summaries out.

Each item type (instruments/types/) summarises its own answers from a ``Counted``; results.py
builds the dashboard around them. The JSON helpers here give every figure the same rounding.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Iterable, Mapping

from surveyapp.core.instruments import spec
from surveyapp.core.stats import GradeSummary, OptionSummary, Suppression, round_half_up

if TYPE_CHECKING:  # the item types read no database
    from surveyapp.core.reports import AnswerCell


@dataclass(frozen=True)
class GroupRow:
    key: str
    n: int
    share: Fraction | None
    grades: GradeSummary | None
    response_rate: Fraction | None = None
    members: tuple[str, ...] = ()  # for the merged "muut" row: which groups it holds
    hidden: bool = False  # fewer than min_cell: only "< min_cell" may be shown
    # Every grade item's figures in this group (item code → summary); ``grades`` is the lead item's.
    item_grades: Mapping[str, GradeSummary] = field(default_factory=dict)


@dataclass(frozen=True)
class Breakdown:
    by: str
    rows: tuple[GroupRow, ...]
    total: int
    suppression: Suppression | None = None


@dataclass
class ItemResult:
    item: spec.Item
    grades: GradeSummary | None = None
    median: Fraction | None = None
    bands: list[tuple[spec.Band, int, Fraction | None]] = field(default_factory=list)
    options: OptionSummary | None = None
    rows: list[tuple[spec.Row, OptionSummary]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    follow_ups: dict[str, list[str]] = field(default_factory=dict)
    # The municipality item shows its breakdown, small municipalities merged, never raw counts.
    groups: Breakdown | None = None


@dataclass(frozen=True)
class Counted:
    """One filtered set of responses, its answers counted by field: what item types summarise."""

    n: int
    grades: Mapping[str, Mapping[int, int]]  # field → grade → answers
    choices: Mapping[str, Mapping[str, int]]  # field → choice code → answers
    texts: Mapping[tuple[str, str | None], list[str]]  # (field, choice code or None) → texts
    bands: tuple[spec.Band, ...] = ()
    municipality_options: tuple[spec.Option, ...] = ()
    breakdowns: Mapping[str, Breakdown] = field(default_factory=dict)

    def written(self, code: str, choice: str | None = None) -> list[str]:
        return self.texts.get((code, choice), [])


def count(
    n: int,
    answers: Iterable[AnswerCell],
    texts: Iterable[tuple[str, str | None, str]],
    **context,
) -> Counted:
    """Answer cells and written texts counted by field; ``context``: Counted's other fields."""
    grades: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    choices: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for cell in answers:
        if cell.grade is not None:
            grades[cell.item_code][cell.grade] += cell.n
        elif cell.choice_code is not None:
            choices[cell.item_code][cell.choice_code] += cell.n
    written: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for item_code, choice_code, text in texts:
        written[(item_code, choice_code)].append(text)
    return Counted(n=n, grades=grades, choices=choices, texts=written, **context)


def grades_from_counts(counts: Mapping[int, int]) -> GradeSummary:
    """A summary from grade → count, in time proportional to the grades, not to the answers."""
    distribution = {g: 0 for g in spec.GRADES}
    distribution.update(counts)
    return GradeSummary(sum(counts.values()), sum(g * n for g, n in counts.items()), distribution)


def median_of(summary: GradeSummary) -> Fraction | None:
    """Median from a distribution, without listing every answer."""
    if not summary.n:
        return None
    ordered = sorted(summary.distribution.items())

    def nth(position: int) -> int:  # 0-based
        seen = 0
        for grade, count in ordered:
            seen += count
            if position < seen:
                return grade
        raise IndexError(position)

    middle = summary.n // 2
    if summary.n % 2:
        return Fraction(nth(middle))
    return Fraction(nth(middle - 1) + nth(middle), 2)


def option_summary(options: Iterable[spec.Option], counts: Mapping[str, int]) -> OptionSummary:
    options = tuple(options)
    return OptionSummary(
        counts={o.code: counts.get(o.code, 0) for o in options},
        values={o.code: None if o.dont_know else o.value for o in options},
    )


def number(value: Fraction | None, places: int):
    """Exact half-up rounding, as a JSON number (or null)."""
    return None if value is None else float(round_half_up(value, places))


def grades_data(summary: GradeSummary | None) -> dict | None:
    if summary is None:
        return None
    return {
        "n": summary.n,
        "mean": number(summary.mean, 2),
        "median": number(median_of(summary), 1),
        "distribution": {str(g): summary.distribution[g] for g in spec.GRADES},
    }


def options_data(summary: OptionSummary) -> dict:
    return {
        "n": summary.n,
        "mean": number(summary.mean, 2),
        "counts": summary.counts,
        "percent": {c: number(summary.percent(c), 1) for c in summary.counts},
    }


def groups_data(b: Breakdown, min_cell: int) -> list[dict]:
    return [
        {
            "group": row.key,
            "members": list(row.members) or None,
            "hidden": row.hidden,
            "n": None if row.hidden else row.n,
            "n_text": f"< {min_cell}" if row.hidden else str(row.n),
            "share_percent": None if row.hidden else number(row.share, 1),
            "response_rate_percent": None if row.hidden else number(row.response_rate, 1),
            "grades": None if row.hidden else grades_data(row.grades),
            "items": None
            if row.hidden
            else {code: grades_data(s) for code, s in row.item_grades.items()},
        }
        for row in b.rows
    ]
