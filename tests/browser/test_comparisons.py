"""The comparison page in Chromium: axe-clean at 390 and 1024 px, no sideways scroll of the page on
a phone, numbers right-aligned, and choosing surveys works without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, TABLET
from tests.browser.pages import assert_accessible, logged_in_page
from tests.helpers import make_collection
from tests.helpers.rounds import INSTRUMENT, WAVES, submit_wave

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "vertailu@example.fi", "vertailu-syksy-2016"


@pytest.fixture(scope="module")
def waves(live_app):
    with live_app.extensions["surveyapp.db"]() as db:
        instrument = live_app.extensions["surveyapp.instruments"][INSTRUMENT]
        for year in (2015, 2016):
            collection = make_collection(
                db,
                INSTRUMENT,
                slug=f"vertailu-{year}",
                municipalities=(),
                opens_on=WAVES[year][1],
                audience="partners",
            )
            submit_wave(db, collection, instrument, year)
        db.commit()


def choose_two_rounds(page) -> None:
    """From the survey's page to the two rounds side by side, by links, ticks and the button."""
    page.goto("/coordinate/c/vertailu-2015")
    page.get_by_role("link", name="Vertaile vuosia tai kyselyitä").click()
    page.wait_for_url("**/coordinate/c/vertailu-2015/compare")
    page.get_by_label("tämä kysely ja saman lomakkeen muut kyselyt").check()
    page.get_by_label("Testi vertailu-2016").check()
    page.get_by_role("button", name="Vertaile").click()
    page.wait_for_url("**other=vertailu-2016**")


def shares_row(page):
    table = page.locator('table[data-comparison="Osuus samaa mieltä"]')
    return table.locator('tr[data-statement="tunnen_tyotavat"] td')


def test_compare_two_rounds_without_javascript(new_page, live_app, waves):
    page = logged_in_page(
        new_page, live_app, EMAIL, PASSWORD, viewport=PHONE, java_script_enabled=False
    )
    choose_two_rounds(page)
    assert shares_row(page).all_inner_texts() == ["81,4\u00a0%", "84,2\u00a0%", "+2,8"]


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390", "1024"])
def test_comparison_pages_pass_axe_and_fit_a_phone(new_page, live_app, waves, viewport):
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD, viewport=viewport)
    width = viewport["width"]
    page.goto("/coordinate/c/vertailu-2015/compare")
    assert_accessible(page, f"the comparison of years at {width} px")
    choose_two_rounds(page)
    row = shares_row(page)
    assert row.all_inner_texts() == ["81,4\u00a0%", "84,2\u00a0%", "+2,8"]
    assert row.first.evaluate("cell => getComputedStyle(cell).textAlign") == "right"
    assert_accessible(page, f"two surveys side by side at {width} px")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at {width} px"


def test_a_refused_choice_is_named_at_the_top(new_page, live_app, waves):
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD, viewport=PHONE)
    page.goto("/coordinate/c/vertailu-2015/compare?by=rounds")
    summary = page.locator("#error-summary")
    assert "Valitse vähintään yksi toinen kysely." in summary.inner_text()
    assert_accessible(page, "a refused comparison")
