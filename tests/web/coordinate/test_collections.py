"""Survey rounds through a coordinator's eyes: create, set up, preview, close, enter late paper forms."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from surveyapp.core import collection_setup
from surveyapp.core.models import Collection, Municipality
from tests.helpers import (
    count_responses,
    form_tokens,
    helsinki_today,
    make_collection,
    page_csrf,
    submit,
)


def new_collection(client, **fields):
    data = {
        "title": "Kumppanikysely 2026",
        "slug": "kumppanit-2026",
        "instrument": "valpas_partner_survey",
        "audience": "partners",
        "access": "codes",
        "opens_on": "2026-03-01",
        "closes_on": "2026-04-15",
        "municipalities": ["muhos", "kemijarvi"],
        "new_municipalities": "Pudasjärvi\n\n  Taivalkoski ",
        **fields,
    }
    project_id = re.search(
        r'<option value="([0-9a-f]{32})"',
        client.get("/coordinate/c/new").get_data(as_text=True),
    ).group(1)
    return client.post(
        "/coordinate/c/new",
        data={
            "csrf_token": page_csrf(client, "/coordinate/c/new"),
            "project": project_id,
            **data,
        },
    )


def test_a_round_is_created_with_its_municipalities_and_access(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos", "kemijarvi"))
    response = new_collection(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/coordinate/c/kumppanit-2026/settings")
    db.expire_all()
    made = db.scalar(select(Collection).where(Collection.slug == "kumppanit-2026"))
    assert (made.title, made.instrument_id, made.audience, made.access) == (
        "Kumppanikysely 2026",
        "valpas_partner_survey",
        "partners",
        "codes",
    )
    assert (made.opens_on, made.closes_on) == (dt.date(2026, 3, 1), dt.date(2026, 4, 15))
    assert [m.name for m in made.municipalities] == [
        "Kemijärvi",
        "Muhos",
        "Pudasjärvi",
        "Taivalkoski",
    ]
    assert db.get(Municipality, "pudasjarvi").name == "Pudasjärvi"


def test_bad_round_settings_are_explained_and_nothing_is_stored(client, db, coordinator):
    make_collection(
        db, "session_feedback", slug="kumppanit-2026", municipalities=("muhos", "kemijarvi")
    )
    page = new_collection(client, closes_on="2026-02-01", slug="kumppanit-2026")
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Kysely ei voi sulkeutua ennen kuin se avautuu." in html
    assert 'value="Kumppanikysely 2026"' in html  # what was typed stays
    page = new_collection(client, slug="kumppanit-2026")
    assert page.status_code == 422 and "Tämä osoite on jo käytössä" in page.get_data(as_text=True)
    page = new_collection(client, slug="Kumppanit 2026!")
    assert page.status_code == 422
    assert db.scalars(select(Collection.slug)).all() == ["kumppanit-2026"]


def test_invited_counts_are_saved_per_municipality(client, db, coordinator):
    collection = make_collection(db, "valpas_partner_survey", municipalities=("muhos", "kemijarvi"))
    url = "/coordinate/c/testi/settings"
    response = client.post(
        url,
        data={
            "csrf_token": page_csrf(client, url),
            "title": "Kumppanit",
            "access": "open",
            "invited_muhos": "20",
            "invited_kemijarvi": "",
        },
    )
    assert response.status_code == 302
    db.expire_all()
    assert collection_setup.entered_invited(db, collection) == {"muhos": 20, "kemijarvi": None}
    assert collection_setup.invited(db, collection) == {"muhos": 20}
    page = client.post(
        url,
        data={
            "csrf_token": page_csrf(client, url),
            "title": "Kumppanit",
            "access": "open",
            "invited_muhos": "-3",
        },
    )
    assert page.status_code == 422
    db.expire_all()
    assert collection_setup.entered_invited(db, collection)["muhos"] == 20


def test_preview_checks_answers_and_stores_nothing_even_before_opening(client, db, coordinator):
    make_collection(db, "session_feedback", opens_on=helsinki_today() + dt.timedelta(days=30))
    assert client.get("/c/testi").status_code == 410
    page = client.get("/coordinate/c/testi/preview")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Esikatselu" in html
    assert 'action="/coordinate/c/testi/preview"' in html
    tokens = form_tokens(html)
    assert (
        client.post("/coordinate/c/testi/preview", data={**tokens, "arvosana": "12"}).status_code
        == 422
    )
    accepted = client.post("/coordinate/c/testi/preview", data={**tokens, "arvosana": "9"})
    assert accepted.status_code == 200 and "Mitään ei tallennettu" in accepted.get_data(
        as_text=True
    )
    assert count_responses(db) == 0


def test_closed_round_is_polite_to_respondents_and_takes_late_paper_forms(client, db, coordinator):
    make_collection(
        db, "session_feedback", opens_on=dt.date(2026, 3, 1), closes_on=dt.date(2026, 3, 31)
    )
    closed = client.get("/c/testi")
    assert closed.status_code == 410 and "ei ole nyt avoinna" in closed.get_data(as_text=True)
    assert submit(
        client, "testi", {"arvosana": "9"}, tokens={"csrf_token": "x", "_key": "y" * 24}
    ).status_code in (400, 410)
    page = client.get("/coordinate/c/testi")
    assert "myöhässä saapuneet paperilomakkeet" in page.get_data(as_text=True)
    tokens = form_tokens(client.get("/coordinate/c/testi/paper").get_data(as_text=True))
    assert (
        client.post(
            "/coordinate/c/testi/paper", data={**tokens, "arvosana": "8", "_date": "20.3.2026"}
        ).status_code
        == 302
    )
    assert count_responses(db) == 1


def test_open_round_shows_its_addresses_as_qr_codes_drawn_here(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos", "kemijarvi"))
    html = client.get("/coordinate/c/testi").get_data(as_text=True)
    assert (
        html.count('<svg aria-hidden="true"') == 3
    )  # the round, and each of its two municipalities
    assert "http://localhost/c/testi?kunta=kemijarvi" in html
    svg = client.get("/coordinate/c/testi/qr.svg?kunta=kemijarvi")
    assert svg.mimetype == "image/svg+xml" and svg.data.startswith(b"<?xml")
    assert b"<title>http://localhost/c/testi?kunta=kemijarvi</title>" in svg.data
    assert client.get("/coordinate/c/testi/qr.svg?kunta=oulu").status_code == 404


def test_a_round_title_is_given_in_swedish_english_and_selko_and_emptied_back_to_finnish(
    client, db, coordinator
):
    make_collection(db, "session_feedback", municipalities=("muhos", "kemijarvi"))
    assert (
        new_collection(
            client, title_sv="Partnerenkät 2026", title_en=" Partner survey 2026 "
        ).status_code
        == 302
    )
    db.expire_all()
    made = db.scalar(select(Collection).where(Collection.slug == "kumppanit-2026"))
    assert (made.title_sv, made.title_en, made.title_selko) == (
        "Partnerenkät 2026",
        "Partner survey 2026",
        None,
    )
    url = "/coordinate/c/kumppanit-2026/settings"
    page = client.get(url).get_data(as_text=True)
    assert (
        'lang="sv"' in page
        and 'value="Partnerenkät 2026"' in page
        and "Kyselyn nimi ruotsiksi" in page
    )
    response = client.post(
        url,
        data={
            "csrf_token": page_csrf(client, url),
            "title": "Kumppanikysely 2026",
            "access": "codes",
            "title_sv": "  ",
            "title_selko": "Kysely yhteistyökumppaneille",
            "title_en": "x" * 201,
        },
    )
    assert response.status_code == 422  # too long: nothing is stored
    db.expire_all()
    assert db.get(Collection, made.id).title_sv == "Partnerenkät 2026"
    response = client.post(
        url,
        data={
            "csrf_token": page_csrf(client, url),
            "title": "Kumppanikysely 2026",
            "access": "codes",
            "title_sv": "  ",
            "title_en": "",
            "title_selko": "Kysely yhteistyökumppaneille",
        },
    )
    assert response.status_code == 302
    db.expire_all()
    made = db.get(Collection, made.id)
    assert (made.title_sv, made.title_en, made.title_selko) == (
        None,
        None,
        "Kysely yhteistyökumppaneille",
    )
    assert (
        made.title_in("sv") == ("Kumppanikysely 2026", "fi")
        and made.title_in("selko")[1] == "selko"
    )


def test_the_old_address_of_the_new_collection_page_leads_to_the_new_one(client, coordinator):
    token = {"csrf_token": page_csrf(client, "/coordinate/c/new")}
    for response in (
        client.get("/coordinate/rounds/new"),
        client.post("/coordinate/rounds/new", data=token),
    ):
        assert (response.status_code, response.headers["Location"]) == (308, "/coordinate/c/new")


def test_the_address_of_the_new_collection_page_cannot_be_a_collection_s(client, db, coordinator):
    make_collection(
        db, "session_feedback", municipalities=("muhos", "kemijarvi")
    )  # the project offered
    page = new_collection(client, slug="new")
    assert page.status_code == 422
    assert "Tämä osoite on jo käytössä" in page.get_data(as_text=True)
