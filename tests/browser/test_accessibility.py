"""axe-core (WCAG 2.0/2.1 A and AA) finds nothing on any respondent page, error state or thank-you page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, slug
from tests.browser.pages import (
    AXE,
    AXE_OPTIONS,
    assert_accessible,
    axe_report,
    open_form,
    show_error_state,
    show_thanks,
)
from tests.helpers import SHIPPED

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_form_page(page, instrument_id):
    open_form(page, instrument_id)
    assert_accessible(page, f"{instrument_id} form")


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_error_state(page, instrument_id):
    show_error_state(page, instrument_id)
    assert_accessible(page, f"{instrument_id} error state")


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_thanks_page(page, instrument_id):
    show_thanks(page, instrument_id)
    assert_accessible(page, f"{instrument_id} thank-you page")


@pytest.mark.parametrize(
    "instrument_id",
    [
        "session_feedback",
        "esy_client_eval",
        "essote_client_satisfaction",
        "kuusamo_elamantilanteen_arviointi",
        "essote_group_wishes",
    ],
)
def test_phone_width(new_page, instrument_id):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    open_form(page, instrument_id)
    assert_accessible(page, f"{instrument_id} form at phone width")
    show_error_state(page, instrument_id)
    assert_accessible(page, f"{instrument_id} error state at phone width")


@pytest.mark.parametrize("query", ["lang=sv", "lang=fi&selko=1"])
@pytest.mark.parametrize(
    "instrument_id",
    ["esy_client_eval", "kuusamo_elamantilanteen_arviointi", "essote_client_satisfaction"],
)
def test_swedish_and_plain_language_client_forms(page, instrument_id, query):
    page.goto(f"/c/{slug(instrument_id)}?{query}")
    current = page.locator("nav.langs a[aria-current=true]").inner_text()
    assert current == ("På svenska" if query == "lang=sv" else "Selkosuomeksi")
    title = page.locator("h1").inner_text()
    assert_accessible(page, f"{instrument_id} form ({query})")
    show_error_state(page, instrument_id)  # the chosen version is kept through the error state
    assert page.locator("h1").inner_text() == title
    assert_accessible(page, f"{instrument_id} error state ({query})")


@pytest.mark.parametrize("query", ["lang=sv", "lang=fi&selko=1"])
def test_home_page_with_titles_and_form_languages(page, query):
    page.goto(f"/?{query}")
    assert page.locator("ul.collections .form-languages").count() >= 1
    assert_accessible(page, f"home page ({query})")


def test_axe_reports_a_planted_violation(page):
    """The check is not vacuous: an unlabelled field and low-contrast text are reported with their targets."""
    open_form(page, "session_feedback")
    page.evaluate("""() => {
        const form = document.querySelector("form");
        form.insertAdjacentHTML("beforeend",
            '<input type="text" id="planted" name="planted"><p id="pale">Haalea</p>');
        document.getElementById("pale").style.color = "#bbb";  // CSSOM: a style="" attribute is blocked by the CSP
    }""")
    results = AXE.run(page, options=AXE_OPTIONS)
    ids = {v["id"] for v in results.response["violations"]}
    assert {"label", "color-contrast"} <= ids
    report = axe_report(results)
    assert "#planted" in report and "#pale" in report
