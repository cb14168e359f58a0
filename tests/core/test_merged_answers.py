"""Answers stored under a municipality that later merged into another count under the new code:
in the counts by municipality, in a filter on the new municipality, and in a group of places."""

from __future__ import annotations

import datetime as dt

from surveyapp.core import classification, reports, responses
from surveyapp.core.instruments.values import AnswerValue
from surveyapp.core.models import Collection, Municipality, Project
from tests.helpers.data import shipped_instruments

DAY = dt.date(2026, 11, 2)


def answer(db, collection, place, grade):
    responses.submit(
        db,
        collection=collection,
        instrument=shipped_instruments()["valpas_partner_survey"],
        answers=[
            AnswerValue("paikkakunta", choice_code=place),
            AnswerValue("kokonaisarvosana", grade=grade),
        ],
        channel="web",
        municipality_code=place,
        day=DAY,
        precision="week",
        key=None,
    )


def test_answers_of_a_merged_municipality_count_under_the_new_code(db):
    classification.load_shipped(db)
    places = [db.get(Municipality, code) for code in ("494", "889", "615")]
    collection = Collection(
        slug="k",
        title="K",
        project=Project(slug="p", name="P"),
        instrument_id="valpas_partner_survey",
        audience="partners",
        municipalities=places,
    )
    db.add(collection)
    db.flush()
    for place, grades in {"494": (9, 8), "889": (7, 10, 6), "615": (8,)}.items():
        for grade in grades:
            answer(db, collection, place, grade)
    # A newer year's classification: 889 joined 494 (made up for the test).
    rows = [r for r in classification.parse(classification.SHIPPED.read_text("utf-8"))]
    rows = [r for r in rows if r.code != "889"]
    classification.load(db, rows, 2027, [("889", "494")])
    scope = reports.Scope("valpas_partner_survey", (collection.id,))
    counts = {c.municipality: c.n for c in reports.response_cells(db, scope, reports.Filters())}
    assert counts == {"494": 5, "615": 1}
    grades = {}
    for cell in reports.answer_cells(db, scope, reports.Filters(municipality="494")):
        if cell.item_code == "kokonaisarvosana":
            grades[cell.grade] = grades.get(cell.grade, 0) + cell.n
    assert {c.municipality for c in reports.answer_cells(db, scope, reports.Filters())} == {
        "494",
        "615",
    }
    assert grades == {9: 1, 8: 1, 7: 1, 10: 1, 6: 1}
    group = reports.Filters(places=("494",))
    assert sum(c.n for c in reports.response_cells(db, scope, group)) == 5
    periods = reports.period_cells(db, scope)
    assert {(p.municipality, p.n) for p in periods} == {("494", 5), ("615", 1)}
