"""Storing responses: the submission key decides, even when two requests race with one key."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from surveyapp.core import responses
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import (
    Answer,
    ConfigVersion,
    InstrumentVersion,
    Response,
    SubmissionKey,
)
from tests.helpers import count_responses, make_collection, shipped_instruments

FEEDBACK = shipped_instruments()["session_feedback"]
KEY = "racing-key-0123456789abcdef"


def store(db, collection, key):
    return responses.submit(
        db,
        collection=collection,
        instrument=FEEDBACK,
        answers=[AnswerValue("arvosana", grade=9), AnswerValue("vapaa_palaute", text="Hyvä")],
        channel="kiosk",
        municipality_code="muhos",
        day=dt.date(2026, 3, 4),
        precision="week",
        key=key,
    )


def test_a_response_and_its_answers_are_stored_under_a_random_id(db):
    collection = make_collection(db, "session_feedback")
    response_id = store(db, collection, KEY)
    db.commit()
    stored = db.get(Response, response_id)
    assert len(response_id) == 32 and int(response_id, 16) >= 0
    assert (
        stored.collection_id,
        stored.channel,
        stored.municipality_code,
        stored.period_start,
        stored.period_precision,
    ) == (collection.id, "kiosk", "muhos", dt.date(2026, 3, 2), "week")
    assert [(a.item_code, a.grade, a.text) for a in stored.answers] == [
        ("arvosana", 9, None),
        ("vapaa_palaute", None, "Hyvä"),
    ]
    assert db.scalars(select(SubmissionKey.key)).all() == [responses.key_digest(KEY)]


def test_a_used_key_stores_nothing_more(db):
    collection = make_collection(db, "session_feedback")
    assert store(db, collection, KEY) is not None
    db.commit()
    assert store(db, collection, KEY) is None
    db.commit()
    assert count_responses(db) == 1
    assert db.scalar(select(func.count()).select_from(Answer)) == 2


def test_two_requests_racing_with_one_key_store_one_response(app, db):
    """The second waits for the first one's transaction and then finds the key taken."""
    collection = make_collection(db, "session_feedback")
    maker = app.extensions["surveyapp.db"]
    first, second = maker(), maker()
    assert store(first, collection, KEY) is not None  # in flight: not committed yet
    outcome = {}
    racer = threading.Thread(
        target=lambda: outcome.setdefault("second", store(second, collection, KEY))
    )
    racer.start()
    racer.join(0.5)
    assert racer.is_alive()  # waiting for the first transaction
    first.commit()
    racer.join(10)
    second.commit()
    first.close(), second.close()
    assert outcome == {"second": None}
    assert count_responses(db) == 1


def test_an_instrument_version_recorded_with_other_content_refuses_answers(db):
    collection = make_collection(db, "session_feedback")
    db.add(
        InstrumentVersion(
            instrument_id=FEEDBACK.id, version=FEEDBACK.version, content_hash="0" * 64
        )
    )
    db.commit()
    with pytest.raises(ValueError, match="stored with other content"):
        store(db, collection, KEY)


def test_a_version_recorded_in_a_rolled_back_transaction_is_recorded_again(db):
    """The per-connection check must not remember a version row that a rollback took away."""
    collection = make_collection(db, "session_feedback")
    assert store(db, collection, KEY) is not None  # the first answer records the version...
    db.rollback()  # ...and its transaction fails
    assert db.get(InstrumentVersion, (FEEDBACK.id, FEEDBACK.version)) is None
    assert store(db, collection, KEY) is not None
    db.commit()
    assert (
        db.get(InstrumentVersion, (FEEDBACK.id, FEEDBACK.version)).content_hash
        == FEEDBACK.content_hash
    )
    assert count_responses(db) == 1


# Quotes, a backslash, JSON of its own, a new line, a tab, an emoji and Swedish letters.
WRITTEN = 'Sanoin "näin", \\ ja {"json": [1, null]}\nToinen rivi\tsarkain 🙂 Åbo'


@pytest.mark.parametrize("alone", [False, True], ids=["in a transaction", "alone"])
def test_a_keyed_answer_stores_every_answer_exactly_as_written(db, alone):
    """Both ways an answer is stored: in the caller's transaction, and (PostgreSQL) as a statement
    of its own."""
    collection = make_collection(db, "session_feedback")
    responses.ensure_instrument_version(db, FEEDBACK)
    db.commit()
    version = db.scalar(select(ConfigVersion.version)) if alone else None
    db.commit()
    stored = responses.submit_keyed(
        db,
        key=KEY,
        collection_id=collection.id,
        instrument=FEEDBACK,
        answers=[AnswerValue("arvosana", grade=9), AnswerValue("vapaa_palaute", text=WRITTEN)],
        channel="kiosk",
        municipality_code="muhos",
        day=dt.date(2026, 3, 4),
        precision="week",
        alone_at=version,
    )
    db.commit()
    assert stored.response_id is not None
    assert [
        (a.item_code, a.choice_code, a.grade, a.text)
        for a in db.get(Response, stored.response_id).answers
    ] == [("arvosana", None, 9, None), ("vapaa_palaute", None, None, WRITTEN)]
