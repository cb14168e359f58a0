"""Uploading a form in Chromium: upload an XLSForm, preview it in Finnish and Swedish, publish it,
make a survey of it, answer it and see the results; the pages axe-clean at 390 and 1024 px."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import PHONE, TABLET
from tests.browser.pages import assert_accessible, logged_in_page
from tests.helpers.xlsforms import one_of_each

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "lomakkeet@example.fi", "lomakkeet-talvi-2026"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def reworded(content: bytes) -> bytes:
    """The workbook with its question "Viihdyin" worded "Viihdyin hyvin"."""
    book = load_workbook(io.BytesIO(content))
    for row in book["survey"].iter_rows():
        for cell in row:
            if cell.value == "Viihdyin":
                cell.value = "Viihdyin hyvin"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def at_both_widths(page, what: str) -> None:
    for viewport in (PHONE, TABLET):
        page.set_viewport_size(viewport)
        page.reload()
        assert overflow(page) <= 0, f"{what} scrolls sideways at {viewport['width']} px"
        assert_accessible(page, f"{what} at {viewport['width']} px")


def test_upload_preview_publish_use_answer_and_see_results(new_page, live_app):
    coordinator = logged_in_page(new_page, live_app, EMAIL, PASSWORD)
    coordinator.goto("/coordinate/instruments/")
    at_both_widths(coordinator, "the form library")
    coordinator.get_by_label("Lomaketiedosto").set_input_files(
        {"name": "selain.xlsx", "mimeType": XLSX, "buffer": one_of_each()}
    )
    coordinator.get_by_role("button", name="Lataa ja tarkista").click()
    coordinator.wait_for_url("**/coordinate/instruments/oma_lomake/1/")
    assert "Viihdyin" in coordinator.locator("main").inner_text()
    at_both_widths(coordinator, "the preview of a draft in Finnish")
    coordinator.goto("/coordinate/instruments/oma_lomake/1/?lang=sv")
    assert "Jag trivdes" in coordinator.locator("main").inner_text()
    at_both_widths(coordinator, "the preview of a draft in Swedish")
    coordinator.goto("/coordinate/instruments/oma_lomake/1/kiosk")
    assert "Jag trivdes" in coordinator.locator("main").inner_text()  # the language chosen stays
    at_both_widths(coordinator, "the tablet view of a draft in Swedish")
    coordinator.goto("/coordinate/instruments/oma_lomake/1/?lang=fi")
    coordinator.get_by_role("button", name="Julkaise tämä versio").click()
    coordinator.wait_for_url("**/coordinate/instruments/oma_lomake/1/")
    assert "Julkaistu" in coordinator.locator("main").inner_text()

    coordinator.goto("/coordinate/c/new")
    coordinator.get_by_label("Kyselyn nimi", exact=True).fill("Oma kysely")
    coordinator.get_by_label("Kyselyn verkko-osoite").fill("oma-kysely")
    coordinator.get_by_label("Lomake").select_option(value="oma_lomake")
    coordinator.get_by_label("Ketkä vastaavat").select_option(value="participants")
    coordinator.get_by_label("Muhos").check()
    coordinator.get_by_role("button", name="Luo kysely").click()
    coordinator.wait_for_url("**/coordinate/c/oma-kysely/settings")

    for n, grade in enumerate(("9", "8", "9", "10", "7")):  # five: results show from five on
        respondent = new_page(viewport=PHONE)
        respondent.goto("/c/oma-kysely")
        if n == 0:
            assert_accessible(respondent, "the uploaded form answered")
        respondent.locator(f'input[name="arvosana"][value="{grade}"]').check()
        respondent.locator('input[name="q2"][value="samaa"]').check()
        respondent.locator("button.send").click()
        respondent.wait_for_url("**/c/oma-kysely/kiitos")
        respondent.close()

    coordinator.goto("/coordinate/c/oma-kysely/results")
    results = coordinator.locator("main").inner_text()
    assert "Arvosana" in results and "Viihdyin" in results, results
    assert coordinator.locator("[data-total]").first.get_attribute("data-total") == "5"
    assert_accessible(coordinator, "the results of the uploaded form")

    # A second version worded otherwise, answered too: the results show each version's words.
    coordinator.goto("/coordinate/instruments/")
    coordinator.get_by_label("Lomaketiedosto").set_input_files(
        {"name": "selain-2.xlsx", "mimeType": XLSX, "buffer": reworded(one_of_each())}
    )
    coordinator.get_by_role("button", name="Lataa ja tarkista").click()
    coordinator.wait_for_url("**/coordinate/instruments/oma_lomake/2/")
    coordinator.get_by_role("button", name="Julkaise tämä versio").click()
    coordinator.wait_for_url("**/coordinate/instruments/oma_lomake/2/")
    respondent = new_page(viewport=PHONE)
    respondent.goto("/c/oma-kysely")
    respondent.locator('input[name="arvosana"][value="8"]').check()
    respondent.locator("button.send").click()
    respondent.wait_for_url("**/c/oma-kysely/kiitos")
    coordinator.goto("/coordinate/c/oma-kysely/results")
    assert "Viihdyin hyvin" in coordinator.locator("#h-versions + *").inner_text()
    at_both_widths(coordinator, "the results of two versions worded differently")


def test_a_draft_is_deleted_after_its_question_without_javascript(new_page, live_app):
    """The question page is axe-clean at both widths; the deletion itself works with scripts off."""
    coordinator = logged_in_page(new_page, live_app, EMAIL, PASSWORD)
    coordinator.goto("/coordinate/instruments/")
    coordinator.get_by_label("Lomaketiedosto").set_input_files(
        {"name": "poisto.xlsx", "mimeType": XLSX, "buffer": one_of_each("poistettava")}
    )
    coordinator.get_by_role("button", name="Lataa ja tarkista").click()
    coordinator.wait_for_url("**/coordinate/instruments/poistettava/1/")
    coordinator.goto("/coordinate/instruments/poistettava/1/delete")
    at_both_widths(coordinator, "the question before deleting a draft")

    plain = logged_in_page(new_page, live_app, EMAIL, PASSWORD, java_script_enabled=False)
    plain.goto("/coordinate/instruments/poistettava/1/")
    plain.get_by_role("link", name="Poista tämä luonnos").click()
    plain.wait_for_url("**/coordinate/instruments/poistettava/1/delete")
    assert "Poistetaanko luonnos" in plain.locator("h1").inner_text()
    plain.get_by_role("button", name="Poista luonnos").click()
    plain.wait_for_url("**/coordinate/instruments/")
    assert "Luonnos poistettiin: poistettava, versio 1." in plain.locator("main").inner_text()
    assert plain.goto("/coordinate/instruments/poistettava/1/").status == 404
