"""The results page with 22 grade items and with a split by a background question, in Chromium:
axe-clean at desktop and phone width, no sideways page scroll on a phone, the choices work as a form."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from surveyapp.core import group_sessions, responses
from surveyapp.core.instruments.answers import AnswerValue
from tests.browser.conftest import PHONE
from tests.browser.pages import AXE, AXE_OPTIONS, axe_report, logged_in_page
from tests.helpers import make_collection

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "arvosanat@example.fi", "arvosanat-kaikki-22"
DESKTOP = {"width": 1280, "height": 900}
LIFE, ESSOTE = "tulokset-elama", "tulokset-essote"


@pytest.fixture(scope="module")
def answered(live_app):
    """A life-situation collection over two years and a client survey with its client groups."""
    forms = live_app.extensions["surveyapp.instruments"]
    life, essote = forms["kuusamo_elamantilanteen_arviointi"], forms["essote_client_satisfaction"]
    rng = random.Random(22)
    with live_app.extensions["surveyapp.db"]() as db:
        places = ("muhos", "kemijarvi")
        one = make_collection(db, life.id, slug=LIFE, municipalities=places, audience="clients")
        two = make_collection(db, essote.id, slug=ESSOTE, municipalities=places, audience="clients")
        grades = [i.code for i in life.items() if i.type in ("grade", "section_grade")]
        for index in range(24):
            responses.submit(
                db,
                collection=one,
                instrument=life,
                key=None,
                answers=[AnswerValue(c, grade=rng.randrange(4, 11)) for c in grades],
                channel="paper",
                municipality_code=places[index % 2],
                day=dt.date(2023 + index % 2 * 1, 4, 3),
                precision="week",
            )
        rows = [r.code for r in essote.item("vaittamat").rows]
        scale = [o.code for o in essote.item("vaittamat").scale.options]
        for index in range(20):
            group = ("aikuissosiaalityo", "mipa_sosiaalityo", None)[min(index // 9, 2)]
            answers = [AnswerValue(r, choice_code=rng.choice(scale[2:])) for r in rows]
            if group:
                answers.append(AnswerValue("asiakkuus", choice_code=group))
            responses.submit(
                db,
                collection=two,
                instrument=essote,
                key=None,
                answers=answers,
                channel="paper",
                municipality_code=places[index % 2],
                day=dt.date(2019, 3, 11),
                precision="week",
            )
        db.commit()


@pytest.fixture
def coordinator(new_page, live_app, answered):
    return logged_in_page(new_page, live_app, EMAIL, PASSWORD, viewport=DESKTOP)


def test_choose_the_charted_item_and_the_split_without_script_help(coordinator):
    page = coordinator
    page.goto(f"/coordinate/c/{LIFE}/results")
    assert page.locator("[data-charted]").get_attribute("data-charted") == "a_kokonaisarvio"
    assert page.locator('table[data-items-by="year"] tbody tr').count() == 22
    page.get_by_label("Kaaviossa näytettävä arvosanakysymys").select_option("b3")
    page.get_by_role("button", name="Näytä").click()
    page.wait_for_url("**grade=b3**")
    assert page.locator("[data-charted]").get_attribute("data-charted") == "b3"
    page.goto(f"/coordinate/c/{ESSOTE}/results")
    page.get_by_label("Jaa taustakysymyksen mukaan").select_option("asiakkuus")
    page.get_by_role("button", name="Näytä").click()
    page.wait_for_url("**by=asiakkuus**")
    groups = page.locator('table[data-breakdown="asiakkuus"] tbody tr')
    assert groups.count() == 2  # 9 + 9 + 2 without an answer: the 2 go with the next smallest
    assert page.locator("table[data-breakdown=asiakkuus] tr[data-group=muut]").count() == 1
    assert page.locator("tr[data-overall]").count() == 1


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_pages_pass_axe_and_never_scroll_sideways(new_page, live_app, answered, viewport):
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD, viewport=viewport)
    for path in (
        f"/coordinate/c/{LIFE}/results?grade=b3",
        f"/coordinate/c/{ESSOTE}/results?by=asiakkuus",
    ):
        page.goto(path)
        page.wait_for_function("() => document.querySelectorAll('.plot svg.chart-svg').length >= 1")
        results = AXE.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{path}: {axe_report(results)}"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {viewport['width']}px"


@pytest.fixture(scope="module")
def reviewed(live_app):
    """A closed life-situation session of four answers: its review lists all 22 grade items."""
    life = live_app.extensions["surveyapp.instruments"]["kuusamo_elamantilanteen_arviointi"]
    with live_app.extensions["surveyapp.db"]() as db:
        collection = make_collection(db, life.id, slug="tulokset-ryhma", municipalities=("muhos",))
        made = group_sessions.create(
            db,
            collection=collection,
            group_name="Perheryhmä",
            municipality_code="muhos",
            held_on=dt.date(2026, 3, 5),
            pin="2468",
        )
        for grade in (6, 7, 9, 10):
            responses.submit(
                db,
                collection=collection,
                instrument=life,
                key=None,
                answers=[AnswerValue("a1", grade=4), AnswerValue("a_kokonaisarvio", grade=grade)],
                channel="kiosk",
                municipality_code="muhos",
                day=dt.date(2026, 3, 5),
                precision="week",
                group_session_id=made.id,
            )
        group_sessions.close(made, dt.date(2026, 3, 5), 5)
        db.commit()
        return made.kiosk_token


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_review_of_every_grade_item_passes_axe(new_page, reviewed, viewport):
    page = new_page(viewport=viewport)
    page.goto(f"/kiosk/{reviewed}/yhteenveto")
    page.locator("#pin").fill("2468")
    page.get_by_role("button", name="Jatka").click()
    page.wait_for_url("**/yhteenveto")
    assert page.locator("table[data-items] tbody tr").count() == 22
    assert page.locator("[data-lead]").get_attribute("data-lead") == "a_kokonaisarvio"
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, axe_report(results)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the review scrolls sideways by {overflow}px"
