"""Group sessions: creation, closing, the leader's review and the history. No Flask here.

Closed figures never change. The review and the history's mean are shown only for a closed
session, so re-reading them while answers arrive reveals no single answer. An answer queued on a
tablet that arrives after closing (within the grace period) is stored in the collection without
the session: it counts in the municipality and monthly results under their usual small-group
protection, and the session shows it only as "+N late" (GroupSession.late_answers).
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from surveyapp.core import grade_items
from surveyapp.core.characters import whole_number
from surveyapp.core.instruments import spec
from surveyapp.core.models import Answer, Collection, GroupSession, Response
from surveyapp.core.stats import GradeSummary
from surveyapp.core.summaries import grades_from_counts

PIN_LENGTHS = range(4, 9)


def create(
    db: Session,
    *,
    collection: Collection,
    group_name: str,
    municipality_code: str,
    held_on: dt.date,
    pin: str,
    idle_seconds: int | None = None,
    language: str = "fi",
    kind: str = "group",
) -> GroupSession:
    group_session = GroupSession(
        collection=collection,
        group_name=group_name.strip(),
        municipality_code=municipality_code,
        held_on=held_on,
        kiosk_token=secrets.token_urlsafe(24),
        pin_hash=generate_password_hash(pin),
        idle_seconds=idle_seconds,
        language=language,
        kind=kind,
    )
    db.add(group_session)
    db.flush()
    return group_session


def valid_pin(pin: str) -> bool:
    return len(pin) in PIN_LENGTHS and whole_number(pin, max(PIN_LENGTHS)) is not None


def pin_matches(group_session: GroupSession, pin: str) -> bool:
    return check_password_hash(group_session.pin_hash, pin)


# The collection and its municipalities come in the same query: every kiosk answer needs them.
# Built once: each kiosk answer only binds its token.
_BY_TOKEN = (
    select(GroupSession)
    .where(GroupSession.kiosk_token == bindparam("token"))
    .options(joinedload(GroupSession.collection).joinedload(Collection.municipalities))
)


def by_token(db: Session, token: str) -> GroupSession | None:
    if not token or len(token) > 64:
        return None
    return db.scalars(_BY_TOKEN, {"token": token}).unique().one_or_none()


def accepts_answers(group_session: GroupSession, today: dt.date, grace_days: int) -> bool:
    """Open, or closed so recently that a tablet's queued answers still count."""
    return group_session.closed_on is None or today <= group_session.closed_on + dt.timedelta(
        days=grace_days
    )


def close(group_session: GroupSession, today: dt.date, attendance: int | None) -> None:
    group_session.attendance = attendance
    if group_session.closed_on is None:
        group_session.closed_on = today


def count_late(db: Session, group_session: GroupSession) -> None:
    """One more answer that arrived after closing (stored without the session, see the module notes)."""
    db.execute(
        update(GroupSession)
        .where(GroupSession.id == group_session.id)
        .values(late_answers=GroupSession.late_answers + 1)
    )


def open_sessions(db: Session, collection: Collection) -> list[GroupSession]:
    """A collection's sessions that still take answers (paper forms too), the latest first."""
    return list(
        db.scalars(
            select(GroupSession)
            .where(GroupSession.collection_id == collection.id, GroupSession.closed_on.is_(None))
            .order_by(GroupSession.held_on.desc(), GroupSession.group_name)
        )
    )


def grade_item(instrument: spec.Instrument) -> spec.Item | None:
    """The lead grade (core/grade_items.py): the one the history's mean is of, named there."""
    return grade_items.lead(instrument)


def count(db: Session, group_session: GroupSession) -> int:
    return db.scalar(
        select(func.count())
        .select_from(Response)
        .where(Response.group_session_id == group_session.id)
    )


@dataclass(frozen=True)
class Review:
    n: int
    attendance: int | None
    grades: GradeSummary | None  # the lead grade item's
    comments: list[str]
    grade_item: spec.Item | None = None
    # Every grade item with its summary, the lead first (a form may ask many grades).
    items: tuple[tuple[spec.Item, GradeSummary], ...] = ()

    @property
    def response_rate(self) -> Fraction | None:
        return Fraction(100 * self.n, self.attendance) if self.attendance else None


