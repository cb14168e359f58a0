"""An organisation's settings in four steps: each its own page and save, and what each lacks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from surveyapp.core import organisation_sections, organisations
from surveyapp.core.models import Organisation
from surveyapp.core.themes import DEFAULT_THEME
from surveyapp.web.forms.organisations import CREATE_SETTINGS
from tests.helpers import add_coordinator, helsinki_today, log_in, make_organisation, page_csrf

PATH = "/coordinate/organisations/testiyhdistys"
COLUMNS = [
    "name", "name_sv", "name_en", "business_id", "postal", "phone", "email", "website",
    "legal_basis", "dpo_contact", "retention_years", "processor", "a11y_feedback_email",
    "a11y_feedback_url", "a11y_prepared_on", "a11y_reviewed_on", "a11y_assessment",
    "a11y_assessor", "authority_fi", "authority_sv", "authority_en", *DEFAULT_THEME, "logo_type",
]  # fmt: skip


def saved(db) -> dict:
    db.expire_all()
    organisation = db.scalar(select(Organisation))
    return {name: getattr(organisation, name) for name in COLUMNS}


def steps_of(html: str) -> dict[str, str]:
    return {
        code: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()
        for code, body in re.findall(r'<li data-step="(\w+)">(.*?)</li>', html, re.S)
    }


def test_the_overview_and_every_step_say_what_is_missing(client, db, coordinator):
    make_organisation(
        db, dpo_contact="Tietosuojavastaava, puh. 08 765 4321", a11y_reviewed_on=helsinki_today()
    )
    for path in (PATH, *(f"{PATH}/{code}" for code in organisation_sections.SECTIONS)):
        steps = steps_of(client.get(path).get_data(as_text=True))
        assert list(steps) == ["organisation", "privacy", "accessibility", "theme"], path
        assert steps["privacy"].endswith("Valmis")  # the DPO contact is there
        assert "Nimi ruotsiksi" in steps["organisation"] and "Y-tunnus" in steps["organisation"]
        assert steps["theme"].startswith("Värit ja logo") and "Logo" in steps["theme"]
        # An e-mail address for feedback is enough; reviewed today: not overdue.
        assert steps["accessibility"].endswith("Valmis")


def test_an_overdue_statement_is_named_in_its_step(client, db, coordinator):
    long_ago = dt.date(2020, 1, 2)
    make_organisation(db, a11y_prepared_on=long_ago, a11y_reviewed_on=long_ago)
    steps = steps_of(client.get(f"{PATH}/theme").get_data(as_text=True))
    assert "tarkistus viimeisen vuoden aikana" in steps["accessibility"]


def test_a_step_saves_its_own_fields_and_keeps_every_other(client, db, coordinator):
    make_organisation(db, phone="08 123 4567", processor="Palvelu Oy")
    before = saved(db)
    page = client.get(f"{PATH}/privacy").get_data(as_text=True)
    assert 'name="dpo_contact"' in page and 'name="phone"' not in page
    assert 'name="theme_brand"' not in page
    response = client.post(
        f"{PATH}/privacy",
        data={
            "csrf_token": page_csrf(client, f"{PATH}/privacy"),
            "legal_basis": "public_task",
            "dpo_contact": "  Tietosuojavastaava,   puh. 08 765 4321 ",
            "retention_years": "7",
            # processor left out: emptied, as on the whole form
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"{PATH}/privacy"
    after = saved(db)
    changed = {k: (before[k], after[k]) for k in COLUMNS if before[k] != after[k]}
    assert changed == {
        "legal_basis": ("legitimate_interest", "public_task"),
        "dpo_contact": (None, "Tietosuojavastaava, puh. 08 765 4321"),
        "retention_years": (5, 7),
        "processor": ("Palvelu Oy", None),
    }
    assert "Asetukset tallennettu." in client.get(f"{PATH}/privacy").get_data(as_text=True)


@pytest.mark.parametrize(
    ("section", "data", "field"),
    [
        ("privacy", {"legal_basis": "public_task", "retention_years": "0"}, "retention_years"),
        ("organisation", {"name": "", "email": "tietosuoja@testiyhdistys.example"}, "name"),
        ("accessibility", {"a11y_prepared_on": "7.3.2026", "a11y_reviewed_on": "2.4.2026",
                           "a11y_assessment": "self"}, "a11y_feedback_email"),
        ("theme", {**DEFAULT_THEME, "theme_accent": "#bbbbbb"}, "theme_accent"),
    ],
)  # fmt: skip
def test_a_refused_step_saves_nothing_and_says_why(client, db, coordinator, section, data, field):
    make_organisation(db)
    before = saved(db)
    path = f"{PATH}/{section}"
    response = client.post(path, data={**data, "csrf_token": page_csrf(client, path)})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert f'id="err-{field}"' in html and f'href="#field-{field}"' in summary, summary
    assert html.count('id="err-') == 1  # only this step's problem
    assert saved(db) == before


def test_steps_are_confined_and_unknown_steps_not_found(app, db, client, coordinator):
    make_organisation(db)
    make_organisation(db, "vieras-org", projects=("vieras",), name="Vieras ry")
    assert client.get(f"{PATH}/logo").status_code == 404
    other = app.test_client()
    add_coordinator(db, "oma@example.fi", role="coordinator")
    assert log_in(other, "oma@example.fi").status_code == 302
    token = page_csrf(other, "/coordinate/")
    for method in ("GET", "POST"):
        with other.open(
            f"{PATH}/privacy", method=method, data={"csrf_token": token, "dpo_contact": "x"}
        ) as response:
            assert response.status_code == 404 and "Testiyhdistys" not in response.get_data(
                as_text=True
            )


def settings_fields(html: str) -> set[str]:
    """The names of the fields of a page's settings form (not its header's or footer's forms)."""
    form = re.search(r'<form method="post"[^>]*class="settings">(.*?)</form>', html, re.S)
    return set(re.findall(r'name="(\w+)"', form.group(1))) - {"csrf_token"} if form else set()


