"""A battery of statements (a matrix item): its overall mean and its statements ranked by mean.

The overall mean is the mean of all coded statement answers together, each answer weighing the
same (so a statement fewer people answered weighs less): never a mean of the statements' means.
"Don't know" answers are counted in n but not in any mean, as for a single statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from surveyapp.core.instruments import spec
from surveyapp.core.stats import OptionSummary
from surveyapp.core.summaries import ItemResult


@dataclass(frozen=True)
class Overall:
    answers: int  # coded statement answers the mean is over
    total: int  # their coded values added up

    @property
    def mean(self) -> Fraction | None:
        return Fraction(self.total, self.answers) if self.answers else None


def coded(summary: OptionSummary) -> tuple[int, int]:
    """(coded answers, sum of their values) of one statement."""
    pairs = [(summary.values.get(c), n) for c, n in summary.counts.items()]
    return sum(n for v, n in pairs if v is not None), sum(v * n for v, n in pairs if v is not None)


def overall(result: ItemResult) -> Overall:
    parts = [coded(summary) for _row, summary in result.rows]
    return Overall(sum(n for n, _ in parts), sum(t for _, t in parts))


def ranked(result: ItemResult) -> list[tuple[spec.Row, OptionSummary]]:
    """Statements from the highest mean to the lowest (form order among equals; unanswered last)."""
    order = {row.code: i for i, (row, _) in enumerate(result.rows)}
    return sorted(
        result.rows,
        key=lambda pair: (pair[1].mean is None, -(pair[1].mean or 0), order[pair[0].code]),
    )