def review(
    db: Session,
    group_session: GroupSession,
    instrument: spec.Instrument,
    *,
    rng: random.Random | None = None,
) -> Review:
    """What the leader sees: counts, the grade distribution, the mean and the comments shuffled."""
    n = count(db, group_session)
    grade = grade_item(instrument)
    every = grade_items.ordered(instrument)
    counts: dict[str, dict[int, int]] = {i.code: {} for i in every}
    if every:
        for code, value, number in db.execute(
            select(Answer.item_code, Answer.grade, func.count())
            .join(Response)
            .where(
                Response.group_session_id == group_session.id,
                Answer.item_code.in_(list(counts)),
                Answer.grade.is_not(None),
            )
            .group_by(Answer.item_code, Answer.grade)
        ):
            counts[code][value] = number
    items = tuple((i, grades_from_counts(counts[i.code])) for i in every)
    grades = items[0][1] if grade else None
    comments = list(
        db.scalars(
            select(Answer.text)
            .join(Response)
            .where(
                Response.group_session_id == group_session.id,
                Answer.text.is_not(None),
                Answer.choice_code.is_(None),
            )
        )
    )
    # Random order: the list must not show who answered first or last.
    (rng or random.SystemRandom()).shuffle(comments)
    return Review(
        n=n,
        attendance=group_session.attendance,
        grades=grades,
        comments=comments,
        grade_item=grade,
        items=items,
    )


def units(db: Session, collection: Collection, review_min_n: int, min_cell: int) -> list:
    """Each session's answers by municipality and year: reviewed by its leader (``review_min_n`` answers or more),
    published in the coordinators' history (``min_cell`` or more). The protected table keeps every cell minus
    any of these 0 or at least k (surveyapp/core/protection.py)."""
    from surveyapp.core.protection import Unit

    rows = db.execute(
        select(
            GroupSession.id,
            GroupSession.group_name,
            Response.municipality_code,
            Response.period_start,
            Response.channel,
            func.count(),
        )
        .join(Response, Response.group_session_id == GroupSession.id)
        .where(GroupSession.collection_id == collection.id)
        .group_by(
            GroupSession.id,
            GroupSession.group_name,
            Response.municipality_code,
            Response.period_start,
            Response.channel,
        )
    )
    per_session: dict[str, list] = {}
    for session_id, group, place, start, channel, n in rows:
        per_session.setdefault(session_id, []).append((group, place or "", start, channel, n))
    out = []
    for session_id, parts in per_session.items():
        total = sum(p[-1] for p in parts)
        out += [
            Unit(
                session_id,
                group,
                place,
                start,
                channel,
                n,
                reviewed=total >= review_min_n,
                published=total >= min_cell,
            )
            for group, place, start, channel, n in parts
        ]
    return out


@dataclass(frozen=True)
class HistoryRow:
    group_session: GroupSession
    n: int | None  # None: not published (docs/disclosure.md), nothing shown
    mean: Fraction | None  # None also while the session is open

    @property
    def late(self) -> int:
        return self.group_session.late_answers

    @property
    def response_rate(self) -> Fraction | None:
        return (
            Fraction(100 * self.n, self.group_session.attendance)
            if self.group_session.attendance and self.n
            else None
        )


def history(
    db: Session, collection: Collection, instrument: spec.Instrument, published: frozenset[str]
) -> list[HistoryRow]:
    """Every session of a collection, by group, municipality and date; answers only for the sessions the
    protected table publishes (``Table.published_sessions``: k answers or more, and nothing under k follows),
    and their mean only once closed, so an open session's figures never change by one answer."""
    grade = grade_item(instrument)
    rows = []
    sessions = db.scalars(
        select(GroupSession)
        .where(GroupSession.collection_id == collection.id)
        .order_by(GroupSession.group_name, GroupSession.municipality_code, GroupSession.held_on)
    )
    for group_session in sessions:
        n = count(db, group_session) if group_session.id in published else None
        mean = None
        if group_session.id not in published:
            rows.append(HistoryRow(group_session, None, None))
            continue
        if grade and group_session.closed_on is not None:
            total, graded = db.execute(
                select(func.coalesce(func.sum(Answer.grade), 0), func.count(Answer.grade))
                .join(Response)
                .where(
                    Response.group_session_id == group_session.id, Answer.item_code == grade.code
                )
            ).one()
            mean = Fraction(total, graded) if graded else None
        rows.append(HistoryRow(group_session, n, mean))
    return rows