def test_every_setting_is_on_exactly_one_step_and_the_overview_has_no_form(client, db, coordinator):
    make_organisation(db, logo=b"\x89PNG\r\n\x1a\n", logo_type="image/png")
    overview = client.get(PATH).get_data(as_text=True)
    assert settings_fields(overview) == set() and 'name="theme_brand"' not in overview
    where: dict[str, list[str]] = {}
    for step in organisation_sections.SECTIONS:
        for name in settings_fields(client.get(f"{PATH}/{step}").get_data(as_text=True)):
            where.setdefault(name, []).append(step)
    # Every field the settings had on one long form; the short name is chosen once, at creation.
    every = {*organisations.FORM_ORDER, "remove_logo", "projects"} - {"slug"}
    assert set(where) == every
    assert {name: steps for name, steps in where.items() if len(steps) != 1} == {}
    assert where["projects"] == ["organisation"]  # an administrator assigns them


def test_a_new_organisation_asks_only_what_creating_it_needs_then_leads_to_the_steps(
    client, db, coordinator
):
    page = client.get("/coordinate/organisations/new").get_data(as_text=True)
    assert settings_fields(page) == set(CREATE_SETTINGS)
    response = client.post(
        "/coordinate/organisations/new",
        data={
            "csrf_token": page_csrf(client, "/coordinate/organisations/new"),
            "slug": "uusi-yhdistys",
            "name": "Uusi yhdistys ry",
            "email": "tietosuoja@uusi.example",
            "legal_basis": "consent",
            "retention_years": "4",
            "a11y_feedback_url": "https://uusi.example/palaute",
            "a11y_prepared_on": "7.3.2026",
            "a11y_reviewed_on": "7.3.2026",
            "a11y_assessment": "self",
        },
    )
    assert response.headers["Location"] == "/coordinate/organisations/uusi-yhdistys"
    db.expire_all()
    created = db.scalar(select(Organisation).where(Organisation.slug == "uusi-yhdistys"))
    assert (created.name, created.retention_years, created.a11y_feedback_url) == (
        "Uusi yhdistys ry",
        4,
        "https://uusi.example/palaute",
    )
    assert {name: getattr(created, name) for name in DEFAULT_THEME} == DEFAULT_THEME
    overview = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Organisaatio luotu." in overview
    steps = steps_of(overview)
    assert list(steps) == ["organisation", "privacy", "accessibility", "theme"]
    assert "Nimi ruotsiksi" in steps["organisation"] and "Logo" in steps["theme"]
