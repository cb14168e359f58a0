"""Golden tests: the figures the source reports published, recomputed from raw grades."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from surveyapp.core import demo
from surveyapp.core.stats import (
    combine,
    fi_number,
    fi_percent,
    round_half_up,
    share,
    summarise_grades,
)
from surveyapp.core.summaries import grades_from_counts, median_of

NBSP = "\u00a0"


def test_valpas_steering_group_mean_is_9_17_not_the_reported_9_16():
    summary = summarise_grades(demo.STEERING_GRADES)
    assert (summary.n, summary.total) == (6, 55)
    assert fi_number(summary.mean, 2) == "9,17"  # the report truncated 9,1666… to 9,16


def test_spring_2019_partner_survey():
    grades = [g for counts in demo.PARTNER_GRADES.values() for g in demo.expand(counts)]
    summary = summarise_grades(grades)
    good = summary.distribution[8] + summary.distribution[9]
    assert (summary.n, summary.total, good) == (35, 286, 24)
    assert fi_percent(share(good, summary.n)) == f"68,6{NBSP}%"
    assert fi_number(summary.mean, 2) == "8,17"
    shares = {
        place: fi_percent(share(sum(counts.values()), 35))
        for place, counts in demo.PARTNER_GRADES.items()
    }
    assert shares == {
        "kemijarvi": f"42,9{NBSP}%",
        "muhos": f"20,0{NBSP}%",
        "pudasjarvi": f"25,7{NBSP}%",
        "utajarvi": f"11,4{NBSP}%",
    }


def test_yearly_session_means_and_response_weighted_overall_mean():
    years = {
        year: summarise_grades(demo.expand(counts)) for year, counts in demo.SESSION_GRADES.items()
    }
    assert {y: fi_number(s.mean, 2) for y, s in years.items()} == {
        2017: "8,76",
        2018: "8,93",
        2019: "9,10",
    }
    overall = combine(years.values())
    assert (overall.n, overall.total) == (210, 1877)
    assert fi_number(overall.mean, 2) == "8,94"
    mean_of_means = sum(s.mean for s in years.values()) / 3
    assert fi_number(mean_of_means, 2) == "8,93"  # what a mean of means would wrongly give


@pytest.mark.parametrize(
    "value, places, expected",
    [
        (Fraction(8765, 1000), 2, Decimal("8.77")),  # half-up, where half-even gives 8,76
        (Fraction(8775, 1000), 2, Decimal("8.78")),
        (Fraction(685, 10), 0, Decimal("69")),
        (Fraction(2, 3), 2, Decimal("0.67")),
        (Decimal("-1.005"), 2, Decimal("-1.01")),
    ],
)
def test_round_half_up(value, places, expected):
    assert round_half_up(value, places) == expected


def test_finnish_number_format():
    assert fi_number(Fraction(12345, 10), 1) == f"1{NBSP}234,5"
    assert fi_number(Fraction(12345, 10), 1, grouping=False) == "1234,5"
    assert fi_number(1234567, 0) == f"1{NBSP}234{NBSP}567"
    assert fi_number(Fraction(-1, 2), 1) == "\u22120,5"
    assert fi_percent(Fraction(200, 7)) == f"28,6{NBSP}%"


def test_median_and_empty_groups():
    assert median_of(grades_from_counts({7: 1, 9: 1, 10: 1})) == 9
    assert median_of(grades_from_counts({7: 1, 8: 1, 9: 1, 10: 1})) == Fraction(17, 2)
    assert median_of(grades_from_counts({})) is None
    assert summarise_grades([]).mean is None
    assert share(1, 0) is None
