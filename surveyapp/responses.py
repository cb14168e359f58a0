"""Storing responses: one response per submission key, flushed, never committed here."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Iterable

from sqlalchemy.orm import Session

from . import periods
from .instruments import spec
from .instruments.answers import AnswerValue
from .models import Answer, Collection, InstrumentVersion, Response, SubmissionKey


def key_digest(key: str) -> str:
    """Stored form of a submission key: the key itself never reaches the database."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def already_stored(session: Session, key: str) -> bool:
    return session.get(SubmissionKey, key_digest(key)) is not None


def ensure_instrument_version(session: Session, instrument: spec.Instrument) -> None:
    """Record the instrument version (and its content hash) that answers are stored against."""
    row = session.get(InstrumentVersion, (instrument.id, instrument.version))
    if row is None:
        session.add(InstrumentVersion(instrument_id=instrument.id, version=instrument.version,
                                      content_hash=instrument.content_hash))
    elif row.content_hash != instrument.content_hash:
        raise ValueError(f"{instrument.id} version {instrument.version} is stored with other content; "
                         "raise its version")


def submit(session: Session, *, collection: Collection, instrument: spec.Instrument,
           answers: Iterable[AnswerValue], channel: str, municipality_code: str | None,
           day: dt.date, precision: str, key: str | None, group_session_id: str | None = None) -> Response | None:
    """Add a response; returns None when ``key`` was already used (the answer is stored already).

    The submission key table's unique key is what finally guarantees "exactly once": if two
    requests race past the check, the second commit fails and the caller reports a duplicate.
    """
    if key is not None:
        if already_stored(session, key):
            return None
        session.add(SubmissionKey(key=key_digest(key)))
    ensure_instrument_version(session, instrument)
    response = Response(
        collection_id=collection.id,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        municipality_code=municipality_code,
        group_session_id=group_session_id,
        channel=channel,
        period_start=periods.period_start(day, precision),
        period_precision=precision,
        answers=[Answer(item_code=a.item_code, choice_code=a.choice_code, grade=a.grade, text=a.text)
                 for a in answers],
    )
    session.add(response)
    session.flush()
    return response


