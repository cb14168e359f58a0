"""A whole group session on a tablet in Chromium: six participants, the back button, a network cut."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from surveyapp import sessions
from surveyapp.models import Collection, Response
from tests.browser.conftest import TABLET

pytestmark = pytest.mark.browser

PIN = "1357"
PARTICIPANTS = [("9", "Jäätävän hyvä eka tapaaminen keskusteluineen"), ("10", "Olen ollut tosi tyytyväinen"),
                ("8", "Kiva porukka"), ("7", "Vähän liian pitkä päivä"), ("10", "Hyvä yhteishenki"),
                ("9", "Saa puhua vapaasti")]


@pytest.fixture
def kiosk_session(live_app):
    live_app.config["KIOSK_THANKS_SECONDS"] = 1
    with live_app.extensions["surveyapp.db"]() as db:
        collection = db.scalar(select(Collection).where(Collection.slug == "session-feedback"))
        created = sessions.create(db, collection=collection, group_name=f"Retki {dt.datetime.now().microsecond}",
                                  municipality_code="kemijarvi", held_on=dt.date(2026, 3, 5), pin=PIN)
        db.commit()
        yield created.kiosk_token, created.id
    live_app.config["KIOSK_THANKS_SECONDS"] = 5


def stored(live_app, session_id) -> int:
    with live_app.extensions["surveyapp.db"]() as db:
        return db.scalar(select(func.count()).select_from(Response).where(Response.group_session_id == session_id))


def answer(page, grade: str, comment: str) -> None:
    page.locator(f'label.box:has(input[name="arvosana"][value="{grade}"])').tap()
    page.locator("#vapaa_palaute").fill(comment)
    page.get_by_role("button", name="Lähetä").tap()


def assert_form_is_empty(page) -> None:
    page.wait_for_selector("#kiosk-form:not([hidden])")
    assert page.locator('input[name="arvosana"]:checked').count() == 0
    assert page.locator("#vapaa_palaute").input_value() == ""


def leader_review(page, token: str, attendance: str) -> str:
    page.goto(f"/kiosk/{token}/lopeta")
    page.locator("#pin").fill(PIN)
    page.get_by_role("button", name="Jatka").click()
    page.locator("#attendance").fill(attendance)
    page.get_by_role("button", name="Päätä ja näytä palaute").click()
    page.wait_for_url(re.compile(r"/yhteenveto$"))
    return page.content()


def test_whole_session_on_a_tablet_with_a_network_cut(new_page, live_app, kiosk_session):
    token, session_id = kiosk_session
    page = new_page(viewport=TABLET, has_touch=True)
    page.goto(f"/kiosk/{token}")
    for number, (grade, comment) in enumerate(PARTICIPANTS, start=1):
        offline = number in (3, 4)
        page.context.set_offline(offline)
        assert_form_is_empty(page)
        answer(page, grade, comment)
        if offline:
            page.wait_for_selector("#offline-thanks:not([hidden])")
            assert comment not in page.inner_text("main")
            assert_form_is_empty(page)  # the next person gets an empty form after the thank-you
            continue
        page.wait_for_url(re.compile(r"/kiitos$"))
        assert comment not in page.content()
        page.go_back()  # the back button must not bring the previous answers back
        assert comment not in page.content()
        page.goto(f"/kiosk/{token}")
        if number == 2:
            assert page.locator("[data-queue-status]").is_hidden()
        if number == 5:
            # Two answers wait on the tablet, counted for the leader while the network is back.
            page.context.set_offline(False)
    page.context.set_offline(False)
    page.wait_for_function("!localStorage.getItem(document.getElementById('kiosk-form').dataset.queueName)"
                           " || JSON.parse(localStorage.getItem(document.getElementById('kiosk-form').dataset.queueName)).length === 0",
                           timeout=30000)
    assert stored(live_app, session_id) == 6  # each exactly once
    review = leader_review(page, token, "8")
    assert page.locator("[data-n]").inner_text() == "6"
    assert page.locator("[data-mean]").inner_text() == "8,83"  # 53 / 6
    assert page.locator("[data-rate]").inner_text() == "75,0\u00a0%"  # 6 of 8 took part
    grades = dict(re.findall(r'data-grade="(\d+)"[^>]*>(\d+)<', review))
    assert grades == {"4": "0", "5": "0", "6": "0", "7": "1", "8": "1", "9": "2", "10": "2"}
    comments = page.locator(".comments li").all_inner_texts()
    assert sorted(comments) == sorted(c for _, c in PARTICIPANTS)


def test_queued_answers_are_counted_for_the_leader(new_page, live_app, kiosk_session):
    token, session_id = kiosk_session
    page = new_page(viewport=TABLET, has_touch=True)
    page.goto(f"/kiosk/{token}")
    page.context.set_offline(True)
    answer(page, "8", "Jonossa")
    page.wait_for_selector("#offline-thanks:not([hidden])")
    status = page.locator("[data-queue-status]")
    assert status.inner_text() == "Lähettämättä / Unsent: 1"
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    status.wait_for(state="hidden", timeout=20000)
    assert stored(live_app, session_id) == 1


def test_session_with_two_answers_reveals_nothing(new_page, live_app, kiosk_session):
    token, _ = kiosk_session
    page = new_page(viewport=TABLET, has_touch=True)
    page.goto(f"/kiosk/{token}")
    for grade, comment in [("4", "Tylsää"), ("10", "Mahtavaa")]:
        answer(page, grade, comment)
        page.wait_for_url(re.compile(r"/kiitos$"))
        page.goto(f"/kiosk/{token}")
    review = leader_review(page, token, "5")
    main = page.inner_text("main")
    assert "Vastauksia tuli vain 2." in main
    for secret in ("Tylsää", "Mahtavaa", "data-mean", "data-grade", "40,0"):
        assert secret not in review


def test_idle_form_warns_then_clears_without_storing(new_page, live_app, kiosk_session):
    token, session_id = kiosk_session
    live_app.config["KIOSK_IDLE_SECONDS"] = 21  # warn after 1 s, clear 20 s later (WCAG 2.2.1)
    try:
        page = new_page(viewport=TABLET, has_touch=True)
        page.goto(f"/kiosk/{token}")
    finally:
        live_app.config["KIOSK_IDLE_SECONDS"] = 60
    page.locator('label.box:has(input[name="arvosana"][value="6"])').tap()
    warning = page.locator("#idle-warning")
    warning.wait_for(state="visible", timeout=5000)
    page.get_by_role("button", name="Jatka vastaamista").tap()
    assert warning.is_hidden()
    assert page.locator('input[name="arvosana"]:checked').count() == 1  # continuing keeps the answer
    warning.wait_for(state="visible", timeout=5000)
    warning.wait_for(state="hidden", timeout=25000)
    assert_form_is_empty(page)
    assert stored(live_app, session_id) == 0


def test_kiosk_pages_pass_axe(new_page, live_app, kiosk_session):
    from tests.browser.pages import AXE, AXE_OPTIONS, axe_report
    token, _ = kiosk_session
    page = new_page(viewport=TABLET, has_touch=True)
    checked = []
    page.goto(f"/kiosk/{token}")
    checked.append(("form", AXE.run(page, options=AXE_OPTIONS)))
    page.get_by_role("button", name="Lähetä").tap()  # nothing chosen: the error state
    page.wait_for_selector("#error-summary")
    checked.append(("error", AXE.run(page, options=AXE_OPTIONS)))
    answer(page, "9", "Hyvä")
    page.wait_for_url(re.compile(r"/kiitos$"))
    checked.append(("thanks", AXE.run(page, options=AXE_OPTIONS)))
    for _ in range(2):
        page.goto(f"/kiosk/{token}")
        answer(page, "8", "")
        page.wait_for_url(re.compile(r"/kiitos$"))
    page.goto(f"/kiosk/{token}/lopeta")
    checked.append(("leave", AXE.run(page, options=AXE_OPTIONS)))
    leader_review(page, token, "4")
    checked.append(("review", AXE.run(page, options=AXE_OPTIONS)))
    for name, results in checked:
        assert results.violations_count == 0, f"{name}:\n{axe_report(results)}"
