"""Comparisons of rounds and years: the Oulunkaari cooperation survey 2015 vs 2016 (seeds 002
L2720–2806) from raw rows, figures computed by hand here; small columns hidden, no change across them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from surveyapp.core import comparisons, protection, responses
from surveyapp.core.instruments.answers import AnswerValue
from tests.helpers import make_collection, shipped_instruments
from tests.helpers.rounds import INSTRUMENT, PUBLISHED, WAVES, expected, submit_wave

K = 5


def half_up(value: Fraction, places: int) -> str:
    """Half-up, Finnish decimal comma, computed here without the app's formatting."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    text = str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return text.replace(".", ",")


def waves(db):
    instrument = shipped_instruments()[INSTRUMENT]
    made = []
    for year in (2016, 2015):  # made out of order: the comparison puts the older first
        collection = make_collection(
            db,
            INSTRUMENT,
            slug=f"yhteistyo-{year}",
            municipalities=(),
            opens_on=WAVES[year][1],
            audience="partners",
        )
        submit_wave(db, collection, instrument, year)
        made.append(collection)
    db.commit()
    return instrument, made


def tables(db, collections):
    return [(c, protection.for_collection(db, c, K, 3)) for c in collections]


def test_two_rounds_reproduce_the_published_table(db):
    instrument, made = waves(db)
    comparison = comparisons.for_rounds(db, instrument, tables(db, made), K)
    assert [c.key for c in comparison.columns] == ["yhteistyo-2015", "yhteistyo-2016"]
    assert [c.n for c in comparison.columns] == [43, 20]
    first, last = comparison.columns
    for code, published in PUBLISHED.items():
        for column, year, printed in zip((first, last), (2015, 2016), published):
            n, mean, share = expected(year, code)
            got = column.figures[code]
            assert (got.n, got.mean, got.share) == (n, mean, share), (code, year)
            # The report prints whole percentages where the first decimal was 0 (50 %, 5 %) and, for
            # three 2015 figures, rounded to whole percent (81 %, 53 %, 42 %): the same half-up.
            places = 1 if "," in printed else 0
            assert f"{half_up(share, places)} %" == printed, (code, year)
        mean_change, share_change = comparison.change(code)
        assert share_change == expected(2016, code)[2] - expected(2015, code)[2]
        if expected(2015, code)[1] is None:
            assert mean_change is None
        else:
            assert mean_change == expected(2016, code)[1] - expected(2015, code)[1]
    # Statements nobody answered in the constructed rows: n 0, no mean, no share.
    blank = first.figures["selvittely"]
    assert (blank.n, blank.mean, blank.share) == (0, None, None)


def test_golden_figures_by_hand(db):
    instrument, made = waves(db)
    comparison = comparisons.for_rounds(db, instrument, tables(db, made), K)
    first, last = comparison.columns
    knows = (first.figures["tunnen_tyotavat"], last.figures["tunnen_tyotavat"])
    # 2015: 15×4 + 20×3 + 6×2 + 2×1 = 134 over 43; 2016: 6×4 + 10×3 + 3×2 = 60 over 19.
    assert knows[0].mean == Fraction(134, 43) and half_up(knows[0].mean, 2) == "3,12"
    assert knows[1].mean == Fraction(60, 19) and half_up(knows[1].mean, 2) == "3,16"
    mean_change, share_change = comparison.change("tunnen_tyotavat")
    assert mean_change == Fraction(60, 19) - Fraction(134, 43)
    assert half_up(mean_change, 2) == "0,04"
    assert share_change == Fraction(2300, 817) and half_up(share_change, 1) == "2,8"
    data = comparisons.as_data(comparison)
    line = next(s for s in data["statements"] if s["code"] == "verkosto_toimii")
    # 2015: 10×4 + 21×3 + 9×2 + 2×1 = 123 over 42 answers (one blank); 31 agreeing.
    assert line["columns"]["yhteistyo-2015"] == {
        "n": 42,
        "mean": 2.93,
        "agreeing": 31,
        "share_agreeing_percent": 73.8,
    }
    # 2016: 7×4 + 10×3 + 2×2 = 62 over 19; 17 agreeing: 89,5 %; the changes from exact figures.
    assert line["columns"]["yhteistyo-2016"]["mean"] == 3.26
    assert line["change"] == {
        "mean": float(half_up(Fraction(62, 19) - Fraction(123, 42), 2).replace(",", ".")),
        "share_agreeing_points": float(
            half_up(Fraction(1700, 19) - Fraction(3100, 42), 1).replace(",", ".")
        ),
    }


