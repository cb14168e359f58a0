"""The demo data recreate VALPAS's activity figures: 108 sessions, 343 participants, the yearly means."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from sqlalchemy import select

from surveyapp.core import activities, demo, protection
from surveyapp.core.demo_sessions import SESSIONS_BY_YEAR
from surveyapp.core.models import Collection
from tests.helpers import log_in, pdf_text

# Printed in the final report (seeds/000 l. 835-842): totals only, and the yearly means.
PRINTED_SESSIONS, PRINTED_PARTICIPANTS = 108, 343
PRINTED_MEANS = {"2017": "8.76", "2018": "8.93", "2019": "9.1"}


def rounded(value: Fraction, places: int) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def test_demo_reproduces_the_printed_activity_figures(app, db, client):
    registry = app.extensions["surveyapp.instruments"]
    demo.load(db, registry)
    db.commit()
    collection = db.scalar(select(Collection).where(Collection.slug == "valpas-ryhmakerrat"))
    instrument = registry[collection.instrument_id]
    table = protection.for_collection(db, collection, 5, 3)
    activity = activities.for_collection(db, collection, instrument, table, 3)
    assert (activity.total.sessions, activity.total.participants) == (
        PRINTED_SESSIONS,
        PRINTED_PARTICIPANTS,
    )
    assert activity.total.without_attendance == 0
    # Every year shows its figures by kind (nothing under k), and the year's mean is the printed one.
    years = {row.period: row for row in activity.rows if row.kind == "all"}
    assert list(years) == ["2017", "2018", "2019"]
    for year, row in years.items():
        groups, trips, participants = SESSIONS_BY_YEAR[int(year)]
        assert (row.sessions, row.participants) == (groups + trips, participants)
        printed = PRINTED_MEANS[year]
        assert rounded(row.mean, len(printed.split(".")[1])) == Decimal(printed), year
        kinds = [r for r in activity.rows if r.period == year and r.kind != "all"]
        assert [r.kind for r in kinds] == ["group", "trip"]
        assert all(r.answers is not None and r.response_rate is not None for r in kinds)
        assert sum(r.answers for r in kinds) == row.answers
    # All years: 210 answers of 343 participants, the mean weighted by answers (1877 / 210).
    assert activity.total.answers == 210
    assert activity.total.response_rate == Fraction(100 * 210, 343)
    assert activity.total.mean == Fraction(1877, 210)

    # The sessions page, the results JSON and the PDF report show the same totals.
    log_in(client, *demo.DEMO_LOGIN)
    page = client.get("/coordinate/c/valpas-ryhmakerrat/sessions").get_data(as_text=True)
    total_row = page.split('data-period="" data-kind="all"')[1].split("</tr>")[0]
    assert "<td>108</td><td>343</td><td>0</td><td>210</td><td>61,2\u00a0%</td><td>8,94</td>" in (
        total_row
    )
    data = json.loads(
        app.test_cli_runner().invoke(args=["results", "--collection", "valpas-ryhmakerrat"]).output
    )
    assert data["activities"]["total"] == {
        "period": None,
        "kind": "all",
        "sessions": 108,
        "sessions_without_attendance": 0,
        "participants": 343,
        "answers": 210,
        "response_rate_percent": 61.2,
        "mean_grade": 8.94,
    }
    report = pdf_text(client.get("/coordinate/c/valpas-ryhmakerrat/raportti.pdf").data)
    assert "Toiminta vuosittain" in report
    assert re.search(r"Kaikki\s+vuodet\s+108\s+343\s+0\s+210\s+61,2\s%\s+8,94", report), report[
        report.index("Toiminta vuosittain") :
    ]
