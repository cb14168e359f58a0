"""The declarative base with its naming convention, and engines (SQLite with its pragmas). No Flask here."""

from __future__ import annotations

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        # No ping before each use (a round trip per request): a connection found dead when used (the
        # server restarted) invalidates the pool, and the respondent views serve the request once
        # more (web/database.serve_again).
        engine = create_engine(url)
    event.listen(engine, "rollback", _forget_on_rollback)
    return engine


# Facts a connection has checked (responses.py's recorded instrument versions), kept in its info.
UNTIL_ROLLBACK = "surveyapp.until_rollback"


def until_rollback(connection: Connection) -> dict | None:
    """The connection's memory of checked facts, emptied when it rolls back; None on an engine not
    made by make_engine, which would not empty it (the caller then checks every time)."""
    if not event.contains(connection.engine, "rollback", _forget_on_rollback):
        return None
    return connection.info.setdefault(UNTIL_ROLLBACK, {})


def _forget_on_rollback(connection: Connection) -> None:
    """A rolled-back transaction may have taken a checked row with it: check again next time.

    An invalidated connection (the server went away) is replaced by one with empty info anyway.
    """
    if not connection.invalidated:
        connection.info.pop(UNTIL_ROLLBACK, None)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # SQLite's default rollback journal, deleted at each commit, and never a write-ahead log: that would
    # keep the latest answers, in arrival order, in a file beside the database (it would also make
    # commits faster; bench/ measures the app as configured here).
    cursor.close()
