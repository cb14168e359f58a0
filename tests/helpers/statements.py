"""Statements an engine sends, counted where they leave for the database (the tests' and the bench's counter).

Every round trip a request costs the database is one count: each statement a cursor executes
(an executemany is one), each transaction begun (the driver sends BEGIN before the first statement)
and each COMMIT or ROLLBACK of a transaction that was begun. A connection checked out of the pool
is counted too when the pool pings it first (pre-ping is a round trip of its own).

Statements are counted at the driver's cursors on PostgreSQL, where a respondent's answer goes
to a pooled connection without SQLAlchemy's execution (core/database.one_row_alone), and through
SQLAlchemy's events on SQLite. Transactions are counted through SQLAlchemy's events on both.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.engine import Engine

# The statements of one answer. PostgreSQL stores key, response and answers in one statement
# (data-modifying CTEs), which is its own transaction: no BEGIN, no COMMIT. SQLite has no such
# statement, so there an answer is BEGIN, key, response, answers, COMMIT.
POST_CEILING = {"postgresql": 1, "sqlite": 5}


@dataclass
class Counted:
    """What one stretch of requests sent: statements by kind, in the order sent."""

    sent: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.sent)

    @property
    def transaction_control(self) -> int:
        return sum(1 for s in self.sent if s in ("BEGIN", "COMMIT", "ROLLBACK", "PING"))

    def __str__(self) -> str:
        return f"{self.total}: " + "; ".join(s.split("\n")[0][:80] for s in self.sent)


@contextlib.contextmanager
def counting(engine: Engine):
    """Yields a Counted that grows with every round trip ``engine`` makes until the block ends."""
    counted = Counted()

    def statement(_conn, _cursor, sql, _params, _context, _executemany):
        counted.sent.append(" ".join(sql.split()))

    # Outside a transaction (AUTOCOMMIT) the driver sends no BEGIN, COMMIT or ROLLBACK.
    def begin(conn):
        if not autocommit(conn):
            counted.sent.append("BEGIN")

    def commit(conn):
        if not autocommit(conn):
            counted.sent.append("COMMIT")

    def rollback(conn):
        if not autocommit(conn):
            counted.sent.append("ROLLBACK")

    def checkout(dbapi_connection, _record, _proxy):
        if engine.pool._pre_ping:
            counted.sent.append("PING")
        if driver_counted:
            dbapi_connection.cursor_factory = _counting(dbapi_connection.cursor_factory)

    driver_counted = engine.dialect.driver == "psycopg"
    listeners = [
        (engine, "begin", begin),
        (engine, "commit", commit),
        (engine, "rollback", rollback),
        (engine.pool, "checkout", checkout),
    ]
    if not driver_counted:
        listeners.append((engine, "before_cursor_execute", statement))
    for target, name, fn in listeners:
        event.listen(target, name, fn)
    _COUNTERS.append(counted)
    try:
        yield counted
    finally:
        _COUNTERS.remove(counted)
        for target, name, fn in listeners:
            event.remove(target, name, fn)


# The counters open now; a psycopg cursor made while one is open records what it executes there.
_COUNTERS: list[Counted] = []


@functools.cache
def _counting(cursor_class: type) -> type:
    """``cursor_class`` recording each statement it executes in the open counters."""
    if getattr(cursor_class, "counts_statements", False):
        return cursor_class

    class Counting(cursor_class):
        counts_statements = True

        def execute(self, query, *args, **kwargs):
            _record(query)
            return super().execute(query, *args, **kwargs)

        def executemany(self, query, *args, **kwargs):
            _record(query)
            return super().executemany(query, *args, **kwargs)

    return Counting


def _record(query) -> None:
    sql = query if isinstance(query, str) else str(query)
    for counted in _COUNTERS:
        counted.sent.append(" ".join(sql.split()))


def autocommit(conn) -> bool:
    return conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT"


def engine_of(app) -> Engine:
    """The app's own (primary) engine."""
    return app.extensions["surveyapp.db"].kw["bind"]
