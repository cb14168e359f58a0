"""Share links on the coordinator's side: make one, see it listed with its last day, revoke it; bad
input refused with a clear message and nothing stored; another project's coordinator refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from sqlalchemy import inspect, select, text

from surveyapp.core.models import Project, ShareLink
from surveyapp.core.users import create_user
from tests.helpers import (
    PASSWORD,
    csrf_token,
    helsinki_today,
    log_in,
    make_collection,
    make_share_link,
    page_csrf,
)


def share_rows(db) -> list[ShareLink]:
    db.expire_all()
    return list(db.scalars(select(ShareLink)))


def listed(client, slug: str = "testi") -> str:
    page = client.get(f"/coordinate/c/{slug}").get_data(as_text=True)
    return page.split('id="share-links"')[1].split("<h2>")[0]


def fixed_today(monkeypatch, day: dt.date) -> None:
    """The app's today (web/submissions.today, Finnish time) set to ``day``."""
    monkeypatch.setattr("surveyapp.web.submissions.today", lambda: day)


def test_make_list_and_revoke(app, client, db, coordinator):
    make_collection(db, "session_feedback")
    page = client.get("/coordinate/c/testi/share").get_data(as_text=True)
    default = helsinki_today() + dt.timedelta(days=90)
    assert f'value="{default.day}.{default.month}.{default.year}"' in page
    assert "Ei jakolinkkejä." in listed(client)

    path = make_share_link(client, "testi", "Ohjausryhmä 2026")
    token = path.removeprefix("/tulokset/")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 32 random bytes: 256 bits
    (row,) = share_rows(db)
    link_id = row.id
    assert (row.label, row.expires_on) == ("Ohjausryhmä 2026", default)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    engine = app.extensions["surveyapp.db"].kw["bind"]
    with engine.connect() as conn:  # the token itself is in no table
        for table in inspect(engine).get_table_names():
            for stored in conn.execute(text(f"SELECT * FROM {table}")):
                assert token not in str(stored), table
    # Listed with its label, its last day and a revoke button; the address is never shown again.
    shown = listed(client)
    assert "Ohjausryhmä 2026" in shown
    assert f"voimassa {default.day}.{default.month}.{default.year} asti" in shown
    assert token not in client.get("/coordinate/c/testi").get_data(as_text=True)
    assert client.get(path).status_code == 200

    revoked = client.post(
        f"/coordinate/c/testi/share/{link_id}/revoke",
        data={"csrf_token": page_csrf(client, "/coordinate/c/testi")},
    )
    assert revoked.status_code == 302
    assert revoked.headers["Location"] == "/coordinate/c/testi#share-links"
    page = client.get("/coordinate/c/testi").get_data(as_text=True)
    assert "Jakolinkki peruttiin" in page and "Ohjausryhmä 2026" not in page
    assert share_rows(db) == []
    assert client.get(path).status_code == 404
    # Revoking it again: a clear refusal, nothing changed, no 500.
    again = client.post(
        f"/coordinate/c/testi/share/{link_id}/revoke",
        data={"csrf_token": page_csrf(client, "/coordinate/c/testi")},
    )
    assert again.status_code == 404
    assert "Mitään ei muutettu" in again.get_data(as_text=True)


def test_the_address_page_is_not_cached(client, db, coordinator):
    make_collection(db, "session_feedback")
    page = client.get("/coordinate/c/testi/share").get_data(as_text=True)
    made = client.post(
        "/coordinate/c/testi/share",
        data={"csrf_token": csrf_token(page), "label": "Rahoittaja", "expires_on": ""},
    )
    assert made.status_code == 422  # an empty day is not the default: the coordinator chooses
    day = helsinki_today().isoformat()
    made = client.post(
        "/coordinate/c/testi/share",
        data={"csrf_token": csrf_token(page), "label": "Rahoittaja", "expires_on": day},
    )
    assert made.status_code == 201
    assert made.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("label", "expires_on", "message"),
    [
        ("", None, "Anna linkille nimi"),
        ("   ", None, "Anna linkille nimi"),
        ("x" * 101, None, "Anna linkille nimi"),
        ("Ohjaus\x00ryhmä", None, "merkkejä, joita ei voi tallentaa"),
        ("Ohjausryhmä", "eilen", "Anna päivä"),
        ("Ohjausryhmä", "31.2.2027", "Anna päivä"),
        ("Ohjausryhmä", "yesterday", "Anna päivä"),
        ("Ohjausryhmä", -1, "Anna päivä"),
        ("Ohjausryhmä", 366, "Anna päivä"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(
    client, db, coordinator, label, expires_on, message
):
    make_collection(db, "session_feedback")
    if isinstance(expires_on, int):
        day = helsinki_today() + dt.timedelta(days=expires_on)
        expires_on = f"{day.day}.{day.month}.{day.year}"
    page = client.get("/coordinate/c/testi/share").get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), "label": label, "expires_on": expires_on}
    if expires_on is None:
        data["expires_on"] = re.search(r'name="expires_on" type="text" value="([^"]+)"', page)[1]
    refused = client.post("/coordinate/c/testi/share", data=data)
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert message in html and 'id="error-summary"' in html
    assert "data-share-address" not in html
    assert share_rows(db) == []


