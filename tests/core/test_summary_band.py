"""The summary band's figures, recomputed here from the raw answers (exact, half-up, Finnish)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from surveyapp.core import results, summary_band
from surveyapp.core.breakdowns import breakdown
from surveyapp.core.reports import AnswerCell, Cell
from tests.helpers import shipped_instruments

INSTRUMENTS = shipped_instruments()
NBSP = "\u00a0"
SPRING = {2025: dt.date(2025, 5, 5), 2026: dt.date(2026, 5, 4)}
# Session feedback grades (item "arvosana"); the two years' means differ by exactly 1/8.
GRADES = {2025: [8, 8, 8, 9, 9, 9, 8, 9], 2026: [8, 8, 9, 9, 9, 9, 8, 9]}


def identity(text: str, **values) -> str:
    return text % values if values else text


def half_up(value: Fraction, places: int) -> str:
    """Finnish text of ``value`` rounded half away from zero, computed without the app's code."""
    scaled = abs(value) * 10**places
    whole = int(scaled) + (1 if scaled - int(scaled) >= Fraction(1, 2) else 0)
    digits = str(whole).rjust(places + 1, "0")
    text = f"{digits[:-places]},{digits[-places:]}" if places else digits
    return ("\u2212" if value < 0 and whole else "") + text


def grade_dashboard(grades: dict[int, list[int]], invited: int | None = None, min_cell: int = 5):
    instrument = INSTRUMENTS["session_feedback"]
    cells = [Cell("", SPRING[year], "paper", len(values)) for year, values in grades.items()]
    answers = [
        AnswerCell("", SPRING[year], "paper", "arvosana", None, grade, 1)
        for year, values in grades.items()
        for grade in values
    ]
    dashboard = results.build(
        instrument, cells, answers, [], min_cell=min_cell, invited_total=invited
    )
    if not dashboard.hidden:
        dashboard.breakdowns = {
            "year": breakdown("year", cells, answers, min_cell, lead="arvosana")
        }
    return dashboard


def by_key(dashboard) -> dict[str, summary_band.Fact]:
    return {fact.key: fact for fact in summary_band.facts(dashboard, "fi", identity)}


def test_answers_rate_mean_and_change_since_the_previous_year():
    band = by_key(grade_dashboard(GRADES, invited=24))
    every = GRADES[2025] + GRADES[2026]
    mean = Fraction(sum(every), len(every))
    change = Fraction(sum(GRADES[2026]), 8) - Fraction(sum(GRADES[2025]), 8)
    assert change == Fraction(1, 8)  # 0,125: half-up gives 0,13 where half-even would give 0,12
    assert band["n"].value == "16"
    assert band["response-rate"].value == half_up(Fraction(100 * 16, 24), 1) + NBSP + "%"
    assert band["response-rate"].value == f"66,7{NBSP}%"
    assert band["response-rate"].detail == "of 24 invited"
    assert band["lead-mean"].value == half_up(mean, 2) == "8,56"
    assert band["lead-mean"].detail.startswith("1. Millaisen arvosanan")
    assert band["change"].value == "+" + half_up(change, 2) == "+0,13"
    assert band["change"].label == "Change since 2025"
    assert band["change"].detail == "mean grade 2026"
    assert list(band) == ["n", "response-rate", "lead-mean", "change"]


def test_a_fall_shows_a_minus_sign_and_no_change_a_plus_minus():
    fall = by_key(grade_dashboard({2025: GRADES[2026], 2026: GRADES[2025]}))
    assert fall["change"].value == "\u2212" + half_up(Fraction(1, 8), 2) == "\u22120,13"
    same = by_key(grade_dashboard({2025: GRADES[2025], 2026: GRADES[2025]}))
    assert same["change"].value == "\u00b10,00"


def test_one_period_has_no_change_and_unknown_invitations_no_rate():
    band = by_key(grade_dashboard({2026: GRADES[2026]}))
    assert list(band) == ["n", "lead-mean"]
    assert band["lead-mean"].value == half_up(Fraction(sum(GRADES[2026]), 8), 2) == "8,63"


