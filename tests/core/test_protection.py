"""The protected table: municipality groups × periods, every cell 0 or at least k, reviewed sessions known."""

from __future__ import annotations

import datetime as dt

from surveyapp.core import exports
from surveyapp.core.protection import Unit, build
from surveyapp.core.reports import Cell, PeriodCell


def cells(counts: dict[tuple[str, int], int], channel: str = "web") -> list[Cell]:
    return [Cell(place, dt.date(year, 3, 9), channel, n) for (place, year), n in counts.items()]


def test_years_widen_until_no_cell_is_small_and_big_municipalities_stay_shown():
    table = build(
        cells(
            {
                ("kemijarvi", 2021): 6,
                ("kemijarvi", 2022): 3,
                ("kemijarvi", 2023): 7,
                ("muhos", 2021): 5,
                ("muhos", 2022): 5,
                ("muhos", 2023): 5,
                ("posio", 2022): 2,
                ("ylivieska", 2023): 1,
            }
        ),
        5,
    )
    # Posio and Ylivieska (3) stay under k together, so the next smallest, Muhos, joins them.
    assert table.groups == ("kemijarvi", "muut") and table.members["muut"] == (
        "muhos",
        "posio",
        "ylivieska",
    )
    assert table.period_labels() == [
        "2021–2022",
        "2023",
    ]  # Kemijärvi's 3 in 2022 joins its smaller neighbour
    assert all(n >= 5 for n in table.counts.values()), table.counts


def test_a_lone_small_municipality_takes_the_next_smallest_with_it_in_every_period():
    table = build(
        cells({("a", 2021): 20, ("b", 2021): 7, ("c", 2021): 4, ("a", 2022): 20, ("b", 2022): 6}), 5
    )
    assert table.groups == ("a", "muut") and table.members["muut"] == ("b", "c")
    assert table.period_labels() == ["2021", "2022"]  # muut is 11 and 6: no year needs widening


def test_a_review_that_leaves_a_small_rest_widens_the_periods():
    counts = {("a", 2021): 8, ("a", 2022): 8, ("b", 2021): 9, ("b", 2022): 9}
    db = Unit(
        "s1", "Retki", "a", dt.date(2021, 3, 9), "kiosk", 6, published=True
    )  # 8 − 6 = 2 in 2021
    assert build(cells(counts), 5).period_labels() == ["2021", "2022"]
    table = build(cells(counts), 5, [db])
    assert table.period_labels() == ["2021–2022"]  # 16 − 6 = 10
    assert table.published_sessions == frozenset(
        {"s1"}
    )  # published in the history: 16 − 6 is not small


def test_a_session_is_kept_out_of_the_history_when_it_would_reveal_another():
    counts = {("a", 2021): 12, ("b", 2021): 20}
    units = [
        Unit("s1", "Retki", "a", dt.date(2021, 3, 9), "kiosk", 5, published=True),
        Unit("s2", "Kahvila", "a", dt.date(2021, 3, 9), "kiosk", 3),
        Unit("s3", "Kerho", "a", dt.date(2021, 3, 9), "kiosk", 4),
    ]
    table = build(cells(counts), 5, units)
    # Kahvila's leader, seeing s1 in the history, would have 12 − 5 − 3 = 4 left: Kerho's session.
    assert table.counts[("a", 0)] == 12 and table.published_sessions == frozenset()


def test_export_recoding_generalises_weeks_then_channels_until_every_combination_has_k_rows():
    table = build(cells({("a", 2021): 12, ("b", 2021): 10}), 5)
    week = [
        PeriodCell("a", dt.date(2021, 3, 1), "week", "web", 6),
        PeriodCell("a", dt.date(2021, 3, 8), "week", "web", 6),
        PeriodCell("b", dt.date(2021, 3, 1), "week", "web", 5),
        PeriodCell("b", dt.date(2021, 3, 8), "week", "web", 5),
    ]
    assert (exports.recode(table, week).level, exports.recode(table, week).channel) == (
        "kept",
        True,
    )
    split = week[:3] + [
        PeriodCell("b", dt.date(2021, 3, 8), "week", "web", 3),
        PeriodCell("b", dt.date(2021, 3, 8), "week", "paper", 2),
    ]
    recoding = exports.recode(table, split)
    assert (recoding.level, recoding.channel) == (
        "kept",
        False,
    )  # weeks kept, the paper forms' channel left out
    uneven = [
        PeriodCell("a", dt.date(2021, 3, 1), "week", "web", 10),
        PeriodCell("a", dt.date(2021, 4, 5), "week", "web", 2),
        PeriodCell("b", dt.date(2021, 3, 1), "week", "web", 10),
    ]
    recoding = exports.recode(build(cells({("a", 2021): 12, ("b", 2021): 10}), 5), uneven)
    assert recoding.level == "year" and recoding.period(dt.date(2021, 4, 5), "week") == "2021"
