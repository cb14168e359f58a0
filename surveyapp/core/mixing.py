"""Hiding the order in which answers arrived, on PostgreSQL: new rows rewritten in random order.

PostgreSQL keeps two things on every row that anyone allowed to SELECT the table can read: the
transaction that wrote it (`xmin`) and where it lies (`ctid`). Both follow arrival, and a submission
key, stored in its response's transaction, shares the response's `xmin`. A mix deletes every
response that has arrived since the last mix and inserts it again, with its answers, in random
order in one transaction; then the same for the submission keys in another. Afterwards the
responses of one mix share one `xmin` and lie in random order, and no key shares a transaction
with a response. The app mixes by itself every MIX_INTERVAL_HOURS (see `Mixer`), and
`flask responses mix` mixes at once.

SQLite needs none of it: its response tables are WITHOUT ROWID (kept in random-id order) and it
keeps no write-ahead log.

No Flask here: callers pass an engine and the clock.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from surveyapp.core.models import Answer, PairingCode, Response, SubmissionKey, TopicTag

log = logging.getLogger(__name__)


def _columns(table) -> str:
    return ", ".join(f'"{column.name}"' for column in table.columns if column.name != "mixed")


_RESPONSE_COLUMNS = _columns(Response.__table__)
_ANSWER_COLUMNS = _columns(Answer.__table__)
_TAG_COLUMNS = _columns(TopicTag.__table__)
_PAIRING_COLUMNS = _columns(PairingCode.__table__)

# Every response not yet mixed, with its answers: copied aside, deleted (answers go with their
# response, ON DELETE CASCADE), inserted again in random order. Rows that arrive meanwhile are
# not in the copy and wait for the next mix.
_MIX_RESPONSES = [
    "CREATE TEMPORARY TABLE mixing_response ON COMMIT DROP AS SELECT * FROM response WHERE NOT mixed",
    "CREATE TEMPORARY TABLE mixing_answer ON COMMIT DROP AS "
    "SELECT answer.* FROM answer JOIN mixing_response ON mixing_response.id = answer.response_id",
    # The answers' topic tags go with them (ON DELETE CASCADE) and come back with them.
    "CREATE TEMPORARY TABLE mixing_topic_tag ON COMMIT DROP AS SELECT topic_tag.* FROM topic_tag "
    "JOIN mixing_response ON mixing_response.id = topic_tag.response_id",
    # So do their sealed pairing codes (core/pairing.py).
    "CREATE TEMPORARY TABLE mixing_pairing_code ON COMMIT DROP AS SELECT pairing_code.* "
    "FROM pairing_code JOIN mixing_response ON mixing_response.id = pairing_code.response_id",
    "DELETE FROM response WHERE id IN (SELECT id FROM mixing_response)",
    f"INSERT INTO response ({_RESPONSE_COLUMNS}, mixed) "
    f"SELECT {_RESPONSE_COLUMNS}, true FROM mixing_response ORDER BY random()",
    f"INSERT INTO answer ({_ANSWER_COLUMNS}) SELECT {_ANSWER_COLUMNS} FROM mixing_answer ORDER BY random()",
    f"INSERT INTO topic_tag ({_TAG_COLUMNS}) SELECT {_TAG_COLUMNS} FROM mixing_topic_tag ORDER BY random()",
    f"INSERT INTO pairing_code ({_PAIRING_COLUMNS}) "
    f"SELECT {_PAIRING_COLUMNS} FROM mixing_pairing_code ORDER BY random()",
]
_MIX_KEYS = [
    "CREATE TEMPORARY TABLE mixing_key ON COMMIT DROP AS SELECT key FROM submission_key WHERE NOT mixed",
    "DELETE FROM submission_key WHERE key IN (SELECT key FROM mixing_key)",
    "INSERT INTO submission_key (key, mixed) SELECT key, true FROM mixing_key ORDER BY random()",
]
assert SubmissionKey.__table__.columns.keys() == ["key", "mixed"], "_MIX_KEYS names every column"


@dataclass(frozen=True)
class Mixed:
    responses: int
    keys: int


def _lock(conn: Connection) -> int | None:
    """Take the one mixing lock (a row lock, so every app host waits for it); the last mix's Unix second."""
    return conn.execute(
        text("SELECT last_mix FROM arrival_mix WHERE id = 1 FOR UPDATE")
    ).scalar_one()


def mix(engine: Engine, *, now: int, interval_seconds: int = 0) -> Mixed | None:
    """Mix what arrived since the last mix, if that was ``interval_seconds`` or more ago; None if not due."""
    if engine.dialect.name != "postgresql":
        return Mixed(0, 0)
    with engine.begin() as conn:
        last = _lock(conn)
        if last is not None and now - last < interval_seconds:
            return None
        for statement in _MIX_RESPONSES:
            conn.execute(text(statement))
        responses = _count(conn, "mixing_response")
        conn.execute(text("UPDATE arrival_mix SET last_mix = :now WHERE id = 1"), {"now": now})
    # A transaction of its own, so no key shares its transaction (xmin) with a response.
    with engine.begin() as conn:
        _lock(conn)
        for statement in _MIX_KEYS:
            conn.execute(text(statement))
        keys = _count(conn, "mixing_key")
    if responses or keys:
        # The deleted row versions are left for VACUUM; clear them now rather than at autovacuum's leisure.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM response, answer, submission_key"))
    return Mixed(responses, keys)


def _count(conn: Connection, copy: str) -> int:
    """How many rows the mix took: its own copy, so answers arriving meanwhile are not counted."""
    return conn.execute(text(f"SELECT count(*) FROM {copy}")).scalar_one()


class Mixer:
    """A daemon thread of one app process that mixes when due, checking every ``check_seconds``.

    Every process of every host runs one; the row lock in `mix` lets one of them mix at a time and
    the others find it done.
    """

    def __init__(self, engine: Engine, interval_seconds: int, check_seconds: float) -> None:
        self.engine = engine
        self.interval_seconds = interval_seconds
        self.check_seconds = check_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="surveyapp-mixer", daemon=True)

    def start(self) -> Mixer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                done = mix(
                    self.engine, now=int(time.time()), interval_seconds=self.interval_seconds
                )
                if done is not None:
                    log.info("mixed %d responses and %d submission keys", done.responses, done.keys)
            except (
                Exception
            ) as exc:  # the database may be away for a while; the next check tries again
                # The class only: a database error's detail could quote a row.
                log.warning(
                    "mixing responses failed (%s); trying again in %s s",
                    type(exc).__name__,
                    self.check_seconds,
                )
            self._stop.wait(self.check_seconds)