def test_a_year_under_the_limit_is_not_compared():
    # 2025 has 3 answers (< 5): the year breakdown merges it away, so there is nothing to compare.
    dashboard = grade_dashboard({2025: [4, 5, 6], 2026: GRADES[2026]})
    shown = [row.key for row in dashboard.breakdowns["year"].rows if not row.hidden]
    assert "2025" not in shown
    assert "change" not in by_key(dashboard)


def test_a_hidden_dashboard_has_no_band():
    assert summary_band.facts(grade_dashboard({2026: [9, 9, 9]}), "fi", identity) == ()


def battery_dashboard(counts: dict[str, dict[str, int]], n: int):
    instrument = INSTRUMENTS["oulunkaari_yhteistyokysely"]
    cells = [Cell("", SPRING[2026], "web", n)]
    answers = [
        AnswerCell("", SPRING[2026], "web", row, option, None, k)
        for row, by_option in counts.items()
        for option, k in by_option.items()
    ]
    return results.build(instrument, cells, answers, [], min_cell=5)


def test_a_battery_with_agreeing_options_shows_the_share_agreeing():
    counts = {
        "tunnen_tyotavat": {"eri": 1, "osittain_eri": 2, "osittain_samaa": 3, "samaa": 1},
        "verkosto_toimii": {"osittain_eri": 1, "osittain_samaa": 2, "samaa": 3},
    }
    band = by_key(battery_dashboard(counts, 7))
    agreeing = sum(k for by in counts.values() for o, k in by.items() if o.endswith("samaa"))
    every = sum(k for by in counts.values() for k in by.values())
    assert (agreeing, every) == (9, 13)
    assert band["agreement"].value == half_up(Fraction(100 * 9, 13), 1) + NBSP + "%"
    assert band["agreement"].value == f"69,2{NBSP}%"
    assert band["agreement"].detail.startswith("1. Kuinka samaa mieltä")
    assert "lead-mean" not in band and "change" not in band


def test_a_battery_without_agreeing_options_shows_its_mean_with_the_scale_named():
    instrument = INSTRUMENTS["esy_client_eval"]
    battery = next(i for i in instrument.items() if i.code == "q10")
    values = {o.code: o.value for o in battery.scale.options}
    rows = [row.code for row in battery.rows]
    picked = {rows[0]: {"erittain_hyvin": 3, "hyvin": 2}, rows[1]: {"hyvin": 4, "vahan": 1}}
    cells = [Cell("", SPRING[2026], "paper", 5)]
    answers = [
        AnswerCell("", SPRING[2026], "paper", row, option, None, k)
        for row, by_option in picked.items()
        for option, k in by_option.items()
    ]
    dashboard = results.build(instrument, cells, answers, [], min_cell=5)
    band = by_key(dashboard)
    total = sum(values[o] * k for by in picked.values() for o, k in by.items())
    answered = sum(k for by in picked.values() for k in by.values())
    assert band["battery-mean"].value == half_up(Fraction(total, answered), 2)
    assert "1 = " in band["battery-mean"].detail and "5 = " in band["battery-mean"].detail


# The lead battery's change since the previous period, from raw answers stored in the database:
# the Oulunkaari cooperation survey's two rounds (tests/helpers/rounds.py) in one collection.
BATTERY = ("tunnen_tyotavat", "verkosto_toimii")  # its first battery's statements
AGREEING_OPTIONS = ("osittain_samaa", "samaa")  # as its scale lists them under agreeing:


def two_rounds_in_one_collection(db):
    from tests.helpers import make_collection
    from tests.helpers.rounds import INSTRUMENT, submit_wave

    instrument = INSTRUMENTS[INSTRUMENT]
    collection = make_collection(db, INSTRUMENT, municipalities=(), audience="partners")
    for year in (2015, 2016):
        submit_wave(db, collection, instrument, year)
    db.commit()
    return instrument, collection


def agreeing_by_hand(year: int) -> tuple[int, int]:
    """(agreeing answers, every answer) to the battery's statements in one round's raw rows."""
    from tests.helpers.rounds import rows

    answers = [person[code] for person in rows(year) for code in BATTERY if code in person]
    return sum(a in AGREEING_OPTIONS for a in answers), len(answers)


