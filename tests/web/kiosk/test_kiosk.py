"""Kiosk mode through HTTP: one participant at a time, stored once, reviewed only from three answers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from surveyapp.core import group_sessions
from surveyapp.core.models import Response
from tests.helpers import (
    close_kiosk,
    count_responses,
    form_tokens,
    helsinki_today,
    kiosk_leader,
    make_app,
    shipped_instruments,
)


def send(client, token, answers):
    tokens = form_tokens(client.get(f"/kiosk/{token}").get_data(as_text=True))
    return client.post(f"/kiosk/{token}", data={**tokens, **answers})


def test_kiosk_pages_are_never_cached(client, kiosk):
    page = client.get(f"/kiosk/{kiosk.kiosk_token}")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store, max-age=0"
    assert 'autocomplete="off"' in page.get_data(as_text=True)


def test_answer_stored_with_kiosk_channel_session_municipality_and_date(client, db, kiosk):
    response = send(client, kiosk.kiosk_token, {"arvosana": "9", "vapaa_palaute": "Kiva porukka"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/kiitos")
    thanks = client.get(response.headers["Location"])
    assert thanks.headers["Refresh"] == f"5; url=/kiosk/{kiosk.kiosk_token}"
    assert "Kiitokset vastauksistasi!" in thanks.get_data(as_text=True)
    assert "Kiva porukka" not in thanks.get_data(as_text=True)
    stored = db.scalars(select(Response)).one()
    assert (stored.channel, stored.municipality_code, stored.group_session_id) == (
        "kiosk",
        "utajarvi",
        kiosk.id,
    )
    assert stored.period_start == dt.date(2026, 3, 2)  # the session's ISO week


def test_queued_answer_sent_twice_is_stored_once(client, db, kiosk):
    body = {
        "key": "queued-answer-key-0001",
        "answers": {"arvosana": "10", "vapaa_palaute": "Jäätävän hyvä"},
    }
    first = client.post(f"/kiosk/{kiosk.kiosk_token}/api", json=body)
    second = client.post(f"/kiosk/{kiosk.kiosk_token}/api", json=body)
    assert (first.status_code, first.json) == (201, {"status": "stored"})
    assert (second.status_code, second.json) == (200, {"status": "duplicate"})
    assert count_responses(db) == 1


@pytest.mark.parametrize(
    "body, status",
    [
        ({"key": "queued-answer-key-0002", "answers": {"arvosana": "11"}}, 422),
        ({"key": "queued-answer-key-0003", "answers": {"arvosana": "9", "ip": "1.2.3.4"}}, 422),
        ({"key": "short", "answers": {"arvosana": "9"}}, 400),
        ({"key": "queued-answer-key-0004", "answers": {"arvosana": 9}}, 400),
        ([1, 2, 3], 400),
    ],
)
def test_api_refuses_bad_input_and_stores_nothing(client, db, kiosk, body, status):
    response = client.post(f"/kiosk/{kiosk.kiosk_token}/api", json=body)
    assert response.status_code == status
    assert count_responses(db) == 0


def test_api_refuses_a_lone_surrogate_with_a_message_and_stores_nothing(client, db, kiosk):
    body = b'{"key": "queued-answer-key-0005", "answers": {"arvosana": "9", "vapaa_palaute": "Kiva \\ud83d"}}'
    response = client.post(
        f"/kiosk/{kiosk.kiosk_token}/api", data=body, content_type="application/json"
    )
    assert (response.status_code, response.get_json()) == (
        422,
        {
            "status": "invalid",
            "errors": {
                "vapaa_palaute": "Vastauksessa on merkkejä, joita ei voi tallentaa. Kirjoita vastaus uudelleen."
            },
        },
    )
    assert count_responses(db) == 0


def test_api_errors_are_json_too(client, kiosk):
    with client.post(
        f"/kiosk/{kiosk.kiosk_token}/api", data=b"x" * 300_000, content_type="application/json"
    ) as big:
        assert (big.status_code, big.get_json()["status"]) == (413, "invalid")
        assert big.get_json()["message"].startswith("Liian paljon tekstiä.")
    with client.post("/kiosk/arvattu-osoite/api", json={}) as unknown:
        assert (unknown.status_code, unknown.get_json()) == (
            404,
            {
                "status": "invalid",
                "message": (
                    "Sivua ei löytynyt. Tabletin osoite ei ole oikea. Pyydä oikea osoite ohjaajalta."
                ),
            },
        )


def test_guessed_token_gets_a_clear_page(client, kiosk):
    page = client.get("/kiosk/arvattu-tunnus")
    assert page.status_code == 404
    assert "Tabletin osoite ei ole oikea" in page.get_data(as_text=True)
    assert (
        client.post("/kiosk/arvattu-tunnus/api", json={"key": "x" * 30, "answers": {}}).status_code
        == 404
    )


def test_closed_session_accepts_queued_answers_only_for_the_grace_period(client, db, kiosk):
    kiosk.closed_on = helsinki_today() - dt.timedelta(days=1)
    db.commit()
    body = {"key": "late-but-in-grace-0001", "answers": {"arvosana": "8"}}
    assert client.post(f"/kiosk/{kiosk.kiosk_token}/api", json=body).status_code == 201
    kiosk.closed_on = helsinki_today() - dt.timedelta(days=2)
    db.commit()
    late = client.post(
        f"/kiosk/{kiosk.kiosk_token}/api",
        json={"key": "too-late-answer-0001", "answers": {"arvosana": "8"}},
    )
    assert (late.status_code, late.json["status"]) == (410, "closed")
    assert client.get(f"/kiosk/{kiosk.kiosk_token}").status_code == 410
    assert count_responses(db) == 1


def test_leaving_kiosk_needs_the_pin(client, kiosk):
    assert client.get(f"/kiosk/{kiosk.kiosk_token}/sulje").headers["Location"].endswith("/lopeta")
    wrong = kiosk_leader(client, kiosk.kiosk_token, "1111")
    assert wrong.status_code == 403 and "Väärä PIN-koodi." in wrong.get_data(as_text=True)
    assert kiosk_leader(client, kiosk.kiosk_token).headers["Location"].endswith("/sulje")


def test_pin_guessing_is_throttled(client, kiosk):
    for _ in range(5):
        kiosk_leader(client, kiosk.kiosk_token, "0000")
    locked = kiosk_leader(client, kiosk.kiosk_token)
    assert locked.status_code == 403
    assert "Liian monta väärää PIN-koodia" in locked.get_data(as_text=True)


def test_review_with_two_answers_reveals_nothing(client, db, kiosk):
    send(client, kiosk.kiosk_token, {"arvosana": "4", "vapaa_palaute": "Tylsää"})
    send(client, kiosk.kiosk_token, {"arvosana": "10", "vapaa_palaute": "Mahtavaa"})
    kiosk_leader(client, kiosk.kiosk_token)
    review = client.get(close_kiosk(client, kiosk.kiosk_token, "7").headers["Location"]).get_data(
        as_text=True
    )
    assert "Vastauksia tuli vain 2." in review
    for secret in ("Tylsää", "Mahtavaa", "data-mean", "data-grade", "7,00", "28,6"):
        assert secret not in review


def test_review_shows_count_distribution_mean_rate_and_comments(client, db, kiosk):
    for grade, comment in [
        ("10", "Jäätävän hyvä"),
        ("9", ""),
        ("9", "Hyvä yhteishenki"),
        ("7", ""),
    ]:
        send(client, kiosk.kiosk_token, {"arvosana": grade, "vapaa_palaute": comment})
    kiosk_leader(client, kiosk.kiosk_token)
    review = client.get(close_kiosk(client, kiosk.kiosk_token, "6").headers["Location"]).get_data(
        as_text=True
    )
    assert "<dd data-n>4</dd>" in review
    assert "<dd data-mean>8,75</dd>" in review
    assert "<dd data-rate>66,7\u00a0%</dd>" in review
    assert re.findall(r'data-grade="(\d+)">(\d+)<', review) == [
        ("4", "0"),
        ("5", "0"),
        ("6", "0"),
        ("7", "1"),
        ("8", "0"),
        ("9", "2"),
        ("10", "1"),
    ]
    assert sorted(re.findall(r"<li>([^<]+)</li>", review.split('class="comments"')[1])) == [
        "Hyvä yhteishenki",
        "Jäätävän hyvä",
    ]
    db.expire_all()
    assert db.get(type(kiosk), kiosk.id).closed_on == helsinki_today()


def test_attendance_must_be_a_number(client, kiosk):
    kiosk_leader(client, kiosk.kiosk_token)
    page = close_kiosk(client, kiosk.kiosk_token, "kuusi")
    assert page.status_code == 422


def test_review_order_of_comments_is_random(db, kiosk):
    import random

    instrument = shipped_instruments()["session_feedback"]
    from surveyapp.core import responses
    from surveyapp.core.instruments.answers import AnswerValue

    for i in range(6):
        responses.submit(
            db,
            collection=kiosk.collection,
            instrument=instrument,
            answers=[AnswerValue("arvosana", grade=9), AnswerValue("vapaa_palaute", text=f"k{i}")],
            channel="kiosk",
            municipality_code="utajarvi",
            day=kiosk.held_on,
            precision="week",
            key=None,
            group_session_id=kiosk.id,
        )
    db.commit()
    orders = {
        tuple(group_sessions.review(db, kiosk, instrument, rng=random.Random(seed)).comments)
        for seed in range(5)
    }
    assert len(orders) > 1 and all(sorted(order) == [f"k{i}" for i in range(6)] for order in orders)


def test_pin_lock_is_shared_by_app_hosts_and_ends_after_five_minutes(
    database_url, tmp_path, kiosk, monkeypatch
):
    """Two apps on one database, as two hosts: wrong PINs on either count towards one lock."""
    now = [1_800_000_000]
    monkeypatch.setattr("surveyapp.core.kiosk.pins.clock", lambda: now[0])
    hosts = [make_app(database_url, tmp_path) for _host in range(2)]
    clients = [host.test_client() for host in hosts]
    for index in range(5):
        assert kiosk_leader(clients[index % 2], kiosk.kiosk_token, "0000").status_code == 403
    for client in clients:
        locked = kiosk_leader(client, kiosk.kiosk_token)
        assert "Liian monta väärää PIN-koodia" in locked.get_data(as_text=True)
    now[0] += 300
    assert kiosk_leader(clients[0], kiosk.kiosk_token).headers["Location"].endswith("/sulje")
    for host in hosts:
        host.extensions["surveyapp.db"].kw["bind"].dispose()
