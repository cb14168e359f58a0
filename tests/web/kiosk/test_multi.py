"""A multi-select question on a tablet: its page and the JSON api of queued answers."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from surveyapp.core import group_sessions
from surveyapp.core.models import Response
from tests.helpers import Elements, count_responses, form_tokens, make_collection

WISHES = "essote_group_wishes"


@pytest.fixture
def wishes_kiosk(db):
    collection = make_collection(db, WISHES, municipalities=("muhos", "utajarvi"))
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="Luontoryhmä",
        municipality_code="utajarvi",
        held_on=dt.date(2026, 3, 5),
        pin="2468",
    )
    db.commit()
    return group


def stored(db) -> list[tuple[str, str | None, str | None]]:
    db.expire_all()
    response = db.scalars(select(Response)).one()
    assert response.channel == "kiosk"
    return sorted((a.item_code, a.choice_code, a.text) for a in response.answers)


def test_the_tablet_page_has_the_boxes(client, wishes_kiosk):
    page = Elements(client.get(f"/kiosk/{wishes_kiosk.kiosk_token}").get_data(as_text=True))
    box = page.attributes("ryhmatoiveet.koira")
    assert (box["type"], box["name"], box["value"]) == ("checkbox", "ryhmatoiveet.koira", "1")
    assert page.attributes("field-ryhmatoiveet")["class"] == "item choice multi"


def test_a_queued_answer_with_ticks_is_stored_once(client, db, wishes_kiosk):
    body = {
        "key": "queued-answer-key-multi-1",
        "answers": {
            "ryhmatoiveet.koira": "1",
            "ryhmatoiveet.valokuvaus": "1",
            "ryhmatoiveet.muu.text": "Bändi",
        },
    }
    api = f"/kiosk/{wishes_kiosk.kiosk_token}/api"
    first = client.post(api, json=body)
    second = client.post(api, json=body)
    assert (first.status_code, first.json) == (201, {"status": "stored"})
    assert (second.status_code, second.json) == (200, {"status": "duplicate"})
    assert stored(db) == [
        ("ryhmatoiveet", "3", None),
        ("ryhmatoiveet.koira", "koira", None),
        ("ryhmatoiveet.muu", "muu", "Bändi"),
        ("ryhmatoiveet.valokuvaus", "valokuvaus", None),
    ]


def test_the_api_names_a_wrong_box_and_an_unknown_one(client, db, wishes_kiosk):
    api = f"/kiosk/{wishes_kiosk.kiosk_token}/api"
    wrong = client.post(
        api, json={"key": "queued-answer-key-multi-2", "answers": {"ryhmatoiveet.koira": "x"}}
    )
    assert (wrong.status_code, wrong.json) == (
        422,
        {
            "status": "invalid",
            "errors": {
                "ryhmatoiveet.koira": "Valitse ruutu tai jätä se tyhjäksi (tuotavassa tiedostossa 1 tai 0)."
            },
        },
    )
    unknown = client.post(
        api,
        json={
            "key": "queued-answer-key-multi-3",
            "answers": {"ryhmatoiveet.sahly": "1", "ryhmatoiveet.pelit": "1"},
        },
    )
    assert unknown.status_code == 422
    assert unknown.json["errors"] == {"ryhmatoiveet.sahly": "Tuntematon kenttä."}
    assert count_responses(db) == 0


def test_the_form_without_javascript_keeps_ticks_on_its_error_page(client, db, wishes_kiosk):
    token = wishes_kiosk.kiosk_token
    tokens = form_tokens(client.get(f"/kiosk/{token}").get_data(as_text=True))
    posted = client.post(
        f"/kiosk/{token}",
        data={
            **tokens,
            "ryhmatoiveet.pelit": "1",
            "ryhmatoiveet.muu": "1",
            "ryhmatoiveet.muu.text": "y" * 201,
        },
    )
    assert posted.status_code == 303
    page = Elements(client.get(posted.headers["Location"]).get_data(as_text=True))
    assert page.checked == {"ryhmatoiveet.pelit": ["1"], "ryhmatoiveet.muu": ["1"]}
    assert page.attributes("ryhmatoiveet.muu.text")["value"] == "y" * 201
    assert "error-summary" in page.by_id
    assert count_responses(db) == 0
