"""Session kinds on the session form, paper forms entered for a session, the activity table's page."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from surveyapp.core import group_sessions
from surveyapp.core.models import GroupSession, Response
from tests.helpers import count_responses, form_tokens, make_collection, page_csrf


def new_session(db, collection, *, kind="group", place="muhos", closed=False):
    made = group_sessions.create(
        db,
        collection=collection,
        group_name="Voimavararyhmä",
        municipality_code=place,
        held_on=dt.date(2026, 2, 9),
        pin="2468",
        kind=kind,
    )
    if closed:
        made.closed_on = dt.date(2026, 2, 9)
    db.commit()
    return made


def test_the_session_form_asks_the_kind(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos",))
    path = "/coordinate/c/testi/sessions/new"
    page = client.get(path).get_data(as_text=True)
    assert re.search(r'<label for="kind">Toiminnan laji</label>', page)
    assert '<option selected value="group">ryhmäkerta</option>' in page
    assert '<option value="trip">retki</option>' in page and ">muu</option>" in page
    data = {"group_name": "Kalaretki", "municipality": "muhos", "held_on": "", "pin": "2468"}
    bad = client.post(path, data={**data, "kind": "juhla", "csrf_token": page_csrf(client, path)})
    assert bad.status_code == 422
    assert "Valitse yksi näytetyistä vaihtoehdoista." in bad.get_data(as_text=True)
    assert db.scalars(select(GroupSession)).all() == []
    made = client.post(path, data={**data, "kind": "trip", "csrf_token": page_csrf(client, path)})
    assert made.status_code == 302
    assert db.scalars(select(GroupSession.kind)).one() == "trip"
    history = client.get("/coordinate/c/testi/sessions").get_data(as_text=True)
    assert '<td data-kind="trip">retki</td>' in history
    assert "Toiminta vuosittain" in history


def test_a_paper_form_entered_for_a_session(client, db, coordinator):
    collection = make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    trip = new_session(db, collection, kind="trip", place="utajarvi")
    closed = new_session(db, collection, closed=True)
    other = make_collection(db, "session_feedback", "toinen", municipalities=("muhos",))
    elsewhere = new_session(db, other)
    page = client.get("/coordinate/c/testi/paper").get_data(as_text=True)
    # Only this survey's open sessions are offered.
    assert f'value="{trip.id}"' in page and "(retki)" in page
    assert closed.id not in page and elsewhere.id not in page
    tokens = form_tokens(page)
    saved = client.post(
        "/coordinate/c/testi/paper", data={**tokens, "arvosana": "9", "_session": trip.id}
    )
    assert saved.status_code == 302
    stored = db.scalars(select(Response)).one()
    # The session's municipality, and its date when the form gives none.
    assert (stored.group_session_id, stored.municipality_code, stored.channel) == (
        trip.id,
        "utajarvi",
        "paper",
    )
    assert stored.period_start == dt.date(2026, 2, 9)  # Monday of the session's week


def test_paper_entry_refuses_a_session_it_cannot_take(client, db, coordinator):
    collection = make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    closed = new_session(db, collection, closed=True)
    muhos = new_session(db, collection)
    other = make_collection(db, "session_feedback", "toinen", municipalities=("muhos",))
    elsewhere = new_session(db, other)
    for chosen, extra, message in (
        (elsewhere.id, {}, "Ryhmäkerta ei kuulu tähän kyselyyn."),
        ("x" * 40, {}, "Ryhmäkerta ei kuulu tähän kyselyyn."),
        (closed.id, {}, "Ryhmäkerta on päätetty"),
        (muhos.id, {"_municipality": "utajarvi"}, "Ryhmäkerta pidettiin kunnassa Muhos."),
    ):
        tokens = form_tokens(client.get("/coordinate/c/testi/paper").get_data(as_text=True))
        page = client.post(
            "/coordinate/c/testi/paper",
            data={**tokens, "arvosana": "8", "vapaa_palaute": "Kiva", "_session": chosen, **extra},
        )
        html = page.get_data(as_text=True)
        assert page.status_code == 422, chosen
        assert message in html, chosen
        assert 'href="#field-_session"' in html and ">Kiva</textarea>" in html
        assert count_responses(db) == 0
