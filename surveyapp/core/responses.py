"""Storing responses: one response per submission key, in the caller's transaction, never committed here.

Every answer of every channel comes through here, so it is written with plain SQL statements (no
unit of work): claim the key, insert the response, insert its answers. A respondent's answer
(``submit_keyed``) takes as few statements as the database allows: on PostgreSQL one (the key, the
response and its answers), on SQLite three; the first also returns the config version
(core/catalog.py) the answer was checked against.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import (
    Integer,
    Text,
    bindparam,
    cast,
    column,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    true,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from surveyapp.core import database, periods
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import (
    Answer,
    Collection,
    ConfigVersion,
    InstrumentVersion,
    Response,
    SubmissionKey,
    random_id,
)

_DIALECT_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
# Built once: only the parameters change from answer to answer.
_INSERT_RESPONSE = insert(Response.__table__)
_INSERT_ANSWER = insert(Answer.__table__)
_INSERT_NEW = {
    (dialect, table.name): make(table).on_conflict_do_nothing().returning(*table.primary_key)
    for dialect, make in _DIALECT_INSERT.items()
    for table in (SubmissionKey.__table__, InstrumentVersion.__table__)
}


def key_digest(key: str) -> str:
    """Stored form of a submission key: the key itself never reaches the database."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _insert_new(db: Session, table, row: dict) -> bool:
    """INSERT unless the primary key exists (committed, or in flight: PostgreSQL waits for that one); True if new."""
    return db.execute(_INSERT_NEW[db.get_bind().dialect.name, table.name], row).first() is not None


def claim_key(db: Session, key: str) -> bool:
    """Record the key in this transaction; False when an answer with this key is stored already.

    The key table's primary key decides, so two requests racing with one key store one answer.
    """
    return _insert_new(db, SubmissionKey.__table__, {"key": key_digest(key)})


def release_key(db: Session, key: str) -> None:
    """Undo this transaction's claim of ``key``: nothing was stored with it after all."""
    db.execute(delete(SubmissionKey).where(SubmissionKey.key == key_digest(key)))


def ensure_instrument_version(db: Session, instrument: spec.Instrument) -> None:
    """Record the instrument version (and its content hash) that answers are stored against.

    Checked once per database connection until it rolls back: a recorded version never changes.
    """
    memory = database.until_rollback(db.connection())
    checked = set() if memory is None else memory.setdefault("instrument_versions", set())
    version = (instrument.id, instrument.version, instrument.content_hash)
    if version in checked:
        return
    row = {
        "instrument_id": instrument.id,
        "version": instrument.version,
        "content_hash": instrument.content_hash,
    }
    if not _insert_new(db, InstrumentVersion.__table__, row):
        stored = db.scalar(
            select(InstrumentVersion.content_hash).filter_by(
                instrument_id=instrument.id, version=instrument.version
            )
        )
        if stored != instrument.content_hash:
            raise ValueError(
                f"{instrument.id} version {instrument.version} is stored with other content; "
                "raise its version"
            )
    checked.add(version)


def submit(
    db: Session,
    *,
    collection: Collection,
    instrument: spec.Instrument,
    answers: Iterable[AnswerValue],
    channel: str,
    municipality_code: str | None,
    day: dt.date,
    precision: str,
    key: str | None,
    group_session_id: str | None = None,
) -> str | None:
    """Add a response and return its id; None when ``key`` was already used (the answer is stored already)."""
    if key is not None and not claim_key(db, key):
        return None
    ensure_instrument_version(db, instrument)
    db.flush()  # objects added but not yet written, such as a collection created with its answers
    response_id = random_id()
    grouping = {
        "collection_id": collection.id,
        "instrument_id": instrument.id,
        "municipality_code": municipality_code,
        "period_start": periods.period_start(day, precision),
        "channel": channel,
    }
    db.execute(
        _INSERT_RESPONSE,
        {
            "id": response_id,
            **grouping,
            "instrument_version": instrument.version,
            "group_session_id": group_session_id,
            "period_precision": precision,
        },
    )
    rows = [
        {
            "response_id": response_id,
            "item_code": a.item_code,
            "choice_code": a.choice_code,
            "grade": a.grade,
            "text": a.text,
            **grouping,
        }
        for a in answers
    ]
    if rows:
        db.execute(_INSERT_ANSWER, rows)
    return response_id


_RESPONSE_COLUMNS = (
    "id",
    "collection_id",
    "instrument_id",
    "instrument_version",
    "municipality_code",
    "group_session_id",
    "channel",
    "period_start",
    "period_precision",
)
_GROUPING = ("collection_id", "instrument_id", "municipality_code", "period_start", "channel")
_ANSWER_VALUES = ("item_code", "choice_code", "grade", "text")
_CONFIG_VERSION = select(ConfigVersion.version).where(ConfigVersion.id == 1).scalar_subquery()


