"""A survey round with access codes in Chromium: create it, make codes, print slips, answer with a code, see counts."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from tests.browser.pages import assert_accessible, logged_in_page

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "kierrokset@example.fi", "kierrokset-kevat-2026"


def counts_row(page, place: str) -> list[str]:
    return page.locator(f'#code-counts tr[data-place="{place}"] td').all_inner_texts()[:3]


def test_codes_from_generation_to_answer_to_counts(new_page, live_app):
    coordinator = logged_in_page(
        new_page, live_app, EMAIL, PASSWORD, viewport={"width": 1280, "height": 900}
    )
    coordinator.goto("/coordinate/c/new")
    assert_accessible(coordinator, "the new round form")
    coordinator.get_by_label("Kyselyn nimi", exact=True).fill("Kumppanikysely kevät 2026")
    coordinator.get_by_label("Kyselyn verkko-osoite").fill("kumppanit-kevat-2026")
    coordinator.get_by_label("Lomake").select_option(value="valpas_partner_survey")
    coordinator.get_by_label("Ketkä vastaavat").select_option(value="partners")
    coordinator.get_by_label("Muhos").check()
    coordinator.get_by_label("Kemijärvi").check()
    coordinator.get_by_label("Kertakäyttöiset pääsykoodit", exact=False).check()
    coordinator.get_by_role("button", name="Luo kysely").click()
    coordinator.wait_for_url("**/coordinate/c/kumppanit-kevat-2026/settings")
    assert_accessible(coordinator, "the round settings")
    coordinator.get_by_label("Muhos").fill("12")
    coordinator.get_by_role("button", name="Tallenna").click()
    coordinator.wait_for_url("**/coordinate/c/kumppanit-kevat-2026")

    coordinator.get_by_label("Montako uutta koodia: Muhos").fill("3")
    coordinator.locator('#code-counts tr[data-place="muhos"] button').click()
    coordinator.wait_for_url("**batch=1#codes")
    assert counts_row(coordinator, "muhos") == ["3", "–", "–"]
    assert_accessible(coordinator, "the round page with codes")

    slips = coordinator.request.get(
        coordinator.get_by_role("link", name="laput (PDF)").get_attribute("href")
    )
    assert slips.headers["content-type"] == "application/pdf"
    printed = PdfReader(io.BytesIO(slips.body())).pages[0].extract_text()
    listing = coordinator.request.get(
        coordinator.get_by_role("link", name="koodit joukkokirjettä varten (CSV)").get_attribute(
            "href"
        )
    )
    codes = [
        row[1] for row in csv.reader(io.StringIO(listing.body().decode("utf-8-sig")), delimiter=";")
    ][1:]
    assert len(codes) == 3 and all(code in printed for code in codes)

    respondent = new_page()
    respondent.goto("/c/kumppanit-kevat-2026")
    assert_accessible(respondent, "the access code page")
    respondent.get_by_label("Pääsykoodi").fill(codes[0].lower().replace("-", " "))
    respondent.get_by_role("button", name="Siirry kysymyksiin").click()
    respondent.get_by_label("Muhos").wait_for()
    assert respondent.get_by_label("Muhos").is_checked()
    assert_accessible(respondent, "the form opened with a code")
    respondent.locator('input[name="kokonaisarvosana"][value="9"]').check()
    respondent.locator("button.send").click()
    respondent.wait_for_url("**/c/kumppanit-kevat-2026/kiitos")

    again = new_page()
    again.goto("/c/kumppanit-kevat-2026")
    again.get_by_label("Pääsykoodi").fill(codes[0])
    again.get_by_role("button", name="Siirry kysymyksiin").click()
    again.locator("#error-summary").wait_for()
    assert "Tätä koodia ei voi käyttää" in again.locator("#error-summary").inner_text()
    assert_accessible(again, "a used code refused")

    coordinator.reload()
    # One used code is one answer: never shown per municipality, nor for the round under MIN_CELL.
    assert counts_row(coordinator, "muhos") == ["3", "–", "–"] and counts_row(
        coordinator, "all"
    ) == ["3", "–", "–"]
    assert counts_row(coordinator, "kemijarvi") == ["0", "–", "–"]
