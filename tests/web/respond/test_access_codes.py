"""Answering a round with single-use access codes, through HTTP."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from surveyapp.core import access_codes
from surveyapp.core.models import Response, Throttle
from tests.helpers import (
    PARTNER,
    code_round,
    codes_of,
    count_responses,
    form_tokens,
    make_app,
    make_collection,
)


def open_with(client, code):
    return client.get("/c/kumppanit", query_string={"koodi": code})


def answer(client, code, answers=PARTNER):
    page = open_with(client, code)
    assert page.status_code == 200, page.get_data(as_text=True)
    return client.post(
        "/c/kumppanit", data={**form_tokens(page.get_data(as_text=True)), "_code": code, **answers}
    )


def test_without_a_code_the_round_asks_for_one(client, db):
    code_round(db)
    page = client.get("/c/kumppanit")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'name="koodi"' in html and 'name="kokonaisarvosana"' not in html
    assert "Pääsykoodi" in html


def test_a_code_in_lower_case_with_spaces_opens_the_form_and_stores_once(client, db):
    collection = code_round(db)
    code = codes_of(db, collection, "kemijarvi")[0]
    typed = f" {code[:4].lower()} {code[4:].lower()} "
    response = answer(client, typed, {**PARTNER, "paikkakunta": "kemijarvi"})
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/c/kumppanit/kiitos"
    )
    stored = db.scalars(select(Response)).one()
    assert (stored.municipality_code, stored.channel) == ("kemijarvi", "web")
    assert [
        (a.item_code, a.choice_code) for a in stored.answers if a.item_code == "paikkakunta"
    ] == [("paikkakunta", "kemijarvi")]
    assert access_codes.counts(db, collection) == {
        "kemijarvi": access_codes.Counts(2, 1),
        "muhos": access_codes.Counts(3, 0),
    }


def test_the_code_decides_the_municipality_question(client, db):
    collection = code_round(db)
    code = codes_of(db, collection, "kemijarvi")[0]
    html = open_with(client, code).get_data(as_text=True)
    assert re.findall(r'name="paikkakunta" value="([^"]+)"', html) == ["kemijarvi"]
    assert re.search(r'value="kemijarvi" autocomplete="off" checked', html)
    # Another municipality posted anyway: refused beside the question, nothing stored, code still unused.
    tokens = form_tokens(html)
    page = client.post("/c/kumppanit", data={**tokens, "_code": code, **PARTNER})
    assert page.status_code == 422
    assert count_responses(db) == 0
    assert access_codes.counts(db, collection)["kemijarvi"].used == 0


def test_a_code_works_once(client, db):
    collection = code_round(db)
    code = codes_of(db, collection, "muhos")[0]
    assert answer(client, code).status_code == 302
    again = open_with(client, code)
    assert again.status_code == 422
    assert "Tätä koodia ei voi käyttää" in again.get_data(as_text=True)
    assert count_responses(db) == 1


def test_the_same_post_twice_is_one_answer_not_a_used_code_error(client, db):
    collection = code_round(db)
    code = codes_of(db, collection, "muhos")[0]
    page = open_with(client, code)
    data = {**form_tokens(page.get_data(as_text=True)), "_code": code, **PARTNER}
    assert client.post("/c/kumppanit", data=data).status_code == 302
    assert client.post("/c/kumppanit", data=data).status_code == 302
    assert count_responses(db) == 1


def test_a_code_used_in_another_window_keeps_the_answers_typed(client, db):
    collection = code_round(db)
    code = codes_of(db, collection, "muhos")[0]
    first, second = open_with(client, code), open_with(client, code)
    assert (
        client.post(
            "/c/kumppanit",
            data={**form_tokens(first.get_data(as_text=True)), "_code": code, **PARTNER},
        ).status_code
        == 302
    )
    late = client.post(
        "/c/kumppanit",
        data={
            **form_tokens(second.get_data(as_text=True)),
            "_code": code,
            **PARTNER,
            "perustelu": "Toinen ikkuna",
        },
    )
    html = late.get_data(as_text=True)
    assert late.status_code == 422
    assert "Tätä koodia ei voi käyttää" in html and "Toinen ikkuna" in html
    assert count_responses(db) == 1


def test_unknown_codes_and_codes_of_another_round_get_the_same_answer(client, db):
    collection = code_round(db)
    other = make_collection(db, "valpas_partner_survey", "toinen", municipalities=("muhos",))
    other.access = "codes"
    access_codes.generate(db, other, "muhos", 1)
    db.commit()
    foreign = codes_of(db, other, "muhos")[0]
    replies = [open_with(client, raw) for raw in (foreign, "ACDE-F347", "nonsense", "x" * 5000)]
    assert [r.status_code for r in replies] == [422] * 4
    bodies = {re.sub(r'value="[^"]*"|koodi=[^"&]*', "", r.get_data(as_text=True)) for r in replies}
    assert len(bodies) == 1  # nothing but the echoed input differs
    assert count_responses(db) == 0
    assert access_codes.counts(db, collection)["muhos"].used == 0


WAIT = "Tästä yhteydestä on kokeiltu liian monta väärää koodia. Odota {} min ja yritä sitten uudelleen."


def from_address(client, code, address, **headers):
    return client.get(
        "/c/kumppanit",
        query_string={"koodi": code},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    )


def test_a_guesser_is_slowed_down_and_nobody_else(client, db, monkeypatch):
    """Ten wrong codes are free; then one address waits ever longer, even with a right code, and only it."""
    collection = code_round(db)
    now = [1_800_000_000]
    monkeypatch.setattr("surveyapp.web.respond.views.clock", lambda: now[0])
    for guess in range(11):
        page = from_address(client, f"AAAA-AA{guess % 10}A", "198.51.100.7")
        assert page.status_code == 422 and "Tätä koodia ei voi käyttää" in page.get_data(
            as_text=True
        )
    right = codes_of(db, collection, "muhos")
    refused = from_address(client, right[0], "198.51.100.7")
    assert refused.status_code == 422
    assert WAIT.format(1) in refused.get_data(as_text=True)
    # A respondent elsewhere, at the same moment, gets in.
    assert from_address(client, right[0], "192.0.2.20").status_code == 200
    # After the wait, the guesser may try again; the next wrong code doubles the wait (30 s, 60 s, 120 s …).
    now[0] += 30
    assert from_address(client, "AAAA-AAAA", "198.51.100.7").status_code == 422
    now[0] += 59
    assert WAIT.format(1) in from_address(client, right[1], "198.51.100.7").get_data(as_text=True)
    now[0] += 1
    assert from_address(client, "AAAA-AAAA", "198.51.100.7").status_code == 422
    assert WAIT.format(2) in from_address(client, right[1], "198.51.100.7").get_data(as_text=True)


def test_a_posted_code_is_counted_the_same_way(client, db):
    collection = code_round(db)
    right = codes_of(db, collection, "muhos")[0]
    tokens = form_tokens(from_address(client, right, "198.51.100.7").get_data(as_text=True))
    for _guess in range(11):
        client.post(
            "/c/kumppanit",
            data={**tokens, "_code": "AAAA-AAAA", **PARTNER},
            environ_base={"REMOTE_ADDR": "198.51.100.7"},
        )
    page = client.post(
        "/c/kumppanit",
        data={**tokens, "_code": right, **PARTNER},
        environ_base={"REMOTE_ADDR": "198.51.100.7"},
    )
    assert page.status_code == 422 and WAIT.format(1) in page.get_data(as_text=True)
    assert count_responses(db) == 0


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_four_hundred_guessers_never_keep_respondents_out(database_url, tmp_path):
    """400 wrong codes from 400 addresses behind the proxy, then 10 respondents with their codes all answer.

    On PostgreSQL only, the production database (and 400 commits take twice as long on SQLite);
    the counting itself is tested on both.
    """
    app = make_app(database_url, tmp_path, PROXY_COUNT=1)
    with app.extensions["surveyapp.db"]() as db:
        collection = code_round(db, per_municipality=(("muhos", 6), ("kemijarvi", 4)))
        right = codes_of(db, collection, "muhos") + codes_of(db, collection, "kemijarvi")
        client = app.test_client()
        proxy = {"REMOTE_ADDR": "10.0.0.2"}  # every request comes through the proxy
        for guess in range(400):
            page = client.get(
                "/c/kumppanit",
                query_string={"koodi": access_codes.new_code()},
                environ_base=proxy,
                headers={"X-Forwarded-For": f"203.0.{guess // 200}.{guess % 200 + 1}"},
            )
            assert page.status_code == 422
        for number, code in enumerate(right):
            headers = {"X-Forwarded-For": f"198.51.100.{number + 1}"}
            page = client.get(
                "/c/kumppanit", query_string={"koodi": code}, environ_base=proxy, headers=headers
            )
            assert page.status_code == 200, page.get_data(as_text=True)
            answers = {**PARTNER, "paikkakunta": "muhos" if number < 6 else "kemijarvi"}
            sent = client.post(
                "/c/kumppanit",
                data={**form_tokens(page.get_data(as_text=True)), "_code": code, **answers},
                environ_base=proxy,
                headers=headers,
            )
            assert sent.status_code == 302, sent.get_data(as_text=True)
        assert count_responses(db) == 10
    app.extensions["surveyapp.db"].kw["bind"].dispose()


def test_app_hosts_share_the_count(database_url, tmp_path, db):
    """Two apps on one database, as two hosts: one client's wrong codes add up across them."""
    collection = code_round(db)
    right = codes_of(db, collection, "muhos")[0]
    hosts = [make_app(database_url, tmp_path) for _host in range(2)]
    for guess in range(11):
        with hosts[guess % 2].test_client() as client:
            assert from_address(client, "AAAA-AAAA", "198.51.100.7").status_code == 422
    for host in hosts:
        with host.test_client() as client:
            assert WAIT.format(1) in from_address(client, right, "198.51.100.7").get_data(
                as_text=True
            )
            assert from_address(client, right, "192.0.2.20").status_code == 200
        host.extensions["surveyapp.db"].kw["bind"].dispose()


