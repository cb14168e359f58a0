"""Read-side queries for results: answer counts and texts by municipality, period and channel.

Returns plain rows; statistics and small-group protection happen in results.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session, aliased

from surveyapp.core import classification
from surveyapp.core.models import Answer, Collection, GroupSession, MunicipalityMerger, Response


@dataclass(frozen=True)
class Scope:
    """One collection, or one instrument across several collections."""

    instrument_id: str
    collection_ids: tuple[str, ...]


@dataclass(frozen=True)
class Filters:
    municipality: str | None = None  # a code, or "" for responses without a municipality
    year: int | None = None
    channel: str | None = None
    audience: str | None = None
    places: tuple[str, ...] | None = None  # a municipality group's codes ("" for none)
    years: tuple[int, int] | None = None  # a period: first and last year


@dataclass(frozen=True)
class Cell:
    """How many responses share one municipality, period start and channel."""

    municipality: str
    period_start: dt.date
    channel: str
    n: int


@dataclass(frozen=True)
class AnswerCell:
    municipality: str
    period_start: dt.date
    channel: str
    item_code: str
    choice_code: str | None
    grade: int | None
    n: int


def _where(table: type[Response] | type[Answer], scope: Scope, filters: Filters) -> list:
    """The scope and filters on ``table``: responses, or answers by the copies of their response's columns."""
    clauses = [
        table.collection_id.in_(scope.collection_ids),
        table.instrument_id == scope.instrument_id,
    ]
    if filters.municipality == "":
        clauses.append(table.municipality_code.is_(None))
    elif filters.municipality is not None:
        clauses.append(_counted_under(table.municipality_code, [filters.municipality]))
    if filters.year is not None:
        clauses.append(table.period_start >= dt.date(filters.year, 1, 1))
        clauses.append(table.period_start < dt.date(filters.year + 1, 1, 1))
    if filters.places is not None:
        named = [p for p in filters.places if p]
        either = [_counted_under(table.municipality_code, named)] if named else []
        if "" in filters.places:
            either.append(table.municipality_code.is_(None))
        clauses.append(or_(*either))
    if filters.years is not None:
        clauses.append(table.period_start >= dt.date(filters.years[0], 1, 1))
        clauses.append(table.period_start < dt.date(filters.years[1] + 1, 1, 1))
    if filters.channel is not None:
        clauses.append(table.channel == filters.channel)
    if filters.audience is not None:
        clauses.append(
            table.collection_id.in_(
                select(Collection.id).where(Collection.audience == filters.audience)
            )
        )
    return clauses


def _counted_under(column, codes: list[str]):
    """``column`` holds one of ``codes``, or an old code merged into one (a kuntaliitos, or a typed
    municipality that became an official one): stored responses are never rewritten."""
    merged = select(MunicipalityMerger.old_code).where(MunicipalityMerger.new_code.in_(codes))
    return column.in_(codes) | column.in_(merged)


def answer_conditions(scope: Scope, filters: Filters) -> list:
    """The WHERE clauses that select a scope's and filters' answers (for queries elsewhere)."""
    return _where(Answer, scope, filters)


def response_cells(db: Session, scope: Scope, filters: Filters) -> list[Cell]:
    rows = db.execute(
        select(Response.municipality_code, Response.period_start, Response.channel, func.count())
        .where(*_where(Response, scope, filters))
        .group_by(Response.municipality_code, Response.period_start, Response.channel)
    )
    today = classification.current_codes(db)
    return _summed(Cell, [Cell(today.get(m, m or ""), *rest) for m, *rest in rows])


def _summed(kind, cells: list):
    """Cells that became alike when old codes took their new ones, added up into one each."""
    totals: dict[tuple, int] = {}
    for cell in cells:
        key = dataclasses.astuple(cell)[:-1]
        totals[key] = totals.get(key, 0) + cell.n
    return [kind(*key, n) for key, n in totals.items()]


@dataclass(frozen=True)
class PeriodCell:
    """How many responses share one municipality, period (with the precision it was kept at) and channel."""

    municipality: str
    period_start: dt.date
    precision: str
    channel: str
    n: int


def period_cells(db: Session, scope: Scope) -> list[PeriodCell]:
    rows = db.execute(
        select(
            Response.municipality_code,
            Response.period_start,
            Response.period_precision,
            Response.channel,
            func.count(),
        )
        .where(*_where(Response, scope, Filters()))
        .group_by(
            Response.municipality_code,
            Response.period_start,
            Response.period_precision,
            Response.channel,
        )
    )
    today = classification.current_codes(db)
    return _summed(PeriodCell, [PeriodCell(today.get(m, m or ""), *rest) for m, *rest in rows])


# PostgreSQL's default work_mem (4 MB) can push a large grouping into an on-disk sort; with room it
# hashes in memory (bench/results_scale.py). This transaction only.
REPORT_WORK_MEM = "128MB"


