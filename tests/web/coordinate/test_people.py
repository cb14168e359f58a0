"""A project's people: invitations by a one-time link (7 days, single use, stored hashed), roles
given by administrators and, for group leaders and readers, by the project's coordinator; removal
ends the person's logins at once; the link is also e-mailed when MAIL_SERVER is set."""

from __future__ import annotations

import re
import socket
import time

import pytest
from sqlalchemy import func, select

from surveyapp.core import people
from surveyapp.core.models import Invitation, LoginSession, Membership, Project, User
from tests.helpers import (
    PASSWORD,
    add_coordinator,
    csrf_token,
    log_in,
    make_collection,
    make_kiosk,
    page_csrf,
    text_of,
)

PEOPLE = "/coordinate/projects/valpas/people"


def invite(client, email="ryhma@example.fi", role="group_leader", name="Ryhmän Ohjaaja"):
    token = page_csrf(client, PEOPLE + "?lang=en")
    return client.post(
        PEOPLE, data={"csrf_token": token, "name": name, "email": email, "role": role}
    )


def link_in(html: str) -> str:
    return re.search(r'id="invitation-link"[^>]*value="http://localhost(/kutsu/[^"]+)"', html)[1]


def accept(client, path, password=PASSWORD, again=None):
    token = csrf_token(client.get(path).get_data(as_text=True))
    return client.post(
        path,
        data={"csrf_token": token, "password": password, "password_again": again or password},
    )


@pytest.fixture
def project(db):
    return make_collection(db, "session_feedback").project


def test_an_invitation_link_makes_an_account_with_its_role_once(
    app, client, db, project, coordinator
):
    made = invite(client)
    assert made.status_code == 200
    path = link_in(made.get_data(as_text=True))
    # Only the token's hash is stored.
    stored = db.scalar(select(Invitation))
    assert path.rsplit("/", 1)[1] not in (stored.token_hash, stored.email)
    assert stored.token_hash == people.digest(path.rsplit("/", 1)[1])
    assert "Ryhmän Ohjaaja" in text_of(client.get(PEOPLE).get_data(as_text=True))
    newcomer = app.test_client()
    page = newcomer.get(path + "?lang=en").get_data(as_text=True)
    assert "invited to the project VALPAS as Group leader" in page
    response = accept(newcomer, path)
    assert (response.status_code, response.headers["Location"]) == (302, "/coordinate/")
    user = db.scalar(select(User).where(User.email == "ryhma@example.fi"))
    assert (user.name, user.role) == ("Ryhmän Ohjaaja", "coordinator")
    assert db.get(Membership, (user.id, project.id)).role == "group_leader"
    assert db.scalar(select(func.count()).select_from(Invitation)) == 0
    # Logged in as the new person, who may start group sessions there and nothing more.
    assert newcomer.get("/coordinate/c/testi/sessions/new").status_code == 200
    assert newcomer.get("/coordinate/c/testi/results").status_code == 403
    assert log_in(app.test_client(), "ryhma@example.fi").status_code == 302


def test_wrong_used_and_expired_links_get_one_and_the_same_page(
    app, client, db, project, coordinator, monkeypatch
):
    first = link_in(invite(client).get_data(as_text=True))
    second = link_in(invite(client, "lukija@example.fi", "steering_reader").get_data(as_text=True))
    assert accept(app.test_client(), first).status_code == 302
    pages = []
    used = app.test_client().get(first)
    wrong = app.test_client().get("/kutsu/" + "x" * 43)
    too_long = app.test_client().get("/kutsu/" + "x" * 500)
    monkeypatch.setattr(
        "surveyapp.web.invitations.clock", lambda: int(time.time()) + people.INVITATION_SECONDS
    )
    expired = app.test_client().get(second)
    for response in (used, wrong, too_long, expired):
        assert response.status_code == 404
        pages.append(text_of(response.get_data(as_text=True)))
    assert len(set(pages)) == 1
    assert "It may have been used already or be more than 7 days old" in (
        app.test_client().get(first + "?lang=en").get_data(as_text=True)
    )
    # Posting to a used link changes nothing either.
    again = app.test_client()
    token = csrf_token(again.get("/auth/login").get_data(as_text=True))
    posted = again.post(
        first,
        data={
            "csrf_token": token,
            "password": "toinen-salasana",
            "password_again": "toinen-salasana",
        },
    )
    assert posted.status_code == 404
    assert log_in(app.test_client(), "ryhma@example.fi").status_code == 302


def test_the_new_password_follows_todays_rules(app, client, db, project, coordinator):
    path = link_in(invite(client).get_data(as_text=True))
    newcomer = app.test_client()
    newcomer.get(path + "?lang=en")
    short = accept(newcomer, path, "lyhyt")
    assert short.status_code == 422
    assert "at least 10 characters" in text_of(short.get_data(as_text=True))
    different = accept(newcomer, path, PASSWORD, PASSWORD + "!")
    assert "The passwords are not the same." in text_of(different.get_data(as_text=True))
    assert db.scalar(select(func.count()).select_from(User)) == 1
    assert accept(newcomer, path).status_code == 302


def test_an_existing_account_gets_the_role_without_a_link(client, db, project, coordinator):
    other = add_coordinator(db, "olemassa@example.fi", role="coordinator")
    response = invite(client, "Olemassa@Example.fi", "steering_reader")
    assert response.status_code == 302
    assert db.scalar(select(func.count()).select_from(Invitation)) == 0
    db.expire_all()
    assert db.get(Membership, (other.id, project.id)).role == "steering_reader"


