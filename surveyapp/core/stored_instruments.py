"""Forms coordinators upload: versions in the database beside the shipped files, drafts until
published, then frozen. A changed text is a new version; the same content is not stored twice.

Ids are one namespace with the shipped instruments: an upload may not take a shipped form's id,
nor an id another organisation's project uses. Services flush; the view commits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.loader import parse_data
from surveyapp.core.instruments.validate import Checked
from surveyapp.core.models import InstrumentVersion, Project, StoredInstrument, User

# Parsed specs by (id, version, content hash): a published version never changes, a draft that is
# replaced gets another hash. Bounded, since drafts come and go.
_specs: dict[tuple[str, int, str], spec.Instrument] = {}
_specs_lock = threading.Lock()
_MAX_SPECS = 500


class Refused(ValueError):
    """An upload that cannot be stored: ``msgid`` and ``params`` say why (translated at the edge)."""

    def __init__(self, msgid: str, **params):
        super().__init__(msgid % params)
        self.msgid, self.params = msgid, params


def N_(text: str) -> str:
    return text


def shares(project: Project, owner: Project) -> bool:
    """Whether ``project`` may use the forms of ``owner``: itself or its organisation's others."""
    return project.id == owner.id or (
        project.organisation_id is not None and project.organisation_id == owner.organisation_id
    )


def versions(db: Session, instrument_id: str) -> list[StoredInstrument]:
    """Every stored version of an id, newest first."""
    return list(
        db.scalars(
            select(StoredInstrument)
            .where(StoredInstrument.instrument_id == instrument_id)
            .order_by(StoredInstrument.version.desc())
        )
    )


def store(
    db: Session,
    project: Project,
    user: User | None,
    checked: Checked,
    shipped_ids: set[str],
    today: dt.date,
) -> StoredInstrument:
    """Store a validated upload as a draft: the next version, or in place of the unpublished draft."""
    instrument = checked.instrument
    if instrument.id in shipped_ids:
        raise Refused(
            N_("The form id %(id)s belongs to a shipped form: give yours another form_id."),
            id=instrument.id,
        )
    found = versions(db, instrument.id)
    if found and not shares(project, found[0].project):
        raise Refused(
            N_("The form id %(id)s is used by another organisation: choose another form_id."),
            id=instrument.id,
        )
    latest = found[0] if found else None
    published = next((row for row in found if row.published_on), None)
    if published and published.content_hash == instrument.content_hash:
        raise Refused(
            N_("Nothing changed: version %(version)s of %(id)s is published with this content."),
            version=published.version,
            id=instrument.id,
        )
    if latest is not None and latest.published_on is None:
        db.delete(latest)  # an unpublished draft is replaced, never answered
        db.flush()
        version = latest.version
    else:
        version = latest.version + 1 if latest else 1
    data = {**checked.data, "version": version}
    row = StoredInstrument(
        instrument_id=instrument.id,
        version=version,
        project_id=project.id,
        content_hash=instrument.content_hash,
        body=json.dumps(data, ensure_ascii=False),
        uploaded_by=user.id if user else None,
        uploaded_on=today,
    )
    db.add(row)
    db.flush()
    return row


def publish(db: Session, row: StoredInstrument, today: dt.date) -> None:
    """Make a draft usable for new collections; from now on it is never changed."""
    if row.published_on is None:
        row.published_on = today
        db.flush()


def delete_draft(db: Session, row: StoredInstrument) -> None:
    """Delete an unpublished draft. A published version (or any version answers were stored
    against, which only a published one can be) is never deleted: it is only superseded."""
    if row.published_on is not None or db.get(InstrumentVersion, (row.instrument_id, row.version)):
        refuse_deletion(row)
    db.delete(row)
    db.flush()


def refuse_deletion(row: StoredInstrument) -> None:
    raise Refused(
        N_("Version %(version)s of %(id)s is published: it is never deleted, only superseded."),
        version=row.version,
        id=row.instrument_id,
    )


def data_of(row: StoredInstrument) -> dict:
    return json.loads(row.body)


def spec_of(row: StoredInstrument) -> spec.Instrument:
    """The frozen spec of a stored version (validated when stored; parsed once per process)."""
    key = (row.instrument_id, row.version, row.content_hash)
    with _specs_lock:
        found = _specs.get(key)
    if found is not None:
        return found
    instrument, errors = parse_data(data_of(row), f"stored:{row.instrument_id}")
    if instrument is None:  # stored only after validation: a changed validator is a bug to see
        raise ValueError("; ".join(str(e) for e in errors))
    instrument = dataclasses.replace(instrument, path="")
    with _specs_lock:
        if len(_specs) >= _MAX_SPECS:
            _specs.clear()
        _specs[key] = instrument
    return instrument


def published(db: Session) -> list[tuple[spec.Instrument, str]]:
    """The newest published version of every stored form, with its owning project's id."""
    newest = (
        select(StoredInstrument.instrument_id, func.max(StoredInstrument.version).label("v"))
        .where(StoredInstrument.published_on.is_not(None))
        .group_by(StoredInstrument.instrument_id)
        .subquery()
    )
    rows = db.scalars(
        select(StoredInstrument).join(
            newest,
            (StoredInstrument.instrument_id == newest.c.instrument_id)
            & (StoredInstrument.version == newest.c.v),
        )
    )
    return [(spec_of(row), row.project_id) for row in rows]


def of_projects(db: Session, projects: list[Project]) -> list[StoredInstrument]:
    """Every stored version the projects may use or revise, by id and newest version first."""
    ids = {p.id for p in projects}
    organisations = {p.organisation_id for p in projects if p.organisation_id}
    rows = db.scalars(
        select(StoredInstrument)
        .join(Project, Project.id == StoredInstrument.project_id)
        .where(Project.id.in_(ids) | Project.organisation_id.in_(organisations))
        .order_by(StoredInstrument.instrument_id, StoredInstrument.version.desc())
    )
    return list(rows)
