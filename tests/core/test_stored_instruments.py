"""Uploaded forms in the database: versions, drafts, publishing, ids shared with shipped forms."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from surveyapp.core import stored_instruments
from surveyapp.core.instruments import validate
from surveyapp.core.instruments.registry import Registry
from surveyapp.core.models import Project, StoredInstrument
from tests.helpers.data import make_organisation, shipped_instruments
from tests.helpers.xlsforms import FI, SV, one_of_each, workbook

TODAY = dt.date(2026, 12, 1)
SHIPPED = set(shipped_instruments())


def upload(db, project, content=None):
    checked = validate.check("lomake.xlsx", content or one_of_each())
    row = stored_instruments.store(db, project, None, checked, SHIPPED, TODAY)
    db.commit()
    return row


def reworded(label: str) -> bytes:
    return workbook([{"type": "text", "name": "q1", FI: label, SV: "Vad?"}])


@pytest.fixture
def project(db):
    make_organisation(db, projects=("valpas", "toinen"))
    return db.scalar(select(Project).where(Project.slug == "valpas"))


def test_an_upload_is_a_draft_until_published_and_then_served(db, project):
    row = upload(db, project)
    assert (row.instrument_id, row.version, row.published_on) == ("oma_lomake", 1, None)
    assert stored_instruments.published(db) == []
    stored_instruments.publish(db, row, TODAY)
    db.commit()
    [(instrument, owner)] = stored_instruments.published(db)
    assert (instrument.id, instrument.version, owner) == ("oma_lomake", 1, project.id)
    checked = validate.check("lomake.xlsx", one_of_each())
    assert instrument.content_hash == checked.instrument.content_hash
    registry = Registry(list(shipped_instruments().values())).with_stored([(instrument, owner)])
    assert registry["oma_lomake"] is instrument and not registry.is_shipped("oma_lomake")
    assert registry.is_shipped("session_feedback") and "oma_lomake" not in registry.shipped_ids


def test_a_changed_wording_is_a_new_version_and_the_old_one_stays(db, project):
    first = upload(db, project, reworded("Mitä?"))
    stored_instruments.publish(db, first, TODAY)
    db.commit()
    second = upload(db, project, reworded("Mitä kuuluu?"))
    assert second.version == 2 and second.published_on is None
    assert db.get(StoredInstrument, ("oma_lomake", 1)).content_hash == first.content_hash
    assert [i.version for i, _o in stored_instruments.published(db)] == [1]
    stored_instruments.publish(db, second, TODAY)
    db.commit()
    [(served, _owner)] = stored_instruments.published(db)
    assert served.version == 2 and served.item("q1").text.fi == "Mitä kuuluu?"


def test_a_draft_is_replaced_and_unchanged_content_is_refused(db, project):
    upload(db, project, reworded("Mitä?"))
    again = upload(db, project, reworded("Miten?"))
    assert again.version == 1
    assert db.scalars(select(StoredInstrument)).all() == [again]
    stored_instruments.publish(db, again, TODAY)
    db.commit()
    with pytest.raises(stored_instruments.Refused, match="Nothing changed: version 1"):
        upload(db, project, reworded("Miten?"))


def test_ids_are_shared_with_shipped_forms_and_other_organisations(db, project):
    other = Project(slug="muu", name="Muu")
    db.add(other)
    db.commit()
    upload(db, project)
    with pytest.raises(stored_instruments.Refused, match="another organisation"):
        upload(db, other)
    sister = db.scalar(select(Project).where(Project.slug == "toinen"))
    assert upload(db, sister).version == 1  # the same organisation revises the draft
    shipped = workbook(
        [{"type": "text", "name": "q1", FI: "Mitä?"}],
        settings={"form_id": "session_feedback", "form_title": "X", "closing": "Kiitos"},
    )
    with pytest.raises(stored_instruments.Refused, match="shipped form"):
        upload(db, project, shipped)
