"""The pairing code on the web form: typed any way, mistyped (refused, every answer kept), none."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from surveyapp.core import pairing_codes
from surveyapp.core.models import PairingCode
from tests.helpers import (
    Elements,
    count_responses,
    make_collection,
    mistyped,
    serve_also,
    submit,
    wave_form,
)

CODE = pairing_codes.new_code()


@pytest.fixture
def form(app, db, tmp_path):
    serve_also(app, wave_form(tmp_path))
    make_collection(db, "muutos", "alku")


def codes(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(PairingCode))


def test_a_mistyped_code_is_refused_with_a_message_and_every_answer_is_kept(client, db, form):
    page = submit(client, "alku", {"koodi": mistyped(CODE), "arvosana": "8", "kommentti": "Hyvä"})
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Koodi ei täsmää: jokin merkki on luultavasti kirjoitettu väärin." in html
    assert '<a href="#field-koodi">1. Koodi ei täsmää' in html
    elements = Elements(html)
    assert elements.attributes("koodi")["value"] == mistyped(CODE)
    assert elements.attributes("koodi")["aria-invalid"] == "true"
    assert "arvosana" in elements.checked
    assert (count_responses(db), codes(db)) == (0, 0)
    swedish = submit(client, "alku?lang=sv", {"koodi": "ACD", "arvosana": "8"})
    assert "Koden har sex bokstäver eller siffror och ett kontrolltecken" in swedish.get_data(
        as_text=True
    )


def test_a_code_typed_in_small_letters_with_a_hyphen_is_kept_sealed(client, db, form):
    typed = pairing_codes.printed(CODE).lower()
    assert submit(client, "alku", {"koodi": typed, "arvosana": "8"}).status_code == 302
    assert (count_responses(db), codes(db)) == (1, 1)
    [sealed] = db.scalars(select(PairingCode.sealed)).all()
    assert CODE not in sealed.upper()


def test_without_a_code_the_answer_is_stored_unpaired(client, db, form):
    page = client.get("/c/alku").get_data(as_text=True)
    assert "Minulla ei ole koodia" in page
    assert submit(client, "alku", {"koodi.none": "1", "arvosana": "8"}).status_code == 302
    assert submit(client, "alku", {"arvosana": "6"}).status_code == 302
    assert (count_responses(db), codes(db)) == (2, 0)
