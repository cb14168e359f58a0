"""The page's language is declared right even when the instrument is not written in the interface language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import FINNISH_ONLY
from tests.browser.pages import assert_accessible, open_form, show_error_state

pytestmark = pytest.mark.browser

LANG_OF = "el => el.closest('[lang]').getAttribute('lang')"


def language_links(page) -> list[str]:
    return page.locator("nav.langs a").evaluate_all(
        "links => links.map(a => a.getAttribute('lang'))"
    )


def test_finnish_only_form_in_an_english_browser(new_page):
    """An English phone gets English buttons and messages, but the Finnish form is marked Finnish."""
    page = new_page(locale="en-US")
    show_error_state(page, FINNISH_ONLY)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").evaluate(LANG_OF) == "fi"
    assert page.locator("#field-q1 legend").evaluate(LANG_OF) == "fi"
    assert (
        page.get_by_role(
            "radio", name="Minua kuunneltiin tapaamisissa: Hyvin", exact=True
        ).evaluate(LANG_OF)
        == "fi"
    )
    assert page.locator("p.closing").evaluate(LANG_OF) == "fi"
    # Interface text inside the Finnish form is marked as English again.
    assert page.locator("#err-q10_1").evaluate(LANG_OF) == "en"
    assert page.locator("label[for='q4.ei_auttanut'] span").evaluate(LANG_OF) == "en"
    assert page.locator("button.send").evaluate(LANG_OF) == "en"
    assert page.locator("#error-summary").evaluate(LANG_OF) == "en"
    # Only the language the form exists in is offered.
    assert language_links(page) == ["fi"]
    assert_accessible(page, "Finnish-only form in an English browser")


def test_finnish_only_form_in_finnish_says_so_in_swedish_and_english(page):
    """No language links that would change nothing: a plain sentence in each language the form is not in."""
    open_form(page, FINNISH_ONLY)
    assert page.evaluate("document.documentElement.lang") == "fi"
    assert page.locator("nav.langs").count() == 0
    notes = page.locator("main [lang]").evaluate_all("els => els.map(e => [e.lang, e.textContent])")
    assert notes == [
        ["sv", "Den här blanketten finns bara på finska."],
        ["en", "This form is only available in Finnish."],
    ]
    assert_accessible(page, "Finnish-only form with its notes in Swedish and English")


def test_translated_form_in_swedish(page):
    page.goto("/c/session-feedback?lang=sv")
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.locator("h1").inner_text() == "Respons på gruppträffen"
    # Only the language links, each written in its own language, are marked.
    assert page.locator("main [lang]").count() == page.locator("main nav.langs a").count() == 4
    assert language_links(page) == ["fi", "fi", "sv", "en"]
    choice = page.locator("main nav.langs a").evaluate_all(
        "links => links.map(a => [a.textContent, a.getAttribute('aria-current')])"
    )
    assert choice == [
        ["Suomeksi", None],
        ["Selkosuomeksi", None],
        ["På svenska", "true"],
        ["In English", None],
    ]
    assert page.locator("header nav.langs").count() == 0  # the choice is on the form's first screen


def test_thanks_page_in_an_english_browser(new_page):
    page = new_page(locale="en-US")
    open_form(page, FINNISH_ONLY)
    page.locator("input[name=q1][value='hyva']").check()
    with page.expect_navigation(url="**/kiitos"):
        page.locator("button.send").click()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").evaluate(LANG_OF) == "fi"
    assert_accessible(page, "thank-you page of a Finnish-only form in an English browser")
