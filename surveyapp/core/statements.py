"""The lines of a comparison of surveys or years: one statement's n, mean and share agreeing.

Each item type says which statements it gives (``ItemType.statements``): a grade item one, a scale
item one, a matrix one per row, a choice one when its instrument declares which options agree.
The figures come from the same counted answers as the dashboard, so they match it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

from surveyapp.core.instruments import spec
from surveyapp.core.stats import OptionSummary, share


@dataclass(frozen=True)
class Statement:
    """One compared line: the answer field it reads, and its options (none: a grade 4–10)."""

    code: str
    number: str | None
    text: spec.Text
    options: tuple[spec.Option, ...] = ()
    agreeing: tuple[str, ...] = ()  # option codes counted as agreeing; none declared: no share

    @property
    def grade(self) -> bool:
        return not self.options

    @property
    def agreeing_options(self) -> tuple[spec.Option, ...]:
        return tuple(o for o in self.options if o.code in self.agreeing)

    @property
    def has_mean(self) -> bool:
        return self.grade or any(o.value is not None and not o.dont_know for o in self.options)


@dataclass(frozen=True)
class Figures:
    """A statement's figures in one survey or period: answers, mean, answers on the agreeing options."""

    n: int
    mean: Fraction | None
    agreeing: int | None = None  # None: the statement declares no agreeing options

    @property
    def share(self) -> Fraction | None:
        """Agreeing answers out of every answer to the statement ("don't know" included), in %."""
        return None if self.agreeing is None else share(self.agreeing, self.n)


def figures(
    statement: Statement,
    grades: Mapping[str, Mapping[int, int]],
    choices: Mapping[str, Mapping[str, int]],
) -> Figures:
    """The statement's figures from answers counted by field (summaries.Counted's grades and choices)."""
    if statement.grade:
        counts = grades.get(statement.code, {})
        n = sum(counts.values())
        total = sum(g * k for g, k in counts.items())
        return Figures(n, Fraction(total, n) if n else None)
    counts = choices.get(statement.code, {})
    summary = OptionSummary(
        counts={o.code: counts.get(o.code, 0) for o in statement.options},
        values={o.code: None if o.dont_know else o.value for o in statement.options},
    )
    agreeing = sum(summary.counts[c] for c in statement.agreeing) if statement.agreeing else None
    return Figures(summary.n, summary.mean, agreeing)
