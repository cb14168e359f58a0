"""The app's engines and the per-request session (the base and engines themselves: core/database.py)."""

from __future__ import annotations

import functools
import os

from flask import Flask, current_app, g
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from surveyapp.core import catalog as catalogs
from surveyapp.core.database import make_engine


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    sessions = sessionmaker(engine, expire_on_commit=False)
    app.extensions["surveyapp.db"] = sessions
    app.extensions["surveyapp.catalog"] = catalogs.Catalog(sessions)
    if app.config.get("REPORTING_DATABASE_URL"):
        reporting = make_engine(app.config["REPORTING_DATABASE_URL"])
        app.extensions["surveyapp.reporting_db"] = sessionmaker(reporting, expire_on_commit=False)
    app.teardown_appcontext(_close_session)
    hours = app.config["MIX_INTERVAL_HOURS"]
    if hours and engine.dialect.name == "postgresql":
        _mix_in_every_process(app, engine, hours * 3600)


# How often each app process asks whether a mix is due: a one-row read, every few minutes.
MIX_CHECK_SECONDS = 300


def _mix_in_every_process(app: Flask, engine: Engine, interval_seconds: int) -> None:
    """Start a mixer thread in each process that serves requests (a gunicorn worker forks after create_app)."""
    from surveyapp.core.mixing import Mixer

    started_in: list[int] = []

    @app.before_request
    def _start_mixer() -> None:
        if not started_in or started_in[0] != os.getpid():
            started_in[:] = [os.getpid()]
            app.extensions["surveyapp.mixer"] = Mixer(
                engine, interval_seconds, MIX_CHECK_SECONDS
            ).start()


def engine() -> Engine:
    return current_app.extensions["surveyapp.db"].kw["bind"]


def session() -> Session:
    """The session of the current request or app context; the view commits once."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["surveyapp.db"]()
    return g.db_session


def commit() -> None:
    """Commit what the request's session wrote, if it began anything: an answer stored by a
    statement of its own (core/responses.py) leaves the session with nothing to commit."""
    db = g.get("db_session")
    if db is not None and db.in_transaction():
        db.commit()


def catalog() -> catalogs.Catalog:
    """The app's cache of what respondent pages read (core/catalog.py)."""
    return current_app.extensions["surveyapp.catalog"]


def serve_again(view):
    """A respondent view served once more when what it read changed before its transaction ended
    (catalog.Changed), or when its pooled connection was found dead (the database restarted: the
    pool is renewed by then). Its transaction is rolled back first, so nothing is stored twice."""

    @functools.wraps(view)
    def served(*args, **kwargs):
        for tries_left in (2, 1, 0):
            try:
                return view(*args, **kwargs)
            except catalogs.Changed:
                if not tries_left:
                    raise
            except DBAPIError as error:
                if not error.connection_invalidated or tries_left < 2:
                    raise
            _discard_session()

    return served


def _discard_session() -> None:
    g.pop("service_organisation", None)  # read with the data that changed
    db = g.pop("db_session", None)
    if db is not None:
        db.rollback()
        db.close()


def reporting_session() -> Session:
    """A session for read-only results queries: on REPORTING_DATABASE_URL (a replica) when it is set."""
    factory = current_app.extensions.get("surveyapp.reporting_db")
    if factory is None:
        return session()
    if "reporting_session" not in g:
        g.reporting_session = factory()
    return g.reporting_session


def _close_session(exc: BaseException | None) -> None:
    for name in ("db_session", "reporting_session"):
        db = g.pop(name, None)
        if db is not None:
            if exc is not None:
                db.rollback()
            db.close()
