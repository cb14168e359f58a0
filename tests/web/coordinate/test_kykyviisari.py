"""The shipped Kykyviisari form: a code card's pairing code and a score, on every channel."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from surveyapp.core import group_sessions, pairing, pairing_codes
from surveyapp.core.models import Answer, PairingCode
from surveyapp.web import submissions
from tests.helpers import (
    KIOSK_PIN,
    count_responses,
    form_tokens,
    make_collection,
    mistyped,
    pdf_text,
    submit,
)


def test_the_web_form_asks_the_code_and_the_score_and_stores_only_the_score(client, db):
    make_collection(db, "valpas_kykyviisari")
    page = client.get("/c/testi").get_data(as_text=True)
    assert 'name="koodi"' in page and 'name="koodi.none"' in page and 'name="tyokyky"' in page
    assert "Kykyviisarin työkykyarvio (0–10)" in page
    code = pairing_codes.printed(pairing_codes.new_code())
    assert submit(client, "testi", {"koodi": code, "tyokyky": "7"}).status_code == 302
    assert [(a.item_code, a.choice_code) for a in db.scalars(select(Answer))] == [("tyokyky", "7")]
    assert len(db.scalars(select(PairingCode)).all()) == 1
    refused = submit(client, "testi", {"koodi.none": "1", "tyokyky": "11"})
    assert refused.status_code == 422
    assert "Anna kokonaisluku väliltä 0–10." in refused.get_data(as_text=True)
    assert count_responses(db) == 1


def test_print_entry_codebook_and_tablet_show_the_code_and_the_score(client, db, coordinator):
    collection = make_collection(db, "valpas_kykyviisari")
    text = pdf_text(client.get("/coordinate/c/testi/lomake.pdf").data)
    assert "Vastaajakoodi koodikortista" in text and "Kykyviisarin työkykyarvio" in text
    entry = client.get("/coordinate/c/testi/paper").get_data(as_text=True)
    assert 'name="koodi"' in entry and 'name="tyokyky"' in entry
    codebook = client.get("/coordinate/c/testi/koodikirja.csv").data.decode("utf-8-sig")
    assert "tyokyky" in codebook and "0–10" in codebook
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="Alkuarvio",
        municipality_code="muhos",
        held_on=dt.date(2026, 3, 5),
        pin=KIOSK_PIN,
    )
    db.commit()
    tablet = client.get(f"/kiosk/{group.kiosk_token}").get_data(as_text=True)
    assert 'name="koodi"' in tablet and 'name="tyokyky"' in tablet


def test_paper_entry_takes_the_card_code_as_the_web_form_does(client, db, coordinator):
    make_collection(db, "valpas_kykyviisari")
    code = pairing_codes.new_code()
    tokens = form_tokens(client.get("/coordinate/c/testi/paper").get_data(as_text=True))
    wrong = client.post(
        "/coordinate/c/testi/paper",
        data={**tokens, "koodi": mistyped(code), "tyokyky": "6", "_municipality": "muhos"},
    )
    assert wrong.status_code == 422
    html = wrong.get_data(as_text=True)
    assert "Koodi ei täsmää: jokin merkki on luultavasti kirjoitettu väärin." in html
    assert f'value="{mistyped(code)}"' in html and count_responses(db) == 0
    assert db.scalars(select(PairingCode)).all() == []
    saved = client.post(
        "/coordinate/c/testi/paper",
        data={**tokens, "koodi": code.lower(), "tyokyky": "6", "_municipality": "muhos"},
    )
    assert saved.status_code == 302
    [sealed] = db.scalars(select(PairingCode.sealed)).all()
    with client.application.test_request_context():
        key = submissions.pairing_key()
    assert pairing.unseal(sealed, key) == pairing_codes.keyed_hash(code, key)
