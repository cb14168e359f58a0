"""An organisation's settings in four steps: each its own page and save, and what each lacks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from surveyapp.core import organisation_sections
from surveyapp.core.models import Organisation
from surveyapp.core.themes import DEFAULT_THEME
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
