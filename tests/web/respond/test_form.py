"""The web form through HTTP: store once, keep every answer on error, refuse tampering."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from surveyapp.core.models import Answer, Response
from tests.helpers import SHIPPED, count_responses, form_tokens, make_collection, submit


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_every_instrument_renders(client, db, instrument_id):
    make_collection(db, instrument_id)
    page = client.get("/c/testi")
    assert page.status_code == 200
    assert "Kiitokset vastauksistasi!" in page.get_data(as_text=True)


def test_valid_answer_is_stored_with_codes_and_redirects(client, db):
    collection = make_collection(db, "session_feedback")
    response = submit(client, "testi", {"arvosana": "9", "vapaa_palaute": "Hyvä yhteishenki"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/c/testi/kiitos")
    stored = db.scalars(select(Response)).one()
    assert (stored.collection_id, stored.instrument_id, stored.instrument_version) == (
        collection.id,
        "session_feedback",
        4,
    )
    assert (stored.channel, stored.municipality_code) == ("web", "muhos")
    assert [(a.item_code, a.grade, a.text) for a in stored.answers] == [
        ("arvosana", 9, None),
        ("vapaa_palaute", None, "Hyvä yhteishenki"),
    ]
    thanks = client.get("/c/testi/kiitos")
    assert "Kiitokset vastauksistasi!" in thanks.get_data(as_text=True)


def test_double_submit_and_reload_store_one_response(client, db):
    make_collection(db, "session_feedback")
    tokens = form_tokens(client.get("/c/testi").get_data(as_text=True))
    first = submit(client, "testi", {"arvosana": "8"}, tokens=tokens)
    second = submit(client, "testi", {"arvosana": "8"}, tokens=tokens)
    assert first.status_code == second.status_code == 302
    assert count_responses(db) == 1
    submit(client, "testi", {"arvosana": "8"})  # a new render is a new person
    assert count_responses(db) == 2


def test_validation_error_keeps_every_answer(client, db):
    make_collection(db, "esy_client_eval")
    answers = {
        "q1": "hyva",
        "q4": "paljonkin",
        "q4.ei_auttanut": "Ei auttanut yhtään",
        "q6": "Asuminen",
        "q10_1": "hyvin",
        "q11": "kylla",
        "q11.kylla": "Koska kuunneltiin",
    }
    page = submit(client, "testi", answers)
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert 'id="error-summary"' in html and 'href="#field-q4.ei_auttanut"' in html
    assert 'value="hyva" autocomplete="off" checked' in html
    assert "Ei auttanut yhtään</textarea>" in html or 'value="Ei auttanut yhtään"' in html
    assert ">Asuminen</textarea>" in html
    assert 'value="Koska kuunneltiin"' in html or "Koska kuunneltiin</textarea>" in html
    assert count_responses(db) == 0


def test_error_messages_in_the_respondents_language(client, db):
    make_collection(db, "session_feedback")
    tokens = form_tokens(client.get("/c/testi?lang=sv").get_data(as_text=True))
    page = client.post("/c/testi", data={**tokens, "arvosana": "11"})
    assert page.status_code == 422
    assert "Välj ett vitsord från 4 till 10." in page.get_data(as_text=True)
    tokens = form_tokens(client.get("/c/testi?lang=fi").get_data(as_text=True))
    page = client.post("/c/testi", data={**tokens, "arvosana": "3"})
    assert "Valitse arvosana väliltä 4–10." in page.get_data(as_text=True)


@pytest.mark.parametrize("grade", ["3", "11", "9.5", "abc"])
def test_out_of_range_grade_stores_nothing(client, db, grade):
    make_collection(db, "session_feedback")
    assert submit(client, "testi", {"arvosana": grade}).status_code == 422
    assert count_responses(db) == 0


@pytest.mark.parametrize(
    "tamper",
    [
        {"arvosana": "9", "unknown_item": "x"},
        {"arvosana": "9", "q99": "10"},
    ],
)
def test_unknown_fields_get_a_clear_400_and_store_nothing(client, db, tamper):
    make_collection(db, "session_feedback")
    page = submit(client, "testi", tamper)
    assert page.status_code == 400
    assert "Mitään ei tallennettu" in page.get_data(as_text=True)
    assert count_responses(db) == 0


def test_unknown_choice_code_rejected(client, db):
    make_collection(db, "esy_client_eval")
    page = submit(client, "testi", {"q2": "ehka"})
    assert page.status_code == 422
    assert count_responses(db) == 0


def test_field_sent_twice_is_refused(client, db):
    make_collection(db, "session_feedback")
    tokens = form_tokens(client.get("/c/testi").get_data(as_text=True))
    page = client.post("/c/testi", data={**tokens, "arvosana": ["9", "10"]})
    assert page.status_code == 400
    assert count_responses(db) == 0


def test_huge_post_is_refused_clearly(client, db):
    make_collection(db, "session_feedback")
    page = submit(client, "testi", {"arvosana": "9", "vapaa_palaute": "x" * 1_000_000})
    assert page.status_code == 413
    assert "liian pitkä" in page.get_data(as_text=True)
    assert count_responses(db) == 0


def test_missing_csrf_token_is_refused(client, db):
    make_collection(db, "session_feedback")
    page = client.post("/c/testi", data={"arvosana": "9", "_key": "k" * 32})
    assert page.status_code == 400
    assert count_responses(db) == 0


def test_closed_collection_is_polite(client, db):
    make_collection(db, "session_feedback", closes_on=dt.date(2019, 4, 30))
    page = client.get("/c/testi")
    assert page.status_code == 410
    assert "ei ole nyt avoinna" in page.get_data(as_text=True)


def test_unknown_collection_is_404(client):
    assert client.get("/c/ei-ole").status_code == 404


def test_unsupported_language_falls_back_to_finnish(client, db):
    make_collection(db, "session_feedback")
    for query in ("?lang=xx", "?lang=", "?lang=%00"):
        page = client.get(f"/c/testi{query}")
        assert page.status_code == 200
        assert '<html lang="fi">' in page.get_data(as_text=True)


def test_municipality_from_the_answer(client, db):
    make_collection(db, "valpas_partner_survey", municipalities=("muhos", "utajarvi"))
    submit(client, "testi", {"paikkakunta": "utajarvi", "kokonaisarvosana": "8"})
    submit(client, "testi", {"paikkakunta": "muu", "kokonaisarvosana": "9"})
    assert sorted((r.municipality_code or "") for r in db.scalars(select(Response))) == [
        "",
        "utajarvi",
    ]
    assert (
        submit(client, "testi", {"paikkakunta": "kemijarvi", "kokonaisarvosana": "9"}).status_code
        == 422
    )
    assert (
        db.scalars(select(Answer.choice_code).where(Answer.item_code == "paikkakunta"))
        .all()
        .count("kemijarvi")
        == 0
    )
