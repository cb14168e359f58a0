"""Answering a round with single-use access codes, through HTTP."""
from __future__ import annotations

import re

from sqlalchemy import select

from surveyapp import access_codes
from surveyapp.models import AccessCode, Response
from tests.helpers import count_responses, form_tokens, make_collection

PARTNER = {"paikkakunta": "muhos", "kokonaisarvosana": "8", "perustelu": "Hyvä yhteistyö"}


def code_round(session, *, per_municipality=(("muhos", 3), ("kemijarvi", 2)), instrument="valpas_partner_survey"):
    collection = make_collection(session, instrument, "kumppanit", municipalities=("muhos", "kemijarvi"),
                                 audience="partners")
    collection.access = "codes"
    for place, count in per_municipality:
        access_codes.generate(session, collection, place, count)
    session.commit()
    return collection


def codes_of(session, collection, place):
    return sorted(session.scalars(select(AccessCode.code).where(AccessCode.collection_id == collection.id,
                                                                AccessCode.municipality_code == place)))


def open_with(client, code):
    return client.get("/c/kumppanit", query_string={"koodi": code})


def answer(client, code, answers=PARTNER):
    page = open_with(client, code)
    assert page.status_code == 200, page.get_data(as_text=True)
    return client.post("/c/kumppanit", data={**form_tokens(page.get_data(as_text=True)), "_code": code, **answers})


def test_without_a_code_the_round_asks_for_one(client, session):
    code_round(session)
    page = client.get("/c/kumppanit")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'name="koodi"' in html and 'name="kokonaisarvosana"' not in html
    assert "Pääsykoodi" in html


