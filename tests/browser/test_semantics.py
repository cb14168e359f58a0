"""What assistive technology gets: matrix radios named by statement and column, focus on the error summary."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE
from tests.browser.pages import open_form, show_error_state
from tests.helpers import SHIPPED

pytestmark = pytest.mark.browser


def matrices(app, instrument_id: str):
    return [
        item
        for item in app.extensions["surveyapp.instruments"][instrument_id].items()
        if item.type == "matrix"
    ]


MATRIX_INSTRUMENTS = ["esy_client_eval", "esy_worker_eval", "essote_client_satisfaction"]


@pytest.mark.parametrize("width", ["tablet", "phone"])
@pytest.mark.parametrize("instrument_id", MATRIX_INSTRUMENTS)
def test_matrix_radios_are_named_by_statement_and_column(new_page, live_app, instrument_id, width):
    page = new_page(viewport=PHONE) if width == "phone" else new_page()
    open_form(page, instrument_id)
    items = matrices(live_app, instrument_id)
    assert items, f"{instrument_id} has no matrix"
    expected = 0
    for item in items:
        for row in item.rows:
            statement = row.text.get("fi")
            for option in item.scale.options:
                column = option.label.get("fi")
                name = f"{statement}: {column}"
                radio = page.get_by_role("radio", name=name, exact=True)
                assert radio.count() == 1, f"no single radio is named {name!r}"
                assert (radio.get_attribute("name"), radio.get_attribute("value")) == (
                    row.code,
                    option.code,
                )
                label = radio.get_attribute("aria-label")
                assert statement in label and column in label
                expected += 1
    matrix_radios = page.locator(".matrix input[type=radio]")
    assert matrix_radios.count() == expected
    # The computed names, as the accessibility tree exposes them, all carry both texts.
    snapshot = page.locator(".matrix").first.aria_snapshot()
    first = items[0]
    for option in first.scale.options:
        assert f'radio "{first.rows[0].text.get("fi")}: {option.label.get("fi")}"' in snapshot


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_error_state_focuses_the_summary(page, instrument_id):
    show_error_state(page, instrument_id)
    assert page.evaluate("document.activeElement.id") == "error-summary"
    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading", level=2).count() == 1
    links = summary.get_by_role("link")
    assert links.count() >= 1
    for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        # Every link points at the field it is about.
        assert page.evaluate("id => document.getElementById(id) !== null", href[1:]), href
