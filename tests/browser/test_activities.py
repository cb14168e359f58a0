"""The pages that session kinds changed, in Chromium at phone and tablet width: axe finds nothing, nothing
scrolls sideways. The sessions page with its yearly activity table, the new-session form with its kind,
paper entry with its session choice (also with an error)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from surveyapp.core import group_sessions, responses
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import Collection
from tests.browser.conftest import PHONE
from tests.browser.pages import assert_accessible, logged_in_page
from tests.helpers import VALPAS, make_collection

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "toiminta@example.fi", "ryhmakerrat-ja-retket-2026"
SLUG = "aktiviteetit"
SIZES = {"phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True}, "tablet": {}}
# (kind, municipality, date, attendance, grades): kinds apart in 2024, a trip of two in 2025.
SESSIONS = [
    ("group", "muhos", dt.date(2024, 3, 4), 9, [9, 8, 10, 9, 7, 8]),
    ("trip", "muhos", dt.date(2024, 6, 3), 12, [10, 9, 9, 8, 10]),
    ("other", "kemijarvi", dt.date(2024, 9, 2), None, []),
    ("group", "kemijarvi", dt.date(2025, 2, 3), 8, [8, 8, 9, 7, 9, 10]),
    ("trip", "kemijarvi", dt.date(2025, 5, 5), 4, [9, 10]),
]


@pytest.fixture(scope="module")
def activities(live_app):
    """A survey of its own with sessions of every kind, closed, and one open session for paper forms."""
    instrument = live_app.extensions["surveyapp.instruments"]["session_feedback"]
    with live_app.extensions["surveyapp.db"]() as db:
        if db.scalar(select(Collection).where(Collection.slug == SLUG)):
            return
        collection = make_collection(
            db, "session_feedback", slug=SLUG, municipalities=tuple(VALPAS)
        )
        for i, (kind, place, held_on, attendance, grades) in enumerate(SESSIONS):
            made = group_sessions.create(
                db,
                collection=collection,
                group_name=f"Ryhmä {i + 1}",
                municipality_code=place,
                held_on=held_on,
                pin="2468",
                kind=kind,
            )
            for grade in grades:
                responses.submit(
                    db,
                    collection=collection,
                    instrument=instrument,
                    answers=[AnswerValue("arvosana", grade=grade)],
                    channel="kiosk",
                    municipality_code=place,
                    day=held_on,
                    precision="week",
                    key=None,
                    group_session_id=made.id,
                )
            group_sessions.close(made, held_on, attendance)
        group_sessions.create(
            db,
            collection=collection,
            group_name="Kalaretki",
            municipality_code="utajarvi",
            held_on=dt.date(2025, 8, 4),
            pin="2468",
            kind="trip",
        )
        db.commit()


def check(page, what: str) -> None:
    assert_accessible(page, what)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0, f"{what} scrolls sideways by {overflow} px"


@pytest.mark.parametrize("size", sorted(SIZES))
def test_session_pages_pass_axe_and_fit(new_page, live_app, activities, size):
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD, **SIZES[size])
    page.goto(f"/coordinate/c/{SLUG}/sessions")
    table = page.locator("table[data-activities]")
    assert table.locator("caption").inner_text() == "Toiminta vuosittain"
    assert "ei näytetä" in table.inner_text()  # Kemijärvi's trip of two
    assert "retki" in page.locator("td[data-kind=trip]").first.inner_text()
    check(page, f"sessions page ({size})")
    page.goto(f"/coordinate/c/{SLUG}/sessions/new")
    check(page, f"new session ({size})")
    page.get_by_label("Toiminnan laji").select_option("trip")
    page.get_by_role("button", name="Luo ryhmäkerta").click()  # nothing else filled in: errors
    page.wait_for_selector(".error")
    assert page.get_by_label("Toiminnan laji").input_value() == "trip"
    check(page, f"new session with errors ({size})")


@pytest.mark.parametrize("size", sorted(SIZES))
def test_paper_entry_with_a_session_passes_axe_and_fits(new_page, live_app, activities, size):
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD, **SIZES[size])
    page.goto(f"/coordinate/c/{SLUG}/paper")
    choice = page.get_by_label("Lomakkeen ryhmäkerta (valinnainen)")
    assert choice.locator("option").all_inner_texts() == [
        "ei mikään",
        "4.8.2025 Kalaretki, Utajärvi (retki)",
    ]
    check(page, f"paper entry with sessions ({size})")
    choice.select_option(label="4.8.2025 Kalaretki, Utajärvi (retki)")
    page.get_by_label("Lomakkeen kunta").select_option("muhos")
    page.get_by_role("button", name="Tallenna ja syötä seuraava lomake").click()
    page.wait_for_selector("#err-_session")
    assert "Ryhmäkerta pidettiin kunnassa Utajärvi." in page.locator("#err-_session").inner_text()
    check(page, f"paper entry with a session error ({size})")
