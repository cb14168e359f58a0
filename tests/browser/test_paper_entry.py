"""Paper entry in Chromium: keyboard only, number keys choose positions, axe finds nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from surveyapp.core.models import Answer, Collection, Response
from tests.browser.conftest import slug
from tests.browser.pages import AXE, AXE_OPTIONS, axe_report, logged_in_page
from tests.helpers import SHIPPED

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "paperi@example.fi", "paperilomakkeet-2026"


@pytest.fixture
def coordinator_page(new_page, live_app):
    return logged_in_page(new_page, live_app, EMAIL, PASSWORD)


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_paper_entry_page_passes_axe(coordinator_page, instrument_id):
    coordinator_page.goto(f"/coordinate/c/{slug(instrument_id)}/paper")
    results = AXE.run(coordinator_page, options=AXE_OPTIONS)
    assert results.violations_count == 0, axe_report(results)


def test_number_keys_and_tab_order_follow_the_paper(coordinator_page, live_app):
    page = coordinator_page
    page.goto("/coordinate/c/esy-client-eval/paper")
    page.locator("#_date").focus()
    page.keyboard.type("5.3.2026")
    page.keyboard.press("Tab")  # 1. the first option of the experience scale
    page.keyboard.press("2")  # second position: "hyvä kokemus"
    page.keyboard.press("Tab")  # 2.
    page.keyboard.press("4")  # fourth position: "en osaa sanoa"
    focused = page.evaluate("document.activeElement.name + '=' + document.activeElement.value")
    assert focused == "q2=en_osaa_sanoa"
    for _ in range(40):  # on to the first statement of matrix 10
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q10_1":
            break
    page.keyboard.press("1")  # "Erittäin hyvin"
    page.keyboard.press("Tab")
    page.keyboard.press("5")  # q10_2: "Ei lainkaan"
    with live_app.extensions["surveyapp.db"]() as db:
        collection = db.scalar(select(Collection).where(Collection.slug == "esy-client-eval"))
        before = set(
            db.scalars(
                select(Response.id).where(
                    Response.collection_id == collection.id, Response.channel == "paper"
                )
            )
        )
    page.keyboard.press("Enter")
    page.wait_for_selector("p.flash.ok")
    assert (
        page.locator("p.count").inner_text()
        == "1 paperilomake tallennettu tämän kirjautumisen aikana."
    )
    assert (
        page.locator("input[type=radio]:checked").count() == 0
    )  # an empty form for the next sheet
    with live_app.extensions["surveyapp.db"]() as db:
        (new,) = (
            set(
                db.scalars(
                    select(Response.id).where(
                        Response.collection_id == collection.id, Response.channel == "paper"
                    )
                )
            )
            - before
        )
        stored = dict(
            db.execute(
                select(Answer.item_code, Answer.choice_code).where(Answer.response_id == new)
            ).all()
        )
    assert stored == {
        "q1": "hyva",
        "q2": "en_osaa_sanoa",
        "q10_1": "erittain_hyvin",
        "q10_2": "ei_lainkaan",
    }


def test_number_keys_choose_grades_themselves(coordinator_page):
    page = coordinator_page
    page.goto("/coordinate/c/kuusamo-elamantilanteen-arviointi/paper")
    page.locator('input[name="a1"]').first.focus()
    page.keyboard.press("7")
    assert page.locator('input[name="a1"]:checked').get_attribute("value") == "7"
    page.keyboard.press("0")
    assert page.locator('input[name="a1"]:checked').get_attribute("value") == "10"