def test_the_last_day_may_be_a_year_ahead_and_today(client, db, coordinator):
    make_collection(db, "session_feedback")
    latest = helsinki_today() + dt.timedelta(days=365)
    make_share_link(client, "testi", "Vuosi", f"{latest.day}.{latest.month}.{latest.year}")
    make_share_link(client, "testi", "Tänään", helsinki_today().isoformat())
    assert sorted(r.expires_on for r in share_rows(db)) == [helsinki_today(), latest]


def test_a_link_works_through_its_last_day_then_ends(client, db, coordinator, monkeypatch):
    make_collection(db, "session_feedback")
    fixed_today(monkeypatch, dt.date(2026, 12, 1))
    path = make_share_link(client, "testi", "Ohjausryhmä 2026", "3.12.2026")
    for day, status in ((1, 200), (2, 200), (3, 200), (4, 404), (40, 404)):
        fixed_today(monkeypatch, dt.date(2026, 12, day) if day < 32 else dt.date(2027, 1, 9))
        assert client.get(path).status_code == status, day
        assert client.get(f"{path}/raportti.pdf").status_code == status, day
    # An ended link stays listed, marked as ended, until it is removed.
    shown = listed(client)
    assert "päättyi 3.12.2026" in shown and "Poista" in shown
    (row,) = share_rows(db)
    removed = client.post(
        f"/coordinate/c/testi/share/{row.id}/revoke",
        data={"csrf_token": page_csrf(client, "/coordinate/c/testi")},
    )
    assert removed.status_code == 302 and share_rows(db) == []


@pytest.fixture
def other_project(app, db, client, coordinator):
    """A share link of collection "vieras" (project valpas) made on ``client``; returns its path and
    a client of a coordinator of another project (collection "oma"), logged in."""
    make_collection(db, "session_feedback", slug="vieras")
    own = make_collection(db, "session_feedback", slug="oma")
    own.project = Project(slug="oma", name="Oma hanke")
    db.commit()
    path = make_share_link(client, "vieras", "Vieraan ohjausryhmä")
    user = create_user(
        db, email="oma@example.fi", name="Oma", password=PASSWORD, role="coordinator"
    )
    user.projects.append(own.project)
    db.commit()
    other = app.test_client()
    assert log_in(other, "oma@example.fi").status_code == 302
    return path, other


def test_another_projects_coordinator_cannot_make_see_or_revoke(db, other_project):
    path, client = other_project
    (row,) = share_rows(db)
    token = page_csrf(client, "/coordinate/c/oma")
    for address, data in (
        (f"/coordinate/c/vieras/share/{row.id}/revoke", {"csrf_token": token}),
        (f"/coordinate/c/oma/share/{row.id}/revoke", {"csrf_token": token}),
        ("/coordinate/c/vieras/share", {"csrf_token": token, "label": "x", "expires_on": ""}),
    ):
        refused = client.post(address, data=data)
        assert refused.status_code == 404, address
        assert "Vieraan ohjausryhmä" not in refused.get_data(as_text=True)
    assert client.get("/coordinate/c/vieras/share").status_code == 404
    assert "Vieraan ohjausryhmä" not in client.get("/coordinate/c/oma").get_data(as_text=True)
    assert len(share_rows(db)) == 1
    assert client.get(path).status_code == 200  # the link still works