def band_of(db, instrument, collection, table, group=None):
    from surveyapp.core import battery_periods, reports

    scope = reports.Scope(instrument.id, (collection.id,))
    filters = results.selection(table, group, None)
    dashboard = results.for_scope(db, instrument, scope, filters, min_cell=5, table=table)
    periods = battery_periods.latest_two(db, instrument, scope, table, group)
    return {f.key: f for f in summary_band.facts(dashboard, "fi", identity, periods)}


def test_a_battery_shows_its_change_in_percentage_points_since_the_previous_period(db):
    from surveyapp.core import protection

    instrument, collection = two_rounds_in_one_collection(db)
    table = protection.for_collection(db, collection, 5, 3)
    assert table.period_labels() == ["2015", "2016"]
    before, after = agreeing_by_hand(2015), agreeing_by_hand(2016)
    assert (before, after) == ((66, 85), (33, 38))
    band = band_of(db, instrument, collection, table)
    both = Fraction(before[0] + after[0], before[1] + after[1])
    assert band["agreement"].value == half_up(100 * both, 1) + NBSP + "%" == f"80,5{NBSP}%"
    change = Fraction(100 * after[0], after[1]) - Fraction(100 * before[0], before[1])
    assert change == Fraction(29700, 3230)
    assert band["change"].value == "+" + half_up(change, 1) + " percentage points"
    assert band["change"].value == "+9,2 percentage points"
    assert band["change"].label == "Change since 2015"
    assert band["change"].detail == "share agreeing 2016"
    assert list(band) == ["n", "agreement", "change"]


def test_no_battery_change_across_a_period_under_the_limit_or_a_withheld_table(db):
    from surveyapp.core import battery_periods, protection, reports

    instrument, collection = two_rounds_in_one_collection(db)
    table = protection.for_collection(db, collection, 5, 3)
    scope = reports.Scope(instrument.id, (collection.id,))
    assert battery_periods.latest_two(db, instrument, scope, table) is not None
    # The same table with its latest period under k, and withheld: nothing is read or shown.
    small = dict(table.counts)
    latest = max(small, key=lambda cell: cell[1])
    small[latest] = 4
    for changed in (
        protection.Table(**{**table.__dict__, "counts": small}),
        protection.Table(**{**table.__dict__, "withheld": True}),
    ):
        assert battery_periods.latest_two(db, instrument, scope, changed) is None
    # One period only: nothing to compare.
    one = protection.Table(**{**table.__dict__, "periods": ((2015, 2016),)})
    assert battery_periods.latest_two(db, instrument, scope, one) is None


def test_a_battery_without_agreeing_options_shows_the_change_of_its_mean(db):
    from surveyapp.core import protection, responses
    from surveyapp.core.instruments.answers import AnswerValue
    from tests.helpers import make_collection

    instrument = INSTRUMENTS["esy_client_eval"]
    battery = next(i for i in instrument.items() if i.code == "q10")
    values = {o.code: o.value for o in battery.scale.options}
    first, second = (row.code for row in battery.rows[:2])
    # Each respondent's (first statement, second statement) answers, by year.
    answered = {
        2025: [("hyvin", "vahan")] * 3 + [("erittain_hyvin", "hyvin")] * 2,
        2026: [("erittain_hyvin", "hyvin")] * 4 + [("jonkin_verran", "hyvin")] * 2,
    }
    collection = make_collection(db, "esy_client_eval", municipalities=())
    for year, people in answered.items():
        for pair in people:
            responses.submit(
                db,
                collection=collection,
                instrument=instrument,
                answers=[
                    AnswerValue(first, choice_code=pair[0]),
                    AnswerValue(second, choice_code=pair[1]),
                ],
                channel="paper",
                municipality_code=None,
                day=SPRING[year],
                precision="month",
                key=None,
            )
    db.commit()
    table = protection.for_collection(db, collection, 5, 3)
    band = band_of(db, instrument, collection, table)

    def mean(year: int) -> Fraction:
        coded = [values[option] for pair in answered[year] for option in pair]
        return Fraction(sum(coded), len(coded))

    assert (mean(2025), mean(2026)) == (Fraction(18, 5), Fraction(25, 6))
    change = mean(2026) - mean(2025)
    assert band["change"].value == "+" + half_up(change, 2) == "+0,57"
    assert (band["change"].label, band["change"].detail) == (
        "Change since 2025",
        "mean of the statements 2026",
    )
    assert list(band) == ["n", "battery-mean", "change"]
