"""Withdrawing a pending invitation on a project's People page: its link stops working at once; a
coordinator may withdraw only the invitations of roles they may give (not a coordinator's)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from surveyapp.core.models import Invitation
from tests.helpers import add_coordinator, csrf_token, log_in, make_collection, page_csrf, text_of

PEOPLE = "/coordinate/projects/valpas/people"


def invite(client, email="ryhma@example.fi", role="group_leader", name="Ryhmän Ohjaaja"):
    token = page_csrf(client, PEOPLE + "?lang=en")
    return client.post(
        PEOPLE, data={"csrf_token": token, "name": name, "email": email, "role": role}
    )


def link_in(html: str) -> str:
    return re.search(r'id="invitation-link"[^>]*value="http://localhost(/kutsu/[^"]+)"', html)[1]


@pytest.fixture
def project(db):
    return make_collection(db, "session_feedback").project


def test_a_withdrawn_invitations_link_no_longer_works(app, client, db, project, coordinator):
    path = link_in(invite(client).get_data(as_text=True))
    kept = link_in(invite(client, "lukija@example.fi", "steering_reader").get_data(as_text=True))
    page = client.get(PEOPLE + "?lang=en").get_data(as_text=True)
    assert "Withdraw the invitation to ryhma@example.fi" in text_of(page)
    withdrawn = client.post(
        PEOPLE + "/withdraw", data={"csrf_token": csrf_token(page), "email": "Ryhma@example.fi "}
    )
    assert (withdrawn.status_code, withdrawn.headers["Location"]) == (302, PEOPLE)
    after = text_of(client.get(PEOPLE + "?lang=en").get_data(as_text=True))
    assert "The invitation to ryhma@example.fi was withdrawn" in after
    assert after.count("ryhma@example.fi") == 1  # in the message only
    assert db.scalars(select(Invitation.email)).all() == ["lukija@example.fi"]
    assert app.test_client().get(path).status_code == 404
    assert app.test_client().get(kept).status_code == 200
    # Again, or an address never invited: not found, nothing else changes.
    for email in ("ryhma@example.fi", "ei@example.fi"):
        again = client.post(
            PEOPLE + "/withdraw", data={"csrf_token": page_csrf(client, PEOPLE), "email": email}
        )
        assert again.status_code == 404
    assert db.scalar(select(func.count()).select_from(Invitation)) == 1


def test_a_coordinator_cannot_withdraw_a_coordinators_invitation(client, db, project, coordinator):
    invite(client, "uusi@example.fi", "coordinator")
    add_coordinator(db, "k@example.fi", role="coordinator", projects=[project])
    other = client.application.test_client()
    assert log_in(other, "k@example.fi").status_code == 302
    page = other.get(PEOPLE + "?lang=en").get_data(as_text=True)
    assert "uusi@example.fi" in page and "Withdraw the invitation" not in page
    refused = other.post(
        PEOPLE + "/withdraw", data={"csrf_token": csrf_token(page), "email": "uusi@example.fi"}
    )
    assert refused.status_code == 403
    assert db.scalar(select(func.count()).select_from(Invitation)) == 1
    # Without the form's CSRF token nothing happens either.
    assert client.post(PEOPLE + "/withdraw", data={"email": "uusi@example.fi"}).status_code == 400
    assert db.scalar(select(func.count()).select_from(Invitation)) == 1
