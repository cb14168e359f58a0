"""Kept results tables: a coordinator chooses to keep a survey's protected results; the retention
run takes them just before it deletes the answers; the results page, the PDF and the JSON then show
the same figures as before, with the day the answers were deleted. Nothing written and nothing
under the small-group limit is kept, and the deletion log still holds only the day and counts."""

from __future__ import annotations

import datetime as dt
import json
import re
from fractions import Fraction

from sqlalchemy import func, inspect, select

from surveyapp.core import classification, responses
from surveyapp.core.instruments.values import AnswerValue
from surveyapp.core.models import (
    Collection,
    KeptResults,
    Municipality,
    Project,
    Response,
    RetentionRun,
)
from tests.helpers import make_organisation, page_csrf, pdf_text, shipped_instruments

TODAY = "2026-12-01"  # retention 2 years: the survey closed on 2024-03-31 has had its time
SECRET = "Ohjaaja Maija oli paras"
# Muhos (494) 6 answers, Porvoo (638) 5, Utajärvi (889) 2: under the limit of 5, so the protected
# table merges it with the smallest shown one, Porvoo, into "muut" (7).
GRADES = {"494": [9, 8, 10, 7, 9, 6], "638": [8, 8, 7, 10, 9], "889": [5, 10]}
SHOWN = {"494": GRADES["494"], "muut": GRADES["638"] + GRADES["889"]}


def seed(db) -> None:
    classification.load_shipped(db)
    instrument = shipped_instruments()["valpas_partner_survey"]
    collection = Collection(
        slug="k",
        title="K",
        project=Project(slug="valpas", name="VALPAS"),
        instrument_id=instrument.id,
        audience="partners",
        closes_on=dt.date(2024, 3, 31),
        municipalities=[db.get(Municipality, code) for code in GRADES],
    )
    db.add(collection)
    db.flush()
    make_organisation(db, retention_years=2)
    for place, grades in GRADES.items():
        for grade in grades:
            responses.submit(
                db,
                collection=collection,
                instrument=instrument,
                answers=[
                    AnswerValue("paikkakunta", choice_code=place),
                    AnswerValue("kokonaisarvosana", grade=grade),
                    AnswerValue("perustelu", text=SECRET),
                ],
                channel="web",
                municipality_code=place,
                day=dt.date(2024, 3, 4),
                precision="week",
                key=None,
            )
    db.commit()


def half_up(value: Fraction) -> str:
    hundredths = int(value * 100 + Fraction(1, 2))
    return f"{hundredths // 100},{hundredths % 100:02d}"


def rows_of(html: str, heading: str, mean_column: int) -> dict[str, tuple[str, str]]:
    """data-group -> (answers, mean) of the first table of groups in the section so headed."""
    section = html.split(f'aria-labelledby="{heading}"', 1)[1].split("</section>", 1)[0]
    section = next(t for t in section.split("</table>") if "data-group" in t)
    out = {}
    for key, rest in re.findall(r'<tr data-group="([^"]*)">.*?</th>(.*?)</tr>', section, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", rest)
        ]
        out[key] = (cells[0], cells[mean_column])
    return out


def choose_to_keep(client) -> None:
    token = page_csrf(client, "/coordinate/c/k/settings")
    form = {"csrf_token": token, "title": "K", "access": "open", "keep_results": "y"}
    assert client.post("/coordinate/c/k/settings", data=form).status_code == 302


def test_the_kept_tables_are_the_protected_results_after_the_answers_are_gone(
    app, client, db, coordinator
):
    seed(db)
    expected = {g: (str(len(gs)), half_up(Fraction(sum(gs), len(gs)))) for g, gs in SHOWN.items()}
    before = client.get("/coordinate/c/k/results").get_data(as_text=True)
    assert rows_of(before, "h-municipalities", 3) == expected
    assert 'aria-labelledby="h-kept"' not in before

    settings = client.get("/coordinate/c/k/settings").get_data(as_text=True)
    assert "Tulokset säilytysajan jälkeen" in settings and 'name="keep_results"' in settings
    choose_to_keep(client)
    assert db.get(KeptResults, db.scalar(select(Collection.id))).tables is None
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["retention", "apply", "--dry-run", "--today", TODAY]).output
    assert "k: 13 responses (39 answers, 13 written)" in dry
    assert "its protected results tables would be kept" in dry
    assert db.scalar(select(func.count()).select_from(Response)) == 13  # a dry run deletes nothing

    out = runner.invoke(args=["retention", "apply", "--today", TODAY]).output
    assert "deleted 13 responses (39 answers, 13 written)" in out
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Response)) == 0

    # The same figures, from the kept tables, and the day the answers went.
    after = client.get("/coordinate/c/k/results").get_data(as_text=True)
    assert 'data-kept="2026-12-01"' in after and "poistettiin 1.12.2026" in after
    assert rows_of(after, "h-kept", 1) == expected
    every = [g for gs in GRADES.values() for g in gs]
    assert f"(n = {len(every)})" in after and half_up(Fraction(sum(every), len(every))) in after
    data = json.loads(runner.invoke(args=["results", "--collection", "k"]).output)
    kept = data["kept"]
    assert kept["answers_deleted_on"] == TODAY
    assert [(r["group"], r["n"], r["mean"]) for r in kept["breakdowns"]["municipality"]] == [
        (g, len(gs), float(half_up(Fraction(sum(gs), len(gs))).replace(",", ".")))
        for g, gs in SHOWN.items()
    ]
    assert kept["grades"][0]["n"] == 13
    assert kept["grades"][0]["distribution"] == {str(g): every.count(g) for g in range(4, 11)}
    text = pdf_text(client.get("/coordinate/c/k/raportti.pdf").data).replace("\u00a0", " ")
    assert "poistettiin 1.12.2026" in text.replace("\n", " ")

    # Nothing written, no row, no group under the limit in what was kept.
    stored = db.scalar(select(KeptResults.tables))
    assert SECRET not in stored and "perustelu" not in stored and "vapaa_sana" not in stored
    snapshot = json.loads(stored)
    groups = [r for rows in snapshot["breakdowns"].values() for r in rows]
    assert groups and all(r["n"] >= 5 for r in groups)
    assert {r["group"] for r in snapshot["breakdowns"]["municipality"]} == {"494", "muut"}
    # The deletion log: the day and counts, nothing that names a survey or a place.
    run = db.scalar(select(RetentionRun))
    columns = {c.key for c in inspect(RetentionRun).columns}
    assert columns == {
        "id",
        "run_on",
        "responses",
        "answers",
        "texts",
        "access_codes",
        "group_sessions",
    }
    assert (run.run_on, run.responses, run.answers, run.texts) == (dt.date(2026, 12, 1), 13, 39, 13)


def test_without_the_choice_nothing_is_kept(app, client, db, coordinator):
    seed(db)
    app.test_cli_runner().invoke(args=["retention", "apply", "--today", TODAY])
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(KeptResults)) == 0
    html = client.get("/coordinate/c/k/results").get_data(as_text=True)
    assert 'aria-labelledby="h-kept"' not in html and 'data-total="hidden"' in html
