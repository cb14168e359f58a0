"""The ESY client form can be answered and sent with the keyboard alone, and stores exactly what was typed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from surveyapp.core.models import Answer, Collection, Response

pytestmark = pytest.mark.browser

FOLLOW_UP = "Opin näkemään arkeni selkeämmin – myös rahankäytön."

ACTIVE = """() => {
    const el = document.activeElement;
    return {tag: el.tagName.toLowerCase(), name: el.getAttribute("name"), value: el.value ?? null,
            checked: el.checked ?? null, cls: el.className};
}"""


OUTLINE = """() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def focus_is_visible(page) -> bool:
    return page.evaluate(OUTLINE)


def active(page) -> dict:
    return page.evaluate(ACTIVE)


def press_until(page, key: str, wanted, limit: int = 80) -> dict:
    """Press ``key`` until the focused element satisfies ``wanted``; fail after ``limit`` presses."""
    for _ in range(limit):
        page.keyboard.press(key)
        now = active(page)
        if wanted(now):
            return now
    raise AssertionError(f"{key} never reached the wanted element; focus is on {active(page)}")


def named(name: str):
    return lambda el: el["name"] == name


def response_ids(app, slug: str) -> set[str]:
    with app.extensions["surveyapp.db"]() as db:
        return set(db.scalars(select(Response.id).join(Collection).where(Collection.slug == slug)))


def test_esy_client_form_with_keyboard_only(page, live_app):
    before = response_ids(live_app, "esy-client-eval")
    page.goto("/c/esy-client-eval")

    # Tab past the skip link and the language links into question 1; the group's first option takes focus.
    now = press_until(page, "Tab", named("q1"))
    assert (now["value"], now["checked"]) == ("erittain_hyva", False)
    page.keyboard.press("ArrowDown")  # moves to and selects the second option
    assert active(page) == {**now, "value": "hyva", "checked": True}
    assert focus_is_visible(page)

    # Questions 2 and 3 are one tab stop each and stay unanswered; question 4 is reached next.
    assert active(page)["name"] == "q1"
    page.keyboard.press("Tab")
    assert active(page)["name"] == "q2"
    page.keyboard.press("Tab")
    assert active(page)["name"] == "q3"
    page.keyboard.press("Tab")
    assert (active(page)["name"], active(page)["value"]) == ("q4", "ei_auttanut")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert (active(page)["value"], active(page)["checked"]) == ("paljonkin", True)

    # The chosen option's own line follows it in the tab order.
    now = press_until(page, "Tab", named("q4.paljonkin"), limit=3)
    assert now["tag"] == "textarea"
    page.keyboard.type(FOLLOW_UP)
    # Shift+Tab goes back to the chosen option, Tab returns to the text.
    page.keyboard.press("Shift+Tab")
    assert (active(page)["name"], active(page)["value"], active(page)["checked"]) == (
        "q4",
        "paljonkin",
        True,
    )
    page.keyboard.press("Tab")
    assert active(page)["name"] == "q4.paljonkin"
    assert focus_is_visible(page)

    # Question 10: the first statement's first column with Space, the second statement one column to the right.
    now = press_until(page, "Tab", named("q10_1"))
    assert (now["value"], now["checked"]) == ("erittain_hyvin", False)
    page.keyboard.press("Space")
    assert active(page)["checked"] is True
    page.keyboard.press("Tab")
    assert (active(page)["name"], active(page)["value"]) == ("q10_2", "erittain_hyvin")
    page.keyboard.press("ArrowRight")
    assert (active(page)["name"], active(page)["value"], active(page)["checked"]) == (
        "q10_2",
        "hyvin",
        True,
    )
    assert focus_is_visible(page)

    # On to the Send button and press Enter.
    press_until(page, "Tab", lambda el: el["tag"] == "button" and "send" in el["cls"])
    assert focus_is_visible(page)
    with page.expect_navigation(url="**/c/esy-client-eval/kiitos"):
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Kiitokset vastauksistasi!"

    new = response_ids(live_app, "esy-client-eval") - before
    assert len(new) == 1
    with live_app.extensions["surveyapp.db"]() as db:
        stored = db.scalars(select(Answer).where(Answer.response_id == new.pop())).all()
        assert sorted((a.item_code, a.choice_code, a.grade, a.text) for a in stored) == [
            ("q1", "hyva", None, None),
            ("q10_1", "erittain_hyvin", None, None),
            ("q10_2", "hyvin", None, None),
            ("q4", "paljonkin", None, FOLLOW_UP),
        ]
