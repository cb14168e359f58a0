"""The yearly activity table of a collection's group sessions, as project reports print it.

VALPAS counted "yhteisiä retkiä ja ryhmäkertoja … yhteensä 108 ja osallistujia … 343" and a mean
grade per year (seeds/000 l. 835-842). Per period of the protected table and per kind of session:
sessions held, participants (the attendance the leaders entered; a session without it counts as
held and adds no participants), answers stored with the sessions once they are closed (as in the
history: an open session's figures would move by one answer), the response rate (answers /
participants, over the sessions with attendance only) and the mean grade.

Sessions and attendance are the coordinators' own records, not answers: the session history lists
them one by one already, so their sums are shown as they are. Answers, response rates and means
come from answers: they cut the protected table's cells by kind of session, so they are shown for
a period only where every piece of every cell (each kind, with and without attendance; the
answers outside sessions) is 0 or at least k, also after taking away the reviewed and published
sessions someone knows (protection.known_counts). Otherwise the kinds are joined, then the figure
is left out for the period. docs/disclosure.md gives the reasons.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from surveyapp.core import group_sessions, protection
from surveyapp.core.instruments import spec
from surveyapp.core.models import SESSION_KINDS, Answer, Collection, GroupSession, Response
from surveyapp.core.summaries import number

NONE = "none"  # the piece of a cell answered outside any session
ALL = "all"  # the kinds joined
# How finely the answers of one period are shown: a piece of a cell → the part it is counted in.
LEVELS: tuple[Callable[[tuple | str], object], ...] = (
    lambda part: part,  # each kind, with and without attendance apart
    lambda part: part if part == NONE else part[0],  # each kind
    lambda part: part if part == NONE else ALL,  # all kinds together
)


@dataclass(frozen=True)
class Row:
    """One kind's sessions in one period (``kind`` ALL: every kind). Answer figures are None where
    they are not shown; ``period`` None is the row of all periods."""

    period: str | None
    kind: str
    sessions: int
    without_attendance: int
    participants: int
    answers: int | None = None
    attended_answers: int | None = None  # answers of the sessions with attendance
    graded: int | None = None
    grade_total: int | None = None

    @property
    def response_rate(self) -> Fraction | None:
        if self.attended_answers is None or not self.participants:
            return None
        return Fraction(100 * self.attended_answers, self.participants)

    @property
    def mean(self) -> Fraction | None:
        return Fraction(self.grade_total, self.graded) if self.graded else None


@dataclass(frozen=True)
class Activity:
    rows: tuple[Row, ...]  # each period's kinds, then its total where it has several kinds
    total: Row
    min_cell: int
    grade_item: spec.Item | None


@dataclass
class _Figures:
    sessions: int = 0
    without_attendance: int = 0
    participants: int = 0
    answers: int = 0
    attended_answers: int = 0
    graded: int = 0
    grade_total: int = 0

    def add(self, other: _Figures) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def for_collection(
    db: Session,
    collection: Collection,
    instrument: spec.Instrument,
    table: protection.Table,
    session_min_n: int,
) -> Activity:
    """The activity table of ``collection``, its answer figures under ``table``'s protection."""
    sessions = {
        s.id: s
        for s in db.scalars(select(GroupSession).where(GroupSession.collection_id == collection.id))
    }
    label = _period_label(table)
    figures: dict[tuple[str, str], _Figures] = defaultdict(_Figures)
    for s in sessions.values():
        here = figures[label(s.held_on.year), s.kind]
        here.sessions += 1
        here.without_attendance += s.attendance is None
        here.participants += s.attendance or 0
    # Answers by session (None: outside sessions), municipality and the year of their period.
    pieces: dict[tuple[str, str, object], int] = defaultdict(int)
    rows = db.execute(
        select(
            Response.group_session_id,
            Response.municipality_code,
            Response.period_start,
            func.count(),
        )
        .where(Response.collection_id == collection.id)
        .group_by(Response.group_session_id, Response.municipality_code, Response.period_start)
    )
    for session_id, place, start, n in rows:
        s = sessions.get(session_id)
        part = _part(s)
        pieces[label(start.year), place or "", part] += n
        if part != NONE:
            here = figures[label(start.year), s.kind]
            here.answers += n
            here.attended_answers += n if s.attendance is not None else 0
    grade = group_sessions.grade_item(instrument)
    for session_id, start, graded, total in _grades(db, collection, grade):
        if _part(sessions[session_id]) == NONE:
            continue
        here = figures[label(start.year), sessions[session_id].kind]
        here.graded += graded
        here.grade_total += total or 0
    known = [
        replace(u, published=u.session in table.published_sessions)
        for u in group_sessions.units(db, collection, session_min_n, table.min_cell)
    ]
    periods = sorted({p for p, _kind in figures}, key=_period_order)
    out: list[Row] = []
    total = _Figures()
    levels: dict[str, int | None] = {}
    unattended: dict[str, int] = {}
    for period in periods:
        levels[period] = None if table.hidden else _level(table, period, pieces, known, sessions)
        kinds = [k for k in SESSION_KINDS if (period, k) in figures]
        joined = _Figures()
        for kind in kinds:
            joined.add(figures[period, kind])
            out.append(_row(period, kind, figures[period, kind], levels[period], by_kind=True))
        if len(kinds) > 1:
            out.append(_row(period, ALL, joined, levels[period], by_kind=False))
        total.add(joined)
        unattended[period] = joined.answers - joined.attended_answers
    # The row of all periods adds up the periods' rows: its figures only where every period shows them.
    total_row = _row(None, ALL, total, None, by_kind=False)
    if all(level is not None for level in levels.values()):
        total_row = replace(
            total_row, answers=total.answers, graded=total.graded, grade_total=total.grade_total
        )
        if all(_rate_shown(levels[p], unattended[p]) for p in periods):
            total_row = replace(total_row, attended_answers=total.attended_answers)
    return Activity(tuple(out), total_row, table.min_cell, grade)


