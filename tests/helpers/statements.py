"""Statements an engine sends, counted through SQLAlchemy events (the tests' and the bench's counter).

Every round trip a request costs the database is one count: each statement the cursor executes
(an executemany is one), each transaction begun (the driver sends BEGIN before the first statement)
and each COMMIT or ROLLBACK of a transaction that was begun. A connection checked out of the pool
is counted too when the pool pings it first (pre-ping is a round trip of its own).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.engine import Engine


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

    def checkout(_dbapi_connection, _record, _proxy):
        if engine.pool._pre_ping:
            counted.sent.append("PING")

    listeners = [
        (engine, "before_cursor_execute", statement),
        (engine, "begin", begin),
        (engine, "commit", commit),
        (engine, "rollback", rollback),
        (engine.pool, "checkout", checkout),
    ]
    for target, name, fn in listeners:
        event.listen(target, name, fn)
    try:
        yield counted
    finally:
        for target, name, fn in listeners:
            event.remove(target, name, fn)


def autocommit(conn) -> bool:
    return conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT"


def engine_of(app) -> Engine:
    """The app's own (primary) engine."""
    return app.extensions["surveyapp.db"].kw["bind"]
