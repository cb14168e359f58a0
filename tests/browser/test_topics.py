"""Themes of written answers in Chromium: tagging without JavaScript, the counts, the public "you said, we
did" page and the tablet's start screen, each axe-clean at 390 and 1024 px without sideways scrolling."""

from __future__ import annotations

import datetime as dt

import pytest

from surveyapp.core import group_sessions, reports, responses, topics
from surveyapp.core.instruments.answers import AnswerValue
from tests.browser.conftest import PHONE, TABLET
from tests.browser.pages import assert_accessible, logged_in_page
from tests.helpers import helsinki_today, make_collection

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "teemat@example.fi", "teemat-syksy-2026"
SLUG = "teemat-selain"
BASE = f"/coordinate/c/{SLUG}/teemat"
MIN_TARGET = 44


@pytest.fixture(scope="module")
def themed(live_app):
    """A collection of 8 comments in Kemijärvi, two themes (one answered, one quote), published on the web
    and the tablets; returns the tablet's address."""
    instrument = live_app.extensions["surveyapp.instruments"]["session_feedback"]
    with live_app.extensions["surveyapp.db"]() as db:
        collection = make_collection(
            db, "session_feedback", slug=SLUG, municipalities=("kemijarvi",)
        )
        for i in range(8):
            responses.submit(
                db,
                collection=collection,
                instrument=instrument,
                answers=[
                    AnswerValue("arvosana", grade=9),
                    AnswerValue("vapaa_palaute", text=f"Kyydit ryhmään olivat hankalia, kerta {i}"),
                ],
                channel="web",
                municipality_code="kemijarvi",
                day=dt.date(2026, 3, 2),
                precision="week",
                key=None,
            )
        transport = topics.create(
            db,
            collection,
            topics.Texts(
                name="Kuljetus",
                name_sv="Skjuts",
                reply="Kimppakyydit sovitaan nyt ryhmässä.",
                reply_sv="Samåkning ordnas nu i gruppen.",
            ),
        )
        topics.create(db, collection, topics.Texts(name="Ryhmän aika"))
        key = b"browser" * 5
        written = topics.written(db, collection, reports.Filters(), key, "p")
        topics.save_tags(
            db,
            collection,
            reports.Filters(),
            key,
            "p",
            {w.token: {transport.id} for w in written[:5]},
        )
        topics.choose_quote(db, transport, key, topics.tagged(db, transport, key)[0][0])
        topics.publish(db, collection, public=True, kiosk=True)
        group = group_sessions.create(
            db,
            collection=collection,
            group_name="Kahvilaryhmä",
            municipality_code="kemijarvi",
            held_on=helsinki_today(),
            pin="2468",
        )
        db.commit()
        return group.kiosk_token


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def check_page(page, path: str, what: str) -> None:
    for viewport in (PHONE, TABLET):
        page.set_viewport_size(viewport)
        response = page.goto(path)
        assert response is not None and response.status == 200, (path, response and response.status)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert_accessible(page, f"{what} at {viewport['width']} px")
        assert overflow(page) == 0, f"{what} scrolls sideways at {viewport['width']} px"


def test_coordinator_pages_pass_axe_at_both_widths(new_page, live_app, themed):
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD)
    check_page(page, BASE, "the themes and their counts")
    assert page.locator("table[data-topics] caption").inner_text().endswith("(n = 8)")
    check_page(page, f"{BASE}/merkinnat", "the tagging page")
    check_page(page, f"{BASE}/uusi", "a new theme")
    page.goto(BASE)
    page.get_by_role("link", name="Kuljetus", exact=True).click()
    check_page(page, page.url, "a theme with its quote")
    page.goto(BASE)
    page.get_by_role("link", name="Poista Ryhmän aika").click()
    check_page(page, page.url, "deleting a theme")


def test_tagging_works_without_javascript_with_big_targets(new_page, live_app, themed):
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD, java_script_enabled=False)
    page.set_viewport_size(PHONE)
    page.goto(f"{BASE}/merkinnat")
    groups = page.locator("fieldset.choice")
    assert groups.count() == 8
    box = groups.nth(7).get_by_text("Ryhmän aika").locator("xpath=ancestor::label").bounding_box()
    assert box["height"] >= MIN_TARGET
    groups.nth(7).get_by_label("Ryhmän aika").check()
    page.get_by_role("button", name="Tallenna teemat").click()
    assert "Vastausten teemat tallennettiin." in page.locator(".flash").inner_text()
    assert page.locator("fieldset.choice").nth(7).get_by_label("Ryhmän aika").is_checked()
    page.goto(BASE)
    row = page.locator("table[data-topics] tr", has_text="Ryhmän aika")
    assert row.locator("td").first.inner_text() == "1"


def test_public_page_and_tablet_start_screen_pass_axe(new_page, themed):
    page = new_page()
    check_page(page, f"/c/{SLUG}/palaute", "the public page")
    assert page.locator("blockquote").count() == 1  # the one chosen quote
    assert "Kimppakyydit sovitaan nyt ryhmässä." in page.content()
    check_page(page, f"/c/{SLUG}/palaute?lang=sv", "the public page in Swedish")
    assert "Samåkning ordnas nu i gruppen." in page.content()
    check_page(page, f"/kiosk/{themed}", "the tablet's start screen")
    summary = page.locator("details.kiosk-topics summary")
    assert summary.inner_text() == "Te sanoitte, me teimme"
    assert summary.bounding_box()["height"] >= MIN_TARGET
