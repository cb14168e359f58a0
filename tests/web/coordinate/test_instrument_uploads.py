"""The form library: upload an XLSForm or YAML form, errors at their cell with nothing saved,
preview in each language, publish, use it in a new survey, download any form and upload it back."""

from __future__ import annotations

import re

import pytest
import yaml
from sqlalchemy import select

from surveyapp.core.models import Answer, Project, Response, StoredInstrument
from surveyapp.core.users import create_user
from tests.helpers import PASSWORD, csrf_token, log_in, make_collection, make_organisation, submit
from tests.helpers.uploads import LIBRARY, stored, upload
from tests.helpers.xlsforms import FI, FINNISH, SV, one_of_each, workbook


def publish(client, path: str):
    token = csrf_token(client.get(path).get_data(as_text=True))
    return client.post(f"{path}publish", data={"csrf_token": token})


@pytest.fixture
def project(db):
    make_collection(db, "session_feedback")  # the valpas project
    return db.scalar(select(Project).where(Project.slug == "valpas"))


def test_an_upload_is_previewed_in_each_language_published_and_answered(
    client, db, coordinator, project
):
    response = upload(client, one_of_each())
    assert response.status_code == 302
    path = "/coordinate/instruments/oma_lomake/1/"
    assert response.headers["Location"] == path
    page = client.get(path).get_data(as_text=True)
    assert "Viihdyin" in page and "Publish this version" not in page  # the page is in Finnish
    assert "Julkaise" in page
    swedish = client.get(f"{path}?lang=sv").get_data(as_text=True)
    assert "Jag trivdes" in swedish and "Viihdyin" not in swedish
    tablet = client.get(f"{path}kiosk?lang=sv").get_data(as_text=True)
    assert 'class="kiosk-form"' in tablet and "Jag trivdes" in tablet
    pdf = client.get(f"{path}lomake.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    # A draft is not offered for new surveys.
    assert "oma_lomake" not in client.get("/coordinate/c/new").get_data(as_text=True)
    assert publish(client, path).status_code == 302
    assert db.get(StoredInstrument, ("oma_lomake", 1)).published_on is not None
    assert "Julkaise" not in client.get(path).get_data(as_text=True)
    new_page = client.get("/coordinate/c/new").get_data(as_text=True)
    assert '<option value="oma_lomake">Oma lomake</option>' in new_page
    made = client.post(
        "/coordinate/c/new",
        data={
            "csrf_token": csrf_token(new_page),
            "project": project.id,
            "title": "Oma kysely",
            "slug": "oma-kysely",
            "instrument": "oma_lomake",
            "audience": "participants",
            "access": "open",
            "municipalities": ["muhos"],
        },
    )
    assert made.status_code == 302, made.get_data(as_text=True)
    answered = submit(client, "oma-kysely", {"arvosana": "9", "q2": "samaa", "q4.pelit": "1"})
    assert answered.status_code == 302
    response_row = db.scalar(select(Response).where(Response.instrument_id == "oma_lomake"))
    assert response_row.instrument_version == 1
    assert (
        db.scalar(
            select(Answer.grade).where(
                Answer.response_id == response_row.id, Answer.item_code == "arvosana"
            )
        )
        == 9
    )


def test_bad_files_are_explained_at_their_cell_and_nothing_is_saved(
    client, db, coordinator, project
):
    partial = workbook(
        [
            {"type": "text", "name": "q1", FI: "Mitä?", SV: "Vad?"},
            {"type": "text", "name": "q2", FI: "Miksi?"},
            {"type": "select_one puuttuu", "name": "q3", FI: "Kumpi?", SV: "Vilken?"},
        ]
    )
    response = upload(client, partial)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Lomakkeessa on 2 ongelmaa. Mitään ei tallennettu." in page
    assert "Taulukko survey, rivi 3, sarake D (label::Svenska (sv))" in page
    assert (
        "Taulukko survey, rivi 4, sarake A (type): Valintalistaa puuttuu ei ole choices-taulukossa."
        in page
    )
    for name, content in (
        ("lomake.xlsm", one_of_each()),
        ("lomake.xlsx", b"PK\x03\x04broken"),
        ("lomake.txt", b"type,name"),
        ("lomake.yaml", b"id: [auki"),
    ):
        response = upload(client, content, name)
        assert response.status_code == 422 and 'class="error-summary"' in response.get_data(
            as_text=True
        )
    assert stored(db) == 0


def test_labels_are_text_never_markup(client, db, coordinator, project):
    label = "<script>alert(1)</script><b>Miksi?</b>"
    assert (
        upload(
            client, workbook([{"type": "text", "name": "q1", FI: label}], settings=FINNISH)
        ).status_code
        == 302
    )
    page = client.get("/coordinate/instruments/oma_lomake/1/").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_downloaded_form_uploads_back_as_the_same_content(client, db, coordinator, project):
    upload(client, one_of_each())
    publish(client, "/coordinate/instruments/oma_lomake/1/")
    for kind in ("xlsx", "yaml"):
        body = client.get(f"/coordinate/instruments/oma_lomake/1/{kind}").data
        again = upload(client, body, f"oma.{kind}")
        assert again.status_code == 422
        assert "Mikään ei muuttunut: oma_lomake-lomakkeen versio 1" in again.get_data(as_text=True)
    shipped = client.get("/coordinate/instruments/shipped/session_feedback.xlsx")
    disposition = shipped.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="session_feedback-\d+\.xlsx"', disposition)
    response = upload(client, shipped.data, "session_feedback.xlsx")
    assert "kuuluu palvelun omalle lomakkeelle" in response.get_data(as_text=True)
    yaml_text = client.get("/coordinate/instruments/shipped/session_feedback.yaml").data
    assert yaml.safe_load(yaml_text)["id"] == "session_feedback"
    assert stored(db) == 1


def test_a_changed_upload_is_a_new_version_and_the_published_one_stays(
    client, db, coordinator, project
):
    upload(client, workbook([{"type": "text", "name": "q1", FI: "Mitä?"}], settings=FINNISH))
    publish(client, "/coordinate/instruments/oma_lomake/1/")
    response = upload(
        client, workbook([{"type": "text", "name": "q1", FI: "Mitä kuuluu?"}], settings=FINNISH)
    )
    assert response.headers["Location"] == "/coordinate/instruments/oma_lomake/2/"
    assert "Mitä?" in client.get("/coordinate/instruments/oma_lomake/1/").get_data(as_text=True)
    assert stored(db) == 2


def test_another_organisations_forms_do_not_exist_for_a_coordinator(
    client, db, coordinator, project
):
    make_organisation(db, "vieras-org", projects=("valpas",))
    upload(client, one_of_each())
    publish(client, "/coordinate/instruments/oma_lomake/1/")
    own = Project(slug="oma", name="Oma hanke")
    user = create_user(
        db, email="oma@example.fi", name="Oma", password=PASSWORD, role="coordinator"
    )
    user.projects.append(own)
    db.commit()
    client.post(
        "/auth/logout", data={"csrf_token": csrf_token(client.get(LIBRARY).get_data(as_text=True))}
    )
    assert log_in(client, "oma@example.fi").status_code == 302
    for path in ("", "kiosk", "lomake.pdf", "xlsx", "yaml"):
        assert client.get(f"/coordinate/instruments/oma_lomake/1/{path}").status_code == 404
    assert client.get("/coordinate/instruments/oma_lomake.pdf").status_code == 404
    assert "oma_lomake" not in client.get(LIBRARY).get_data(as_text=True)
    assert "oma_lomake" not in client.get("/coordinate/c/new").get_data(as_text=True)
    assert upload(client, one_of_each(), project=own.id).status_code == 422


def test_the_same_form_stored_at_the_same_moment_is_asked_again(
    client, db, coordinator, project, monkeypatch
):
    from sqlalchemy.exc import IntegrityError

    from surveyapp.core import stored_instruments

    def at_the_same_moment(*args, **kwargs):
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    monkeypatch.setattr(stored_instruments, "store", at_the_same_moment)
    response = upload(client, one_of_each())
    assert response.status_code == 422
    assert "Lomake tallennettiin samalla hetkellä muualta" in response.get_data(as_text=True)
    assert stored(db) == 0