def test_the_count_keeps_no_address_and_no_code(client, db):
    collection = code_round(db)
    from_address(client, "AAAA-AAAA", "192.0.2.77")
    from_address(client, codes_of(db, collection, "muhos")[0] + "X", "2001:db8::77")
    rows = db.execute(
        select(Throttle.key, Throttle.failures, Throttle.blocked_until, Throttle.expires)
    ).all()
    assert len(rows) == 2 and all(re.fullmatch(r"[0-9a-f]{64}", row.key) for row in rows)
    held = repr(rows)
    for secret in [
        "192.0.2.77",
        "2001:db8",
        "AAAAAAAA",
        "kumppanit",
        collection.id,
        *codes_of(db, collection, "muhos"),
    ]:
        assert secret not in held


def test_paper_only_round_has_no_web_form(client, db):
    collection = make_collection(db, "valpas_partner_survey", "paperi")
    collection.access = "paper"
    db.commit()
    page = client.get("/c/paperi")
    assert page.status_code == 200
    assert "paperilomakkeella" in page.get_data(as_text=True)
    assert client.post("/c/paperi", data=PARTNER).status_code in (200, 400)
    assert count_responses(db) == 0
    assert "/c/paperi" not in client.get("/").get_data(as_text=True)


def test_a_municipality_link_of_an_open_round_sets_the_municipality(client, db):
    make_collection(db, "session_feedback", "avoin", municipalities=("muhos", "kemijarvi"))
    page = client.get("/c/avoin?kunta=kemijarvi")
    html = page.get_data(as_text=True)
    assert 'action="/c/avoin?kunta=kemijarvi"' in html
    client.post("/c/avoin?kunta=kemijarvi", data={**form_tokens(html), "arvosana": "9"})
    assert db.scalars(select(Response.municipality_code)).one() == "kemijarvi"
    assert client.get("/c/avoin?kunta=oulu").status_code == 404
