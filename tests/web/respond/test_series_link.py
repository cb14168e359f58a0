"""A code card's series link leads to the wave open now, its code carried to the form's field, and
through an access-code page; the code is kept nowhere on the way."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from surveyapp.core import access_codes, pairing, pairing_codes, waves
from surveyapp.core.models import AccessCode, PairingCode
from tests.helpers import (
    PAIRING_KEY,
    Elements,
    count_responses,
    form_tokens,
    helsinki_today,
    hidden_value,
    make_collection,
    pdf_text,
    serve_also,
    submit,
    wave_form,
)

CODE = pairing_codes.printed(pairing_codes.new_code())
TODAY = helsinki_today()


@pytest.fixture
def series(app, db, tmp_path):
    serve_also(app, wave_form(tmp_path))
    app.config["PAIRING_KEY"] = PAIRING_KEY.decode()
    first = make_collection(db, "muutos", "alku", closes_on=TODAY - dt.timedelta(days=1))
    second = make_collection(db, "muutos", "loppu")
    declared = waves.declare(db, first, "Ryhmä 2026", "alku")
    waves.add_wave(db, declared, second, "loppu")
    db.commit()
    return declared


def test_the_series_link_leads_to_the_open_wave_with_the_code_in_its_field(client, series):
    response = client.get(f"/sarja/{series.id}?pari={CODE}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/c/loppu?pari={CODE}"
    assert response.headers["Cache-Control"] == "no-store"
    form = client.get(response.headers["Location"]).get_data(as_text=True)
    assert Elements(form).attributes("koodi")["value"] == CODE


def test_with_two_waves_open_the_link_lists_them_and_with_none_says_so(client, db, series):
    first = series.waves[0].collection
    first.closes_on = None
    db.commit()
    page = client.get(f"/sarja/{series.id}?pari={CODE}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'href="/c/alku?pari={CODE}"' in html and f'href="/c/loppu?pari={CODE}"' in html
    for wave in series.waves:
        wave.collection.closes_on = TODAY - dt.timedelta(days=1)
    db.commit()
    closed = client.get(f"/sarja/{series.id}?pari={CODE}")
    assert closed.status_code == 410
    assert "Pidä koodikorttisi" in closed.get_data(as_text=True)
    assert client.get("/sarja/eiole?pari=X").status_code == 404
    assert client.get(f"/sarja/{'x' * 200}").status_code == 404


def test_the_code_card_sheet_of_a_series_prints_the_series_address(client, coordinator, series):
    text = pdf_text(client.get("/coordinate/c/alku/kortit.pdf?count=2").data)
    assert f"/sarja/{series.id}" in re.sub(r"\s+", "", text)
    assert "/c/alku" not in re.sub(r"\s+", "", text)


def test_the_code_of_the_link_is_carried_through_the_access_code_page(client, db, series):
    wave = series.waves[1].collection
    wave.access = "codes"
    access_codes.generate(db, wave, "muhos", 2)
    db.commit()
    asked = client.get(f"/c/loppu?pari={CODE}").get_data(as_text=True)
    assert f'<input type="hidden" name="pari" value="{CODE}">' in asked
    wrong = client.get(f"/c/loppu?koodi=AAAA-AAAA&pari={CODE}")
    assert wrong.status_code == 422
    assert f'name="pari" value="{CODE}"' in wrong.get_data(as_text=True)
    access = db.scalars(select(AccessCode.code)).first()
    form = client.get(f"/c/loppu?koodi={access}&pari={CODE}").get_data(as_text=True)
    elements = Elements(form)
    assert elements.attributes("koodi")["value"] == CODE
    # Nothing stored by the way: no pairing code and no answer until the form is sent.
    db.expire_all()
    assert db.scalars(select(PairingCode)).all() == [] and count_responses(db) == 0
    answers = {"koodi": CODE, "arvosana": "8", "_code": hidden_value(form, "_code")}
    sent = submit(client, "loppu", answers, tokens=form_tokens(form))
    assert sent.status_code == 302, sent.get_data(as_text=True)[:2000]
    [sealed] = db.scalars(select(PairingCode.sealed)).all()
    assert pairing.unseal(sealed, PAIRING_KEY) == pairing_codes.keyed_hash(
        pairing_codes.normalise(CODE), PAIRING_KEY
    )
