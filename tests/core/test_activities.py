"""The yearly activity table: golden figures computed here from the raw sessions and grades."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from surveyapp.core import activities, group_sessions, protection, responses
from surveyapp.core.instruments.answers import AnswerValue
from tests.helpers import make_collection, shipped_instruments

FEEDBACK = shipped_instruments()["session_feedback"]
K, REVIEW_MIN = 5, 3

# (kind, municipality, date held, attendance, grades given on the tablet)
SESSIONS = [
    ("group", "muhos", dt.date(2017, 10, 2), 4, []),
    ("group", "muhos", dt.date(2018, 3, 5), 8, [9, 9, 10, 8, 7, 8]),
    ("group", "utajarvi", dt.date(2018, 4, 10), 7, [10, 9, 9, 8, 6]),
    ("group", "muhos", dt.date(2018, 9, 3), None, [8, 9, 10, 7, 9]),
    ("trip", "muhos", dt.date(2018, 6, 4), 12, [10, 10, 9, 8, 9, 7]),
    ("trip", "utajarvi", dt.date(2018, 8, 6), 9, [9, 8, 10, 9, 8]),
    ("other", "utajarvi", dt.date(2018, 11, 5), None, []),
    # 2019: a trip of three beside a group session of seven: no answer figure can be shown.
    ("group", "muhos", dt.date(2019, 2, 4), 6, [9, 8, 9, 10, 9, 8, 7]),
    ("trip", "muhos", dt.date(2019, 5, 6), 4, [10, 9, 8]),
    # 2020: sessions of two answers, nobody's review: the kinds are shown together only.
    ("group", "muhos", dt.date(2020, 2, 3), 4, [8, 9]),
    ("group", "muhos", dt.date(2020, 3, 2), 3, [7, 10]),
    ("trip", "muhos", dt.date(2020, 5, 4), 5, [9, 9]),
]
# Answers on the web form, outside any session (year, grades): never in the activity table.
WEB = [(2018, [7, 7, 8, 6, 9]), (2019, [8, 8, 9, 7, 6])]


def rounded(value: Fraction, places: int) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def load(db):
    collection = make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))

    def answer(grade, place, day, group_session_id=None):
        responses.submit(
            db,
            collection=collection,
            instrument=FEEDBACK,
            answers=[AnswerValue("arvosana", grade=grade)],
            channel="kiosk" if group_session_id else "web",
            municipality_code=place,
            day=day,
            precision="week",
            key=None,
            group_session_id=group_session_id,
        )

    for i, (kind, place, held_on, attendance, grades) in enumerate(SESSIONS):
        made = group_sessions.create(
            db,
            collection=collection,
            group_name=f"Ryhmä {i}",
            municipality_code=place,
            held_on=held_on,
            pin="1234",
            kind=kind,
        )
        made.attendance = attendance
        made.closed_on = held_on
        for grade in grades:
            answer(grade, place, held_on, made.id)
    for year, grades in WEB:
        for grade in grades:
            answer(grade, "muhos", dt.date(year, 4, 16))
    db.commit()
    return collection


def expected(period: str, kinds: tuple[str, ...]) -> dict:
    """The figures of the sessions of ``kinds`` held in ``period``, from SESSIONS alone."""
    chosen = [s for s in SESSIONS if str(s[2].year) == period and s[0] in kinds]
    grades = [g for s in chosen for g in s[4]]
    attended = [s for s in chosen if s[3] is not None]
    participants = sum(s[3] for s in attended)
    answers_attended = sum(len(s[4]) for s in attended)
    return {
        "sessions": len(chosen),
        "without_attendance": len(chosen) - len(attended),
        "participants": participants,
        "answers": len(grades),
        "rate": Fraction(100 * answers_attended, participants) if participants else None,
        "mean": Fraction(sum(grades), len(grades)) if grades else None,
    }


def figures(row: activities.Row) -> dict:
    return {
        "sessions": row.sessions,
        "without_attendance": row.without_attendance,
        "participants": row.participants,
        "answers": row.answers,
        "rate": row.response_rate,
        "mean": row.mean,
    }


def hidden(figures: dict) -> dict:
    return {**figures, "answers": None, "rate": None, "mean": None}


def test_the_yearly_activity_table_by_kind(db):
    collection = load(db)
    table = protection.for_collection(db, collection, K, REVIEW_MIN)
    activity = activities.for_collection(db, collection, FEEDBACK, table, REVIEW_MIN)
    by_key = {(row.period, row.kind): row for row in activity.rows}
    assert list(by_key) == [
        ("2017", "group"),
        ("2018", "group"),
        ("2018", "trip"),
        ("2018", "other"),
        ("2018", "all"),
        ("2019", "group"),
        ("2019", "trip"),
        ("2019", "all"),
        ("2020", "group"),
        ("2020", "trip"),
        ("2020", "all"),
    ]
    # A year with sessions and no answers at all: nothing to protect, 0 answers of 4 participants.
    assert figures(by_key["2017", "group"]) == {**expected("2017", ("group",)), "rate": 0}
    # 2018: every kind apart; the session without attendance is held, adds no participants and its
    # answers stay out of the rate; the web answers are in no row.
    for kind in ("group", "trip", "other"):
        assert figures(by_key["2018", kind]) == expected("2018", (kind,)), kind
    assert figures(by_key["2018", "all"]) == expected("2018", ("group", "trip", "other"))
    group_2018 = by_key["2018", "group"]
    assert (group_2018.sessions, group_2018.without_attendance, group_2018.participants) == (
        3,
        1,
        15,
    )
    assert (group_2018.answers, rounded(group_2018.response_rate, 1)) == (16, Decimal("73.3"))
    assert rounded(group_2018.mean, 2) == Decimal("8.50")
    assert rounded(by_key["2018", "trip"].mean, 2) == Decimal("8.82")  # 97/11
    assert rounded(by_key["2018", "all"].response_rate, 1) == Decimal("61.1")  # 22/36
    # 2019: the trip's 3 answers would follow from the all-kinds figures minus the group session
    # (its own leader saw it): no answer figure for the year.
    for kind in ("group", "trip", "all"):
        kinds = ("group", "trip") if kind == "all" else (kind,)
        assert figures(by_key["2019", kind]) == hidden(expected("2019", kinds)), kind
    # 2020: the trip's 2 answers are under k, the year's 6 are not: the kinds together only.
    assert figures(by_key["2020", "trip"]) == hidden(expected("2020", ("trip",)))
    assert figures(by_key["2020", "group"]) == hidden(expected("2020", ("group",)))
    assert figures(by_key["2020", "all"]) == expected("2020", ("group", "trip"))
    assert rounded(by_key["2020", "all"].mean, 2) == Decimal("8.67")  # 52/6
    # All years: sessions and participants always; answers not, since 2019's are not shown.
    assert figures(activity.total) == {
        "sessions": len(SESSIONS),
        "without_attendance": 2,
        "participants": sum(s[3] or 0 for s in SESSIONS),
        "answers": None,
        "rate": None,
        "mean": None,
    }
    data = activities.as_data(activity)
    assert data["rows"][1] == {
        "period": "2018",
        "kind": "group",
        "sessions": 3,
        "sessions_without_attendance": 1,
        "participants": 15,
        "answers": 16,
        "response_rate_percent": 73.3,
        "mean_grade": 8.5,
    }
    assert data["total"]["answers"] is None and data["total"]["sessions"] == 12


def test_a_collection_under_k_shows_sessions_and_participants_only(db):
    collection = make_collection(db, "session_feedback", municipalities=("muhos",))
    made = group_sessions.create(
        db,
        collection=collection,
        group_name="Retki",
        municipality_code="muhos",
        held_on=dt.date(2021, 5, 3),
        pin="1234",
        kind="trip",
    )
    made.attendance = 6
    for grade in (9, 10, 8):
        responses.submit(
            db,
            collection=collection,
            instrument=FEEDBACK,
            answers=[AnswerValue("arvosana", grade=grade)],
            channel="kiosk",
            municipality_code="muhos",
            day=dt.date(2021, 5, 3),
            precision="week",
            key=None,
            group_session_id=made.id,
        )
    db.commit()
    table = protection.for_collection(db, collection, K, REVIEW_MIN)
    activity = activities.for_collection(db, collection, FEEDBACK, table, REVIEW_MIN)
    assert [figures(r) for r in activity.rows] == [
        {
            "sessions": 1,
            "without_attendance": 0,
            "participants": 6,
            "answers": None,
            "rate": None,
            "mean": None,
        }
    ]


def test_an_open_sessions_answers_count_once_it_is_closed(db):
    collection = make_collection(db, "session_feedback", municipalities=("muhos",))
    made = group_sessions.create(
        db,
        collection=collection,
        group_name="Voima",
        municipality_code="muhos",
        held_on=dt.date(2022, 9, 5),
        pin="1234",
    )
    grades = [9, 8, 10, 7, 9]
    for grade in grades:
        responses.submit(
            db,
            collection=collection,
            instrument=FEEDBACK,
            answers=[AnswerValue("arvosana", grade=grade)],
            channel="kiosk",
            municipality_code="muhos",
            day=dt.date(2022, 9, 5),
            precision="week",
            key=None,
            group_session_id=made.id,
        )
    db.commit()

    def row():
        table = protection.for_collection(db, collection, K, REVIEW_MIN)
        (only,) = activities.for_collection(db, collection, FEEDBACK, table, REVIEW_MIN).rows
        return only

    # Open: its figures would move by one answer, so none of its answers is counted yet.
    assert (row().answers, row().mean) == (0, None)
    group_sessions.close(made, dt.date(2022, 9, 5), 7)
    db.commit()
    closed = row()
    assert (closed.answers, closed.participants) == (len(grades), 7)
    assert closed.mean == Fraction(sum(grades), len(grades))
    assert closed.response_rate == Fraction(100 * len(grades), 7)
