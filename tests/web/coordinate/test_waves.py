"""The measurement series pages: declaring the waves, and the change report's protected figures."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from surveyapp.core import pairing_codes, submission, waves
from surveyapp.core.models import Collection
from tests.helpers import PAIRING_KEY, csrf_token, make_collection, pdf_pages, serve_also, wave_form

DAY = dt.date(2026, 3, 4)


@pytest.fixture
def collections(app, db, tmp_path, coordinator):
    instrument = wave_form(tmp_path)
    serve_also(app, instrument)
    app.config["PAIRING_KEY"] = PAIRING_KEY.decode()
    make_collection(db, "muutos", "alku")
    make_collection(db, "muutos", "loppu")
    make_collection(db, "session_feedback", "palaute")
    return instrument


def post(client, path, data):
    token = csrf_token(client.get(path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


def test_a_survey_is_declared_a_series_and_a_wave_added(client, db, collections):
    page = client.get("/coordinate/c/alku")
    assert "/coordinate/c/alku/waves" in page.get_data(as_text=True)
    refused = post(client, "/coordinate/c/alku/waves", {"name": "", "wave": "alku"})
    assert refused.status_code == 422
    assert "Anna nimi, jossa on enintään 120 merkkiä." in refused.get_data(as_text=True)
    made = post(client, "/coordinate/c/alku/waves", {"name": "Ryhmä 2026", "wave": "alku"})
    assert made.status_code == 302
    page = client.get("/coordinate/c/alku/waves").get_data(as_text=True)
    # Only surveys of the same form are offered.
    assert re.findall(r'<option value="([^"]*)"', page) == ["loppu"]
    same = post(client, "/coordinate/c/alku/waves", {"collection": "loppu", "name": "alku"})
    assert same.status_code == 422
    assert "Sarjassa on jo samanniminen mittauskerta." in same.get_data(as_text=True)
    other = post(client, "/coordinate/c/alku/waves", {"collection": "palaute", "name": "loppu"})
    assert other.status_code == 422
    assert "Valitse kysely luettelosta." in other.get_data(as_text=True)
    added = post(client, "/coordinate/c/alku/waves", {"collection": "loppu", "name": "loppu"})
    assert added.status_code == 302
    start = db.query(Collection).filter_by(slug="alku").one()
    assert [w.name for w in waves.waves(db, waves.series_of(db, start))] == ["alku", "loppu"]
    # The later wave's page shows the same series.
    assert "Ryhmä 2026" in client.get("/coordinate/c/loppu/waves").get_data(as_text=True)


def send(db, collection, instrument, fields):
    result = submission.submit(
        db,
        collection,
        instrument,
        {name: [value] for name, value in fields.items()},
        channel="web",
        day=DAY,
        precision="week",
        keyed=False,
        pairing_key=PAIRING_KEY,
    )
    assert result.stored
    db.commit()


def test_the_change_report_shows_paired_figures_and_hides_small_ones(client, db, collections):
    start, end = (db.query(Collection).filter_by(slug=s).one() for s in ("alku", "loppu"))
    declared = waves.declare(db, start, "Ryhmä 2026", "alku")
    waves.add_wave(db, declared, end, "loppu")
    db.commit()
    codes = pairing_codes.sheet(8)
    for code in codes:
        send(db, start, collections, {"koodi": code, "arvosana": "6", "jaksaminen": "7"})
    for i, code in enumerate(codes[:4]):
        send(db, end, collections, {"koodi": code, "arvosana": "8"})
    page = client.get("/coordinate/c/loppu/change").get_data(as_text=True)
    assert "data-pair-hidden" in page and "data-changes" not in page
    for code in codes[4:6]:
        send(db, end, collections, {"koodi": code, "arvosana": "7", "jaksaminen": "7"})
    page = client.get("/coordinate/c/alku/change").get_data(as_text=True)
    # 6 pairs, but the 2 start answers left out would be worked out from the start's own results.
    assert 'data-item="arvosana"><th scope="row">2. ' in page and "+1,67" not in page
    for _ in range(3):
        send(db, end, collections, {"koodi.none": "1", "arvosana": "9"})
    page = client.get("/coordinate/c/alku/change").get_data(as_text=True).replace("\u00a0", " ")
    # 6 pairs: arvosana from 6 to 8 (4) and to 7 (2): mean change 5/3, interval 5/3 ± t(5)·s/√6.
    row = re.search(r'<tr data-item="arvosana">(.*?)</tr>', page).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells[:4] == ["6", "+1,67", "+1,12", "+2,21"]
    assert cells[4:] == ["100,0 %", "0,0 %", "0,0 %"]
    # jaksaminen: only 2 pairs answered it at the end: not shown.
    row = re.search(r'<tr data-item="jaksaminen">(.*?)</tr>', page).group(1)
    assert re.findall(r"<td>(.*?)</td>", row)[0] == "&lt;&nbsp;5"
    assert "75,0 %" in page and "66,7 %" in page  # match rates 6/8 and 6/9


def test_a_sheet_of_code_cards_is_printed_with_links_that_fill_in_the_code(client, collections):
    page = client.get("/coordinate/c/alku/waves").get_data(as_text=True)
    assert 'action="/coordinate/c/alku/kortit.pdf"' in page
    response = client.get("/coordinate/c/alku/kortit.pdf?count=12")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    pages = pdf_pages(response.data)
    assert len(pages) == 2
    printed = re.findall(r"\b([A-Z0-9]{3}-[A-Z0-9]{4})\b", " ".join(pages))
    assert len(set(printed)) == 12
    assert all(pairing_codes.normalise(code) for code in printed)
    # The card's QR link opens the form with its code in the code field.
    form = client.get(f"/c/alku?pari={printed[0]}").get_data(as_text=True)
    assert f'value="{printed[0]}"' in form
    for wrong in ("0", "201", "kaksi"):
        refused = client.get(f"/coordinate/c/alku/kortit.pdf?count={wrong}")
        assert refused.status_code == 422
        assert "Anna korttien määrä väliltä 1–200." in refused.get_data(as_text=True)
    # A form without a code-card field has no cards.
    assert client.get("/coordinate/c/palaute/kortit.pdf?count=5").status_code == 404
