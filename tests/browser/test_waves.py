"""A measurement series in Chromium: the pairing-code field typed, mistyped and filled in from a
card's link; the code cards and the change report, axe-clean at 390 and 1024 px, no sideways page."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from surveyapp.core import pairing_codes, submission, waves
from surveyapp.core.models import Collection
from tests.browser.conftest import PHONE, TABLET
from tests.browser.pages import assert_accessible, logged_in_page, send
from tests.helpers import (
    PAIRING_KEY,
    helsinki_today,
    make_collection,
    mistyped,
    serve_also,
    wave_form,
)

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "sarja@example.fi", "sarja-kevat-2026"
CODES = pairing_codes.sheet(8)


@pytest.fixture(scope="module")
def series(live_app, tmp_path_factory):
    instrument = wave_form(tmp_path_factory.mktemp("waves"))
    serve_also(live_app, instrument)
    live_app.config["PAIRING_KEY"] = PAIRING_KEY.decode()
    with live_app.extensions["surveyapp.db"]() as db:
        start = make_collection(db, "muutos", "aalto-alku")
        end = make_collection(db, "muutos", "aalto-loppu")
        declared = waves.declare(db, start, "Ryhmä kevät 2026", "alku")
        waves.add_wave(db, declared, end, "loppu")
        for collection, grades, extra in ((start, "6", 3), (end, "8", 2)):
            for fields in [{"koodi": c} for c in CODES] + [{"koodi.none": "1"}] * extra:
                result = submission.submit(
                    db,
                    collection,
                    instrument,
                    {name: [value] for name, value in {**fields, "arvosana": grades}.items()},
                    channel="web",
                    day=dt.date(2026, 3, 4),
                    precision="week",
                    keyed=False,
                    pairing_key=PAIRING_KEY,
                )
                assert result.stored
        db.commit()


def no_sideways_scroll(page, width: int) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at {width} px"


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390", "1024"])
def test_a_mistyped_code_is_named_and_a_corrected_one_sent(new_page, series, viewport):
    page = new_page(viewport=viewport)
    code = pairing_codes.new_code()  # a card of its own: the series' pairs stay as they are
    page.goto("/c/aalto-alku")
    page.get_by_label("Koodisi").fill(mistyped(code).lower())
    page.locator('input[name="arvosana"][value="9"]').check(force=True)
    send(page, 422)
    summary = page.locator("#error-summary")
    assert "Koodi ei täsmää" in summary.inner_text()
    assert page.get_by_label("Koodisi").input_value() == mistyped(code).lower()
    assert page.locator('input[name="arvosana"][value="9"]').is_checked()
    assert_accessible(page, f"a mistyped pairing code at {viewport['width']} px")
    no_sideways_scroll(page, viewport["width"])
    page.get_by_label("Koodisi").fill(pairing_codes.printed(code))
    send(page, 302)


def test_a_cards_link_fills_in_the_code_without_javascript(new_page, series):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    printed = pairing_codes.printed(pairing_codes.new_code())
    page.goto(f"/c/aalto-alku?pari={printed}")
    assert page.get_by_label("Koodisi").input_value() == printed
    page.locator('input[name="arvosana"][value="7"]').check()
    send(page, 302)


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390", "1024"])
def test_the_series_page_prints_cards_and_the_change_report_passes_axe(
    new_page, live_app, series, viewport
):
    width = viewport["width"]
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD, viewport=viewport)
    page.goto("/coordinate/c/aalto-alku/waves")
    assert_accessible(page, f"the series page at {width} px")
    no_sideways_scroll(page, width)
    action = page.locator("form#cards-form").get_attribute("action")
    sheet = page.request.get(f"{action}?count=12")
    assert sheet.headers["content-type"] == "application/pdf"
    printed = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(sheet.body())).pages)
    assert len(set(re.findall(r"\b[A-Z0-9]{3}-[A-Z0-9]{4}\b", printed))) == 12
    page.get_by_label("Korttien määrä").fill("500")
    page.get_by_role("button", name="Tulosta kortit (PDF)").click()
    assert "Anna korttien määrä väliltä 1–200." in page.locator("#error-summary").inner_text()
    assert_accessible(page, f"a refused number of cards at {width} px")
    page.goto("/coordinate/c/aalto-alku/waves")
    page.get_by_role("link", name="Näytä muutos mittauskertojen välillä").click()
    page.wait_for_url("**/coordinate/c/aalto-alku/change")
    row = page.locator('tr[data-item="arvosana"] td')
    assert row.all_inner_texts()[:2] == ["8", "+2,00"]
    assert row.first.evaluate("cell => getComputedStyle(cell).textAlign") == "right"
    assert_accessible(page, f"the change report at {width} px")
    no_sideways_scroll(page, width)


@pytest.fixture(scope="module")
def card_series(live_app, series):
    """A series whose first wave closed yesterday: a card's link must lead to the second."""
    with live_app.extensions["surveyapp.db"]() as db:
        yesterday = helsinki_today() - dt.timedelta(days=1)
        start = make_collection(db, "muutos", "kortti-alku", closes_on=yesterday)
        end = make_collection(db, "muutos", "kortti-loppu")
        declared = waves.declare(db, start, "Kortit syksy 2026", "alku")
        waves.add_wave(db, declared, end, "loppu")
        db.commit()
        return declared.id


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390", "1024"])
def test_a_cards_series_link_scanned_at_wave_2_opens_wave_2_with_the_code(
    new_page, card_series, viewport
):
    page = new_page(viewport=viewport)  # axe needs scripts; the redirect needs none
    printed = pairing_codes.printed(pairing_codes.new_code())
    page.goto(f"/sarja/{card_series}?pari={printed}")
    assert page.url.endswith(f"/c/kortti-loppu?pari={printed}"), page.url
    assert page.get_by_label("Koodisi").input_value() == printed
    assert_accessible(page, f"wave 2 opened from a card at {viewport['width']} px")
    no_sideways_scroll(page, viewport["width"])
    page.locator('input[name="arvosana"][value="8"]').check()
    send(page, 302)


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390", "1024"])
def test_a_series_link_with_two_waves_open_lists_them(new_page, series, live_app, viewport):
    with live_app.extensions["surveyapp.db"]() as db:
        start = db.scalar(select(Collection).where(Collection.slug == "aalto-alku"))
        series_id = waves.series_of(db, start).id
    page = new_page(viewport=viewport)
    printed = pairing_codes.printed(pairing_codes.new_code())
    page.goto(f"/sarja/{series_id}?pari={printed}")
    assert_accessible(page, f"the series link's choice at {viewport['width']} px")
    no_sideways_scroll(page, viewport["width"])
    page.get_by_role("link", name=re.compile("loppu")).click()
    assert page.get_by_label("Koodisi").input_value() == printed
