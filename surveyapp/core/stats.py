"""Exact statistics and Finnish number formatting; no floats, no Flask.

Means are exact fractions rounded half-up (as Finnish reports and readers expect; Babel and
Python's round() round half-even). Means over several groups are weighted by responses.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Iterable

from surveyapp.core.instruments.spec import GRADES

NBSP = "\u00a0"
MINUS = "\u2212"


@dataclass(frozen=True)
class GradeSummary:
    n: int
    total: int
    distribution: dict[int, int]

    @property
    def mean(self) -> Fraction | None:
        return Fraction(self.total, self.n) if self.n else None

    def percent(self, grade: int) -> Fraction | None:
        return Fraction(100 * self.distribution[grade], self.n) if self.n else None


def summarise_grades(grades: Iterable[int]) -> GradeSummary:
    distribution = {g: 0 for g in GRADES}
    n = total = 0
    for grade in grades:
        distribution[grade] += 1
        n += 1
        total += grade
    return GradeSummary(n, total, distribution)


def combine(summaries: Iterable[GradeSummary]) -> GradeSummary:
    """One summary over several groups: a response-weighted mean, never a mean of means."""
    distribution = {g: 0 for g in GRADES}
    n = total = 0
    for s in summaries:
        n += s.n
        total += s.total
        for grade, count in s.distribution.items():
            distribution[grade] += count
    return GradeSummary(n, total, distribution)


def round_half_up(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Round to ``places`` decimals, halves away from zero."""
    if isinstance(value, Fraction):
        # 28 significant digits: a non-terminating fraction never sits exactly on a half.
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(value)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def share(part: int, whole: int) -> Fraction | None:
    return Fraction(100 * part, whole) if whole else None


def fi_number(value: Fraction | Decimal | int, places: int, *, grouping: bool = True) -> str:
    """1 234,57: comma decimal, non-breaking space between thousands, half-up rounding.

    Without grouping (for CSV cells) 1234,57.
    """
    rounded = round_half_up(value, places)
    sign = MINUS if rounded < 0 else ""
    integer, _, fraction = f"{abs(rounded):.{places}f}".partition(".")
    if grouping:
        integer = f"{int(integer):,}".replace(",", NBSP)
    return f"{sign}{integer},{fraction}" if places else f"{sign}{integer}"


def fi_percent(value: Fraction | Decimal | int, places: int = 1) -> str:
    """68,6 %: one decimal, a non-breaking space before the sign."""
    return f"{fi_number(value, places)}{NBSP}%"


OTHERS = "muut"


@dataclass(frozen=True)
class Suppression:
    """Which groups of a breakdown may be shown, and which are merged into "muut"."""

    shown: tuple[str, ...]
    merged: tuple[str, ...]
    others_n: int
    min_cell: int

    @property
    def others_shown(self) -> bool:
        return bool(self.merged) and self.others_n >= self.min_cell

    def visible(self, group: str) -> bool:
        return group in self.shown


def suppress(counts: dict[str, int], min_cell: int) -> Suppression:
    """Hide every group under ``min_cell`` answers so that no group's figure can be recovered.

    Small groups are merged into one "muut" group. If that would hide a single group, or the
    merged group would itself stay under ``min_cell``, the next smallest groups join it: any
    figure of "muut" then equals total minus the shown groups, and it describes at least two
    groups and ``min_cell`` answers, never one small group alone.
    """
    ordered = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]))
    merged = [group for group, n in ordered if n < min_cell]
    remaining = [(group, n) for group, n in ordered if n >= min_cell]
    if merged:
        while remaining and (len(merged) == 1 or sum(counts[g] for g in merged) < min_cell):
            merged.append(remaining.pop(0)[0])
    shown = tuple(group for group, _ in sorted(remaining, key=lambda kv: kv[0]))
    return Suppression(
        shown=shown,
        merged=tuple(sorted(merged)),
        others_n=sum(counts[g] for g in merged),
        min_cell=min_cell,
    )


@dataclass(frozen=True)
class OptionSummary:
    """Counts per option of a scale or choice; "don't know" counted but not in the mean."""

    counts: dict[str, int]
    values: dict[str, int | None]  # option code -> numeric coding (None: not coded or don't know)

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> Fraction | None:
        coded = [
            (self.values[c], k)
            for c, k in self.counts.items()
            if self.values.get(c) is not None and k
        ]
        total = sum(k for _, k in coded)
        return Fraction(sum(v * k for v, k in coded), total) if total else None

    def percent(self, code: str) -> Fraction | None:
        return share(self.counts.get(code, 0), self.n)
