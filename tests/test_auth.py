"""Coordinator accounts: hashed passwords, login, project access, the users CLI."""
from __future__ import annotations

import re

from sqlalchemy import select

from surveyapp.auth import create_user
from surveyapp.models import Project, User
from tests.helpers import make_collection


def login(client, email, password):
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    return client.post("/auth/login?next=/coordinate/c/testi", data={"csrf_token": token, "email": email,
                                                                      "password": password})


def test_password_stored_only_as_a_hash(session):
    user = create_user(session, email="A@Example.fi", name="A", password="pitka-salasana-1", role="admin")
    assert user.email == "a@example.fi"
    assert "pitka-salasana-1" not in user.password_hash and user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_wrong_password_is_refused_in_finnish(client, session):
    create_user(session, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
    session.commit()
    page = login(client, "a@example.fi", "vaara")
    assert page.status_code == 422
    assert "Väärä sähköpostiosoite tai salasana." in page.get_data(as_text=True)


def test_login_goes_back_to_the_asked_page_and_logout_forgets(client, session):
    create_user(session, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
    make_collection(session, "session_feedback")
    response = login(client, "a@example.fi", "pitka-salasana-1")
    assert response.headers["Location"] == "/coordinate/c/testi"
    assert client.get("/coordinate/c/testi").status_code == 200
    page = client.get("/coordinate/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/auth/logout", data={"csrf_token": token})
    assert client.get("/coordinate/c/testi").status_code == 302


def test_coordinator_sees_only_own_projects(client, session):
    make_collection(session, "session_feedback")
    other = Project(slug="virta", name="Virta II")
    session.add(other)
    user = create_user(session, email="c@example.fi", name="C", password="pitka-salasana-1", role="coordinator")
    user.projects.append(other)
    session.commit()
    login(client, "c@example.fi", "pitka-salasana-1")
    assert client.get("/coordinate/c/testi").status_code == 403
    assert "Testi testi" not in client.get("/coordinate/").get_data(as_text=True)


def test_open_redirect_refused(client, session):
    create_user(session, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
    session.commit()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/login?next=//evil.example/", data={"csrf_token": token, "email": "a@example.fi",
                                                                      "password": "pitka-salasana-1"})
    assert response.headers["Location"] == "/coordinate/"


def test_users_create_cli(runner, session):
    result = runner.invoke(args=["users", "create", "--email", "admin@example.fi", "--name", "Admin", "--role",
                                 "admin"], input="pitka-salasana-1\npitka-salasana-1\n")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("created admin admin@example.fi\n")
    assert session.scalars(select(User.role)).all() == ["admin"]
    again = runner.invoke(args=["users", "create", "--email", "ADMIN@example.fi", "--name", "B"],
                          input="pitka-salasana-2\npitka-salasana-2\n")
    assert again.exit_code == 2 and "exists already" in again.output