def test_years_of_one_collection(db):
    instrument = shipped_instruments()[INSTRUMENT]
    collection = make_collection(db, INSTRUMENT, slug="molemmat", municipalities=())
    for year in (2015, 2016):
        submit_wave(db, collection, instrument, year)
    db.commit()
    table = protection.for_collection(db, collection, K, 3)
    comparison = comparisons.for_years(db, instrument, collection, table)
    assert [(c.label, c.n) for c in comparison.columns] == [("2015", 43), ("2016", 20)]
    for code in PUBLISHED:
        for column, year in zip(comparison.columns, (2015, 2016)):
            got = column.figures[code]
            assert (got.n, got.mean, got.share) == expected(year, code)


def test_a_round_under_k_is_hidden_and_no_change_is_shown(db):
    instrument, made = waves(db)
    small = make_collection(
        db, INSTRUMENT, slug="pieni", municipalities=(), opens_on=dt.date(2017, 3, 1)
    )
    for _ in range(K - 1):
        responses.submit(
            db,
            collection=small,
            instrument=instrument,
            answers=[AnswerValue("kiire", choice_code="kylla")],
            channel="web",
            municipality_code=None,
            day=dt.date(2017, 3, 6),
            precision="month",
            key=None,
        )
    db.commit()
    comparison = comparisons.for_rounds(db, instrument, tables(db, [*made, small]), K)
    assert [c.key for c in comparison.columns][-1] == "pieni"
    hidden = comparison.columns[-1]
    assert hidden.hidden and hidden.figures == {}
    assert comparison.ends is None
    assert comparison.change("kiire") == (None, None)
    data = comparisons.as_data(comparison)
    assert data["columns"][-1] == {
        "key": "pieni",
        "label": "Testi pieni",
        "hidden": True,
        "n": None,
        "n_text": f"< {K}",
    }
    assert all(s["columns"]["pieni"] is None for s in data["statements"])
    assert "4" not in str([s["columns"]["pieni"] for s in data["statements"]])


def test_a_year_under_k_is_merged_by_the_protected_table(db):
    instrument = shipped_instruments()[INSTRUMENT]
    collection = make_collection(db, INSTRUMENT, slug="vuodet", municipalities=())
    submit_wave(db, collection, instrument, 2015)
    for _ in range(2):
        responses.submit(
            db,
            collection=collection,
            instrument=instrument,
            answers=[AnswerValue("kiire", choice_code="kylla")],
            channel="web",
            municipality_code=None,
            day=dt.date(2016, 9, 1),
            precision="month",
            key=None,
        )
    db.commit()
    table = protection.for_collection(db, collection, K, 3)
    comparison = comparisons.for_years(db, instrument, collection, table)
    # Two answers in 2016 would be a group under k: the years are published together only.
    assert [(c.label, c.n) for c in comparison.columns] == [("2015–2016", 45)]
    assert comparison.change("kiire") == (None, None)


def test_grade_items_are_compared_by_year(db):
    """A grade item: n and the response-weighted mean of each year, the change between them."""
    instrument = shipped_instruments()["session_feedback"]
    collection = make_collection(db, "session_feedback", slug="arvosanat")
    given = {2024: [7, 8, 8, 9, 10, 6], 2025: [9, 9, 10, 8, 7]}
    for year, grades in given.items():
        for grade in grades:
            responses.submit(
                db,
                collection=collection,
                instrument=instrument,
                answers=[AnswerValue("arvosana", grade=grade)],
                channel="web",
                municipality_code="muhos",
                day=dt.date(year, 5, 4),
                precision="week",
                key=None,
            )
    db.commit()
    table = protection.for_collection(db, collection, K, 3)
    comparison = comparisons.for_years(db, instrument, collection, table)
    assert [s.code for s in comparison.statements] == ["arvosana"]
    first, last = comparison.columns
    assert (first.label, first.figures["arvosana"].n) == ("2024", 6)
    assert first.figures["arvosana"].mean == Fraction(48, 6)
    assert last.figures["arvosana"].mean == Fraction(43, 5)
    assert first.figures["arvosana"].share is None  # a grade declares no agreeing options
    assert comparison.change("arvosana") == (Fraction(43, 5) - Fraction(8), None)
    assert half_up(comparison.change("arvosana")[0], 2) == "0,60"