def _room_to_aggregate(db: Session) -> None:
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'"))


def answer_cells(db: Session, scope: Scope, filters: Filters) -> list[AnswerCell]:
    """Counts of every chosen option and grade, from ix_answer_report_cells alone (no join, no table rows)."""
    _room_to_aggregate(db)
    grouping = (
        Answer.municipality_code,
        Answer.period_start,
        Answer.channel,
        Answer.item_code,
        Answer.choice_code,
        Answer.grade,
    )
    rows = db.execute(
        select(*grouping, func.count())
        .where(
            *_where(Answer, scope, filters),
            Answer.choice_code.is_not(None) | Answer.grade.is_not(None),
        )
        .group_by(*grouping)
    )
    today = classification.current_codes(db)
    return _summed(AnswerCell, [AnswerCell(today.get(m, m or ""), *rest) for m, *rest in rows])


@dataclass(frozen=True)
class SplitCell:
    """Answers of one grade or option among the responses that gave one answer to a background item."""

    group: str  # the background item's option code; "" where the response left it blank
    item_code: str
    choice_code: str | None
    grade: int | None
    n: int


def _background(item_code: str, response_id):
    background = aliased(Answer)
    joined = (background.response_id == response_id) & (background.item_code == item_code)
    return background, joined


def split_counts(db: Session, scope: Scope, filters: Filters, item_code: str) -> dict[str, int]:
    """Responses by their answer to the background item ``item_code`` ("" for none)."""
    background, joined = _background(item_code, Response.id)
    rows = db.execute(
        select(background.choice_code, func.count())
        .select_from(Response)
        .outerjoin(background, joined)
        .where(*_where(Response, scope, filters))
        .group_by(background.choice_code)
    )
    return {code or "": n for code, n in rows}


def split_sessions(db: Session, scope: Scope, item_code: str) -> list[tuple[str, str, str, int]]:
    """(group session, its group's name, background answer or "", responses) of the scope's sessions."""
    background, joined = _background(item_code, Response.id)
    grouping = (GroupSession.id, GroupSession.group_name, background.choice_code)
    rows = db.execute(
        select(*grouping, func.count())
        .select_from(Response)
        .join(GroupSession, GroupSession.id == Response.group_session_id)
        .outerjoin(background, joined)
        .where(*_where(Response, scope, Filters()))
        .group_by(*grouping)
    )
    return [(session, group, code or "", n) for session, group, code, n in rows]


def split_cells(db: Session, scope: Scope, filters: Filters, item_code: str) -> list[SplitCell]:
    """Counts of every chosen option and grade by the response's answer to ``item_code``."""
    background, joined = _background(item_code, Answer.response_id)
    grouping = (background.choice_code, Answer.item_code, Answer.choice_code, Answer.grade)
    rows = db.execute(
        select(*grouping, func.count())
        .select_from(Answer)
        .outerjoin(background, joined)
        .where(
            *_where(Answer, scope, filters),
            Answer.choice_code.is_not(None) | Answer.grade.is_not(None),
        )
        .group_by(*grouping)
    )
    return [SplitCell(group or "", *rest) for group, *rest in rows]


def texts(db: Session, scope: Scope, filters: Filters) -> list[tuple[str, str | None, str]]:
    """(item code, option code or None, text) of every written answer, in random-id order (ix_answer_texts)."""
    rows = db.execute(
        select(Answer.item_code, Answer.choice_code, Answer.text)
        .where(*_where(Answer, scope, filters), Answer.text.is_not(None))
        .order_by(Answer.response_id)
    )
    return [tuple(row) for row in rows]


@dataclass(frozen=True)
class RawAnswer:
    """One answer with its response's fields; a response without answers has item_code None."""

    response_id: str
    collection_id: str
    instrument_id: str
    instrument_version: int
    municipality_code: str | None
    channel: str
    period_start: dt.date
    period_precision: str
    item_code: str | None
    choice_code: str | None
    grade: int | None
    text: str | None


def raw_answers(
    db: Session, scope: Scope, filters: Filters, *, batch: int = 2000
) -> Iterator[RawAnswer]:
    """Every answer of the selected responses, ordered by random response id (never by arrival), streamed.

    Rows are fetched in batches (a server-side cursor on PostgreSQL), so memory stays flat however many.
    """
    rows = db.execute(
        select(
            Response.id,
            Response.collection_id,
            Response.instrument_id,
            Response.instrument_version,
            Response.municipality_code,
            Response.channel,
            Response.period_start,
            Response.period_precision,
            Answer.item_code,
            Answer.choice_code,
            Answer.grade,
            Answer.text,
        )
        .outerjoin(Answer, Answer.response_id == Response.id)
        .where(*_where(Response, scope, filters))
        .order_by(Response.id, Answer.item_code)
        .execution_options(yield_per=batch)
    )
    for row in rows:
        yield RawAnswer(*row)
