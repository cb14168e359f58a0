"""Small-group protection and dashboard figures, without the web."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

from surveyapp.core.reports import AnswerCell, Cell
from surveyapp.core.results import breakdown
from surveyapp.core.stats import suppress

DAY = dt.date(2019, 3, 18)
VALPAS_2019 = {"kemijarvi": 15, "muhos": 7, "pudasjarvi": 9, "utajarvi": 4}


def test_a_lone_small_group_takes_the_next_smallest_with_it():
    hidden = suppress(VALPAS_2019, 5)
    assert hidden.shown == ("kemijarvi", "pudasjarvi")
    assert hidden.merged == ("muhos", "utajarvi")
    assert (hidden.others_n, hidden.others_shown) == (11, True)


def test_merged_group_under_the_limit_keeps_merging():
    hidden = suppress({"a": 3, "b": 1, "c": 20}, 5)
    assert hidden.shown == () and hidden.merged == ("a", "b", "c")
    assert suppress({"a": 30, "b": 10}, 5).merged == ()


def test_no_hidden_group_can_be_recovered_by_subtraction():
    cells = [Cell(place, DAY, "web", n) for place, n in VALPAS_2019.items()]
    grades = {
        "kemijarvi": {10: 1, 9: 6, 8: 4, 7: 4},
        "muhos": {9: 3, 8: 2, 7: 2},
        "pudasjarvi": {9: 3, 8: 3, 7: 3},
        "utajarvi": {9: 2, 8: 1, 7: 1},
    }
    grade_cells = [
        AnswerCell(place, DAY, "web", "arvosana", None, grade, n)
        for place, counts in grades.items()
        for grade, n in counts.items()
    ]
    result = breakdown("municipality", cells, grade_cells, 5)
    published = {row.key: (row.n, row.grades.total) for row in result.rows if not row.hidden}
    assert published == {"kemijarvi": (15, 124), "pudasjarvi": (9, 72), "muut": (11, 90)}
    total = (result.total, sum(g * n for counts in grades.values() for g, n in counts.items()))
    # Every difference of the total and any set of published groups: never Utajärvi's (4, 33)
    # nor Muhos's (7, 57).
    recoverable = set()
    for size in range(len(published) + 1):
        for groups in combinations(published.values(), size):
            recoverable.add(
                (total[0] - sum(n for n, _ in groups), total[1] - sum(s for _, s in groups))
            )
    assert (4, 33) not in recoverable and (7, 57) not in recoverable


def test_weighted_means_over_periods():
    cells = [
        Cell("", dt.date(2017, 5, 1), "paper", 50),
        Cell("", dt.date(2018, 5, 7), "paper", 100),
        Cell("", dt.date(2019, 5, 6), "paper", 60),
    ]
    grades = [
        AnswerCell("", dt.date(2017, 5, 1), "paper", "arvosana", None, 8, 50),
        AnswerCell("", dt.date(2018, 5, 7), "paper", "arvosana", None, 9, 100),
        AnswerCell("", dt.date(2019, 5, 6), "paper", "arvosana", None, 10, 60),
    ]
    years = breakdown("year", cells, grades, 5)
    assert [(r.key, r.grades.mean) for r in years.rows] == [("2017", 8), ("2018", 9), ("2019", 10)]
    from fractions import Fraction

    from surveyapp.core.stats import combine

    assert combine(r.grades for r in years.rows).mean == Fraction(
        400 + 900 + 600, 210
    )  # not (8 + 9 + 10) / 3


def test_dont_know_is_counted_but_not_in_the_mean():
    from fractions import Fraction

    from surveyapp.core.stats import OptionSummary

    summary = OptionSummary(
        counts={"hyvin": 3, "vahan": 1, "eos": 4}, values={"hyvin": 4, "vahan": 2, "eos": None}
    )
    assert summary.n == 8
    assert summary.mean == Fraction(14, 4)
    assert summary.percent("eos") == 50
