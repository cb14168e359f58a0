"""The group-wishes form's multi-select question in Chromium: keyboard only, without JavaScript, axe-clean
with its errors at both widths."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from surveyapp.core.models import Answer, Collection, Response
from tests.browser.conftest import PHONE, TABLET
from tests.browser.pages import assert_accessible, send

pytestmark = pytest.mark.browser

SLUG = "essote-group-wishes"
ITEM = "ryhmatoiveet"
ACTIVE = """() => {
    const el = document.activeElement;
    return {name: el.getAttribute("name"), type: el.type, checked: el.checked ?? null};
}"""
OUTLINE = """() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def stored(app) -> dict[str, list[tuple]]:
    with app.extensions["surveyapp.db"]() as db:
        rows = db.execute(
            select(Response.id, Answer.item_code, Answer.choice_code, Answer.text)
            .join(Answer)
            .join(Collection, Collection.id == Response.collection_id)
            .where(Collection.slug == SLUG)
        )
        by_response: dict[str, list[tuple]] = {}
        for response_id, *answer in rows:
            by_response.setdefault(response_id, []).append(tuple(answer))
        return {r: sorted(a) for r, a in by_response.items()}


def press_until(page, name: str, limit: int = 40) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(ACTIVE)
        if now["name"] == name:
            return now
    raise AssertionError(f"Tab never reached {name}; focus is on {page.evaluate(ACTIVE)}")


def test_ticks_and_the_other_line_with_the_keyboard_alone(page, live_app):
    before = set(stored(live_app))
    page.goto(f"/c/{SLUG}")
    now = press_until(page, f"{ITEM}.luonto")
    assert (now["type"], now["checked"]) == ("checkbox", False)
    page.keyboard.press("Space")
    assert page.evaluate(ACTIVE)["checked"] is True
    assert page.evaluate(OUTLINE)
    # Each box is a tab stop of its own (not a radio group): the next one is one Tab away.
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["name"] == f"{ITEM}.valokuvaus"
    press_until(page, f"{ITEM}.pelit", limit=4)
    page.keyboard.press("Space")
    press_until(page, f"{ITEM}.muu", limit=3)
    page.keyboard.press("Tab")  # the other-line follows its box
    assert page.evaluate(ACTIVE)["name"] == f"{ITEM}.muu.text"
    page.keyboard.type("Sähly")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("button.send").press("Enter")
    page.wait_for_load_state("load")
    assert posted.value.status == 302
    new = {r: a for r, a in stored(live_app).items() if r not in before}
    assert list(new.values()) == [
        [
            (ITEM, "3", None),
            (f"{ITEM}.luonto", "luonto", None),
            (f"{ITEM}.muu", "muu", "Sähly"),
            (f"{ITEM}.pelit", "pelit", None),
        ]
    ]


def error_state(page) -> None:
    """Two boxes ticked and an other-line one character too long, sent: the 422 page."""
    page.goto(f"/c/{SLUG}")
    for option in ("koira", "ruoanlaitto"):
        page.locator(f'input[name="{ITEM}.{option}"]').check()
    line = page.locator(f'input[name="{ITEM}.muu.text"]')
    line.fill("x" * 200)
    # One over the line's 200: the browser's maxlength stops typing, a crafted post does not.
    line.evaluate('el => { el.removeAttribute("maxlength"); el.value = el.value + "y"; }')
    send(page, 422)
    assert page.locator("#error-summary").is_visible()


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["phone", "tablet"])
def test_without_javascript_an_error_keeps_every_tick(new_page, viewport):
    page = new_page(viewport=viewport, java_script_enabled=False)
    error_state(page)
    checked = [
        box.get_attribute("name") for box in page.locator("input[type=checkbox]:checked").all()
    ]
    assert checked == [f"{ITEM}.koira", f"{ITEM}.ruoanlaitto"]
    assert page.locator(f'input[name="{ITEM}.muu.text"]').input_value() == "x" * 200 + "y"


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["phone", "tablet"])
def test_the_form_and_its_error_state_are_accessible_and_fit(new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto(f"/c/{SLUG}")
    assert_accessible(page, f"{SLUG} form")
    error_state(page)
    assert_accessible(page, f"{SLUG} error state")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= viewport["width"], "the page scrolls sideways"
