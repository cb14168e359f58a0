"""The declarative base with its naming convention, and engines (SQLite with its pragmas). No Flask here."""

from __future__ import annotations

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
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
    # An error never quotes a statement's values: they are answers, and errors reach the log.
    if url.startswith("sqlite"):
        engine = create_engine(url, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        # No ping before each use (a round trip per request): a connection found dead when used (the
        # server restarted) invalidates the pool, and the respondent views serve the request once
        # more (web/database.serve_again).
        engine = create_engine(url, hide_parameters=True)
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


def one_row_alone(engine: Engine, sql: str, parameters: dict) -> tuple:
    """Run one statement, in the driver's own SQL, as its own transaction on a connection of
    ``engine``'s pool, and return its one row.

    For the hottest write (a respondent's answer on PostgreSQL, core/responses.py): SQLAlchemy's
    connection, execution context and result cost as much CPU there as the driver's own work, so
    the statement goes to the pooled DBAPI connection in autocommit. Failures are SQLAlchemy's
    as Connection.execute raises them: a connection the server dropped is invalidated and raised
    as a DBAPIError with ``connection_invalidated``, so the request can be served again.
    """
    dialect = engine.dialect
    try:
        pooled = engine.raw_connection()
    except dialect.loaded_dbapi.Error as error:  # no connection to be had (the server is down)
        raise _wrapped(engine, error, None, None, dialect.is_disconnect(error, None, None))
    driver = pooled.driver_connection
    dropped = False
    try:
        driver.autocommit = True
        with driver.cursor() as cursor:
            cursor.execute(sql, parameters)
            return cursor.fetchone()
    except dialect.loaded_dbapi.Error as error:
        dropped = dialect.is_disconnect(error, driver, None)
        if dropped:
            pooled.invalidate(error)
        raise _wrapped(engine, error, sql, parameters, dropped)
    finally:
        if not dropped:
            try:
                driver.autocommit = False
            except dialect.loaded_dbapi.Error as error:  # a connection in no state to reuse
                pooled.invalidate(error)
        pooled.close()


def _wrapped(engine: Engine, error, sql, parameters, dropped: bool) -> DBAPIError:
    """The driver's ``error`` as SQLAlchemy raises it (OperationalError, IntegrityError, …)."""
    wrapped = DBAPIError.instance(
        sql,
        parameters,
        error,
        engine.dialect.loaded_dbapi.Error,
        hide_parameters=engine.hide_parameters,
        connection_invalidated=dropped,
        dialect=engine.dialect,
    )
    wrapped.__cause__ = error
    return wrapped


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # SQLite's default rollback journal, deleted at each commit, and never a write-ahead log: that would
    # keep the latest answers, in arrival order, in a file beside the database (it would also make
    # commits faster; bench/ measures the app as configured here).
    cursor.close()