def _claim_and_store_postgresql():
    """One statement: the key claimed (unless the config version is no longer ``expected``), the
    response and its answers inserted if it was, and the config version. The answers come as one
    JSON array (the same statement for any number); their check runs after the statement
    (migration 0024), so it sees the response."""
    responses, answers = Response.__table__, Answer.__table__
    keys = SubmissionKey.__table__
    expected = bindparam("expected", type_=Integer)
    claimed = (
        postgresql.insert(keys)
        .from_select(
            ["key", "mixed"],
            select(bindparam("key", type_=keys.c.key.type), false()).where(
                or_(expected.is_(None), _CONFIG_VERSION == expected)
            ),
        )
        .on_conflict_do_nothing()
        .returning(keys.c.key)
        .cte("claimed")
    )
    row = select(*(bindparam(c, type_=responses.c[c].type) for c in _RESPONSE_COLUMNS))
    stored = (
        insert(responses)
        .from_select(list(_RESPONSE_COLUMNS), row.select_from(claimed), include_defaults=False)
        .returning(responses.c.id, *(responses.c[c] for c in _GROUPING))
        .cte("stored")
    )
    # The answers as one JSON array of objects (one parameter for any number of answers). The
    # columns' kinds without their lengths: VARCHAR(40) would cut a longer value short, where the
    # column refuses it.
    given = (
        func.json_to_recordset(cast(bindparam("answers", type_=Text), postgresql.JSON))
        .table_valued(*(column(c, answers.c[c].type.__class__()) for c in _ANSWER_VALUES))
        .render_derived(name="given", with_types=True)
    )
    answered = (
        insert(answers)
        .from_select(
            ["response_id", *_ANSWER_VALUES, *_GROUPING],
            select(stored.c.id, *given.c, *(stored.c[c] for c in _GROUPING)).select_from(
                stored.join(given, true())
            ),
        )
        .cte("answered")
    )
    return select(
        select(func.count()).select_from(stored).scalar_subquery(), _CONFIG_VERSION
    ).add_cte(answered)


_CLAIM_AND_STORE_POSTGRESQL = _claim_and_store_postgresql()


@functools.lru_cache(maxsize=4)
def _compiled_claim_and_store(dialect) -> tuple[str, dict]:
    """The one statement as the driver's SQL and its fixed parameters, compiled once per engine:
    sent as it is, it skips the cache-key walk of a large statement on every answer."""
    compiled = _CLAIM_AND_STORE_POSTGRESQL.compile(dialect=dialect)
    fixed = {compiled.bind_names[b]: b.value for b in compiled.binds.values() if not b.required}
    return compiled.string, fixed


_CLAIM_SQLITE = (
    sqlite.insert(SubmissionKey.__table__)
    .values(key=bindparam("key"), mixed=false())
    .on_conflict_do_nothing()
    .returning(_CONFIG_VERSION)
)


@dataclass(frozen=True)
class Stored:
    response_id: str | None  # None: the key's answer was stored already
    config_version: int | None  # as the storing transaction read it (None: not read)


def submit_keyed(
    db: Session,
    *,
    key: str,
    collection_id: str,
    instrument: spec.Instrument,
    answers: Iterable[AnswerValue],
    channel: str,
    municipality_code: str | None,
    day: dt.date,
    precision: str,
    group_session_id: str | None = None,
    alone_at: int | None = None,
) -> Stored:
    """Claim ``key`` and add its response in the fewest statements; its instrument version is
    recorded already (catalog.record_instrument).

    ``alone_at``: the answer is its request's only write and was checked against what the config
    version ``alone_at`` describes. On PostgreSQL it is then stored only while that version is
    current, by one statement that is its own transaction when none has begun (no BEGIN, no COMMIT:
    one round trip); a moved version stores nothing and returns the new one.
    """
    response_id = random_id()
    grouping = {
        "collection_id": collection_id,
        "instrument_id": instrument.id,
        "municipality_code": municipality_code,
        "period_start": periods.period_start(day, precision),
        "channel": channel,
    }
    row = {
        "id": response_id,
        **grouping,
        "instrument_version": instrument.version,
        "group_session_id": group_session_id,
        "period_precision": precision,
    }
    digest = key_digest(key)
    answers = list(answers)
    # Plain statements need none of the ORM's work.
    if db.get_bind().dialect.name == "postgresql":
        sql, fixed = _compiled_claim_and_store(db.get_bind().dialect)
        values = {**fixed, "key": digest, "expected": alone_at, **row}
        values["answers"] = json.dumps(
            [{c: getattr(a, c) for c in _ANSWER_VALUES} for a in answers], ensure_ascii=False
        )
        if alone_at is not None and not db.in_transaction():
            # Its own transaction, on a pooled connection of the session's engine.
            stored, version = database.one_row_alone(db.get_bind(), sql, values)
        else:
            stored, version = db.connection().exec_driver_sql(sql, values).one()
        return Stored(response_id if stored else None, version)
    connection = db.connection()
    claimed = connection.execute(_CLAIM_SQLITE, {"key": digest}).first()
    if claimed is None:
        return Stored(None, None)
    connection.execute(_INSERT_RESPONSE, row)
    if answers:
        connection.execute(
            _INSERT_ANSWER,
            [
                {
                    "response_id": response_id,
                    **{c: getattr(a, c) for c in _ANSWER_VALUES},
                    **grouping,
                }
                for a in answers
            ],
        )
    return Stored(response_id, claimed[0])
