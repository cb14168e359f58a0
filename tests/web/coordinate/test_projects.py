"""Administrators create, rename and archive projects and assign them to organisations. An archived
project's results stay readable; its forms, kiosks and paper entry take no answers."""

from __future__ import annotations

from sqlalchemy import select

from surveyapp.core.models import Project
from tests.helpers import (
    PARTNER,
    add_coordinator,
    count_responses,
    csrf_token,
    form_tokens,
    log_in,
    make_collection,
    make_kiosk,
    make_organisation,
    page_csrf,
    submit,
    text_of,
)


def test_an_administrator_creates_renames_and_archives_a_project(client, db, coordinator):
    organisation = make_organisation(db, "kuntayhtyma", projects=())
    token = page_csrf(client, "/coordinate/projects/new?lang=en")
    created = client.post(
        "/coordinate/projects/new",
        data={
            "csrf_token": token,
            "slug": "arjen-tuki",
            "name": "Arjen tuki",
            "organisation": organisation.id,
        },
    )
    assert (created.status_code, created.headers["Location"]) == (
        302,
        "/coordinate/projects/arjen-tuki/people",
    )
    project = db.scalar(select(Project).where(Project.slug == "arjen-tuki"))
    assert (project.name, project.organisation_id, project.archived) == (
        "Arjen tuki",
        organisation.id,
        False,
    )
    listed = client.get("/coordinate/projects/").get_data(as_text=True)
    assert "Arjen tuki" in listed and "Testiyhdistys ry" in listed
    page = client.get("/coordinate/projects/arjen-tuki").get_data(as_text=True)
    saved = client.post(
        "/coordinate/projects/arjen-tuki",
        data={"csrf_token": csrf_token(page), "name": "Arjen tuki 2027", "archived": "y"},
    )
    assert saved.status_code == 302
    db.expire_all()
    project = db.get(Project, project.id)
    assert (project.name, project.organisation_id, project.archived) == (
        "Arjen tuki 2027",
        None,
        True,
    )
    assert "</a> (archived)" in client.get("/coordinate/projects/").get_data(as_text=True)


def test_a_taken_or_malformed_short_name_is_refused(client, db, coordinator):
    make_collection(db, "session_feedback")  # project "valpas"
    token = page_csrf(client, "/coordinate/projects/new?lang=en")
    for slug, message in (
        ("valpas", "Another project already uses this short name."),
        ("Iso hanke", "Use only lower-case letters"),
        ("", "Use only lower-case letters"),
    ):
        response = client.post(
            "/coordinate/projects/new", data={"csrf_token": token, "slug": slug, "name": "X"}
        )
        assert response.status_code == 422
        assert message in text_of(response.get_data(as_text=True))
    empty_name = client.post(
        "/coordinate/projects/new", data={"csrf_token": token, "slug": "uusi", "name": " "}
    )
    assert "Name of the project is required." in empty_name.get_data(as_text=True)
    unknown_organisation = client.post(
        "/coordinate/projects/new",
        data={"csrf_token": token, "slug": "uusi", "name": "Uusi", "organisation": "nope"},
    )
    assert unknown_organisation.status_code == 422
    assert db.scalar(select(Project).where(Project.slug == "uusi")) is None


def test_only_administrators_create_and_change_projects(client, db):
    collection = make_collection(db, "session_feedback")
    add_coordinator(db, "k@example.fi", role="coordinator", projects=[collection.project])
    assert log_in(client, "k@example.fi").status_code == 302
    assert client.get("/coordinate/projects/new").status_code == 403
    assert client.get("/coordinate/projects/valpas").status_code == 403
    token = page_csrf(client, "/coordinate/projects/")
    refused = client.post(
        "/coordinate/projects/valpas", data={"csrf_token": token, "name": "Muu", "archived": "y"}
    )
    assert refused.status_code == 403
    db.expire_all()
    assert db.scalar(select(Project.archived)) is False
    # A coordinator sees their own project, to manage its people.
    assert "VALPAS" in client.get("/coordinate/projects/").get_data(as_text=True)


def archive(db, slug="valpas"):
    db.scalar(select(Project).where(Project.slug == slug)).archived = True
    db.commit()


def test_an_archived_projects_form_is_closed_and_stores_nothing(client, db):
    make_collection(db, "valpas_partner_survey", "kumppanit", audience="partners")
    tokens = form_tokens(client.get("/c/kumppanit").get_data(as_text=True))
    archive(db)
    page = client.get("/c/kumppanit?lang=en")
    assert page.status_code == 410
    assert "This survey is closed." in page.get_data(as_text=True)
    sent = submit(client, "kumppanit", PARTNER, tokens=tokens)
    assert sent.status_code == 410
    assert count_responses(db) == 0
    # Not on the front page's list of open surveys either.
    assert "/c/kumppanit" not in client.get("/").get_data(as_text=True)


def test_an_archived_projects_kiosk_and_paper_entry_refuse_clearly(client, db, coordinator):
    group = make_kiosk(db)
    archive(db)
    form = client.get(f"/kiosk/{group.kiosk_token}?lang=en")
    assert form.status_code == 410
    assert "its project is archived" in form.get_data(as_text=True)
    queued = client.post(
        f"/kiosk/{group.kiosk_token}/api?lang=en",
        json={"key": "queued-answer-key-0001", "answers": {"arvosana": "9"}},
    )
    assert queued.status_code == 410
    assert queued.json["status"] == "closed"
    assert "archived" in queued.json["message"]
    paper = client.get("/coordinate/c/testi/paper?lang=en")
    assert paper.status_code == 410
    assert "This survey is closed" in paper.get_data(as_text=True)
    token = csrf_token(client.get("/coordinate/").get_data(as_text=True))
    posted = client.post(
        "/coordinate/c/testi/paper",
        data={"csrf_token": token, "_key": "k" * 24, "arvosana": "7", "_date": "2.3.2026"},
    )
    assert posted.status_code == 410
    assert client.get("/coordinate/c/testi/sessions/new").status_code == 410
    assert count_responses(db) == 0
    # Results stay readable; no new survey can be made in it.
    assert client.get("/coordinate/c/testi/results").status_code == 200
    new = client.get("/coordinate/c/new").get_data(as_text=True)
    assert db.scalar(select(Project.id).where(Project.slug == "valpas")) not in new
