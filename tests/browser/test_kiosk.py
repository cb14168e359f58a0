"""One tablet, many participants, in Chromium at tablet size with touch, JavaScript on and off.

Participants try every way back to someone else's page (invalid sends, Back, Forward, Reload, the
back/forward cache, the history), leave forms idle, tap the leader link, answer through a network
cut while the session is closed, and switch languages. The database and the screen must show that
no participant sees another's input, every answer is stored exactly once, an empty send stores
nothing and no leader page opens without the PIN.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from contextlib import contextmanager

import pytest
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import select

from surveyapp.core import group_sessions
from surveyapp.core.models import Answer, Collection, GroupSession, Response
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TABLET
from tests.browser.pages import AXE, AXE_OPTIONS, axe_report
from tests.helpers import helsinki_today

pytestmark = pytest.mark.browser

PIN = "1357"
JS = pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])


@contextmanager
def settings(app, **values):
    """Short kiosk times for one test (an app built for tests may go under the real minimums)."""
    before = {name: app.config[name] for name in values}
    app.config.update(values)
    try:
        yield
    finally:
        app.config.update(before)


@pytest.fixture
def kiosk_session(live_app):
    def make(language="fi", slug="session-feedback"):
        with live_app.extensions["surveyapp.db"]() as db:
            collection = db.scalar(select(Collection).where(Collection.slug == slug))
            created = group_sessions.create(
                db,
                collection=collection,
                group_name=f"Retki {dt.datetime.now().microsecond}",
                municipality_code="kemijarvi",
                held_on=dt.date(2026, 3, 5),
                pin=PIN,
                language=language,
            )
            db.commit()
            return created.kiosk_token, created.id

    with settings(live_app, KIOSK_THANKS_SECONDS=1):
        yield make


@pytest.fixture(scope="module")
def tablet_browser(browser):
    """Chromium as a tablet runs it: with the back/forward cache, which Playwright turns off by default.

    (Playwright's --disable-prompt-on-repost stays: a reload of a posted page resends it at once, as a
    participant who confirms the browser's resubmission prompt would.)
    """
    chromium = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield chromium
    chromium.close()


@pytest.fixture
def new_page(tablet_browser, live_server):
    """Pages at tablet size with touch, each in its own context, on the bfcache-enabled Chromium."""
    contexts = []

    def factory(**options):
        context = tablet_browser.new_context(base_url=live_server, locale="fi-FI", **options)
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()


def tablet(new_page, js=True):
    return new_page(viewport=TABLET, has_touch=True, java_script_enabled=js)


def answers_of(live_app, session_id, linked=True):
    """(grade, comment) of every stored answer of the session, or of its late answers (linked=False)."""
    with live_app.extensions["surveyapp.db"]() as db:
        condition = (
            Response.group_session_id == session_id
            if linked
            else Response.group_session_id.is_(None)
        )
        rows = db.execute(
            select(Response.id, Answer.item_code, Answer.grade, Answer.text)
            .join(Answer)
            .where(condition, Response.channel == "kiosk")
        ).all()
    by_response = {}
    for response_id, item, grade, text in rows:
        by_response.setdefault(response_id, {})[item] = grade if item == "arvosana" else text
    return sorted((r.get("arvosana"), r.get("vapaa_palaute")) for r in by_response.values())


def stored_count(live_app, session_id) -> int:
    with live_app.extensions["surveyapp.db"]() as db:
        return len(
            db.scalars(select(Response.id).where(Response.group_session_id == session_id)).all()
        )


def group(live_app, session_id) -> GroupSession:
    with live_app.extensions["surveyapp.db"]() as db:
        return db.get(GroupSession, session_id)


def choose(page, grade: str) -> None:
    page.locator(f'label.box:has(input[name="arvosana"][value="{grade}"])').tap()


def send(page) -> None:
    page.get_by_role("button", name=re.compile("^(Lähetä|Skicka|Send)$")).tap()


def assert_sees_nothing_of(page, *texts: str) -> None:
    """Neither the page's markup nor any field's live value holds another participant's input."""
    deadline = time.monotonic() + 10
    while True:
        loaded(page)
        try:
            html = page.content()
            values = (
                page.evaluate(
                    "() => Array.from(document.querySelectorAll('textarea, input[type=text]'))"
                    ".map(e => e.value).join('|')"
                )
                if page.locator("body").count()
                else ""
            )
            checked = page.locator('input[name="arvosana"]:checked').count()
            break
        except (
            PlaywrightError
        ):  # the thank-you page's Refresh went on to the empty form meanwhile: look at that
            assert time.monotonic() < deadline, f"{page.url} kept navigating"
    for text in texts:
        assert text not in html and text not in values, f"{text!r} visible at {page.url}"
    assert checked == 0, f"a grade is still chosen at {page.url}"


def back_online(page, token) -> None:
    """The network returns: the tablet sends its queue and shows the next person an empty form."""
    page.context.set_offline(False)
    page.wait_for_url(re.compile(rf"/kiosk/{token}$"), timeout=10000)
    page.wait_for_load_state("load")
    page.locator("[data-queue-status]").wait_for(state="hidden", timeout=10000)


def travel(page, step: str) -> None:
    """Back, Forward or Reload, waiting for the page whether it is fetched or restored from the cache."""
    go = {"back": page.go_back, "forward": page.go_forward, "reload": page.reload}[step]
    go(wait_until="commit")
    loaded(page)


def loaded(page, timeout: float = 10) -> None:
    """Wait until the document is complete, asking through the DevTools protocol (page.evaluate).

    page.wait_for_function polls with code it compiles inside the page, which the page's CSP
    (no 'unsafe-eval') refuses now and then during a navigation.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate("document.readyState") == "complete":
                return
        except PlaywrightError:  # the document changed under the question: ask the new one
            pass
        assert time.monotonic() < deadline, f"{page.url} did not finish loading"
        time.sleep(0.05)


def on_thanks(page) -> None:
    page.wait_for_url(re.compile(r"/kiitos(\?.*)?$"))


@JS
def test_a_failed_send_never_reaches_the_next_participant(new_page, live_app, kiosk_session, js):
    token, session_id = kiosk_session()
    page = tablet(new_page, js)
    page.goto(f"/kiosk/{token}")
    # Participant 1: a comment, no grade (an error page of their own), then the grade.
    page.locator("#vapaa_palaute").fill("Ensimmäisen salaisuus")
    send(page)
    page.wait_for_selector("#error-summary")
    assert (
        page.locator("#vapaa_palaute").input_value() == "Ensimmäisen salaisuus"
    )  # kept for its own participant
    choose(page, "9")
    send(page)
    on_thanks(page)
    # Participant 2 tries every way back through the history (some pages come from the
    # back/forward cache, which fires no load event), reloads, and goes forward again.
    for step in ("back", "back", "back", "reload", "forward", "forward", "reload", "forward"):
        travel(page, step)
        assert_sees_nothing_of(page, "Ensimmäisen salaisuus")
    # ...and answers from wherever the tablet now is: stored, never taken for participant 1's duplicate.
    page.goto(f"/kiosk/{token}")
    choose(page, "7")
    page.locator("#vapaa_palaute").fill("Toisen oma")
    send(page)
    on_thanks(page)
    assert answers_of(live_app, session_id) == [(7, "Toisen oma"), (9, "Ensimmäisen salaisuus")]


def test_a_page_restored_from_the_back_forward_cache_is_replaced(new_page, live_app, kiosk_session):
    token, session_id = kiosk_session()
    page = tablet(new_page)
    page.goto(f"/kiosk/{token}")
    page.locator("#vapaa_palaute").fill("Välimuistin salaisuus")
    page.get_by_role(
        "link", name="Tietosuojaseloste", exact=True
    ).tap()  # away without sending, then the next person's Back
    page.wait_for_url(re.compile(r"tietosuojaseloste"))
    travel(page, "back")
    page.wait_for_url(re.compile(rf"/kiosk/{token}$"))
    assert_sees_nothing_of(page, "Välimuistin salaisuus")
    assert stored_count(live_app, session_id) == 0


@JS
def test_an_empty_send_stores_nothing(new_page, live_app, kiosk_session, js):
    token, session_id = kiosk_session(slug="esy-worker-eval")  # a form with no required question
    page = tablet(new_page, js)
    page.goto(f"/kiosk/{token}")
    send(page)
    page.wait_for_selector("#error-summary")
    assert "Et vastannut mihinkään kysymykseen." in page.inner_text("#error-summary")
    assert stored_count(live_app, session_id) == 0
    page.locator('textarea[name="q1"], input[name="q1"]').fill("Jotain sanottavaa")
    send(page)
    on_thanks(page)
    assert stored_count(live_app, session_id) == 1


def test_idle_error_page_warns_resets_and_stays_reset(new_page, live_app, kiosk_session):
    token, session_id = kiosk_session()
    # Warn after one quiet second, clear two seconds later (the real minimums are 30 and 20).
    with settings(live_app, KIOSK_IDLE_SECONDS=3, KIOSK_IDLE_WARNING_SECONDS=2):
        page = tablet(new_page)
        page.goto(f"/kiosk/{token}")
        page.locator("#vapaa_palaute").fill("Unohtunut vastaus")
        send(page)  # no grade: the error page holds the answer
        page.wait_for_selector("#error-summary")
        dialog = page.locator("#idle-warning")
        dialog.wait_for(state="visible", timeout=5000)
        assert (
            page.evaluate("document.activeElement.id") == "idle-continue"
        )  # focus moves into the dialog
        results = AXE.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, axe_report(results)
        page.keyboard.press("Escape")  # dismissible
        assert dialog.is_hidden()
        assert page.locator("#vapaa_palaute").input_value() == "Unohtunut vastaus"
        dialog.wait_for(state="visible", timeout=5000)
        page.get_by_role("button", name="Jatka vastaamista").tap()
        dialog.wait_for(state="visible", timeout=5000)
        page.wait_for_url(
            re.compile(rf"/kiosk/{token}$"), timeout=6000
        )  # cleared: a fresh page from the server
        assert_sees_nothing_of(page, "Unohtunut vastaus")
        assert page.locator("#error-summary").count() == 0
        page.wait_for_timeout(2500)
        assert dialog.is_hidden()  # the reset itself does not start another warning
        choose(page, "6")  # a form without errors is cleared the same way
        dialog.wait_for(state="visible", timeout=5000)
        dialog.wait_for(state="hidden", timeout=6000)
        page.wait_for_load_state("load")
        assert_sees_nothing_of(page)
    assert stored_count(live_app, session_id) == 0


@JS
def test_leader_pages_never_open_without_the_pin(new_page, live_app, kiosk_session, js):
    token, session_id = kiosk_session()
    page = tablet(new_page, js)
    page.goto(f"/kiosk/{token}")
    choose(page, "10")
    send(page)
    on_thanks(page)
    page.goto(f"/kiosk/{token}")
    page.get_by_role("link", name="Ohjaajalle: poistu tablettitilasta").tap()
    page.wait_for_url(re.compile(r"/lopeta$"))
    for path in ("sulje", "yhteenveto"):
        page.goto(f"/kiosk/{token}/{path}")
        assert page.url.endswith("/lopeta")
    page.locator("#pin").fill("0000")
    page.get_by_role("button", name="Jatka").tap()
    assert "Väärä PIN-koodi." in page.locator("#pin-error").inner_text()
    page.locator("#pin").fill(PIN)
    page.get_by_role("button", name="Jatka").tap()
    page.wait_for_url(re.compile(r"/sulje$"))
    assert "1 vastaus saatu." in page.inner_text("main")
    page.get_by_role("link", name="Takaisin lomakkeeseen").tap()  # the leader hands the tablet back
    page.wait_for_url(re.compile(rf"/kiosk/{token}$"))
    # The next participant: the link, the history and the leader page's address all ask for the PIN.
    page.get_by_role("link", name="Ohjaajalle: poistu tablettitilasta").tap()
    page.wait_for_url(re.compile(r"/lopeta$"))
    travel(page, "back")
    travel(page, "back")
    assert "/sulje" not in page.url or page.locator("#pin").count() == 1
    page.goto(f"/kiosk/{token}/sulje")
    assert page.url.endswith("/lopeta") and page.locator("#attendance").count() == 0
    # Closing: the review opens once, then needs the PIN again.
    page.locator("#pin").fill(PIN)
    page.get_by_role("button", name="Jatka").tap()
    page.locator("#attendance").fill("4")
    page.get_by_role("button", name="Päätä ja näytä palaute").tap()
    page.wait_for_url(re.compile(r"/yhteenveto$"))
    page.goto(f"/kiosk/{token}")
    assert "Ryhmäkerta on päättynyt" in page.inner_text("main")
    travel(page, "back")
    assert page.url.endswith("/lopeta") and "Palautteen" not in page.inner_text("main")
    assert group(live_app, session_id).closed_on == helsinki_today()


def test_queue_through_a_cut_while_the_session_is_closed(new_page, live_app, kiosk_session):
    """Answers queued while the leader closes the session arrive late (+N, figures unchanged); answers
    still queued when the grace period has ended are removed from the tablet and only counted for the leader."""
    token, session_id = kiosk_session()
    page = tablet(new_page)
    page.goto(f"/kiosk/{token}")
    for grade, comment in (
        ("9", "Ennen katkoa A"),
        ("8", "Ennen katkoa B"),
        ("10", "Ennen katkoa C"),
    ):
        choose(page, grade)
        page.locator("#vapaa_palaute").fill(comment)
        send(page)
        on_thanks(page)
        page.goto(f"/kiosk/{token}")
    page.context.set_offline(True)
    for grade, comment in (("4", "Katkon aikana D"), ("5", "Katkon aikana E")):
        choose(page, grade)
        page.locator("#vapaa_palaute").fill(comment)
        send(page)
        page.wait_for_selector("#offline-thanks:not([hidden])")
        assert comment not in page.inner_text("body")
        page.wait_for_selector("#kiosk-form:not([hidden])")
        assert_sees_nothing_of(page, comment)
    assert page.locator("[data-queue-status]").inner_text() == "Lähettämättä tällä tabletilla: 2"
    with live_app.extensions[
        "surveyapp.db"
    ]() as db:  # the coordinator closes the session meanwhile
        db.get(GroupSession, session_id).closed_on = helsinki_today()
        db.commit()
    back_online(page, token)
    assert answers_of(live_app, session_id) == [
        (8, "Ennen katkoa B"),
        (9, "Ennen katkoa A"),
        (10, "Ennen katkoa C"),
    ]
    late = [
        a
        for a in answers_of(live_app, session_id, linked=False)
        if a[1] and a[1].startswith("Katkon")
    ]
    assert late == [(4, "Katkon aikana D"), (5, "Katkon aikana E")]
    assert group(live_app, session_id).late_answers == 2
    storage = page.evaluate("JSON.stringify(localStorage)")
    assert "Katkon" not in storage and "Ennen" not in storage
    # The leader's review: the closed figures of three answers, and +2 late.
    page.goto(f"/kiosk/{token}/lopeta")
    page.locator("#pin").fill(PIN)
    page.get_by_role("button", name="Jatka").tap()
    page.wait_for_url(re.compile(r"/yhteenveto$"))
    assert (
        page.locator("[data-n]").inner_text() == "3"
        and page.locator("[data-mean]").inner_text() == "9,00"
    )
    assert "+2 myöhässä saapunutta vastausta" in page.inner_text("main")
    assert "Katkon" not in page.content()


def test_answers_queued_past_the_grace_period_are_removed_and_counted(
    new_page, live_app, kiosk_session
):
    token, session_id = kiosk_session()
    page = tablet(new_page)
    page.goto(f"/kiosk/{token}")
    page.context.set_offline(True)
    for grade, comment in (("7", "Liian myöhään F"), ("6", "Liian myöhään G")):
        choose(page, grade)
        page.locator("#vapaa_palaute").fill(comment)
        send(page)
        page.wait_for_selector("#kiosk-form:not([hidden])", timeout=5000)
    with live_app.extensions["surveyapp.db"]() as db:
        db.get(GroupSession, session_id).closed_on = helsinki_today() - dt.timedelta(days=5)
        db.commit()
    back_online(page, token)
    assert "myöhään" not in page.evaluate("JSON.stringify(localStorage)")  # removed from the tablet
    page.goto(f"/kiosk/{token}")  # the public page: ended, nothing of the answers, no count
    assert page.locator("h1").inner_text() == "Ryhmäkerta on päättynyt"
    assert "myöhään" not in page.content() and "perille" not in page.inner_text("main")
    page.get_by_role("link", name="Ohjaajalle: ryhmäkerran palaute").tap()
    page.locator("#pin").fill(PIN)
    page.get_by_role("button", name="Jatka").tap()
    page.wait_for_url(re.compile(r"/yhteenveto$"))
    undelivered = page.locator("[data-undelivered]")
    assert undelivered.inner_text().endswith(": 2") and "myöhään" not in page.content()
    assert stored_count(live_app, session_id) == 0


def test_each_participant_chooses_a_language_for_themselves(new_page, live_app, kiosk_session):
    token, session_id = kiosk_session(language="sv")
    page = tablet(new_page)
    page.goto(f"/kiosk/{token}")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("link", name="In English").tap()
    assert page.locator("html").get_attribute("lang") == "en"
    page.context.set_offline(True)
    choose(page, "9")
    send(page)
    page.wait_for_selector("#offline-thanks:not([hidden])")
    assert (
        page.locator("[data-queue-status]").inner_text()
        == "Answers waiting on this tablet to be sent: 1"
    )
    back_online(page, token)  # the next person
    assert page.locator("html").get_attribute("lang") == "sv"
    choose(page, "8")
    send(page)
    on_thanks(page)
    assert page.locator("html").get_attribute("lang") == "sv"
    page.wait_for_url(re.compile(rf"/kiosk/{token}$"), timeout=5000)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert answers_of(live_app, session_id) == [(8, None), (9, None)]


def test_kiosk_pages_pass_axe(new_page, live_app, kiosk_session):
    token, _ = kiosk_session()
    page = tablet(new_page)
    checked = []
    page.goto(f"/kiosk/{token}")
    checked.append(("form", AXE.run(page, options=AXE_OPTIONS)))
    send(page)  # nothing chosen: the error state
    page.wait_for_selector("#error-summary")
    checked.append(("error", AXE.run(page, options=AXE_OPTIONS)))
    for grade in ("9", "8", "7"):
        page.goto(f"/kiosk/{token}")
        choose(page, grade)
        send(page)
        on_thanks(page)
    checked.append(("thanks", AXE.run(page, options=AXE_OPTIONS)))
    page.goto(f"/kiosk/{token}/lopeta")
    checked.append(("pin", AXE.run(page, options=AXE_OPTIONS)))
    page.locator("#pin").fill(PIN)
    page.get_by_role("button", name="Jatka").tap()
    page.wait_for_url(re.compile(r"/sulje$"))
    checked.append(("close", AXE.run(page, options=AXE_OPTIONS)))
    page.get_by_role("button", name="Päätä ja näytä palaute").tap()
    page.wait_for_url(re.compile(r"/yhteenveto$"))
    checked.append(("review", AXE.run(page, options=AXE_OPTIONS)))
    page.goto(f"/kiosk/{token}")
    checked.append(("ended", AXE.run(page, options=AXE_OPTIONS)))
    for name, results in checked:
        assert results.violations_count == 0, f"{name}:\n{axe_report(results)}"
