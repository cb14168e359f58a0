"""Group leaders and steering-group readers are confined to what their role opens in their own
project: every route is requested as each of them, with GET and POST. A coordinator page their role
does not open is 403 (or 404 where it is not theirs); nothing is ever a 500. The routes are read
from the app's url_map, so a new coordinator page is refused to these roles unless listed here."""

from __future__ import annotations

import datetime as dt

import pytest

from surveyapp.core import group_sessions, people, responses
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import Project
from surveyapp.core.users import create_user
from tests.helpers import (
    PASSWORD,
    csrf_token,
    log_in,
    make_collection,
    make_organisation,
    shipped_instruments,
)

INSTRUMENTS = shipped_instruments()


# What each role below coordinator may open in its own project; every other page under
# /coordinate/ refuses it (403, or 404 for what is not theirs), except those below.
ROLE_ALLOWED = {
    "group_leader": {"coordinate.new_session", "coordinate.group_session"},
    "steering_reader": {"coordinate.collection_results", "coordinate.report_pdf"},
}
# Coordinator pages any account may open: they show only what the account's roles allow.
ANY_ACCOUNT = {
    "coordinate.index": "lists only what each role opens (checked below)",
    "coordinate.instrument_results": "only collections whose results the role reads",
    "coordinate.instrument_pdf": "a blank form of an instrument, no answers",
    "coordinate.old_new_collection_address": "redirects to new_collection (refused there)",
    "organisations.index": "lists only organisations the user coordinates for (none)",
    "projects.index": "lists only the projects the user coordinates (none)",
}


@pytest.fixture
def own_project_roles(db):
    """Project "oma" (collection "oma" with 6 answers, its organisation), a group leader with a session
    of their own, another group leader's session there, and a steering-group reader."""
    collection = make_collection(db, "session_feedback", slug="oma")
    collection.project = Project(slug="oma", name="Oma hanke")
    make_organisation(db, "oma-org", projects=("oma",))
    for _ in range(6):
        responses.submit(
            db,
            collection=collection,
            instrument=INSTRUMENTS["session_feedback"],
            answers=[AnswerValue("arvosana", grade=8)],
            channel="web",
            municipality_code="muhos",
            day=dt.date(2026, 3, 2),
            precision="week",
            key=None,
        )
    users = {}
    for role in ("group_leader", "steering_reader", "other_leader"):
        user = create_user(
            db, email=f"{role}@example.fi", name=role, password=PASSWORD, role="coordinator"
        )
        people.give_role(db, user, collection.project, role.replace("other_", "group_"))
        users[role] = user
    sessions = {}
    for role in ("group_leader", "other_leader"):
        made = group_sessions.create(
            db,
            collection=collection,
            group_name=f"Ryhmä {role}",
            municipality_code="muhos",
            held_on=dt.date(2026, 3, 2),
            pin="1234",
        )
        made.leader_id = users[role].id
        sessions[role] = made
    db.commit()
    return {
        "slug": "oma",
        "session_id": sessions["group_leader"].id,
        "other_session_id": sessions["other_leader"].id,
        "token": sessions["group_leader"].kiosk_token,
        "user_id": users["other_leader"].id,
        "org": "oma-org",
        "batch": 1,
        "instrument_id": "session_feedback",
        "version": 1,
        "kind": "xlsx",
        "name": "plotly",
        "filename": "app.css",
    }


@pytest.mark.parametrize("role", sorted(ROLE_ALLOWED))
def test_every_route_is_confined_for_each_role(app, db, own_project_roles, role):
    """Each route, in the role's own project, with GET and POST: allowed ones work, the others are
    403 or 404, and nothing is ever a 500."""
    client = app.test_client()
    assert log_in(client, f"{role}@example.fi").status_code == 302
    token = csrf_token(client.get("/coordinate/").get_data(as_text=True))
    allowed = ROLE_ALLOWED[role]
    seen = set()
    for rule in app.url_map.iter_rules():
        values = {name: own_project_roles.get(name, "tuntematon") for name in rule.arguments}
        if rule.endpoint == "organisations.edit":
            values["slug"] = "oma-org"
        path = rule.build(values)[1]
        for method in sorted(rule.methods & {"GET", "POST"}):
            data = {"csrf_token": token} if method == "POST" else None
            with client.open(path, method=method, data=data) as response:
                status = response.status_code
            assert status < 500, (role, method, path, status)
            if rule.endpoint in allowed:
                assert status not in (403, 404), (role, method, path, status)
            elif rule.rule.startswith("/coordinate/") and rule.endpoint not in ANY_ACCOUNT:
                assert status in (403, 404), (role, method, path, status)
            seen.add(rule.endpoint)
        if client.get("/coordinate/").status_code != 200:  # that was the logout (or login) page
            assert log_in(client, f"{role}@example.fi").status_code == 302
            token = csrf_token(client.get("/coordinate/").get_data(as_text=True))
    assert allowed <= seen
    # A group leader's own session only; another leader's is not there for them.
    other = client.get(f"/coordinate/sessions/{own_project_roles['other_session_id']}")
    assert other.status_code == (404 if role == "group_leader" else 403)


def test_each_roles_front_page_offers_only_what_it_may_open(app, own_project_roles):
    pages = {}
    for role in ROLE_ALLOWED:
        client = app.test_client()
        assert log_in(client, f"{role}@example.fi").status_code == 302
        pages[role] = client.get("/coordinate/").get_data(as_text=True)
    leader, reader = pages["group_leader"], pages["steering_reader"]
    assert "/coordinate/c/oma/sessions/new" in leader and "/coordinate/c/oma/results" not in leader
    assert f"/coordinate/sessions/{own_project_roles['session_id']}" in leader
    assert f"/coordinate/sessions/{own_project_roles['other_session_id']}" not in leader
    assert "/coordinate/c/oma/results" in reader and "/coordinate/c/oma/raportti.pdf" in reader
    assert "sessions/new" not in reader and 'href="/coordinate/c/oma"' not in reader
    for page in (leader, reader):
        assert "/coordinate/c/new" not in page and "/coordinate/projects/" not in page


def test_a_group_leaders_new_session_is_their_own(app, db, own_project_roles):
    client = app.test_client()
    assert log_in(client, "group_leader@example.fi").status_code == 302
    page = client.get("/coordinate/c/oma/sessions/new").get_data(as_text=True)
    response = client.post(
        "/coordinate/c/oma/sessions/new",
        data={
            "csrf_token": csrf_token(page),
            "group_name": "Uusi ryhmä",
            "municipality": "muhos",
            "held_on": "3.3.2026",
            "pin": "4321",
            "language": "fi",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert client.get(response.headers["Location"]).status_code == 200
