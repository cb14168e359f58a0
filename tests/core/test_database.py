"""Engines of core/database.py: what a connection has checked is forgotten when it rolls back; one
statement alone on a pooled connection behaves as SQLAlchemy's own execution would."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.pool import NullPool

import surveyapp.core.responses  # noqa: F401  (importing it registers nothing on the Engine class)
from surveyapp.core import database
from tests import pg


def test_no_listener_on_every_engine_of_the_process():
    assert not create_engine("sqlite://").dispatch.rollback


def test_an_engine_made_here_forgets_on_rollback_and_another_engine_remembers_nothing(tmp_path):
    made = database.make_engine(f"sqlite:///{tmp_path / 'made.sqlite3'}")
    plain = create_engine(f"sqlite:///{tmp_path / 'plain.sqlite3'}")
    with made.connect() as connection:
        connection.execute(text("SELECT 1"))
        database.until_rollback(connection)["checked"] = {"fact"}
        connection.commit()
        assert database.until_rollback(connection) == {"checked": {"fact"}}
        connection.execute(text("SELECT 1"))
        connection.rollback()
        assert database.until_rollback(connection) == {}
    with plain.connect() as connection:
        assert database.until_rollback(connection) is None
    made.dispose(), plain.dispose()


@pytest.fixture
def postgresql_url(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip(
            "one_row_alone is PostgreSQL's (core/responses.py stores three statements on SQLite)"
        )
    return database_url


def test_one_statement_alone_commits_by_itself_and_leaves_the_pool_as_it_was(postgresql_url):
    engine = database.make_engine(postgresql_url)
    assert database.one_row_alone(
        engine,
        "INSERT INTO municipality (code, name) VALUES (%(code)s, %(name)s) RETURNING name",
        {"code": "muhos", "name": "Muhos"},
    ) == ("Muhos",)
    with engine.connect() as other:  # committed: another connection sees it
        assert other.scalar(text("SELECT name FROM municipality")) == "Muhos"
        # The pooled connection is back in transactions: this one is rolled back.
        other.execute(text("INSERT INTO municipality (code, name) VALUES ('oulu', 'Oulu')"))
        other.rollback()
        assert other.scalars(text("SELECT code FROM municipality")).all() == ["muhos"]
    engine.dispose()


def test_a_refused_statement_is_sqlalchemys_error_and_the_connection_stays_usable(postgresql_url):
    engine = database.make_engine(postgresql_url)
    insert = "INSERT INTO municipality (code, name) VALUES (%(code)s, %(code)s) RETURNING code"
    database.one_row_alone(engine, insert, {"code": "muhos"})
    with pytest.raises(IntegrityError) as refused:
        database.one_row_alone(engine, insert, {"code": "muhos"})
    assert not refused.value.connection_invalidated
    assert database.one_row_alone(engine, insert, {"code": "utajarvi"}) == ("utajarvi",)
    engine.dispose()


def test_a_connection_the_server_dropped_is_invalidated_and_the_next_one_works(postgresql_url):
    engine = database.make_engine(postgresql_url)
    backend = database.one_row_alone(engine, "SELECT pg_backend_pid()", {})[0]
    admin = create_engine(postgresql_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
    admin.dispose()
    with pytest.raises(DBAPIError) as dropped:
        database.one_row_alone(engine, "SELECT pg_backend_pid()", {})
    assert dropped.value.connection_invalidated
    assert database.one_row_alone(engine, "SELECT pg_backend_pid()", {})[0] != backend
    engine.dispose()


def test_no_server_to_connect_to_is_sqlalchemys_operational_error(postgresql_url):
    """What the app answers with a 503 (web/errors.py), as when SQLAlchemy itself connects."""
    closed = make_url(postgresql_url).set(port=pg.free_port())
    engine = database.make_engine(closed.render_as_string(hide_password=False))
    with pytest.raises(OperationalError) as refused:
        database.one_row_alone(engine, "SELECT 1", {})
    assert not refused.value.connection_invalidated
    engine.dispose()


def test_an_error_never_quotes_the_values_it_was_sent(database_url):
    """Errors reach the log (web/errors.py): the values of a refused statement are answers."""
    engine = database.make_engine(database_url)
    insert = "INSERT INTO municipality (code, name) VALUES (:code, 'Sama nimi')"
    with engine.begin() as conn:
        conn.execute(text(insert), {"code": "muhos"})
    with pytest.raises(IntegrityError) as refused, engine.begin() as conn:
        conn.execute(text(insert), {"code": "salainen-vastaus"})
    assert "salainen-vastaus" not in str(refused.value)
    if engine.dialect.name == "postgresql":
        alone = "INSERT INTO municipality (code, name) VALUES (%(code)s, 'Sama nimi') RETURNING 1"
        with pytest.raises(IntegrityError) as refused:
            database.one_row_alone(engine, alone, {"code": "toinen-vastaus"})
        assert "toinen-vastaus" not in str(refused.value)
    engine.dispose()
