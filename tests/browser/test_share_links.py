"""Share links in Chromium: a coordinator makes one, a reader without an account opens it on a phone and
a laptop (axe-clean, no sideways scrolling, no cookie, nothing from elsewhere), then it is revoked."""

from __future__ import annotations

import re

import pytest

from surveyapp.core import demo
from tests.browser.conftest import PHONE, TABLET
from tests.browser.pages import assert_accessible, logged_in_page

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "jakolinkit@example.fi", "jakolinkit-syksy-2026"
SURVEY = "/coordinate/c/valpas-ryhmakerrat"


@pytest.fixture(scope="module")
def demo_data(live_app):
    with live_app.extensions["surveyapp.db"]() as db:
        demo.load(db, live_app.extensions["surveyapp.instruments"])
        db.commit()


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def at_both_widths(page, what: str, ready: str | None = None) -> None:
    """axe-clean and no page-level sideways scrolling at 390 and 1024 px."""
    for viewport in (PHONE, TABLET):
        page.set_viewport_size(viewport)
        page.reload()
        if ready:
            page.wait_for_function(ready)
        assert overflow(page) <= 0, f"{what} scrolls sideways at {viewport['width']} px"
        assert_accessible(page, f"{what} at {viewport['width']} px")


def test_make_read_and_revoke_a_share_link(new_page, live_app, live_server, demo_data):
    coordinator = logged_in_page(new_page, live_app, EMAIL, PASSWORD)
    coordinator.goto(f"{SURVEY}/share")
    at_both_widths(coordinator, "the share link form")
    coordinator.get_by_label("Kenelle linkki on").fill("Ohjausryhmä 2026")
    coordinator.get_by_role("button", name="Tee linkki").click()
    address = coordinator.locator("[data-share-address]").inner_text()
    assert address.startswith(f"{live_server}/tulokset/")
    assert_accessible(coordinator, "the new share link's address")
    coordinator.goto(f"{SURVEY}#share-links")
    assert "Ohjausryhmä 2026" in coordinator.locator(".share-links").inner_text()
    at_both_widths(coordinator, "the survey page with its share links")

    reader = new_page(viewport=PHONE)
    requests = []
    reader.on("request", lambda request: requests.append(request.url))
    reader.goto(address)
    drawn = "document.querySelectorAll('.plot svg.chart-svg').length >= 1"
    at_both_widths(reader, "the shared results", ready=drawn)
    assert reader.locator("[data-total]").get_attribute("data-total") != "hidden"
    assert reader.locator('a[href^="/coordinate"], a[href^="/auth"]').count() == 0
    reader.get_by_label("Kunta", exact=True).select_option(label="Kemijärvi")
    reader.get_by_role("button", name="Näytä").click()
    reader.wait_for_url("**municipality=kemijarvi**")
    assert reader.url.startswith(address)
    assert reader.locator("[data-total]").get_attribute("data-total") == "40"
    report = reader.request.get(
        reader.get_by_role("link", name="Raportti (PDF)").get_attribute("href")
    )
    assert report.headers["content-type"] == "application/pdf"
    assert reader.context.cookies() == []
    assert requests and all(url.startswith(live_server) for url in requests)

    coordinator.goto(f"{SURVEY}#share-links")
    coordinator.get_by_role("button", name=re.compile(r"^Peru\W+Ohjausryhmä 2026$")).click()
    coordinator.wait_for_url(f"**{SURVEY}#share-links")
    assert "Jakolinkki peruttiin" in coordinator.locator("main").inner_text()
    gone = reader.goto(address)
    assert gone is not None and gone.status == 404
    assert "Tällä linkillä ei pääse tuloksiin" in reader.locator("main").inner_text()
    at_both_widths(reader, "a revoked share link")


def test_the_shared_results_need_no_javascript(new_page, live_app, demo_data):
    coordinator = logged_in_page(new_page, live_app, EMAIL, PASSWORD)
    coordinator.goto(f"{SURVEY}/share")
    coordinator.get_by_label("Kenelle linkki on").fill("Rahoittaja")
    coordinator.get_by_role("button", name="Tee linkki").click()
    address = coordinator.locator("[data-share-address]").inner_text()
    reader = new_page(java_script_enabled=False, viewport=PHONE)
    reader.goto(address)
    assert reader.locator("table.data").count() >= 2  # every chart's figures are in its table
    reader.get_by_label("Vuosi", exact=True).select_option(index=1)
    reader.get_by_role("button", name="Näytä").click()
    reader.wait_for_url("**year=**")
    assert reader.url.startswith(address)
