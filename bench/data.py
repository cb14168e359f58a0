"""Bulk-loaded responses for the scale benchmarks: executemany on SQLite, COPY on PostgreSQL, never HTTP."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from typing import Iterator

from sqlalchemy import create_engine

from surveyapp.core.instruments.registry import Registry
from surveyapp.core.models import Collection, InstrumentVersion, Municipality, Project, User

from .servers import ROOT

MUNICIPALITIES = {
    "muhos": "Muhos",
    "utajarvi": "Utajärvi",
    "pudasjarvi": "Pudasjärvi",
    "kemijarvi": "Kemijärvi",
}
CHANNELS = ("web", "kiosk", "paper")
TEXT_SHARE = 0.01  # one answer in a hundred has a written comment
FIRST_WEEK = dt.date(2024, 1, 1)  # a Monday; responses spread over three years of weeks
RESPONSE_COLUMNS = (
    "id",
    "collection_id",
    "instrument_id",
    "instrument_version",
    "municipality_code",
    "channel",
    "period_start",
    "period_precision",
)
ANSWER_COLUMNS = (
    "response_id",
    "item_code",
    "grade",
    "text",
    "collection_id",
    "instrument_id",
    "municipality_code",
    "period_start",
    "channel",
)


def instrument():
    return Registry.from_directory(ROOT / "instruments")["session_feedback"]


def prepare(url: str) -> tuple[str, str, str]:
    """A project, four municipalities, one session-feedback collection and an admin: (slug, collection id, user id)."""
    from sqlalchemy.orm import Session

    instrument_ = instrument()
    engine = create_engine(url)
    with Session(engine) as db:
        places = [Municipality(code=c, name=n) for c, n in MUNICIPALITIES.items()]
        collection = Collection(
            slug="mittaus",
            title="Mittaus",
            instrument_id=instrument_.id,
            audience="participants",
            project=Project(slug="mittaus", name="Mittaus"),
            municipalities=places,
        )
        user = User(email="mittaus@example.fi", name="Mittaus", password_hash="-", role="admin")
        db.add_all(
            [
                collection,
                user,
                InstrumentVersion(
                    instrument_id=instrument_.id,
                    version=instrument_.version,
                    content_hash=instrument_.content_hash,
                ),
            ]
        )
        db.commit()
        ids = collection.slug, collection.id, user.id
    engine.dispose()
    return ids


def rows(collection_id: str, count: int, seed: int) -> Iterator[tuple[tuple, list[tuple]]]:
    """`count` responses with their answers: a grade 4–10 each, a comment now and then."""
    rng, version = random.Random(seed), instrument().version
    municipalities = list(MUNICIPALITIES)
    for _ in range(count):
        response_id = secrets.token_hex(16)
        week = FIRST_WEEK + dt.timedelta(weeks=rng.randrange(156))
        response = (
            response_id,
            collection_id,
            "session_feedback",
            version,
            rng.choice(municipalities),
            rng.choice(CHANNELS),
            week,
            "week",
        )
        grouping = (
            response[1],
            response[2],
            response[4],
            response[6],
            response[5],
        )  # as the answer table copies them
        answers = [(response_id, "arvosana", rng.choice((6, 7, 8, 8, 9, 9, 10)), None, *grouping)]
        if rng.random() < TEXT_SHARE:
            answers.append(
                (response_id, "vapaa_palaute", None, f"Palaute {rng.randrange(10**6)}", *grouping)
            )
        yield response, answers


def load(url: str, collection_id: str, count: int, *, seed: int = 0, batch: int = 50_000) -> None:
    """Add `count` responses, in batches, sorted by id within a batch (the B-trees fill faster)."""
    engine = create_engine(url)
    connection = engine.raw_connection()
    try:
        generated = rows(collection_id, count, seed)
        while True:
            chunk = sorted(_take(generated, batch))
            if not chunk:
                break
            responses = [r for r, _a in chunk]
            answers = [a for _r, answer_list in chunk for a in answer_list]
            if engine.dialect.name == "postgresql":
                _copy(connection, "response", RESPONSE_COLUMNS, responses)
                _copy(connection, "answer", ANSWER_COLUMNS, answers)
            else:
                cursor = connection.cursor()
                cursor.executemany(
                    _insert("response", RESPONSE_COLUMNS), [_sqlite(r) for r in responses]
                )
                cursor.executemany(
                    _insert("answer", ANSWER_COLUMNS), [_sqlite_answer(a) for a in answers]
                )
                cursor.close()
            connection.commit()
    finally:
        connection.close()
        engine.dispose()
    analyse(url)


def analyse(url: str) -> None:
    """Fresh planner statistics (and on PostgreSQL the visibility map), as autovacuum would leave them."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
    engine.dispose()


def _take(iterator, n: int) -> list:
    return [item for _, item in zip(range(n), iterator)]


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


def _sqlite(response: tuple) -> tuple:
    return (*response[:6], response[6].isoformat(), response[7])


def _sqlite_answer(answer: tuple) -> tuple:
    return (*answer[:7], answer[7].isoformat(), answer[8])


def _copy(connection, table: str, columns: tuple[str, ...], values: list[tuple]) -> None:
    cursor = connection.cursor()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)
    cursor.close()
