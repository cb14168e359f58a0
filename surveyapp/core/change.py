"""Change between two waves of the same people: paired differences, their mean and its 95 % interval.

For each item, the paired answers (the same pairing code in both waves) give differences
``after − before``. The report gives n, the means of both waves over the pairs, the mean change
(an exact fraction), a 95 % confidence interval from the paired t distribution
(mean ± t(0,975; n − 1) · s / √n, where s is the differences' sample standard deviation), and the
shares of people who improved, stayed the same or got worse. Whether a higher value is better is
the item's to say (a school grade: yes; a scale coded 1 = "very well": no).

The interval needs a square root and a t quantile, so it is computed in Decimal at 28 digits and
rounded half-up only when shown; the t quantile comes from the regularised incomplete beta
function (a continued fraction, as in Numerical Recipes §6.4) inverted by bisection, accurate to
far more places than are printed. Python's statistics module has no t distribution.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

CONFIDENCE = Fraction(95, 100)


@dataclass(frozen=True)
class Change:
    n: int
    mean_before: Fraction
    mean_after: Fraction
    mean_change: Fraction
    low: Decimal | None  # the 95 % interval of the mean change; None for fewer than two pairs
    high: Decimal | None
    improved: Fraction  # shares of the pairs
    unchanged: Fraction
    worse: Fraction


def paired(
    pairs: Sequence[tuple[int | Fraction, int | Fraction]], *, higher_is_better: bool
) -> Change:
    """The change over ``pairs`` of (before, after) values of one person each."""
    if not pairs:
        raise ValueError("no pairs")
    n = len(pairs)
    differences = [Fraction(after) - Fraction(before) for before, after in pairs]
    mean = sum(differences, Fraction(0)) / n
    better = [d if higher_is_better else -d for d in differences]
    low = high = None
    if n >= 2:
        variance = sum(((d - mean) ** 2 for d in differences), Fraction(0)) / (n - 1)
        with localcontext() as context:
            context.prec = 28
            half_width = Decimal(t_quantile(n - 1)) * _sqrt(variance / n)
            centre = Decimal(mean.numerator) / Decimal(mean.denominator)
            low, high = centre - half_width, centre + half_width
    return Change(
        n=n,
        mean_before=sum((Fraction(b) for b, _ in pairs), Fraction(0)) / n,
        mean_after=sum((Fraction(a) for _, a in pairs), Fraction(0)) / n,
        mean_change=mean,
        low=low,
        high=high,
        improved=Fraction(sum(1 for d in better if d > 0), n),
        unchanged=Fraction(sum(1 for d in better if d == 0), n),
        worse=Fraction(sum(1 for d in better if d < 0), n),
    )


def match_rate(paired_count: int, answered: int) -> Fraction | None:
    """Paired answers as a share of a wave's answers; None for a wave without answers."""
    return Fraction(paired_count, answered) if answered else None


def _sqrt(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).sqrt()


def t_quantile(df: int, confidence: Fraction = CONFIDENCE) -> float:
    """The two-sided critical value of Student's t with ``df`` degrees of freedom."""
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    tail = float((1 - confidence) / 2)
    low, high = 0.0, 1.0
    while _upper_tail(high, df) > tail:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if _upper_tail(middle, df) > tail:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _upper_tail(t: float, df: int) -> float:
    """P(T > t) for t ≥ 0: half the regularised incomplete beta I_x(df/2, 1/2) at x = df/(df + t²)."""
    return _incomplete_beta(df / (df + t * t), df / 2, 0.5) / 2


def _incomplete_beta(x: float, a: float, b: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _continued_fraction(x, a, b) / a
    return 1 - front * _continued_fraction(1 - x, b, a) / b


def _continued_fraction(x: float, a: float, b: float) -> float:
    """Lentz's method for the incomplete beta function's continued fraction."""
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1) < 1e-16:
            break
    return result
