"""Engines of core/database.py: what a connection has checked is forgotten when it rolls back."""

from __future__ import annotations

from sqlalchemy import create_engine, text

import surveyapp.core.responses  # noqa: F401  (importing it registers nothing on the Engine class)
from surveyapp.core import database


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
