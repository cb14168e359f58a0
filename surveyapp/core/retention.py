"""The organisation's retention time, applied: answers older than it are deleted.

A response is kept for the organisation's ``retention_years`` after its survey ends, which is the
later of the collection's closing day (if it has one) and the last day of the period the response
is dated by (its day, ISO week or month: responses keep no finer date). When that day is more than
``retention_years`` before today, the response goes with every answer of it, its written answers
and the themes' tags on them. So a survey left open keeps each answer for the retention time from
the period it was given in.

With the answers go the keys that belonged to them: a survey's access codes once the survey closed
more than the retention time ago, and a group session held that long ago, in a survey that ended
that long ago (or has no end), once none of its answers is left (its name, day and PIN).
Submission keys are deliberately unlinked from answers and carry no date, so nothing here can tell
which answer a key was for; they identify no one.

A collection whose coordinators chose to keep its results keeps its protected results tables (no
rows, no written answers, nothing under the small-group limit: core/kept_results.py), taken by
the run that first deletes its answers, just before it does.

Projects with no organisation have no retention time; their answers are kept, and the dry run
says so. Each real run logs one RetentionRun row: the day and the counts, nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from surveyapp.core.models import (
    AccessCode,
    Answer,
    Collection,
    GroupSession,
    KioskAttempt,
    Organisation,
    Project,
    Response,
    RetentionRun,
    TopicTag,
)

# Ids per statement: well under SQLite's bound-parameter limit.
CHUNK = 500


def years_before(day: dt.date, years: int) -> dt.date:
    """``day`` ``years`` years earlier; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def period_ended_before(cutoff: dt.date):
    """SQL: the response's period (day, ISO week or month) ended before ``cutoff``."""
    return or_(
        and_(Response.period_precision == "day", Response.period_start < cutoff),
        and_(
            Response.period_precision == "week",
            Response.period_start < cutoff - dt.timedelta(days=6),
        ),
        and_(Response.period_precision == "month", Response.period_start < cutoff.replace(day=1)),
    )


@dataclass(frozen=True)
class Due:
    """What one collection would lose today."""

    collection: Collection
    retention_years: int | None  # None: its project has no organisation, nothing goes
    response_ids: tuple[str, ...] = ()
    answers: int = 0
    texts: int = 0
    access_codes: int = 0
    group_session_ids: tuple[str, ...] = ()

    @property
    def anything(self) -> bool:
        return bool(self.response_ids or self.access_codes or self.group_session_ids)


def due_in(db: Session, collection: Collection, years: int, today: dt.date) -> Due:
    cutoff = years_before(today, years)
    ended = collection.closes_on is None or collection.closes_on < cutoff
    ids: tuple[str, ...] = ()
    answers = texts = codes = 0
    if ended:
        ids = tuple(
            db.scalars(
                select(Response.id)
                .where(Response.collection_id == collection.id, period_ended_before(cutoff))
                .order_by(Response.id)
            )
        )
    for start in range(0, len(ids), CHUNK):
        found, written = db.execute(
            select(func.count(), func.count(Answer.text)).where(
                Answer.response_id.in_(ids[start : start + CHUNK])
            )
        ).one()
        answers, texts = answers + found, texts + written
    if collection.closes_on is not None and collection.closes_on < cutoff:
        codes = db.scalar(
            select(func.count())
            .select_from(AccessCode)
            .where(AccessCode.collection_id == collection.id)
        )
    # A session goes with its survey's answers, once none of its own stays: the activity counts
    # of a survey still within the retention time keep every session.
    staying = select(Response.id).where(
        Response.group_session_id == GroupSession.id, ~period_ended_before(cutoff)
    )
    sessions: tuple[str, ...] = ()
    if ended:
        sessions = tuple(
            db.scalars(
                select(GroupSession.id)
                .where(
                    GroupSession.collection_id == collection.id,
                    GroupSession.held_on < cutoff,
                    ~staying.exists(),
                )
                .order_by(GroupSession.id)
            )
        )
    return Due(collection, years, ids, answers, texts, codes, sessions)


def due(db: Session, today: dt.date) -> list[Due]:
    """Every collection's share of what the retention time removes today, by collection slug."""
    rows = db.execute(
        select(Collection, Organisation.retention_years)
        .join(Project, Collection.project_id == Project.id)
        .outerjoin(Organisation, Project.organisation_id == Organisation.id)
        .order_by(Collection.slug)
    )
    return [
        Due(collection, None) if years is None else due_in(db, collection, years, today)
        for collection, years in rows
    ]


def apply(
    db: Session, today: dt.date, keep: Callable[[Collection], object] | None = None
) -> RetentionRun:
    """Delete what the retention time removes today and log the run (flushes, never commits).

    ``keep`` is called with each collection about to lose answers, before they go: it keeps the
    collection's protected results tables where its coordinators chose so (core/kept_results.py).
    """
    found = due(db, today)
    if keep is not None:
        for item in found:
            if item.response_ids:
                keep(item.collection)
    run = RetentionRun(
        run_on=today,
        responses=sum(len(d.response_ids) for d in found),
        answers=sum(d.answers for d in found),
        texts=sum(d.texts for d in found),
        access_codes=sum(d.access_codes for d in found),
        group_sessions=sum(len(d.group_session_ids) for d in found),
    )
    for item in found:
        for start in range(0, len(item.response_ids), CHUNK):
            ids = item.response_ids[start : start + CHUNK]
            db.execute(delete(TopicTag).where(TopicTag.response_id.in_(ids)))
            db.execute(delete(Answer).where(Answer.response_id.in_(ids)))
            db.execute(delete(Response).where(Response.id.in_(ids)))
        if item.access_codes:
            db.execute(delete(AccessCode).where(AccessCode.collection_id == item.collection.id))
        if item.group_session_ids:
            gone = item.group_session_ids
            db.execute(delete(KioskAttempt).where(KioskAttempt.group_session_id.in_(gone)))
            db.execute(delete(GroupSession).where(GroupSession.id.in_(item.group_session_ids)))
    db.add(run)
    db.flush()
    db.expire_all()
    return run