def test_a_coordinator_manages_group_leaders_and_readers_only(app, client, db, project):
    add_coordinator(db, "k@example.fi", role="coordinator", projects=[project])
    colleague = add_coordinator(db, "k2@example.fi", role="coordinator", projects=[project])
    assert log_in(client, "k@example.fi").status_code == 302
    page = client.get(PEOPLE).get_data(as_text=True)
    assert 'value="coordinator"' not in page and 'value="group_leader"' in page
    assert invite(client, role="coordinator").status_code == 422
    assert invite(client, role="steering_reader").status_code == 200
    token = page_csrf(client, PEOPLE)
    removal = client.post(f"{PEOPLE}/{colleague.id}/remove", data={"csrf_token": token})
    assert removal.status_code == 403
    # Another project's people do not exist for them.
    db.add(Project(slug="muu", name="Muu hanke"))
    db.commit()
    assert client.get("/coordinate/projects/muu/people").status_code == 404


def test_removing_a_person_ends_their_logins_at_once(app, client, db, project, coordinator):
    leader = add_coordinator(db, "ryhma@example.fi", role="coordinator")
    people.give_role(db, leader, project, "group_leader")
    db.commit()
    theirs = app.test_client()
    assert log_in(theirs, "ryhma@example.fi").status_code == 302
    assert theirs.get("/coordinate/").status_code == 200
    token = page_csrf(client, PEOPLE)
    removed = client.post(f"{PEOPLE}/{leader.id}/remove", data={"csrf_token": token})
    assert removed.status_code == 302
    gone = theirs.get("/coordinate/")
    assert (gone.status_code, gone.headers["Location"]) == (302, "/auth/login?next=/coordinate/")
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(LoginSession)) == 1  # the admin's
    # Left with no project, the account is gone: the address can be invited again.
    assert db.scalar(select(User).where(User.email == "ryhma@example.fi")) is None


def test_a_person_in_another_project_keeps_the_account(client, db, project, coordinator):
    other = Project(slug="muu", name="Muu hanke")
    both = add_coordinator(db, "kaksi@example.fi", role="coordinator", projects=[project, other])
    token = page_csrf(client, PEOPLE)
    client.post(f"{PEOPLE}/{both.id}/remove", data={"csrf_token": token})
    db.expire_all()
    assert db.get(User, both.id) is not None
    assert db.get(Membership, (both.id, project.id)) is None
    assert db.get(Membership, (both.id, other.id)).role == "coordinator"


def test_a_removed_group_leaders_sessions_stay(app, client, db, coordinator):
    group = make_kiosk(db)
    leader = add_coordinator(db, "ryhma@example.fi", role="coordinator")
    people.give_role(db, leader, group.collection.project, "group_leader")
    group.leader_id = leader.id
    db.commit()
    token = page_csrf(client, PEOPLE)
    assert (
        client.post(f"{PEOPLE}/{leader.id}/remove", data={"csrf_token": token}).status_code == 302
    )
    db.expire_all()
    assert db.get(type(group), group.id).leader_id is None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A local SMTP server (aiosmtpd) that keeps the messages it receives."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):
            received.append(message)

    controller = Controller(Keep(), hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, received
    controller.stop()


def test_the_link_is_also_emailed_when_a_mail_server_is_set(coordinator_for, smtp_server):
    port, received = smtp_server
    client, db, app = coordinator_for(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_FROM="kyselyt@kuntayhtyma.example"
    )
    make_collection(db, "session_feedback")
    page = invite(client).get_data(as_text=True)
    assert "The link was also sent by e-mail." in page
    (message,) = received
    assert (message["To"], message["From"]) == ("ryhma@example.fi", "kyselyt@kuntayhtyma.example")
    assert "VALPAS" in message["Subject"]
    assert "http://localhost" + link_in(page) in message.get_payload(decode=True).decode()


def test_a_mail_server_that_does_not_answer_leaves_the_link_to_copy(coordinator_for):
    client, db, app = coordinator_for(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    make_collection(db, "session_feedback")
    response = invite(client)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The e-mail could not be sent. Give the link in another way." in page
    assert db.scalar(select(func.count()).select_from(Invitation)) == 1
    assert link_in(page).startswith("/kutsu/")


def test_a_link_accepted_twice_at_once_makes_one_account(
    app, client, db, project, coordinator, monkeypatch
):
    import threading

    path = link_in(invite(client).get_data(as_text=True))
    clients = [app.test_client(), app.test_client()]
    forms = []
    for each in clients:
        token = csrf_token(each.get(path).get_data(as_text=True))
        forms.append({"csrf_token": token, "password": PASSWORD, "password_again": PASSWORD})
    both_found = threading.Barrier(2, timeout=10)
    find_user = people.find_user

    def find_then_wait(db, email):
        found = find_user(db, email)
        both_found.wait()
        return found

    monkeypatch.setattr("surveyapp.core.people.find_user", find_then_wait)
    statuses = []
    threads = [
        threading.Thread(
            target=lambda i=i: statuses.append(clients[i].post(path, data=forms[i]).status_code)
        )
        for i in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(statuses) == [302, 404]
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(User)) == 2  # the administrator and one
