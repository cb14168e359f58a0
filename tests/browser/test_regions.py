"""The municipality picker and the results by wellbeing services county in Chromium, at a phone's
and a desktop's width: axe finds nothing, the page does not scroll sideways, and the search works
with the page's own form (no script of ours needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from surveyapp.core import classification, responses
from surveyapp.core.instruments.values import AnswerValue
from surveyapp.core.models import Collection, Municipality, Project
from tests.browser.pages import assert_accessible, logged_in_page

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "alueet@example.fi", "alueet-syksy-2026"
WIDTHS = (390, 1024)
# A few rows of the shipped classification: none is a VALPAS municipality that the other browser
# tests find by its typed code. 049 Espoo (county 03), 545 Närpiö, 905 Vaasa (17), 638 Porvoo (01).
CODES = ("049", "545", "905", "638")
ANSWERS = {"049": 6, "545": 7, "905": 8, "638": 9}


@pytest.fixture(scope="module")
def county_round(live_app):
    with live_app.extensions["surveyapp.db"]() as db:
        rows = classification.parse(classification.SHIPPED.read_text(encoding="utf-8"))
        classification.load(db, [r for r in rows if r.code in CODES], 2026)
        project = db.query(Project).filter_by(slug="valpas").one_or_none() or Project(
            slug="alueet", name="Alueet"
        )
        collection = Collection(
            slug="alueet-2026",
            title="Alueet 2026",
            project=project,
            instrument_id="valpas_partner_survey",
            audience="partners",
            municipalities=[db.get(Municipality, code) for code in CODES],
        )
        db.add(collection)
        db.flush()
        instrument = live_app.extensions["surveyapp.instruments"]["valpas_partner_survey"]
        for place, n in ANSWERS.items():
            for i in range(n):
                responses.submit(
                    db,
                    collection=collection,
                    instrument=instrument,
                    answers=[
                        AnswerValue("paikkakunta", choice_code=place),
                        AnswerValue("kokonaisarvosana", grade=7 + i % 4),
                    ],
                    channel="web",
                    municipality_code=place,
                    day=dt.date(2026, 3, 2),
                    precision="week",
                    key=None,
                )
        db.commit()
    return "alueet-2026"


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_municipality_picker_searches_without_script(new_page, live_app, county_round, width):
    page = logged_in_page(
        new_page, live_app, EMAIL, PASSWORD, viewport={"width": width, "height": 900}
    )
    page.goto("/coordinate/c/new")
    page.get_by_label("Kyselyn nimi", exact=True).fill(f"Alueet {width}")
    page.get_by_label("Etsi kunta").fill("borg")
    page.get_by_role("button", name="Hae", exact=True).click()
    porvoo = page.get_by_label("Porvoo – Itä-Uudenmaan hyvinvointialue")
    porvoo.check()
    assert page.get_by_label("Kyselyn nimi", exact=True).input_value() == f"Alueet {width}"
    page.get_by_label("Etsi kunta").fill("närpes")
    page.get_by_role("button", name="Hae", exact=True).click()
    assert page.get_by_role("status").inner_text().startswith("1 kunta löytyi")
    assert page.get_by_label("Porvoo – Itä-Uudenmaan hyvinvointialue").is_checked()
    page.get_by_label("Närpiö – Pohjanmaan hyvinvointialue").check()
    assert_accessible(page, f"the municipality picker at {width} px")
    assert no_sideways_scroll(page)
    page.get_by_label("Kyselyn verkko-osoite").fill(f"alueet-valinta-{width}")
    page.get_by_label("Lomake").select_option(value="valpas_partner_survey")
    page.get_by_label("Ketkä vastaavat").select_option(value="partners")
    page.get_by_role("button", name="Luo kysely").click()
    page.wait_for_url(f"**/coordinate/c/alueet-valinta-{width}/settings")
    assert page.get_by_label("Porvoo").count() == 1 and page.get_by_label("Närpiö").count() == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_results_by_county_are_accessible(new_page, live_app, county_round, width):
    page = logged_in_page(
        new_page, live_app, EMAIL, PASSWORD, viewport={"width": width, "height": 900}
    )
    page.goto(f"/coordinate/c/{county_round}/results")
    section = page.locator('section[aria-labelledby="h-counties"]')
    assert section.get_by_role("heading", name="Hyvinvointialueittain").is_visible()
    assert section.get_by_role("rowheader").all_inner_texts() == [
        "Itä-Uudenmaan hyvinvointialue",
        "Länsi-Uudenmaan hyvinvointialue",
        "Pohjanmaan hyvinvointialue",
    ]
    assert_accessible(page, f"the results by county at {width} px")
    assert no_sideways_scroll(page)


def test_a_swedish_respondent_sees_swedish_names(new_page, county_round):
    page = new_page(locale="sv-FI")
    page.goto(f"/c/{county_round}?lang=sv")
    for name in ("Borgå", "Närpes", "Vasa", "Esbo"):
        assert page.get_by_label(name, exact=True).count() == 1, name
