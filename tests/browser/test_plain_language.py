"""Each client form answered in Chromium in Swedish and in selko: no page on the way (the form, its
error state, the thank-you page) shows a standard-Finnish interface text, and axe finds nothing."""

from __future__ import annotations

import pytest

from tests.browser.conftest import slug
from tests.browser.pages import assert_accessible, send
from tests.helpers import standard_finnish_in

pytestmark = pytest.mark.browser

CLIENT_FORMS = (
    "esy_client_eval",
    "kuusamo_elamantilanteen_arviointi",
    "essote_client_satisfaction",
)
LANGUAGES = {"sv": "?lang=sv", "selko": "?lang=fi&selko=1"}

# What a reader meets: the text, and the names of elements that have one but no text.
SHOWN = """() => document.body.innerText + '\\n' + Array.from(
    document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]'))
    .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder'),
               e.getAttribute('alt')].filter(Boolean).join('\\n')).join('\\n')"""


def finnish_on(page, language: str) -> list[str]:
    return standard_finnish_in(page.evaluate(SHOWN), language)


def answer_every_choice(page) -> int:
    """Choose the first option of every radio group; the number of groups answered."""
    return page.evaluate(
        """() => {
        const names = new Set(Array.from(document.querySelectorAll('main input[type=radio]'))
            .map(r => r.name));
        names.forEach(n => document.querySelector(`main input[type=radio][name="${n}"]`).click());
        return names.size;
    }"""
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("instrument", CLIENT_FORMS)
def test_a_client_form_answered_in_swedish_and_in_selko(new_page, instrument, language):
    page = new_page()
    page.goto(f"/c/{slug(instrument)}{LANGUAGES[language]}")
    assert page.evaluate("document.documentElement.lang") == ("sv" if language == "sv" else "fi")
    assert finnish_on(page, language) == []
    # Sent with a tampered answer: the error state, in the same language.
    page.evaluate(
        """() => { const r = document.querySelector('main input[type=radio]');
                   r.value = 'not-an-option'; r.checked = true; }"""
    )
    send(page, 422)
    assert page.locator("#error-summary").count() == 1
    assert finnish_on(page, language) == []
    assert_accessible(page, f"{instrument} in {language} with an error")
    # Answered: every choice question, then the thank-you page.
    assert answer_every_choice(page) >= 3
    send(page, 302)
    assert page.url.endswith(f"/c/{slug(instrument)}/kiitos")
    assert finnish_on(page, language) == []
    assert_accessible(page, f"{instrument} in {language}, thanked")
