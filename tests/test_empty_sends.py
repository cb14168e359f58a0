"""A send with nothing answered is not a response: refused with a message, nothing stored, on every channel."""

from __future__ import annotations

import datetime as dt

import pytest

from surveyapp.core import group_sessions
from surveyapp.core.instruments.answers import NOTHING_ANSWERED, parse
from tests.helpers import (
    count_responses,
    form_tokens,
    make_collection,
    shipped_instruments,
)

INSTRUMENTS = shipped_instruments()
NOTHING = "Et vastannut mihinkään kysymykseen."


@pytest.mark.parametrize("instrument_id", sorted(INSTRUMENTS))
def test_nothing_answered_is_an_error_of_the_whole_form(instrument_id):
    parsed = parse(INSTRUMENTS[instrument_id], {"vapaa_palaute": "   "})
    assert [(e.field, e.code) for e in parsed.errors if e.code == "empty"] in (
        [],
        [(NOTHING_ANSWERED, "empty")],
    )
    parsed = parse(INSTRUMENTS[instrument_id], {})
    assert parsed.answers == [] and parsed.errors  # a required question, or "nothing answered"


def test_web_form_without_required_questions_stores_nothing_for_an_empty_send(client, db):
    # The ESY worker form (demo: /c/demo-esy-tyontekija) has no required question.
    make_collection(db, "esy_worker_eval", slug="demo-esy-tyontekija")
    assert not any(item.required for item in INSTRUMENTS["esy_worker_eval"].items())
    tokens = form_tokens(client.get("/c/demo-esy-tyontekija").get_data(as_text=True))
    page = client.post("/c/demo-esy-tyontekija", data=tokens)
    assert page.status_code == 422 and NOTHING in page.get_data(as_text=True)
    assert count_responses(db) == 0
    swedish = client.post("/c/demo-esy-tyontekija?lang=sv", data=tokens).get_data(as_text=True)
    assert "Du svarade inte på någon fråga." in swedish


def test_kiosk_html_and_api_store_nothing_for_an_empty_send(client, db):
    collection = make_collection(db, "esy_worker_eval")
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="Tyhjät",
        municipality_code="muhos",
        held_on=dt.date(2026, 3, 5),
        pin="2468",
    )
    db.commit()
    token = group.kiosk_token
    tokens = form_tokens(client.get(f"/kiosk/{token}").get_data(as_text=True))
    sent = client.post(f"/kiosk/{token}", data=tokens)
    assert sent.status_code == 303 and "virhe=" in sent.headers["Location"]
    assert NOTHING in client.get(sent.headers["Location"]).get_data(as_text=True)
    api = client.post(f"/kiosk/{token}/api", json={"key": "empty-queued-answer-01", "answers": {}})
    assert (api.status_code, api.json["errors"]) == (422, {NOTHING_ANSWERED: NOTHING})
    assert (
        client.post(
            f"/kiosk/{token}/api?lang=en",
            json={"key": "empty-queued-answer-02", "answers": {}},
            headers={"Accept-Language": "en"},
        ).status_code
        == 422
    )
    assert count_responses(db) == 0


def test_paper_entry_stores_nothing_for_an_empty_sheet(client, db, coordinator):  # noqa: F811
    make_collection(db, "esy_worker_eval", municipalities=("muhos",))
    tokens = form_tokens(client.get("/coordinate/c/testi/paper").get_data(as_text=True))
    page = client.post("/coordinate/c/testi/paper", data={**tokens, "_date": "7.3.2026"})
    assert page.status_code == 422 and NOTHING in page.get_data(as_text=True)
    assert count_responses(db) == 0


def test_import_refuses_a_file_with_an_empty_row_naming_it(app, tmp_path):
    from surveyapp.core.exports import header

    instrument = INSTRUMENTS["esy_worker_eval"]
    with app.extensions["surveyapp.db"]() as db:
        make_collection(db, "esy_worker_eval", slug="esy")
    columns = header(instrument)
    fixed = [
        "r1",
        "vanha",
        "esy_worker_eval",
        str(instrument.version),
        "muhos",
        "paper",
        "2019-W12",
    ]
    rows = [
        fixed + ["Hyvä työ"] + [""] * (len(columns) - 8),
        ["r2"] + fixed[1:] + [""] * (len(columns) - 7),
    ]
    path = tmp_path / "empty.csv"
    path.write_text(
        "\r\n".join(";".join(row) for row in [columns, *rows]) + "\r\n", encoding="utf-8-sig"
    )
    result = app.test_cli_runner().invoke(
        args=["responses", "import", "--collection", "esy", str(path)]
    )
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"{path}: row 3: nothing answered (a row with no answers is not a response)"
    )
    with app.extensions["surveyapp.db"]() as db:
        assert count_responses(db) == 0