def test_a_code_in_lower_case_with_spaces_opens_the_form_and_stores_once(client, session):
    collection = code_round(session)
    code = codes_of(session, collection, "kemijarvi")[0]
    typed = f" {code[:4].lower()} {code[4:].lower()} "
    response = answer(client, typed, {**PARTNER, "paikkakunta": "kemijarvi"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/c/kumppanit/kiitos")
    stored = session.scalars(select(Response)).one()
    assert (stored.municipality_code, stored.channel) == ("kemijarvi", "web")
    assert [(a.item_code, a.choice_code) for a in stored.answers if a.item_code == "paikkakunta"] == [
        ("paikkakunta", "kemijarvi")]
    assert access_codes.counts(session, collection) == {"kemijarvi": access_codes.Counts(2, 1),
                                                        "muhos": access_codes.Counts(3, 0)}


def test_the_code_decides_the_municipality_question(client, session):
    collection = code_round(session)
    code = codes_of(session, collection, "kemijarvi")[0]
    html = open_with(client, code).get_data(as_text=True)
    assert re.findall(r'name="paikkakunta" value="([^"]+)"', html) == ["kemijarvi"]
    assert re.search(r'value="kemijarvi" autocomplete="off" checked', html)
    # Another municipality posted anyway: refused beside the question, nothing stored, code still unused.
    tokens = form_tokens(html)
    page = client.post("/c/kumppanit", data={**tokens, "_code": code, **PARTNER})
    assert page.status_code == 422
    assert count_responses(session) == 0
    assert access_codes.counts(session, collection)["kemijarvi"].used == 0


def test_a_code_works_once(client, session):
    collection = code_round(session)
    code = codes_of(session, collection, "muhos")[0]
    assert answer(client, code).status_code == 302
    again = open_with(client, code)
    assert again.status_code == 422
    assert "Tätä koodia ei voi käyttää" in again.get_data(as_text=True)
    assert count_responses(session) == 1


def test_the_same_post_twice_is_one_answer_not_a_used_code_error(client, session):
    collection = code_round(session)
    code = codes_of(session, collection, "muhos")[0]
    page = open_with(client, code)
    data = {**form_tokens(page.get_data(as_text=True)), "_code": code, **PARTNER}
    assert client.post("/c/kumppanit", data=data).status_code == 302
    assert client.post("/c/kumppanit", data=data).status_code == 302
    assert count_responses(session) == 1


def test_a_code_used_in_another_window_keeps_the_answers_typed(client, session):
    collection = code_round(session)
    code = codes_of(session, collection, "muhos")[0]
    first, second = open_with(client, code), open_with(client, code)
    assert client.post("/c/kumppanit", data={**form_tokens(first.get_data(as_text=True)), "_code": code,
                                             **PARTNER}).status_code == 302
    late = client.post("/c/kumppanit", data={**form_tokens(second.get_data(as_text=True)), "_code": code,
                                             **PARTNER, "perustelu": "Toinen ikkuna"})
    html = late.get_data(as_text=True)
    assert late.status_code == 422
    assert "Tätä koodia ei voi käyttää" in html and "Toinen ikkuna" in html
    assert count_responses(session) == 1


def test_unknown_codes_and_codes_of_another_round_get_the_same_answer(client, session):
    collection = code_round(session)
    other = make_collection(session, "valpas_partner_survey", "toinen", municipalities=("muhos",))
    other.access = "codes"
    access_codes.generate(session, other, "muhos", 1)
    session.commit()
    foreign = codes_of(session, other, "muhos")[0]
    replies = [open_with(client, raw) for raw in (foreign, "ACDE-F347", "nonsense", "x" * 5000)]
    assert [r.status_code for r in replies] == [422] * 4
    bodies = {re.sub(r'value="[^"]*"|koodi=[^"&]*', "", r.get_data(as_text=True)) for r in replies}
    assert len(bodies) == 1  # nothing but the echoed input differs
    assert count_responses(session) == 0
    assert access_codes.counts(session, collection)["muhos"].used == 0


def test_guessing_is_stopped_after_ten_tries_even_with_a_right_code(client, session):
    collection = code_round(session)
    for guess in range(10):
        assert open_with(client, f"AAAA-AA{guess % 10}A").status_code == 422
    right = codes_of(session, collection, "muhos")[0]
    page = open_with(client, right)
    assert page.status_code == 422
    assert "Liian monta koodia" in page.get_data(as_text=True)


def test_guessing_is_limited_per_round_across_clients(client, session, app):
    collection = code_round(session)
    for guess in range(100):
        client.get("/c/kumppanit", query_string={"koodi": "AAAAAAAA"}, environ_base={"REMOTE_ADDR": f"10.0.0.{guess}"})
    right = codes_of(session, collection, "muhos")[0]
    page = client.get("/c/kumppanit", query_string={"koodi": right}, environ_base={"REMOTE_ADDR": "10.1.1.1"})
    assert "Liian monta koodia" in page.get_data(as_text=True)


def test_the_guard_keeps_no_client_address(client, session, app):
    code_round(session)
    client.get("/c/kumppanit", query_string={"koodi": "AAAAAAAA"}, environ_base={"REMOTE_ADDR": "192.0.2.77"})
    held = repr({name: vars(guard) for name, guard in app.extensions.items() if "guesses" in name})
    assert "192.0.2.77" not in held and "failures" in held


def test_paper_only_round_has_no_web_form(client, session):
    collection = make_collection(session, "valpas_partner_survey", "paperi")
    collection.access = "paper"
    session.commit()
    page = client.get("/c/paperi")
    assert page.status_code == 200
    assert "paperilomakkeella" in page.get_data(as_text=True)
    assert client.post("/c/paperi", data=PARTNER).status_code in (200, 400)
    assert count_responses(session) == 0
    assert "/c/paperi" not in client.get("/").get_data(as_text=True)


def test_a_municipality_link_of_an_open_round_sets_the_municipality(client, session):
    make_collection(session, "session_feedback", "avoin", municipalities=("muhos", "kemijarvi"))
    page = client.get("/c/avoin?kunta=kemijarvi")
    html = page.get_data(as_text=True)
    assert 'action="/c/avoin?kunta=kemijarvi"' in html
    client.post("/c/avoin?kunta=kemijarvi", data={**form_tokens(html), "arvosana": "9"})
    assert session.scalars(select(Response.municipality_code)).one() == "kemijarvi"
    assert client.get("/c/avoin?kunta=oulu").status_code == 404
