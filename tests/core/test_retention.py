"""The retention time applied: answers past it go with their texts, tags and keys; what is still
within it stays; the log keeps the day and counts only. On SQLite and PostgreSQL, exact counts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from surveyapp.core import access_codes, group_sessions, responses, retention
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import (
    AccessCode,
    Answer,
    GroupSession,
    Project,
    Response,
    RetentionRun,
    Topic,
    TopicTag,
)
from tests.helpers import make_collection, make_organisation, shipped_instruments

INSTRUMENT = shipped_instruments()["session_feedback"]
TODAY = dt.date(2026, 12, 1)  # retention 2 years: what ended before 2024-12-01 goes


def answer(db, collection, day, precision="day", *, text=None, session=None) -> str:
    values = [AnswerValue("arvosana", grade=8)]
    if text:
        values.append(AnswerValue("vapaa_palaute", text=text))
    return responses.submit(
        db,
        collection=collection,
        instrument=INSTRUMENT,
        answers=values,
        channel="kiosk" if session else "web",
        municipality_code="muhos",
        day=day,
        precision=precision,
        key=None,
        group_session_id=session,
    )


def count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


@pytest.fixture
def data(db):
    """Four collections around the day 2024-12-01 (see each line)."""
    closed = make_collection(db, "session_feedback", slug="vanha", closes_on=dt.date(2024, 6, 30))
    make_organisation(db, retention_years=2)
    open_ended = make_collection(db, "session_feedback", slug="auki")
    recent = make_collection(db, "session_feedback", slug="tuore", closes_on=dt.date(2025, 1, 31))
    elsewhere = make_collection(db, "session_feedback", slug="muu")
    elsewhere.project = Project(slug="muu", name="Muu hanke")  # no organisation
    db.flush()
    old_group = group_sessions.create(
        db,
        collection=closed,
        group_name="Vanha ryhmä",
        municipality_code="muhos",
        held_on=dt.date(2024, 5, 2),
        pin="1234",
    )
    kept_group = group_sessions.create(
        db,
        collection=closed,
        group_name="Myöhäinen ryhmä",
        municipality_code="muhos",
        held_on=dt.date(2024, 5, 3),
        pin="1234",
    )
    group_sessions.create(  # no answers, but its survey is still within the retention time
        db,
        collection=recent,
        group_name="Tuore ryhmä",
        municipality_code="muhos",
        held_on=dt.date(2024, 5, 2),
        pin="1234",
    )
    ids = {
        # closed 2024-06-30: goes when its period ended before 2024-12-01
        "day": answer(db, closed, dt.date(2024, 6, 1), text="Hyvä ryhmä", session=old_group.id),
        "week gone": answer(db, closed, dt.date(2024, 11, 24), "week"),  # week ends 11-24
        "week kept": answer(db, closed, dt.date(2024, 11, 25), "week", session=kept_group.id),
        "month gone": answer(db, closed, dt.date(2024, 11, 30), "month", text="Kiitos"),
        "month kept": answer(db, closed, dt.date(2024, 12, 1), "month"),
        # open: each answer by its own period
        "open gone": answer(db, open_ended, dt.date(2024, 11, 30), text="Vanha"),
        "open kept": answer(db, open_ended, dt.date(2024, 12, 1)),
        # closed 2025-01-31, less than two years ago: all stay
        "recent": answer(db, recent, dt.date(2024, 1, 10), text="Pysyy"),
        # no organisation, no retention time
        "elsewhere": answer(db, elsewhere, dt.date(2010, 1, 4)),
    }
    access_codes.generate(db, closed, "muhos", 3)
    access_codes.generate(db, open_ended, "muhos", 2)
    topic = Topic(collection_id=closed.id, name="Ryhmät")
    db.add(topic)
    db.flush()
    db.add(TopicTag(topic_id=topic.id, response_id=ids["day"], item_code="vapaa_palaute"))
    db.commit()
    return ids


def test_the_dry_run_lists_what_would_go(db, data):
    found = {d.collection.slug: d for d in retention.due(db, TODAY)}
    assert sorted(found["vanha"].response_ids) == sorted(
        data[k] for k in ("day", "week gone", "month gone")
    )
    assert (found["vanha"].answers, found["vanha"].texts, found["vanha"].access_codes) == (5, 2, 3)
    assert len(found["vanha"].group_session_ids) == 1
    assert found["auki"].response_ids == (data["open gone"],)
    assert (found["auki"].answers, found["auki"].texts, found["auki"].access_codes) == (2, 1, 0)
    assert not found["tuore"].anything
    assert found["muu"].retention_years is None and not found["muu"].anything
    # Nothing deleted, nothing logged.
    assert (count(db, Response), count(db, Answer), count(db, RetentionRun)) == (9, 13, 0)


def test_apply_deletes_exactly_what_is_past_the_time(db, data):
    run = retention.apply(db, TODAY)
    db.commit()
    kept = {"week kept", "month kept", "open kept", "recent", "elsewhere"}
    assert set(db.scalars(select(Response.id))) == {data[k] for k in kept}
    # 9 responses had 13 answers (4 written ones); 4 responses with 7 answers went.
    assert (count(db, Response), count(db, Answer)) == (5, 6)
    assert db.scalars(select(Answer.text).where(Answer.text.is_not(None))).all() == ["Pysyy"]
    assert count(db, TopicTag) == 0 and count(db, Topic) == 1
    assert count(db, AccessCode) == 2  # the open survey's
    assert sorted(db.scalars(select(GroupSession.group_name))) == ["Myöhäinen ryhmä", "Tuore ryhmä"]
    logged = db.scalar(select(RetentionRun))
    assert logged is run
    assert (
        logged.run_on,
        logged.responses,
        logged.answers,
        logged.texts,
        logged.access_codes,
        logged.group_sessions,
    ) == (TODAY, 4, 7, 3, 3, 1)
    # Applied again the same day: nothing more goes, and the run is logged with zeros.
    again = retention.apply(db, TODAY)
    db.commit()
    assert (again.responses, again.answers, again.access_codes, again.group_sessions) == (0,) * 4
    assert count(db, RetentionRun) == 2 and count(db, Response) == 5


def test_the_command_dry_run_and_apply(app, runner, db, data):
    dry = runner.invoke(args=["retention", "apply", "--dry-run", "--today", "2026-12-01"])
    assert dry.exit_code == 0, dry.output
    assert "vanha: 3 responses (5 answers, 2 written), 3 access codes, 1 group sessions" in (
        dry.output
    )
    assert "auki: 1 responses (2 answers, 1 written), 0 access codes, 0 group sessions" in (
        dry.output
    )
    assert "muu: kept (its project has no organisation" in dry.output
    assert "tuore" not in dry.output
    assert "dry run on 2026-12-01: 4 responses would be deleted" in dry.output
    assert count(db, Response) == 9
    done = runner.invoke(args=["retention", "apply", "--today", "2026-12-01"])
    assert done.exit_code == 0, done.output
    assert "2026-12-01: deleted 4 responses (7 answers, 3 written), 3 access codes, 1 group" in (
        done.output
    )
    db.expire_all()
    assert count(db, Response) == 5 and count(db, RetentionRun) == 1


def test_a_leap_day_counts_back_to_the_28th():
    assert retention.years_before(dt.date(2028, 2, 29), 2) == dt.date(2026, 2, 28)
    assert retention.years_before(dt.date(2026, 12, 1), 5) == dt.date(2021, 12, 1)
