"""The settings steps, the project switcher and the results summary band in Chromium: axe finds
nothing, nothing scrolls sideways, every control is a 44 px target, at a phone's and a laptop's width."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from surveyapp.core import demo
from surveyapp.core.models import Organisation, Project
from surveyapp.core.themes import DEFAULT_THEME
from tests.browser.conftest import PHONE, TABLET
from tests.browser.pages import assert_accessible, logged_in_page

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "vaiheet@example.fi", "vaiheet-2026-salasana"
STEPS = ("organisation", "privacy", "accessibility", "theme")
SMALL = """() => [...document.querySelectorAll("a[href], button, input, select, textarea, summary")]
    .filter(el => el.type !== "hidden" && !(el.matches("a") && el.closest("p, figcaption")))
    .map(el => [(["radio", "checkbox"].includes(el.type) && el.closest("label")) || el, el])
    .map(([box, el]) => [box.getBoundingClientRect(), el])
    .filter(([r]) => r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0)
    .filter(([r]) => r.width < 44 || r.height < 44)
    .map(([r, el]) => el.outerHTML.slice(0, 100) + ` ${r.width}x${r.height}`)"""


@pytest.fixture(scope="module")
def data(live_app):
    """The demo's projects and surveys, a second project, and a sparse organisation."""
    with live_app.extensions["surveyapp.db"]() as db:
        demo.load(db, live_app.extensions["surveyapp.instruments"])
        if db.scalar(select(Project).where(Project.slug == "toinen")) is None:
            db.add(Project(slug="toinen", name="Toinen hanke"))
        db.add(
            Organisation(
                slug="vaiheyhdistys",
                name="Vaiheyhdistys ry",
                email="tietosuoja@vaiheyhdistys.example",
                legal_basis="public_task",
                retention_years=3,
                a11y_feedback_email="saavutettavuus@vaiheyhdistys.example",
                a11y_prepared_on=dt.date(2025, 3, 7),
                a11y_reviewed_on=dt.date(2025, 4, 2),
                a11y_assessment="self",
                changed_on=dt.date(2025, 4, 2),
                **DEFAULT_THEME,
            )
        )
        db.commit()


def check(page, what: str) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px"
    small = page.evaluate(SMALL)
    assert not small, f"{what}: targets under 44 px: {small}"
    assert_accessible(page, what)


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["390", "1024"])
def test_steps_switcher_and_band_fit_and_pass_axe(new_page, live_app, data, viewport):
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD, viewport=viewport)
    base = "/coordinate/organisations/vaiheyhdistys"
    page.goto(base)
    assert page.locator(".settings-steps li").count() == 4
    check(page, f"the settings overview at {viewport['width']} px")
    for step in STEPS:
        page.goto(f"{base}/{step}")
        assert page.locator(".settings-steps [aria-current=page]").count() == 1
        check(page, f"the settings step {step} at {viewport['width']} px")
    # A step refused: the error summary and the marked field fit too.
    page.goto(f"{base}/privacy")
    page.get_by_label("Säilytysaika vuosina").fill("0")
    page.get_by_role("button", name="Tallenna").click()
    assert page.locator("#error-summary").count() == 1
    check(page, f"a refused settings step at {viewport['width']} px")
    # The switcher, opened (an administrator has every project).
    page.goto("/coordinate/")
    page.locator(".project-switcher summary").click()
    page.get_by_role("link", name="Toinen hanke").click()
    page.wait_for_url("**project=toinen**")
    assert "Toinen hanke" in page.locator("h1").inner_text()
    page.locator(".project-switcher summary").click()
    check(page, f"the project switcher at {viewport['width']} px")
    page.goto("/coordinate/c/valpas-ryhmakerrat/results")
    assert page.locator(".summary-band [data-fact]").count() == 3
    check(page, f"the results page with its summary band at {viewport['width']} px")
