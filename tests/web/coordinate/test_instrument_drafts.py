"""Deleting a draft form: asked first on a page of its own (no script needed), posted with the CSRF
token, only by a coordinator of the draft's own project; a published version is never deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from surveyapp.core import stored_instruments
from surveyapp.core.models import Project, StoredInstrument
from surveyapp.core.users import create_user
from tests.helpers import PASSWORD, csrf_token, log_in, make_collection, make_organisation
from tests.helpers.uploads import LIBRARY, stored, upload
from tests.helpers.xlsforms import one_of_each

DRAFT = "/coordinate/instruments/oma_lomake/1/"


@pytest.fixture
def draft(client, db, coordinator):
    make_collection(db, "session_feedback")  # the valpas project
    assert upload(client, one_of_each()).status_code == 302
    return db.get(StoredInstrument, ("oma_lomake", 1))


def delete(client, path: str = DRAFT):
    token = csrf_token(client.get(LIBRARY).get_data(as_text=True))
    return client.post(f"{path}delete", data={"csrf_token": token})


def test_a_draft_is_deleted_after_its_question(client, db, draft):
    assert f'href="{DRAFT}delete"' in client.get(DRAFT).get_data(as_text=True)
    question = client.get(f"{DRAFT}delete")
    page = question.get_data(as_text=True)
    assert question.status_code == 200
    assert "Poistetaanko luonnos: oma_lomake, versio 1?" in page
    assert '<form method="post"' in page and 'name="csrf_token"' in page
    assert stored(db) == 1  # asking deletes nothing
    response = delete(client)
    assert response.status_code == 302 and response.headers["Location"] == LIBRARY
    assert stored(db) == 0
    assert "Luonnos poistettiin: oma_lomake, versio 1." in client.get(LIBRARY).get_data(
        as_text=True
    )
    assert client.get(DRAFT).status_code == 404
    # The id is free again: the next upload is version 1.
    assert upload(client, one_of_each()).headers["Location"] == DRAFT


def test_a_deletion_needs_the_csrf_token(client, db, draft):
    assert client.post(f"{DRAFT}delete").status_code == 400
    assert stored(db) == 1


def test_a_published_version_is_never_deleted(client, db, draft):
    token = csrf_token(client.get(DRAFT).get_data(as_text=True))
    assert client.post(f"{DRAFT}publish", data={"csrf_token": token}).status_code == 302
    page = client.get(DRAFT).get_data(as_text=True)
    assert "Poista tämä luonnos" not in page and f"{DRAFT}delete" not in page
    for method in ("GET", "POST"):
        response = client.get(f"{DRAFT}delete") if method == "GET" else delete(client)
        assert response.status_code == 302 and response.headers["Location"] == DRAFT
        shown = client.get(DRAFT).get_data(as_text=True)
        assert "versio 1 on julkaistu: sitä ei koskaan poisteta" in shown
    assert stored(db) == 1


def test_a_version_answers_were_stored_against_is_not_deleted(db, draft):
    from surveyapp.core.models import InstrumentVersion

    db.add(InstrumentVersion(instrument_id="oma_lomake", version=1, content_hash="0" * 64))
    db.flush()
    with pytest.raises(stored_instruments.Refused):
        stored_instruments.delete_draft(db, draft)
    db.rollback()


def test_only_a_coordinator_of_the_drafts_own_project_deletes_it(app, db, draft):
    """A coordinator of another project of the same organisation sees the draft, but may not
    delete it (404, as for publishing); another organisation's coordinator does not see it."""
    make_organisation(db, "yhteinen", projects=("valpas", "sisar"))
    sibling = db.scalar(select(Project).where(Project.slug == "sisar"))
    outsider = Project(slug="vieras", name="Vieras hanke")
    for email, project in (("sisar@example.fi", sibling), ("vieras@example.fi", outsider)):
        user = create_user(db, email=email, name=email, password=PASSWORD, role="coordinator")
        user.projects.append(project)
    db.commit()
    for email, seen in (("sisar@example.fi", 200), ("vieras@example.fi", 404)):
        other = app.test_client()
        assert log_in(other, email).status_code == 302
        assert other.get(DRAFT).status_code == seen
        assert other.get(f"{DRAFT}delete").status_code == 404
        assert delete(other).status_code == 404
    assert stored(db) == 1
