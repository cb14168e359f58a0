"""Answers keep the version they were given against: where an uploaded form's versions word a
question or an option differently, each place that shows old answers says so with each version's
words (results, the XLSX export), or uses the answered version's own form (codebook, preview,
download)."""

from __future__ import annotations

import io

import pytest
import yaml
from openpyxl import load_workbook
from sqlalchemy import select

from surveyapp.core import version_wording
from surveyapp.core.instruments import validate
from surveyapp.core.models import Response
from tests.helpers import csrf_token, make_collection, pdf_text, submit
from tests.helpers.uploads import upload
from tests.helpers.xlsforms import FI, FINNISH, workbook

FORM = "/coordinate/instruments/oma_lomake"


def form(question: str, weak: str) -> bytes:
    survey = [
        {"type": "select_one arvio", "name": "q1", FI: question, "number": "1."},
        {"type": "text", "name": "q2", FI: "Mitä muuta?"},
    ]
    choices = [
        {"list_name": "arvio", "name": "hyvin", FI: "Hyvin"},
        {"list_name": "arvio", "name": "huonosti", FI: weak},
    ]
    return workbook(survey, choices, settings=FINNISH)


V1, V2 = form("Miten meni?", "Huonosti"), form("Miten kerta meni?", "Heikosti")


def publish(client, version: int) -> None:
    path = f"{FORM}/{version}/"
    token = csrf_token(client.get(path).get_data(as_text=True))
    assert client.post(f"{path}publish", data={"csrf_token": token}).status_code == 302


@pytest.fixture
def two_versions(client, db, coordinator):
    """Collection "oma": five answers to version 1, then five to version 2 (worded otherwise)."""
    make_collection(db, "session_feedback")  # the valpas project
    assert upload(client, V1).status_code == 302
    publish(client, 1)
    make_collection(db, "oma_lomake", slug="oma")
    for n in range(5):
        answer = {"q1": "hyvin" if n % 2 else "huonosti"}
        assert submit(client, "oma", answer).status_code == 302
    assert upload(client, V2).status_code == 302
    publish(client, 2)
    for _n in range(5):
        assert submit(client, "oma", {"q1": "hyvin"}).status_code == 302
    versions = db.scalars(select(Response.instrument_version)).all()
    assert sorted(versions) == [1] * 5 + [2] * 5
    return client


def spec_of(content: bytes):
    return validate.check("lomake.xlsx", content).instrument


def test_the_differing_texts_are_found_with_each_versions_words():
    found = version_wording.differences([spec_of(V1), spec_of(V2)], "fi")
    assert found.versions == (1, 1)  # both read from files as version 1 here
    assert found.wordings == (
        version_wording.Wording("1. Miten kerta meni?", "", ("Miten meni?", "Miten kerta meni?")),
        version_wording.Wording("1. Miten kerta meni?", "Heikosti", ("Huonosti", "Heikosti")),
    )
    assert version_wording.differences([spec_of(V1), spec_of(V1)], "fi") is None


def test_the_results_say_which_versions_were_answered_and_their_words(two_versions):
    page = two_versions.get("/coordinate/c/oma/results").get_data(as_text=True)
    assert "Lomaketta muutettiin vastausten keräämisen aikana" in page
    assert "Vastauksia on annettu lomakkeen versioihin 1, 2." in page
    assert (
        '<th scope="row">1. Miten kerta meni?</th><td>Miten meni?</td><td>Miten kerta meni?</td>'
        in page
    )
    assert (
        '<th scope="row">1. Miten kerta meni?: Heikosti</th><td>Huonosti</td><td>Heikosti</td>'
        in page
    )


def test_the_pdf_report_has_each_versions_words(two_versions):
    text = pdf_text(two_versions.get("/coordinate/c/oma/raportti.pdf").data)
    assert "Tekstit, joiden sanamuoto vaihtelee vastatuissa versioissa" in text
    assert "Miten meni?" in text and "Huonosti" in text


def test_one_answered_version_needs_no_note(client, db, coordinator):
    make_collection(db, "session_feedback")
    upload(client, V1)
    publish(client, 1)
    make_collection(db, "oma_lomake", slug="oma")
    for _n in range(5):
        submit(client, "oma", {"q1": "hyvin"})
    upload(client, V2)
    publish(client, 2)  # published, but no one has answered it
    page = client.get("/coordinate/c/oma/results").get_data(as_text=True)
    assert "Lomaketta muutettiin" not in page


def test_the_xlsx_export_has_each_versions_words(two_versions):
    data = two_versions.get("/coordinate/c/oma/vastaukset.xlsx").data
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["vastaukset", "koodikirja", "versiot"]
    rows = [list(r) for r in book["versiot"].iter_rows(values_only=True)]
    assert rows == [
        ["question", "part", "version 1", "version 2"],
        ["1. Miten kerta meni?", None, "Miten meni?", "Miten kerta meni?"],
        ["1. Miten kerta meni?", "Heikosti", "Huonosti", "Heikosti"],
    ]
    answers = [list(r) for r in book["vastaukset"].iter_rows(values_only=True)]
    version = answers[0].index("version")
    assert sorted(r[version] for r in answers[1:]) == ["1"] * 5 + ["2"] * 5


def test_the_codebook_of_each_version_has_its_own_words(two_versions):
    page = two_versions.get("/coordinate/c/oma").get_data(as_text=True)
    assert "/coordinate/c/oma/koodikirja.csv?version=1" in page
    newest = two_versions.get("/coordinate/c/oma/koodikirja.csv").data.decode("utf-8-sig")
    first = two_versions.get("/coordinate/c/oma/koodikirja.csv?version=1").data.decode("utf-8-sig")
    assert "Miten kerta meni?" in newest and "Heikosti" in newest and "Huonosti" not in newest
    assert "Miten meni?" in first and "Huonosti" in first and "Miten kerta" not in first
    for version in ("3", "x", "0"):
        assert (
            two_versions.get(f"/coordinate/c/oma/koodikirja.csv?version={version}").status_code
            == 404
        )


def test_an_older_versions_preview_and_downloads_keep_its_words(two_versions):
    assert "Miten meni?" in two_versions.get(f"{FORM}/1/").get_data(as_text=True)
    assert "Miten kerta meni?" in two_versions.get(f"{FORM}/2/").get_data(as_text=True)
    old = yaml.safe_load(two_versions.get(f"{FORM}/1/yaml").data)
    assert old["version"] == 1
    assert old["sections"][0]["items"][0]["text"] == "Miten meni?"
    book = load_workbook(io.BytesIO(two_versions.get(f"{FORM}/1/xlsx").data), read_only=True)
    labels = [c for row in book["survey"].iter_rows(values_only=True) for c in row]
    assert "Miten meni?" in labels and "Miten kerta meni?" not in labels
