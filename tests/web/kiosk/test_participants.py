"""One tablet, many participants, through HTTP: error pages shown once, fresh keys, leader mode that
ends, growing PIN locks, closed figures that never change, the session's language."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from surveyapp.core import group_sessions
from surveyapp.core.models import GroupSession, KioskAttempt, Response
from tests.helpers import (
    KIOSK_PIN,
    add_coordinator,
    close_kiosk,
    count_responses,
    csrf_token,
    form_tokens,
    helsinki_today,
    kiosk_leader,
    log_in,
    make_app,
)


def form_page(client, token, query=""):
    return client.get(f"/kiosk/{token}{query}").get_data(as_text=True)


def test_a_failed_send_is_shown_once_then_never_again(client, db, kiosk):
    token = kiosk.kiosk_token
    first = form_tokens(form_page(client, token))
    failed = client.post(f"/kiosk/{token}", data={**first, "vapaa_palaute": "Eka kommentti"})
    assert failed.status_code == 303
    error_url = failed.headers["Location"]
    assert "Eka" not in error_url and "virhe=" in error_url
    error_page = client.get(error_url)
    html = error_page.get_data(as_text=True)
    assert error_page.headers["Cache-Control"] == "no-store, max-age=0"
    assert "Eka kommentti" in html and "error-summary" in html
    assert form_tokens(html)["_key"] != first["_key"]  # a fresh key on every page
    # Reload, Back and Forward all GET the same address: the answers are gone for good.
    again = client.get(error_url).get_data(as_text=True)
    assert "Eka kommentti" not in again and "error-summary" not in again
    assert db.scalars(select(KioskAttempt)).all() == []
    # The participant answers from the error page: stored once, with the comment.
    sent = client.post(
        f"/kiosk/{token}",
        data={**form_tokens(html), "arvosana": "8", "vapaa_palaute": "Eka kommentti"},
    )
    assert sent.headers["Location"].endswith("/kiitos")
    # The next participant's send from a fresh page is never taken for the first one's duplicate.
    client.post(f"/kiosk/{token}", data={**form_tokens(form_page(client, token)), "arvosana": "9"})
    assert count_responses(db) == 2


def test_the_browsers_resubmission_of_a_failed_send_shows_nothing_of_it(client, db, kiosk):
    token = kiosk.kiosk_token
    tokens = form_tokens(form_page(client, token))
    posts = [
        client.post(f"/kiosk/{token}", data={**tokens, "vapaa_palaute": "Salaisuus"})
        for _ in range(2)
    ]
    assert (
        posts[0].headers["Location"] != posts[1].headers["Location"]
    )  # each attempt its own one-time page
    for post in posts:
        client.get(post.headers["Location"])
    for post in posts:
        assert "Salaisuus" not in client.get(post.headers["Location"]).get_data(as_text=True)
    assert count_responses(db) == 0


def test_an_error_page_is_for_its_own_session_only(client, db, kiosk):
    other = group_sessions.create(
        db,
        collection=kiosk.collection,
        group_name="Toinen",
        municipality_code="muhos",
        held_on=dt.date(2026, 3, 5),
        pin=KIOSK_PIN,
    )
    db.commit()
    tokens = form_tokens(form_page(client, kiosk.kiosk_token))
    failed = client.post(
        f"/kiosk/{kiosk.kiosk_token}", data={**tokens, "vapaa_palaute": "Vain täällä"}
    )
    query = failed.headers["Location"].split("?", 1)[1]
    assert "Vain täällä" not in form_page(client, other.kiosk_token, "?" + query)


def test_leader_mode_ends_on_any_participant_page(client, db, kiosk):
    token = kiosk.kiosk_token
    assert kiosk_leader(client, token).headers["Location"].endswith("/sulje")
    assert client.get(f"/kiosk/{token}/sulje").status_code == 200
    form_page(client, token)  # "back to the form": the next participant's page
    for path in ("sulje", "yhteenveto"):
        assert client.get(f"/kiosk/{token}/{path}").headers["Location"].endswith("/lopeta")
    assert kiosk_leader(client, token).headers["Location"].endswith("/sulje")
    client.get(f"/kiosk/{token}/kiitos")
    assert client.get(f"/kiosk/{token}/sulje").headers["Location"].endswith("/lopeta")


def test_leader_mode_lapses_after_an_idle_time_and_pages_return_to_the_form(
    client, kiosk, monkeypatch, app
):
    token = kiosk.kiosk_token
    now = [1_800_000_000]
    monkeypatch.setattr("surveyapp.web.kiosk.leader.clock", lambda: now[0])
    kiosk_leader(client, token)
    page = client.get(f"/kiosk/{token}/sulje")
    assert page.headers["Refresh"] == f"{app.config['KIOSK_LEADER_SECONDS']}; url=/kiosk/{token}"
    now[0] += app.config["KIOSK_LEADER_SECONDS"] - 1
    assert (
        client.get(f"/kiosk/{token}/sulje").status_code == 200
    )  # each leader page moves the limit on
    now[0] += app.config["KIOSK_LEADER_SECONDS"]
    assert client.get(f"/kiosk/{token}/sulje").headers["Location"].endswith("/lopeta")


def test_a_coordinator_login_does_not_open_a_tablets_leader_pages(client, db, kiosk):
    add_coordinator(db)
    assert log_in(client).status_code == 302
    assert client.get(f"/kiosk/{kiosk.kiosk_token}/sulje").headers["Location"].endswith("/lopeta")


def test_closing_ends_leader_mode_but_for_the_review(client, db, kiosk):
    token = kiosk.kiosk_token
    kiosk_leader(client, token)
    assert close_kiosk(client, token, "5").headers["Location"].endswith("/yhteenveto")
    assert client.get(f"/kiosk/{token}/yhteenveto").status_code == 200
    assert client.get(f"/kiosk/{token}/sulje").headers["Location"].endswith("/yhteenveto")
    closed = client.get(f"/kiosk/{token}")
    assert closed.status_code == 410
    assert client.get(f"/kiosk/{token}/yhteenveto").headers["Location"].endswith("/lopeta")
    assert kiosk_leader(client, token).headers["Location"].endswith("/yhteenveto")


def test_the_review_needs_a_closed_session(client, db, kiosk):
    token = kiosk.kiosk_token
    kiosk_leader(client, token)
    assert client.get(f"/kiosk/{token}/yhteenveto").headers["Location"].endswith("/sulje")
    page = client.get(f"/kiosk/{token}/sulje").get_data(as_text=True)
    assert "Palaute näytetään, kun ryhmäkerta on päätetty." in page


def test_pin_locks_grow_and_count_across_sessions(client, db, kiosk, monkeypatch):
    from surveyapp.core.kiosk import pins

    token = kiosk.kiosk_token
    now = [1_800_000_000]
    monkeypatch.setattr("surveyapp.core.kiosk.pins.clock", lambda: now[0])
    for _ in range(pins.MAX_TRIES):
        kiosk_leader(client, token, "0000")
    assert "Liian monta" in kiosk_leader(client, token).get_data(as_text=True)
    now[0] += pins.LOCK_SECONDS
    for _ in range(pins.MAX_TRIES):
        kiosk_leader(client, token, "0000")
    now[0] += pins.LOCK_SECONDS  # the second lock lasts twice as long
    assert "Liian monta" in kiosk_leader(client, token).get_data(as_text=True)
    now[0] += pins.LOCK_SECONDS
    assert kiosk_leader(client, token).headers["Location"].endswith("/sulje")
    # Across sessions: wrong PINs spread over many tablets lock them all.
    others = [
        group_sessions.create(
            db,
            collection=kiosk.collection,
            group_name=f"R{i}",
            municipality_code="muhos",
            held_on=dt.date(2026, 3, 5),
            pin=KIOSK_PIN,
        )
        for i in range(5)
    ]
    db.commit()
    for index in range(pins.GUARD_MAX_TRIES):  # four on each: none locked on its own
        kiosk_leader(client, others[index % 5].kiosk_token, "0000")
    fresh = group_sessions.create(
        db,
        collection=kiosk.collection,
        group_name="Uusi",
        municipality_code="muhos",
        held_on=dt.date(2026, 3, 5),
        pin=KIOSK_PIN,
    )
    db.commit()
    assert "Liian monta" in kiosk_leader(client, fresh.kiosk_token).get_data(as_text=True)


def answer(client, token, grade, comment=""):
    return client.post(
        f"/kiosk/{token}",
        data={**form_tokens(form_page(client, token)), "arvosana": grade, "vapaa_palaute": comment},
    )


def test_closed_figures_never_change_and_late_answers_are_counted_apart(client, db, kiosk):
    token = kiosk.kiosk_token
    for grade, comment in (("9", "Hyvä"), ("10", "Mahtava"), ("8", "Kiva")):
        answer(client, token, grade, comment)
    kiosk_leader(client, token)
    review = client.get(close_kiosk(client, token, "5").headers["Location"]).get_data(as_text=True)
    figures = review.split("<h2>")[0]
    late = client.post(
        f"/kiosk/{token}/api",
        json={
            "key": "queued-late-answer-01",
            "answers": {"arvosana": "4", "vapaa_palaute": "Myöhässä"},
        },
    )
    assert late.status_code == 201
    after = client.get(f"/kiosk/{token}/yhteenveto").get_data(as_text=True)
    assert after.split("<h2>")[0] == figures and "Myöhässä" not in after
    assert "+1 myöhässä saapunut vastaus" in after
    stored = db.scalars(select(Response).where(Response.channel == "kiosk")).all()
    assert (
        len(stored) == 4 and sum(r.group_session_id is None for r in stored) == 1
    )  # in the collection's results
    db.expire_all()
    assert db.get(GroupSession, kiosk.id).late_answers == 1
    # A repeated late answer is stored and counted once.
    client.post(
        f"/kiosk/{token}/api", json={"key": "queued-late-answer-01", "answers": {"arvosana": "4"}}
    )
    db.expire_all()
    assert db.get(GroupSession, kiosk.id).late_answers == 1 and count_responses(db) == 4


def test_history_shows_no_mean_while_open_and_late_answers_as_plus_n(client, db, kiosk, app):
    from surveyapp.core import responses
    from surveyapp.core.instruments.answers import AnswerValue

    token = kiosk.kiosk_token
    for grade in ("9", "10", "8", "9", "9"):
        answer(client, token, grade)
    # Web answers in the same municipality, so that the session's figures and a late answer leave
    # nothing under MIN_CELL to work out (docs/disclosure.md) and the history may show them.
    instrument = app.extensions["surveyapp.instruments"]["session_feedback"]
    for grade in (7, 8, 6, 9, 10):
        responses.submit(
            db,
            collection=kiosk.collection,
            instrument=instrument,
            answers=[AnswerValue("arvosana", grade=grade)],
            channel="web",
            municipality_code="utajarvi",
            day=helsinki_today(),
            precision="week",
            key=None,
        )
    db.commit()
    add_coordinator(db)
    assert log_in(client).status_code == 302
    history = client.get(f"/coordinate/c/{kiosk.collection.slug}/sessions").get_data(as_text=True)
    assert "näytetään, kun ryhmäkerta on päätetty" in history and "9,00" not in history
    kiosk.closed_on = helsinki_today()
    db.commit()
    client.post(
        f"/kiosk/{token}/api", json={"key": "queued-late-answer-02", "answers": {"arvosana": "4"}}
    )
    history = client.get(f"/coordinate/c/{kiosk.collection.slug}/sessions").get_data(as_text=True)
    assert "9,00" in history and "+1 myöhässä" in history


def test_each_participant_starts_in_the_sessions_language(client, db, kiosk):
    token = kiosk.kiosk_token
    kiosk.language = "sv"
    db.commit()
    assert '<html lang="sv">' in form_page(client, token)
    english = form_page(client, token, "?lang=en")
    assert '<html lang="en">' in english and f'action="/kiosk/{token}?lang=en"' in english
    failed = client.post(f"/kiosk/{token}?lang=en", data=form_tokens(english))
    assert "lang=en" in failed.headers["Location"]
    assert '<html lang="en">' in client.get(failed.headers["Location"]).get_data(as_text=True)
    sent = client.post(f"/kiosk/{token}?lang=en", data={**form_tokens(english), "arvosana": "9"})
    assert sent.headers["Location"].endswith("/kiitos?lang=en")
    thanks = client.get(sent.headers["Location"])
    assert thanks.headers["Refresh"].endswith(
        f"url=/kiosk/{token}"
    )  # the next person: the session's language
    assert '<html lang="sv">' in form_page(client, token)  # the choice was never remembered


def test_the_leader_sets_the_sessions_language(client, db, kiosk):
    token = kiosk.kiosk_token
    kiosk_leader(client, token)
    page = client.get(f"/kiosk/{token}/sulje").get_data(as_text=True)
    client.post(
        f"/kiosk/{token}/sulje",
        data={"csrf_token": csrf_token(page), "action": "language", "language": "en"},
    )
    assert '<html lang="en">' in form_page(client, token)
    kiosk_leader(client, token)
    bad = client.post(
        f"/kiosk/{token}/sulje",
        data={"csrf_token": csrf_token(page), "action": "language", "language": "de"},
    )
    assert bad.status_code == 422


@pytest.mark.parametrize("idle", [0, 10, 29])
def test_a_global_idle_time_under_30_seconds_stops_start_up(database_url, tmp_path, idle):
    with pytest.raises(SystemExit, match="KIOSK_IDLE_SECONDS is"):
        make_app(database_url, tmp_path, TESTING=False, KIOSK_IDLE_SECONDS=idle)


def test_the_warning_must_come_20_seconds_before(database_url, tmp_path):
    with pytest.raises(SystemExit, match="WCAG 2.2.1"):
        make_app(database_url, tmp_path, TESTING=False, KIOSK_IDLE_WARNING_SECONDS=10)


def test_the_coordinator_sets_the_language_when_creating_a_session(client, db, kiosk):
    add_coordinator(db)
    assert log_in(client).status_code == 302
    path = f"/coordinate/c/{kiosk.collection.slug}/sessions/new"
    data = {
        "csrf_token": csrf_token(client.get(path).get_data(as_text=True)),
        "group_name": "Kielet",
        "municipality": "utajarvi",
        "held_on": "",
        "pin": "2468",
    }
    assert client.post(path, data={**data, "language": "de"}).status_code == 422
    made = client.post(path, data={**data, "language": "en"})
    assert made.status_code == 302
    db.expire_all()
    assert (
        db.scalar(select(GroupSession.language).where(GroupSession.group_name == "Kielet")) == "en"
    )
