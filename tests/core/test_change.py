"""Paired change: exact mean change, a t interval checked against values computed here, shares."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from surveyapp.core import change

# Student's t, two-sided 95 %, from published tables (to 6 places).
T_TABLE = {1: "12.706205", 4: "2.776445", 9: "2.262157", 26: "2.055529", 30: "2.042272"}


@pytest.mark.parametrize(("df", "expected"), sorted(T_TABLE.items()))
def test_t_quantile_matches_the_tables(df, expected):
    value = Decimal(change.t_quantile(df)).quantize(Decimal("0.000001"), ROUND_HALF_UP)
    assert value == Decimal(expected)


def test_paired_change_of_five_people():
    pairs = [(6, 8), (7, 7), (5, 8), (9, 8), (6, 7)]  # differences 2, 0, 3, -1, 1
    result = change.paired(pairs, higher_is_better=True)
    assert result.n == 5
    assert result.mean_before == Fraction(33, 5) and result.mean_after == Fraction(38, 5)
    assert result.mean_change == 1
    # s² = ((1)² + (-1)² + 2² + (-2)² + 0²) / 4 = 10/4; half width = t(4) · √(10/4 / 5) = t(4) · √½
    half = Decimal("2.776445") * Decimal("0.5").sqrt()
    assert result.low.quantize(Decimal("0.0001"), ROUND_HALF_UP) == (1 - half).quantize(
        Decimal("0.0001"), ROUND_HALF_UP
    )
    assert str(result.high.quantize(Decimal("0.01"), ROUND_HALF_UP)) == "2.96"
    assert (result.improved, result.unchanged, result.worse) == (
        Fraction(3, 5),
        Fraction(1, 5),
        Fraction(1, 5),
    )


def test_lower_is_better_turns_the_shares_round():
    result = change.paired([(1, 2), (3, 1), (2, 2)], higher_is_better=False)
    assert result.mean_change == Fraction(-1, 3)
    assert (result.improved, result.unchanged, result.worse) == (
        Fraction(1, 3),
        Fraction(1, 3),
        Fraction(1, 3),
    )


def test_one_pair_has_no_interval_and_no_pairs_is_an_error():
    result = change.paired([(5, 7)], higher_is_better=True)
    assert result.mean_change == 2 and result.low is None and result.high is None
    with pytest.raises(ValueError):
        change.paired([], higher_is_better=True)


def test_match_rate():
    assert change.match_rate(27, 40) == Fraction(27, 40)
    assert change.match_rate(0, 0) is None