def _part(s: GroupSession | None):
    """The piece of a cell a session's answers are in: its kind and whether it has attendance once
    it is closed; while open (its figures still move by one answer), with the answers outside sessions."""
    if s is None or s.closed_on is None:
        return NONE
    return s.kind, s.attendance is not None


def _grades(db: Session, collection: Collection, grade: spec.Item | None):
    """(session, period start, grades given, their sum) of the answers stored with sessions."""
    if grade is None:
        return []
    return db.execute(
        select(
            Response.group_session_id,
            Response.period_start,
            func.count(Answer.grade),
            func.sum(Answer.grade),
        )
        .join(Answer, Answer.response_id == Response.id)
        .where(
            Response.collection_id == collection.id,
            Response.group_session_id.is_not(None),
            Answer.item_code == grade.code,
            Answer.grade.is_not(None),
        )
        .group_by(Response.group_session_id, Response.period_start)
    )


def _period_label(table: protection.Table) -> Callable[[int], str]:
    """A year → its period of the protected table ("2017–2018"), or the year itself when no answer
    fell in it (sessions without answers)."""

    def label(year: int) -> str:
        if any(year in years for years in table.periods):
            return table.period_label(table.period_index(year))
        return str(year)

    return label


def _period_order(label: str) -> int:
    return int(label[:4])


def _level(table, period, pieces, known, sessions) -> int | None:
    """The finest level (index into LEVELS) at which every piece of the period's cells is 0 or at
    least k, also minus what someone knows; None: no answer figure for the period."""
    for index, coarse in enumerate(LEVELS):
        counts: dict[tuple, int] = defaultdict(int)
        for (p, place, part), n in pieces.items():
            if p == period:
                counts[table.group_of(place), coarse(part)] += n
        # Only the units of this period: a period is a column of the protected table.
        label = _period_label(table)
        here = [u for u in known if label(u.year) == period]

        def cell_of(u):
            return table.group_of(u.municipality), coarse(_part(sessions[u.session]))

        knowledge = protection.known_counts(here, cell_of)
        if not any(
            protection.bad_count(n, knowledge.get(key, ()), table.min_cell)
            for key, n in counts.items()
        ):
            return index
    return None


def _rate_shown(level: int | None, unattended_answers: int) -> bool:
    """The rate of a row is shown where its answers of sessions with attendance are shown: apart at
    level 0, or equal to all its answers (none in sessions without attendance)."""
    return level == 0 or (level is not None and unattended_answers == 0)


def _row(period, kind, f: _Figures, level: int | None, *, by_kind: bool) -> Row:
    row = Row(period, kind, f.sessions, f.without_attendance, f.participants)
    shown = level is not None and (by_kind and level <= 1 or not by_kind)
    if not shown:
        return row
    rate = _rate_shown(level, f.answers - f.attended_answers)
    return replace(
        row,
        answers=f.answers,
        attended_answers=f.attended_answers if rate else None,
        graded=f.graded,
        grade_total=f.grade_total,
    )


def as_data(activity: Activity) -> dict:
    """The activity table for JSON: figures not shown are null."""

    def row(r: Row) -> dict:
        return {
            "period": r.period,
            "kind": r.kind,
            "sessions": r.sessions,
            "sessions_without_attendance": r.without_attendance,
            "participants": r.participants,
            "answers": r.answers,
            "response_rate_percent": number(r.response_rate, 1),
            "mean_grade": number(r.mean, 2),
        }

    return {
        "min_cell": activity.min_cell,
        "grade_item": activity.grade_item.code if activity.grade_item else None,
        "rows": [row(r) for r in activity.rows],
        "total": row(activity.total),
    }
