"""Organisation settings: saved whole or refused with reasons; a low-contrast theme never reaches a page."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from surveyapp.core.models import Organisation, Project
from surveyapp.core.organisations import valid_business_id
from surveyapp.core.themes import DEFAULT_THEME
from tests.helpers import (
    make_collection,
    make_organisation,
    organisation_settings,
    page_csrf,
    post_settings_steps,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def errors_of(html: str) -> list[str]:
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    return re.findall(r'<a href="#field-[^"]+">([^<]+)</a>', summary)


def step_errors(responses: dict) -> list[str]:
    """The problems of settings posted step by step, in step order (each step's in its form order)."""
    found = []
    for response in responses.values():
        if response.status_code == 422:
            found += errors_of(response.get_data(as_text=True))
    return found


def test_pages_need_login_and_rights(client, db, log_in_as):
    make_organisation(db)
    assert "/auth/login" in client.get("/coordinate/organisations/").headers["Location"]
    other = db.scalar(select(Project).where(Project.slug == "valpas"))
    mine = Project(slug="oma", name="Oma hanke")
    db.add(mine)
    db.commit()
    log_in_as("ohjaaja@example.fi", projects=[mine])
    assert client.get("/coordinate/organisations/testiyhdistys").status_code == 404
    assert client.get("/coordinate/organisations/new").status_code == 403
    assert "Testiyhdistys ry" not in client.get("/coordinate/organisations/").get_data(as_text=True)
    # A coordinator may keep the settings of the organisation that owns one of their projects.
    mine.organisation = other.organisation
    db.commit()
    assert client.get("/coordinate/organisations/testiyhdistys").status_code == 200


def test_admin_creates_an_organisation_and_assigns_a_project(client, db, coordinator):
    make_collection(db, "session_feedback")
    token = page_csrf(client, "/coordinate/organisations/new")
    project = db.scalar(select(Project).where(Project.slug == "valpas"))
    settings = organisation_settings(slug="kuntayhtyma")
    # The short form creates it (what is not on it is ignored) and leads to the steps.
    response = client.post("/coordinate/organisations/new", data={**settings, "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/coordinate/organisations/kuntayhtyma"
    db.expire_all()
    created = db.scalar(select(Organisation))
    assert (created.name, created.name_sv, created.business_id, created.projects) == (
        "Kuntayhtymä Testi",
        None,
        None,
        [],
    )
    overview = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'href="/coordinate/organisations/kuntayhtyma/organisation"' in overview
    # The rest in the organisation step, where an administrator also assigns the projects.
    steps = post_settings_steps(client, "kuntayhtyma", settings, projects=[project.id])
    assert {step: r.status_code for step, r in steps.items()} == dict.fromkeys(steps, 302)
    db.expire_all()
    saved = db.scalar(select(Organisation))
    assert (saved.name, saved.name_sv, saved.name_en, saved.business_id, saved.postal) == (
        "Kuntayhtymä Testi",
        "Samkommunen Test",
        None,
        "1234567-1",
        "PL 5\n90100 Oulu",
    )
    assert (
        saved.a11y_prepared_on,
        saved.a11y_reviewed_on,
        saved.legal_basis,
        saved.retention_years,
    ) == (dt.date(2026, 3, 7), dt.date(2026, 4, 2), "public_task", 3)
    assert [p.slug for p in saved.projects] == ["valpas"]
    page = client.get(steps["organisation"].headers["Location"]).get_data(as_text=True)
    assert '<p class="flash ok" role="status">Asetukset tallennettu.</p>' in page
    # The collection's pages now belong to the organisation: its statement, notice and name.
    form = client.get("/c/testi").get_data(as_text=True)
    assert '<a href="/o/kuntayhtyma/saavutettavuusseloste">Saavutettavuusseloste</a>' in form
    assert "Tiedoista vastaa Kuntayhtymä Testi." in form


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Header text on a header background: 4.47:1 is refused for text.
        (
            {"theme_brand": "#777777"},
            [
                "Yläpalkin teksti yläpalkin taustalla: kontrasti on vain 4,47:1, mutta vaatimus on vähintään 4,5:1 (teksti). "
                "Valitse toinen väreistä tummemmaksi tai toinen vaaleammaksi."
            ],
        ),
        # Headings are large text (3:1), borders are user-interface boundaries (3:1): 2.99:1 is refused.
        (
            {"theme_heading": "#959595", "theme_border": "#959595"},
            [
                "Otsikot valkoisella sivulla: kontrasti on vain 2,99:1, mutta vaatimus on vähintään 3:1 (suuri teksti, kuten "
                "otsikot). Valitse toinen väreistä tummemmaksi tai toinen vaaleammaksi.",
                "Vastausruutujen ja -kenttien reunat valkoisella sivulla: kontrasti on vain 2,99:1, mutta vaatimus on "
                "vähintään 3:1 (vastausruutujen ja -kenttien reunat). Valitse toinen väreistä tummemmaksi tai toinen "
                "vaaleammaksi.",
            ],
        ),
        ({"theme_accent": "sininen"}, ["Kirjoita väri heksakoodina, esimerkiksi #2a6ebb."]),
    ],
)
def test_low_contrast_theme_is_refused_with_the_reason(client, db, coordinator, changes, expected):
    make_organisation(db)
    path = "/coordinate/organisations/testiyhdistys/theme"
    response = client.post(
        path, data={**organisation_settings(**changes), "csrf_token": page_csrf(client, path)}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert errors_of(html) == expected
    db.expire_all()
    assert (
        db.scalar(select(Organisation)).theme_brand == DEFAULT_THEME["theme_brand"]
    )  # nothing saved


def test_contrast_table_shows_every_pair(client, db, coordinator):
    make_organisation(db)
    html = client.get("/coordinate/organisations/testiyhdistys/theme").get_data(as_text=True)
    rows = re.findall(
        r"</svg> ([^<]+)</th>\s*<td>([^<]+)</td><td>([^<]+)</td>\s*<td>([^<]+)</td>", html
    )
    assert rows == [
        ("Yläpalkin teksti yläpalkin taustalla", "11,73:1", "4,5:1", "Riittää"),
        ("Linkit ja painikkeet valkoisella sivulla", "5,18:1", "4,5:1", "Riittää"),
        ("Otsikot valkoisella sivulla", "16,10:1", "3:1", "Riittää"),
        ("Vastausruutujen ja -kenttien reunat valkoisella sivulla", "5,69:1", "3:1", "Riittää"),
    ]


def test_other_settings_are_checked_in_form_order(client, db, coordinator):
    make_organisation(db)
    responses = post_settings_steps(
        client,
        "testiyhdistys",
        organisation_settings(
            name="",
            business_id="1234567-2",
            email="ei-osoite",
            legal_basis="",
            retention_years="0",
            a11y_feedback_email="",
            a11y_prepared_on="31.2.2026",
            a11y_reviewed_on="1.1.2026",
            a11y_assessment="external",
        ),
    )
    assert [r.status_code for r in responses.values()] == [422, 422, 422, 302]
    assert step_errors(responses) == [
        "Nimi on pakollinen tieto.",
        "Kirjoita Y-tunnus muodossa 1234567-8 ja tarkista viimeinen numero.",
        "Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.",
        "Valitse yksi vaihtoehdoista.",
        "Anna vuosien määrä kokonaislukuna 1–50.",
        "Anna saavutettavuuspalautteelle sähköpostiosoite tai verkkolomake: laki edellyttää, että palautetta voi antaa.",
        "Kirjoita päivämäärä muodossa 7.3.2026.",
        "Kerro, kuka teki ulkopuolisen arvion.",
    ]


def test_dates_cannot_be_in_the_future_or_out_of_order(client, db, coordinator):
    make_organisation(db)
    path = "/coordinate/organisations/testiyhdistys/accessibility"
    token = page_csrf(client, path)
    response = client.post(
        path,
        data={
            **organisation_settings(a11y_prepared_on="2.4.2026", a11y_reviewed_on="7.3.2026"),
            "csrf_token": token,
        },
    )
    assert errors_of(response.get_data(as_text=True)) == [
        "Viimeisin päivitys ei voi olla ennen selosteen laatimispäivää."
    ]
    response = client.post(
        path, data={**organisation_settings(a11y_reviewed_on="1.1.2999"), "csrf_token": token}
    )
    assert errors_of(response.get_data(as_text=True)) == ["Päivämäärä ei voi olla tulevaisuudessa."]


def test_saved_theme_and_logo_reach_the_pages(client, db, coordinator):
    make_collection(db, "session_feedback")
    make_organisation(db)
    responses = post_settings_steps(
        client,
        "testiyhdistys",
        organisation_settings(theme_brand="#5A0F3C", theme_accent="#7a1f5c"),
        logo=(io.BytesIO(PNG), "logo.png"),
    )
    assert [r.status_code for r in responses.values()] == [302, 302, 302, 302]
    form = client.get("/c/testi").get_data(as_text=True)
    theme_link = re.search(
        r'<link rel="stylesheet" href="(/o/testiyhdistys/theme\.css\?v=[0-9a-f]{12})">', form
    )
    with client.get(theme_link.group(1)) as theme:
        assert (theme.status_code, theme.mimetype) == (200, "text/css")
        assert theme.get_data(as_text=True) == (
            ":root{--brand:#5a0f3c;--brand-text:#ffffff;--accent:#7a1f5c;--heading:#212121;--line:#5f686d}"
        )
        assert theme.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # Any other version (an old page) is served the current theme, but not cached.
    with client.get("/o/testiyhdistys/theme.css?v=0") as stale:
        assert stale.headers["Cache-Control"] == "no-cache"
    assert (
        '<img src="/o/testiyhdistys/logo" alt="" height="40"><span>Kuntayhtymä Testi</span>' in form
    )
    logo = client.get("/o/testiyhdistys/logo")
    assert (logo.status_code, logo.mimetype, logo.data) == (200, "image/png", PNG)
    assert logo.headers["Content-Security-Policy"] == "default-src 'none'"
    assert logo.headers["X-Content-Type-Options"] == "nosniff"
    assert (
        client.get(
            "/o/testiyhdistys/logo", headers={"If-None-Match": logo.headers["ETag"]}
        ).status_code
        == 304
    )
    # Removing it.
    post_settings_steps(client, "testiyhdistys", organisation_settings(), remove_logo="1")
    assert client.get("/o/testiyhdistys/logo").status_code == 404


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "Logon on oltava PNG-, JPEG- tai WebP-kuva.",
        ),
        (
            PNG + b"\x00" * 16 * 1024,
            "Logo voi olla enintään 16 kt, koska se ladataan jokaisella lomakesivulla.",
        ),
    ],
)
def test_logo_must_be_a_small_image(client, db, coordinator, upload, expected):
    make_organisation(db)
    path = "/coordinate/organisations/testiyhdistys/theme"
    response = client.post(
        path,
        data={
            **organisation_settings(),
            "csrf_token": page_csrf(client, path),
            "logo": (io.BytesIO(upload), "logo.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert errors_of(response.get_data(as_text=True)) == [expected]


def test_statement_older_than_a_year_is_flagged(client, db, coordinator):
    make_organisation(
        db, a11y_prepared_on=dt.date(2024, 1, 1), a11y_reviewed_on=dt.date(2024, 1, 1)
    )
    html = client.get("/coordinate/organisations/testiyhdistys").get_data(as_text=True)
    assert (
        "Saavutettavuusseloste on päivitetty viimeksi yli vuosi sitten. Tarkista, että se pitää yhä paikkansa, "
        "ja päivitä sen päivämäärä."
    ) in html


def test_database_defends_the_feedback_channel_and_colours(db):
    make_organisation(db)
    organisation = db.scalar(select(Organisation))
    organisation.a11y_feedback_email = None
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()
    organisation.theme_accent = "2a6ebb"
    with pytest.raises(IntegrityError):
        db.commit()


@pytest.mark.parametrize(
    ("business_id", "valid"),
    [
        ("1234567-1", True),
        ("1234567-2", False),
        ("0737546-2", True),
        ("123456-1", False),
        ("1234567-01", False),
    ],
)
def test_business_id_check_digit(business_id, valid):
    assert valid_business_id(business_id) is valid


def test_unstorable_characters_and_odd_digits_are_refused(client, db, coordinator):
    make_organisation(db)
    responses = post_settings_steps(
        client,
        "testiyhdistys",
        organisation_settings(name="Kuntayhtymä\x00 Testi", retention_years="²"),
    )
    assert [r.status_code for r in responses.values()] == [422, 422, 302, 302]
    assert step_errors(responses) == [
        "Nimi sisältää merkkejä, joita ei voi tallentaa. Kirjoita se uudelleen.",
        "Anna vuosien määrä kokonaislukuna 1–50.",
    ]
